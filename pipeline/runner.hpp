// The runner: the one place that catches errors, at the per-document boundary. It takes the
// documents, runs every stage on each (workers in parallel, each with its own stage
// instances), writes manifest.jsonl, and says what happened.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/error.hpp"
#include "pipeline/pipeline.hpp"

namespace testimony {

struct RunOptions {
  std::filesystem::path out_dir;
  int jobs = 1;  // worker threads (>= 1)
  bool resume = false;
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
  std::vector<DocResult> results;  // sorted by id
  int count(DocStatus s) const;
  std::map<std::string, int> failures_by_code() const;
  int pages() const;
  long words() const;
  double mean_confidence() const;
  std::map<std::string, int> entities() const;  // by type, over all documents
};

// Where the JSON record of a document lives.
std::filesystem::path record_path(const std::filesystem::path& out_dir, const std::string& id);

class Runner {
 public:
  Runner(const Pipeline& pipeline, RunOptions options);
  RunSummary run(const std::vector<InputDoc>& inputs);
  // One document through every stage of `worker`; never throws.
  DocResult process(const InputDoc& input, Worker& worker) const;

 private:
  bool up_to_date(const InputDoc& input, const std::string& sha256) const;

  const Pipeline& pipeline_;
  RunOptions options_;
  Provenance provenance_;
};

// SHA-256 fixity of a document: the file's bytes, or for a folder of page images the hash
// of its sha256sum-style listing ("<sha256>  <name>\n" per page file, in natural order).
std::string document_sha256(const std::filesystem::path& path);

}  // namespace testimony
