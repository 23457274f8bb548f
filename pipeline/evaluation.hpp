// Evaluation against gold fixtures (testimony eval): CER/WER per page, case, language, kind
// and group; entity precision/recall/F1 per type, strict and lenient; value accuracy; and
// the comparison with a committed baseline that makes CI fail on regression.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/document.hpp"
#include "pipeline/metrics.hpp"

namespace testimony {

struct Mention {
  EntityType type = EntityType::kPerson;
  int page = 0;
  std::string text;
  std::string value;
};

struct GoldCase {
  std::string id;  // path of the case folder relative to the gold root
  std::filesystem::path dir;
  std::vector<std::string> languages;
  std::string kind;
  std::string group;  // "main" or "holdout"
  std::vector<std::string> page_texts;  // gold/page-NNNN.gt.txt, in page order
  std::vector<Mention> mentions;
};

// Reads every case (a folder with case.json) under `root`. Throws ConfigError when a gold
// file is malformed (naming file and line).
std::vector<GoldCase> load_gold(const std::filesystem::path& root);

struct TypeCounts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  TypeCounts& operator+=(const TypeCounts& o);
};

struct EntityScore {
  std::map<EntityType, TypeCounts> strict, lenient;
  std::map<EntityType, int> value_correct, value_total;  // over matched (strict or lenient)
  EntityScore& operator+=(const EntityScore& o);
};

// Scores predictions against gold per page as multisets: strict = same type and equal text
// after match_fold; lenient = strict, or one text contains the other.
EntityScore score_entities(const std::vector<Mention>& gold, const std::vector<Mention>& pred);

// The full report as JSON (report.json) and its flat metric map ("cer", "holdout.cer",
// "case.<id>.cer", "entities.strict.f1.date", "kind.<kind>.strict.f1.date", ...), used for
// baselines.
struct EvalReport {
  Json json;
  std::map<std::string, double> metrics;
  std::vector<std::string> missing;  // gold cases with no record
  std::string markdown() const;
  std::string table() const;  // for stdout
};

EvalReport evaluate(const std::filesystem::path& gold_root, const std::filesystem::path& pred_dir);

struct Regression {
  std::string metric;
  double baseline = 0, current = 0, tolerance = 0;
};

// Metrics worse than the baseline by more than their tolerance (lower is better for names
// ending in "cer"/"wer", higher for the rest). A baseline metric missing now is a regression;
// a metric the baseline does not have yet is not compared.
std::vector<Regression> compare_with_baseline(const EvalReport& report, const Json& baseline);
// A baseline file for the report: its metrics and the default tolerances.
Json make_baseline(const EvalReport& report);

}  // namespace testimony
