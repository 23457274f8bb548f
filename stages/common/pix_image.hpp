// Leptonica images owned through RAII, and the Image implementation the image stages share.
// Only stages include this header; pipeline/ never sees Leptonica types.
#pragma once

#include <memory>
#include <string>

#include <leptonica/allheaders.h>

#include "pipeline/document.hpp"

namespace testimony {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

class PixImage final : public Image {
 public:
  explicit PixImage(PixPtr pix) : pix_(std::move(pix)) {}
  int width() const override { return pixGetWidth(pix_.get()); }
  int height() const override { return pixGetHeight(pix_.get()); }
  Pix* pix() const { return pix_.get(); }
  void reset(PixPtr pix) { pix_ = std::move(pix); }

 private:
  PixPtr pix_;
};

// The page's working image as Leptonica; throws Error(kInternal) if the page has none.
PixImage& pix_of(Page& page, const std::string& stage);

// Routes Leptonica's messages into a per-thread buffer instead of stderr; call once.
void install_leptonica_message_handler();
// The Leptonica messages of this thread since the last call, then clears them.
std::string take_leptonica_messages();

std::string leptonica_version();

}  // namespace testimony
