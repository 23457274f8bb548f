// The explicit registry: every stage by dotted name with its kind, parameters, capabilities
// and factory. Families add themselves through register_<family>(Registry&); no static init.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/params.hpp"
#include "pipeline/stage.hpp"

namespace testimony {

enum class StageKind { kIngest, kPage, kDocument };
std::string_view to_string(StageKind kind);

struct StageInfo {
  std::string name;  // "ocr.tesseract"
  StageKind kind;
  std::string doc;  // one line
  std::vector<ParamSpec> params;
  unsigned needs = kCapNone;
  unsigned provides = kCapNone;
  std::function<std::unique_ptr<Stage>(const Params&)> make;

  const ParamSpec* param(std::string_view name) const;
};

class Registry {
 public:
  void add(StageInfo info);  // a duplicate name is a programmer error
  const StageInfo* find(std::string_view name) const;
  const std::vector<StageInfo>& all() const { return stages_; }
  // The registered name closest to `name` (edit distance), or "" when nothing is close.
  std::string closest(std::string_view name) const;

 private:
  std::vector<StageInfo> stages_;
};

// Levenshtein distance over bytes, for "did you mean" suggestions.
std::size_t edit_distance_bytes(std::string_view a, std::string_view b);
// The candidate closest to `word`, or "" when none is within a third of its length (min 2).
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace testimony
