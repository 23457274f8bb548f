// The runner end to end with real stages: a corrupt file fails alone, records are
// deterministic, --resume skips what is up to date.
#include "pipeline/runner.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/config.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "stages/stages.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

Pipeline pipeline_for(const std::vector<std::string>& langs) {
  static const Registry r = make_registry();
  std::string l;
  for (const auto& x : langs) l += (l.empty() ? "\"" : ", \"") + x + "\"";
  return Pipeline::build(parse_config("[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ocr.tesseract\"\nlanguages = [" +
                                          l + "]\n[[stage]]\nuse = \"write.json\"\n",
                                      "t.toml", r));
}

std::vector<Json> manifest(const fs::path& out) {
  std::vector<Json> lines;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);) {
    Json j = Json::parse(line);
    if (j.contains("summary")) continue;  // the last line counts the rest
    lines.push_back(std::move(j));
  }
  return lines;
}

TEST(Runner, CorruptFileFailsAloneAndRecordsAreDeterministic) {
  const auto fixture = test::first_fixture("clean", {"por", "eng"});
  if (fixture.dir.empty()) GTEST_SKIP() << "no clean fixture";
  test::TempDir tmp("runner");
  const fs::path in = tmp.path() / "in";
  fs::create_directories(in);
  fs::copy_file(fixture.dir / "page-0001.png", in / "good.png");
  const std::string bytes = read_file(in / "good.png");
  std::ofstream(in / "broken.png", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  std::ofstream(in / "empty.tif");

  const Pipeline p = pipeline_for(fixture.languages);
  const Discovery found = discover_inputs({in.string()});
  ASSERT_EQ(found.documents.size(), 1u);  // one folder of page images...
  // ...so give the files one by one to make three documents.
  std::vector<InputDoc> docs = discover_inputs({(in / "broken.png").string(), (in / "empty.tif").string(),
                                                (in / "good.png").string()})
                                   .documents;
  Runner runner(p, {tmp.path() / "out", 2, false});
  const RunSummary s = runner.run(docs);
  EXPECT_EQ(s.count(DocStatus::kOk), 1);
  EXPECT_EQ(s.count(DocStatus::kFailed), 2);

  const auto m = manifest(tmp.path() / "out");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0]["id"], "broken");
  EXPECT_EQ(m[0]["status"], "failed");
  EXPECT_EQ(m[0]["stage"], "ingest");
  EXPECT_EQ(m[0]["code"], "invalid_input");
  EXPECT_EQ(m[0]["error"], "broken.png: cannot decode image (corrupt or truncated)");
  EXPECT_EQ(m[1]["id"], "empty");
  EXPECT_EQ(m[1]["error"], "empty file (0 bytes)");
  EXPECT_EQ(m[2]["status"], "ok");
  EXPECT_GT(m[2]["words"].get<int>(), 20);

  const std::string first = read_file(record_path(tmp.path() / "out", "good"));
  const Json rec = Json::parse(first);
  EXPECT_EQ(rec["source"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(rec["provenance"]["config_hash"], p.config().hash());
  EXPECT_EQ(rec["pages"][0]["text_source"], "ocr");

  // Same input, same config: byte-identical record.
  Runner again(p, {tmp.path() / "out2", 1, false});
  again.run({docs[2]});
  EXPECT_EQ(read_file(record_path(tmp.path() / "out2", "good")), first);

  // --resume skips the good document; the failed ones are tried again.
  Runner resume(p, {tmp.path() / "out", 1, true});
  const RunSummary r = resume.run(docs);
  EXPECT_EQ(r.count(DocStatus::kSkipped), 1);
  EXPECT_EQ(r.count(DocStatus::kFailed), 2);
}

}  // namespace
}  // namespace testimony
