// Ingest on crafted files: content decides the type, multi-page TIFF, limits, bad files.
#include <array>
#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/stages.hpp"
#include "tests/stages/stage_harness.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

PixPtr blank(int w, int h) {
  PixPtr p(pixCreate(w, h, 8));
  pixSetAll(p.get());
  pixSetResolution(p.get(), 200, 200);
  return p;
}

std::unique_ptr<IngestStage> make_ingest(const std::map<std::string, ParamValue>& overrides = {}) {
  return test::make<IngestStage>("ingest", overrides);
}

std::vector<Page> read_all(const fs::path& path, Document& doc,
                           const std::map<std::string, ParamValue>& overrides = {}) {
  auto ingest = make_ingest(overrides);
  Context ctx;
  auto reader = ingest->open({"t", path, {}}, doc, ctx);
  std::vector<Page> pages;
  for (Page p; reader->next(p); p = Page{}) pages.push_back(std::move(p));
  return pages;
}

Error error_of(const fs::path& path, const std::map<std::string, ParamValue>& overrides = {}) {
  try {
    Document doc;
    read_all(path, doc, overrides);
  } catch (const Error& e) {
    return e;
  }
  return Error(ErrorCode::kInternal, "no error");
}

TEST(Ingest, PngNamedJpgIsReadByContent) {
  test::TempDir tmp("ingest-png");
  const fs::path f = tmp.path() / "scan.jpg";
  ASSERT_EQ(pixWrite(f.c_str(), blank(120, 80).get(), IFF_PNG), 0);
  Document doc;
  const auto pages = read_all(f, doc);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(doc.source.media_type, "image/png");
  EXPECT_EQ(pages[0].width, 120);
  EXPECT_EQ(pages[0].height, 80);
  EXPECT_EQ(pages[0].dpi, 200);
  EXPECT_NE(pages[0].image, nullptr);
}

TEST(Ingest, MultiPageTiffGivesEveryPage) {
  test::TempDir tmp("ingest-tiff");
  const fs::path f = tmp.path() / "doc.tif";
  ASSERT_EQ(pixWriteTiff(f.c_str(), blank(100, 50).get(), IFF_TIFF_LZW, "w"), 0);
  ASSERT_EQ(pixWriteTiff(f.c_str(), blank(60, 40).get(), IFF_TIFF_LZW, "a"), 0);
  ASSERT_EQ(pixWriteTiff(f.c_str(), blank(70, 30).get(), IFF_TIFF_LZW, "a"), 0);
  Document doc;
  const auto pages = read_all(f, doc);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[1].width, 60);
  EXPECT_EQ(pages[2].number, 3);
  EXPECT_EQ(pages[2].processing["ingest"]["tiff_page"], 3);
  EXPECT_EQ(error_of(f, {{"max_pages", int64_t{2}}}).message(),
            "doc.tif: TIFF has more than 2 pages (ingest.max_pages)");
}

TEST(Ingest, FolderPagesInNaturalOrder) {
  test::TempDir tmp("ingest-folder");
  pixWrite((tmp.path() / "p-10.png").c_str(), blank(10, 10).get(), IFF_PNG);
  pixWrite((tmp.path() / "p-2.png").c_str(), blank(20, 20).get(), IFF_PNG);
  Document doc;
  const auto pages = read_all(tmp.path(), doc);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].width, 20);
  EXPECT_EQ(pages[0].processing["ingest"]["file"], "p-2.png");
}

TEST(Ingest, MissingResolutionFallsBackWithWarning) {
  test::TempDir tmp("ingest-dpi");
  PixPtr p(pixCreate(30, 30, 8));
  pixWrite((tmp.path() / "a.png").c_str(), p.get(), IFF_PNG);
  Document doc;
  const auto pages = read_all(tmp.path() / "a.png", doc, {{"default_dpi", int64_t{240}}});
  EXPECT_EQ(pages[0].dpi, 240);
  ASSERT_EQ(pages[0].warnings.size(), 1u);
}

TEST(Ingest, SixteenBitImageIsBroughtToEightBits) {
  test::TempDir tmp("ingest-16");
  PixPtr p(pixCreate(40, 20, 16));
  pixWrite((tmp.path() / "a.png").c_str(), p.get(), IFF_PNG);
  Document doc;
  auto pages = read_all(tmp.path() / "a.png", doc);
  EXPECT_EQ(pixGetDepth(pix_of(pages[0], "t").pix()), 8);
}

TEST(Ingest, BadFilesGiveClearErrors) {
  test::TempDir tmp("ingest-bad");
  const fs::path good = tmp.path() / "good.png";
  PixPtr noisy = blank(400, 300);
  unsigned seed = 7;
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < 400; ++x) pixSetPixel(noisy.get(), x, y, (seed = seed * 1103515245u + 12345u) >> 24);
  pixWrite(good.c_str(), noisy.get(), IFF_PNG);
  const std::string bytes = read_file(good);

  std::ofstream(tmp.path() / "empty.png");
  Error e = error_of(tmp.path() / "empty.png");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(e.message(), "empty file (0 bytes)");

  std::ofstream(tmp.path() / "trunc.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  e = error_of(tmp.path() / "trunc.png");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << e.message();
  EXPECT_EQ(e.message(), "trunc.png: cannot decode image (corrupt or truncated)");

  std::ofstream(tmp.path() / "page.pdf") << "<html><body>not a pdf</body></html>";
  e = error_of(tmp.path() / "page.pdf");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(e.message(), "content is text, not what the name .pdf says; transcriptions must be named .txt");

  std::ofstream(tmp.path() / "junk.png", std::ios::binary) << std::string("\x00\x01\x02\x03garbage", 11);
  e = error_of(tmp.path() / "junk.png");
  EXPECT_EQ(e.message(), "unrecognized file content: not an image, PDF or UTF-8 text");

  e = error_of(good, {{"max_pixels", int64_t{1000}}});
  EXPECT_EQ(e.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(e.message(), "good.png: image is 400x300 pixels, more than ingest.max_pixels = 1000");
}

TEST(Ingest, TranscriptionSkipsOcrAndSplitsPages) {
  test::TempDir tmp("ingest-txt");
  std::ofstream(tmp.path() / "t.txt") << "Lisboa, 1944\r\nQuerida Gisela,\n\nsecond block\fpage two\n";
  Document doc;
  const auto pages = read_all(tmp.path() / "t.txt", doc);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(doc.source.media_type, "text/plain");
  EXPECT_EQ(pages[0].text_source, TextSource::kTranscription);
  EXPECT_EQ(pages[0].blocks.size(), 2u);
  EXPECT_EQ(pages[0].text, "Lisboa, 1944\nQuerida Gisela,\n\nsecond block");
  EXPECT_EQ(pages[1].text, "page two");

  std::ofstream(tmp.path() / "bad.txt", std::ios::binary) << "ok \xc3\x28 bad";
  EXPECT_EQ(error_of(tmp.path() / "bad.txt").code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(error_of(tmp.path() / "bad.txt").message(),
            "a .txt transcription that is not UTF-8 text: invalid UTF-8 at byte 3");
  std::ofstream(tmp.path() / "nul.txt", std::ios::binary) << std::string("abc\0def", 7);
  EXPECT_EQ(error_of(tmp.path() / "nul.txt").message(),
            "a .txt transcription that is not UTF-8 text: control byte 0x00 at byte 3");
  std::ofstream(tmp.path() / "wide.txt", std::ios::binary) << std::string("\xff\xfeL\0i\0", 6);
  EXPECT_EQ(error_of(tmp.path() / "wide.txt").message(),
            "content is UTF-16 text (byte-order mark); transcriptions must be UTF-8");
  // Invalid UTF-8 past the sniffed head is caught by the reader, with its offset.
  std::ofstream(tmp.path() / "late.txt", std::ios::binary) << std::string(5000, 'a') << "\xff";
  EXPECT_EQ(error_of(tmp.path() / "late.txt").message(), "late.txt: not valid UTF-8 at byte 5000");
  // A UTF-8 byte-order mark is not text.
  std::ofstream(tmp.path() / "bom.txt", std::ios::binary) << "\xef\xbb\xbfLisboa";
  Document bom_doc;
  EXPECT_EQ(read_all(tmp.path() / "bom.txt", bom_doc)[0].text, "Lisboa");
}

// A TIFF's pages are read in one pass: each page from its directory offset, not by walking
// the directory chain again from the start (which made n pages cost O(n^2): a 4000-page file
// took 105 s to ingest, now 3 s).
std::string tiff_of_blank_pages(int pages) {
  auto u16 = [](std::string& s, unsigned v) { s += static_cast<char>(v & 0xff), s += static_cast<char>(v >> 8); };
  auto u32 = [&](std::string& s, uint32_t v) { u16(s, v & 0xffff), u16(s, v >> 16); };
  std::string out = "II*";
  out += '\0';
  u32(out, 18);
  u32(out, 300), u32(out, 1);  // resolution at 8
  out += "\xff";              // the one pixel at 16, shared by every page
  out += '\0';
  const std::vector<std::array<uint32_t, 4>> entries = {  // tag, type, count, value
      {256, 4, 1, 1}, {257, 4, 1, 1}, {258, 3, 1, 8}, {259, 3, 1, 1}, {262, 3, 1, 1}, {273, 4, 1, 16},
      {277, 3, 1, 1}, {278, 4, 1, 1}, {279, 4, 1, 1}, {282, 5, 1, 8}, {283, 5, 1, 8}, {296, 3, 1, 2}};
  const uint32_t ifd_size = 2 + 12 * static_cast<uint32_t>(entries.size()) + 4;
  for (int i = 0; i < pages; ++i) {
    u16(out, static_cast<unsigned>(entries.size()));
    for (const auto& [tag, type, count, value] : entries) {
      u16(out, tag), u16(out, type), u32(out, count);
      if (type == 3) u16(out, value), u16(out, 0);
      else u32(out, value);
    }
    u32(out, i + 1 < pages ? 18 + static_cast<uint32_t>(i + 1) * ifd_size : 0);
  }
  return out;
}

TEST(Ingest, ManyPageTiffIsReadInOnePass) {
  test::TempDir tmp("ingest-many");
  std::ofstream(tmp.path() / "many.tif", std::ios::binary) << tiff_of_blank_pages(3000);
  Document doc;
  const auto start = std::chrono::steady_clock::now();
  const auto pages = read_all(tmp.path() / "many.tif", doc);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(pages.size(), 3000u);
  EXPECT_EQ(pages[2999].processing["ingest"]["tiff_page"], 3000);
  EXPECT_LT(secs, 20.0) << "quadratic again?";
  EXPECT_EQ(error_of(tmp.path() / "many.tif", {{"max_pages", int64_t{100}}}).message(),
            "many.tif: TIFF has more than 100 pages (ingest.max_pages)");
}

TEST(Ingest, DeepImagesAreLimitedByDecodedSize) {
  test::TempDir tmp("ingest-deep");
  PixPtr rgb(pixCreate(1000, 1000, 32));
  pixSetAll(rgb.get());
  ASSERT_EQ(pixWrite((tmp.path() / "rgb.png").c_str(), rgb.get(), IFF_PNG), 0);
  const Error e = error_of(tmp.path() / "rgb.png", {{"max_image_mb", int64_t{1}}});
  EXPECT_EQ(e.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(e.message(), "rgb.png: image is 1000x1000 pixels of 24 bits, 2 MB decoded, more than ingest.max_image_mb = 1");
  Document doc;
  EXPECT_EQ(read_all(tmp.path() / "rgb.png", doc, {{"max_image_mb", int64_t{3}}}).size(), 1u);
}

}  // namespace
}  // namespace testimony
