// The registry: lookups, suggestions, and that every registered stage is well declared.
#include "pipeline/registry.hpp"

#include <gtest/gtest.h>

#include "stages/stages.hpp"

namespace testimony {
namespace {

TEST(Registry, FindsStagesByDottedName) {
  const Registry r = make_registry();
  ASSERT_NE(r.find("ocr.tesseract"), nullptr);
  EXPECT_EQ(r.find("ocr.tesseract")->kind, StageKind::kPage);
  EXPECT_EQ(r.find("nope"), nullptr);
  EXPECT_EQ(r.closest("write.jsn"), "write.json");
  EXPECT_EQ(r.closest("completely-different"), "");
}

TEST(Registry, EveryStageIsDeclaredConsistently) {
  const Registry r = make_registry();
  for (const auto& s : r.all()) {
    EXPECT_FALSE(s.doc.empty()) << s.name;
    EXPECT_TRUE(s.make) << s.name;
    // A dotted family name whose family is a stages/ folder (ingest stands alone).
    if (s.kind != StageKind::kIngest) {
      EXPECT_NE(s.name.find('.'), std::string::npos) << s.name;
    }
    for (const auto& p : s.params) {
      EXPECT_FALSE(p.doc.empty()) << s.name << "." << p.name;
      EXPECT_EQ(p.check(p.default_value), "") << s.name << "." << p.name << " default fails its own check";
    }
  }
}

TEST(Registry, EditDistance) {
  EXPECT_EQ(edit_distance_bytes("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance_bytes("", "abc"), 3u);
  EXPECT_EQ(edit_distance_bytes("abc", "abc"), 0u);
}

}  // namespace
}  // namespace testimony
