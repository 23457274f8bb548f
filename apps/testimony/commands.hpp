// Subcommands of the testimony CLI. Each returns the process exit code:
// 0 all good, 1 some documents failed, 2 usage or configuration error, 130 interrupted.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace testimony::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailures = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;  // SIGINT/SIGTERM: finished cleanly, not complete

struct RunArgs {
  std::string config;  // empty: the built-in copy of configs/default.toml
  std::vector<std::string> sets;
  int jobs = -1;  // -1: from config
  bool resume = false;
  std::string shard;  // "I/N"
  std::string out;
  std::vector<std::string> inputs;
};

void add_run(CLI::App& app, RunArgs& args);
int run(const RunArgs& args);

struct EvalArgs {
  std::string gold, pred, baseline, report, write_baseline;
};

void add_eval(CLI::App& app, EvalArgs& args);
int eval(const EvalArgs& args);

struct SearchArgs {
  std::string out;
  std::vector<std::string> query, persons, places;
  std::string date_from, date_to;
  int limit = 50;
};

void add_search(CLI::App& app, SearchArgs& args);
int search(const SearchArgs& args);

struct MergeArgs {
  std::string out;
  std::vector<std::string> shards;
};

void add_merge(CLI::App& app, MergeArgs& args);
int merge(const MergeArgs& args);

struct ExportArgs {
  std::string out;
  std::string format;  // tei | alto | jsonl | csv
};

void add_export(CLI::App& app, ExportArgs& args);
int export_records(const ExportArgs& args);

struct ReviewArgs {
  std::string out;
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string reviewer, token;
};

void add_review(CLI::App& app, ReviewArgs& args);
int review(const ReviewArgs& args);

void add_stages(CLI::App& app);
int stages();

}  // namespace testimony::cli
