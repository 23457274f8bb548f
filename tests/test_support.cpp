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

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace testimony::test {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

std::vector<FixtureCase> fixture_cases() {
  std::vector<FixtureCase> out;
  const auto root = source_dir() / "fixtures";
  if (!std::filesystem::exists(root)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.path().filename() != "case.json") continue;
    const auto j = nlohmann::json::parse(read_text(e.path()));
    out.push_back({e.path().parent_path(), j.value("languages", std::vector<std::string>{}),
                   j.value("kind", std::string())});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.dir < b.dir; });
  return out;
}

FixtureCase first_fixture(const std::string& kind, const std::vector<std::string>& langs) {
  for (const auto& c : fixture_cases()) {
    if (c.kind != kind || !std::filesystem::exists(c.dir / "page-0001.png")) continue;
    const bool ok = std::all_of(c.languages.begin(), c.languages.end(), [&](const std::string& l) {
      return std::find(langs.begin(), langs.end(), l) != langs.end();
    });
    if (ok) return c;
  }
  return {};
}

}  // namespace testimony::test

namespace testimony::test {

std::vector<std::filesystem::path> write_transcriptions(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> out;
  for (const auto& c : fixture_cases()) {
    std::vector<std::filesystem::path> pages;
    for (const auto& e : std::filesystem::directory_iterator(c.dir / "gold"))
      if (e.path().string().ends_with(".gt.txt")) pages.push_back(e.path());
    std::sort(pages.begin(), pages.end());
    std::string text;
    for (std::size_t i = 0; i < pages.size(); ++i) text += (i ? "\f" : "") + read_text(pages[i]);
    const auto file = dir / (c.dir.filename().string() + ".txt");
    std::ofstream(file, std::ios::binary) << text;
    out.push_back(file);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string text_pipeline_config() {
  std::string cfg;
  // ocr.tesseract leaves transcribed pages alone; it is there because normalize needs a
  // layout provider in the chain.
  for (const char* stage : {"ingest", "ocr.tesseract", "normalize.text", "tag.dates", "tag.organizations", "tag.places",
                            "tag.persons", "link.authorities", "write.json", "write.catalog"})
    cfg += std::string("[[stage]]\nuse = \"") + stage + "\"\n";
  return cfg;
}

std::filesystem::path testimony_binary() {
  return std::filesystem::path(TESTIMONY_BINARY_DIR) / "bin" / "testimony";
}

}  // namespace testimony::test
