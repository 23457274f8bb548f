// testimony run: config → pipeline → documents → records and manifest. SIGINT (Ctrl-C) lets
// the pages in flight finish and ends with a complete manifest; a second one exits at once.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "apps/testimony/commands.hpp"
#include "default_config.hpp"
#include "pipeline/config.hpp"
#include "pipeline/error.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/log.hpp"
#include "pipeline/runner.hpp"
#include "stages/stages.hpp"

namespace testimony::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) {
  g_stop = true;
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
  std::signal(SIGTERM, SIG_DFL);
}

// "I/N" with 1 <= I <= N.
bool parse_shard(const std::string& text, int& index, int& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    std::size_t a = 0, b = 0;
    index = std::stoi(text.substr(0, slash), &a);
    count = std::stoi(text.substr(slash + 1), &b);
    return a == slash && b == text.size() - slash - 1 && count >= 1 && index >= 1 && index <= count;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void add_run(CLI::App& app, RunArgs& a) {
  CLI::App* run = app.add_subcommand("run", "run the pipeline over documents");
  run->add_option("--config,-c", a.config, "pipeline config (TOML); default: configs/default.toml, built in");
  run->add_option("--set", a.sets, "override a config value: STAGE.KEY=VALUE or run.KEY=VALUE");
  run->add_option("--jobs,-j", a.jobs, "worker threads (0 = all cores; default from config)")
      ->check(CLI::Range(0, 1024));
  run->add_flag("--resume", a.resume, "skip documents whose record matches input and config");
  run->add_option("--shard", a.shard, "I/N: take the I-th of N deterministic shares of the inputs (by id)");
  run->add_option("--out,-o", a.out, "output folder")->required();
  run->add_option("inputs", a.inputs, "files, folders (recursed) or a manifest CSV")->required();
}

int run(const RunArgs& a) {
  auto log = get_logger("testimony");
  try {
    const Registry registry = make_registry();
    Config config = a.config.empty()
                        ? parse_config(kDefaultConfig, "configs/default.toml (built in)", registry, a.sets)
                        : load_config(a.config, registry, a.sets);
    const Pipeline pipeline = Pipeline::build(std::move(config));
    int shard = 1, shards = 1;
    if (!a.shard.empty() && !parse_shard(a.shard, shard, shards)) {
      log->error("--shard {}: expected I/N with 1 <= I <= N, e.g. --shard 2/8", a.shard);
      return kExitUsage;
    }
    Discovery found = discover_inputs(a.inputs);
    for (const auto& w : found.warnings) log->warn("{}", w);
    if (found.documents.empty()) {
      log->error("no documents found in the given inputs");
      return kExitUsage;
    }
    if (shards > 1) {
      const std::size_t all = found.documents.size();
      std::erase_if(found.documents,
                    [&](const InputDoc& d) { return shard_of(d.id, shards) != shard - 1; });
      log->info("shard {}/{}: {} of {} documents", shard, shards, found.documents.size(), all);
    }
    int jobs = a.jobs >= 0 ? a.jobs : static_cast<int>(pipeline.config().run.get_int("jobs"));
    if (jobs == 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    RunOptions options;
    options.out_dir = a.out;
    options.jobs = jobs;
    options.resume = a.resume;
    options.page_timeout = static_cast<double>(pipeline.config().run.get_int("page_timeout"));
    options.max_failure_ratio = pipeline.config().run.get_float("max_failure_ratio");
    options.progress_bar = ::isatty(STDERR_FILENO) == 1;
    options.stop = &g_stop;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    Runner runner(pipeline, options);
    const RunSummary summary = runner.run(found.documents);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    std::cout << "documents: " << summary.results.size() << " (" << summary.count(DocStatus::kOk)
              << " ok, " << summary.count(DocStatus::kFailed) << " failed, "
              << summary.count(DocStatus::kSkipped) << " skipped)\n";
    for (const auto& [code, n] : summary.failures_by_code()) std::cout << "  failed " << code << ": " << n << "\n";
    for (const auto& r : summary.results)
      if (r.status == DocStatus::kFailed)
        std::cout << "  " << r.id << ": " << r.stage << ": " << r.message << "\n";
    std::cout << "pages: " << summary.pages() << "\nwords: " << summary.words() << "\n";
    std::printf("mean word confidence: %.3f\n", summary.mean_confidence());
    int total = 0;
    std::string by_type;
    for (const auto& [type, n] : summary.entities()) {
      total += n;
      by_type += (by_type.empty() ? "" : ", ") + std::to_string(n) + " " + type;
    }
    std::cout << "entities: " << total << (by_type.empty() ? "" : " (" + by_type + ")") << "\n";
    std::cout << "records: " << (std::filesystem::path(a.out) / "records").string() << "\n"
              << "manifest: " << (std::filesystem::path(a.out) / "manifest.jsonl").string() << "\n";
    if (!summary.stopped.empty()) {
      std::cout << "stopped early: " << summary.stopped << "; run again with --resume to finish\n";
      return g_stop ? kExitInterrupted : kExitFailures;
    }
    return summary.count(DocStatus::kFailed) > 0 ? kExitFailures : kExitOk;
  } catch (const ConfigError& e) {
    log->error("{}", e.what());
    return kExitUsage;
  } catch (const Error& e) {
    // Raised before any document (a stage that cannot start): the run cannot go on.
    log->error("{}{}", e.message(), e.detail().empty() ? "" : " (" + e.detail() + ")");
    return kExitUsage;
  } catch (const std::exception& e) {
    // A bug outside the per-document boundary: say what it was instead of std::terminate.
    log->error("internal error, the run stopped: {}", e.what());
    return kExitUsage;
  }
}

}  // namespace testimony::cli
