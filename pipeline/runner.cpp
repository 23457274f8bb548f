// Runs documents through the pipeline, one per worker at a time, and records each outcome.
#include "pipeline/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <new>
#include <thread>

#include "pipeline/fs.hpp"
#include "pipeline/hash.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/log.hpp"

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

Runner::Runner(const Pipeline& pipeline, RunOptions options)
    : pipeline_(pipeline), options_(std::move(options)), provenance_(pipeline.provenance()) {}

bool Runner::up_to_date(const InputDoc& input, const std::string& sha256) const {
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

DocResult Runner::process(const InputDoc& input, Worker& worker) const {
  DocResult result;
  result.id = input.id;
  result.path = input.path.string();
  std::string stage = "fixity";
  int page_number = 0;
  auto fail = [&](ErrorCode code, const std::string& message, const std::string& detail) {
    result.status = DocStatus::kFailed;
    result.stage = stage;
    result.code = code;
    result.message = message;
    result.page = page_number;
    get_logger("runner")->error("{}: {} failed{}: {}{}", input.id, stage,
                                page_number ? " on page " + std::to_string(page_number) : "",
                                message, detail.empty() ? "" : " (" + detail + ")");
    return result;
  };
  try {
    Document doc;
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
    doc.provenance.tools = worker.tools;

    Context ctx;
    ctx.out_dir = options_.out_dir;
    ctx.document = &doc;
    stage = worker.ingest->name();
    ctx.log = get_logger("stage." + stage).get();
    auto reader = worker.ingest->open(input, doc, ctx);
    for (;;) {
      stage = worker.ingest->name();
      ctx.log = get_logger("stage." + stage).get();
      Page page;
      page_number = static_cast<int>(doc.pages.size()) + 1;
      ctx.page = page_number;
      if (!reader->next(page)) break;
      for (auto& ps : worker.page_stages) {
        stage = ps->name();
        ctx.log = get_logger("stage." + stage).get();
        ps->process(page, ctx);
      }
      page.release_image();
      doc.pages.push_back(std::move(page));
    }
    page_number = 0;
    ctx.page = 0;
    for (auto& ds : worker.document_stages) {
      stage = ds->name();
      ctx.log = get_logger("stage." + stage).get();
      ds->process(doc, ctx);
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
  } catch (const Error& e) {
    if (e.page) page_number = *e.page;
    if (!e.stage.empty()) stage = e.stage;
    return fail(e.code(), e.message(), e.detail());
  } catch (const std::bad_alloc&) {
    return fail(ErrorCode::kResourceExhausted, "out of memory", "");
  } catch (const std::exception& e) {
    return fail(ErrorCode::kInternal, std::string("unexpected error: ") + e.what(), "");
  }
}

RunSummary Runner::run(const std::vector<InputDoc>& inputs) {
  auto log = get_logger("runner");
  std::error_code ec;
  fs::create_directories(options_.out_dir, ec);
  if (ec) throw ConfigError("cannot create output folder " + options_.out_dir.string() + ": " + ec.message());

  RunSummary summary;
  summary.results.resize(inputs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex mu;
  const int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(inputs.size())));
  const auto start = std::chrono::steady_clock::now();

  auto work = [&](Worker& worker) {
    for (std::size_t i; (i = next.fetch_add(1)) < inputs.size();) {
      summary.results[i] = process(inputs[i], worker);
      const std::size_t n = ++done;
      std::lock_guard lock(mu);
      const auto& r = summary.results[i];
      log->info("[{}/{}] {} {} ({} pages)", n, inputs.size(), r.id, to_string(r.status), r.pages);
    }
  };
  // Stage instances are made up front so that a stage that cannot start (missing Tesseract
  // language) stops the run before any document, as a configuration error.
  std::vector<Worker> workers;
  for (int j = 0; j < jobs; ++j) workers.push_back(pipeline_.make_worker());
  if (jobs == 1) {
    work(workers[0]);
  } else {
    std::vector<std::thread> threads;
    for (int j = 0; j < jobs; ++j) threads.emplace_back(work, std::ref(workers[static_cast<std::size_t>(j)]));
    for (auto& t : threads) t.join();
  }

  std::string manifest;
  for (const auto& r : summary.results) manifest += r.to_json().dump() + "\n";
  write_file_atomic(options_.out_dir / "manifest.jsonl", manifest);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  log->info("{} documents: {} ok, {} failed, {} skipped; {} pages in {:.1f} s", inputs.size(),
            summary.count(DocStatus::kOk), summary.count(DocStatus::kFailed),
            summary.count(DocStatus::kSkipped), summary.pages(), secs);
  return summary;
}

}  // namespace testimony
