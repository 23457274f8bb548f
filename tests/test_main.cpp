// Test main: runs with OMP_THREAD_LIMIT=1 like the CLI, so OCR tests take the real path.
#include <gtest/gtest.h>

#include "pipeline/log.hpp"
#include "pipeline/process.hpp"

int main(int argc, char** argv) {
  testimony::ensure_single_threaded_openmp(argc, argv);
  testing::InitGoogleTest(&argc, argv);
  testimony::init_logging(testimony::LogFormat::kText, "off");
  return RUN_ALL_TESTS();
}
