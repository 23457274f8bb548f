// link.authorities: gives each entity the authority id and canonical name it has in
// configs/authorities — by its folded text, else by its Latin transliteration (so كراكوف,
// Краков and Kraków meet at Krakow) — and within a document lets a partial mention
// ("Kahn", "Gisela") take the full name of the person it refers to. Unlinked mentions keep
// a canonical surface form, in Latin script.
//   [[stage]]
//   use = "link.authorities"
#include <cctype>

#include "stages/common/text.hpp"
#include "stages/link/link.hpp"
#include "stages/tag/gazetteer.hpp"

namespace testimony {
namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(s))
    if (t.kind == TokenKind::kWord) out.push_back(t.key);
  return out;
}

bool latin(const std::string& s) {
  for (const Token& t : tokenize(s))
    if (t.kind == TokenKind::kWord && t.script != 1) return false;
  return true;
}

// "ahmd hlmy" → "Ahmd Hlmy"
std::string title_case(std::string s) {
  bool start = true;
  for (char& c : s) {
    if (start && std::isalpha(static_cast<unsigned char>(c))) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ' || c == '-';
  }
  return s;
}

class LinkStage final : public DocumentStage {
 public:
  explicit LinkStage(const Params& p)
      : DocumentStage("link.authorities"),
        places_(Gazetteer::get("places")),
        persons_(Gazetteer::get("persons")),
        orgs_(Gazetteer::get("organizations")),
        propagate_(p.get_bool("propagate_names")) {}

  void process(Document& doc, Context&) override {
    for (Entity& e : doc.entities) {
      if (e.type == EntityType::kDate || !e.authority.empty()) continue;
      const Gazetteer& g = e.type == EntityType::kPlace ? *places_ : e.type == EntityType::kPerson ? *persons_ : *orgs_;
      const AuthorityEntry* a = g.find(phrase_key(e.text));
      std::string how = "name";
      if (!a) {
        a = g.find_transliterated(latin_key(e.text));
        how = "transliteration";
      }
      if (a) {
        e.authority = a->authority();
        e.value = a->name;
        e.evidence.push_back("linked:" + how + ":" + e.authority);
      }
    }
    if (propagate_) propagate(doc);
    // Unlinked names in other scripts get a Latin form.
    for (Entity& e : doc.entities) {
      if (e.type == EntityType::kDate || !e.authority.empty() || latin(e.value)) continue;
      e.value = title_case(latin_key(e.value));
      e.evidence.push_back("value:transliterated");
    }
  }

 private:
  // A one-word person mention takes the full name of the nearest person mention (before it,
  // else after it) whose first or last word it is.
  static void propagate(Document& doc) {
    auto& ents = doc.entities;
    for (std::size_t i = 0; i < ents.size(); ++i) {
      Entity& e = ents[i];
      if (e.type != EntityType::kPerson) continue;
      const auto w = words_of(e.value);
      if (w.size() != 1) continue;
      const Entity* best = nullptr;
      auto fits = [&](const Entity& o) {
        if (&o == &e || o.type != EntityType::kPerson) return false;
        const auto ow = words_of(o.value);
        return ow.size() >= 2 && (ow.front() == w[0] || ow.back() == w[0] || words_of(o.text).back() == w[0]);
      };
      for (std::size_t k = i; k-- > 0;)
        if (fits(ents[k])) {
          best = &ents[k];
          break;
        }
      for (std::size_t k = i + 1; !best && k < ents.size(); ++k)
        if (fits(ents[k])) best = &ents[k];
      if (!best) continue;
      e.value = best->value;
      if (e.authority.empty()) e.authority = best->authority;
      e.evidence.push_back("linked:same-document:" + best->text);
    }
  }

  std::shared_ptr<const Gazetteer> places_, persons_, orgs_;
  bool propagate_;
};

}  // namespace

void register_link(Registry& r) {
  r.add({"link.authorities",
         StageKind::kDocument,
         "authority ids and canonical names across scripts; partial person mentions take the full name",
         {param_bool("propagate_names", true, "a lone surname or given name takes the document's full name for it")},
         kCapEntities,
         kCapLinked,
         [](const Params& p) { return std::make_unique<LinkStage>(p); }});
}

}  // namespace testimony
