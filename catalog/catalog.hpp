// The searchable catalog (catalog.sqlite under --out): documents, pages, entities and review
// decisions, with FTS5 over page text and entity names. Several workers may write at once
// (WAL, busy timeout, one transaction per document); the schema is versioned and migrated.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sqlite.hpp"
#include "pipeline/document.hpp"

namespace testimony {

// The schema version this build writes; older catalogs are migrated on open.
inline constexpr int kCatalogSchemaVersion = 2;

struct SearchQuery {
  std::string text;                 // words that must all occur on the page (any case/accents)
  std::vector<std::string> persons;  // the document mentions this person (name or authority id)
  std::vector<std::string> places;
  std::optional<std::string> date_from;  // "YYYY[-MM[-DD]]": a date mention overlaps the range
  std::optional<std::string> date_to;
  int limit = 50;
};

struct SearchHit {
  std::string doc_id;
  int page = 0;
  std::string snippet;  // matched words in [brackets]
};

class Catalog {
 public:
  // Opens the catalog, creating or migrating it (kReadWrite), or read-only.
  explicit Catalog(const std::filesystem::path& path,
                   sql::Db::Mode mode = sql::Db::Mode::kReadWrite);

  // Adds or replaces one document with its pages and entities, in one transaction. Review
  // history is kept across re-runs.
  void put(const Document& doc);
  void remove(const std::string& doc_id);

  // Throws Error(kInvalidInput) for a malformed date bound.
  std::vector<SearchHit> search(const SearchQuery& query);

  int schema_version();
  sql::Db& db() { return db_; }

 private:
  void migrate();
  sql::Db db_;
};

// "type:start:end": how the reviews log names an entity (the span it was made with).
std::string entity_key(const Entity& e);

// "catalog.sqlite" under an output folder.
std::filesystem::path catalog_path(const std::filesystem::path& out_dir);

}  // namespace testimony
