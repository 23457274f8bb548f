// The catalog against the fixtures: every fixture's gold transcription goes through the text
// pipeline into catalog.sqlite, and queries must find what the gold says each document holds
// (words on a page, persons, places, dates by overlap) and nothing it doesn't.
#include "catalog/catalog.hpp"

#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "pipeline/config.hpp"
#include "pipeline/edtf.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/runner.hpp"
#include "stages/stages.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

struct GoldMention {
  std::string type, text, value;
  int page = 0;
};

// One catalog for the whole suite: built once from every fixture's transcription.
class CatalogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new test::TempDir("catalog");
    const auto files = test::write_transcriptions(tmp_->path() / "in");
    static const Registry registry = make_registry();
    pipeline_ = new Pipeline(Pipeline::build(parse_config(test::text_pipeline_config(), "text.toml", registry)));
    std::vector<std::string> args;
    for (const auto& f : files) args.push_back(f.string());
    RunOptions options;
    options.out_dir = tmp_->path() / "out";
    options.jobs = 2;
    Runner runner(*pipeline_, options);
    summary_ = new RunSummary(runner.run(discover_inputs(args).documents));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete pipeline_;
    delete tmp_;
  }

  static fs::path out() { return tmp_->path() / "out"; }

  // The gold mentions of a case that the pipeline also predicted (same type and value), so
  // that the catalog is tested, not the tagger.
  static std::vector<GoldMention> found_gold(const test::FixtureCase& c) {
    const Json rec = Json::parse(read_file(record_path(out(), c.dir.filename().string())));
    std::set<std::pair<std::string, std::string>> predicted;
    for (const auto& e : rec["entities"])
      predicted.insert({e["type"].get<std::string>(), e["value"].get<std::string>()});
    std::vector<GoldMention> out;
    std::istringstream in(test::read_text(c.dir / "gold" / "entities.jsonl"));
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const Json j = Json::parse(line);
      GoldMention m{j["type"].get<std::string>(), j["text"].get<std::string>(),
                    j["value"].get<std::string>(), j["page"].get<int>()};
      if (predicted.count({m.type, m.value})) out.push_back(m);
    }
    return out;
  }

  static std::set<std::string> docs_of(const std::vector<SearchHit>& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.doc_id);
    return out;
  }

  static test::TempDir* tmp_;
  static Pipeline* pipeline_;
  static RunSummary* summary_;
};
test::TempDir* CatalogTest::tmp_ = nullptr;
Pipeline* CatalogTest::pipeline_ = nullptr;
RunSummary* CatalogTest::summary_ = nullptr;

TEST_F(CatalogTest, EveryDocumentAndPageIsCatalogued) {
  ASSERT_EQ(summary_->count(DocStatus::kOk), static_cast<int>(test::fixture_cases().size()));
  Catalog cat(catalog_path(out()), sql::Db::Mode::kReadOnly);
  EXPECT_EQ(cat.schema_version(), kCatalogSchemaVersion);
  auto docs = cat.db().prepare("SELECT count(*) FROM documents");
  ASSERT_TRUE(docs.step());
  EXPECT_EQ(docs.integer(0), static_cast<int64_t>(summary_->results.size()));
  auto pages = cat.db().prepare("SELECT count(*) FROM pages");
  ASSERT_TRUE(pages.step());
  EXPECT_EQ(pages.integer(0), summary_->pages());
  int entities = 0;
  for (const auto& [type, n] : summary_->entities()) entities += n;
  auto ents = cat.db().prepare("SELECT count(*) FROM entities");
  ASSERT_TRUE(ents.step());
  EXPECT_EQ(ents.integer(0), entities);
}

TEST_F(CatalogTest, FullTextFindsTheWordsOfEachPage) {
  Catalog cat(catalog_path(out()), sql::Db::Mode::kReadOnly);
  for (const auto& c : test::fixture_cases()) {
    // The longest plain word of the first gold page (letters only once the punctuation
    // around it is stripped).
    std::istringstream in(test::read_text(c.dir / "gold" / "page-0001.gt.txt"));
    std::string word, longest;
    auto letter = [](char ch) {
      return static_cast<unsigned char>(ch) >= 0x80 || std::isalpha(static_cast<unsigned char>(ch));
    };
    while (in >> word) {
      while (!word.empty() && !letter(word.back())) word.pop_back();
      while (!word.empty() && !letter(word.front())) word.erase(0, 1);
      if (std::all_of(word.begin(), word.end(), letter) && word.size() > longest.size()) longest = word;
    }
    SCOPED_TRACE(c.dir.filename().string() + ": " + longest);
    SearchQuery q;
    q.text = longest;
    q.limit = 1000;
    bool hit = false;
    for (const auto& h : cat.search(q))
      if (h.doc_id == c.dir.filename().string() && h.page == 1) {
        hit = true;
        EXPECT_NE(h.snippet.find('['), std::string::npos) << h.snippet;
      }
    EXPECT_TRUE(hit);
  }
  SearchQuery none;
  none.text = "zzqxv wordthatisnowhere";
  EXPECT_TRUE(cat.search(none).empty());
}

TEST_F(CatalogTest, PersonsAndPlacesFindTheirDocumentsOnly) {
  Catalog cat(catalog_path(out()), sql::Db::Mode::kReadOnly);
  int checked = 0;
  const auto cases = test::fixture_cases();
  for (const auto& c : cases) {
    const std::string id = c.dir.filename().string();
    for (const auto& m : found_gold(c)) {
      if (m.type != "person" && m.type != "place") continue;
      SCOPED_TRACE(id + ": " + m.type + " " + m.value);
      SearchQuery q;
      (m.type == "person" ? q.persons : q.places).push_back(m.value);
      q.limit = 10000;
      const auto hits = cat.search(q);
      EXPECT_TRUE(docs_of(hits).count(id));
      // Every document found really mentions that name: its record has it.
      for (const auto& doc : docs_of(hits)) {
        const Json rec = Json::parse(read_file(record_path(out(), doc)));
        bool mentions = false;
        for (const auto& e : rec["entities"])
          mentions |= e["type"] == m.type &&
                      (e["value"].get<std::string>().find(m.value) != std::string::npos ||
                       m.value.find(e["value"].get<std::string>()) != std::string::npos);
        EXPECT_TRUE(mentions) << doc;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(CatalogTest, DatesFilterByOverlap) {
  Catalog cat(catalog_path(out()), sql::Db::Mode::kReadOnly);
  int checked = 0;
  for (const auto& c : test::fixture_cases()) {
    const std::string id = c.dir.filename().string();
    for (const auto& m : found_gold(c)) {
      if (m.type != "date") continue;
      const auto r = edtf_range(m.value);
      if (!r || r->from.empty() || r->to.empty()) continue;
      SCOPED_TRACE(id + ": " + m.value);
      SearchQuery q;
      q.date_from = r->from;  // the mention's own range overlaps it
      q.date_to = r->to;
      q.limit = 10000;
      EXPECT_TRUE(docs_of(cat.search(q)).count(id));
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
  SearchQuery before;  // long before any testimony
  before.date_from = "1700";
  before.date_to = "1701-06";
  EXPECT_TRUE(cat.search(before).empty());
  SearchQuery bad;
  bad.date_from = "June 1943";
  EXPECT_THROW(cat.search(bad), Error);
}

TEST_F(CatalogTest, WordsAndFiltersCombine) {
  Catalog cat(catalog_path(out()), sql::Db::Mode::kReadOnly);
  // A place of one document and a word of another: no document has both.
  SearchQuery q;
  q.text = "zzqxv";
  q.places = {"Lisbon"};
  EXPECT_TRUE(cat.search(q).empty());
}

TEST(Catalog, ReplacingADocumentKeepsOneCopyAndConcurrentWritersLoseNothing) {
  test::TempDir tmp("catalog-writers");
  const fs::path path = tmp.path() / "catalog.sqlite";
  auto make_doc = [](const std::string& id, const std::string& text) {
    Document d;
    d.id = id;
    d.source = {id + ".txt", std::string(64, 'a'), "text/plain", 10};
    Page p;
    p.number = 1;
    p.text = text;
    d.pages.push_back(std::move(p));
    d.text = text;
    Entity e;
    e.type = EntityType::kPlace;
    e.text = e.value = "Lisbon";
    e.page = 1;
    e.start = 0;
    e.end = 6;
    d.entities.push_back(e);
    return d;
  };
  {
    Catalog cat(path);
    cat.put(make_doc("a", "Lisbon harbour"));
    cat.put(make_doc("a", "Lisbon harbour again"));
  }
  // Eight threads, each with its own connection, 25 documents each.
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      Catalog cat(path);
      for (int i = 0; i < 25; ++i)
        cat.put(make_doc("w" + std::to_string(t) + "-" + std::to_string(i), "Lisbon quay " + std::to_string(i)));
    });
  for (auto& th : threads) th.join();
  Catalog cat(path, sql::Db::Mode::kReadOnly);
  auto n = cat.db().prepare("SELECT count(*), (SELECT count(*) FROM entities) FROM documents");
  ASSERT_TRUE(n.step());
  EXPECT_EQ(n.integer(0), 201);
  EXPECT_EQ(n.integer(1), 201);
  SearchQuery q;
  q.text = "again";
  const auto hits = cat.search(q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc_id, "a");
}

TEST(Catalog, WorkersOpeningANewCatalogAtOnceAllGetIt) {
  // Page workers of one run open the catalog together on the first documents: the switch to
  // WAL must wait for the others instead of failing with "database is locked".
  test::TempDir tmp("catalog-open");
  for (int round = 0; round < 10; ++round) {
    const fs::path path = tmp.path() / ("catalog-" + std::to_string(round) + ".sqlite");
    std::atomic<int> opened{0};
    std::vector<std::string> errors(6);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < errors.size(); ++t)
      threads.emplace_back([&, t] {
        try {
          Catalog cat(path);
          ++opened;
        } catch (const std::exception& e) {
          errors[t] = e.what();
        }
      });
    for (auto& th : threads) th.join();
    for (const auto& e : errors) EXPECT_EQ(e, "");
    EXPECT_EQ(opened.load(), 6);
  }
}

TEST(Catalog, RefusesANewerSchema) {
  test::TempDir tmp("catalog-newer");
  const fs::path path = tmp.path() / "catalog.sqlite";
  {
    Catalog cat(path);
    cat.db().exec("PRAGMA user_version = 99");
  }
  try {
    Catalog again(path);
    FAIL() << "opened a catalog from the future";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("schema version 99, newer than this program's " +
                               std::to_string(kCatalogSchemaVersion)),
              std::string::npos)
        << e.message();
  }
}

}  // namespace
}  // namespace testimony
