// The writers on real runs (default config, real OCR): the same input and config give
// byte-identical JSON, TEI and ALTO; every ALTO file validates against the ALTO 4.4 XSD and
// every TEI passes the subset check; `testimony export` rebuilds TEI and ALTO byte for byte
// from the records, and a review decision edited into a record flows into the exports.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/config.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/runner.hpp"
#include "stages/stages.hpp"
#include "stages/write/writers.hpp"
#include "tests/stages/xml_test_support.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

// Every regular file under `dir`, relative path → bytes (manifest.jsonl aside: it holds timings).
std::map<std::string, std::string> files_under(const fs::path& dir, const std::vector<std::string>& folders) {
  std::map<std::string, std::string> out;
  for (const auto& f : folders) {
    if (!fs::exists(dir / f)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir / f))
      if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
  }
  return out;
}

int testimony_cli(const std::string& args) {
  const std::string cmd = std::string(TESTIMONY_BINARY_DIR) + "/bin/testimony --log-level warn " + args + " >/dev/null";
  return std::system(cmd.c_str());
}

// The two runs are the cost (OCR), and ctest runs each discovered test in a process of its
// own: so one test runs them once and checks everything in named steps.
class WritersRun : public ::testing::Test {
 protected:
  static void run_twice() {
    tmp_ = new test::TempDir("writers-run");
    const Registry registry = make_registry();
    pipeline_ = new Pipeline(Pipeline::build(load_config(test::source_dir() / "configs/default.toml", registry)));
    // A folder of scanned pages (OCR), a born-digital PDF (text layer) and a transcription.
    const fs::path txt = tmp_->path() / "in" / "letter-lisbon.txt";
    fs::create_directories(txt.parent_path());
    fs::copy_file(test::source_dir() / "fixtures/eng-letter-lisbon/gold/page-0001.gt.txt", txt);
    std::ofstream(txt, std::ios::app) << "\n<script>alert('x')</script> & \"Kraków\" < 1943 >\n";
    inputs_ = discover_inputs({(test::source_dir() / "fixtures/eng-letter-lisbon").string(),
                               (test::source_dir() / "fixtures/por-enciclopedia-diplomatas").string(), txt.string()})
                  .documents;
    for (const char* run : {"a", "b"}) {
      Runner runner(*pipeline_, {tmp_->path() / run, 1, false});
      const RunSummary s = runner.run(inputs_);
      ASSERT_EQ(s.count(DocStatus::kOk), 3) << run;
    }
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    delete tmp_;
  }
  void same_input_and_config_give_byte_identical_outputs();
  void alto_validates_and_tei_passes_the_subset_check();
  void export_rebuilds_tei_and_alto_byte_for_byte();
  void review_decisions_flow_into_exports();
  static fs::path out(const char* run) { return tmp_->path() / run; }

  static test::TempDir* tmp_;
  static Pipeline* pipeline_;
  static std::vector<InputDoc> inputs_;
};

test::TempDir* WritersRun::tmp_ = nullptr;
Pipeline* WritersRun::pipeline_ = nullptr;
std::vector<InputDoc> WritersRun::inputs_;

void WritersRun::same_input_and_config_give_byte_identical_outputs() {
  const auto a = files_under(out("a"), {"records", "tei", "alto"});
  const auto b = files_under(out("b"), {"records", "tei", "alto"});
  EXPECT_EQ(a.size(), 3u /*records*/ + 3u /*tei*/ + 2u + 2u + 1u /*alto pages*/);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(b.at(name) == bytes) << name << " differs between two runs";
  }
}

void WritersRun::alto_validates_and_tei_passes_the_subset_check() {
  int alto = 0, tei = 0;
  for (const auto& [name, bytes] : files_under(out("a"), {"alto"})) {
    const auto errors = validate_with_xsd(bytes, test::source_dir() / "docs/schemas/alto-4-4.xsd");
    EXPECT_TRUE(errors.empty()) << name << ": " << errors.front();
    EXPECT_TRUE(test::dangling_idrefs(bytes).empty()) << name;
    ++alto;
  }
  for (const auto& input : inputs_) {
    const Document doc = from_record(Json::parse(read_file(record_path(out("a"), input.id))));
    const std::string bytes = read_file(tei_path(out("a"), input.id));
    const auto errors = check_tei_subset(bytes, doc.text);
    EXPECT_TRUE(errors.empty()) << input.id << ": " << errors.front();
    EXPECT_NE(bytes.find("<idno type=\"sha256\">" + doc.source.sha256 + "</idno>"), std::string::npos);
    ++tei;
  }
  EXPECT_EQ(alto, 5);
  EXPECT_EQ(tei, 3);
  const std::string hostile = read_file(tei_path(out("a"), "letter-lisbon"));
  EXPECT_EQ(hostile.find("<script>"), std::string::npos);
  EXPECT_NE(hostile.find("&lt;script&gt;alert('x')&lt;/script&gt; &amp;"), std::string::npos);
}

void WritersRun::export_rebuilds_tei_and_alto_byte_for_byte() {
  const fs::path ex = tmp_->path() / "export";
  fs::create_directories(ex);
  fs::copy(out("a") / "records", ex / "records", fs::copy_options::recursive);
  ASSERT_EQ(testimony_cli("export --out " + ex.string() + " --format tei"), 0);
  ASSERT_EQ(testimony_cli("export --out " + ex.string() + " --format alto"), 0);
  const auto written = files_under(out("a"), {"tei", "alto"});
  const auto exported = files_under(ex, {"tei", "alto"});
  ASSERT_EQ(written.size(), exported.size());
  for (const auto& [name, bytes] : written) EXPECT_TRUE(exported.at(name) == bytes) << name;
}

void WritersRun::review_decisions_flow_into_exports() {
  const fs::path ex = tmp_->path() / "review";
  fs::create_directories(ex);
  fs::copy(out("a") / "records", ex / "records", fs::copy_options::recursive);
  const fs::path rec = record_path(ex, "eng-letter-lisbon");
  Json j = Json::parse(read_file(rec));
  ASSERT_FALSE(j["entities"].empty());
  j["entities"][0]["review"] = "accepted";
  const std::string text = j["entities"][0]["text"];
  write_file_atomic(rec, j.dump() + "\n");
  ASSERT_EQ(testimony_cli("export --out " + ex.string() + " --format csv"), 0);
  ASSERT_EQ(testimony_cli("export --out " + ex.string() + " --format jsonl"), 0);
  const std::string csv = read_file(ex / "export/entities.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "doc_id,page,type,text,value,authority,start,end,confidence,review\r");
  const Entity e = from_record(j).entities[0];
  const std::string row = "eng-letter-lisbon," + std::to_string(e.page) + "," + std::string(to_string(e.type)) + ",";
  const auto at = csv.find(row);
  ASSERT_NE(at, std::string::npos) << row << "\n" << csv.substr(0, 300);
  const std::string line = csv.substr(at, csv.find('\n', at) - at);
  EXPECT_TRUE(line.ends_with(",accepted\r")) << line;
  EXPECT_NE(line.find(text), std::string::npos) << line;
  EXPECT_NE(read_file(ex / "export/records.jsonl").find("\"review\":\"accepted\""), std::string::npos);

  // A broken record is named and makes the exit code 1; the others are still exported.
  std::ofstream(ex / "records" / "broken.json") << "{\"schema_version\": \"1.0\"";
  EXPECT_EQ(WEXITSTATUS(testimony_cli("export --out " + ex.string() + " --format csv")), 1);
  EXPECT_NE(read_file(ex / "export/entities.csv").find(",accepted\r"), std::string::npos);
  std::ofstream(ex / "records" / "escape.json") << j.dump().replace(j.dump().find("\"id\":\"eng-letter-lisbon\""), 24,
                                                                      "\"id\":\"../outside-lisbon\"");
  EXPECT_EQ(WEXITSTATUS(testimony_cli("export --out " + ex.string() + " --format tei")), 1);
  EXPECT_FALSE(fs::exists(ex / "outside-lisbon.xml"));
  EXPECT_TRUE(fs::exists(ex / "tei/eng-letter-lisbon.xml"));
  EXPECT_EQ(WEXITSTATUS(testimony_cli("export --out " + ex.string() + " --format rtf 2>/dev/null")), 2);
  EXPECT_EQ(WEXITSTATUS(testimony_cli("export --out " + (ex / "nothing").string() + " --format csv 2>/dev/null")), 2);
}

TEST_F(WritersRun, DeterministicValidAndExportable) {
  ASSERT_NO_FATAL_FAILURE(run_twice());
  {
    SCOPED_TRACE("same input and config give byte-identical JSON, TEI and ALTO");
    same_input_and_config_give_byte_identical_outputs();
  }
  {
    SCOPED_TRACE("ALTO validates against the XSD, TEI passes the subset check");
    alto_validates_and_tei_passes_the_subset_check();
  }
  {
    SCOPED_TRACE("export rebuilds TEI and ALTO byte for byte");
    export_rebuilds_tei_and_alto_byte_for_byte();
  }
  {
    SCOPED_TRACE("review decisions flow into exports");
    review_decisions_flow_into_exports();
  }
}

}  // namespace
}  // namespace testimony
