// OCR confusions inside names, repaired only where a name lexicon vouches for the result.
//
// Tesseract misreads a handful of letters in typical ways: "m" as "rn", "ü" as "ii" (the two
// dots taken for the dots of two i's), "ó ő ö" as "6" or "0", "l" as "1", "Ø" as "Q", "ł"
// as "t" or "i" (a model without Polish letters: "Batuty", "Cheimno"), and one accent for
// another on the same letter ("ö" as "ô"). A word is changed only when it is not a known name
// itself and exactly one repair of one confusion turns it into a known name, with its accents
// (or a known name followed by a case ending of up to three letters: "Griinbauma" →
// "Grünbauma"). A word spelled without accents is never given any ("Szalasi" stays as the
// author wrote it): missing accents are a spelling, wrong ones are a misreading.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace testimony {

class NameRepair {
 public:
  // `names`: single words of names (any case, NFC), e.g. from the authority files and the
  // given-name list; words under four letters are ignored. `common`: words that are never
  // misreadings of a name (titles, kin words: "Matka" is no misread "Małka").
  explicit NameRepair(const std::vector<std::string>& names, const std::vector<std::string>& common = {});

  // The word repaired, or unchanged. Parts between hyphens are repaired one by one
  // ("Griinbaum-Kowalska"); punctuation around them stays. Counts repairs.
  std::string repair(std::string_view word, int* repairs = nullptr) const;
  // Cheap tests on the bytes first: could `word` need a repair at all? Most words cannot (no
  // capital, no confusion's letters, no digit, no accent); for them repair() returns the word.
  bool may_need_repair(std::string_view word) const;

  // Should two words of one line be one: a name OCR split with a space ("Budap est")? Yes
  // when `left` is a capitalized word of four letters or more that is no name, `right` is a
  // lower-case piece of up to four letters, and the two written together make a known name
  // of six letters or more.
  bool joins(std::string_view left, std::string_view right) const;

  // Whether `word` (folded: case and accents aside) is a known name.
  bool known(std::string_view word) const;

  // Is the hamza ending an Arabic word the comma after it, as Tesseract's Arabic model reads
  // "بودابست،" ("بودابستء")? Yes when the word without it is a known name and with it none.
  bool comma_read_as_hamza(std::string_view word) const;

  // The lexicon of the authority files and the given-name list, loaded once per process.
  static const NameRepair& standard();

 private:
  std::string repair_part(std::string_view part) const;
  bool vouched(const std::string& lower) const;  // a name, or a name + a short ending

  std::unordered_set<std::string> folded_;  // fold_key of every name word
  std::unordered_set<std::string> exact_;   // lower case, accents kept
  std::unordered_map<std::string, std::vector<std::string>> by_fold_;  // fold_key → exact forms
  std::unordered_set<std::string> stroke_variants_;  // fold_key of names with one ł read as t or i
  static std::size_t shape(std::string_view key);     // an index into stroke_shapes_
  std::vector<bool> stroke_shapes_ = std::vector<bool>(27 * 27 * 32);  // shapes of stroke_variants_
};

}  // namespace testimony
