// testimony: scanned testimonies and letters in, archive records out.
//   testimony run --out DIR INPUT...   testimony eval --gold DIR --pred DIR   testimony stages
//   testimony export --out DIR --format tei|alto|jsonl|csv
//   testimony review --out DIR
#include <iostream>

#include "apps/testimony/commands.hpp"
#include "pipeline/log.hpp"
#include "pipeline/process.hpp"

int main(int argc, char** argv) {
  testimony::ensure_single_threaded_openmp(argc, argv);
  using namespace testimony::cli;

  CLI::App app{"testimony: OCR, tag and archive scanned testimonies and letters"};
  app.require_subcommand(1);
  app.fallthrough();  // --log-format and --log-level also after the subcommand
  std::string log_format = "text", log_level = "info";
  app.add_option("--log-format", log_format, "text or json (JSON lines on stderr)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  RunArgs run_args;
  add_run(app, run_args);
  EvalArgs eval_args;
  add_eval(app, eval_args);
  SearchArgs search_args;
  add_search(app, search_args);
  MergeArgs merge_args;
  add_merge(app, merge_args);
  ExportArgs export_args;
  add_export(app, export_args);
  ReviewArgs review_args;
  add_review(app, review_args);
  add_stages(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  testimony::init_logging(log_format == "json" ? testimony::LogFormat::kJson
                                               : testimony::LogFormat::kText,
                          log_level);
  if (app.got_subcommand("run")) return run(run_args);
  if (app.got_subcommand("eval")) return eval(eval_args);
  if (app.got_subcommand("search")) return search(search_args);
  if (app.got_subcommand("merge")) return merge(merge_args);
  if (app.got_subcommand("export")) return export_records(export_args);
  if (app.got_subcommand("review")) return review(review_args);
  if (app.got_subcommand("stages")) return stages();
  return kExitUsage;
}
