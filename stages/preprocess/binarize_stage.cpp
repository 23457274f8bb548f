// preprocess.binarize: adaptive Sauvola binarization (threshold = mean * (1 + k (sd / 128 - 1))
// over a window around each pixel), robust to faded ink and uneven paper; or one global Otsu
// level, enough after preprocess.background. The page becomes 1 bpp.
//   [[stage]]
//   use = "preprocess.binarize"
//   window = 41
//   k = 0.34
#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

class BinarizeStage final : public PageStage {
 public:
  explicit BinarizeStage(const Params& p)
      : PageStage("preprocess.binarize"),
        sauvola_(p.get_string("method") == "sauvola"),
        window_(p.get_float("window")),
        k_(p.get_float("k")) {
    install_leptonica_message_handler();
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    Json& rec = page.processing[name()];
    if (pixGetDepth(img->pix()) == 1) {
      rec = {{"binarized", false}, {"reason", "already binary"}};
      return;
    }
    PixPtr gray = to_gray(img->pix());
    const int w = pixGetWidth(gray.get()), h = pixGetHeight(gray.get());
    const int half = std::max(2, scaled(window_, page, 5) / 2);
    PixPtr binary;
    if (sauvola_ && w >= 2 * half + 3 && h >= 2 * half + 3) {
      // Tiles of about 1000 px bound the integral images' memory on large pages.
      const int nx = std::clamp(w / 1000, 1, std::max(1, w / (half + 2)));
      const int ny = std::clamp(h / 1000, 1, std::max(1, h / (half + 2)));
      Pix* out = nullptr;
      if (pixSauvolaBinarizeTiled(gray.get(), half, static_cast<l_float32>(k_), nx, ny, nullptr, &out) == 0)
        binary.reset(out);
      else if (out)
        pixDestroy(&out);
    }
    const bool sauvola = static_cast<bool>(binary);
    if (!sauvola)  // asked for, or the page is smaller than the window
      binary = checked(pixThresholdToBinary(gray.get(), otsu_threshold(gray.get())), name(), "binarize");
    take_leptonica_messages();
    pixCopyResolution(binary.get(), img->pix());
    img->reset(std::move(binary));
    rec = {{"binarized", true}, {"method", sauvola ? "sauvola" : "otsu"}};
    if (sauvola) rec["window"] = 2 * half + 1;
    ctx.log->debug("{} page {}: binarized ({})", ctx.document ? ctx.document->id : "", page.number,
                   sauvola ? "sauvola" : "otsu");
  }

 private:
  bool sauvola_;
  double window_;
  double k_;
};

}  // namespace

void register_binarize(Registry& r) {
  r.add({"preprocess.binarize",
         StageKind::kPage,
         "adaptive Sauvola binarization to 1 bpp",
         {param_string("method", "sauvola", "sauvola (adaptive, local window) or otsu (one global level)",
                       {"sauvola", "otsu"}),
          param_float("window", 41, "Sauvola window width in pixels at 300 dpi", 5, 401),
          param_float("k", 0.34, "Sauvola k: higher keeps less faint ink", 0.01, 1.0)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<BinarizeStage>(p); }});
}

}  // namespace testimony::preprocess
