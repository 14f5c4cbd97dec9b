// The terminal: on a terminal `newsdex search` shows matched words in bold colour, unless NO_COLOR
// is set; piped output is plain. The runner of the other tests sets NO_COLOR and pipes, so colour
// is tested here, through a pseudo-terminal. And every --help fits 80 columns.
#include "cli/cli_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <regex>
#include <sstream>

using newsdex::test::CliResult;
using newsdex::test::run_cli;
using newsdex::test::sample_db;

namespace {

struct Output {
  int exit_code = -1;
  std::string out; ///< standard output and standard error, as the terminal (or pipe) saw them
};

// Runs newsdex ARGS with its standard output and error on a pseudo-terminal (posix_openpt: no
// extra library) or on a pipe. NO_COLOR is set to `no_color`, or unset when that is null.
Output run_on(bool terminal, const std::vector<std::string>& args, const char* no_color) {
  int reader = -1, writer = -1;
  if (terminal) {
    reader = posix_openpt(O_RDWR | O_NOCTTY);
    if (reader < 0 || grantpt(reader) != 0 || unlockpt(reader) != 0) return {};
    writer = open(ptsname(reader), O_RDWR | O_NOCTTY);
  } else {
    int fds[2];
    if (pipe(fds) != 0) return {};
    reader = fds[0];
    writer = fds[1];
  }
  if (writer < 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    setsid();
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(writer, 1);
    dup2(writer, 2);
    close(null);
    close(writer);
    close(reader);
    unsetenv("NEWSDEX_DB");
    setenv("TERM", "xterm", 1);
    if (no_color)
      setenv("NO_COLOR", no_color, 1);
    else
      unsetenv("NO_COLOR");
    std::vector<char*> argv;
    std::string exe = NEWSDEX_CLI;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  close(writer);
  Output r;
  char buf[4096];
  for (;;) {
    ssize_t got = read(reader, buf, sizeof buf);
    if (got > 0) {
      r.out.append(buf, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    break; // end of the pipe, or EIO once the terminal's last writer closed it
  }
  close(reader);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

const std::vector<std::string> nato_search() {
  return {"search", "--db", sample_db(), "--limit", "3", "NATO"};
}

// The words shown between "bold yellow" and "reset": the snippet's marked matches.
std::vector<std::string> marked_words(const std::string& out) {
  static const std::regex marked("\x1b\\[1;33m([^\x1b]*)\x1b\\[0m");
  std::vector<std::string> words;
  for (std::sregex_iterator it(out.begin(), out.end(), marked), end; it != end; ++it)
    words.push_back((*it)[1]);
  return words;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(Terminal, MatchesAreBoldAndColouredOnATerminal) {
  Output r = run_on(true, nato_search(), nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::vector<std::string> words = marked_words(r.out);
  ASSERT_FALSE(words.empty()) << "no marked match in:\n" << r.out;
  // "NATO", or the possessive "NATO’s" whose term is NATO's.
  for (const auto& w : words) EXPECT_EQ(lower(w).substr(0, 4), "nato") << r.out;
  EXPECT_NE(std::find(words.begin(), words.end(), "NATO"), words.end()) << r.out;
  EXPECT_NE(r.out.find("\x1b[1m1. "), std::string::npos) << "the first title is bold:\n" << r.out;
}

TEST(Terminal, AnEmptyNoColorIsUnset) {
  // no-color.org: NO_COLOR counts when it is set to something.
  Output r = run_on(true, nato_search(), "");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(marked_words(r.out).empty()) << r.out;
}

TEST(Terminal, NoColorMeansNoEscapes) {
  Output r = run_on(true, nato_search(), "1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("NATO"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
}

TEST(Terminal, PipedOutputIsPlain) {
  Output r = run_on(false, nato_search(), nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("NATO"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
}

// Columns a line takes: its UTF-8 characters (help text has no wide ones).
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> subcommands() {
  std::vector<std::string> names;
  std::istringstream in(run_cli({"--help"}).out);
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Subcommands:")
      listing = true;
    else if (listing && line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ')
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return names;
}

TEST(Terminal, EveryHelpFitsEightyColumns) {
  std::vector<std::vector<std::string>> commands{{}};
  for (const auto& sub : subcommands()) commands.push_back({sub});
  commands.push_back({"completion"}); // hidden, but has a --help
  ASSERT_GE(commands.size(), 12u);
  for (auto args : commands) {
    args.push_back("--help");
    CliResult r = run_cli(args, "", {"COLUMNS=80"});
    ASSERT_EQ(r.exit_code, 0) << args.front() << ": " << r.err;
    // The usage line names the program as it was run: installed, that is "newsdex".
    std::string out = r.out;
    const std::string path = NEWSDEX_CLI;
    for (auto at = out.find(path); at != std::string::npos; at = out.find(path, at))
      out.replace(at, path.size(), "newsdex");
    std::istringstream in(out);
    std::size_t longest = 0;
    std::string widest;
    for (std::string line; std::getline(in, line);)
      if (columns(line) > longest) {
        longest = columns(line);
        widest = line;
      }
    EXPECT_LE(longest, 80u) << "newsdex " << args.front() << ":\n" << widest;
  }
}

} // namespace
