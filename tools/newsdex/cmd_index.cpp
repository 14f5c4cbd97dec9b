// newsdex index: read inputs, analyze in parallel, write the collection.
#include "cli.hpp"
#include "read_options.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace newsdex::cli {
namespace {

struct IndexArgs {
  std::string db;
  std::vector<std::string> inputs;
  ReadArgs read;
  std::string format = "text";
  std::string language = "en";
  std::vector<std::string> variants;
  std::size_t batch = 5000;
  unsigned threads = 0;
};

const char* severity_name(InputProblem::Severity s) {
  switch (s) {
  case InputProblem::Severity::warning:
    return "warning";
  case InputProblem::Severity::skipped:
    return "skipped";
  case InputProblem::Severity::failed:
    return "failed";
  }
  return "failed";
}

void print_progress(const IndexProgress& p, bool terminal) {
  double mb = static_cast<double>(p.bytes) / (1 << 20);
  double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
  if (terminal) {
    std::fprintf(stderr, "\r  %llu articles, %.1f MB, %.0f articles/s, %.1f s   ",
                 static_cast<unsigned long long>(p.articles), mb, rate, p.seconds);
    std::fflush(stderr);
  } else {
    spdlog::info("indexed {} articles, {:.1f} MB, {:.0f} articles/s", p.articles, mb, rate);
  }
}

int run_index(const IndexArgs& args) {
  IndexOptions options;
  options.read = to_read_options(args.read);
  options.analyzer.language = args.language;
  options.analyzer.variant_files = args.variants;
  options.batch_documents = args.batch;
  options.threads = args.threads;
  const bool terminal = stderr_is_terminal();
  bool progress_shown = false;
  options.progress = [&](const IndexProgress& p) {
    if (!terminal && !spdlog::should_log(spdlog::level::info)) return;
    progress_shown = true;
    print_progress(p, terminal);
  };
  options.progress_interval_ms = terminal ? 200 : 5000;

  std::string db = resolve_db(args.db);
  if (auto parent = std::filesystem::path(db).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  Indexer indexer(db, options);
  IndexSummary s = indexer.index(args.inputs);
  if (terminal && progress_shown) std::fputs("\n", stderr);

  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["read"] = s.read;
    j["indexed"] = s.indexed;
    j["unchanged"] = s.unchanged;
    j["skipped"] = s.skipped;
    j["failed"] = s.failed;
    j["bytes"] = s.bytes;
    j["seconds"] = s.seconds;
    j["documents"] = indexer.size();
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& p : s.problems) {
      nlohmann::ordered_json pj;
      pj["severity"] = severity_name(p.severity);
      pj["file"] = p.where.file;
      pj["line"] =
          p.where.line ? nlohmann::ordered_json(p.where.line) : nlohmann::ordered_json(nullptr);
      pj["column"] =
          p.where.column ? nlohmann::ordered_json(p.where.column) : nlohmann::ordered_json(nullptr);
      pj["message"] = p.message;
      problems.push_back(pj);
    }
    j["problems"] = problems;
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << "read " << s.read << ", indexed " << s.indexed << ", unchanged " << s.unchanged
              << ", skipped " << s.skipped << ", failed " << s.failed << " (" << indexer.size()
              << " documents in " << db << ")\n";
  }
  return s.failed ? nothing : ok;
}

} // namespace

void add_index_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* cmd =
      app.add_subcommand("index", "Index article files, directories, JSON Lines or stdin (-)");
  add_db_option(*cmd, args->db);
  cmd->add_option("inputs", args->inputs, "Files, directories, or - for stdin")->required();
  add_read_options(*cmd, args->read);
  cmd->add_option("--format", args->format, "Summary format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--language", args->language, "Default language of articles (ISO 639-1)");
  cmd->add_option("--variants", args->variants, "Extra spelling-variant file(s)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--batch", args->batch, "Commit every N documents")->check(CLI::PositiveNumber);
  cmd->add_option("-j,--threads", args->threads, "Analysis threads (default: all cores)");
  cmd->callback([&run, args] { run = [args] { return run_index(*args); }; });
}

} // namespace newsdex::cli
