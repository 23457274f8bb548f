// The stage interface: a plain class with a name, built fully configured from its Params.
// Three kinds: ingest (opens a document and yields pages one at a time), page stages
// (preprocess, OCR; run per page) and document stages (normalize, tag, link, write).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/logger.h>

#include "pipeline/document.hpp"

namespace testimony {

// What a stage needs from earlier stages and provides to later ones. The builder checks the
// chain before the first document ("tag.dates needs normalized text; no earlier stage ...").
enum Capability : unsigned {
  kCapNone = 0,
  kCapPageImage = 1u << 0,  // page images (ingest of scans)
  kCapLayout = 1u << 1,     // words with boxes (OCR, text layer, transcription)
  kCapText = 1u << 2,       // Document::text with the offset map (normalize)
  kCapEntities = 1u << 3,   // tagged entities
  kCapLinked = 1u << 4,     // entities linked to authorities
};
std::string describe_capabilities(unsigned caps);

// Per-call context: where we are, where output goes, and the stage's logger.
struct Context {
  spdlog::logger* log = nullptr;
  std::filesystem::path out_dir;
  const Document* document = nullptr;  // for messages; stages get the document explicitly
  int page = 0;                        // 1-based page being processed, 0 for document stages
  // When the page must be done (run.page_timeout); long-running stages (OCR) stop there.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

class Stage {
 public:
  explicit Stage(std::string name) : name_(std::move(name)) {}
  virtual ~Stage() = default;
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  const std::string& name() const { return name_; }
  // Versions of external tools this stage uses, for provenance ({"tesseract": "5.3.0"}).
  virtual Json tools() const { return Json::object(); }

 private:
  std::string name_;
};

// What a document is, as the runner found it.
struct InputDoc {
  std::string id;
  std::filesystem::path path;  // a file, or a folder of page images
  Json metadata = Json::object();
};

class PageReader {
 public:
  virtual ~PageReader() = default;
  // Fills `page` with the next page (image or layout) and returns true, or returns false at
  // the end. Throws Error for a page that cannot be read.
  virtual bool next(Page& page) = 0;
};

class IngestStage : public Stage {
 public:
  using Stage::Stage;
  // Sets doc.source.media_type and returns a reader over the pages.
  virtual std::unique_ptr<PageReader> open(const InputDoc& input, Document& doc, Context& ctx) = 0;
};

class PageStage : public Stage {
 public:
  using Stage::Stage;
  virtual void process(Page& page, Context& ctx) = 0;
};

class DocumentStage : public Stage {
 public:
  using Stage::Stage;
  virtual void process(Document& doc, Context& ctx) = 0;
};

}  // namespace testimony
