// CER/WER and match folding with ICU normalization and case folding.
#include "pipeline/metrics.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "pipeline/utf8.hpp"

namespace testimony {
namespace {

icu::UnicodeString collapse(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(static_cast<UChar>(' '));
    space = false;
    out.append(c);
  }
  return out;
}

icu::UnicodeString nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = n->normalize(s, status);
  return U_SUCCESS(status) ? out : s;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::vector<int32_t> code_points(std::string_view s) {
  std::vector<int32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

double EditCounts::rate() const {
  if (reference == 0) return distance == 0 ? 0.0 : 1.0;
  return static_cast<double>(distance) / static_cast<double>(reference);
}

EditCounts& EditCounts::operator+=(const EditCounts& o) {
  distance += o.distance;
  reference += o.reference;
  return *this;
}

std::string eval_normalize(std::string_view utf8) { return to_utf8(collapse(nfc(utf8))); }

std::string match_fold(std::string_view utf8) {
  icu::UnicodeString s = collapse(nfc(utf8));
  s.foldCase(U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString out = n->normalize(s, status);
  return to_utf8(U_SUCCESS(status) ? out : s);
}

EditCounts char_edits(std::string_view reference, std::string_view hypothesis) {
  const auto r = code_points(eval_normalize(reference));
  const auto h = code_points(eval_normalize(hypothesis));
  return {levenshtein(r, h), r.size()};
}

EditCounts word_edits(std::string_view reference, std::string_view hypothesis) {
  const auto r = words(eval_normalize(reference));
  const auto h = words(eval_normalize(hypothesis));
  return {levenshtein(r, h), r.size()};
}

}  // namespace testimony
