#include "contagion/core/parameters.hpp"

#include <fmt/format.h>

namespace contagion {

std::string to_string(const ParameterValue& value) {
  struct Visitor {
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return v; }
  };
  return std::visit(Visitor{}, value);
}

const ParameterValue* find_parameter(const ParameterList& list, const std::string& name) {
  for (const auto& p : list)
    if (p.name == name) return &p.value;
  return nullptr;
}

}  // namespace contagion
