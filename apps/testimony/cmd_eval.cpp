// testimony eval: scores records against gold fixtures and, with --baseline, fails on
// regression naming each metric that got worse.
#include <cmath>
#include <iostream>

#include "apps/testimony/commands.hpp"
#include "pipeline/error.hpp"
#include "pipeline/evaluation.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/log.hpp"

namespace testimony::cli {

void add_eval(CLI::App& app, EvalArgs& a) {
  CLI::App* eval = app.add_subcommand("eval", "score records against gold fixtures (CER/WER, entity F1)");
  eval->add_option("--gold", a.gold, "folder of gold cases (fixtures/)")->required();
  eval->add_option("--pred", a.pred, "output folder of a run (holds records/)")->required();
  eval->add_option("--baseline", a.baseline, "baseline JSON; exit 1 when a metric got worse");
  eval->add_option("--report", a.report, "folder for report.json and report.md");
  eval->add_option("--write-baseline", a.write_baseline, "write a baseline JSON from this evaluation");
}

int eval(const EvalArgs& a) {
  auto log = get_logger("eval");
  try {
    const EvalReport report = evaluate(a.gold, a.pred);
    std::cout << report.table();
    if (!a.report.empty()) {
      write_file_atomic(std::filesystem::path(a.report) / "report.json", report.json.dump(2) + "\n");
      write_file_atomic(std::filesystem::path(a.report) / "report.md", report.markdown());
    }
    if (!a.write_baseline.empty())
      write_file_atomic(a.write_baseline, make_baseline(report).dump(2) + "\n");
    if (!a.baseline.empty()) {
      const Json baseline = Json::parse(read_file(a.baseline));
      const auto regressions = compare_with_baseline(report, baseline);
      if (!regressions.empty()) {
        std::cout << "\nREGRESSION against " << a.baseline << ":\n";
        for (const auto& r : regressions) {
          std::cout << "  " << r.metric << ": baseline " << r.baseline << ", now ";
          if (std::isnan(r.current)) std::cout << "missing";
          else std::cout << r.current;
          std::cout << " (tolerance " << r.tolerance << ")\n";
        }
        return kExitFailures;
      }
      std::cout << "\nno regression against " << a.baseline << " (" << baseline.at("metrics").size()
                << " metrics)\n";
    }
    return kExitOk;
  } catch (const ConfigError& e) {
    log->error("{}", e.what());
    return kExitUsage;
  } catch (const Error& e) {
    log->error("{}", e.message());
    return kExitUsage;
  } catch (const Json::exception& e) {
    log->error("baseline {}: {}", a.baseline, e.what());
    return kExitUsage;
  }
}

}  // namespace testimony::cli
