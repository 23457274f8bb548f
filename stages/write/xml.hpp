// Internal to the writer family: libxml2 tree building with RAII ownership, text made safe
// for XML 1.0, locale-free number formatting and deterministic serialization. libxml2 types
// stay inside stages/write; the public API (writers.hpp) speaks std::string.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <libxml/tree.h>

namespace testimony::xml {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// A new document whose root element `name` is in namespace `ns_uri` (default namespace).
DocPtr new_document(const char* root_name, const char* ns_uri);

// A child element in the parent's namespace, appended after its last child.
xmlNode* add(xmlNode* parent, const char* name);
// The same with text content (escaped on output; made XML-safe first).
xmlNode* add(xmlNode* parent, const char* name, std::string_view text);
// Appends a text node (escaped on output; made XML-safe first).
void text(xmlNode* parent, std::string_view s);
// Sets an attribute without namespace (escaped on output; made XML-safe first).
void attr(xmlNode* node, const char* name, std::string_view value);
void attr(xmlNode* node, const char* name, long long value);
// xml:id, xml:lang and other attributes of the XML namespace.
void xml_attr(xmlNode* node, const char* name, std::string_view value);

// `s` as characters XML 1.0 allows: invalid UTF-8, C0 controls other than tab, newline and
// carriage return, surrogates and U+FFFE/U+FFFF become U+FFFD. Valid text comes back as is.
std::string safe(std::string_view s);

// Fixed-point decimal with at most `digits` fraction digits, trailing zeros trimmed, never
// affected by the C locale ("0.9608", "1", "0.5").
std::string decimal(double v, int digits);

// The serialized document: XML declaration, UTF-8, two-space indentation where an element
// holds no text (mixed content is written exactly as built), one trailing newline.
std::string serialize(xmlDoc* doc);

}  // namespace testimony::xml
