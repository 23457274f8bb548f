// Entity bookkeeping shared by every tagger.
#include "stages/tag/entities.hpp"

#include <algorithm>
#include <map>

#include "pipeline/offsets.hpp"

namespace testimony {

EntitySet::EntitySet(Document& doc) : doc_(doc), kept_(std::move(doc.entities)) {
  doc.entities.clear();
  auto by_start = [](const Entity& a, const Entity& b) { return a.start < b.start; };
  if (!std::is_sorted(kept_.begin(), kept_.end(), by_start)) std::stable_sort(kept_.begin(), kept_.end(), by_start);
  removed_.assign(kept_.size(), false);
}

std::ptrdiff_t EntitySet::last_kept_before(uint32_t end) const {
  // Taggers ask in text order: walk on from the last answer, else search.
  if (end >= cursor_end_) {
    while (cursor_ < kept_.size() && kept_[cursor_].start < end) ++cursor_;
  } else {
    auto it = std::lower_bound(kept_.begin(), kept_.end(), end, [](const Entity& e, uint32_t v) { return e.start < v; });
    cursor_ = static_cast<std::size_t>(it - kept_.begin());
  }
  cursor_end_ = end;
  auto k = static_cast<std::ptrdiff_t>(cursor_) - 1;
  while (k >= 0 && removed_[static_cast<std::size_t>(k)]) --k;
  return k;
}

const Entity* EntitySet::at(uint32_t start, uint32_t end) const {
  // Disjoint intervals: the candidate is the last one starting before `end`.
  const Entity* best = nullptr;
  if (const auto k = last_kept_before(end); k >= 0) best = &kept_[static_cast<std::size_t>(k)];
  if (!added_.empty()) {
    // In text order the answer is mostly the last one added: no search then. Otherwise (a
    // tagger that added ahead of where it asks) walk on from the last answer, as for kept_.
    auto it = std::prev(added_.end());
    if (it->first >= end) {
      auto up = hint_valid_ && end >= hint_end_ ? hint_ : added_.lower_bound(end);
      while (up != added_.end() && up->first < end) ++up;
      hint_ = up;
      hint_end_ = end;
      hint_valid_ = true;
      it = up == added_.begin() ? added_.end() : std::prev(up);
    }
    if (it != added_.end() && (!best || it->second.start > best->start)) best = &it->second;
  }
  return best && best->end > start ? best : nullptr;
}

Entity* EntitySet::add(EntityDraft d) {
  if (d.end <= d.start || d.end > doc_.text.size()) return nullptr;
  const uint32_t len = d.end - d.start;
  // Overlapping entities found by earlier stages...
  std::vector<std::size_t> kept_overlaps;
  for (auto k = last_kept_before(d.end); k >= 0; --k) {
    const Entity& e = kept_[static_cast<std::size_t>(k)];
    if (removed_[static_cast<std::size_t>(k)]) continue;
    if (e.end <= d.start) break;
    if (e.end - e.start > len || (e.end - e.start == len && !(d.displaces_equal && e.start == d.start))) return nullptr;
    kept_overlaps.push_back(static_cast<std::size_t>(k));
  }
  // ... and by this one: none when it comes after the last one added (text order), else
  // those starting in the span and the one before it if it reaches in.
  auto first = added_.end(), last = added_.end();
  if (!added_.empty() && !(std::prev(last)->first < d.start && std::prev(last)->second.end <= d.start)) {
    first = added_.lower_bound(d.start);
    if (first != added_.begin() && std::prev(first)->second.end > d.start) --first;
    last = added_.lower_bound(d.end);
  }
  for (auto it = first; it != last; ++it)
    if (it->second.end - it->second.start >= len) return nullptr;
  for (const std::size_t k : kept_overlaps) removed_[k] = true;
  hint_valid_ = false;               // the map changes
  last = added_.erase(first, last);  // where the new one goes
  Entity e;
  e.type = d.type;
  e.start = d.start;
  e.end = d.end;
  e.text = doc_.text.substr(d.start, len);
  e.value = std::move(d.value);
  e.authority = std::move(d.authority);
  e.evidence = std::move(d.evidence);
  // Page, boxes and OCR confidence (the least confident word of the mention) from its words.
  double ocr = 1.0;
  e.page = 0;
  const auto& segs = doc_.segments;
  const TextSegment* seen = nullptr;  // a word may give several segments (a repaired join)
  for (std::size_t k = first_segment_after(doc_, d.start, seg_cursor_); k < segs.size() && segs[k].start < d.end; ++k) {
    if (seen && seen->page == segs[k].page && seen->word == segs[k].word) continue;
    seen = &segs[k];
    const Word& word = doc_.pages[seen->page].words[seen->word];
    if (!word.bbox.empty()) e.bboxes.push_back(word.bbox);
    ocr = std::min(ocr, static_cast<double>(word.confidence));
    if (!e.page) e.page = doc_.pages[seen->page].number;
  }
  e.confidence = d.rule_confidence * ocr;
  return &added_.emplace_hint(last, e.start, std::move(e))->second;
}

void EntitySet::commit() {
  doc_.entities.clear();
  doc_.entities.reserve(kept_.size() + added_.size());
  auto it = added_.begin();
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    if (removed_[k]) continue;
    for (; it != added_.end() && it->first < kept_[k].start; ++it) doc_.entities.push_back(std::move(it->second));
    doc_.entities.push_back(std::move(kept_[k]));
  }
  for (; it != added_.end(); ++it) doc_.entities.push_back(std::move(it->second));
  kept_.clear();
  removed_.clear();
  added_.clear();
  hint_valid_ = false;
}

const DocumentLanguages& document_languages(Document& doc) {
  const bool listed = doc.metadata.contains("languages") && doc.metadata["languages"].is_string();
  const std::string metadata = listed ? doc.metadata["languages"].get<std::string>() : std::string();
  std::size_t words = 0;
  for (const Page& p : doc.pages) words += p.words.size();
  auto& slot = doc.text_cache.languages;
  if (slot && slot->metadata == metadata && slot->words == words) return *slot;

  auto out = std::make_shared<DocumentLanguages>();
  out->metadata = metadata;
  out->words = words;
  auto add = [&](std::string_view l) {
    if (!l.empty() && std::find(out->all.begin(), out->all.end(), l) == out->all.end()) out->all.emplace_back(l);
  };
  if (listed) {
    for (std::size_t at = 0; at < metadata.size();) {
      const std::size_t cut = std::min(metadata.find_first_of("+, ", at), metadata.size());
      add(std::string_view(metadata).substr(at, cut - at));
      at = cut + 1;
    }
    out->main = metadata.substr(0, metadata.find_first_of("+, "));
  } else {
    // A document has few languages: a short list counts faster than a map over every word.
    std::vector<std::pair<std::string_view, std::size_t>> counts;
    for (const Page& p : doc.pages)
      for (const Word& w : p.words) {
        if (w.language.empty()) continue;
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == w.language; });
        if (it == counts.end()) {
          counts.emplace_back(w.language, 1);
          add(w.language);
        } else {
          ++it->second;
        }
      }
    std::sort(counts.begin(), counts.end());  // ties go to the first language in order, as before
    std::size_t n = 0;
    for (const auto& [lang, c] : counts)
      if (c > n) {
        n = c;
        out->main = std::string(lang);
      }
  }
  slot = std::move(out);
  return *slot;
}

}  // namespace testimony
