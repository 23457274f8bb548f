// Registry lookups and "did you mean" suggestions.
#include "pipeline/registry.hpp"

#include <algorithm>
#include <cassert>

#include "pipeline/metrics.hpp"

namespace testimony {

std::string_view to_string(StageKind kind) {
  switch (kind) {
    case StageKind::kIngest: return "ingest";
    case StageKind::kPage: return "page";
    case StageKind::kDocument: return "document";
  }
  return "unknown";
}

std::string describe_capabilities(unsigned caps) {
  static const std::pair<unsigned, const char*> kNames[] = {
      {kCapPageImage, "page images"}, {kCapLayout, "OCR layout"}, {kCapText, "normalized text"},
      {kCapEntities, "entities"},     {kCapLinked, "linked entities"}};
  std::string out;
  for (const auto& [bit, name] : kNames)
    if (caps & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  return out.empty() ? "nothing" : out;
}

const ParamSpec* StageInfo::param(std::string_view n) const {
  for (const auto& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

void Registry::add(StageInfo info) {
  assert(!find(info.name) && "stage registered twice");
  stages_.push_back(std::move(info));
}

const StageInfo* Registry::find(std::string_view name) const {
  for (const auto& s : stages_)
    if (s.name == name) return &s;
  return nullptr;
}

std::string Registry::closest(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& s : stages_) names.push_back(s.name);
  return closest_name(name, names);
}

std::size_t edit_distance_bytes(std::string_view a, std::string_view b) {
  return levenshtein(std::vector<char>(a.begin(), a.end()), std::vector<char>(b.begin(), b.end()));
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance_bytes(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace testimony
