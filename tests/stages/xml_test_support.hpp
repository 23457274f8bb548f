// What the XSD validator leaves out, for the writer tests: ALTO IDREFs (TAGREFS, PROCESSING)
// that name no ID in the same file. libxml2's schema validation checks their syntax only.
#pragma once

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace testimony::test {

inline std::vector<std::string> dangling_idrefs(const std::string& xml) {
  std::set<std::string> ids;
  static const std::regex id_re(R"re( ID="([^"]*)")re");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), id_re); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  std::vector<std::string> out;
  static const std::regex ref_re(R"re( (?:TAGREFS|PROCESSING|PROCESSINGREFS|STYLEREFS)="([^"]*)")re");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), ref_re); it != std::sregex_iterator(); ++it) {
    std::istringstream in((*it)[1].str());
    for (std::string ref; in >> ref;)
      if (ids.count(ref) == 0) out.push_back(ref);
  }
  return out;
}

}  // namespace testimony::test
