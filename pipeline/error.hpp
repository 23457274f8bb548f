// The one error type of the pipeline: a short set of codes, a message for the user, a detail
// for the log, and where it happened (document, page, stage). The runner catches it at the
// per-document boundary; programmer errors are assertions, never Error.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace testimony {

enum class ErrorCode {
  kInvalidInput,       // the input is corrupt, truncated, empty or not what it claims to be
  kUnsupported,        // a valid input we do not handle (encrypted PDF, unknown format)
  kDependencyFailed,   // a library or tool failed (Tesseract init, disk write)
  kResourceExhausted,  // a limit was hit (pixels, pages, time, disk)
  kInternal,           // a bug: an invariant did not hold
};

std::string_view to_string(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string detail = {});

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& detail() const { return detail_; }

  // Context, filled in as the error travels up (the runner adds what it knows).
  std::optional<int> page;
  std::string stage;

 private:
  ErrorCode code_;
  std::string message_;
  std::string detail_;
};

// A usage or configuration error: exit code 2, reported before any document is read.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace testimony
