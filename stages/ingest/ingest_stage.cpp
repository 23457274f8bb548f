// The ingest stage: decides from content what a document is and opens the right reader.
//   [[stage]]
//   use = "ingest"
//   pdf_dpi = 300
//   text_layer = "auto"
#include <algorithm>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/ingest/ingest.hpp"
#include "stages/ingest/readers.hpp"
#include "stages/ingest/sniff.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

class IngestStageImpl final : public IngestStage {
 public:
  explicit IngestStageImpl(const Params& p) : IngestStage("ingest") {
    limits_.max_pixels = p.get_int("max_pixels");
    limits_.max_pages = p.get_int("max_pages");
    limits_.max_image_mb = p.get_int("max_image_mb");
    limits_.default_dpi = static_cast<int>(p.get_int("default_dpi"));
    pdf_.dpi = static_cast<double>(p.get_int("pdf_dpi"));
    pdf_.text_layer = p.get_string("text_layer");
    pdf_.password = p.get_string("password");
    pdf_.min_chars = static_cast<int>(p.get_int("text_layer_min_chars"));
    pdf_.min_quality = p.get_float("text_layer_min_quality");
  }

  Json tools() const override { return {{"leptonica", leptonica_version()}, {"poppler", poppler_version()}}; }

  std::unique_ptr<PageReader> open(const InputDoc& input, Document& doc, Context&) override {
    std::error_code ec;
    if (fs::is_directory(input.path, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(input.path, ec))
        if (e.is_regular_file() && is_page_image_name(e.path())) files.push_back(e.path());
      std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return natural_less(a.filename().string(), b.filename().string());
      });
      if (files.empty()) throw Error(ErrorCode::kInvalidInput, "folder holds no page images");
      doc.source.media_type = media_type(sniff_file(files.front()));
      return open_images(std::move(files), limits_);
    }
    const FileKind kind = sniff_file(input.path);
    doc.source.media_type = media_type(kind);
    if (kind == FileKind::kEmpty) throw Error(ErrorCode::kInvalidInput, "empty file (0 bytes)");
    if (is_image(kind)) return open_images({input.path}, limits_);
    if (kind == FileKind::kText) {
      // Plain text is too generic to trust by content alone: only a .txt name makes it a
      // transcription (an HTML error page saved as .pdf must not become a record).
      const std::string ext = lower_extension(input.path);
      if (ext == ".txt") return open_transcription(input.path, limits_);
      throw Error(ErrorCode::kInvalidInput,
                  "content is text, not " + (ext.empty() ? std::string("a page image or PDF")
                                                         : "what the name " + ext + " says") +
                      "; transcriptions must be named .txt");
    }
    if (kind == FileKind::kPdf) return open_pdf(input.path, pdf_, limits_);
    if (kind == FileKind::kUtf16Text)
      throw Error(ErrorCode::kInvalidInput, "content is UTF-16 text (byte-order mark); transcriptions must be UTF-8");
    if (lower_extension(input.path) == ".txt")
      throw Error(ErrorCode::kInvalidInput, "a .txt transcription that is not UTF-8 text: " + describe_non_text(input.path));
    throw Error(ErrorCode::kInvalidInput,
                "unrecognized file content: not an image, PDF or UTF-8 text");
  }

 private:
  IngestLimits limits_;
  PdfOptions pdf_;
};

}  // namespace

void register_ingest(Registry& r) {
  r.add({"ingest",
         StageKind::kIngest,
         "reads PDFs (text layer or rendered), images (PNG, JPEG, TIFF incl. multi-page, ...), "
         "folders of page images and UTF-8 transcriptions; type decided by content",
         {param_int("max_pixels", 200'000'000, "largest page image accepted, in pixels", 1),
          param_int("max_image_mb", 1024,
                    "largest page image accepted, in MB decoded as stored (width x height x bits per pixel / 8)", 1),
          param_int("max_pages", 10'000, "most pages accepted in one document", 1),
          param_int("default_dpi", 300, "resolution assumed when an image does not give one", 50, 2400),
          param_int("pdf_dpi", 300, "resolution at which PDF pages are rendered for OCR", 50, 1200),
          param_string("text_layer", "auto",
                       "PDF text layer: auto (use it when it reads as words), always, never",
                       {"auto", "always", "never"}),
          param_int("text_layer_min_chars", 20, "auto: fewest characters a usable text layer has", 0),
          param_float("text_layer_min_quality", 0.6, "auto: least share of word-like tokens in a usable text layer", 0, 1),
          param_string("password", "", "password for encrypted PDFs (the same for every document)")},
         kCapNone,
         kCapPageImage,
         [](const Params& p) { return std::make_unique<IngestStageImpl>(p); }});
}

}  // namespace testimony
