// Fuzz target: arbitrary bytes as a document's words (pages split at form feeds, lines at
// newlines, words at spaces and tabs; the first byte picks the options) → normalize.text.
// Checks the offset map: every mapped span lies inside Document::text.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"
#include "stages/normalize/normalize.hpp"

namespace {

testimony::Document document_of(std::string_view s) {
  using namespace testimony;
  Document d;
  d.id = "fuzz";
  Page page;
  page.number = 1;
  bool line_open = false;
  std::size_t start = 0;
  auto flush_word = [&](std::size_t end) {
    if (end > start) {
      if (page.blocks.empty()) page.begin_block({0, 0, 10, 10});
      if (!line_open) page.begin_line({0, 0, 10, 10}), line_open = true;
      page.add_word({std::string(s.substr(start, end - start)), {0, 0, 10, 10}, 0.9f, {}, {}});
    }
  };
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : '\f';
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') continue;
    flush_word(i);
    start = i + 1;
    if (c == '\n') line_open = false;
    if (c == '\r') {  // a blank-line stand-in: a new block
      line_open = false;
      page.begin_block({0, 0, 10, 10});
    }
    if (c == '\f') {
      page.rebuild_text();
      d.pages.push_back(std::move(page));
      page = Page{};
      page.number = static_cast<int>(d.pages.size()) + 1;
      line_open = false;
    }
  }
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace testimony;
  fuzz::quiet();
  if (size == 0) return 0;
  static const Registry registry = [] {
    Registry r;
    register_normalize(r);
    return r;
  }();
  static std::unique_ptr<Stage> stages[4];
  const int pick = data[0] & 3;
  if (!stages[pick]) {
    const StageInfo* info = registry.find("normalize.text");
    Params p = default_params(info->params);
    p.set("unify_punctuation", bool(pick & 1));
    p.set("repair_digits", bool(pick & 2));
    stages[pick] = info->make(p);
  }
  Document doc = document_of(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  Context ctx;
  ctx.document = &doc;
  try {
    static_cast<DocumentStage&>(*stages[pick]).process(doc, ctx);
  } catch (const Error&) {
    return 0;
  }
  // Every segment lies inside the text and names a word that exists; the text is UTF-8.
  for (const TextSegment& seg : doc.segments)
    if (seg.start > seg.end || seg.end > doc.text.size() || seg.page >= doc.pages.size() ||
        seg.word >= doc.pages[seg.page].words.size())
      __builtin_trap();
  if (first_invalid_utf8(doc.text)) __builtin_trap();
  return 0;
}
