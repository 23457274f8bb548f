// Phrase vocabularies for the taggers: phrases are stored under the word ids of their folded
// tokens (fold_key of each token, interned in WordIds), so that matching over the token
// stream is case-, accent- and script-variant-insensitive, compares numbers rather than
// strings, and stops as soon as no phrase goes on; longest phrases are tried first.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <algorithm>
#include <unordered_set>
#include <vector>

#include "stages/common/text.hpp"

namespace testimony {

// The folded key of a phrase as the tokenizer splits it ("cerca de" → "cerca de",
// "c." → "c .", "Łódź" → "lodz").
std::string phrase_key(std::string_view phrase);

// A phrase as word ids (WordIds), one per token, the words interned.
std::u32string intern_phrase(std::string_view phrase);
// A phrase_key as word ids; empty when one of its words is unknown (no vocabulary has it).
std::u32string phrase_ids(std::string_view key);

// A set of single words, by word id (interned when added).
class WordSet {
 public:
  // Any text, folded as the tokenizer does; a phrase of more than one token is left out
  // (no single token could match it).
  void add(std::string_view word);
  bool has(uint32_t id) const { return id != 0 && id < ids_.size() && ids_[id]; }
  bool has(const Token& t) const { return has(t.id); }

 private:
  std::vector<bool> ids_;
};

template <typename V>
class PhraseMap {
 public:
  void add(std::string_view phrase, V value) {
    const std::u32string key = intern_phrase(phrase);
    if (key.empty()) return;
    max_tokens_ = std::max(max_tokens_, key.size());
    for (std::size_t n = 2; n < key.size(); ++n) prefixes_.insert(key.substr(0, n));
    const auto first = static_cast<std::size_t>(key[0]);
    if (first >= first_words_.size()) {
      first_words_.resize(first + 1, false);
      first_goes_on_.resize(first + 1, false);
    }
    first_words_[first] = true;
    if (key.size() > 1) first_goes_on_[first] = true;
    map_[key].push_back(std::move(value));
  }

  // The longest phrase starting at token i (at most `limit` tokens, and not past `end`):
  // returns the number of tokens matched (0 for none) and its values. `first_id`, when not
  // 0, stands for token i's word (a word with its clitic cut off).
  std::size_t longest(const std::vector<Token>& tokens, std::size_t i, const std::vector<V>** values,
                      std::size_t end = SIZE_MAX, uint32_t first_id = 0) const {
    if (i >= tokens.size()) return 0;
    const uint32_t id0 = first_id ? first_id : tokens[i].id;
    if (!starts(id0)) return 0;  // most tokens start no phrase
    std::u32string key(1, static_cast<char32_t>(id0));
    std::size_t best = 0;
    const std::size_t stop = std::min(tokens.size(), end);
    for (std::size_t n = 0; n < max_tokens_ && i + n < stop; ++n) {
      if (n > 0) {
        const Token& t = tokens[i + n];
        if ((t.newline_before && t.kind != TokenKind::kPunct) || t.id == 0 || !extends(key)) break;
        key += static_cast<char32_t>(t.id);
      }
      auto it = map_.find(key);
      if (it != map_.end()) {
        best = n + 1;
        *values = &it->second;
      }
    }
    return best;
  }

  // Does some phrase start with these words (and go on after them)?
  bool extends(const std::u32string& key) const {
    if (key.size() == 1) return starts(static_cast<uint32_t>(key[0])) && first_goes_on_[key[0]];
    return prefixes_.count(key) > 0;
  }
  bool starts(uint32_t id) const { return id != 0 && id < first_words_.size() && first_words_[id]; }

  const std::vector<V>* find(const std::u32string& ids) const {
    auto it = map_.find(ids);
    return it == map_.end() ? nullptr : &it->second;
  }
  // By phrase_key ("armia krajowa").
  const std::vector<V>* find(std::string_view key) const {
    const std::u32string ids = phrase_ids(key);
    return ids.empty() ? nullptr : find(ids);
  }
  std::size_t size() const { return map_.size(); }
  std::size_t max_tokens() const { return max_tokens_; }

 private:
  std::unordered_map<std::u32string, std::vector<V>> map_;
  std::unordered_set<std::u32string> prefixes_;  // proper prefixes of two or more words
  std::vector<bool> first_words_;                // by word id: some phrase starts with it
  std::vector<bool> first_goes_on_;              // ... and has more words
  std::size_t max_tokens_ = 0;
};

}  // namespace testimony
