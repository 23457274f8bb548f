// UTF-8 validation and decoding helpers (ICU underneath; no ICU types here).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace testimony {

// The byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is valid.
// With allow_truncated_tail, a sequence cut off by the end of `s` counts as valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view s, bool allow_truncated_tail = false);

// Decodes the code point at byte `i` and advances `i`; returns -1 for an invalid sequence.
int32_t next_code_point(std::string_view s, std::size_t& i);

// `s` with every invalid sequence replaced by U+FFFD, so that it can go into JSON (file
// names on Linux are bytes, not text).
std::string valid_utf8(std::string_view s);

// Appends code point `c` as UTF-8.
void append_utf8(std::string& out, int32_t c);

// The number of code points of valid UTF-8 `s` (its bytes that start one).
std::size_t utf8_length(std::string_view s);

}  // namespace testimony
