// Adding an entity to a document: page and boxes through the offset map, confidence scaled
// by the OCR confidence of its words, and the no-nesting rule (the longest mention wins).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.hpp"

namespace testimony {

struct EntityDraft {
  EntityType type;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string value;
  double rule_confidence = 0.8;  // how sure the rule is, before OCR confidence
  std::vector<std::string> evidence;
  std::string authority;
};

// The entities of a document while a tagger adds to them: ordered by position in a map, so
// overlap checks and insertions are O(log n) however long the document. Mentions never
// nest: adding one removes shorter overlapping ones, and is refused when a longer or equal
// one is there. commit() writes them back to Document::entities, sorted.
class EntitySet {
 public:
  explicit EntitySet(Document& doc);
  bool add(EntityDraft draft);
  // The entity overlapping bytes [start, end), if any.
  const Entity* at(uint32_t start, uint32_t end) const;
  void commit();

 private:
  Document& doc_;
  std::map<uint32_t, Entity> by_start_;
};

// The document's main language as an ISO 639-2/T code ("por"): the manifest's `languages`
// column if given, else the most frequent recognition language of its words, else "".
std::string document_language(const Document& doc);

}  // namespace testimony
