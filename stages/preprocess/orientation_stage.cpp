// preprocess.orientation: detects a page scanned sideways or upside down with Tesseract's
// orientation and script detection (OSD, traineddata "osd") on a reduced copy, and turns it
// upright with an exact quarter-turn rotation when OSD is confident enough. Most pages are
// upright: Leptonica's ascender/descender test (pixOrientDetect, a few milliseconds) settles
// those first when it is sure, and only the rest pay for OSD.
//   [[stage]]
//   use = "preprocess.orientation"
//   min_confidence = 1.5
#include <cmath>
#include <memory>

#include <tesseract/baseapi.h>

#include "pipeline/error.hpp"
#include "stages/preprocess/preprocess_util.hpp"

namespace testimony::preprocess {
namespace {

// The map from the image turned by `quads` clockwise quarter turns back to the image it was
// made from (size w x h), in edge coordinates (a box [x0, x1) stays a box).
Transform quarter_turns_back(int quads, int w, int h) {
  switch (quads) {
    case 1: return {0, 1, 0, -1, 0, double(h)};            // old (x, y) -> new (h - y, x)
    case 2: return {-1, 0, double(w), 0, -1, double(h)};   // old (x, y) -> new (w - x, h - y)
    case 3: return {0, -1, double(w), 1, 0, 0};            // old (x, y) -> new (y, w - x)
    default: return {};
  }
}

class OrientationStage final : public PageStage {
 public:
  explicit OrientationStage(const Params& p)
      : PageStage("preprocess.orientation"),
        min_confidence_(p.get_float("min_confidence")),
        detect_dpi_(static_cast<int>(p.get_int("detect_dpi"))),
        fast_confidence_(p.get_float("fast_confidence")) {
    install_leptonica_message_handler();
    std::vector<std::string> names = {"debug_file"};
    std::vector<std::string> values = {"/dev/null"};
    if (api_.Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY, nullptr, 0, &names, &values, false) != 0)
      throw Error(ErrorCode::kDependencyFailed,
                  "preprocess.orientation: Tesseract could not load \"osd\"; is the traineddata "
                  "installed (Debian: tesseract-ocr-osd)?");
    api_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    api_.SetVariable("min_characters_to_try", std::to_string(p.get_int("characters")).c_str());
  }

  Json tools() const override {
    return {{"tesseract", tesseract::TessBaseAPI::Version()}, {"leptonica", leptonica_version()}};
  }

  void process(Page& page, Context& ctx) override {
    PixImage* img = working_image(page);
    if (!img) return;
    const int dpi = page_dpi(page);
    // OSD looks at character shapes; a copy at detect_dpi keeps it accurate and makes page
    // layout analysis, the expensive part, several times faster.
    const float factor = dpi > detect_dpi_ ? float(detect_dpi_) / float(dpi) : 1.0f;
    PixPtr work;
    if (factor < 1.0f) {
      work = checked(pixGetDepth(img->pix()) == 1 ? pixScaleToGray(img->pix(), factor)
                                                  : pixScale(img->pix(), factor, factor),
                     name(), "reduce the page");
    } else {
      work = checked(pixClone(img->pix()), name(), "clone the page");
    }
    if (fast_confidence_ > 0 && upright_for_sure(work.get(), page)) return;
    api_.SetImage(work.get());
    api_.SetSourceResolution(static_cast<int>(std::lround(static_cast<double>(dpi) * factor)));
    int degrees = 0;
    float confidence = 0, script_confidence = 0;
    const char* script = nullptr;
    const bool found = api_.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
    api_.Clear();
    take_leptonica_messages();

    Json& rec = page.processing[name()];
    if (!found) {
      rec = {{"detected", false}, {"turned", 0}};
      ctx.log->debug("{} page {}: OSD found too little text to judge orientation",
                     ctx.document ? ctx.document->id : "", page.number);
      return;
    }
    // Tesseract reports how far the page is turned clockwise; undo it with the opposite turn.
    degrees = ((degrees % 360) + 360) % 360;
    const bool turn = degrees != 0 && confidence >= min_confidence_;
    const int quads = (4 - degrees / 90) % 4;  // clockwise quarter turns that make it upright
    rec = {{"detected", true},
           {"method", "osd"},
           {"degrees", degrees},
           {"confidence", rounded(confidence, 2)},
           {"script", script ? script : ""},
           {"script_confidence", rounded(script_confidence, 2)},
           {"turned", turn ? quads * 90 : 0}};
    if (!turn) return;
    const int w = img->width(), h = img->height();
    replace_image(page, *img, checked(pixRotateOrth(img->pix(), quads), name(), "rotate the page"),
                  quarter_turns_back(quads, w, h));
    ctx.log->debug("{} page {}: turned {} degrees clockwise (OSD confidence {:.2f}, script {})",
                   ctx.document ? ctx.document->id : "", page.number, quads * 90, confidence,
                   script ? script : "?");
  }

 private:
  // Leptonica's test on the reduced copy: strong evidence of upright text (ascenders up, and
  // no sign of a quarter turn) ends the stage without OSD.
  bool upright_for_sure(Pix* work, Page& page) {
    PixPtr bin(pixGetDepth(work) == 1 ? pixClone(work) : pixConvertTo1(work, 128));
    if (!bin) return false;
    l_float32 up = 0, left = 0;
    if (pixOrientDetect(bin.get(), &up, &left, 0, 0) != 0) {
      take_leptonica_messages();
      return false;
    }
    take_leptonica_messages();
    if (up < fast_confidence_ || std::abs(left) > up / 2) return false;
    page.processing[name()] = {{"detected", true}, {"method", "leptonica"}, {"degrees", 0},
                               {"confidence", rounded(up, 2)}, {"turned", 0}};
    return true;
  }

  double min_confidence_;
  int detect_dpi_;
  double fast_confidence_;
  tesseract::TessBaseAPI api_;
};

}  // namespace

void register_orientation(Registry& r) {
  r.add({"preprocess.orientation",
         StageKind::kPage,
         "turns pages scanned sideways or upside down upright (Tesseract OSD)",
         {param_float("min_confidence", 1.5, "OSD orientation confidence needed to turn a page", 0, 100),
          param_int("detect_dpi", 150, "resolution of the reduced copy OSD looks at", 50, 600),
          param_int("characters", 50, "characters OSD classifies at least (fewer: faster, less sure)", 5, 500),
          param_float("fast_confidence", 8.0,
                      "Leptonica up-confidence that settles a page as upright without OSD (0: always OSD)", 0, 100)},
         kNeeds,
         kProvides,
         [](const Params& p) { return std::make_unique<OrientationStage>(p); }});
}

}  // namespace testimony::preprocess
