// Running the CLI where it may not write: permission bits that apply, even to root.
//
// Root ignores permission bits through two capabilities (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH;
// CAP_FOWNER lets it chmod anything). The child drops them from its bounding set before exec, so
// the CLI runs as root but is refused writes to files whose mode forbids them, as any user is.
// Unlike switching to another user (setpriv --reuid), this needs no path to the build tree that
// another user may traverse (CI's checkout may sit under /root), and unlike a read-only bind mount
// it needs no mount(2), which containers refuse. Dropping needs CAP_SETPCAP, which root has in
// Debian's containers; when it is missing the test fails saying so, never skips.
#pragma once

#include "cli/cli_runner.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::test {

/// The exit code the child uses when it could not drop root's override of permission bits.
inline constexpr int cannot_drop_capabilities = 126;

/// `newsdex ARGS...` with permission bits in force (see above); stdout and stderr captured.
inline CliResult run_cli_restricted(const std::vector<std::string>& args,
                                    const std::string& scratch_dir) {
  const std::string out_file = scratch_dir + "/restricted.out";
  const std::string err_file = scratch_dir + "/restricted.err";
  pid_t pid = fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (geteuid() == 0)
      for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_LINUX_IMMUTABLE})
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) _exit(cannot_drop_capabilities);
    exec_cli(args);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::string& file) {
    std::ifstream f(file);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  };
  r.out = slurp(out_file);
  r.err = slurp(err_file);
  if (r.exit_code == cannot_drop_capabilities)
    r.err += "(the test could not drop CAP_DAC_OVERRIDE: it needs CAP_SETPCAP)";
  return r;
}

} // namespace newsdex::test
