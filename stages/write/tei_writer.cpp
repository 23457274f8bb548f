// write.tei: TEI P5 of a document, tei/<doc-id>.xml, written atomically: header (source,
// fixity, the stages that made it, authority lists), facsimile (a surface per page, zones per
// line and word), and the normalized text with pb/lb and persName/placeName/orgName/date.
//   [[stage]]
//   use = "write.tei"
//   word_zones = true
#include <algorithm>
#include <map>

#include "pipeline/fs.hpp"
#include "pipeline/offsets.hpp"
#include "pipeline/runner.hpp"
#include "stages/write/write.hpp"
#include "stages/write/writers.hpp"
#include "stages/write/xml.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

constexpr const char* kTeiNs = "http://www.tei-c.org/ns/1.0";

const char* element_of(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "persName";
    case EntityType::kPlace: return "placeName";
    case EntityType::kOrganization: return "orgName";
    case EntityType::kDate: return "date";
  }
  return "name";
}

// A TEI teidata.versionNumber ("5.3.0") out of a tool's version string ("leptonica-1.82.0").
std::string version_number(std::string_view s) {
  std::size_t i = s.find_first_of("0123456789");
  if (i == std::string_view::npos) return "0";
  std::string out;
  int parts = 0;
  while (i < s.size() && parts < 3) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i) break;
    if (parts > 0) out += '.';
    out.append(s.substr(i, j - i));
    ++parts;
    if (j + 1 < s.size() && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') i = j + 1;
    else break;
  }
  return out;
}

std::string surface_id(std::size_t page_index) { return "f" + std::to_string(page_index + 1); }
std::string line_id(std::size_t page_index, std::size_t line) {
  return surface_id(page_index) + ".l" + std::to_string(line + 1);
}
std::string word_id(std::size_t page_index, std::size_t word) {
  return surface_id(page_index) + ".w" + std::to_string(word + 1);
}

void coords(xmlNode* node, const BBox& b) {
  xml::attr(node, "ulx", b.x0);
  xml::attr(node, "uly", b.y0);
  xml::attr(node, "lrx", b.x1);
  xml::attr(node, "lry", b.y1);
}

// The entities that get an element in the text: not rejected, a sane span, no overlap with
// an earlier one (mentions never nest; the first kept wins), in text order.
std::vector<const Entity*> wrapped_entities(const Document& doc) {
  std::vector<const Entity*> all;
  for (const Entity& e : doc.entities)
    if (e.review != ReviewStatus::kRejected && e.start < e.end && e.end <= doc.text.size()) all.push_back(&e);
  std::stable_sort(all.begin(), all.end(), [](const Entity* a, const Entity* b) {
    return a->start != b->start ? a->start < b->start : a->end > b->end;
  });
  std::vector<const Entity*> out;
  for (const Entity* e : all)
    if (out.empty() || e->start >= out.back()->end) out.push_back(e);
  return out;
}

struct AuthorityEntry {
  EntityType type;
  std::string authority;
  std::string name;
};

// Linked entities by xml:id (sorted, so the lists come out in a stable order).
std::map<std::string, AuthorityEntry> authority_entries(const Document& doc) {
  std::map<std::string, AuthorityEntry> out;
  for (const Entity& e : doc.entities) {
    if (e.review == ReviewStatus::kRejected || e.authority.empty() || e.type == EntityType::kDate) continue;
    out.try_emplace(tei_xml_id(e.authority), AuthorityEntry{e.type, e.authority, e.value.empty() ? e.text : e.value});
  }
  return out;
}

void header(xmlNode* tei, const Document& doc, const std::map<std::string, AuthorityEntry>& authorities) {
  xmlNode* h = xml::add(tei, "teiHeader");
  xmlNode* file_desc = xml::add(h, "fileDesc");
  xml::add(xml::add(file_desc, "titleStmt"), "title", doc.id);
  xmlNode* pub = xml::add(file_desc, "publicationStmt");
  xml::add(pub, "p", "Machine-made archive record (" + doc.provenance.program +
                         "); not published. Names and dates are tagged automatically and may be wrong "
                         "until reviewed.");
  xmlNode* source_desc = xml::add(file_desc, "sourceDesc");
  xmlNode* bibl = xml::add(source_desc, "bibl");
  xml::attr(xml::add(bibl, "idno", doc.source.path), "type", "path");
  xml::attr(xml::add(bibl, "idno", doc.source.sha256), "type", "sha256");
  xml::attr(xml::add(bibl, "note", doc.source.media_type), "type", "media-type");
  xmlNode* extent = xml::add(bibl, "extent");
  xmlNode* pages = xml::add(extent, "measure", std::to_string(doc.pages.size()) + (doc.pages.size() == 1 ? " page" : " pages"));
  xml::attr(pages, "unit", "pages");
  xml::attr(pages, "quantity", static_cast<long long>(doc.pages.size()));
  if (doc.source.size > 0) {  // 0: a folder of page images, whose size is not recorded
    xmlNode* bytes = xml::add(extent, "measure", std::to_string(doc.source.size) + " bytes");
    xml::attr(bytes, "unit", "bytes");
    xml::attr(bytes, "quantity", static_cast<long long>(doc.source.size));
  }

  struct ListKind {
    EntityType type;
    const char* list;
    const char* item;
    const char* name;
  };
  static constexpr ListKind kLists[] = {{EntityType::kPerson, "listPerson", "person", "persName"},
                                        {EntityType::kPlace, "listPlace", "place", "placeName"},
                                        {EntityType::kOrganization, "listOrg", "org", "orgName"}};
  for (const ListKind& k : kLists) {
    xmlNode* list = nullptr;
    for (const auto& [id, entry] : authorities) {
      if (entry.type != k.type) continue;
      if (list == nullptr) list = xml::add(source_desc, k.list);
      xmlNode* item = xml::add(list, k.item);
      xml::xml_attr(item, "id", id);
      xml::add(item, k.name, entry.name);
      xml::attr(xml::add(item, "idno", entry.authority), "type", "authority");
    }
  }

  xmlNode* app_info = xml::add(xml::add(h, "encodingDesc"), "appInfo");
  const std::string version = version_number(doc.provenance.version);
  xmlNode* program = xml::add(app_info, "application");
  xml::attr(program, "ident", doc.provenance.program.empty() ? "testimony" : doc.provenance.program);
  xml::attr(program, "version", version);
  xml::add(program, "label", doc.provenance.program.empty() ? "testimony" : doc.provenance.program);
  xml::attr(xml::add(program, "desc", doc.provenance.config_hash), "type", "config-hash");
  for (const StageProvenance& s : doc.provenance.stages) {
    xmlNode* app = xml::add(app_info, "application");
    xml::attr(app, "ident", s.name);
    xml::attr(app, "version", version);
    xml::add(app, "label", s.name);
    xml::attr(xml::add(app, "desc", s.params.dump(-1, ' ', false, Json::error_handler_t::replace)), "type",
              "parameters");
  }
  for (const auto& [tool, v] : doc.provenance.tools.items()) {
    const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    xmlNode* app = xml::add(app_info, "application");
    xml::attr(app, "ident", tool);
    xml::attr(app, "version", version_number(text));
    xml::add(app, "label", tool);
    xml::attr(xml::add(app, "desc", text), "type", "version");
  }
}

void facsimile(xmlNode* tei, const Document& doc, const TeiOptions& options) {
  xmlNode* fac = xml::add(tei, "facsimile");
  for (std::size_t pi = 0; pi < doc.pages.size(); ++pi) {
    const Page& p = doc.pages[pi];
    xmlNode* surface = xml::add(fac, "surface");
    xml::xml_attr(surface, "id", surface_id(pi));
    xml::attr(surface, "n", p.number);
    if (p.width > 0 && p.height > 0) coords(surface, {0, 0, p.width, p.height});
    const std::string url = page_image_url(doc, p);
    if (!url.empty()) {
      xmlNode* g = xml::add(surface, "graphic");
      xml::attr(g, "url", url);
      if (p.width > 0 && p.height > 0) {
        xml::attr(g, "width", std::to_string(p.width) + "px");
        xml::attr(g, "height", std::to_string(p.height) + "px");
      }
    }
    for (std::size_t li = 0; li < p.lines.size(); ++li) {
      if (p.lines[li].bbox.empty()) continue;
      xmlNode* z = xml::add(surface, "zone");
      xml::xml_attr(z, "id", line_id(pi, li));
      xml::attr(z, "type", "line");
      coords(z, p.lines[li].bbox);
    }
    if (!options.word_zones) continue;
    for (std::size_t wi = 0; wi < p.words.size(); ++wi) {
      if (p.words[wi].bbox.empty()) continue;
      xmlNode* z = xml::add(surface, "zone");
      xml::xml_attr(z, "id", word_id(pi, wi));
      xml::attr(z, "type", "word");
      coords(z, p.words[wi].bbox);
    }
  }
}

void date_attributes(xmlNode* node, const Entity& e) {
  const TeiDate d = tei_date(e.value);
  if (!d.ok) return;
  if (!d.when.empty()) xml::attr(node, "when", d.when);
  if (!d.from.empty()) xml::attr(node, "from", d.from);
  if (!d.to.empty()) xml::attr(node, "to", d.to);
  if (!d.not_before.empty()) xml::attr(node, "notBefore", d.not_before);
  if (!d.not_after.empty()) xml::attr(node, "notAfter", d.not_after);
  if (d.approximate) xml::attr(node, "precision", "low");
  if (d.uncertain) xml::attr(node, "cert", "low");
}

// The normalized text in one <ab>, with pb at each page's first word, lb at each line's
// first word (break="no" inside a word joined across lines) and names and dates wrapped.
void body(xmlNode* tei, const Document& doc, const TeiOptions& options,
          const std::map<std::string, AuthorityEntry>& authorities) {
  xmlNode* div = xml::add(xml::add(xml::add(tei, "text"), "body"), "div");
  xml::attr(div, "type", "transcription");
  xmlNode* ab = xml::add(div, "ab");

  // Which line each word is on, per page.
  std::vector<std::vector<uint32_t>> line_of(doc.pages.size());
  for (std::size_t pi = 0; pi < doc.pages.size(); ++pi) {
    const Page& p = doc.pages[pi];
    line_of[pi].assign(p.words.size(), 0);
    for (uint32_t li = 0; li < p.lines.size(); ++li)
      for (uint32_t w = p.lines[li].first_word; w < p.lines[li].first_word + p.lines[li].word_count && w < p.words.size(); ++w)
        line_of[pi][w] = li;
  }

  const std::string& text = doc.text;
  const std::vector<const Entity*> entities = wrapped_entities(doc);
  std::vector<uint32_t> cuts{static_cast<uint32_t>(text.size())};
  for (const TextSegment& s : doc.segments)
    if (s.start <= text.size()) cuts.push_back(s.start);
  for (const Entity* e : entities) {
    cuts.push_back(e->start);
    cuts.push_back(e->end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::size_t seg = 0, next_entity = 0;
  const Entity* open = nullptr;
  xmlNode* cur = ab;
  long long cur_page = -1, cur_line = -1;
  uint32_t pos = 0;
  for (const uint32_t cut : cuts) {
    xml::text(cur, std::string_view(text).substr(pos, cut - pos));
    pos = cut;
    if (open != nullptr && open->end == cut) {
      open = nullptr;
      cur = ab;
    }
    for (; seg < doc.segments.size() && doc.segments[seg].start <= cut; ++seg) {
      const TextSegment& s = doc.segments[seg];
      if (s.start < cut || s.page >= doc.pages.size() || s.word >= doc.pages[s.page].words.size()) continue;
      const long long page = s.page, line = line_of[s.page][s.word];
      if (page == cur_page && line == cur_line) continue;
      if (page != cur_page) {
        xmlNode* pb = xml::add(cur, "pb");
        xml::attr(pb, "n", doc.pages[s.page].number);
        xml::attr(pb, "facs", "#" + surface_id(s.page));
      }
      xmlNode* lb = xml::add(cur, "lb");
      if (!doc.pages[s.page].lines.empty() && !doc.pages[s.page].lines[line_of[s.page][s.word]].bbox.empty())
        xml::attr(lb, "facs", "#" + line_id(s.page, line_of[s.page][s.word]));
      const bool mid_word = cut > 0 && text[cut - 1] != ' ' && text[cut - 1] != '\n' && text[cut - 1] != '\t';
      if (mid_word) xml::attr(lb, "break", "no");
      cur_page = page;
      cur_line = line;
    }
    if (open == nullptr && next_entity < entities.size() && entities[next_entity]->start == cut) {
      open = entities[next_entity++];
      cur = xml::add(ab, element_of(open->type));
      if (open->type == EntityType::kDate) date_attributes(cur, *open);
      if (!open->authority.empty() && open->type != EntityType::kDate &&
          authorities.count(tei_xml_id(open->authority)) > 0)
        xml::attr(cur, "ref", "#" + tei_xml_id(open->authority));
      if (options.word_zones) {
        std::string facs;
        for (const WordRef& w : words_in_span(doc, open->start, open->end)) {
          if (w.page >= doc.pages.size() || w.word >= doc.pages[w.page].words.size() ||
              doc.pages[w.page].words[w.word].bbox.empty())
            continue;
          facs += (facs.empty() ? "#" : " #") + word_id(w.page, w.word);
        }
        if (!facs.empty()) xml::attr(cur, "facs", facs);
      }
    }
  }
}

class TeiWriterStage final : public DocumentStage {
 public:
  explicit TeiWriterStage(const Params& p) : DocumentStage("write.tei") {
    options_.word_zones = p.get_bool("word_zones");
  }
  void process(Document& doc, Context& ctx) override { write_tei(doc, ctx.out_dir, options_); }

 private:
  TeiOptions options_;
};

}  // namespace

std::string tei_xml_id(std::string_view authority) {
  std::string id;
  for (char c : authority) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    id += c == ':' || c == '/' ? '.' : ok ? c : '_';
  }
  if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') || id[0] == '_'))
    id = "a." + id;
  return id;
}

std::string page_image_url(const Document& doc, const Page& page) {
  if (page.text_source == TextSource::kTranscription) return {};
  const Json ingest = page.processing.value("ingest", Json::object());
  std::string url = doc.source.path;
  const std::string file = ingest.is_object() ? ingest.value("file", std::string()) : std::string();
  if (!file.empty() && fs::path(doc.source.path).filename().string() != file) url += "/" + file;
  for (const char* key : {"pdf_page", "tiff_page"})
    if (ingest.is_object() && ingest.contains(key) && ingest[key].is_number_integer())
      url += "#page=" + std::to_string(ingest[key].get<long long>());
  return url;
}

TeiOptions tei_options_from(const Document& doc) {
  TeiOptions o;
  for (const StageProvenance& s : doc.provenance.stages)
    if (s.name == "write.tei" && s.params.is_object())
      o.word_zones = s.params.value("word_zones", o.word_zones);
  return o;
}

fs::path tei_path(const fs::path& out_dir, const std::string& id) { return out_dir / "tei" / (id + ".xml"); }

std::string tei_xml(const Document& doc, const TeiOptions& options) {
  xml::DocPtr x = xml::new_document("TEI", kTeiNs);
  xmlNode* tei = xmlDocGetRootElement(x.get());
  const auto authorities = authority_entries(doc);
  header(tei, doc, authorities);
  facsimile(tei, doc, options);
  body(tei, doc, options, authorities);
  return xml::serialize(x.get());
}

void write_tei(const Document& doc, const fs::path& out_dir, const TeiOptions& options) {
  write_file_atomic(tei_path(out_dir, doc.id), tei_xml(doc, options));
}

void register_tei_writer(Registry& r) {
  r.add({"write.tei",
         StageKind::kDocument,
         "writes tei/<doc-id>.xml: TEI P5 with facsimile zones, pb/lb and persName/placeName/orgName/date",
         {param_bool("word_zones", true, "a facsimile zone per word, and @facs on each name and date")},
         kCapText,
         kCapNone,
         [](const Params& p) { return std::make_unique<TeiWriterStage>(p); }});
}

}  // namespace testimony
