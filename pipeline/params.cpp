// Parameter declarations, checks and typed access.
#include "pipeline/params.hpp"

#include <cassert>
#include <charconv>
#include <sstream>

#include "pipeline/error.hpp"

namespace testimony {

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::kBool: return "boolean";
    case ParamType::kInt: return "integer";
    case ParamType::kFloat: return "float";
    case ParamType::kString: return "string";
    case ParamType::kStringList: return "list of strings";
  }
  return "unknown";
}

namespace {

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ", ") + ("\"" + c + "\"");
  return out;
}

std::string check_choice(const ParamSpec& spec, const std::string& v) {
  if (spec.choices.empty()) return {};
  for (const auto& c : spec.choices)
    if (c == v) return {};
  return "\"" + v + "\" is not one of " + join_choices(spec.choices);
}

std::string fmt_number(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

}  // namespace

std::string ParamSpec::check(const ParamValue& value) const {
  if (type == ParamType::kInt || type == ParamType::kFloat) {
    const double v = type == ParamType::kInt ? static_cast<double>(std::get<int64_t>(value))
                                             : std::get<double>(value);
    if (min && v < *min) return "must be at least " + fmt_number(*min);
    if (max && v > *max) return "must be at most " + fmt_number(*max);
  } else if (type == ParamType::kString) {
    return check_choice(*this, std::get<std::string>(value));
  } else if (type == ParamType::kStringList) {
    for (const auto& item : std::get<std::vector<std::string>>(value)) {
      auto msg = check_choice(*this, item);
      if (!msg.empty()) return msg;
    }
  }
  return {};
}

ParamSpec param_bool(std::string name, bool def, std::string doc) {
  return {std::move(name), ParamType::kBool, def, std::move(doc), {}, {}, {}};
}
ParamSpec param_int(std::string name, int64_t def, std::string doc, std::optional<double> min,
                    std::optional<double> max) {
  return {std::move(name), ParamType::kInt, def, std::move(doc), {}, min, max};
}
ParamSpec param_float(std::string name, double def, std::string doc, std::optional<double> min,
                      std::optional<double> max) {
  return {std::move(name), ParamType::kFloat, def, std::move(doc), {}, min, max};
}
ParamSpec param_string(std::string name, std::string def, std::string doc,
                       std::vector<std::string> choices) {
  return {std::move(name), ParamType::kString, std::move(def), std::move(doc), std::move(choices),
          {}, {}};
}
ParamSpec param_list(std::string name, std::vector<std::string> def, std::string doc,
                     std::vector<std::string> choices) {
  return {std::move(name), ParamType::kStringList, std::move(def), std::move(doc),
          std::move(choices), {}, {}};
}

const ParamValue& Params::at(const std::string& name) const {
  auto it = values_.find(name);
  assert(it != values_.end() && "stage read a parameter it did not declare");
  if (it == values_.end())
    throw Error(ErrorCode::kInternal, "undeclared parameter read: " + name);
  return it->second;
}

bool Params::get_bool(const std::string& n) const { return std::get<bool>(at(n)); }
int64_t Params::get_int(const std::string& n) const { return std::get<int64_t>(at(n)); }
double Params::get_float(const std::string& n) const { return std::get<double>(at(n)); }
const std::string& Params::get_string(const std::string& n) const {
  return std::get<std::string>(at(n));
}
const std::vector<std::string>& Params::get_list(const std::string& n) const {
  return std::get<std::vector<std::string>>(at(n));
}

nlohmann::json Params::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& entry : values_)  // no structured binding: clang 14 cannot capture one
    std::visit([&](const auto& v) { j[entry.first] = v; }, entry.second);
  return j;
}

Params default_params(const std::vector<ParamSpec>& specs) {
  std::map<std::string, ParamValue> values;
  for (const auto& s : specs) values[s.name] = s.default_value;
  return Params(std::move(values));
}

std::string format_param(const ParamValue& value) {
  struct {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buf[64];
      const auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest form that reads back exactly
      std::string s(buf, r.ptr);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    std::string operator()(const std::string& s) const { return nlohmann::json(s).dump(); }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + nlohmann::json(v[i]).dump();
      return out + "]";
    }
  } visitor;
  return std::visit(visitor, value);
}

}  // namespace testimony
