// Throughput of the text stages over ~1 MB of mixed-language page text (the fixtures' gold
// transcriptions in seven languages, repeated): the tokenizer, normalize alone, each tagger
// on an already tokenized text, and the whole chain normalize + tag + link (tokenizing
// included). Authorities and lexicons load once, before timing.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "stages/common/text.hpp"
#include "stages/stages.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

// Pages of words from every gold transcription, repeated to about `bytes`.
Document corpus(std::size_t bytes) {
  std::vector<std::string> texts;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(TESTIMONY_SOURCE_DIR) / "fixtures")) {
    const std::string n = e.path().filename().string();
    if (n.size() > 7 && n.substr(n.size() - 7) == ".gt.txt") {
      std::ifstream in(e.path());
      std::ostringstream os;
      os << in.rdbuf();
      texts.push_back(os.str());
    }
  }
  std::sort(texts.begin(), texts.end());
  Document d;
  std::size_t total = 0;
  while (total < bytes && !texts.empty()) {
    for (const auto& t : texts) {
      Page p;
      p.number = static_cast<int>(d.pages.size()) + 1;
      p.text_source = TextSource::kTranscription;
      std::istringstream lines(t);
      std::string line;
      p.begin_block({});
      while (std::getline(lines, line)) {
        std::istringstream ws(line);
        std::string w;
        bool first = true;
        while (ws >> w) {
          if (first) p.begin_line({});
          first = false;
          p.add_word({w, {0, 0, 1, 1}, 0.95f, {}, {}});
        }
        if (first) p.begin_block({});
      }
      total += t.size();
      d.pages.push_back(std::move(p));
    }
  }
  return d;
}

const Document& base() {
  static const Document d = corpus(1 << 20);
  return d;
}

std::size_t corpus_bytes() {
  std::size_t n = 0;
  for (const Page& p : base().pages)
    for (const Word& w : p.words) n += w.text.size() + 1;
  return n;
}

std::unique_ptr<DocumentStage> make(const std::string& name) {
  static const Registry r = make_registry();
  const StageInfo* info = r.find(name);
  auto s = info->make(default_params(info->params));
  return std::unique_ptr<DocumentStage>(static_cast<DocumentStage*>(s.release()));
}

Document normalized() {
  Document d;
  d.pages.reserve(base().pages.size());
  for (const Page& p : base().pages) {
    Page q;
    q.number = p.number;
    q.blocks = p.blocks;
    q.lines = p.lines;
    q.words = p.words;
    d.pages.push_back(std::move(q));
  }
  Context ctx;
  make("normalize.text")->process(d, ctx);
  return d;
}

// One round of the stages over a document (a function of its own so that a profiler can be
// told to count these rounds only: valgrind --toggle-collect='*timed_round*').
[[gnu::noinline]] void timed_round(std::vector<std::unique_ptr<DocumentStage>>& stages, Document& d, Context& ctx) {
  for (auto& s : stages) s->process(d, ctx);
  benchmark::DoNotOptimize(d.entities.data());
}

void run_chain(benchmark::State& state, const std::vector<std::string>& names, bool include_normalize) {
  std::vector<std::unique_ptr<DocumentStage>> stages;
  for (const auto& n : names) stages.push_back(make(n));
  const Document prepared = normalized();
  // A fresh document: pages of words (normalize runs), or the normalized text, tokenized.
  auto fresh = [&](Document& d) {
    d = Document();  // the last round's document is freed here, outside the timing
    if (include_normalize) {
      for (const Page& p : base().pages) {
        Page q;
        q.blocks = p.blocks;
        q.lines = p.lines;
        q.words = p.words;
        d.pages.push_back(std::move(q));
      }
    } else {
      d.text = prepared.text;
      d.segments = prepared.segments;
      d.pages.resize(prepared.pages.size());
      for (std::size_t i = 0; i < prepared.pages.size(); ++i) d.pages[i].words = prepared.pages[i].words;
      tokens_of(d);  // a tagger alone is timed without the shared tokenizing (BM_Tokenize)
    }
  };
  Context ctx;
  Document d;
  // A first, untimed round fills what the stages keep between documents (transliterations,
  // per-thread fold tables), as they are after the first documents of a batch.
  fresh(d);
  for (auto& s : stages) s->process(d, ctx);
  for (auto _ : state) {
    state.PauseTiming();
    fresh(d);
    state.ResumeTiming();
    timed_round(stages, d, ctx);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(corpus_bytes()));
}

// The token stream the taggers share (tokenized once per document).
void BM_Tokenize(benchmark::State& state) {
  const Document prepared = normalized();
  for (auto _ : state) {
    const TokenStream stream(prepared.text);
    benchmark::DoNotOptimize(stream.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(corpus_bytes()));
}

void BM_Normalize(benchmark::State& s) { run_chain(s, {"normalize.text"}, true); }
void BM_TagDates(benchmark::State& s) { run_chain(s, {"tag.dates"}, false); }
void BM_TagOrganizations(benchmark::State& s) { run_chain(s, {"tag.organizations"}, false); }
void BM_TagPlaces(benchmark::State& s) { run_chain(s, {"tag.places"}, false); }
void BM_TagPersons(benchmark::State& s) { run_chain(s, {"tag.persons"}, false); }
void BM_WholeTextChain(benchmark::State& s) {
  run_chain(s, {"normalize.text", "tag.dates", "tag.organizations", "tag.places", "tag.persons", "link.authorities"}, true);
}

BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagDates)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagOrganizations)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagPlaces)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagPersons)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeTextChain)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace testimony

BENCHMARK_MAIN();
