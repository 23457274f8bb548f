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

#include <vector>

namespace testimony::test {

struct FixtureCase {
  std::filesystem::path dir;
  std::vector<std::string> languages;
  std::string kind;
};
// Committed fixture cases (fixtures/ and fixtures/holdout/), sorted by path.
std::vector<FixtureCase> fixture_cases();
// The first case of `kind` whose page-0001.png exists and whose languages are all in `langs`.
FixtureCase first_fixture(const std::string& kind, const std::vector<std::string>& langs);
std::string read_text(const std::filesystem::path& path);

}  // namespace testimony::test
