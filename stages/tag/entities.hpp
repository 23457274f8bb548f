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
  // Takes the place of an earlier stage's entity of the same span ("mon frère Maurice" is a
  // person, not Mauritius), not of a longer one.
  bool displaces_equal = false;
};

// The entities of a document while a tagger adds to them. Mentions never nest: adding one
// removes shorter overlapping ones, and is refused when a longer or equal one is there.
// The entities earlier stages found stay in their sorted vector (a removed one is only
// marked); new ones go into a map ordered by position, so overlap checks and insertions are
// O(log n) however long the document. commit() writes them all back to Document::entities,
// sorted by position.
class EntitySet {
 public:
  explicit EntitySet(Document& doc);
  // The entity added (valid until the next add or commit), or nullptr when refused.
  Entity* add(EntityDraft draft);
  // The entity overlapping bytes [start, end), if any.
  const Entity* at(uint32_t start, uint32_t end) const;
  // The entities this stage added so far, by start.
  const std::map<uint32_t, Entity>& added() const { return added_; }
  void commit();

 private:
  // The last earlier entity starting before `end` that is still there, or -1.
  std::ptrdiff_t last_kept_before(uint32_t end) const;

  Document& doc_;
  std::vector<Entity> kept_;    // from earlier stages, sorted by start
  std::vector<bool> removed_;   // of kept_
  mutable std::size_t cursor_ = 0;  // kept_[0, cursor_) start before the last end asked for
  mutable uint32_t cursor_end_ = 0;
  std::size_t seg_cursor_ = 0;  // Document::segments before it end before the last span added
  std::map<uint32_t, Entity> added_;
  // at(): the first added entity starting at or after hint_end_ (valid until the next add).
  mutable std::map<uint32_t, Entity>::const_iterator hint_;
  mutable uint32_t hint_end_ = 0;
  mutable bool hint_valid_ = false;
};

// The languages of a document as ISO 639-2/T codes, computed once per document (kept in
// Document::text_cache until the metadata or the words change).
struct DocumentLanguages {
  // The main language ("por"): the first of the manifest's `languages` column if given, else
  // the most frequent recognition language of the words, else "".
  std::string main;
  // Every language: those of the metadata's "languages" ("por+eng") or else those the OCR
  // words were read in.
  std::vector<std::string> all;
  // What they were computed from: the "languages" metadata ("" when none) and the number
  // of words.
  std::string metadata;
  std::size_t words = 0;
};
const DocumentLanguages& document_languages(Document& doc);

}  // namespace testimony
