// write.catalog: adds each document (pages, entities, dates as ranges) to catalog.sqlite under
// --out, replacing an earlier version of the same document; review history is kept. Each
// worker has its own connection; WAL and a busy timeout let them write side by side.
//   [[stage]]
//   use = "write.catalog"
#include <memory>

#include "catalog/catalog.hpp"
#include "stages/write/write.hpp"

namespace testimony {
namespace {

class CatalogWriterStage final : public DocumentStage {
 public:
  CatalogWriterStage() : DocumentStage("write.catalog") {}

  void process(Document& doc, Context& ctx) override {
    const auto path = catalog_path(ctx.out_dir);
    if (!catalog_ || catalog_->db().path() != path) catalog_ = std::make_unique<Catalog>(path);
    // The catalog holds what the record holds (confidences rounded as written), so a catalog
    // rebuilt from records by `testimony merge` is the same as one written during a run.
    catalog_->put(from_record(to_record(doc)));
  }

 private:
  std::unique_ptr<Catalog> catalog_;  // opened on the first document, kept for the worker
};

}  // namespace

void register_catalog_writer(Registry& r) {
  r.add({"write.catalog",
         StageKind::kDocument,
         "adds documents, pages and entities to catalog.sqlite (FTS5 search; review history kept)",
         {},
         kCapLayout,
         kCapNone,
         [](const Params&) { return std::make_unique<CatalogWriterStage>(); }});
}

}  // namespace testimony
