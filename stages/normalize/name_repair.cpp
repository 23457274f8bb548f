// Lexicon-checked repair of OCR confusions in names (see name_repair.hpp).
#include "stages/normalize/name_repair.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "pipeline/data.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"

namespace testimony {
namespace {

std::vector<int32_t> code_points(std::string_view s) {
  std::vector<int32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

std::string utf8_of(const std::vector<int32_t>& cps) {
  std::string out;
  for (const int32_t c : cps) append_utf8(out, c);
  return out;
}

int32_t upper_of(int32_t c) {
  const icu::UnicodeString u = icu::UnicodeString(c).toUpper(icu::Locale::getRoot());
  return u.length() == 1 ? u.char32At(0) : c;
}

bool is_digit_cp(int32_t c) { return c >= '0' && c <= '9'; }

// What Tesseract reads for a letter, and the letters it may stand for (lower case).
struct Confusion {
  std::u32string read;
  std::u32string letters;  // one candidate letter each
};
const Confusion kConfusions[] = {
    {U"rn", U"m"},
    {U"ii", U"\u00fc"},                      // ü
    {U"6", U"\u00f3\u0151\u00f6"},           // ó ő ö
    {U"0", U"o\u00f3\u00f6\u0151"},          // o ó ö ő
    {U"1", U"l\u00ed"},                      // l í
    {U"Q", U"\u00f8"},                       // Ø read as Q ("Qresund"), capital at the start
    {U"t", U"\u0142"},                       // ł read as t ("Batuty"): models without Polish letters
    {U"i", U"\u0142"},                       // ł read as i ("Cheimno")
};

}  // namespace

NameRepair::NameRepair(const std::vector<std::string>& names, const std::vector<std::string>& common) {
  for (const std::string& name : names) {
    const std::vector<int32_t> cps = code_points(name);
    if (cps.size() < 4) continue;
    const std::string key = fold_key(name);
    const std::string exact = lower_case(name);
    folded_.insert(key);
    if (exact_.insert(exact).second) by_fold_[key].push_back(exact);
    // The name as a model without Polish letters reads it: one ł as t or as i.
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (cps[i] != 0x142) continue;
      for (const int32_t read : {'t', 'i'}) {
        std::vector<int32_t> variant = cps;
        variant[i] = read;
        const std::string read_as = fold_key(utf8_of(variant));
        stroke_shapes_[shape(read_as)] = true;
        stroke_variants_.insert(read_as);
      }
    }
  }
  // A common word read so is that word: "Matka" (mother) stays, though "Małka" is a name.
  for (const std::string& word : common) stroke_variants_.erase(fold_key(word));
}

std::size_t NameRepair::shape(std::string_view key) {
  // First two letters and the length: enough to turn most words away without hashing them.
  const auto letter = [&](std::size_t i) {
    const auto c = static_cast<unsigned char>(i < key.size() ? key[i] : 'a');
    return static_cast<std::size_t>(c >= 'a' && c <= 'z' ? c - 'a' : 26);
  };
  return (letter(0) * 27 + letter(1)) * 32 + std::min<std::size_t>(key.size(), 31);
}

bool NameRepair::known(std::string_view word) const { return folded_.count(fold_key(word)) > 0; }

bool NameRepair::comma_read_as_hamza(std::string_view word) const {
  constexpr std::string_view kHamza = "\xD8\xA1";  // ء
  return word.size() >= 10 && word.ends_with(kHamza) && known(word.substr(0, word.size() - kHamza.size())) &&
         !known(word);
}

bool NameRepair::vouched(const std::string& lower_word) const {
  if (exact_.count(lower_word)) return true;
  // A name of five letters or more with a case ending of up to three letters.
  std::vector<int32_t> cps = code_points(lower_word);
  for (int tail = 1; tail <= 3 && cps.size() >= static_cast<std::size_t>(5 + tail); ++tail) {
    if (!is_letter(cps.back())) return false;
    cps.pop_back();
    if (exact_.count(utf8_of(cps))) return true;
  }
  return false;
}

std::string NameRepair::repair_part(std::string_view part) const {
  // The letters and digits, without the punctuation around them.
  std::size_t from = 0, to = part.size();
  {
    std::size_t i = 0, last_end = 0;
    bool started = false;
    while (i < part.size()) {
      const std::size_t at = i;
      const int32_t c = next_code_point(part, i);
      if (is_letter(c) || is_mark(c) || digit_value(c) >= 0) {
        if (!started) from = at;
        started = true;
        last_end = i;
      }
    }
    if (!started) return std::string(part);
    to = last_end;
  }
  const std::string_view core = part.substr(from, to - from);
  // An unknown word with none of the confusions' letters has nothing to repair (the common
  // case: a capitalized word with an accent that no list knows).
  const std::string folded = fold_key(core);
  const bool folded_known = folded_.count(folded) > 0;
  if (!folded_known) {
    bool confusable = core.front() == 'Q' || stroke_variants_.count(folded) > 0;
    for (std::size_t i = 0; i < core.size() && !confusable; ++i)
      confusable = (core[i] >= '0' && core[i] <= '9') ||
                   (i + 1 < core.size() && ((core[i] == 'r' && core[i + 1] == 'n') || (core[i] == 'i' && core[i + 1] == 'i')));
    if (!confusable) return std::string(part);
  }
  const std::vector<int32_t> cps = code_points(core);
  int letters = 0, uppers = 0;
  bool non_ascii = false;
  for (const int32_t c : cps) {
    if (c >= 0x370 && is_letter(c)) return std::string(part);  // Latin script only
    if (is_letter(c)) {
      ++letters;
      uppers += is_upper(c);
      non_ascii = non_ascii || c >= 0x80;
    }
  }
  if (letters < 3) return std::string(part);
  const bool all_upper = uppers == letters;
  const bool capitalized = is_upper(cps[0]);

  // Known as written (accents too): nothing to do. Known but for accents: maybe a wrong one.
  if (folded_known && !(non_ascii && capitalized)) return std::string(part);
  const std::string lower_core = folded_known ? lower_case(core) : std::string();
  if (folded_known && exact_.count(lower_core)) return std::string(part);
  std::vector<std::string> found;
  auto offer = [&](const std::vector<int32_t>& candidate) {
    const std::string text = utf8_of(candidate);
    if (!vouched(lower_case(text))) return;
    for (const auto& f : found)
      if (f == text) return;
    found.push_back(text);
  };

  if (!folded_known) {
    const bool stroke = stroke_variants_.count(folded) > 0;  // some name with an ł is read so
    for (const Confusion& conf : kConfusions) {
      const std::size_t n = conf.read.size();
      if (conf.letters == U"\u0142" && !stroke) continue;
      const bool digit = is_digit_cp(static_cast<int32_t>(conf.read[0]));
      if (conf.read == U"rn" && core.size() < 5) continue;
      for (std::size_t i = 0; i + n <= cps.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < n; ++k) match = match && cps[i + k] == static_cast<int32_t>(conf.read[k]);
        if (!match) continue;
        // A digit stands for a letter only next to letters ("Rezs6", not "B6").
        if (digit && !((i > 0 && is_letter(cps[i - 1])) || (i + 1 < cps.size() && is_letter(cps[i + 1]))))
          continue;
        if (digit && conf.read == U"1" && i == 0) continue;
        if (conf.read == U"Q" && i != 0) continue;  // Ø starts a name ("Øresund", "Østergaard")
        const bool upper = all_upper || (i == 0 && capitalized) || (digit && i == 0);
        for (const char32_t letter : conf.letters) {
          std::vector<int32_t> candidate(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(i));
          candidate.push_back(upper ? upper_of(static_cast<int32_t>(letter)) : static_cast<int32_t>(letter));
          candidate.insert(candidate.end(), cps.begin() + static_cast<std::ptrdiff_t>(i + n), cps.end());
          offer(candidate);
        }
      }
    }
  } else {
    // One accent read for another on the same letter: the known form with the same letters
    // that differs only where both have an accented letter ("Gôth" → "Göth", not → "Goth").
    const auto it = by_fold_.find(folded);
    if (it != by_fold_.end()) {
      const std::vector<int32_t> have = code_points(lower_core);
      for (const std::string& form : it->second) {
        const std::vector<int32_t> want = code_points(form);
        if (want.size() != have.size() || want.size() != cps.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; ok && i < want.size(); ++i)
          ok = want[i] == have[i] || (want[i] >= 0x80 && have[i] >= 0x80);
        if (!ok) continue;
        std::vector<int32_t> candidate = want;
        for (std::size_t i = 0; i < candidate.size(); ++i)
          if (is_upper(cps[i])) candidate[i] = upper_of(candidate[i]);
        offer(candidate);
      }
    }
  }
  if (found.size() != 1) return std::string(part);
  return std::string(part.substr(0, from)) + found[0] + std::string(part.substr(to));
}

bool NameRepair::joins(std::string_view left, std::string_view right) const {
  // Most pairs fail here, before any decoding: a lower-case ASCII start and at most four
  // letters (eight bytes) plus a punctuation mark on the right, four bytes or more on the left
  // (a short capitalized word before a word, "Nach dem", is the common case).
  if (left.size() < 4 || right.empty() || right.size() > 10 ||
      !(static_cast<unsigned char>(right[0]) >= 'a' && right[0] <= 'z'))
    return false;
  const auto lead = static_cast<unsigned char>(left[0]);
  if (!((lead >= 'A' && lead <= 'Z') || (lead >= 0xC3 && lead <= 0xC9))) return false;
  if (utf8_length(right) > 6) return false;  // four letters and two marks at most
  std::size_t i = 0;
  const int32_t first = next_code_point(left, i);
  if (!is_upper(first)) return false;
  while (i < left.size())
    if (!is_letter(next_code_point(left, i))) return false;
  // The right part up to trailing punctuation, letters only.
  std::size_t cut = 0, letters = 0;
  for (std::size_t k = 0; k < right.size();) {
    const int32_t c = next_code_point(right, k);
    if (!is_letter(c)) break;
    cut = k;
    ++letters;
  }
  if (letters == 0) return false;
  for (std::size_t k = cut; k < right.size();) {
    const int32_t c = next_code_point(right, k);
    if (is_letter(c) || digit_value(c) >= 0) return false;  // "est2" is no word end
  }
  // OCR splits a long name into short pieces ("Budap est", "Kowal ski").
  if (letters > 4) return false;
  std::string joined;
  joined.reserve(left.size() + cut);
  joined.append(left).append(right.substr(0, cut));
  return utf8_length(joined) >= 6 && known(joined) && !known(left);  // the rarer test first
}

bool NameRepair::may_need_repair(std::string_view word) const {
  // Names are capitalized Latin words (after an opening bracket or quote), and only a
  // confusion's letters (a Q first), a digit or an accented letter can need a repair.
  std::size_t at = 0;
  auto ascii_alnum = [](unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); };
  while (at < word.size() && static_cast<unsigned char>(word[at]) < 0x80 && !ascii_alnum(static_cast<unsigned char>(word[at])))
    ++at;
  const unsigned char lead = at < word.size() ? static_cast<unsigned char>(word[at]) : 0;
  if (!(lead >= 'A' && lead <= 'Z')) {
    if (lead < 0xC3 || lead > 0xC9) return false;  // Latin-1 and Extended-A, B
    std::size_t k = at;
    if (!is_upper(next_code_point(word, k))) return false;
  }
  bool maybe = lead == 'Q', stroke = false;
  for (std::size_t i = at; i < word.size() && !maybe; ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    maybe = c >= 0x80 || (c >= '0' && c <= '9') ||
            (i + 1 < word.size() && ((c == 'r' && word[i + 1] == 'n') || (c == 'i' && word[i + 1] == 'i')));
    stroke = stroke || c == 't' || c == 'i';
  }
  if (!maybe) {
    // Only "ł" read as t or i is left: one lookup of the word's letters among the names with
    // an ł so read, before anything else.
    if (!stroke) return false;
    std::size_t end = word.size();
    while (end > at && !ascii_alnum(static_cast<unsigned char>(word[end - 1]))) --end;
    std::string key(word.substr(at, end - at));
    for (char& c : key) c = static_cast<char>(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0));
    if (!stroke_shapes_[shape(key)] || !stroke_variants_.count(key)) return false;
  }
  return true;
}

std::string NameRepair::repair(std::string_view word, int* repairs) const {
  if (!may_need_repair(word)) return std::string(word);
  std::string out;
  bool changed = false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dash = word.find('-', start);
    const std::string_view part = word.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    std::string fixed = repair_part(part);
    changed = changed || fixed != part;
    out += fixed;
    if (dash == std::string_view::npos) break;
    out += '-';
    start = dash + 1;
  }
  if (changed && repairs) ++*repairs;
  return out;
}

const NameRepair& NameRepair::standard() {
  static const NameRepair lexicon = [] {
    std::vector<std::string> words;
    auto add_words = [&](const std::string& field) {
      for (const auto& name : split_variants(field))
        for (const Token& t : tokenize(name))
          if (t.kind == TokenKind::kWord) words.emplace_back(t.text(name));
    };
    for (const char* file : {"configs/authorities/places.tsv", "configs/authorities/persons.tsv",
                             "configs/authorities/organizations.tsv", "configs/lexicons/given_names.tsv"}) {
      const TsvTable t = read_tsv(find_data_file(file), {"name"});
      const int name = t.column("name"), variants = t.column("variants");
      for (const auto& row : t.rows) {
        add_words(row[static_cast<std::size_t>(name)]);
        if (variants >= 0) add_words(row[static_cast<std::size_t>(variants)]);
      }
    }
    // Titles, kin words and roles are common words, whatever name they resemble.
    std::vector<std::string> common;
    const TsvTable titles = read_tsv(find_data_file("configs/lexicons/titles.tsv"), {"title"});
    const auto title = static_cast<std::size_t>(titles.column("title"));
    for (const auto& row : titles.rows) common.push_back(row[title]);
    return NameRepair(words, common);
  }();
  return lexicon;
}

}  // namespace testimony
