// Ingest family: turns one input document into pages.
//   [[stage]]
//   use = "ingest"
//   default_dpi = 300
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_ingest(Registry& registry);

}  // namespace testimony
