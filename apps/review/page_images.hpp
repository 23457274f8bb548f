// Page images for the review page and for fixture export: the document's source opened with
// the ingest stage (as the run read it), one page encoded as PNG, optionally scaled down, with
// a small in-memory cache. Leptonica stays in page_images.cpp.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace testimony::review {

class PageImages {
 public:
  explicit PageImages(std::size_t cache_entries = 24) : capacity_(cache_entries) {}
  // PNG bytes of page `page` (1-based) of the document at `source`, at most `max_width`
  // pixels wide (0: full size); nullopt when that page has no image (a transcription, a
  // PDF page read from its text layer). Throws Error when the source cannot be read.
  std::optional<std::string> png(const std::string& source, int page, int max_width);

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::pair<std::string, std::optional<std::string>>> cache_;  // newest first
};

}  // namespace testimony::review
