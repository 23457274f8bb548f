// Page readers of the ingest stage, one per kind of document.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.hpp"

namespace testimony {

struct IngestLimits {
  int64_t max_pixels = 0;  // per page
  int64_t max_image_mb = 0;  // per page, decoded as stored (width x height x bits per pixel)
  int64_t max_pages = 0;   // per document
  int default_dpi = 300;   // when an image does not say, or says something implausible
};

// Page images (PNG, JPEG, TIFF incl. multi-page, ...) from one file or a folder's files.
std::unique_ptr<PageReader> open_images(std::vector<std::filesystem::path> files,
                                        const IngestLimits& limits);
struct PdfOptions {
  double dpi = 300;            // rendering resolution, and the pixel grid of text-layer boxes
  std::string text_layer = "auto";  // auto | always | never
  std::string password;
  int min_chars = 20;          // auto: a usable layer has at least this many characters...
  double min_quality = 0.6;    // ...and at least this share of word-like tokens
};

// PDF pages one at a time (Poppler): text layer or rendered image per page.
std::unique_ptr<PageReader> open_pdf(const std::filesystem::path& file, const PdfOptions& options,
                                     const IngestLimits& limits);
std::string poppler_version();

// A UTF-8 transcription: pages split by form feed, lines by newline, blocks by blank lines.
std::unique_ptr<PageReader> open_transcription(const std::filesystem::path& file,
                                               const IngestLimits& limits);

}  // namespace testimony
