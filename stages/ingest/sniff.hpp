// Deciding what a file is from its first bytes, never from its name.
#pragma once

#include <filesystem>
#include <string>

namespace testimony {

enum class FileKind { kEmpty, kPng, kJpeg, kTiff, kJp2, kBmp, kPnm, kWebp, kGif, kPdf, kText, kUnknown };

FileKind sniff_file(const std::filesystem::path& path);  // throws Error when unreadable
std::string media_type(FileKind kind);
bool is_image(FileKind kind);

}  // namespace testimony
