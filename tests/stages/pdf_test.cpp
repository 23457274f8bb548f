// PDF ingest with real Poppler on committed fixtures and PDFs derived from them with qpdf:
// text layer, scanned, mixed, encrypted, truncated; boxes of text-layer words land where
// OCR of the rendered page finds the same words.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/metrics.hpp"
#include "stages/stages.hpp"
#include "tests/stages/stage_harness.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

using test::make;

std::vector<Page> read_pdf(const fs::path& pdf, const std::map<std::string, ParamValue>& overrides = {}) {
  auto ingest = make<IngestStage>("ingest", overrides);
  Document doc;
  Context ctx;
  auto reader = ingest->open({"t", pdf, {}}, doc, ctx);
  EXPECT_EQ(doc.source.media_type, "application/pdf");
  std::vector<Page> pages;
  for (Page p; reader->next(p); p = Page{}) pages.push_back(std::move(p));
  return pages;
}

Error error_of(const fs::path& pdf, const std::map<std::string, ParamValue>& overrides = {}) {
  try {
    read_pdf(pdf, overrides);
  } catch (const Error& e) {
    return e;
  }
  return Error(ErrorCode::kInternal, "no error");
}

fs::path fixture_pdf(const std::string& kind) {
  for (const auto& c : test::fixture_cases())
    if (c.kind == kind && fs::exists(c.dir / "doc.pdf")) return c.dir / "doc.pdf";
  return {};
}

class PdfTest : public testing::Test {
 protected:
  void SetUp() override {
    born_ = fixture_pdf("born-digital");
    scanned_ = fixture_pdf("pdf");
    if (born_.empty() || scanned_.empty()) GTEST_SKIP() << "PDF fixtures missing";
  }
  fs::path born_, scanned_;
};

TEST_F(PdfTest, BornDigitalPagesUseTheTextLayer) {
  const auto pages = read_pdf(born_);
  ASSERT_FALSE(pages.empty());
  for (const Page& p : pages) {
    EXPECT_EQ(p.text_source, TextSource::kTextLayer);
    EXPECT_EQ(p.image, nullptr);  // nothing rendered
    EXPECT_GT(p.words.size(), 10u);
    for (const Word& w : p.words) {
      EXPECT_FALSE(w.bbox.empty()) << w.text;
      EXPECT_LE(w.bbox.x1, p.width);
      EXPECT_LE(w.bbox.y1, p.height);
    }
  }
  // Text-layer CER against gold is near zero.
  const fs::path gold = born_.parent_path() / "gold" / "page-0001.gt.txt";
  EXPECT_LT(char_edits(test::read_text(gold), pages[0].text).rate(), 0.01);
}

TEST_F(PdfTest, ScannedPagesAreRenderedAtPdfDpi) {
  const auto pages = read_pdf(scanned_, {{"pdf_dpi", int64_t{150}}});
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(pages[0].text_source, TextSource::kNone);
  ASSERT_NE(pages[0].image, nullptr);
  EXPECT_EQ(pages[0].dpi, 150);
  EXPECT_EQ(pages[0].image->width(), pages[0].width);
  EXPECT_NEAR(pages[0].width, 1240, 2);  // A4 at 150 dpi
  EXPECT_EQ(pages[0].processing["ingest"]["text_layer_used"], false);
}

TEST_F(PdfTest, NeverRendersEvenBornDigital) {
  const auto pages = read_pdf(born_, {{"text_layer", std::string("never")}});
  EXPECT_EQ(pages[0].text_source, TextSource::kNone);
  EXPECT_NE(pages[0].image, nullptr);
}

TEST_F(PdfTest, TextLayerBoxesMatchOcrOfTheRenderedPage) {
  const auto layer = read_pdf(born_);
  auto rendered = read_pdf(born_, {{"text_layer", std::string("never")}});
  auto ocr = make<PageStage>("ocr.tesseract", {{"languages", std::vector<std::string>{"por", "eng"}}});
  Document doc;
  auto log = std::make_shared<spdlog::logger>("t");
  Context ctx{log.get(), {}, &doc, 1, std::nullopt};
  ocr->process(rendered[0], ctx);
  int compared = 0, close = 0;
  for (const Word& a : layer[0].words) {
    if (a.text.size() < 6) continue;
    for (const Word& b : rendered[0].words)
      if (b.text == a.text) {
        ++compared;
        if (std::abs(a.bbox.x0 - b.bbox.x0) < 15 && std::abs(a.bbox.y0 - b.bbox.y0) < 25) ++close;
        break;
      }
  }
  ASSERT_GT(compared, 10);
  EXPECT_GE(close, compared * 9 / 10);
}

TEST_F(PdfTest, MixedPdfDecidesPageByPage) {
  test::TempDir tmp("pdf-mixed");
  const fs::path mixed = tmp.path() / "mixed.pdf";
  const std::string cmd = "qpdf --empty --pages '" + scanned_.string() + "' 1 '" + born_.string() + "' 1 -- '" +
                          mixed.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const auto pages = read_pdf(mixed);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].text_source, TextSource::kNone);
  EXPECT_NE(pages[0].image, nullptr);
  EXPECT_EQ(pages[1].text_source, TextSource::kTextLayer);
}

TEST_F(PdfTest, EncryptedPdfNeedsItsPassword) {
  test::TempDir tmp("pdf-enc");
  const fs::path enc = tmp.path() / "enc.pdf";
  const std::string cmd = "qpdf --encrypt secret owner 256 -- '" + born_.string() + "' '" + enc.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const Error e = error_of(enc);
  EXPECT_EQ(e.code(), ErrorCode::kUnsupported);
  EXPECT_EQ(e.message(), "PDF is encrypted and the password (ingest.password) does not open it");
  const auto pages = read_pdf(enc, {{"password", std::string("secret")}});
  EXPECT_EQ(pages[0].text_source, TextSource::kTextLayer);
}

TEST_F(PdfTest, TruncatedAndFakePdfsFailClearly) {
  test::TempDir tmp("pdf-bad");
  const std::string bytes = read_file(scanned_);
  std::ofstream(tmp.path() / "cut.pdf", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const Error cut = error_of(tmp.path() / "cut.pdf");
  // Poppler may reconstruct a cut file; either it fails clearly or reads what is there.
  if (cut.code() != ErrorCode::kInternal) {
    EXPECT_EQ(cut.code(), ErrorCode::kInvalidInput) << cut.message();
  }
  std::ofstream(tmp.path() / "head.pdf", std::ios::binary) << "%PDF-1.7\n%garbage only\n";
  const Error head = error_of(tmp.path() / "head.pdf");
  EXPECT_EQ(head.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(head.message(), "cannot open PDF (damaged or not a PDF)");
}

}  // namespace
}  // namespace testimony
