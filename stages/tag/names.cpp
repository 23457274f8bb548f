// tag.places, tag.organizations, tag.persons: names from the authority files (with clitics
// and inflected endings), plus rules that find names no list has — cues before or after a
// place ("gueto de X", "X Street", "w X"), organization head words ("Comité de ...", "...
// Committee"), and for persons titles and roles, given names, particles, initials, aliases
// in brackets and surname endings. Mentions never nest: the longest wins.
//   [[stage]]
//   use = "tag.places"
#include <algorithm>

#include "pipeline/utf8.hpp"
#include "stages/tag/entities.hpp"
#include "stages/tag/gazetteer.hpp"
#include "stages/tag/lexicons.hpp"
#include "stages/tag/tag.hpp"

namespace testimony {
namespace {

bool covered(const EntitySet& set, uint32_t start, uint32_t end) { return set.at(start, end) != nullptr; }

bool capital(const Token& t) { return t.kind == TokenKind::kWord && t.script == 1 && t.upper; }
bool rtl_word(const Token& t) { return t.kind == TokenKind::kWord && (t.script == 2 || t.script == 3); }
// Punctuation, a number or a lower-case Latin word: no name starts there (a cue or title may).
bool starts_no_name(const Token& t) { return t.kind != TokenKind::kWord || (t.script == 1 && !t.upper); }

// An Arabic or Hebrew function word, also behind a clitic ("فكان", and was; "باسم", in the
// name of): it ends a name.
bool function_word(const TokenStream& stream, std::size_t k) {
  const auto& lex = NameLexicons::get();
  if (lex.stopwords.has(stream.tokens[k])) return true;
  if (!lex.stopwords.has(stream.clitic_rest(k, 1)) && !lex.stopwords.has(stream.clitic_rest(k, 2))) return false;
  // A common name is not a clitic and a function word: "כהן" (Cohen) is no כ + הן.
  return !romanized_name(stream.tokens[k].key);
}

// The article: Arabic ال, Hebrew ה before a word of more than two letters ("البرتغالي",
// "ההולנדי": the Portuguese, the Dutch).
bool rtl_definite(const Token& k) {
  return (k.script == 2 && k.key.starts_with("\xD8\xA7\xD9\x84")) ||
         (k.script == 3 && k.key.starts_with("\xD7\x94") && k.key.size() > 4);
}

// An Arabic or Hebrew adjective of origin (nisba): -ي/-ية, -י/-ית ("البرتغالي", "ההולנדי").
bool rtl_adjective(const Token& k) {
  const std::string_view w = k.key;
  if (k.script == 2) return w.ends_with("\xD9\x8A") || w.ends_with("\xD9\x8A\xD9\x87") || w.ends_with("\xD9\x89");
  return k.script == 3 && (w.ends_with("\xD7\x99") || w.ends_with("\xD7\x99\xD7\xAA"));
}

// An Arabic or Hebrew word without the article, also after a clitic letter ("بالجالية"), nor
// a Hebrew word after ב, ל, כ, which hide it ("בוועד", in the committee).
bool indefinite(const Token& k) {
  const std::string_view w = k.key;
  if (k.script == 2)
    return !w.starts_with("\xD8\xA7\xD9\x84") && !w.starts_with("\xD9\x84\xD9\x84") &&  // ال لل
           !(w.size() > 6 && clitic_letters(w.substr(0, 2), 2) && w.substr(2).starts_with("\xD8\xA7\xD9\x84"));
  return k.script == 3 && !rtl_definite(k) && !w.starts_with("\xD7\x91") && !w.starts_with("\xD7\x9C") &&
         !w.starts_with("\xD7\x9B");
}

// An Arabic adjective of origin in the feminine, -ية (folded -يه): "فرنسية", "تونسية".
bool arabic_feminine_adjective(const Token& k) { return k.script == 2 && k.key.ends_with("\xD9\x8A\xD9\x87"); }

// A Hebrew word of four letters or more opening with the preposition ב, ל or מ.
bool preposition_glued(const Token& k) {
  const std::string_view w = k.key;
  return k.script == 3 && w.size() >= 8 &&
         (w.starts_with("\xD7\x91") || w.starts_with("\xD7\x9C") || w.starts_with("\xD7\x9E"));
}

// A Hebrew or Arabic verb by its person ending, of four letters or more: "עבדנו" (we worked),
// "הייתי" (I was), "عملنا" (we worked), "عاشوا" (they lived) — what a camp or ghetto word is
// followed by as often as by the place's name.
bool rtl_verb(const Token& k) {
  const std::string_view w = k.key;
  if (w.size() < 8) return false;
  if (k.script == 3)
    return w.ends_with("\xD7\xA0\xD7\x95") || w.ends_with("\xD7\xAA\xD7\x99") ||  // נו תי
           w.ends_with("\xD7\xAA\xD7\x9E") || w.ends_with("\xD7\xAA\xD7\xA0");     // תם תן
  return k.script == 2 && (w.ends_with("\xD9\x86\xD8\xA7") || w.ends_with("\xD9\x88\xD8\xA7"));  // نا وا
}

// A Hebrew or Arabic word of five letters or more with the ending of a Yiddish, German or
// Slavic family name: -berg, -stein, -blum, -baum, -feld, -witz, -ski ("רוזנבלום", "גולדברג",
// "شتاينبرغ", "كوفالسكي"). Keys are folded (final letters as their plain forms, ة as ه).
bool rtl_surname_like(const Token& k) {
  static constexpr std::string_view kHebrew[] = {
      "\xD7\x91\xD7\xA8\xD7\x92",                              // ברג
      "\xD7\xA9\xD7\x98\xD7\x99\xD7\x99\xD7\xA0",              // שטיינ
      "\xD7\xA9\xD7\x98\xD7\x99\xD7\xA0",                      // שטינ
      "\xD7\x91\xD7\x9C\xD7\x95\xD7\x9E",                      // בלומ
      "\xD7\x91\xD7\x95\xD7\x99\xD7\x9E",                      // בוימ
      "\xD7\xA4\xD7\x9C\xD7\x93",                              // פלד
      "\xD7\x91\xD7\x99\xD7\xA6",                              // ביצ
      "\xD7\x95\xD7\x99\xD7\xA6",                              // ויצ
      "\xD7\xA1\xD7\xA7\xD7\x99",                              // סקי
      "\xD7\xA6\xD7\xA7\xD7\x99"};                             // צקי
  static constexpr std::string_view kArabic[] = {
      "\xD8\xA8\xD9\x8A\xD8\xB1\xD8\xBA",                      // بيرغ
      "\xD8\xA8\xD8\xB1\xD8\xBA",                              // برغ
      "\xD8\xB4\xD8\xAA\xD8\xA7\xD9\x8A\xD9\x86",              // شتاين
      "\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x8A\xD9\x86",              // ستاين
      "\xD8\xA8\xD9\x84\xD9\x88\xD9\x85",                      // بلوم
      "\xD8\xA8\xD8\xA7\xD9\x88\xD9\x85",                      // باوم
      "\xD9\x81\xD9\x8A\xD9\x84\xD8\xAF",                      // فيلد
      "\xD9\x81\xD9\x8A\xD8\xAA\xD8\xB4",                      // فيتش
      "\xD9\x81\xD9\x8A\xD8\xAA\xD8\xB2",                      // فيتز
      "\xD8\xB3\xD9\x83\xD9\x8A"};                             // سكي
  if (k.kind != TokenKind::kWord || k.key.size() < 10) return false;  // five letters, two bytes each
  // Every ending's last letter: ג נ מ ד צ י, غ ن م د ش ز ي (second bytes; all two-byte letters).
  static constexpr std::string_view kLast = "\x92\xA0\x9E\x93\xA6\x99\xBA\x86\x85\xAF\xB4\xB2\x8A";
  if (kLast.find(k.key.back()) == std::string_view::npos) return false;
  if (k.script == 3) return std::any_of(std::begin(kHebrew), std::end(kHebrew), [&](std::string_view e) { return k.key.ends_with(e); });
  return k.script == 2 && std::any_of(std::begin(kArabic), std::end(kArabic), [&](std::string_view e) { return k.key.ends_with(e); });
}

// "And" between two names, in the collection's Latin-script languages.
bool conjunction(const Token& k) {
  static constexpr std::string_view kAnd[] = {"i", "oraz", "a", "and", "und", "et", "e", "y", "en", "es", "ve"};
  return k.kind == TokenKind::kWord && !k.upper &&
         std::find(std::begin(kAnd), std::end(kAnd), k.key) != std::end(kAnd);
}

// Punctuation that ends a sentence or opens a new one: . ! ? :
bool sentence_end(const Token& k) { return k.is('.') || k.is('!') || k.is('?') || k.is(':'); }

// The last `letters` code points of `w` replaced by `repl`: ("Długiej", 3, "a") → "Długa".
std::string replace_last_letters(std::string_view w, std::size_t letters, std::string_view repl) {
  std::size_t end = w.size();
  for (std::size_t n = 0; n < letters && end > 0; ++n) {
    --end;
    while (end > 0 && (static_cast<unsigned char>(w[end]) & 0xC0) == 0x80) --end;
  }
  return std::string(w.substr(0, end)) + std::string(repl);
}

// The Arabic or Hebrew "and" glued to a word (و, ו).
bool and_clitic(const Token& k) {
  return (k.script == 2 && k.key.starts_with("\xD9\x88")) || (k.script == 3 && k.key.starts_with("\xD7\x95"));
}

// "ורבקה", "وسارة": "and" glued to a given name starts another person.
bool and_given_name(const TokenStream& stream, std::size_t k) {
  return and_clitic(stream.tokens[k]) && NameLexicons::get().given_names.has(stream.clitic_rest(k, 1));
}

// The number of clitic letters before a Hebrew given name of three letters or more glued to
// "to" or "and to" ("ליצחק", "ולרבקה"), as letters address people, or 0. Other prepositions
// make common words of names too often: "משרה" (a job) is no "from Sarah".
std::size_t glued_given_name(const TokenStream& stream, std::size_t k) {
  const std::string_view key = stream.tokens[k].key;
  const std::size_t letters = key.starts_with("\xD7\x9C") ? 1 : key.starts_with("\xD7\x95\xD7\x9C") ? 2 : 0;  // ל ול
  if (!letters || key.size() < 2 * letters + 6) return 0;
  return NameLexicons::get().given_names.has(stream.clitic_rest(k, letters)) ? letters : 0;
}

// The longest phrase of `map` at Hebrew or Arabic token i behind one or two clitic letters
// ("בוועד", "بضاحية"): its length in tokens, 0 for none; *letters the clitic letters.
template <typename V>
std::size_t longest_behind_clitic(const PhraseMap<V>& map, const TokenStream& stream, std::size_t i,
                                  const std::vector<V>** values, std::size_t* letters) {
  if (!rtl_word(stream.tokens[i])) return 0;
  for (*letters = 1; *letters <= 2; ++*letters)
    if (const uint32_t rest = stream.clitic_rest(i, *letters))
      if (const std::size_t n = map.longest(stream.tokens, i, values, SIZE_MAX, rest)) return n;
  return 0;
}

// A quotation mark of any language: " „ “ ” « » '.
bool quote(const Token& t) {
  if (t.kind != TokenKind::kPunct || t.key.empty()) return false;
  const auto lead = static_cast<unsigned char>(t.key[0]);  // " ' or the lead byte of „ “ ” « »
  if (lead != '"' && lead != '\'' && lead != 0xE2 && lead != 0xC2) return false;
  static const std::unordered_set<std::string_view> k = {"\"", "'", "\u201E", "\u201C", "\u201D", "\u00AB", "\u00BB"};
  return k.count(t.key) > 0;
}

// The text of tokens [b, e), as in the document.
std::string surface(const std::string& text, const std::vector<Token>& t, std::size_t b, std::size_t e) {
  return text.substr(t[b].start, t[e - 1].end - t[b].start);
}

// Connectors inside multi-word names ("Conselho Judaico de Cracóvia", "Council of the Jews").
// Conjunctions are not among them: "the Joint and the War Refugee Board" are two names.
bool name_connector(const Token& t) { return NameLexicons::get().connectors.has(t); }

// Is the document (partly) in German, Dutch or Yiddish, where nouns are capitalized and
// compounds glue a head word to what it names?
bool germanic(const std::vector<std::string>& languages) {
  return std::any_of(languages.begin(), languages.end(),
                     [](const std::string& l) { return l == "deu" || l == "nld" || l == "yid"; });
}

// Articles that open a sentence or a phrase but do not start a name.
bool article(const Token& t) { return NameLexicons::get().articles.has(t); }

class PlacesStage final : public DocumentStage {
 public:
  explicit PlacesStage(const Params& p)
      : DocumentStage("tag.places"), gaz_(Gazetteer::get("places")), cues_(p.get_bool("cues")) {
    NameLexicons::get();
  }

  void process(Document& doc, Context&) override {
    const TokenStream& stream = tokens_of(doc);
    const auto& tokens = stream.tokens;
    const auto& lex = NameLexicons::get();
    const DocumentLanguages& langs = document_languages(doc);
    languages_ = langs.all;
    german_ = langs.main == "deu";
    EntitySet set(doc);
    for (std::size_t i = 0; i < tokens.size();) {
      // Punctuation, numbers and lower-case Latin words start no place unless they open a cue
      // ("w", "ghetto", "ulica"): names need a capital or Arabic or Hebrew script.
      if (starts_no_name(tokens[i]) && !lex.place_cues.starts(tokens[i].id)) {
        ++i;
        continue;
      }
      const GazetteerMatch m = gaz_->match(stream, i, doc.text);
      // A language name is no place ("Polish"), but a country that folds into one is:
      // Hungarian "portugál" (Portuguese) folds to "Portugal".
      // At a sentence's start, a word written without the accents of every listed spelling is
      // a common word: "Spis osób" (a list of persons) is not Spiš; so is a determiner: "Seine
      // Frau" (his wife) is not the Seine.
      const bool common_word = m.tokens == 1 && m.how == "exact" &&
                               (i == 0 || tokens[i].newline_before || sentence_end(tokens[i - 1])) &&
                               (gaz_->accents_lost(tokens[i], doc.text) || lex.determiners.has(tokens[i]));
      if (m.tokens && !common_word && (!lex.not_names.has(tokens[i]) || (m.entry->type == "country" && m.how == "exact"))) {
        const uint32_t start = tokens[i].start + static_cast<uint32_t>(m.start_cut);
        // A known name that names a street here ("Janowska-Strasse"): the street, unlinked.
        const std::size_t after = i + m.tokens;
        if (after + 1 < tokens.size() && tokens[after].is('-') && !tokens[after].space_before &&
            !tokens[after + 1].space_before && street_after(tokens, after + 1)) {
          set.add({EntityType::kPlace, start, tokens[after + 1].end, surface(doc.text, tokens, i, after + 2), 0.75,
                   {"cue:" + surface(doc.text, tokens, after + 1, after + 2), "name:" + m.entry->authority(),
                    "kind:street"},
                   {}});
          i = after + 2;
          continue;
        }
        set.add({EntityType::kPlace, start, tokens[i + m.tokens - 1].end, m.entry->name,
                         m.how == "exact" ? 0.9 : 0.75,
                         {"authority:" + m.entry->authority(), "match:" + std::string(m.how)}, m.entry->authority()});
        i += m.tokens;
        continue;
      }
      if (cues_ && street_word(tokens[i])) {
        // With the adjective that is part of its name: "Nieuwe Keizersgracht", "Alte Gasse".
        const std::size_t b = i > 0 && capital(tokens[i - 1]) && !tokens[i].newline_before &&
                                      lex.place_prefixes.has(tokens[i - 1]) &&
                                      !set.at(tokens[i - 1].start, tokens[i - 1].end)
                                  ? i - 1
                                  : i;
        set.add({EntityType::kPlace, tokens[b].start, tokens[i].end, latin_ascii(surface(doc.text, tokens, b, i + 1)),
                 0.7, {"cue:street-suffix", "kind:street"}, {}});
        ++i;
        continue;
      }
      if (cues_) {
        if (const std::size_t next = by_cue(doc, set, stream, i)) {
          i = next;
          continue;
        }
      }
      ++i;
    }
    set.commit();
  }

 private:
  // A capitalized run: one word, or up to three joined by hyphens or "nad", "am", "sur", or
  // after a word that opens place names ("Bad", "Nowy", "Sankt"); after a street word, up to
  // three words ("Rua Alexandre Herculano").
  // `street_name`: after any street word, where a nationality names streets too ("ul. Żydowska").
  std::size_t run(const std::vector<Token>& t, std::size_t j, bool street = false, bool street_name = false) const {
    const auto& lex = NameLexicons::get();
    std::size_t end = j;
    for (std::size_t n = 0; end < t.size() && n < 3; ++n) {
      // A given name starts a person, except in a street named after one ("Rua Alexandre Herculano").
      if (!capital(t[end]) || lex.not_names.has(t[end]) || (!street && lex.given_names.has(t[end])) ||
          article(t[end]) || (end == j && !street_name && lex.nationality_adjective(t[end].key)))
        break;
      if (t[end].key.size() == 1 && end + 1 < t.size() && t[end + 1].is('.')) break;  // an initial: "by R. K. Brandel"
      const std::vector<Cue>* title = nullptr;
      if (lex.titles.longest(t, end, &title)) break;  // "in Mr", "von Rabbi": a title, not a place
      ++end;
      if (end + 1 < t.size() && t[end].is('-') && !t[end].space_before && capital(t[end + 1])) ++end;
      else if (end + 1 < t.size() && (t[end].key == "nad" || t[end].key == "am" || t[end].key == "sur") && capital(t[end + 1]))
        ++end;
      else if (end < t.size() && !t[end].newline_before && capital(t[end]) && lex.place_prefixes.has(t[end - 1]))
        continue;  // "Bad Godesberg", "Nowy Sącz", "Sankt Gallen"
      else if (end < t.size() && !t[end].newline_before && capital(t[end]) && lex.place_postfixes.has(t[end]) &&
               !lex.place_postfixes.has(t[end - 1]))
        return end + 1;  // "Huta Stara", "Mińsk Mazowiecki"
      else if (!street || end >= t.size() || t[end].newline_before)  // a street's name may have several words
        break;
    }
    return end;
  }

  // A one-word street name: a capitalized word ending in a street word ("Taborstraße",
  // "Prinsengracht"), at least three letters before it, and no common noun ("Sackgasse").
  static bool street_word(const Token& t) {
    const auto& lex = NameLexicons::get();
    if (!capital(t) || lex.not_streets.has(t) || lex.not_names.has(t)) return false;
    // A Slovak name in -ovej ("Steinerovej", of Steinerová) is no Danish street in -vej.
    if (t.key.ends_with("ovej")) return false;
    for (const std::string& s : lex.street_suffixes)
      if (t.key.size() >= s.size() + 3 && t.key.ends_with(s)) return true;
    return false;
  }

  // The evidence of a place found by a cue; a street is marked so that linking leaves it
  // unlinked ("ul. Leszno" is a street of Warsaw, not the town Leszno).
  static std::vector<std::string> street_evidence(const Cue& c, const std::string& cue) {
    std::vector<std::string> v = {"cue:" + cue};
    if (c.kind == "street") v.push_back("kind:street");
    return v;
  }

  // The value of a street the authority file does not have: its canonical English name,
  // in ASCII (DOMAIN.md). A word for "street" becomes "Street" after the name in its base form
  // ("ul. Długiej" → "Dluga Street", "Dohány utca" → "Dohany Street", "Zygmuntowska-Strasse"
  // → "Zygmuntowska Street"); other street words stay as written ("Rua da Prata",
  // "Łagiewnicka Street" → "Lagiewnicka Street", "Place Bellecour"). `name`: the name alone;
  // `span`: the mention's text; the cue is tokens [i, i + n).
  static std::string street_value(const std::string& name, const std::string& span, const std::vector<Token>& t,
                                  std::size_t i, std::size_t n, const Cue& c) {
    std::size_t w = i + n;
    while (w > i && t[w - 1].kind != TokenKind::kWord) --w;
    static const std::unordered_set<std::string_view> kStreet = {
        "ul", "ulica", "ulicy", "ulice", "ulici", "ulicach", "utca", "utcaban", "u", "strasse", "str",
        "gatve", "g", "iela", "\xD1\x83\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB0", "\xD1\x83\xD0\xBB"};  // улица, ул
    if (w == i || !kStreet.count(t[w - 1].key)) return latin_ascii(span);
    std::string base = name;
    // Polish adjectives name most streets; the cases after "przy ul.", "na ulicy", "ulicą"
    // go back to the feminine nominative ("Długiej", "Jasnej", "Długą" → -a; "Tłomackiem" →
    // "Tłomackie").
    if (c.of_languages({"pol"}) && base.find(' ') == std::string::npos) {
      struct Case {
        std::string_view suffix, repl;
        std::size_t letters;
      };
      static constexpr Case kCases[] = {{"iej", "a", 3}, {"ej", "a", 2}, {"\xC4\x85", "a", 1}, {"iem", "ie", 3}};
      for (const Case& k : kCases)
        if (base.size() > k.suffix.size() + 2 && std::string_view(base).ends_with(k.suffix)) {
          base = replace_last_letters(base, k.letters, k.repl);
          break;
        }
    }
    return latin_ascii(base) + " Street";
  }

  // Is token j a street word that follows its name ("Strasse" in "Janowska-Strasse")?
  static bool street_after(const std::vector<Token>& t, std::size_t j) {
    const std::vector<Cue>* cues = nullptr;
    if (j >= t.size() || !NameLexicons::get().place_cues.longest(t, j, &cues)) return false;
    for (const Cue& c : *cues)
      if (c.kind == "street" && c.position == "after") return true;
    return false;
  }

  // Does a capitalized street word that comes before its name ("Rua", "Avenida") stand at j?
  static bool street_cue(const std::vector<Token>& t, std::size_t j) {
    const std::vector<Cue>* cues = nullptr;
    if (j >= t.size() || !capital(t[j]) || !NameLexicons::get().place_cues.longest(t, j, &cues)) return false;
    for (const Cue& c : *cues)
      if (c.kind == "street" && c.position == "before") return true;
    return false;
  }

  std::size_t by_cue(Document& doc, EntitySet& set, const TokenStream& stream, std::size_t i) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    const std::vector<Cue>* cues = nullptr;
    std::size_t n = lex.place_cues.longest(t, i, &cues);
    // A Hebrew or Arabic cue behind a preposition: "بضاحية بوخ" (in the suburb of Buch).
    std::size_t letters = 0;
    if (!n) n = longest_behind_clitic(lex.place_cues, stream, i, &cues, &letters);
    if (!n || covered(set, t[i].start, t[i + n - 1].end)) return 0;  // part of a date: "1946 r."
    for (const Cue& c : *cues) {
      // A preposition cue counts in lower case only ("A. Leventhal" is an initial, not "to"),
      // and not in German, where every noun after "in" or "nach" is capitalized.
      if (c.kind == "preposition" && (t[i].upper || german_)) continue;
      // After a name it is the name's particle: "Walraven van Hall", "Pieter de Vries".
      if (c.kind == "preposition" && lex.particles.has(t[i]) && i >= 2 && capital(t[i - 1]) &&
          !t[i - 1].newline_before && !sentence_end(t[i - 2]) && !set.at(t[i - 1].start, t[i - 1].end))
        continue;
      // A preposition is a word of its languages only: Romanian "de la" is French "of the".
      // So is a street word of one letter ("r." rue, "u." utca, "g." gatvė): in Polish "r."
      // is the year ("1946 r.").
      if ((c.kind == "preposition" || (n == 2 && t[i].key.size() == 1)) && !c.of_languages(languages_)) continue;
      // In capitals it is also an initial ("signé R. Grinberg"): a street only after a house
      // number or a preposition of place ("12, R. de Rivoli", "na R. do Ouro"; keys are folded).
      if (n == 2 && t[i].key.size() == 1 && t[i].upper && !address_before(t, i)) continue;
      if (!c.written_as(surface(doc.text, t, i, i + n))) continue;
      if (c.position == "before") {
        // An abbreviated cue may be written with its period ("Str."), not a word that ends a
        // sentence ("into the ghetto. My father").
        const bool abbreviated = t[i + n - 1].kind == TokenKind::kWord && t[i + n - 1].key.size() <= 2;
        std::size_t j = i + n + (i + n < t.size() && t[i + n].is('.') && !t[i + n].space_before && abbreviated ? 1 : 0);
        // "Rua da Prata": a capitalized street word belongs to the name, with the connector
        // after it; "ul. Długa" does not.
        const bool keep_cue = (c.kind == "street" && capital(t[i])) || c.kind == "building";
        if (keep_cue && j + 1 < t.size() && name_connector(t[j]) && !t[j].upper && capital(t[j + 1])) ++j;
        // A name the authority file knows is left to it (canonical value and id); a street
        // word after a preposition is left to its own cue ("na Rua do Carmo").
        // After a street word, a known name is the street's ("ul. Leszno").
        if (j < t.size() && c.kind != "street" && gaz_->match(stream, j, doc.text).tokens) return 0;
        if (c.kind == "preposition" && street_cue(t, j)) return 0;
        // An unknown word in capitals after a preposition in lower case is an acronym ("président
        // du CRIF"), not a place; nor is a word that opens organization names ("to Jewish
        // refugees", "du Comité", "a Commissão").
        if (c.kind == "preposition" && j < t.size() && t[j].all_upper && t[j].end - t[j].start > 1) return 0;
        // A declined given name and a family name after it are a person: "z Pawłem Zielińskim".
        if (c.kind == "preposition" && j + 1 < t.size() && capital(t[j]) && capital(t[j + 1]) &&
            !t[j + 1].newline_before) {
          const std::span<const uint32_t> forms = stream.forms(j);
          if (std::any_of(forms.begin() + 1, forms.end(), [&](uint32_t id) { return lex.given_names.has(id); }))
            return 0;
        }
        if (const std::vector<Cue>* org = nullptr; c.kind == "preposition" && lex.org_cues.longest(t, j, &org)) return 0;
        // A building in Arabic or Hebrew script: up to three words, to a function word or a
        // word with the article ("مستشفى روبرت كوخ حتى", the Robert Koch hospital until).
        std::size_t end = j;
        if (c.kind == "building" && j < t.size() && rtl_word(t[j]))
          while (end < t.size() && end < j + 3 && rtl_word(t[end]) && !function_word(stream, end) &&
                 (end == j || (!rtl_definite(t[end]) && !t[end].newline_before)))
            ++end;
        else if (j < t.size() && rtl_word(t[j]) && c.kind != "street")
          // "בכפר קוצ'מיר" (in the village of ...), "במחנה פלשוב": the word after a village, town,
          // camp or ghetto word without the article (with it, "المدينة" is followed by what the
          // city did), unless a function word, another cue, a word with the article, a verb or an
          // Arabic adjective of origin ("مدينة فرنسية", a French city).
          end = c.kind != "preposition" && !rtl_definite(t[i]) && !function_word(stream, j) &&
                        !rtl_definite(t[j]) && !t[j].newline_before && !lex.place_cues.starts(t[j].id) &&
                        !rtl_verb(t[j]) && !arabic_feminine_adjective(t[j])
                    ? j + 1
                    : j;
        else
          end = run(t, j, keep_cue, c.kind == "street");
        if (end == j) continue;
        // "in Łagiewnicka Street", "in Dohány utca": the street word after the name has it.
        if (c.kind == "preposition" && street_after(t, end)) return 0;
        const uint32_t start = keep_cue ? t[i].start : t[j].start;
        if (covered(set, start, t[end - 1].end)) return 0;
        const double conf = c.kind == "preposition" ? 0.5 : 0.75;
        const std::string name = surface(doc.text, t, keep_cue ? i : j, end);
        set.add({EntityType::kPlace, start, t[end - 1].end,
                 c.kind == "street" ? street_value(surface(doc.text, t, j, end), name, t, i, n, c) : name, conf,
                 street_evidence(c, surface(doc.text, t, i, i + n)), {}});
        return end;
      }
      if (c.position == "after" && i > 0) {
        // "Łagiewnicka Street", "Janowska-Strasse"; "the Kraków ghetto" keeps only the name.
        std::size_t b = i;
        if (b > 1 && t[b - 1].is('-') && !t[b - 1].space_before && !t[b].space_before) --b;  // Janowska-Strasse
        const std::size_t name_end = b;
        while (b > 0 && b + 4 > i && capital(t[b - 1]) && !lex.not_names.has(t[b - 1]) && !article(t[b - 1]) &&
               !(t[b - 1].newline_before && b - 1 == 0) && !t[b].newline_before)
          --b;  // "The ghetto" is no place
        if (b == name_end) continue;
        const bool keep_cue = c.kind == "street" || c.kind == "building";
        const std::size_t e = keep_cue ? i + n : name_end;
        // A named building takes in the organization it is named after ("the Hadassah Hospital").
        if (const Entity* o = set.at(t[b].start, t[e - 1].end);
            o && !(c.kind == "building" && o->start >= t[b].start && o->end <= t[e - 1].end))
          return 0;
        const std::string name = surface(doc.text, t, b, e);
        set.add({EntityType::kPlace, t[b].start, t[e - 1].end,
                 c.kind == "street" ? street_value(surface(doc.text, t, b, name_end), name, t, i, n, c) : name, 0.7,
                 street_evidence(c, surface(doc.text, t, i, i + n)), {}});
        return i + n;
      }
    }
    return 0;
  }

  // What comes before a street word in an address: a house number (and its comma) or a
  // preposition of place.
  static bool address_before(const std::vector<Token>& t, std::size_t i) {
    std::size_t k = i;
    if (k > 0 && t[k - 1].is(',')) --k;
    if (k == 0) return false;
    const Token& p = t[k - 1];
    if (p.kind == TokenKind::kNumber) return true;
    static const std::unordered_set<std::string_view> kPlaceWords = {"na",  "a",  "em", "dans", "la", "sur",
                                                                     "in",  "w",  "v",  "pe",   "en"};
    return k == i && !p.upper && kPlaceWords.count(p.key) > 0;
  }

  std::shared_ptr<const Gazetteer> gaz_;
  bool cues_;
  std::vector<std::string> languages_;  // of the document being processed
  bool german_ = false;
};

// Arabic noun phrases agree in definiteness: after a word with the article (ال) a bare word
// without it — a place name here — starts something else: "احتلت القوات الألمانية تونس",
// the German forces occupied Tunis. "قوات الحلفاء" (forces of the Allies), "الصليب الأحمر
// الدولي" (all definite) and a prepositional clitic ("الطائفة اليهودية بتونس", in Tunis) go on.
bool closes_arabic_phrase(const Token& last, const Token& next) {
  return last.script == 2 && next.script == 2 && rtl_definite(last) && !rtl_definite(next) &&
         !(next.key.size() > 4 && clitic_letters(std::string_view(next.key).substr(0, 2), 2));
}

class OrganizationsStage final : public DocumentStage {
 public:
  explicit OrganizationsStage(const Params& p)
      : DocumentStage("tag.organizations"), gaz_(Gazetteer::get("organizations")), places_(Gazetteer::get("places")),
        cues_(p.get_bool("cues")) {
    NameLexicons::get();
    for (const char* w : {"réseau", "rede", "filière"}) network_before_.add(w);
    for (const char* w : {"network", "netwerk"}) network_after_.add(w);
    // Units and groups named in quotation marks (folded).
    for (const char* w : {"oddzial", "oddziale", "oddzialu", "oddzialem", "brygada", "brygady", "brygadzie", "grupa",
                          "grupy", "grupie", "organizacja", "organizacji", "unit", "brigade", "detachment",
                          "group", "battalion", "band", "gruppe", "einheit", "abteilung", "bande", "groupe", "bataillon",
                          "compagnie", "grupo", "unidade", "brigada", "batalhao", "otriad", "otryad", "oddil", "skupina",
                          "\u05E4\u05DC\u05D5\u05D2\u05D4", "\u05D4\u05E4\u05DC\u05D5\u05D2\u05D4",      // פלוגה הפלוגה
                          "\u05E4\u05DC\u05D5\u05D2\u05EA", "\u05E7\u05D1\u05D5\u05E6\u05D4",             // פלוגת קבוצה
                          "\u05D4\u05E7\u05D1\u05D5\u05E6\u05D4", "\u05E7\u05D1\u05D5\u05E6\u05EA",      // הקבוצה קבוצת
                          "\u05D2\u05D3\u05D5\u05D3", "\u05D4\u05D2\u05D3\u05D5\u05D3",                    // גדוד הגדוד
                          "\u05D0\u05E8\u05D2\u05D5\u05DF", "\u05D4\u05D0\u05E8\u05D2\u05D5\u05DF",      // ארגון הארגון
                          "\u0643\u062A\u064A\u0628\u0629", "\u0645\u062C\u0645\u0648\u0639\u0629",      // كتيبة مجموعة
                          "\u0641\u0631\u0642\u0629", "\u0645\u0646\u0638\u0645\u0629"})                  // فرقة منظمة
      unit_nouns_.add(w);
    for (const char* w : {"uprising", "rising", "revolt", "rebellion", "insurrection", "aufstand", "aufstandes",
                          "erhebung", "powstanie", "powstania", "powstaniu", "povstanie", "povstania", "povstani",
                          "felkeles", "soulevement", "levantamento", "revolta", "insurreicao", "conference",
                          "konferenz", "konferencja", "konferencji", "war", "krieg", "krieges", "wojna", "wojny",
                          "guerre", "guerra", "pogrom", "pogromu", "holocaust", "shoah", "anschluss"})
      event_nouns_.add(w);
    // Folded: accents aside.
    for (const char* w : {"national", "nationale", "nacional", "nazionale", "publique", "public", "publica", "publico",
                          "general", "generale", "geral", "central", "centrale", "social", "sociale", "international",
                          "internationale", "internacional", "internazionale", "juive", "juif", "israelite",
                          "israelita", "judaica", "protestante", "catholique", "catolica", "chretienne", "chretien",
                          "sioniste", "sionista", "municipal", "municipale", "populaire", "popular", "federal",
                          "federale", "provisoire", "provisorio", "superieur", "superior", "consultatif", "consultiva"})
      institutional_.add(w);
    for (const char* w : {"\u05D4\u05DE\u05E7\u05D5\u05DE\u05D9\u05EA", "\u05D4\u05DE\u05E7\u05D5\u05DE\u05D9",
                          "\u0627\u0644\u0645\u062D\u0644\u064A\u0629", "\u0627\u0644\u0645\u062D\u0644\u064A"})
      local_words_.add(w);  // המקומית המקומי المحلية المحلي
  }

  void process(Document& doc, Context&) override {
    const TokenStream& stream = tokens_of(doc);
    const auto& t = stream.tokens;
    const std::vector<std::string>& languages = document_languages(doc).all;
    germanic_ = germanic(languages);
    EntitySet set(doc);
    for (std::size_t i = 0; i < t.size();) {
      // Punctuation, numbers and lower-case Latin words start no organization: a name or a
      // head word opens with a capital or is in Arabic or Hebrew script.
      if (starts_no_name(t[i])) {
        ++i;
        continue;
      }
      const GazetteerMatch m = gaz_->match(stream, i, doc.text);
      if (m.tokens) {
        // The name as written may say more than the list: whose ("Schwedischen Roten Kreuzes",
        // "Cruz Vermelha Internacional") and where ("Jewish Council of Łódź", "Judenrat Lemberg").
        const std::size_t b = m.start_cut ? i : extend_left(stream, i);
        const std::size_t e = extend_right(set, stream, i + m.tokens, doc.text);
        uint32_t cut = b == i ? static_cast<uint32_t>(m.start_cut) : 0;
        // The Hebrew article stays with the name, as the Arabic one does ("הג'וינט", "היודנראט";
        // "מהג'וינט" is מ + הג'וינט): only prepositions and "and" are clitics to leave out.
        if (cut >= 2 && t[i].script == 3 && doc.text.compare(t[i].start + cut - 2, 2, "\xD7\x94") == 0) cut -= 2;
        const uint32_t start = t[b].start + cut;
        std::vector<std::string> evidence = {"authority:" + m.entry->authority(), "match:" + std::string(m.how)};
        if (b < i || e > i + m.tokens) evidence.push_back("extended:" + surface(doc.text, t, b, e));
        // A body of one place named for another: "Israelitische Kultusgemeinde" alone is
        // Vienna's, "Israelitische Kultusgemeinde Bratislava" is not; it keeps its own name.
        if (other_seat(stream, *m.entry, i + m.tokens, e, doc.text)) {
          set.add({EntityType::kOrganization, start, t[e - 1].end, surface(doc.text, t, b, e), 0.7,
                   {"extended:" + surface(doc.text, t, b, e), "seat-differs:" + m.entry->authority()}, {}});
          i = e;
          continue;
        }
        // A nationality before a body of every country names that country's: "Dänische Rote
        // Kreuz" is the Danish Red Cross (the list's own entry when it has one).
        if (const std::string nation = b < i ? nationality(stream, b) : std::string();
            !nation.empty() && !m.entry->name.starts_with(nation)) {
          const std::string value = nation + " " + m.entry->name;
          const AuthorityEntry* own = gaz_->find(phrase_key(value));
          evidence.front() = own ? "authority:" + own->authority() : "listed-body:" + m.entry->authority();
          evidence.push_back("nationality:" + nation);
          set.add({EntityType::kOrganization, start, t[e - 1].end, own ? own->name : value, 0.8, std::move(evidence),
                   own ? own->authority() : std::string()});
          i = e;
          continue;
        }
        set.add({EntityType::kOrganization, start, t[e - 1].end, m.entry->name, m.how == "exact" ? 0.9 : 0.75,
                 std::move(evidence), m.entry->authority()});
        i = e;
        continue;
      }
      if (cues_) {
        if (const std::size_t next = by_cue(doc, set, stream, i)) {
          i = next;
          continue;
        }
      }
      ++i;
    }
    if (cues_) networks(doc, set, t);
    if (cues_) quoted_units(doc, set, stream);
    if (cues_) acronyms(doc, set, t);
    set.commit();
  }

 private:
  // An acronym in brackets after the name it abbreviates: "Union générale des israélites de
  // France (UGIF)", "Rada Pomocy Żydom (RPŻ)". Name and acronym are two mentions of one body;
  // a name no list knows is found so, and later the acronym alone names it too.
  void acronyms(Document& doc, EntitySet& set, const std::vector<Token>& t) const {
    struct Body {
      std::string_view acronym;  // its key
      std::string value, authority;
    };
    std::vector<Body> bodies;
    for (std::size_t k = 1; k + 2 < t.size(); ++k) {
      if (!t[k].is('(') || !t[k + 2].is(')') || !t[k + 1].all_upper || t[k + 1].kind != TokenKind::kWord ||
          t[k + 1].key.size() < 2 || t[k + 1].key.size() > 8 || t[k + 1].newline_before)
        continue;
      const std::string_view acronym = t[k + 1].key;
      const Entity* body = set.at(t[k - 1].start, t[k - 1].end);
      if (body && (body->type != EntityType::kOrganization || body->end != t[k - 1].end)) continue;
      if (!body) {
        // The shortest run of words before the bracket whose initials spell it, starting with a
        // capital: each word gives the first one to three letters, a function word none or one.
        std::size_t start = SIZE_MAX;
        for (std::size_t s = k; s-- > 0 && s + 12 > k;) {
          if (t[s].kind == TokenKind::kPunct && !t[s].is('-') && !t[s].is('\'')) break;
          if (!capital(t[s]) || NameLexicons::get().connectors.has(t[s]) || article(t[s])) continue;
          if (spells(t, s, k, acronym, 0)) {
            start = s;
            break;
          }
        }
        if (start == SIZE_MAX) continue;
        // Only a body's name: with a head word ("Conseil", "Comité"), no person in it ("Jan
        // Kowalski (JK)").
        bool head = false;
        for (std::size_t j = start; j < k; ++j) {
          const std::vector<Cue>* cues = nullptr;
          head = head || NameLexicons::get().org_cues.longest(t, j, &cues) || (germanic_ && compound_head(t[j]));
          if (const Entity* in = set.at(t[j].start, t[j].end); in && in->type == EntityType::kPerson) head = false;
        }
        if (!head) continue;
        body = set.add({EntityType::kOrganization, t[start].start, t[k - 1].end, surface(doc.text, t, start, k), 0.75,
                        {"acronym:" + std::string(t[k + 1].text(doc.text))}, {}});
        if (!body) continue;
      }
      bodies.push_back({acronym, body->value, body->authority});
    }
    if (bodies.empty()) return;
    // The acronym, in its brackets and wherever it stands alone.
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!t[k].all_upper || t[k].kind != TokenKind::kWord) continue;
      for (const Body& b : bodies)
        if (t[k].key == b.acronym && !set.at(t[k].start, t[k].end)) {
          set.add({EntityType::kOrganization, t[k].start, t[k].end, b.value, 0.7, {"acronym-of:" + b.value},
                   b.authority});
          break;
        }
    }
  }

  // Does the place in tokens [from, end) (after a listed name, extend_right) differ from the
  // one the entry's English name ends with ("Israelitische Kultusgemeinde Wien")?
  bool other_seat(const TokenStream& stream, const AuthorityEntry& entry, std::size_t from, std::size_t end,
                  std::string_view text) const {
    if (end <= from) return false;
    const std::size_t space = entry.name.rfind(' ');
    if (space == std::string::npos) return false;
    const AuthorityEntry* seat = places_->find(phrase_key(std::string_view(entry.name).substr(space + 1)));
    if (!seat) return false;
    for (std::size_t k = from; k < end; ++k)
      if (const GazetteerMatch p = places_->match(stream, k, text); p.tokens) return p.entry != seat;
    return false;
  }

  // Do the words of tokens [w, end) spell `acronym` from its letter `at` on?
  static bool spells(const std::vector<Token>& t, std::size_t w, std::size_t end, std::string_view acronym,
                     std::size_t at) {
    while (w < end && t[w].kind != TokenKind::kWord) ++w;
    if (w == end) return at == acronym.size();
    const std::string_view key = t[w].key;
    const bool function = NameLexicons::get().connectors.has(t[w]) || key.size() <= 2;
    if (function && spells(t, w + 1, end, acronym, at)) return true;
    for (std::size_t n = 1; n <= std::min<std::size_t>(function ? 1 : 3, key.size()); ++n)
      if (at + n <= acronym.size() && acronym.substr(at, n) == key.substr(0, n) &&
          spells(t, w + 1, end, acronym, at + n))
        return true;
    return false;
  }

  // Networks named after a founder or a code name, the network word in lower case: "le réseau
  // Garel", "a rede Marcel" (before the name), "the Garel network", "het Marcel netwerk"
  // (after it). The name: one to three capitalized words on the line.
  void networks(Document& doc, EntitySet& set, const std::vector<Token>& t) const {
    auto name_word = [&](std::size_t k) {
      return k < t.size() && t[k].kind == TokenKind::kWord && t[k].script == 1 && capital(t[k]) &&
             !t[k].newline_before && !article(t[k]) && !determiner(t[k]) && !set.at(t[k].start, t[k].end);
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].kind != TokenKind::kWord || t[i].upper) continue;
      if (network_before_.has(t[i])) {
        std::size_t end = i + 1;
        while (end < i + 4 && name_word(end)) ++end;
        if (end > i + 1)
          set.add({EntityType::kOrganization, t[i].start, t[end - 1].end, surface(doc.text, t, i, end), 0.7,
                   {"cue:" + std::string(t[i].text(doc.text))}, {}});
      } else if (network_after_.has(t[i]) && i > 0 && !t[i].newline_before) {
        std::size_t b = i;
        while (b > 0 && b + 3 > i && name_word(b - 1)) --b;
        if (b < i)
          set.add({EntityType::kOrganization, t[b].start, t[i].end, surface(doc.text, t, b, i + 1), 0.7,
                   {"cue:" + std::string(t[i].text(doc.text))}, {}});
      }
    }
  }

  // A unit's or group's name in quotation marks after the word for it, or before it in
  // English: "oddział partyzancki „Mściciel”", "הפלוגה "הנוקמים"", "the "Avengers" brigade".
  // The name inside the marks is the organization.
  void quoted_units(Document& doc, EntitySet& set, const TokenStream& stream) const {
    const std::vector<Token>& t = stream.tokens;
    // The quoted words from j (an opening mark) on: the token after the closing mark, or j.
    auto quoted = [&](std::size_t j) {
      if (j >= t.size() || !quote(t[j])) return j;
      std::size_t k = j + 1;
      while (k < t.size() && k < j + 5 && !t[k].newline_before && (capital(t[k]) || rtl_word(t[k])) &&
             !set.at(t[k].start, t[k].end))
        ++k;
      return k > j + 1 && k < t.size() && quote(t[k]) && !t[k].newline_before ? k + 1 : j;
    };
    auto add = [&](std::size_t open, std::size_t close, std::size_t cue) {
      set.add({EntityType::kOrganization, t[open + 1].start, t[close - 2].end, surface(doc.text, t, open + 1, close - 1),
               0.65, {"cue:" + std::string(t[cue].text(doc.text)), "quoted"}, {}});
    };
    // The word for a unit at k, also behind a Hebrew or Arabic preposition ("לפלוגה", "بكتيبة").
    auto unit = [&](std::size_t k) {
      if (t[k].kind != TokenKind::kWord || (t[k].script == 1 && t[k].upper)) return false;
      return unit_nouns_.has(t[k]) || (rtl_word(t[k]) && (unit_nouns_.has(stream.clitic_rest(k, 1)) ||
                                                         unit_nouns_.has(stream.clitic_rest(k, 2))));
    };
    // Quotation marks are rare: the search starts from them.
    for (std::size_t open = 0; open < t.size(); ++open) {
      if (t[open].kind != TokenKind::kPunct || !quote(t[open]) || t[open].newline_before) continue;
      const std::size_t end = quoted(open);
      if (end == open) continue;
      // The word before, with up to two adjectives between ("oddziale partyzanckim „...”").
      std::size_t cue = SIZE_MAX;
      for (std::size_t k = open; k-- > 0 && k + 3 >= open;) {
        if (unit(k)) {
          cue = k;
          break;
        }
        const bool adjective = t[k].kind == TokenKind::kWord && !t[k].newline_before &&
                               ((t[k].script == 1 && !t[k].upper) || (rtl_word(t[k]) && rtl_adjective(t[k])));
        if (!adjective) break;
      }
      // Or after, in English: the "Avengers" brigade.
      if (cue == SIZE_MAX && end < t.size() && t[end].script == 1 && !t[end].newline_before && unit(end)) cue = end;
      if (cue == SIZE_MAX) continue;
      add(open, end, cue);
      open = end - 1;
    }
  }

  // An organization built around a head word at or near i; returns the token after it, or 0.
  std::size_t by_cue(Document& doc, EntitySet& set, const TokenStream& stream, std::size_t i) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    // Not at the second half of a hyphenated name ("Lévy-Dreyfus Œuvre ..."), nor at an elided
    // article: "L'Union générale ..." starts at "Union", where the list may know it.
    if (i >= 2 && t[i - 1].is('-') && !t[i - 1].space_before && !t[i].space_before && t[i - 2].kind == TokenKind::kWord)
      return 0;
    if (t[i].key.ends_with('\'')) return 0;
    // "Internationale Rote Kreuz": the listed name after it takes it in (extend_left).
    if (lex.org_modifiers.has(t[i]) && i + 1 < t.size() && gaz_->match(stream, i + 1, doc.text).tokens) return 0;
    // Find a cue within the capitalized run that starts at i.
    std::size_t cue = SIZE_MAX, cue_len = 0, clitic_cut = 0;
    bool tail_only = false;
    // Before the head word only capitalized words ("Jewish Council"); connectors come after
    // it ("Council of Budapest"), so "Leventhal of the National Refugee Service" starts at
    // "National".
    bool adjectives_only = true;  // the words before k
    for (std::size_t k = i; k < t.size() && k < i + 5; ++k) {
      if (k > i && joins_name(t, k)) ++k;  // "Inter-Aid Committee", "Friends' Germany"
      if (!(capital(t[k]) || rtl_word(t[k]))) break;
      if (k > i && t[k].newline_before) break;
      const std::vector<Cue>* cues = nullptr;
      std::size_t n = lex.org_cues.longest(t, k, &cues);
      // An inflected head word opening the name: "Żydowskiego Komitetu Narodowego" (Żydowski),
      // "Komitetu Pomocy" (Komitet). Not further in: the run may start with a sentence's first
      // word ("Walki Żydowskiej Organizacji Bojowej", the fights of a listed one).
      // Nor after words other than adjectives in a case: "Zjednoczonej Organizacji
      // Partyzanckiej" (Zjednoczona, united), "Slovenskej Národnej Rady".
      if (k > i && adjectives_only && !slavic_oblique_adjective(t[k - 1])) adjectives_only = false;
      if (!n && adjectives_only && capital(t[k]) && !t[k].all_upper && t[k].key.size() >= 4) {
        const std::span<const uint32_t> forms = stream.forms(k);
        for (std::size_t f = 1; f < forms.size() && !n; ++f) n = lex.org_cues.longest(t, k, &cues, SIZE_MAX, forms[f]);
      }
      // A Hebrew or Arabic head word behind a preposition or "and": "בוועד" (in the committee),
      // "מהוועד", "بالجالية", "وللجنة". The name leaves the clitic out.
      if (std::size_t letters = 0; !n && k == i && (n = longest_behind_clitic(lex.org_cues, stream, k, &cues, &letters)))
        clitic_cut = letters_prefix_bytes(t[k].text(doc.text), letters);
      if (n) {
        cue = k;
        cue_len = n;
        tail_only = std::none_of(cues->begin(), cues->end(), [](const Cue& c) { return c.position == "head"; });
        break;
      }
      // German and Dutch glue the head word to what it names: "Slowakische Volkspartei",
      // "Israelitische Kultusgemeinde", "Zionistische Vereniging". It ends the name, after
      // adjectives only ("Meine Kultusgemeinde" is none).
      if (k > i && germanic_ && compound_head(t[k]) && adjectives_before(t, i, k)) {
        cue = k;
        cue_len = 1;
        tail_only = true;
        break;
      }
    }
    // A compound head opening the name, with whose it is after it: "Reichsbund jüdischer
    // Frontsoldaten".
    if (cue == SIZE_MAX && germanic_ && compound_head(t[i]) && !t[i].newline_before) {
      if (const std::size_t end = genitive_after(t, i); end > i) {
        const bool added = set.add({EntityType::kOrganization, t[i].start, t[end - 1].end,
                                    surface(doc.text, t, i, end), 0.65, {"cue:compound"}, {}});
        return added ? end : 0;
      }
    }
    if (cue == SIZE_MAX || !(capital(t[i]) || rtl_word(t[i])) || article(t[i]) || determiner(t[i])) return 0;
    // A word that only ends names ("... Lager", "Joodsche Raad") starts none: "Lager Janowska"
    // is a camp, not an organization.
    if (tail_only && cue == i) return 0;
    if (rtl_word(t[cue]) && cue != i) return 0;  // Arabic and Hebrew names start at their head word
    // Arabic and Hebrew put a descriptor before a listed name: "مؤسسة ياد فاشيم" (the
    // institution Yad Vashem), "قوات الحلفاء" (the forces of the Allies). The listed name alone
    // is the organization; it is tagged at its own position.
    if (rtl_word(t[cue]) && cue + cue_len < t.size() && !t[cue + cue_len].newline_before &&
        gaz_->match(stream, cue + cue_len, doc.text).tokens)
      return 0;
    // So is a country after a head word: "ממשלת ישראל" (the government of Israel) names the
    // country.
    if (rtl_word(t[cue]) && cue + cue_len < t.size() && !t[cue + cue_len].newline_before)
      if (const GazetteerMatch pm = places_->match(stream, cue + cue_len, doc.text);
          pm.tokens && !pm.start_cut && pm.entry->type == "country" &&
          (cue + cue_len + pm.tokens == t.size() || !rtl_word(t[cue + cue_len + pm.tokens]) ||
           function_word(stream, cue + cue_len + pm.tokens)))
        return 0;
    // A language or a people opens no name, unless joined to the next word ("German-Jewish Aid
    // Committee").
    // A nationality opens one all the same, as it does a listed one: "Czech Refugee Trust
    // Fund", "Danish Jewish Community".
    if (lex.not_names.has(t[i]) && cue != i && !hyphen_inside(t, i + 1) &&
        !(lex.language_english.contains(t[i].id) && t[i].script == 1))
      return 0;
    // An event is no organization: "Slovak National Uprising", "Wannsee Conference".
    for (std::size_t k = i; k < t.size() && k < cue + cue_len + 3 && !t[k].newline_before; ++k)
      if (event_nouns_.has(t[k])) return 0;
    // Extend to the right over capitalized words and connectors followed by one (not after a
    // word that ends names).
    std::size_t end = cue + cue_len;
    const bool rtl = rtl_word(t[cue]);
    // Romance names put a lower-case adjective after the head word: "Fédération protestante
    // de France" — taken when a connector and a known place follow it, or when it is one of
    // the adjectives institutions take ("Sûreté nationale", "Assistance publique", "Comité
    // central", "Comissão nacional").
    if (!rtl && !tail_only && end + 1 < t.size() && t[end].kind == TokenKind::kWord && t[end].script == 1 &&
        !t[end].upper && t[end].key.size() >= 4 && !name_connector(t[end]) && !t[end].newline_before &&
        (institutional_.has(t[end]) ||
         (end + 2 < t.size() && name_connector(t[end + 1]) && !t[end + 1].newline_before && capital(t[end + 2]) &&
          places_->match(stream, end + 2, doc.text).tokens))) {
      ++end;
      // A second one: "Comité central israélite de Belgique".
      if (end < t.size() && !t[end].newline_before && institutional_.has(t[end])) ++end;
    }
    for (std::size_t n = 0; end < t.size() && n < 6 && !tail_only; ++n) {
      if (t[end].newline_before) break;  // a line kept as a line, or a paragraph, ends it
      if (rtl) {
        if (!rtl_word(t[end]) || function_word(stream, end) || n >= 2 || rtl_verb(t[end]) ||
            (closes_arabic_phrase(t[end - 1], t[end]) && places_->match(stream, end, doc.text).tokens))
          break;
        // A definite noun after a definite adjective starts another phrase: "دخل الجيش الألماني
        // المدينة" (the German army entered the city).
        if (n > 0 && rtl_definite(t[end]) && !rtl_adjective(t[end]) && rtl_definite(t[end - 1]) && rtl_adjective(t[end - 1]))
          break;
        // Where the body is, with its clitic: "بالدار البيضاء" (in Casablanca) as a whole.
        if (const GazetteerMatch place = places_->match(stream, end, doc.text); place.tokens > 1 && place.start_cut) {
          end += place.tokens;
          break;
        }
        ++end;
        continue;
      }
      if (capital(t[end])) {
        ++end;
      } else if (joins_name(t, end)) {
        end += 2;
      } else if (t[end].key == "to" && end + 2 < t.size() && t[end + 1].key == "the" && capital(t[end + 2]) &&
                 !t[end + 2].newline_before && !gaz_->match(stream, end + 2, doc.text).tokens &&
                 !places_->match(stream, end + 2, doc.text).tokens) {
        end += 2;  // "Barbican Mission to the Jews", not "... Committee to the Home Office"
      } else if (name_connector(t[end]) && end + 1 < t.size() &&
                 (capital(t[end + 1]) || (name_connector(t[end + 1]) && end + 2 < t.size() && capital(t[end + 2])))) {
        ++end;
      } else {
        break;
      }
    }
    // After a word that ends names, only the place of the body: "Jüdischen Gemeinde Kopenhagen".
    if (tail_only && !rtl && end < t.size() && capital(t[end]) && !t[end].newline_before) {
      const GazetteerMatch place = places_->match(stream, end, doc.text);
      if (place.tokens && !place.start_cut) end += place.tokens;
    }
    // A German head word with whose it is in the genitive: "Zentralstelle der jüdischen
    // Religionsgemeinden".
    if (germanic_ && !rtl && cue == i && end == i + cue_len && end < t.size() && (t[end].key == "der" || t[end].key == "des"))
      end = std::max(end, genitive_after(t, end - 1));
    if (end - i < 2) return 0;
    // Without the article, a head word and an adjective describe: "جالية يهودية سفاردية" (a
    // Sephardic Jewish community), "ועדה מקומית" (a local committee); a name is definite or
    // a construct with a definite word ("لجنة الإنقاذ").
    if (rtl && indefinite(t[i]) && rtl_adjective(t[i + 1]) && indefinite(t[i + 1])) return 0;
    // "The local Jewish community" (הקהילה היהודית המקומית, الطائفة اليهودية المحلية) describes
    // a group; it names none.
    if (rtl)
      for (std::size_t k = i; k < end; ++k)
        if (local_words_.has(t[k])) return 0;
    // A people with its nationality is a group, not a body: "Polish Jews", "Deutsche Juden".
    if (end == i + 2 && t[i + 1].script == 1 && lex.not_names.has(t[i + 1]) && !lex.org_cues.starts(t[i + 1].id) &&
        !lex.language_english.contains(t[i + 1].id))
      return 0;
    // One hyphenated word is no name: "Polish-Jewish relations".
    bool one_word = true;
    for (std::size_t k = i + 1; k < end && one_word; k += 2) one_word = hyphen_inside(t, k);
    if (one_word) return 0;
    // A run that is exactly a listed country or region is the place: "United States", "Soviet
    // Union", "Central Europe" (a head word of English names opens it).
    if (const GazetteerMatch pm = places_->match(stream, i, doc.text);
        pm.tokens == end - i && (pm.entry->type == "country" || pm.entry->type == "region" || pm.entry->type == "continent"))
      return 0;
    // A body no list knows is named by where it sits: "Jüdische Historische Komitee in Krakau",
    // "Consulado do Brasil em Hamburgo" (a listed one is not: the Red Cross in Geneva).
    if (!rtl && end + 1 < t.size() && lex.locatives.has(t[end]) && !t[end].upper && !t[end].newline_before) {
      // With the article some country names take: "in der Slowakei", "in the Netherlands".
      const std::size_t at = end + 2 < t.size() && article(t[end + 1]) && !t[end + 1].upper ? end + 2 : end + 1;
      if (!t[at].newline_before && capital(t[at])) {
        const GazetteerMatch place = places_->match(stream, at, doc.text);
        if (place.tokens && !place.start_cut) end = at + place.tokens;
      }
    }
    // In Arabic too: "الجالية اليهودية في الإسكندرية" (the Jewish community in Alexandria).
    if (rtl && end + 1 < t.size() && t[end].key == "\xD9\x81\xD9\x8A" && !t[end].newline_before &&
        !t[end + 1].newline_before) {  // في
      const GazetteerMatch place = places_->match(stream, end + 1, doc.text);
      if (place.tokens && !place.start_cut) end += 1 + place.tokens;
    }
    // A listed body inside the name is the body named ("Amerikanische Joint Distribution
    // Committee"): its value and id.
    std::string value = surface(doc.text, t, i, end), authority;
    std::vector<std::string> evidence = {"cue:" + surface(doc.text, t, cue, cue + cue_len)};
    for (std::size_t k = i + 1; k + 1 < end; ++k)
      if (const GazetteerMatch m = gaz_->match(stream, k, doc.text); m.tokens >= 2 && !m.start_cut && k + m.tokens == end) {
        value = m.entry->name;
        authority = m.entry->authority();
        // A nationality alone before it: that country's body ("Polish Red Cross").
        if (const std::string nation = k == i + 1 ? nationality(stream, i) : std::string();
            !nation.empty() && !value.starts_with(nation)) {
          const AuthorityEntry* own = gaz_->find(phrase_key(nation + " " + value));
          evidence.push_back("nationality:" + nation);
          value = own ? own->name : nation + " " + value;
          authority = own ? own->authority() : std::string();
          if (!own) {
            evidence.push_back("listed-body:" + m.entry->authority());
            break;
          }
        }
        evidence.push_back("authority:" + authority);
        break;
      }
    if (clitic_cut) {
      if (authority.empty()) value.erase(0, clitic_cut);
      evidence.push_back("clitic");
    }
    const bool added = set.add({EntityType::kOrganization, t[i].start + static_cast<uint32_t>(clitic_cut), t[end - 1].end,
                                std::move(value), 0.7, std::move(evidence), std::move(authority)});
    return added ? end : 0;
  }

  // German: a compound head word, then whose it is in the genitive: "Reichsbund jüdischer
  // Frontsoldaten", "Landesverband der jüdischen Gemeinden" — adjectives in lower case (-er,
  // -en) or an article, then a capitalized noun. Returns the token after the name, or i.
  std::size_t genitive_after(const std::vector<Token>& t, std::size_t i) const {
    std::size_t k = i + 1;
    if (k < t.size() && (t[k].key == "der" || t[k].key == "des") && !t[k].upper) ++k;
    std::size_t adjectives = 0;
    while (k < t.size() && adjectives < 3 && t[k].kind == TokenKind::kWord && t[k].script == 1 && !t[k].upper &&
           !t[k].newline_before && (t[k].key.ends_with("er") || t[k].key.ends_with("en"))) {
      ++k;
      ++adjectives;
    }
    if (k == i + 1 || k >= t.size() || !capital(t[k]) || t[k].newline_before || (k == i + 2 && adjectives == 0))
      return i;
    return k + 1;
  }

  // A Polish, Czech or Slovak adjective in an oblique case: "Zjednoczonej", "Polskiego",
  // "Slovenskej", "Českého".
  static bool slavic_oblique_adjective(const Token& t) {
    if (t.script != 1 || t.key.size() < 6) return false;
    for (const std::string_view e : {"ej", "ego", "emu", "ych", "ymi", "eho", "ich", "ym", "im"})
      if (t.key.ends_with(e)) return true;
    return false;
  }

  // Token k joins the words of a name around it: a hyphen or a possessive's apostrophe.
  static bool joins_name(const std::vector<Token>& t, std::size_t k) {
    return t[k].kind == TokenKind::kPunct && (hyphen_inside(t, k) || plural_possessive(t, k));
  }

  // Token k is a hyphen inside a compound adjective of a name, no space around it: a combining
  // form or a language before it ("Inter-Aid", "Anglo-Jewish", "German-Jewish"), a capitalized
  // word after it. Not between names: "Lévy-Dreyfus Œuvre" is a person, then a body.
  static bool hyphen_inside(const std::vector<Token>& t, std::size_t k) {
    static const std::unordered_set<std::string_view> kCombining = {
        "inter", "anglo", "franco", "judeo", "germano", "austro", "italo", "russo", "polono", "czecho", "hispano",
        "luso", "pan", "all", "euro", "sino", "greco", "indo", "afro"};
    if (!(k > 0 && k + 1 < t.size() && t[k].kind == TokenKind::kPunct && t[k].is('-') && !t[k].space_before && !t[k + 1].space_before &&
          t[k - 1].kind == TokenKind::kWord && t[k - 1].script == 1 && capital(t[k + 1])))
      return false;
    return kCombining.contains(t[k - 1].key) || NameLexicons::get().not_names.has(t[k - 1]);
  }

  // Token k is the apostrophe of an English plural possessive inside a name: "Friends' Germany
  // Emergency Committee", "Workers' Circle".
  static bool plural_possessive(const std::vector<Token>& t, std::size_t k) {
    return k > 0 && k + 1 < t.size() && t[k].is('\'') && !t[k].space_before && t[k + 1].space_before &&
           t[k - 1].kind == TokenKind::kWord && t[k - 1].script == 1 && t[k - 1].key.ends_with('s') &&
           capital(t[k - 1]) && capital(t[k + 1]) && !t[k + 1].newline_before;
  }

  // A compound whose last part is an organization's head word: "Volkspartei", "Hilfsverein".
  static bool compound_head(const Token& t) {
    static constexpr std::string_view kHeads[] = {
        "partei", "partij",     "verein",   "vereinigung", "vereniging", "gemeinde",     "komitee",
        "comite", "verband",    "ausschuss", "kommission", "gesellschaft", "genootschap", "hilfswerk",
        "rat",    "raad",       "bund",     "bond",        "liga",       "organisation", "stelle",
        "zentrale", "amt"};
    if (!capital(t) || t.script != 1) return false;
    for (const std::string_view h : kHeads)
      if (t.key.size() >= h.size() + 3 && t.key.ends_with(h)) return true;
    return false;
  }

  // A German, Dutch or English article, possessive, demonstrative, preposition or conjunction,
  // capitalized at a sentence's start: "Unsere Gemeinde", "Our Committee", "Mit Hilfe" name no
  // body.
  static bool determiner(const Token& t) { return NameLexicons::get().determiners.has(t); }

  // Words [i, k) are capitalized adjectives ("Slowakische", "Zentraler").
  bool adjectives_before(const std::vector<Token>& t, std::size_t i, std::size_t k) const {
    for (std::size_t j = i; j < k; ++j) {
      const std::string_view w = t[j].key;
      if (determiner(t[j]) || !(w.ends_with('e') || w.ends_with("en") || w.ends_with("er") || w.ends_with("es")))
        return false;
    }
    return true;
  }

  // A nationality before a listed name, in capitals as in German and English ("Dänische
  // Rote Kreuz", "Swedish Red Cross"): a word whose form or base form is a language name; or
  // "International" in any language ("Nemzetközi Vöröskereszt").
  std::size_t extend_left(const TokenStream& stream, std::size_t i) const {
    const auto& t = stream.tokens;
    const auto& lex = NameLexicons::get();
    if (i == 0 || !capital(t[i - 1]) || t[i].newline_before) return i;
    if (lex.org_modifiers.has(t[i - 1])) return i - 1;
    for (const uint32_t id : stream.forms(i - 1))
      if (lex.not_names.has(id)) return i - 1;
    return i;
  }

  // The English name of the language token k names (in any case form), or empty.
  static std::string nationality(const TokenStream& stream, std::size_t k) {
    const auto& names = NameLexicons::get().language_english;
    for (const uint32_t id : stream.forms(k))
      if (const auto it = names.find(id); it != names.end()) return it->second;
    return {};
  }

  // After a listed name: "International" in any language, or a place, directly or after a
  // genitive connector ("of", "de", "von", "w").
  std::size_t extend_right(const EntitySet& set, const TokenStream& stream, std::size_t end,
                           std::string_view text) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    if (end >= t.size() || t[end].newline_before) return end;
    if (lex.org_modifiers.has(t[end])) return end + 1;
    // A Romance nationality adjective after it, in lower case: "Croix-Rouge française", "Cruz
    // Vermelha portuguesa" (the feminine of a language name: français, português).
    if (t[end].kind == TokenKind::kWord && t[end].script == 1 && !t[end].upper) {
      const std::string_view key = t[end].key;
      for (const std::string_view ending : {"e", "a"})
        if (key.size() > 5 && key.ends_with(ending) &&
            lex.not_names.has(WordIds::find(key.substr(0, key.size() - ending.size()))))
          return end + 1;
    }
    std::size_t k = end;
    if (lex.genitive_connectors.has(t[k]) && !t[k].upper) ++k;
    if (k >= t.size() || t[k].newline_before || !(capital(t[k]) || rtl_word(t[k]))) return end;
    if (k == end && closes_arabic_phrase(t[end - 1], t[k])) return end;
    const GazetteerMatch place = places_->match(stream, k, text);
    if (!place.tokens || place.start_cut) return end;
    // A bare place then a comma and a date is a dateline, not the body's seat: "dla Żydowskiego
    // Instytutu Historycznego Warszawa, VI.1948".
    const std::size_t after = k + place.tokens;
    if (k == end && after + 1 < t.size() && t[after].is(',')) {
      const Entity* d = set.at(t[after + 1].start, t[after + 1].end);
      if (d && d->type == EntityType::kDate) return end;
    }
    return after;
  }

  std::shared_ptr<const Gazetteer> gaz_;
  std::shared_ptr<const Gazetteer> places_;
  bool cues_;
  WordSet network_before_, network_after_;  // "réseau", "rede"; "network"
  WordSet unit_nouns_;                      // "oddział", "brigade", "פלוגה": a quoted name follows
  WordSet event_nouns_;                     // "Uprising", "Konferenz": events, not bodies
  WordSet local_words_;                     // "המקומית", "المحلية": local, a description
  WordSet institutional_;                   // "nationale", "publique": adjectives of institutions
  bool germanic_ = false;  // the document is (partly) in German, Dutch or Yiddish
};

class PersonsStage final : public DocumentStage {
 public:
  explicit PersonsStage(const Params& p)
      : DocumentStage("tag.persons"), gaz_(Gazetteer::get("persons")), places_(Gazetteer::get("places")),
        single_given_(p.get_bool("single_given_names")) {
    NameLexicons::get();
  }

  void process(Document& doc, Context&) override {
    const TokenStream& stream = tokens_of(doc);
    const auto& t = stream.tokens;
    const auto& lex = NameLexicons::get();
    text_ = doc.text;
    stream_ = &stream;
    languages_ = document_languages(doc).all;
    hungarian_ = std::find(languages_.begin(), languages_.end(), "hun") != languages_.end();
    german_ = germanic(languages_);
    polish_ = std::any_of(languages_.begin(), languages_.end(),
                          [](const std::string& l) { return l == "pol" || l == "ces" || l == "slk"; });
    EntitySet set(doc);
    // Family name first, as lists have it: before the rules below read "Bergman Sara" as
    // the given name alone or "Abramowicz Chaim" in the order written.
    inverted_names(doc, set, stream);
    for (std::size_t i = 0; i < t.size();) {
      // Most tokens start no name: punctuation, numbers and lower-case Latin words that open
      // no title ("rabbi", "consul") — every rule below wants a capital, an Arabic or Hebrew
      // word, or a title.
      if (starts_no_name(t[i]) && !title_start(stream, i)) {
        ++i;
        continue;
      }
      const GazetteerMatch m = gaz_->match(stream, i, doc.text);
      if (m.tokens) {
        // A known person may be written with more of the name ("Aristides de Sousa Mendes").
        const std::size_t end = ordinal_period(t, std::max(i + m.tokens, name_run(set, stream, i, false)));
        set.add({EntityType::kPerson, t[i].start + static_cast<uint32_t>(m.start_cut), t[end - 1].end,
                         m.entry->name, 0.9, {"authority:" + m.entry->authority(), "match:" + std::string(m.how)},
                         m.entry->authority()});
        i = end;
        continue;
      }
      // Rules only fill the gaps between names the earlier taggers found — except a given name
      // that a place list also has, when a surname follows ("Janina Lewandowska", not Ioannina).
      if (const Entity* e = set.at(t[i].start, t[i].end)) {
        // ... or a particle and a surname ("Maurice de Rothschild", not Mauritius).
        const std::size_t next = i + 1 < t.size() && lex.particles.has(t[i + 1]) && !t[i + 1].upper ? i + 2 : i + 1;
        const bool given_then_surname = e->type == EntityType::kPlace && e->start == t[i].start &&
                                        e->end == t[i].end && given_name(stream, i) && next < t.size() &&
                                        capital(t[next]) && !t[next].newline_before && !t[i + 1].newline_before;
        if (!given_then_surname) {
          ++i;
          continue;
        }
      }
      // Title or role, then a name: "Dr. Weiss", "cônsul Sousa Mendes", "King Christian X",
      // "Herrn Dr. Friedman" (titles may follow each other).
      const std::vector<Cue>* titles = nullptr;
      const std::size_t n = title_at(t, i, &titles);
      // A title that follows a name (ז"ל, Jr., باشا) introduces none: "ז"ל נפטר" is "of blessed
      // memory, died".
      if (n && std::any_of(titles->begin(), titles->end(), [](const Cue& c) { return c.position != "after"; })) {
        std::size_t j = i + n;
        // An abbreviation's period ("Dr.", "Prof."); after a family word ("família.") or a word
        // of five letters or more ("my brother. The Soviet ...") a period ends the sentence.
        if (j < t.size() && t[j].is('.') && !t[j].space_before) {
          // Hebrew and Arabic abbreviate with a geresh, not a period: "דער רבֿ." ends a sentence.
          if ((titles->front().kind == "family" && t[i + n - 1].key.size() > 3) || titles->front().kind == "kin" ||
              titles->front().kind == "role" || rtl_word(t[i + n - 1]) || utf8_length(t[i + n - 1].key) > 4) {
            ++i;
            continue;
          }
          ++j;
        }
        const std::vector<Cue>* more = nullptr;
        while (const std::size_t m2 = title_at(t, j, &more)) {
          j += m2;
          if (j < t.size() && t[j].is('.') && !t[j].space_before) ++j;
        }
        // "القنصل البرتغالي أريستيدس", "הקונסול ההולנדי": a nationality after the title is not
        // part of the name.
        if (j + 1 < t.size() && titles->front().kind != "family" &&
            ((rtl_definite(t[j]) && rtl_adjective(t[j])) || lex.rtl_adjectives.has(t[j])) && !set.at(t[j].start, t[j].end))
          ++j;  // not "הולנד", nor "היה" (was); "הכומר פולני" (a Polish priest)
        // "הקונסול ההולנדי בקובנה, יאן צוורטנדייק": where he served, a comma, then the name.
        if (j < t.size() && rtl_word(t[j])) {
          if (const Entity* e = set.at(t[j].start, t[j].end); e && e->type == EntityType::kPlace) {
            std::size_t k = j;
            while (k < t.size() && t[k].start < e->end) ++k;
            if (k + 1 < t.size() && (t[k].is(',') || t[k].key == "\xD8\x8C") &&  // a comma, Latin or Arabic
                rtl_word(t[k + 1]) && !t[k + 1].newline_before)
              j = k + 1;
          }
        }
        const bool royal = titles->front().kind == "royal";
        std::size_t end = name_run(set, stream, j, royal);
        // "عائلة يهودية", "أسرة تونسية معروفة" (a Jewish, a well-known Tunisian family): an
        // adjective of origin after an Arabic family word, in the feminine, names nobody.
        if (end > j && titles->front().kind == "family" && arabic_feminine_adjective(t[j]))
          end = j;
        // Arabic and Hebrew have no capitals to tell a name from any word after "my wife":
        // one glued to a preposition is none ("אשתי בבית", my wife at home), unless it is a
        // given name (ברוך, לאה, מרים).
        if (end > j && titles->front().kind == "kin" && t[j].script == 3 && preposition_glued(t[j]) &&
            !given_name(stream, j) && !gaz_->match(stream, j, doc.text).tokens)
          end = j;
        if (end > j && !lex.not_names.has(t[j])) {
          // Hungarian after a title too: "dr. Weisz Ernő" is Ernő Weisz.
          const bool family_first = hungarian_ && end == j + 2 && t[j + 1].kind == TokenKind::kWord &&
                                    !given_name(stream, j) &&
                                    !hungarian_given_name(std::string(t[j + 1].text(doc.text))).empty();
          // A given name that a place list also has, alone after a kin word or an honorific:
          // "mon petit frère Maurice" is no Mauritius.
          const Entity* place = end == j + 1 ? set.at(t[j].start, t[j].end) : nullptr;
          const bool displaces = place && place->type == EntityType::kPlace && place->start == t[j].start &&
                                 place->end == t[j].end && given_name(stream, j) &&
                                 std::any_of(titles->begin(), titles->end(), [](const Cue& c) {
                                   return c.kind == "kin" || c.kind == "honorific";
                                 });
          Entity* added = add(doc, set, t, j, end, 0.8, "cue:" + surface(doc.text, t, i, i + n), 0,
                              family_first ? Order::kFamilyFirst : Order::kAsWritten, case_ending(t, i), displaces);
          if (added && titles->front().kind == "birth") birth_name(set, t, i, *added);
          i = end;
          continue;
        }
      }
      // Initials start a name when a name word follows them: "C. B. Henriques", "H. Goldfarb",
      // "A. de Sousa Mendes".
      if (initial(t, i) && !title_at(t, i, &titles)) {
        const std::size_t end = name_run(set, stream, i, false);
        std::size_t last = end;
        while (last > i && t[last - 1].kind != TokenKind::kWord) --last;
        if (last > i + 2 && !initial(t, last - 1) && t[last - 1].end - t[last - 1].start > 2 && !lex.particles.has(t[last - 1])) {
          // A middle initial: the given name before it belongs to the name ("Iver C. Olsen"),
          // unless it starts a sentence or is a title or another name.
          std::size_t b = i;
          if (i >= 2 && capital(t[i - 1]) && !t[i - 1].newline_before && !sentence_end(t[i - 2]) &&
              !lex.not_names.has(t[i - 1]) && !article(t[i - 1]) && !title_at(t, i - 1, &titles) &&
              !set.at(t[i - 1].start, t[i - 1].end))
            b = i - 1;
          add(doc, set, t, b, end, 0.7, "initials");
          i = end;
          continue;
        }
      }
      // A given name starts a name: "Gisela Weiss", "Regina (Rivka) Kahn", "J. Feuerstein".
      bool inflected = false;
      if ((capital(t[i]) || rtl_word(t[i])) && given_name(stream, i, &inflected) && !lex.not_names.has(t[i])) {
        const std::size_t end = name_run(set, stream, i, false);
        // Hungarian puts the family name first: "Kovács János", "Weisz Annát" (accusative).
        // Not at a sentence's start, where any word has a capital (after a comma it may be:
        // "Apámat, Klein Sándort").
        std::size_t b = i;
        if (hungarian_ && i >= 2 && capital(t[i - 1]) && !t[i - 1].newline_before && !t[i].newline_before &&
            !sentence_end(t[i - 2]) && !given_name(stream, i - 1) && !lex.not_names.has(t[i - 1]) &&
            !title_at(t, i - 1, &titles) && !set.at(t[i - 1].start, t[i - 1].end))
          b = i - 1;
        // Alone, only as written: an inflected form of one word is too often something else
        // ("Dänen" is no Dan).
        // But after "and" and a person, a second parent in the same case is one: "s. Lejby i
        // Sory" (son of Lejba and Sora).
        const Entity* before = i >= 2 && !t[i].newline_before ? set.at(t[i - 2].start, t[i - 2].end) : nullptr;
        const bool coordinated = before && before->type == EntityType::kPerson && before->end == t[i - 2].end &&
                                 conjunction(t[i - 1]);
        if (end > b + 1 || (single_given_ && (!inflected || coordinated) && !places_->find(std::string(t[i].key)))) {
          add(doc, set, t, b, end, end > b + 1 ? 0.8 : 0.55, "given-name:" + std::string(t[i].key), 0,
              b < i ? Order::kFamilyFirst : Order::kAsWritten);
          i = std::max(end, i + 1);
          continue;
        }
      }
      // "ורבקה גולדברג": "and" glued to a given name, then its family name (the clitic left out).
      if (rtl_word(t[i]) && and_given_name(stream, i)) {
        const std::size_t end = name_run(set, stream, i, false);
        if (end > i + 1) {
          add(doc, set, t, i, end, 0.75, "given-name:" + std::string(t[i].key.substr(2)),
              letters_prefix_bytes(t[i].text(doc.text), 1));
          i = end;
          continue;
        }
      }
      // Hebrew glues "to" and "and to" to a given name: "ליצחק" (to Yitzhak), "ולרבקה".
      if (t[i].script == 3 && t[i].kind == TokenKind::kWord)
        if (const std::size_t letters = glued_given_name(stream, i)) {
          const std::size_t end = name_run(set, stream, i, false);
          if (end > i + 1 || single_given_) {
            add(doc, set, t, i, end, end > i + 1 ? 0.75 : 0.55, "given-name:" + std::string(t[i].key.substr(2 * letters)),
                letters_prefix_bytes(t[i].text(doc.text), letters));
            i = end;
            continue;
          }
        }
      // Surname endings: "the Kowalski family", "Kowalska", "Weissné".
      if (capital(t[i]) && surname_like(t[i].key, t[i].text(doc.text)) && !lex.not_names.has(t[i]) &&
          !lex.nationality_adjective(t[i].key)) {
        const std::size_t end = name_run(set, stream, i, false);
        // Hungarian "Steiner Józsefné": wife of József Steiner, the family name first.
        std::size_t b = i;
        const std::string_view written = t[i].text(doc.text);
        const std::size_t wife = wife_ending(written);
        if (wife && lex.given_names.has(WordIds::find(fold_key(written.substr(0, written.size() - wife)))) && i > 0 &&
            !t[i].newline_before && capital(t[i - 1]) && t[i - 1].script == 1 && !lex.not_names.has(t[i - 1]) &&
            !article(t[i - 1]) && !lex.given_names.has(t[i - 1]) && !title_at(t, i - 1, &titles) &&
            !set.at(t[i - 1].start, t[i - 1].end))
          b = i - 1;
        // "s Gisi Fleischmannovou", "Rotsztajn, Mordko Zylberberg": a capitalized word no list
        // knows right before, inside a sentence, is the given name — not in German, where
        // nouns are capitalized ("dem Lehrer Grünbaum").
        else if (!german_ && i >= 2 && capital(t[i - 1]) && t[i - 1].script == 1 && !t[i - 1].all_upper &&
                 !t[i - 1].newline_before && !t[i].newline_before && !sentence_end(t[i - 2]) &&
                 (t[i - 2].kind == TokenKind::kWord || t[i - 2].is(',')) && !lex.not_names.has(t[i - 1]) &&
                 !article(t[i - 1]) && !title_at(t, i - 1, &titles) && !set.at(t[i - 1].start, t[i - 1].end))
          b = i - 1;
        // Hungarian "Grünfeld Katalinnak": the family name, then a given name.
        const bool family_first = hungarian_ && b == i && end == i + 2 && !wife && t[i + 1].kind == TokenKind::kWord &&
                                  !hungarian_given_name(std::string(t[i + 1].text(doc.text))).empty();
        add(doc, set, t, b, end, 0.6, "surname-ending", 0, family_first ? Order::kFamilyFirst : Order::kAsWritten);
        i = std::max(end, i + 1);
        continue;
      }
      // Hebrew and Arabic: a family name by its ending, alone ("של רוזנבלום") or after a given
      // name that is also a common word ("חיים רוזנבלום": Chaim, not "life").
      if (rtl_word(t[i])) {
        const bool common_given = lex.common_given_names.has(t[i]) && i + 1 < t.size() && !t[i + 1].newline_before &&
                                  rtl_surname_like(t[i + 1]) && !set.at(t[i + 1].start, t[i + 1].end);
        if ((common_given || rtl_surname_like(t[i])) && !function_word(stream, i) && !lex.not_names.has(t[i])) {
          const std::size_t end = common_given ? i + 2 : i + 1;
          add(doc, set, t, i, end, common_given ? 0.7 : 0.55, "surname-ending");
          i = end;
          continue;
        }
      }
      ++i;
    }
    surnames_alone(doc, set, t);
    set.commit();
  }

 private:
  // Lists and indexes put the family name first: "GRÜNBERG, Salomon", "Kowalska, Maria Anna",
  // "SOUSA MENDES, Aristides de", "3. Kowalski Jan, ur. 1900". One person, one mention,
  // valued in the usual order ("Salomon Grünberg"). The family name (up to three capitalized
  // words, none a given name or title) opens a line or a list entry ("12.", "3)", "-") or is
  // written in capitals; a comma (which a numbered entry may leave out), then given names
  // only (initials and a closing particle allowed), then the line or the entry goes on with
  // its next field: "Kowalski, Jan Nowak and Anna" is two.
  void inverted_names(Document& doc, EntitySet& set, const TokenStream& stream) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    std::size_t numbered_found = 0;  // entries of a numbered list read family name first
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!capital(t[i])) continue;
      // Where an entry starts: a line start, after a list number or a dash at a line start.
      std::size_t m = i;
      while (m > 0 && !t[m].newline_before && m + 3 > i &&
             (t[m - 1].kind == TokenKind::kNumber || t[m - 1].is('.') || t[m - 1].is(')') || t[m - 1].is('-')))
        --m;
      // Mid-line too, where the lines of a list were run together, but then with the comma:
      // "..., Wien 2. Kohn, Lieselotte, geb. ...".
      const bool numbered_inline = m < i && t[m].kind == TokenKind::kNumber && t[m].end - t[m].start <= 3 &&
                                   m + 1 < i && (t[m + 1].is('.') || t[m + 1].is(')'));
      const bool numbered = m < i && (m == 0 || t[m].newline_before);
      const bool entry_start = i == 0 || t[i].newline_before || numbered || numbered_inline;
      if (!entry_start && !t[i].all_upper) continue;  // most capitals: before the costlier tests
      std::size_t b = i, words = 0;
      bool caps = true;
      const std::vector<Cue>* titles = nullptr;
      // A particle opens a family name in capitals: "VAN PELT, JOHANNA", "DE SOUSA MENDES, ...".
      while (b < t.size() && t[b].all_upper && lex.particles.has(t[b]) && b + 1 < t.size() && t[b + 1].all_upper &&
             capital(t[b + 1]) && !t[b + 1].newline_before && b < i + 2)
        ++b;
      // A family name that is also a given name, in capitals before the comma: "SALOMON, Pepi".
      const auto given_as_family = [&](std::size_t k) {
        return k == i && entry_start && t[k].all_upper && t[k].key.size() > 2 && k + 1 < t.size() && t[k + 1].is(',');
      };
      while (b < t.size() && words < 3 && capital(t[b]) && (b == i || !t[b].newline_before) &&
             (!given_name(stream, b) || given_as_family(b)) && !lex.not_names.has(t[b]) && !lex.particles.has(t[b]) &&
             !title_at(t, b, &titles)) {
        caps = caps && t[b].all_upper && t[b].key.size() > 1;
        ++b;
        ++words;
        if (b + 1 < t.size() && t[b].is('-') && !t[b].space_before && capital(t[b + 1])) b += 1;  // Kossak-Szczucka
      }
      if (b == i || b + 1 >= t.size() || t[b].newline_before || !(entry_start || caps)) continue;
      // A numbered entry may leave the comma out: "3. Kowalski Jan, ur. 1900". A family name in
      // capitals may have its comma read as a period ("KOHN. Ruth"), not before a word in capitals.
      const bool comma = t[b].is(',') || (caps && entry_start && t[b].is('.') && !t[b].space_before &&
                                          capital(t[b + 1]) && !t[b + 1].all_upper);
      if (!comma && !(numbered && words <= 2 && capital(t[b]))) continue;
      if (!comma && !numbered && numbered_inline && !caps) continue;
      if (comma && t[b + 1].newline_before) continue;
      if (const Entity* e = set.at(t[i].start, t[b - 1].end); e && e->type != EntityType::kPerson) continue;
      const std::size_t g = comma ? b + 1 : b;  // the first given name
      std::size_t c = g, given = 0;
      while (c < t.size() && !t[c].newline_before) {
        if (capital(t[c]) && given_name(stream, c)) {
          ++given;
          ++c;
          // "Hanna-Lotte": a double given name, the second part known or not.
          if (c + 1 < t.size() && t[c].is('-') && !t[c].space_before && !t[c + 1].space_before && capital(t[c + 1]))
            c += 2;
        } else if (initial(t, c)) {
          c += 2;
        } else if (given > 0 && lex.particles.has(t[c]) && !t[c].upper) {
          ++c;
        } else {
          break;
        }
      }
      // A heading in capitals names anyone, listed or not: "SUGIHARA, CHIUNE (1900-1986)".
      if (given == 0 && caps && comma && entry_start) {
        while (c < t.size() && c < g + 2 && !t[c].newline_before && t[c].all_upper && capital(t[c]) &&
               t[c].key.size() > 1 && !lex.not_names.has(t[c]))
          ++c;
        if (c > g && c < t.size() && !t[c].newline_before && t[c].is('(')) given = c - g;
        // A list's entry: the family name in capitals, a comma, given names no list knows
        // ("ADLER, Mizzi", "PICK, Friedl Lore"), then the next field or the line's end.
        if (given == 0 && numbered) {
          c = g;
          while (c < t.size() && c < g + 2 && !t[c].newline_before && capital(t[c]) && !t[c].all_upper &&
                 t[c].key.size() > 2 && !lex.not_names.has(t[c]) && !title_at(t, c, &titles) &&
                 !places_->find(std::string(t[c].key)))
            ++c;
          const bool field = c == t.size() || t[c].newline_before || t[c].is(',') || t[c].is(';') ||
                             t[c].is('(') || t[c].kind == TokenKind::kNumber;
          given = c > g && field ? c - g : 0;
        }
      }
      if (given == 0) continue;
      // The entry goes on with its next field ("GRÜNBERG, Salomon, b. 1901", "(1885-1954)"; in
      // a numbered entry also a lower-case word: "2. Bergman Sara z d. Kac"); a salutation ends
      // otherwise ("Lieber Freund, Hans!").
      const bool next_field = c < t.size() && !t[c].newline_before &&
                              (t[c].is(',') || t[c].is(';') || t[c].is('(') || t[c].is(':') ||
                               t[c].kind == TokenKind::kNumber ||
                               (numbered && t[c].kind == TokenKind::kWord && t[c].script == 1 && !t[c].upper));
      const bool line_ends = c == t.size() || t[c].newline_before;
      if (!next_field && !(line_ends && (caps || m < i))) continue;
      std::string family;
      for (std::size_t k = i; k < b; ++k) {
        std::string w(t[k].text(doc.text));
        if (caps) w = lex.particles.has(t[k]) ? lower_case(w) : title_case(w);  // "VAN PELT": van Pelt
        family += (k > i && t[k].space_before ? " " : "") + w;
      }
      std::string givens;
      for (std::size_t k = g; k < c; ++k) {
        std::string w(t[k].text(doc.text));
        if (caps && t[k].kind == TokenKind::kWord && t[k].key.size() > 1) w = title_case(w);
        givens += (k > g && t[k].space_before ? " " : "") + w;
      }
      // An alias in brackets stays in the mention: "Sznejder Rachela (Rachel), ur. 1925".
      std::size_t last = c;
      if (c + 2 < t.size() && t[c].is('(') && capital(t[c + 1]) && t[c + 2].is(')') && !t[c].newline_before) last = c + 3;
      if (set.add({EntityType::kPerson, t[i].start, t[last - 1].end, givens + " " + family, 0.7, {"inverted-name"}, {}}) &&
          numbered)
        ++numbered_found;
      i = last - 1;
    }
    if (numbered_found >= 2) family_first_list(doc, set, stream);
  }

  // In a numbered list whose entries give the family name first, the entries the lists could
  // not tell are read so too: "4. Gordon Izaak, s. Lejba" (Gordon is also a given name), "7.
  // Rudaszewski Icchok, ur. 1927" (Icchok no list has): two capitalized words after the
  // number, then a comma.
  void family_first_list(Document& doc, EntitySet& set, const TokenStream& stream) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    for (std::size_t i = 2; i + 2 < t.size(); ++i) {
      if (!t[i - 2].newline_before || t[i - 2].kind != TokenKind::kNumber || !(t[i - 1].is('.') || t[i - 1].is(')')))
        continue;
      std::size_t f = i + 1;  // the given name
      if (f + 2 < t.size() && t[f].is('-') && !t[f].space_before && capital(t[f + 1])) f += 2;  // Kowarska-Szapiro
      if (f + 1 >= t.size() || !capital(t[i]) || !capital(t[f]) || t[f].newline_before || !t[f + 1].is(',')) continue;
      const std::vector<Cue>* titles = nullptr;
      if (lex.not_names.has(t[i]) || lex.not_names.has(t[f]) || title_at(t, i, &titles)) continue;
      if (set.at(t[i].start, t[f].end)) continue;
      // An entry that tells its order is read as it tells: a given name first and none second
      // ("Frank Meisler"), or the family name in capitals second ("Ruth KOHN").
      if (given_name(stream, i) && !given_name(stream, f) && !t[f].all_upper) continue;
      if (t[f].all_upper && !t[i].all_upper && f == i + 1) {
        set.add({EntityType::kPerson, t[i].start, t[f].end,
                 std::string(t[i].text(doc.text)) + " " + title_case(std::string(t[f].text(doc.text))), 0.65,
                 {"family-name-in-capitals", "list"}, {}});
        continue;
      }
      const std::string family(doc.text.substr(t[i].start, t[f - 1].end - t[i].start));
      set.add({EntityType::kPerson, t[i].start, t[f].end, std::string(t[f].text(doc.text)) + " " + family, 0.65,
               {"inverted-name", "family-first-list"}, {}});
    }
  }

  enum class PolishCase { kUnknown, kMasculineOblique, kInstrumental };
  struct Case {
    std::string_view suffix, repl;
  };
  // Surname endings and their nominative; those that give -ski/-cki are a man's name in
  // another case ("Kowalskiego"), which tells the case of the name's other words.
  static constexpr Case kSurnameCases[] = {{"skiego", "ski"},     {"ckiego", "cki"},     {"skiemu", "ski"},
                                           {"ckiemu", "cki"},     {"skiej", "ska"},      {"ckiej", "cka"},
                                           {"skim", "ski"},       {"ckim", "cki"},       {"ovou", "ov\u00E1"},
                                           {"ovej", "ov\u00E1"}, {"ovu", "ov\u00E1"},  {"ove", "ov\u00E1"},
                                           {"ska", "ska"}};

  // The case of a Polish name of tokens [b, e), from a masculine -ski surname ("Jana
  // Kowalskiego") or an instrumental given name ("z Janem Nowakiem"): it undoes the other
  // words' endings too.
  static PolishCase polish_case_of(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    PolishCase found = PolishCase::kUnknown;
    for (std::size_t k = b; k < e; ++k) {
      const std::string_view key = t[k].key;
      for (const Case& c : kSurnameCases)
        if (c.repl.back() == 'i' && key.size() > c.suffix.size() + 2 && key.ends_with(c.suffix))
          return PolishCase::kMasculineOblique;
      if (found == PolishCase::kUnknown && key.size() > 4 && key.ends_with("em") &&
          NameLexicons::get().given_names.has(WordIds::find(key.substr(0, key.size() - 2))))
        found = PolishCase::kInstrumental;
    }
    return found;
  }

  // A Polish, Czech or Slovak given name or -ski / -ová surname in the nominative: "Marii" →
  // "Maria", "Sarę" → "Sara", "Stanisława" → "Stanisław", "Kowalskiej" → "Kowalska",
  // "Dobrowolskiego" → "Dobrowolski", "Evou Goldbergovou" → "Eva Goldbergová". A given name
  // changes only where the list has the result and not the word itself ("Jana" stays: also a
  // name), unless the name's case says otherwise; `key` is the word's fold_key, letter for
  // letter.
  static std::string polish_nominative(const std::string& word, std::string_view key, PolishCase name_case) {
    const auto& lex = NameLexicons::get();
    for (const Case& c : kSurnameCases) {
      if (key.size() <= c.suffix.size() + 2 || !key.ends_with(c.suffix)) continue;
      if (c.suffix == "ska") {
        // "Kowalską" (instrumental) folds like the nominative: only the written ą tells.
        return word.ends_with("\xC4\x85") ? replace_last_letters(word, 1, "a") : word;
      }
      return replace_last_letters(word, c.suffix.size(), c.repl);
    }
    // The e that comes and goes before the last consonant: "Pavlem" (Pavel), "Karla" (Karel),
    // "Jacka" (Jacek) — before the plain ending, which gives Karl and Jack of other languages.
    for (const std::string_view m : {"em", "om", "owi", "ovi", "a", "u", "e"}) {
      if (key.size() < m.size() + 3 || !key.ends_with(m) || lex.given_names.has(WordIds::find(key))) continue;
      std::string base(key.substr(0, key.size() - m.size()));
      const char last = base.back();
      if (last < 'a' || last > 'z' || std::string_view("aeiouy").find(last) != std::string_view::npos) continue;
      base.insert(base.size() - 1, "e");
      if (lex.given_names.has(WordIds::find(base))) {
        std::string stem = replace_last_letters(word, m.size(), "");  // "Pawł" of "Pawłem"
        std::size_t at = stem.size() - 1;
        while (at > 0 && (static_cast<unsigned char>(stem[at]) & 0xC0) == 0x80) --at;  // its last letter
        return stem.insert(at, "e");
      }
    }
    // The name's case tells what a given name or another surname ends in: "Jana" (of Jan),
    // "Nowakiem" (with Nowak).
    if (name_case == PolishCase::kMasculineOblique) {
      for (const std::string_view m : {"owi", "a"})
        if (key.size() > m.size() + 2 && key.ends_with(m) &&
            lex.given_names.has(WordIds::find(key.substr(0, key.size() - m.size()))))
          return replace_last_letters(word, m.size(), "");
    }
    if (name_case == PolishCase::kInstrumental) {
      for (const std::string_view m : {"iem", "em"})
        if (key.size() > m.size() + 2 && key.ends_with(m)) return replace_last_letters(word, m.size(), "");
    }
    if (lex.given_names.has(WordIds::find(key))) {
      // "Ewą", "Annę" fold like the nominative: only the written ą or ę tells.
      if (word.ends_with("\xC4\x85") || word.ends_with("\xC4\x99")) return replace_last_letters(word, 1, "a");
      return word;
    }
    static constexpr Case kGiven[] = {{"owi", ""}, {"ovi", ""}, {"em", ""}, {"om", ""}, {"ou", "a"}, {"ie", "a"},
                                      {"ie", ""},  {"a", ""},   {"y", "a"}, {"i", "a"}, {"e", "a"},  {"u", ""},
                                      {"u", "a"}};
    for (const Case& c : kGiven) {
      if (key.size() < c.suffix.size() + 2 || !key.ends_with(c.suffix)) continue;  // "Evou": Eva
      const std::string base = std::string(key.substr(0, key.size() - c.suffix.size())) + std::string(c.repl);
      if (lex.given_names.has(WordIds::find(base))) return replace_last_letters(word, c.suffix.size(), c.repl);
    }
    return word;
  }

  // "GRÜNBERG" → "Grünberg": the first letter kept, the rest in lower case.
  static std::string title_case(std::string_view word) {
    std::size_t first = 0;
    if (next_code_point(word, first) < 0) return std::string(word);
    return std::string(word.substr(0, first)) + lower_case(word.substr(first));
  }

  // A surname alone where the document names the person in full elsewhere, before or after:
  // "Schindler" beside "Oskar Schindler", "Kahn's" beside "Gisela Kahn", "בסוגיהרה" (ב + the
  // name) beside "צ'יונה סוגיהרה".
  void surnames_alone(Document& doc, EntitySet& set, const std::vector<Token>& t) const {
    const auto& lex = NameLexicons::get();
    std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> full;  // folded surname → full name
    for (const auto& [start, e] : set.added()) {
      if (e.type != EntityType::kPerson) continue;
      auto it = std::lower_bound(t.begin(), t.end(), e.start, [](const Token& k, uint32_t v) { return k.start < v; });
      std::size_t words = 0;
      const Token* last = nullptr;
      for (; it != t.end() && it->end <= e.end; ++it)
        if (it->kind == TokenKind::kWord) {
          ++words;
          last = &*it;
        }
      if (words < 2 || !last || last->end - last->start < 3 || !(capital(*last) || rtl_word(*last))) continue;
      if (lex.particles.has(*last) || lex.not_names.has(*last) || lex.given_names.has(*last)) continue;
      full.emplace(last->key, e.value);
    }
    if (full.empty()) return;
    // Most capitalized words are no such surname: a filter by first byte and length answers
    // before the table is asked.
    std::vector<bool> shapes(256 * 32);
    auto shape = [](std::string_view k) {
      return static_cast<std::size_t>(static_cast<unsigned char>(k[0])) * 32 + std::min<std::size_t>(k.size(), 31);
    };
    for (const auto& [key, value] : full) shapes[shape(key)] = true;
    auto find = [&](std::string_view k) { return !k.empty() && shapes[shape(k)] ? full.find(k) : full.end(); };
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!(capital(t[k]) || rtl_word(t[k]))) continue;
      std::string_view key = t[k].key;
      if (key.ends_with("'s")) key.remove_suffix(2);
      auto f = find(key);
      if (f != full.end()) {
        if (!set.at(t[k].start, t[k].end)) add(doc, set, t, k, k + 1, 0.6, "surname-of:" + f->second);
        continue;
      }
      // Behind Arabic or Hebrew clitics ("בסוגיהרה", "ובצוורטנדייק"): the mention leaves them out.
      if (!rtl_word(t[k])) continue;
      for (std::size_t letters = 1; letters <= 2; ++letters) {
        const std::size_t bytes = 2 * letters;  // Arabic and Hebrew letters take two bytes
        if (key.size() <= bytes + 4 || !clitic_letters(key.substr(0, bytes), t[k].script)) continue;
        // Prepositions and "and" only: the article makes another name ("הלוי" is no "לוי").
        if (key.substr(0, bytes).find("\xD7\x94") != std::string_view::npos) continue;  // ה
        f = find(key.substr(bytes));
        if (f == full.end()) continue;
        const std::string_view word = t[k].text(doc.text);
        const auto cut = static_cast<uint32_t>(letters_prefix_bytes(word, letters));
        if (set.at(t[k].start + cut, t[k].end)) break;
        set.add({EntityType::kPerson, t[k].start + cut, t[k].end, std::string(word.substr(cut)), 0.6,
                 {"surname-of:" + f->second, "clitic"}, {}});
        break;
      }
    }
  }

  // A given name, also in an inflected form ("Marii", "Zofii", "Emanuela": Polish cases):
  // `inflected` tells which.
  static bool given_name(const TokenStream& stream, std::size_t i, bool* inflected = nullptr) {
    const auto& lex = NameLexicons::get();
    const Token& tok = stream.tokens[i];
    if (inflected) *inflected = false;
    if (lex.given_names.has(tok)) return true;
    if (tok.script != 1 || tok.key.size() < 4) return false;
    const std::span<const uint32_t> forms = stream.forms(i);
    for (std::size_t f = 1; f < forms.size(); ++f)
      if (lex.given_names.has(forms[f])) {
        if (inflected) *inflected = true;
        return true;
      }
    return false;
  }

  // An Arabic family name with the article right after a given name ("إبراهيم الصفار", "محمد
  // الخوري"), not a description: no nisba (البرتغالي, the Portuguese; التونسية) and no title
  // or role (الطبيب, the doctor).
  bool arabic_family_name(const std::vector<Token>& t, std::size_t j, std::size_t k) const {
    if (k != j + 1 || t[k].script != 2) return false;
    const std::string_view key = t[k].key;
    if (key.ends_with("\xD9\x8A") || key.ends_with("\xD9\x89") || key.ends_with("\xD9\x8A\xD9\x87") ||
        key.ends_with("\xD9\x8A\xD8\xA9"))  // ي ى يه ية
      return false;
    const std::vector<Cue>* titles = nullptr;
    return title_at(t, k, &titles) == 0;
  }

  // A Hebrew family name that starts with the letter of the article ("שמואל הורוביץ",
  // Horowitz), right after a given name: one with an ending of Ashkenazi family names (-ביץ
  // -witz, -מן -man, -שטיין -stein, -ברג -berg, -סקי -ski, -בלום -blum, -פלד -feld).
  static bool hebrew_family_name(const std::vector<Token>& t, std::size_t j, std::size_t k) {
    if (k != j + 1 || t[k].script != 3) return false;
    // Folded: final letters as their usual forms (ן → נ). The Levite and the priest: הלוי, הכהן.
    const std::string_view key = t[k].key;
    return rtl_surname_like(t[k]) || (key.size() > 8 && key.ends_with("\u05DE\u05E0")) ||
           key == "\u05D4\u05DC\u05D5\u05D9" || key == "\u05D4\u05DB\u05D4\u05E0";
  }


  // A title or role at token i (tokens matched, or 0). A one-letter abbreviation written in
  // lower case ("s." siostra, "p." pani) does not match a capital: "S. Rozenberg" is an initial;
  // nor does a family, kin or role word listed in lower case ("rodzina"): "Rodziny Maryi" is
  // part of a name.
  std::size_t title_at(const std::vector<Token>& t, std::size_t i, const std::vector<Cue>** titles) const {
    std::size_t n = NameLexicons::get().titles.longest(t, i, titles);
    // Slavic titles, roles and kin words decline with the name, in lower case: "s rabínom
    // Kleinom", "doktora Schwarze" — a title of the document's languages.
    if (!n && declined_title_start(*stream_, i)) {
      const std::span<const uint32_t> forms = stream_->forms(i);
      for (std::size_t f = 1; f < forms.size(); ++f) {
        const std::size_t m = NameLexicons::get().titles.longest(t, i, titles, SIZE_MAX, forms[f]);
        if (m && std::any_of((*titles)->begin(), (*titles)->end(),
                             [&](const Cue& c) { return !c.languages.empty() && c.of_languages(languages_); }))
          return m;
      }
      return 0;
    }
    // Behind the Arabic or Hebrew "and": "وزوجته" (and his wife), "ושגריר" (and the ambassador).
    // Not behind a preposition: "לבעלי" is "to the owners of", not "to my husband".
    if (!n && i < t.size() && rtl_word(t[i]) && and_clitic(t[i]))
      if (const uint32_t rest = stream_->clitic_rest(i, 1))
        if (const std::size_t m = NameLexicons::get().titles.longest(t, i, titles, SIZE_MAX, rest)) return m;
    // A kin or family word is behind one in a letter's greeting: "לאחי היקר יצחק" (to my dear
    // brother), "ולגיסתי פנינה" (and to my sister-in-law), "שמשפחת וולף" — but not "לבעלי".
    if (!n && i < t.size() && t[i].script == 3 && t[i].key.size() >= 8)
      for (std::size_t letters = 1; letters <= 2; ++letters)
        if (const uint32_t rest = stream_->clitic_rest(i, letters)) {
          const std::size_t m = NameLexicons::get().titles.longest(t, i, titles, SIZE_MAX, rest);
          if (m == 1 &&
              std::any_of((*titles)->begin(), (*titles)->end(), [](const Cue& c) { return c.kind == "kin" || c.kind == "family"; }) &&
              t[i].key.substr(2 * letters) != "\xD7\x91\xD7\xA2\xD7\x9C\xD7\x99")  // בעלי
            return m;
        }
    if (!n) return 0;
    // A given name is a title of its own languages only: "Regina Lederer" in German (regina is
    // Romanian for queen).
    if (n == 1 && NameLexicons::get().given_names.has(t[i]) &&
        std::none_of((*titles)->begin(), (*titles)->end(), [&](const Cue& c) { return c.of_languages(languages_); }))
      return 0;
    // Hebrew and Yiddish share their letters, not their words: Yiddish "חבר" (comrade, a title)
    // is Hebrew for member or friend.
    if (t[i].script == 3 &&
        std::none_of((*titles)->begin(), (*titles)->end(), [&](const Cue& c) { return c.of_languages(languages_); }))
      return 0;
    const std::string_view written = text_.substr(t[i].start, t[i + n - 1].end - t[i].start);
    // A capital letter and its period is an initial in other languages: "M." is Monsieur in
    // French, "M. Szabad" in Polish.
    const bool one_letter = t[i].upper && t[i].key.size() == 1 && (n == 1 || (n == 2 && t[i + 1].is('.')));
    for (const Cue& c : **titles)
      if ((!t[i].upper || !c.lower_only) && c.written_as(written) && (!one_letter || c.of_languages(languages_)))
        return n;
    return 0;
  }

  // A Roman numeral in capitals: "X", "IV", "XII".
  static bool roman_numeral(const Token& k) {
    return k.kind == TokenKind::kWord && k.upper && (k.all_upper || k.key.size() == 1) &&
           k.key.find_first_not_of("ivxl") == std::string::npos;
  }

  // After a regnal number: "König Christian X. zeigte" — a period before a lower-case word
  // ends no sentence; it makes the numeral an ordinal and belongs to the name.
  static std::size_t ordinal_period(const std::vector<Token>& t, std::size_t end) {
    if (roman_numeral(t[end - 1]) && end + 1 < t.size() &&
        t[end].is('.') && !t[end].space_before && t[end + 1].kind == TokenKind::kWord && t[end + 1].script == 1 &&
        !t[end + 1].upper)
      return end + 1;
    return end;
  }

  // An initial: one capital letter and a period right after it ("J.").
  static bool initial(const std::vector<Token>& t, std::size_t k) {
    // One letter: one byte folded ("J", "Ł" → "l"), or one two-byte letter ("Ж").
    const bool one_letter = t[k].key.size() == 1 || (t[k].key.size() == 2 && t[k].end - t[k].start == 2 &&
                                                      static_cast<unsigned char>(t[k].key[0]) >= 0xC0);
    return k + 1 < t.size() && capital(t[k]) && one_letter && t[k + 1].is('.') && !t[k + 1].space_before;
  }

  // The bytes of the Hungarian "-né" (wife of: "Weissné") at the end of a word, with the case
  // ending after it ("Weisz Józsefnét", "Kleinnének", "Steinernével"), or 0. Only with the
  // accent as written: folded, it would be the "-ne" of German "Meine", "Seine", "Keine".
  static std::size_t wife_ending(std::string_view written) {
    // Most words have no é in their last eight bytes (where "-né" and a case ending would be):
    // one look spares them the endings.
    if (written.size() < 5) return 0;
    const std::string_view tail = written.substr(written.size() > 8 ? written.size() - 8 : 0);
    bool e_acute = false;
    for (std::size_t k = 0; k + 1 < tail.size(); ++k)
      e_acute = e_acute || (tail[k] == '\xC3' && (tail[k + 1] == '\xA9' || tail[k + 1] == '\x89'));
    if (!e_acute) return 0;
    static constexpr std::string_view kCases[] = {"",    "t",   "nek",  "vel", "hez",  "n\u00E9l", "t\u0151l",
                                                  "r\u0151l", "re", "be", "ben", "b\u0151l", "ig", "\u00E9rt"};
    for (const std::string_view c : kCases)
      for (const std::string_view ne : {std::string_view("n\u00E9"), std::string_view("N\u00C9")})
        if (written.size() > ne.size() + c.size() + 2 && written.ends_with(c) &&
            written.substr(0, written.size() - c.size()).ends_with(ne))
          return ne.size() + c.size();
    return 0;
  }

  static bool surname_like(std::string_view key, std::string_view written) {
    static constexpr std::string_view kEndings[] = {
        "ski",  "ska",  "cki",  "cka",  "dzki", "dzka", "wicz", "witz", "berg", "stein", "mann", "baum", "feld",
        "blum", "thal", "heim", "sohn", "ova",  "vich", "enko", "czyk", "owski", "owska", "sky", "zky",
        "ovou", "ovej", "ovu"};
    for (const std::string_view e : kEndings)
      if (key.size() > e.size() + 2 && key.ends_with(e)) return true;
    return key.size() > 4 && wife_ending(written) > 0;
  }

  // A word with the ending of a German or Dutch abstract or collective noun ("Arbeitsgruppe",
  // "Verwaltung", "Gemeinschaft", "Polizei"), which no family name after "von der" has.
  static bool common_noun_ending(const Token& t) {
    static constexpr std::string_view kEndings[] = {"ung",  "heit",  "keit",   "schaft", "gruppe", "stelle",
                                                    "behorde", "polizei", "ion", "itat",   "ium",    "amt"};
    for (const std::string_view e : kEndings)
      if (t.key.size() >= e.size() + 3 && t.key.ends_with(e)) return true;
    return false;
  }

  // The end of a personal name starting at j: capitalized words, initials ("J."), particles
  // between names ("de Sousa", "van der Meulen"), hyphenated parts, an alias in brackets, and
  // for rulers a regnal number ("Christian X"). Arabic and Hebrew: up to three words that
  // are not function words.
  std::size_t name_run(const EntitySet& set, const TokenStream& stream, std::size_t j, bool royal) const {
    const auto& lex = NameLexicons::get();
    const auto& t = stream.tokens;
    if (j >= t.size()) return j;
    // A token another name holds ends the run — except a place right after a particle, which
    // is a surname ("de Sousa"), and another person, which the longer mention absorbs.
    auto taken = [&](std::size_t k) {
      const Entity* e = set.at(t[k].start, t[k].end);
      if (!e || e->type == EntityType::kPerson) return false;
      // A one-word place as written right after a given name is the family name: "Wilfrid
      // Israel", "روبين إسرائيل" (not in Hungarian, where the given name comes last: "Weisz
      // Margit Svájcba").
      if (e->type == EntityType::kPlace && k == j + 1 && e->start == t[k].start && e->end == t[k].end &&
          !t[k].newline_before && !hungarian_ && (capital(t[j]) || rtl_word(t[j])) && lex.given_names.has(t[j]) &&
          std::find(e->evidence.begin(), e->evidence.end(), "match:exact") != e->evidence.end())
        return false;
      std::size_t first = k;  // the place's first token: "de Liz-Texeira" is a surname as a whole
      while (first > 0 && t[first].start > e->start) --first;
      return !(e->type == EntityType::kPlace && first > 0 && lex.particles.has(t[first - 1]));
    };
    if (rtl_word(t[j])) {
      // Given name and family name, with particles (بن، عبد، دي، أبو) and a bracketed alias;
      // words with the article (البرتغالي, "the Portuguese") are descriptions, not names.
      const WordSet& kParticles = lex.rtl_particles;
      std::size_t end = j, words = 0, particles = 0;
      // After "son of" (بن، ابن، أبو) comes a name, whatever it folds to: "بن علي" is Ali, not
      // "على" (on), which folds the same; "علي" written with its dots is the name anyway.
      auto ends_name = [&](std::size_t k) {
        if (k > j && kParticles.has(t[k - 1])) return false;
        if (t[k].script == 2 && t[k].text(text_) == "\xD8\xB9\xD9\x84\xD9\x8A") return false;  // علي
        // Hebrew "שה" (that the, who + a verb: "קובלסקי שהסתירה", Kowalski who hid) opens a
        // clause; no name starts so.
        if (k > j && t[k].script == 3 && t[k].key.size() >= 10 && t[k].key.starts_with("\u05E9\u05D4")) return true;
        // A letter's greeting after the names: "לאחי יצחק ולגיסתי פנינה שלום," (peace).
        if (k > j && t[k].key == "\u05E9\u05DC\u05D5\u05DE" &&
            (k + 1 == t.size() || t[k + 1].newline_before || t[k + 1].kind == TokenKind::kPunct ||
             t[k + 1].key == "\u05E8\u05D1"))  // שלום רב
          return true;
        if (k > j && t[k].script == 3 && !lex.given_names.has(t[k]) && !romanized_name(t[k].key)) {
          // A plural, a noun or an adjective, is no family name: "שרה בריאים" (Sarah [is] well).
          if (t[k].key.size() >= 8 && (t[k].key.ends_with("\u05D9\u05DE") || t[k].key.ends_with("\u05D5\u05EA")))
            return true;
          // "and to the son of" glued: "אברהם ולבן דודנו" (Abraham and to our cousin).
          if (kParticles.has(stream.clitic_rest(k, 1)) || kParticles.has(stream.clitic_rest(k, 2))) return true;
        }
        return function_word(stream, k);
      };
      // "Son of" or "daughter of" and a name end it unless another "son of" follows: "علي بن
      // سالم بالخبز" (with the bread), "علي بن سالم بن يوسف".
      auto nasab = [&](const Token& k) {
        static const std::unordered_set<std::string_view> kSonOf = {"\xD8\xA8\xD9\x86", "\xD8\xA7\xD8\xA8\xD9\x86",
                                                              "\xD8\xA8\xD9\x86\xD8\xAA", "\xD7\x91\xD7\x9F",
                                                              "\xD7\x91\xD7\xAA"};  // بن ابن بنت בן בת
        return kSonOf.count(k.key) > 0;
      };
      bool lineage_named = false;
      const std::vector<Cue>* title = nullptr;
      while (end < t.size() && words < 2 + particles && rtl_word(t[end]) && !ends_name(end) &&
             !taken(end) &&
             (end == j || (!t[end].newline_before && !and_given_name(stream, end) &&
                           !(t[end].script == 3 && glued_given_name(stream, end) && !lex.given_names.has(t[end]))))) {
        // "משה ואשתו רחל": a kin word or title after the name, with "and" or without, is the
        // next person's cue.
        if (end > j && title_at(t, end, &title)) break;
        // A given name that only begins like the article opens the name all the same: "ألبرت"
        // (Albert), "ألفريد" (Alfred).
        if (rtl_definite(t[end]) && !(end > j && kParticles.has(t[end - 1])) && !arabic_family_name(t, j, end) &&
            !hebrew_family_name(t, j, end) && !(end == j && lex.given_names.has(t[end])))
          break;
        if (lineage_named && !nasab(t[end])) break;
        const bool particle = kParticles.has(t[end]) > 0;
        lineage_named = end > j && nasab(t[end - 1]) && !particle;
        ++end;
        // A geresh closing a Hebrew name belongs to it: "מדריץ'" (Madritsch).
        if (end < t.size() && t[end - 1].script == 3 && !t[end].space_before && (t[end].is('\'') || t[end].key == "\xD7\xB3"))
          ++end;
        if (particle) particles = 1;
        else ++words;
        if (end + 2 < t.size() && t[end].is('(') && rtl_word(t[end + 1]) && t[end + 2].is(')')) end += 3;
      }
      return end;
    }
    std::size_t end = j;
    std::size_t words = 0;
    while (end < t.size() && words < 5) {
      const Token& k = t[end];
      if (words > 0 && (k.newline_before || taken(end))) break;  // a paragraph break or another name ends it
      // "Barot de la CIMADE": capitals after a name in mixed case start something else (but
      // "SAMUEL (SZMUL) ROZENBERG" goes on: the last word, not the bracket, counts).
      // A family name in capitals right after a given name ends the name: "Werner KATZ",
      // "Berthe WEILL" — it is no capitals after a particle, nor one of two or more.
      if (words > 0 && k.all_upper && k.end - k.start > 1) {
        std::size_t last_word = end - 1;
        while (last_word > j && t[last_word].kind != TokenKind::kWord) --last_word;
        if (!t[last_word].all_upper) {
          const std::vector<Cue>* cue = nullptr;
          const bool family_in_capitals = last_word == end - 1 && !lex.particles.has(t[last_word]) &&
                                          k.key.size() >= 3 && capital(k) && !lex.not_names.has(k) &&
                                          !lex.org_cues.longest(t, end, &cue) &&
                                          !(end + 1 < t.size() && t[end + 1].all_upper && !t[end + 1].newline_before);
          if (family_in_capitals) ++end;
          break;
        }
      }
      const std::vector<Cue>* org = nullptr;
      if (words > 0 && lex.org_cues.longest(t, end, &org)) break;  // "... Lévy-Dreyfus Œuvre de secours"
      if (capital(k) && !lex.not_names.has(k)) {
        // An initial: "J." — a single capital letter followed by a period.
        ++end;
        ++words;
        if (initial(t, end - 1) && end + 1 < t.size() &&
            (capital(t[end + 1]) || (lex.particles.has(t[end + 1]) && end + 2 < t.size() && capital(t[end + 2]))))
          ++end;  // "J. Feuerstein", "A. de Sousa Mendes"
        else if (end + 1 < t.size() && t[end].is('-') && !t[end].space_before && capital(t[end + 1]))
          ++end;  // Kossak-Szczucka
        else if (end + 2 < t.size() && t[end].is('(') && capital(t[end + 1]) && t[end + 2].is(')'))
          end += 3;  // Regina (Rivka) Kahn
        else if (end + 4 < t.size() && t[end].is('(') && quote(t[end + 1]) && capital(t[end + 2]) && quote(t[end + 3]) &&
                 t[end + 4].is(')'))
          end += 5;  // Irena Sendlerowa ("Jolanta")
        continue;
      }
      if (words > 0 && lex.particles.has(k) && !k.upper && end + 1 < t.size() &&
          (capital(t[end + 1]) || (lex.particles.has(t[end + 1]) && end + 2 < t.size() && capital(t[end + 2])))) {
        // "Oskar Neumann von der Arbeitsgruppe": a German noun after "von der" is where he came
        // from, not his name.
        const std::size_t next = capital(t[end + 1]) ? end + 1 : end + 2;
        if (common_noun_ending(t[next])) break;
        ++end;
        continue;
      }
      break;
    }
    // A run never ends on a particle ("Madeleine Barot de la CIMADE" stops at "Barot").
    while (end > j + 1 && lex.particles.has(t[end - 1]) && !t[end - 1].upper) --end;
    // Rulers: "Christian X", "Pius XII".
    if (royal) {
      if (end < t.size() && roman_numeral(t[end])) ++end;
      if (end > j + 1) end = ordinal_period(t, end);
    }
    return end;
  }

  // A birth name right after a person ("Ruth Landau, geb. Ehrlich", "Esther Goldstein (née
  // Weiss)", "z domu Grünbaum") names that person: it takes her value. Cue at token i.
  static void birth_name(const EntitySet& set, const std::vector<Token>& t, std::size_t i, Entity& name) {
    std::size_t k = i;
    while (k > 0 && i - k < 2 && (t[k - 1].is(',') || t[k - 1].is('('))) --k;
    if (k == 0 || t[i].newline_before) return;
    const Entity* before = set.at(t[k - 1].start, t[k - 1].end);
    if (!before || before->type != EntityType::kPerson || before->end > t[k - 1].end) return;
    name.value = before->value;
    // A Hungarian married name ("Mrs. Sándor Grünfeld") with her own given name after it:
    // "Grünfeld Sándorné, született Klein Ilona" is Ilona Grünfeld.
    if (before->value.starts_with("Mrs. ") && before->value.find(' ', 5) != std::string::npos) {
      const std::string_view own = name.text;
      if (const std::size_t space = own.rfind(' '); space != std::string_view::npos)
        name.value = std::string(own.substr(space + 1)) + before->value.substr(before->value.rfind(' '));
    }
    name.authority = before->authority;
    name.evidence.push_back("birth-name-of:" + before->text);
  }

  // How a Hungarian name is valued. kFamilyFirst: "Kovács Jánost" is "János Kovács" (given
  // names first, in the nominative). A married name, whatever the rule that found it:
  // "Steiner Józsefné" (wife of József Steiner) is "Mrs. József Steiner", or by her own name
  // when it follows in brackets: "Steiner Józsefné (Klára)" is "Klára Steiner".
  enum class Order { kAsWritten, kFamilyFirst };

  // Can a title start at token i, as written or declined?
  bool title_start(const TokenStream& stream, std::size_t i) const {
    return NameLexicons::get().titles.starts(stream.tokens[i].id) || declined_title_start(stream, i);
  }

  // A lower-case word of a Polish, Czech or Slovak document, not a title as written, one of
  // whose base forms starts a title.
  bool declined_title_start(const TokenStream& stream, std::size_t i) const {
    const Token& k = stream.tokens[i];
    if (!polish_ || k.kind != TokenKind::kWord || k.script != 1 || k.upper || k.key.size() < 4) return false;
    const auto& titles = NameLexicons::get().titles;
    if (titles.starts(k.id)) return false;
    const std::span<const uint32_t> forms = stream.forms(i);
    return std::any_of(forms.begin() + 1, forms.end(), [&](uint32_t id) { return titles.starts(id); });
  }

  // The case ending of a Slavic title declined with the name after it ("rabínom" → "om",
  // "doktora" → "a"), or "" when it is written as listed.
  std::string_view case_ending(const std::vector<Token>& t, std::size_t i) const {
    if (!polish_ || NameLexicons::get().titles.starts(t[i].id)) return {};
    for (const std::string_view e : {"ovi", "owi", "iem", "om", "em", "ou", "a", "u", "y", "e", "i"})
      if (t[i].key.size() > e.size() + 2 && t[i].key.ends_with(e)) return e;
    return {};
  }

  // The case ending of a masculine given name in an oblique case ("Arnolda": Arnold + a), or
  // "" when the word is a name as it stands ("Jana" is also a name) or no listed name.
  static std::string_view given_name_case(std::string_view key) {
    const auto& given = NameLexicons::get().given_names;
    if (given.has(WordIds::find(key))) return {};
    for (const std::string_view m : {"owi", "ovi", "om", "em", "a", "u"})
      if (key.size() > m.size() + 2 && key.ends_with(m) && given.has(WordIds::find(key.substr(0, key.size() - m.size()))))
        return m;
    return {};
  }

  // The person of tokens [b, e); `cut`: bytes of a clitic to leave out at the start; `order`:
  // see Order; `case_ending`: the case ending of the title before it (case_ending()).
  Entity* add(Document& doc, EntitySet& set, const std::vector<Token>& t, std::size_t b, std::size_t e, double conf,
              const std::string& why, std::size_t cut = 0, Order order = Order::kAsWritten,
              std::string_view case_ending = {}, bool displaces = false) const {
    if (e <= b) return nullptr;
    // A run that is exactly a known place is not a person ("Lisboa" after a title-like word),
    // unless it is a given name too, after a kin word or honorific (`displaces`).
    std::string key;
    for (std::size_t k = b; k < e; ++k) key.append(k > b ? " " : "").append(t[k].key);
    if (e - b == 1 && places_->find(key) && !displaces) return nullptr;
    const PolishCase polish_case = polish_ ? polish_case_of(t, b, e) : PolishCase::kUnknown;
    // Without a title, a declined masculine given name tells the family name's case: "Arnolda
    // Weissa" (of Arnold Weiss), "s Arnoldom Weissom", "Dawidowi Nowakowi".
    if (polish_ && case_ending.empty() && e >= b + 2 && capital(t[b]))
      case_ending = given_name_case(t[b].key);
    std::string value;
    for (std::size_t k = b; k < e; ++k) {
      if (t[k].is('(')) {  // leave the alias out of the value
        while (k < e && !t[k].is(')')) ++k;
        continue;
      }
      std::string_view w = t[k].text(doc.text).substr(k == b ? cut : 0);
      if (t[k].kind == TokenKind::kPunct && w != "-" && w != ".") continue;
      // The value is the name as a heading would give it: "HELENA GOLDFARB" → "Helena
      // Goldfarb", Polish cases undone ("Marii Kowalskiej" → "Maria Kowalska").
      std::string word;
      if (t[k].kind == TokenKind::kWord && t[k].script == 1 && t[k].all_upper && t[k].end - t[k].start > 1 &&
          !roman_numeral(t[k])) {
        word = title_case(w);
        w = word;
      }
      if (polish_ && t[k].kind == TokenKind::kWord && t[k].script == 1 && t[k].upper) {
        word = polish_nominative(std::string(w), t[k].key, polish_case);
        // A family name in the title's case: "rabínom Kleinom" → Klein.
        if (word == w && !case_ending.empty() && t[k].key.size() > case_ending.size() + 2 &&
            t[k].key.ends_with(case_ending))
          word = replace_last_letters(word, case_ending.size(), "");
        w = word;
      }
      if (k + 1 == e && k > b && w == "." && roman_numeral(t[k - 1])) continue;  // "Rudolf IV." is Rudolf IV
      if (!value.empty() && t[k].space_before) value += ' ';
      value += w;
    }
    if (order == Order::kFamilyFirst) value = hungarian_given_first(value);
    if (const std::size_t wife = e >= b + 2 && t[b].script == 1 && t[b + 1].kind == TokenKind::kWord
                                     ? wife_ending(t[b + 1].text(doc.text))
                                     : 0;
        wife && (e == b + 2 || (e == b + 5 && t[b + 2].is('(') && t[b + 4].is(')')))) {
      const std::string_view husband = t[b + 1].text(doc.text);
      const std::string given = title_case(husband.substr(0, husband.size() - wife));
      const std::string family = title_case(t[b].text(doc.text));
      if (NameLexicons::get().given_names.has(WordIds::find(fold_key(given))))
        value = e == b + 5 ? std::string(t[b + 3].text(doc.text)) + " " + family : "Mrs. " + given + " " + family;
    }
    // A possessive is not part of the name: "Kahn's".
    uint32_t end = t[e - 1].end;
    for (const std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
      const std::string_view last = t[e - 1].text(doc.text);
      if (last.size() > poss.size() + 1 && last.substr(last.size() - poss.size()) == poss) {
        end -= static_cast<uint32_t>(poss.size());
        if (value.size() >= poss.size()) value.resize(value.size() - poss.size());
        break;
      }
    }
    return set.add({EntityType::kPerson, t[b].start + static_cast<uint32_t>(cut), end, value, conf, {why}, {}, displaces});
  }

  // "Kovács Jánost" → "János Kovács": the family name to the end, each given name without the
  // case ending it has in the sentence (accusative, dative, instrumental, ...), when the
  // given-name list knows the word without it.
  static std::string hungarian_given_first(const std::string& value) {
    const std::size_t space = value.find(' ');
    if (space == std::string::npos) return value;
    std::string given;
    for (std::size_t at = space + 1; at < value.size();) {
      const std::size_t cut = std::min(value.find(' ', at), value.size());
      const std::string word = value.substr(at, cut - at);
      const std::string base = hungarian_given_name(word);
      given += (given.empty() ? "" : " ") + (base.empty() ? word : base);
      at = cut + 1;
    }
    return given + " " + value.substr(0, space);
  }

  // A Hungarian given name as written ("Katalinnak", dative), in the nominative ("Katalin")
  // when the given-name list has it, else "".
  static std::string hungarian_given_name(const std::string& word) {
    static constexpr std::pair<std::string_view, std::string_view> kEndings[] = {
        {"\u00E1t", "a"}, {"\u00E9t", "e"}, {"ot", ""},   {"et", ""},    {"\u00F6t", ""}, {"t", ""},
        {"nak", ""},      {"nek", ""},      {"\u00E1nak", "a"}, {"\u00E9nek", "e"}, {"val", ""}, {"vel", ""},
        {"\u00E1val", "a"}, {"\u00E9vel", "e"}, {"hoz", ""}, {"hez", ""}, {"\u00E1hoz", "a"}, {"t\u00F3l", ""},
        {"t\u0151l", ""}, {"r\u00F3l", ""}, {"r\u0151l", ""}};
    const auto& lex = NameLexicons::get();
    if (lex.given_names.has(WordIds::find(fold_key(word)))) return word;
    for (const auto& [ending, repl] : kEndings)
      if (word.size() > ending.size() + 2 && word.ends_with(ending)) {
        std::string base = word.substr(0, word.size() - ending.size()) + std::string(repl);
        if (lex.given_names.has(WordIds::find(fold_key(base)))) return base;
      }
    return {};
  }

  std::shared_ptr<const Gazetteer> gaz_;
  std::shared_ptr<const Gazetteer> places_;
  bool single_given_;
  std::string_view text_;  // of the document being processed
  const TokenStream* stream_ = nullptr;  // its tokens
  std::vector<std::string> languages_;   // its languages
  bool hungarian_ = false;               // it is (partly) in Hungarian
  bool german_ = false;                  // ... in German, Dutch or Yiddish (nouns capitalized)
  bool polish_ = false;                  // ... in Polish, Czech or Slovak (names decline)
};

}  // namespace

void register_tag_names(Registry& r) {
  r.add({"tag.places",
         StageKind::kDocument,
         "places from configs/authorities/places.tsv (with clitics and inflections) and from cues",
         {param_bool("cues", true, "also tag unknown places after cues (gueto de X, X Street, w X)")},
         kCapText,
         kCapEntities,
         [](const Params& p) { return std::make_unique<PlacesStage>(p); }});
  r.add({"tag.organizations",
         StageKind::kDocument,
         "organizations from configs/authorities/organizations.tsv and from head words (Comité, Council, ...)",
         {param_bool("cues", true, "also tag unknown organizations built around a head word")},
         kCapText,
         kCapEntities,
         [](const Params& p) { return std::make_unique<OrganizationsStage>(p); }});
  r.add({"tag.persons",
         StageKind::kDocument,
         "persons: known people, titles and roles, given names, particles, initials, surname endings",
         {param_bool("single_given_names", true, "tag a lone given name (\"Gisela\") as a person")},
         kCapText,
         kCapEntities,
         [](const Params& p) { return std::make_unique<PersonsStage>(p); }});
}

}  // namespace testimony
