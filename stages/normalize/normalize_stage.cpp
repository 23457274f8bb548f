// normalize.text: builds Document::text from the pages' layout in reading order — words of a
// line joined by spaces, lines of a block joined into one paragraph (dehyphenated across
// line ends), blocks and pages separated by a blank line — and records for every word the
// byte range it became (Document::segments), so each character maps back to a word and box.
// The words themselves are never changed: OCR text as read stays in the pages.
//   [[stage]]
//   use = "normalize.text"
//   dehyphenate = true
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"
#include "stages/common/text.hpp"
#include "stages/normalize/name_repair.hpp"
#include "stages/normalize/normalize.hpp"

namespace testimony {
namespace {

class NormalizeTextStage final : public DocumentStage {
 public:
  explicit NormalizeTextStage(const Params& p)
      : DocumentStage("normalize.text"), dehyphenate_(p.get_bool("dehyphenate")),
        repair_names_(p.get_bool("repair_names")) {
    options_.unify_punctuation = p.get_bool("unify_punctuation");
    options_.repair_digits = p.get_bool("repair_digits");
    if (repair_names_) NameRepair::standard();  // load once, before the first document
  }

  void process(Document& doc, Context&) override {
    doc.text.clear();
    doc.segments.clear();
    int repairs = 0, joins = 0, name_repairs = 0;
    bool first = true;
    for (std::size_t pi = 0; pi < doc.pages.size(); ++pi) {
      const Page& page = doc.pages[pi];
      for (const Block& block : page.blocks) {
        bool block_start = true;
        for (uint32_t li = block.first_line; li < block.first_line + block.line_count; ++li) {
          const Line& line = page.lines[li];
          bool line_start = true;
          for (uint32_t wi = line.first_word; wi < line.first_word + line.word_count; ++wi) {
            std::string w = normalize_word(page.words[wi].text, options_, &repairs);
            if (w.empty()) continue;
            if (repair_names_) w = NameRepair::standard().repair(w, &name_repairs);
            if (!first) {
              if (block_start) {
                doc.text += "\n\n";
              } else if (line_start) {
                const int join = dehyphenate_ ? hyphen_join(last_word(doc), w) : 0;
                if (join == 1) {
                  doc.text.pop_back();  // the hyphen
                  --doc.segments.back().end;
                  ++joins;
                } else if (join == 0) {
                  doc.text += ' ';
                }
              } else {
                doc.text += ' ';
              }
            }
            const auto start = static_cast<uint32_t>(doc.text.size());
            doc.text += w;
            doc.segments.push_back({start, static_cast<uint32_t>(doc.text.size()), static_cast<uint32_t>(pi), wi});
            first = block_start = line_start = false;
          }
        }
      }
    }
    if (doc.text.size() > UINT32_MAX / 2)
      throw Error(ErrorCode::kResourceExhausted, "document text exceeds 2 GB");
    doc.processing[name()] = {{"digit_repairs", repairs}, {"dehyphenated", joins}, {"name_repairs", name_repairs}};
  }

 private:
  static std::string_view last_word(const Document& doc) {
    const TextSegment& s = doc.segments.back();
    return std::string_view(doc.text).substr(s.start, s.end - s.start);
  }

  bool dehyphenate_;
  bool repair_names_;
  WordNormalizeOptions options_;
};

}  // namespace

void register_normalize(Registry& r) {
  r.add({"normalize.text",
         StageKind::kDocument,
         "normalized document text in reading order with an offset map back to words and boxes",
         {param_bool("dehyphenate", true, "join words split by a hyphen at a line end (keeps real compounds)"),
          param_bool("unify_punctuation", true, "curly quotes, dashes and odd spaces to plain forms"),
          param_bool("repair_digits", true, "read l, I, | as 1 and O, o as 0 inside numbers (l944 → 1944)"),
          param_bool("repair_names", true,
                     "undo OCR confusions (rn for m, ii for ü, 6 for ó/ő/ö, a wrong accent) where that "
                     "turns an unknown word into a name of the authority files or the given-name list")},
         kCapLayout,
         kCapText,
         [](const Params& p) { return std::make_unique<NormalizeTextStage>(p); }});
}

}  // namespace testimony
