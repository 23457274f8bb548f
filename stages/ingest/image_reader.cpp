// Reads page images with Leptonica, checking size limits from the header before decoding,
// and brings every page to a depth Tesseract and the preprocess stages accept (1, 8, 32 bpp).
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
    PixPtr pix(kind_ == FileKind::kTiff ? pixReadTiff(f.c_str(), index) : pixRead(f.c_str()));
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
    if (kind_ == FileKind::kTiff) {
      FILE* fp = fopenReadStream(f.c_str());
      if (!fp) bad_image(f, "cannot open TIFF");
      l_int32 n = 0;
      const l_int32 rc = tiffGetCount(fp, &n);
      fclose(fp);
      if (rc != 0 || n <= 0) bad_image(f, "cannot read TIFF directory (corrupt or truncated)");
      if (limits_.max_pages > 0 && n > limits_.max_pages)
        throw Error(ErrorCode::kResourceExhausted,
                    f.filename().string() + ": TIFF has " + std::to_string(n) + " pages, more than " +
                        std::to_string(limits_.max_pages) + " (ingest.max_pages)");
      subpages_ = n;
    }
  }

  void check_size(const fs::path& f, int index) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    l_int32 rc = 1;
    if (kind_ == FileKind::kTiff) {
      rc = readHeaderTiff(f.c_str(), index, &w, &h, &bps, &spp, &res, &cmap, &format);
    } else {
      rc = pixReadHeader(f.c_str(), &format, &w, &h, &bps, &spp, &cmap);
    }
    if (rc != 0 || w <= 0 || h <= 0) bad_image(f, "cannot read image header (corrupt or truncated)");
    const int64_t pixels = int64_t{w} * int64_t{h};
    if (limits_.max_pixels > 0 && pixels > limits_.max_pixels)
      throw Error(ErrorCode::kResourceExhausted,
                  f.filename().string() + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                      " pixels, more than ingest.max_pixels = " + std::to_string(limits_.max_pixels));
  }

  std::vector<fs::path> files_;
  IngestLimits limits_;
  std::size_t file_ = 0;     // next file to open
  std::size_t current_ = 0;  // file being read
  FileKind kind_ = FileKind::kUnknown;
  int subpage_ = 0;
  int subpages_ = 0;
  int64_t produced_ = 0;
};

}  // namespace

std::unique_ptr<PageReader> open_images(std::vector<fs::path> files, const IngestLimits& limits) {
  return std::make_unique<ImageReader>(std::move(files), limits);
}

}  // namespace testimony
