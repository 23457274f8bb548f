// File system helpers: atomic writes (temp file + fsync + rename) and natural sort order.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace testimony {

// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a
// part: a temporary file in the same folder, fsync, rename. Creates parent folders.
// Throws Error(kDependencyFailed) with the OS reason (disk full, permission).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

std::string read_file(const std::filesystem::path& path);

// "page-2" < "page-10": digit runs compare by value.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace testimony
