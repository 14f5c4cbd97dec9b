// Helpers for the indexing integration tests: a `newsdex` process running in the background,
// generated JSON Lines inputs, and a look at a collection from outside.
#pragma once

#include "cli/cli_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace newsdex::test {

/// `newsdex ARGS...` started in the background, stdout and stderr going to files.
class BackgroundCli {
public:
  BackgroundCli(const std::vector<std::string>& args, const std::string& out_file,
                const std::string& err_file)
      : out_file_(out_file), err_file_(err_file) {
    pid_ = fork();
    if (pid_ == 0) {
      int in = ::open("/dev/null", O_RDONLY);
      int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      exec_cli(args);
    }
  }
  ~BackgroundCli() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      wait();
    }
  }
  BackgroundCli(const BackgroundCli&) = delete;
  BackgroundCli& operator=(const BackgroundCli&) = delete;

  bool running() {
    if (exited_) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return !exited_;
  }
  void signal(int sig) const { kill(pid_, sig); }
  /// Waits for the exit; the exit code, or 128 + the signal that ended it.
  int wait() {
    if (!exited_) {
      int status = 0;
      waitpid(pid_, &status, 0);
      exited_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return code_;
  }
  std::string out() const { return slurp(out_file_); }
  std::string err() const { return slurp(err_file_); }

private:
  static std::string slurp(const std::string& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  pid_t pid_ = -1;
  bool exited_ = false;
  int code_ = -1;
  std::string out_file_, err_file_;
};

/// `count` short articles as JSON Lines, ids `first`..`first+count-1`, each mentioning `word`.
inline std::string generated_jsonl(int first, int count, const std::string& word) {
  std::string s;
  for (int i = first; i < first + count; ++i) {
    std::string n = std::to_string(i);
    s += R"({"id": "a)" + n + R"(", "title": "Report )" + n + " on " + word +
         R"(", "date": "2025-02-03", "source": "Wire", "body": "The )" + word +
         " committee met on day " + n +
         " and agreed that shipping rates, grain exports and harbour fees would be reviewed "
         "again next quarter, officials said. Analysts expect the review to take weeks.\"}\n";
  }
  return s;
}

/// Documents in the collection as a fresh reader sees it; -1 when it cannot be opened.
inline long documents_in(const std::string& db) {
  try {
    return static_cast<long>(Xapian::Database(db).get_doccount());
  } catch (const Xapian::Error&) {
    return -1;
  }
}

/// Polls `condition` every few milliseconds until it holds or `process` exits; returns it.
template <class F> bool wait_until(BackgroundCli& process, F&& condition) {
  for (;;) {
    if (condition()) return true;
    if (!process.running()) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

} // namespace newsdex::test
