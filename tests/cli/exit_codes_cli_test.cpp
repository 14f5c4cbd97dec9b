// The exit codes of README "Exit codes" that no other suite reaches: I/O failures (74), and a
// reader that goes away (`newsdex search ... | head -1`), which ends the command quietly.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>

namespace newsdex::test {
namespace {

struct Ended {
  int status = 0;
  std::string err;
};

// Runs newsdex with stdout a pipe nobody reads: the read end is closed before the child exists,
// so its first write meets a closed pipe. `ignore_sigpipe` starts it with SIGPIPE ignored, as
// Python's subprocess and some supervisors do.
Ended run_into_closed_pipe(const std::vector<std::string>& args, bool ignore_sigpipe) {
  TempDir dir;
  std::string err_path = dir / "stderr";
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  close(fds[0]);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(err, STDERR_FILENO);
    if (ignore_sigpipe) std::signal(SIGPIPE, SIG_IGN);
    exec_cli(args);
  }
  close(fds[1]);
  Ended e;
  waitpid(pid, &e.status, 0);
  std::ifstream in(err_path);
  std::ostringstream text;
  text << in.rdbuf();
  e.err = text.str();
  return e;
}

TEST(ExitCodes, AClosedPipeEndsTheCommandQuietly) {
  for (bool ignored : {false, true}) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"search", "--db", sample_db(), "--limit", "30", "NATO"},
          std::vector<std::string>{"export", "--db", sample_db()}}) {
      Ended e = run_into_closed_pipe(args, ignored);
      ASSERT_TRUE(WIFSIGNALED(e.status)) << args[0] << " exited " << WEXITSTATUS(e.status)
                                         << " (SIGPIPE ignored: " << ignored << "): " << e.err;
      EXPECT_EQ(WTERMSIG(e.status), SIGPIPE);
      EXPECT_EQ(e.err, "") << "no error line for a reader that went away";
    }
  }
}

TEST(ExitCodes, StandardOutputThatCannotBeWrittenIs74) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full on this machine";
  TempDir dir;
  pid_t pid = fork();
  if (pid == 0) {
    int full = open("/dev/full", O_WRONLY);
    dup2(full, STDOUT_FILENO);
    int err = open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(err, STDERR_FILENO);
    exec_cli({"search", "--db", sample_db(), "--format", "jsonl", "--limit", "30", "NATO"});
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 74);
  std::ifstream in(dir / "stderr");
  std::string line;
  std::getline(in, line);
  EXPECT_NE(line.find("writing standard output failed"), std::string::npos) << line;
}

TEST(ExitCodes, AFileThatCannotBeWrittenIs74) {
  TempDir dir;
  write_file(dir / "plain-file", "not a directory\n");
  CliResult r = run_cli({"backup", "--db", sample_db(), dir / "plain-file/backup"});
  EXPECT_EQ(r.exit_code, 74) << r.err;
  EXPECT_NE(r.err.find("plain-file"), std::string::npos) << r.err;
}

} // namespace
} // namespace newsdex::test
