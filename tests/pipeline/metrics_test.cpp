// CER/WER and match folding on hand-computed cases.
#include "pipeline/metrics.hpp"

#include <gtest/gtest.h>

namespace testimony {
namespace {

TEST(Metrics, InsertionsDeletionsSubstitutions) {
  EXPECT_EQ(char_edits("abcd", "abcd").distance, 0u);
  EXPECT_EQ(char_edits("abcd", "abxcd").distance, 1u);  // insertion
  EXPECT_EQ(char_edits("abcd", "acd").distance, 1u);    // deletion
  EXPECT_EQ(char_edits("abcd", "abed").distance, 1u);   // substitution
  EXPECT_DOUBLE_EQ(char_edits("abcd", "abed").rate(), 0.25);
}

TEST(Metrics, CodePointsNotBytes) {
  // "ó" is two bytes but one code point; "Kraków" vs "Krakow" is one substitution.
  const EditCounts e = char_edits("Kraków", "Krakow");
  EXPECT_EQ(e.distance, 1u);
  EXPECT_EQ(e.reference, 6u);
}

TEST(Metrics, NfcBeforeComparing) {
  // Decomposed "ó" (o + combining acute) equals precomposed after NFC.
  EXPECT_EQ(char_edits("Krak\xC3\xB3w", "Krako\xCC\x81w").distance, 0u);
}

TEST(Metrics, WhitespaceCollapsed) {
  EXPECT_EQ(char_edits("a  b\n c", "a b c").distance, 0u);
  EXPECT_EQ(eval_normalize("  a \t\n b  "), "a b");
}

TEST(Metrics, RightToLeftComparedInLogicalOrder) {
  // Arabic in logical (memory) order; a reversed string is not a match.
  const std::string word = "كراكوف";  // 6 code points
  EXPECT_EQ(char_edits(word, word).distance, 0u);
  EXPECT_GT(char_edits(word, "فوكارك").distance, 3u);
  EXPECT_EQ(char_edits("في كراكوف", "في  كراكوف").distance, 0u);
}

TEST(Metrics, EmptyPages) {
  EXPECT_DOUBLE_EQ(char_edits("", "").rate(), 0.0);
  EXPECT_DOUBLE_EQ(char_edits("", "noise").rate(), 1.0);  // text where the page is empty
  EXPECT_DOUBLE_EQ(char_edits("abc", "").rate(), 1.0);    // nothing read
}

TEST(Metrics, WordErrorRate) {
  const EditCounts w = word_edits("em abril de 1942", "em abril 1942 de");
  EXPECT_EQ(w.reference, 4u);
  EXPECT_EQ(w.distance, 2u);
}

TEST(Metrics, MatchFoldCaseAndSpace) {
  EXPECT_EQ(match_fold("Cruz  Vermelha"), match_fold("cruz vermelha"));
  EXPECT_EQ(match_fold("STRASSE"), match_fold("straße"));
  EXPECT_NE(match_fold("Łódź"), match_fold("Lodz"));  // folding is not accent stripping
}

}  // namespace
}  // namespace testimony
