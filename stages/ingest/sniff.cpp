// Magic-number sniffing of input files.
#include "stages/ingest/sniff.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>

#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"

namespace testimony {
namespace {

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The first binary control byte (not tab, newline, carriage return or form feed) in `s`.
std::optional<std::size_t> first_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return i;
  }
  return std::nullopt;
}

// Valid UTF-8 with no NUL or other binary control bytes in the sample (a cut-off last
// sequence is allowed: the sample may end mid-character).
bool looks_like_text(std::string_view s) { return !first_invalid_utf8(s, true) && !first_control(s); }

std::string read_head(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kInvalidInput, "cannot open " + path.string() + ": " + std::strerror(errno));
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

}  // namespace

std::string describe_non_text(const std::filesystem::path& path) {
  const std::string head = read_head(path);
  const auto bad = first_invalid_utf8(head, true);
  const auto control = first_control(head);
  if (bad && (!control || *bad < *control)) return "invalid UTF-8 at byte " + std::to_string(*bad);
  if (control) {
    static const char* kHex = "0123456789abcdef";
    const auto c = static_cast<unsigned char>(head[*control]);
    return std::string("control byte 0x") + kHex[c >> 4] + kHex[c & 15] + " at byte " + std::to_string(*control);
  }
  return "binary content";
}

FileKind sniff_file(const std::filesystem::path& path) {
  const std::string head = read_head(path);
  if (head.empty()) return FileKind::kEmpty;
  std::string_view h = head;
  if (starts(h, "\x89PNG\r\n\x1a\n")) return FileKind::kPng;
  if (starts(h, "\xff\xd8\xff")) return FileKind::kJpeg;
  if (starts(h, "II*\0") || starts(h, std::string_view("MM\0*", 4)) || starts(h, std::string_view("II+\0", 4)) ||
      starts(h, std::string_view("MM\0+", 4)))
    return FileKind::kTiff;
  if (starts(h, std::string_view("\0\0\0\x0cjP  ", 8)) || starts(h, "\xff\x4f\xff\x51")) return FileKind::kJp2;
  if (starts(h, "BM")) return FileKind::kBmp;
  if (h.size() > 2 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6' && std::isspace(static_cast<unsigned char>(h[2])))
    return FileKind::kPnm;
  if (starts(h, "RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP") return FileKind::kWebp;
  if (starts(h, "GIF87a") || starts(h, "GIF89a")) return FileKind::kGif;
  // PDF: the header may follow a little junk (the spec allows it within the first 1024 bytes).
  if (h.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileKind::kPdf;
  if (looks_like_text(h)) return FileKind::kText;
  if (starts(h, "\xff\xfe") || starts(h, "\xfe\xff")) return FileKind::kUtf16Text;
  return FileKind::kUnknown;
}

std::string media_type(FileKind kind) {
  switch (kind) {
    case FileKind::kPng: return "image/png";
    case FileKind::kJpeg: return "image/jpeg";
    case FileKind::kTiff: return "image/tiff";
    case FileKind::kJp2: return "image/jp2";
    case FileKind::kBmp: return "image/bmp";
    case FileKind::kPnm: return "image/x-portable-anymap";
    case FileKind::kWebp: return "image/webp";
    case FileKind::kGif: return "image/gif";
    case FileKind::kPdf: return "application/pdf";
    case FileKind::kText: return "text/plain";
    case FileKind::kUtf16Text: return "text/plain; charset=utf-16";
    case FileKind::kEmpty:
    case FileKind::kUnknown: return "application/octet-stream";
  }
  return "application/octet-stream";
}

bool is_image(FileKind k) {
  return k == FileKind::kPng || k == FileKind::kJpeg || k == FileKind::kTiff || k == FileKind::kJp2 ||
         k == FileKind::kBmp || k == FileKind::kPnm || k == FileKind::kWebp || k == FileKind::kGif;
}

}  // namespace testimony
