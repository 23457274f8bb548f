// Re-exec with OMP_THREAD_LIMIT=1 so Tesseract's OpenMP never oversubscribes the cores.
#include "pipeline/process.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace testimony {

void ensure_single_threaded_openmp(int /*argc*/, char** argv) {
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  if (limit && std::string_view(limit) == "1") return;
  if (std::getenv("TESTIMONY_REEXECED")) return;  // never loop
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::setenv("TESTIMONY_REEXECED", "1", 1);
  ::execv("/proc/self/exe", argv);
  std::fprintf(stderr, "warning: could not re-execute with OMP_THREAD_LIMIT=1 (%s); "
                       "set it in the environment for full speed\n", std::strerror(errno));
}

}  // namespace testimony
