// Shared stderr sink and a JSON-lines formatter for spdlog.
#include "pipeline/log.hpp"

#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace testimony {
namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    nlohmann::json j = {
        {"time", std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count()},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"logger", std::string(msg.logger_name.data(), msg.logger_name.size())},
        {"message", std::string(msg.payload.data(), msg.payload.size())}};
    const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

struct State {
  std::mutex mu;
  std::shared_ptr<spdlog::sinks::stderr_color_sink_mt> sink =
      std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
  spdlog::level::level_enum level = spdlog::level::info;
};

State& state() {
  static State s;
  return s;
}

}  // namespace

void init_logging(LogFormat format, const std::string& level) {
  State& s = state();
  std::lock_guard lock(s.mu);
  if (format == LogFormat::kJson) {
    s.sink->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    s.sink->set_pattern("%^%l%$ [%n] %v");
  }
  s.level = spdlog::level::from_str(level);
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(s.level); });
}

std::shared_ptr<spdlog::logger> get_logger(const std::string& name) {
  State& s = state();
  std::lock_guard lock(s.mu);
  if (auto l = spdlog::get(name)) return l;
  auto l = std::make_shared<spdlog::logger>(name, s.sink);
  l->set_level(s.level);
  spdlog::register_logger(l);
  return l;
}

}  // namespace testimony
