// Atomic writes under faults: a file-size limit (as good as a full disk for the writer) gives
// a resource_exhausted error and leaves nothing behind; a removed folder is made again.
// Also: error messages are valid UTF-8 whatever bytes a file name holds.
#include "pipeline/fs.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include <gtest/gtest.h>

#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(WriteFileAtomic, ReplacesWholeFileAndLeavesNoTemporaryFile) {
  test::TempDir tmp("fs-atomic");
  write_file_atomic(tmp.path() / "r.json", "first");
  write_file_atomic(tmp.path() / "r.json", "second, longer");
  EXPECT_EQ(read_file(tmp.path() / "r.json"), "second, longer");
  EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"r.json"});
}

TEST(WriteFileAtomic, MakesARemovedFolderAgain) {
  test::TempDir tmp("fs-removed");
  write_file_atomic(tmp.path() / "out" / "records" / "a.json", "a");
  fs::remove_all(tmp.path() / "out");
  write_file_atomic(tmp.path() / "out" / "records" / "b.json", "b");
  EXPECT_EQ(read_file(tmp.path() / "out" / "records" / "b.json"), "b");
}

TEST(WriteFileAtomic, FileSizeLimitIsResourceExhaustedAndLeavesNothing) {
  test::TempDir tmp("fs-full");
  write_file_atomic(tmp.path() / "r.json", "old");
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto* old_handler = ::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 1000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  std::optional<Error> error;
  try {
    write_file_atomic(tmp.path() / "r.json", std::string(5000, 'x'));
  } catch (const Error& e) {
    error = e;
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  ::signal(SIGXFSZ, old_handler);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(error->message(), "cannot write " + (tmp.path() / "r.json").string() + ": File too large");
  EXPECT_EQ(read_file(tmp.path() / "r.json"), "old");  // the old file stands
  EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"r.json"});
}

TEST(WriteFileAtomic, UnwritableFolderIsDependencyFailed) {
  test::TempDir tmp("fs-unwritable");
  std::ofstream(tmp.path() / "file") << "x";
  try {
    write_file_atomic(tmp.path() / "file" / "r.json", "x");  // a file where a folder should be
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDependencyFailed);
    EXPECT_EQ(e.message().rfind("cannot create folder for " + (tmp.path() / "file" / "r.json").string() + ": ", 0), 0u)
        << e.message();
  }
}

TEST(AtomicTempName, IsFileDotTmpDotPidDotCounter) {
  EXPECT_TRUE(is_atomic_temp_name("a.json.tmp.4242.0"));
  EXPECT_TRUE(is_atomic_temp_name("catalog.sqlite.tmp.1.17"));
  EXPECT_FALSE(is_atomic_temp_name("a.json"));
  EXPECT_FALSE(is_atomic_temp_name(".tmp.1.2"));
  EXPECT_FALSE(is_atomic_temp_name("notes.tmp.txt"));
  EXPECT_FALSE(is_atomic_temp_name("a.tmp.12."));
  EXPECT_FALSE(is_atomic_temp_name("a.tmp.12"));
  EXPECT_FALSE(is_atomic_temp_name("a.tmp.1x.2"));
}

// A run killed while its named temporary file existed leaves it behind; the next run on the
// folder removes it (and only files of that shape), and a second run at the same time is
// refused with the folder named.
TEST(OutputFolderLock, RemovesLeftoversAndRefusesASecondRun) {
  test::TempDir tmp("fs-lock");
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out / "records");
  std::ofstream(out / "records" / "a.json") << "{}";
  std::ofstream(out / "records" / "b.json.tmp.99999.3") << "{\"partial";
  std::ofstream(out / "manifest.jsonl.tmp.99999.4") << "";
  std::ofstream(out / "records" / "notes.tmp.txt") << "kept";
  {
    OutputFolderLock lock(out);
    EXPECT_EQ(lock.removed_leftovers(), 2);
    EXPECT_EQ(names_in(out / "records"), (std::vector<std::string>{"a.json", "notes.tmp.txt"}));
    try {
      OutputFolderLock second(out);
      ADD_FAILURE() << "a second lock on the same folder was granted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("another run is writing to " + out.string()), std::string::npos)
          << e.what();
    }
  }
  OutputFolderLock again(out);  // released with the first
  EXPECT_EQ(again.removed_leftovers(), 0);
}

TEST(ErrorMessages, AreValidUtf8WhateverTheFileName) {
  const Error e(ErrorCode::kInvalidInput, "bad-\xff\xfe-name.png: cannot decode", "detail \xc3");
  EXPECT_EQ(e.message(), "bad-\xEF\xBF\xBD\xEF\xBF\xBD-name.png: cannot decode");
  EXPECT_EQ(e.detail(), "detail \xEF\xBF\xBD");
  EXPECT_FALSE(first_invalid_utf8(e.what()).has_value());
  EXPECT_EQ(valid_utf8("Kraków"), "Kraków");
}

}  // namespace
}  // namespace testimony
