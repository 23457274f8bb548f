// Helpers shared by tests: paths, temporary folders, text comparison.
#pragma once

#include <filesystem>
#include <string>

namespace testimony::test {

std::filesystem::path source_dir();
// A fresh empty folder under the build tree, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace testimony::test
