// Faults the batch must survive, through the real binary: a stage that throws on one page
// (debug.fault), a full disk, the output folder pulled away mid-run, and SIGKILL at random
// moments followed by --resume, which must end in records byte-identical to a clean run.
#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "pipeline/document.hpp"
#include "pipeline/fs.hpp"
#include "tests/badinput/child.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

std::vector<Json> manifest_lines(const fs::path& out) {
  std::vector<Json> lines;
  std::ifstream in(out / "manifest.jsonl");
  for (std::string line; std::getline(in, line);) {
    Json j = Json::parse(line);
    if (!j.contains("summary")) lines.push_back(std::move(j));  // the last line counts the others
  }
  return lines;
}

// records/<id>.json → bytes, for every record in `out`.
std::map<std::string, std::string> records(const fs::path& out) {
  std::map<std::string, std::string> m;
  if (!fs::exists(out / "records")) return m;
  for (const auto& e : fs::directory_iterator(out / "records")) m[e.path().filename().string()] = read_file(e.path());
  return m;
}

// Empty when `got` holds the same records as `want`, byte for byte; else what differs: a
// missing or extra record, or the first differing byte of a record with the text around it.
std::string record_differences(const std::map<std::string, std::string>& got,
                               const std::map<std::string, std::string>& want) {
  std::string out;
  for (const auto& [name, bytes] : want) {
    const auto it = got.find(name);
    if (it == got.end()) {
      out += name + ": missing\n";
      continue;
    }
    const std::string& have = it->second;
    std::size_t at = 0;
    while (at < have.size() && at < bytes.size() && have[at] == bytes[at]) ++at;
    if (at == have.size() && at == bytes.size()) continue;
    const std::size_t from = at > 80 ? at - 80 : 0;
    out += name + ": differs at byte " + std::to_string(at) + " (sizes " + std::to_string(have.size()) + " vs " +
           std::to_string(bytes.size()) + ")\n  resumed: " + have.substr(from, 200) +
           "\n  clean:   " + bytes.substr(from, 200) + "\n";
  }
  for (const auto& [name, bytes] : got)
    if (!want.count(name)) out += name + ": not in the clean run\n";
  return out;
}

std::vector<std::string> temp_leftovers(const fs::path& out) {
  std::vector<std::string> found;
  if (!fs::exists(out)) return found;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) found.push_back(e.path().string());
  return found;
}

// A transcription of `pages` pages (form feeds between them), about `words` words a page.
std::string transcription(const std::string& name, int pages, int words) {
  static const char* kWords[] = {"Lisbon,", "3",      "March",  "1944.", "The",   "consul", "signed", "the",
                                 "visas",   "for",    "twelve", "families", "from", "Krakow", "who", "waited"};
  std::string text;
  for (int p = 1; p <= pages; ++p) {
    if (p > 1) text += '\f';
    text += name + ", page " + std::to_string(p) + ".\n";
    for (int w = 0; w < words; ++w) text += std::string(kWords[w % 16]) + ((w + 1) % 12 ? " " : "\n");
    text += "\n";
  }
  return text;
}

std::vector<std::string> run_args(const fs::path& config, const fs::path& out, const std::vector<fs::path>& inputs,
                                  std::vector<std::string> extra = {}) {
  std::vector<std::string> a = {test::testimony_binary().string(), "--log-level", "warn", "run",
                                "--config", config.string(), "--out", out.string()};
  a.insert(a.end(), extra.begin(), extra.end());
  for (const auto& i : inputs) a.push_back(i.string());
  return a;
}

const test::ChildOptions kOptions{{}, {{"OMP_THREAD_LIMIT", "1"}}, 120, -1};

// Transcriptions skip OCR, but the pipeline's chain check wants a stage that can make layout.
constexpr const char* kOcr = "[[stage]]\nuse = \"ocr.tesseract\"\nlanguages = [\"eng\"]\n";
const std::string kTextConfig = std::string("[[stage]]\nuse = \"ingest\"\n") + kOcr +
                                "[[stage]]\nuse = \"normalize.text\"\n[[stage]]\nuse = \"tag.dates\"\n"
                                "[[stage]]\nuse = \"write.json\"\n";

// A page stage throws on page 2 of one document: that document fails with the stage and page
// named, every other document (and the other pages) are untouched.
TEST(Faults, StageThatThrowsOnOnePageFailsOnlyItsDocument) {
  test::TempDir tmp("faults-throw");
  std::vector<fs::path> inputs;
  for (const char* id : {"a", "b", "c", "d"}) {
    inputs.push_back(tmp.path() / (std::string(id) + ".txt"));
    std::ofstream(inputs.back()) << transcription(id, 3, 40);
  }
  for (const auto& [action, code, error] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"throw", "internal", "unexpected error: injected fault on page 2 of b"},
           {"error", "resource_exhausted", "injected fault on page 2 of b"}}) {
    SCOPED_TRACE(action);
    const fs::path config = tmp.path() / (action + ".toml");
    std::ofstream(config) << "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"debug.fault\"\ndocument = \"b\"\n"
                             "page = 2\naction = \""
                          << action << "\"\ncode = \"resource_exhausted\"\n"
                          << kOcr << "[[stage]]\nuse = \"normalize.text\"\n[[stage]]\nuse = \"write.json\"\n";
    const fs::path out = tmp.path() / ("out-" + action);
    const auto r = test::run_child(run_args(config, out, inputs, {"--jobs", "2"}), kOptions);
    ASSERT_EQ(r.signal, 0) << r.describe();
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    const auto m = manifest_lines(out);
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(m[1].dump(), Json({{"id", "b"},
                                 {"path", inputs[1].string()},
                                 {"status", "failed"},
                                 {"stage", "debug.fault"},
                                 {"code", code},
                                 {"error", error},
                                 {"page", 2}})
                               .dump());
    for (int i : {0, 2, 3}) {
      EXPECT_EQ(m[i]["status"], "ok") << m[i].dump();
      EXPECT_EQ(m[i]["pages"], 3) << m[i].dump();
    }
    const auto recs = records(out);
    EXPECT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs.count("b.json"), 0u);
  }
}

// A tmpfs of 64 KB mounted on the output's records folder where the system lets us (root,
// not in a locked-down container); else the same through RLIMIT_FSIZE (EFBIG instead of
// ENOSPC). The big document fails in write.json as resource_exhausted and leaves nothing; the
// small ones before and after it are written.
class TmpfsMount {
 public:
  explicit TmpfsMount(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir);
    mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=64k") == 0;
  }
  ~TmpfsMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

TEST(Faults, DiskFullFailsTheDocumentThatDoesNotFitAndLeavesNoPartialFile) {
  test::TempDir tmp("faults-full");
  const fs::path config = tmp.path() / "text.toml";
  std::ofstream(config) << kTextConfig;
  std::vector<fs::path> inputs = {tmp.path() / "a-small.txt", tmp.path() / "b-big.txt", tmp.path() / "c-small.txt"};
  std::ofstream(inputs[0]) << transcription("a", 1, 20);
  std::ofstream(inputs[1]) << transcription("b", 10, 400);  // a record of about 1 MB
  std::ofstream(inputs[2]) << transcription("c", 1, 20);
  const fs::path out = tmp.path() / "out";

  TmpfsMount disk(out / "records");
  test::ChildOptions options = kOptions;
  std::string reason = "No space left on device";
  if (!disk.mounted()) {
    std::cout << "[ note ] cannot mount a tmpfs here (" << std::strerror(errno)
              << "); a 64 KB RLIMIT_FSIZE stands in for the full disk\n";
    options.file_size_limit = 64 * 1024;
    reason = "File too large";
  }
  const auto r = test::run_child(run_args(config, out, inputs, {"--jobs", "1"}), options);
  ASSERT_EQ(r.signal, 0) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  const auto m = manifest_lines(out);
  ASSERT_EQ(m.size(), 3u) << r.describe();
  EXPECT_EQ(m[0]["status"], "ok");
  EXPECT_EQ(m[1]["status"], "failed");
  EXPECT_EQ(m[1]["stage"], "write.json");
  EXPECT_EQ(m[1]["code"], "resource_exhausted");
  EXPECT_EQ(m[1]["error"], "cannot write " + (out / "records" / "b-big.json").string() + ": " + reason);
  EXPECT_EQ(m[2]["status"], "ok");
  EXPECT_EQ(records(out).size(), 2u);
  EXPECT_FALSE(fs::exists(out / "records" / "b-big.json"));
  EXPECT_TRUE(temp_leftovers(out).empty());
}

// The output folder is deleted while documents are being processed: the run does not crash;
// the folder is made again by the next write, so later documents get their records and the
// manifest lists every document. (Records written before the removal are gone, as asked.)
TEST(Faults, OutputFolderRemovedMidRunIsMadeAgain) {
  test::TempDir tmp("faults-rmdir");
  const fs::path config = tmp.path() / "slow.toml";
  std::ofstream(config) << "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"debug.fault\"\npage = 0\n"
                           "action = \"sleep\"\nseconds = 0.25\n"
                        << kOcr << "[[stage]]\nuse = \"normalize.text\"\n[[stage]]\nuse = \"write.json\"\n";
  std::vector<fs::path> inputs;
  for (int i = 1; i <= 8; ++i) {
    inputs.push_back(tmp.path() / ("doc-" + std::to_string(i) + ".txt"));
    std::ofstream(inputs.back()) << transcription("doc " + std::to_string(i), 1, 30);
  }
  const fs::path out = tmp.path() / "out";
  test::Child child(run_args(config, out, inputs, {"--jobs", "1"}), kOptions);
  // Wait for the first records, then pull the folder away.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (records(out).size() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::error_code ec;
  for (int tries = 0; tries < 20 && fs::exists(out); ++tries) fs::remove_all(out, ec);
  const auto r = child.wait();
  ASSERT_EQ(r.signal, 0) << r.describe();
  const auto m = manifest_lines(out);
  ASSERT_EQ(m.size(), 8u) << r.describe();
  for (const auto& line : m) {
    // A write racing the removal may fail, cleanly; every other document is ok.
    if (line["status"] != "ok") {
      EXPECT_EQ(line["stage"], "write.json") << line.dump();
      EXPECT_EQ(line["code"], "dependency_failed") << line.dump();
    }
  }
  EXPECT_EQ(m.back()["status"], "ok");
  EXPECT_TRUE(fs::exists(out / "records" / "doc-8.json"));
  EXPECT_LT(records(out).size(), 8u);  // the early records went with the folder
}

// SIGKILL at random moments, then --resume: the final records are byte-identical to those of
// an uninterrupted run, every time, and no temporary file is left behind (not even the named
// one a kill leaves where the file system has no O_TMPFILE).
TEST(Faults, KilledRunsResumeToIdenticalRecords) {
  test::TempDir tmp("faults-kill");
  const fs::path config = tmp.path() / "ocr.toml";
  std::ofstream(config) << "[[stage]]\nuse = \"ingest\"\n[[stage]]\nuse = \"ocr.tesseract\"\n"
                           "languages = [\"por\", \"eng\"]\n[[stage]]\nuse = \"normalize.text\"\n"
                           "[[stage]]\nuse = \"tag.dates\"\n[[stage]]\nuse = \"write.json\"\n";
  std::vector<fs::path> inputs;
  for (int i = 1; i <= 5; ++i) {
    inputs.push_back(tmp.path() / ("letter-" + std::to_string(i) + ".txt"));
    std::ofstream(inputs.back()) << transcription("letter " + std::to_string(i), 2 + i % 3, 300);
  }
  inputs.push_back(tmp.path() / "scan.png");
  fs::copy_file(test::source_dir() / "fixtures" / "por-carta-consulado" / "page-0001.png", inputs.back());

  const auto clean = test::run_child(run_args(config, tmp.path() / "clean", inputs, {"--jobs", "2"}), kOptions);
  ASSERT_EQ(clean.exit_code, 0) << clean.describe();
  const auto reference = records(tmp.path() / "clean");
  ASSERT_EQ(reference.size(), 6u);

  std::mt19937 rng(20240601);
  std::uniform_real_distribution<double> moment(0.02, std::max(0.1, clean.seconds * 0.9));
  int killed_with_records = 0;
  for (int i = 0; i < 10; ++i) {
    const fs::path out = tmp.path() / ("run-" + std::to_string(i));
    const double at = moment(rng);
    SCOPED_TRACE("iteration " + std::to_string(i) + ", SIGKILL after " + std::to_string(at) + " s");
    {
      test::Child child(run_args(config, out, inputs, {"--jobs", "2"}), kOptions);
      std::this_thread::sleep_for(std::chrono::duration<double>(at));
      child.kill(SIGKILL);
      const auto killed = child.wait();
      if (killed.signal == SIGKILL && !records(out).empty()) ++killed_with_records;
    }
    // Where O_TMPFILE is missing (overlayfs), a kill during a write leaves a named temporary
    // file; one such is put here every time, and the resumed run must clear it.
    fs::create_directories(out / "records");
    std::ofstream(out / "records" / "letter-1.json.tmp.4194304.0") << "{\"id\": \"letter-";
    const auto resumed = test::run_child(run_args(config, out, inputs, {"--jobs", "2", "--resume"}), kOptions);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.describe();
    EXPECT_EQ(record_differences(records(out), reference), "");
    EXPECT_TRUE(temp_leftovers(out).empty()) << temp_leftovers(out).front();
    for (const auto& line : manifest_lines(out)) EXPECT_NE(line["status"], "failed") << line.dump();
  }
  std::cout << "[ note ] " << killed_with_records << " of 10 runs were killed after some records were written\n";
}

}  // namespace
}  // namespace testimony
