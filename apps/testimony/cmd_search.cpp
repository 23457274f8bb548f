// testimony search: finds documents and pages in catalog.sqlite by words, persons, places and
// date overlap, and prints one line per page with a snippet.
//   testimony search --out DIR "Sousa Mendes" --place Bordeaux --date-from 1940 --date-to 1940-06
#include <iostream>

#include "apps/testimony/commands.hpp"
#include "catalog/catalog.hpp"
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"

namespace testimony::cli {

void add_search(CLI::App& app, SearchArgs& a) {
  CLI::App* cmd = app.add_subcommand("search", "search the catalog of an output folder");
  cmd->add_option("--out,-o", a.out, "output folder holding catalog.sqlite")->required();
  cmd->add_option("query", a.query, "words that must all occur on a page (case and accents ignored)");
  cmd->add_option("--person", a.persons, "documents mentioning this person (name or authority id)");
  cmd->add_option("--place", a.places, "documents mentioning this place (name or authority id)");
  cmd->add_option("--date-from", a.date_from, "documents with a date overlapping from YYYY[-MM[-DD]]");
  cmd->add_option("--date-to", a.date_to, "... up to YYYY[-MM[-DD]]");
  cmd->add_option("--limit", a.limit, "most pages to print")->check(CLI::Range(1, 100000));
}

int search(const SearchArgs& a) {
  auto log = get_logger("testimony");
  SearchQuery q;
  for (const auto& w : a.query) q.text += (q.text.empty() ? "" : " ") + w;
  q.persons = a.persons;
  q.places = a.places;
  if (!a.date_from.empty()) q.date_from = a.date_from;
  if (!a.date_to.empty()) q.date_to = a.date_to;
  q.limit = a.limit;
  if (q.text.empty() && q.persons.empty() && q.places.empty() && !q.date_from && !q.date_to) {
    log->error("give words to search for, or --person, --place, --date-from/--date-to");
    return kExitUsage;
  }
  const auto path = catalog_path(a.out);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    log->error("no catalog at {} (run with write.catalog in the config, or testimony merge)",
               path.string());
    return kExitUsage;
  }
  try {
    Catalog catalog(path, sql::Db::Mode::kReadOnly);
    const auto hits = catalog.search(q);
    for (const auto& h : hits) std::cout << h.doc_id << "\tp." << h.page << "\t" << h.snippet << "\n";
    std::cerr << hits.size() << (hits.size() == 1 ? " page" : " pages") << "\n";
    return kExitOk;
  } catch (const Error& e) {
    log->error("{}", e.message());
    return kExitUsage;
  }
}

}  // namespace testimony::cli
