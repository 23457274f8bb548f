// Adding an entity to a document: page and boxes through the offset map, confidence scaled
// by the OCR confidence of its words, and the no-nesting rule (the longest mention wins).
#pragma once

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

// Adds the entity unless a longer overlapping one exists; removes shorter overlapping ones.
// Returns whether it was added.
bool add_entity(Document& doc, EntityDraft draft);

// Sorts entities by position (call once after all tagging).
void sort_entities(Document& doc);

// The document's main language as an ISO 639-2/T code ("por"): the manifest's `languages`
// column if given, else the most frequent recognition language of its words, else "".
std::string document_language(const Document& doc);

}  // namespace testimony
