// Word lists the name taggers share, loaded once per process: given names, titles and
// roles, place and organization cues (configs/lexicons/*.tsv), words that look like names
// but are not (language and nationality names, months and weekdays from ICU locale data),
// and the small closed lists of the rules. All of them are loaded when a stage is built:
// a word interned while a document is being tagged would be unknown to its token stream.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stages/common/text.hpp"
#include "stages/tag/vocabulary.hpp"

namespace testimony {

struct Cue {
  std::string position;  // before | after (places, titles); head | tail (organizations)
  std::string kind;      // preposition, camp, ghetto, street, ... ; title kind for titles
  // Listed in lower case and matching only so: one letter and a period ("s.", "p."; "S." is
  // an initial) and family words ("rodzina", "família"; "Rodziny Maryi" is part of a name).
  bool lower_only = false;
  std::vector<std::string> languages;  // ISO 639-3 codes of the file's languages column; empty: any
  // The lower-case form the text must match exactly, accents included, where the folded
  // match says too little: a Latin cue with accents (Portuguese "ter" is no Hungarian "tér",
  // square) and a short abbreviation ("a pé." is no "Pe.", Padre). Empty: no check.
  std::string exact;
  bool written_as(std::string_view text) const { return exact.empty() || lower_case(text) == exact; }
  // Is the cue a word of one of `document` (the document's languages; none known: yes)?
  bool of_languages(const std::vector<std::string>& document) const {
    if (languages.empty() || document.empty()) return true;
    for (const auto& l : languages)
      for (const auto& d : document)
        if (l == d) return true;
    return false;
  }
};

// A word of Hebrew and Arabic organization names in English (org_words.tsv): a head noun or
// a noun in the construct, or an adjective.
struct OrgWord {
  std::string english;
  bool noun = false;
};

struct NameLexicons {
  WordSet given_names;
  WordSet common_given_names;  // also common words (חיים, سعيد): only before a family name's shape
  PhraseMap<Cue> titles;
  PhraseMap<Cue> place_cues;
  PhraseMap<Cue> org_cues;
  WordSet not_names;    // languages, nationalities, months, weekdays
  // A language's name in any of the locales, by word id, to its English name: "dänisch" →
  // Danish, "polski" → Polish (the nationality of a body: "Dänische Rote Kreuz").
  std::unordered_map<uint32_t, std::string> language_english;
  WordSet particles;    // de, da, van, von, ben, bat, ...
  WordSet stopwords;    // function words, common verbs: Arabic, Hebrew, Yiddish (function_words.tsv)
  WordSet connectors;   // inside multi-word names: de, of, the, für, dla, ... (not conjunctions)
  WordSet articles;     // open a phrase but start no name: the, a, o, die, la, ...
  WordSet determiners;  // der, meine, seine, this, mit, von, ...: no name starts with one
  WordSet rtl_particles;      // in Arabic and Hebrew personal names: بن، عبد، أبو، דה، בן, ...
  // org_words.tsv by folded key, with and without the article (ה, ال); its adjectives also as
  // a word set: "פולני" (Polish), "اليهودية" (Jewish) describe, they name nobody.
  std::unordered_map<std::string, OrgWord, KeyHash, std::equal_to<>> org_words;
  WordSet rtl_adjectives;
  WordSet org_modifiers;      // "International" after an organization's name, in several languages
  WordSet genitive_connectors;  // "of", "de", "von", "w" between an organization and its place
  WordSet locatives;            // "in", "em", "w", "à": where an unlisted body sits
  WordSet place_prefixes;       // "Bad", "Nowy", "Sankt": words that open a place name of two
  WordSet place_postfixes;      // "Stara", "Mazowiecki": words that close a place name of two
  // place_cues.tsv, position "suffix": street words written at the end of a one-word street
  // name ("Taborstraße", "Prinsengracht"), folded; position "not": such words that are
  // common nouns ("Sackgasse", "Landstraße").
  std::vector<std::string> street_suffixes;
  WordSet not_streets;

  // Slavic adjectives of nations and states in any gender and case, folded ("Slovenský",
  // "Polskiej", "Żydowskiego", "Sowieckiej"): they look like -ski surnames but start none.
  std::vector<std::string> nationality_stems;
  bool nationality_adjective(std::string_view key) const;

  static const NameLexicons& get();
};

}  // namespace testimony
