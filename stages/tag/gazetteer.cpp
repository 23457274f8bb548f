// Gazetteer loading (authority TSVs plus ICU country names) and matching.
#include "stages/tag/gazetteer.hpp"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>

#include "pipeline/data.hpp"
#include "pipeline/log.hpp"
#include "pipeline/utf8.hpp"

namespace testimony {
namespace {

// Display locales whose country names are added to country rows.
constexpr const char* kNameLocales[] = {"en", "pt", "de", "fr", "pl", "es", "it", "nl", "hu", "cs", "sk",
                                        "ro", "ru", "uk", "he", "yi", "ar", "tr", "el", "sv", "da", "lt",
                                        "lv", "hr", "sr_Latn", "bg", "be"};

// ICU's transliterator is slow (a compound of rule sets) and not thread-safe: calls take a
// lock, ASCII needs none, and names repeat, so results are kept (up to a bound).
class Transliterator {
 public:
  std::string operator()(std::string_view s) {
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      return std::string(s);
    std::lock_guard lock(mu_);
    if (!tr_) return std::string(s);
    if (auto it = done_.find(s); it != done_.end()) return it->second;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    tr_->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    if (done_.size() >= 100000) done_.clear();
    done_.emplace(s, out);
    return out;
  }
  // By ICU id ("Any-Latin; Latin-ASCII"), or from rules when `rules` is given.
  explicit Transliterator(const char* id, const char* rules = nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    if (rules) {
      UParseError where;
      tr_.reset(icu::Transliterator::createFromRules(id, icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, where,
                                                     status));
    } else {
      tr_.reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    }
    if (U_FAILURE(status)) {
      get_logger("authorities")->error("ICU transliterator {}: {}", id, u_errorName(status));
      tr_.reset();
    }
  }

 private:
  std::mutex mu_;
  std::unique_ptr<icu::Transliterator> tr_;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> done_;
};

bool cased_lower(const Token& t) { return t.script == 1 && !t.upper; }

int type_rank(const std::string& type) {
  static const std::map<std::string, int> kRank = {{"country", 0}, {"continent", 1}, {"region", 2}, {"city", 3},
                                                   {"camp", 4},    {"ghetto", 5},    {"town", 6},   {"village", 7}};
  auto it = kRank.find(type);
  return it == kRank.end() ? 9 : it->second;
}

}  // namespace

std::string latin_ascii(std::string_view text) {
  static Transliterator tr("Any-Latin; Latin-ASCII");
  return tr(text);
}

namespace {

// YIVO romanization of Yiddish in Hebrew letters, as ICU rules over the decomposed text: the
// digraphs first (װ v, ײ ey, ײַ ay, ױ oy, דזש dzh, זש zh, טש tsh), then the pointed letters
// (אַ a, אָ o, בֿ v, פּ p, פֿ f, כּ k, תּ t, שׂ s), a shtumer alef silent, ע e, ו u, י i (y before a
// vowel letter), ח and כ kh, צ ts, ש sh, ת s.
constexpr const char* kYiddishRules = R"(
:: NFD ;
װ > v ; ױ > oy ; ײ \u05B7 > ay ; ײ > ey ;
וו > v ; וי > oy ; יי \u05B7 > ay ; יי > ey ;
א \u05B7 > a ; א \u05B8 > o ; א > ;
ב \u05BF > v ; ב > b ; ג > g ; דזש > dzh ; ד > d ; ה > h ;
ו \u05BC > u ; ו > u ; זש > zh ; ז > z ; ח > kh ; טש > tsh ; ט > t ;
י \u05B4 > i ; י } [אעו] > y ; י > i ;
כ \u05BC > k ; כ > kh ; ך > kh ; ל > l ; מ > m ; ם > m ; נ > n ; ן > n ; ס > s ; ע > e ;
פ \u05BC > p ; פ \u05BF > f ; פ > p ; ף > f ; צ > ts ; ץ > ts ; ק > k ; ר > r ;
ש \u05C2 > s ; ש \u05C1 > sh ; ש > sh ; ת \u05BC > t ; ת > s ;
[\u0591-\u05C7] > ;
:: NFC ;
)";

// Names of Hebrew origin keep their Hebrew spelling in Yiddish, without vowels: their YIVO
// forms.
const std::unordered_map<std::string_view, std::string_view>& yiddish_hebraisms() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      {"משה", "moyshe"},    {"רחל", "rokhl"},     {"יצחק", "yitskhok"}, {"אברהם", "avrom"},   {"יעקב", "yankev"},
      {"שרה", "sore"},      {"לאה", "leye"},      {"רבקה", "rivke"},    {"דוד", "dovid"},     {"שמואל", "shmuel"},
      {"חיים", "khaim"},    {"מרים", "miryem"},   {"חנה", "khane"},     {"אסתר", "ester"},    {"שלמה", "shloyme"},
      {"מרדכי", "mordkhe"}, {"בנימין", "binyomen"}, {"יוסף", "yosef"},  {"אהרן", "arn"},      {"מנחם", "menakhem"},
      {"צבי", "tsvi"},      {"ברוך", "borekh"},   {"מאיר", "meyer"},    {"נחום", "nokhem"},   {"פנחס", "pinkhes"},
      {"יהודה", "yehude"},  {"שמעון", "shimen"},  {"ישראל", "yisroel"}, {"אליעזר", "eliezer"}, {"שמחה", "simkhe"}};
  return m;
}

}  // namespace

std::string yiddish_latin(std::string_view text) {
  static Transliterator tr("Yiddish-Latin", kYiddishRules);
  std::string out;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t cut = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, cut - at);
    if (!out.empty()) out += ' ';
    // The word without its points (שׂרה → שרה) for the list of Hebraisms.
    std::string plain;
    for (std::size_t i = 0; i < word.size();) {
      const std::size_t from = i;
      const int32_t c = next_code_point(word, i);
      if (c < 0x0591 || c > 0x05C7) plain.append(word.substr(from, i - from));
    }
    const auto& h = yiddish_hebraisms();
    const auto it = h.find(plain);
    out += it != h.end() ? std::string(it->second) : tr(word);
    at = cut + 1;
  }
  return out;
}

std::string latin_key(std::string_view text) { return phrase_key(latin_ascii(text)); }

namespace {

// name_romanizations.tsv by the folded written form.
using Romanizations = std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>>;
const Romanizations& name_romanizations() {
  static const Romanizations m = [] {
    Romanizations out;
    const TsvTable t = read_tsv(find_data_file("configs/lexicons/name_romanizations.tsv"), {"written", "latin"});
    for (const auto& p : t.problems) get_logger("lexicons")->warn("{}", p);
    const auto w = static_cast<std::size_t>(t.column("written")), l = static_cast<std::size_t>(t.column("latin"));
    for (const auto& row : t.rows) out.emplace(fold_key(row[w]), row[l]);
    return out;
  }();
  return m;
}

}  // namespace

bool romanized_name(std::string_view key) { return name_romanizations().contains(key); }

std::string name_latin(std::string_view text, std::size_t* listed) {
  const auto& list = name_romanizations();
  std::string out;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t cut = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, cut - at);
    if (!word.empty()) {
      if (!out.empty()) out += ' ';
      const auto it = list.find(fold_key(word));
      if (it != list.end() && listed) ++*listed;
      out += it != list.end() ? it->second : latin_key(word);
    }
    at = cut + 1;
  }
  return out;
}

namespace {

// The skeleton of a transliterated, folded key (latin_key).
std::string skeleton(std::string_view key) {
  std::string out;
  bool word_start = true;
  char last = 0;
  auto put = [&](char c) {
    if (c != last) out += c;
    last = c;
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const char next = i + 1 < key.size() ? key[i + 1] : 0;
    if (c == ' ' || c == '-') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      word_start = true;
      last = 0;
      continue;
    }
    const bool first = word_start;
    word_start = false;
    switch (c) {
      case 'b': put('b'); break;
      case 'f': case 'v': put('f'); break;
      case 'p': put('f'); if (next == 'h') ++i; break;
      case 'w': if (first) put('f'); break;
      case 'k': case 'g': case 'q': put('k'); break;
      case 'c':
        if (next == 'h') ++i;                   // ch: h, kh or tsh; silent like h
        else put(next == 'z' ? 's' : 'k');      // Polish cz
        break;
      case 't':
        if (next == 's' || next == 'z') break;  // ts, tz: the s
        put('t');
        if (next == 'h') ++i;
        break;
      case 'd': put('t'); if (next == 'h') ++i; break;
      case 's': case 'z': put('s'); break;
      case 'x': put('k'); put('s'); break;
      case 'j': put('j'); break;
      case 'y': if (first) put('j'); break;
      case 'l': case 'm': case 'n': case 'r': put(c); break;
      default: break;  // vowels, h, the marks of alef and ayin
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t consonants(std::string_view sound) {
  return static_cast<std::size_t>(std::count_if(sound.begin(), sound.end(), [](char c) { return c != ' '; }));
}

// A letter more, less or other is tolerated only in a word of five consonants or more: in a
// shorter one it is another name ("Shtern" is not "Stalin", "strn" against "stln").
bool tolerant_at(std::string_view sound, std::size_t at) {
  std::size_t from = sound.rfind(' ', at);
  from = from == std::string_view::npos ? 0 : from + 1;
  const std::size_t to = std::min(sound.find(' ', at), sound.size());
  return to - from >= 5;
}

}  // namespace

std::string sound_key(std::string_view name) {
  // Arabic ة (ta marbuta) at a word's end is a vowel: "سارة" is Sara.
  std::string text(name);
  for (std::size_t at = text.find("\u0629"); at != std::string::npos; at = text.find("\u0629", at)) {
    const std::size_t after = at + 2;
    if (after == text.size() || text[after] == ' ') text.erase(at, 2);
    else at = after;
  }
  return skeleton(latin_key(text));
}

std::shared_ptr<const Gazetteer> Gazetteer::get(const std::string& file) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Gazetteer>> cache;
  std::lock_guard lock(mu);
  auto& slot = cache[file];
  if (!slot) slot.reset(new Gazetteer(file, find_data_file("configs/authorities/" + file + ".tsv")));
  return slot;
}

std::shared_ptr<const Gazetteer> Gazetteer::load(const std::string& file, const std::filesystem::path& path) {
  return std::shared_ptr<const Gazetteer>(new Gazetteer(file, path));
}

namespace {

// A one-letter deletion and where it was: two keys alike in this are one letter apart there.
std::string substitution_key(const std::string& shorter, std::size_t at) {
  return shorter + '\x01' + std::to_string(at);
}

}  // namespace

void Gazetteer::add_name(const std::string& name, std::size_t entry) {
  const std::string key = phrase_key(name);
  if (key.empty()) return;
  // Acronyms (SS, OSE, JDC): matched only in capitals, so "ss" or "ose" in running text stay words.
  bool caps = true;
  int letters = 0;
  const Tokens words = tokenize(name);
  for (const Token& t : words) {
    if (t.kind == TokenKind::kWord) {
      caps = caps && (t.all_upper || (t.upper && t.end - t.start == 1));
      letters += static_cast<int>(t.key.size());
    }
  }
  if (caps && letters <= 5 && letters > 0) acronyms_.insert(intern_phrase(name));
  // Only places are asked accents_lost (tag.places).
  if (file_ == "places" && words.size() == 1 && words[0].kind == TokenKind::kWord && words[0].script == 1) {
    const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    (ascii ? ascii_words_ : accented_words_).insert(WordIds::intern(key));
  }
  names_.add(name, entry);
  const std::string lk = latin_key(name);
  if (!lk.empty()) translit_.emplace(lk, entry);
  // Only persons are linked by sound (link.authorities): places and organizations skip the
  // index and its cost at start-up.
  if (file_ != "persons") return;
  const std::string sound = sound_key(name);
  if (consonants(sound) < 5) return;
  auto add = [&](std::unordered_map<std::string, std::vector<std::size_t>>& map, const std::string& k) {
    auto& v = map[k];
    if (std::find(v.begin(), v.end(), entry) == v.end()) v.push_back(entry);
  };
  add(sounds_, sound);
  for (std::size_t i = 0; i < sound.size(); ++i)
    if (sound[i] != ' ' && tolerant_at(sound, i)) {
      const std::string shorter = sound.substr(0, i) + sound.substr(i + 1);
      add(sound_deletions_, shorter);
      add(sound_substitutions_, substitution_key(shorter, i));
    }
}

bool Gazetteer::accents_lost(const Token& t, std::string_view text) const {
  if (t.script != 1 || !accented_words_.count(t.id) || ascii_words_.count(t.id)) return false;
  const std::string_view written = t.text(text);
  return std::all_of(written.begin(), written.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const AuthorityEntry* Gazetteer::find_by_sound(std::string_view name) const {
  const std::string sound = sound_key(name);
  if (consonants(sound) < 5) return nullptr;
  // One entry, or none: the same sound for two people is no evidence for either.
  auto only = [&](const std::vector<std::size_t>& v) { return v.size() == 1 ? &entries_[v.front()] : nullptr; };
  if (auto it = sounds_.find(sound); it != sounds_.end()) return only(it->second);
  if (sound.find(' ') == std::string::npos) return nullptr;  // one word: only as it sounds
  // One letter more, less or other: the key's deletions against the names' keys and theirs.
  std::vector<std::size_t> found;
  auto collect = [&](const std::unordered_map<std::string, std::vector<std::size_t>>& map, const std::string& k) {
    if (auto it = map.find(k); it != map.end())
      for (const std::size_t e : it->second)
        if (std::find(found.begin(), found.end(), e) == found.end()) found.push_back(e);
  };
  collect(sound_deletions_, sound);
  for (std::size_t i = 0; i < sound.size(); ++i) {
    if (sound[i] == ' ' || !tolerant_at(sound, i)) continue;
    const std::string shorter = sound.substr(0, i) + sound.substr(i + 1);
    collect(sounds_, shorter);
    collect(sound_substitutions_, substitution_key(shorter, i));
  }
  return only(found);
}

namespace {

// A coordinate field: empty, or a decimal number within [-limit, limit].
bool valid_coordinate(const std::string& field, double limit) {
  if (field.empty()) return true;
  char* end = nullptr;
  const double v = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size() && std::isfinite(v) && v >= -limit && v <= limit;
}

}  // namespace

Gazetteer::Gazetteer(const std::string& file, const std::filesystem::path& path) : file_(file) {
  const TsvTable t = read_tsv(path, {"id", "name", "variants"});
  problems_ = t.problems;
  const int id = t.column("id"), name = t.column("name"), variants = t.column("variants"), type = t.column("type"),
            wd = t.column("wikidata"), country = t.column("country"), lat = t.column("lat"), lon = t.column("lon");
  std::vector<std::size_t> rows;  // the table row of each entry
  std::unordered_set<std::string> ids;
  entries_.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto col = [&](int c) { return c >= 0 ? row[static_cast<std::size_t>(c)] : std::string(); };
    if (col(id).empty() || col(name).empty()) {
      problems_.push_back(t.where(r) + (col(id).empty() ? "empty id" : "empty name") + "; row skipped");
      continue;
    }
    if (!ids.insert(col(id)).second) {
      problems_.push_back(t.where(r) + "duplicate id \"" + col(id) + "\"; row skipped");
      continue;
    }
    // Coordinates are not used for tagging; a bad pair is reported so that the file gets fixed.
    if (!valid_coordinate(col(lat), 90) || !valid_coordinate(col(lon), 180))
      problems_.push_back(t.where(r) + "bad coordinates lat \"" + col(lat) + "\", lon \"" + col(lon) +
                          "\" (decimal degrees, |lat| <= 90, |lon| <= 180); coordinates ignored");
    entries_.push_back({col(id), col(name), col(type), file, col(wd), file + ":" + col(id), type_rank(col(type))});
    rows.push_back(r);
  }
  auto log = get_logger("authorities");
  for (const auto& p : problems_) log->warn("{}", p);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const auto& row = t.rows[rows[i]];
    add_name(entries_[i].name, i);
    for (const auto& v : split_variants(row[static_cast<std::size_t>(variants)])) add_name(v, i);
    // Countries also under their names in every display locale ICU knows.
    if (entries_[i].type == "country" && country >= 0 && row[static_cast<std::size_t>(country)].size() == 2) {
      const icu::Locale region("", row[static_cast<std::size_t>(country)].c_str());
      for (const char* loc : kNameLocales) {
        icu::UnicodeString display;
        region.getDisplayCountry(icu::Locale(loc), display);
        std::string s;
        display.toUTF8String(s);
        if (!s.empty() && s != row[static_cast<std::size_t>(country)]) add_name(s, i);
      }
    }
  }
  log->debug("{}: {} entries, {} names", file, entries_.size(), names_.size());
}

const AuthorityEntry* Gazetteer::pick(const std::vector<std::size_t>& candidates) const {
  const AuthorityEntry* best = nullptr;
  for (std::size_t c : candidates)
    if (!best || entries_[c].rank < best->rank) best = &entries_[c];
  return best;
}

const AuthorityEntry* Gazetteer::find(const std::string& key) const {
  const auto* v = names_.find(key);
  return v ? pick(*v) : nullptr;
}

const AuthorityEntry* Gazetteer::find(const std::u32string& ids) const {
  const auto* v = names_.find(ids);
  return v ? pick(*v) : nullptr;
}

const AuthorityEntry* Gazetteer::find_transliterated(const std::string& latin) const {
  auto it = translit_.find(latin);
  return it == translit_.end() ? nullptr : &entries_[it->second];
}

bool Gazetteer::inflected(const TokenStream& stream, std::size_t i, std::size_t n, std::size_t k, std::u32string& key,
                          bool changed, GazetteerMatch& m) const {
  if (k == n) {
    // A single inflected word needs five letters or more: shorter ones have too many look-alikes.
    if (!changed || !(n >= 2 || stream.tokens[i].key.size() >= 5)) return false;
    const auto* v = names_.find(key);
    if (!v) return false;
    m.tokens = n;
    m.entry = pick(*v);
    m.how = "inflected";
    return true;
  }
  const std::span<const uint32_t> forms = stream.forms(i + k);
  for (std::size_t f = 0; f < forms.size(); ++f) {
    if (forms[f] == 0) continue;  // a word no name has
    key += static_cast<char32_t>(forms[f]);
    const bool viable = k + 1 == n || names_.extends(key);
    if (viable && inflected(stream, i, n, k + 1, key, changed || f > 0, m)) return true;
    key.pop_back();
  }
  return false;
}

GazetteerMatch Gazetteer::match(const TokenStream& stream, std::size_t i, std::string_view text) const {
  const std::vector<Token>& tokens = stream.tokens;
  GazetteerMatch m;
  const Token& first = tokens[i];
  if (first.kind != TokenKind::kWord) return m;
  if (!cased_lower(first)) {
    const std::vector<std::size_t>* values = nullptr;
    if (const std::size_t n = names_.longest(tokens, i, &values)) {
      bool caps_ok = true;
      if (!acronyms_.empty()) {
        std::u32string key;
        for (std::size_t k = 0; k < n; ++k) key += static_cast<char32_t>(tokens[i + k].id);
        if (acronyms_.count(key))
          for (std::size_t k = 0; k < n; ++k)
            if (tokens[i + k].kind == TokenKind::kWord && tokens[i + k].script == 1 &&
                !(tokens[i + k].all_upper || (tokens[i + k].upper && tokens[i + k].end - tokens[i + k].start == 1)))
              caps_ok = false;
      }
      if (caps_ok) {
        m.tokens = n;
        m.entry = pick(*values);
        m.how = "exact";
        return m;
      }
    }
  }
  // Clitics glued to Arabic and Hebrew names: one or two letters.
  if (first.script == 2 || first.script == 3) {
    for (std::size_t letters = 1; letters <= 2; ++letters) {
      const std::size_t bytes = 2 * letters;
      if (first.key.size() <= bytes + 4) break;  // a name of two letters or more after the clitic
      const uint32_t rest = stream.clitic_rest(i, letters);
      if (!rest) continue;
      const std::vector<std::size_t>* values = nullptr;
      if (const std::size_t n = names_.longest(tokens, i, &values, SIZE_MAX, rest)) {
        m.tokens = n;
        m.entry = pick(*values);
        m.start_cut = letters_prefix_bytes(first.text(text), letters);
        m.how = "clitic";
        return m;
      }
    }
    // A preposition swallows the article: Hebrew "לצבא הבריטי" is ל + הצבא הבריטי (to the
    // British army), Arabic "للصليب الأحمر" is ل + الصليب الأحمر (to the Red Cross).
    const std::string_view key = first.key;
    std::string with_article;
    if (first.script == 3 && key.size() > 6 &&
        (key.starts_with("\xD7\x91") || key.starts_with("\xD7\x9C") || key.starts_with("\xD7\x9B")))  // ב ל כ
      with_article = "\xD7\x94" + std::string(key.substr(2));                                           // ה
    else if (first.script == 2 && key.size() > 8 && key.starts_with("\xD9\x84\xD9\x84"))               // لل
      with_article = "\xD8\xA7\xD9\x84" + std::string(key.substr(4));                                   // ال
    if (!with_article.empty()) {
      const std::vector<std::size_t>* values = nullptr;
      if (const uint32_t id = WordIds::find(with_article))
        if (const std::size_t n = names_.longest(tokens, i, &values, SIZE_MAX, id)) {
          m.tokens = n;
          m.entry = pick(*values);
          m.start_cut = letters_prefix_bytes(first.text(text), 1);
          m.how = "clitic";
          return m;
        }
    }
  }
  // Inflected names (Latin and Cyrillic script, capitalized): every word of up to six may
  // carry a case ending ("Armii Krajowej" → Armia Krajowa, "w Warszawie" → Warszawa).
  // Not at the start of a sentence, where any word is capitalized ("Parmi" is no Parma). A
  // line or paragraph break starts one unless a lower-case word or a comma before it shows
  // the sentence goes on ("deportowano z\n\nUmschlagplatzu").
  const Token* before = i > 0 ? &tokens[i - 1] : nullptr;
  const bool goes_on = before && ((before->kind == TokenKind::kWord && cased_lower(*before)) || before->is(','));
  const bool sentence_start = !before || before->is('.') || before->is('!') || before->is('?') ||
                              (first.newline_before && !goes_on);
  // In capitals (a heading: "RADY POMOCY ŻYDOM") only a name of two words or more, where the
  // other words vouch for the first.
  if (first.script == 1 && first.upper && first.key.size() >= 4 && !sentence_start) {
    bool can_start = false;  // some name starts with the word or one of its base forms
    for (const uint32_t id : stream.forms(i)) can_start = can_start || names_.starts(id);
    if (!can_start) return m;
    std::size_t words = 1;
    // Words, and the hyphens inside a name ("Bispebjerg-Krankenhauses").
    auto part = [&](const Token& k) { return k.kind == TokenKind::kWord || (k.is('-') && !k.space_before); };
    while (words < 6 && i + words < tokens.size() && part(tokens[i + words]) && !tokens[i + words].newline_before)
      ++words;
    // Longest first; the exact single word was tried above.
    std::u32string key;
    const std::size_t fewest = first.all_upper ? 2 : 1;
    for (std::size_t n = words; n >= fewest; --n) {
      if (first.all_upper && !std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                                          tokens.begin() + static_cast<std::ptrdiff_t>(i + n),
                                          [](const Token& k) { return k.all_upper; }))
        continue;
      key.clear();
      if (inflected(stream, i, n, 0, key, false, m)) return m;
    }
  }
  return m;
}

}  // namespace testimony
