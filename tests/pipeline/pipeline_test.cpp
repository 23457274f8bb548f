// The pipeline builder rejects impossible stage orders before any document, naming stages.
#include "pipeline/pipeline.hpp"

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "stages/stages.hpp"

namespace testimony {
namespace {

std::string build_error(const std::string& text) {
  static const Registry r = make_registry();
  try {
    Pipeline::build(parse_config(text, "p.toml", r));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Pipeline, FirstStageMustIngest) {
  EXPECT_EQ(build_error("[[stage]]\nuse = \"ocr.tesseract\"\n"),
            "p.toml: the first [[stage]] must be an ingest stage (use = \"ingest\")");
}

TEST(Pipeline, NeedsAreCheckedAndNameTheProvider) {
  EXPECT_EQ(build_error("[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"write.json\"\n"),
            "p.toml:3:1: stage \"write.json\" needs OCR layout, which no earlier stage provides");
}

TEST(Pipeline, PageStageAfterDocumentStage) {
  EXPECT_EQ(build_error("[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ocr.tesseract\"\n"
                        "[[stage]]\nuse = \"write.json\"\n[[stage]]\nuse = \"ocr.tesseract\"\n"),
            "p.toml:7:1: page stage \"ocr.tesseract\" cannot come after document stage \"write.json\"; move it up");
}

TEST(Pipeline, SecondIngest) {
  EXPECT_EQ(build_error("[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ingest\"\n"),
            "p.toml:3:1: stage \"ingest\" is an ingest stage; only the first stage may ingest");
}

TEST(Pipeline, ProvenanceListsStagesWithParams) {
  static const Registry r = make_registry();
  const Pipeline p = Pipeline::build(parse_config(
      "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ocr.tesseract\"\n[[stage]]\nuse = \"write.json\"\n", "p.toml", r));
  const Provenance prov = p.provenance();
  ASSERT_EQ(prov.stages.size(), 3u);
  EXPECT_EQ(prov.stages[1].name, "ocr.tesseract");
  EXPECT_EQ(prov.stages[1].params["psm"], 3);
  EXPECT_EQ(prov.config_hash, p.config().hash());
  EXPECT_EQ(prov.version, program_version());
}

}  // namespace
}  // namespace testimony

namespace testimony {
namespace {

TEST(Provenance, APdfPasswordNeverReachesTheRecord) {
  static const Registry r = make_registry();
  const Pipeline p = Pipeline::build(parse_config(
      "[[stage]]\nuse = \"ingest\"\npassword = \"s3cret-word\"\n[[stage]]\nuse = \"ocr.tesseract\"\n", "t.toml", r));
  const Provenance prov = p.provenance();
  EXPECT_EQ(prov.config.find("s3cret-word"), std::string::npos);
  EXPECT_NE(prov.config.find("password = \"(redacted)\""), std::string::npos);
  for (const auto& s : prov.stages) EXPECT_EQ(s.params.dump().find("s3cret-word"), std::string::npos);
  // The hash still tells two passwords apart (a different config).
  const Pipeline q = Pipeline::build(parse_config(
      "[[stage]]\nuse = \"ingest\"\npassword = \"other\"\n[[stage]]\nuse = \"ocr.tesseract\"\n", "t.toml", r));
  EXPECT_NE(p.provenance().config_hash, q.provenance().config_hash);
}

}  // namespace
}  // namespace testimony
