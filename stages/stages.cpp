// Builds the registry from each family's explicit register_<family>() function.
#include "stages/stages.hpp"

#include "stages/debug/debug.hpp"
#include "stages/ingest/ingest.hpp"
#include "stages/link/link.hpp"
#include "stages/normalize/normalize.hpp"
#include "stages/ocr/ocr.hpp"
#include "stages/preprocess/preprocess.hpp"
#include "stages/tag/tag.hpp"
#include "stages/write/write.hpp"

namespace testimony {

Registry make_registry() {
  Registry r;
  register_ingest(r);
  register_preprocess(r);
  register_ocr(r);
  register_normalize(r);
  register_tag(r);
  register_link(r);
  register_write(r);
  register_debug(r);  // for tests; last, so that `testimony stages` lists it after the real ones
  return r;
}

}  // namespace testimony
