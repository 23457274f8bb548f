// Helpers shared by tests: paths, temporary folders, text comparison.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "pipeline/registry.hpp"

namespace testimony::test {

std::filesystem::path source_dir();

// A stage of `registry` built from its defaults with `overrides`, as the kind it is.
template <typename T>
std::unique_ptr<T> make_stage(const Registry& registry, const std::string& name,
                              const std::map<std::string, ParamValue>& overrides = {}) {
  const StageInfo* info = registry.find(name);
  Params p = default_params(info->params);
  for (const auto& [k, v] : overrides) p.set(k, v);
  auto s = info->make(p);
  return std::unique_ptr<T>(static_cast<T*>(s.release()));
}
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

namespace testimony::test {

// Each fixture case's gold transcription as one UTF-8 .txt document (pages split by form
// feed) in `dir`, named <case folder>.txt: documents that skip OCR, for fast end-to-end tests.
// Returns the written files, sorted.
std::vector<std::filesystem::path> write_transcriptions(const std::filesystem::path& dir);

// A pipeline config (TOML) from ingest through tagging and linking to write.json and
// write.catalog, without preprocessing: for transcriptions.
std::string text_pipeline_config();

// The testimony binary of this build.
std::filesystem::path testimony_binary();

}  // namespace testimony::test
