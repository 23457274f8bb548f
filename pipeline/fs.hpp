// File system helpers: atomic writes (temp file + fsync + rename) and natural sort order.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace testimony {

// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a
// part: a temporary file in the same folder (unnamed where the file system allows, so that a
// killed process leaves nothing behind), fsync, rename, fsync of the folder. Creates parent
// folders (again, if they were removed meanwhile). On failure nothing is left behind and it
// throws Error with the OS reason: kResourceExhausted when the disk is full or a file-size
// limit is hit (ENOSPC, EDQUOT, EFBIG), else kDependencyFailed (permission, I/O error).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

std::string read_file(const std::filesystem::path& path);

// Whether `name` is a temporary file of write_file_atomic: "<file>.tmp.<pid>.<n>".
bool is_atomic_temp_name(std::string_view name);

// One run at a time in an output folder: an exclusive lock (flock) on FOLDER/.testimony.lock,
// held while the object lives and released by the kernel when the process dies. A second run
// on the same folder gets ConfigError naming the folder, at once. While the lock is held, a
// temporary file of write_file_atomic in the folder can only be the leftover of a killed run
// (the named fallback where O_TMPFILE is missing, e.g. overlayfs): the constructor removes
// them all.
class OutputFolderLock {
 public:
  explicit OutputFolderLock(const std::filesystem::path& dir);
  ~OutputFolderLock();
  OutputFolderLock(const OutputFolderLock&) = delete;
  OutputFolderLock& operator=(const OutputFolderLock&) = delete;
  int removed_leftovers() const { return removed_; }

 private:
  int fd_ = -1;
  int removed_ = 0;
};

// "page-2" < "page-10": digit runs compare by value.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace testimony
