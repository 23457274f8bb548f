// Pipeline configuration in TOML: [run] settings and an ordered list of [[stage]] tables,
// validated against the registry's declarations with errors that name file, line and column.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/params.hpp"
#include "pipeline/registry.hpp"

namespace testimony {

// Parameters whose values never reach records or logs ("password").
bool is_secret_param(std::string_view name);

struct SourcePos {
  int line = 0;
  int column = 0;
};

struct StageConfig {
  const StageInfo* info = nullptr;
  Params params;
  SourcePos pos;  // of the [[stage]] table
};

struct Config {
  std::string path;  // for messages
  Params run;        // [run] settings, declared by run_param_specs()
  std::vector<StageConfig> stages;

  // The stages in canonical TOML (every parameter, defaults included, keys sorted). Run
  // settings are left out: they change how a run goes, never what a record says.
  // `redact` hides secrets (PDF passwords) for provenance; the hash covers them.
  std::string canonical(bool redact = false) const;
  std::string hash() const;  // SHA-256 of canonical(), hex
};

// The keys of [run].
const std::vector<ParamSpec>& run_param_specs();

// Parses and validates; `sets` are "KEY=VALUE" overrides (run.jobs=2, ocr.tesseract.psm=6).
// Throws ConfigError with a message of the form "FILE:LINE:COL: ...".
Config parse_config(std::string_view text, const std::string& path, const Registry& registry,
                    const std::vector<std::string>& sets = {});
Config load_config(const std::filesystem::path& path, const Registry& registry,
                   const std::vector<std::string>& sets = {});

}  // namespace testimony
