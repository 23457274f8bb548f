// write.tei and write.alto on an in-memory document (no OCR): the EDTF → TEI date mapping,
// the TEI subset check, ALTO validated against the official XSD (and a broken ALTO rejected),
// hostile OCR text escaped, ids with folders, determinism and the record round trip.
#include <gtest/gtest.h>

#include "pipeline/fs.hpp"
#include "stages/write/writers.hpp"
#include "tests/stages/stage_harness.hpp"
#include "tests/stages/xml_test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

const fs::path kAltoXsd = test::source_dir() / "docs/schemas/alto-4-4.xsd";

// ---- EDTF → TEI ----

struct DateCase {
  const char* edtf;
  const char* when;
  const char* from;
  const char* to;
  const char* not_before;
  const char* not_after;
  bool approximate;
  bool uncertain;
};

TEST(TeiDate, MapsEdtfLevel1ToAttDatable) {
  const DateCase cases[] = {
      {"1943-09-28", "1943-09-28", "", "", "", "", false, false},
      {"1943-09", "1943-09", "", "", "", "", false, false},
      {"1943", "1943", "", "", "", "", false, false},
      {"1943-10-01/1943-10-02", "", "1943-10-01", "1943-10-02", "", "", false, false},
      {"1936/1939", "", "1936", "1939", "", "", false, false},
      {"1943-05/1943-06", "", "1943-05", "1943-06", "", "", false, false},
      {"1944-21", "", "", "", "1944-03", "1944-05", false, false},
      {"1944-22", "", "", "", "1944-06", "1944-08", false, false},
      {"1944-23", "", "", "", "1944-09", "1944-11", false, false},
      {"1942-24", "", "", "", "1942-12", "1943-02", false, false},
      {"1942-21/1942-23", "", "1942-03", "1942-11", "", "", false, false},
      {"193X", "", "", "", "1930", "1939", false, false},
      {"19XX", "", "", "", "1900", "1999", false, false},
      {"1943-XX", "", "", "", "1943", "1943", false, false},
      {"1943-05-XX", "", "", "", "1943-05", "1943-05", false, false},
      {"1944-06~", "1944-06", "", "", "", "", true, false},
      {"1942?", "1942", "", "", "", "", false, true},
      {"1942%", "1942", "", "", "", "", true, true},
      {"1943~/1945", "", "1943", "1945", "", "", true, false},
      {"1943/..", "", "1943", "", "", "", false, false},
      {"../1943-05", "", "", "1943-05", "", "", false, false},
      {"1944-02-29", "1944-02-29", "", "", "", "", false, false},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.edtf);
    const TeiDate d = tei_date(c.edtf);
    ASSERT_TRUE(d.ok);
    EXPECT_EQ(d.when, c.when);
    EXPECT_EQ(d.from, c.from);
    EXPECT_EQ(d.to, c.to);
    EXPECT_EQ(d.not_before, c.not_before);
    EXPECT_EQ(d.not_after, c.not_after);
    EXPECT_EQ(d.approximate, c.approximate);
    EXPECT_EQ(d.uncertain, c.uncertain);
  }
}

TEST(TeiDate, RejectsWhatIsNotEdtf) {
  for (const char* bad : {"", "43", "1943-13", "1943-02-30", "1943-25", "0000", "XXXX", "1X43", "1943-5",
                          "March 1943", "1945/1943", "../..", "/", "1943-05-01T10:00", "-0100", "1943-05-01/x"}) {
    SCOPED_TRACE(bad);
    const TeiDate d = tei_date(bad);
    EXPECT_FALSE(d.ok);
    EXPECT_TRUE(d.when.empty() && d.from.empty() && d.to.empty() && d.not_before.empty() && d.not_after.empty());
  }
}

TEST(TeiXmlId, AuthorityIdsBecomeNCNames) {
  EXPECT_EQ(tei_xml_id("places:krakow"), "places.krakow");
  EXPECT_EQ(tei_xml_id("persons:aristides-de-sousa-mendes"), "persons.aristides-de-sousa-mendes");
  EXPECT_EQ(tei_xml_id("organizations:joint"), "organizations.joint");
  EXPECT_EQ(tei_xml_id("1942:x y"), "a.1942.x_y");
}

// ---- An in-memory document ----

struct W {
  std::string text;
  bool joined = false;  // glued to the previous word in Document::text (dehyphenation)
};

// Pages of lines of words; word boxes laid out left to right, 100 px a word, 50 px a line.
// Document::text joins words by ' ', lines by '\n', pages by "\n\n", with one segment a word.
Document make_doc(const std::vector<std::vector<std::vector<W>>>& pages) {
  Document d;
  d.id = "box3/letter-7";
  d.source = {"scans/box 3/letter-7", std::string(64, 'a'), "image/png", 12345};
  d.provenance.program = "testimony";
  d.provenance.version = "0.1.0";
  d.provenance.config_hash = std::string(64, 'c');
  d.provenance.stages = {{"ingest", {{"pdf_dpi", 300}}}, {"write.tei", {{"word_zones", true}}}};
  d.provenance.tools = {{"tesseract", "5.3.0"}, {"leptonica", "leptonica-1.82.0"}};
  for (std::size_t pi = 0; pi < pages.size(); ++pi) {
    Page p;
    p.number = static_cast<int>(pi + 1);
    p.width = 1000;
    p.height = 1400;
    p.dpi = 300;
    p.text_source = TextSource::kOcr;
    p.processing["ingest"] = {{"file", "page-000" + std::to_string(pi + 1) + ".png"}};
    p.begin_block({50, 50, 950, 1350});
    const bool glued = !pages[pi].empty() && !pages[pi][0].empty() && pages[pi][0][0].joined;
    if (pi > 0 && !glued) d.text += "\n\n";
    for (std::size_t li = 0; li < pages[pi].size(); ++li) {
      const int y = 100 + static_cast<int>(li) * 50;
      p.begin_line({100, y, 100 + 100 * static_cast<int>(pages[pi][li].size()), y + 40});
      if (li > 0 && !(pages[pi][li].size() > 0 && pages[pi][li][0].joined)) d.text += '\n';
      for (std::size_t wi = 0; wi < pages[pi][li].size(); ++wi) {
        const W& w = pages[pi][li][wi];
        const int x = 100 + 100 * static_cast<int>(wi);
        p.add_word({w.text, {x, y, x + 90, y + 40}, 0.91237f, "por", {}});
        if (wi > 0 && !w.joined) d.text += ' ';
        std::string t = w.text;
        if (!t.empty() && t.back() == '-' && wi + 1 == pages[pi][li].size() && pi + 1 < pages.size()) t.pop_back();
        const auto start = static_cast<uint32_t>(d.text.size());
        d.text += t;
        d.segments.push_back({start, static_cast<uint32_t>(d.text.size()), static_cast<uint32_t>(pi),
                              static_cast<uint32_t>(p.words.size() - 1)});
      }
    }
    p.rebuild_text();
    d.pages.push_back(std::move(p));
  }
  return d;
}

void add_entity(Document& d, EntityType type, const std::string& text, const std::string& value,
                const std::string& authority = {}, ReviewStatus review = ReviewStatus::kPending) {
  const std::size_t at = d.text.find(text);
  ASSERT_NE(at, std::string::npos) << text;
  Entity e;
  e.type = type;
  e.text = text;
  e.value = value;
  e.start = static_cast<uint32_t>(at);
  e.end = static_cast<uint32_t>(at + text.size());
  e.authority = authority;
  e.review = review;
  e.confidence = 0.9;
  e.page = 1;
  d.entities.push_back(std::move(e));
}

Document sample() {
  // "Sousa Men-" ends page 1; "des" opens page 2 and is glued to it: Document::text reads
  // "Sousa Mendes", a name across a page break.
  Document d = make_doc({
      {{{"Kraków,"}, {"3"}, {"de"}, {"março"}, {"de"}, {"1944"}},
       {{"<script>alert(1)</script>"}, {"R&D"}, {"\"q\""}, {"bad\x01word"}},
       {{"no"}, {"inverno"}, {"de"}, {"1942"}, {"Sousa"}, {"Men-"}}},
      {{{"des", true}, {"&"}, {"Co."}, {"Joint"}}},
  });
  add_entity(d, EntityType::kPlace, "Kraków", "Krakow", "places:krakow");
  add_entity(d, EntityType::kDate, "3 de março de 1944", "1944-03-03");
  add_entity(d, EntityType::kDate, "inverno de 1942", "1942-24");
  add_entity(d, EntityType::kPerson, "Sousa Mendes", "Aristides de Sousa Mendes", "persons:aristides-de-sousa-mendes",
             ReviewStatus::kAccepted);
  add_entity(d, EntityType::kOrganization, "Co.", "Co", "", ReviewStatus::kRejected);
  add_entity(d, EntityType::kOrganization, "Joint", "American Jewish Joint Distribution Committee",
             "organizations:joint");
  d.entities.back().page = 2;
  return d;
}

// ---- TEI ----

TEST(TeiWriter, PassesTheSubsetCheckAndEscapesOcrText) {
  const Document d = sample();
  const std::string tei = tei_xml(d);
  const auto problems = check_tei_subset(tei, d.text);
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(tei.find("<script>"), std::string::npos);
  EXPECT_NE(tei.find("&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D \"q\" bad\xEF\xBF\xBDword"), std::string::npos);
  EXPECT_NE(tei.find("<idno type=\"sha256\">" + std::string(64, 'a') + "</idno>"), std::string::npos);
  EXPECT_NE(tei.find("<application ident=\"ingest\" version=\"0.1.0\">\n          <label>ingest</label>\n          "
                     "<desc type=\"parameters\">{\"pdf_dpi\":300}</desc>"),
            std::string::npos);
  EXPECT_NE(tei.find("<application ident=\"leptonica\" version=\"1.82.0\">"), std::string::npos);
  EXPECT_NE(tei.find("<graphic url=\"scans/box 3/letter-7/page-0001.png\" width=\"1000px\" height=\"1400px\"/>"),
            std::string::npos);
  EXPECT_NE(tei.find("<place xml:id=\"places.krakow\">\n            <placeName>Krakow</placeName>"), std::string::npos);
  EXPECT_NE(tei.find("<placeName ref=\"#places.krakow\" facs=\"#f1.w1\">Kraków</placeName>,"), std::string::npos);
  EXPECT_NE(tei.find("<date when=\"1944-03-03\" facs=\"#f1.w2 #f1.w3 #f1.w4 #f1.w5 #f1.w6\">3 de março de 1944</date>"),
            std::string::npos);
  EXPECT_NE(tei.find("<date notBefore=\"1942-12\" notAfter=\"1943-02\""), std::string::npos);
  // The name runs across the page break: pb and lb (break="no", inside the word) sit in it.
  EXPECT_NE(tei.find("ref=\"#persons.aristides-de-sousa-mendes\" facs=\"#f1.w15 #f1.w16 #f2.w1\">Sousa Men<pb n=\"2\" "
                     "facs=\"#f2\"/><lb facs=\"#f2.l1\" break=\"no\"/>des</persName>"),
            std::string::npos);
  // A rejected tag is not written; its words stay as text.
  EXPECT_NE(tei.find("&amp; Co. <orgName ref=\"#organizations.joint\""), std::string::npos);
}

TEST(TeiWriter, WordZonesCanBeLeftOut) {
  const Document d = sample();
  const std::string tei = tei_xml(d, {.word_zones = false});
  EXPECT_TRUE(check_tei_subset(tei, d.text).empty());
  EXPECT_EQ(tei.find("type=\"word\""), std::string::npos);
  EXPECT_NE(tei.find("type=\"line\""), std::string::npos);
}

TEST(TeiSubsetCheck, FindsBrokenReferencesAndText) {
  const Document d = sample();
  const std::string tei = tei_xml(d);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = tei;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  auto first = [](const std::vector<std::string>& v) { return v.empty() ? std::string("(passed)") : v.front(); };
  EXPECT_EQ(first(check_tei_subset(replaced("ref=\"#places.krakow\"", "ref=\"#places.warsaw\""), d.text)),
            "placeName/@ref #places.warsaw names no entry of the header's lists");
  EXPECT_EQ(first(check_tei_subset(replaced("facs=\"#f1.l1\"", "facs=\"#f9.l1\""), d.text)),
            "lb/@facs #f9.l1 names no surface or zone");
  EXPECT_EQ(first(check_tei_subset(replaced("Kraków</placeName>", "Krakow</placeName>"), d.text)),
            "body text differs from the normalized text at byte 4 (body has 116 bytes, text 117)");
  EXPECT_NE(first(check_tei_subset(replaced("xml:id=\"f1.l2\"", "xml:id=\"f1.l1\""), d.text)).find("f1.l1 already defined"),
            std::string::npos);
  EXPECT_EQ(first(check_tei_subset(replaced("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", "<TEI>"), d.text)),
            "root is not TEI in the TEI namespace");
  EXPECT_FALSE(check_tei_subset(tei.substr(0, tei.size() / 2), d.text).empty()) << "not well-formed";
}

// ---- ALTO ----

TEST(AltoWriter, EveryPageValidatesAgainstTheAltoSchema) {
  const Document d = sample();
  const auto pages = alto_pages(d);
  ASSERT_EQ(pages.size(), 2u);
  for (const auto& [number, xml] : pages) {
    const auto errors = validate_with_xsd(xml, kAltoXsd);
    EXPECT_TRUE(errors.empty()) << "page " << number << ": " << errors.front();
  }
  for (const auto& [number, xml] : pages) EXPECT_TRUE(test::dangling_idrefs(xml).empty());
  const std::string& p1 = pages[0].second;
  EXPECT_NE(p1.find("<NamedEntityTag ID=\"NE1\" LABEL=\"place\" DESCRIPTION=\"Krakow\" URI=\"places:krakow\"/>"),
            std::string::npos);
  EXPECT_NE(p1.find("<String ID=\"P1_W1\" CONTENT=\"Kraków,\" HPOS=\"100\" VPOS=\"100\" WIDTH=\"90\" HEIGHT=\"40\" "
                    "WC=\"0.9124\" LANG=\"por\" TAGREFS=\"NE1\"/>"),
            std::string::npos);
  EXPECT_NE(p1.find("<SP HPOS=\"190\" VPOS=\"100\" WIDTH=\"10\"/>"), std::string::npos);
  EXPECT_NE(p1.find("CONTENT=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos);
  EXPECT_NE(p1.find("<fileName>scans/box 3/letter-7/page-0001.png</fileName>"), std::string::npos);
  // The person runs onto page 2: its tag is on both pages; the rejected organization nowhere.
  EXPECT_NE(p1.find("ID=\"NE4\" LABEL=\"person\""), std::string::npos);
  EXPECT_NE(pages[1].second.find("<String ID=\"P2_W1\" CONTENT=\"des\""), std::string::npos);
  EXPECT_NE(pages[1].second.find("TAGREFS=\"NE4\"/>"), std::string::npos);
  EXPECT_EQ(pages[1].second.find("NE5"), std::string::npos);
  EXPECT_NE(pages[1].second.find("TAGREFS=\"NE6\""), std::string::npos);
}

TEST(AltoWriter, ABrokenAltoFailsValidation) {
  const std::string good = alto_pages(sample())[0].second;
  ASSERT_TRUE(validate_with_xsd(good, kAltoXsd).empty());
  auto broken = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return validate_with_xsd(s.replace(at, from.size(), to), kAltoXsd);
  };
  EXPECT_FALSE(broken("<MeasurementUnit>pixel", "<MeasurementUnit>furlong").empty());
  EXPECT_FALSE(broken("CONTENT=\"Kraków,\" ", "").empty()) << "CONTENT is required";
  EXPECT_FALSE(broken("WC=\"0.9124\"", "WC=\"1.5\"").empty());
  EXPECT_FALSE(broken("TAGREFS=\"NE1\"", "TAGREFS=\"1 bad\"").empty()) << "IDREFS are NCNames";
  // libxml2's XSD validation does not resolve IDREFs; dangling_idrefs() does.
  EXPECT_TRUE(test::dangling_idrefs(good).empty());
  std::string dangling = good;
  dangling.replace(dangling.find("TAGREFS=\"NE1\""), 13, "TAGREFS=\"NE99\"");
  EXPECT_EQ(test::dangling_idrefs(dangling), std::vector<std::string>{"NE99"});
  EXPECT_FALSE(broken("<Layout>", "<Layout><Unknown/>").empty());
  EXPECT_FALSE(broken("xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\"", "xmlns=\"urn:x\"").empty());
  EXPECT_FALSE(validate_with_xsd(good, test::source_dir() / "docs/schemas/missing.xsd").empty());
}

TEST(AltoWriter, NamedEntitiesCanBeLeftOut) {
  const std::string xml = alto_pages(sample(), {.named_entities = false})[0].second;
  EXPECT_TRUE(validate_with_xsd(xml, kAltoXsd).empty());
  EXPECT_EQ(xml.find("<Tags>"), std::string::npos);
  EXPECT_EQ(xml.find("TAGREFS"), std::string::npos);
}

// ---- Stages, determinism, record round trip ----

TEST(WriterStages, WriteIntoFoldersForIdsWithSlashes) {
  test::TempDir tmp("writers-stages");
  Document d = sample();
  Context ctx;
  ctx.out_dir = tmp.path();
  test::make<DocumentStage>("write.tei")->process(d, ctx);
  test::make<DocumentStage>("write.alto")->process(d, ctx);
  EXPECT_EQ(read_file(tmp.path() / "tei/box3/letter-7.xml"), tei_xml(d));
  EXPECT_EQ(read_file(tmp.path() / "alto/box3/letter-7/page-0001.xml"), alto_pages(d)[0].second);
  EXPECT_EQ(read_file(tmp.path() / "alto/box3/letter-7/page-0002.xml"), alto_pages(d)[1].second);
  EXPECT_EQ(tei_path(tmp.path(), d.id), tmp.path() / "tei/box3/letter-7.xml");
}

TEST(WriterStages, RecordRoundTripGivesTheSameBytes) {
  const Document d = sample();
  const std::string tei = tei_xml(d), tei_again = tei_xml(d);
  EXPECT_EQ(tei, tei_again);
  const Document back = from_record(Json::parse(to_record(d).dump()));
  EXPECT_EQ(tei_xml(back, tei_options_from(back)), tei);
  EXPECT_EQ(alto_pages(back, alto_options_from(back)), alto_pages(d));
}

TEST(WriterStages, OptionsComeFromProvenance) {
  Document d = sample();
  EXPECT_TRUE(tei_options_from(d).word_zones);
  d.provenance.stages.push_back({"write.alto", {{"named_entities", false}}});
  d.provenance.stages[1].params["word_zones"] = false;
  EXPECT_FALSE(tei_options_from(d).word_zones);
  EXPECT_FALSE(alto_options_from(d).named_entities);
}

TEST(PageImageUrl, NamesTheImageOfEachPage) {
  Document d;
  d.source.path = "in/letter.pdf";
  Page p;
  p.text_source = TextSource::kOcr;
  p.processing["ingest"] = {{"pdf_page", 2}};
  EXPECT_EQ(page_image_url(d, p), "in/letter.pdf#page=2");
  d.source.path = "in/scan.tif";
  p.processing["ingest"] = {{"file", "scan.tif"}, {"tiff_page", 3}};
  EXPECT_EQ(page_image_url(d, p), "in/scan.tif#page=3");
  d.source.path = "in/one.png";
  p.processing["ingest"] = {{"file", "one.png"}};
  EXPECT_EQ(page_image_url(d, p), "in/one.png");
  p.text_source = TextSource::kTranscription;
  EXPECT_EQ(page_image_url(d, p), "");
}

}  // namespace
}  // namespace testimony

namespace testimony {
namespace {

TEST(RecordSchema, VersionMatchesTheCode) {
  const Json schema = Json::parse(read_file(test::source_dir() / "docs/record.schema.json"));
  EXPECT_EQ(schema.at("properties").at("schema_version").at("const"), std::string(kSchemaVersion));
  EXPECT_TRUE(schema.at("$id").get<std::string>().ends_with(":" + std::string(kSchemaVersion)));
}

}  // namespace
}  // namespace testimony
