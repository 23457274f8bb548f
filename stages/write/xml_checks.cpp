// Checks on written XML, for the tests and anyone who wants to verify an output folder:
// W3C XML Schema validation (ALTO) and the documented TEI subset check (docs/formats.md).
// Parsing never touches the network and never expands external entities.
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "stages/write/writers.hpp"
#include "stages/write/xml.hpp"

namespace testimony {
namespace {

constexpr const char* kTeiNs = "http://www.tei-c.org/ns/1.0";

struct SchemaParserDeleter {
  void operator()(xmlSchemaParserCtxt* c) const { xmlSchemaFreeParserCtxt(c); }
};
struct SchemaDeleter {
  void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
};
struct ValidDeleter {
  void operator()(xmlSchemaValidCtxt* c) const { xmlSchemaFreeValidCtxt(c); }
};

#if LIBXML_VERSION >= 21200
void collect(void* ctx, const xmlError* e) {
#else
void collect(void* ctx, xmlError* e) {
#endif
  auto* out = static_cast<std::vector<std::string>*>(ctx);
  std::string msg = e->message != nullptr ? e->message : "unknown error";
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  out->push_back("line " + std::to_string(e->line) + ": " + msg);
}

// Parses without network access and without expanding entities; errors go to `errors`.
xml::DocPtr parse(const std::string& bytes, std::vector<std::string>& errors) {
  xmlParserCtxt* ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    errors.push_back("cannot allocate a parser");
    return nullptr;
  }
  xmlSetStructuredErrorFunc(&errors, collect);
  xml::DocPtr doc(xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), "memory.xml", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOWARNING));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlFreeParserCtxt(ctxt);
  if (!doc && errors.empty()) errors.push_back("not well-formed XML");
  return doc;
}

bool named(const xmlNode* n, const char* name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0 &&
         n->ns != nullptr && std::strcmp(reinterpret_cast<const char*>(n->ns->href), kTeiNs) == 0;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n ? n->children : nullptr; c != nullptr; c = c->next)
    if (named(c, name)) return c;
  return nullptr;
}

std::string prop(const xmlNode* n, const char* name, const xmlChar* ns = nullptr) {
  xmlChar* v = ns ? xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name), ns)
                  : xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_prop(const xmlNode* n, const char* name) {
  return xmlHasNsProp(n, reinterpret_cast<const xmlChar*>(name), nullptr) != nullptr;
}

bool only_whitespace(const xmlChar* s) {
  for (; s != nullptr && *s != 0; ++s)
    if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r') return false;
  return true;
}

// The text of `n`: every text node below it, except whitespace-only text that sits directly
// in body or div (element-only content, where indentation is insignificant).
void text_of(const xmlNode* n, std::string& out) {
  const bool element_only = named(n, "body") || named(n, "div");
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (!(element_only && only_whitespace(c->content)) && c->content != nullptr)
        out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      text_of(c, out);
    }
  }
}

struct Walk {
  std::map<std::string, std::string> ids;  // xml:id → element name
  std::set<std::string> list_ids;          // xml:ids inside listPerson/listPlace/listOrg of the header
  std::vector<std::pair<std::string, std::string>> facs, refs;  // (element, value)
  std::vector<std::string> errors;
};

void walk(const xmlNode* n, bool in_header_list, Walk& w) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(c->name);
    const std::string id = prop(c, "id", XML_XML_NAMESPACE);
    if (!id.empty()) {
      if (!w.ids.emplace(id, name).second) w.errors.push_back("duplicate xml:id " + id);
      if (in_header_list) w.list_ids.insert(id);
    }
    if (has_prop(c, "facs")) w.facs.emplace_back(name, prop(c, "facs"));
    if (has_prop(c, "ref")) w.refs.emplace_back(name, prop(c, "ref"));
    const bool list = named(c, "listPerson") || named(c, "listPlace") || named(c, "listOrg");
    walk(c, in_header_list || list, w);
  }
}

}  // namespace

std::vector<std::string> validate_with_xsd(const std::string& xml_bytes, const std::filesystem::path& xsd_path) {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
  std::vector<std::string> errors;
  std::unique_ptr<xmlSchemaParserCtxt, SchemaParserDeleter> pctxt(xmlSchemaNewParserCtxt(xsd_path.c_str()));
  if (!pctxt) return {"cannot open schema " + xsd_path.string()};
  xmlSchemaSetParserStructuredErrors(pctxt.get(), collect, &errors);
  std::unique_ptr<xmlSchema, SchemaDeleter> schema(xmlSchemaParse(pctxt.get()));
  if (!schema) {
    errors.insert(errors.begin(), "cannot load schema " + xsd_path.string());
    return errors;
  }
  xml::DocPtr doc = parse(xml_bytes, errors);
  if (!doc) return errors;
  std::unique_ptr<xmlSchemaValidCtxt, ValidDeleter> vctxt(xmlSchemaNewValidCtxt(schema.get()));
  xmlSchemaSetValidStructuredErrors(vctxt.get(), collect, &errors);
  const int rc = xmlSchemaValidateDoc(vctxt.get(), doc.get());
  if (rc != 0 && errors.empty()) errors.push_back("invalid (libxml2 code " + std::to_string(rc) + ")");
  return errors;
}

std::vector<std::string> check_tei_subset(const std::string& xml_bytes, std::string_view expected_text) {
  std::vector<std::string> errors;
  xml::DocPtr doc = parse(xml_bytes, errors);
  if (!doc) return errors;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!named(root, "TEI")) return {"root is not TEI in the TEI namespace"};
  const xmlNode* header = child(root, "teiHeader");
  const xmlNode* fac = child(root, "facsimile");
  const xmlNode* body = child(child(root, "text"), "body");
  if (header == nullptr) errors.push_back("no teiHeader");
  if (fac == nullptr) errors.push_back("no facsimile");
  if (body == nullptr) errors.push_back("no text/body");
  if (header != nullptr) {
    const xmlNode* fd = child(header, "fileDesc");
    if (child(fd, "titleStmt") == nullptr || child(fd, "publicationStmt") == nullptr ||
        child(fd, "sourceDesc") == nullptr)
      errors.push_back("fileDesc lacks titleStmt, publicationStmt or sourceDesc");
  }
  if (!errors.empty()) return errors;

  Walk w;
  walk(root, false, w);
  // Header lists: only what sits under teiHeader counts as a reference target.
  Walk hw;
  walk(header, false, hw);
  for (const auto& [element, value] : w.facs) {
    std::istringstream in(value);
    for (std::string tok; in >> tok;) {
      const auto it = tok.size() > 1 && tok[0] == '#' ? w.ids.find(tok.substr(1)) : w.ids.end();
      if (it == w.ids.end() || (it->second != "surface" && it->second != "zone"))
        errors.push_back(element + "/@facs " + tok + " names no surface or zone");
    }
  }
  for (const auto& [element, value] : w.refs) {
    std::istringstream in(value);
    for (std::string tok; in >> tok;)
      if (tok.size() < 2 || tok[0] != '#' || hw.list_ids.count(tok.substr(1)) == 0)
        errors.push_back(element + "/@ref " + tok + " names no entry of the header's lists");
  }
  errors.insert(errors.end(), w.errors.begin(), w.errors.end());

  std::string text;
  text_of(body, text);
  const std::string expected = xml::safe(expected_text);
  if (text != expected) {
    std::size_t at = 0;
    while (at < text.size() && at < expected.size() && text[at] == expected[at]) ++at;
    errors.push_back("body text differs from the normalized text at byte " + std::to_string(at) + " (body has " +
                     std::to_string(text.size()) + " bytes, text " + std::to_string(expected.size()) + ")");
  }
  return errors;
}

}  // namespace testimony
