// EDTF value → first and last calendar day. Seasons follow the northern-hemisphere
// meteorological seasons (spring = March–May, winter = December–February of the next year).
#include "pipeline/edtf.hpp"

#include <charconv>
#include <cstdio>

namespace testimony {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
}

struct Bounds {
  std::string first, last;
};

// One EDTF date without qualifiers: YYYY, YYYX, YYXX, YYYY-MM, YYYY-SS, YYYY-MM-DD.
std::optional<Bounds> single(std::string_view v) {
  if (v.size() < 4) return std::nullopt;
  const std::string_view year = v.substr(0, 4);
  int y0 = 0, y1 = 0;
  if (year[2] == 'X' && year[3] == 'X') {
    int c = 0;
    if (!parse_int(year.substr(0, 2), c)) return std::nullopt;
    y0 = c * 100;
    y1 = y0 + 99;
  } else if (year[3] == 'X') {
    int d = 0;
    if (!parse_int(year.substr(0, 3), d)) return std::nullopt;
    y0 = d * 10;
    y1 = y0 + 9;
  } else {
    if (!parse_int(year, y0)) return std::nullopt;
    y1 = y0;
  }
  if (v.size() == 4) return Bounds{ymd(y0, 1, 1), ymd(y1, 12, 31)};
  if (y0 != y1 || v[4] != '-' || v.size() < 7) return std::nullopt;
  int m = 0;
  if (!parse_int(v.substr(5, 2), m)) return std::nullopt;
  if (v.size() == 7) {
    if (m >= 1 && m <= 12) return Bounds{ymd(y0, m, 1), ymd(y0, m, days_in_month(y0, m))};
    switch (m) {
      case 21: return Bounds{ymd(y0, 3, 1), ymd(y0, 5, 31)};
      case 22: return Bounds{ymd(y0, 6, 1), ymd(y0, 8, 31)};
      case 23: return Bounds{ymd(y0, 9, 1), ymd(y0, 11, 30)};
      case 24: return Bounds{ymd(y0, 12, 1), ymd(y0 + 1, 2, days_in_month(y0 + 1, 2))};
      default: return std::nullopt;
    }
  }
  int d = 0;
  if (v.size() != 10 || v[7] != '-' || !parse_int(v.substr(8, 2), d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y0, m)) return std::nullopt;
  return Bounds{ymd(y0, m, d), ymd(y0, m, d)};
}

// Strips qualifiers (~ ? %) from a date, noting them in `range`.
std::string strip_qualifiers(std::string_view v, EdtfRange& range) {
  std::string out;
  for (char c : v) {
    if (c == '~' || c == '%') range.approximate = true;
    if (c == '?' || c == '%') range.uncertain = true;
    if (c != '~' && c != '?' && c != '%') out += c;
  }
  return out;
}

}  // namespace

std::optional<EdtfRange> edtf_range(std::string_view value) {
  EdtfRange range;
  const auto slash = value.find('/');
  if (slash == std::string_view::npos) {
    const auto b = single(strip_qualifiers(value, range));
    if (!b) return std::nullopt;
    range.from = b->first;
    range.to = b->last;
    return range;
  }
  range.interval = true;
  const std::string a = strip_qualifiers(value.substr(0, slash), range);
  const std::string z = strip_qualifiers(value.substr(slash + 1), range);
  const bool open_a = a.empty() || a == "..";
  const bool open_z = z.empty() || z == "..";
  if (open_a && open_z) return std::nullopt;
  if (!open_a) {
    const auto b = single(a);
    if (!b) return std::nullopt;
    range.from = b->first;
  }
  if (!open_z) {
    const auto b = single(z);
    if (!b) return std::nullopt;
    range.to = b->last;
  }
  if (!open_a && !open_z && range.from > range.to) return std::nullopt;
  return range;
}

std::optional<std::string> date_bound(std::string_view text, bool end) {
  if (text.find('/') != std::string_view::npos) return std::nullopt;
  EdtfRange ignored;
  const auto b = single(strip_qualifiers(text, ignored));
  if (!b) return std::nullopt;
  return end ? b->last : b->first;
}

}  // namespace testimony
