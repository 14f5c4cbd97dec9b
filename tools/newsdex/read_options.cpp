#include "read_options.hpp"

#include <algorithm>
#include <iterator>

namespace newsdex::cli {

// The vector options take one value per occurrence, like every option (one_value_per_option in
// main), so the inputs may follow them: --include '*.txt' DIR.
void add_read_options(CLI::App& cmd, ReadArgs& args) {
  cmd.add_option("--id-prefix", args.id_prefix, "Prefix every article id (to share a database)");
  cmd.add_option("--stdin-format", args.stdin_format,
                 "Format of stdin (-): text (default), jsonl, json or html; gzip is detected")
      ->check(CLI::IsMember({"text", "jsonl", "json", "html"}));
  cmd.add_option("--field", args.fields,
                 "JSON field mapping OURS=THEIRS, e.g. body=story (repeatable; OURS is id, title, "
                 "body, date, source, url, language or author)");
  cmd.add_option("--max-file-size", args.max_file_mb,
                 "Skip files (and JSON lines) larger than this many MiB (default 64)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--include", args.include,
                 "In directories, read only files matching this glob (repeatable; a glob with '/' "
                 "matches the relative path, else the file name)");
  cmd.add_option("--exclude", args.exclude,
                 "In directories, skip files and folders matching this glob (repeatable)");
}

ReadOptions to_read_options(const ReadArgs& args) {
  ReadOptions options;
  options.id_prefix = args.id_prefix;
  options.max_file_bytes = static_cast<std::uint64_t>(args.max_file_mb) << 20;
  options.stdin_format = args.stdin_format == "jsonl"  ? InputFormat::jsonl
                         : args.stdin_format == "json" ? InputFormat::json
                         : args.stdin_format == "html" ? InputFormat::html
                                                       : InputFormat::text;
  options.include = args.include;
  options.exclude = args.exclude;
  for (const auto& f : args.fields) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size())
      throw Error(Error::Code::usage,
                  "--field expects OURS=THEIRS, e.g. body=story, got '" + f + "'");
    std::string ours = f.substr(0, eq);
    if (ours == "lang") ours = "language";
    static const char* const known[] = {"id",     "title", "body",     "date",
                                        "source", "url",   "language", "author"};
    if (std::find(std::begin(known), std::end(known), ours) == std::end(known))
      throw Error(Error::Code::usage, "--field: unknown field '" + ours +
                                          "' (id, title, body, date, source, url, language, "
                                          "author)");
    options.json_fields.emplace_back(std::move(ours), f.substr(eq + 1));
  }
  return options;
}

} // namespace newsdex::cli
