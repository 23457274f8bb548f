// tag.dates: date expressions to EDTF (level 1). Months come from ICU's locale data (format
// and stand-alone, wide and abbreviated, in every listed locale); seasons, qualifiers,
// approximation cues, year words, range connectors and decades from
// configs/lexicons/date_words.tsv. A date without a year takes the nearest explicit year of
// the text before it (else after it) and says so in its evidence.
//   [[stage]]
//   use = "tag.dates"
//   numeric_order = "auto"
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

#include <algorithm>
#include <array>
#include <optional>

#include "pipeline/data.hpp"
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"
#include "stages/tag/entities.hpp"
#include "stages/tag/gazetteer.hpp"
#include "stages/tag/tag.hpp"
#include "stages/tag/vocabulary.hpp"

namespace testimony {
namespace {

enum class Kind { kMonth, kSeason, kQualifier, kApprox, kYearBefore, kYearAfter, kRange, kConnector,
                  kDecadeBefore, kDecadeAfter, kDecade, kCentury, kOrdinal, kOpener, kHoliday, kVital,
                  kThisMonth, kSameYear, kDayWord };

struct Entry {
  Kind kind;
  int value = 0;       // month 1-12, season 21-24, decade digit, century, holiday MMDD, months back
  std::string label;   // qualifier name, source
};

// Levenshtein distance over code points, stopping early above `limit`.
std::size_t edit_distance(const std::vector<int32_t>& a, const std::vector<int32_t>& b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0], best = row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

std::vector<int32_t> code_points(std::string_view s) {
  std::vector<int32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

constexpr const char* kMonthLocales[] = {
    "en", "pt", "pt_PT", "es", "fr", "de", "de_AT", "pl", "it", "nl", "hu", "cs", "sk", "ro", "ru",
    "uk", "be", "lt", "lv", "he", "yi", "ar", "ar_SY", "ar_LB", "ar_IQ", "ar_JO", "ar_DZ", "ar_TN",
    "ar_MA", "el", "sv", "da", "nb", "tr", "hr", "sr_Latn", "sl", "bg", "lb", "ca"};

struct Vocabulary {
  PhraseMap<Entry> words;
  // The phrases a date can start with (months, seasons, qualifiers, approximations, year and
  // decade words), for the quick test at each token; connectors and range words are not.
  PhraseMap<Kind> starters;
  std::size_t icu_months = 0;
  // One-word month names of five letters or more (folded), for OCR-damaged names in a
  // strong date context ("24 ביולי ל-3 באונוסט 1940", "أيلول/سبتمير 2013").
  std::vector<std::pair<std::vector<int32_t>, int>> fuzzy_months;

  void add_fuzzy(const std::string& name, int month) {
    const std::string key = fold_key(name);
    if (key.find(' ') != std::string::npos) return;
    std::vector<int32_t> cps = code_points(key);
    if (cps.size() < 5) return;
    for (const auto& [k, m] : fuzzy_months)
      if (m == month && k == cps) return;
    fuzzy_months.emplace_back(std::move(cps), month);
  }

  Vocabulary() {
    using S = icu::DateFormatSymbols;
    for (const char* loc : kMonthLocales) {
      UErrorCode status = U_ZERO_ERROR;
      S sym(icu::Locale(loc), status);
      if (U_FAILURE(status)) continue;
      for (auto ctx : {S::FORMAT, S::STANDALONE}) {
        int32_t wide_count = 0, abbr_count = 0;
        const icu::UnicodeString* wide = sym.getMonths(wide_count, ctx, S::WIDE);
        const icu::UnicodeString* abbr = sym.getMonths(abbr_count, ctx, S::ABBREVIATED);
        for (int32_t m = 0; m < wide_count && m < 12; ++m) {
          std::string name;
          wide[m].toUTF8String(name);
          add(name, {Kind::kMonth, m + 1, "icu"});
          add_fuzzy(name, m + 1);
          ++icu_months;
          if (m >= abbr_count) continue;
          std::string short_name;
          abbr[m].toUTF8String(short_name);
          while (!short_name.empty() && short_name.back() == '.') short_name.pop_back();
          // An abbreviation only counts with its period ("jun. 1940"): bare, many are words
          // ("des", "mar", "list"). Fewer than three letters is too ambiguous even so.
          if (phrase_key(short_name) == phrase_key(name) || phrase_key(short_name).size() < 3) continue;
          add(short_name, {Kind::kMonth, m + 1, "abbr"});
        }
      }
    }
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/date_words.tsv"), {"phrase", "kind", "value"});
    for (const auto& p : t.problems) get_logger("stage.tag.dates")->warn("{}", p);
    const int ph = t.column("phrase"), kd = t.column("kind"), vl = t.column("value");
    for (const auto& row : t.rows) {
      const std::string& k = row[static_cast<std::size_t>(kd)];
      const std::string& v = row[static_cast<std::size_t>(vl)];
      const int num = std::atoi(v.c_str());
      Entry e{Kind::kConnector, num, v};
      if (k == "month") e.kind = Kind::kMonth;
      else if (k == "season") e.kind = Kind::kSeason;
      else if (k == "qualifier") e.kind = Kind::kQualifier;
      else if (k == "approx") e.kind = Kind::kApprox;
      else if (k == "yearword") e.kind = v == "after" ? Kind::kYearAfter : Kind::kYearBefore;
      else if (k == "range") e.kind = Kind::kRange;
      else if (k == "connector") e.kind = Kind::kConnector;
      else if (k == "decadeword") e.kind = v == "after" ? Kind::kDecadeAfter : Kind::kDecadeBefore;
      else if (k == "decade") e.kind = Kind::kDecade;
      else if (k == "century") e.kind = Kind::kCentury;
      else if (k == "ordinal") e.kind = Kind::kOrdinal;
      else if (k == "opener") e.kind = Kind::kOpener;
      else if (k == "holiday") e.kind = Kind::kHoliday;  // value MM-DD
      else if (k == "vital") e.kind = Kind::kVital;
      else if (k == "thismonth") e.kind = Kind::kThisMonth;  // value: months back (0 this, 1 last)
      else if (k == "sameyear") e.kind = Kind::kSameYear;
      else if (k == "dayword") e.kind = Kind::kDayWord;  // value: the day, 1-31
      else continue;
      if (e.kind == Kind::kHoliday) {
        const int month = std::atoi(v.c_str()), day = v.size() >= 5 ? std::atoi(v.c_str() + 3) : 0;
        if (month < 1 || month > 12 || day < 1 || day > 31) continue;
        e.value = month * 100 + day;
      }
      add(row[static_cast<std::size_t>(ph)], e);
      if (e.kind == Kind::kMonth) add_fuzzy(row[static_cast<std::size_t>(ph)], num);
    }
  }

  void add(std::string_view phrase, const Entry& e) {
    words.add(phrase, e);
    switch (e.kind) {
      case Kind::kMonth: case Kind::kSeason: case Kind::kQualifier: case Kind::kApprox: case Kind::kYearBefore:
      case Kind::kDecadeBefore: case Kind::kDecade: case Kind::kHoliday: case Kind::kDayWord:
        starters.add(phrase, e.kind);
        break;
      default:
        break;
    }
  }
};

const Vocabulary& vocabulary() {
  static const Vocabulary v;
  return v;
}

struct Point {
  int year = 0, month = 0, day = 0, season = 0;
  int decade = -1;  // 193X → 193
  bool approx = false, uncertain = false, year_from_context = false;
  bool partial = false;       // a bare day, month or season: only as the first part of a span
  bool ordinal = false;       // a day written as an ordinal ("5th", "1er", "3º")
  bool month_from_context = false;  // "from the 5th to the 12th": month and year from context
  int months_back = 0;        // "12 do mês passado": the month before the context's
  bool same_year = false;     // "21 de junho do mesmo ano": the year is the context's, said so
  std::size_t start_cut = 0;  // bytes of a clitic glued to the first token (במרץ → מרץ)
  std::string qualifier;
  bool has_year() const { return year > 0 || decade >= 0; }
};

int days_in(int y, int m) {
  static const int d[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y > 0) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return d[m - 1];
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string edtf(const Point& p) {
  std::string s;
  if (p.decade >= 0) return std::to_string(p.decade) + "X";
  s = p.year > 0 ? std::to_string(p.year) : "XXXX";
  if (p.season) s += "-" + std::to_string(p.season);
  else if (p.month) {
    s += "-" + two(p.month);
    if (p.day) s += "-" + two(p.day);
  }
  if (p.uncertain) s += "?";
  if (p.approx) s += "~";
  return s;
}

// A Roman month numeral; OCR often reads its I as 1 or l ("1X", "V11"), which is accepted
// when a V or X shows it is a numeral.
int roman_month(std::string_view key) {
  static const char* r[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
  std::string k(key);
  if (k.find_first_of("vx") != std::string::npos)
    for (char& c : k)
      if (c == '1' || c == 'l') c = 'i';
  for (int i = 0; i < 12; ++i)
    if (k == r[i]) return i + 1;
  return 0;
}

// Plural nouns that count people (or their papers) after a number, in the collection's
// languages, folded (built with the stage: the words need their ids before tokenizing).
const WordSet& count_nouns() {
  static const WordSet set = [] {
    WordSet w;
    for (const char* n :
         {"jews", "people", "persons", "children", "men", "women", "refugees", "prisoners", "inmates", "families",
          "souls", "survivors", "deportees", "orphans", "visas", "passports", "juden", "personen", "menschen",
          "kinder", "fluchtlinge", "haftlinge", "familien", "seelen", "frauen", "manner", "zydow", "osob", "ludzi",
          "dzieci", "rodzin", "uchodzcow", "wiezniow", "kobiet", "mezczyzn", "judeus", "pessoas", "criancas",
          "refugiados", "familias", "vistos", "homens", "mulheres", "prisioneiros", "juifs", "personnes", "enfants",
          "refugies", "familles", "hommes", "femmes", "deportes", "zsido", "ember", "gyermek", "szemely", "zidov",
          "ludi", "lidi", "deti", "joden", "mensen", "kinderen", "vluchtelingen", "יהודים", "אנשים",
          "ילדים", "נפשות", "פליטים", "משפחות", "איש", "يهودي", "يهوديا", "شخص", "شخصا", "طفل", "طفلا", "لاجئ",
          "عائلة", "أسرة"})
      w.add(n);
    return w;
  }();
  return set;
}

class DateParser {
 public:
  // mdy: numeric dates month first (English); hungarian: a month after its year without a
  // period ("1944 márciusában"), seasons and parts of a year after it ("1945 tavaszán").
  DateParser(std::string_view text, const TokenStream& stream, bool mdy, bool hungarian)
      : text_(text), stream_(stream), t_(stream.tokens), mdy_(mdy), hungarian_(hungarian) {}

  struct Match {
    std::size_t begin = 0, end = 0;  // tokens [begin, end)
    Point a;
    std::optional<Point> b;
    bool open_end = false;
    std::vector<std::string> evidence;
  };

  std::optional<Match> at(std::size_t i) {
    if (!can_start(i)) return std::nullopt;
    evidence_.clear();
    auto a = point(i, false);
    if (!a) {
      // A bare day, month or season may open a span whose second part completes it
      // ("3 e 5 de março de 1944", "verão e outono de 1944").
      a = point(i, true);
      if (!a) return std::nullopt;
      return range_after(i, a->second, a->first);
    }
    const std::size_t evidence_before = evidence_.size();
    if (auto r = range_after(i, a->second, a->first)) return r;
    evidence_.resize(evidence_before);  // what a second part that made no span added
    if (a->first.partial) return std::nullopt;
    Match m;
    m.begin = i;
    m.end = a->second;
    m.a = a->first;
    // An open end: "1912-?" (a lifespan whose end is unknown).
    if (m.a.year && !m.a.month && m.end + 1 < t_.size() && is(m.end, "-") && is(m.end + 1, "?") &&
        !t_[m.end].space_before) {
      m.end += 2;
      m.open_end = true;
    }
    // A number of people is no year: "about 1700 Jews", "نحو 1700 يهودي" (but "in 1943 Jews
    // were deported" and "the 1942 refugees" are years).
    if (m.a.year && !m.a.month && !m.a.season && !m.a.day && m.a.decade < 0 && !m.b && m.end < t_.size() &&
        count_nouns().has(t_[m.end]) && !after_time_preposition(m.begin) &&
        (m.a.approx || m.a.year < 1900 || m.a.year > 1999))
      return std::nullopt;
    m.evidence = evidence_;
    return m;
  }

  // Is there a birth or death cue in the clause before `begin` (at most six tokens back, not
  // across a comma, bracket or the end of a sentence): "né en 1934", "née le 9.III.1932",
  // "born in Lodz in 1920", "urodzona 3.V.1921", "n. 11.III.1907"? Such dates are a
  // person's, not the time the text is about.
  bool vital_before(std::size_t begin) const {
    const Entry* e = nullptr;
    for (std::size_t back = 1; back <= 6 && back <= begin; ++back) {
      const std::size_t k = begin - back;
      const Token& tk = t_[k];
      if (tk.kind == TokenKind::kPunct) {
        if (tk.key == "." && k > 0 && lookup(k - 1, Kind::kVital, &e) == 2) return true;  // "n.", "geb.", "ur."
        const bool sentence_end = (tk.key == "." || tk.key == "!" || tk.key == "?") && k + 1 < t_.size() &&
                                  t_[k + 1].space_before;
        if (sentence_end || tk.key == "," || tk.key == ";" || tk.key == ":" || tk.key == "(" || tk.key == ")")
          return false;
        continue;
      }
      if (lookup(k, Kind::kVital, &e) > 0) return true;
    }
    return false;
  }

 private:
  using Parsed = std::optional<std::pair<Point, std::size_t>>;

  bool is(std::size_t i, std::string_view key) const { return i < t_.size() && t_[i].key == key; }
  bool number(std::size_t i) const { return i < t_.size() && t_[i].kind == TokenKind::kNumber; }
  // The number's value, saturated: OCR text has long digit runs (serial numbers, smudged
  // tables) that no date field takes, and they must not overflow.
  int value(std::size_t i) const {
    int v = 0;
    for (const char c : t_[i].key) {
      if (c < '0' || c > '9') continue;
      if (v > 99'999'999) return 999'999'999;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  std::size_t digits(std::size_t i) const { return t_[i].key.size(); }

  // The entry of `kind` for the phrase at i; returns its length in tokens.
  std::size_t lookup(std::size_t i, Kind kind, const Entry** out, std::size_t* cut = nullptr) const {
    if (cut) *cut = 0;
    if (i >= t_.size()) return 0;
    const std::vector<Entry>* values = nullptr;
    const std::size_t n = longest_at(i, &values);
    if (n > 0) {
      // Prefer a full name to an abbreviation spelled the same ("Mai" in German, "mai." in Portuguese).
      const Entry* found = nullptr;
      for (const Entry& e : *values)
        if (e.kind == kind && (!found || (found->label == "abbr" && e.label != "abbr"))) found = &e;
      if (found) {
        *out = found;
        return n;
      }
    }
    // Hebrew and Arabic clitics glued to the word (במרץ, בשנת, بربيع): one or two letters.
    if (t_[i].kind == TokenKind::kWord && (t_[i].script == 2 || t_[i].script == 3)) {
      for (std::size_t letters = 1; letters <= 2; ++letters) {
        const uint32_t rest = stream_.clitic_rest(i, letters);
        if (!rest) continue;
        const std::vector<Entry>* v = vocabulary().words.find(std::u32string(1, static_cast<char32_t>(rest)));
        std::size_t len = v ? 1 : 0;
        if (!v) {
          // A phrase whose first word carries the clitic ("בשנות השלושים").
          const std::vector<Entry>* values2 = nullptr;
          len = vocabulary().words.longest(t_, i, &values2, i + 4, rest);
          v = values2;
        }
        if (!len || !v) continue;
        for (const Entry& e : *v)
          if (e.kind == kind) {
            *out = &e;
            if (cut) *cut = letters_prefix_bytes(t_[i].text(text_), letters);
            return len;
          }
      }
    }
    return 0;
  }

  // Can a date start at token i? Only at a number, a word led by digits ("1930s", "3rd"), a
  // Roman month or a word that starts a month, season, qualifier, year or decade phrase (also
  // behind a clitic): a quick test that spares most tokens the full grammar.
  bool can_start(std::size_t i) const {
    const Token& tk = t_[i];
    if (tk.kind == TokenKind::kNumber || vocabulary().starters.starts(tk.id)) return true;
    if (!tk.key.empty() && tk.key[0] >= '0' && tk.key[0] <= '9') return true;
    if (tk.kind == TokenKind::kWord && tk.all_upper && roman_month(tk.key)) return true;  // "VI.1948"
    if (tk.kind == TokenKind::kWord && (tk.script == 2 || tk.script == 3))
      for (std::size_t letters = 1; letters <= 2; ++letters)
        if (vocabulary().starters.starts(stream_.clitic_rest(i, letters))) return true;
    return false;
  }

  // The longest vocabulary phrase at token i, computed once per token.
  std::size_t longest_at(std::size_t i, const std::vector<Entry>** values) const {
    if (cache_n_.empty()) {
      cache_n_.assign(t_.size(), -1);
      cache_v_.assign(t_.size(), nullptr);
    }
    if (cache_n_[i] < 0) cache_n_[i] = static_cast<int32_t>(vocabulary().words.longest(t_, i, &cache_v_[i]));
    *values = cache_v_[i];
    return static_cast<std::size_t>(cache_n_[i]);
  }

  // Year: a number of four digits (1000-2099); with `two_digit`, also 00-99 as 19xx.
  std::optional<int> year_at(std::size_t i, bool two_digit = false) const {
    if (!number(i)) return std::nullopt;
    const int v = value(i);
    if (digits(i) == 4 && v >= 1000 && v <= 2099) return v;
    if (two_digit && digits(i) == 2) return 1900 + v;
    return std::nullopt;
  }

  // A day number, with an ordinal suffix glued ("3rd") or following ("3.", "3º").
  std::optional<std::pair<int, std::size_t>> day_at(std::size_t i, bool ordinal_period = true) const {
    if (i >= t_.size()) return std::nullopt;
    const Token& tk = t_[i];
    int v = 0;
    std::size_t j = i + 1;
    if (tk.kind == TokenKind::kNumber) {
      if (digits(i) > 2) return std::nullopt;
      v = value(i);
      const Entry* e = nullptr;
      if (j < t_.size() && !t_[j].space_before && (ordinal_period || !is(j, "."))) {
        if (std::size_t n = lookup(j, Kind::kOrdinal, &e)) j += n;
      }
    } else if (tk.kind == TokenKind::kWord) {
      v = ordinal_word(tk.key);
      // A day written as an ordinal word: "الثالث والعشرين من يوليو" (the twenty-third of July).
      // Not behind a clitic: "والثاني" (and the second) is the end of a range, not a date's start.
      std::size_t cut = 0;
      if (const Entry* e = nullptr; !v)
        if (const std::size_t n = lookup(i, Kind::kDayWord, &e, &cut); n && cut == 0) {
          v = e->value;
          j = i + n;
        }
      if (!v) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (v < 1 || v > 31) return std::nullopt;
    return std::make_pair(v, j);
  }

  // The day of an ordinal written as one word ("3rd", "1st", "22nd", "12th", "1er", "1º"), or 0.
  static int ordinal_word(std::string_view key) {
    std::size_t k = 0;
    int v = 0;
    for (; k < key.size() && key[k] >= '0' && key[k] <= '9'; ++k)
      if (k < 9) v = v * 10 + (key[k] - '0');  // longer runs are no day or decade anyway
    if (k == 0 || k > 2) return 0;
    const std::string_view suffix = key.substr(k);
    static const char* kSuffixes[] = {"st", "nd", "rd", "th", "er", "e", "eme", "o", "a", "go"};
    for (const char* s : kSuffixes)
      if (suffix == s) return v;
    return 0;
  }

  // Is the day at i written as an ordinal ("5th", "1er", "3º"; not the German "3.")?
  bool ordinal_at(std::size_t i) const {
    if (i >= t_.size()) return false;
    if (t_[i].kind == TokenKind::kWord) return ordinal_word(t_[i].key) > 0;
    const Entry* e = nullptr;
    return t_[i].kind == TokenKind::kNumber && i + 1 < t_.size() && !t_[i + 1].space_before && !is(i + 1, ".") &&
           lookup(i + 1, Kind::kOrdinal, &e) > 0;
  }

  std::size_t skip_connectors(std::size_t j, std::size_t max = 2) const {
    for (std::size_t n = 0; n < max; ++n) {
      const Entry* e = nullptr;
      const std::size_t len = lookup(j, Kind::kConnector, &e);
      if (!len) break;
      j += len;
    }
    return j;
  }

  // Month phrase at j, with an Arabic dual form "حزيران/يونيو" or "يوليو (تموز)" consumed as one.
  std::optional<std::pair<int, std::size_t>> month_at(std::size_t j) const {
    const Entry* e = nullptr;
    const std::size_t n = lookup(j, Kind::kMonth, &e);
    if (!n) return std::nullopt;
    std::size_t end = j + n;
    if (e->label == "abbr") {
      if (!is(end, ".") || t_[end].space_before) return std::nullopt;
      ++end;
    } else if (is(end, ".") && !t_[end].space_before && year_at(end + 1) && t_[end - 1].end - t_[end - 1].start <= 5) {
      ++end;  // an abbreviation that is also a full name elsewhere ("jun." / Serbian "jun")
    }
    const Entry* e2 = nullptr;
    // "يوليو (تموز)": the other name of the same month in brackets.
    if (is(end, "(") && end + 2 < t_.size()) {
      if (const std::size_t n2 = lookup(end + 1, Kind::kMonth, &e2); n2 && e2->value == e->value && is(end + 1 + n2, ")"))
        return std::make_pair(e->value, end + 2 + n2);
    }
    if (is(end, "/")) {
      if (const std::size_t n2 = lookup(end + 1, Kind::kMonth, &e2); n2 && e2->value == e->value) end += 1 + n2;
      // The second name of the pair damaged by OCR ("أيلول/سبتمير"): the same month, one letter off.
      else if (end + 1 < t_.size() && t_[end + 1].script == t_[j].script && fuzzy_month(end + 1) == e->value)
        end += 2;
    }
    return std::make_pair(e->value, end);
  }

  // The month whose name (five letters or more) is one edit away from the word at i, after a
  // Hebrew or Arabic clitic letter if need be; 0 if none or more than one.
  int fuzzy_month(std::size_t i) const {
    if (i >= t_.size() || t_[i].kind != TokenKind::kWord) return 0;
    const std::string_view key = t_[i].key;
    std::vector<std::string_view> forms = {key};
    if ((t_[i].script == 2 || t_[i].script == 3) && key.size() > 4 && clitic_letters(std::string_view(key).substr(0, 2), t_[i].script))
      forms.push_back(key.substr(2));
    int found = 0;
    for (const std::string_view f : forms) {
      const std::vector<int32_t> cps = code_points(f);
      if (cps.size() < 5) continue;
      for (const auto& [name, month] : vocabulary().fuzzy_months)
        if (edit_distance(cps, name, 1) <= 1) {
          if (found && found != month) return 0;
          found = month;
        }
    }
    return found;
  }

  // A year possibly wrapped in year words: "عام 1944", "1934 roku", "1944 r.".
  std::optional<std::pair<int, std::size_t>> year_phrase(std::size_t j, std::size_t* cut = nullptr) const {
    const Entry* e = nullptr;
    std::size_t k = j;
    if (const std::size_t n = lookup(k, Kind::kYearBefore, &e, cut)) k += n;
    auto y = year_at(k);
    if (!y) return std::nullopt;
    k += 1;
    if (const std::size_t n = lookup(k, Kind::kYearAfter, &e)) k += n;
    return std::make_pair(*y, k);
  }

  Parsed numeric(std::size_t i) const {
    // D.M.Y, D/M/Y, M/D/Y, D-M-Y, Y-M-D, D.ROMAN.Y, ROMAN.Y
    if (i >= t_.size()) return std::nullopt;
    auto sep_at = [&](std::size_t k) -> std::string {
      if (k >= t_.size() || t_[k].kind != TokenKind::kPunct || t_[k].space_before) return {};
      const std::string_view s = t_[k].key;
      return (s == "." || s == "/" || s == "-") ? std::string(s) : std::string();
    };
    auto glued = [&](std::size_t k) { return k < t_.size() && !t_[k].space_before; };
    const int roman_first = t_[i].kind == TokenKind::kWord && t_[i].all_upper ? roman_month(t_[i].key) : 0;
    if (roman_first) {
      const std::string s = sep_at(i + 1);
      if (s == "." && glued(i + 2)) {
        if (auto y = year_at(i + 2)) {
          Point p;
          p.year = *y;
          p.month = roman_first;
          return std::make_pair(p, i + 3);
        }
      }
      return std::nullopt;
    }
    if (!number(i)) return std::nullopt;
    // D. M. YYYY with spaces after the periods, as typewritten forms have it: "7. 2. 1933".
    if (digits(i) <= 2 && is(i + 1, ".") && !t_[i + 1].space_before && number(i + 2) && digits(i + 2) <= 2 &&
        t_[i + 2].space_before && !t_[i + 2].newline_before && is(i + 3, ".") && !t_[i + 3].space_before &&
        i + 4 < t_.size() && t_[i + 4].space_before && !t_[i + 4].newline_before) {
      const int d = value(i), m = value(i + 2);
      if (const auto y = year_at(i + 4); y && m >= 1 && m <= 12 && d >= 1 && d <= days_in(*y, m)) {
        Point p;
        p.year = *y;
        p.month = m;
        p.day = d;
        return std::make_pair(p, i + 5);
      }
    }
    // D ROMAN Y with spaces, as Polish and Czech letters and forms write it: "12 IV 1946".
    if (digits(i) <= 2 && i + 2 < t_.size() && t_[i + 1].kind == TokenKind::kWord && t_[i + 1].all_upper &&
        t_[i + 1].space_before && !t_[i + 1].newline_before && t_[i + 2].space_before && !t_[i + 2].newline_before) {
      const int m = roman_month(t_[i + 1].key);
      const auto y = year_at(i + 2);
      if (m && y && value(i) >= 1 && value(i) <= days_in(*y, m)) {
        Point p;
        p.year = *y;
        p.month = m;
        p.day = value(i);
        std::size_t end = i + 3;
        const Entry* e = nullptr;
        if (const std::size_t n = lookup(end, Kind::kYearAfter, &e)) end += n;
        return std::make_pair(p, end);
      }
    }
    const std::string s1 = sep_at(i + 1);
    if (s1.empty() || !glued(i + 2)) return std::nullopt;
    // Y-M-D
    if (digits(i) == 4 && s1 == "-" && number(i + 2) && sep_at(i + 3) == "-" && number(i + 4) && glued(i + 4)) {
      Point p;
      p.year = value(i);
      p.month = value(i + 2);
      p.day = value(i + 4);
      if (p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= days_in(p.year, p.month))
        return std::make_pair(p, i + 5);
      return std::nullopt;
    }
    if (digits(i) > 2) return std::nullopt;
    const int a = value(i);
    int b = 0;
    bool roman = false;
    if (number(i + 2) && digits(i + 2) <= 2) {
      b = value(i + 2);
    } else if (i + 2 < t_.size() && t_[i + 2].kind == TokenKind::kWord &&
               (t_[i + 2].upper || t_[i + 2].key.find_first_of("1") != std::string::npos) &&
               (b = roman_month(t_[i + 2].key))) {
      roman = true;
    } else {
      return std::nullopt;
    }
    if (sep_at(i + 3) != s1 || !glued(i + 4)) return std::nullopt;
    auto y = year_at(i + 4, true);
    if (!y) return std::nullopt;
    int d = a, m = b;
    if (!roman && s1 == "/") {
      if (a > 12 && b <= 12) { d = a; m = b; }
      else if (b > 12 && a <= 12) { d = b; m = a; }
      else if (mdy_) { d = b; m = a; }
    }
    Point p;
    p.year = *y;
    p.month = m;
    p.day = d;
    if (m < 1 || m > 12 || d < 1 || d > days_in(p.year, m)) return std::nullopt;
    std::size_t end = i + 5;
    const Entry* e = nullptr;
    if (const std::size_t n = lookup(end, Kind::kYearAfter, &e)) end += n;
    return std::make_pair(p, end);
  }

  // One point in time starting at token i. With `partial`, a bare day, month or season is
  // accepted (marked partial) as the first part of a span.
  Parsed point(std::size_t i, bool partial) {
    if (i >= t_.size()) return std::nullopt;
    Point p;
    std::size_t j = i;
    const Entry* e = nullptr;
    std::size_t cut = 0;
    auto first_cut = [&](std::size_t at) {
      if (at == i) p.start_cut = cut;
    };
    if (const std::size_t n = lookup(j, Kind::kApprox, &e, &cut)) {
      first_cut(j);
      p.approx = true;
      j += n;
      evidence_.push_back("cue:approximate");
    }
    if (const std::size_t n = lookup(j, Kind::kQualifier, &e, &cut)) {
      first_cut(j);
      p.qualifier = e->label;
      j += n;
      if (is(j, "-") && !t_[j].space_before) ++j;  // mid-May
      j = skip_connectors(j);
    }
    if (auto num = numeric(j)) {
      num->first.approx = p.approx;
      num->first.qualifier = p.qualifier;
      num->first.start_cut = p.start_cut;
      return finish(num->first, num->second);
    }
    // Year first, as Hungarian writes dates: "1944. május 15-én", "1944. május 15.", "1944.
    // május". A case ending glued to the day by a hyphen belongs to it ("15-én", on the 15th).
    // The month in lower case, as Hungarian writes it: in "Es war 1942. Mai 1943 fuhr er" the
    // period ends a sentence.
    // In Hungarian documents the period may be left out: "1944 márciusában" (in March 1944).
    const bool period = is(j + 1, ".") && !t_[j + 1].space_before;
    const std::size_t mj = j + (period ? 2 : 1);
    if (const auto y = year_at(j); y && (period || hungarian_) && mj < t_.size() &&
                                   t_[mj].kind == TokenKind::kWord && !t_[mj].upper && !t_[mj].newline_before) {
      if (const auto m = month_at(mj)) {
        p.year = *y;
        p.month = m->first;
        std::size_t k = m->second;
        if (const auto d = day_at(k)) {
          p.day = d->first;
          k = d->second;
          if (k + 1 < t_.size() && is(k, "-") && !t_[k].space_before && !t_[k + 1].space_before &&
              t_[k + 1].kind == TokenKind::kWord && !t_[k + 1].upper && t_[k + 1].key.size() <= 4)
            k += 2;
        }
        if (p.day && p.day > days_in(p.year, p.month)) return std::nullopt;
        return finish(p, k);
      }
    }
    // A season or part after its year, as Hungarian puts them: "1945 tavaszán" (in the spring
    // of 1945), "1944. őszén", "1944 végén" (late 1944).
    if (const auto y = hungarian_ ? year_at(j) : std::nullopt; y && j + 1 < t_.size()) {
      std::size_t k = j + 1;
      if (is(k, ".") && !t_[k].space_before) ++k;
      if (k < t_.size() && t_[k].kind == TokenKind::kWord && !t_[k].upper && !t_[k].newline_before &&
          p.qualifier.empty()) {
        if (const std::size_t n = lookup(k, Kind::kSeason, &e)) {
          p.year = *y;
          p.season = e->value;
          k += n;
          if (const std::size_t q = lookup(k, Kind::kQualifier, &e)) {
            p.qualifier = e->label;
            k += q;
          }
          return finish(p, k);
        }
        if (const std::size_t n = lookup(k, Kind::kQualifier, &e)) {
          p.year = *y;
          p.qualifier = e->label;
          return finish(p, k + n);
        }
      }
    }
    // Day first: "3 de março de 1944", "3. März 1944", "3rd March 1933", "3rd of March".
    if (auto d = day_at(j)) {
      std::size_t k = skip_connectors(d->second);
      auto m = month_at(k);
      // An OCR-damaged month name between a day and a year ("3 באונוסט 1940").
      if (!m && year_at(k + 1)) {
        if (const int fm = fuzzy_month(k)) {
          m = std::make_pair(fm, k + 1);
          evidence_.push_back("ocr:month");
        }
      }
      // "12 do corrente", "le 12 courant", "am 12. d. M.", "the 12th inst.": the month (or
      // the month before it: "the 3rd ult.") of the date before, the letter's own.
      if (!m && !partial && p.qualifier.empty() && !p.approx) {
        if (const std::size_t n = lookup(k, Kind::kThisMonth, &e)) {
          p.day = d->first;
          p.month_from_context = true;
          p.months_back = e->value;
          evidence_.push_back("cue:this-month");
          return finish(p, k + n);
        }
      }
      if (m) {
        p.day = d->first;
        p.month = m->first;
        k = year_after(m->second, p);
        if (p.year && p.day > days_in(p.year, p.month)) return std::nullopt;
        return finish(p, k);
      }
      if (partial && p.qualifier.empty() && !p.approx) {
        p.day = d->first;
        p.partial = true;
        p.ordinal = ordinal_at(j);
        // "3." in German ranges: the period is the ordinal, not the end of the sentence.
        return std::make_pair(p, d->second);
      }
    }
    // Month first: "March 3rd, 1944", "março de 1944", "April 1942", "Mitte Oktober".
    const std::size_t month_pos = j;
    if (auto m = month_at(j)) {
      first_cut(month_pos);
      p.month = m->first;
      std::size_t k = m->second;
      // Arabic and Hebrew put the day before the month: a number after the month is no day
      // ("في أيار/مايو 3" is an OCR-damaged "أيار/مايو 1943").
      const bool day_first_script = t_[month_pos].script == 2 || t_[month_pos].script == 3;
      if (auto d = day_first_script ? std::nullopt : day_at(k, false)) {
        // "May 9", "March 3rd, 1944" (not "May 1943": a 4-digit number is a year)
        p.day = d->first;
        k = d->second;
      }
      k = year_after(k, p);
      if (p.day && p.day > days_in(p.year, p.month)) return std::nullopt;
      // A lone month name is a date with a day, a year, a qualifier ("early July"), or after a
      // preposition of time ("in June", "em fevereiro"); the year then comes from context.
      if (!p.year && !p.day && p.qualifier.empty() && !p.same_year) {
        if (partial) {
          p.partial = true;
          return std::make_pair(p, k);
        }
        if (!after_time_preposition(month_pos)) return std::nullopt;
        evidence_.push_back("cue:preposition");
      }
      return finish(p, k);
    }
    // A feast on a fixed day: "Christmas 1944", "Weihnachten 1942", "before Christmas",
    // "avant Noël" (the year then from context). Without a year only after a preposition.
    const std::size_t holiday_pos = j;
    if (const std::size_t n = lookup(j, Kind::kHoliday, &e, &cut)) {
      first_cut(holiday_pos);
      p.month = e->value / 100;
      p.day = e->value % 100;
      const std::size_t k = year_after(j + n, p);
      if (!p.year && !after_holiday_preposition(holiday_pos)) return std::nullopt;
      evidence_.push_back("cue:feast");
      return finish(p, k);
    }
    // Season: "inverno de 1942", "Herbst 1944", "ربيع عام 1944", "summer of 1936".
    const std::size_t season_pos = j;
    if (const std::size_t n = lookup(j, Kind::kSeason, &e, &cut)) {
      first_cut(season_pos);
      p.season = e->value;
      std::size_t k = skip_connectors(j + n);
      if (auto y = year_phrase(k)) {
        p.year = y->first;
        return finish(p, y->second);
      }
      if (partial) {
        p.partial = true;
        return std::make_pair(p, j + n);
      }
      // Without a year only after a qualifier ("early summer") or a preposition ("in autumn").
      if (!p.qualifier.empty() || after_time_preposition(season_pos)) return finish(p, j + n);
      return std::nullopt;
    }
    // Decades: "1930s", "1930er Jahren", "anos 30", "années trente", "الثلاثينيات", "שנות השלושים".
    if (auto dec = decade(j, &cut)) {
      first_cut(j);
      p.decade = dec->first;
      return finish(p, dec->second);
    }
    // A year: "1942", "عام 1944", "1934 roku", "latach 1941".
    if (auto y = year_phrase(j, &cut)) {
      first_cut(j);
      // A bare number that old is rarely a date; with a year word it is, from the early modern
      // times these documents look back to ("عام 1492", the expulsion from Spain). Earlier years
      // are more often 19xx misread (a 9 read as 1: "عام 1148").
      if (y->first < 1800 && j == i && (y->second == i + 1 || y->first < 1400)) return std::nullopt;
      if (j == i && after_number_cue(i)) return std::nullopt;  // "o número 1874", "No. 1943"
      p.year = y->first;
      std::size_t k = y->second;
      if (is(k, "?") && !t_[k].space_before && !is(k - 1, "-")) {
        p.uncertain = true;
        ++k;
      }
      return finish(p, k);
    }
    return std::nullopt;
  }

  // Is the token before `at` a word that introduces a number ("número", "No.", "Nr.")?
  bool after_number_cue(std::size_t at) const {
    // Not "n." (nascido, born) nor "p.": too often something else.
    static const char* kCues[] = {"numero", "no", "nr", "number", "num", "nº", "#", "\xe2\x84\x96", "numer",
                                  "nummer", "page", "pagina", "seite", "strona", "tel", "telefone", "phone"};
    std::size_t k = at;
    if (k > 0 && t_[k - 1].is('.')) --k;
    if (k == 0) return false;
    for (const char* c : kCues)
      if (t_[k - 1].key == c) return true;
    return false;
  }

  // Is the token before `at` (skipping an article) a preposition of time?
  bool after_time_preposition(std::size_t at) const {
    static const char* kPrepositions[] = {"in", "during", "until", "till", "since", "by", "em", "no", "desde", "ate",
                                          "ate ao", "im", "seit", "bis", "w", "we", "en", "depuis", "au", "durant",
                                          "pendant", "\xd9\x81\xd9\x8a", "\xd9\x85\xd9\x86\xd8\xb0"};
    std::size_t k = at;
    if (k == 0) return false;
    --k;
    if ((t_[k].key == "the" || t_[k].is('o') || t_[k].is('a')) && k > 0) --k;
    if (t_[k].kind != TokenKind::kWord) return false;
    for (const char* w : kPrepositions)
      if (t_[k].key == w) return true;
    return false;
  }

  // Is the word before `at` (or before its article) a preposition that puts a feast on the
  // calendar ("before Christmas", "vor Weihnachten", "à Noël", "no Natal", "przed Wigilią")?
  bool after_holiday_preposition(std::size_t at) const {
    static const char* kPrepositions[] = {
        "before", "after", "at", "by", "until", "till", "since", "over", "during", "for", "on", "vor", "nach",
        "zu", "an", "seit", "bis", "uber", "przed", "po", "na", "w", "we", "od", "do", "avant", "apres", "a",
        "au", "depuis", "pendant", "jusqu'a", "no", "pelo", "ate", "antes", "depois", "desde", "durante", "voor",
        "sinds", "tot", "elott", "utan", "ota", "pred"};
    static const char* kArticles[] = {"the", "o", "a", "le", "la", "l'", "den", "dem", "die", "het", "de"};
    for (std::size_t k = at, hops = 0; k > 0 && hops < 2; --k, ++hops) {
      const Token& tk = t_[k - 1];
      if (tk.kind != TokenKind::kWord) return false;
      for (const char* w : kPrepositions)
        if (tk.key == w) return true;
      bool article = false;
      for (const char* w : kArticles) article = article || tk.key == w;
      if (!article) return false;
    }
    return false;
  }

  // A year that may follow a day or month after connectors ("de 1944", ", 1944"): sets
  // p.year and returns the token after it, or returns `k` unchanged.
  std::size_t year_after(std::size_t k, Point& p) const {
    const std::size_t j = skip_connectors(k);
    if (auto y = year_phrase(j)) {
      p.year = y->first;
      return y->second;
    }
    // "do mesmo ano", "of that year", "desselben Jahres": the year comes from context.
    const Entry* e = nullptr;
    if (const std::size_t n = lookup(j, Kind::kSameYear, &e)) {
      p.same_year = true;
      return j + n;
    }
    return k;
  }

  Parsed finish(Point p, std::size_t end) {
    if (!p.qualifier.empty()) evidence_.push_back("qualifier:" + p.qualifier);
    return std::make_pair(p, end);
  }

  std::optional<std::pair<int, std::size_t>> decade(std::size_t j, std::size_t* cut) const {
    if (j >= t_.size()) return std::nullopt;
    const Token& tk = t_[j];
    // "1930s", "1930er" (+ "Jahre"), "30s"
    if (tk.kind == TokenKind::kWord) {
      std::size_t k = 0;
      int v = 0;
      for (; k < tk.key.size() && tk.key[k] >= '0' && tk.key[k] <= '9'; ++k)
        if (k < 9) v = v * 10 + (tk.key[k] - '0');  // longer runs are no day or decade anyway
      const std::string_view suffix = tk.key.substr(k);
      if ((k == 4 || k == 2) && v % 10 == 0 && (suffix == "s" || suffix == "er" || suffix == "ern")) {
        const int d = k == 4 ? v / 10 : 190 + v / 10;
        std::size_t end = j + 1;
        const Entry* e = nullptr;
        if (const std::size_t n = lookup(end, Kind::kDecadeAfter, &e)) end += n;
        return std::make_pair(d, end);
      }
    }
    const Entry* e = nullptr;
    // "anos 30", "les années 1930", "lata 30."
    if (const std::size_t n = lookup(j, Kind::kDecadeBefore, &e, cut)) {
      std::size_t k = j + n;
      if (number(k) && (digits(k) == 2 || digits(k) == 4) && value(k) % 10 == 0) {
        const int v = value(k);
        std::size_t end = k + 1;
        return std::make_pair(digits(k) == 4 ? v / 10 : 190 + v / 10, end);
      }
      if (const std::size_t n2 = lookup(k, Kind::kDecade, &e)) return std::make_pair(190 + e->value, k + n2);
    }
    // Decade words on their own or before a year word ("dreissiger Jahren", "الثلاثينيات").
    if (const std::size_t n = lookup(j, Kind::kDecade, &e, cut)) {
      std::size_t end = j + n;
      const Entry* e2 = nullptr;
      const bool own = t_[j].script == 2 || t_[j].script == 3;  // Arabic/Hebrew words stand alone
      if (const std::size_t n2 = lookup(end, Kind::kDecadeAfter, &e2)) end += n2;
      else if (!own) return std::nullopt;
      const Entry* c = nullptr;
      if (const std::size_t n3 = lookup(end, Kind::kCentury, &c)) end += n3;
      return std::make_pair(190 + e->value, end);
    }
    return std::nullopt;
  }

  // "A to B", "A e B" (with A completed from B), "Early May, late June 1943".
  std::optional<Match> range_after(std::size_t begin, std::size_t j, const Point& pa) {
    const Entry* e = nullptr;
    std::size_t n = lookup(j, Kind::kRange, &e);
    bool comma = false;
    if (!n && is(j, ",") && !pa.qualifier.empty()) {
      n = 1;
      comma = true;
    }
    if (!n) return std::nullopt;
    const bool conjunction = !comma && e->label == "and";
    std::size_t k = j + n;
    if (is(k, "-") && !t_[k].space_before) ++k;  // "ל-3"
    k = skip_connectors(k, 1);                   // "to the 12th", "auf den"
    auto b = point(k, false);
    if (!b && pa.partial && pa.ordinal && !pa.month && (!conjunction || opener_before(begin))) {
      // "from the 5th to the 12th": two ordinal days; month and year come from the date before.
      if (auto d = day_at(k); d && ordinal_at(k) && d->first > pa.day) {
        Point pb;
        pb.day = d->first;
        Match m;
        m.begin = begin;
        m.a = pa;
        m.a.month_from_context = true;
        m.b = pb;
        m.end = d->second;
        m.evidence = evidence_;
        m.evidence.push_back("rule:span");
        return m;
      }
    }
    if (!b) return std::nullopt;
    Point pb = b->first;
    Point a2 = pa;
    // The first part takes what it lacks from the second: "3 e 5 de março de 1944".
    if (a2.day && !a2.month && pb.month) a2.month = pb.month;
    if (!a2.year && pb.year && (a2.month || a2.season)) a2.year = pb.year;
    if (!a2.month && !a2.season && !a2.year && a2.decade < 0) return std::nullopt;
    if (a2.day && !a2.month) return std::nullopt;
    if (comma && pb.qualifier.empty()) return std::nullopt;
    // Tesseract gives the two numbers of "(1911-1997)" in an Arabic or Hebrew line in reverse
    // order ("(1997-1911)"): a later year first, joined by a bare hyphen, in right-to-left text.
    bool reversed = false;
    auto bare_year = [](const Point& p) { return p.year && !p.month && !p.season && !p.day && !p.approx; };
    if (bare_year(a2) && bare_year(pb) && a2.year > pb.year && is(j, "-") && !t_[j].space_before &&
        j + 1 < t_.size() && !t_[j + 1].space_before && right_to_left_before(begin)) {
      std::swap(a2, pb);
      reversed = true;
    }
    // "X and Y" joins two complete dates into a span only after an opener ("entre 1940 e 1942").
    if (conjunction && !pa.partial && pa.has_year() && !opener_before(begin)) return std::nullopt;
    if (a2.year && pb.year && a2.year > pb.year) return std::nullopt;
    if (a2.year && pb.year && a2.year == pb.year && a2.month && pb.month && a2.month > pb.month) return std::nullopt;
    if (a2.day && a2.day > days_in(a2.year, a2.month)) return std::nullopt;
    Match m;
    m.begin = begin;
    m.a = a2;
    m.b = pb;
    m.end = b->second;
    m.evidence = evidence_;
    m.evidence.push_back("rule:span");
    if (reversed) m.evidence.push_back("order:right-to-left");
    return m;
  }

  // Is the nearest word before `begin` (within three tokens) in Arabic or Hebrew script?
  bool right_to_left_before(std::size_t begin) const {
    for (std::size_t back = 1; back <= 3 && back <= begin; ++back) {
      const Token& tk = t_[begin - back];
      if (tk.kind == TokenKind::kWord) return tk.script == 2 || tk.script == 3;
    }
    return false;
  }

  bool opener_before(std::size_t begin) const {
    for (std::size_t back = 1; back <= 3 && back <= begin; ++back) {
      const Entry* e = nullptr;
      if (lookup(begin - back, Kind::kOpener, &e) == back) return true;
    }
    return false;
  }

  std::string_view text_;
  const TokenStream& stream_;
  const std::vector<Token>& t_;
  bool mdy_;
  bool hungarian_;
  mutable std::vector<int32_t> cache_n_;
  mutable std::vector<const std::vector<Entry>*> cache_v_;
  std::vector<std::string> evidence_;
};

class DatesStage final : public DocumentStage {
 public:
  explicit DatesStage(const Params& p)
      : DocumentStage("tag.dates"), order_(p.get_string("numeric_order")), places_(Gazetteer::get("places")) {
    vocabulary();  // load once, before the first document
    count_nouns();
  }

  void process(Document& doc, Context&) override {
    const TokenStream& stream = tokens_of(doc);
    const std::vector<Token>& tokens = stream.tokens;
    const DocumentLanguages& langs = document_languages(doc);
    const bool mdy = order_ == "mdy" || (order_ == "auto" && langs.main == "eng");
    const std::vector<std::string>& languages = langs.all;
    DateParser parser(doc.text, stream, mdy, std::find(languages.begin(), languages.end(), "hun") != languages.end());
    EntitySet set(doc);
    std::vector<DateParser::Match> found;
    for (std::size_t i = 0; i < tokens.size();) {
      auto m = parser.at(i);
      // A month or season word inside a listed place's name is the place's: "תל אביב" (Tel
      // Aviv; אביב is spring).
      if (!m || (i > 0 && tokens[i].kind == TokenKind::kWord && !tokens[i].newline_before &&
                 tokens[i - 1].kind == TokenKind::kWord && (tokens[i - 1].upper || tokens[i - 1].script >= 2) &&
                 places_->match(stream, i - 1, doc.text).tokens > 1)) {
        ++i;
        continue;
      }
      i = m->end;
      found.push_back(std::move(*m));
    }
    // Years from context: the nearest explicit year before, else after. Birth and death dates
    // ("née le 9.III.1932", "né en 1934") and lifespans ("(1885-1954)") are a person's, not
    // the time the text tells of: they count only when the text has no other year.
    std::vector<int> years;
    std::vector<bool> personal;
    for (const auto& f : found) {
      years.push_back(f.b && f.b->year ? f.b->year : f.a.year);
      const bool lifespan = f.b && f.a.year && f.b->year && !f.a.month && !f.a.season && !f.b->month &&
                            !f.b->season && f.begin > 0 && tokens[f.begin - 1].key == "(";
      personal.push_back(lifespan || parser.vital_before(f.begin));
    }
    for (std::size_t k = 0; k < found.size(); ++k) {
      auto& m = found[k];
      auto fill = [&](Point& p) {
        if (p.has_year()) return;
        int y = 0;
        for (const bool any : {false, true}) {
          for (std::size_t b = k; b-- > 0;)
            if (years[b] && (any || !personal[b])) {
              y = years[b];
              break;
            }
          for (std::size_t a = k + 1; !y && a < found.size(); ++a)
            if (any || !personal[a]) y = years[a];
          if (y) break;
        }
        if (y) {
          p.year = y;
          p.year_from_context = true;
        }
      };
      if (m.a.month_from_context) {
        // Month and year of the nearest date before that has a month ("In September 1942 ...
        // from the 5th to the 12th"), or the month before it ("the 3rd ult."); without one,
        // two ordinals or "12 do corrente" are no date.
        const Point* ref = nullptr;
        for (std::size_t b = k; !ref && b-- > 0;) {
          if (found[b].b && found[b].b->month && found[b].b->year) ref = &*found[b].b;
          else if (found[b].a.month && found[b].a.year) ref = &found[b].a;
        }
        if (!ref) continue;
        int year = ref->year, month = ref->month - m.a.months_back;
        if (month < 1) {
          month += 12;
          --year;
        }
        if ((m.b ? m.b->day : m.a.day) > days_in(year, month)) continue;
        m.a.month = month;
        m.a.year = year;
        if (m.b) {
          m.b->month = month;
          m.b->year = year;
        }
        m.evidence.push_back("month from context: " + std::to_string(year) + "-" + two(month));
      }
      fill(m.a);
      if (m.b) fill(*m.b);
      std::string value = edtf(m.a);
      if (m.b) value += "/" + edtf(*m.b);
      else if (m.open_end) value += "/";
      if (m.a.year_from_context || (m.b && m.b->year_from_context))
        m.evidence.push_back("year from context: " + std::to_string(m.a.year ? m.a.year : m.b->year));
      m.evidence.insert(m.evidence.begin(), "rule:date");
      const uint32_t start = tokens[m.begin].start + static_cast<uint32_t>(m.a.start_cut);
      const uint32_t end = tokens[m.end - 1].end;
      double conf = m.a.year_from_context || m.a.month_from_context ? 0.7 : 0.95;
      if (!m.a.month && !m.a.season && !m.b && m.a.decade < 0) conf = 0.85;  // a bare year
      set.add({EntityType::kDate, start, end, value, conf, m.evidence, {}});
    }
    set.commit();
  }

 private:
  std::string order_;
  std::shared_ptr<const Gazetteer> places_;
};

}  // namespace

void register_tag_dates(Registry& r) {
  r.add({"tag.dates",
         StageKind::kDocument,
         "date expressions (days, months, seasons, years, decades, spans, approximations) to EDTF",
         {param_string("numeric_order", "auto",
                       "day/month order of numeric dates like 4/2/1941: auto (mdy in English documents), dmy, mdy",
                       {"auto", "dmy", "mdy"})},
         kCapText,
         kCapEntities,
         [](const Params& p) { return std::make_unique<DatesStage>(p); }});
}

}  // namespace testimony
