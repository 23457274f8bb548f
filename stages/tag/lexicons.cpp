// Loading the name lexicons and the ICU-derived list of non-names.
#include "stages/tag/lexicons.hpp"

#include <algorithm>

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include "pipeline/data.hpp"
#include "pipeline/log.hpp"

namespace testimony {
namespace {

constexpr const char* kLocales[] = {"en", "pt", "de", "fr", "pl", "es", "it", "nl", "hu", "cs", "sk", "ro",
                                    "ru", "uk", "he", "yi", "ar", "sv", "da", "lt", "lv", "el", "tr"};
constexpr const char* kLanguages[] = {"en", "pt", "de", "fr", "pl", "es", "it", "nl", "hu", "cs", "sk", "ro",
                                      "ru", "uk", "he", "yi", "ar", "sv", "da", "lt", "lv", "el", "tr", "la",
                                      "ja", "zh", "be", "hr", "sr", "bg", "sl", "fi", "no", "lad", "fa"};

// A cue file: the phrase column, and the columns that go into Cue::position and Cue::kind
// (nullptr: left empty). Street cues written glued to the name (position "suffix") and the
// common nouns among such words (position "not") go to `l` instead.
void load_cues(PhraseMap<Cue>& map, const std::string& file, const char* phrase_column, const char* position_column,
               const char* kind_column, NameLexicons* l = nullptr) {
  std::vector<std::string> required = {phrase_column};
  for (const char* c : {position_column, kind_column})
    if (c) required.emplace_back(c);
  const TsvTable t = read_tsv(find_data_file(file), required);
  for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
  const int a = t.column(phrase_column), b = position_column ? t.column(position_column) : -1,
            c = kind_column ? t.column(kind_column) : -1, langs = t.column("languages");
  auto field = [](const std::vector<std::string>& row, int col) {
    return col >= 0 ? row[static_cast<std::size_t>(col)] : std::string();
  };
  for (const auto& row : t.rows) {
    const std::string& phrase = row[static_cast<std::size_t>(a)];
    if (l && field(row, b) == "suffix") {
      l->street_suffixes.push_back(fold_key(phrase));
      continue;
    }
    if (l && field(row, b) == "not") {
      l->not_streets.add(phrase);
      continue;
    }
    const bool lower = !phrase.empty() && phrase[0] >= 'a' && phrase[0] <= 'z';
    const bool lower_only =
        lower && ((phrase.size() == 2 && phrase[1] == '.') || field(row, c) == "family" || field(row, c) == "birth" ||
                  field(row, c) == "kin" || field(row, c) == "role");
    Cue cue{field(row, b), field(row, c), lower_only, {}, {}};
    const auto lead = static_cast<unsigned char>(phrase.empty() ? 0 : phrase[0]);
    const bool latin = lead < 0x80 || (lead >= 0xC3 && lead <= 0xC9);
    const bool accents =
        std::any_of(phrase.begin(), phrase.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
    const bool abbreviation = phrase.size() <= 4 && phrase.back() == '.';
    // Street words too: Polish "ulicą" (along the street, before its name) is no Czech "ulica"
    // (after it).
    if (latin && (accents || abbreviation || field(row, c) == "street")) cue.exact = lower_case(phrase);
    const std::string languages = field(row, langs);
    for (std::size_t at = 0; at < languages.size();) {
      const std::size_t comma = std::min(languages.find(',', at), languages.size());
      if (comma > at) cue.languages.push_back(languages.substr(at, comma - at));
      at = comma + 1;
    }
    map.add(phrase, std::move(cue));
  }
}

NameLexicons load() {
  NameLexicons l;
  {
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/given_names.tsv"), {"name"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const int n = t.column("name");
    for (const auto& row : t.rows) l.given_names.add(row[static_cast<std::size_t>(n)]);
  }
  {
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/common_given_names.tsv"), {"name"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const int n = t.column("name");
    for (const auto& row : t.rows) l.common_given_names.add(row[static_cast<std::size_t>(n)]);
  }
  load_cues(l.titles, "configs/lexicons/titles.tsv", "title", "position", "kind");
  load_cues(l.place_cues, "configs/lexicons/place_cues.tsv", "cue", "position", "kind", &l);
  load_cues(l.org_cues, "configs/lexicons/org_cues.tsv", "cue", "position", nullptr);
  {
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/org_words.tsv"), {"word", "english", "part"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const auto w = static_cast<std::size_t>(t.column("word")), e = static_cast<std::size_t>(t.column("english")),
               part = static_cast<std::size_t>(t.column("part"));
    for (const auto& row : t.rows) {
      const OrgWord entry{row[e], row[part] == "noun"};
      const std::string key = fold_key(row[w]);
      std::vector<std::string> keys = {key};
      if (key.starts_with("\xD7\x94") && key.size() > 4) keys.push_back(key.substr(2));          // ה
      if (key.starts_with("\xD8\xA7\xD9\x84") && key.size() > 6) keys.push_back(key.substr(4));  // ال
      for (const std::string& k : keys) {
        l.org_words.emplace(k, entry);
        if (!entry.noun) l.rtl_adjectives.add(k);
      }
    }
  }
  {
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/group_nouns.tsv"), {"word"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const int w = t.column("word");
    for (const auto& row : t.rows) l.not_names.add(row[static_cast<std::size_t>(w)]);
  }
  // Language names ("German", "polonês", "Yiddish") and months/weekdays are capitalized in
  // some languages but are not names; nor are the peoples and groups of group_nouns.tsv.
  for (const char* in : kLocales) {
    const icu::Locale display(in);
    for (const char* lang : kLanguages) {
      icu::UnicodeString name, english;
      icu::Locale(lang).getDisplayLanguage(display, name);
      icu::Locale(lang).getDisplayLanguage(icu::Locale::getEnglish(), english);
      std::string s, e;
      name.toUTF8String(s);
      english.toUTF8String(e);
      l.not_names.add(s);
      if (s.find(' ') == std::string::npos && e.find(' ') == std::string::npos)
        l.language_english.emplace(WordIds::intern(fold_key(s)), e);
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols sym(display, status);
    if (U_FAILURE(status)) continue;
    int32_t n = 0;
    const icu::UnicodeString* months = sym.getMonths(n);
    for (int32_t i = 0; i < n; ++i) {
      std::string s;
      months[i].toUTF8String(s);
      // A month its language writes in lower case that folds to a given name ("július":
      // Julius) is that name when capitalized: its language's dates read it all the same.
      if (u_islower(months[i].char32At(0)) && l.given_names.has(WordIds::find(fold_key(s)))) continue;
      l.not_names.add(s);
    }
    const icu::UnicodeString* days = sym.getWeekdays(n);
    for (int32_t i = 0; i < n; ++i) {
      std::string s;
      days[i].toUTF8String(s);
      l.not_names.add(s);
    }
  }
  // Determiners, pronouns, prepositions and conjunctions of German, Dutch and English: no
  // name starts with one ("Mit Hilfe von ...", "Seine Frau" is no Seine).
  for (const char* w :
       {"der",    "die",    "das",     "den",     "dem",     "des",    "ein",    "eine",   "einer",  "einem",
        "einen",  "eines",  "mein",    "meine",   "meiner",  "meinem", "meinen", "sein",   "seine",  "seiner",
        "seinem", "seinen", "ihre",    "ihrer",   "ihrem",   "ihren",  "unsere", "unserer", "unserem", "unseren",
        "diese",  "dieser", "diesem",  "diesen",  "dieses",  "jede",   "jeder",  "jedem",  "jeden",  "keine",
        "keiner", "keinem", "keinen",  "alle",    "welche",  "solche", "onze",   "deze",   "mijn",   "zijn",
        "haar",   "hun",    "elke",    "my",      "our",     "his",    "her",    "their",  "this",   "that",
        "these",  "those",  "every",
        // Prepositions and conjunctions: "Mit Hilfe von ..." (with the help of) is no body.
        "mit", "von", "vom", "zu", "zum", "zur", "bei", "beim", "nach", "aus", "auf", "an", "am", "im", "fur",
        "uber", "unter", "durch", "gegen", "ohne", "um", "vor", "wahrend", "wegen", "seit", "bis", "als", "und",
        "aber", "dann", "met", "bij", "uit", "op", "aan", "voor", "door", "tegen", "zonder", "tijdens", "sinds",
        "toen", "en", "maar", "with", "from", "after", "before", "during", "and", "but", "then", "when"})
    l.determiners.add(w);
  for (const char* p : {"de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "ter", "ten",
                        "zu", "ben", "bat", "bar", "bin", "ibn", "el", "al", "la", "le", "du", "des", "y", "e", "d'"})
    l.particles.add(p);
  {
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/function_words.tsv"), {"word"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const int w = t.column("word"), kind = t.column("kind");
    for (const auto& row : t.rows) {
      l.stopwords.add(row[static_cast<std::size_t>(w)]);
      // Words of endearment after a kin word ("אחי היקר יצחק", my dear brother Yitzhak).
      if (kind >= 0 && row[static_cast<std::size_t>(kind)] == "adjective") l.rtl_adjectives.add(row[static_cast<std::size_t>(w)]);
    }
  }
  for (const char* w : {"de", "da", "do", "dos", "das", "of", "the", "for", "fur", "der", "des", "die", "pour", "aux", "au",
                        "du", "dla", "na", "zur", "zum", "la", "le", "del", "ao", "aos", "para", "d'", "l'", "voor",
                        "per", "dei", "degli", "della", "delle", "pro", "pre", "aan"})
    l.connectors.add(w);
  for (const char* w : {"the", "a", "an", "o", "os", "as", "die", "der", "das", "la", "le", "les", "el", "los", "il", "de",
                        "het", "een"})
    l.articles.add(w);
  for (const char* w : {"بن", "بنت", "ابن", "عبد", "أبو", "دي", "دا", "فان", "فون", "בן", "בת", "דה", "פון", "ואן"})
    l.rtl_particles.add(w);
  for (const char* w : {"international", "internacional", "internationale", "internationaler", "internationalen",
                        "internazionale", "miedzynarodowy", "miedzynarodowego", "nemzetkozi", "mezinarodni",
                        "medzinarodny", "الدولي", "الدولية", "הבינלאומי", "הבינלאומית"})
    l.org_modifiers.add(w);
  for (const char* w : {"of", "de", "do", "da", "des", "du", "von", "w", "we", "dla", "di", "del"})
    l.genitive_connectors.add(w);
  for (const char* w : {"in", "em", "w", "we", "à", "en", "v", "ve"}) l.locatives.add(w);
  for (const char* w : {"bad", "neu", "neue", "alt", "gross", "groß", "klein", "sankt", "nowy", "nowa", "nowe",
                        "stary", "stara", "stare", "starym", "starego", "starej", "nowym", "nowego", "nowej", "velke", "velka", "velky", "male", "mala", "maly", "nove", "nova",
                        "novy", "nagy", "kis", "san", "santa", "santo", "são", "saint", "sainte", "mount", "port",
                        "fort", "vila", "villa", "porto", "castel", "castello", "nieuw", "nieuwe", "oud", "oude", "groot",
                        "grote", "groote", "lange", "korte", "alte", "grosse", "kleine"})
    l.place_prefixes.add(w);
  // Words that close a place name of two, folded: Polish, Czech and Slovak villages and towns
  // named "Huta Stara", "Wola Wielka", "Dąbrowa Górnicza", "Mińsk Mazowiecki", "Busko-Zdrój".
  for (const char* w : {"stara", "stary", "stare", "nowa", "nowy", "nowe", "wielka", "wielki", "wielkie", "mala",
                        "maly", "male", "gorna", "gorny", "gorne", "dolna", "dolny", "dolne", "koscielna",
                        "koscielny", "szlachecka", "ruska", "ruski", "zdroj", "gornicza", "mazowiecki",
                        "mazowiecka", "mazowieckie", "lubelski", "lubelska", "kujawski", "kujawska", "slaski",
                        "slaska", "podlaski", "podlaska", "wielkopolski", "wielkopolska", "zebrzydowska",
                        "strumilowa", "kalwaria", "nova", "novy", "nove", "velka", "velky", "horni", "dolni",
                        "horna"})
    l.place_postfixes.add(w);
  // Stems up to the -sk- / -ck- of the adjective (Polish, Czech, Slovak), folded.
  l.nationality_stems = {"polsk",     "niemieck",  "nemeck",     "zydowsk",   "zidovsk",    "czesk",    "cesk",
                         "slowack",   "slovensk",  "wegiersk",   "madarsk",   "rosyjsk",    "rusk",     "ukrainsk",
                         "ukrajinsk", "litewsk",   "bialorusk",  "angielsk",  "anglick",    "francusk", "francuzsk",
                         "francouzsk", "amerykansk", "americk",  "sowieck",   "radzieck",   "sovietsk", "sovetsk",
                         "szwedzk",   "svedsk",    "dunsk",      "dansk",     "holendersk", "holandsk", "rumunsk",
                         "austriack", "rakusk",    "rakousk",    "wlosk",     "taliansk",   "italsk",   "hiszpansk",
                         "spanielsk", "spanelsk",  "brytyjsk",   "britsk",    "hitlerowsk", "europejsk", "europsk",
                         "izraelsk",  "palestynsk", "palestinsk", "hebrajsk", "slovansk",   "slowiansk"};
  return l;
}

}  // namespace

bool NameLexicons::nationality_adjective(std::string_view key) const {
  // The endings of the adjective's genders and cases after the stem.
  static constexpr std::string_view kEndings[] = {"i",   "a",  "ie",   "iego", "iej", "im",  "ich", "imi", "iemu",
                                                  "y",   "e",  "eho",  "ej",   "om",  "ych", "ym",  "ymi", "emu",
                                                  "ou",  "u",  "ego"};
  for (const std::string& stem : nationality_stems) {
    if (!key.starts_with(stem)) continue;
    const std::string_view rest = key.substr(stem.size());
    for (const std::string_view e : kEndings)
      if (rest == e) return true;
  }
  return false;
}

const NameLexicons& NameLexicons::get() {
  static const NameLexicons l = load();
  return l;
}

}  // namespace testimony
