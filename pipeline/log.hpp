// Logging: one named spdlog logger per stage ("stage.ocr.tesseract") sharing one stderr sink,
// human-readable by default or JSON lines for machines (--log-format json).
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace testimony {

enum class LogFormat { kText, kJson };

// Sets the format and level ("trace".."off") for every logger made afterwards and before.
void init_logging(LogFormat format, const std::string& level);
// The logger called `name`, made on first use.
std::shared_ptr<spdlog::logger> get_logger(const std::string& name);

}  // namespace testimony
