// Writer family: sink stages that read the Document and write files under --out.
//   [[stage]]
//   use = "write.json"    # also "write.tei", "write.alto"
//   [[stage]]
//   use = "write.catalog"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_write(Registry& registry);

// One per writer; register_write calls them all.
void register_json_writer(Registry& registry);
void register_tei_writer(Registry& registry);
void register_alto_writer(Registry& registry);
void register_catalog_writer(Registry& registry);

}  // namespace testimony
