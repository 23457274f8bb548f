// The runner end to end with real stages: a corrupt file fails alone, records are
// deterministic, pages of one document in parallel give the sequential result, --resume
// skips what is up to date, SIGINT ends with a complete manifest.
#include "pipeline/runner.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

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

TEST(Runner, PagesInParallelGiveTheSequentialRecord) {
  // The fixture with the most pages, OCR'd with one page worker and with three.
  test::FixtureCase best;
  std::size_t most = 0;
  for (const auto& c : test::fixture_cases()) {
    std::size_t n = 0;
    while (fs::exists(c.dir / ("page-000" + std::to_string(n + 1) + ".png"))) ++n;
    if (n > most) {
      most = n;
      best = c;
    }
  }
  ASSERT_GE(most, 3u);
  test::TempDir tmp("runner-parallel");
  const Pipeline p = pipeline_for(best.languages);
  const std::vector<InputDoc> docs = discover_inputs({best.dir.string()}).documents;
  ASSERT_EQ(docs.size(), 1u);
  RunOptions one;
  one.out_dir = tmp.path() / "one";
  one.jobs = 1;
  RunOptions three = one;
  three.out_dir = tmp.path() / "three";
  three.jobs = 3;
  const RunSummary a = Runner(p, one).run(docs);
  const RunSummary b = Runner(p, three).run(docs);
  ASSERT_EQ(a.count(DocStatus::kOk), 1);
  ASSERT_EQ(b.count(DocStatus::kOk), 1);
  EXPECT_EQ(b.pages(), static_cast<int>(most));
  EXPECT_EQ(read_file(record_path(three.out_dir, docs[0].id)), read_file(record_path(one.out_dir, docs[0].id)));
}

TEST(Runner, AFailingPageFailsItsDocumentWithThePageNumber) {
  // A folder of page images whose second page is corrupt: the document fails on page 2, in
  // the ingest stage, and the pages already handed to workers finish first.
  const auto fixture = test::first_fixture("clean", {"por", "eng"});
  test::TempDir tmp("runner-page-fail");
  const fs::path doc = tmp.path() / "in" / "letter";
  fs::create_directories(doc);
  fs::copy_file(fixture.dir / "page-0001.png", doc / "page-1.png");
  const std::string bytes = read_file(fixture.dir / "page-0001.png");
  std::ofstream(doc / "page-2.png", std::ios::binary) << bytes.substr(0, bytes.size() / 4);
  fs::copy_file(fixture.dir / "page-0001.png", doc / "page-3.png");
  const Pipeline p = pipeline_for(fixture.languages);
  RunOptions o;
  o.out_dir = tmp.path() / "out";
  o.jobs = 2;
  const RunSummary s = Runner(p, o).run(discover_inputs({(tmp.path() / "in").string()}).documents);
  ASSERT_EQ(s.results.size(), 1u);
  EXPECT_EQ(s.results[0].status, DocStatus::kFailed);
  EXPECT_EQ(s.results[0].page, 2);
  EXPECT_EQ(s.results[0].stage, "ingest");
  EXPECT_FALSE(fs::exists(record_path(o.out_dir, "letter")));
}

TEST(Runner, InterruptFinishesCleanlyAndResumeCompletes) {
  const auto fixture = test::first_fixture("clean", {"por", "eng"});
  test::TempDir tmp("runner-sigint");
  const fs::path in = tmp.path() / "in";
  fs::create_directories(in);
  for (int i = 1; i <= 6; ++i) fs::copy_file(fixture.dir / "page-0001.png", in / ("scan-" + std::to_string(i) + ".png"));
  std::vector<std::string> args;
  for (int i = 1; i <= 6; ++i) args.push_back((in / ("scan-" + std::to_string(i) + ".png")).string());
  const fs::path out = tmp.path() / "out";
  std::string langs;
  for (const auto& l : fixture.languages) langs += (langs.empty() ? "\"" : ", \"") + l + "\"";

  auto spawn = [&](bool resume) {
    const pid_t pid = fork();
    if (pid == 0) {
      std::vector<std::string> argv = {test::testimony_binary().string(), "--log-level", "error", "run", "--jobs", "1",
                                       "--config", (test::source_dir() / "configs/upright.toml").string(),
                                       "--set", "ocr.tesseract.languages=[" + langs + "]", "--out", out.string()};
      if (resume) argv.push_back("--resume");
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> cargv;
      for (auto& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      std::freopen("/dev/null", "w", stdout);
      execv(cargv[0], cargv.data());
      _exit(127);
    }
    return pid;
  };
  const pid_t pid = spawn(false);
  // Interrupt once the first document is done (its line is streamed to the manifest).
  auto first_done = [&] {
    std::error_code ec;
    return fs::exists(out / "manifest.jsonl", ec) && !read_file(out / "manifest.jsonl").empty();
  };
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 1200 && !first_done(); ++i) {
    if ((exited = waitpid(pid, &status, WNOHANG) == pid)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(exited) << "the run ended before it could be interrupted";
  kill(pid, SIGINT);
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal instead of finishing cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const auto m = manifest(out);
  ASSERT_EQ(m.size(), 6u);  // one line per input, even those never started
  int ok = 0, stopped = 0;
  for (const auto& j : m) {
    if (j["status"] == "ok") {
      ++ok;
      EXPECT_TRUE(fs::exists(record_path(out, j["id"])));
    } else {
      ++stopped;
      EXPECT_EQ(j["status"], "skipped");
      EXPECT_NE(j["reason"].get<std::string>().find("run again with --resume"), std::string::npos);
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(stopped, 1);
  for (const auto& e : fs::recursive_directory_iterator(out))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();

  const pid_t again = spawn(true);
  waitpid(again, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  int records = 0;
  for (const auto& j : manifest(out)) records += fs::exists(record_path(out, j["id"]));
  EXPECT_EQ(records, 6);
}

}  // namespace
}  // namespace testimony
