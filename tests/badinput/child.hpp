// Running the real `testimony` binary (or any program) from tests as a child process: with a
// time limit, an optional file-size limit, its output captured, its peak memory measured, and
// a handle to kill it at a chosen moment.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_support.hpp"  // testimony_binary()

namespace testimony::test {

struct ChildOptions {
  std::filesystem::path cwd;                               // empty: the test's own
  std::vector<std::pair<std::string, std::string>> env;    // set on top of the test's environment
  double timeout_seconds = 300;                            // then SIGKILL, and timed_out is set
  long long file_size_limit = -1;                          // RLIMIT_FSIZE in bytes (SIGXFSZ ignored)
};

struct ChildResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, 0 if it exited
  bool timed_out = false;
  double seconds = 0;
  long max_rss_kb = 0;  // peak resident memory of the child (wait4)
  std::string out, err;
  std::string describe() const;  // "exit 1 after 2.3 s" / "killed by signal 6 ..." + stderr tail
};

class Child {
 public:
  Child(std::vector<std::string> argv, ChildOptions options);
  ~Child();  // kills and reaps a child still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int sig);
  // Waits for the end (or the time limit) and collects the result.
  ChildResult wait();

 private:
  std::vector<std::string> argv_;
  ChildOptions options_;
  std::filesystem::path out_path_, err_path_;
  pid_t pid_ = -1;
  double started_ = 0;
};

// Runs to the end and returns what happened.
ChildResult run_child(std::vector<std::string> argv, ChildOptions options = {});

}  // namespace testimony::test
