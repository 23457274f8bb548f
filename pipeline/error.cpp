// Error codes and their stable names (used in the manifest and summaries).
#include "pipeline/error.hpp"

#include <utility>

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

Error::Error(ErrorCode code, std::string message, std::string detail)
    : std::runtime_error(message), code_(code), message_(std::move(message)),
      detail_(std::move(detail)) {}

}  // namespace testimony
