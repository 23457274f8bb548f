// Fuzz target: tag.dates over any text (made valid UTF-8, as normalize.text guarantees), in a
// language and numeric order picked by the first byte. Checks every date's span and value.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"
#include "stages/tag/tag.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace testimony;
  fuzz::quiet();
  if (size == 0) return 0;
  static const char* kLanguages[] = {"por", "eng", "deu", "fra", "pol", "heb", "ara", ""};
  static const char* kOrders[] = {"auto", "dmy", "mdy", "ymd"};
  static const Registry registry = [] {
    Registry r;
    register_tag(r);
    return r;
  }();
  static std::unique_ptr<Stage> stages[4];
  const int order = (data[0] >> 3) & 3;
  if (!stages[order]) {
    const StageInfo* info = registry.find("tag.dates");
    Params p = default_params(info->params);
    const ParamSpec* spec = info->param("numeric_order");
    const std::string value = kOrders[order];
    if (spec->check(ParamValue(value)).empty()) p.set("numeric_order", value);
    stages[order] = info->make(p);
  }
  Document doc;
  doc.id = "fuzz";
  doc.text = valid_utf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  doc.metadata["languages"] = kLanguages[data[0] & 7];
  Context ctx;
  ctx.document = &doc;
  try {
    static_cast<DocumentStage&>(*stages[order]).process(doc, ctx);
  } catch (const Error&) {
    return 0;
  }
  for (const Entity& e : doc.entities) {
    if (e.start > e.end || e.end > doc.text.size()) __builtin_trap();
    if (e.value.empty() || first_invalid_utf8(e.value)) __builtin_trap();
  }
  return 0;
}
