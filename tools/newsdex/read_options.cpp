#include "read_options.hpp"

namespace newsdex::cli {

void add_read_options(CLI::App& cmd, ReadArgs& args) {
  cmd.add_option("--id-prefix", args.id_prefix, "Prefix every article id (to share a database)");
  cmd.add_option("--stdin-format", args.stdin_format, "Format of stdin (-)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  cmd.add_option("--field", args.fields, "JSON field mapping OURS=THEIRS, e.g. body=story");
  cmd.add_option("--max-file-size", args.max_file_mb, "Skip files larger than this many MiB")
      ->check(CLI::PositiveNumber);
}

ReadOptions to_read_options(const ReadArgs& args) {
  ReadOptions options;
  options.id_prefix = args.id_prefix;
  options.max_file_bytes = static_cast<std::uint64_t>(args.max_file_mb) << 20;
  options.stdin_format = args.stdin_format == "jsonl" ? InputFormat::jsonl : InputFormat::text;
  for (const auto& f : args.fields) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size())
      throw Error(Error::Code::usage,
                  "--field expects OURS=THEIRS, e.g. body=story, got '" + f + "'");
    options.json_fields.emplace_back(f.substr(0, eq), f.substr(eq + 1));
  }
  return options;
}

} // namespace newsdex::cli
