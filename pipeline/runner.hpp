// The runner: the one place that catches errors, at the per-document boundary. Document
// drivers ingest pages and run the document stages; a pool of page workers runs the page
// stages (preprocess, OCR), so the pages of one large PDF use every core. Each thread owns its
// stage instances. It streams manifest.jsonl as documents finish and says what happened.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/error.hpp"
#include "pipeline/pipeline.hpp"

namespace testimony {

struct RunOptions {
  std::filesystem::path out_dir;
  int jobs = 1;  // page workers, and documents in flight (>= 1)
  bool resume = false;
  double page_timeout = 0;         // seconds for a page's page stages; 0 = no limit
  double max_failure_ratio = 1.0;  // stop taking documents above this share of failures
  int failure_ratio_after = 20;    // ... once this many documents have finished
  bool progress_bar = false;       // redraw a status line on stderr (a terminal)
  double progress_every = 30;      // otherwise, a progress log line every N seconds
  const std::atomic<bool>* stop = nullptr;  // set (by SIGINT): finish pages in flight, stop
};

enum class DocStatus { kOk, kFailed, kSkipped };
std::string_view to_string(DocStatus status);

struct DocResult {
  std::string id;
  std::string path;
  DocStatus status = DocStatus::kOk;
  // kFailed: where and why.
  std::string stage;
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  int page = 0;
  // kOk: what was made.
  int pages = 0;
  long words = 0;
  double confidence_sum = 0;  // over words, to average across documents
  std::size_t warnings = 0;
  std::map<std::string, int> entities;  // by type
  std::string reason;  // kSkipped
  Json to_json() const;
};

struct RunSummary {
  std::vector<DocResult> results;  // sorted by id, one per input
  std::string stopped;             // why the run stopped early ("interrupted"), or empty
  int count(DocStatus s) const;
  std::map<std::string, int> failures_by_code() const;
  int pages() const;
  long words() const;
  double mean_confidence() const;
  std::map<std::string, int> entities() const;  // by type, over all documents
};

// Where the JSON record of a document lives.
std::filesystem::path record_path(const std::filesystem::path& out_dir, const std::string& id);
// Every record under out_dir/records, in natural order (hidden and temporary files skipped);
// empty when there is no records folder. Throws std::filesystem::filesystem_error.
std::vector<std::filesystem::path> record_files(const std::filesystem::path& out_dir);

// manifest.jsonl from its document lines: sorted by id, then one {"summary": {...}} line
// counting documents by status, failures by code, and pages.
std::string manifest_text(std::vector<Json> document_lines);

class Runner {
 public:
  Runner(const Pipeline& pipeline, RunOptions options);
  ~Runner();
  // Throws ConfigError when the output folder cannot be made, Error when a stage cannot
  // start; any document's failure is in its result instead.
  RunSummary run(const std::vector<InputDoc>& inputs);

 private:
  class Impl;
  const Pipeline& pipeline_;
  RunOptions options_;
};

// SHA-256 fixity of a document: the file's bytes, or for a folder of page images the hash
// of its sha256sum-style listing ("<sha256>  <name>\n" per page file, in natural order).
std::string document_sha256(const std::filesystem::path& path);

}  // namespace testimony
