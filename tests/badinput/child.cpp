// Child processes for the bad-input and fault tests: fork, limits, exec, wait4 with a deadline.
#include "tests/badinput/child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony::test {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string ChildResult::describe() const {
  std::string s = timed_out ? "timed out" : signal ? "killed by signal " + std::to_string(signal)
                                                   : "exit " + std::to_string(exit_code);
  s += " after " + std::to_string(seconds) + " s";
  const std::size_t tail = err.size() > 3000 ? err.size() - 3000 : 0;
  return s + "; stderr:\n" + err.substr(tail);
}

Child::Child(std::vector<std::string> argv, ChildOptions options)
    : argv_(std::move(argv)), options_(std::move(options)) {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::path(TESTIMONY_BINARY_DIR) / "test-tmp" / "child-output";
  fs::create_directories(dir);
  const std::string stem = std::to_string(::getpid()) + "-" + std::to_string(counter++);
  out_path_ = dir / (stem + ".out");
  err_path_ = dir / (stem + ".err");

  std::vector<char*> args;
  for (auto& a : argv_) args.push_back(a.data());
  args.push_back(nullptr);
  started_ = now_seconds();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    // In the child: only async-signal-safe calls until exec, apart from setenv.
    if (!options_.cwd.empty() && ::chdir(options_.cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : options_.env) ::setenv(k.c_str(), v.c_str(), 1);
    if (options_.file_size_limit >= 0) {
      ::signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead of killing
      const rlim_t n = static_cast<rlim_t>(options_.file_size_limit);
      const rlimit lim{n, n};
      if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) ::_exit(126);
    }
    const int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) ::_exit(126);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
}

Child::~Child() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void Child::kill(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

ChildResult Child::wait() {
  ChildResult r;
  int status = 0;
  rusage usage{};
  const double deadline = started_ + options_.timeout_seconds;
  for (;;) {
    const pid_t done = ::wait4(pid_, &status, WNOHANG, &usage);
    if (done == pid_) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    if (now_seconds() > deadline && !r.timed_out) {
      r.timed_out = true;
      ::kill(pid_, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  r.seconds = now_seconds() - started_;
  r.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_text(out_path_);
  r.err = read_text(err_path_);
  std::error_code ec;
  fs::remove(out_path_, ec);
  fs::remove(err_path_, ec);
  return r;
}

ChildResult run_child(std::vector<std::string> argv, ChildOptions options) {
  Child c(std::move(argv), std::move(options));
  return c.wait();
}

}  // namespace testimony::test
