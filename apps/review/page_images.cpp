// Renders one page of a source document as PNG: ingest (with the defaults of a run, PDF
// pages always rendered), then Leptonica scales it (gray for bilevel scans) and encodes it.
#include "apps/review/page_images.hpp"

#include <cstdlib>

#include "pipeline/error.hpp"
#include "pipeline/log.hpp"
#include "pipeline/stage.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/stages.hpp"

namespace testimony::review {
namespace {

std::optional<std::string> render(const std::string& source, int page_number, int max_width) {
  const Registry registry = make_registry();
  const StageInfo* info = registry.find("ingest");
  Params params = default_params(info->params);
  params.set("text_layer", std::string("never"));
  auto stage = info->make(params);
  auto& ingest = static_cast<IngestStage&>(*stage);
  Document doc;
  Context ctx;
  ctx.log = get_logger("review").get();
  ctx.document = &doc;
  InputDoc input{"", source, Json::object()};
  auto reader = ingest.open(input, doc, ctx);
  Page page;
  for (int i = 1; i <= page_number; ++i) {
    page = Page();
    if (!reader->next(page)) return std::nullopt;
  }
  if (!page.image) return std::nullopt;
  Pix* pix = static_cast<PixImage&>(*page.image).pix();
  PixPtr plain(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  if (!plain) throw Error(ErrorCode::kDependencyFailed, "cannot convert the page image");
  PixPtr out;
  const int w = pixGetWidth(plain.get());
  if (max_width > 0 && w > max_width) {
    const float f = static_cast<float>(max_width) / static_cast<float>(w);
    out.reset(pixGetDepth(plain.get()) == 1 ? pixScaleToGray(plain.get(), f) : pixScale(plain.get(), f, f));
  } else {
    out = std::move(plain);
  }
  if (!out) throw Error(ErrorCode::kDependencyFailed, "cannot scale the page image");
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, out.get(), 0.0f) != 0 || !data)
    throw Error(ErrorCode::kDependencyFailed, "cannot encode the page image as PNG");
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

}  // namespace

std::optional<std::string> PageImages::png(const std::string& source, int page, int max_width) {
  const std::string key = source + '\n' + std::to_string(page) + '\n' + std::to_string(max_width);
  {
    std::lock_guard lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it)
      if (it->first == key) {
        cache_.splice(cache_.begin(), cache_, it);
        return it->second;
      }
  }
  auto bytes = render(source, page, max_width);  // outside the lock: pages render in parallel
  std::lock_guard lock(mutex_);
  cache_.emplace_front(key, bytes);
  while (cache_.size() > capacity_) cache_.pop_back();
  return bytes;
}

}  // namespace testimony::review
