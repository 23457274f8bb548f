// Reads page images with Leptonica, checking size limits from the header before decoding,
// and brings every page to a depth Tesseract and the preprocess stages accept (1, 8, 32 bpp).
// A TIFF's directories are walked once with libtiff (stopping past ingest.max_pages) and each
// page is then decoded from its directory offset, so an n-page TIFF costs O(n), not O(n^2).
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <algorithm>
#include <string>

#include "pipeline/error.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/ingest/readers.hpp"
#include "stages/ingest/sniff.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

[[noreturn]] void bad_image(const fs::path& file, const std::string& what) {
  const std::string lept = take_leptonica_messages();
  throw Error(ErrorCode::kInvalidInput, file.filename().string() + ": " + what,
              lept.empty() ? std::string() : "leptonica: " + lept);
}

// libtiff messages of one open file, collected for the error detail instead of stderr.
int on_tiff_message(TIFF*, void* user, const char* module, const char* fmt, va_list ap) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() < 2048) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    *out += (out->empty() ? "" : "; ") + std::string(module ? module : "libtiff") + ": " + buf;
  }
  return 1;  // handled: libtiff prints nothing
}

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct TiffOptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

// What the size checks need of one TIFF directory, and where it starts.
struct TiffDir {
  toff_t offset = 0;
  uint32_t width = 0, height = 0;
  uint16_t bits = 0, samples = 0;
};

// Every directory of a TIFF, in order; stops (and says so) after `max_pages` + 1.
std::vector<TiffDir> tiff_directories(const fs::path& file, int64_t max_pages, std::string& messages) {
  std::unique_ptr<TIFFOpenOptions, TiffOptionsFree> opts(TIFFOpenOptionsAlloc());
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), on_tiff_message, &messages);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), on_tiff_message, &messages);
  std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpenExt(file.c_str(), "rm", opts.get()));
  std::vector<TiffDir> dirs;
  if (!tif) return dirs;
  do {
    TiffDir d;
    d.offset = TIFFCurrentDirOffset(tif.get());
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &d.width);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &d.height);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_BITSPERSAMPLE, &d.bits);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &d.samples);
    dirs.push_back(d);
    if (max_pages > 0 && static_cast<int64_t>(dirs.size()) > max_pages) break;
  } while (TIFFReadDirectory(tif.get()) == 1);
  return dirs;
}

// 1, 8 or 32 bpp without colormap or alpha.
PixPtr normalize_depth(PixPtr pix) {
  if (pixGetColormap(pix.get())) pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
  if (!pix) return pix;
  const int d = pixGetDepth(pix.get());
  if (d == 16) pix.reset(pixConvert16To8(pix.get(), L_MS_BYTE));
  else if (d == 2 || d == 4) pix.reset(pixConvertTo8(pix.get(), 0));
  else if (d == 32 && pixGetSpp(pix.get()) == 4) pix.reset(pixRemoveAlpha(pix.get()));
  return pix;
}

class ImageReader final : public PageReader {
 public:
  ImageReader(std::vector<fs::path> files, IngestLimits limits)
      : files_(std::move(files)), limits_(limits) {
    install_leptonica_message_handler();
  }

  bool next(Page& page) override {
    while (file_ < files_.size() && subpage_ >= subpages_) open_next_file();
    if (subpage_ >= subpages_) return false;
    const fs::path& f = files_[current_];
    ++produced_;
    if (limits_.max_pages > 0 && produced_ > limits_.max_pages)
      throw Error(ErrorCode::kResourceExhausted,
                  "document has more than " + std::to_string(limits_.max_pages) +
                      " pages (ingest.max_pages)");
    const int index = subpage_++;
    check_size(f, index);
    PixPtr pix;
    if (kind_ == FileKind::kTiff) {
      size_t offset = static_cast<size_t>(tiff_dirs_[static_cast<std::size_t>(index)].offset);
      pix.reset(pixReadFromMultipageTiff(f.c_str(), &offset));
    } else {
      pix.reset(pixRead(f.c_str()));
    }
    if (!pix) bad_image(f, "cannot decode image (corrupt or truncated)");
    pix = normalize_depth(std::move(pix));
    if (!pix) bad_image(f, "cannot convert image depth");

    page.number = static_cast<int>(produced_);
    page.width = pixGetWidth(pix.get());
    page.height = pixGetHeight(pix.get());
    const int res = pixGetXRes(pix.get());
    const bool plausible = res >= 70 && res <= 2400;
    page.dpi = plausible ? res : limits_.default_dpi;
    page.processing["ingest"] = {{"file", f.filename().string()},
                                 {"dpi_source", plausible ? "file" : "default"}};
    if (kind_ == FileKind::kTiff) page.processing["ingest"]["tiff_page"] = index + 1;
    if (!plausible)
      page.warnings.push_back("image gives no usable resolution; assumed " +
                              std::to_string(limits_.default_dpi) + " dpi");
    page.image = std::make_unique<PixImage>(std::move(pix));
    take_leptonica_messages();
    return true;
  }

 private:
  void open_next_file() {
    current_ = file_++;
    const fs::path& f = files_[current_];
    kind_ = sniff_file(f);
    if (kind_ == FileKind::kEmpty) throw Error(ErrorCode::kInvalidInput, f.filename().string() + ": empty file");
    if (!is_image(kind_))
      throw Error(ErrorCode::kInvalidInput,
                  f.filename().string() + ": not an image (content is " + media_type(kind_) + ")");
    subpage_ = 0;
    subpages_ = 1;
    tiff_dirs_.clear();
    if (kind_ == FileKind::kTiff) {
      std::string messages;
      tiff_dirs_ = tiff_directories(f, limits_.max_pages, messages);
      if (tiff_dirs_.empty())
        throw Error(ErrorCode::kInvalidInput,
                    f.filename().string() + ": cannot read TIFF directory (corrupt or truncated)", messages);
      const auto n = static_cast<int64_t>(tiff_dirs_.size());
      if (limits_.max_pages > 0 && n > limits_.max_pages)
        throw Error(ErrorCode::kResourceExhausted,
                    f.filename().string() + ": TIFF has more than " + std::to_string(limits_.max_pages) +
                        " pages (ingest.max_pages)");
      subpages_ = static_cast<int>(n);
    }
  }

  void check_size(const fs::path& f, int index) {
    int64_t w = 0, h = 0, bps = 0, spp = 0;
    if (kind_ == FileKind::kTiff) {
      const TiffDir& d = tiff_dirs_[static_cast<std::size_t>(index)];
      w = d.width, h = d.height, bps = d.bits, spp = d.samples;
    } else {
      l_int32 lw = 0, lh = 0, lbps = 0, lspp = 0, cmap = 0, format = 0;
      if (pixReadHeader(f.c_str(), &format, &lw, &lh, &lbps, &lspp, &cmap) != 0)
        bad_image(f, "cannot read image header (corrupt or truncated)");
      w = lw, h = lh, bps = lbps, spp = lspp;
    }
    if (w <= 0 || h <= 0) bad_image(f, "cannot read image header (corrupt or truncated)");
    const int64_t pixels = w * h;
    if (limits_.max_pixels > 0 && pixels > limits_.max_pixels)
      throw Error(ErrorCode::kResourceExhausted,
                  f.filename().string() + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                      " pixels, more than ingest.max_pixels = " + std::to_string(limits_.max_pixels));
    // Decoders hold the image as stored (PNG: all of it at once) next to Leptonica's copy of
    // it, so deep images (16-bit RGBA: 8 bytes a pixel) cost far more than their pixel count.
    const int64_t bits = std::clamp<int64_t>(bps, 1, 64) * std::clamp<int64_t>(spp, 1, 8);
    const int64_t mb = (pixels * bits / 8) >> 20;
    if (limits_.max_image_mb > 0 && mb > limits_.max_image_mb)
      throw Error(ErrorCode::kResourceExhausted,
                  f.filename().string() + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                      " pixels of " + std::to_string(bits) + " bits, " + std::to_string(mb) +
                      " MB decoded, more than ingest.max_image_mb = " + std::to_string(limits_.max_image_mb));
  }

  std::vector<fs::path> files_;
  IngestLimits limits_;
  std::size_t file_ = 0;     // next file to open
  std::size_t current_ = 0;  // file being read
  FileKind kind_ = FileKind::kUnknown;
  int subpage_ = 0;
  int subpages_ = 0;
  int64_t produced_ = 0;
  std::vector<TiffDir> tiff_dirs_;  // of the current file when it is a TIFF
};

}  // namespace

std::unique_ptr<PageReader> open_images(std::vector<fs::path> files, const IngestLimits& limits) {
  return std::make_unique<ImageReader>(std::move(files), limits);
}

}  // namespace testimony
