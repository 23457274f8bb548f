// Progress line and periodic progress log for runs.
#include "pipeline/progress.hpp"

#include <cstdio>

#include "pipeline/log.hpp"

namespace testimony {
namespace {

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  else
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  return buf;
}

}  // namespace

Progress::Progress(std::size_t documents, bool bar, double log_every_seconds)
    : total_(documents), bar_(bar), every_(log_every_seconds), start_(Clock::now()),
      last_shown_(start_) {}

void Progress::page_done() {
  ++pages_;
  maybe_show(false);
}

void Progress::document_done(bool failed) {
  ++docs_;
  if (failed) ++failed_;
  maybe_show(false);
}

std::string Progress::status() const {
  const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
  char buf[192];
  std::string eta = "?";
  if (docs_ > 0 && docs_ < total_)
    eta = duration_text(secs / static_cast<double>(docs_) * static_cast<double>(total_ - docs_));
  else if (docs_ == total_)
    eta = "0m00s";
  std::snprintf(buf, sizeof buf, "%zu/%zu documents (%zu failed) · %zu pages · %.1f pages/min · ETA %s",
                docs_, total_, failed_, pages_, secs > 0 ? 60.0 * static_cast<double>(pages_) / secs : 0.0,
                eta.c_str());
  return buf;
}

void Progress::maybe_show(bool force) {
  const auto now = Clock::now();
  const double since = std::chrono::duration<double>(now - last_shown_).count();
  if (bar_) {
    if (!force && since < 0.2 && docs_ != total_) return;
    const std::size_t width = 24;
    const std::size_t filled = total_ ? docs_ * width / total_ : width;
    std::string bar(filled, '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r\033[K[%s] %s", bar.c_str(), status().c_str());
    std::fflush(stderr);
    shown_ = true;
  } else {
    if (!force && since < every_) return;
    get_logger("runner")->info("progress: {}", status());
  }
  last_shown_ = now;
}

void Progress::finish() {
  if (bar_ && shown_) {
    maybe_show(true);
    std::fputc('\n', stderr);
  }
}

}  // namespace testimony
