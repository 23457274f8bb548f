// Process-level setup shared by every executable that may run Tesseract.
#pragma once

namespace testimony {

// Tesseract's OpenMP threads make it many times slower when several run side by side; we
// parallelize across pages instead. libgomp reads OMP_THREAD_LIMIT when it is loaded, before
// main, so if it is not "1" this sets it and re-executes the program (same argv). Returns
// only when the limit is in force (or when re-execution is impossible, after a warning).
void ensure_single_threaded_openmp(int argc, char** argv);

}  // namespace testimony
