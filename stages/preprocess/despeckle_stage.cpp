// preprocess.despeckle: removes scanner noise — small dark connected components far from any
// larger ink. A speck is at most `max_size` pixels (at 300 dpi) in both directions and has no
// larger component within `gap`, so i-dots, periods, diacritics and Arabic/Hebrew dots, which
// sit next to their letters, stay. Works on binary pages, or on gray/colour ones by painting
// the specks (and a one-pixel halo) in the paper's colour.
//   [[stage]]
//   use = "preprocess.despeckle"
//   max_size = 6
#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

// The median colour of the page, as pixSetMasked takes it: mostly paper on a text page.
l_uint32 paper_colour(Pix* pix) {
  if (pixGetDepth(pix) == 32) {
    l_float32 r = 255, g = 255, b = 255;
    pixGetRankValueMaskedRGB(pix, nullptr, 0, 0, 4, 0.5f, &r, &g, &b);
    l_uint32 v = 0;
    composeRGBPixel(static_cast<l_int32>(r), static_cast<l_int32>(g), static_cast<l_int32>(b), &v);
    return v;
  }
  l_float32 v = 255;
  pixGetRankValueMasked(pix, nullptr, 0, 0, 4, 0.5f, &v, nullptr);
  return static_cast<l_uint32>(v);
}

class DespeckleStage final : public PageStage {
 public:
  explicit DespeckleStage(const Params& p)
      : PageStage("preprocess.despeckle"), max_size_(p.get_float("max_size")), gap_(p.get_float("gap")) {
    install_leptonica_message_handler();
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    Pix* pix = img->pix();
    const int size = scaled(max_size_, page, 1);
    const int gap = scaled(gap_, page, 1);
    PixPtr binary = to_binary(pix);
    l_int32 changed = 0;
    PixPtr small = checked(pixSelectBySize(binary.get(), size, size, 8, L_SELECT_IF_BOTH,
                                           L_SELECT_IF_LTE, &changed),
                           name(), "select small components");
    PixPtr large = checked(pixSubtract(nullptr, binary.get(), small.get()), name(), "subtract");
    PixPtr near = checked(pixDilateBrick(nullptr, large.get(), 2 * gap + 1, 2 * gap + 1), name(), "dilate");
    // Small components touching the neighbourhood of larger ink belong to letters: keep them.
    PixPtr seed = checked(pixAnd(nullptr, small.get(), near.get()), name(), "intersect");
    PixPtr kept = checked(pixSeedfillBinary(nullptr, seed.get(), small.get(), 8), name(), "seed fill");
    PixPtr specks = checked(pixSubtract(nullptr, small.get(), kept.get()), name(), "subtract");
    l_int32 removed = 0, near_text = 0;
    pixCountConnComp(specks.get(), 8, &removed);
    pixCountConnComp(kept.get(), 8, &near_text);
    if (removed > 0) {
      if (pixGetDepth(pix) == 1) {
        pixSubtract(pix, pix, specks.get());
      } else {
        // Gray specks have a soft edge lighter than the threshold: cover a halo too, with the
        // paper's own colour (the page median) so no white spots appear on yellowed paper.
        PixPtr mask = checked(pixDilateBrick(nullptr, specks.get(), 3, 3), name(), "dilate");
        pixSetMasked(pix, mask.get(), paper_colour(pix));
      }
    }
    take_leptonica_messages();
    page.processing[name()] = {{"removed", removed}, {"kept_near_text", near_text}, {"max_size", size}};
    ctx.log->debug("{} page {}: removed {} specks, kept {} small marks near text",
                   ctx.document ? ctx.document->id : "", page.number, removed, near_text);
  }

 private:
  double max_size_;
  double gap_;
};

}  // namespace

void register_despeckle(Registry& r) {
  r.add({"preprocess.despeckle",
         StageKind::kPage,
         "removes isolated specks of scanner noise, keeping dots and diacritics next to letters",
         {param_float("max_size", 6, "largest speck, pixels at 300 dpi in both width and height", 1, 100),
          param_float("gap", 20, "pixels (at 300 dpi) a speck must be from larger ink to be removed", 1, 300)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<DespeckleStage>(p); }});
}

}  // namespace testimony::preprocess
