// newsdex init: an empty collection with its settings recorded, for every later command to use.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace newsdex::cli {
namespace {

struct InitArgs {
  std::string db;
  unsigned shards = 1;
  std::string language;
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
  std::vector<std::string> remote_shards; ///< --shard SPEC, in shard order
  std::string partition;                  ///< --partition month|year, or empty
  std::string format = "text";
};

Error bad_shard(const std::string& spec, const std::string& why) {
  return Error(Error::Code::usage, "bad --shard '" + spec + "': " + why +
                                       " (expected tcp:HOST:PORT or ssh:[USER@]HOST:/PATH)");
}

// The stub's `remote` line (Xapian's stub format) for a shard named on the command line:
//   tcp:HOST:PORT          -> remote HOST:PORT, a xapian-tcpsrv --writable
//   ssh:[USER@]HOST:/PATH  -> remote :ssh -o BatchMode=yes [USER@]HOST xapian-progsrv --writable
//                             /PATH (ssh authenticates and encrypts; xapian-tcpsrv does neither)
// Xapian splits a program's arguments at spaces and ssh reads a host starting with '-' as an
// option, so neither is accepted.
std::string remote_line_for(const std::string& spec) {
  for (char c : spec)
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20)
      throw bad_shard(spec, "no spaces or control characters");
  if (spec.rfind("tcp:", 0) == 0) {
    const std::string rest = spec.substr(4);
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0) throw bad_shard(spec, "no HOST:PORT");
    const std::string port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) == 0 ||
        std::stoul(port) > 65535)
      throw bad_shard(spec, "the port is not a number from 1 to 65535");
    const std::string host = rest.substr(0, colon);
    if (host != "localhost" && host != "::1" && host != "[::1]" && host.rfind("127.", 0) != 0)
      spdlog::warn("--shard {}: xapian-tcpsrv has no authentication and no encryption; across "
                   "machines use the ssh form (docs/SCALE.md)",
                   spec);
    return "remote " + host + ":" + std::to_string(std::stoul(port));
  }
  if (spec.rfind("ssh:", 0) == 0) {
    const std::string rest = spec.substr(4);
    const auto colon = rest.find(':');
    if (colon == std::string::npos || colon == 0) throw bad_shard(spec, "no [USER@]HOST:/PATH");
    const std::string host = rest.substr(0, colon);
    const std::string path = rest.substr(colon + 1);
    const auto at = host.find('@');
    if (host[0] == '-' || at == 0 || at + 1 == host.size() ||
        (at != std::string::npos && host[at + 1] == '-'))
      throw bad_shard(spec, "not a host");
    if (path.empty() || path[0] != '/') throw bad_shard(spec, "the database path must be absolute");
    // BatchMode: a host that would ask for a password fails instead of waiting for an answer
    // nobody types.
    return "remote :ssh -o BatchMode=yes " + host + " xapian-progsrv --writable " + path;
  }
  throw bad_shard(spec, "unknown kind");
}

// Writes the stub of a collection of remote shards: shard K is line K, the order routing by id
// hash (fnv1a64(id) mod N) uses, as for local shards.
void write_remote_stub(const std::string& db, const std::vector<std::string>& lines) {
  const std::string n = std::to_string(lines.size());
  const std::string tmp = db + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# newsdex collection (a Xapian stub database file): " << n
        << " remote shard(s), documents routed by fnv1a64(id) mod " << n << "\n";
    out << "# newsdex.shards " << n << "\n";
    for (const auto& line : lines) out << line << '\n';
    out.flush();
    if (!out) throw Error(Error::Code::io, "cannot write the collection's stub file", {tmp, 0, 0});
  }
  std::filesystem::rename(tmp, db);
}

int run_init(const InitArgs& args) {
  const std::string db = resolve_db(args.db);
  if (std::filesystem::exists(db))
    throw Error(Error::Code::usage,
                "a collection already exists here; its settings are fixed (see `newsdex stats`)",
                {db, 0, 0});
  if (auto parent = std::filesystem::path(db).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  IndexOptions options;
  options.shards = args.shards;
  if (args.partition == "month") options.partition = TimePartition::month;
  if (args.partition == "year") options.partition = TimePartition::year;
  options.analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  if (!options.analyzer) options.analyzer = AnalyzerOptions{};
  unsigned shards = 0;
  if (!args.remote_shards.empty()) {
    // The stub first, then the Indexer opens each shard through its server (which creates an
    // empty database) and records the collection's settings in it. A shard that does not
    // answer leaves no collection behind.
    std::vector<std::string> lines;
    for (const auto& spec : args.remote_shards) lines.push_back(remote_line_for(spec));
    write_remote_stub(db, lines);
    try {
      options.create = false;
      Indexer indexer(db, options);
      shards = indexer.shards();
      indexer.close();
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove(db, ec);
      throw;
    }
  } else {
    Indexer indexer(db, options);
    shards = indexer.shards();
    indexer.close(); // publishes the empty generation and its manifest; throws when it cannot
  }
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["shards"] = shards;
    j["remote"] = !args.remote_shards.empty();
    j["partition"] = args.partition.empty() ? "none" : args.partition;
    j["language"] = Analyzer(*options.analyzer).language();
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "initialised " << db << ": ";
    if (args.partition.empty())
      std::cout << shards << (args.remote_shards.empty() ? " shard(s)" : " remote shard(s)");
    else
      std::cout << "partitioned by " << args.partition << ", " << shards << " shard(s) a period";
    std::cout << ", language " << Analyzer(*options.analyzer).language() << '\n';
  }
  return ok;
}

} // namespace

void add_init_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Create an empty collection whose settings every later command uses");
  add_db_option(*cmd, args->db);
  CLI::Option* local_shards =
      cmd->add_option("--shards", args->shards, "Shards of the collection (routed by id hash)")
          ->check(CLI::Range(1u, 1024u));
  CLI::Option* remote =
      cmd->add_option("--shard", args->remote_shards,
                      "A remote shard, in order (repeatable): tcp:HOST:PORT (xapian-tcpsrv "
                      "--writable; no authentication: loopback only) or ssh:[USER@]HOST:/PATH "
                      "(xapian-progsrv over ssh)")
          ->excludes(local_shards);
  cmd->add_option("--partition", args->partition,
                  "Split the collection by article date into per-period shards (month or year; "
                  "undated articles in shards of their own); --shards is then per period")
      ->check(CLI::IsMember({"month", "year"}))
      ->excludes(remote);
  cmd->add_option("--language", args->language, "Default language of articles (ISO 639-1; en)");
  cmd->add_option("--variants", args->variants, "Extra spelling-variant file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files, "Extra entity alias file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_init(*args); }; });
}

} // namespace newsdex::cli
