// Word-level normalization and the dehyphenation decision.
#include <algorithm>
#include <array>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"
#include "stages/normalize/normalize.hpp"

namespace testimony {
namespace {

const char* replacement(int32_t c, bool unify) {
  switch (c) {
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05: case 0xFB06: return "st";
    case 0x00AD: case 0x0640: return "";  // soft hyphen, tatweel
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
    case 0x2066: case 0x2067: case 0x2068: case 0x2069: case 0xFEFF: case 0x200B: return "";
    default: break;
  }
  if (!unify) return nullptr;
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return "-";
    case 0x00A0: case 0x2007: case 0x202F: return "";
    default: return nullptr;
  }
}

// Code points below U+0800 that NFC leaves as they are (quick check yes, combining class 0):
// Latin, Greek, Cyrillic, Hebrew and Arabic letters. A composition needs a second code point
// whose quick check is "maybe" (a mark such as the Arabic madda), so a word of only these is in
// NFC already and needs no normalizer.
bool nfc_inert(int32_t c) {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x800);
    for (int32_t k = 0; k < 0x800; ++k)
      t[static_cast<std::size_t>(k)] = u_getIntPropertyValue(k, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(k) == 0;
    return t;
  }();
  return c < 0x800 && table[static_cast<std::size_t>(c)];
}

bool confusable_one(int32_t c) { return c == 'l' || c == 'I' || c == '|'; }
bool confusable_zero(int32_t c) { return c == 'O' || c == 'o'; }

// "l944" → "1944", "19O4" → "1904", "3l.5.1944" stays unless the run is numeric: only runs
// of digits and confusables with at least two real digits and at most as many confusables.
// And "Kowa1ski" → "Kowalski", "Pozna0" stays: a lone 1 or 0 between lower-case letters.
std::string repair_digits(const std::string& w, int* repairs) {
  std::string out;
  std::size_t i = 0;
  while (i < w.size()) {
    // Find a maximal run of digits/confusables.
    std::size_t j = i;
    int digits = 0, confusables = 0;
    while (j < w.size()) {
      const auto ch = static_cast<unsigned char>(w[j]);
      if (ch >= '0' && ch <= '9') ++digits;
      else if (confusable_one(ch) || confusable_zero(ch)) ++confusables;
      else break;
      ++j;
    }
    if (j == i) {
      out += w[i++];
      continue;
    }
    // The run must not be glued to letters on either side (a word like "Ilona" is not a number).
    const bool letter_before = i > 0 && is_letter(static_cast<unsigned char>(w[i - 1]));
    const bool letter_after = j < w.size() && is_letter(static_cast<unsigned char>(w[j]));
    // The other way round: one 1 or 0 between lower-case letters is a letter ("Kowa1ski").
    const auto lower_at = [&](std::size_t k) { return k < w.size() && w[k] >= 'a' && w[k] <= 'z'; };
    if (j == i + 1 && i > 0 && lower_at(i - 1) && lower_at(j) && (w[i] == '1' || w[i] == '0')) {
      out += w[i] == '1' ? 'l' : 'o';
      if (repairs) ++*repairs;
      i = j;
      continue;
    }
    if (digits >= 2 && confusables > 0 && confusables <= digits && !letter_before && !letter_after) {
      for (std::size_t k = i; k < j; ++k) {
        const auto ch = static_cast<unsigned char>(w[k]);
        out += confusable_one(ch) ? '1' : confusable_zero(ch) ? '0' : w[k];
      }
      if (repairs) *repairs += confusables;
    } else {
      out.append(w, i, j - i);
    }
    i = j;
  }
  return out;
}

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// "9.X1.1920" → "9.XI.1920", "11.II1.1907" → "11.III.1907": in a day.month.year word whose
// month is written in Roman numerals, a 1 or l among the numerals is an I — if the month
// that results is one of I to XII.
std::string repair_roman_month(const std::string& w, int* repairs) {
  const std::size_t a = w.find('.');
  if (a == std::string::npos || a == 0 || a > 2) return w;
  const std::size_t b = w.find('.', a + 1);
  if (b == std::string::npos || b == a + 1 || b - a - 1 > 5) return w;
  for (std::size_t k = 0; k < a; ++k)
    if (!ascii_digit(w[k])) return w;
  std::size_t year = b + 1;
  while (year < w.size() && ascii_digit(w[year])) ++year;
  if (year - b - 1 < 2 || year - b - 1 > 4 || w.size() - year > 1) return w;
  std::string month = w.substr(a + 1, b - a - 1);
  bool roman = false, confused = false;
  for (char& c : month) {
    if (c == 'I' || c == 'V' || c == 'X') roman = true;
    else if (c == '1' || c == 'l') c = 'I', confused = true;
    else return w;
  }
  static constexpr std::string_view kMonths[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  if (!roman || !confused || std::find(std::begin(kMonths), std::end(kMonths), month) == std::end(kMonths)) return w;
  if (repairs) ++*repairs;
  return w.substr(0, a + 1) + month + w.substr(b);
}

// "1ith" → "11th", "2lst" → "21st": before an ordinal ending, an i or l among the digits is a 1.
std::string repair_ordinal(const std::string& w, int* repairs) {
  std::size_t end = w.size();
  while (end > 0 && (w[end - 1] == '.' || w[end - 1] == ',' || w[end - 1] == ';' || w[end - 1] == ':')) --end;
  if (end < 3 || end > 6) return w;
  const std::string_view suffix = std::string_view(w).substr(end - 2, 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return w;
  int digits = 0, confusables = 0;
  for (std::size_t k = 0; k + 2 < end; ++k) {
    if (ascii_digit(w[k])) ++digits;
    else if (w[k] == 'i' || w[k] == 'l' || w[k] == 'I') ++confusables;
    else return w;
  }
  if (digits == 0 || confusables == 0 || digits + confusables > 2) return w;
  std::string out = w;
  for (std::size_t k = 0; k + 2 < end; ++k)
    if (!ascii_digit(out[k])) out[k] = '1';
  if (repairs) *repairs += confusables;
  return out;
}

// Prefixes that keep their hyphen before a lower-case continuation (folded keys).
constexpr std::array<std::string_view, 34> kKeepPrefixes = {
    "pos", "pre", "pro", "ex", "vice", "sem", "recem", "alem", "aquem", "sul", "norte", "grao",
    "bem", "mal", "anti", "self", "non", "co", "semi", "post", "mid", "quasi", "sub", "neo",
    "pan", "super", "extra", "auto", "ultra", "infra", "inter", "micro", "macro", "multi"};

}  // namespace

std::string normalize_word(std::string_view word, const WordNormalizeOptions& opt, int* repairs) {
  // OCR sometimes gives a word a space of its own at an end (" GRUNBAUM,"): the text puts its
  // own spaces between words.
  while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
  while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
  // Fast path: printable ASCII needs no Unicode work, and digit repair only with a digit.
  bool plain = true, digit = false;
  for (const char ch : word) {
    const auto b = static_cast<unsigned char>(ch);
    plain = plain && b >= 0x20 && b < 0x7F;
    digit = digit || (b >= '0' && b <= '9');
  }
  if (plain)
    return opt.repair_digits && digit
               ? repair_ordinal(repair_roman_month(repair_digits(std::string(word), repairs), repairs), repairs)
               : std::string(word);
  std::string out;
  out.reserve(word.size());
  bool composed = true;  // no code point that NFC could change or compose with a neighbour
  for (std::size_t i = 0; i < word.size();) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      if (b >= 0x20 && b != 0x7F) out += static_cast<char>(b);
      ++i;
      continue;
    }
    const std::size_t at = i;
    const int32_t c = next_code_point(word, i);
    if (c < 0 || (c >= 0x80 && c < 0xA0)) continue;  // invalid bytes, C1 controls
    if (const char* r = replacement(c, opt.unify_punctuation)) {
      out += r;
      continue;
    }
    composed = composed && (c < 0x300 || nfc_inert(c));
    out.append(word, at, i - at);  // valid UTF-8: the bytes as they are
  }
  if (!composed) out = nfc(out);
  if (opt.repair_digits && std::any_of(out.begin(), out.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    out = repair_digits(out, repairs);
  return out;
}

int hyphen_join(std::string_view left, std::string_view right) {
  if (left.size() < 2 || left.back() != '-' || right.empty()) return 0;
  const std::string_view stem = left.substr(0, left.size() - 1);
  // The stem must end in a letter, and the continuation must start with one.
  std::size_t i = 0;
  int32_t last_c = -1;
  while (i < stem.size()) last_c = next_code_point(stem, i);
  std::size_t k = 0;
  const int32_t first = next_code_point(right, k);
  if (last_c < 0 || first < 0 || !is_letter(last_c) || !is_letter(first)) return 0;
  if (is_upper(first)) return 2;  // Warszawa-Praga, anti-Semitic: a compound of names
  // The last hyphen-separated part of the stem decides ("sul-" in "sul-americano").
  const std::size_t dash = stem.rfind('-');
  const std::string part = fold_key(dash == std::string_view::npos ? stem : stem.substr(dash + 1));
  for (const auto p : kKeepPrefixes)
    if (part == p) return 2;
  return 1;
}

}  // namespace testimony
