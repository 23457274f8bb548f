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

// "page-2" < "page-10": digit runs compare by value.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace testimony
