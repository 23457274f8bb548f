// Finding documents: files, folders (searched recursively) and manifest CSVs become a sorted
// list of InputDoc with unique, file-name-safe ids. Ground truth (*.gt.txt, gold/) is skipped.
#pragma once

#include <string>
#include <vector>

#include "pipeline/stage.hpp"

namespace testimony {

struct Discovery {
  std::vector<InputDoc> documents;
  std::vector<std::string> warnings;  // unreadable folders, skipped links, renamed duplicate ids
};

// Throws ConfigError for an INPUT that does not exist or a malformed manifest CSV.
Discovery discover_inputs(const std::vector<std::string>& inputs);

// Does this path name a page image (by extension; the content is checked by ingest)?
bool is_page_image_name(const std::filesystem::path& path);

// A document id made safe as a relative file path: no "..", no empty or hidden segments,
// no control characters or invalid UTF-8 (replaced by '_').
std::string safe_id(std::string_view raw);

// The deterministic shard (0..count-1) of a document id.
int shard_of(std::string_view id, int count);

}  // namespace testimony
