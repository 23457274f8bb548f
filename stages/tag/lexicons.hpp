// Word lists the name taggers share, loaded once per process: given names, titles and
// roles, place and organization cues (configs/lexicons/*.tsv), and words that look like names
// but are not (language and nationality names, months and weekdays from ICU locale data).
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "stages/tag/vocabulary.hpp"

namespace testimony {

struct Cue {
  std::string position;  // before | after (places); head | tail (organizations)
  std::string kind;      // preposition, camp, ghetto, street, ... ; title kind for titles
  bool letter_lower = false;  // one lower-case letter and a period ("s.", "p."): not an initial "S."
};

struct NameLexicons {
  WordSet given_names;
  PhraseMap<Cue> titles;
  PhraseMap<Cue> place_cues;
  PhraseMap<Cue> org_cues;
  WordSet not_names;    // languages, nationalities, months, weekdays
  WordSet particles;    // de, da, van, von, ben, bat, ...
  WordSet stopwords;    // short function words of the Arabic and Hebrew scripts

  static const NameLexicons& get();
};

}  // namespace testimony
