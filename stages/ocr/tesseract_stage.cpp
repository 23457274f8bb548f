// ocr.tesseract: recognizes a page image with Tesseract (LSTM) and fills blocks, lines and
// words with boxes mapped back to the original page and confidences 0..1. Tesseract engines
// belong to the stage instance (so to one worker) and are initialized once per language set:
// the configured `languages`, or a document's own from a manifest column `languages`
// ("ara", "deu+eng").
//
// Names are where a document's language model fails: an English model has no "č" or "ő"
// and reads "Vochoč" as "Vochoé" or "Miklós" as "Mikldés". So the capitalized Latin-script
// words read with low confidence (`reread_below`) are read once more by the models of
// `reread_languages` (default: Tesseract's Latin script model, which writes the letters of
// every Latin-script language), their crops stacked on one strip so that a model reads a
// page's few words in one call. A second reading replaces the first only when it has a
// letter none of the document's models can write, differs from the first only in a few
// letters once accents are set aside, and is more confident than the document's own model
// reading the same crop (see `other_letters`). Each model reads alone, so a result never
// depends on which language Tesseract tried first or on the words read before.
//   [[stage]]
//   use = "ocr.tesseract"
//   languages = ["por", "eng"]
//   psm = 3
//   reread_languages = ["Latin"]
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <numeric>
#include <optional>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include "pipeline/error.hpp"
#include "pipeline/metrics.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/pix_image.hpp"
#include "stages/common/text.hpp"
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
        document_languages_(p.get_bool("document_languages")),
        reread_languages_(p.get_list("reread_languages")),
        reread_below_(static_cast<float>(p.get_float("reread_below"))) {
    if (languages_.empty()) throw Error(ErrorCode::kInvalidInput, "ocr.tesseract: languages is empty");
    engine(languages_);  // fail before the first document when the default cannot load
    for (const auto& l : reread_languages_) {
      if (l.empty() || language_key(l) != l || l.find('+') != std::string::npos)
        throw Error(ErrorCode::kInvalidInput,
                    "ocr.tesseract: reread_languages takes one language per entry, not \"" + l + "\"");
      engine(l);
    }
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
    std::vector<Uncertain> uncertain;
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
        page.add_word({text.get(), box(*it, tesseract::RIL_WORD, page, w, h), conf, lang ? lang : "", {}});
        conf_sum += conf;
        if (!reread_languages_.empty() && conf < reread_below_ && name_like(page.words.back().text)) {
          Uncertain u{page.words.size() - 1, {}};
          it->BoundingBox(tesseract::RIL_WORD, &u.box.x0, &u.box.y0, &u.box.x1, &u.box.y1);
          // A word of text size (under half an inch high, four inches wide): on a garbled page
          // Tesseract can make one "word" of a whole picture, which no strip should hold.
          const int dpi = page.dpi > 0 ? page.dpi : fallback_dpi_;
          if (u.box.height() <= dpi / 2 && u.box.width() <= 4 * dpi) uncertain.push_back(u);
        }
      } while (it->Next(tesseract::RIL_WORD));
    }
    if (uncertain.size() > kRereadAtMost) {  // a damaged page: its least certain words
      std::stable_sort(uncertain.begin(), uncertain.end(), [&](const Uncertain& a, const Uncertain& b) {
        return page.words[a.word].confidence < page.words[b.word].confidence;
      });
      uncertain.resize(kRereadAtMost);
    }
    const int reread = reread_names(page, img, api, langs, uncertain, ctx);
    api.Clear();
    page.text_source = TextSource::kOcr;
    page.rebuild_text();
    const double mean = page.words.empty() ? 0.0 : conf_sum / static_cast<double>(page.words.size());
    page.processing[name()] = {{"words", page.words.size()},
                               {"languages", langs},
                               {"mean_confidence", std::round(mean * 10000.0) / 10000.0},
                               {"names_reread", uncertain.size()},
                               {"names_replaced", reread}};
    if (page.words.empty()) page.warnings.push_back("OCR found no text on this page");
    ctx.log->debug("{} page {}: {} words, mean confidence {:.3f}", ctx.document->id, page.number,
                   page.words.size(), mean);
  }

 private:
  struct Uncertain {
    std::size_t word;  // index into Page::words
    BBox box;          // on the image Tesseract read, not the original page
  };
  struct Reading {
    std::string text;
    float confidence = -1;  // -1: the crop did not read as one word
    tesseract::TessBaseAPI* model = nullptr;
  };

  // A word worth a second reading: a Latin-script word of three letters or more, or words
  // joined by hyphens ("Grünbaum-Kowalska"), that starts with a capital; punctuation around
  // it allowed ("Vochoé.", "„Grünwald,").
  static bool name_like(std::string_view text) {
    const std::optional<Letters> l = letters_of(text);
    return l && l->upper && l->script == 1 && l->key.size() >= 3;
  }
  // The letters of a reading without the punctuation around them.
  struct Letters {
    std::size_t start = 0, end = 0;  // bytes of the reading
    std::string key;                 // fold_key of each part, "-" between parts
    bool upper = false;              // the first letter is a capital
    uint8_t script = 0;              // as Token::script
  };
  static std::optional<Letters> letters_of(std::string_view text) {
    const Tokens tokens = tokenize(text);
    std::optional<Letters> out;
    bool joined = false;  // the token before was a hyphen inside the name
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const Token& t = tokens[k];
      if (t.kind == TokenKind::kWord) {
        if (!out) {
          out = Letters{t.start, t.end, std::string(t.key), t.upper, t.script};
        } else if (joined) {
          out->end = t.end;
          out->key.append("-").append(t.key);
        } else {
          return std::nullopt;  // a second word
        }
        joined = false;
      } else if (t.kind == TokenKind::kNumber) {
        return std::nullopt;
      } else {
        joined = out && !joined && t.is('-') && t.start == out->end && k + 1 < tokens.size() &&
                 tokens[k + 1].kind == TokenKind::kWord && tokens[k + 1].start == t.end;
      }
    }
    return out;
  }

  // The crop of an uncertain word, a little wider than its box.
  static Box* crop_box(Pix* pix, const Uncertain& u) {
    const int pw = static_cast<int>(pixGetWidth(pix)), ph = static_cast<int>(pixGetHeight(pix));
    const int pad = std::max(2, (u.box.y1 - u.box.y0) / 6);
    const int x0 = std::max(0, u.box.x0 - pad), y0 = std::max(0, u.box.y0 - pad);
    const int x1 = std::min(pw, u.box.x1 + pad), y1 = std::min(ph, u.box.y1 + pad);
    return boxCreate(x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0));
  }

  // The uncertain words' crops one under another on a white 8-bit strip, a crop's height
  // apart, so that a model reads them all in one call (a call costs more than the few
  // letters it reads); `slots` holds each crop's rows.
  struct Strip {
    PixPtr pix;
    std::vector<std::pair<int, int>> slots;
  };
  static Strip make_strip(Pix* page, const std::vector<Uncertain>& uncertain) {
    std::vector<PixPtr> crops;
    int width = 0, height = 0;
    for (const Uncertain& u : uncertain) {
      Box* b = crop_box(page, u);
      PixPtr c(pixClipRectangle(page, b, nullptr));
      boxDestroy(&b);
      PixPtr gray(c ? pixConvertTo8(c.get(), 0) : nullptr);
      if (!gray) gray.reset(pixCreate(1, 1, 8));
      width = std::max(width, static_cast<int>(pixGetWidth(gray.get())));
      height += 2 * static_cast<int>(pixGetHeight(gray.get()));
      crops.push_back(std::move(gray));
    }
    const int margin = 16;
    Strip strip;
    strip.pix.reset(pixCreate(width + 2 * margin, height + 2 * margin, 8));
    pixSetAll(strip.pix.get());
    int y = margin;
    for (const PixPtr& c : crops) {
      const int w = static_cast<int>(pixGetWidth(c.get())), h = static_cast<int>(pixGetHeight(c.get()));
      pixRasterop(strip.pix.get(), margin, y, w, h, PIX_SRC, c.get(), 0, 0);
      strip.slots.emplace_back(y, y + h);
      y += 2 * h;
    }
    return strip;
  }

  // Every slot of the strip as `api` reads it: one reading per slot, confidence -1 where the
  // slot did not read as exactly one word.
  static std::vector<Reading> read(tesseract::TessBaseAPI& api, const Strip& strip, int dpi) {
    std::vector<Reading> out(strip.slots.size());
    std::vector<int> words(strip.slots.size(), 0);
    const tesseract::PageSegMode psm = api.GetPageSegMode();
    api.SetImage(strip.pix.get());
    api.SetSourceResolution(dpi);
    api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    if (api.Recognize(nullptr) == 0) {
      std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
      if (it) do {
          TessText text(it->GetUTF8Text(tesseract::RIL_WORD));
          if (!text || !*text) continue;
          int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
          it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
          const int mid = (y0 + y1) / 2;
          for (std::size_t i = 0; i < strip.slots.size(); ++i) {
            if (mid < strip.slots[i].first || mid >= strip.slots[i].second) continue;
            if (++words[i] == 1) {
              out[i].text = text.get();
              out[i].confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
              out[i].model = &api;
            }
          }
        } while (it->Next(tesseract::RIL_WORD));
    }
    api.Clear();
    api.SetPageSegMode(psm);
    for (std::size_t i = 0; i < out.size(); ++i)
      if (words[i] != 1) out[i] = Reading{};
    return out;
  }

  // The second reading of uncertain names (see the header); returns how many words changed.
  // `uncertain` is emptied when no model is left to read them (the document's languages
  // include every reread language).
  int reread_names(Page& page, PixImage& img, tesseract::TessBaseAPI& own, const std::string& langs,
                   std::vector<Uncertain>& uncertain, Context& ctx) {
    if (uncertain.empty()) return 0;
    std::vector<std::pair<std::string, tesseract::TessBaseAPI*>> others;
    const std::string have = "+" + langs + "+";
    for (const auto& l : reread_languages_)
      if (have.find("+" + l + "+") == std::string::npos) others.emplace_back(l, &engine(l));
    if (others.empty()) {
      uncertain.clear();
      return 0;
    }
    // Each of the document's languages alone, to ask which letters its model can write.
    std::vector<tesseract::TessBaseAPI*> own_models;
    for (std::size_t at = 0; at < langs.size();) {
      const std::size_t cut = std::min(langs.find('+', at), langs.size());
      own_models.push_back(&engine(langs.substr(at, cut - at)));
      at = cut + 1;
    }
    const int dpi = page.dpi > 0 ? page.dpi : fallback_dpi_;
    const Strip strip = make_strip(img.pix(), uncertain);
    std::vector<Reading> best(uncertain.size());
    std::vector<std::string> best_language(uncertain.size());
    for (auto& [l, e] : others) {
      if (ctx.deadline && std::chrono::steady_clock::now() > *ctx.deadline) break;
      std::vector<Reading> r = read(*e, strip, dpi);
      for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].confidence > best[i].confidence) {
          best[i] = std::move(r[i]);
          best_language[i] = l;
        }
    }
    // The candidates, and the document's own model on their crops: most words end before.
    std::vector<std::optional<std::string>> new_text(uncertain.size());
    bool any = false;
    for (std::size_t i = 0; i < uncertain.size(); ++i) {
      new_text[i] = other_letters(page.words[uncertain[i].word], best[i], own_models);
      any = any || new_text[i];
    }
    const std::vector<Reading> base = any ? read(own, strip, dpi) : std::vector<Reading>(uncertain.size());
    int changed = 0;
    for (std::size_t i = 0; i < uncertain.size(); ++i) {
      Word& word = page.words[uncertain[i].word];
      const bool taken = new_text[i] && best[i].confidence > base[i].confidence;
      ctx.log->debug("{} page {}: reread \"{}\" ({:.3f}): {} \"{}\" {:.3f}, own \"{}\" {:.3f}{}", ctx.document->id,
                     page.number, word.text, word.confidence, best_language[i], best[i].text, best[i].confidence,
                     base[i].text, base[i].confidence, taken ? ", taken" : "");
      if (!taken) continue;
      word.first_reading = std::move(word.text);
      word.text = std::move(*new_text[i]);
      word.confidence = best[i].confidence;
      word.language = best_language[i];
      ++changed;
    }
    return changed;
  }

  // The other model's letters for the word, when (1) it read the crop confidently; (2) the
  // two readings are one word but for a few letters, accents aside (a misread letter, not
  // another word); (3) it has a letter none of the document's models can write, which is why
  // they failed ("č" for an English model); (4) it drops no letter of the first reading that
  // its own model cannot write (a Hungarian model turns a German "ä" into "á" because it has
  // no "ä"), unless the first reading was itself uncertain. The caller also asks that the
  // document's own model read the same crop less confidently. Returns the word's new text:
  // the other model's letters within the first reading's punctuation, which was read in
  // context.
  static std::optional<std::string> other_letters(const Word& word, const Reading& best,
                                                  const std::vector<tesseract::TessBaseAPI*>& own_models) {
    if (!best.model || best.confidence < kRereadAtLeast) return std::nullopt;
    const std::optional<Letters> old_word = letters_of(word.text);
    if (!old_word) return std::nullopt;
    const std::string& old_key = old_word->key;
    const std::string old_letters = word.text.substr(old_word->start, old_word->end - old_word->start);
    const std::optional<Letters> new_word = letters_of(best.text);
    if (!new_word || !new_word->upper) return std::nullopt;
    const std::string new_letters = best.text.substr(new_word->start, new_word->end - new_word->start);
    if (new_letters == old_letters) return std::nullopt;
    const std::size_t d = levenshtein(std::vector<char>(old_key.begin(), old_key.end()),
                                      std::vector<char>(new_word->key.begin(), new_word->key.end()));
    if (d > 2 || d * 3 > old_key.size()) return std::nullopt;
    auto code_points = [](std::string_view s) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        if (next_code_point(s, i) < 0) return std::vector<std::string>{};
        out.emplace_back(s.substr(from, i - from));
      }
      return out;
    };
    const auto olds = code_points(old_letters), news = code_points(new_letters);
    if (olds.empty() || news.empty()) return std::nullopt;
    auto has = [](const std::vector<std::string>& v, const std::string& c) {
      return std::find(v.begin(), v.end(), c) != v.end();
    };
    const bool unwritable = std::any_of(news.begin(), news.end(), [&](const std::string& c) {
      return !has(olds, c) && std::none_of(own_models.begin(), own_models.end(), [&](tesseract::TessBaseAPI* m) {
               return m->IsValidCharacter(c.c_str());
             });
    });
    if (!unwritable) return std::nullopt;
    if (word.confidence >= kRereadAtLeast)
      for (const auto& c : olds)
        if (!has(news, c) && !best.model->IsValidCharacter(c.c_str())) return std::nullopt;
    return word.text.substr(0, old_word->start) + new_letters + word.text.substr(old_word->end);
  }

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
                      "\"; is the traineddata installed (Debian: tesseract-ocr-<lang>, or "
                      "tesseract-ocr-script-<script> for a script such as Latin)?");
    api->SetPageSegMode(static_cast<tesseract::PageSegMode>(psm_));
    return *engines_.emplace(langs, std::move(api)).first->second;
  }

  std::string languages_;
  int psm_;
  int fallback_dpi_;
  bool document_languages_;
  std::vector<std::string> reread_languages_;
  float reread_below_;
  static constexpr float kRereadAtLeast = 0.80f;  // a second reading below this is no better
  static constexpr std::size_t kRereadAtMost = 100;  // words a page
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
                     "use a document's own languages (manifest column `languages`) when it has them"),
          param_list("reread_languages", {"Latin"},
                     "models that read uncertain capitalized words (names) once more, each alone; [] turns it off"),
          param_float("reread_below", 0.93, "confidence under which a capitalized word is read once more", 0.0,
                      1.0)},
         kCapPageImage,
         kCapLayout,
         [](const Params& p) { return std::make_unique<TesseractStage>(p); }});
}

}  // namespace testimony
