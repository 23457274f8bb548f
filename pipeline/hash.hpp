// SHA-256 (OpenSSL) of bytes and of files, as lowercase hex: fixity of inputs, config hashes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace testimony {

std::string sha256_hex(std::string_view bytes);
// Streams the file; throws Error(kInvalidInput) when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace testimony
