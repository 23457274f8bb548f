// The bad-input corpus through the real binary: every broken, hostile or odd file fails alone
// with the expected stage, code and message (or succeeds where it is merely unusual), the good
// documents get their records, nothing crashes or hangs, and memory stays bounded.
// Corpus: tests/badinput/files/ (committed) + scripts/make-badinput (generated); see README.md.
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>

#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "pipeline/document.hpp"
#include "pipeline/fs.hpp"
#include "tests/badinput/child.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

constexpr const char* kConfig = R"(# bad-input test: OCR, text, dates and records; no preprocessing
[[stage]]
use = "ingest"
[[stage]]
use = "ocr.tesseract"
languages = ["eng", "por"]
[[stage]]
use = "normalize.text"
[[stage]]
use = "tag.dates"
[[stage]]
use = "write.json"
)";

struct Expected {
  std::string status;   // ok | failed
  std::string stage;    // when failed
  std::string code;     // when failed
  std::string message;  // a part of the error when failed
};

std::map<std::string, Json> manifest_by_id(const fs::path& out) {
  std::map<std::string, Json> m;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);) {
    const Json j = Json::parse(line);
    if (j.contains("summary")) continue;  // the last line counts the others
    m[j.at("id").get<std::string>()] = j;
  }
  return m;
}

std::vector<fs::path> temp_leftovers(const fs::path& out) {
  std::vector<fs::path> found;
  if (!fs::exists(out)) return found;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) found.push_back(e.path());
  return found;
}

// Can this process read a file whose mode is 000? (root can)
bool reads_despite_mode(const fs::path& f) {
  const int fd = ::open(f.c_str(), O_RDONLY);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new test::TempDir("badinput");
    corpus_ = tmp_->path() / "corpus";
    const test::ChildResult gen = test::run_child(
        {"/usr/bin/env", "python3", (test::source_dir() / "scripts" / "make-badinput").string(), corpus_.string()},
        {{}, {}, 120, -1});
    ASSERT_EQ(gen.exit_code, 0) << "scripts/make-badinput: " << gen.describe();
    std::ofstream(tmp_->path() / "config.toml") << kConfig;
  }
  static void TearDownTestSuite() {
    // Undo chmod 000 so that the folder can be removed.
    std::error_code ec;
    fs::permissions(corpus_ / "unreadable" / "locked.txt", fs::perms::owner_all, ec);
    delete tmp_;
    tmp_ = nullptr;
  }
  static test::TempDir* tmp_;
  static fs::path corpus_;
};
test::TempDir* BadInput::tmp_ = nullptr;
fs::path BadInput::corpus_;

TEST_F(BadInput, EveryBadDocumentFailsAloneWithAClearMessage) {
  const fs::path out = tmp_->path() / "out";
  std::vector<std::string> args = {test::testimony_binary().string(), "--log-level", "warn", "run", "--jobs", "2",
                                   "--config", (tmp_->path() / "config.toml").string(), "--out", out.string()};
  for (const fs::path& dir : {corpus_ / "files", test::source_dir() / "tests" / "badinput" / "files"})
    for (const auto& e : fs::directory_iterator(dir)) args.push_back(e.path().string());
  const fs::path scan = tmp_->path() / "good-scan.png";
  fs::copy_file(test::source_dir() / "fixtures" / "por-carta-consulado" / "page-0001.png", scan,
                fs::copy_options::overwrite_existing);
  args.push_back(scan.string());
  args.push_back((corpus_ / "loop").string());
  args.push_back((corpus_ / "unreadable").string());

  const test::ChildResult r = test::run_child(args, {{}, {{"OMP_THREAD_LIMIT", "1"}}, 300, -1});
  ASSERT_FALSE(r.timed_out) << r.describe();
  ASSERT_EQ(r.signal, 0) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();  // some documents failed, the run did not
  EXPECT_LT(r.max_rss_kb, 1536 * 1024) << "peak memory " << r.max_rss_kb / 1024 << " MB";
  // Discovery reports the link loop and the links to nowhere instead of following them.
  EXPECT_NE(r.err.find("already visited (link loop or duplicate)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("broken link"), std::string::npos) << r.err;

  const std::string exceeds_pixels = "more than ingest.max_pixels = 200000000";
  const Expected ok{"ok", "", "", ""};
  auto failed = [](const std::string& stage, const std::string& code, const std::string& message) {
    return Expected{"failed", stage, code, message};
  };
  std::map<std::string, Expected> expected = {
      // Zero bytes, whatever the name.
      {"empty-png", failed("ingest", "invalid_input", "empty file (0 bytes)")},
      {"empty-pdf", failed("ingest", "invalid_input", "empty file (0 bytes)")},
      {"empty-tif", failed("ingest", "invalid_input", "empty file (0 bytes)")},
      {"empty-txt", failed("ingest", "invalid_input", "empty file (0 bytes)")},
      // Truncated.
      {"truncated-png", failed("ingest", "invalid_input", "truncated-png.png: cannot decode image (corrupt or truncated)")},
      {"truncated-jpeg", failed("ingest", "invalid_input", "truncated-jpeg.jpg: cannot decode image (corrupt or truncated)")},
      {"truncated-tiff", failed("ingest", "invalid_input", "truncated-tiff.tif: cannot read TIFF directory (corrupt or truncated)")},
      {"truncated-header", failed("ingest", "invalid_input", "truncated-header.png: cannot read image header (corrupt or truncated)")},
      {"truncated-pdf", failed("ingest", "invalid_input", "cannot open PDF (damaged or not a PDF)")},
      // The content decides, not the name.
      {"png-named", ok},
      {"pdf-named", ok},
      {"html-named", failed("ingest", "invalid_input", "content is text, not what the name .pdf says")},
      // PDFs.
      {"pdf-text-layer", ok},
      {"pdf-broken-xref", ok},  // Poppler rebuilds the cross-reference table
      {"pdf-huge-image", ok},   // a 30000x30000 image on a letter page renders at 2550x3300
      {"pdf-huge-page", failed("ingest", "resource_exhausted", "PDF page 1 at 300 dpi would be 60000x60000 pixels, " + exceeds_pixels)},
      {"pdf-encrypted", failed("ingest", "unsupported", "PDF is encrypted and the password (ingest.password) does not open it")},
      // Unusual images that must work.
      {"image-1x1", ok},
      {"image-gray16", ok},
      {"image-cmyk-jpeg", ok},
      {"image-cmyk-tiff", ok},
      // Headers that claim too much: refused before decoding.
      {"bomb-png", failed("ingest", "resource_exhausted", "bomb-png.png: image is 100000x100000 pixels, " + exceeds_pixels)},
      {"bomb-jpeg", failed("ingest", "resource_exhausted", "bomb-jpeg.jpg: image is 65000x65000 pixels, " + exceeds_pixels)},
      {"bomb-tiff", failed("ingest", "resource_exhausted", "bomb-tiff.tif: image is 100000x100000 pixels, " + exceeds_pixels)},
      {"bomb-deep-png", failed("ingest", "resource_exhausted", "bomb-deep-png.png: image is 12000x12000 pixels of 64 bits, 1098 MB decoded, more than ingest.max_image_mb = 1024")},
      {"tiff-100000-pages", failed("ingest", "resource_exhausted", "tiff-100000-pages.tif: TIFF has more than 10000 pages (ingest.max_pages)")},
      // Text that is not a UTF-8 transcription.
      {"binary", failed("ingest", "invalid_input", "a .txt transcription that is not UTF-8 text: control byte 0x00 at byte 0")},
      {"invalid-utf8", failed("ingest", "invalid_input", "a .txt transcription that is not UTF-8 text: invalid UTF-8 at byte 52")},
      {"utf16", failed("ingest", "invalid_input", "content is UTF-16 text (byte-order mark); transcriptions must be UTF-8")},
      {"bom", ok},
      // The good documents.
      {"good", ok},
      {"good-scan", ok},
      {"letter", ok},  // inside the folder with the link loop: found once
  };
  const fs::path locked = corpus_ / "unreadable" / "locked.txt";
  if (reads_despite_mode(locked)) {
    std::cout << "[ note ] running with privileges that read a mode-000 file: 'locked' is expected to succeed\n";
    expected["locked"] = ok;
  } else {
    expected["locked"] = failed("fixity", "invalid_input", "cannot read " + locked.string() + ": Permission denied");
  }

  const auto m = manifest_by_id(out);
  for (const auto& [id, want] : expected) {
    SCOPED_TRACE(id);
    auto it = m.find(id);
    ASSERT_NE(it, m.end()) << "no manifest line";
    const Json& j = it->second;
    EXPECT_EQ(j.at("status"), want.status) << j.dump();
    if (want.status == "failed") {
      EXPECT_EQ(j.value("stage", ""), want.stage) << j.dump();
      EXPECT_EQ(j.value("code", ""), want.code) << j.dump();
      EXPECT_NE(j.value("error", "").find(want.message), std::string::npos)
          << "expected \"" << want.message << "\" in " << j.dump();
      EXPECT_FALSE(fs::exists(out / "records" / (id + ".json"))) << "a failed document has a record";
    } else {
      EXPECT_TRUE(fs::exists(out / "records" / (id + ".json"))) << "no record";
    }
  }
  EXPECT_EQ(m.size(), expected.size()) << "every input has one manifest line, nothing else";
  EXPECT_TRUE(temp_leftovers(out).empty());

  // The good documents' records say what they hold.
  const Json good = Json::parse(read_file(out / "records" / "good.json"));
  EXPECT_EQ(good["pages"][0]["text_source"], "transcription");
  EXPECT_GE(good["entities"].size(), 2u);
  const Json scan_rec = Json::parse(read_file(out / "records" / "good-scan.json"));
  EXPECT_GT(m.at("good-scan")["words"].get<int>(), 20);
  EXPECT_EQ(scan_rec["pages"][0]["text_source"], "ocr");
  // A byte-order mark is not part of the text.
  const Json bom = Json::parse(read_file(out / "records" / "bom.json"));
  EXPECT_EQ(bom["pages"][0]["text"].get<std::string>().rfind("Krakow", 0), 0u) << bom["pages"][0]["text"];
  // A PDF named .png and a PNG named .pdf: read as what they are.
  EXPECT_EQ(Json::parse(read_file(out / "records" / "pdf-named.json"))["source"]["media_type"], "application/pdf");
  EXPECT_EQ(Json::parse(read_file(out / "records" / "png-named.json"))["source"]["media_type"], "image/png");
  // 16-bit and CMYK images are brought to what OCR takes.
  EXPECT_EQ(Json::parse(read_file(out / "records" / "image-gray16.json"))["pages"][0]["width"], 320);
  EXPECT_EQ(Json::parse(read_file(out / "records" / "image-cmyk-jpeg.json"))["pages"][0]["width"], 320);
}

// A file name that is not UTF-8 (Linux names are bytes): the document is read, its id made
// safe, and the manifest still valid JSON. Disabled until the runner writes manifest lines
// with invalid UTF-8 replaced (today nlohmann::json throws on the path and the run aborts
// before writing the manifest); enable with that change.
TEST_F(BadInput, FileNameThatIsNotUtf8) {
  const fs::path out = tmp_->path() / "out-names";
  const test::ChildResult r =
      test::run_child({test::testimony_binary().string(), "--log-level", "warn", "run", "--config",
                       (tmp_->path() / "config.toml").string(), "--out", out.string(), (corpus_ / "names").string()});
  ASSERT_EQ(r.signal, 0) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  const auto m = manifest_by_id(out);
  ASSERT_EQ(m.count("bad-__-name"), 1u);
  EXPECT_EQ(m.at("bad-__-name")["status"], "ok");
  EXPECT_NE(m.at("bad-__-name")["path"].get<std::string>().find("bad-\xEF\xBF\xBD\xEF\xBF\xBD-name.txt"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(out / "records" / "bad-__-name.json"));
}

// Authority files with broken rows: each problem reported as file:line, the row skipped (or
// its coordinates dropped), the good rows used; the run goes on.
TEST_F(BadInput, BrokenAuthorityRowsAreReportedAndSkipped) {
  const fs::path work = tmp_->path() / "authorities-run";
  fs::create_directories(work / "configs" / "authorities");
  fs::copy_file(test::source_dir() / "tests" / "badinput" / "authorities" / "places.tsv",
                work / "configs" / "authorities" / "places.tsv", fs::copy_options::overwrite_existing);
  std::ofstream(work / "config.toml") << "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ocr.tesseract\"\n"
                                         "languages = [\"eng\"]\n[[stage]]\nuse = \"normalize.text\"\n"
                                         "[[stage]]\nuse = \"tag.places\"\n[[stage]]\nuse = \"write.json\"\n";
  // Data files are looked up from the working folder first: this places.tsv wins.
  const test::ChildResult r = test::run_child(
      {test::testimony_binary().string(), "--log-level", "warn", "run", "--config", "config.toml", "--out", "out",
       (test::source_dir() / "tests" / "badinput" / "files" / "good.txt").string()},
      {work, {}, 120, -1});
  ASSERT_EQ(r.signal, 0) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  for (const char* problem : {
           "configs/authorities/places.tsv:4: 5 fields, expected 8; row skipped",
           "configs/authorities/places.tsv:5: empty id; row skipped",
           "configs/authorities/places.tsv:6: bad coordinates lat \"north\", lon \"-8.42\"",
           "configs/authorities/places.tsv:7: bad coordinates lat \"95.5\", lon \"-7.93\"",
           "configs/authorities/places.tsv:8: duplicate id \"lisbon\"; row skipped",
           "configs/authorities/places.tsv:9: not valid UTF-8; row skipped",
           "configs/authorities/places.tsv:10: empty name; row skipped",
       })
    EXPECT_NE(r.err.find(problem), std::string::npos) << problem << "\n" << r.err;
  const Json rec = Json::parse(read_file(work / "out" / "records" / "good.json"));
  bool lisbon = false;
  for (const auto& e : rec["entities"])
    if (e["type"] == "place" && e["text"] == "Lisbon") lisbon = e["authority"] == "places:lisbon";
  EXPECT_TRUE(lisbon) << rec["entities"].dump();
}

}  // namespace
}  // namespace testimony
