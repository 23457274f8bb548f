// normalize.text: rules per language, and offset-map properties on random layouts.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "pipeline/offsets.hpp"
#include "pipeline/utf8.hpp"
#include "stages/common/text.hpp"
#include "stages/normalize/name_repair.hpp"
#include "stages/normalize/normalize.hpp"
#include "tests/test_support.hpp"

namespace testimony {
namespace {

std::unique_ptr<DocumentStage> make_normalize(const std::map<std::string, ParamValue>& overrides = {}) {
  static const Registry r = [] {
    Registry reg;
    register_normalize(reg);
    return reg;
  }();
  return test::make_stage<DocumentStage>(r, "normalize.text", overrides);
}

// A one-page document from lines of words ("" starts a new block); word i gets box i.
Document doc_from(const std::vector<std::string>& lines) {
  Document d;
  Page p;
  p.number = 1;
  p.width = 1000;
  p.height = 1000;
  bool new_block = true;
  int n = 0;
  for (const auto& line : lines) {
    if (line.empty()) {
      new_block = true;
      continue;
    }
    if (new_block) p.begin_block({});
    new_block = false;
    p.begin_line({});
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      if (end > start) {
        p.add_word({line.substr(start, end - start), {n, n, n + 1, n + 1}, 0.9f, {}, {}});
        ++n;
      }
      start = end + 1;
    }
  }
  d.pages.push_back(std::move(p));
  return d;
}

std::string normalized(const std::vector<std::string>& lines, const std::map<std::string, ParamValue>& o = {}) {
  Document d = doc_from(lines);
  Context ctx;
  make_normalize(o)->process(d, ctx);
  return d.text;
}

TEST(Normalize, LinesJoinBlocksSeparate) {
  EXPECT_EQ(normalized({"Querida Gisela,", "escrevo-te de Lisboa.", "", "Abraços"}),
            "Querida Gisela, escrevo-te de Lisboa.\n\nAbraços");
}

// Letters of a word, for widths in pixels.
int letters(const std::string& s) { return static_cast<int>(utf8_length(s)); }

// A laid-out page: each line is (left edge, words); 12 px a character, 10 px between words
// and 12 more for each further space (a typed table's column gap), lines 40 px high; blocks
// and lines get the boxes of their words. Blocks follow each other
// down the page, or with `side_by_side` all start at the top (the columns of a table).
struct LaidLine {
  int left;
  std::string words;
};
Document laid_out(const std::vector<std::vector<LaidLine>>& blocks, bool rtl = false, bool side_by_side = false) {
  Document d;
  Page p;
  p.number = 1;
  p.width = 1200;
  p.height = 1200;
  int y = 100;
  for (const auto& block : blocks) {
    if (side_by_side) y = 100;
    std::vector<std::pair<BBox, std::vector<Word>>> lines;
    BBox block_box;
    for (const auto& line : block) {
      std::vector<std::string> texts;
      std::vector<int> gaps;  // before each word
      int total = 0, extra = 0;
      for (std::size_t start = 0; start < line.words.size();) {
        std::size_t end = line.words.find(' ', start);
        if (end == std::string::npos) end = line.words.size();
        if (end == start) {  // another space
          extra += 12;
          start = end + 1;
          continue;
        }
        texts.push_back(line.words.substr(start, end - start));
        gaps.push_back(texts.size() > 1 ? 10 + extra : 0);
        total += 12 * letters(texts.back()) + gaps.back();
        extra = 0;
        start = end + 1;
      }
      // In reading order: left to right, or from the right end leftwards.
      std::vector<Word> words;
      BBox line_box;
      int x = rtl ? line.left + total : line.left;
      for (std::size_t k = 0; k < texts.size(); ++k) {
        const std::string& w = texts[k];
        x += rtl ? -gaps[k] : gaps[k];
        const int width = 12 * letters(w);
        const BBox box = rtl ? BBox{x - width, y, x, y + 40} : BBox{x, y, x + width, y + 40};
        words.push_back({w, box, 0.9f, {}, {}});
        line_box = line_box.united(box);
        x += rtl ? -width : width;
      }
      lines.emplace_back(line_box, std::move(words));
      block_box = block_box.united(line_box);
      y += 50;
    }
    p.begin_block(block_box);
    for (auto& [box, words] : lines) {
      p.begin_line(box);
      for (auto& w : words) p.add_word(std::move(w));
    }
    y += 50;
  }
  d.pages.push_back(std::move(p));
  return d;
}

TEST(Normalize, LineThatEndsShortOnPurposeKeepsItsBreak) {
  // An address block beside the body (its column is the body's), then running text whose
  // lines end near the right edge: a name wrapped there stays one line of text.
  Document d = laid_out({{{100, "z. Hd. Herrn Dr. Filip Friedman"}, {100, "Sehr geehrter Herr Doktor!"}},
                         {{100, "Auf Ihre Anfrage teile ich Ihnen mit, was ich von Herrn Raoul"},
                          {100, "Wallenberg weiss, der in Budapest viele Schutzpässe ausstellte und"},
                          {100, "half."},
                          {100, "Hochachtungsvoll"}}});
  Context ctx;
  make_normalize()->process(d, ctx);
  EXPECT_EQ(d.text,
            "z. Hd. Herrn Dr. Filip Friedman\nSehr geehrter Herr Doktor!\n\n"
            "Auf Ihre Anfrage teile ich Ihnen mit, was ich von Herrn Raoul Wallenberg weiss, der in Budapest "
            "viele Schutzpässe ausstellte und half.\nHochachtungsvoll");
  EXPECT_EQ(d.processing["normalize.text"]["line_breaks_kept"], 2);
  Document off = laid_out({{{100, "z. Hd. Herrn Dr. Filip Friedman"}, {100, "Sehr geehrter Herr Doktor!"}}});
  make_normalize({{"keep_short_lines", false}})->process(off, ctx);
  EXPECT_EQ(off.text, "z. Hd. Herrn Dr. Filip Friedman Sehr geehrter Herr Doktor!");
}

// A typed table read as whole lines: the column gaps (runs of spaces) break the line, and a
// row's line ends with it; the words of one cell stay together.
TEST(Normalize, TypedTableColumnsReadAsOneLine) {
  Document d = laid_out({{{100, "1      KOHN, Ruth      Wien      Jewish Refugees Committee"},
                          {100, "2      LEVY, Peter      Graz      Society of Friends"}}});
  Context ctx;
  make_normalize()->process(d, ctx);
  EXPECT_EQ(d.text, "1\nKOHN, Ruth\nWien\nJewish Refugees Committee\n2\nLEVY, Peter\nGraz\nSociety of Friends");
  EXPECT_EQ(d.processing["normalize.text"]["table_cells"], 6);
  // A justified line's wide spaces are no columns.
  Document prose = laid_out({{{100, "Auf Ihre   Anfrage   teile ich Ihnen mit"}}});
  make_normalize()->process(prose, ctx);
  EXPECT_EQ(prose.text, "Auf Ihre Anfrage teile ich Ihnen mit");
}

// Blocks side by side, each a column of lines at the same heights (rows), left edges at
// `lefts`: a table as Tesseract or a PDF's text layer gives it, one block per column.
Document side_by_side(const std::vector<std::vector<std::string>>& columns, const std::vector<int>& lefts) {
  std::vector<std::vector<LaidLine>> blocks;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    blocks.emplace_back();
    for (const std::string& line : columns[c]) blocks.back().push_back({lefts[c], line});
  }
  return laid_out(blocks, false, true);
}

TEST(Normalize, EveryLineOfATableColumnIsACell) {
  Document d = side_by_side({{"Berlin", "Munich", "Hamburg", "Vienna"},
                             {"Mr. A. Levy, London", "Refugee Children's Movement", "Jewish Refugees Committee", "Quakers"}},
                            {100, 400});
  Context ctx;
  make_normalize()->process(d, ctx);
  EXPECT_EQ(d.text,
            "Berlin\nMunich\nHamburg\nVienna\n\n"
            "Mr. A. Levy, London\nRefugee Children's Movement\nJewish Refugees Committee\nQuakers");
  // Two columns of prose, lines of many words: running text, joined.
  Document prose = side_by_side({{"the consul gave visas to all who came to him", "and to their families in Bordeaux"},
                                 {"after the war the families that had left wrote", "to him from New York and Rio"}},
                                {100, 700});
  make_normalize()->process(prose, ctx);
  EXPECT_EQ(prose.text,
            "the consul gave visas to all who came to him and to their families in Bordeaux\n\n"
            "after the war the families that had left wrote to him from New York and Rio");
}

TEST(Normalize, TranscriptionKeepsListLinesAndShortLinesAndJoinsProse) {
  // No layout: list entries (a marker on both lines) and a short line before a long one keep
  // their breaks, running text is joined.
  EXPECT_EQ(normalized({"1. BAUER Hans, geb. 12.3.1930, Wien", "2. Kohn, Lieselotte, geb. 4.5.1932, Prag"}),
            "1. BAUER Hans, geb. 12.3.1930, Wien\n2. Kohn, Lieselotte, geb. 4.5.1932, Prag");
  EXPECT_EQ(normalized({"Lisboa, 3 de março", "Querida Gisela, escrevo-te de Lisboa, onde chegámos ontem"}),
            "Lisboa, 3 de março\nQuerida Gisela, escrevo-te de Lisboa, onde chegámos ontem");
  EXPECT_EQ(normalized({"Querida Gisela, escrevo-te de Lisboa, onde", "chegámos ontem depois de uma longa viagem."}),
            "Querida Gisela, escrevo-te de Lisboa, onde chegámos ontem depois de uma longa viagem.");
  // The first entry keeps its break from the long line before it when the next line is an
  // entry too.
  EXPECT_EQ(normalized({"LISTA ŻYDÓW ZAMIESZKAŁYCH W WILNIE, sporządzona przez Komitet, 14 IX 1945",
                        "1. Abramowicz Chaim, ur. 1912", "2. Bergman Sara, ur. 1920"}),
            "LISTA ŻYDÓW ZAMIESZKAŁYCH W WILNIE, sporządzona przez Komitet, 14 IX 1945\n"
            "1. Abramowicz Chaim, ur. 1912\n2. Bergman Sara, ur. 1920");
  // Typed lists number their entries without a period: numbers that count on keep the lines
  // apart; a line that merely starts with a number is prose.
  EXPECT_EQ(normalized({"7 LOWY, Gertrud Sara   5.6.1926   Baden", "8 ADLER, Mizzi   19.2.1933   Wien"}),
            "7 LOWY, Gertrud Sara 5.6.1926 Baden\n8 ADLER, Mizzi 19.2.1933 Wien");
  EXPECT_EQ(normalized({"Ich habe Ihnen am 12. Mai geschrieben, dass wir", "12 Kinder aus Wien erwarten, die Ende Mai kommen."}),
            "Ich habe Ihnen am 12. Mai geschrieben, dass wir 12 Kinder aus Wien erwarten, die Ende Mai kommen.");
  // A date at a line start is no list: "am\n3. Mai" is joined.
  EXPECT_EQ(normalized({"Wir kamen in Wien an, es war genau am", "3. Mai 1938, einem Dienstag im Frühling."}),
            "Wir kamen in Wien an, es war genau am 3. Mai 1938, einem Dienstag im Frühling.");
}

TEST(Normalize, RightToLeftLineEndsShortOnItsLeft) {
  // Arabic lines start at the right edge: the short one leaves its gap on the left.
  Document d = laid_out({{{130, "إلى السيد الدكتور فيليب فريدمان في مدينة كراكوف البولندية المحترم جدا"},
                          {860, "تحية طيبة وبعد"},
                          {130, "أكتب إليكم من فيينا عن عائلة لانداو التي عاشت في لمبرغ قبل"}}},
                        true);
  Context ctx;
  make_normalize()->process(d, ctx);
  EXPECT_NE(d.text.find("وبعد\nأكتب"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("جدا تحية"), std::string::npos) << d.text;  // the full line joins
}

TEST(Normalize, YearSpanReadRightToLeftIsPutInOrder) {
  // Laid out so that the line is right to left; the span's second year is the earlier one.
  Document d = laid_out({{{130, "ولد خالد (1997-1911) في تونس وعاش (1900-1986) هناك"}}}, true);
  Context ctx;
  make_normalize()->process(d, ctx);
  EXPECT_NE(d.text.find("(1911-1997)"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("(1900-1986)"), std::string::npos) << d.text;  // already in order
  EXPECT_EQ(normalized({"from 1945-1939 (sic)"}), "from 1945-1939 (sic)");  // left to right: as read
}

TEST(Normalize, ArabicMonthPairKeepsItsSlash) {
  EXPECT_EQ(normalized({"في أيلول /سبتمبر 1943 و حزيران /يونيو"}), "في أيلول/سبتمبر 1943 و حزيران/يونيو");
  EXPECT_EQ(normalized({"and /or 12 /13"}), "and /or 12 /13");  // not in Latin text or numbers
}

TEST(Normalize, DehyphenatesAcrossLineEnds) {
  EXPECT_EQ(normalized({"a organi-", "zação judaica"}), "a organização judaica");    // por
  EXPECT_EQ(normalized({"the commit-", "tee met"}), "the committee met");             // eng
  EXPECT_EQ(normalized({"die Gemein-", "de in Wien"}), "die Gemeinde in Wien");       // deu
  EXPECT_EQ(normalized({"w getcie war-", "szawskim"}), "w getcie warszawskim");       // pol
  EXPECT_EQ(normalized({"no período pós-", "guerra"}), "no período pós-guerra");      // compound kept
  EXPECT_EQ(normalized({"o continente sul-", "americano"}), "o continente sul-americano");
  EXPECT_EQ(normalized({"Warszawa-", "Praga"}), "Warszawa-Praga");                     // names
  EXPECT_EQ(normalized({"1943 -", "1944"}), "1943 - 1944");                            // not a word
  EXPECT_EQ(normalized({"a organi-", "zação"}, {{"dehyphenate", false}}), "a organi- zação");
}

TEST(Normalize, UnicodeCleanup) {
  WordNormalizeOptions o;
  EXPECT_EQ(normalize_word("\xEF\xAC\x81" "nal", o), "final");                  // ﬁ ligature
  EXPECT_EQ(normalize_word("\xE2\x80\x9CRed\xE2\x80\x9D", o), "\"Red\"");       // “Red”
  EXPECT_EQ(normalize_word("l'\xE2\x80\x99" "x", o), "l''x");
  EXPECT_EQ(normalize_word("1911\xE2\x80\x93" "1990", o), "1911-1990");         // en dash
  EXPECT_EQ(normalize_word("Krako\xCC\x81w", o), "Krak\xC3\xB3w");              // NFC
  // Letters above U+0300 compose too: Arabic alef + madda is آ, Cyrillic и + breve is й.
  EXPECT_EQ(normalize_word("\xD8\xA7\xD9\x93\xD9\x86", o), "\xD8\xA2\xD9\x86");
  EXPECT_EQ(normalize_word("\xD0\xB8\xCC\x86\xD0\xB0", o), "\xD0\xB9\xD0\xB0");
  EXPECT_EQ(normalize_word("ab\x01" "c\xC2\xAD" "d", o), "abcd");               // control, soft hyphen
  EXPECT_EQ(normalize_word(" GRUNBAUM, ", o), "GRUNBAUM,");                       // OCR's spaces at the ends
  EXPECT_EQ(normalize_word("\xE2\x80\x8F" "abc", o), "abc");                     // RLM
  // Arabic: tatweel removed in the display text, letters kept.
  EXPECT_EQ(normalize_word("كـراكوف", o), "كراكوف");
  // Hebrew niqqud stays in the display text (folded only for matching).
  EXPECT_EQ(normalize_word("קְרָקוֹב", o), "קְרָקוֹב");
}

TEST(Normalize, DigitRepairOnlyInsideNumbers) {
  WordNormalizeOptions o;
  int n = 0;
  EXPECT_EQ(normalize_word("l944", o, &n), "1944");
  EXPECT_EQ(normalize_word("19O4,", o, &n), "1904,");
  EXPECT_EQ(normalize_word("3.III.l943", o, &n), "3.III.1943");
  EXPECT_EQ(normalize_word("Ilona", o, &n), "Ilona");
  EXPECT_EQ(normalize_word("lO", o, &n), "lO");
  EXPECT_EQ(n, 3);  // l944, 19O4, l943
  // The other way: a lone 1 or 0 between lower-case letters is l or o.
  EXPECT_EQ(normalize_word("Kowa1ski,", o, &n), "Kowalski,");
  EXPECT_EQ(normalize_word("Gr0dno", o, &n), "Grodno");
  EXPECT_EQ(n, 5);
  // Roman-numeral months with a 1 or l among the numerals; ordinals with an i or l for a 1.
  EXPECT_EQ(normalize_word("9.X1.1920,", o, &n), "9.XI.1920,");
  EXPECT_EQ(normalize_word("11.II1.1907", o, &n), "11.III.1907");
  EXPECT_EQ(normalize_word("June", o, &n), "June");
  EXPECT_EQ(normalize_word("1ith,", o, &n), "11th,");
  EXPECT_EQ(normalize_word("2lst", o, &n), "21st");
  EXPECT_EQ(n, 9);
  for (const char* kept : {"B1", "a1", "x10y", "Pozna0", "1a", "A1B", "3a1", "9.III1.1932", "22.XI1I.1890",
                           "21.11.1930", "lst", "14th", "1.1.1912", "IV.1.1943"})
    EXPECT_EQ(normalize_word(kept, o, &n), kept) << kept;
  EXPECT_EQ(n, 9);
  o.repair_digits = false;
  EXPECT_EQ(normalize_word("l944", o), "l944");
}

TEST(Fold, MatchingFormPerScript) {
  EXPECT_EQ(fold_key("Kraków"), "krakow");
  EXPECT_EQ(fold_key("ŁÓDŹ"), "lodz");
  EXPECT_EQ(fold_key("Thür"), "thur");
  EXPECT_EQ(fold_key("Straße"), "strasse");
  EXPECT_EQ(fold_key("freqüente"), "frequente");
  EXPECT_EQ(fold_key("إسطنبول"), fold_key("اسطنبول"));  // alef with hamza below
  EXPECT_EQ(fold_key("القاهرة"), fold_key("القاهره"));  // teh marbuta
  EXPECT_EQ(fold_key("مصطفى"), fold_key("مصطفي"));      // alef maksura
  EXPECT_EQ(fold_key("كـراكوف"), fold_key("كراكوف"));   // tatweel
  EXPECT_EQ(fold_key("קְרָקוֹב"), fold_key("קרקוב"));    // niqqud
  EXPECT_EQ(fold_key("קאָװנער"), fold_key("קאוונער"));  // Yiddish ligature װ as two vovs
  EXPECT_EQ(fold_key("זײַן"), fold_key("זיין"));        // ײַ as two yods
  EXPECT_EQ(fold_key("١٩٤٤"), "1944");                   // Arabic-Indic digits
  EXPECT_EQ(fold_key("۱۹۴۴"), "1944");                   // Persian digits
}

TEST(Tokenize, WordsNumbersPunctuation) {
  const std::string t = "Em 3.III.1944, d'Anvers\nviu Łódź (1911-1990) l944 O'Brien";
  const auto toks = tokenize(t);
  std::vector<std::string> texts;
  for (const auto& k : toks) texts.emplace_back(k.text(t));
  EXPECT_EQ(texts, (std::vector<std::string>{"Em", "3", ".", "III", ".", "1944", ",", "d'", "Anvers", "viu", "Łódź",
                                             "(", "1911", "-", "1990", ")", "l944", "O'Brien"}));
  EXPECT_TRUE(toks[0].upper);
  EXPECT_EQ(toks[1].kind, TokenKind::kNumber);
  EXPECT_TRUE(toks[3].all_upper);
  EXPECT_TRUE(toks[9].newline_before);
  EXPECT_EQ(toks[10].key, "lodz");
  // Arabic and Hebrew clitics of up to two letters glued to a number are words of their own.
  const std::string rtl = "1940 و1942 וב1943 ונב1944";
  std::vector<std::string> parts;
  for (const auto& k : tokenize(rtl)) parts.emplace_back(k.text(rtl));
  EXPECT_EQ(parts, (std::vector<std::string>{"1940", "و", "1942", "וב", "1943", "ונב1944"}));
}

// Property: for random layouts, every byte of the text lies in a segment or is a separator
// the normalizer inserted (space, newline); segments are ordered; each segment's words are
// real; a span's boxes are exactly the boxes of the words it came from.
TEST(OffsetMap, RandomLayoutsMapEveryCharacterBack) {
  std::mt19937 rng(1234);
  const std::vector<std::string> vocab = {"Kraków", "organi-", "zação", "1944", "l944", "\xEF\xAC\x81m", "—",
                                          "كـراكوف", "Łódź,", "the", "\xC2\xAD", "pós-", "Warszawa-", "x"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> lines;
    const int n_lines = 1 + static_cast<int>(rng() % 8);
    for (int l = 0; l < n_lines; ++l) {
      if (rng() % 5 == 0) lines.emplace_back("");
      std::string line;
      const int n_words = 1 + static_cast<int>(rng() % 6);
      for (int w = 0; w < n_words; ++w) line += (w ? " " : "") + vocab[rng() % vocab.size()];
      lines.push_back(line);
    }
    Document d = doc_from(lines);
    Context ctx;
    make_normalize()->process(d, ctx);
    std::vector<bool> covered(d.text.size(), false);
    uint32_t prev_end = 0;
    for (const TextSegment& s : d.segments) {
      ASSERT_LE(prev_end, s.start);
      ASSERT_LT(s.start, s.end);
      ASSERT_LE(s.end, d.text.size());
      ASSERT_LT(s.word, d.pages[s.page].words.size());
      for (uint32_t i = s.start; i < s.end; ++i) covered[i] = true;
      prev_end = s.end;
    }
    for (std::size_t i = 0; i < d.text.size(); ++i) {
      if (!covered[i]) {
        ASSERT_TRUE(d.text[i] == ' ' || d.text[i] == '\n') << "byte " << i << " of " << d.text;
      }
    }
    // Boxes of each segment's span are exactly its word's box.
    for (const TextSegment& s : d.segments) {
      const auto boxes = boxes_of_span(d, s.start, s.end);
      ASSERT_EQ(boxes.size(), 1u);
      EXPECT_EQ(boxes[0], d.pages[s.page].words[s.word].bbox);
      const auto back = span_of_word(d, {s.page, s.word});
      ASSERT_TRUE(back.has_value());
      EXPECT_EQ(back->first, s.start);
    }
    // A span over the whole text covers every word that produced text.
    EXPECT_EQ(words_in_span(d, 0, static_cast<uint32_t>(d.text.size())).size(), d.segments.size());
  }
}

}  // namespace
}  // namespace testimony

namespace testimony {
namespace {

TEST(Normalize, RnReadForMOnlyWhenItMakesAKnownName) {
  // "Grünbaurn" is no name; "Grünbaum" is (given names / authority files): repaired.
  EXPECT_EQ(normalized({"Herszel Wallenbarg and Birkenau and Hornbostel Raoul Wallenberg"}),
            "Herszel Wallenbarg and Birkenau and Hornbostel Raoul Wallenberg");  // nothing to do
  EXPECT_EQ(normalized({"Miriarn and Abraharn"}), "Miriam and Abraham");
  EXPECT_EQ(normalized({"Bernhard Hornung"}), "Bernhard Hornung");  // rn that is really rn
  EXPECT_EQ(normalized({"Abraharn"}, {{"repair_names", false}}), "Abraharn");
}

// The confusions one by one on a small lexicon, each with a case that must stay as read.
TEST(NameRepair, ACommonWordIsNoMisreadName) {
  // "Małka" is a name; "Matka" (mother) is what the page says, not "Małka" misread.
  const NameRepair names({"Małka", "Bałuty"}, {"matka"});
  EXPECT_EQ(names.repair("Matka"), "Matka");
  EXPECT_EQ(names.repair("Batuty"), "Bałuty");
  EXPECT_EQ(NameRepair::standard().repair("Matka"), "Matka");
}

TEST(NameRepair, UndoesAConfusionOnlyWhereExactlyOneKnownNameResults) {
  const NameRepair names({"Grünbaum", "Rezső", "Ottó", "Miklós", "Göth", "Goth", "Kowalska", "Szálasi", "Øresund", "Bałuty", "Chełmno",
                          "Abraham", "Mielec", "Tomasz", "Tomász", "Lőrinc", "Lörinc"});
  struct Case {
    const char* read;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {"Griinbaum", "Grünbaum"},                      // ü read as ii
           {"Griinbauma,", "Grünbauma,"},                  // + a case ending, punctuation kept
           {"Griinbaum-Kowalska", "Grünbaum-Kowalska"},    // part by part
           {"Rezs6", "Rezső"}, {"(Ott6)", "(Ottó)"},        // ó ő ö read as 6: the one that is a name
           {"Abraharn", "Abraham"},                        // m read as rn
           {"Gôth", "Göth"},                               // one accent for another
           {"Qresund", "Øresund"}, {"Quisling", "Quisling"},  // Ø read as Q; a real Q stays
           {"Batuty", "Bałuty"}, {"Cheimno", "Chełmno"},      // ł read as t or i
           {"Titanic", "Titanic"},                             // no name results
           {"Szalasi", "Szalasi"},                         // no accent: a spelling, kept
           {"Goth", "Goth"}, {"Göth", "Göth"},             // known as read
           {"Skiing", "Skiing"},                           // ii, but no name results
           {"B6", "B6"}, {"1944", "1944"}, {"M1elec", "M1elec"},  // 1 → l or í: neither is a name
           {"Tomâsz", "Tomász"},                           // Tomasz has no accent there: not it
           {"L6rinc", "L6rinc"},                           // Lőrinc and Lörinc both fit: left alone
           {"GRIINBAUM", "GRIINBAUM"},                     // capitals lose their dots otherwise
       }) {
    int repairs = 0;
    EXPECT_EQ(names.repair(c.read, &repairs), c.want) << c.read;
    EXPECT_EQ(repairs, std::string(c.read) != c.want ? 1 : 0) << c.read;
  }
}

TEST(NameRepair, JoinsANameSplitByASpace) {
  const NameRepair names({"Budapest", "Kowalski", "Amsterdam", "Bern", "Bernhard"});
  EXPECT_TRUE(names.joins("Budap", "est"));
  EXPECT_TRUE(names.joins("Budap", "est,"));
  EXPECT_TRUE(names.joins("Kowal", "ski."));
  EXPECT_FALSE(names.joins("Bern", "hard"));      // Bern is a name itself
  EXPECT_FALSE(names.joins("Amst", "erdam"));     // a long second piece is a word of its own
  EXPECT_FALSE(names.joins("budap", "est"));      // no capital
  EXPECT_FALSE(names.joins("Budap", "Est"));      // the second part in capitals starts a word
  EXPECT_FALSE(names.joins("Budap", "estate"));   // no known name
  EXPECT_FALSE(names.joins("Buda,", "pest"));     // punctuation between
  EXPECT_FALSE(names.joins("Be", "rn"));          // under six letters
}

TEST(NameRepair, AnArabicCommaReadAsAHamza) {
  // Tesseract's Arabic model reads "بودابست،" as "بودابستء": the hamza goes back to a comma
  // where the word without it is a known name; a word that ends in a hamza stays ("السماء").
  const NameRepair names({"بودابست", "أوروبا"});
  EXPECT_TRUE(names.comma_read_as_hamza("بودابستء"));
  EXPECT_TRUE(names.comma_read_as_hamza("أوروباء"));
  EXPECT_FALSE(names.comma_read_as_hamza("السماء"));
  EXPECT_FALSE(names.comma_read_as_hamza("بودابست"));
  EXPECT_EQ(normalized({"لآلاف اليهود في بودابستء بالتعاون مع الصليب الأحمر، وشربنا الماء"}),
            "لآلاف اليهود في بودابست، بالتعاون مع الصليب الأحمر، وشربنا الماء");
}

TEST(Normalize, OcrConfusionsInNamesRepairedWithTheStandardLexicon) {
  EXPECT_EQ(normalized({"Rezs6 Kasztner and Ott6 Komoly met Herszel Griinbaum."}),
            "Rezső Kasztner and Ottó Komoly met Herszel Grünbaum.");
  EXPECT_EQ(normalized({"Amon Gôth, room 6B, 1O May"}), "Amon Göth, room 6B, 1O May");
  EXPECT_EQ(normalized({"They reached Budap est by train and Kowa1ski stayed."}),
            "They reached Budapest by train and Kowalski stayed.");
}

}  // namespace
}  // namespace testimony
