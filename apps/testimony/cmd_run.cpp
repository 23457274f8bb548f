// testimony run: config → pipeline → documents → records and manifest.
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

void add_run(CLI::App& app, RunArgs& a) {
  CLI::App* run = app.add_subcommand("run", "run the pipeline over documents");
  run->add_option("--config,-c", a.config, "pipeline config (TOML); default: configs/default.toml, built in");
  run->add_option("--set", a.sets, "override a config value: STAGE.KEY=VALUE or run.KEY=VALUE");
  run->add_option("--jobs,-j", a.jobs, "worker threads (0 = all cores; default from config)")
      ->check(CLI::Range(0, 1024));
  run->add_flag("--resume", a.resume, "skip documents whose record matches input and config");
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
    Discovery found = discover_inputs(a.inputs);
    for (const auto& w : found.warnings) log->warn("{}", w);
    if (found.documents.empty()) {
      log->error("no documents found in the given inputs");
      return kExitUsage;
    }
    int jobs = a.jobs >= 0 ? a.jobs : static_cast<int>(pipeline.config().run.get_int("jobs"));
    if (jobs == 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    Runner runner(pipeline, {a.out, jobs, a.resume});
    const RunSummary summary = runner.run(found.documents);

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
