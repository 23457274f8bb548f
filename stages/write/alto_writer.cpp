// write.alto: ALTO v4.4, one file per page, alto/<doc-id>/page-0001.xml, written atomically:
// words with boxes and confidences (String, SP), and the entities on the page as
// NamedEntityTags referenced from the Strings of each mention (TAGREFS).
//   [[stage]]
//   use = "write.alto"
//   named_entities = true
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "pipeline/fs.hpp"
#include "pipeline/offsets.hpp"
#include "stages/write/write.hpp"
#include "stages/write/writers.hpp"
#include "stages/write/xml.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

constexpr const char* kAltoNs = "http://www.loc.gov/standards/alto/ns-v4#";
constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

void position(xmlNode* node, const BBox& b) {
  xml::attr(node, "HPOS", b.x0);
  xml::attr(node, "VPOS", b.y0);
  xml::attr(node, "WIDTH", std::max(0, b.width()));
  xml::attr(node, "HEIGHT", std::max(0, b.height()));
}

// Confidence as the record rounds it (4 decimals), so a run and an export from its record
// write the same bytes.
std::string confidence(float c) {
  double v = static_cast<double>(c);
  v = static_cast<double>(static_cast<long long>(v * 10000.0 + (v >= 0 ? 0.5 : -0.5))) / 10000.0;
  return xml::decimal(std::clamp(v, 0.0, 1.0), 4);
}

// xsd:language ("por", "en-GB"); Tesseract names such as "chi_sim" are left out, and so are
// its script models ("Latin"), which name no language.
bool is_language_tag(std::string_view s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') return false;
  std::size_t run = 0;
  bool first = true;
  for (char c : s) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (c == '-') {
      if (run == 0) return false;
      run = 0;
      first = false;
    } else if (alpha || (digit && !first)) {
      if (++run > 8) return false;
    } else {
      return false;
    }
  }
  return run > 0;
}

std::string tag_id(std::size_t entity_index) { return "NE" + std::to_string(entity_index + 1); }

void description(xmlNode* alto, const Document& doc, const Page& page) {
  xmlNode* d = xml::add(alto, "Description");
  xml::add(d, "MeasurementUnit", "pixel");
  xmlNode* src = xml::add(d, "sourceImageInformation");
  const std::string url = page_image_url(doc, page);
  xml::add(src, "fileName", url.empty() ? doc.source.path : url);
  xml::attr(xml::add(src, "documentIdentifier", doc.id), "documentIdentifierLocation", "testimony id");
  xml::attr(xml::add(src, "documentIdentifier", doc.source.sha256), "documentIdentifierLocation", "sha256");

  xmlNode* proc = xml::add(d, "Processing");
  xml::attr(proc, "ID", "PROC1");
  xml::add(proc, "processingCategory", "contentGeneration");
  for (const StageProvenance& s : doc.provenance.stages)
    xml::add(proc, "processingStepDescription",
             s.name + " " + s.params.dump(-1, ' ', false, Json::error_handler_t::replace));
  xml::add(proc, "processingStepSettings", "config sha256 " + doc.provenance.config_hash);
  xmlNode* sw = xml::add(proc, "processingSoftware");
  xml::add(sw, "softwareName", doc.provenance.program.empty() ? "testimony" : doc.provenance.program);
  xml::add(sw, "softwareVersion", doc.provenance.version);

  int n = 1;
  for (const auto& [tool, v] : doc.provenance.tools.items()) {
    xmlNode* tp = xml::add(d, "Processing");
    xml::attr(tp, "ID", "PROC" + std::to_string(++n));
    xmlNode* tsw = xml::add(tp, "processingSoftware");
    xml::add(tsw, "softwareName", tool);
    xml::add(tsw, "softwareVersion", v.is_string() ? v.get<std::string>() : v.dump());
  }
}

std::string page_alto(const Document& doc, std::size_t pi, const AltoOptions& options) {
  const Page& page = doc.pages[pi];
  // TAGREFS per word of this page, and the entities that have a tag on it (by index).
  std::map<uint32_t, std::vector<std::string>> refs;
  std::set<std::size_t> tagged;
  if (options.named_entities) {
    for (std::size_t ei = 0; ei < doc.entities.size(); ++ei) {
      const Entity& e = doc.entities[ei];
      if (e.review == ReviewStatus::kRejected) continue;
      const auto words = e.start < e.end ? words_in_span(doc, e.start, e.end) : std::vector<WordRef>{};
      bool here = words.empty() && e.page == page.number;
      for (const WordRef& w : words) {
        if (w.page != pi || w.word >= page.words.size()) continue;
        here = true;
        auto& r = refs[w.word];
        if (r.empty() || r.back() != tag_id(ei)) r.push_back(tag_id(ei));
      }
      if (here) tagged.insert(ei);
    }
  }

  xml::DocPtr x = xml::new_document("alto", kAltoNs);
  xmlNode* alto = xmlDocGetRootElement(x.get());
  xmlNs* xsi = xmlNewNs(alto, reinterpret_cast<const xmlChar*>(kXsiNs), reinterpret_cast<const xmlChar*>("xsi"));
  xmlSetNsProp(alto, xsi, reinterpret_cast<const xmlChar*>("schemaLocation"),
               reinterpret_cast<const xmlChar*>(
                   "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-4.xsd"));
  xml::attr(alto, "SCHEMAVERSION", "4.4");
  description(alto, doc, page);

  if (!tagged.empty()) {
    xmlNode* tags = xml::add(alto, "Tags");
    for (std::size_t ei : tagged) {
      const Entity& e = doc.entities[ei];
      xmlNode* t = xml::add(tags, "NamedEntityTag");
      xml::attr(t, "ID", tag_id(ei));
      xml::attr(t, "LABEL", to_string(e.type));
      xml::attr(t, "DESCRIPTION", e.value.empty() ? e.text : e.value);
      if (!e.authority.empty()) xml::attr(t, "URI", e.authority);
    }
  }

  const std::string p = "P" + std::to_string(page.number);
  xmlNode* pg = xml::add(xml::add(alto, "Layout"), "Page");
  xml::attr(pg, "ID", p);
  xml::attr(pg, "PHYSICAL_IMG_NR", page.number);
  xml::attr(pg, "WIDTH", page.width);
  xml::attr(pg, "HEIGHT", page.height);
  xml::attr(pg, "PROCESSING", "PROC1");
  xmlNode* ps = xml::add(pg, "PrintSpace");
  position(ps, {0, 0, page.width, page.height});
  for (std::size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    xmlNode* tb = xml::add(ps, "TextBlock");
    xml::attr(tb, "ID", p + "_B" + std::to_string(bi + 1));
    position(tb, b.bbox);
    for (uint32_t li = b.first_line; li < b.first_line + b.line_count && li < page.lines.size(); ++li) {
      const Line& l = page.lines[li];
      if (l.word_count == 0) continue;  // a TextLine needs at least one String
      xmlNode* tl = xml::add(tb, "TextLine");
      xml::attr(tl, "ID", p + "_L" + std::to_string(li + 1));
      position(tl, l.bbox);
      for (uint32_t wi = l.first_word; wi < l.first_word + l.word_count && wi < page.words.size(); ++wi) {
        const Word& w = page.words[wi];
        if (wi > l.first_word) {
          const BBox& prev = page.words[wi - 1].bbox;
          xmlNode* sp = xml::add(tl, "SP");
          xml::attr(sp, "HPOS", prev.x1);
          xml::attr(sp, "VPOS", std::min(prev.y0, w.bbox.y0));
          xml::attr(sp, "WIDTH", std::max(0, w.bbox.x0 - prev.x1));
        }
        xmlNode* s = xml::add(tl, "String");
        xml::attr(s, "ID", p + "_W" + std::to_string(wi + 1));
        xml::attr(s, "CONTENT", w.text);
        position(s, w.bbox);
        xml::attr(s, "WC", confidence(w.confidence));
        if (is_language_tag(w.language)) xml::attr(s, "LANG", w.language);
        if (!w.first_reading.empty()) {
          xmlNode* alt = xml::add(s, "ALTERNATIVE", w.first_reading);
          xml::attr(alt, "PURPOSE", "first reading");
        }
        if (auto it = refs.find(wi); it != refs.end()) {
          std::string joined;
          for (const auto& id : it->second) joined += (joined.empty() ? "" : " ") + id;
          xml::attr(s, "TAGREFS", joined);
        }
      }
    }
  }
  return xml::serialize(x.get());
}

class AltoWriterStage final : public DocumentStage {
 public:
  explicit AltoWriterStage(const Params& p) : DocumentStage("write.alto") {
    options_.named_entities = p.get_bool("named_entities");
  }
  void process(Document& doc, Context& ctx) override { write_alto(doc, ctx.out_dir, options_); }

 private:
  AltoOptions options_;
};

}  // namespace

AltoOptions alto_options_from(const Document& doc) {
  AltoOptions o;
  for (const StageProvenance& s : doc.provenance.stages)
    if (s.name == "write.alto" && s.params.is_object())
      o.named_entities = s.params.value("named_entities", o.named_entities);
  return o;
}

fs::path alto_path(const fs::path& out_dir, const std::string& id, int page_number) {
  char name[32];
  std::snprintf(name, sizeof name, "page-%04d.xml", page_number);
  return out_dir / "alto" / id / name;
}

std::vector<std::pair<int, std::string>> alto_pages(const Document& doc, const AltoOptions& options) {
  std::vector<std::pair<int, std::string>> out;
  for (std::size_t pi = 0; pi < doc.pages.size(); ++pi) out.emplace_back(doc.pages[pi].number, page_alto(doc, pi, options));
  return out;
}

void write_alto(const Document& doc, const fs::path& out_dir, const AltoOptions& options) {
  for (std::size_t pi = 0; pi < doc.pages.size(); ++pi)
    write_file_atomic(alto_path(out_dir, doc.id, doc.pages[pi].number), page_alto(doc, pi, options));
}

void register_alto_writer(Registry& r) {
  r.add({"write.alto",
         StageKind::kDocument,
         "writes alto/<doc-id>/page-NNNN.xml: ALTO v4 words, boxes, confidences and NamedEntityTags",
         {param_bool("named_entities", true, "NamedEntityTags for the page's entities, TAGREFS on their Strings")},
         kCapLayout,
         kCapNone,
         [](const Params& p) { return std::make_unique<AltoWriterStage>(p); }});
}

}  // namespace testimony
