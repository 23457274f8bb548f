// EDTF values (the dates tag.dates writes) parsed once for every consumer: the catalog's
// date-overlap search needs calendar days, TEI's @when/@from/@to/@notBefore/@notAfter needs
// the value's own precision. Covers the level-1 forms we produce: days, months, years,
// seasons (21–24), unspecified digits (194X, 19XX, 1943-XX), intervals, ~ ? % qualifiers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace testimony {

struct EdtfRange {
  // Bounds at the value's own precision ("1943", "1943-09", "1943-09-28"); for an interval,
  // `lo` is the start's first and `hi` the end's last value; empty for an open end.
  std::string lo, hi;
  // The same bounds as calendar days, "YYYY-MM-DD".
  std::string from, to;
  bool exact = false;        // one day, month or year (not an interval, season or decade)
  bool approximate = false;  // "~" or "%"
  bool uncertain = false;    // "?" or "%"
  bool interval = false;     // "a/b", "a/..", "../b"
};

// Nullopt when `value` is not an EDTF form we understand.
std::optional<EdtfRange> edtf_range(std::string_view value);

// Normalizes a user's date bound for a search: "1943" → "1943-01-01" (or "-12-31" when
// `end`), "1943-09" → first or last day of the month, "1943-09-28" as is. Nullopt if invalid.
std::optional<std::string> date_bound(std::string_view text, bool end);

}  // namespace testimony
