// Input discovery: what is a document, its id, ground truth skipped, manifests, shards.
#include "pipeline/inputs.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

void touch(const fs::path& p, const std::string& content = "x") {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << content;
}

std::vector<std::string> ids(const Discovery& d) {
  std::vector<std::string> out;
  for (const auto& doc : d.documents) out.push_back(doc.id);
  return out;
}

TEST(Inputs, FoldersOfImagesPdfsAndTranscriptions) {
  test::TempDir tmp("inputs");
  const fs::path root = tmp.path() / "coll";
  touch(root / "letter-a" / "page-10.png");
  touch(root / "letter-a" / "page-2.png");
  touch(root / "letter-a" / "case.json");
  touch(root / "letter-a" / "gold" / "page-0001.gt.txt");
  touch(root / "letter-a" / "gold" / "x.png");
  touch(root / "box" / "report.pdf");
  touch(root / "box" / "typed.txt");
  touch(root / "box" / "typed.gt.txt");
  touch(root / "box" / "notes.md");
  const Discovery d = discover_inputs({root.string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"box/report", "box/typed", "letter-a"}));
  EXPECT_EQ(d.documents[2].path, root / "letter-a");
}

TEST(Inputs, RootFolderOfImagesIsOneDocumentNamedAfterIt) {
  test::TempDir tmp("inputs-root");
  touch(tmp.path() / "case-1" / "page-0001.png");
  const Discovery d = discover_inputs({(tmp.path() / "case-1").string() + "/"});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"case-1"}));
}

TEST(Inputs, SingleFileIdIsItsStem) {
  test::TempDir tmp("inputs-file");
  touch(tmp.path() / "scan 1.tif");
  EXPECT_EQ(ids(discover_inputs({(tmp.path() / "scan 1.tif").string()})), (std::vector<std::string>{"scan 1"}));
}

TEST(Inputs, DuplicateIdsAreRenamedWithWarning) {
  test::TempDir tmp("inputs-dup");
  touch(tmp.path() / "a" / "x.pdf");
  touch(tmp.path() / "b" / "x.pdf");
  const Discovery d = discover_inputs({(tmp.path() / "a" / "x.pdf").string(), (tmp.path() / "b" / "x.pdf").string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"x", "x-2"}));
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("duplicate document id \"x\""), std::string::npos);
}

TEST(Inputs, ManifestCsvWithMetadata) {
  test::TempDir tmp("inputs-csv");
  touch(tmp.path() / "scans" / "a.png");
  touch(tmp.path() / "m.csv", "id,path,collection\nletter-1,scans/a.png,\"Mendes, A.\"\n");
  const Discovery d = discover_inputs({(tmp.path() / "m.csv").string()});
  ASSERT_EQ(d.documents.size(), 1u);
  EXPECT_EQ(d.documents[0].id, "letter-1");
  EXPECT_EQ(d.documents[0].path, tmp.path() / "scans" / "a.png");
  EXPECT_EQ(d.documents[0].metadata["collection"], "Mendes, A.");
}

TEST(Inputs, BadManifestAndMissingInput) {
  test::TempDir tmp("inputs-bad");
  touch(tmp.path() / "m.csv", "name,file\n");
  try {
    discover_inputs({(tmp.path() / "m.csv").string()});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("a manifest CSV starts with the header id,path"), std::string::npos);
  }
  touch(tmp.path() / "n.csv", "id,path\na\n");
  EXPECT_THROW(discover_inputs({(tmp.path() / "n.csv").string()}), ConfigError);
  try {
    discover_inputs({(tmp.path() / "missing").string()});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "input not found: " + (tmp.path() / "missing").string());
  }
}

TEST(Inputs, SymlinkLoopIsVisitedOnce) {
  test::TempDir tmp("inputs-loop");
  touch(tmp.path() / "c" / "d" / "page.png");
  fs::create_directory_symlink(tmp.path() / "c", tmp.path() / "c" / "d" / "loop");
  const Discovery d = discover_inputs({(tmp.path() / "c").string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"d"}));
}

TEST(Inputs, SafeIds) {
  EXPECT_EQ(safe_id("a/../b"), "a/b");
  EXPECT_EQ(safe_id("/abs/x"), "abs/x");
  EXPECT_EQ(safe_id("bad\xff" "name"), "bad_name");
  EXPECT_EQ(safe_id("Łódź list"), "Łódź list");
  EXPECT_EQ(safe_id("a:b*c"), "a_b_c");
  EXPECT_EQ(safe_id(".."), "document");
}

TEST(Inputs, NaturalOrder) {
  EXPECT_TRUE(natural_less("page-2", "page-10"));
  EXPECT_FALSE(natural_less("page-10", "page-2"));
  EXPECT_TRUE(natural_less("a", "b"));
  EXPECT_TRUE(natural_less("p1", "p01"));
}

TEST(Inputs, ShardsAreDeterministicAndCoverAll) {
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 300; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    const int s = shard_of(id, 3);
    EXPECT_EQ(s, shard_of(id, 3));
    ++counts[s];
  }
  for (int c : counts) EXPECT_GT(c, 60);
}

}  // namespace
}  // namespace testimony
