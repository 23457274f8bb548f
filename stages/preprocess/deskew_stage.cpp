// preprocess.deskew: measures the skew of the text lines (Leptonica's sweep-and-search over a
// binarized, reduced copy) and straightens the page by rotating it about its centre, same
// size, bringing in white. Records the skew counter-clockwise positive, as scanned.
//   [[stage]]
//   use = "preprocess.deskew"
//   min_angle = 0.1
#include <cmath>
#include <numbers>

#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

class DeskewStage final : public PageStage {
 public:
  explicit DeskewStage(const Params& p)
      : PageStage("preprocess.deskew"),
        min_angle_(p.get_float("min_angle")),
        max_angle_(p.get_float("max_angle")),
        min_confidence_(p.get_float("min_confidence")) {
    install_leptonica_message_handler();
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    // Measured at about 150 dpi: gray and colour pages are halved (area map) before the
    // threshold, which is the expensive part; binary pages are reduced inside Leptonica.
    const bool binary_page = pixGetDepth(img->pix()) == 1;
    const bool halve = page_dpi(page) >= 250;
    PixPtr binary = binary_page || !halve
                        ? to_binary(img->pix())
                        : to_binary(checked(pixScaleAreaMap2(img->pix()), name(), "reduce the page").get());
    const int search = binary_page && halve ? 2 : 1;
    l_float32 angle = 0, confidence = 0;
    const bool found =
        pixFindSkewSweepAndSearch(binary.get(), &angle, &confidence, 2 * search, search,
                                  static_cast<l_float32>(max_angle_), 1.0f, 0.01f) == 0;
    take_leptonica_messages();
    if (!found) angle = confidence = 0;
    // `angle` turns the page straight (clockwise positive), so it is also the skew of the scan
    // counter-clockwise positive.
    const bool correct = found && std::abs(angle) >= min_angle_ && confidence >= min_confidence_ &&
                         std::abs(angle) <= max_angle_;
    page.processing[name()] = {{"angle", rounded(angle, 2)},
                               {"confidence", rounded(confidence, 2)},
                               {"corrected", correct}};
    ctx.log->debug("{} page {}: skew {:.2f} degrees (confidence {:.2f}){}",
                   ctx.document ? ctx.document->id : "", page.number, angle, confidence,
                   correct ? ", corrected" : "");
    if (!correct) return;
    const double radians = angle * std::numbers::pi / 180.0;
    PixPtr source = pixGetDepth(img->pix()) == 1 ? to_gray(img->pix())
                                                 : checked(pixClone(img->pix()), name(), "clone the page");
    PixPtr turned = checked(pixRotateAM(source.get(), static_cast<l_float32>(radians), L_BRING_IN_WHITE),
                            name(), "rotate the page");
    // pixRotateAM turns clockwise about pixel (w/2, h/2), whose centre is at +0.5 in edge
    // coordinates; a point of the new image goes back by the same turn counter-clockwise.
    const double cx = pixGetWidth(source.get()) / 2 + 0.5, cy = pixGetHeight(source.get()) / 2 + 0.5;
    replace_image(page, *img, std::move(turned), Transform::rotation(radians, cx, cy));
  }

 private:
  double min_angle_;
  double max_angle_;
  double min_confidence_;
};

}  // namespace

void register_deskew(Registry& r) {
  r.add({"preprocess.deskew",
         StageKind::kPage,
         "measures the skew of the text lines and straightens the page",
         {param_float("min_angle", 0.1, "smallest skew (degrees) worth correcting", 0, 45),
          param_float("max_angle", 7.0, "largest skew (degrees) searched for and corrected", 0.5, 45),
          param_float("min_confidence", 3.0, "Leptonica skew confidence needed to correct", 0, 100)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<DeskewStage>(p); }});
}

}  // namespace testimony::preprocess
