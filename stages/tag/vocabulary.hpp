// Phrase vocabularies for the taggers: phrases are stored under their folded token keys
// (fold_key of each token, joined by one space) so that matching over the token stream is
// case-, accent- and script-variant-insensitive, and longest phrases are tried first.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stages/common/text.hpp"

namespace testimony {

// The folded key of a phrase as the tokenizer splits it ("cerca de" → "cerca de",
// "c." → "c .", "Łódź" → "lodz").
std::string phrase_key(std::string_view phrase);

template <typename V>
class PhraseMap {
 public:
  void add(std::string_view phrase, V value) {
    const std::string key = phrase_key(phrase);
    if (key.empty()) return;
    std::size_t n = 1;
    for (const char c : key) n += c == ' ';
    if (n > max_tokens_) max_tokens_ = n;
    first_words_.insert(key.substr(0, key.find(' ')));
    map_[key].push_back(std::move(value));
  }

  // The longest phrase starting at token i (at most `limit` tokens, and not past `end`):
  // returns the number of tokens matched (0 for none) and its values.
  std::size_t longest(const std::vector<Token>& tokens, std::size_t i, const std::vector<V>** values,
                      std::size_t end = SIZE_MAX) const {
    if (i >= tokens.size() || !first_words_.count(tokens[i].key)) return 0;  // most tokens start no phrase
    std::string key;
    std::size_t best = 0;
    const std::size_t stop = std::min(tokens.size(), end);
    for (std::size_t n = 0; n < max_tokens_ && i + n < stop; ++n) {
      if (n > 0) {
        if (tokens[i + n].newline_before && tokens[i + n].kind != TokenKind::kPunct) break;
        key += ' ';
      }
      key += tokens[i + n].key;
      auto it = map_.find(key);
      if (it != map_.end()) {
        best = n + 1;
        *values = &it->second;
      }
    }
    return best;
  }

  const std::vector<V>* find(const std::string& key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return map_.size(); }
  std::size_t max_tokens() const { return max_tokens_; }

 private:
  std::unordered_map<std::string, std::vector<V>> map_;
  std::unordered_set<std::string> first_words_;
  std::size_t max_tokens_ = 0;
};

}  // namespace testimony
