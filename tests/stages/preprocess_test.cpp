// The preprocess family with real Leptonica and Tesseract on pages made in the test from a
// committed fixture: turned, skewed, bordered and speckled copies of a clean page come out
// upright and straight, OCR reads them, and word boxes map back to the page as it was scanned.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <random>

#include "pipeline/metrics.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/stages.hpp"
#include "tests/test_support.hpp"

namespace testimony {
namespace {

const Registry& registry() {
  static const Registry r = make_registry();
  return r;
}

template <typename T>
std::unique_ptr<T> make(const std::string& name, const std::map<std::string, ParamValue>& overrides = {}) {
  const StageInfo* info = registry().find(name);
  EXPECT_NE(info, nullptr) << name;
  Params p = default_params(info->params);
  for (const auto& [k, v] : overrides) p.set(k, v);
  auto s = info->make(p);
  return std::unique_ptr<T>(static_cast<T*>(s.release()));
}

spdlog::logger* test_logger() {
  static auto l = std::make_shared<spdlog::logger>("test");
  return l.get();
}

void run(const std::string& stage_name, Page& page, const std::map<std::string, ParamValue>& overrides = {}) {
  auto stage = make<PageStage>(stage_name, overrides);
  Document doc;
  doc.id = "test";
  Context ctx{test_logger(), {}, &doc, page.number, std::nullopt};
  stage->process(page, ctx);
}

const std::filesystem::path kCase = "fixtures/por-carta-consulado";

PixPtr read_fixture_pix() {
  PixPtr pix(pixRead((test::source_dir() / kCase / "page-0001.png").c_str()));
  EXPECT_TRUE(pix);
  return pix;
}

// A page as ingest makes it, from an image that stands for the scan.
Page page_of(PixPtr pix, int dpi = 300) {
  Page page;
  page.number = 1;
  page.dpi = dpi;
  page.width = pixGetWidth(pix.get());
  page.height = pixGetHeight(pix.get());
  page.image = std::make_unique<PixImage>(std::move(pix));
  return page;
}

Pix* pix_of_page(Page& page) { return pix_of(page, "test").pix(); }

void ocr(Page& page) { run("ocr.tesseract", page, {{"languages", std::vector<std::string>{"por"}}}); }

double cer(const Page& page) {
  const std::string gold = test::read_text(test::source_dir() / kCase / "gold" / "page-0001.gt.txt");
  return char_edits(gold, page.text).rate();
}

// The fixture page read once: OCR of the clean page is what the others are compared with.
const Page& clean_ocr() {
  static const Page page = [] {
    Page p = page_of(read_fixture_pix());
    ocr(p);
    return p;
  }();
  return page;
}

// How many words that occur once on both pages have boxes within `tol` pixels of `expected`
// mapped by `map` (clean page → scan), and how many such words there are.
std::pair<int, int> boxes_agree(const Page& clean, const Page& scan, const Transform& map, int tol) {
  std::map<std::string, std::vector<BBox>> a, b;
  for (const Word& w : clean.words) a[w.text].push_back(w.bbox);
  for (const Word& w : scan.words) b[w.text].push_back(w.bbox);
  int close = 0, total = 0;
  for (const auto& [text, boxes] : a) {
    auto it = b.find(text);
    if (boxes.size() != 1 || it == b.end() || it->second.size() != 1 || text.size() < 3) continue;
    ++total;
    const BBox want = map.apply(boxes[0], scan.width, scan.height);
    const BBox got = it->second[0];
    if (std::abs(want.x0 - got.x0) <= tol && std::abs(want.y0 - got.y0) <= tol &&
        std::abs(want.x1 - got.x1) <= tol && std::abs(want.y1 - got.y1) <= tol)
      ++close;
    else
      ADD_FAILURE() << text << ": want [" << want.x0 << "," << want.y0 << "," << want.x1 << ","
                    << want.y1 << "] got [" << got.x0 << "," << got.y0 << "," << got.x1 << "," << got.y1
                    << "]";
  }
  return {close, total};
}

void expect_boxes_map_back(const Page& scan, const Transform& clean_to_scan) {
  const auto [close, total] = boxes_agree(clean_ocr(), scan, clean_to_scan, 4);
  EXPECT_GT(total, 40);
  EXPECT_GE(close, total * 9 / 10) << close << " of " << total << " words within 4 px";
}

class PreprocessOcrTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(test::source_dir() / kCase / "page-0001.png"))
      GTEST_SKIP() << "fixture " << kCase << " not committed";
  }
};

// --- orientation ------------------------------------------------------------------------

TEST_F(PreprocessOcrTest, OrientationTurnsAPageScannedSidewaysUpright) {
  PixPtr clean = read_fixture_pix();
  const int w = pixGetWidth(clean.get()), h = pixGetHeight(clean.get());
  Page page = page_of(PixPtr(pixRotateOrth(clean.get(), 1)));  // scanned 90 degrees clockwise
  run("preprocess.orientation", page);
  const Json& rec = page.processing["preprocess.orientation"];
  EXPECT_EQ(rec["degrees"], 90) << rec.dump();
  EXPECT_EQ(rec["turned"], 270) << rec.dump();
  EXPECT_EQ(rec["script"], "Latin");
  EXPECT_EQ(pixGetWidth(pix_of_page(page)), w);
  EXPECT_EQ(pixGetHeight(pix_of_page(page)), h);
  ocr(page);
  EXPECT_LT(cer(page), 0.02) << page.text;
  // The scan is the clean page turned clockwise: (x, y) → (h - y, x).
  expect_boxes_map_back(page, Transform(0, -1, h, 1, 0, 0));
}

TEST_F(PreprocessOcrTest, OrientationTurnsAnUpsideDownPageUpright) {
  PixPtr clean = read_fixture_pix();
  const int w = pixGetWidth(clean.get()), h = pixGetHeight(clean.get());
  Page page = page_of(PixPtr(pixRotateOrth(clean.get(), 2)));
  run("preprocess.orientation", page);
  const Json& rec = page.processing["preprocess.orientation"];
  EXPECT_EQ(rec["degrees"], 180) << rec.dump();
  EXPECT_EQ(rec["turned"], 180) << rec.dump();
  ocr(page);
  EXPECT_LT(cer(page), 0.02) << page.text;
  expect_boxes_map_back(page, Transform(-1, 0, w, 0, -1, h));
}

TEST_F(PreprocessOcrTest, OrientationLeavesAnUprightPageAlone) {
  Page page = page_of(read_fixture_pix());
  run("preprocess.orientation", page);
  const Json& rec = page.processing["preprocess.orientation"];
  EXPECT_EQ(rec["detected"], true);
  EXPECT_EQ(rec["degrees"], 0) << rec.dump();
  EXPECT_EQ(rec["turned"], 0);
  EXPECT_TRUE(page.to_original.is_identity());
}

TEST_F(PreprocessOcrTest, OrientationNeedsConfidenceToTurn) {
  PixPtr clean = read_fixture_pix();
  Page page = page_of(PixPtr(pixRotateOrth(clean.get(), 2)));
  run("preprocess.orientation", page, {{"min_confidence", 99.0}});
  EXPECT_EQ(page.processing["preprocess.orientation"]["turned"], 0);
  EXPECT_TRUE(page.to_original.is_identity());
}

// --- deskew -----------------------------------------------------------------------------

// The clean page turned `degrees` counter-clockwise about its centre, as a skewed scan.
PixPtr skewed(Pix* clean, double degrees) {
  PixPtr gray(pixConvert1To8(nullptr, clean, 255, 0));
  return PixPtr(pixRotateAM(gray.get(), static_cast<l_float32>(-degrees * std::numbers::pi / 180),
                            L_BRING_IN_WHITE));
}

TEST_F(PreprocessOcrTest, DeskewMeasuresTwoDegreesAndBoxesMapBack) {
  PixPtr clean = read_fixture_pix();
  const int w = pixGetWidth(clean.get()), h = pixGetHeight(clean.get());
  Page page = page_of(skewed(clean.get(), 2.0));
  run("preprocess.deskew", page);
  const Json& rec = page.processing["preprocess.deskew"];
  EXPECT_NEAR(rec["angle"].get<double>(), 2.0, 0.3) << rec.dump();
  EXPECT_EQ(rec["corrected"], true);
  EXPECT_EQ(pixGetWidth(pix_of_page(page)), w);
  EXPECT_EQ(pixGetHeight(pix_of_page(page)), h);
  ocr(page);
  EXPECT_LT(cer(page), 0.03) << page.text;
  // The scan is the clean page turned 2 degrees counter-clockwise about the centre of the
  // middle pixel (where pixRotateAM turns).
  const double r = 2.0 * std::numbers::pi / 180;
  expect_boxes_map_back(page, Transform::rotation(r, w / 2 + 0.5, h / 2 + 0.5));
}

TEST_F(PreprocessOcrTest, DeskewMeasuresBothDirections) {
  PixPtr clean = read_fixture_pix();
  for (const double degrees : {-1.5, 0.7, 3.0}) {
    Page page = page_of(skewed(clean.get(), degrees));
    run("preprocess.deskew", page);
    EXPECT_NEAR(page.processing["preprocess.deskew"]["angle"].get<double>(), degrees, 0.3) << degrees;
  }
}

TEST_F(PreprocessOcrTest, DeskewLeavesAStraightPageAlone) {
  Page page = page_of(read_fixture_pix());
  run("preprocess.deskew", page);
  const Json& rec = page.processing["preprocess.deskew"];
  EXPECT_LT(std::abs(rec["angle"].get<double>()), 0.1) << rec.dump();
  EXPECT_EQ(rec["corrected"], false);
  EXPECT_TRUE(page.to_original.is_identity());
  EXPECT_EQ(pixGetDepth(pix_of_page(page)), 1);
}

// --- crop -------------------------------------------------------------------------------

TEST_F(PreprocessOcrTest, CropRemovesADarkBorderAndBoxesMapBack) {
  PixPtr clean = read_fixture_pix();
  PixPtr gray(pixConvert1To8(nullptr, clean.get(), 255, 0));
  // A scanner border: 40 px dark gray on the left, 25 px on top, 12 px on the right.
  PixPtr bordered(pixAddBorderGeneral(gray.get(), 40, 12, 25, 0, 50));
  Page page = page_of(std::move(bordered));
  run("preprocess.crop", page);
  const Json& rec = page.processing["preprocess.crop"];
  EXPECT_GE(rec["left"].get<int>(), 40) << rec.dump();
  EXPECT_LE(rec["left"].get<int>(), 46);
  EXPECT_GE(rec["top"].get<int>(), 25);
  EXPECT_LE(rec["top"].get<int>(), 31);
  EXPECT_GE(rec["right"].get<int>(), 12);
  EXPECT_EQ(rec["bottom"], 0);
  ocr(page);
  EXPECT_LT(cer(page), 0.02) << page.text;
  expect_boxes_map_back(page, Transform::translation(40, 25));
}

TEST_F(PreprocessOcrTest, CropLeavesAPageWithoutBorderAlone) {
  Page page = page_of(read_fixture_pix());
  run("preprocess.crop", page);
  EXPECT_EQ(page.processing["preprocess.crop"]["cropped"], false);
  EXPECT_TRUE(page.to_original.is_identity());
}

// --- despeckle --------------------------------------------------------------------------

// Marks drawn on white: an "i" (stem and dot), a letter with a period after it, a letter with
// an acute accent and one with two Arabic-style dots under it, and isolated specks of 1-3 px.
TEST(Despeckle, KeepsDotsAndDiacriticsRemovesIsolatedSpecks) {
  PixPtr pix(pixCreate(600, 400, 1));
  auto fill = [&](int x, int y, int w, int h) { pixRasterop(pix.get(), x, y, w, h, PIX_SET, nullptr, 0, 0); };
  fill(100, 100, 6, 30);  // i stem
  fill(100, 88, 6, 6);    // i dot
  fill(150, 100, 20, 30);  // letter
  fill(176, 124, 6, 6);    // period
  fill(220, 100, 20, 30);  // letter
  fill(226, 88, 5, 7);     // acute accent
  fill(280, 100, 30, 12);  // Arabic letter body
  fill(285, 118, 5, 5);    // two dots under it
  fill(296, 118, 5, 5);
  l_int32 marks = 0;
  pixCountConnComp(pix.get(), 8, &marks);
  std::mt19937 rng(7);
  int specks = 0;
  for (int i = 0; i < 60; ++i) {
    const int x = 20 + static_cast<int>(rng() % 560), y = 200 + static_cast<int>(rng() % 180);
    const int s = 1 + static_cast<int>(rng() % 3);
    fill(x, y, s, s);
    ++specks;
  }
  l_int32 before = 0;
  pixCountConnComp(pix.get(), 8, &before);
  ASSERT_GT(before, marks + 40);  // some specks may touch each other
  Page page = page_of(std::move(pix));
  run("preprocess.despeckle", page);
  l_int32 after = 0;
  pixCountConnComp(pix_of_page(page), 8, &after);
  EXPECT_EQ(after, marks) << page.processing.dump();
  EXPECT_EQ(page.processing["preprocess.despeckle"]["removed"], before - marks);
  // i-dot, period and the two dots are small but next to letters; the accent is 7 px tall.
  EXPECT_EQ(page.processing["preprocess.despeckle"]["kept_near_text"], 4);
}

TEST_F(PreprocessOcrTest, DespeckleRemovesSpecksFromAGrayPageAndKeepsItsText) {
  PixPtr clean = read_fixture_pix();
  PixPtr gray(pixConvert1To8(nullptr, clean.get(), 255, 0));
  PixPtr noisy(pixCopy(nullptr, gray.get()));
  // Specks of 1-3 px with gray values of scanner dirt, where the page is blank for 30 px around.
  std::mt19937 rng(11);
  const int w = pixGetWidth(gray.get()), h = pixGetHeight(gray.get());
  int placed = 0;
  while (placed < 300) {
    const int x = 40 + static_cast<int>(rng() % static_cast<unsigned>(w - 80));
    const int y = 40 + static_cast<int>(rng() % static_cast<unsigned>(h - 80));
    Box* around = boxCreate(x - 30, y - 30, 63, 63);
    PixPtr win(pixClipRectangle(clean.get(), around, nullptr));
    boxDestroy(&around);
    l_int32 empty = 0;
    pixZero(win.get(), &empty);
    if (!empty) continue;
    const int s = 1 + static_cast<int>(rng() % 3);
    Box* speck = boxCreate(x, y, s, s);
    pixSetInRectArbitrary(noisy.get(), speck, static_cast<l_uint32>(40 + rng() % 60));
    boxDestroy(&speck);
    ++placed;
  }
  Page page = page_of(std::move(noisy));
  run("preprocess.despeckle", page);
  EXPECT_GE(page.processing["preprocess.despeckle"]["removed"].get<int>(), 280);
  // Every ink pixel of the page is still there, and no speck is.
  PixPtr out(pixThresholdToBinary(pix_of_page(page), 128));
  PixPtr diff(pixXor(nullptr, out.get(), clean.get()));
  l_int32 changed = 0;
  pixCountPixels(diff.get(), &changed, nullptr);
  EXPECT_EQ(changed, 0);
}

TEST_F(PreprocessOcrTest, DespeckleLeavesACleanPortuguesePageUntouched) {
  PixPtr clean = read_fixture_pix();
  Page page = page_of(PixPtr(pixCopy(nullptr, clean.get())));
  run("preprocess.despeckle", page);
  EXPECT_EQ(page.processing["preprocess.despeckle"]["removed"], 0);
  l_int32 same = 0;
  pixEqual(clean.get(), pix_of_page(page), &same);
  EXPECT_TRUE(same);
}

TEST(Despeckle, KeepsArabicDotsOfACleanPage) {
  const auto dir = test::source_dir() / "fixtures/ara-risala-budapest";
  if (!std::filesystem::exists(dir / "page-0001.png")) GTEST_SKIP() << "no Arabic fixture";
  PixPtr pix(pixRead((dir / "page-0001.png").c_str()));
  PixPtr before(pixThresholdToBinary(pix.get(), 128));
  Page page = page_of(std::move(pix));
  run("preprocess.despeckle", page);
  const Json& rec = page.processing["preprocess.despeckle"];
  EXPECT_EQ(rec["removed"], 0) << rec.dump();
  EXPECT_GT(rec["kept_near_text"].get<int>(), 100);  // the dots of ب ت ث ن ي ...
  PixPtr after(pixThresholdToBinary(pix_of_page(page), 128));
  l_int32 same = 0;
  pixEqual(before.get(), after.get(), &same);
  EXPECT_TRUE(same);
}

// --- background and binarize ------------------------------------------------------------

// A clip of the clean page printed on yellowed paper that darkens from right to left.
PixPtr yellowed(Pix* clean) {
  Box* top = boxCreate(0, 0, pixGetWidth(clean), 1200);
  PixPtr clip(pixClipRectangle(clean, top, nullptr));
  boxDestroy(&top);
  const int w = pixGetWidth(clip.get()), h = pixGetHeight(clip.get());
  PixPtr rgb(pixCreate(w, h, 32));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_uint32 ink = 0;
      pixGetPixel(clip.get(), x, y, &ink);
      const double light = 0.7 + 0.3 * x / w;  // uneven illumination
      const int r = ink ? 40 : static_cast<int>(236 * light), g = ink ? 38 : static_cast<int>(222 * light),
                b = ink ? 42 : static_cast<int>(180 * light);
      l_uint32 v = 0;
      composeRGBPixel(r, g, b, &v);
      pixSetPixel(rgb.get(), x, y, v);
    }
  return rgb;
}

l_float32 mean_in(Pix* gray, int x, int y, int w, int h) {
  Box* b = boxCreate(x, y, w, h);
  l_float32 v = 0;
  PixPtr clip(pixClipRectangle(gray, b, nullptr));
  boxDestroy(&b);
  pixGetAverageMasked(clip.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &v);
  return v;
}

TEST_F(PreprocessOcrTest, BackgroundMakesYellowedUnevenPaperEvenlyWhite) {
  PixPtr clean = read_fixture_pix();
  Page page = page_of(yellowed(clean.get()));
  run("preprocess.background", page);
  EXPECT_EQ(page.processing["preprocess.background"]["normalized"], true);
  Pix* out = pix_of_page(page);
  ASSERT_EQ(pixGetDepth(out), 8);
  // The left and right margins (blank paper) end up alike and near white.
  const l_float32 left = mean_in(out, 10, 10, 80, 1000), right = mean_in(out, pixGetWidth(out) - 90, 10, 80, 1000);
  EXPECT_GT(left, 240);
  EXPECT_GT(right, 240);
  EXPECT_LT(std::abs(left - right), 8);
  EXPECT_TRUE(page.to_original.is_identity());
}

TEST_F(PreprocessOcrTest, BinarizeGivesBackTheInkOfAYellowedPage) {
  PixPtr clean = read_fixture_pix();
  Box* top = boxCreate(0, 0, pixGetWidth(clean.get()), 1200);
  PixPtr clip(pixClipRectangle(clean.get(), top, nullptr));
  boxDestroy(&top);
  Page page = page_of(yellowed(clean.get()));
  run("preprocess.background", page);
  run("preprocess.binarize", page);
  EXPECT_EQ(page.processing["preprocess.binarize"]["method"], "sauvola");
  Pix* out = pix_of_page(page);
  ASSERT_EQ(pixGetDepth(out), 1);
  PixPtr diff(pixXor(nullptr, out, clip.get()));
  l_int32 changed = 0, ink = 0;
  pixCountPixels(diff.get(), &changed, nullptr);
  pixCountPixels(clip.get(), &ink, nullptr);
  EXPECT_LT(changed, ink / 50) << changed << " of " << ink;
}

// --- every stage ------------------------------------------------------------------------

std::vector<std::string> preprocess_stages() {
  std::vector<std::string> out;
  for (const StageInfo& s : registry().all())
    if (s.name.rfind("preprocess.", 0) == 0) out.push_back(s.name);
  return out;
}

TEST(Preprocess, EveryStageIsRegisteredAsAnImageStage) {
  const auto names = preprocess_stages();
  EXPECT_EQ(names, (std::vector<std::string>{"preprocess.orientation", "preprocess.crop", "preprocess.deskew",
                                             "preprocess.background", "preprocess.despeckle",
                                             "preprocess.binarize"}));
  for (const auto& n : names) {
    const StageInfo* s = registry().find(n);
    EXPECT_EQ(s->kind, StageKind::kPage);
    EXPECT_EQ(s->needs, kCapPageImage) << n;
    EXPECT_EQ(s->provides, kCapPageImage) << n;
    EXPECT_FALSE(s->doc.empty());
    for (const ParamSpec& p : s->params) EXPECT_FALSE(p.doc.empty()) << n << "." << p.name;
  }
}

TEST(Preprocess, EveryStageSkipsAPageWithoutImage) {
  for (const auto& n : preprocess_stages()) {
    Page page;
    page.number = 1;
    page.width = 2480;
    page.height = 3508;
    page.text_source = TextSource::kTextLayer;
    page.begin_block({10, 10, 100, 30});
    page.begin_line({10, 10, 100, 30});
    page.add_word({"Lisboa", {10, 10, 100, 30}, 1.0f, "", {}});
    EXPECT_NO_THROW(run(n, page)) << n;
    EXPECT_FALSE(page.processing.contains(n)) << n;
    EXPECT_TRUE(page.to_original.is_identity()) << n;
    EXPECT_EQ(page.words.size(), 1u);
  }
}

}  // namespace
}  // namespace testimony
