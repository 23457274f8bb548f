// Shared Leptonica helpers of the preprocess stages: depth conversions, a global Otsu
// threshold, replacing the page image together with its map back to the original.
// Internal to stages/preprocess; not part of any public header.
#pragma once

#include <string>

#include "pipeline/registry.hpp"
#include "stages/common/pix_image.hpp"

namespace testimony::preprocess {

// Registration of each stage (one per file), called by register_preprocess in pipeline order.
void register_orientation(Registry& r);
void register_crop(Registry& r);
void register_deskew(Registry& r);
void register_background(Registry& r);
void register_despeckle(Registry& r);
void register_binarize(Registry& r);

// Preprocess stages need the page image and leave one behind.
inline constexpr unsigned kNeeds = kCapPageImage;
inline constexpr unsigned kProvides = kCapPageImage;

// The page's working image, or nullptr for a page without one (text layer, transcription,
// or already read): such pages are skipped quietly.
PixImage* working_image(Page& page);

// 8 bpp gray copy: luminance for colour, 0/255 for binary. Never null (throws on failure).
PixPtr to_gray(Pix* pix);
// 1 bpp copy (1 = dark): binary is copied, gray/colour thresholded with a global Otsu level.
PixPtr to_binary(Pix* pix);
// The global Otsu threshold of an 8 bpp image (pixels below are ink).
int otsu_threshold(Pix* gray);

// Resolution of the page (falls back to 300 dpi) and a length given at 300 dpi scaled to it.
int page_dpi(const Page& page);
int scaled(double pixels_at_300, const Page& page, int minimum = 1);

// Replaces the working image with `pix`; `new_to_old` maps points of the new image to points of
// the image it was made from, and is composed into page.to_original.
void replace_image(Page& page, PixImage& image, PixPtr pix, const Transform& new_to_old);

// Checks a Leptonica result, throwing Error(kDependencyFailed) with its messages when null.
PixPtr checked(Pix* pix, const std::string& stage, const char* what);

double rounded(double v, int decimals);

}  // namespace testimony::preprocess
