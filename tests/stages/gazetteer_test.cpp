// Authority files as gazetteers: broken rows are reported with file and line and skipped, good
// rows still match, and a file without the needed columns is a clear configuration error.
#include "stages/tag/gazetteer.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/data.hpp"
#include "pipeline/error.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

TEST(Gazetteer, BrokenRowsAreReportedWithFileAndLine) {
  const fs::path f = test::source_dir() / "tests" / "badinput" / "authorities" / "places.tsv";
  const auto g = Gazetteer::load("places", f);
  const std::string at = f.string() + ":";
  EXPECT_EQ(g->problems(),
            (std::vector<std::string>{
                at + "4: 5 fields, expected 8; row skipped",
                at + "9: not valid UTF-8; row skipped",
                at + "5: empty id; row skipped",
                at + "6: bad coordinates lat \"north\", lon \"-8.42\" (decimal degrees, |lat| <= 90, |lon| <= 180); "
                     "coordinates ignored",
                at + "7: bad coordinates lat \"95.5\", lon \"-7.93\" (decimal degrees, |lat| <= 90, |lon| <= 180); "
                     "coordinates ignored",
                at + "8: duplicate id \"lisbon\"; row skipped",
                at + "10: empty name; row skipped",
            }));
  // lisbon, braga, faro, elvas; each entry keeps its own variants even after skipped rows.
  EXPECT_EQ(g->size(), 4u);
  ASSERT_NE(g->find("lissabon"), nullptr);
  EXPECT_EQ(g->find("lissabon")->id, "lisbon");
  ASSERT_NE(g->find("elvas"), nullptr);
  EXPECT_EQ(g->find("elvas")->id, "elvas");
  EXPECT_EQ(g->find("lisbon again"), nullptr);
}

TEST(Gazetteer, MissingColumnsOrFileAreConfigErrors) {
  test::TempDir tmp("gazetteer");
  std::ofstream(tmp.path() / "no-variants.tsv") << "# comment\nid\tname\nx\tX\n";
  try {
    Gazetteer::load("places", tmp.path() / "no-variants.tsv");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (tmp.path() / "no-variants.tsv").string() + ":2: header lacks the column \"variants\"");
  }
  std::ofstream(tmp.path() / "empty.tsv") << "# only a comment\n";
  try {
    Gazetteer::load("places", tmp.path() / "empty.tsv");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (tmp.path() / "empty.tsv").string() + ": empty (no header row)");
  }
  EXPECT_THROW(Gazetteer::load("places", tmp.path() / "missing.tsv"), ConfigError);
}

TEST(Tsv, RowsKnowTheirLines) {
  test::TempDir tmp("tsv");
  std::ofstream(tmp.path() / "t.tsv") << "a\tb\r\n# note\n\n1\t2\n3\n4\t5\n";
  const TsvTable t = read_tsv(tmp.path() / "t.tsv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.lines, (std::vector<int>{4, 6}));
  EXPECT_EQ(t.where(1), (tmp.path() / "t.tsv").string() + ":6: ");
  EXPECT_EQ(t.problems, std::vector<std::string>{(tmp.path() / "t.tsv").string() + ":5: 1 fields, expected 2; row skipped"});
}

// One skeleton for a name's spellings in Latin, Arabic and Hebrew script.
TEST(Gazetteer, SoundKeysOfOneNameInThreeScripts) {
  EXPECT_EQ(sound_key("Raoul Wallenberg"), "rl flnbrk");
  EXPECT_EQ(sound_key("راؤول فالنبرغ"), "rl flnbrk");
  EXPECT_EQ(sound_key("راؤول والنبرغ"), "rl flnbrk");
  EXPECT_EQ(sound_key("ראול ולנברג"), "rl flnbrk");
  EXPECT_EQ(sound_key("Carl Lutz"), sound_key("كارل لوتس"));
  EXPECT_EQ(sound_key("Josef"), sound_key("يوسف"));
  EXPECT_EQ(sound_key("Sara"), sound_key("سارة"));  // the ta marbuta is a vowel
  EXPECT_NE(sound_key("Weiss"), sound_key("Roth"));
}

// The persons file links Arabic and Hebrew spellings it does not list, one letter off at
// most, and never a name that merely sounds like a listed one in a single word, nor common
// names of the region.
TEST(Gazetteer, PersonsBySound) {
  const auto g = Gazetteer::get("persons");
  const AuthorityEntry* w = g->find_by_sound("راؤول فالنبرع");  // OCR: ع for غ
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->id, "raoul-wallenberg");
  const AuthorityEntry* s = g->find_by_sound("צ'יונה סוגיהרה");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->id, "chiune-sugihara");
  for (const char* name : {"سالم الحداد", "يوسف حداد", "موشيه بورجل", "علي بن سالم", "משה כהן", "יעקב לוין",
                           "שמואל רוזנברג", "אברהם גולדשטיין", "راشيل حداد", "ماتيلدا كوهين", "פרידה",
                           // a letter less in each, in different places: no letter other
                           "רחל גולדברג",
                           // a letter other in a short family name: Shtern is no Stalin
                           "יוסף שטרן"})
    EXPECT_EQ(g->find_by_sound(name), nullptr) << name << " → " << g->find_by_sound(name)->id;
}

}  // namespace
}  // namespace testimony
