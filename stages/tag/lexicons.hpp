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
};

struct NameLexicons {
  std::unordered_set<std::string> given_names;  // folded
  PhraseMap<Cue> titles;
  PhraseMap<Cue> place_cues;
  PhraseMap<Cue> org_cues;
  std::unordered_set<std::string> not_names;    // folded: languages, nationalities, months, weekdays
  std::unordered_set<std::string> particles;    // de, da, van, von, ben, bat, ...
  std::unordered_set<std::string> stopwords;    // short function words of the Arabic and Hebrew scripts

  static const NameLexicons& get();
};

}  // namespace testimony
