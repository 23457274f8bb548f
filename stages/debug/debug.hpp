// Debug family: stages that exist for tests, never for real runs.
//   [[stage]]
//   use = "debug.fault"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_debug(Registry& registry);

}  // namespace testimony
