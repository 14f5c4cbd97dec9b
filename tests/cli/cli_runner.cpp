#include "cli/cli_runner.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <stdexcept>

extern char** environ;

namespace newsdex::test {

void exec_cli(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  unsetenv("NEWSDEX_DB");
  setenv("NO_COLOR", "1", 1);
  for (const auto& e : env) {
    auto eq = e.find('=');
    setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
  }
  std::vector<char*> argv;
  std::string exe = NEWSDEX_CLI;
  argv.push_back(exe.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(exe.c_str(), argv.data());
  _exit(127);
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& input,
                  const std::vector<std::string>& env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    exec_cli(args, env);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CliResult r;
  std::size_t written = 0;
  if (input.empty()) {
    close(in_pipe[1]);
    in_pipe[1] = -1;
  } else {
    fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    pollfd fds[3];
    int n = 0;
    if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
    if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
    if (in_pipe[1] >= 0) fds[n++] = {in_pipe[1], POLLOUT, 0};
    if (poll(fds, static_cast<nfds_t>(n), -1) < 0) break;
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_pipe[1]) {
        ssize_t w = write(in_pipe[1], input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 || written == input.size()) {
          close(in_pipe[1]);
          in_pipe[1] = -1;
        }
        continue;
      }
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        if (fds[i].fd == out_pipe[0])
          out_open = false;
        else
          err_open = false;
        continue;
      }
      (fds[i].fd == out_pipe[0] ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("newsdex-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

Indexed run_index(const std::string& db, const std::vector<std::string>& inputs,
                  const std::vector<std::string>& extra, const std::string& stdin_text) {
  std::vector<std::string> args{"index", "--db", db, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  Indexed r{run_cli(args, stdin_text), {}};
  r.summary = nlohmann::json::parse(r.run.out);
  return r;
}

std::vector<std::string> ids_matching(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "json", "--limit", "1000", "--", query});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << query << ": " << r.err;
  std::vector<std::string> ids;
  if (r.out.empty()) return ids;
  const nlohmann::json j = nlohmann::json::parse(r.out); // kept alive for the loop
  for (const auto& h : j["hits"]) ids.push_back(h["id"]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string sample_articles() {
  return std::string(NEWSDEX_FIXTURES) + "/articles";
}

namespace {

struct SampleDb {
  TempDir dir;
  std::string db = dir / "samples.db";
  std::map<std::string, std::string> file_of_url;

  SampleDb() {
    CliResult r = run_cli({"index", "--db", db, sample_articles()});
    if (r.exit_code != 0) throw std::runtime_error("indexing the sample articles failed: " + r.err);
    for (const auto& f : std::filesystem::directory_iterator(sample_articles())) {
      std::ifstream in(f.path());
      std::string line;
      while (std::getline(in, line) && !line.empty())
        if (line.rfind("URL: ", 0) == 0) file_of_url[line.substr(5)] = f.path().filename().string();
    }
  }
};

const SampleDb& the_sample_db() {
  static const SampleDb db;
  return db;
}

} // namespace

const std::string& sample_db() {
  return the_sample_db().db;
}

std::string sample_file_of(const std::string& id) {
  const auto& urls = the_sample_db().file_of_url;
  auto it = urls.find(id);
  return it == urls.end() ? id : it->second;
}

} // namespace newsdex::test
