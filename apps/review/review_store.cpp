// Review decisions over the catalog and the records. A decision is one IMMEDIATE transaction:
// check the entity's version, append the reviews row, update the entity, rewrite the record's
// entity list from the catalog, commit. Writers (threads or processes) queue on the lock.
#include "apps/review/review_store.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "pipeline/edtf.hpp"
#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/log.hpp"
#include "pipeline/runner.hpp"

namespace fs = std::filesystem;

namespace testimony::review {
namespace {

constexpr const char* kEntityColumns =
    "id, doc_id, ordinal, type, text, value, page, start, end, bboxes, authority, confidence, "
    "evidence, review, date_from, date_to, entity_key, version";

Json entity_row(const sql::Statement& st) {
  Json e = {{"id", st.integer(0)},
            {"doc_id", st.text(1)},
            {"ordinal", st.integer(2)},
            {"type", st.text(3)},
            {"text", st.text(4)},
            {"value", st.text(5)},
            {"page", st.integer(6)},
            {"start", st.integer(7)},
            {"end", st.integer(8)},
            {"bboxes", Json::parse(st.text(9), nullptr, false)},
            {"authority", st.is_null(10) ? Json(nullptr) : Json(st.text(10))},
            {"confidence", st.real(11)},
            {"evidence", Json::parse(st.text(12), nullptr, false)},
            {"review", st.text(13)},
            {"date_from", st.is_null(14) ? Json(nullptr) : Json(st.text(14))},
            {"date_to", st.is_null(15) ? Json(nullptr) : Json(st.text(15))},
            {"key", st.is_null(16) ? Json(nullptr) : Json(st.text(16))},
            {"version", st.integer(17)}};
  if (e["bboxes"].is_discarded()) e["bboxes"] = Json::array();
  if (e["evidence"].is_discarded()) e["evidence"] = Json::array();
  return e;
}

// The part of an entity a decision changes: what the reviews log keeps as before/after.
Json state_of(const Json& e) {
  return {{"type", e["type"]},   {"text", e["text"]},       {"value", e["value"]},
          {"page", e["page"]},   {"start", e["start"]},     {"end", e["end"]},
          {"bboxes", e["bboxes"]}, {"authority", e["authority"]}, {"review", e["review"]}};
}

// The record's form of an entity (keys as to_record writes them).
Json record_entity(const Json& e) {
  return {{"type", e["type"]},
          {"text", e["text"]},
          {"value", e["value"]},
          {"page", e["page"]},
          {"start", e["start"]},
          {"end", e["end"]},
          {"bboxes", e["bboxes"]},
          {"authority", e["authority"]},
          {"confidence", std::round(e["confidence"].get<double>() * 10000.0) / 10000.0},
          {"evidence", e["evidence"]},
          {"review", e["review"]}};
}

Error invalid(std::string message) { return Error(ErrorCode::kInvalidInput, std::move(message)); }

bool utf8_boundary(const std::string& text, std::size_t i) {
  return i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

// The authority file an entity type links to: "places" for place.
std::string authority_family(const std::string& type) {
  if (type == "person") return "persons";
  if (type == "place") return "places";
  if (type == "organization") return "organizations";
  return "";
}

}  // namespace

std::pair<int, Json> locate_span(const Json& record, uint32_t start, uint32_t end) {
  const Json& segments = record.value("segments", Json::array());
  const Json& pages = record.value("pages", Json::array());
  int page_index = -1;
  std::vector<uint32_t> words;
  for (const Json& s : segments) {
    const auto s0 = s.at(0).get<uint32_t>(), s1 = s.at(1).get<uint32_t>();
    if (s1 <= start || s0 >= end) continue;
    const int p = s.at(2).get<int>();
    if (page_index < 0) page_index = p;
    if (p != page_index) continue;  // a tag has one page: its first
    const auto w = s.at(3).get<uint32_t>();
    if (words.empty() || words.back() != w) words.push_back(w);
  }
  if (page_index < 0 || page_index >= static_cast<int>(pages.size())) return {1, Json::array()};
  std::vector<std::array<int, 4>> flat;  // the page's words in record order
  for (const Json& b : pages[page_index].value("blocks", Json::array()))
    for (const Json& l : b.value("lines", Json::array()))
      for (const Json& w : l.value("words", Json::array()))
        flat.push_back(w.at("bbox").get<std::array<int, 4>>());
  Json boxes = Json::array();
  std::array<int, 4> cur{};
  bool open = false;
  for (uint32_t w : words) {
    if (w >= flat.size()) continue;
    const auto& b = flat[w];
    if (b[2] <= b[0] || b[3] <= b[1]) continue;  // no box (a transcription's words)
    const int overlap = std::min(cur[3], b[3]) - std::max(cur[1], b[1]);
    const int height = std::min(cur[3] - cur[1], b[3] - b[1]);
    if (open && overlap * 2 > height) {
      cur = {std::min(cur[0], b[0]), std::min(cur[1], b[1]), std::max(cur[2], b[2]),
             std::max(cur[3], b[3])};
    } else {
      if (open) boxes.push_back(cur);
      cur = b;
      open = true;
    }
  }
  if (open) boxes.push_back(cur);
  return {page_index + 1, boxes};
}

namespace {

// Reads records/<id>.json; null when the output has no record for it.
Json read_record(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return nullptr;
  Json j = Json::parse(read_file(path), nullptr, false);
  if (j.is_discarded()) throw Error(ErrorCode::kInvalidInput, "record " + path.string() + " is not JSON");
  return j;
}

}  // namespace

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string check_reviewer(const std::string& name) {
  std::size_t a = name.find_first_not_of(" \t");
  std::size_t b = name.find_last_not_of(" \t");
  std::string n = a == std::string::npos ? "" : name.substr(a, b - a + 1);
  if (n.empty()) throw invalid("give the reviewer's name (in the page, or testimony review --reviewer)");
  if (n.size() > 80) throw invalid("a reviewer's name is at most 80 bytes");
  for (unsigned char c : n)
    if (c < 0x20 || c == 0x7F) throw invalid("a reviewer's name has no control characters");
  return n;
}

// A catalog connection borrowed from the pool for one call (SQLite connections are not shared
// between threads).
class ReviewStore::Lease {
 public:
  Lease(ReviewStore& store, std::unique_ptr<Catalog> c) : store_(store), c_(std::move(c)) {}
  ~Lease() {
    std::lock_guard lock(store_.pool_mutex_);
    store_.pool_.push_back(std::move(c_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Catalog& operator*() { return *c_; }
  Catalog* operator->() { return c_.get(); }

 private:
  ReviewStore& store_;
  std::unique_ptr<Catalog> c_;
};

ReviewStore::Lease ReviewStore::lease() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto c = std::move(pool_.back());
      pool_.pop_back();
      return Lease(*this, std::move(c));
    }
  }
  return Lease(*this, std::make_unique<Catalog>(catalog_path(out_dir_)));
}

ReviewStore::ReviewStore(fs::path out_dir, const AuthorityCheck* authorities)
    : out_dir_(std::move(out_dir)), authorities_(authorities) {
  std::error_code ec;
  if (!fs::exists(catalog_path(out_dir_), ec))
    throw Error(ErrorCode::kInvalidInput,
                "no catalog at " + catalog_path(out_dir_).string() +
                    " (run with write.catalog in the config, or testimony merge)");
  pool_.push_back(std::make_unique<Catalog>(catalog_path(out_dir_)));  // migrates once
}

ReviewStore::~ReviewStore() = default;

Json ReviewStore::documents(const std::string& query) {
  auto c = lease();
  std::map<std::string, Json> rows;
  std::vector<std::string> order;
  auto st = c->db().prepare(
      "SELECT d.id, d.page_count, COUNT(e.id), "
      "COALESCE(SUM(e.review = 'pending'), 0), COALESCE(SUM(e.review = 'accepted'), 0), "
      "COALESCE(SUM(e.review = 'rejected'), 0), COALESCE(SUM(e.review = 'edited'), 0), "
      "COALESCE(SUM(e.review = 'added'), 0) "
      "FROM documents d LEFT JOIN entities e ON e.doc_id = d.id GROUP BY d.id ORDER BY d.id");
  while (st.step()) {
    const std::string id = st.text(0);
    rows[id] = {{"id", id},
                {"pages", st.integer(1)},
                {"tags", st.integer(2)},
                {"pending", st.integer(3)},
                {"accepted", st.integer(4)},
                {"rejected", st.integer(5)},
                {"edited", st.integer(6)},
                {"added", st.integer(7)}};
    order.push_back(id);
  }
  Json out = Json::array();
  if (query.find_first_not_of(" \t\n") == std::string::npos) {
    for (const auto& id : order) out.push_back(rows[id]);
    return out;
  }
  SearchQuery q;
  q.text = query;
  q.limit = 500;
  std::set<std::string> seen;
  for (const SearchHit& h : c->search(q)) {
    if (!rows.count(h.doc_id) || !seen.insert(h.doc_id).second) continue;
    Json r = rows[h.doc_id];
    r["page"] = h.page;
    r["snippet"] = h.snippet;
    out.push_back(std::move(r));
  }
  return out;
}

Json ReviewStore::entity_json(Catalog& c, int64_t entity_id) {
  auto st = c.db().prepare(std::string("SELECT ") + kEntityColumns + " FROM entities WHERE id = ?");
  st.bind(1, entity_id);
  if (!st.step()) throw NotFound("no tag " + std::to_string(entity_id));
  return entity_row(st);
}

Json ReviewStore::entity(int64_t entity_id) {
  auto c = lease();
  return entity_json(*c, entity_id);
}

Json ReviewStore::document(const std::string& doc_id) {
  Json doc;
  {
    auto c = lease();
    auto st = c->db().prepare(
        "SELECT id, source_path, media_type, page_count, text, metadata FROM documents WHERE id = ?");
    st.bind(1, doc_id);
    if (!st.step()) throw NotFound("no document " + doc_id);
    doc = {{"id", st.text(0)},
           {"source", {{"path", st.text(1)}, {"media_type", st.text(2)}}},
           {"text", st.text(4)},
           {"metadata", Json::parse(st.text(5), nullptr, false)}};
    Json pages = Json::array();
    auto ps = c->db().prepare(
        "SELECT number, width, height, text_source, words, confidence FROM pages WHERE doc_id = ? "
        "ORDER BY number");
    ps.bind(1, doc_id);
    while (ps.step())
      pages.push_back({{"number", ps.integer(0)},
                       {"width", ps.integer(1)},
                       {"height", ps.integer(2)},
                       {"text_source", ps.text(3)},
                       {"word_count", ps.integer(4)},
                       {"confidence", ps.is_null(5) ? Json(nullptr) : Json(ps.real(5))},
                       {"words", Json::array()}});
    doc["pages"] = std::move(pages);
    Json ents = Json::array();
    auto es = c->db().prepare(std::string("SELECT ") + kEntityColumns +
                              " FROM entities WHERE doc_id = ? ORDER BY start, ordinal");
    es.bind(1, doc_id);
    while (es.step()) ents.push_back(entity_row(es));
    doc["entities"] = std::move(ents);
  }
  // Words with their spans in the text, from the record's offset map: the page draws their
  // boxes and maps a box drawn on the scan to a span of text.
  const Json record = read_record(record_path(out_dir_, doc_id));
  if (record.is_object()) {
    std::map<std::pair<int, uint32_t>, std::pair<uint32_t, uint32_t>> spans;
    for (const Json& s : record.value("segments", Json::array())) {
      auto key = std::pair(s.at(2).get<int>(), s.at(3).get<uint32_t>());
      const auto s0 = s.at(0).get<uint32_t>(), s1 = s.at(1).get<uint32_t>();
      auto [it, fresh] = spans.try_emplace(key, s0, s1);
      if (!fresh) it->second = {std::min(it->second.first, s0), std::max(it->second.second, s1)};
    }
    const Json& rpages = record.value("pages", Json::array());
    for (std::size_t p = 0; p < rpages.size() && p < doc["pages"].size(); ++p) {
      Json& words = doc["pages"][p]["words"];
      uint32_t index = 0;
      for (const Json& b : rpages[p].value("blocks", Json::array()))
        for (const Json& l : b.value("lines", Json::array()))
          for (const Json& w : l.value("words", Json::array())) {
            Json jw = {{"bbox", w.at("bbox")}, {"confidence", w.value("confidence", 0.0)}};
            auto it = spans.find({static_cast<int>(p), index});
            if (it != spans.end()) {
              jw["start"] = it->second.first;
              jw["end"] = it->second.second;
            }
            words.push_back(std::move(jw));
            ++index;
          }
    }
  }
  return doc;
}

Json ReviewStore::queue(int limit) {
  auto c = lease();
  auto st = c->db().prepare(std::string("SELECT ") + kEntityColumns +
                            " FROM entities WHERE review = 'pending' "
                            "ORDER BY confidence, doc_id, start LIMIT ?");
  st.bind(1, std::clamp(limit, 1, 1000));
  Json out = Json::array();
  while (st.step()) out.push_back(entity_row(st));
  return out;
}

Json ReviewStore::history(const std::string& doc_id) {
  auto c = lease();
  auto st = c->db().prepare(
      "SELECT id, entity_key, reviewer, at, action, before, after, undoes FROM reviews "
      "WHERE doc_id = ? ORDER BY id DESC");
  st.bind(1, doc_id);
  Json out = Json::array();
  while (st.step())
    out.push_back({{"id", st.integer(0)},
                   {"key", st.text(1)},
                   {"reviewer", st.text(2)},
                   {"at", st.text(3)},
                   {"action", st.text(4)},
                   {"before", st.is_null(5) ? Json(nullptr) : Json::parse(st.text(5), nullptr, false)},
                   {"after", st.is_null(6) ? Json(nullptr) : Json::parse(st.text(6), nullptr, false)},
                   {"undoes", st.is_null(7) ? Json(nullptr) : Json(st.integer(7))}});
  return out;
}

Json ReviewStore::summary(const std::string& doc_id) {
  auto c = lease();
  const std::string where = doc_id.empty() ? "" : " AND doc_id = ?";
  auto ds = c->db().prepare(
      "SELECT id, doc_id, text, value, date_from, date_to, review, page FROM entities "
      "WHERE type = 'date' AND review != 'rejected' AND (date_from IS NOT NULL OR date_to IS NOT NULL)" +
      where + " ORDER BY COALESCE(date_from, date_to), doc_id, start");
  if (!doc_id.empty()) ds.bind(1, doc_id);
  Json dates = Json::array();
  while (ds.step())
    dates.push_back({{"id", ds.integer(0)},
                     {"doc_id", ds.text(1)},
                     {"text", ds.text(2)},
                     {"value", ds.text(3)},
                     {"from", ds.is_null(4) ? Json(nullptr) : Json(ds.text(4))},
                     {"to", ds.is_null(5) ? Json(nullptr) : Json(ds.text(5))},
                     {"review", ds.text(6)},
                     {"page", ds.integer(7)}});
  auto ps = c->db().prepare(
      "SELECT value, authority, COUNT(*), COUNT(DISTINCT doc_id), MIN(doc_id), MIN(id) FROM entities "
      "WHERE type = 'place' AND review != 'rejected'" + where +
      " GROUP BY COALESCE(authority, value) ORDER BY COUNT(*) DESC, value");
  if (!doc_id.empty()) ps.bind(1, doc_id);
  Json places = Json::array();
  while (ps.step())
    places.push_back({{"name", ps.text(0)},
                      {"authority", ps.is_null(1) ? Json(nullptr) : Json(ps.text(1))},
                      {"mentions", ps.integer(2)},
                      {"documents", ps.integer(3)},
                      {"first_doc", ps.text(4)},
                      {"first_id", ps.integer(5)}});
  return {{"dates", std::move(dates)}, {"places", std::move(places)}};
}

std::string ReviewStore::source_path(const std::string& doc_id) {
  auto c = lease();
  auto st = c->db().prepare("SELECT source_path FROM documents WHERE id = ?");
  st.bind(1, doc_id);
  if (!st.step()) throw NotFound("no document " + doc_id);
  return st.text(0);
}

int ReviewStore::page_count(const std::string& doc_id) {
  auto c = lease();
  auto st = c->db().prepare("SELECT page_count FROM documents WHERE id = ?");
  st.bind(1, doc_id);
  if (!st.step()) throw NotFound("no document " + doc_id);
  return static_cast<int>(st.integer(0));
}

Json ReviewStore::record(const std::string& doc_id) {
  return read_record(record_path(out_dir_, doc_id));
}

void ReviewStore::log(Catalog& c, const std::string& doc_id, const std::string& key,
                      const std::string& reviewer, const std::string& action, const Json& before,
                      const Json& after, std::optional<int64_t> undoes) {
  auto st = c.db().prepare(
      "INSERT INTO reviews (doc_id, entity_key, reviewer, at, action, before, after, undoes) "
      "VALUES (?,?,?,?,?,?,?,?)");
  st.bind(1, doc_id).bind(2, key).bind(3, reviewer).bind(4, utc_now()).bind(5, action);
  st.bind_optional(6, before.is_null() ? std::nullopt : std::optional(before.dump()));
  st.bind_optional(7, after.is_null() ? std::nullopt : std::optional(after.dump()));
  if (undoes) st.bind(8, *undoes); else st.bind_null(8);
  st.run();
}

// The record's entity list, rebuilt from the catalog (which is the truth for reviewed
// tags); inside the decision's transaction, so records follow decisions in commit order.
void ReviewStore::write_record(Catalog& c, const std::string& doc_id) {
  const fs::path path = record_path(out_dir_, doc_id);
  std::error_code ec;
  if (!fs::exists(path, ec)) return;  // a catalog without records (merged elsewhere)
  const std::string bytes = read_file(path);
  Json record = Json::parse(bytes, nullptr, false);
  if (record.is_discarded()) throw Error(ErrorCode::kInvalidInput, "record " + path.string() + " is not JSON");
  Json ents = Json::array();
  auto st = c.db().prepare(std::string("SELECT ") + kEntityColumns +
                           " FROM entities WHERE doc_id = ? ORDER BY ordinal");
  st.bind(1, doc_id);
  while (st.step()) ents.push_back(record_entity(entity_row(st)));
  record["entities"] = std::move(ents);
  // Keep the writer's layout: one compact line, or indented as it was.
  int indent = -1;
  if (bytes.size() > 2 && bytes[1] == '\n') {
    indent = static_cast<int>(bytes.find_first_not_of(' ', 2) - 2);
  }
  write_file_atomic(path, record.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n");
}

namespace {

// Applies `state` (type, text, value, page, start, end, bboxes, authority, review) to the
// entity row and its name index; bumps the version.
void apply_state(Catalog& c, int64_t id, const std::string& doc_id, const Json& s) {
  std::optional<std::string> from, to;
  if (s["type"] == "date")
    if (auto r = edtf_range(s["value"].get<std::string>())) {
      if (!r->from.empty()) from = r->from;
      if (!r->to.empty()) to = r->to;
    }
  auto st = c.db().prepare(
      "UPDATE entities SET type = ?, text = ?, value = ?, page = ?, start = ?, end = ?, bboxes = ?, "
      "authority = ?, review = ?, date_from = ?, date_to = ?, version = version + 1 WHERE id = ?");
  st.bind(1, s["type"].get<std::string>()).bind(2, s["text"].get<std::string>());
  st.bind(3, s["value"].get<std::string>()).bind(4, s["page"].get<int64_t>());
  st.bind(5, s["start"].get<int64_t>()).bind(6, s["end"].get<int64_t>());
  st.bind(7, s["bboxes"].dump());
  st.bind_optional(8, s["authority"].is_string() ? std::optional(s["authority"].get<std::string>())
                                                 : std::nullopt);
  st.bind(9, s["review"].get<std::string>()).bind_optional(10, from).bind_optional(11, to);
  st.bind(12, id).run();
  c.db().prepare("DELETE FROM entity_names WHERE entity_id = ?").bind(1, id).run();
  c.db()
      .prepare("INSERT INTO entity_names (doc_id, entity_id, type, text, value) VALUES (?,?,?,?,?)")
      .bind(1, doc_id)
      .bind(2, id)
      .bind(3, s["type"].get<std::string>())
      .bind(4, s["text"].get<std::string>())
      .bind(5, s["value"].get<std::string>())
      .run();
}

std::string document_text(Catalog& c, const std::string& doc_id) {
  auto st = c.db().prepare("SELECT text FROM documents WHERE id = ?");
  st.bind(1, doc_id);
  if (!st.step()) throw NotFound("no document " + doc_id);
  return st.text(0);
}

}  // namespace

Json ReviewStore::decide(int64_t entity_id, const Decision& d) {
  const std::string reviewer = check_reviewer(d.reviewer);
  if (d.action != "accept" && d.action != "reject" && d.action != "edit")
    throw invalid("unknown action '" + d.action + "' (accept, reject or edit)");
  auto c = lease();
  std::lock_guard writing(write_mutex_);
  sql::Transaction tx(c->db());
  const Json cur = entity_json(*c, entity_id);
  if (cur["version"].get<int64_t>() != d.version)
    throw Conflict("this tag was changed by someone else since you saw it; it has been reloaded", cur);
  const std::string doc_id = cur["doc_id"];
  const Json before = state_of(cur);
  Json after = before;
  const std::string status = cur["review"];
  if (d.action == "accept") {
    if (status == "pending" || status == "rejected") after["review"] = "accepted";
  } else if (d.action == "reject") {
    after["review"] = "rejected";
  } else {
    const Json& ch = d.changes;
    if (!ch.is_object() || ch.empty()) throw invalid("an edit needs changes: type, start, end, value or authority");
    for (const auto& [k, v] : ch.items())
      if (k != "type" && k != "start" && k != "end" && k != "value" && k != "authority")
        throw invalid("an edit cannot change '" + k + "' (type, start, end, value, authority)");
    if (ch.contains("type")) {
      if (!ch["type"].is_string() || !entity_type_from(ch["type"].get<std::string>()))
        throw invalid("a tag's type is person, place, date or organization");
      if (ch["type"] != after["type"] && !ch.contains("authority")) after["authority"] = nullptr;
      after["type"] = ch["type"];
    }
    if (ch.contains("start") || ch.contains("end")) {
      const std::string text = document_text(*c, doc_id);
      const auto start = ch.value("start", after["start"].get<int64_t>());
      const auto end = ch.value("end", after["end"].get<int64_t>());
      if (start < 0 || end <= start || end > static_cast<int64_t>(text.size()) ||
          !utf8_boundary(text, static_cast<std::size_t>(start)) ||
          !utf8_boundary(text, static_cast<std::size_t>(end)))
        throw invalid("the span must be a non-empty run of the document text");
      after["start"] = start;
      after["end"] = end;
      after["text"] = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
      const Json rec = read_record(record_path(out_dir_, doc_id));
      if (rec.is_object()) {
        auto [page, boxes] = locate_span(rec, static_cast<uint32_t>(start), static_cast<uint32_t>(end));
        after["page"] = page;
        after["bboxes"] = boxes;
      }
    }
    if (ch.contains("value")) {
      if (!ch["value"].is_string()) throw invalid("a value is text");
      after["value"] = ch["value"];
    }
    if (ch.contains("authority")) {
      if (ch["authority"].is_null() || ch["authority"] == "")
        after["authority"] = nullptr;
      else if (!ch["authority"].is_string())
        throw invalid("an authority is an id like places:lisbon");
      else
        after["authority"] = ch["authority"];
    }
    if (after["value"] == "") after["value"] = after["text"];
    if (after["type"] == "date" && !edtf_range(after["value"].get<std::string>()))
      throw invalid("'" + after["value"].get<std::string>() +
                    "' is not an EDTF date (1943-09-28, 1943-09, 1943, 1944-06~, 1942?, 1943-10-01/1943-10-02)");
    if (after["authority"].is_string()) {
      const std::string a = after["authority"];
      const std::string family = authority_family(after["type"]);
      if (family.empty() || a.rfind(family + ":", 0) != 0)
        throw invalid("authority '" + a + "' does not fit a " + after["type"].get<std::string>() + " tag");
      if (authorities_ && !authorities_->exists(a)) throw invalid("no authority record '" + a + "'");
    }
    after["review"] = status == "added" ? "added" : "edited";
  }
  apply_state(*c, entity_id, doc_id, after);
  log(*c, doc_id, cur["key"].is_string() ? cur["key"].get<std::string>() : "", reviewer, d.action,
      before, after, std::nullopt);
  write_record(*c, doc_id);
  Json out = entity_json(*c, entity_id);
  tx.commit();
  return out;
}

Json ReviewStore::add(const std::string& doc_id, const NewTag& t) {
  const std::string reviewer = check_reviewer(t.reviewer);
  if (!entity_type_from(t.type)) throw invalid("a tag's type is person, place, date or organization");
  auto c = lease();
  std::lock_guard writing(write_mutex_);
  sql::Transaction tx(c->db());
  const std::string text = document_text(*c, doc_id);
  if (t.end <= t.start || t.end > text.size() || !utf8_boundary(text, t.start) ||
      !utf8_boundary(text, t.end))
    throw invalid("the span must be a non-empty run of the document text");
  {
    auto dup = c->db().prepare(
        std::string("SELECT ") + kEntityColumns +
        " FROM entities WHERE doc_id = ? AND type = ? AND start = ? AND end = ? AND review != 'rejected'");
    dup.bind(1, doc_id).bind(2, t.type).bind(3, static_cast<int64_t>(t.start)).bind(4, static_cast<int64_t>(t.end));
    if (dup.step()) throw Conflict("this tag is already there", entity_row(dup));
  }
  Json s = {{"type", t.type},
            {"text", text.substr(t.start, t.end - t.start)},
            {"value", t.value.empty() ? text.substr(t.start, t.end - t.start) : t.value},
            {"page", 1},
            {"start", t.start},
            {"end", t.end},
            {"bboxes", Json::array()},
            {"authority", t.authority.empty() ? Json(nullptr) : Json(t.authority)},
            {"review", "added"}};
  if (t.type == "date" && !edtf_range(s["value"].get<std::string>()))
    throw invalid("'" + s["value"].get<std::string>() + "' is not an EDTF date (1943-09-28, 1943-09, 1943, 1944-06~)");
  if (!t.authority.empty()) {
    const std::string family = authority_family(t.type);
    if (family.empty() || t.authority.rfind(family + ":", 0) != 0)
      throw invalid("authority '" + t.authority + "' does not fit a " + t.type + " tag");
    if (authorities_ && !authorities_->exists(t.authority))
      throw invalid("no authority record '" + t.authority + "'");
  }
  const Json rec = read_record(record_path(out_dir_, doc_id));
  if (rec.is_object()) {
    auto [page, boxes] = locate_span(rec, t.start, t.end);
    s["page"] = page;
    s["bboxes"] = boxes;
  }
  // The key the log names this tag by: its span, made unique if an earlier tag of the same
  // span was edited away or rejected.
  std::string key = t.type + ":" + std::to_string(t.start) + ":" + std::to_string(t.end);
  {
    auto k = c->db().prepare("SELECT COUNT(*) FROM entities WHERE doc_id = ? AND (entity_key = ? OR entity_key LIKE ?)");
    k.bind(1, doc_id).bind(2, key).bind(3, key + "#%");
    k.step();
    if (k.integer(0) > 0) key += "#" + std::to_string(k.integer(0) + 1);
  }
  auto ord = c->db().prepare("SELECT COALESCE(MAX(ordinal) + 1, 0) FROM entities WHERE doc_id = ?");
  ord.bind(1, doc_id);
  ord.step();
  const int64_t ordinal = ord.integer(0);
  c->db()
      .prepare("INSERT INTO entities (doc_id, ordinal, type, text, value, page, start, end, bboxes, "
               "confidence, evidence, review, entity_key, version) "
               "VALUES (?,?,?,?,?,1,?,?,'[]',1.0,?,'added',?,0)")
      .bind(1, doc_id)
      .bind(2, ordinal)
      .bind(3, t.type)
      .bind(4, s["text"].get<std::string>())
      .bind(5, s["value"].get<std::string>())
      .bind(6, static_cast<int64_t>(t.start))
      .bind(7, static_cast<int64_t>(t.end))
      .bind(8, Json::array({"review:added"}).dump())
      .bind(9, key)
      .run();
  const int64_t id = c->db().last_insert_id();
  apply_state(*c, id, doc_id, s);
  log(*c, doc_id, key, reviewer, "add", nullptr, s, std::nullopt);
  write_record(*c, doc_id);
  Json out = entity_json(*c, id);
  tx.commit();
  return out;
}

Json ReviewStore::undo(int64_t entity_id, int64_t version, const std::string& reviewer_name) {
  const std::string reviewer = check_reviewer(reviewer_name);
  auto c = lease();
  std::lock_guard writing(write_mutex_);
  sql::Transaction tx(c->db());
  const Json cur = entity_json(*c, entity_id);
  if (cur["version"].get<int64_t>() != version)
    throw Conflict("this tag was changed by someone else since you saw it; it has been reloaded", cur);
  const std::string doc_id = cur["doc_id"];
  const std::string key = cur["key"].is_string() ? cur["key"].get<std::string>() : "";
  // The newest decision on this tag that no undo has taken back yet.
  auto st = c->db().prepare(
      "SELECT id, action, before, undoes FROM reviews WHERE doc_id = ? AND entity_key = ? ORDER BY id DESC");
  st.bind(1, doc_id).bind(2, key);
  std::set<int64_t> taken_back;
  std::optional<int64_t> target;
  std::string action;
  Json before;
  while (st.step()) {
    const int64_t id = st.integer(0);
    if (st.text(1) == "undo") {
      if (!st.is_null(3)) taken_back.insert(st.integer(3));
      continue;
    }
    if (taken_back.count(id)) continue;
    target = id;
    action = st.text(1);
    before = st.is_null(2) ? Json(nullptr) : Json::parse(st.text(2), nullptr, false);
    break;
  }
  if (!target) throw invalid("there is no decision on this tag to undo");
  Json out;
  if (action == "add" || before.is_null()) {
    const int64_t ordinal = cur["ordinal"];
    c->db().prepare("DELETE FROM entity_names WHERE entity_id = ?").bind(1, entity_id).run();
    c->db().prepare("DELETE FROM entities WHERE id = ?").bind(1, entity_id).run();
    // Close the gap in the record order (through negatives: ordinals are unique).
    c->db().prepare("UPDATE entities SET ordinal = -ordinal - 1 WHERE doc_id = ? AND ordinal > ?")
        .bind(1, doc_id).bind(2, ordinal).run();
    c->db().prepare("UPDATE entities SET ordinal = -ordinal - 2 WHERE doc_id = ? AND ordinal < 0")
        .bind(1, doc_id).run();
    log(*c, doc_id, key, reviewer, "undo", state_of(cur), nullptr, target);
    out = {{"deleted", true}, {"id", entity_id}};
  } else {
    apply_state(*c, entity_id, doc_id, before);
    log(*c, doc_id, key, reviewer, "undo", state_of(cur), before, target);
    out = entity_json(*c, entity_id);
  }
  write_record(*c, doc_id);
  tx.commit();
  return out;
}

}  // namespace testimony::review
