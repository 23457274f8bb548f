// Text helpers shared by the normalize, tag and link stages: code-point classes, the
// matching fold (case, accents, Arabic letter variants, niqqud, digits), and a tokenizer
// over Document::text. ICU underneath; no ICU types here.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace testimony {

struct Document;

bool is_letter(int32_t c);
bool is_upper(int32_t c);
bool is_mark(int32_t c);         // combining marks (accents, harakat, niqqud)
bool is_space(int32_t c);
int digit_value(int32_t c);      // 0..9 for any decimal digit (ASCII, Arabic-Indic, Persian), else -1
bool is_arabic(int32_t c);
bool is_hebrew(int32_t c);

// The key under which names are matched: NFC, case folded, marks removed (accents, harakat,
// niqqud), letters without a decomposition mapped (ł→l, ø→o, đ→d, ı→i, ß→ss), Arabic alef,
// yeh and teh marbuta variants folded and tatweel removed, every decimal digit as ASCII.
std::string fold_key(std::string_view utf8);
void fold_key_into(std::string_view utf8, std::string& out);  // appended to `out`
// Lower case (ICU, root locale), accents and letters otherwise kept: "Tér" → "tér".
std::string lower_case(std::string_view utf8);

// Arabic and Hebrew proclitics: is the folded `prefix` (one or two letters, two bytes each)
// made of clitic letters of the script (Hebrew ב ל מ ו ה כ ש; Arabic ب ل و ف ك)? script: 2
// Arabic, 3 Hebrew, as in Token::script.
bool clitic_letters(std::string_view prefix, uint8_t script);
// Bytes taken by the first `letters` letters (with their marks) of `word`.
std::size_t letters_prefix_bytes(std::string_view word, std::size_t letters);

// Unicode NFC (a quick check first: most text already is).
std::string nfc(std::string_view utf8);

// Word ids: every word of every vocabulary (authority names, lexicons, date words) is given
// a number when it is loaded, and the tokenizer gives each token the number of its folded
// key, so matching compares numbers instead of strings. A word no vocabulary has is 0: no
// phrase can contain it. Process-wide; lookups may run while another thread loads.
// A string hash that also takes string_view, so that unordered containers keyed by
// std::string are searched without a copy (with std::equal_to<>). Keys are short words: eight
// bytes at a time, multiplied and mixed, inline (std::hash's out-of-line Murmur loop cost
// more than the lookups around it); the final mix spreads every byte over both halves, which
// the word table's Bloom filter uses as two separate bit positions.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    uint64_t h = s.size() * kMul;
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      h = (h ^ v) * kMul;
      h ^= h >> 29;
    }
    uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
  }
};

class WordIds {
 public:
  static uint32_t intern(std::string_view key);  // the id of a folded key, added if new
  static uint32_t find(std::string_view key);    // 0 when no vocabulary has the key
  static uint64_t generation();                  // grows with every new word

  // Many lookups under one lock (no vocabulary grows meanwhile).
  class Reader {
   public:
    Reader();
    uint32_t find(std::string_view key) const;

   private:
    std::shared_lock<std::shared_mutex> lock_;
  };
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t start = 0;  // bytes in the text
  uint32_t end = 0;
  uint32_t id = 0;             // WordIds of the key; 0 when no vocabulary has it
  TokenKind kind = TokenKind::kWord;
  bool upper = false;          // first letter is upper case (false in scripts without case)
  bool all_upper = false;      // every letter upper case
  bool newline_before = false; // a line or paragraph break precedes it
  bool space_before = false;
  uint8_t script = 0;          // 0 other, 1 Latin/Cyrillic/Greek (cased), 2 Arabic, 3 Hebrew
  std::string_view key;        // fold_key of the token text, kept by its Tokens (or TokenStream)
  std::string_view text(std::string_view all) const { return all.substr(start, end - start); }
  bool is(char c) const { return key.size() == 1 && key[0] == c; }  // punctuation tests: t.is('.')
};

// The tokens of a text and the folded keys they point into: one buffer for all the keys,
// which never moves (a token is 40 bytes, with no allocation of its own).
struct Tokens {
  std::vector<Token> tokens;
  std::unique_ptr<std::string> keys;
  auto begin() const { return tokens.begin(); }
  auto end() const { return tokens.end(); }
  std::size_t size() const { return tokens.size(); }
  const Token& operator[](std::size_t i) const { return tokens[i]; }
};

// Words are runs of letters, marks, apostrophes inside words and digits glued to letters;
// numbers are runs of digits (any script); everything else is one punctuation token per
// code point. White space separates tokens.
Tokens tokenize(std::string_view text);

// The folded keys of the tokens of `text`, joined by one space (no ids, no token list).
std::string token_keys(std::string_view text);

// The tokens of a text with what matching derives from them, computed once per document
// (tokens_of) and shared by the taggers and the linker.
class TokenStream {
 public:
  explicit TokenStream(std::string_view text) : TokenStream(text, tokenize(text)) {}
  std::vector<Token> tokens;
  // The ids of the known words among token i's key and its candidate base forms, the word
  // with a Polish, Czech, Slovak, Russian, Hungarian or German case ending undone
  // ("warszawie" → warszaw, warszawa, ...): the key's own id first (0 when unknown), then
  // the ids of the base forms some vocabulary has. Computed on first use.
  std::span<const uint32_t> forms(std::size_t i) const;
  // The word id of token i without its first `letters` (1 or 2) letters when they are
  // Arabic or Hebrew clitics (בקרקוב → קרקוב, وفي → في), else 0. Computed on first use.
  uint32_t clitic_rest(std::size_t i, std::size_t letters) const;
  bool current(std::string_view text) const;  // made from this text, with today's word ids?

 private:
  TokenStream(std::string_view text, Tokens all);
  std::unique_ptr<std::string> keys_;  // where the tokens' keys point
  // The text it was made from: comparing with it is cheaper than hashing the text anew at
  // every stage that asks (a megabyte a time).
  std::string text_;
  uint64_t generation_ = 0;
  // forms: by token, a view into blocks that are filled in turn and never move, so that a
  // view stays valid while more are computed (an empty view: not yet known).
  mutable std::vector<std::span<const uint32_t>> forms_at_;
  mutable std::vector<std::unique_ptr<uint32_t[]>> form_blocks_;
  mutable std::size_t block_used_ = 0;
  mutable std::vector<uint32_t> scratch_;
  mutable std::vector<std::array<uint32_t, 2>> rest_;  // clitic_rest; UINT32_MAX: not yet known
};

// The token stream of doc.text, tokenized on first use and kept in doc.text_cache until the
// text (or the word ids) change.
const TokenStream& tokens_of(Document& doc);

}  // namespace testimony
