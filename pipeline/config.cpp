// TOML config loading and validation (toml++), --set overrides, canonical form and hash.
#include "pipeline/config.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "pipeline/error.hpp"
#include "pipeline/hash.hpp"

namespace testimony {
namespace {

[[noreturn]] void fail(const std::string& path, const toml::source_region& where,
                       const std::string& message) {
  throw ConfigError(path + ":" + std::to_string(where.begin.line) + ":" +
                    std::to_string(where.begin.column) + ": " + message);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = closest_name(word, candidates);
  return best.empty() ? std::string() : "; did you mean \"" + best + "\"?";
}

std::string node_kind(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

std::string article(ParamType t) {
  return t == ParamType::kInt ? "an integer" : "a " + std::string(to_string(t));
}

// Converts a TOML node to a value of the spec's type, or returns an error message.
std::optional<ParamValue> convert(const toml::node& n, const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::kBool:
      if (auto v = n.as_boolean()) return ParamValue(v->get());
      break;
    case ParamType::kInt:
      if (auto v = n.as_integer()) return ParamValue(int64_t{v->get()});
      break;
    case ParamType::kFloat:
      if (auto v = n.as_floating_point()) return ParamValue(v->get());
      if (auto v = n.as_integer()) return ParamValue(static_cast<double>(v->get()));
      break;
    case ParamType::kString:
      if (auto v = n.as_string()) return ParamValue(v->get());
      break;
    case ParamType::kStringList:
      if (auto arr = n.as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *arr) {
          if (!item.is_string()) return std::nullopt;
          items.push_back(item.as_string()->get());
        }
        return ParamValue(std::move(items));
      }
      break;
  }
  return std::nullopt;
}

// Validates a table of parameters against specs into `out`. `owner` names the table in
// messages: "stage \"ocr.tesseract\"" or "[run]".
void read_params(const std::string& path, const toml::table& table, const std::string& owner,
                 const std::vector<ParamSpec>& specs, Params& out, bool skip_use) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back(s.name);
  for (auto&& [key, node] : table) {
    if (skip_use && key.str() == "use") continue;
    const ParamSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == key.str()) spec = &s;
    if (!spec)
      fail(path, key.source(),
           owner + " has no parameter \"" + std::string(key.str()) + "\"" +
               did_you_mean(key.str(), names));
    auto value = convert(node, *spec);
    if (!value)
      fail(path, node.source(),
           "parameter \"" + spec->name + "\" of " + owner + " must be " + article(spec->type) +
               ", not " + node_kind(node));
    if (auto msg = spec->check(*value); !msg.empty())
      fail(path, node.source(), "parameter \"" + spec->name + "\" of " + owner + ": " + msg);
    out.set(spec->name, std::move(*value));
  }
}

// Parses the VALUE of --set as a TOML value; a bare word is a string, and for list
// parameters a comma-separated string is a list.
ParamValue parse_set_value(const std::string& flag, std::string_view raw, const ParamSpec& spec) {
  toml::table t;
  bool parsed = true;
  try {
    t = toml::parse("v = " + std::string(raw));
  } catch (const toml::parse_error&) {
    parsed = false;
  }
  if (parsed) {
    if (auto v = convert(*t.get("v"), spec)) return *v;
    if (spec.type != ParamType::kString && spec.type != ParamType::kStringList)
      throw ConfigError("--set " + flag + ": parameter \"" + spec.name + "\" must be " +
                        article(spec.type) + ", not " + node_kind(*t.get("v")));
  }
  if (spec.type == ParamType::kString) return ParamValue(std::string(raw));
  if (spec.type == ParamType::kStringList) {
    std::vector<std::string> items;
    std::string item;
    std::istringstream is{std::string(raw)};
    while (std::getline(is, item, ','))
      if (!item.empty()) items.push_back(item);
    return ParamValue(std::move(items));
  }
  throw ConfigError("--set " + flag + ": \"" + std::string(raw) + "\" is not " +
                    article(spec.type));
}

void apply_set(Config& cfg, const std::string& flag, const Registry& registry) {
  const auto eq = flag.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError("--set " + flag + ": expected KEY=VALUE, e.g. ocr.tesseract.psm=6");
  const std::string key = flag.substr(0, eq);
  const std::string_view raw = std::string_view(flag).substr(eq + 1);
  const auto dot = key.rfind('.');
  if (dot == std::string::npos)
    throw ConfigError("--set " + flag + ": KEY must be run.NAME or STAGE.NAME");
  const std::string owner = key.substr(0, dot), name = key.substr(dot + 1);

  auto set_one = [&](const std::vector<ParamSpec>& specs, Params& params, const std::string& what) {
    std::vector<std::string> names;
    const ParamSpec* spec = nullptr;
    for (const auto& s : specs) {
      names.push_back(s.name);
      if (s.name == name) spec = &s;
    }
    if (!spec)
      throw ConfigError("--set " + flag + ": " + what + " has no parameter \"" + name + "\"" +
                        did_you_mean(name, names));
    ParamValue v = parse_set_value(flag, raw, *spec);
    if (auto msg = spec->check(v); !msg.empty())
      throw ConfigError("--set " + flag + ": parameter \"" + name + "\" of " + what + ": " + msg);
    params.set(name, std::move(v));
  };

  if (owner == "run") {
    set_one(run_param_specs(), cfg.run, "[run]");
    return;
  }
  bool found = false;
  for (auto& sc : cfg.stages) {
    if (sc.info->name != owner) continue;
    set_one(sc.info->params, sc.params, "stage \"" + owner + "\"");
    found = true;
  }
  if (!found) {
    std::vector<std::string> present;
    for (const auto& sc : cfg.stages) present.push_back(sc.info->name);
    std::string hint = did_you_mean(owner, present);
    if (hint.empty() && registry.find(owner)) hint = "; add a [[stage]] with use = \"" + owner + "\"";
    throw ConfigError("--set " + flag + ": stage \"" + owner + "\" is not in the config" + hint);
  }
}

}  // namespace

const std::vector<ParamSpec>& run_param_specs() {
  static const std::vector<ParamSpec> specs = {
      param_int("jobs", 0, "worker threads; 0 = all cores", 0, 1024),
      param_int("page_timeout", 600, "seconds a page may take in the page stages; 0 = no limit", 0,
                86400),
      param_float("max_failure_ratio", 1.0,
                  "stop taking documents when more than this share of finished ones failed "
                  "(checked from the 20th document on); 1 = never stop", 0.0, 1.0),
  };
  return specs;
}

bool is_secret_param(std::string_view name) { return name == "password" || name == "token"; }

std::string Config::canonical(bool redact) const {
  std::string out;
  for (const auto& sc : stages) {
    out += "[[stage]]\nuse = \"" + sc.info->name + "\"\n";
    for (const auto& [name, value] : sc.params.values())
      out += name + " = " +
             (redact && is_secret_param(name) ? std::string("\"(redacted)\"") : format_param(value)) + "\n";
    out += "\n";
  }
  return out;
}

std::string Config::hash() const { return sha256_hex(canonical()); }

Config parse_config(std::string_view text, const std::string& path, const Registry& registry,
                    const std::vector<std::string>& sets) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(path, e.source(), std::string(e.description()));
  }

  Config cfg;
  cfg.path = path;
  cfg.run = default_params(run_param_specs());
  std::vector<std::string> registered;
  for (const auto& s : registry.all()) registered.push_back(s.name);

  for (auto&& [key, node] : root) {
    if (key.str() == "run") {
      const toml::table* run = node.as_table();
      if (!run) fail(path, node.source(), "\"run\" must be a table: [run]");
      read_params(path, *run, "[run]", run_param_specs(), cfg.run, false);
    } else if (key.str() == "stage") {
      const toml::array* arr = node.as_array();
      if (!arr || !arr->is_array_of_tables())
        fail(path, node.source(), "\"stage\" must be an array of tables: [[stage]]");
      for (const auto& item : *arr) {
        const toml::table& t = *item.as_table();
        const toml::node* use = t.get("use");
        if (!use) fail(path, t.source(), "[[stage]] has no \"use\" key naming the stage");
        if (!use->is_string()) fail(path, use->source(), "\"use\" must be a string naming a stage");
        const std::string name = use->as_string()->get();
        const StageInfo* info = registry.find(name);
        if (!info)
          fail(path, use->source(), "unknown stage \"" + name + "\"" + did_you_mean(name, registered));
        StageConfig sc{info, default_params(info->params), {static_cast<int>(t.source().begin.line),
                                                            static_cast<int>(t.source().begin.column)}};
        read_params(path, t, "stage \"" + name + "\"", info->params, sc.params, true);
        cfg.stages.push_back(std::move(sc));
      }
    } else {
      fail(path, key.source(),
           "unknown section \"" + std::string(key.str()) + "\" (expected [run] or [[stage]])" +
               did_you_mean(key.str(), {"run", "stage"}));
    }
  }
  if (cfg.stages.empty()) throw ConfigError(path + ": no [[stage]] tables; nothing to run");
  for (const auto& s : sets) apply_set(cfg, s, registry);
  return cfg;
}

Config load_config(const std::filesystem::path& path, const Registry& registry,
                   const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path.string() + ": cannot read config file");
  std::ostringstream os;
  os << in.rdbuf();
  return parse_config(os.str(), path.string(), registry, sets);
}

}  // namespace testimony
