// Writer family: sink stages that read the Document and write files under --out.
//   [[stage]]
//   use = "write.json"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_write(Registry& registry);

}  // namespace testimony
