// Authority files as gazetteers: every name and variant of configs/authorities/*.tsv under
// its folded token key, matched longest-first over the token stream, also through Arabic
// and Hebrew clitics (بكراكوف, בקרקוב) and inflected endings (w Warszawie, do Krakowa,
// Budapesten). Loaded once per process and shared read-only between workers.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stages/common/text.hpp"
#include "stages/tag/vocabulary.hpp"

namespace testimony {

struct AuthorityEntry {
  std::string id;    // "krakow"
  std::string name;  // canonical: "Krakow"
  std::string type;  // city, camp, country, aid_organization, ...
  const std::string& authority() const { return authority_; }  // "<file>:<id>"
  std::string file;  // places | persons | organizations
  std::string wikidata;
  // Set when the file is loaded: the authority id, and the rank of the type among entries
  // with the same name (a country before a region, a city, a camp, ...).
  std::string authority_;
  int rank = 9;
};

struct GazetteerMatch {
  std::size_t tokens = 0;        // 0: no match
  std::size_t start_cut = 0;     // bytes of a clitic to leave out of the span
  const AuthorityEntry* entry = nullptr;
  std::string_view how;          // "exact", "clitic", "inflected"
};

class Gazetteer {
 public:
  // file: "places", "persons" or "organizations" (configs/authorities/<file>.tsv).
  static std::shared_ptr<const Gazetteer> get(const std::string& file);
  // An authority file read from `path` as `file`, not cached (tests, fuzzing). Rows without
  // an id or name, with a duplicate id or the wrong number of fields are skipped; bad
  // coordinates are dropped; each is reported in problems() as "path:line: ...". Throws
  // ConfigError when the file cannot be read or lacks the id, name or variants column.
  static std::shared_ptr<const Gazetteer> load(const std::string& file, const std::filesystem::path& path);
  const std::vector<std::string>& problems() const { return problems_; }

  // Longest name at token i. Latin-script names must start with a capital letter in the
  // text; acronyms of up to four letters must be in capitals.
  GazetteerMatch match(const TokenStream& tokens, std::size_t i, std::string_view text) const;
  // An entry whose folded name or variant is `key` (phrase_key form).
  const AuthorityEntry* find(const std::string& key) const;
  const AuthorityEntry* find(const std::u32string& word_ids) const;
  // By transliterated key (Any-Latin, folded): links Arabic, Hebrew and Cyrillic mentions.
  const AuthorityEntry* find_transliterated(const std::string& latin_key) const;
  // By the sound of the name (sound_key): the one entry whose key is the name's, or for a
  // name of two words or more differs from it by one letter; nullptr when none is, or when
  // entries that differ are. For names in Arabic and Hebrew script, whose spellings of
  // European names vary ("فالنبرغ" and "والنبرغ" are both Wallenberg). Persons only: for the
  // other files it finds nothing.
  const AuthorityEntry* find_by_sound(std::string_view name) const;
  std::size_t size() const { return entries_.size(); }
  // Is the one-word Latin name at token t written without the accents every listed spelling
  // of that word has ("Spis" for Spiš: Polish "spis", a list)? The places file only.
  bool accents_lost(const Token& t, std::string_view text) const;

 private:
  Gazetteer(const std::string& file, const std::filesystem::path& path);
  void add_name(const std::string& name, std::size_t entry);
  const AuthorityEntry* pick(const std::vector<std::size_t>& candidates) const;
  // A name of n words from token i on, words k.. still to choose, each as written or as one
  // of its base forms (TokenStream::forms), at least one of them a base form.
  bool inflected(const TokenStream& stream, std::size_t i, std::size_t n, std::size_t k, std::u32string& key,
                 bool changed, GazetteerMatch& m) const;

  std::string file_;
  std::vector<std::string> problems_;
  std::vector<AuthorityEntry> entries_;
  PhraseMap<std::size_t> names_;
  std::unordered_map<std::string, std::size_t> translit_;
  // sound_key of every name of five consonants or more, each of its one-letter deletions,
  // and each deletion with where it was (a letter other there: Rachel is no Carl for having
  // lost a letter each in different places). The persons file only.
  std::unordered_map<std::string, std::vector<std::size_t>> sounds_, sound_deletions_, sound_substitutions_;
  std::unordered_set<std::u32string> acronyms_;  // names that must be written in capitals
  // Word ids of one-word Latin names listed with accents only, and with an ASCII spelling.
  std::unordered_set<uint32_t> accented_words_, ascii_words_;
};

// A name's consonant skeleton, alike for its spellings in Latin, Arabic and Hebrew script:
// transliterated, vowels and the letters that write them inside a word (w, y) left out, and
// the consonants each script confuses in one class (b; f p v and w at a word's start; k g q
// c; t d; s z c x; j and y at a word's start; l; m; n; r), doubled ones once, h silent.
// "Raoul Wallenberg", "راؤول فالنبرغ" and "ראול ולנברג" are all "rl flnbrk". Words are
// separated by a space.
std::string sound_key(std::string_view name);

// Yiddish in Hebrew letters in the YIVO romanization, lower case: "זילבערשטיין" →
// "zilbershteyn", "משה" → "moyshe" (names of Hebrew origin by their Yiddish form).
std::string yiddish_latin(std::string_view text);

// A name in Hebrew or Arabic letters in Latin letters, word by word: the usual spelling of a
// common given or family name (configs/lexicons/name_romanizations.tsv: רחל → Rachel, كوهين →
// Cohen), else the word transliterated and folded (latin_key). `listed`: how many words the
// list gave.
std::string name_latin(std::string_view text, std::size_t* listed = nullptr);
// Is the folded word a name of that list (כהן, Cohen: no כ + הן, "like them")?
bool romanized_name(std::string_view key);

// Latin transliteration of any script in ASCII (ICU Any-Latin; Latin-ASCII), case kept:
// "Łagiewnicka" → "Lagiewnicka".
std::string latin_ascii(std::string_view text);
// The same, folded (phrase_key).
std::string latin_key(std::string_view text);

}  // namespace testimony
