// Input discovery: folders, page-image folders, manifest CSVs, ids and shards.
#include "pipeline/inputs.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/hash.hpp"
#include "pipeline/utf8.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_ground_truth(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 7 && lower(name.substr(name.size() - 7)) == ".gt.txt";
}

bool is_document_file(const fs::path& p) {
  const std::string ext = lower(p.extension().string());
  if (ext == ".pdf") return true;
  if (ext == ".txt") return !is_ground_truth(p);
  return false;
}

std::string without_extension(const fs::path& rel) {
  fs::path r = rel;
  r.replace_extension();
  return r.generic_string();
}

// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw ConfigError("unterminated quoted field");
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

void read_manifest(const fs::path& csv, std::vector<InputDoc>& out) {
  std::vector<std::vector<std::string>> rows;
  try {
    rows = read_csv(read_file(csv));
  } catch (const ConfigError& e) {
    throw ConfigError(csv.string() + ": " + e.what());
  } catch (const Error& e) {
    throw ConfigError(e.message());
  }
  if (rows.empty() || rows[0].size() < 2 || rows[0][0] != "id" || rows[0][1] != "path")
    throw ConfigError(csv.string() + ":1: a manifest CSV starts with the header id,path[,...]");
  const auto& header = rows[0];
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != header.size())
      throw ConfigError(csv.string() + ":" + std::to_string(r + 1) + ": expected " +
                        std::to_string(header.size()) + " fields, found " + std::to_string(row.size()));
    if (row[0].empty() || row[1].empty())
      throw ConfigError(csv.string() + ":" + std::to_string(r + 1) + ": empty id or path");
    InputDoc d;
    d.id = row[0];
    fs::path p = row[1];
    d.path = (p.is_absolute() ? p : csv.parent_path() / p).lexically_normal();
    for (std::size_t c = 2; c < header.size(); ++c) d.metadata[header[c]] = row[c];
    out.push_back(std::move(d));
  }
}

// Walks `dir`, adding a document for each page-image folder, PDF and transcription.
void walk(const fs::path& root, const fs::path& dir, std::set<fs::path>& visited,
          Discovery& out) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(dir, ec);
  if (ec) {
    out.warnings.push_back("cannot resolve " + dir.string() + ": " + ec.message());
    return;
  }
  if (!visited.insert(canonical).second) {
    out.warnings.push_back("skipped " + dir.string() + ": already visited (link loop or duplicate)");
    return;
  }
  std::vector<fs::path> files, subdirs;
  fs::directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) {
    out.warnings.push_back("cannot read folder " + dir.string() + ": " + ec.message());
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code sec;
    if (it->is_directory(sec)) {
      if (name != "gold") subdirs.push_back(p);
    } else if (it->is_regular_file(sec)) {
      files.push_back(p);
    } else if (it->is_symlink(sec)) {
      out.warnings.push_back("skipped " + p.string() + ": broken link");
    }
  }
  auto by_name = [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  };
  std::sort(files.begin(), files.end(), by_name);
  std::sort(subdirs.begin(), subdirs.end(), by_name);

  const bool has_images = std::any_of(files.begin(), files.end(), is_page_image_name);
  if (has_images) {
    InputDoc d;
    d.id = dir == root ? root.filename().string() : fs::relative(dir, root).generic_string();
    if (d.id.empty() || d.id == "." || d.id == "..") {
      const fs::path abs = fs::weakly_canonical(fs::absolute(dir));
      d.id = abs.filename().string();
    }
    d.path = dir;
    out.documents.push_back(std::move(d));
  }
  for (const auto& f : files) {
    if (!is_document_file(f)) continue;
    InputDoc d;
    d.id = without_extension(fs::relative(f, root));
    d.path = f;
    out.documents.push_back(std::move(d));
  }
  for (const auto& s : subdirs) walk(root, s, visited, out);
}

}  // namespace

bool is_page_image_name(const fs::path& p) {
  static const std::set<std::string> kExt = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jp2",
                                             ".bmp", ".pnm", ".pbm", ".pgm", ".ppm", ".webp",
                                             ".gif"};
  return kExt.count(lower(p.extension().string())) > 0;
}

std::string safe_id(std::string_view raw) {
  std::string out;
  std::string segment;
  auto flush = [&] {
    while (!segment.empty() && (segment.front() == '.' || segment.front() == ' ')) segment.erase(0, 1);
    if (!segment.empty()) out += (out.empty() ? "" : "/") + segment;
    segment.clear();
  };
  for (std::size_t i = 0; i < raw.size();) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == '/' || c == '\\') {
      flush();
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7f || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
        c == '>' || c == '|') {
      segment += '_';
      ++i;
      continue;
    }
    if (c < 0x80) {
      segment += static_cast<char>(c);
      ++i;
      continue;
    }
    // Keep valid UTF-8 sequences; replace invalid bytes.
    std::size_t j = i;
    if (next_code_point(raw, j) >= 0) {
      segment.append(raw.substr(i, j - i));
      i = j;
    } else {
      segment += '_';
      ++i;
    }
  }
  flush();
  return out.empty() ? "document" : out;
}

int shard_of(std::string_view id, int count) {
  if (count <= 1) return 0;
  const std::string h = sha256_hex(id);
  const unsigned long long v = std::stoull(h.substr(0, 12), nullptr, 16);
  return static_cast<int>(v % static_cast<unsigned long long>(count));
}

Discovery discover_inputs(const std::vector<std::string>& inputs) {
  Discovery out;
  std::set<fs::path> visited;
  for (const auto& in : inputs) {
    fs::path p = fs::path(in).lexically_normal();
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) throw ConfigError("input not found: " + in);
    if (fs::is_directory(st)) {
      walk(p, p, visited, out);
    } else if (lower(p.extension().string()) == ".csv") {
      read_manifest(p, out.documents);
    } else {
      InputDoc d;
      d.id = without_extension(p.filename());
      d.path = p;
      out.documents.push_back(std::move(d));
    }
  }
  // Safe, unique ids; order by id for deterministic runs.
  std::map<std::string, int> seen;
  for (auto& d : out.documents) {
    std::string id = safe_id(d.id);
    if (int n = ++seen[id]; n > 1) {
      std::string renamed;
      do {
        renamed = id + "-" + std::to_string(n++);
      } while (seen.count(renamed));
      seen[id] = n - 1;
      seen[renamed] = 1;
      out.warnings.push_back("duplicate document id \"" + id + "\" for " + d.path.string() +
                             "; using \"" + renamed + "\"");
      id = renamed;
    }
    d.id = id;
  }
  std::stable_sort(out.documents.begin(), out.documents.end(),
                   [](const InputDoc& a, const InputDoc& b) { return natural_less(a.id, b.id); });
  return out;
}

}  // namespace testimony
