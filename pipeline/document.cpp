// Document model helpers and the record JSON mapping (to_record / from_record).
#include "pipeline/document.hpp"

#include <array>
#include <utility>

#include "pipeline/error.hpp"

namespace testimony {
namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, n] : table)
    if (v == e) return n;
  return "unknown";
}

constexpr std::array<std::pair<TextSource, std::string_view>, 4> kTextSources{{
    {TextSource::kNone, "none"},
    {TextSource::kOcr, "ocr"},
    {TextSource::kTextLayer, "text-layer"},
    {TextSource::kTranscription, "transcription"},
}};
constexpr std::array<std::pair<EntityType, std::string_view>, 4> kEntityTypes{{
    {EntityType::kPerson, "person"},
    {EntityType::kPlace, "place"},
    {EntityType::kDate, "date"},
    {EntityType::kOrganization, "organization"},
}};
constexpr std::array<std::pair<ReviewStatus, std::string_view>, 5> kReviewStatuses{{
    {ReviewStatus::kPending, "pending"},
    {ReviewStatus::kAccepted, "accepted"},
    {ReviewStatus::kRejected, "rejected"},
    {ReviewStatus::kEdited, "edited"},
    {ReviewStatus::kAdded, "added"},
}};

Json box_json(const BBox& b) { return Json::array({b.x0, b.y0, b.x1, b.y1}); }

BBox box_from(const Json& j) {
  if (!j.is_array() || j.size() != 4) throw Error(ErrorCode::kInvalidInput, "bbox is not [x0,y0,x1,y1]");
  return {j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

// Confidence rounded to 4 decimals so records are stable across platforms' float printing.
double round4(double v) { return static_cast<double>(static_cast<long long>(v * 10000.0 + (v >= 0 ? 0.5 : -0.5))) / 10000.0; }

Json page_json(const Page& p) {
  Json blocks = Json::array();
  for (const Block& b : p.blocks) {
    Json lines = Json::array();
    for (uint32_t li = b.first_line; li < b.first_line + b.line_count; ++li) {
      const Line& l = p.lines[li];
      Json words = Json::array();
      for (uint32_t wi = l.first_word; wi < l.first_word + l.word_count; ++wi) {
        const Word& w = p.words[wi];
        Json jw = {{"text", w.text}, {"bbox", box_json(w.bbox)}, {"confidence", round4(w.confidence)}};
        if (!w.language.empty()) jw["language"] = w.language;
        if (!w.first_reading.empty()) jw["first_reading"] = w.first_reading;
        words.push_back(std::move(jw));
      }
      lines.push_back({{"bbox", box_json(l.bbox)}, {"words", std::move(words)}});
    }
    blocks.push_back({{"bbox", box_json(b.bbox)}, {"lines", std::move(lines)}});
  }
  Json j = {{"number", p.number},        {"width", p.width},
            {"height", p.height},        {"dpi", p.dpi},
            {"text_source", to_string(p.text_source)}, {"text", p.text},
            {"blocks", std::move(blocks)}, {"processing", p.processing},
            {"warnings", p.warnings}};
  return j;
}

Page page_from(const Json& j) {
  Page p;
  p.number = j.at("number").get<int>();
  p.width = j.at("width").get<int>();
  p.height = j.at("height").get<int>();
  p.dpi = j.at("dpi").get<int>();
  auto source = text_source_from(j.at("text_source").get<std::string>());
  if (!source) throw Error(ErrorCode::kInvalidInput, "unknown text_source in record");
  p.text_source = *source;
  for (const Json& b : j.at("blocks")) {
    p.begin_block(box_from(b.at("bbox")));
    for (const Json& l : b.at("lines")) {
      p.begin_line(box_from(l.at("bbox")));
      for (const Json& w : l.at("words")) {
        p.add_word({w.at("text").get<std::string>(), box_from(w.at("bbox")), w.at("confidence").get<float>(),
                    w.value("language", std::string()), w.value("first_reading", std::string())});
      }
    }
  }
  p.text = j.at("text").get<std::string>();
  p.processing = j.value("processing", Json::object());
  p.warnings = j.value("warnings", std::vector<std::string>{});
  return p;
}

}  // namespace

std::string_view to_string(TextSource s) { return name_of(kTextSources, s); }
std::optional<TextSource> text_source_from(std::string_view n) { return lookup(kTextSources, n); }
std::string_view to_string(EntityType t) { return name_of(kEntityTypes, t); }
std::optional<EntityType> entity_type_from(std::string_view n) { return lookup(kEntityTypes, n); }
std::string_view to_string(ReviewStatus s) { return name_of(kReviewStatuses, s); }
std::optional<ReviewStatus> review_status_from(std::string_view n) {
  return lookup(kReviewStatuses, n);
}

void Page::begin_block(const BBox& box) {
  blocks.push_back({box, static_cast<uint32_t>(lines.size()), 0});
}

void Page::begin_line(const BBox& box) {
  if (blocks.empty()) begin_block(box);
  lines.push_back({box, static_cast<uint32_t>(words.size()), 0});
  ++blocks.back().line_count;
}

void Page::add_word(Word word) {
  if (lines.empty()) begin_line(word.bbox);
  words.push_back(std::move(word));
  ++lines.back().word_count;
}

void Page::rebuild_text() {
  text.clear();
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const Block& b = blocks[bi];
    if (bi > 0) text += "\n\n";
    for (uint32_t li = b.first_line; li < b.first_line + b.line_count; ++li) {
      if (li > b.first_line) text += '\n';
      const Line& l = lines[li];
      for (uint32_t wi = l.first_word; wi < l.first_word + l.word_count; ++wi) {
        if (wi > l.first_word) text += ' ';
        text += words[wi].text;
      }
    }
  }
}

Json to_record(const Document& doc) {
  Json pages = Json::array();
  for (const Page& p : doc.pages) pages.push_back(page_json(p));

  Json entities = Json::array();
  for (const Entity& e : doc.entities) {
    Json boxes = Json::array();
    for (const BBox& b : e.bboxes) boxes.push_back(box_json(b));
    entities.push_back({{"type", to_string(e.type)},
                        {"text", e.text},
                        {"value", e.value},
                        {"page", e.page},
                        {"start", e.start},
                        {"end", e.end},
                        {"bboxes", std::move(boxes)},
                        {"authority", e.authority.empty() ? Json(nullptr) : Json(e.authority)},
                        {"confidence", round4(e.confidence)},
                        {"evidence", e.evidence},
                        {"review", to_string(e.review)}});
  }
  Json segments = Json::array();
  for (const TextSegment& s : doc.segments)
    segments.push_back(Json::array({s.start, s.end, s.page, s.word}));

  Json stages = Json::array();
  for (const auto& s : doc.provenance.stages)
    stages.push_back({{"name", s.name}, {"params", s.params}});

  return {{"schema_version", kSchemaVersion},
          {"id", doc.id},
          {"source",
           {{"path", doc.source.path},
            {"sha256", doc.source.sha256},
            {"media_type", doc.source.media_type},
            {"size", doc.source.size}}},
          {"metadata", doc.metadata},
          {"pages", std::move(pages)},
          {"text", doc.text},
          {"segments", std::move(segments)},
          {"entities", std::move(entities)},
          {"warnings", doc.warnings},
          {"processing", doc.processing},
          {"provenance",
           {{"program", doc.provenance.program},
            {"version", doc.provenance.version},
            {"config_hash", doc.provenance.config_hash},
            {"config", doc.provenance.config},
            {"stages", std::move(stages)},
            {"tools", doc.provenance.tools}}}};
}

Document from_record(const Json& j) {
  try {
    Document doc;
    const auto version = j.at("schema_version").get<std::string>();
    if (version.substr(0, version.find('.')) != kSchemaVersion.substr(0, kSchemaVersion.find('.')))
      throw Error(ErrorCode::kUnsupported, "record schema version " + version + " is not supported");
    doc.id = j.at("id").get<std::string>();
    const Json& src = j.at("source");
    doc.source = {src.at("path").get<std::string>(), src.at("sha256").get<std::string>(),
                  src.at("media_type").get<std::string>(), src.value("size", uint64_t{0})};
    doc.metadata = j.value("metadata", Json::object());
    for (const Json& p : j.at("pages")) doc.pages.push_back(page_from(p));
    doc.text = j.value("text", std::string());
    for (const Json& s : j.value("segments", Json::array()))
      doc.segments.push_back({s.at(0).get<uint32_t>(), s.at(1).get<uint32_t>(),
                              s.at(2).get<uint32_t>(), s.at(3).get<uint32_t>()});
    for (const Json& e : j.value("entities", Json::array())) {
      Entity ent;
      auto type = entity_type_from(e.at("type").get<std::string>());
      auto review = review_status_from(e.value("review", std::string("pending")));
      if (!type || !review) throw Error(ErrorCode::kInvalidInput, "unknown entity type or review status");
      ent.type = *type;
      ent.review = *review;
      ent.text = e.at("text").get<std::string>();
      ent.value = e.value("value", std::string());
      ent.page = e.at("page").get<int>();
      ent.start = e.at("start").get<uint32_t>();
      ent.end = e.at("end").get<uint32_t>();
      for (const Json& b : e.value("bboxes", Json::array())) ent.bboxes.push_back(box_from(b));
      if (e.contains("authority") && e["authority"].is_string())
        ent.authority = e["authority"].get<std::string>();
      ent.confidence = e.value("confidence", 0.0);
      ent.evidence = e.value("evidence", std::vector<std::string>{});
      doc.entities.push_back(std::move(ent));
    }
    doc.warnings = j.value("warnings", std::vector<std::string>{});
    doc.processing = j.value("processing", Json::object());
    const Json& prov = j.at("provenance");
    doc.provenance.program = prov.value("program", std::string());
    doc.provenance.version = prov.value("version", std::string());
    doc.provenance.config_hash = prov.value("config_hash", std::string());
    doc.provenance.config = prov.value("config", std::string());
    for (const Json& s : prov.value("stages", Json::array()))
      doc.provenance.stages.push_back({s.at("name").get<std::string>(), s.value("params", Json::object())});
    doc.provenance.tools = prov.value("tools", Json::object());
    return doc;
  } catch (const Json::exception& e) {
    throw Error(ErrorCode::kInvalidInput, "malformed record", e.what());
  }
}

}  // namespace testimony
