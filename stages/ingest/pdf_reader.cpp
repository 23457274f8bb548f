// PDF pages with Poppler, one at a time: a page with a usable text layer (born-digital)
// gives its words and boxes directly; any other page is rendered at pdf_dpi for OCR.
// `text_layer` = auto judges each page's layer (empty, too short, or mostly non-words means
// unusable), always takes any layer, never renders every page.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-version.h>

#include <cmath>
#include <mutex>

#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/ingest/readers.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

thread_local std::string g_poppler_messages;

void on_poppler_message(const std::string& msg, void*) {
  if (g_poppler_messages.size() < 2048) g_poppler_messages += msg + "\n";
}

std::string take_poppler_messages() {
  std::string out;
  out.swap(g_poppler_messages);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

struct TextWord {
  std::string text;
  double x0, y0, x1, y1;  // points, top-left origin
};

// A token is word-like when it has at least two letters and letters make up most of it.
bool word_like(const std::string& s) {
  int letters = 0, total = 0;
  for (std::size_t i = 0; i < s.size();) {
    const int32_t c = next_code_point(s, i);
    if (c < 0 || c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF)) return false;  // invalid, replacement, private use
    ++total;
    const bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (ascii_letter || c >= 0xC0) ++letters;  // Latin-1 letters, Greek, Cyrillic, Hebrew, Arabic, ...
  }
  return letters >= 2 && letters * 10 >= total * 6;
}

// Groups words (in content order) into lines by vertical overlap and lines into blocks by
// vertical gaps, converting points to pixels at `dpi`.
void layout_words(const std::vector<TextWord>& words, double dpi, Page& page) {
  const double k = dpi / 72.0;
  auto px = [&](const TextWord& w) {
    return BBox{static_cast<int>(std::floor(w.x0 * k)), static_cast<int>(std::floor(w.y0 * k)),
                static_cast<int>(std::ceil(w.x1 * k)), static_cast<int>(std::ceil(w.y1 * k))};
  };
  const TextWord* prev = nullptr;
  double line_height = 0;
  for (const TextWord& w : words) {
    const double h = std::max(1.0, w.y1 - w.y0);
    bool new_line = true, new_block = true;
    if (prev) {
      const double overlap = std::min(prev->y1, w.y1) - std::max(prev->y0, w.y0);
      new_line = overlap < 0.5 * std::min(h, prev->y1 - prev->y0) || w.x0 < prev->x0;
      const double gap = w.y0 - prev->y1;
      new_block = new_line && (gap > 1.2 * line_height || gap < -2 * line_height);
    }
    if (new_block) page.begin_block(px(w));
    if (new_line) page.begin_line(px(w));
    page.add_word({w.text, px(w), 1.0f, {}, {}});
    page.lines.back().bbox = page.lines.back().bbox.united(px(w));
    page.blocks.back().bbox = page.blocks.back().bbox.united(px(w));
    line_height = h;
    prev = &w;
  }
}

PixPtr to_pix(const poppler::image& img) {
  const int w = img.width(), h = img.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) throw Error(ErrorCode::kResourceExhausted, "cannot allocate a " + std::to_string(w) + "x" + std::to_string(h) + " page image");
  const char* src = img.const_data();
  const int stride = img.bytes_per_row();
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<std::ptrdiff_t>(y) * stride);
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

class PdfReader final : public PageReader {
 public:
  PdfReader(const fs::path& file, const PdfOptions& opt, const IngestLimits& limits)
      : file_(file), opt_(opt), limits_(limits) {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(on_poppler_message, nullptr); });
    install_leptonica_message_handler();
    doc_.reset(poppler::document::load_from_file(file.string(), opt.password, opt.password));
    if (!doc_) {
      const std::string detail = take_poppler_messages();
      if (detail.find("ncrypt") != std::string::npos || detail.find("assword") != std::string::npos)
        throw Error(ErrorCode::kUnsupported, "PDF is encrypted and the password (ingest.password) does not open it", detail);
      throw Error(ErrorCode::kInvalidInput, "cannot open PDF (damaged or not a PDF)", detail);
    }
    if (doc_->is_locked())
      throw Error(ErrorCode::kUnsupported, "PDF is encrypted and the password (ingest.password) does not open it");
    pages_ = doc_->pages();
    if (pages_ <= 0) throw Error(ErrorCode::kInvalidInput, "PDF has no pages (damaged or truncated)", take_poppler_messages());
    if (limits_.max_pages > 0 && pages_ > limits_.max_pages)
      throw Error(ErrorCode::kResourceExhausted, "PDF has " + std::to_string(pages_) + " pages, more than " +
                                                     std::to_string(limits_.max_pages) + " (ingest.max_pages)");
  }

  bool next(Page& page) override {
    if (index_ >= pages_) return false;
    const int i = index_++;
    std::unique_ptr<poppler::page> p(doc_->create_page(i));
    if (!p) throw Error(ErrorCode::kInvalidInput, "cannot read PDF page " + std::to_string(i + 1), take_poppler_messages());
    const poppler::rectf rect = p->page_rect(poppler::crop_box);
    const bool sideways = p->orientation() == poppler::page::landscape || p->orientation() == poppler::page::seascape;
    const double wpt = sideways ? rect.height() : rect.width(), hpt = sideways ? rect.width() : rect.height();
    const double dpi = opt_.dpi;
    page.number = i + 1;
    page.dpi = static_cast<int>(dpi);
    page.width = static_cast<int>(std::lround(wpt * dpi / 72.0));
    page.height = static_cast<int>(std::lround(hpt * dpi / 72.0));
    if (page.width <= 0 || page.height <= 0)
      throw Error(ErrorCode::kInvalidInput, "PDF page " + std::to_string(i + 1) + " has no size");

    // The text layer, judged before anything is rendered.
    std::vector<TextWord> words;
    int word_like_count = 0, chars = 0;
    if (opt_.text_layer != "never") {
      for (const poppler::text_box& tb : p->text_list()) {
        const poppler::byte_array utf8 = tb.text().to_utf8();
        std::string s(utf8.begin(), utf8.end());
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        const poppler::rectf b = tb.bbox();
        words.push_back({s, b.left(), b.top(), b.right(), b.bottom()});
        chars += static_cast<int>(s.size());
        if (word_like(s)) ++word_like_count;
      }
    }
    const double quality = words.empty() ? 0.0 : double(word_like_count) / static_cast<double>(words.size());
    const bool use_layer = !words.empty() && (opt_.text_layer == "always" ||
                                              (opt_.text_layer == "auto" && chars >= opt_.min_chars &&
                                               quality >= opt_.min_quality));
    page.processing["ingest"] = {{"pdf_page", i + 1},
                                 {"text_layer_words", words.size()},
                                 {"text_layer_quality", std::round(quality * 1000) / 1000},
                                 {"text_layer_used", use_layer}};
    if (use_layer) {
      layout_words(words, dpi, page);
      page.text_source = TextSource::kTextLayer;
      page.rebuild_text();
      take_poppler_messages();
      return true;
    }
    const int64_t pixels = int64_t{page.width} * page.height;
    if (limits_.max_pixels > 0 && pixels > limits_.max_pixels)
      throw Error(ErrorCode::kResourceExhausted,
                  "PDF page " + std::to_string(i + 1) + " at " + std::to_string(page.dpi) + " dpi would be " +
                      std::to_string(page.width) + "x" + std::to_string(page.height) +
                      " pixels, more than ingest.max_pixels = " + std::to_string(limits_.max_pixels));
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    const poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    if (!img.is_valid())
      throw Error(ErrorCode::kInvalidInput, "cannot render PDF page " + std::to_string(i + 1), take_poppler_messages());
    PixPtr pix = to_pix(img);
    pixSetResolution(pix.get(), page.dpi, page.dpi);
    page.width = pixGetWidth(pix.get());
    page.height = pixGetHeight(pix.get());
    page.image = std::make_unique<PixImage>(std::move(pix));
    take_poppler_messages();
    return true;
  }

 private:
  fs::path file_;
  PdfOptions opt_;
  IngestLimits limits_;
  std::unique_ptr<poppler::document> doc_;
  int pages_ = 0;
  int index_ = 0;
};

}  // namespace

std::unique_ptr<PageReader> open_pdf(const fs::path& file, const PdfOptions& options, const IngestLimits& limits) {
  return std::make_unique<PdfReader>(file, options, limits);
}

std::string poppler_version() { return poppler::version_string(); }

}  // namespace testimony
