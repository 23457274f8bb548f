// Record JSON: a full round trip, determinism, and clear errors for bad records.
#include "pipeline/document.hpp"

#include <gtest/gtest.h>

#include "pipeline/error.hpp"

namespace testimony {
namespace {

Document sample() {
  Document d;
  d.id = "letters/l1";
  d.source = {"in/l1.png", std::string(64, 'a'), "image/png", 1234};
  d.metadata = {{"collection", "Mendes"}};
  Page p;
  p.number = 1;
  p.width = 2480;
  p.height = 3508;
  p.dpi = 300;
  p.text_source = TextSource::kOcr;
  p.begin_block({10, 10, 500, 100});
  p.begin_line({10, 10, 500, 50});
  p.add_word({"Lisboa,", {10, 10, 100, 50}, 0.96f, "por", {}});
  p.add_word({"1944", {120, 10, 200, 50}, 0.91f, "por", {}});
  p.begin_line({10, 60, 500, 100});
  p.add_word({"Gisela", {10, 60, 150, 100}, 0.5f, "", {}});
  p.rebuild_text();
  p.processing["ocr.tesseract"] = {{"words", 3}};
  p.warnings.push_back("w");
  d.pages.push_back(std::move(p));
  d.text = "Lisboa, 1944 Gisela";
  d.segments = {{0, 7, 0, 0}, {8, 12, 0, 1}, {13, 19, 0, 2}};
  Entity e;
  e.type = EntityType::kDate;
  e.text = "1944";
  e.value = "1944";
  e.page = 1;
  e.start = 8;
  e.end = 12;
  e.bboxes = {{120, 10, 200, 50}};
  e.confidence = 0.9;
  e.evidence = {"rule:year"};
  d.entities.push_back(e);
  d.provenance.program = "testimony";
  d.provenance.config_hash = "abc";
  d.provenance.stages = {{"ingest", {{"max_pages", 10}}}};
  d.provenance.tools = {{"tesseract", "5.3.0"}};
  return d;
}

TEST(Record, PageTextIsBuiltFromLayout) {
  EXPECT_EQ(sample().pages[0].text, "Lisboa, 1944\nGisela");
}

TEST(Record, RoundTripIsExact) {
  const Json a = to_record(sample());
  const Document back = from_record(a);
  EXPECT_EQ(to_record(back).dump(), a.dump());
  EXPECT_EQ(back.pages[0].words.size(), 3u);
  EXPECT_EQ(back.pages[0].lines[1].first_word, 2u);
  EXPECT_EQ(back.entities[0].type, EntityType::kDate);
  EXPECT_EQ(back.entities[0].authority, "");
}

TEST(Record, HasRequiredKeys) {
  const Json r = to_record(sample());
  for (const char* k : {"schema_version", "id", "source", "pages", "text", "entities", "warnings", "provenance"})
    EXPECT_TRUE(r.contains(k)) << k;
  const Json& w = r["pages"][0]["blocks"][0]["lines"][0]["words"][0];
  EXPECT_EQ(w["bbox"], Json::array({10, 10, 100, 50}));
  EXPECT_DOUBLE_EQ(w["confidence"].get<double>(), 0.96);  // rounded to 4 places
  EXPECT_TRUE(r["entities"][0]["authority"].is_null());
}

TEST(Record, BadRecordsGiveClearErrors) {
  Json r = to_record(sample());
  r.erase("pages");
  try {
    from_record(r);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.message(), "malformed record");
  }
  Json v = to_record(sample());
  v["schema_version"] = "2.0";
  try {
    from_record(v);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnsupported);
    EXPECT_EQ(e.message(), "record schema version 2.0 is not supported");
  }
}

}  // namespace
}  // namespace testimony
