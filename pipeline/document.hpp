// The document model that flows through every stage: Document → Page → Block → Line → Word,
// boxes in original page pixels, normalized text with an offset map back to words, entities,
// warnings and provenance. Library types (Leptonica, Tesseract, ICU) never appear here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/geometry.hpp"

namespace testimony {

using Json = nlohmann::json;

// A page image owned by the page while page stages run. Concrete types live in stages/.
class Image {
 public:
  virtual ~Image() = default;
  virtual int width() const = 0;
  virtual int height() const = 0;
};

struct Word {
  std::string text;
  BBox bbox;
  float confidence = 0;  // 0..1
  std::string language;  // recognition language (ISO 639-2/T as Tesseract names it), if known
  // The document's own model's reading when a second reading replaced it (ocr.tesseract
  // reads uncertain names again with a script model); empty otherwise.
  std::string first_reading;
};

// Lines and blocks index into the page's flat word and line arrays.
struct Line {
  BBox bbox;
  uint32_t first_word = 0;
  uint32_t word_count = 0;
};

struct Block {
  BBox bbox;
  uint32_t first_line = 0;
  uint32_t line_count = 0;
};

enum class TextSource { kNone, kOcr, kTextLayer, kTranscription };
std::string_view to_string(TextSource source);
std::optional<TextSource> text_source_from(std::string_view name);

struct Page {
  int number = 0;  // 1-based
  int width = 0;   // original page image, pixels
  int height = 0;
  int dpi = 0;
  TextSource text_source = TextSource::kNone;
  std::vector<Block> blocks;
  std::vector<Line> lines;
  std::vector<Word> words;
  std::string text;  // as read: words joined by spaces, lines by '\n', blocks by "\n\n"
  Json processing = Json::object();  // facts each stage recorded, keyed by stage name
  std::vector<std::string> warnings;

  // Working state, never written: the current image and its map back to the original.
  std::unique_ptr<Image> image;
  Transform to_original;

  // Appends a block/line/word, keeping the index ranges consistent.
  void begin_block(const BBox& box);
  void begin_line(const BBox& box);
  void add_word(Word word);
  // Rebuilds `text` from blocks, lines and words.
  void rebuild_text();
  void release_image() { image.reset(); }
};

// A run of Document::text that comes from a source word: bytes [start, end) of the text are
// bytes [word_start, word_end) of pages[page].words[word].text after normalization.
struct TextSegment {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t page = 0;  // index into Document::pages
  uint32_t word = 0;  // index into Page::words
};

enum class EntityType { kPerson, kPlace, kDate, kOrganization };
std::string_view to_string(EntityType type);
std::optional<EntityType> entity_type_from(std::string_view name);

enum class ReviewStatus { kPending, kAccepted, kRejected, kEdited, kAdded };
std::string_view to_string(ReviewStatus status);
std::optional<ReviewStatus> review_status_from(std::string_view name);

struct Entity {
  EntityType type = EntityType::kPerson;
  std::string text;   // surface, as in Document::text
  std::string value;  // EDTF for dates, canonical name otherwise
  int page = 0;       // 1-based page of the first character
  uint32_t start = 0;  // byte span in Document::text
  uint32_t end = 0;
  std::vector<BBox> bboxes;
  std::string authority;  // "places:krakow" when linked
  double confidence = 0;
  std::vector<std::string> evidence;  // rules, list entries and cues that fired
  ReviewStatus review = ReviewStatus::kPending;
};

struct Source {
  std::string path;  // as given (relative to the working directory when given so)
  std::string sha256;
  std::string media_type;
  uint64_t size = 0;
};

struct StageProvenance {
  std::string name;
  Json params = Json::object();
};

struct Provenance {
  std::string program;
  std::string version;
  std::string config_hash;
  std::string config;  // canonical TOML
  std::vector<StageProvenance> stages;
  Json tools = Json::object();  // {"tesseract": "5.3.0", "leptonica": "1.82.0", ...}
};

class TokenStream;         // stages/common/text.hpp
struct DocumentLanguages;  // stages/tag/entities.hpp

// What the stages reading the text (taggers, linking) derive from a document once rather than
// each: the token stream of Document::text and the document's languages. Derived data: never
// serialized, not copied with the document, and recomputed by its owner (tokens_of,
// document_languages) when what it came from has changed since.
class TextCache {
 public:
  TextCache() = default;
  TextCache(const TextCache&) {}
  TextCache& operator=(const TextCache&) {
    tokens.reset();
    languages.reset();
    return *this;
  }
  TextCache(TextCache&&) noexcept = default;
  TextCache& operator=(TextCache&&) noexcept = default;
  ~TextCache() = default;

  std::shared_ptr<TokenStream> tokens;
  std::shared_ptr<const DocumentLanguages> languages;
};

struct Document {
  std::string id;
  Source source;
  std::vector<Page> pages;
  std::string text;
  std::vector<TextSegment> segments;
  std::vector<Entity> entities;
  std::vector<std::string> warnings;
  Json processing = Json::object();  // facts document stages recorded, keyed by stage name
  Provenance provenance;
  Json metadata = Json::object();  // manifest CSV columns beyond id and path
  TextCache text_cache;
};

// Document ↔ record JSON (docs/record.schema.json). Deterministic: keys sorted, no clock.
inline constexpr std::string_view kSchemaVersion = "1.0";
Json to_record(const Document& doc);
Document from_record(const Json& record);  // throws Error(kInvalidInput) on a bad record

}  // namespace testimony
