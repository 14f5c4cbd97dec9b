// newsdex check: verifies every shard and the collection's records; exit 3 when anything is
// damaged, naming the shard and the table (docs/RELIABILITY.md says how to recover).
#include "cli.hpp"

#include <newsdex/check.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct CheckArgs {
  std::string db;
};

int run_check(const CheckArgs& args) {
  const std::string db = resolve_db(args.db);
  const CheckReport report = check_collection(db);
  // Nothing local to check: an "ok" would only say the stub file reads.
  if (report.ok && report.shards.empty() && report.remote_shards > 0)
    throw Error(Error::Code::usage,
                "every shard of the collection is remote: check each on its host (xapian-check "
                "on its database directory)",
                {db, 0, 0});
  std::uint64_t documents = 0;
  for (const CheckedShard& s : report.shards) {
    documents += s.documents;
    if (s.ok)
      std::cout << "shard " << s.path << ": ok, " << s.documents << " documents"
                << (s.tables_checked ? "" : " (read-only: every entry read, no structure check)")
                << '\n';
    else
      std::cout << "shard " << s.path << ": damaged\n";
  }
  if (report.remote_shards)
    std::cout << report.remote_shards
              << " remote shard(s) not checked: run `xapian-check` on their hosts\n";
  if (report.ok) {
    std::cout << "ok: " << db << ", " << report.shards.size() << " local shard(s), " << documents
              << " documents\n";
    return ok;
  }
  for (const CheckProblem& p : report.problems)
    std::cout << "damaged: " << p.path << ": " << p.part << ": " << p.message << '\n';
  std::cerr << "newsdex: " << db << ": the collection is damaged (" << report.problems.size()
            << " problem(s) above): restore it from a backup or rebuild it (docs/RELIABILITY.md)\n";
  return database;
}

} // namespace

void add_check_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Verify every shard's tables and the collection's records (exit 3 when damaged)");
  add_db_option(*cmd, args->db);
  cmd->callback([&run, args] { run = [args] { return run_check(*args); }; });
}

} // namespace newsdex::cli
