// Shared Leptonica helpers of the preprocess stages.
#include "stages/preprocess/preprocess_util.hpp"

#include <array>
#include <cmath>

#include "pipeline/error.hpp"

namespace testimony::preprocess {

PixImage* working_image(Page& page) {
  if (!page.image || page.text_source != TextSource::kNone) return nullptr;
  return dynamic_cast<PixImage*>(page.image.get());
}

PixPtr checked(Pix* pix, const std::string& stage, const char* what) {
  if (!pix) {
    const std::string lept = take_leptonica_messages();
    throw Error(ErrorCode::kDependencyFailed, stage + ": Leptonica could not " + what,
                lept.empty() ? std::string() : "leptonica: " + lept);
  }
  return PixPtr(pix);
}

PixPtr to_gray(Pix* pix) {
  switch (pixGetDepth(pix)) {
    case 1: return checked(pixConvert1To8(nullptr, pix, 255, 0), "preprocess", "convert 1 bpp to gray");
    case 8:
      if (!pixGetColormap(pix)) return checked(pixCopy(nullptr, pix), "preprocess", "copy image");
      break;
    case 32: return checked(pixConvertRGBToLuminance(pix), "preprocess", "convert colour to gray");
    default: break;
  }
  return checked(pixConvertTo8(pix, 0), "preprocess", "convert image to gray");
}

int otsu_threshold(Pix* gray) {
  // Histogram on every other pixel of every other row: plenty for a page.
  std::array<double, 256> hist{};
  const int w = pixGetWidth(gray), h = pixGetHeight(gray), wpl = pixGetWpl(gray);
  const l_uint32* data = pixGetData(gray);
  double n = 0;
  for (int y = 0; y < h; y += 2) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; x += 2) {
      hist[static_cast<std::size_t>(GET_DATA_BYTE(line, x))] += 1;
      n += 1;
    }
  }
  if (n == 0) return 128;
  double sum = 0;
  for (int i = 0; i < 256; ++i) sum += i * hist[static_cast<std::size_t>(i)];
  double w0 = 0, sum0 = 0, best = -1;
  int level = 128;
  for (int t = 0; t < 256; ++t) {
    w0 += hist[static_cast<std::size_t>(t)];
    sum0 += t * hist[static_cast<std::size_t>(t)];
    const double w1 = n - w0;
    if (w0 == 0 || w1 == 0) continue;
    const double m0 = sum0 / w0, m1 = (sum - sum0) / w1;
    const double between = w0 * w1 * (m0 - m1) * (m0 - m1);
    if (between > best) {
      best = between;
      level = t + 1;  // pixels < level are ink
    }
  }
  return level;
}

PixPtr to_binary(Pix* pix) {
  if (pixGetDepth(pix) == 1) return checked(pixCopy(nullptr, pix), "preprocess", "copy image");
  PixPtr gray = to_gray(pix);
  return checked(pixThresholdToBinary(gray.get(), otsu_threshold(gray.get())), "preprocess",
                 "threshold the image");
}

int page_dpi(const Page& page) { return page.dpi > 0 ? page.dpi : 300; }

int scaled(double pixels_at_300, const Page& page, int minimum) {
  const double v = pixels_at_300 * page_dpi(page) / 300.0;
  return std::max(minimum, static_cast<int>(std::lround(v)));
}

void replace_image(Page& page, PixImage& image, PixPtr pix, const Transform& new_to_old) {
  image.reset(std::move(pix));
  page.to_original = page.to_original.after(new_to_old);
}

double rounded(double v, int decimals) {
  const double k = std::pow(10.0, decimals);
  return std::round(v * k) / k;
}

}  // namespace testimony::preprocess
