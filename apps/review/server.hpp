// The review server: the review page (embedded assets) and its JSON API under /api over an
// output folder, on cpp-httplib. Loopback by default; any other address needs a token. Every
// state-changing request carries the page's CSRF token. httplib stays in server.cpp.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace testimony::review {

struct ServerOptions {
  std::filesystem::path out_dir;
  std::string bind = "127.0.0.1";
  int port = 8080;        // 0: a free port (tests)
  std::string token;      // required on every request when set; required for a non-loopback bind
  std::string reviewer;   // the name decisions carry when the page does not give one
  int threads = 8;
};

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

class ReviewServer {
 public:
  // Opens the catalog and authorities; throws ConfigError for a non-loopback bind without a
  // token, Error when there is no catalog.
  explicit ReviewServer(ServerOptions options);
  ~ReviewServer();  // stops and joins
  ReviewServer(const ReviewServer&) = delete;
  ReviewServer& operator=(const ReviewServer&) = delete;

  // Binds the socket and returns the port (the chosen one when options.port is 0); throws
  // Error(kDependencyFailed) when the address is taken.
  int bind();
  // Serves until stop(); bind() first.
  void listen();
  // bind() and listen() on a background thread; returns the port.
  int start();
  void stop();

  const std::string& csrf_token() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace testimony::review
