// Writer family: sink stages that read the Document and write files under --out.
//   [[stage]]
//   use = "write.json"    # also "write.tei", "write.alto"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_write(Registry& registry);

// The parts register_write() calls, one per writer file.
void register_tei_writer(Registry& registry);
void register_alto_writer(Registry& registry);

}  // namespace testimony
