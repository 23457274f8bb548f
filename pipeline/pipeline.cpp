// Whole-pipeline validation and per-worker stage construction.
#include "pipeline/pipeline.hpp"

#include <cassert>

#include "pipeline/error.hpp"

namespace testimony {
namespace {

std::string where(const Config& cfg, const StageConfig& sc) {
  return cfg.path + ":" + std::to_string(sc.pos.line) + ":" + std::to_string(sc.pos.column) + ": ";
}

}  // namespace

std::string program_version() { return TESTIMONY_VERSION; }

Pipeline Pipeline::build(Config config) {
  const auto& stages = config.stages;
  if (stages.empty() || stages.front().info->kind != StageKind::kIngest)
    throw ConfigError(config.path + ": the first [[stage]] must be an ingest stage (use = \"ingest\")");

  unsigned available = kCapNone;
  const StageConfig* last_document_stage = nullptr;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const StageConfig& sc = stages[i];
    const StageInfo& info = *sc.info;
    if (i > 0 && info.kind == StageKind::kIngest)
      throw ConfigError(where(config, sc) + "stage \"" + info.name +
                        "\" is an ingest stage; only the first stage may ingest");
    if (info.kind == StageKind::kPage && last_document_stage)
      throw ConfigError(where(config, sc) + "page stage \"" + info.name +
                        "\" cannot come after document stage \"" +
                        last_document_stage->info->name + "\"; move it up");
    if (info.kind == StageKind::kDocument) last_document_stage = &sc;

    const unsigned missing = info.needs & ~available;
    if (missing != kCapNone) {
      std::string provider;
      for (const auto& other : stages)
        if ((other.info->provides & missing) == missing) provider = other.info->name;
      std::string msg = where(config, sc) + "stage \"" + info.name + "\" needs " +
                        describe_capabilities(missing) + ", which no earlier stage provides";
      if (!provider.empty()) msg += " (\"" + provider + "\" provides it but comes later)";
      throw ConfigError(msg);
    }
    available |= info.provides;
  }
  return Pipeline(std::move(config));
}

Worker Pipeline::make_worker(unsigned parts) const {
  Worker w;
  for (const auto& sc : config_.stages) {
    const unsigned part = sc.info->kind == StageKind::kIngest ? kIngest
                          : sc.info->kind == StageKind::kPage ? kPageStages
                                                              : kDocumentStages;
    if (!(parts & part)) continue;
    std::unique_ptr<Stage> s = sc.info->make(sc.params);
    assert(s && "stage factory returned nothing");
    w.tools.update(s->tools());
    switch (sc.info->kind) {
      case StageKind::kIngest:
        assert(dynamic_cast<IngestStage*>(s.get()));
        w.ingest.reset(static_cast<IngestStage*>(s.release()));
        break;
      case StageKind::kPage:
        assert(dynamic_cast<PageStage*>(s.get()));
        w.page_stages.emplace_back(static_cast<PageStage*>(s.release()));
        break;
      case StageKind::kDocument:
        assert(dynamic_cast<DocumentStage*>(s.get()));
        w.document_stages.emplace_back(static_cast<DocumentStage*>(s.release()));
        break;
    }
  }
  return w;
}

Provenance Pipeline::provenance() const {
  Provenance p;
  p.program = "testimony";
  p.version = program_version();
  p.config = config_.canonical(/*redact=*/true);
  p.config_hash = config_.hash();
  for (const auto& sc : config_.stages) {
    Json params = sc.params.to_json();
    for (auto& [name, value] : params.items())
      if (is_secret_param(name) && value.is_string() && !value.get<std::string>().empty()) value = "(redacted)";
    p.stages.push_back({sc.info->name, std::move(params)});
  }
  return p;
}

}  // namespace testimony
