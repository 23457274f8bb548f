// Entity bookkeeping shared by every tagger.
#include "stages/tag/entities.hpp"

#include <algorithm>
#include <map>

#include "pipeline/offsets.hpp"

namespace testimony {

bool add_entity(Document& doc, EntityDraft d) {
  if (d.end <= d.start || d.end > doc.text.size()) return false;
  const uint32_t len = d.end - d.start;
  for (const Entity& e : doc.entities) {
    const bool overlap = e.start < d.end && d.start < e.end;
    if (overlap && (e.end - e.start) >= len) return false;
  }
  std::erase_if(doc.entities, [&](const Entity& e) { return e.start < d.end && d.start < e.end; });
  Entity e;
  e.type = d.type;
  e.start = d.start;
  e.end = d.end;
  e.text = doc.text.substr(d.start, len);
  e.value = std::move(d.value);
  e.authority = std::move(d.authority);
  e.evidence = std::move(d.evidence);
  e.bboxes = boxes_of_span(doc, d.start, d.end);
  e.page = page_of_span(doc, d.start, d.end);
  // OCR confidence: the least confident word of the mention.
  double ocr = 1.0;
  for (const WordRef& w : words_in_span(doc, d.start, d.end))
    ocr = std::min(ocr, static_cast<double>(doc.pages[w.page].words[w.word].confidence));
  e.confidence = d.rule_confidence * ocr;
  doc.entities.push_back(std::move(e));
  return true;
}

void sort_entities(Document& doc) {
  std::sort(doc.entities.begin(), doc.entities.end(),
            [](const Entity& a, const Entity& b) { return a.start < b.start; });
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
