// Code-point classes, the matching fold and the tokenizer (ICU character properties).
#include "stages/common/text.hpp"

#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <atomic>
#include <cctype>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "pipeline/document.hpp"
#include "pipeline/utf8.hpp"

namespace testimony {

bool is_letter(int32_t c) { return u_isalpha(c) != 0; }
bool is_upper(int32_t c) { return u_isupper(c) != 0 || u_istitle(c) != 0; }
bool is_mark(int32_t c) {
  const int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}
bool is_space(int32_t c) { return u_isUWhiteSpace(c) != 0 || c == 0x200B || c == 0x200E || c == 0x200F; }
int digit_value(int32_t c) { return u_isdigit(c) ? u_charDigitValue(c) : -1; }
bool is_arabic(int32_t c) { return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF); }
bool is_hebrew(int32_t c) { return (c >= 0x0590 && c <= 0x05FF) || (c >= 0xFB1D && c <= 0xFB4F); }

namespace {

// The fold of one code point, as UTF-8, computed once and cached.
class FoldTable {
 public:
  // A code point outside ASCII (fold_key lower-cases ASCII itself).
  const std::string& fold(int32_t c) {
    if (c < kDirect) {  // two-byte UTF-8: Latin, Greek, Cyrillic, Hebrew, Arabic
      if (direct_.empty()) direct_.resize(kDirect);
      auto& [done, out] = direct_[static_cast<std::size_t>(c)];
      if (!done) {
        out = compute(c);
        done = true;
      }
      return out;
    }
    auto it = cache_.find(c);
    if (it != cache_.end()) return it->second;
    return cache_.emplace(c, compute(c)).first->second;
  }

 private:
  static std::string compute(int32_t c) {
    // Letters without a canonical decomposition, and Arabic/Hebrew variants.
    switch (c) {
      case 0x0141: case 0x0142: return "l";   // Ł ł
      case 0x00D8: case 0x00F8: return "o";   // Ø ø
      case 0x0110: case 0x0111: return "d";   // Đ đ
      case 0x0131: return "i";                // ı
      case 0x00DF: case 0x1E9E: return "ss";  // ß ẞ
      case 0x00C6: case 0x00E6: return "ae";
      case 0x0152: case 0x0153: return "oe";
      case 0x0640: return "";                  // tatweel
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: return "\xD8\xA7";  // آ أ إ ٱ → ا
      case 0x0649: return "\xD9\x8A";          // ى → ي
      case 0x0629: return "\xD9\x87";          // ة → ه
      case 0x0624: return "\xD9\x88";          // ؤ → و
      case 0x0626: return "\xD9\x8A";          // ئ → ي
      case 0x05DA: return "\xD7\x9B";          // final kaf → kaf
      case 0x05DD: return "\xD7\x9E";          // final mem
      case 0x05DF: return "\xD7\xA0";          // final nun
      case 0x05E3: return "\xD7\xA4";          // final pe
      case 0x05E5: return "\xD7\xA6";          // final tsadi
      // Yiddish ligatures as their two letters: װ (vov), ױ (oy), ײ (ey), ײַ (ay).
      case 0x05F0: return "\xD7\x95\xD7\x95";
      case 0x05F1: return "\xD7\x95\xD7\x99";
      case 0x05F2: case 0xFB1F: return "\xD7\x99\xD7\x99";
      case 0x2019: case 0x2018: case 0x02BC: case 0x00B4: return "'";
      default: break;
    }
    if (const int d = digit_value(c); d >= 0) return std::string(1, static_cast<char>('0' + d));
    if (is_mark(c)) return "";
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString s(c);
    s.foldCase(U_FOLD_CASE_DEFAULT);
    icu::UnicodeString d = nfd->normalize(s, status);
    if (U_FAILURE(status)) d = s;
    std::string out;
    for (int32_t i = 0; i < d.length();) {
      const UChar32 cp = d.char32At(i);
      i += U16_LENGTH(cp);
      if (is_mark(cp)) continue;
      append_utf8(out, cp);
    }
    return out;
  }

  static constexpr int32_t kDirect = 0x800;
  std::vector<std::pair<bool, std::string>> direct_;  // by code point, below kDirect
  std::unordered_map<int32_t, std::string> cache_;     // the others
};

// One table per thread: the cache fills on the hot path without a lock.
FoldTable& fold_table() {
  thread_local FoldTable t;
  return t;
}

uint8_t script_of(int32_t c) {
  if (is_arabic(c)) return 2;
  if (is_hebrew(c)) return 3;
  return is_letter(c) ? 1 : 0;
}

bool word_char(int32_t c) { return is_letter(c) || is_mark(c); }

// Character classes of ASCII, taken from the ICU functions above once, so that the tokenizer
// asks ICU only about the other code points.
enum : uint8_t { kSpaceClass = 1, kDigitClass = 2, kWordClass = 4, kUpperClass = 8, kLowerCasedClass = 16 };

std::array<uint8_t, 0x80> make_ascii_classes() {
  std::array<uint8_t, 0x80> t{};
  for (int32_t c = 0; c < 0x80; ++c) {
    uint8_t f = 0;
    if (is_space(c)) f |= kSpaceClass;
    if (digit_value(c) >= 0) f |= kDigitClass;
    if (word_char(c)) f |= kWordClass;
    if (is_upper(c)) f |= kUpperClass;
    if (is_letter(c) && !is_upper(c) && u_hasBinaryProperty(c, UCHAR_CASED)) f |= kLowerCasedClass;
    t[static_cast<std::size_t>(c)] = f;
  }
  return t;
}

const std::array<uint8_t, 0x80> kAscii = make_ascii_classes();

// The code point at i (advancing i), without a call for ASCII.
inline int32_t next_cp(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return next_code_point(s, i);
}

inline bool space_cp(int32_t c) { return c < 0x80 ? (kAscii[static_cast<std::size_t>(c)] & kSpaceClass) : is_space(c); }
inline bool digit_cp(int32_t c) { return c < 0x80 ? (kAscii[static_cast<std::size_t>(c)] & kDigitClass) : digit_value(c) >= 0; }
inline bool word_cp(int32_t c) { return c < 0x80 ? (kAscii[static_cast<std::size_t>(c)] & kWordClass) : word_char(c); }
inline bool upper_cp(int32_t c) { return c < 0x80 ? (kAscii[static_cast<std::size_t>(c)] & kUpperClass) : is_upper(c); }
inline bool lower_cased_cp(int32_t c) {
  return c < 0x80 ? (kAscii[static_cast<std::size_t>(c)] & kLowerCasedClass)
                  : is_letter(c) && !is_upper(c) && u_hasBinaryProperty(c, UCHAR_CASED);
}

// A key with its hash, computed once for the Bloom filter and the table.
struct HashedKey {
  std::string_view key;
  std::size_t hash;
};
struct HashedKeyHash {
  using is_transparent = void;
  std::size_t operator()(const std::string& s) const noexcept { return KeyHash{}(s); }
  std::size_t operator()(const HashedKey& k) const noexcept { return k.hash; }
};
struct HashedKeyEqual {
  using is_transparent = void;
  bool operator()(const std::string& a, const std::string& b) const noexcept { return a == b; }
  bool operator()(const HashedKey& a, const std::string& b) const noexcept { return a.key == b; }
  bool operator()(const std::string& a, const HashedKey& b) const noexcept { return a == b.key; }
};

struct WordTable {
  std::shared_mutex mu;
  std::unordered_map<std::string, uint32_t, HashedKeyHash, HashedKeyEqual> ids;
  std::atomic<uint64_t> generation{0};
  // Two bits per known word in 4 Mbit (a Bloom filter): most words of a text are in no
  // vocabulary, and most candidate base forms are no word at all; the filter answers those
  // from 512 KB instead of a walk through the table.
  static constexpr std::size_t kBloomBits = std::size_t{1} << 22;
  std::vector<uint64_t> bloom = std::vector<uint64_t>(kBloomBits / 64, 0);

  static std::pair<std::size_t, std::size_t> bloom_bits(std::size_t h) {
    return {h & (kBloomBits - 1), (h >> 32) & (kBloomBits - 1)};
  }
  bool maybe(std::size_t h) const {
    const auto [a, b] = bloom_bits(h);
    return ((bloom[a / 64] >> (a % 64)) & 1) && ((bloom[b / 64] >> (b % 64)) & 1);
  }
  void remember(std::size_t h) {
    const auto [a, b] = bloom_bits(h);
    bloom[a / 64] |= uint64_t{1} << (a % 64);
    bloom[b / 64] |= uint64_t{1} << (b % 64);
  }

  uint32_t find_locked(std::string_view key) const {
    const HashedKey k{key, KeyHash{}(key)};
    if (!maybe(k.hash)) return 0;
    auto it = ids.find(k);
    return it == ids.end() ? 0 : it->second;
  }
};

WordTable& word_table() {
  static WordTable t;
  return t;
}

bool apostrophe(int32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

// French and Italian elided words before an apostrophe: l', d', qu', j', n', s', c', m', t'.
bool elision(std::string_view w) {
  if (w.size() > 2) return false;
  std::string k;
  for (const char c : w) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k == "l" || k == "d" || k == "qu" || k == "j" || k == "n" || k == "s" || k == "c" || k == "m" || k == "t";
}

}  // namespace

std::string lower_case(std::string_view utf8) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())))
      .toLower(icu::Locale::getRoot())
      .toUTF8String(out);
  return out;
}

std::string fold_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  fold_key_into(s, out);
  return out;
}

void fold_key_into(std::string_view s, std::string& out) {
  FoldTable* t = nullptr;  // not needed for ASCII
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
    if (j > i) {  // a run of ASCII, copied and lower-cased in place
      const std::size_t at = out.size();
      out.append(s.data() + i, j - i);
      for (char* p = out.data() + at; p != out.data() + out.size(); ++p)
        if (*p >= 'A' && *p <= 'Z') *p = static_cast<char>(*p - 'A' + 'a');
      i = j;
      continue;
    }
    int32_t c;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xC2 && b <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      c = static_cast<int32_t>((b & 0x1Fu) << 6 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu));
      i += 2;
    } else {
      c = next_code_point(s, i);
    }
    if (!t) t = &fold_table();
    if (c >= 0) out += t->fold(c);
  }
}

bool clitic_letters(std::string_view prefix, uint8_t script) {
  if (prefix.empty() || prefix.size() % 2 != 0 || (script != 2 && script != 3)) return false;
  for (std::size_t k = 0; k < prefix.size(); k += 2) {
    // The letter's two UTF-8 bytes as one number: 0xD791 is ב.
    const unsigned letter = static_cast<unsigned>(static_cast<unsigned char>(prefix[k])) << 8 |
                            static_cast<unsigned char>(prefix[k + 1]);
    bool ok = false;
    if (script == 3) {
      switch (letter) {
        case 0xD791: case 0xD79C: case 0xD79E: case 0xD795:  // ב ל מ ו
        case 0xD794: case 0xD79B: case 0xD7A9: ok = true; break;  // ה כ ש
        default: break;
      }
    } else {
      switch (letter) {
        case 0xD8A8: case 0xD984: case 0xD988: case 0xD981: case 0xD983: ok = true; break;  // ب ل و ف ك
        default: break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

std::size_t letters_prefix_bytes(std::string_view word, std::size_t letters) {
  std::size_t pos = 0, seen = 0;
  while (pos < word.size()) {
    std::size_t next = pos;
    const int32_t c = next_code_point(word, next);
    if (c >= 0 && !is_mark(c)) {
      if (seen == letters) break;
      ++seen;
    }
    pos = next;
  }
  return pos;
}

std::string nfc(std::string_view s) {
  bool ascii = true;
  for (const char ch : s) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  // On the UTF-8 bytes: no conversion to UTF-16 for the common case, already composed.
  const icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (n->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  std::string r;
  icu::StringByteSink<std::string> sink(&r, static_cast<int32_t>(s.size()));
  n->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? r : std::string(s);
}

uint32_t WordIds::intern(std::string_view key) {
  if (key.empty()) return 0;
  WordTable& t = word_table();
  {
    std::shared_lock lock(t.mu);
    if (const uint32_t id = t.find_locked(key)) return id;
  }
  std::unique_lock lock(t.mu);
  const auto [it, added] = t.ids.try_emplace(std::string(key), static_cast<uint32_t>(t.ids.size() + 1));
  if (added) {
    t.remember(KeyHash{}(key));
    t.generation.fetch_add(1, std::memory_order_release);
  }
  return it->second;
}

uint32_t WordIds::find(std::string_view key) {
  WordTable& t = word_table();
  std::shared_lock lock(t.mu);
  return t.find_locked(key);
}

uint64_t WordIds::generation() { return word_table().generation.load(std::memory_order_acquire); }

WordIds::Reader::Reader() : lock_(word_table().mu) {}

uint32_t WordIds::Reader::find(std::string_view key) const { return word_table().find_locked(key); }

namespace {

// The tokens of `text` in order, without their keys: calls emit(token) for each. Words are
// scanned a byte at a time while they stay in ASCII, with ICU asked only about other letters.
template <typename Emit>
void scan_tokens(std::string_view text, Emit&& emit) {
  bool newline = true, space = false;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t next = i;
    const int32_t c = next_cp(text, next);
    if (c < 0 || space_cp(c)) {
      if (c == '\n' || c == '\f') newline = true;
      space = true;
      i = next;
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(i);
    t.newline_before = newline;
    t.space_before = space;
    newline = space = false;
    if (digit_cp(c)) {
      t.kind = TokenKind::kNumber;
      std::size_t j = next;
      while (j < n) {
        std::size_t k = j;
        const int32_t d = next_cp(text, k);
        if (d < 0 || !digit_cp(d)) break;
        j = k;
      }
      // Digits glued to letters ("1930s", "3rd", "l944" stays a number-led word): a word.
      std::size_t k = j;
      const int32_t after = j < n ? next_cp(text, k) : -1;
      // An Arabic year with the era letter glued, "1944م" (ميلادي, of the common era): the
      // number, then the letter as a word of its own.
      std::size_t k2 = k;
      const bool era_mark = after == 0x0645 && (k >= n || !word_cp(next_cp(text, k2)));
      if (after >= 0 && word_cp(after) && !era_mark) {
        t.kind = TokenKind::kWord;
        while (j < n) {
          std::size_t m = j;
          const int32_t d = next_cp(text, m);
          if (d < 0 || !(word_cp(d) || digit_cp(d))) break;
          j = m;
        }
      }
      i = j;
    } else if (word_cp(c)) {
      t.kind = TokenKind::kWord;
      t.script = c < 0x80 ? 1 : script_of(c);
      t.upper = upper_cp(c);
      bool all_up = t.upper;
      std::size_t j = next;
      // Arabic or Hebrew clitics of one or two letters glued to a number are a word of their
      // own: "و1942" (and 1942), "וב1943" (and in 1943).
      bool clitic_number = false;
      if (t.script == 2 || t.script == 3) {
        std::size_t k = j;
        int32_t d = j < n ? next_cp(text, k) : -1;
        if (d >= 0 && word_cp(d) && !digit_cp(d) && k < n) {
          const std::size_t second = k;
          d = next_cp(text, k);
          if (d >= 0 && digit_cp(d)) {
            j = second;
            clitic_number = true;
          }
        } else if (d >= 0 && digit_cp(d)) {
          clitic_number = true;
        }
      }
      bool elided = false;
      while (j < n && !clitic_number) {
        const auto b = static_cast<unsigned char>(text[j]);
        if (b < 0x80 && (kAscii[b] & (kWordClass | kDigitClass))) {  // the common case, in ASCII
          if (kAscii[b] & kLowerCasedClass) all_up = false;
          ++j;
          continue;
        }
        std::size_t k = j;
        const int32_t d = next_cp(text, k);
        if (d < 0) break;
        if (word_cp(d) || digit_cp(d)) {
          if (all_up && lower_cased_cp(d)) all_up = false;
          j = k;
          continue;
        }
        // An elided article or pronoun is a word of its own, with its apostrophe ("l'hiver",
        // "d'Anvers"); any other apostrophe between letters stays inside the word ("O'Brien").
        if (apostrophe(d) && elision(text.substr(t.start, j - t.start))) {
          t.all_upper = all_up && (j - t.start) > 1;  // of the letters alone: "L'" is no acronym
          elided = true;
          j = k;
          break;
        }
        if (apostrophe(d) && k < n) {
          std::size_t m = k;
          const int32_t e = next_cp(text, m);
          if (e >= 0 && word_cp(e)) {
            j = k;
            continue;
          }
        }
        break;
      }
      if (!elided) t.all_upper = all_up && (j - t.start) > 1;
      i = j;
    } else {
      t.kind = TokenKind::kPunct;
      i = next;
    }
    t.end = static_cast<uint32_t>(i);
    emit(t);
  }
}

}  // namespace

Tokens tokenize(std::string_view text) {
  Tokens out;
  std::vector<Token>& tokens = out.tokens;
  tokens.reserve(text.size() / 5);
  const WordIds::Reader ids;  // one lock for the whole text
  // The keys are folded one after the other into one buffer, which may move while it grows:
  // the tokens point into it once it is complete, from the offsets kept meanwhile.
  out.keys = std::make_unique<std::string>();
  std::string& keys = *out.keys;
  keys.reserve(text.size() + 16);
  std::vector<std::pair<uint32_t, uint32_t>> spans;  // of each token's key in `keys`
  spans.reserve(tokens.capacity());
  scan_tokens(text, [&](Token t) {
    const std::size_t at = keys.size();
    fold_key_into(text.substr(t.start, t.end - t.start), keys);
    t.id = ids.find(std::string_view(keys).substr(at));
    spans.emplace_back(static_cast<uint32_t>(at), static_cast<uint32_t>(keys.size() - at));
    tokens.push_back(t);
  });
  for (std::size_t k = 0; k < tokens.size(); ++k)
    tokens[k].key = std::string_view(keys).substr(spans[k].first, spans[k].second);
  return out;
}

std::string token_keys(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  scan_tokens(text, [&](const Token& t) {
    if (!out.empty()) out += ' ';
    fold_key_into(text.substr(t.start, t.end - t.start), out);
  });
  return out;
}

namespace {

// Case endings and what the base form ends in instead ("ie" → "a": Warszawie → Warszawa),
// indexed by the last byte of the ending so that a word meets only the rules it could take.
struct Ending {
  std::string_view suffix, repl;
};

constexpr Ending kEndings[] = {
    {"owie", "ow"}, {"owie", ""},  {"iu", ""},   {"ie", ""},    {"ie", "a"},  {"ie", "o"}, {"u", ""},
    {"u", "a"},     {"a", ""},     {"y", "a"},   {"y", ""},     {"i", ""},    {"i", "a"},  {"e", "a"},
    {"ej", "a"},    {"a", "o"},    {"em", ""},   {"ach", ""},   {"ach", "y"}, {"sce", "ska"}, {"ce", "ka"},
    {"dze", "da"},  {"ji", "ja"},  {"zech", "y"}, {"rzech", "ry"}, {"ben", ""}, {"ban", ""},  {"ba", ""},
    {"be", ""},     {"en", ""},    {"on", ""},   {"ra", ""},    {"re", ""},   {"rol", ""}, {"tol", ""},
    {"bol", ""},    {"hoz", ""},   {"ig", ""},   {"s", ""},     {"es", ""},   {"ov", "ovo"}, {"e", ""},
    {"ego", "y"},   {"iego", "i"}, {"ym", "y"},  {"ej", "a"},   {"iej", "a"}, {"ku", "k"},
    {"iu", "ie"},   {"iem", "ie"}, {"i", "ia"},  {"ii", "ia"}, {"ach", "e"}, {"ym", "e"},   {"iescie", "iasto"}, {"ego", "e"},
    {"iego", "ie"}, {"rze", "ra"}, {"dzie", "da"}, {"cie", "ta"}, {"im", "i"}, {"om", ""},
    // Polish locatives of masculine nouns in t, d: Komitecie → komitet, ogrodzie → ogrod.
    {"cie", "t"},   {"dzie", "d"},
    // Instrumental of neuter names in -o: pod Kownem → kowno, Grodnem → grodno.
    {"em", "o"},
    // Polish locative of -ga: w Pradze → praga, w Rydze → ryga.
    {"dze", "ga"},
    // Czech and Slovak locative of -ha: v Praze → praha.
    {"ze", "ha"},
    // German adjectives before a neuter noun: "dem Internationalen Komitee" → internationales.
    {"en", "es"},   {"e", "es"},    {"en", "e"},
    // Hungarian accusative, on folded keys: Annát → anna, Kovácsot → kovacs.
    {"t", ""},      {"ot", ""},    {"et", ""}};

const std::array<std::vector<const Ending*>, 256>& endings_by_last_byte() {
  static const auto table = [] {
    std::array<std::vector<const Ending*>, 256> t;
    for (const Ending& e : kEndings) t[static_cast<unsigned char>(e.suffix.back())].push_back(&e);
    return t;
  }();
  return table;
}

// Calls f(base) for every candidate base form of `key`, in a reused buffer.
template <typename F>
void for_each_base(std::string_view key, F&& f) {
  if (key.empty()) return;
  std::string base;
  for (const Ending* e : endings_by_last_byte()[static_cast<unsigned char>(key.back())]) {
    // A stem of three bytes or more; of two where the base form has four ("Lidzie" → lida).
    const std::size_t stem = key.size() < e->suffix.size() ? 0 : key.size() - e->suffix.size();
    if ((stem < 3 && !(stem == 2 && e->repl.size() >= 2)) || !key.ends_with(e->suffix)) continue;
    base.assign(key.substr(0, key.size() - e->suffix.size()));
    base += e->repl;
    f(std::string_view(base));
  }
}

}  // namespace

TokenStream::TokenStream(std::string_view text, Tokens all)
    : tokens(std::move(all.tokens)), keys_(std::move(all.keys)), text_(text), generation_(WordIds::generation()) {}

bool TokenStream::current(std::string_view text) const {
  return generation_ == WordIds::generation() && text == text_;
}

std::span<const uint32_t> TokenStream::forms(std::size_t i) const {
  if (forms_at_.empty()) forms_at_.resize(tokens.size());
  std::span<const uint32_t>& at = forms_at_[i];
  if (at.empty()) {
    scratch_.assign(1, tokens[i].id);
    if (tokens[i].key.size() >= 4) {
      const WordIds::Reader ids;
      for_each_base(tokens[i].key, [&](std::string_view base) {
        if (const uint32_t id = ids.find(base)) scratch_.push_back(id);
      });
    }
    constexpr std::size_t kBlock = 4096;  // more than any word's forms (one per case ending)
    if (form_blocks_.empty() || block_used_ + scratch_.size() > kBlock) {
      form_blocks_.push_back(std::make_unique<uint32_t[]>(kBlock));
      block_used_ = 0;
    }
    uint32_t* out = form_blocks_.back().get() + block_used_;
    std::copy(scratch_.begin(), scratch_.end(), out);
    block_used_ += scratch_.size();
    at = std::span<const uint32_t>(out, scratch_.size());
  }
  return at;
}

uint32_t TokenStream::clitic_rest(std::size_t i, std::size_t letters) const {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::kWord || (t.script != 2 && t.script != 3)) return 0;
  if (rest_.empty()) rest_.assign(tokens.size(), {UINT32_MAX, UINT32_MAX});
  uint32_t& slot = rest_[i][letters - 1];
  if (slot == UINT32_MAX) {
    slot = 0;
    const std::size_t bytes = 2 * letters;  // these letters are two bytes in UTF-8
    const std::string_view key = t.key;
    if (key.size() > bytes + 2 && clitic_letters(key.substr(0, bytes), t.script)) slot = WordIds::find(key.substr(bytes));
  }
  return slot;
}

const TokenStream& tokens_of(Document& doc) {
  auto& slot = doc.text_cache.tokens;
  if (!slot || !slot->current(doc.text)) slot = std::make_shared<TokenStream>(doc.text);
  return *slot;
}

}  // namespace testimony
