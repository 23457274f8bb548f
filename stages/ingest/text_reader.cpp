// Reads a UTF-8 transcription as pages of text with no image: it skips OCR.
#include <sstream>

#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/utf8.hpp"
#include "stages/ingest/readers.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

void check_utf8(const std::string& s, const fs::path& file) {
  if (auto at = first_invalid_utf8(s))
    throw Error(ErrorCode::kInvalidInput,
                file.filename().string() + ": not valid UTF-8 at byte " + std::to_string(*at));
}

class TextReader final : public PageReader {
 public:
  TextReader(const fs::path& file, const IngestLimits& limits) : file_(file), limits_(limits) {
    std::string all = read_file(file);
    check_utf8(all, file);
    if (all.compare(0, 3, "\xef\xbb\xbf") == 0) all.erase(0, 3);  // a byte-order mark is no text
    std::string cleaned;
    cleaned.reserve(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i] == '\r') {
        if (i + 1 < all.size() && all[i + 1] == '\n') continue;
        cleaned += '\n';
      } else {
        cleaned += all[i];
      }
    }
    std::size_t start = 0;
    for (;;) {
      const std::size_t ff = cleaned.find('\f', start);
      pages_.push_back(cleaned.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
      if (ff == std::string::npos) break;
      start = ff + 1;
    }
    if (pages_.size() > 1 && pages_.back().find_first_not_of(" \t\n") == std::string::npos) pages_.pop_back();
    if (limits_.max_pages > 0 && static_cast<int64_t>(pages_.size()) > limits_.max_pages)
      throw Error(ErrorCode::kResourceExhausted, "transcription has more than " +
                                                     std::to_string(limits_.max_pages) + " pages");
  }

  bool next(Page& page) override {
    if (index_ >= pages_.size()) return false;
    page.number = static_cast<int>(index_ + 1);
    page.text_source = TextSource::kTranscription;
    page.processing["ingest"] = {{"file", file_.filename().string()}};
    std::istringstream lines(pages_[index_++]);
    std::string line;
    bool in_block = false;
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::string word;
      bool first = true;
      while (words >> word) {
        if (first) {
          if (!in_block) page.begin_block({});
          page.begin_line({});
          first = false;
          in_block = true;
        }
        page.add_word({word, {}, 1.0f, {}, {}});
      }
      if (first) in_block = false;  // blank line: the next line starts a new block
    }
    page.rebuild_text();
    return true;
  }

 private:
  fs::path file_;
  IngestLimits limits_;
  std::vector<std::string> pages_;
  std::size_t index_ = 0;
};

}  // namespace

std::unique_ptr<PageReader> open_transcription(const fs::path& file, const IngestLimits& limits) {
  return std::make_unique<TextReader>(file, limits);
}

}  // namespace testimony
