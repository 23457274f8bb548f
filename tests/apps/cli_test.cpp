// The testimony binary end to end on transcriptions (no OCR, fast): N shards merged give the
// same records, manifest and catalog as one run; search prints what the catalog holds.
#include <sys/wait.h>

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pipeline/fs.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the binary with `args`, stdout to `out_file`; returns the exit status.
int run_testimony(const std::string& args, const fs::path& out_file) {
  const std::string cmd = quote(test::testimony_binary().string()) + " --log-level warn " + args +
                          " > " + quote(out_file.string()) + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::map<std::string, std::string> files_under(const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = read_file(e.path());
  return out;
}

std::vector<std::string> manifest_documents(const fs::path& out) {
  std::vector<std::string> lines;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("{\"summary\"", 0) != 0) lines.push_back(line);
  return lines;
}

TEST(Cli, ShardsMergedEqualOneRun) {
  test::TempDir tmp("cli-shards");
  const auto files = test::write_transcriptions(tmp.path() / "in");
  std::ofstream(tmp.path() / "text.toml") << test::text_pipeline_config();
  const std::string common = "run --config " + quote((tmp.path() / "text.toml").string()) + " --jobs 2 ";
  const std::string in = quote((tmp.path() / "in").string());

  ASSERT_EQ(run_testimony(common + "--out " + quote((tmp.path() / "one").string()) + " " + in, tmp.path() / "one.log"), 0)
      << test::read_text(tmp.path() / "one.log");
  std::string shard_dirs;
  std::size_t shard_docs = 0;
  for (int i = 1; i <= 3; ++i) {
    const fs::path dir = tmp.path() / ("shard-" + std::to_string(i));
    ASSERT_EQ(run_testimony(common + "--shard " + std::to_string(i) + "/3 --out " + quote(dir.string()) + " " + in,
                            tmp.path() / "shard.log"),
              0)
        << test::read_text(tmp.path() / "shard.log");
    const auto docs = manifest_documents(dir);
    EXPECT_GT(docs.size(), 0u) << "shard " << i << " is empty: the hash does not spread";
    shard_docs += docs.size();
    shard_dirs += " " + quote(dir.string());
  }
  EXPECT_EQ(shard_docs, files.size());  // a partition: every document in exactly one shard
  ASSERT_EQ(run_testimony("merge --out " + quote((tmp.path() / "all").string()) + shard_dirs, tmp.path() / "merge.log"), 0)
      << test::read_text(tmp.path() / "merge.log");

  const auto one = files_under(tmp.path() / "one" / "records");
  EXPECT_EQ(one.size(), files.size());
  EXPECT_EQ(files_under(tmp.path() / "all" / "records"), one);  // byte-identical records
  EXPECT_EQ(read_file(tmp.path() / "all" / "manifest.jsonl"), read_file(tmp.path() / "one" / "manifest.jsonl"));

  // The merged catalog answers like the single run's.
  for (const char* query : {"--place Warsaw", "--person Wallenberg", "--date-from 1942 --date-to 1942-03", "ghetto"}) {
    SCOPED_TRACE(query);
    ASSERT_EQ(run_testimony("search --out " + quote((tmp.path() / "one").string()) + " " + query, tmp.path() / "s1"), 0);
    ASSERT_EQ(run_testimony("search --out " + quote((tmp.path() / "all").string()) + " " + query, tmp.path() / "s2"), 0);
    const std::string a = test::read_text(tmp.path() / "s1");
    EXPECT_EQ(a, test::read_text(tmp.path() / "s2"));
    EXPECT_NE(a.find("p."), std::string::npos) << a;  // something was found
  }
  // Merging overlapping shards is refused, naming the file.
  EXPECT_EQ(run_testimony("merge --out " + quote((tmp.path() / "twice").string()) + " " +
                              quote((tmp.path() / "one").string()) + " " + quote((tmp.path() / "one").string()),
                          tmp.path() / "twice.log"),
            1);
  EXPECT_NE(test::read_text(tmp.path() / "twice.log").find("the shards overlap"), std::string::npos);
}

TEST(Cli, BadShardAndSearchArgumentsAreUsageErrors) {
  test::TempDir tmp("cli-usage");
  EXPECT_EQ(run_testimony("run --shard 4/3 --out " + quote(tmp.path().string()) + " x", tmp.path() / "a.log"), 2);
  EXPECT_NE(test::read_text(tmp.path() / "a.log").find("expected I/N with 1 <= I <= N"), std::string::npos);
  EXPECT_EQ(run_testimony("search --out " + quote(tmp.path().string()) + " word", tmp.path() / "b.log"), 2);
  EXPECT_NE(test::read_text(tmp.path() / "b.log").find("no catalog at"), std::string::npos);
}

// Transcriptions through a pipeline with a fault injected by debug.fault.
std::string fault_config(const std::string& fault) {
  return "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"debug.fault\"\n" + fault +
         "[[stage]]\nuse = \"ocr.tesseract\"\nlanguages = [\"eng\"]\n[[stage]]\nuse = \"normalize.text\"\n"
         "[[stage]]\nuse = \"write.json\"\n";
}

TEST(Cli, ASlowPageFailsItsDocumentAtThePageTimeout) {
  test::TempDir tmp("cli-timeout");
  const auto files = test::write_transcriptions(tmp.path() / "in");
  const std::string slow = files[0].stem().string();
  std::ofstream(tmp.path() / "c.toml") << fault_config("document = \"" + slow + "\"\naction = \"sleep\"\nseconds = 3\n");
  const fs::path out = tmp.path() / "out";
  EXPECT_EQ(run_testimony("run --jobs 2 --set run.page_timeout=1 --config " + quote((tmp.path() / "c.toml").string()) +
                              " --out " + quote(out.string()) + " " + quote((tmp.path() / "in").string()),
                          tmp.path() / "log"),
            1);
  int ok = 0;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.contains("summary")) {
      EXPECT_EQ(j["summary"]["failed"], 1);
      EXPECT_EQ(j["summary"]["failures_by_code"]["resource_exhausted"], 1);
      continue;
    }
    if (j["id"] == slow) {
      EXPECT_EQ(j["status"], "failed");
      EXPECT_EQ(j["stage"], "debug.fault");
      EXPECT_EQ(j["page"], 1);
      EXPECT_EQ(j["error"], "page 1 took longer than 1 s (run.page_timeout)");
    } else {
      ok += j["status"] == "ok";
    }
  }
  EXPECT_EQ(ok, static_cast<int>(files.size()) - 1);
}

TEST(Cli, ABatchThatMostlyFailsStopsAtTheFailureRatio) {
  test::TempDir tmp("cli-ratio");
  const auto files = test::write_transcriptions(tmp.path() / "in");
  ASSERT_GT(files.size(), 22u);
  std::ofstream(tmp.path() / "c.toml") << fault_config("action = \"error\"\n");  // every document fails
  const fs::path out = tmp.path() / "out";
  EXPECT_EQ(run_testimony("run --jobs 1 --set run.max_failure_ratio=0.5 --config " +
                              quote((tmp.path() / "c.toml").string()) + " --out " + quote(out.string()) + " " +
                              quote((tmp.path() / "in").string()),
                          tmp.path() / "log"),
            1);
  EXPECT_NE(test::read_text(tmp.path() / "log").find("over run.max_failure_ratio"), std::string::npos);
  int failed = 0, not_started = 0;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.contains("summary")) continue;
    failed += j["status"] == "failed";
    not_started += j["status"] == "skipped" && j["reason"].get<std::string>().starts_with("not started");
  }
  EXPECT_EQ(failed, 20);  // checked from the 20th finished document on
  EXPECT_EQ(failed + not_started, static_cast<int>(files.size()));
}

}  // namespace
}  // namespace testimony
