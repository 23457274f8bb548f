// Entity bookkeeping shared by every tagger.
#include "stages/tag/entities.hpp"

#include <algorithm>
#include <map>

#include "pipeline/offsets.hpp"

namespace testimony {

EntitySet::EntitySet(Document& doc) : doc_(doc) {
  for (Entity& e : doc.entities) by_start_.emplace(e.start, std::move(e));
  doc.entities.clear();
}

const Entity* EntitySet::at(uint32_t start, uint32_t end) const {
  // Disjoint intervals: the candidate is the last one starting before `end`.
  auto it = by_start_.lower_bound(end);
  if (it == by_start_.begin()) return nullptr;
  --it;
  return it->second.end > start ? &it->second : nullptr;
}

bool EntitySet::add(EntityDraft d) {
  if (d.end <= d.start || d.end > doc_.text.size()) return false;
  const uint32_t len = d.end - d.start;
  auto first = by_start_.lower_bound(d.start);
  if (first != by_start_.begin() && std::prev(first)->second.end > d.start) --first;
  auto last = by_start_.lower_bound(d.end);
  for (auto it = first; it != last; ++it)
    if (it->second.end - it->second.start >= len) return false;
  by_start_.erase(first, last);
  Entity e;
  e.type = d.type;
  e.start = d.start;
  e.end = d.end;
  e.text = doc_.text.substr(d.start, len);
  e.value = std::move(d.value);
  e.authority = std::move(d.authority);
  e.evidence = std::move(d.evidence);
  e.bboxes = boxes_of_span(doc_, d.start, d.end);
  e.page = page_of_span(doc_, d.start, d.end);
  // OCR confidence: the least confident word of the mention.
  double ocr = 1.0;
  for (const WordRef& w : words_in_span(doc_, d.start, d.end))
    ocr = std::min(ocr, static_cast<double>(doc_.pages[w.page].words[w.word].confidence));
  e.confidence = d.rule_confidence * ocr;
  by_start_.emplace(e.start, std::move(e));
  return true;
}

void EntitySet::commit() {
  doc_.entities.clear();
  doc_.entities.reserve(by_start_.size());
  for (auto& [start, e] : by_start_) doc_.entities.push_back(std::move(e));
  by_start_.clear();
}

std::string document_language(const Document& doc) {
  if (doc.metadata.contains("languages") && doc.metadata["languages"].is_string()) {
    std::string s = doc.metadata["languages"].get<std::string>();
    const std::size_t cut = s.find_first_of("+, ");
    return s.substr(0, cut);
  }
  std::map<std::string, std::size_t> counts;
  for (const Page& p : doc.pages)
    for (const Word& w : p.words)
      if (!w.language.empty()) ++counts[w.language];
  std::string best;
  std::size_t n = 0;
  for (const auto& [lang, c] : counts)
    if (c > n) {
      n = c;
      best = lang;
    }
  return best;
}

}  // namespace testimony
