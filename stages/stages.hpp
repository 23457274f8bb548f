// The one registration list: every stage family, in pipeline order.
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

Registry make_registry();

}  // namespace testimony
