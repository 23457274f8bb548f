// The pipeline builder: checks a validated Config as a whole (one ingest first, page stages
// before document stages, every stage's needs met by an earlier one) before any document is
// read, and makes fresh stage instances for each worker.
#pragma once

#include <memory>
#include <vector>

#include "pipeline/config.hpp"
#include "pipeline/stage.hpp"

namespace testimony {

// The stage instances of one worker. Not shared between threads.
struct Worker {
  std::unique_ptr<IngestStage> ingest;
  std::vector<std::unique_ptr<PageStage>> page_stages;
  std::vector<std::unique_ptr<DocumentStage>> document_stages;
  Json tools = Json::object();  // external tool versions, merged from every stage
};

class Pipeline {
 public:
  // Throws ConfigError naming the stages involved.
  static Pipeline build(Config config);

  const Config& config() const { return config_; }
  // Fresh stage instances; `kinds` picks which (the runner's page workers need only page
  // stages, its document drivers only ingest and document stages).
  enum Parts : unsigned { kIngest = 1, kPageStages = 2, kDocumentStages = 4, kAll = 7 };
  Worker make_worker(unsigned parts = kAll) const;
  // Program, version, config and stages; tools are added per worker.
  Provenance provenance() const;

 private:
  explicit Pipeline(Config config) : config_(std::move(config)) {}
  Config config_;
};

// The program's version string ("0.1.0").
std::string program_version();

}  // namespace testimony
