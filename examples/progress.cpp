// progress DB INPUT [STOP_AFTER]: progress lines while indexing, and cancelling cleanly.
//
// IndexOptions::progress is called while Indexer::index runs; IndexOptions::stop is the clean
// way to cancel. Ctrl-C stops this program that way; so does STOP_AFTER (a number of articles),
// standing in for any reason an application may have to stop. Either way, what was read is
// written and committed, and running the same command again continues where it stopped
// (articles already stored come back as "unchanged").
#include <newsdex/newsdex.hpp>

#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

namespace {

// Set from a signal handler and read by the library's read stage: a lock-free atomic is one of
// the few things a signal handler may touch.
std::atomic<bool> stop_requested{false};
std::atomic<bool> interrupted_by_user{false};

extern "C" void on_interrupt(int) {
  interrupted_by_user.store(true);
  stop_requested.store(true);
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: progress DB INPUT [STOP_AFTER]\n";
    return 2;
  }
  std::uint64_t stop_after = 0; // 0: never
  try {
    if (argc == 4) stop_after = std::stoull(argv[3]);
  } catch (const std::exception&) {
    std::cerr << "progress: STOP_AFTER must be a number of articles, not '" << argv[3] << "'\n";
    return 2;
  }
  std::signal(SIGINT, on_interrupt);

  newsdex::IndexOptions options;
  options.stop = &stop_requested;
  // Called from one thread at a time, about every progress_interval_ms, and once at the end. A
  // limit on the article count must see every count, so with STOP_AFTER it is called after every
  // article; otherwise five times a second is plenty for a human.
  options.progress_interval_ms = stop_after ? 0 : 200;
  options.progress = [stop_after](const newsdex::IndexProgress& p) {
    std::printf("progress: %llu articles, %.1f KB read",
                static_cast<unsigned long long>(p.articles), static_cast<double>(p.bytes) / 1024);
    if (p.total_bytes) // known when the inputs are files (not stdin)
      std::printf(" of %.1f KB", static_cast<double>(p.total_bytes) / 1024);
    std::printf(", %llu written, %.2f s%s\n", static_cast<unsigned long long>(p.indexed), p.seconds,
                p.merging ? ", merging shards" : "");
    // Setting the flag here is the same clean stop as Ctrl-C. (Throwing from the callback would
    // cancel too, but index() rethrows it and a new collection then publishes nothing.)
    if (stop_after && p.articles >= stop_after) stop_requested.store(true);
  };

  try {
    newsdex::Indexer indexer(argv[1], options);
    const newsdex::IndexSummary summary = indexer.index({argv[2]});
    const std::uint64_t documents = indexer.size();
    indexer.close();
    if (summary.interrupted)
      std::cout << "interrupted after " << summary.read << " articles: they are committed; run "
                << "the same command again to continue\n";
    std::cout << "read " << summary.read << ", indexed " << summary.indexed << ", unchanged "
              << summary.unchanged << "; " << documents << " documents in " << argv[1] << '\n';
    return interrupted_by_user ? 130 : 0; // 130: the shell's code for "stopped by SIGINT"
  } catch (const newsdex::Error& e) {
    std::cerr << "progress: " << e.what() << '\n';
    return 3;
  }
}
