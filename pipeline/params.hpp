// Declared, typed stage parameters: a stage lists ParamSpecs (name, type, default, doc);
// the config loader validates against them and hands the stage a frozen Params.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace testimony {

enum class ParamType { kBool, kInt, kFloat, kString, kStringList };
std::string_view to_string(ParamType type);

using ParamValue = std::variant<bool, int64_t, double, std::string, std::vector<std::string>>;

struct ParamSpec {
  std::string name;
  ParamType type;
  ParamValue default_value;
  std::string doc;
  std::vector<std::string> choices;  // for strings (and each list item): allowed values
  std::optional<double> min;         // for numbers: inclusive bounds
  std::optional<double> max;

  // Checks a value of the right type against choices and bounds; returns a message or "".
  std::string check(const ParamValue& value) const;
};

// Helpers to declare specs tersely in a stage's registration.
ParamSpec param_bool(std::string name, bool def, std::string doc);
ParamSpec param_int(std::string name, int64_t def, std::string doc,
                    std::optional<double> min = std::nullopt,
                    std::optional<double> max = std::nullopt);
ParamSpec param_float(std::string name, double def, std::string doc,
                      std::optional<double> min = std::nullopt,
                      std::optional<double> max = std::nullopt);
ParamSpec param_string(std::string name, std::string def, std::string doc,
                       std::vector<std::string> choices = {});
ParamSpec param_list(std::string name, std::vector<std::string> def, std::string doc,
                     std::vector<std::string> choices = {});

// The validated parameters of one stage instance: every declared name has a value.
class Params {
 public:
  Params() = default;
  explicit Params(std::map<std::string, ParamValue> values) : values_(std::move(values)) {}

  bool get_bool(const std::string& name) const;
  int64_t get_int(const std::string& name) const;
  double get_float(const std::string& name) const;
  const std::string& get_string(const std::string& name) const;
  const std::vector<std::string>& get_list(const std::string& name) const;

  const std::map<std::string, ParamValue>& values() const { return values_; }
  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  nlohmann::json to_json() const;

 private:
  const ParamValue& at(const std::string& name) const;
  std::map<std::string, ParamValue> values_;
};

// Defaults of all specs.
Params default_params(const std::vector<ParamSpec>& specs);

// A value rendered the way TOML writes it ("por", 3, 0.5, true, ["por", "eng"]).
std::string format_param(const ParamValue& value);

}  // namespace testimony
