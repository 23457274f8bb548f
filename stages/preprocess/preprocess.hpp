// Preprocess family: page-image stages that run between ingest and OCR. Each is optional,
// records its decision in page.processing["preprocess.<name>"], and keeps page.to_original
// mapping the working image back to the original page.
//   [[stage]]
//   use = "preprocess.deskew"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_preprocess(Registry& registry);

}  // namespace testimony
