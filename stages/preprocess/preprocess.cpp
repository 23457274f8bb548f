// Registers the preprocess family, in the order the stages are meant to run: orientation,
// crop, deskew, background, despeckle, binarize (docs/preprocessing.md explains the order).
#include "stages/preprocess/preprocess.hpp"

#include "stages/preprocess/preprocess_util.hpp"

namespace testimony {

void register_preprocess(Registry& r) {
  preprocess::register_orientation(r);
  preprocess::register_crop(r);
  preprocess::register_deskew(r);
  preprocess::register_background(r);
  preprocess::register_despeckle(r);
  preprocess::register_binarize(r);
}

}  // namespace testimony
