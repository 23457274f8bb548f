// ocr.tesseract with real Tesseract on committed fixture pages: accuracy, layout invariants,
// boxes mapped back through the page transform, the second reading of uncertain names, and
// clear errors for a missing language or a wrong reread language.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "pipeline/error.hpp"
#include "pipeline/metrics.hpp"
#include "stages/common/text.hpp"
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
              "Tesseract could not load languages \"xxx\"; is the traineddata installed (Debian: "
              "tesseract-ocr-<lang>, or tesseract-ocr-script-<script> for a script such as Latin)?");
  }
}

TEST(Tesseract, RereadLanguagesAreCheckedWhenTheStageIsMade) {
  for (const std::string bad : {"deu+pol", "../eng"})
    try {
      make<PageStage>("ocr.tesseract", {{"reread_languages", std::vector<std::string>{bad}}});
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << bad;
      EXPECT_NE(e.message().find("reread_languages"), std::string::npos) << e.message();
    }
  try {
    make<PageStage>("ocr.tesseract", {{"reread_languages", std::vector<std::string>{"xxx"}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDependencyFailed);
  }
}

// The second reading of uncertain names with the Latin script model (the default): on the
// first page of every Latin-script fixture case, each word it changed must be, letter for
// letter, a word of the gold transcription (a misread name mended, never a right word
// spoiled: a German "ä" must not become a Hungarian "á"), and it must change some words:
// the fixtures' English, German and Portuguese pages name Hungarian, Czech, Polish and Danish
// people and places their models have no letters for.
TEST(Tesseract, RereadWordsMatchTheGoldTranscription) {
  int pages = 0, changed = 0;
  for (const test::FixtureCase& c : test::fixture_cases()) {
    if (c.kind != "clean" && c.kind != "degraded") continue;
    const bool latin = std::all_of(c.languages.begin(), c.languages.end(),
                                   [](const std::string& l) { return l != "ara" && l != "heb"; });
    const std::filesystem::path png = c.dir / "page-0001.png";
    if (!latin || !std::filesystem::exists(png)) continue;
    Page page = load_page(png);
    auto stage = make<PageStage>("ocr.tesseract", {{"languages", c.languages}});
    static const auto log = std::make_shared<spdlog::logger>("test");
    Document doc;
    Context ctx{log.get(), {}, &doc, page.number, std::nullopt};
    stage->process(page, ctx);
    ++pages;
    std::set<std::string> gold;
    const std::string gold_text = test::read_text(c.dir / "gold" / "page-0001.gt.txt");
    for (const Token& t : tokenize(gold_text))
      if (t.kind == TokenKind::kWord) gold.insert(std::string(t.text(gold_text)));
    const int replaced = page.processing["ocr.tesseract"]["names_replaced"].get<int>();
    int seen = 0;
    for (const Word& w : page.words) {
      if (w.language != "Latin") continue;
      ++seen;
      for (const Token& t : tokenize(w.text)) {
        if (t.kind == TokenKind::kWord) {
          EXPECT_TRUE(gold.count(std::string(t.text(w.text)))) << c.dir << ": " << w.text;
        }
      }
    }
    EXPECT_EQ(seen, replaced) << c.dir;
    changed += replaced;
  }
  if (pages == 0) GTEST_SKIP() << "no Latin-script fixture pages committed";
  EXPECT_GE(changed, 5) << pages << " pages";
}

}  // namespace
}  // namespace testimony
