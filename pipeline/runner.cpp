// Runs documents through the pipeline: document drivers (ingest, document stages) feed pages
// to a bounded queue served by page workers (page stages), so memory stays bounded by the
// pages in flight. Records each outcome as it happens; the final manifest is sorted.
#include "pipeline/runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "pipeline/fs.hpp"
#include "pipeline/hash.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/log.hpp"
#include "pipeline/progress.hpp"

namespace fs = std::filesystem;

namespace testimony {

std::string_view to_string(DocStatus s) {
  switch (s) {
    case DocStatus::kOk: return "ok";
    case DocStatus::kFailed: return "failed";
    case DocStatus::kSkipped: return "skipped";
  }
  return "failed";
}

Json DocResult::to_json() const {
  Json j = {{"id", id}, {"path", path}, {"status", to_string(status)}};
  switch (status) {
    case DocStatus::kOk:
      j["pages"] = pages;
      j["words"] = words;
      j["warnings"] = warnings;
      j["entities"] = entities;
      break;
    case DocStatus::kFailed:
      j["stage"] = stage;
      j["code"] = to_string(code);
      j["error"] = message;
      if (page > 0) j["page"] = page;
      break;
    case DocStatus::kSkipped:
      j["reason"] = reason;
      break;
  }
  return j;
}

int RunSummary::count(DocStatus s) const {
  return static_cast<int>(std::count_if(results.begin(), results.end(),
                                        [&](const DocResult& r) { return r.status == s; }));
}

std::map<std::string, int> RunSummary::failures_by_code() const {
  std::map<std::string, int> out;
  for (const auto& r : results)
    if (r.status == DocStatus::kFailed) ++out[std::string(to_string(r.code))];
  return out;
}

int RunSummary::pages() const {
  int n = 0;
  for (const auto& r : results) n += r.pages;
  return n;
}

long RunSummary::words() const {
  long n = 0;
  for (const auto& r : results) n += r.words;
  return n;
}

std::map<std::string, int> RunSummary::entities() const {
  std::map<std::string, int> out;
  for (const auto& r : results)
    for (const auto& [type, n] : r.entities) out[type] += n;
  return out;
}

double RunSummary::mean_confidence() const {
  double sum = 0;
  for (const auto& r : results) sum += r.confidence_sum;
  const long n = words();
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

fs::path record_path(const fs::path& out_dir, const std::string& id) {
  return out_dir / "records" / (id + ".json");
}

std::vector<fs::path> record_files(const fs::path& out_dir) {
  std::vector<fs::path> out;
  const fs::path records = out_dir / "records";
  if (!fs::is_directory(records)) return out;
  for (const auto& e : fs::recursive_directory_iterator(records)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || e.path().extension() != ".json" || name.starts_with(".")) continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.generic_string(), b.generic_string());
  });
  return out;
}

std::string document_sha256(const fs::path& path) {
  if (!fs::is_directory(path)) return sha256_file(path);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(path))
    if (e.is_regular_file() && is_page_image_name(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });
  std::string listing;
  for (const auto& f : files) listing += sha256_file(f) + "  " + f.filename().string() + "\n";
  return sha256_hex(listing);
}

std::string manifest_text(std::vector<Json> lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const Json& a, const Json& b) {
    return a.value("id", "") < b.value("id", "");
  });
  Json summary = {{"documents", lines.size()}, {"ok", 0}, {"failed", 0}, {"skipped", 0},
                  {"pages", 0}, {"failures_by_code", Json::object()}};
  std::string out;
  for (const Json& j : lines) {
    const std::string status = j.value("status", "failed");
    if (summary.contains(status)) summary[status] = summary[status].get<int>() + 1;
    summary["pages"] = summary["pages"].get<int>() + j.value("pages", 0);
    if (status == "failed") {
      Json& n = summary["failures_by_code"][j.value("code", "internal")];
      n = n.is_null() ? 1 : n.get<int>() + 1;
    }
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  out += Json{{"summary", summary}}.dump() + "\n";
  return out;
}

namespace {

using Clock = std::chrono::steady_clock;

// Where and why a document failed.
struct Failure {
  std::string stage;
  ErrorCode code = ErrorCode::kInternal;
  std::string message, detail;
  int page = 0;
};

// One document in flight: its driver hands pages to the pool and waits for them.
struct DocRun {
  const Document* doc = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Page> pages;  // by index; filled back in by the page workers
  std::size_t pending = 0;
  std::optional<Failure> failure;  // the failure on the lowest page
  std::atomic<bool> failed{false};

  void fail(Failure f) {
    std::lock_guard lock(mu);
    if (!failure || f.page < failure->page) failure = std::move(f);
    failed = true;
  }
};

struct PageTask {
  DocRun* doc = nullptr;
  std::size_t index = 0;
  Page page;
};

// A bounded queue of pages waiting for a page worker.
class PageQueue {
 public:
  explicit PageQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(PageTask task) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(task));
    not_empty_.notify_one();
  }
  std::optional<PageTask> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    PageTask t = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return t;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<PageTask> queue_;
  std::size_t capacity_;
  bool closed_ = false;
};

Failure failure_of(const std::exception_ptr& ex, std::string stage, int page) {
  Failure f{std::move(stage), ErrorCode::kInternal, "", "", page};
  try {
    std::rethrow_exception(ex);
  } catch (const Error& e) {
    if (e.page) f.page = *e.page;
    if (!e.stage.empty()) f.stage = e.stage;
    f.code = e.code();
    f.message = e.message();
    f.detail = e.detail();
  } catch (const std::bad_alloc&) {
    f.code = ErrorCode::kResourceExhausted;
    f.message = "out of memory";
  } catch (const fs::filesystem_error& e) {
    // An unreadable input (permissions, a folder that vanished) is the input's fault.
    f.code = ErrorCode::kInvalidInput;
    f.message = "cannot read " + e.path1().string() + ": " + e.code().message();
  } catch (const std::exception& e) {
    f.message = std::string("unexpected error: ") + e.what();
  }
  return f;
}

}  // namespace

class Runner::Impl {
 public:
  Impl(const Pipeline& pipeline, const RunOptions& options)
      : pipeline_(pipeline), options_(options), provenance_(pipeline.provenance()),
        queue_(static_cast<std::size_t>(2 * options.jobs)) {}

  RunSummary run(const std::vector<InputDoc>& inputs);

 private:
  DocResult process(const InputDoc& input, Worker& driver);
  void run_pages(Worker& worker);
  bool up_to_date(const InputDoc& input, const std::string& sha256) const;
  bool stopping() const { return stop_ || (options_.stop && options_.stop->load()); }
  std::string stop_reason() const { return stop_ ? stop_reason_ : "interrupted"; }
  void finished(const DocResult& r);

  const Pipeline& pipeline_;
  const RunOptions& options_;
  Provenance provenance_;
  PageQueue queue_;
  std::atomic<bool> stop_{false};
  std::string stop_reason_;
  std::mutex mu_;  // guards the streamed manifest, counts and progress
  std::FILE* stream_ = nullptr;
  int done_ = 0, failed_ = 0;
  std::unique_ptr<Progress> progress_;
};

bool Runner::Impl::up_to_date(const InputDoc& input, const std::string& sha256) const {
  const fs::path rec = record_path(options_.out_dir, input.id);
  std::error_code ec;
  if (!fs::exists(rec, ec)) return false;
  try {
    const Json j = Json::parse(read_file(rec));
    return j.at("source").at("sha256") == sha256 &&
           j.at("provenance").at("config_hash") == provenance_.config_hash;
  } catch (const std::exception&) {
    return false;  // unreadable or partial record: redo it
  }
}

void Runner::Impl::run_pages(Worker& worker) {
  while (auto task = queue_.pop()) {
    DocRun& d = *task->doc;
    Page& page = task->page;
    if (!d.failed) {
      Context ctx;
      ctx.out_dir = options_.out_dir;
      ctx.document = d.doc;
      ctx.page = page.number;
      const auto started = Clock::now();
      if (options_.page_timeout > 0)
        ctx.deadline = started + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(options_.page_timeout));
      std::string stage;
      try {
        for (auto& ps : worker.page_stages) {
          stage = ps->name();
          ctx.log = get_logger("stage." + stage).get();
          ps->process(page, ctx);
          if (ctx.deadline && Clock::now() > *ctx.deadline)
            throw Error(ErrorCode::kResourceExhausted,
                        "page " + std::to_string(page.number) + " took longer than " +
                            std::to_string(static_cast<int>(options_.page_timeout)) +
                            " s (run.page_timeout)");
        }
      } catch (...) {
        d.fail(failure_of(std::current_exception(), stage, page.number));
      }
    }
    page.release_image();
    {
      // Notified under the lock: once pending is 0 the driver may destroy `d`, and it can
      // only see that after this lock is released.
      std::lock_guard lock(d.mu);
      d.pages[task->index] = std::move(page);
      --d.pending;
      d.cv.notify_all();
    }
    std::lock_guard lock(mu_);
    if (progress_) progress_->page_done();
  }
}

DocResult Runner::Impl::process(const InputDoc& input, Worker& driver) {
  DocResult result;
  result.id = input.id;
  result.path = input.path.string();
  auto log = get_logger("runner");
  auto fail = [&](const Failure& f) {
    result.status = DocStatus::kFailed;
    result.stage = f.stage;
    result.code = f.code;
    result.message = f.message;
    result.page = f.page;
    log->error("{}: {} failed{}: {}{}", input.id, f.stage,
               f.page ? " on page " + std::to_string(f.page) : "", f.message,
               f.detail.empty() ? "" : " (" + f.detail + ")");
    return result;
  };

  Document doc;
  DocRun run;
  run.doc = &doc;
  std::string stage = "fixity";
  int page_number = 0;
  bool interrupted = false;
  try {
    doc.id = input.id;
    doc.source.path = input.path.string();
    doc.metadata = input.metadata;
    doc.source.sha256 = document_sha256(input.path);
    std::error_code ec;
    if (!fs::is_directory(input.path)) doc.source.size = fs::file_size(input.path, ec);
    if (options_.resume && up_to_date(input, doc.source.sha256)) {
      result.status = DocStatus::kSkipped;
      result.reason = "record is up to date (same input checksum and config hash)";
      return result;
    }
    doc.provenance = provenance_;

    Context ctx;
    ctx.out_dir = options_.out_dir;
    ctx.document = &doc;
    stage = driver.ingest->name();
    ctx.log = get_logger("stage." + stage).get();
    auto reader = driver.ingest->open(input, doc, ctx);
    for (;;) {
      if (run.failed) break;
      if (stopping()) {
        interrupted = true;
        break;
      }
      Page page;
      page_number = static_cast<int>(run.pages.size()) + 1;
      ctx.page = page_number;
      if (!reader->next(page)) break;
      page.number = page_number;
      {
        std::lock_guard lock(run.mu);
        run.pages.emplace_back();
        ++run.pending;
      }
      queue_.push({&run, run.pages.size() - 1, std::move(page)});
    }
    page_number = 0;
  } catch (...) {
    run.fail(failure_of(std::current_exception(), stage, page_number));
  }
  {
    // Pages already handed out finish before the document goes on or is dropped.
    std::unique_lock lock(run.mu);
    run.cv.wait(lock, [&] { return run.pending == 0; });
  }
  if (run.failure) return fail(*run.failure);
  if (interrupted) {
    result.status = DocStatus::kSkipped;
    result.reason = "stopped before it finished (" + stop_reason() + "); run again with --resume";
    return result;
  }

  doc.pages = std::move(run.pages);
  Context ctx;
  ctx.out_dir = options_.out_dir;
  ctx.document = &doc;
  try {
    for (auto& ds : driver.document_stages) {
      stage = ds->name();
      ctx.log = get_logger("stage." + stage).get();
      ds->process(doc, ctx);
    }
  } catch (...) {
    return fail(failure_of(std::current_exception(), stage, 0));
  }
  result.pages = static_cast<int>(doc.pages.size());
  for (const Page& p : doc.pages) {
    result.words += static_cast<long>(p.words.size());
    for (const Word& w : p.words) result.confidence_sum += w.confidence;
    result.warnings += p.warnings.size();
  }
  result.warnings += doc.warnings.size();
  for (const Entity& e : doc.entities) ++result.entities[std::string(to_string(e.type))];
  return result;
}

void Runner::Impl::finished(const DocResult& r) {
  std::lock_guard lock(mu_);
  if (stream_) {
    const std::string line = r.to_json().dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    std::fwrite(line.data(), 1, line.size(), stream_);
    std::fflush(stream_);
  }
  if (r.status == DocStatus::kSkipped && !r.reason.starts_with("record is up to date")) return;
  ++done_;
  if (r.status == DocStatus::kFailed) ++failed_;
  if (progress_) progress_->document_done(r.status == DocStatus::kFailed);
  if (!stop_ && done_ >= options_.failure_ratio_after &&
      static_cast<double>(failed_) > options_.max_failure_ratio * done_) {
    stop_reason_ = std::to_string(failed_) + " of " + std::to_string(done_) +
                   " documents failed, over run.max_failure_ratio";
    get_logger("runner")->error("stopping: {}", stop_reason_);
    stop_ = true;
  }
}

RunSummary Runner::Impl::run(const std::vector<InputDoc>& inputs) {
  auto log = get_logger("runner");
  std::error_code ec;
  fs::create_directories(options_.out_dir, ec);
  if (ec) throw ConfigError("cannot create output folder " + options_.out_dir.string() + ": " + ec.message());
  const OutputFolderLock folder_lock(options_.out_dir);
  if (folder_lock.removed_leftovers() > 0)
    log->info("removed {} temporary file(s) left by an interrupted run in {}", folder_lock.removed_leftovers(),
              options_.out_dir.string());

  // Stage instances are made up front so that a stage that cannot start (missing Tesseract
  // language) stops the run before any document.
  const int jobs = std::max(1, options_.jobs);
  const int drivers = std::max(1, std::min<int>(jobs, static_cast<int>(inputs.size())));
  std::vector<Worker> page_workers, doc_drivers;
  for (int j = 0; j < jobs; ++j) page_workers.push_back(pipeline_.make_worker(Pipeline::kPageStages));
  for (int j = 0; j < drivers; ++j)
    doc_drivers.push_back(pipeline_.make_worker(Pipeline::kIngest | Pipeline::kDocumentStages));
  provenance_.tools = page_workers[0].tools;
  provenance_.tools.update(doc_drivers[0].tools);

  // Streamed as documents finish, so a killed run still says what it finished; replaced by
  // the sorted manifest with its summary at the end.
  const fs::path manifest = options_.out_dir / "manifest.jsonl";
  stream_ = std::fopen(manifest.c_str(), "w");
  if (!stream_) throw ConfigError("cannot write " + manifest.string());
  progress_ = std::make_unique<Progress>(inputs.size(), options_.progress_bar, options_.progress_every);

  RunSummary summary;
  summary.results.resize(inputs.size());
  std::vector<char> started(inputs.size(), 0);  // not vector<bool>: written by several threads
  std::atomic<std::size_t> next{0};
  const auto start = Clock::now();

  std::vector<std::thread> page_threads;
  for (auto& w : page_workers) page_threads.emplace_back([this, &w] { run_pages(w); });
  auto drive = [&](Worker& driver) {
    for (std::size_t i; !stopping() && (i = next.fetch_add(1)) < inputs.size();) {
      started[i] = 1;
      summary.results[i] = process(inputs[i], driver);
      finished(summary.results[i]);
    }
  };
  std::vector<std::thread> driver_threads;
  for (auto& d : doc_drivers) driver_threads.emplace_back(drive, std::ref(d));
  for (auto& t : driver_threads) t.join();
  queue_.close();
  for (auto& t : page_threads) t.join();
  progress_->finish();

  if (stopping()) summary.stopped = stop_reason();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (started[i]) continue;
    DocResult& r = summary.results[i];
    r.id = inputs[i].id;
    r.path = inputs[i].path.string();
    r.status = DocStatus::kSkipped;
    r.reason = "not started (" + summary.stopped + "); run again with --resume";
  }
  std::fclose(stream_);
  stream_ = nullptr;
  std::vector<Json> lines;
  for (const auto& r : summary.results) lines.push_back(r.to_json());
  write_file_atomic(manifest, manifest_text(std::move(lines)));
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  log->info("{} documents: {} ok, {} failed, {} skipped; {} pages in {:.1f} s{}", inputs.size(),
            summary.count(DocStatus::kOk), summary.count(DocStatus::kFailed),
            summary.count(DocStatus::kSkipped), summary.pages(), secs,
            summary.stopped.empty() ? "" : "; stopped early: " + summary.stopped);
  return summary;
}

Runner::Runner(const Pipeline& pipeline, RunOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {}

Runner::~Runner() = default;

RunSummary Runner::run(const std::vector<InputDoc>& inputs) {
  Impl impl(pipeline_, options_);
  return impl.run(inputs);
}

}  // namespace testimony
