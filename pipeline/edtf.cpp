// EDTF value → bounds. Seasons follow the northern-hemisphere meteorological seasons (spring
// = March–May, winter = December–February of the next year).
#include "pipeline/edtf.hpp"

#include <array>

namespace testimony {
namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::string pad(int v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// "YYYY" or "YYYY-MM" or a day → its first / last calendar day.
std::string first_day(const std::string& v) {
  return v.size() == 4 ? v + "-01-01" : v.size() == 7 ? v + "-01" : v;
}
std::string last_day(const std::string& v) {
  if (v.size() == 4) return v + "-12-31";
  if (v.size() == 7) return v + "-" + pad(days_in_month(number(v.substr(0, 4)), number(v.substr(5, 2))), 2);
  return v;
}

struct Span {
  std::string lo, hi;
  bool exact = false;
};

// Strips trailing qualifiers (? ~ %) into the flags.
std::string_view strip_qualifiers(std::string_view s, EdtfRange& out) {
  while (!s.empty() && (s.back() == '?' || s.back() == '~' || s.back() == '%')) {
    if (s.back() != '?') out.approximate = true;
    if (s.back() != '~') out.uncertain = true;
    s.remove_suffix(1);
  }
  return s;
}

// One date without qualifiers.
std::optional<Span> parse_one(std::string_view s) {
  if (s.size() < 4) return std::nullopt;
  const std::string_view year = s.substr(0, 4);
  const std::size_t x = year.find('X');
  if (x != std::string_view::npos) {
    // 193X, 19XX: unspecified trailing digits of a year, nothing after it.
    if (s.size() != 4 || x == 0 || !digits(year.substr(0, x))) return std::nullopt;
    for (std::size_t i = x; i < 4; ++i)
      if (year[i] != 'X') return std::nullopt;
    std::string lo(year), hi(year);
    for (std::size_t i = x; i < 4; ++i) lo[i] = '0', hi[i] = '9';
    if (lo == "0000") lo = "0001";
    return Span{lo, hi, false};
  }
  if (!digits(year) || year == "0000") return std::nullopt;
  const int y = number(year);
  if (s.size() == 4) return Span{std::string(year), std::string(year), true};
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  const std::string_view mm = s.substr(5, 2);
  if (mm == "XX") {
    if (s.size() != 7) return std::nullopt;
    return Span{std::string(year), std::string(year), false};
  }
  if (!digits(mm)) return std::nullopt;
  const int m = number(mm);
  if (m >= 21 && m <= 24) {
    if (s.size() != 7) return std::nullopt;
    if (m == 24) return Span{pad(y, 4) + "-12", pad(y + 1, 4) + "-02", false};
    const int first = 3 * (m - 21) + 3;
    return Span{pad(y, 4) + "-" + pad(first, 2), pad(y, 4) + "-" + pad(first + 2, 2), false};
  }
  if (m < 1 || m > 12) return std::nullopt;
  const std::string month(s.substr(0, 7));
  if (s.size() == 7) return Span{month, month, true};
  if (s.size() != 10 || s[7] != '-') return std::nullopt;
  const std::string_view dd = s.substr(8, 2);
  if (dd == "XX") return Span{month, month, false};
  if (!digits(dd)) return std::nullopt;
  const int d = number(dd);
  if (d < 1 || d > days_in_month(y, m)) return std::nullopt;
  const std::string day(s);
  return Span{day, day, true};
}

}  // namespace

std::optional<EdtfRange> edtf_range(std::string_view value) {
  EdtfRange out;
  const std::size_t slash = value.find('/');
  if (slash == std::string_view::npos) {
    const auto one = parse_one(strip_qualifiers(value, out));
    if (!one) return std::nullopt;
    out.lo = one->lo;
    out.hi = one->hi;
    out.exact = one->exact;
  } else {
    out.interval = true;
    const std::string_view left = strip_qualifiers(value.substr(0, slash), out);
    const std::string_view right = strip_qualifiers(value.substr(slash + 1), out);
    const bool open_left = left.empty() || left == "..";
    const bool open_right = right.empty() || right == "..";
    if (open_left && open_right) return std::nullopt;
    if (!open_left) {
      const auto a = parse_one(left);
      if (!a) return std::nullopt;
      out.lo = a->lo;
    }
    if (!open_right) {
      const auto b = parse_one(right);
      if (!b) return std::nullopt;
      out.hi = b->hi;
    }
  }
  if (!out.lo.empty()) out.from = first_day(out.lo);
  if (!out.hi.empty()) out.to = last_day(out.hi);
  if (!out.from.empty() && !out.to.empty() && out.to < out.from) return std::nullopt;
  return out;
}

std::optional<std::string> date_bound(std::string_view text, bool end) {
  EdtfRange ignored;
  if (text.find('/') != std::string_view::npos || strip_qualifiers(text, ignored) != text)
    return std::nullopt;
  const auto r = edtf_range(text);
  if (!r) return std::nullopt;
  return end ? r->to : r->from;
}

}  // namespace testimony
