// Normalize family: the document's normalized text and its offset map.
//   [[stage]]
//   use = "normalize.text"
#pragma once

#include <string>
#include <string_view>

#include "pipeline/registry.hpp"

namespace testimony {

void register_normalize(Registry& registry);

struct WordNormalizeOptions {
  bool unify_punctuation = true;  // curly quotes, dashes, odd spaces → ASCII forms
  bool repair_digits = true;      // l/I/| → 1 and O/o → 0 inside numbers ("l944" → "1944"), and
                                  // a lone 1/0 between lower-case letters → l/o ("Kowa1ski")
};

// One OCR word's display form: NFC, ligatures unfolded, controls, bidi marks, soft hyphens
// and tatweel removed, punctuation unified, digit confusions repaired. Counts repairs.
std::string normalize_word(std::string_view word, const WordNormalizeOptions& options, int* repairs = nullptr);

// Should a line ending in `left` (with its trailing hyphen) join the next line's first word
// `right`? Returns 0: keep a space (not a hyphenation), 1: join and drop the hyphen
// ("organi-" + "zação"), 2: join and keep the hyphen (a real compound: "pós-" + "guerra",
// "Warszawa-" + "Praga").
int hyphen_join(std::string_view left, std::string_view right);

}  // namespace testimony
