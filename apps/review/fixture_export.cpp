// Fixture export: everything is staged in a temporary folder and renamed into place, so a
// half-written fixture never appears under review-fixtures/.
#include "apps/review/fixture_export.hpp"

#include <algorithm>
#include <cstdio>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"

namespace fs = std::filesystem;

namespace testimony::review {
namespace {

std::string page_name(int n, const char* suffix) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "page-%04d%s", n, suffix);
  return buf;
}

// The OCR languages the run used: the manifest's column, else the OCR stage's parameter.
Json languages_of(const Json& record) {
  const Json& meta = record.value("metadata", Json::object());
  if (meta.contains("languages") && meta["languages"].is_string()) {
    Json out = Json::array();
    std::string s = meta["languages"], cur;
    for (char ch : s + "+") {
      if (ch == '+' || ch == ',' || ch == ' ' || ch == ';') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur += ch;
      }
    }
    return out;
  }
  for (const Json& s : record.value("provenance", Json::object()).value("stages", Json::array()))
    if (s.value("name", "") == "ocr.tesseract" && s.contains("params") &&
        s["params"].contains("languages") && s["params"]["languages"].is_array())
      return s["params"]["languages"];
  return Json::array();
}

}  // namespace

Json export_fixture(ReviewStore& store, PageImages& images, const std::string& doc_id) {
  const Json doc = store.document(doc_id);  // NotFound for an unknown id
  const Json record = store.record(doc_id);
  if (!record.is_object())
    throw Error(ErrorCode::kInvalidInput, "document " + doc_id + " has no record in records/");
  const std::string source = doc["source"]["path"];
  const std::string media = doc["source"]["media_type"];

  const fs::path root = store.out_dir() / "review-fixtures";
  const fs::path final_dir = root / doc_id;
  const fs::path tmp = root / (doc_id + ".tmp.export");
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp / "gold");
  Json files = Json::array();

  const std::string kind = media == "application/pdf" ? "pdf" : media == "image/tiff" ? "tiff" : "clean";
  std::vector<std::string> reviewers;
  for (const Json& h : store.history(doc_id))
    if (std::find(reviewers.begin(), reviewers.end(), h["reviewer"]) == reviewers.end())
      reviewers.push_back(h["reviewer"]);
  Json case_json = {{"id", doc_id},
                    {"languages", languages_of(record)},
                    {"kind", kind},
                    {"source", "reviewed in testimony review from " + source},
                    {"reviewers", reviewers}};
  write_file_atomic(tmp / "case.json", case_json.dump(2) + "\n");
  files.push_back("case.json");

  // The document itself: a transcription is copied; scans become page images.
  const Json& pages = record.value("pages", Json::array());
  if (media.rfind("text/", 0) == 0) {
    write_file_atomic(tmp / "doc.txt", read_file(source));
    files.push_back("doc.txt");
  } else {
    for (const Json& p : pages) {
      const int n = p.value("number", 0);
      if (auto png = images.png(source, n, 0)) {
        write_file_atomic(tmp / page_name(n, ".png"), *png);
        files.push_back(page_name(n, ".png"));
      }
    }
  }
  for (const Json& p : pages) {
    const int n = p.value("number", 0);
    std::string text = p.value("text", "");
    if (!text.empty() && text.back() != '\n') text += '\n';
    write_file_atomic(tmp / "gold" / page_name(n, ".gt.txt"), text);
    files.push_back("gold/" + page_name(n, ".gt.txt"));
  }
  std::string lines;
  int count = 0;
  for (const Json& e : doc["entities"]) {
    const std::string r = e["review"];
    if (r != "accepted" && r != "edited" && r != "added") continue;
    lines += Json{{"type", e["type"]}, {"page", e["page"]}, {"text", e["text"]}, {"value", e["value"]}}.dump() + "\n";
    ++count;
  }
  write_file_atomic(tmp / "gold" / "entities.jsonl", lines);
  files.push_back("gold/entities.jsonl");

  fs::remove_all(final_dir, ec);
  fs::create_directories(final_dir.parent_path());
  fs::rename(tmp, final_dir, ec);
  if (ec) throw Error(ErrorCode::kDependencyFailed, "cannot move the fixture into " + final_dir.string(), ec.message());
  return {{"dir", fs::relative(final_dir, store.out_dir()).generic_string()},
          {"files", files},
          {"entities", count}};
}

}  // namespace testimony::review
