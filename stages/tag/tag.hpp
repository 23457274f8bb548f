// Tag family: persons, places, dates and organizations in Document::text.
//   [[stage]]
//   use = "tag.dates"
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_tag(Registry& registry);

}  // namespace testimony
