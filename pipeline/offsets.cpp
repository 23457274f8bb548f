// Offset-map queries by binary search over the sorted segments (or a walk on from a hint).
#include "pipeline/offsets.hpp"

#include <algorithm>

namespace testimony {

std::size_t first_segment_after(const Document& doc, uint32_t start, std::size_t& from) {
  const auto& segs = doc.segments;
  // The first segment ending after `start`. Asked in text order (the segments before `from`
  // end at or before `start`), it is mostly a few segments on: gallop from `from`, then
  // search the last stride; else search them all.
  const auto ends_after = [](uint32_t s, const TextSegment& seg) { return s < seg.end; };
  std::size_t lo = from <= segs.size() && (from == 0 || segs[from - 1].end <= start) ? from : 0, hi = lo;
  for (std::size_t step = 1; hi < segs.size() && segs[hi].end <= start; step *= 2) {
    lo = hi + 1;
    hi = std::min(segs.size(), hi + step);
  }
  from = static_cast<std::size_t>(std::upper_bound(segs.begin() + static_cast<std::ptrdiff_t>(lo),
                                                   segs.begin() + static_cast<std::ptrdiff_t>(hi), start, ends_after) -
                                  segs.begin());
  return from;
}

std::vector<WordRef> words_in_span(const Document& doc, uint32_t start, uint32_t end) {
  const auto& segs = doc.segments;
  std::size_t from = SIZE_MAX;
  first_segment_after(doc, start, from);
  std::vector<WordRef> out;
  for (std::size_t k = from; k < segs.size() && segs[k].start < end; ++k) {
    const WordRef w{segs[k].page, segs[k].word};
    if (out.empty() || !(out.back() == w)) out.push_back(w);
  }
  return out;
}

std::vector<BBox> boxes_of_span(const Document& doc, uint32_t start, uint32_t end) {
  std::vector<BBox> out;
  for (const WordRef& w : words_in_span(doc, start, end)) {
    const BBox& b = doc.pages[w.page].words[w.word].bbox;
    if (!b.empty()) out.push_back(b);
  }
  return out;
}

int page_of_span(const Document& doc, uint32_t start, uint32_t end) {
  const auto words = words_in_span(doc, start, end);
  return words.empty() ? 0 : doc.pages[words.front().page].number;
}

std::optional<std::pair<uint32_t, uint32_t>> span_of_word(const Document& doc, WordRef word) {
  std::optional<std::pair<uint32_t, uint32_t>> out;
  for (const TextSegment& s : doc.segments) {
    if (s.page != word.page || s.word != word.word) continue;
    if (!out) out = std::make_pair(s.start, s.end);
    else out->second = s.end;
  }
  return out;
}

}  // namespace testimony
