// Leptonica glue: page image access, message capture, version.
#include "stages/common/pix_image.hpp"

#include <mutex>

#include "pipeline/error.hpp"

namespace testimony {
namespace {

thread_local std::string g_messages;

void on_message(const char* msg) {
  if (g_messages.size() < 4096) g_messages += msg;
}

}  // namespace

PixImage& pix_of(Page& page, const std::string& stage) {
  auto* img = dynamic_cast<PixImage*>(page.image.get());
  if (!img) throw Error(ErrorCode::kInternal, "stage " + stage + " found no page image");
  return *img;
}

void install_leptonica_message_handler() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler(on_message); });
}

std::string take_leptonica_messages() {
  std::string out;
  out.swap(g_messages);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string leptonica_version() {
  char* v = getLeptonicaVersion();
  std::string out = v ? v : "";
  lept_free(v);
  return out;
}

}  // namespace testimony
