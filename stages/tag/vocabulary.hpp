// Phrase vocabularies for the taggers: phrases are stored under the word ids of their folded
// tokens (fold_key of each token, interned in WordIds), so that matching over the token
// stream is case-, accent- and script-variant-insensitive, compares numbers rather than
// strings, and stops as soon as no phrase goes on; longest phrases are tried first.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <algorithm>
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

// Phrases as a trie over word ids: one step per token, each an integer lookup, so that a
// match never builds or hashes a key of several words.
template <typename V>
class PhraseMap {
 public:
  void add(std::string_view phrase, V value) {
    const std::u32string key = intern_phrase(phrase);
    if (key.empty()) return;
    max_tokens_ = std::max(max_tokens_, key.size());
    uint32_t node = 0;
    for (const char32_t id : key) {
      has_children_[node] = true;
      const auto next = static_cast<uint32_t>(values_at_.size());  // a new node's number, if it is new
      const auto [it, added] = edges_.try_emplace(edge(node, static_cast<uint32_t>(id)), next);
      if (added) {
        values_at_.push_back(kNone);
        has_children_.push_back(false);
      }
      node = it->second;
    }
    if (values_at_[node] == kNone) {
      values_at_[node] = static_cast<uint32_t>(values_.size());
      values_.emplace_back();
    }
    values_[values_at_[node]].push_back(std::move(value));
    const auto first = static_cast<std::size_t>(key[0]);
    if (first >= first_words_.size()) first_words_.resize(first + 1, false);
    first_words_[first] = true;
  }

  // The longest phrase starting at token i and not going past token `end`:
  // returns the number of tokens matched (0 for none) and its values. `first_id`, when not
  // 0, stands for token i's word (a word with its clitic cut off).
  std::size_t longest(const std::vector<Token>& tokens, std::size_t i, const std::vector<V>** values,
                      std::size_t end = SIZE_MAX, uint32_t first_id = 0) const {
    const std::size_t stop = std::min(tokens.size(), end);
    if (i >= stop) return 0;
    const uint32_t id0 = first_id ? first_id : tokens[i].id;
    if (!starts(id0)) return 0;  // most tokens start no phrase
    uint32_t node = child(0, id0);
    std::size_t best = 0;
    for (std::size_t n = 1;; ++n) {
      if (values_at_[node] != kNone) {
        best = n;
        *values = &values_[values_at_[node]];
      }
      if (i + n >= stop || !has_children_[node]) break;
      const Token& t = tokens[i + n];
      if ((t.newline_before && t.kind != TokenKind::kPunct) || t.id == 0) break;
      node = child(node, t.id);
      if (node == kNone) break;
    }
    return best;
  }

  // Does some phrase start with these words (and go on after them)?
  bool extends(const std::u32string& key) const {
    const uint32_t node = walk(key);
    return node != kNone && has_children_[node];
  }
  bool starts(uint32_t id) const { return id != 0 && id < first_words_.size() && first_words_[id]; }

  const std::vector<V>* find(const std::u32string& ids) const {
    const uint32_t node = walk(ids);
    return node == kNone || values_at_[node] == kNone ? nullptr : &values_[values_at_[node]];
  }
  // By phrase_key ("armia krajowa").
  const std::vector<V>* find(std::string_view key) const {
    const std::u32string ids = phrase_ids(key);
    return ids.empty() ? nullptr : find(ids);
  }
  std::size_t size() const { return values_.size(); }
  std::size_t max_tokens() const { return max_tokens_; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  static uint64_t edge(uint32_t node, uint32_t id) { return uint64_t{node} << 32 | id; }
  uint32_t child(uint32_t node, uint32_t id) const {
    const auto it = edges_.find(edge(node, id));
    return it == edges_.end() ? kNone : it->second;
  }
  uint32_t walk(const std::u32string& ids) const {
    uint32_t node = ids.empty() ? kNone : 0;
    for (std::size_t k = 0; k < ids.size() && node != kNone; ++k) node = child(node, static_cast<uint32_t>(ids[k]));
    return node;
  }

  std::unordered_map<uint64_t, uint32_t> edges_;  // (node, word id) → child node; node 0 is the root
  std::vector<uint32_t> values_at_{kNone};         // by node: index into values_, kNone when no phrase ends there
  std::vector<bool> has_children_{false};          // by node: some phrase goes on
  std::vector<std::vector<V>> values_;
  std::vector<bool> first_words_;                  // by word id: some phrase starts with it
  std::size_t max_tokens_ = 0;
};

}  // namespace testimony
