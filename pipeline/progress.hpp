// Run progress: on a terminal, one status line redrawn on stderr (documents, pages, pages per
// minute, ETA, failures); otherwise a plain log line every few seconds. Not thread-safe: the
// runner calls it under its lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace testimony {

class Progress {
 public:
  Progress(std::size_t documents, bool bar, double log_every_seconds);
  void page_done();
  void document_done(bool failed);
  // Clears the status line (a terminal) or logs the last figures.
  void finish();
  // "12/500 documents (1 failed) · 340 pages · 35.2 pages/min · ETA 1h02m"
  std::string status() const;

 private:
  void maybe_show(bool force);
  using Clock = std::chrono::steady_clock;
  std::size_t total_, docs_ = 0, failed_ = 0, pages_ = 0;
  bool bar_;
  double every_;
  Clock::time_point start_, last_shown_;
  bool shown_ = false;
};

}  // namespace testimony
