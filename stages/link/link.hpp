// Link family.
//   [[stage]]
//   use = "link.authorities"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_link(Registry& registry);

}  // namespace testimony
