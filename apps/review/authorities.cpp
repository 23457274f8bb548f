// Authority lookup for the review page: the TSV files read once, names folded with the same
// fold_key the tagger uses, so "krakow" finds Kraków and "lodz" finds Łódź.
#include "apps/review/authorities.hpp"

#include <algorithm>

#include "pipeline/data.hpp"
#include "stages/common/text.hpp"

namespace testimony::review {

Authorities::Authorities() {
  struct File {
    const char* family;
    const char* type;
  };
  for (const File f : {File{"persons", "person"}, File{"places", "place"},
                       File{"organizations", "organization"}}) {
    const TsvTable t = read_tsv(find_data_file(std::string("configs/authorities/") + f.family + ".tsv"),
                                {"id", "name", "variants"});
    const int id = t.column("id"), name = t.column("name"), variants = t.column("variants");
    const int kind = t.column("type"), country = t.column("country"), birth = t.column("birth"),
              death = t.column("death"), lat = t.column("lat"), lon = t.column("lon"),
              description = t.column("description");
    for (const auto& row : t.rows) {
      AuthorityRecord r;
      r.id = std::string(f.family) + ":" + row[id];
      r.type = f.type;
      r.name = row[name];
      if (kind >= 0) r.detail = row[kind];
      if (country >= 0 && !row[country].empty()) r.detail += (r.detail.empty() ? "" : ", ") + row[country];
      if (birth >= 0 && (!row[birth].empty() || !row[death].empty()))
        r.detail = row[birth] + "–" + (death >= 0 ? row[death] : "");
      if (description >= 0 && !row[description].empty())
        r.detail += (r.detail.empty() ? "" : ", ") + row[description];
      if (lat >= 0 && lon >= 0 && !row[lat].empty() && !row[lon].empty()) {
        try {
          r.lat = std::stod(row[lat]);
          r.lon = std::stod(row[lon]);
          r.has_position = true;
        } catch (const std::exception&) {
        }
      }
      r.keys.push_back(fold_key(r.name));
      for (const auto& v : split_variants(row[variants])) r.keys.push_back(fold_key(v));
      by_id_.emplace(r.id, records_.size());
      records_.push_back(std::move(r));
    }
  }
}

bool Authorities::exists(const std::string& id) const { return by_id_.count(id) > 0; }

const AuthorityRecord* Authorities::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &records_[it->second];
}

std::vector<const AuthorityRecord*> Authorities::lookup(const std::string& type,
                                                        const std::string& query,
                                                        std::size_t limit) const {
  const std::string q = fold_key(query);
  std::vector<std::pair<int, const AuthorityRecord*>> hits;
  if (q.empty()) return {};
  for (const auto& r : records_) {
    if (!type.empty() && r.type != type) continue;
    int rank = 3;
    for (const auto& k : r.keys) {
      if (k.rfind(q, 0) == 0) rank = std::min(rank, k == r.keys.front() ? 0 : 1);
      else if (k.find(q) != std::string::npos) rank = std::min(rank, 2);
    }
    if (rank < 3) hits.emplace_back(rank, &r);
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->name < b.second->name;
  });
  std::vector<const AuthorityRecord*> out;
  for (std::size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(hits[i].second);
  return out;
}

}  // namespace testimony::review
