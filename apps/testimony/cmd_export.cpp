// testimony export: rebuilds archive outputs from the records of a run, without OCR. TEI and
// ALTO go through the same writer code as the write.tei / write.alto stages; jsonl and csv
// gather every record or every entity in one file under DIR/export/.
#include <algorithm>
#include <iostream>

#include "apps/testimony/commands.hpp"
#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/log.hpp"
#include "pipeline/runner.hpp"
#include "stages/write/writers.hpp"

namespace fs = std::filesystem;

namespace testimony::cli {
namespace {

// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. Nothing else is
// changed (docs/formats.md says how to open the file in a spreadsheet safely).
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_rows(const Document& doc) {
  std::string out;
  for (const Entity& e : doc.entities) {
    const Json conf = e.confidence;  // the record's number formatting
    const std::string fields[] = {doc.id,
                                  std::to_string(e.page),
                                  std::string(to_string(e.type)),
                                  e.text,
                                  e.value,
                                  e.authority,
                                  std::to_string(e.start),
                                  std::to_string(e.end),
                                  conf.dump(),
                                  std::string(to_string(e.review))};
    for (std::size_t i = 0; i < std::size(fields); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace

void add_export(CLI::App& app, ExportArgs& a) {
  CLI::App* ex = app.add_subcommand("export", "rewrite TEI, ALTO, JSON lines or CSV from the records of a run (no OCR)");
  ex->add_option("--out,-o", a.out, "output folder of a run (holds records/)")->required();
  ex->add_option("--format,-f", a.format, "tei, alto, jsonl (export/records.jsonl) or csv (export/entities.csv)")
      ->required()
      ->check(CLI::IsMember({"tei", "alto", "jsonl", "csv"}));
}

int export_records(const ExportArgs& a) {
  auto log = get_logger("export");
  const fs::path out(a.out);
  const fs::path records = out / "records";
  std::error_code ec;
  if (!fs::is_directory(records, ec)) {
    log->error("{}: no records/ folder (give the --out folder of a run)", out.string());
    return kExitUsage;
  }
  std::vector<fs::path> files;
  try {
    files = record_files(out);
  } catch (const fs::filesystem_error& e) {
    log->error("{}: {}", records.string(), e.what());
    return kExitUsage;
  }

  std::string jsonl, csv = "doc_id,page,type,text,value,authority,start,end,confidence,review\r\n";
  int ok = 0;
  std::vector<std::string> failed;
  for (const fs::path& file : files) {
    const std::string name = fs::relative(file, records).generic_string();
    try {
      Json j;
      try {
        j = Json::parse(read_file(file));
      } catch (const Json::exception& e) {
        throw Error(ErrorCode::kInvalidInput, "not JSON", e.what());
      }
      const Document doc = from_record(j);
      // An edited record must not steer files outside DIR ("../x").
      if (doc.id.empty() || safe_id(doc.id) != doc.id)
        throw Error(ErrorCode::kInvalidInput, "record id \"" + doc.id + "\" is not a safe relative path");
      if (a.format == "tei") write_tei(doc, out, tei_options_from(doc));
      else if (a.format == "alto") write_alto(doc, out, alto_options_from(doc));
      else if (a.format == "jsonl") jsonl += to_record(doc).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
      else csv += csv_rows(doc);
      ++ok;
    } catch (const Error& e) {
      log->error("{}: {}{}", name, e.message(), e.detail().empty() ? "" : " (" + e.detail() + ")");
      failed.push_back(name + ": " + e.message());
    } catch (const std::exception& e) {  // the file system failed under us
      log->error("{}: {}", name, e.what());
      failed.push_back(name + ": " + e.what());
    }
  }
  try {
    if (a.format == "jsonl") write_file_atomic(out / "export" / "records.jsonl", jsonl);
    if (a.format == "csv") write_file_atomic(out / "export" / "entities.csv", csv);
  } catch (const Error& e) {
    log->error("{}", e.message());
    return kExitFailures;
  }

  std::cout << "records: " << files.size() << " (" << ok << " exported, " << failed.size() << " failed)\n";
  for (const auto& f : failed) std::cout << "  " << f << "\n";
  const std::string where = a.format == "tei"    ? "tei/"
                            : a.format == "alto" ? "alto/"
                            : a.format == "jsonl" ? "export/records.jsonl"
                                                  : "export/entities.csv";
  std::cout << "written: " << (out / where).string() << "\n";
  return failed.empty() ? kExitOk : kExitFailures;
}

}  // namespace testimony::cli
