// Output formats of search-like subcommands (search, similar, show), notmuch-style: a command
// builds results through the library and hands them to a Printer chosen by --format, so every
// command supports every format and adding a format is one class.
#pragma once

#include <CLI/CLI.hpp>
#include <newsdex/article.hpp>
#include <newsdex/searcher.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::cli {

/// The formats `--format` accepts for results.
inline const std::vector<std::string> result_formats{"text", "json", "jsonl", "trec", "ids"};

struct PrinterOptions {
  bool colour = false;  ///< ANSI colour (text only)
  bool batch = false;   ///< several queries (--queries FILE): JSON wraps them in "queries"
  bool explain = false; ///< print SearchResults::explanation
  std::string run_tag = "newsdex"; ///< last column of a TREC run
};

class Printer {
public:
  virtual ~Printer() = default;
  /// The results of one query. `qid` is the query's id in batch mode, else "1".
  virtual void results(const std::string& qid, const SearchResults& r) = 0;
  /// After the last query (closes the JSON document).
  virtual void finish() {}
};

/// A printer for `format` (one of result_formats) writing to `out`.
std::unique_ptr<Printer> make_printer(std::string_view format, std::ostream& out,
                                      PrinterOptions options);

/// Adds --limit/-n, --offset and --format (result_formats) to a search-like subcommand.
void add_search_options(CLI::App& cmd, std::string& format, std::size_t& limit,
                        std::size_t& offset);

/// `newsdex show`: the stored article as text (header lines, blank line, body) or JSON.
void print_article(std::string_view format, const Article& a, std::ostream& out);

} // namespace newsdex::cli
