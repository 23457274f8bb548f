// A reviewed document as a new regression fixture, in the fixture gold format of DESIGN.md:
// DIR/review-fixtures/<id>/ with case.json, the page images (page-0001.png ...) or the
// transcription, gold/page-000N.gt.txt (each page's text as reviewed) and gold/entities.jsonl
// (the accepted, edited and added tags).
#pragma once

#include <filesystem>
#include <string>

#include "apps/review/page_images.hpp"
#include "apps/review/review_store.hpp"

namespace testimony::review {

// Writes the fixture (replacing an earlier export of the same document) and returns
// {"dir": relative to the output folder, "files": [...], "entities": N}. Throws NotFound.
Json export_fixture(ReviewStore& store, PageImages& images, const std::string& doc_id);

}  // namespace testimony::review
