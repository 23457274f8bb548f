// ocr.tesseract with real Tesseract on a committed fixture page: accuracy, layout invariants,
// boxes mapped back through the page transform, and a clear error for a missing language.
#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "pipeline/metrics.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/stages.hpp"
#include "tests/stages/stage_harness.hpp"
#include "tests/test_support.hpp"

namespace testimony {
namespace {

using test::make;

Page load_page(const std::filesystem::path& png) {
  auto ingest = make<IngestStage>("ingest");
  Document doc;
  Context ctx;
  auto reader = ingest->open({"t", png, {}}, doc, ctx);
  Page page;
  EXPECT_TRUE(reader->next(page));
  return page;
}

class TesseractTest : public testing::Test {
 protected:
  void SetUp() override {
    fixture_ = test::first_fixture("clean", {"por", "eng"});
    if (fixture_.dir.empty()) GTEST_SKIP() << "no clean por/eng fixture committed";
  }
  void ocr(Page& page) {
    auto stage = make<PageStage>("ocr.tesseract", {{"languages", fixture_.languages}});
    Document doc;
    Context ctx{get_logger_for_test(), {}, &doc, page.number, std::nullopt};
    stage->process(page, ctx);
  }
  static spdlog::logger* get_logger_for_test() {
    static auto l = std::make_shared<spdlog::logger>("test");
    return l.get();
  }
  test::FixtureCase fixture_;
};

TEST_F(TesseractTest, CleanPageCharacterErrorRateBelowTwoPercent) {
  Page page = load_page(fixture_.dir / "page-0001.png");
  ocr(page);
  const std::string gold = test::read_text(fixture_.dir / "gold" / "page-0001.gt.txt");
  const EditCounts cer = char_edits(gold, page.text);
  EXPECT_LT(cer.rate(), 0.02) << fixture_.dir << "\n" << page.text;
  EXPECT_EQ(page.text_source, TextSource::kOcr);
}

TEST_F(TesseractTest, LayoutIsConsistentAndBoxesInsidePage) {
  Page page = load_page(fixture_.dir / "page-0001.png");
  ocr(page);
  ASSERT_GT(page.words.size(), 20u);
  uint32_t next_line = 0, next_word = 0;
  for (const Block& b : page.blocks) {
    EXPECT_EQ(b.first_line, next_line);
    next_line += b.line_count;
    for (uint32_t li = b.first_line; li < b.first_line + b.line_count; ++li) {
      EXPECT_EQ(page.lines[li].first_word, next_word);
      next_word += page.lines[li].word_count;
    }
  }
  EXPECT_EQ(next_line, page.lines.size());
  EXPECT_EQ(next_word, page.words.size());
  for (const Word& w : page.words) {
    EXPECT_FALSE(w.bbox.empty()) << w.text;
    EXPECT_LE(w.bbox.x1, page.width);
    EXPECT_LE(w.bbox.y1, page.height);
    EXPECT_GE(w.confidence, 0.0f);
    EXPECT_LE(w.confidence, 1.0f);
  }
}

TEST_F(TesseractTest, BoxesAreMappedBackThroughTheTransform) {
  Page full = load_page(fixture_.dir / "page-0001.png");
  ocr(full);
  // The same page shifted: crop 100 px off the left and top, tell the page how to map back.
  Page cropped = load_page(fixture_.dir / "page-0001.png");
  PixImage& img = pix_of(cropped, "test");
  Box* box = boxCreate(100, 100, img.width() - 100, img.height() - 100);
  img.reset(PixPtr(pixClipRectangle(img.pix(), box, nullptr)));
  boxDestroy(&box);
  cropped.to_original = Transform::translation(100, 100);
  ocr(cropped);
  ASSERT_EQ(full.words.size(), cropped.words.size());
  int close = 0;
  for (std::size_t i = 0; i < full.words.size(); ++i)
    if (std::abs(full.words[i].bbox.x0 - cropped.words[i].bbox.x0) <= 2 &&
        std::abs(full.words[i].bbox.y0 - cropped.words[i].bbox.y0) <= 2)
      ++close;
  EXPECT_GT(close, static_cast<int>(full.words.size() * 9 / 10));
}

TEST(Tesseract, MissingLanguageIsAClearError) {
  try {
    make<PageStage>("ocr.tesseract", {{"languages", std::vector<std::string>{"xxx"}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDependencyFailed);
    EXPECT_EQ(e.message(),
              "Tesseract could not load languages \"xxx\"; is the traineddata installed (Debian: tesseract-ocr-<lang>)?");
  }
}

}  // namespace
}  // namespace testimony
