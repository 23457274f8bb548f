// link.authorities: gives each entity the authority id and canonical name it has in
// configs/authorities — by its folded text, else by its Latin transliteration (so كراكوف,
// Краков and Kraków meet at Krakow) — and within a document lets a partial mention
// ("Kahn", "Gisela") take the full name of the person it refers to. Unlinked mentions keep
// a canonical surface form, in Latin script.
//   [[stage]]
//   use = "link.authorities"
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"
#include "stages/link/link.hpp"
#include "stages/tag/entities.hpp"
#include "stages/tag/gazetteer.hpp"
#include "stages/tag/lexicons.hpp"

namespace testimony {
namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(s))
    if (t.kind == TokenKind::kWord) out.emplace_back(t.key);
  return out;
}

// Is there a letter beyond ASCII for which `of_script(code point)` holds?
template <typename F>
bool has_letter(std::string_view s, F of_script) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const int32_t c = next_code_point(s, i);
    if (c >= 0 && of_script(c) && is_letter(c)) return true;
  }
  return false;
}

// No Arabic or Hebrew letter?
bool is_latin(std::string_view s) {
  return !has_letter(s, [](int32_t c) { return is_arabic(c) || is_hebrew(c); });
}

bool has_hebrew(std::string_view s) {
  return has_letter(s, [](int32_t c) { return is_hebrew(c); });
}

// The word ids of the tokens that make up bytes [start, end) of the text, empty when the span
// does not begin and end at token boundaries (a clitic left out) or holds an unknown word.
std::u32string span_ids(const std::vector<Token>& tokens, uint32_t start, uint32_t end) {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), start, [](const Token& t, uint32_t v) { return t.start < v; });
  if (it == tokens.end() || it->start != start) return {};
  std::u32string ids;
  for (; it != tokens.end() && it->end <= end; ++it) {
    if (it->id == 0) return {};
    ids += static_cast<char32_t>(it->id);
    if (it->end == end) return ids;
  }
  return {};
}

// "ahmd hlmy" → "Ahmd Hlmy". The marks transliteration writes for alef and ayin (ʼ ʻ, alone
// as words after folding: "ʼ brhm") are left out: "Brhm", not "' Brhm".
std::string title_case(const std::string& in) {
  std::string s;
  for (std::size_t at = 0; at < in.size();) {
    const std::size_t cut = std::min(in.find(' ', at), in.size());
    const std::string_view word = std::string_view(in).substr(at, cut - at);
    // ASCII letters and digits, or a lead byte of a letter beyond ASCII (not of U+0080-U+00BF,
    // symbols, nor of U+0280-U+02FF, where the modifier letters ʼ ʻ are).
    const bool has_letter = std::any_of(word.begin(), word.end(), [](char ch) {
      const auto c = static_cast<unsigned char>(ch);
      return std::isalnum(c) || (c >= 0xC3 && c != 0xCA && c != 0xCB);
    });
    if (has_letter) s += (s.empty() ? "" : " ") + std::string(word);
    at = cut + 1;
  }
  bool start = true;
  for (char& c : s) {
    if (start && std::isalpha(static_cast<unsigned char>(c))) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ' || c == '-';
  }
  return s;
}

class LinkStage final : public DocumentStage {
 public:
  explicit LinkStage(const Params& p)
      : DocumentStage("link.authorities"),
        places_(Gazetteer::get("places")),
        persons_(Gazetteer::get("persons")),
        orgs_(Gazetteer::get("organizations")),
        propagate_(p.get_bool("propagate_names")) {
    name_latin({});  // loads the list of romanized names up front
    NameLexicons::get();  // and the words of organization names (org_words)
  }

  void process(Document& doc, Context&) override {
    const std::vector<Token>& tokens = tokens_of(doc).tokens;
    for (Entity& e : doc.entities) {
      if (e.type == EntityType::kDate || !e.authority.empty()) continue;
      // A street named like a town ("ul. Leszno") stays unlinked.
      if (std::find(e.evidence.begin(), e.evidence.end(), "kind:street") != e.evidence.end()) continue;
      const Gazetteer& g = e.type == EntityType::kPlace ? *places_ : e.type == EntityType::kPerson ? *persons_ : *orgs_;
      const bool in_text = e.end <= doc.text.size() && doc.text.compare(e.start, e.end - e.start, e.text) == 0;
      const std::u32string ids = in_text ? span_ids(tokens, e.start, e.end) : std::u32string();
      const AuthorityEntry* a = !ids.empty() ? g.find(ids) : g.find(phrase_key(e.text));
      // The value without an alias in brackets: "Irena Sendlerowa (\"Jolanta\")".
      if (!a && e.value != e.text) a = g.find(phrase_key(e.value));
      // An ordinal period after a regnal number: "Christian X.".
      if (!a && e.text.size() > 1 && e.text.back() == '.')
        a = g.find(phrase_key(std::string_view(e.text).substr(0, e.text.size() - 1)));
      std::string how = "name";
      if (!a) {
        a = g.find_transliterated(latin(e.text));
        how = "transliteration";
      }
      // A person in Arabic or Hebrew script spelled otherwise than the file has it.
      if (!a && e.type == EntityType::kPerson && !is_latin(e.text)) {
        a = g.find_by_sound(e.text);
        how = "sound";
      }
      if (a) {
        e.authority = a->authority();
        e.value = a->name;
        e.evidence.push_back("linked:" + how + ":" + e.authority);
      }
    }
    if (propagate_) propagate(doc);
    // Unlinked names in other scripts get a Latin form; in a Yiddish document, Hebrew letters
    // are read as Yiddish.
    const std::vector<std::string>& languages = document_languages(doc).all;
    const bool yiddish = std::find(languages.begin(), languages.end(), "yid") != languages.end();
    const TokenStream& stream = tokens_of(doc);
    for (Entity& e : doc.entities) {
      if (e.type == EntityType::kDate || !e.authority.empty() || is_latin(e.value)) continue;
      if (e.type == EntityType::kOrganization) {
        std::string seat;
        if (std::string english = glossed(doc, stream, e, seat); !english.empty()) {
          // The English words may be a listed name ("المفوضية السويدية", Swedish Legation),
          // with its seat or without it where the listed name says the same seat.
          const AuthorityEntry* a = orgs_->find(phrase_key(english));
          if (!a && !seat.empty()) {
            a = orgs_->find(phrase_key(std::string_view(english).substr(0, english.size() - seat.size() - 4)));
            if (a && a->name.find(seat) == std::string::npos) a = nullptr;
          }
          if (a) {
            e.authority = a->authority();
            e.value = a->name;
            e.evidence.push_back("linked:gloss:" + e.authority);
          } else {
            e.value = std::move(english);
            e.evidence.push_back("value:glossed");
          }
          continue;
        }
      }
      const bool yivo = yiddish && has_hebrew(e.value);
      std::size_t listed = 0;
      e.value = title_case(yivo                            ? yiddish_latin(e.value)
                           : e.type == EntityType::kPerson ? name_latin(e.value, &listed)
                                                           : latin(e.value));
      e.evidence.push_back(yivo ? "value:transliterated:yivo" : listed ? "value:romanized" : "value:transliterated");
    }
  }

 private:
  // A one-word person mention takes the full name of the nearest person mention (before it,
  // else after it) whose first or last word it is.
  static void propagate(Document& doc) {
    auto& ents = doc.entities;
    // Words of every person's value and text, computed once for each string (names repeat).
    std::unordered_map<std::string, std::vector<std::string>> words;
    auto words_once = [&](const std::string& s) -> const std::vector<std::string>& {
      auto it = words.find(s);
      return it != words.end() ? it->second : words.emplace(s, words_of(s)).first->second;
    };
    std::vector<const std::vector<std::string>*> value_words(ents.size()), text_words(ents.size());
    static const std::vector<std::string> kNone;
    for (std::size_t i = 0; i < ents.size(); ++i) {
      const bool person = ents[i].type == EntityType::kPerson;
      value_words[i] = person ? &words_once(ents[i].value) : &kNone;
      text_words[i] = person ? &words_once(ents[i].text) : &kNone;
    }
    for (std::size_t i = 0; i < ents.size(); ++i) {
      Entity& e = ents[i];
      if (e.type != EntityType::kPerson) continue;
      const auto& w = *value_words[i];
      if (w.size() != 1) continue;
      // "Abraham et Chana Lichtenstein", "Józef and Maria Kowalski": a given name before "and"
      // and a full name shares its family name.
      if (i + 1 < ents.size() && ents[i + 1].type == EntityType::kPerson && value_words[i + 1]->size() == 2 &&
          ents[i + 1].start > e.end && and_between(doc.text, e.end, ents[i + 1].start)) {
        const std::string& full = ents[i + 1].value;
        e.value += full.substr(full.rfind(' '));
        e.evidence.push_back("linked:family-name-of:" + ents[i + 1].text);
        continue;
      }
      // A family ("os Finkelstein", "the Kowalski family", "die Familie Landau" has its own
      // cue) is its name, not one of its members.
      if (family_around(doc.text, e)) continue;
      const Entity* best = nullptr;
      auto fits_at = [&](std::size_t k) {
        if (k == i || ents[k].type != EntityType::kPerson) return false;
        const auto& ow = *value_words[k];
        const auto& tw = *text_words[k];
        return ow.size() >= 2 && (ow.front() == w[0] || ow.back() == w[0] || (!tw.empty() && tw.back() == w[0]));
      };
      // The nearest within a window: a name is taken up again within a few pages.
      for (std::size_t k = i, n = 0; k-- > 0 && n < 400; ++n)
        if (fits_at(k)) {
          best = &ents[k];
          break;
        }
      for (std::size_t k = i + 1, n = 0; !best && k < ents.size() && n < 400; ++k, ++n)
        if (fits_at(k)) best = &ents[k];
      if (!best) continue;
      e.value = best->value;
      if (e.authority.empty()) e.authority = best->authority;
      e.evidence.push_back("linked:same-document:" + best->text);
    }
  }

  // Is the mention a family's name: a plural article before it ("os", "as", "les") or a word
  // for family after it ("family", "família", "famille", "Familie", "gezin", "család")?
  static bool family_around(std::string_view text, const Entity& e) {
    std::size_t b = e.start;
    while (b > 0 && text[b - 1] == ' ') --b;
    std::size_t a = b;
    while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n' && b - a < 4) --a;
    const std::string before = lower_case(text.substr(a, b - a));
    for (const std::string_view w : {"os", "as", "les"})
      if (before == w && (a == 0 || text[a - 1] == ' ' || text[a - 1] == '\n')) return true;
    std::size_t c = e.end;
    while (c < text.size() && text[c] == ' ') ++c;
    std::size_t d = c;
    while (d < text.size() && d - c < 10 && text[d] != ' ' && text[d] != '\n' && text[d] != ',' && text[d] != '.') ++d;
    const std::string after = lower_case(text.substr(c, d - c));
    for (const std::string_view w : {"family", "fam\u00EDlia", "famille", "familie", "gezin", "csal\u00E1d"})
      if (after == w) return true;
    return false;
  }

  // Is the text between two mentions "and" in one of the collection's languages ("et", "und",
  // "i", "e", "y", "en", "és", "a")?
  static bool and_between(std::string_view text, uint32_t from, uint32_t to) {
    if (to - from > 6) return false;
    std::string_view between = text.substr(from, to - from);
    while (!between.empty() && between.front() == ' ') between.remove_prefix(1);
    while (!between.empty() && between.back() == ' ') between.remove_suffix(1);
    // Hebrew and Arabic glue "and" to the next name, which leaves it out: "סטפן ויאדוויגה נובק".
    for (const std::string_view a : {"and", "et", "und", "i", "e", "y", "en", "\u00E9s", "a", "&", "\u05D5", "\u0648"})
      if (between == a) return true;
    return false;
  }

  // Transliteration is slow (ICU); names repeat, so each is done once per worker.
  const std::string& latin(const std::string& text) {
    auto it = latin_cache_.find(text);
    if (it == latin_cache_.end()) {
      if (latin_cache_.size() > 100000) latin_cache_.clear();
      it = latin_cache_.emplace(text, latin_key(text)).first;
    }
    return it->second;
  }

  // An organization named in Hebrew or Arabic in English words: its head noun, what follows it
  // (adjectives, one noun in the construct) in English order before it, and the place it sits
  // in (`seat`, its English name): "הוועד היהודי המרכזי" → Central Jewish Committee,
  // "الطائفة اليهودية بتونس" → Jewish Community of Tunis. Empty when a word is not in
  // org_words.tsv.
  std::string glossed(const Document& doc, const TokenStream& stream, const Entity& e, std::string& seat) const {
    const std::vector<Token>& t = stream.tokens;
    if (e.end > doc.text.size() || doc.text.compare(e.start, e.end - e.start, e.text) != 0) return {};
    const auto& words = NameLexicons::get().org_words;
    auto k = static_cast<std::size_t>(
        std::lower_bound(t.begin(), t.end(), e.start, [](const Token& x, uint32_t v) { return x.start < v; }) - t.begin());
    // A name that leaves a clitic out starts inside its first word ("בוועד" → "וועד").
    std::string first_key;
    if (k > 0 && t[k - 1].end > e.start) {
      --k;
      first_key = fold_key(std::string_view(doc.text).substr(e.start, t[k].end - e.start));
    }
    std::string head;
    seat.clear();
    std::vector<const OrgWord*> after;
    int nouns = 0;
    while (k < t.size() && t[k].end <= e.end) {
      if (t[k].kind != TokenKind::kWord || (t[k].script != 2 && t[k].script != 3)) return {};
      if (!head.empty()) {  // where: "בקרקוב", "بتونس", "في الإسكندرية", to the end of the name
        const bool in = t[k].key == "\xD9\x81\xD9\x8A" && k + 1 < t.size();  // في
        if (const GazetteerMatch p = places_->match(stream, in ? k + 1 : k, doc.text); p.tokens) {
          k += in ? 1 : 0;
          if (t[k + p.tokens - 1].end != e.end) return {};
          seat = p.entry->name;
          break;
        }
      }
      std::string_view key = head.empty() && !first_key.empty() ? std::string_view(first_key) : t[k].key;
      auto it = words.find(key);
      // A Hebrew noun in the construct ends in ת where its own form ends in ה: "קהילת" (the
      // community of), "לשכת".
      std::string own;
      if (it == words.end() && t[k].script == 3 && key.ends_with("\xD7\xAA")) {
        own = std::string(key.substr(0, key.size() - 2)) + "\xD7\x94";
        it = words.find(own);
      }
      if (it == words.end()) return {};
      if (head.empty()) {
        if (!it->second.noun) return {};
        head = it->second.english;
      } else {
        if (it->second.noun && ++nouns > 1) return {};
        after.push_back(&it->second);
      }
      ++k;
    }
    if (head.empty()) return {};
    std::string out;
    for (auto w = after.rbegin(); w != after.rend(); ++w) out += (*w)->english + " ";
    out += head;
    if (!seat.empty()) out += " of " + seat;
    return out;
  }

  std::shared_ptr<const Gazetteer> places_, persons_, orgs_;
  bool propagate_;
  std::unordered_map<std::string, std::string> latin_cache_;
};

}  // namespace

void register_link(Registry& r) {
  r.add({"link.authorities",
         StageKind::kDocument,
         "authority ids and canonical names across scripts; partial person mentions take the full name",
         {param_bool("propagate_names", true, "a lone surname or given name takes the document's full name for it")},
         kCapEntities,
         kCapLinked,
         [](const Params& p) { return std::make_unique<LinkStage>(p); }});
}

}  // namespace testimony
