// Data-file lookup and a tolerant TSV reader.
#include "pipeline/data.hpp"

#include <cstdlib>
#include <fstream>

#include "pipeline/error.hpp"
#include "pipeline/utf8.hpp"

namespace fs = std::filesystem;

namespace testimony {

fs::path find_data_file(const std::string& relative) {
  std::vector<fs::path> tried;
  auto ok = [&](const fs::path& p) {
    tried.push_back(p);
    std::error_code ec;
    return fs::is_regular_file(p, ec);
  };
  const fs::path rel = relative;
  if (ok(rel)) return rel;
  if (!rel.is_absolute()) {
    if (const char* env = std::getenv("TESTIMONY_DATA"); env && *env && ok(fs::path(env) / rel)) return fs::path(env) / rel;
    if (ok(fs::path(TESTIMONY_SOURCE_ROOT) / rel)) return fs::path(TESTIMONY_SOURCE_ROOT) / rel;
  }
  std::string where;
  for (const auto& t : tried) where += (where.empty() ? "" : ", ") + t.string();
  throw ConfigError("data file " + relative + " not found (looked in " + where + "; set TESTIMONY_DATA)");
}

int TsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::string TsvTable::where(std::size_t row) const {
  return path + ":" + std::to_string(row < lines.size() ? lines[row] : 0) + ": ";
}

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

TsvTable read_tsv(const fs::path& path, const std::vector<std::string>& required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path.string() + ": cannot read");
  TsvTable t;
  t.path = path.string();
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = path.string() + ":" + std::to_string(line_no) + ": ";
    if (first_invalid_utf8(line)) {
      t.problems.push_back(where + "not valid UTF-8; row skipped");
      continue;
    }
    auto fields = split_tabs(line);
    if (t.header.empty()) {
      t.header = std::move(fields);
      for (const auto& r : required)
        if (t.column(r) < 0) throw ConfigError(where + "header lacks the column \"" + r + "\"");
      continue;
    }
    if (fields.size() != t.header.size()) {
      t.problems.push_back(where + std::to_string(fields.size()) + " fields, expected " +
                           std::to_string(t.header.size()) + "; row skipped");
      continue;
    }
    t.rows.push_back(std::move(fields));
    t.lines.push_back(line_no);
  }
  if (t.header.empty()) throw ConfigError(path.string() + ": empty (no header row)");
  return t;
}

std::vector<std::string> split_variants(const std::string& field) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = field.find('|', start);
    std::string part = field.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (!part.empty()) out.push_back(std::move(part));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

}  // namespace testimony
