// The review server's API against a running server: an output folder made from the sample
// transcription (review/e2e/sample), the server on a free loopback port, an httplib client.
// Decisions, history, 409 on stale versions, CSRF, token, traversal, record rewrite, fixture
// export, and concurrent writers that must not lose a decision.
#include <httplib.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "apps/review/page_images.hpp"
#include "apps/review/review_store.hpp"
#include "apps/review/server.hpp"
#include "catalog/catalog.hpp"
#include "pipeline/config.hpp"
#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/runner.hpp"
#include "stages/stages.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

constexpr const char* kTextPipeline = R"(
[[stage]]
use = "ingest"
[[stage]]
use = "ocr.tesseract"      # a transcription skips it
languages = ["eng"]
[[stage]]
use = "normalize.text"
[[stage]]
use = "tag.dates"
[[stage]]
use = "tag.organizations"
[[stage]]
use = "tag.places"
[[stage]]
use = "tag.persons"
[[stage]]
use = "link.authorities"
[[stage]]
use = "write.json"
[[stage]]
use = "write.catalog"
)";

// Runs the text pipeline over the sample letter into `out`.
void make_output(const fs::path& out) {
  static const Registry registry = make_registry();
  const Pipeline p = Pipeline::build(parse_config(kTextPipeline, "review-test.toml", registry));
  const fs::path sample = test::source_dir() / "review/e2e/sample/review-letter.txt";
  Runner runner(p, {out, 1, false});
  const RunSummary s = runner.run(discover_inputs({sample.string()}).documents);
  ASSERT_EQ(s.count(DocStatus::kOk), 1);
}

class ReviewServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(review::ServerOptions o) {
    server_.reset();
    if (!fs::exists(out() / "catalog.sqlite")) make_output(out());
    o.out_dir = out();
    o.port = 0;
    o.reviewer = o.reviewer.empty() ? "Test Reviewer" : o.reviewer;
    server_ = std::make_unique<review::ReviewServer>(o);
    port_ = server_->start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
  }

  fs::path out() const { return tmp_.path() / "out"; }
  httplib::Headers csrf() const { return {{"X-CSRF-Token", server_->csrf_token()}}; }

  Json get(const std::string& path, int expect = 200) {
    auto r = client_->Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    return Json::parse(r->body, nullptr, false);
  }
  httplib::Result post(const std::string& path, const Json& body) {
    return client_->Post(path.c_str(), csrf(), body.dump(), "application/json");
  }
  Json doc() { return get("/api/documents/review-letter"); }
  // The first entity of `type` whose text contains `text`.
  Json find(const std::string& type, const std::string& text) {
    const Json d = doc();
    for (const Json& e : d["entities"])
      if (e["type"] == type && e["text"].get<std::string>().find(text) != std::string::npos) return e;
    ADD_FAILURE() << "no " << type << " tag with '" << text << "' in " << d["entities"].dump();
    return nullptr;
  }
  Json record() { return Json::parse(read_file(out() / "records/review-letter.json")); }
  int64_t reviews_count() {
    Catalog c(catalog_path(out()), sql::Db::Mode::kReadOnly);
    auto st = c.db().prepare("SELECT COUNT(*) FROM reviews");
    st.step();
    return st.integer(0);
  }

  test::TempDir tmp_{"review-server"};
  std::unique_ptr<review::ReviewServer> server_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

TEST_F(ReviewServerTest, ListsDocumentsWithCountsAndSearchesText) {
  const Json docs = get("/api/documents");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "review-letter");
  EXPECT_EQ(docs[0]["pages"], 2);
  EXPECT_GT(docs[0]["tags"].get<int>(), 4);
  EXPECT_EQ(docs[0]["pending"], docs[0]["tags"]);
  EXPECT_EQ(docs[0]["accepted"], 0);

  const Json hits = get("/api/documents?q=gratitude");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["page"], 2);
  EXPECT_NE(hits[0]["snippet"].get<std::string>().find("[gratitude]"), std::string::npos);
  EXPECT_TRUE(get("/api/documents?q=zeppelin").empty());
}

TEST_F(ReviewServerTest, DocumentCarriesTextTagsAndWordsWithSpans) {
  const Json d = doc();
  EXPECT_NE(d["text"].get<std::string>().find("<script>alert(1)</script>"), std::string::npos);
  ASSERT_EQ(d["pages"].size(), 2u);
  ASSERT_FALSE(d["pages"][0]["words"].empty());
  const Json& w = d["pages"][0]["words"][0];
  EXPECT_EQ(d["text"].get<std::string>().substr(w["start"], w["end"].get<int>() - w["start"].get<int>()), "Lisbon,");
  const Json lisbon = find("place", "Lisbon");
  EXPECT_EQ(lisbon["review"], "pending");
  EXPECT_EQ(lisbon["version"], 0);
  EXPECT_EQ(lisbon["key"], "place:" + std::to_string(lisbon["start"].get<int>()) + ":" +
                               std::to_string(lisbon["end"].get<int>()));
  get("/api/documents/no-such-document", 404);
}

TEST_F(ReviewServerTest, ResponsesCarrySecurityHeaders) {
  auto r = client_->Get("/api/documents/review-letter");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(server_->csrf_token()), std::string::npos);
  EXPECT_NE(page->body.find("content=\"Test Reviewer\""), std::string::npos);
  EXPECT_EQ(page->body.find("{{"), std::string::npos);
  auto js = client_->Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->body.find("innerHTML"), std::string::npos);  // text goes in as text nodes only
}

TEST_F(ReviewServerTest, AcceptRejectEditAddUndoKeepHistoryAndRewriteTheRecord) {
  // Accept
  const Json lisbon = find("place", "Lisbon");
  auto r = post("/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/decision",
                {{"action", "accept"}, {"version", 0}, {"reviewer", "Ana"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Json after = Json::parse(r->body);
  EXPECT_EQ(after["review"], "accepted");
  EXPECT_EQ(after["version"], 1);
  EXPECT_EQ(record()["entities"][lisbon["ordinal"].get<int>()]["review"], "accepted");

  // Reject another
  const Json spain = find("place", "Spain");
  r = post("/api/entities/" + std::to_string(spain["id"].get<int64_t>()) + "/decision",
           {{"action", "reject"}, {"version", spain["version"]}});  // the server's --reviewer
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(record()["entities"][spain["ordinal"].get<int>()]["review"], "rejected");

  // Edit a date: a bad EDTF value is refused with a message, a good one stored with its range
  const Json date = find("date", "17 June 1940");
  const std::string date_url = "/api/entities/" + std::to_string(date["id"].get<int64_t>()) + "/decision";
  r = post(date_url, {{"action", "edit"}, {"version", date["version"]}, {"reviewer", "Ana"},
                      {"changes", {{"value", "17/06/1940"}}}});
  ASSERT_EQ(r->status, 400);
  EXPECT_NE(Json::parse(r->body)["error"].get<std::string>().find("not an EDTF date"), std::string::npos);
  r = post(date_url, {{"action", "edit"}, {"version", date["version"]}, {"reviewer", "Ana"},
                      {"changes", {{"value", "1940-06-17~"}}}});
  ASSERT_EQ(r->status, 200) << r->body;
  after = Json::parse(r->body);
  EXPECT_EQ(after["review"], "edited");
  EXPECT_EQ(after["value"], "1940-06-17~");
  EXPECT_EQ(after["date_from"], "1940-06-17");
  const Json rec_date = record()["entities"][date["ordinal"].get<int>()];
  EXPECT_EQ(rec_date["value"], "1940-06-17~");
  EXPECT_EQ(rec_date["review"], "edited");

  // An authority must exist and fit the type
  r = post("/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/decision",
           {{"action", "edit"}, {"version", 1}, {"reviewer", "Ana"}, {"changes", {{"authority", "places:atlantis"}}}});
  ASSERT_EQ(r->status, 400);
  EXPECT_EQ(Json::parse(r->body)["error"], "no authority record 'places:atlantis'");

  // Add a missing tag: "the frontier" as a place, then undo it
  const std::string text = doc()["text"];
  const auto at = text.find("the frontier");
  ASSERT_NE(at, std::string::npos);
  r = post("/api/documents/review-letter/tags",
           {{"type", "place"}, {"start", at + 4}, {"end", at + 12}, {"value", "Franco-Spanish border"}, {"reviewer", "Ana"}});
  ASSERT_EQ(r->status, 201) << r->body;
  const Json added = Json::parse(r->body);
  EXPECT_EQ(added["text"], "frontier");
  EXPECT_EQ(added["review"], "added");
  EXPECT_EQ(added["page"], 1);
  EXPECT_TRUE(added["bboxes"].empty());  // a transcription has no boxes
  const std::size_t n = record()["entities"].size();
  EXPECT_EQ(record()["entities"][n - 1]["text"], "frontier");
  EXPECT_EQ(record()["entities"][n - 1]["review"], "added");
  // The same tag again is a conflict, not a duplicate
  r = post("/api/documents/review-letter/tags", {{"type", "place"}, {"start", at + 4}, {"end", at + 12}, {"reviewer", "Ana"}});
  EXPECT_EQ(r->status, 409);

  r = post("/api/entities/" + std::to_string(added["id"].get<int64_t>()) + "/undo",
           {{"version", added["version"]}, {"reviewer", "Ana"}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Json::parse(r->body)["deleted"], true);
  EXPECT_EQ(record()["entities"].size(), n - 1);

  // Undo the accept: pending again
  r = post("/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/undo", {{"version", 1}, {"reviewer", "Ben"}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Json::parse(r->body)["review"], "pending");
  EXPECT_EQ(record()["entities"][lisbon["ordinal"].get<int>()]["review"], "pending");
  // Nothing left to undo on it
  r = post("/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/undo", {{"version", 2}, {"reviewer", "Ben"}});
  EXPECT_EQ(r->status, 400);

  // Every decision is in the log, newest first, with who, when, before and after
  const Json h = get("/api/documents/review-letter/history");
  std::vector<std::string> actions;
  for (const Json& row : h) actions.push_back(row["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"undo", "undo", "add", "edit", "reject", "accept"}));
  EXPECT_EQ(h[0]["reviewer"], "Ben");
  EXPECT_EQ(h[4]["reviewer"], "Test Reviewer");
  EXPECT_EQ(h[5]["before"]["review"], "pending");
  EXPECT_EQ(h[5]["after"]["review"], "accepted");
  EXPECT_EQ(h[0]["undoes"], h[5]["id"]);
  EXPECT_EQ(h[2]["before"], nullptr);
  EXPECT_EQ(h[1]["after"], nullptr);
  EXPECT_EQ(h[5]["at"].get<std::string>().size(), 24u);  // 2024-05-01T12:00:00.000Z
  EXPECT_EQ(h[5]["at"].get<std::string>().back(), 'Z');
  EXPECT_EQ(reviews_count(), 6);

  // Counts follow
  const Json docs = get("/api/documents");
  EXPECT_EQ(docs[0]["rejected"], 1);
  EXPECT_EQ(docs[0]["edited"], 1);
}

TEST_F(ReviewServerTest, EditingTheSpanRecomputesTextPageAndBoxes) {
  const Json person = find("person", "Sousa Mendes");
  const std::string text = doc()["text"];
  const auto at = text.find("Aristides de Sousa Mendes");
  ASSERT_NE(at, std::string::npos);
  auto r = post("/api/entities/" + std::to_string(person["id"].get<int64_t>()) + "/decision",
                {{"action", "edit"}, {"version", person["version"]}, {"reviewer", "Ana"},
                 {"changes", {{"start", at}, {"end", at + 25}, {"authority", "persons:aristides-de-sousa-mendes"}}}});
  ASSERT_EQ(r->status, 200) << r->body;
  const Json e = Json::parse(r->body);
  EXPECT_EQ(e["text"], "Aristides de Sousa Mendes");
  EXPECT_EQ(e["authority"], "persons:aristides-de-sousa-mendes");
  EXPECT_EQ(e["page"], 1);
  // A span that cuts a character in two is refused
  const auto k = text.find("Kraków");
  r = post("/api/entities/" + std::to_string(person["id"].get<int64_t>()) + "/decision",
           {{"action", "edit"}, {"version", e["version"]}, {"reviewer", "Ana"},
            {"changes", {{"start", k}, {"end", k + 5}}}});  // inside "ó"
  EXPECT_EQ(r->status, 400);
}

TEST_F(ReviewServerTest, StaleVersionIsRefusedWithTheCurrentState) {
  const Json lisbon = find("place", "Lisbon");
  const std::string url = "/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/decision";
  auto a = post(url, {{"action", "accept"}, {"version", 0}, {"reviewer", "Ana"}});
  ASSERT_EQ(a->status, 200);
  auto b = post(url, {{"action", "reject"}, {"version", 0}, {"reviewer", "Ben"}});  // saw version 0 too
  ASSERT_EQ(b->status, 409);
  const Json body = Json::parse(b->body);
  EXPECT_EQ(body["current"]["review"], "accepted");
  EXPECT_EQ(body["current"]["version"], 1);
  EXPECT_EQ(reviews_count(), 1);
  EXPECT_EQ(record()["entities"][lisbon["ordinal"].get<int>()]["review"], "accepted");
}

TEST_F(ReviewServerTest, StateChangesNeedTheCsrfToken) {
  const Json lisbon = find("place", "Lisbon");
  const std::string url = "/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/decision";
  const std::string body = Json{{"action", "accept"}, {"version", 0}, {"reviewer", "Ana"}}.dump();
  auto r = client_->Post(url.c_str(), body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(Json::parse(r->body)["error"], "missing or wrong CSRF token (reload the page)");
  r = client_->Post(url.c_str(), {{"X-CSRF-Token", "guess"}}, body, "application/json");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(reviews_count(), 0);
  EXPECT_EQ(find("place", "Lisbon")["review"], "pending");
}

TEST_F(ReviewServerTest, ForeignHostHeaderIsRefused) {  // DNS rebinding
  auto r = client_->Get("/api/documents", {{"Host", "attacker.example:80"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST_F(ReviewServerTest, TokenIsRequiredWhenSet) {
  review::ServerOptions o;
  o.token = "s3cret-token";
  start(o);
  auto r = client_->Get("/api/documents");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = client_->Get("/api/documents", {{"X-Review-Token", "wrong"}});
  EXPECT_EQ(r->status, 401);
  r = client_->Get("/api/documents", {{"X-Review-Token", "s3cret-token"}});
  EXPECT_EQ(r->status, 200);
  r = client_->Get("/?token=s3cret-token");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("review_token=s3cret-token"), std::string::npos);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  r = client_->Get("/api/documents", {{"Cookie", "review_token=s3cret-token"}});
  EXPECT_EQ(r->status, 200);
}

TEST_F(ReviewServerTest, NonLoopbackBindWithoutTokenIsRefused) {
  review::ServerOptions o;
  o.out_dir = out();
  o.bind = "0.0.0.0";
  try {
    review::ReviewServer s(o);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("give --token"), std::string::npos);
  }
  EXPECT_TRUE(review::is_loopback("127.0.0.1"));
  EXPECT_TRUE(review::is_loopback("127.1.2.3"));
  EXPECT_TRUE(review::is_loopback("::1"));
  EXPECT_FALSE(review::is_loopback("0.0.0.0"));
  EXPECT_FALSE(review::is_loopback("192.168.1.10"));
}

TEST_F(ReviewServerTest, TraversalFindsNothing) {
  std::ofstream(out() / "secret.txt") << "secret";
  for (const char* path : {"/assets/../catalog.sqlite", "/assets/%2e%2e/catalog.sqlite",
                           "/assets/..%2fcatalog.sqlite", "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                           "/assets/index.html/../../secret.txt", "/assets/", "/../secret.txt",
                           "/%2e%2e/secret.txt", "/assets/app.js%00.png",
                           "/api/documents/..%2f..%2fsecret/pages/1/image",
                           "/api/documents/review-letter/pages/0/image",
                           "/api/documents/review-letter/pages/3/image"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->body.find("secret\n"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("SQLite format"), std::string::npos) << path;
  }
  // A transcription has no scan: its page image is a 404 with a reason
  auto r = client_->Get("/api/documents/review-letter/pages/1/image");
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(Json::parse(r->body)["error"].get<std::string>().find("no image"), std::string::npos);
}

TEST_F(ReviewServerTest, QueueAuthoritiesAndSummary) {
  const Json q = get("/api/queue?limit=100");
  ASSERT_GT(q.size(), 3u);
  for (std::size_t i = 1; i < q.size(); ++i)
    EXPECT_LE(q[i - 1]["confidence"].get<double>(), q[i]["confidence"].get<double>());
  for (const Json& e : q) EXPECT_EQ(e["review"], "pending");

  const Json a = get("/api/authorities?type=place&q=krakow");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0]["id"], "places:krakow");
  EXPECT_EQ(a[0]["type"], "place");
  EXPECT_TRUE(get("/api/authorities?type=person&q=krakow").empty());

  const Json s = get("/api/documents/review-letter/summary");
  ASSERT_FALSE(s["dates"].empty());
  for (std::size_t i = 1; i < s["dates"].size(); ++i)
    EXPECT_LE(s["dates"][i - 1]["from"].get<std::string>(), s["dates"][i]["from"].get<std::string>());
  bool lisbon = false;
  for (const Json& p : s["places"])
    if (p["authority"] == "places:lisbon") {
      lisbon = true;
      EXPECT_EQ(p["mentions"], 2);
      EXPECT_TRUE(p.contains("lat"));
    }
  EXPECT_TRUE(lisbon);
  EXPECT_EQ(get("/api/summary")["dates"].size(), s["dates"].size());
}

TEST_F(ReviewServerTest, ExportsAReviewedDocumentAsAFixtureInTheGoldFormat) {
  const Json lisbon = find("place", "Lisbon");
  const Json spain = find("place", "Spain");
  ASSERT_EQ(post("/api/entities/" + std::to_string(lisbon["id"].get<int64_t>()) + "/decision",
                 {{"action", "accept"}, {"version", 0}})->status, 200);
  ASSERT_EQ(post("/api/entities/" + std::to_string(spain["id"].get<int64_t>()) + "/decision",
                 {{"action", "reject"}, {"version", 0}})->status, 200);
  auto r = post("/api/documents/review-letter/fixture", Json::object());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Json::parse(r->body)["dir"], "review-fixtures/review-letter");
  const fs::path dir = out() / "review-fixtures/review-letter";
  const Json c = Json::parse(read_file(dir / "case.json"));
  EXPECT_EQ(c["id"], "review-letter");
  EXPECT_TRUE(c["languages"].is_array());
  EXPECT_EQ(c["reviewers"], Json::array({"Test Reviewer"}));
  EXPECT_EQ(read_file(dir / "doc.txt"), read_file(test::source_dir() / "review/e2e/sample/review-letter.txt"));
  const Json rec = record();
  EXPECT_EQ(read_file(dir / "gold/page-0001.gt.txt"), rec["pages"][0]["text"].get<std::string>() + "\n");
  EXPECT_TRUE(fs::exists(dir / "gold/page-0002.gt.txt"));
  std::ifstream in(dir / "gold/entities.jsonl");
  std::vector<Json> gold;
  for (std::string line; std::getline(in, line);) gold.push_back(Json::parse(line));
  ASSERT_EQ(gold.size(), 1u);  // only the accepted tag: pending and rejected ones are not gold
  EXPECT_EQ(gold[0], (Json{{"type", "place"}, {"page", 1}, {"text", lisbon["text"]}, {"value", lisbon["value"]}}));
}

// Eight reviewers decide on the same document at once, each retrying on 409 with a fresh
// view. Every successful decision must be in the log, in the versions and in the record.
TEST_F(ReviewServerTest, ConcurrentWritersLoseNoDecision) {
  const Json entities = doc()["entities"];
  ASSERT_GT(entities.size(), 3u);
  constexpr int kWriters = 8, kEach = 12;
  std::atomic<int> ok{0}, conflicts{0}, failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", port_);
      c.set_read_timeout(60, 0);
      for (int i = 0; i < kEach; ++i) {
        const Json& e = entities[(w + i) % entities.size()];  // writers collide on purpose
        const std::string id = std::to_string(e["id"].get<int64_t>());
        for (;;) {
          auto cur = c.Get(("/api/entities/" + id).c_str());
          if (!cur || cur->status != 200) { ++failures; break; }
          const Json body = {{"action", (w + i) % 2 ? "accept" : "reject"},
                             {"version", Json::parse(cur->body)["version"]},
                             {"reviewer", "writer-" + std::to_string(w)}};
          auto r = c.Post(("/api/entities/" + id + "/decision").c_str(), csrf(), body.dump(), "application/json");
          if (r && r->status == 200) { ++ok; break; }
          if (r && r->status == 409) { ++conflicts; continue; }
          ++failures;
          break;
        }
      }
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ok, kWriters * kEach);
  EXPECT_EQ(reviews_count(), ok.load());
  // Each decision bumped one version: the versions add up to the decisions.
  int64_t versions = 0;
  const Json after = doc()["entities"];
  for (const Json& e : after) versions += e["version"].get<int64_t>();
  EXPECT_EQ(versions, ok.load());
  // The record agrees with the catalog, tag by tag, and with the last decision logged.
  const Json rec = record();
  const Json h = get("/api/documents/review-letter/history");
  for (const Json& e : after) {
    EXPECT_EQ(rec["entities"][e["ordinal"].get<int>()]["review"], e["review"]) << e["text"];
    for (const Json& row : h)
      if (row["key"] == e["key"]) {
        EXPECT_EQ(row["after"]["review"], e["review"]) << e["text"];
        break;
      }
  }
  std::cout << "concurrent writers: " << ok << " decisions, " << conflicts << " conflicts retried\n";
}

// A catalog written before the review server (schema 1) gains the keys and versions it needs.
TEST(ReviewCatalogMigration, Version1CatalogGetsEntityKeysAndVersions) {
  test::TempDir tmp("review-migration");
  make_output(tmp.path());
  {
    sql::Db db(catalog_path(tmp.path()), sql::Db::Mode::kReadWrite);
    db.exec("DROP INDEX entities_by_key; DROP INDEX entities_by_review; DROP INDEX reviews_by_key;"
            "ALTER TABLE entities DROP COLUMN entity_key; ALTER TABLE entities DROP COLUMN version;"
            "ALTER TABLE reviews DROP COLUMN undoes; PRAGMA user_version = 1;");
  }
  EXPECT_THROW(Catalog(catalog_path(tmp.path()), sql::Db::Mode::kReadOnly), Error);
  Catalog c(catalog_path(tmp.path()));
  EXPECT_EQ(c.schema_version(), kCatalogSchemaVersion);
  auto st = c.db().prepare("SELECT type, start, end, entity_key, version FROM entities");
  int n = 0;
  while (st.step()) {
    EXPECT_EQ(st.text(3), st.text(0) + ":" + std::to_string(st.integer(1)) + ":" + std::to_string(st.integer(2)));
    EXPECT_EQ(st.integer(4), 0);
    ++n;
  }
  EXPECT_GT(n, 4);
}

TEST(ReviewLocateSpan, MergesTheWordsOfALineAndStaysOnTheFirstPage) {
  // Two pages; page 1 has "Rua da" on one line and "Prata" on the next.
  const Json record = Json::parse(R"({
    "pages": [
      {"blocks": [{"lines": [{"words": [{"bbox": [10, 100, 60, 130]}, {"bbox": [70, 102, 100, 131]}]},
                             {"words": [{"bbox": [10, 150, 80, 180]}]}]}]},
      {"blocks": [{"lines": [{"words": [{"bbox": [5, 5, 50, 30]}]}]}]}],
    "segments": [[0, 3, 0, 0], [4, 6, 0, 1], [7, 12, 0, 2], [13, 20, 1, 0]]})");
  auto [page, boxes] = review::locate_span(record, 0, 12);
  EXPECT_EQ(page, 1);
  EXPECT_EQ(boxes, Json::parse("[[10, 100, 100, 131], [10, 150, 80, 180]]"));
  std::tie(page, boxes) = review::locate_span(record, 7, 20);  // runs onto page 2: page 1 only
  EXPECT_EQ(page, 1);
  EXPECT_EQ(boxes, Json::parse("[[10, 150, 80, 180]]"));
  std::tie(page, boxes) = review::locate_span(record, 13, 20);
  EXPECT_EQ(page, 2);
  EXPECT_EQ(boxes, Json::parse("[[5, 5, 50, 30]]"));
}

TEST(ReviewPageImages, RendersAScanScaledAsPng) {
  const auto fixture = test::first_fixture("clean", {"eng", "por"});
  if (fixture.dir.empty()) GTEST_SKIP() << "no clean fixture";
  review::PageImages images;
  const auto png = images.png(fixture.dir.string(), 1, 400);
  ASSERT_TRUE(png);
  ASSERT_GT(png->size(), 24u);
  EXPECT_EQ(png->substr(1, 3), "PNG");
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>((*png)[i])); };
  EXPECT_EQ((byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19), 400u);  // IHDR width
  EXPECT_FALSE(images.png(fixture.dir.string(), 99, 400));
}

}  // namespace
}  // namespace testimony
