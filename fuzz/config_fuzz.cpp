// Fuzz target: TOML text → Config. Any ConfigError is a fine answer; anything else (another
// exception, a sanitizer report) is a bug. Bytes after a NUL are one --set override.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pipeline/config.hpp"
#include "pipeline/error.hpp"
#include "stages/stages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace testimony;
  fuzz::quiet();
  static const Registry registry = make_registry();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  std::vector<std::string> sets;
  if (nul != std::string::npos) sets.push_back(input.substr(nul + 1));
  try {
    const Config c = parse_config(std::string_view(input).substr(0, nul), "fuzz.toml", registry, sets);
    // The canonical form must parse back to the same config.
    const Config again = parse_config(c.canonical(), "canonical.toml", registry);
    if (again.canonical() != c.canonical()) __builtin_trap();
  } catch (const ConfigError&) {
  }
  return 0;
}
