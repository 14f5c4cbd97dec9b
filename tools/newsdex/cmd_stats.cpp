// newsdex stats: what a collection holds.
#include "cli.hpp"
#include "output_fields.hpp"
#include "stats_output.hpp"

#include <newsdex/searcher.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct StatsArgs {
  std::string db;
  std::string format = "text";
};

int run_stats(const StatsArgs& args) {
  std::string db = resolve_db(args.db);
  Searcher searcher(db);
  CollectionStats s = searcher.stats();
  if (args.format == "json") {
    std::cout << json_text(stats_json(db, s), 2) << '\n';
  } else {
    std::cout << "database:    " << db << '\n'
              << "documents:   " << s.documents << '\n'
              << "terms:       " << s.terms << '\n'
              << "size:        " << s.size_bytes / 1024 << " KiB\n"
              << "dates:       "
              << (s.first_date.empty() ? "none" : s.first_date + " .. " + s.last_date) << '\n'
              << "last commit: " << (s.last_commit.empty() ? "never" : s.last_commit) << '\n'
              << "shards:      " << s.shards << '\n'
              << "fields:      ";
    for (std::size_t i = 0; i < s.fields.size(); ++i)
      std::cout << (i ? ", " : "") << s.fields[i].first << " " << s.fields[i].second;
    std::cout << (s.fields.empty() ? "none" : "") << '\n' << "analyzer:    " << s.analyzer << '\n';
    auto list = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
      return out.empty() ? std::string("none") : out;
    };
    const CollectionSettings& c = s.settings;
    if (!c.recorded) {
      std::cout << "settings:    not recorded (built before manifests: defaults assumed)\n";
    } else {
      std::cout << "language:    " << c.language << '\n'
                << "analysis:    stemming " << (c.stem ? "on" : "off") << ", variant folding "
                << (c.fold_variants ? "on" : "off") << ", stopwords "
                << (c.stopwords ? "on" : "off") << '\n'
                << "variants:    " << list(c.variant_files) << '\n'
                << "entities:    " << list(c.entity_files) << '\n';
      if (!c.stopword_files.empty()) std::cout << "stopwords:   " << list(c.stopword_files) << '\n';
    }
  }
  return ok;
}

} // namespace

void add_stats_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand("stats", "Show what the collection holds");
  add_db_option(*cmd, args->db);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_stats(*args); }; });
}

} // namespace newsdex::cli
