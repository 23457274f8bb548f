// preprocess.crop: removes dark scanner borders — runs of rows and columns at each edge that
// are mostly dark — by cropping the page, and maps boxes back with a translation.
//   [[stage]]
//   use = "preprocess.crop"
//   dark_fraction = 0.5
#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

struct NumaDeleter {
  void operator()(Numa* n) const { numaDestroy(&n); }
};
using NumaPtr = std::unique_ptr<Numa, NumaDeleter>;

// How many leading entries of `counts` (read forwards, or backwards from the end) are at least
// `dark`, up to `limit`.
int dark_run(const Numa* counts, double dark, int limit, bool backwards) {
  const int n = numaGetCount(const_cast<Numa*>(counts));
  int run = 0;
  while (run < limit && run < n) {
    l_float32 v = 0;
    numaGetFValue(const_cast<Numa*>(counts), backwards ? n - 1 - run : run, &v);
    if (v < dark) break;
    ++run;
  }
  return run;
}

class CropStage final : public PageStage {
 public:
  explicit CropStage(const Params& p)
      : PageStage("preprocess.crop"),
        dark_fraction_(p.get_float("dark_fraction")),
        max_fraction_(p.get_float("max_fraction")),
        pad_(p.get_float("pad")) {
    install_leptonica_message_handler();
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    const int w = img->width(), h = img->height();
    // Gray and colour pages are judged at half size (area map): the border is wide, and the
    // threshold is the expensive part.
    const int f = pixGetDepth(img->pix()) != 1 && page_dpi(page) >= 250 ? 2 : 1;
    PixPtr binary = f == 1 ? to_binary(img->pix())
                           : to_binary(checked(pixScaleAreaMap2(img->pix()), name(), "reduce the page").get());
    const int bw = pixGetWidth(binary.get()), bh = pixGetHeight(binary.get());
    NumaPtr rows(pixCountPixelsByRow(binary.get(), nullptr));
    NumaPtr cols(pixCountPixelsByColumn(binary.get()));
    if (!rows || !cols) {
      take_leptonica_messages();
      return;
    }
    const int max_x = static_cast<int>(max_fraction_ * w), max_y = static_cast<int>(max_fraction_ * h);
    // A border row or column is dark across most of the page; pad a little past the last one
    // to drop its blurred edge too.
    const int pad = scaled(pad_, page, 0);
    auto side = [&](const Numa* counts, int length, int limit, bool backwards) {
      const int run = f * dark_run(counts, dark_fraction_ * length, limit / f, backwards);
      return run == 0 ? 0 : std::min(limit, run + pad);
    };
    const int top = side(rows.get(), bw, max_y, false), bottom = side(rows.get(), bw, max_y, true);
    const int left = side(cols.get(), bh, max_x, false), right = side(cols.get(), bh, max_x, true);
    Json& rec = page.processing[name()];
    rec = {{"left", left}, {"top", top}, {"right", right}, {"bottom", bottom},
           {"cropped", left + top + right + bottom > 0}};
    if (left + top + right + bottom == 0) return;
    Box* box = boxCreate(left, top, w - left - right, h - top - bottom);
    PixPtr clipped(pixClipRectangle(img->pix(), box, nullptr));
    boxDestroy(&box);
    replace_image(page, *img, checked(clipped.release(), name(), "crop the page"),
                  Transform::translation(left, top));
    ctx.log->debug("{} page {}: cropped dark border left {} top {} right {} bottom {} px",
                   ctx.document ? ctx.document->id : "", page.number, left, top, right, bottom);
  }

 private:
  double dark_fraction_;
  double max_fraction_;
  double pad_;
};

}  // namespace

void register_crop(Registry& r) {
  r.add({"preprocess.crop",
         StageKind::kPage,
         "crops dark scanner borders (edge rows and columns that are mostly dark)",
         {param_float("dark_fraction", 0.5, "share of dark pixels that makes an edge row or column border", 0.05, 1),
          param_float("max_fraction", 0.2, "most of the width or height cropped from one side", 0, 0.45),
          param_float("pad", 3, "pixels (at 300 dpi) cropped past the last border row or column", 0, 100)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<CropStage>(p); }});
}

}  // namespace testimony::preprocess
