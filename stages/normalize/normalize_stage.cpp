// normalize.text: builds Document::text from the pages' layout in reading order — words of a
// line joined by spaces, lines of a block joined into one paragraph (dehyphenated across
// line ends) except after a line that ends short on purpose (kept as a line break: address
// lines, headings, list entries), blocks and pages separated by a blank line — and records
// for every word the byte range it became (Document::segments), so each character maps back
// to a word and box. OCR misreadings are undone in the text where the evidence is clear
// (digits, Roman months, names the lexicon vouches for, Arabic month pairs, reversed year
// spans). The words themselves are never changed: OCR text as read stays in the pages.
//   [[stage]]
//   use = "normalize.text"
//   dehyphenate = true
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"
#include "stages/normalize/name_repair.hpp"
#include "stages/normalize/normalize.hpp"

namespace testimony {
namespace {

// The horizontal extent of the text column a block stands in: its own lines and those of
// every block it shares most of its width with (an address block beside a letter's body).
std::vector<std::pair<int, int>> column_extents(const Page& page) {
  std::vector<std::pair<int, int>> out;
  for (const Block& b : page.blocks) {
    int left = b.bbox.x0, right = b.bbox.x1;
    for (const Block& o : page.blocks) {
      const int overlap = std::min(b.bbox.x1, o.bbox.x1) - std::max(b.bbox.x0, o.bbox.x0);
      if (overlap * 2 > std::min(b.bbox.width(), o.bbox.width())) {
        left = std::min(left, o.bbox.x0);
        right = std::max(right, o.bbox.x1);
      }
    }
    out.emplace_back(left, right);
  }
  return out;
}

// Is each block a column of a table: short lines (four words or fewer on average) beside
// another block whose lines stand at the same heights? Then every line is a cell of its
// own ("Vienna" above "Frankfurt" in a "From" column), however short its column.
std::vector<bool> table_columns(const Page& page) {
  std::vector<bool> out(page.blocks.size(), false);
  for (std::size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    if (b.line_count < 2 || b.bbox.empty()) continue;
    uint32_t words = 0;
    for (uint32_t li = b.first_line; li < b.first_line + b.line_count; ++li) words += page.lines[li].word_count;
    if (words > 4 * b.line_count) continue;
    for (std::size_t oi = 0; oi < page.blocks.size() && !out[bi]; ++oi) {
      const Block& o = page.blocks[oi];
      if (oi == bi || o.line_count < 2 || o.bbox.empty() || (o.bbox.x0 < b.bbox.x1 && b.bbox.x0 < o.bbox.x1)) continue;
      const int overlap = std::min(b.bbox.y1, o.bbox.y1) - std::max(b.bbox.y0, o.bbox.y0);
      if (overlap * 2 < std::min(b.bbox.height(), o.bbox.height())) continue;
      // Rows: most of this block's lines have a line of the other at their height.
      uint32_t rows = 0;
      for (uint32_t li = b.first_line; li < b.first_line + b.line_count; ++li) {
        const BBox& l = page.lines[li].bbox;
        for (uint32_t lj = o.first_line; lj < o.first_line + o.line_count; ++lj) {
          const BBox& m = page.lines[lj].bbox;
          const int mid = (m.y0 + m.y1) / 2;
          if (mid >= l.y0 && mid <= l.y1) {
            ++rows;
            break;
          }
        }
      }
      out[bi] = rows * 2 > b.line_count;
    }
  }
  return out;
}

bool right_to_left(const Page& page, const Line& line) {
  int rtl = 0, ltr = 0;
  for (uint32_t wi = line.first_word; wi < line.first_word + line.word_count; ++wi) {
    const std::string& w = page.words[wi].text;
    for (std::size_t i = 0; i < w.size();) {
      const int32_t c = next_code_point(w, i);
      if (is_arabic(c) || is_hebrew(c)) ++rtl;
      else if (is_letter(c)) ++ltr;
    }
  }
  return rtl > ltr;
}

// Does `line` end short of its column by more than the next line's first word would have
// taken (with room to spare)? Then the writer broke the line on purpose — an address line, a
// heading, a signature, the end of a paragraph — and the text keeps the break.
bool ends_on_purpose(const Page& page, const Line& line, const std::pair<int, int>& column, const BBox& next_word) {
  if (line.bbox.empty() || next_word.empty()) return false;  // no layout (a transcription)
  const int room = next_word.width() + line.bbox.height();
  const bool left = line.bbox.x0 - column.first > room, right = column.second - line.bbox.x1 > room;
  if (left == right) return left;  // a full line, or a centred one
  return right_to_left(page, line) ? left : right;
}

// Are two words of a line cells of a table, a gap wider than one and a half times the line's
// height between them? Typed lists align their columns with runs of spaces ("KOHN, Ruth
// 3.5.1929   Wien   Jewish Refugees Committee"), which OCR reads as one line; the text breaks
// the line there, so that no name runs from one cell into the next. A word space is a third
// of the height or less, a justified one rarely more than the height.
bool cell_gap(const Line& line, const BBox& left, const BBox& right) {
  if (line.bbox.empty() || left.empty() || right.empty()) return false;
  const int gap = std::max(right.x0 - left.x1, left.x0 - right.x1);  // either direction (RTL)
  return 2 * gap > 3 * line.bbox.height();
}

// A list entry's marker as a line's first word: "12.", "3)", "a)", "-", "•".
bool list_marker(std::string_view w) {
  if (w == "-" || w == "\u2022" || w == "\u2013") return true;
  if (w.size() < 2 || w.size() > 4 || (w.back() != '.' && w.back() != ')')) return false;
  const std::string_view body = w.substr(0, w.size() - 1);
  if (body.size() == 1 && body[0] >= 'a' && body[0] <= 'z') return w.back() == ')';
  return std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A number of one to three digits alone ("7"), as typed lists number their entries.
int bare_number(std::string_view w) {
  if (w.empty() || w.size() > 3) return -1;
  int n = 0;
  for (const char c : w) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Does a list entry start on both lines? Then the break between them is the list's: both
// open with a marker ("3.", "4."), or with numbers alone that count on ("3", "4").
bool list_lines(const Page& page, const Line& line, const std::string& next_word) {
  if (line.word_count == 0) return false;
  const std::string& first = page.words[line.first_word].text;
  if (list_marker(first) && list_marker(next_word)) return true;
  const int n = bare_number(first);
  return n >= 0 && bare_number(next_word) == n + 1;
}

// Does a list start at line `li`: it and the next line open list entries? Then
// the break before it is the list's too (after a heading or an opening sentence).
bool list_starts(const Page& page, const Block& block, uint32_t li) {
  const Line& line = page.lines[li];
  if (line.word_count == 0) return false;
  if (li + 1 >= block.first_line + block.line_count) return false;
  const Line& next = page.lines[li + 1];
  return next.word_count > 0 && list_lines(page, line, page.words[next.first_word].text);
}

// A line's length in bytes: a script's letters take the same number of bytes each, so the
// ratios below hold.
std::size_t line_chars(const Page& page, const Line& line) {
  std::size_t n = line.word_count > 0 ? line.word_count - 1 : 0;
  for (uint32_t wi = line.first_word; wi < line.first_word + line.word_count; ++wi) n += page.words[wi].text.size();
  return n;
}

std::size_t longest_line(const Page& page, const Block& block) {
  std::size_t longest = 0;
  for (uint32_t li = block.first_line; li < block.first_line + block.line_count; ++li)
    longest = std::max(longest, line_chars(page, page.lines[li]));
  return longest;
}

// ends_on_purpose for a transcription, which has no layout: by text length, against the
// block's longest line (`longest`, from longest_line). A list typed line by line keeps its
// lines; ragged prose is joined (the slack is a sixth of the longest line).
bool ends_on_purpose_text(const Page& page, std::size_t longest, const Line& line, const std::string& next_word) {
  return line_chars(page, line) + 1 + next_word.size() + longest / 6 < longest;
}

// In an Arabic or Hebrew line Tesseract may give the years of a span right to left:
// "(1997-1911)" for 1911-1997. A span of two years whose first is later than its second is
// put back in order; one already in order is left alone (Tesseract is not consistent).
std::string reversed_year_span(const std::string& w, int* repairs) {
  std::size_t a = 0;
  while (a < w.size() && !(w[a] >= '0' && w[a] <= '9')) ++a;
  if (a + 9 > w.size() || w[a + 4] != '-') return w;
  for (std::size_t k = 0; k < 9; ++k)
    if (k != 4 && !(w[a + k] >= '0' && w[a + k] <= '9')) return w;
  if (a + 9 < w.size() && w[a + 9] >= '0' && w[a + 9] <= '9') return w;
  const std::string first = w.substr(a, 4), second = w.substr(a + 5, 4);
  if (first <= second) return w;
  if (repairs) ++*repairs;
  return w.substr(0, a) + second + "-" + first + w.substr(a + 9);
}

// Tesseract reads the pair of month names that Arabic writes with a slash ("أيلول/سبتمبر",
// Syriac and Latin names) as two words, the slash on the second: "أيلول /سبتمبر".
bool slash_pair(std::string_view left, std::string_view right) {
  if (left.empty() || right.size() < 3 || right[0] != '/') return false;
  std::size_t i = 1;
  if (!is_arabic(next_code_point(right, i))) return false;
  std::size_t last = left.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(left[last]) & 0xC0) == 0x80) --last;
  return is_arabic(next_code_point(left, last));
}

class NormalizeTextStage final : public DocumentStage {
 public:
  explicit NormalizeTextStage(const Params& p)
      : DocumentStage("normalize.text"), dehyphenate_(p.get_bool("dehyphenate")),
        keep_short_lines_(p.get_bool("keep_short_lines")),
        names_(p.get_bool("repair_names") ? &NameRepair::standard() : nullptr) {  // loaded once, up front
    options_.unify_punctuation = p.get_bool("unify_punctuation");
    options_.repair_digits = p.get_bool("repair_digits");
  }

  void process(Document& doc, Context&) override {
    doc.text.clear();
    doc.segments.clear();
    int repairs = 0, joins = 0, name_repairs = 0, line_breaks = 0, cell_breaks = 0;
    bool first = true;
    for (std::size_t pi = 0; pi < doc.pages.size(); ++pi) {
      const Page& page = doc.pages[pi];
      const auto columns = column_extents(page);
      const auto table = table_columns(page);
      for (std::size_t bi = 0; bi < page.blocks.size(); ++bi) {
        const Block& block = page.blocks[bi];
        bool block_start = true;
        std::size_t longest = SIZE_MAX;  // of the block's lines, in bytes; counted when first asked
        auto block_longest = [&] {
          if (longest == SIZE_MAX) longest = longest_line(page, block);
          return longest;
        };
        const Line* previous = nullptr;  // the block's last line that gave text
        uint32_t previous_word = 0;      // and its last word that gave text
        bool row_cells = false;          // the line so far has table cells (cell_gap)
        for (uint32_t li = block.first_line; li < block.first_line + block.line_count; ++li) {
          const Line& line = page.lines[li];
          bool line_start = true;
          int line_rtl = -1;  // unknown until a word needs it
          // A table's row (cells on the line before) ends with its line.
          const bool previous_cells = row_cells;
          row_cells = false;
          for (uint32_t wi = line.first_word; wi < line.first_word + line.word_count; ++wi) {
            std::string w = normalize_word(page.words[wi].text, options_, &repairs);
            if (w.empty()) continue;
            if (names_ && names_->may_need_repair(w)) w = names_->repair(w, &name_repairs);
            if (names_ && names_->comma_read_as_hamza(w)) {
              w.replace(w.size() - 2, 2, "\u060C");  // the Arabic comma
              ++name_repairs;
            }
            if (w.size() >= 9 && w.find('-') != std::string::npos) {
              if (line_rtl < 0) line_rtl = right_to_left(page, line);  // once per line, when asked
              if (line_rtl) w = reversed_year_span(w, &repairs);
            }
            if (!first) {
              if (block_start) {
                doc.text += "\n\n";
              } else if (line_start) {
                const int join = dehyphenate_ ? hyphen_join(last_word(doc), w) : 0;
                if (join == 1) {
                  doc.text.pop_back();  // the hyphen
                  --doc.segments.back().end;
                  ++joins;
                } else if (join == 0) {
                  const bool layout = !previous || !previous->bbox.empty();
                  const bool kept =
                      keep_short_lines_ && previous &&
                      (table[bi] || previous_cells || list_lines(page, *previous, page.words[wi].text) || list_starts(page, block, li) ||
                       (layout ? ends_on_purpose(page, *previous, columns[bi], page.words[wi].bbox)
                               : ends_on_purpose_text(page, block_longest(), *previous, page.words[wi].text)));
                  doc.text += kept ? '\n' : ' ';
                  line_breaks += kept;
                }
              } else if (names_ && names_->joins(last_word(doc), w)) {
                ++name_repairs;  // "Budap est": one name, read as two words
              } else if (slash_pair(last_word(doc), w)) {
                ++joins;  // "أيلول /سبتمبر": the two names of a month, as written
              } else if (keep_short_lines_ && cell_gap(line, page.words[previous_word].bbox, page.words[wi].bbox)) {
                doc.text += '\n';
                ++cell_breaks;
                row_cells = true;
              } else {
                doc.text += ' ';
              }
            }
            const auto start = static_cast<uint32_t>(doc.text.size());
            doc.text += w;
            doc.segments.push_back({start, static_cast<uint32_t>(doc.text.size()), static_cast<uint32_t>(pi), wi});
            first = block_start = line_start = false;
            previous = &line;
            previous_word = wi;
          }
        }
      }
    }
    if (doc.text.size() > UINT32_MAX / 2)
      throw Error(ErrorCode::kResourceExhausted, "document text exceeds 2 GB");
    doc.processing[name()] = {{"digit_repairs", repairs}, {"dehyphenated", joins}, {"name_repairs", name_repairs},
                              {"line_breaks_kept", line_breaks}, {"table_cells", cell_breaks}};
  }

 private:
  static std::string_view last_word(const Document& doc) {
    const TextSegment& s = doc.segments.back();
    return std::string_view(doc.text).substr(s.start, s.end - s.start);
  }

  bool dehyphenate_;
  bool keep_short_lines_;
  const NameRepair* names_;  // null: repair_names = false
  WordNormalizeOptions options_;
};

}  // namespace

void register_normalize(Registry& r) {
  r.add({"normalize.text",
         StageKind::kDocument,
         "normalized document text in reading order with an offset map back to words and boxes",
         {param_bool("dehyphenate", true, "join words split by a hyphen at a line end (keeps real compounds)"),
          param_bool("unify_punctuation", true, "curly quotes, dashes and odd spaces to plain forms"),
          param_bool("repair_digits", true,
                     "read l, I, | as 1 and O, o as 0 inside numbers (l944 → 1944), a lone 1 or 0 between "
                     "lower-case letters as l or o (Kowa1ski), 1 or l in a Roman month as I (9.X1.1920), "
                     "i or l in an ordinal as 1 (1ith)"),
          param_bool("keep_short_lines", true,
                     "end the line with a line break, not a space, where it stops short of its column by "
                     "more than the next line's first word (address lines, headings), or where it and "
                     "the next line both open with a list marker (2., 3), -)"),
          param_bool("repair_names", true,
                     "undo OCR confusions (rn for m, ii for ü, 6 for ó/ő/ö, a wrong accent) where that "
                     "turns an unknown word into a name of the authority files or the given-name list")},
         kCapLayout,
         kCapText,
         [](const Params& p) { return std::make_unique<NormalizeTextStage>(p); }});
}

}  // namespace testimony
