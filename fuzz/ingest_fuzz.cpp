// Fuzz target: the ingest front door. The bytes go to a scratch file named .png, .jpg, .tif,
// .pdf or .txt (the name matters only for text; the content decides the rest) and through
// the ingest stage with small limits, page by page. testimony::Error is a fine answer.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pipeline/error.hpp"
#include "stages/ingest/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace testimony;
  fuzz::quiet();
  static const Registry registry = [] {
    Registry r;
    register_ingest(r);
    return r;
  }();
  static const std::unique_ptr<Stage> stage = [] {
    const StageInfo* info = registry.find("ingest");
    Params p = default_params(info->params);
    p.set("max_pixels", int64_t{4'000'000});
    p.set("max_image_mb", int64_t{64});
    p.set("max_pages", int64_t{4});
    p.set("pdf_dpi", int64_t{72});
    return info->make(p);
  }();
  static const char* kExtensions[] = {".png", ".jpg", ".tif", ".pdf", ".txt", ".png", ".pdf", ".txt"};
  const char* ext = kExtensions[size > 0 ? data[size - 1] & 7 : 0];
  const auto path = fuzz::scratch_file("input", ext, data, size);
  Document doc;
  doc.id = "fuzz";
  Context ctx;
  ctx.document = &doc;
  try {
    auto reader = static_cast<IngestStage&>(*stage).open({"fuzz", path, Json::object()}, doc, ctx);
    for (Page page; reader->next(page); page = Page{}) {
      if (page.number < 1 || page.width < 0 || page.height < 0) __builtin_trap();
    }
  } catch (const Error&) {
  }
  return 0;
}
