// testimony review: serves the archivist's review page over an output folder's catalog and
// records, on loopback unless told otherwise (then a token is required).
//   testimony review --out DIR [--bind 127.0.0.1] [--port 8080] [--reviewer NAME] [--token T]
#include <iostream>

#include "apps/review/server.hpp"
#include "apps/testimony/commands.hpp"
#include "catalog/catalog.hpp"
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"

namespace testimony::cli {

void add_review(CLI::App& app, ReviewArgs& a) {
  CLI::App* cmd = app.add_subcommand("review", "serve the review page for an output folder");
  cmd->add_option("--out,-o", a.out, "output folder holding catalog.sqlite and records/")->required();
  cmd->add_option("--bind", a.bind, "address to listen on (loopback unless --token is given)");
  cmd->add_option("--port", a.port, "port to listen on; 0 picks a free one")->check(CLI::Range(0, 65535));
  cmd->add_option("--reviewer", a.reviewer, "the name decisions are stored under (the page can change it)");
  cmd->add_option("--token", a.token,
                  "secret every request must carry (?token= once, then a cookie); required off loopback")
      ->envname("TESTIMONY_REVIEW_TOKEN");
}

int review(const ReviewArgs& a) {
  auto log = get_logger("testimony");
  std::error_code ec;
  if (!std::filesystem::exists(catalog_path(a.out), ec)) {
    log->error("no catalog at {} (run with write.catalog in the config, or testimony merge)",
               catalog_path(a.out).string());
    return kExitUsage;
  }
  try {
    review::ServerOptions o;
    o.out_dir = a.out;
    o.bind = a.bind;
    o.port = a.port;
    o.token = a.token;
    o.reviewer = a.reviewer;
    review::ReviewServer server(o);
    const int port = server.bind();
    const std::string host = a.bind.find(':') != std::string::npos ? "[" + a.bind + "]" : a.bind;
    // The address on stdout, alone on its line: scripts that start the server read it.
    std::cout << "http://" << host << ":" << port << "/" << (a.token.empty() ? "" : "?token=...")
              << std::endl;
    log->info("reviewing {} at http://{}:{}/ (Ctrl-C stops)", a.out, host, port);
    server.listen();
    return kExitOk;
  } catch (const ConfigError& e) {
    log->error("{}", e.what());
    return kExitUsage;
  } catch (const Error& e) {
    log->error("{}", e.message());
    return kExitUsage;
  }
}

}  // namespace testimony::cli
