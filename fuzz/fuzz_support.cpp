// Fuzz target helpers: logging off, scratch files under the system temp folder.
#include "fuzz/fuzz_support.hpp"

#include <unistd.h>

#include <fstream>
#include <mutex>

#include "pipeline/log.hpp"

namespace testimony::fuzz {

void quiet() {
  static std::once_flag once;
  std::call_once(once, [] { init_logging(LogFormat::kText, "off"); });
}

std::filesystem::path scratch_file(const std::string& stem, const std::string& extension, const uint8_t* data,
                                   std::size_t size) {
  const auto dir = std::filesystem::temp_directory_path() / ("testimony-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / (stem + extension);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace testimony::fuzz
