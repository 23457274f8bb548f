// EDTF values (the dates tag.dates writes) as calendar ranges: what the catalog's date-overlap
// search and TEI's @notBefore/@notAfter need. Covers the level-1 forms we produce: days,
// months, years, seasons (21–24), decades and centuries with X, intervals, ~ and ? qualifiers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace testimony {

struct EdtfRange {
  std::string from;  // first day, "YYYY-MM-DD"; empty for an open start ("../1945")
  std::string to;    // last day, "YYYY-MM-DD"; empty for an open end ("1944/")
  bool approximate = false;  // "~" or "%" anywhere
  bool uncertain = false;    // "?" or "%" anywhere
  bool interval = false;     // "a/b"
};

// Nullopt when `value` is not an EDTF form we understand.
std::optional<EdtfRange> edtf_range(std::string_view value);

// Normalizes a user's date bound for a search: "1943" → "1943-01-01" (or "-12-31" when
// `end`), "1943-09" → first or last day of the month, "1943-09-28" as is. Nullopt if invalid.
std::optional<std::string> date_bound(std::string_view text, bool end);

}  // namespace testimony
