// Fuzz target: any bytes as an authority file → read_tsv and the gazetteer built from it
// (ids, variants, inflection keys, ICU country names), then a lookup. ConfigError (no header,
// missing column) is a fine answer; a crash or another exception is a bug.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pipeline/data.hpp"
#include "pipeline/error.hpp"
#include "stages/common/text.hpp"
#include "stages/tag/gazetteer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace testimony;
  fuzz::quiet();
  const auto path = fuzz::scratch_file("authority", ".tsv", data, size);
  try {
    const TsvTable t = read_tsv(path);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r].size() != t.header.size() || t.lines[r] <= 0) __builtin_trap();
  } catch (const ConfigError&) {
  }
  try {
    const auto g = Gazetteer::load("places", path);
    const std::string text = "Lisbon w Warszawie Krakow";
    const TokenStream tokens(text);
    for (std::size_t i = 0; i < tokens.tokens.size(); ++i) g->match(tokens, i, text);
  } catch (const ConfigError&) {
  }
  return 0;
}
