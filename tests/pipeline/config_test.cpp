// Config loading: one test per error message, --set overrides, canonical form and hash.
#include "pipeline/config.hpp"

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "stages/stages.hpp"

namespace testimony {
namespace {

const Registry& registry() {
  static const Registry r = make_registry();
  return r;
}

constexpr const char* kGood = R"(
[run]
jobs = 2

[[stage]]
use = "ingest"

[[stage]]
use = "ocr.tesseract"
languages = ["por", "eng"]
psm = 4

[[stage]]
use = "write.json"
)";

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    parse_config(text, "t.toml", registry(), sets);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Config, ParsesStagesInOrderWithDefaults) {
  const Config c = parse_config(kGood, "t.toml", registry());
  ASSERT_EQ(c.stages.size(), 3u);
  EXPECT_EQ(c.stages[0].info->name, "ingest");
  EXPECT_EQ(c.stages[1].info->name, "ocr.tesseract");
  EXPECT_EQ(c.stages[1].params.get_int("psm"), 4);
  EXPECT_EQ(c.stages[1].params.get_int("dpi"), 300);  // default
  EXPECT_EQ(c.stages[1].params.get_list("languages"), (std::vector<std::string>{"por", "eng"}));
  EXPECT_EQ(c.run.get_int("jobs"), 2);
  EXPECT_EQ(c.stages[1].pos.line, 8);
}

TEST(Config, UnknownStageSuggestsClosest) {
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesserac\"\n"),
            "t.toml:2:7: unknown stage \"ocr.tesserac\"; did you mean \"ocr.tesseract\"?");
}

TEST(Config, UnknownStageWithoutCloseName) {
  EXPECT_EQ(error_of("[[stage]]\nuse = \"zzzzzzzzzz\"\n"), "t.toml:2:7: unknown stage \"zzzzzzzzzz\"");
}

TEST(Config, UnknownKeySuggestsClosest) {
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesseract\"\nlangs = [\"por\"]\n"),
            "t.toml:3:1: stage \"ocr.tesseract\" has no parameter \"langs\"");
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesseract\"\nlanguage = [\"por\"]\n"),
            "t.toml:3:1: stage \"ocr.tesseract\" has no parameter \"language\"; did you mean \"languages\"?");
}

TEST(Config, WrongType) {
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesseract\"\npsm = \"six\"\n"),
            "t.toml:3:7: parameter \"psm\" of stage \"ocr.tesseract\" must be an integer, not a string");
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesseract\"\nlanguages = \"por\"\n"),
            "t.toml:3:13: parameter \"languages\" of stage \"ocr.tesseract\" must be a list of strings, not a string");
}

TEST(Config, OutOfRange) {
  EXPECT_EQ(error_of("[[stage]]\nuse = \"ocr.tesseract\"\npsm = 14\n"),
            "t.toml:3:7: parameter \"psm\" of stage \"ocr.tesseract\": must be at most 13");
}

TEST(Config, SyntaxErrorNamesPosition) {
  const std::string e = error_of("[[stage]]\nuse = \"ingest\n");
  EXPECT_EQ(e.rfind("t.toml:2:", 0), 0u) << e;
}

TEST(Config, UnknownSection) {
  EXPECT_EQ(error_of("[runn]\njobs = 1\n[[stage]]\nuse = \"ingest\"\n"),
            "t.toml:1:2: unknown section \"runn\" (expected [run] or [[stage]]); did you mean \"run\"?");
}

TEST(Config, UnknownRunKey) {
  EXPECT_EQ(error_of("[run]\njob = 1\n[[stage]]\nuse = \"ingest\"\n"),
            "t.toml:2:1: [run] has no parameter \"job\"; did you mean \"jobs\"?");
}

TEST(Config, StageWithoutUse) {
  EXPECT_EQ(error_of("[[stage]]\npsm = 3\n"), "t.toml:1:1: [[stage]] has no \"use\" key naming the stage");
}

TEST(Config, NoStages) { EXPECT_EQ(error_of("[run]\njobs = 1\n"), "t.toml: no [[stage]] tables; nothing to run"); }

TEST(Config, SetOverridesValues) {
  const Config c = parse_config(kGood, "t.toml", registry(),
                                {"ocr.tesseract.psm=6", "run.jobs=1", "ocr.tesseract.languages=deu,fra"});
  EXPECT_EQ(c.stages[1].params.get_int("psm"), 6);
  EXPECT_EQ(c.run.get_int("jobs"), 1);
  EXPECT_EQ(c.stages[1].params.get_list("languages"), (std::vector<std::string>{"deu", "fra"}));
  const Config c2 = parse_config(kGood, "t.toml", registry(), {R"(ocr.tesseract.languages=["ara"])"});
  EXPECT_EQ(c2.stages[1].params.get_list("languages"), (std::vector<std::string>{"ara"}));
}

TEST(Config, BadSetMessages) {
  EXPECT_EQ(error_of(kGood, {"psm"}), "--set psm: expected KEY=VALUE, e.g. ocr.tesseract.psm=6");
  EXPECT_EQ(error_of(kGood, {"psm=3"}), "--set psm=3: KEY must be run.NAME or STAGE.NAME");
  EXPECT_EQ(error_of(kGood, {"ocr.tesseract.psm=x"}), "--set ocr.tesseract.psm=x: \"x\" is not an integer");
  EXPECT_EQ(error_of(kGood, {"ocr.tesseract.psm=\"x\""}),
            "--set ocr.tesseract.psm=\"x\": parameter \"psm\" must be an integer, not a string");
  EXPECT_EQ(error_of(kGood, {"ocr.tesseract.pms=3"}),
            "--set ocr.tesseract.pms=3: stage \"ocr.tesseract\" has no parameter \"pms\"; did you mean \"psm\"?");
  EXPECT_EQ(error_of(kGood, {"ocr.tesseract.psm=99"}),
            "--set ocr.tesseract.psm=99: parameter \"psm\" of stage \"ocr.tesseract\": must be at most 13");
  EXPECT_EQ(error_of(kGood, {"ocr.tesseract2.psm=3"}),
            "--set ocr.tesseract2.psm=3: stage \"ocr.tesseract2\" is not in the config; did you mean \"ocr.tesseract\"?");
}

TEST(Config, CanonicalFormAndHashAreStable) {
  const Config a = parse_config(kGood, "a.toml", registry());
  // Same values written differently (defaults spelled out, other order, comments).
  const Config b = parse_config(R"(
# comment
[[stage]]
use = "ingest"
[[stage]]
psm = 4
use = "ocr.tesseract"
dpi = 300
languages = ["por","eng"]
[[stage]]
use = "write.json"
)",
                                "b.toml", registry());
  EXPECT_EQ(a.canonical(), b.canonical());
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_EQ(a.hash().size(), 64u);
  const Config c = parse_config(kGood, "a.toml", registry(), {"ocr.tesseract.psm=6"});
  EXPECT_NE(a.hash(), c.hash());
  // Run settings never change the hash: they do not change records.
  const Config d = parse_config(kGood, "a.toml", registry(), {"run.jobs=7"});
  EXPECT_EQ(a.hash(), d.hash());
  // The canonical form parses back to itself.
  const Config e = parse_config(a.canonical(), "canon.toml", registry());
  EXPECT_EQ(e.canonical(), a.canonical());
}

TEST(Config, MissingFile) {
  try {
    load_config("no/such/file.toml", registry());
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "no/such/file.toml: cannot read config file");
  }
}

}  // namespace
}  // namespace testimony
