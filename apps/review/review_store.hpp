// What the review page reads and decides, over an output folder's catalog and records: the
// documents with their tag counts, one document's text, words and tags, the queue, and the
// decisions (accept, reject, edit, add, undo), each one catalog transaction that appends to
// the reviews log, updates the entity and rewrites records/<id>.json. No HTTP here.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "pipeline/document.hpp"

namespace testimony::review {

// A decision refused because the entity changed since the reviewer saw it: `current` is the
// entity as it is now (null when it no longer exists).
class Conflict : public std::runtime_error {
 public:
  Conflict(std::string message, Json current)
      : std::runtime_error(std::move(message)), current_(std::move(current)) {}
  const Json& current() const { return current_; }

 private:
  Json current_;
};

// Not found: an unknown document or entity (HTTP 404).
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Decision {
  std::string action;  // accept | reject | edit
  int64_t version = 0;
  std::string reviewer;
  Json changes = Json::object();  // for edit: any of type, start, end, value, authority
};

struct NewTag {
  std::string type;
  uint32_t start = 0, end = 0;  // byte span in the document text
  std::string value;            // empty: the surface text
  std::string authority;
  std::string reviewer;
};

// One source of the authority lookups and checks: implemented by Authorities.
class AuthorityCheck {
 public:
  virtual ~AuthorityCheck() = default;
  virtual bool exists(const std::string& id) const = 0;
};

class ReviewStore {
 public:
  // `out_dir` holds catalog.sqlite and records/. Throws Error when there is no catalog.
  ReviewStore(std::filesystem::path out_dir, const AuthorityCheck* authorities = nullptr);
  ~ReviewStore();

  // [{id, pages, tags, pending, accepted, rejected, edited, added}], or with `query` the
  // documents whose pages match it (full-text search), each with its best snippet.
  Json documents(const std::string& query);
  // {id, source, text, pages [{number, width, height, words [{bbox, start, end}]}],
  //  entities [...]}; throws NotFound.
  Json document(const std::string& doc_id);
  Json entity(int64_t entity_id);
  // Pending tags of the whole collection, lowest confidence first.
  Json queue(int limit);
  // The reviews log of a document, newest first.
  Json history(const std::string& doc_id);
  // Dates (with their ranges) and places of one document, or of the collection when empty.
  Json summary(const std::string& doc_id);

  // Each returns the entity after the decision. Throw Conflict on a stale version,
  // NotFound, or Error(kInvalidInput) with a message for the reviewer.
  Json decide(int64_t entity_id, const Decision& decision);
  Json add(const std::string& doc_id, const NewTag& tag);
  // Takes back the entity's latest decision not yet taken back: its state before that
  // decision returns (an added tag disappears: the result is {"deleted": true}).
  Json undo(int64_t entity_id, int64_t version, const std::string& reviewer);

  // The document's source path as the catalog has it (for page images); throws NotFound.
  std::string source_path(const std::string& doc_id);
  int page_count(const std::string& doc_id);
  // The record JSON as it is on disk now.
  Json record(const std::string& doc_id);

  const std::filesystem::path& out_dir() const { return out_dir_; }

 private:
  class Lease;
  Lease lease();
  Json entity_json(Catalog& c, int64_t entity_id);
  void write_record(Catalog& c, const std::string& doc_id);
  void log(Catalog& c, const std::string& doc_id, const std::string& key,
           const std::string& reviewer, const std::string& action, const Json& before,
           const Json& after, std::optional<int64_t> undoes);

  std::filesystem::path out_dir_;
  const AuthorityCheck* authorities_;
  // Writers of this process queue here rather than on SQLite's busy handler, which polls
  // with growing sleeps (long tails under load); other processes still meet the file lock.
  std::mutex write_mutex_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Catalog>> pool_;  // one connection per concurrent caller
};

// Page (1-based) and boxes on it of bytes [start, end) of a record's text, from its offset
// map (`segments`): the words' boxes, those on one line merged; a tag has one page, its first.
std::pair<int, Json> locate_span(const Json& record, uint32_t start, uint32_t end);

// "2024-05-01T12:00:00.000Z", now.
std::string utc_now();
// A reviewer's name: trimmed, 1..80 characters, no control characters; throws Error.
std::string check_reviewer(const std::string& name);

}  // namespace testimony::review
