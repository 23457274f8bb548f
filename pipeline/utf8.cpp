// UTF-8 helpers on ICU's macros (their int conversions are silenced here only).
#include "pipeline/utf8.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#include <unicode/utf8.h>

namespace testimony {

int32_t next_code_point(std::string_view s, std::size_t& i) {
  auto pos = static_cast<int32_t>(i);
  const auto n = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_NEXT(s.data(), pos, n, c);
  i = static_cast<std::size_t>(pos);
  return c;
}

void append_utf8(std::string& out, int32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

std::string valid_utf8(std::string_view s) {
  if (!first_invalid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (next_code_point(s, i) < 0) {
      append_utf8(out, 0xFFFD);
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view s, bool allow_truncated_tail) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    if (next_code_point(s, i) < 0) {
      if (allow_truncated_tail && s.size() - at < 4) return std::nullopt;
      return at;
    }
  }
  return std::nullopt;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace testimony
#pragma GCC diagnostic pop
