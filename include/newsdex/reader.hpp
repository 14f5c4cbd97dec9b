/// \file
/// Turning inputs (files, directories, stdin) into Article values.
#pragma once

#include <newsdex/article.hpp>
#include <newsdex/error.hpp>
#include <newsdex/export.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

/// How an input's bytes are read. `automatic` decides by extension: `.jsonl`/`.ndjson` JSON Lines,
/// `.json` a JSON array (one article per element), JSON Lines, or pretty-printed objects one after
/// another, `.html`/`.htm`/`.xhtml` HTML, anything else plain text; a `.gz` suffix is decompressed
/// first. See docs/INGESTION.md.
enum class InputFormat {
  automatic, ///< by the file's extension, as above
  text,      ///< a plain-text article (parse_text_article)
  jsonl,     ///< JSON Lines: one article object a line
  json,      ///< a JSON array of article objects, JSON Lines, or objects one after another
  html       ///< a saved web page
};

/// How inputs are read: what InputWalker, read_articles and Indexer::index (IndexOptions::read)
/// do with the paths they are given.
struct ReadOptions {
  /// Prepended to every article id, so collections that both number from 1 can share a database.
  std::string id_prefix;
  /// Files larger than this are skipped with a reason. Default 64 MiB.
  std::uint64_t max_file_bytes = 64ull << 20;
  /// Format of standard input (the input named "-"). Default text.
  InputFormat stdin_format = InputFormat::text;
  /// Field mapping for JSON input: our field name ("body") -> the name in the input ("story").
  std::vector<std::pair<std::string, std::string>> json_fields;
  /// Globs (fnmatch(3)) for files found while walking a directory; files named directly are always
  /// read. A pattern with a '/' is matched against the path relative to the directory argument
  /// ('*' may cross '/'), one without against the file name. When `include` is not empty a file
  /// must match one of its patterns; a file or directory matching an `exclude` pattern is skipped
  /// (an excluded directory is not entered).
  std::vector<std::string> include;
  /// Globs of files and directories to skip while walking a directory (see `include`).
  std::vector<std::string> exclude;
};

/// Something wrong with one input. The rest of the batch goes on.
struct InputProblem {
  /// How bad it is: whether the article was still read.
  enum class Severity {
    warning, ///< the article was still read (e.g. repaired UTF-8, unparseable date)
    skipped, ///< the input was deliberately not read (empty, binary, too large)
    failed,  ///< the input could not be read (missing, unreadable, malformed)
  };
  Severity severity = Severity::failed; ///< whether the article was still read
  Location where;      ///< the file, and the line (and column) of a record in it when known
  std::string message; ///< what is wrong, without the location
};

/// "warning", "skipped" or "failed": the names the CLI's JSON and the Python binding give them.
NEWSDEX_EXPORT const char* severity_name(InputProblem::Severity severity);

/// One unit of work from the serial read stage: the raw bytes of one article (a whole text file or
/// one JSON line) and where they came from. Parsing happens later, in parallel.
struct RawRecord {
  InputFormat format = InputFormat::text; ///< never automatic
  std::string bytes; ///< the record as read (decompressed; not yet converted to UTF-8)
  Location where;    ///< file; for JSON Lines the line; for a JSON array element its first line and
                     ///< column
  std::size_t element = 0; ///< 1-based position of a JSON array element in its array, else 0
  std::string default_id;  ///< id to use when the record has none (path-derived); may be empty
  std::shared_ptr<const ReadOptions> options; ///< the options the walker was given
};

/// Walks inputs in order, yielding raw records and problems. Not thread-safe: the one serial stage.
class NEWSDEX_EXPORT InputWalker {
public:
  /// Walks `inputs` (files, directories walked recursively, "-" for standard input) in order.
  /// Opens nothing yet: a missing path is reported by next(), never thrown.
  InputWalker(std::vector<std::string> inputs, ReadOptions options);
  ~InputWalker();
  /// Takes over the other's position; the other may then only be destroyed or assigned to.
  InputWalker(InputWalker&&) noexcept;
  /// Takes over the other's position; the other may then only be destroyed or assigned to.
  InputWalker& operator=(InputWalker&&) noexcept;

  /// Fills `record` with the next record and returns true, or returns false at the end.
  /// Problems met on the way (missing paths, unreadable files) are passed to `on_problem`.
  bool next(RawRecord& record, const std::function<void(InputProblem)>& on_problem);

  /// Bytes of input consumed so far.
  std::uint64_t bytes_read() const;

private:
  struct NEWSDEX_NO_EXPORT Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses one raw record into an article. Returns false and fills `problem` when the record is
/// unusable; warnings (the article is still usable) are appended to `warnings`.
NEWSDEX_EXPORT bool parse_record(const RawRecord& record, Article& article, InputProblem& problem,
                                 std::vector<InputProblem>& warnings);

/// Parses a plain-text article: optional `Key: value` header block (Title, Date, Source, URL,
/// Author, Language, Id; it overrides what is inferred), headline or lead-sentence title, dateline
/// place, subheadings, trailing "Source:" line. Dates are left as written (parse_record
/// normalizes them).
NEWSDEX_EXPORT Article parse_text_article(std::string_view text);

/// One JSON Lines record (no newline) holding every field of `article`: the format `newsdex
/// export` writes and `newsdex index` reads back into the same article. Bytes that are not UTF-8
/// become U+FFFD (ingestion never stores such bytes).
NEWSDEX_EXPORT std::string article_to_json(const Article& article);

/// Reads every input serially and calls `on_article` for each article read.
NEWSDEX_EXPORT void read_articles(const std::vector<std::string>& inputs,
                                  const ReadOptions& options,
                                  const std::function<void(Article&&)>& on_article,
                                  const std::function<void(const InputProblem&)>& on_problem);

} // namespace newsdex
