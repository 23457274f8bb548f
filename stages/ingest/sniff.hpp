// Deciding what a file is from its first bytes, never from its name.
#pragma once

#include <filesystem>
#include <string>

namespace testimony {

enum class FileKind { kEmpty, kPng, kJpeg, kTiff, kJp2, kBmp, kPnm, kWebp, kGif, kPdf, kText, kUtf16Text, kUnknown };

FileKind sniff_file(const std::filesystem::path& path);  // throws Error when unreadable
std::string media_type(FileKind kind);
bool is_image(FileKind kind);
// Why a file's first bytes are not UTF-8 text: "invalid UTF-8 at byte 14" or "control byte
// 0x00 at byte 3", for messages about a transcription that is not one.
std::string describe_non_text(const std::filesystem::path& path);

}  // namespace testimony
