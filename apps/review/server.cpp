// Routes of the review server and its guards: Host and token checks, CSRF on every
// state-changing request, security headers on every response, errors as JSON. The handlers
// are thin: they parse the request and call ReviewStore, Authorities, PageImages.
#include "apps/review/server.hpp"

#include <httplib.h>

#include <arpa/inet.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "apps/review/assets.hpp"
#include "apps/review/authorities.hpp"
#include "apps/review/fixture_export.hpp"
#include "apps/review/page_images.hpp"
#include "apps/review/review_store.hpp"
#include "pipeline/error.hpp"
#include "pipeline/log.hpp"

namespace testimony::review {
namespace {

std::string random_token() {
  std::random_device rd;  // /dev/urandom on Linux
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    const unsigned v = rd() & 0xFFu;
    out += hex[v >> 4];
    out += hex[v & 15];
  }
  return out;
}

bool same(const std::string& a, const std::string& b) {  // constant time for equal lengths
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}});
}

// The hostname of a Host header: "127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1".
std::string host_name(const std::string& host) {
  if (!host.empty() && host.front() == '[') {
    const auto end = host.find(']');
    return end == std::string::npos ? host : host.substr(1, end - 1);
  }
  return host.substr(0, host.rfind(':') == std::string::npos ? host.size() : host.rfind(':'));
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  std::size_t i = 0;
  while (i < cookies.size()) {
    std::size_t j = cookies.find(';', i);
    if (j == std::string::npos) j = cookies.size();
    std::string part = cookies.substr(i, j - i);
    const auto a = part.find_first_not_of(' ');
    if (a != std::string::npos) part = part.substr(a);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    i = j + 1;
  }
  return "";
}

}  // namespace

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) == 1) return (ntohl(a.s_addr) >> 24) == 127;
  return false;
}

struct ReviewServer::Impl {
  ServerOptions opt;
  std::string csrf = random_token();
  Authorities authorities;
  ReviewStore store;
  PageImages images;
  httplib::Server http;
  std::thread thread;
  std::atomic<bool> finished{false};  // the listening thread has returned
  int port = 0;

  explicit Impl(ServerOptions o) : opt(std::move(o)), store(opt.out_dir, &authorities) {}

  // Runs a handler, mapping what it throws to a status and a JSON message.
  template <typename F>
  void guard(httplib::Response& res, F&& f) {
    try {
      f();
    } catch (const Conflict& e) {
      send_json(res, 409, {{"error", e.what()}, {"current", e.current()}});
    } catch (const NotFound& e) {
      send_error(res, 404, e.what());
    } catch (const Error& e) {
      if (e.code() == ErrorCode::kInvalidInput) {
        send_error(res, 400, e.message());
      } else {
        get_logger("review")->error("{} ({})", e.message(), e.detail());
        send_error(res, 500, e.message());
      }
    } catch (const Json::exception& e) {
      send_error(res, 400, std::string("bad request: ") + e.what());
    }
  }

  static Json body_of(const httplib::Request& req) {
    Json j = Json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw Error(ErrorCode::kInvalidInput, "the request body must be a JSON object");
    return j;
  }

  std::string reviewer_of(const Json& body) const {
    return body.contains("reviewer") && body["reviewer"].is_string() && !body["reviewer"].get<std::string>().empty()
               ? body["reviewer"].get<std::string>()
               : opt.reviewer;
  }

  // Host header (against DNS rebinding on loopback), token, CSRF.
  httplib::Server::HandlerResponse check(const httplib::Request& req, httplib::Response& res) {
    if (is_loopback(opt.bind) && !is_loopback(host_name(req.get_header_value("Host")))) {
      send_error(res, 403, "this server answers to localhost only");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!opt.token.empty()) {
      const bool by_query = req.has_param("token") && same(req.get_param_value("token"), opt.token);
      if (by_query) {
        res.set_header("Set-Cookie", "review_token=" + opt.token + "; HttpOnly; SameSite=Strict; Path=/");
      } else if (!same(req.get_header_value("X-Review-Token"), opt.token) &&
                 !same(cookie_value(req, "review_token"), opt.token)) {
        send_error(res, 401, "this server needs its token: open the address with ?token=...");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS" &&
        !same(req.get_header_value("X-CSRF-Token"), csrf)) {
      send_error(res, 403, "missing or wrong CSRF token (reload the page)");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void routes();
  // Coordinates from the authority file for the linked places of a summary (for the map).
  void add_positions(Json& summary) const {
    for (Json& p : summary["places"])
      if (p["authority"].is_string())
        if (const AuthorityRecord* a = authorities.find(p["authority"]); a && a->has_position) {
          p["lat"] = a->lat;
          p["lon"] = a->lon;
        }
  }
};

void ReviewServer::Impl::routes() {
  http.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  });
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return check(req, res); });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty())
      send_error(res, res.status, res.status == 404 ? "not found" : "request failed (" + std::to_string(res.status) + ")");
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    get_logger("review")->error("{}", what);
    send_error(res, 500, what);
  });

  auto index = [this](const httplib::Request&, httplib::Response& res) {
    const Asset* a = find_asset("index.html");
    std::string html(a->bytes);
    auto put = [&](const std::string& key, const std::string& value) {
      for (auto at = html.find(key); at != std::string::npos; at = html.find(key, at + value.size()))
        html.replace(at, key.size(), value);
    };
    put("{{CSRF_TOKEN}}", csrf);
    put("{{REVIEWER}}", html_escape(opt.reviewer));
    res.set_header("Cache-Control", "no-store");
    res.set_content(html, "text/html; charset=utf-8");
  };
  http.Get("/", index);
  http.Get("/index.html", index);
  http.Get(R"(/assets/(.+))", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = find_asset(req.matches[1].str());
    if (!a || a->name == "index.html") return send_error(res, 404, "not found");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(a->bytes), std::string(a->content_type));
  });

  http.Get("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] { send_json(res, 200, store.documents(req.get_param_value("q"))); });
  });
  http.Get(R"(/api/documents/(.+)/pages/(\d{1,6})/image)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      const std::string id = req.matches[1].str();
      const int page = std::stoi(req.matches[2].str());
      if (page < 1 || page > store.page_count(id)) return send_error(res, 404, "no such page");
      int width = 1600;
      if (req.has_param("width")) {
        try {
          width = std::stoi(req.get_param_value("width"));
        } catch (const std::exception&) {
          return send_error(res, 400, "width is a number of pixels");
        }
      }
      width = std::clamp(width, 100, 6000);
      // The source comes from the catalog, never from the request.
      auto png = images.png(store.source_path(id), page, width);
      if (!png) return send_error(res, 404, "this page has no image (a transcription or a text layer)");
      res.set_header("Cache-Control", "private, max-age=600");
      res.set_content(*png, "image/png");
    });
  });
  http.Get(R"(/api/documents/(.+)/history)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] { send_json(res, 200, store.history(req.matches[1].str())); });
  });
  http.Get(R"(/api/documents/(.+)/summary)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      const std::string id = req.matches[1].str();
      store.page_count(id);  // NotFound for an unknown document
      Json s = store.summary(id);
      add_positions(s);
      send_json(res, 200, s);
    });
  });
  http.Post(R"(/api/documents/(.+)/tags)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      const Json b = body_of(req);
      NewTag t;
      t.type = b.value("type", "");
      t.start = b.at("start").get<uint32_t>();
      t.end = b.at("end").get<uint32_t>();
      t.value = b.value("value", "");
      t.authority = b.contains("authority") && b["authority"].is_string() ? b["authority"].get<std::string>() : "";
      t.reviewer = reviewer_of(b);
      send_json(res, 201, store.add(req.matches[1].str(), t));
    });
  });
  http.Post(R"(/api/documents/(.+)/fixture)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] { send_json(res, 201, export_fixture(store, images, req.matches[1].str())); });
  });
  http.Get(R"(/api/documents/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] { send_json(res, 200, store.document(req.matches[1].str())); });
  });
  http.Get(R"(/api/entities/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] { send_json(res, 200, store.entity(std::stoll(req.matches[1].str()))); });
  });
  http.Post(R"(/api/entities/(\d{1,18})/decision)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      const Json b = body_of(req);
      Decision d;
      d.action = b.value("action", "");
      d.version = b.at("version").get<int64_t>();
      d.reviewer = reviewer_of(b);
      d.changes = b.value("changes", Json::object());
      send_json(res, 200, store.decide(std::stoll(req.matches[1].str()), d));
    });
  });
  http.Post(R"(/api/entities/(\d{1,18})/undo)", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      const Json b = body_of(req);
      send_json(res, 200, store.undo(std::stoll(req.matches[1].str()), b.at("version").get<int64_t>(), reviewer_of(b)));
    });
  });
  http.Get("/api/queue", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      int limit = 50;
      if (req.has_param("limit")) limit = std::atoi(req.get_param_value("limit").c_str());
      send_json(res, 200, store.queue(limit));
    });
  });
  http.Get("/api/summary", [this](const httplib::Request&, httplib::Response& res) {
    guard(res, [&] {
      Json s = store.summary("");
      add_positions(s);
      send_json(res, 200, s);
    });
  });
  http.Get("/api/authorities", [this](const httplib::Request& req, httplib::Response& res) {
    guard(res, [&] {
      Json out = Json::array();
      for (const AuthorityRecord* a : authorities.lookup(req.get_param_value("type"), req.get_param_value("q"), 20))
        out.push_back({{"id", a->id}, {"type", a->type}, {"name", a->name}, {"detail", a->detail}});
      send_json(res, 200, out);
    });
  });
}

ReviewServer::ReviewServer(ServerOptions options) {
  if (!is_loopback(options.bind) && options.token.empty())
    throw ConfigError("--bind " + options.bind +
                      " is reachable from other machines: give --token SECRET (every request must carry it)");
  impl_ = std::make_unique<Impl>(std::move(options));
  const int threads = std::max(2, impl_->opt.threads);
  impl_->http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  impl_->http.set_payload_max_length(1 << 20);
  impl_->http.set_tcp_nodelay(true);  // small JSON answers: no 40 ms Nagle/delayed-ACK stall
  impl_->routes();
}

ReviewServer::~ReviewServer() { stop(); }

int ReviewServer::bind() {
  auto& h = impl_->http;
  if (impl_->opt.port == 0) {
    impl_->port = h.bind_to_any_port(impl_->opt.bind);
    if (impl_->port <= 0)
      throw Error(ErrorCode::kDependencyFailed, "cannot bind " + impl_->opt.bind);
  } else {
    if (!h.bind_to_port(impl_->opt.bind, impl_->opt.port))
      throw Error(ErrorCode::kDependencyFailed,
                  "cannot listen on " + impl_->opt.bind + ":" + std::to_string(impl_->opt.port) +
                      " (is the port taken?)");
    impl_->port = impl_->opt.port;
  }
  return impl_->port;
}

void ReviewServer::listen() { impl_->http.listen_after_bind(); }

int ReviewServer::start() {
  const int port = bind();
  impl_->thread = std::thread([this] {
    impl_->http.listen_after_bind();
    impl_->finished = true;
  });
  return port;
}

void ReviewServer::stop() {
  if (!impl_) return;
  // stop() only takes effect once the server runs: wait for it to start (or to have failed).
  while (impl_->thread.joinable() && !impl_->finished && !impl_->http.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

const std::string& ReviewServer::csrf_token() const { return impl_->csrf; }

}  // namespace testimony::review
