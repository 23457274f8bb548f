// ocr.tesseract: recognizes a page image with Tesseract (LSTM) and fills blocks, lines and
// words with boxes mapped back to the original page and confidences 0..1. Tesseract engines
// belong to the stage instance (so to one worker) and are initialized once per language set:
// the configured `languages`, or a document's own from a manifest column `languages`
// ("ara", "deu+eng").
//   [[stage]]
//   use = "ocr.tesseract"
//   languages = ["por", "eng"]
//   psm = 3
#include <cctype>
#include <map>
#include <memory>
#include <numeric>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include "pipeline/error.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/ocr/ocr.hpp"

namespace testimony {
namespace {

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TessText = std::unique_ptr<char, TextDeleter>;

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "por, eng" / "por+eng" / "por eng" → "por+eng"; empty when a name is not a plain word.
std::string language_key(std::string_view raw) {
  std::string out, cur;
  auto flush = [&] {
    if (!cur.empty()) out += (out.empty() ? "" : "+") + cur;
    cur.clear();
  };
  for (const char c : raw) {
    if (c == '+' || c == ',' || c == ' ') {
      flush();
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      cur += c;
    } else {
      return {};
    }
  }
  flush();
  return out;
}

class TesseractStage final : public PageStage {
 public:
  explicit TesseractStage(const Params& p)
      : PageStage("ocr.tesseract"),
        languages_(join(p.get_list("languages"), "+")),
        psm_(static_cast<int>(p.get_int("psm"))),
        fallback_dpi_(static_cast<int>(p.get_int("dpi"))),
        document_languages_(p.get_bool("document_languages")) {
    if (languages_.empty()) throw Error(ErrorCode::kInvalidInput, "ocr.tesseract: languages is empty");
    engine(languages_);  // fail before the first document when the default cannot load
  }

  Json tools() const override {
    return {{"tesseract", tesseract::TessBaseAPI::Version()},
            {"tesseract_languages", languages_},
            {"leptonica", leptonica_version()}};
  }

  void process(Page& page, Context& ctx) override {
    if (page.text_source != TextSource::kNone) return;  // transcription or text layer: no OCR
    PixImage& img = pix_of(page, name());
    std::string langs = languages_;
    if (document_languages_ && ctx.document && ctx.document->metadata.contains("languages")) {
      const Json& m = ctx.document->metadata["languages"];
      langs = language_key(m.is_string() ? m.get<std::string>() : std::string());
      if (langs.empty())
        throw Error(ErrorCode::kInvalidInput, "manifest column languages is not a list of Tesseract languages");
    }
    tesseract::TessBaseAPI& api = engine(langs);
    api.SetImage(img.pix());
    api.SetSourceResolution(page.dpi > 0 ? page.dpi : fallback_dpi_);
    // The run's per-page deadline becomes Tesseract's, so a pathological page stops in time.
    tesseract::ETEXT_DESC monitor;
    if (ctx.deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *ctx.deadline - std::chrono::steady_clock::now());
      monitor.set_deadline_msecs(static_cast<int32_t>(std::max<int64_t>(1, left.count())));
    }
    const int rc = api.Recognize(&monitor);
    if (ctx.deadline && monitor.deadline_exceeded())
      throw Error(ErrorCode::kResourceExhausted,
                  "OCR of page " + std::to_string(page.number) + " ran past run.page_timeout");
    if (rc != 0) throw Error(ErrorCode::kDependencyFailed, "Tesseract failed to recognize the page");

    const int w = page.width, h = page.height;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    double conf_sum = 0;
    if (it) {
      do {
        TessText text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text || !*text) continue;
        if (it->IsAtBeginningOf(tesseract::RIL_BLOCK) || page.blocks.empty())
          page.begin_block(box(*it, tesseract::RIL_BLOCK, page, w, h));
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || page.lines.empty() ||
            page.lines.back().first_word + page.lines.back().word_count != page.words.size())
          page.begin_line(box(*it, tesseract::RIL_TEXTLINE, page, w, h));
        const float conf = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
        const char* lang = it->WordRecognitionLanguage();
        page.add_word({text.get(), box(*it, tesseract::RIL_WORD, page, w, h), conf, lang ? lang : ""});
        conf_sum += conf;
      } while (it->Next(tesseract::RIL_WORD));
    }
    api.Clear();
    page.text_source = TextSource::kOcr;
    page.rebuild_text();
    const double mean = page.words.empty() ? 0.0 : conf_sum / static_cast<double>(page.words.size());
    page.processing[name()] = {{"words", page.words.size()},
                               {"languages", langs},
                               {"mean_confidence", std::round(mean * 10000.0) / 10000.0}};
    if (page.words.empty()) page.warnings.push_back("OCR found no text on this page");
    ctx.log->debug("{} page {}: {} words, mean confidence {:.3f}", ctx.document->id, page.number,
                   page.words.size(), mean);
  }

 private:
  static BBox box(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level,
                  const Page& page, int w, int h) {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    it.BoundingBox(level, &x0, &y0, &x1, &y1);
    return page.to_original.apply(BBox{x0, y0, x1, y1}, w, h);
  }

  // The engine for a language set, made on first use and kept for the worker's life.
  tesseract::TessBaseAPI& engine(const std::string& langs) {
    auto it = engines_.find(langs);
    if (it != engines_.end()) return *it->second;
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    std::vector<std::string> names = {"debug_file"};
    std::vector<std::string> values = {"/dev/null"};
    if (api->Init(nullptr, langs.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0)
      throw Error(ErrorCode::kDependencyFailed,
                  "Tesseract could not load languages \"" + langs +
                      "\"; is the traineddata installed (Debian: tesseract-ocr-<lang>)?");
    api->SetPageSegMode(static_cast<tesseract::PageSegMode>(psm_));
    return *engines_.emplace(langs, std::move(api)).first->second;
  }

  std::string languages_;
  int psm_;
  int fallback_dpi_;
  bool document_languages_;
  std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines_;
};

}  // namespace

void register_ocr(Registry& r) {
  r.add({"ocr.tesseract",
         StageKind::kPage,
         "Tesseract LSTM OCR: blocks, lines and words with boxes and confidences",
         {param_list("languages", {"eng"}, "Tesseract languages, tried in order (por, eng, ara, ...)"),
          param_int("psm", 3, "page segmentation mode (3 = automatic, 4 = one column, 6 = one block)", 0, 13),
          param_int("dpi", 300, "resolution used when the page does not give one", 50, 2400),
          param_bool("document_languages", true,
                     "use a document's own languages (manifest column `languages`) when it has them")},
         kCapPageImage,
         kCapLayout,
         [](const Params& p) { return std::make_unique<TesseractStage>(p); }});
}

}  // namespace testimony
