// The offset map between Document::text and the source words: any byte range of the text
// to the words (page, index, box) it came from, and a word back to its range of the text.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "pipeline/document.hpp"

namespace testimony {

struct WordRef {
  uint32_t page = 0;  // index into Document::pages
  uint32_t word = 0;  // index into Page::words
  bool operator==(const WordRef&) const = default;
};

// The words whose text overlaps bytes [start, end), in text order (segments are sorted).
std::vector<WordRef> words_in_span(const Document& doc, uint32_t start, uint32_t end);
// The index of the first segment that ends after `start`; segments from there on that start
// before the span's end hold its words. For callers that ask in text order: `from` (a segment
// index, start at 0) is kept between calls, so that each call walks on from the last span
// instead of searching.
std::size_t first_segment_after(const Document& doc, uint32_t start, std::size_t& from);
// Boxes of those words on the original page images (one per word).
std::vector<BBox> boxes_of_span(const Document& doc, uint32_t start, uint32_t end);
// 1-based page number of the first word in the span, or 0 when the span holds no word.
int page_of_span(const Document& doc, uint32_t start, uint32_t end);
// The byte range of the text that a word became, if it is in the text.
std::optional<std::pair<uint32_t, uint32_t>> span_of_word(const Document& doc, WordRef word);

}  // namespace testimony
