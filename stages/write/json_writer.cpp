// write.json: the document record, records/<doc-id>.json, written atomically. The same input
// and config give a byte-identical file (sorted keys, no clock, rounded confidences).
//   [[stage]]
//   use = "write.json"
//   indent = -1
#include "pipeline/fs.hpp"
#include "pipeline/runner.hpp"
#include "stages/write/write.hpp"

namespace testimony {
namespace {

class JsonWriterStage final : public DocumentStage {
 public:
  explicit JsonWriterStage(const Params& p)
      : DocumentStage("write.json"), indent_(static_cast<int>(p.get_int("indent"))) {}

  void process(Document& doc, Context& ctx) override {
    const std::string bytes =
        to_record(doc).dump(indent_, ' ', false, Json::error_handler_t::replace) + "\n";
    write_file_atomic(record_path(ctx.out_dir, doc.id), bytes);
  }

 private:
  int indent_;
};

}  // namespace

void register_write(Registry& r) {
  r.add({"write.json",
         StageKind::kDocument,
         "writes records/<doc-id>.json, the full record (schema: docs/record.schema.json)",
         {param_int("indent", -1, "JSON indentation; -1 writes one compact line", -1, 8)},
         kCapLayout,
         kCapNone,
         [](const Params& p) { return std::make_unique<JsonWriterStage>(p); }});
  register_tei_writer(r);
  register_alto_writer(r);
}

}  // namespace testimony
