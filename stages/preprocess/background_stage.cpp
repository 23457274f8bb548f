// preprocess.background: turns colour scans to gray (luminance) and flattens uneven
// illumination, stains and yellowed paper: the paper brightness is estimated by a gray closing
// at reduced resolution and divided out, so paper becomes `white` everywhere. No geometry change.
//   [[stage]]
//   use = "preprocess.background"
//   window = 45
#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

class BackgroundStage final : public PageStage {
 public:
  explicit BackgroundStage(const Params& p)
      : PageStage("preprocess.background"),
        window_(p.get_float("window")),
        white_(static_cast<int>(p.get_int("white"))) {
    install_leptonica_message_handler();
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    const int depth = pixGetDepth(img->pix());
    Json& rec = page.processing[name()];
    if (depth == 1) {
      rec = {{"normalized", false}, {"reason", "binary image"}};
      return;
    }
    PixPtr gray = to_gray(img->pix());
    // The closing runs on a reduced copy: fast, and the paper varies slowly anyway.
    const int reduction = page_dpi(page) >= 250 ? 4 : 2;
    int size = scaled(window_, page, 3) / reduction;
    size |= 1;  // odd brick
    PixPtr flat(pixBackgroundNormMorph(gray.get(), nullptr, reduction, size, white_));
    if (!flat) {
      // Leptonica gives up on pages it cannot model (tiny or blank); gray is still an improvement.
      rec = {{"normalized", false}, {"gray", depth == 32}, {"reason", take_leptonica_messages()}};
      img->reset(std::move(gray));
      return;
    }
    take_leptonica_messages();
    rec = {{"normalized", true}, {"gray", depth == 32}};
    img->reset(std::move(flat));
    ctx.log->debug("{} page {}: background normalized", ctx.document ? ctx.document->id : "", page.number);
  }

 private:
  double window_;
  int white_;
};

}  // namespace

void register_background(Registry& r) {
  r.add({"preprocess.background",
         StageKind::kPage,
         "gray conversion and background flattening (uneven light, stains, yellowed paper)",
         {param_float("window", 45, "pixels (at 300 dpi) of the closing that erases text to find the paper", 9, 400),
          param_int("white", 255, "gray level the paper is brought to", 128, 255)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<BackgroundStage>(p); }});
}

}  // namespace testimony::preprocess
