// testimony merge: joins the output folders of shards (run with --shard I/N) into one: the
// records and other per-document files are copied, the manifests joined, and one catalog is
// built from the records, with the shards' review history.
//   testimony merge --out all shard-1 shard-2 shard-3
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "apps/testimony/commands.hpp"
#include "catalog/catalog.hpp"
#include "pipeline/error.hpp"
#include "pipeline/fs.hpp"
#include "pipeline/log.hpp"
#include "pipeline/runner.hpp"

namespace fs = std::filesystem;

namespace testimony::cli {
namespace {

// Files a run writes per document, by folder; everything under them is copied.
constexpr const char* kDocumentFolders[] = {"records", "tei", "alto"};

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

}  // namespace

void add_merge(CLI::App& app, MergeArgs& a) {
  CLI::App* cmd = app.add_subcommand("merge", "join shard output folders into one, with one catalog");
  cmd->add_option("--out,-o", a.out, "the merged output folder")->required();
  cmd->add_option("shards", a.shards, "output folders of the shards")->required()->check(CLI::ExistingDirectory);
}

int merge(const MergeArgs& a) {
  auto log = get_logger("testimony");
  const fs::path out = a.out;
  for (const auto& s : a.shards)
    if (same_folder(s, out)) {
      log->error("the merged folder {} is also a shard; give a new folder", s);
      return kExitUsage;
    }
  try {
    fs::create_directories(out);
    // Per-document files. A document in two shards means the shards overlap: an error.
    std::map<std::string, std::string> owner;  // relative file → shard
    int conflicts = 0;
    for (const auto& shard : a.shards) {
      for (const char* folder : kDocumentFolders) {
        const fs::path root = fs::path(shard) / folder;
        if (!fs::is_directory(root)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root)) {
          if (!e.is_regular_file()) continue;
          const std::string rel = fs::relative(e.path(), shard).generic_string();
          if (rel.find(".tmp.") != std::string::npos) continue;  // a write cut short by a kill
          auto [it, fresh] = owner.emplace(rel, shard);
          if (!fresh) {
            log->error("{} is in both {} and {}: the shards overlap", rel, it->second, shard);
            ++conflicts;
            continue;
          }
          write_file_atomic(out / rel, read_file(e.path()));
        }
      }
    }

    // Manifests: the document lines of every shard, sorted by id, with a new summary.
    std::vector<Json> lines;
    for (const auto& shard : a.shards) {
      std::ifstream in(fs::path(shard) / "manifest.jsonl");
      if (!in) {
        log->warn("{} has no manifest.jsonl", shard);
        continue;
      }
      for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        Json j = Json::parse(line, nullptr, false);
        if (j.is_discarded()) {
          log->warn("{}: skipping an unreadable manifest line", shard);
          continue;
        }
        if (j.contains("id")) lines.push_back(std::move(j));
      }
    }
    write_file_atomic(out / "manifest.jsonl", manifest_text(std::move(lines)));

    // One catalog, built from the merged records; review history copied from the shards.
    const fs::path cat = catalog_path(out);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(cat.string() + suffix);
    Catalog catalog(cat);
    int records = 0, bad = 0;
    for (const auto& f : record_files(out)) {
      try {
        catalog.put(from_record(Json::parse(read_file(f))));
        ++records;
      } catch (const std::exception& e) {
        log->error("{}: not a readable record: {}", f.string(), e.what());
        ++bad;
      }
    }
    for (const auto& shard : a.shards) {
      const fs::path shard_cat = catalog_path(shard);
      if (!fs::exists(shard_cat)) continue;
      auto attach = catalog.db().prepare("ATTACH DATABASE ? AS shard");
      attach.bind(1, shard_cat.string()).run();
      // Review ids are shifted past those already merged, and an undo keeps pointing at the
      // decision it takes back.
      int64_t offset = 0;
      {
        auto top = catalog.db().prepare("SELECT COALESCE(MAX(id), 0) FROM main.reviews");
        if (top.step()) offset = top.integer(0);
      }  // finalized before DETACH
      catalog.db()
          .prepare("INSERT INTO reviews (id, doc_id, entity_key, reviewer, at, action, before, after, undoes) "
                   "SELECT id + ?1, doc_id, entity_key, reviewer, at, action, before, after, undoes + ?1 "
                   "FROM shard.reviews ORDER BY id")
          .bind(1, offset)
          .run();
      catalog.db().exec("DETACH DATABASE shard");
    }
    std::cout << "merged " << a.shards.size() << " shards: " << records << " records, "
              << owner.size() << " files; catalog: " << cat.string() << "\n";
    return conflicts + bad > 0 ? kExitFailures : kExitOk;
  } catch (const std::exception& e) {
    log->error("merge failed: {}", e.what());
    return kExitFailures;
  }
}

}  // namespace testimony::cli
