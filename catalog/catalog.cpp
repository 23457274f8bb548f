// Catalog schema, migrations, writes and search. Each migration is one step from version N-1
// to N, applied in a transaction and recorded in PRAGMA user_version.
#include "catalog/catalog.hpp"

#include <algorithm>

#include "pipeline/edtf.hpp"
#include "pipeline/error.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

// migrations[i] takes the schema from version i to version i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE documents (
  id          TEXT PRIMARY KEY,
  source_path TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  page_count  INTEGER NOT NULL,
  config_hash TEXT NOT NULL,
  metadata    TEXT NOT NULL,          -- JSON object: manifest columns
  text        TEXT NOT NULL           -- normalized document text
);
CREATE TABLE pages (
  doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  dpi         INTEGER NOT NULL,
  text_source TEXT NOT NULL,
  words       INTEGER NOT NULL,
  confidence  REAL,                   -- mean word confidence, NULL without words
  text        TEXT NOT NULL,
  PRIMARY KEY (doc_id, number)
);
CREATE TABLE entities (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,       -- index in the record's entity list
  type        TEXT NOT NULL,
  text        TEXT NOT NULL,
  value       TEXT NOT NULL,
  page        INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  bboxes      TEXT NOT NULL,          -- JSON [[x0,y0,x1,y1],...] in page pixels
  authority   TEXT,
  confidence  REAL NOT NULL,
  evidence    TEXT NOT NULL,          -- JSON array
  review      TEXT NOT NULL,
  date_from   TEXT,                   -- dates: first and last day of the EDTF value
  date_to     TEXT,
  UNIQUE (doc_id, ordinal)
);
CREATE INDEX entities_by_type_value ON entities(type, value);
CREATE INDEX entities_by_authority ON entities(authority);
CREATE INDEX entities_by_dates ON entities(type, date_from, date_to);
-- Review decisions: an append-only log that outlives re-runs of a document.
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL,
  entity_key  TEXT NOT NULL,          -- "type:start:end" in the document text
  reviewer    TEXT NOT NULL,
  at          TEXT NOT NULL,          -- ISO 8601 UTC
  action      TEXT NOT NULL,          -- accept | reject | edit | add | undo
  before      TEXT,                   -- JSON entity before, NULL for add
  after       TEXT                    -- JSON entity after, NULL for reject of an added tag
);
CREATE INDEX reviews_by_doc ON reviews(doc_id, id);
CREATE VIRTUAL TABLE page_text USING fts5(
  doc_id UNINDEXED, page UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE entity_names USING fts5(
  doc_id UNINDEXED, entity_id UNINDEXED, type UNINDEXED, text, value,
  tokenize = 'unicode61 remove_diacritics 2');
)sql",
    // 2: the review server. Each entity keeps the key it was first made under (reviews refer
    // to it even after an edit moves its span) and a version that every decision bumps, so a
    // reviewer deciding on a stale view is refused instead of overwriting someone else. An
    // undo row names the decision it takes back.
    R"sql(
ALTER TABLE entities ADD COLUMN entity_key TEXT;
UPDATE entities SET entity_key = type || ':' || start || ':' || end;
ALTER TABLE entities ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entities_by_key ON entities(doc_id, entity_key);
CREATE INDEX entities_by_review ON entities(review, confidence);
ALTER TABLE reviews ADD COLUMN undoes INTEGER;   -- for action 'undo': the reviews.id taken back
CREATE INDEX reviews_by_key ON reviews(doc_id, entity_key, id);
)sql",
};
static_assert(std::size(kMigrations) == kCatalogSchemaVersion);

// A user's words as an FTS5 query: each word a quoted string, all required.
std::string fts_query(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') ++j;
    if (j > i) {
      if (!out.empty()) out += ' ';
      out += '"';
      for (std::size_t k = i; k < j; ++k) {
        if (text[k] == '"') out += '"';
        out += text[k];
      }
      out += '"';
    }
    i = j;
  }
  return out;
}

}  // namespace

fs::path catalog_path(const fs::path& out_dir) { return out_dir / "catalog.sqlite"; }

std::string entity_key(const Entity& e) {
  return std::string(to_string(e.type)) + ':' + std::to_string(e.start) + ':' + std::to_string(e.end);
}

Catalog::Catalog(const fs::path& path, sql::Db::Mode mode) : db_(path, mode) {
  if (mode == sql::Db::Mode::kReadWrite) {
    migrate();
  } else if (schema_version() != kCatalogSchemaVersion) {
    throw Error(ErrorCode::kUnsupported,
                "catalog " + path.string() + " has schema version " +
                    std::to_string(schema_version()) + ", this program reads version " +
                    std::to_string(kCatalogSchemaVersion));
  }
}

int Catalog::schema_version() {
  auto st = db_.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void Catalog::migrate() {
  sql::Transaction tx(db_);  // IMMEDIATE: two workers opening a new catalog don't race
  const int have = schema_version();
  if (have > kCatalogSchemaVersion)
    throw Error(ErrorCode::kUnsupported,
                "catalog " + db_.path().string() + " has schema version " + std::to_string(have) +
                    ", newer than this program's " + std::to_string(kCatalogSchemaVersion));
  for (int v = have; v < kCatalogSchemaVersion; ++v) {
    db_.exec(kMigrations[v]);
    db_.exec("PRAGMA user_version = " + std::to_string(v + 1));
  }
  tx.commit();
}

void Catalog::remove(const std::string& doc_id) {
  db_.prepare("DELETE FROM page_text WHERE doc_id = ?").bind(1, doc_id).run();
  db_.prepare("DELETE FROM entity_names WHERE doc_id = ?").bind(1, doc_id).run();
  db_.prepare("DELETE FROM documents WHERE id = ?").bind(1, doc_id).run();
}

void Catalog::put(const Document& doc) {
  sql::Transaction tx(db_);
  remove(doc.id);
  db_.prepare("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)")
      .bind(1, doc.id)
      .bind(2, doc.source.path)
      .bind(3, doc.source.sha256)
      .bind(4, doc.source.media_type)
      .bind(5, static_cast<int64_t>(doc.pages.size()))
      .bind(6, doc.provenance.config_hash)
      .bind(7, doc.metadata.dump())
      .bind(8, doc.text)
      .run();
  auto page = db_.prepare("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)");
  auto page_fts = db_.prepare("INSERT INTO page_text (doc_id, page, text) VALUES (?,?,?)");
  for (const Page& p : doc.pages) {
    double sum = 0;
    for (const Word& w : p.words) sum += w.confidence;
    page.bind(1, doc.id).bind(2, p.number).bind(3, p.width).bind(4, p.height).bind(5, p.dpi);
    page.bind(6, to_string(p.text_source)).bind(7, static_cast<int64_t>(p.words.size()));
    if (p.words.empty())
      page.bind_null(8);
    else
      page.bind(8, sum / static_cast<double>(p.words.size()));
    page.bind(9, p.text).run();
    page_fts.bind(1, doc.id).bind(2, p.number).bind(3, p.text).run();
  }
  auto ent = db_.prepare(
      "INSERT INTO entities (doc_id, ordinal, type, text, value, page, start, end, bboxes, "
      "authority, confidence, evidence, review, date_from, date_to, entity_key) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  auto ent_fts =
      db_.prepare("INSERT INTO entity_names (doc_id, entity_id, type, text, value) VALUES (?,?,?,?,?)");
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    Json boxes = Json::array();
    for (const BBox& b : e.bboxes) boxes.push_back({b.x0, b.y0, b.x1, b.y1});
    std::optional<std::string> from, to;
    if (e.type == EntityType::kDate)
      if (auto r = edtf_range(e.value)) {
        from = r->from.empty() ? std::nullopt : std::optional(r->from);
        to = r->to.empty() ? std::nullopt : std::optional(r->to);
      }
    ent.bind(1, doc.id).bind(2, static_cast<int64_t>(i)).bind(3, to_string(e.type));
    ent.bind(4, e.text).bind(5, e.value).bind(6, e.page);
    ent.bind(7, static_cast<int64_t>(e.start)).bind(8, static_cast<int64_t>(e.end));
    ent.bind(9, boxes.dump());
    ent.bind_optional(10, e.authority.empty() ? std::nullopt : std::optional(e.authority));
    ent.bind(11, e.confidence).bind(12, Json(e.evidence).dump()).bind(13, to_string(e.review));
    ent.bind_optional(14, from).bind_optional(15, to);
    ent.bind(16, entity_key(e)).run();
    ent_fts.bind(1, doc.id).bind(2, db_.last_insert_id()).bind(3, to_string(e.type));
    ent_fts.bind(4, e.text).bind(5, e.value).run();
  }
  tx.commit();
}

std::vector<SearchHit> Catalog::search(const SearchQuery& q) {
  // Each filter is a condition on mentions (entities rows). A document qualifies when every
  // filter has a mention in it; the pages shown are those matching the words, or without
  // words, the pages of the qualifying mentions.
  struct Filter {
    std::string where;  // over entities
    std::vector<std::string> binds;
  };
  std::vector<Filter> filters;
  auto by_name = [&](const char* type, const std::string& name) {
    if (name.find(':') != std::string::npos)  // an authority id: "persons:sousa-mendes"
      filters.push_back({std::string("type = '") + type + "' AND authority = ?", {name}});
    else
      filters.push_back({std::string("type = '") + type +
                             "' AND id IN (SELECT entity_id FROM entity_names WHERE "
                             "entity_names MATCH ?)",
                         {fts_query(name)}});
  };
  for (const auto& p : q.persons) by_name("person", p);
  for (const auto& p : q.places) by_name("place", p);
  if (q.date_from || q.date_to) {
    const auto from = q.date_from ? date_bound(*q.date_from, false) : std::optional<std::string>("0000-01-01");
    const auto to = q.date_to ? date_bound(*q.date_to, true) : std::optional<std::string>("9999-12-31");
    if (!from || !to)
      throw Error(ErrorCode::kInvalidInput, "a date bound must be YYYY, YYYY-MM or YYYY-MM-DD");
    // Overlap: the mention starts before the range ends and ends after it starts; an open
    // end of an interval counts as unbounded.
    filters.push_back({"type = 'date' AND (date_from IS NOT NULL OR date_to IS NOT NULL) AND "
                       "COALESCE(date_from, '0000-01-01') <= ? AND COALESCE(date_to, '9999-12-31') >= ?",
                       {*to, *from}});
  }
  std::string docs = "SELECT id FROM documents WHERE 1";
  std::vector<std::string> binds;
  for (const auto& f : filters) {
    docs += " AND id IN (SELECT doc_id FROM entities WHERE " + f.where + ")";
    binds.insert(binds.end(), f.binds.begin(), f.binds.end());
  }

  std::string sql;
  const std::string words = fts_query(q.text);
  if (!words.empty()) {
    sql = "SELECT doc_id, page, snippet(page_text, 2, '[', ']', '…', 12) FROM page_text "
          "WHERE page_text MATCH ? AND doc_id IN (" + docs + ") ORDER BY rank, doc_id, page LIMIT ?";
    binds.insert(binds.begin(), words);
  } else {
    std::string any;
    for (const auto& f : filters) {
      any += (any.empty() ? "(" : " OR (") + f.where + ")";
      binds.insert(binds.end(), f.binds.begin(), f.binds.end());
    }
    sql = "SELECT doc_id, page, group_concat(text, ' · ') FROM (SELECT doc_id, page, text FROM "
          "entities WHERE doc_id IN (" + docs + ") AND (" + any + ") ORDER BY doc_id, page, start) "
          "GROUP BY doc_id, page ORDER BY doc_id, page LIMIT ?";
  }
  auto st = db_.prepare(sql);
  int i = 1;
  for (const auto& b : binds) st.bind(i++, b);
  st.bind(i, q.limit);
  std::vector<SearchHit> hits;
  while (st.step()) {
    std::string snippet = st.text(2);
    std::replace(snippet.begin(), snippet.end(), '\n', ' ');
    hits.push_back({st.text(0), static_cast<int>(st.integer(1)), std::move(snippet)});
  }
  return hits;
}

}  // namespace testimony
