// Phrase keys.
#include "stages/tag/vocabulary.hpp"

namespace testimony {

std::string phrase_key(std::string_view phrase) { return token_keys(phrase); }

std::u32string intern_phrase(std::string_view phrase) {
  std::u32string ids;
  for (const Token& t : tokenize(phrase)) {
    const uint32_t id = WordIds::intern(t.key);
    if (id == 0) return {};
    ids += static_cast<char32_t>(id);
  }
  return ids;
}

void WordSet::add(std::string_view word) {
  const std::u32string ids = intern_phrase(word);
  if (ids.size() != 1) return;
  const auto id = static_cast<std::size_t>(ids[0]);
  if (id >= ids_.size()) ids_.resize(id + 1, false);
  ids_[id] = true;
}

std::u32string phrase_ids(std::string_view key) {
  std::u32string ids;
  while (!key.empty()) {
    const std::size_t cut = key.find(' ');
    const uint32_t id = WordIds::find(key.substr(0, cut));
    if (id == 0) return {};
    ids += static_cast<char32_t>(id);
    if (cut == std::string_view::npos) break;
    key.remove_prefix(cut + 1);
  }
  return ids;
}

}  // namespace testimony
