// Registers the tag family.
#include "stages/tag/tag.hpp"

namespace testimony {

void register_tag_dates(Registry& r);
void register_tag_names(Registry& r);

void register_tag(Registry& r) {
  register_tag_dates(r);
  register_tag_names(r);
}

}  // namespace testimony
