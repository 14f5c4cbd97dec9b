// log_sink DB INPUT...: route libnewsdex's log records into the application's own logging.
//
// The library never prints. Whatever it has to say (an input it could not read, a date it could
// not parse, a commit a destructor could not make) goes to one process-wide sink, installed with
// newsdex::set_log_sink; without one, records are dropped. This sink collects the records, and the
// program prints them with a prefix of its own once indexing is over.
#include <newsdex/newsdex.hpp>

#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct Record {
  newsdex::LogLevel level;
  std::string message;
};

// The library may call the sink from several threads at once (the index pipeline has many), so
// whatever it touches is guarded.
class CollectingSink {
public:
  void operator()(newsdex::LogLevel level, std::string_view message) {
    std::lock_guard lock(mutex_);
    records_.push_back({level, std::string(message)});
  }
  std::vector<Record> take() {
    std::lock_guard lock(mutex_);
    return std::move(records_);
  }

private:
  std::mutex mutex_;
  std::vector<Record> records_;
};

const char* level_name(newsdex::LogLevel level) {
  switch (level) {
  case newsdex::LogLevel::debug:
    return "debug";
  case newsdex::LogLevel::info:
    return "info";
  case newsdex::LogLevel::warning:
    return "warning";
  case newsdex::LogLevel::error:
    return "error";
  }
  return "?";
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: log_sink DB INPUT...\n";
    return 2;
  }
  // The library keeps a copy of the std::function; sharing the collector keeps it alive for as
  // long as the library may still call it.
  auto sink = std::make_shared<CollectingSink>();
  newsdex::set_log_sink(
      [sink](newsdex::LogLevel level, std::string_view message) { (*sink)(level, message); });

  int status = 0;
  try {
    newsdex::Indexer indexer(argv[1]);
    const newsdex::IndexSummary summary =
        indexer.index(std::vector<std::string>(argv + 2, argv + argc));
    indexer.close();
    std::cout << "indexed " << summary.indexed << ", problems " << summary.problems.size() << '\n';
  } catch (const newsdex::Error& e) {
    std::cerr << "log_sink: " << e.what() << '\n';
    status = 3;
  }
  // Uninstalled before the program ends: from here on the library's records are dropped again.
  newsdex::set_log_sink({});

  // A bad input is both a record in the sink (as it happens, for a log) and an InputProblem in
  // the summary (for the program to act on). Here the sink's records are shown.
  const std::vector<Record> records = sink->take();
  std::cout << "the sink received " << records.size() << " records\n";
  for (const Record& r : records)
    std::cout << "[newsdex " << level_name(r.level) << "] " << r.message << '\n';
  return status;
}
