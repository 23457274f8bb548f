// Phrase keys.
#include "stages/tag/vocabulary.hpp"

namespace testimony {

std::string phrase_key(std::string_view phrase) {
  std::string key;
  for (const Token& t : tokenize(phrase)) {
    if (!key.empty()) key += ' ';
    key += t.key;
  }
  return key;
}

}  // namespace testimony
