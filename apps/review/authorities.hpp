// The authority files (configs/authorities/{persons,places,organizations}.tsv) as the review
// page needs them: look up a name as the reviewer types it, and check an id given in an edit.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "apps/review/review_store.hpp"

namespace testimony::review {

struct AuthorityRecord {
  std::string id;      // "places:lisbon"
  std::string type;    // person | place | organization
  std::string name;    // canonical
  std::string detail;  // a short description: place type and country, a person's years
  std::vector<std::string> keys;  // folded name and variants
  double lat = 0, lon = 0;
  bool has_position = false;
};

class Authorities final : public AuthorityCheck {
 public:
  // Loads the three files (find_data_file); throws ConfigError when one is missing.
  Authorities();
  bool exists(const std::string& id) const override;
  const AuthorityRecord* find(const std::string& id) const;
  // Records of `type` (or any type when empty) whose name or a variant starts with, or else
  // contains, `query` (case and accents ignored); prefix matches first, then by name.
  std::vector<const AuthorityRecord*> lookup(const std::string& type, const std::string& query,
                                             std::size_t limit) const;

 private:
  std::vector<AuthorityRecord> records_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

}  // namespace testimony::review
