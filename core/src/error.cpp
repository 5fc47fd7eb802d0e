#include "contagion/core/error.hpp"

#include <fmt/format.h>

namespace contagion {

std::string Error::format(const std::string& message, const ErrorContext& context) {
  std::string out;
  if (!context.file.empty()) {
    out += context.file;
    if (context.line > 0) {
      out += fmt::format(":{}", context.line);
      if (context.column > 0) out += fmt::format(":{}", context.column);
    }
    out += ": ";
  } else if (context.line > 0) {
    out += fmt::format("line {}: ", context.line);
  }
  if (!context.field.empty()) out += fmt::format("[{}] ", context.field);
  out += message;
  return out;
}

Error::Error(std::string message, ErrorContext context)
    : std::runtime_error(format(message, context)), message_(std::move(message)), context_(std::move(context)) {}

ParameterError::ParameterError(const std::string& parameter, const std::string& value, const std::string& allowed,
                               ErrorContext context)
    : Error(fmt::format("{} = {} is outside {}", parameter, value, allowed), std::move(context)) {}

}  // namespace contagion
