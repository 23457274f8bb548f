// Test helpers.
#include "tests/test_support.hpp"

#include <unistd.h>

namespace testimony::test {

std::filesystem::path source_dir() { return TESTIMONY_SOURCE_DIR; }

TempDir::TempDir(const std::string& name)
    : path_(std::filesystem::path(TESTIMONY_BINARY_DIR) / "test-tmp" /
            (name + "-" + std::to_string(::getpid()))) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace testimony::test
