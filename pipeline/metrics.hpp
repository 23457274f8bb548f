// Text comparison for evaluation: CER and WER as edit distance over Unicode code points
// (or whitespace-separated words) after NFC and whitespace collapse; the folded form used to
// match entity mentions (NFC, case folding, whitespace collapse).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace testimony {

struct EditCounts {
  std::size_t distance = 0;   // insertions + deletions + substitutions
  std::size_t reference = 0;  // length of the reference (code points or words)
  double rate() const;        // distance / reference; 0 when both are empty, 1 per item otherwise
  EditCounts& operator+=(const EditCounts& o);
};

// NFC, every run of white space (incl. line breaks) as one space, trimmed.
std::string eval_normalize(std::string_view utf8);
// eval_normalize plus Unicode case folding: the key for comparing entity texts.
std::string match_fold(std::string_view utf8);

EditCounts char_edits(std::string_view reference, std::string_view hypothesis);
EditCounts word_edits(std::string_view reference, std::string_view hypothesis);

// Levenshtein distance of two sequences.
template <typename T>
std::size_t levenshtein(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      std::size_t best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace testimony
