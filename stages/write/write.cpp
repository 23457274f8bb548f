// The writer family's registration list.
#include "stages/write/write.hpp"

namespace testimony {

void register_write(Registry& r) {
  register_json_writer(r);
  register_tei_writer(r);
  register_alto_writer(r);
  register_catalog_writer(r);
}

}  // namespace testimony
