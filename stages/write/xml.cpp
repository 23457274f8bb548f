// libxml2 tree helpers for the writers: safe text, attributes, deterministic serialization.
#include "stages/write/xml.hpp"

#include <charconv>
#include <cmath>
#include <mutex>

#include <libxml/parser.h>

#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"

namespace testimony::xml {
namespace {

const xmlChar* u(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

bool xml_char(int32_t c) {
  if (c < 0) return false;
  if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

std::string safe(std::string_view s) {
  std::size_t i = 0;
  // Fast path: most text is already fine.
  while (i < s.size()) {
    const std::size_t at = i;
    if (!xml_char(next_code_point(s, i))) {
      i = at;
      break;
    }
  }
  if (i >= s.size()) return std::string(s);
  std::string out(s.substr(0, i));
  while (i < s.size()) {
    const std::size_t at = i;
    const int32_t c = next_code_point(s, i);
    if (xml_char(c)) out.append(s.substr(at, i - at));
    else out += "\xEF\xBF\xBD";  // U+FFFD
    if (i == at) ++i;  // never stall on a malformed byte
  }
  return out;
}

std::string decimal(double v, int digits) {
  if (!std::isfinite(v)) v = 0;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

DocPtr new_document(const char* root_name, const char* ns_uri) {
  init_once();
  DocPtr doc(xmlNewDoc(u("1.0")));
  if (!doc) throw Error(ErrorCode::kResourceExhausted, "cannot allocate an XML document");
  xmlNode* root = xmlNewDocNode(doc.get(), nullptr, u(root_name), nullptr);
  xmlDocSetRootElement(doc.get(), root);
  xmlNs* ns = xmlNewNs(root, u(ns_uri), nullptr);
  xmlSetNs(root, ns);
  return doc;
}

xmlNode* add(xmlNode* parent, const char* name) {
  xmlNode* node = xmlNewDocNode(parent->doc, parent->ns, u(name), nullptr);
  return xmlAddChild(parent, node);
}

xmlNode* add(xmlNode* parent, const char* name, std::string_view content) {
  xmlNode* node = add(parent, name);
  text(node, content);
  return node;
}

void text(xmlNode* parent, std::string_view s) {
  if (s.empty()) return;
  const std::string clean = safe(s);
  // xmlNewDocTextLen keeps the bytes as they are; the serializer escapes < & > and \r.
  xmlNode* t = xmlNewDocTextLen(parent->doc, u(clean.c_str()), static_cast<int>(clean.size()));
  // xmlAddChild merges adjacent text nodes, which keeps the tree canonical.
  if (xmlAddChild(parent, t) == nullptr) xmlFreeNode(t);
}

void attr(xmlNode* node, const char* name, std::string_view value) {
  const std::string clean = safe(value);
  xmlSetProp(node, u(name), u(clean.c_str()));
}

void attr(xmlNode* node, const char* name, long long value) {
  attr(node, name, std::to_string(value));
}

void xml_attr(xmlNode* node, const char* name, std::string_view value) {
  xmlNs* ns = xmlSearchNsByHref(node->doc, node, XML_XML_NAMESPACE);
  const std::string clean = safe(value);
  xmlSetNsProp(node, ns, u(name), u(clean.c_str()));
}

std::string serialize(xmlDoc* doc) {
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
  if (mem == nullptr) throw Error(ErrorCode::kResourceExhausted, "cannot serialize an XML document");
  std::string out(reinterpret_cast<const char*>(mem), static_cast<std::size_t>(size));
  xmlFree(mem);
  return out;
}

}  // namespace testimony::xml
