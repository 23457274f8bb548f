// Page readers of the ingest stage, one per kind of document.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "pipeline/stage.hpp"

namespace testimony {

struct IngestLimits {
  int64_t max_pixels = 0;  // per page
  int64_t max_pages = 0;   // per document
  int default_dpi = 300;   // when an image does not say, or says something implausible
};

// Page images (PNG, JPEG, TIFF incl. multi-page, ...) from one file or a folder's files.
std::unique_ptr<PageReader> open_images(std::vector<std::filesystem::path> files,
                                        const IngestLimits& limits);
// A UTF-8 transcription: pages split by form feed, lines by newline, blocks by blank lines.
std::unique_ptr<PageReader> open_transcription(const std::filesystem::path& file,
                                               const IngestLimits& limits);

}  // namespace testimony
