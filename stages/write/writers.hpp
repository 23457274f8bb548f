// The archive formats as plain functions, shared by the write.tei / write.alto stages and by
// `testimony export` (which rebuilds them from records without OCR): TEI P5, ALTO v4, the
// EDTF → TEI date mapping, and the checks the tests run on what was written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.hpp"

namespace testimony {

// Where a page's image is, as TEI graphic/@url and ALTO fileName give it: the source path for
// a one-image document, the page file inside a folder of images, "#page=N" into a PDF or a
// multi-page TIFF; empty for a transcription (no image). Pure: no file system access.
std::string page_image_url(const Document& doc, const Page& page);

// ---- TEI P5 (tei/<doc-id>.xml) ----

struct TeiOptions {
  bool word_zones = true;  // a facsimile zone per word, and @facs on each name and date
};
// The options a document was written with: the params of its write.tei stage in provenance,
// else the defaults. Export uses them so that it rewrites byte-identical files.
TeiOptions tei_options_from(const Document& doc);

std::filesystem::path tei_path(const std::filesystem::path& out_dir, const std::string& id);
std::string tei_xml(const Document& doc, const TeiOptions& options = {});
void write_tei(const Document& doc, const std::filesystem::path& out_dir, const TeiOptions& options = {});

// An EDTF (level 0/1) value as TEI att.datable attributes: `when` for a day, month or year;
// `not_before`/`not_after` for a season, decade or other unspecified digits; `from`/`to` for
// an interval. `approximate` (~, %) and `uncertain` (?, %) come from the qualifiers.
// ok is false (and every field empty) when the value is not EDTF this mapping knows.
struct TeiDate {
  bool ok = false;
  std::string when, from, to, not_before, not_after;
  bool approximate = false;
  bool uncertain = false;
};
TeiDate tei_date(std::string_view edtf);

// "places:krakow" → "places.krakow": an NCName usable as xml:id (other characters become
// '_'; a leading non-letter gets an "a." prefix).
std::string tei_xml_id(std::string_view authority);

// ---- ALTO v4 (alto/<doc-id>/page-0001.xml) ----

struct AltoOptions {
  bool named_entities = true;  // NamedEntityTags in Tags and TAGREFS on the Strings
};
AltoOptions alto_options_from(const Document& doc);

std::filesystem::path alto_path(const std::filesystem::path& out_dir, const std::string& id, int page_number);
// One ALTO file per page, in page order: {page number, bytes}.
std::vector<std::pair<int, std::string>> alto_pages(const Document& doc, const AltoOptions& options = {});
void write_alto(const Document& doc, const std::filesystem::path& out_dir, const AltoOptions& options = {});

// ---- Checks (used by tests; no libxml2 types leak out) ----

// Problems found when validating `xml` against the W3C XML Schema at `xsd_path` (imports
// resolve next to it). Empty means valid. It switches libxml2's external entity loader to the
// no-network one for the whole process, once.
std::vector<std::string> validate_with_xsd(const std::string& xml, const std::filesystem::path& xsd_path);

// The TEI subset check of docs/formats.md: well-formed; root TEI in the TEI namespace with a
// teiHeader, facsimile and text/body; every @facs names a surface or zone xml:id; every @ref
// "#x" names an xml:id in the header's listPerson/listPlace/listOrg; xml:ids unique; the text
// content of body equals `expected_text`. Empty means it passed.
std::vector<std::string> check_tei_subset(const std::string& xml, std::string_view expected_text);

}  // namespace testimony
