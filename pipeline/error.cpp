// Error codes and their stable names (used in the manifest and summaries).
#include "pipeline/error.hpp"

#include <utility>

#include "pipeline/utf8.hpp"

namespace testimony {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kDependencyFailed: return "dependency_failed";
    case ErrorCode::kResourceExhausted: return "resource_exhausted";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

// Messages name files, and a file name may be any bytes: they are made valid UTF-8 here so
// that every message can go into the manifest and the logs as JSON.
Error::Error(ErrorCode code, std::string message, std::string detail)
    : std::runtime_error(valid_utf8(message)), code_(code), message_(valid_utf8(message)),
      detail_(valid_utf8(detail)) {}

}  // namespace testimony
