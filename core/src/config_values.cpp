// Typed getters of ConfigTable: every value is type- and range-checked and recorded.

#include <fmt/format.h>

#include <cmath>

#include "config_document.hpp"
#include "contagion/core/config.hpp"

namespace contagion {

// ---- numbers ---------------------------------------------------------------------------

double ConfigTable::number(std::string_view key) const {
  const toml::node& n = required(key);
  double v = 0.0;
  if (auto i = n.value_exact<std::int64_t>())
    v = static_cast<double>(*i);
  else if (auto d = n.value_exact<double>())
    v = *d;
  else
    fail(key, fmt::format("expected a number, got {}", type_name(n)));
  record(key, v);
  return v;
}

double ConfigTable::number(std::string_view key, double fallback) const {
  if (!has(key)) {
    record(key, fallback);
    return fallback;
  }
  return number(key);
}

double ConfigTable::number_in(std::string_view key, Range range) const {
  const double v = number(key);
  if (!range.contains(v)) throw ParameterError(full_key(key), fmt::format("{}", v), range.to_string(), where(key));
  return v;
}

double ConfigTable::number_in(std::string_view key, Range range, double fallback) const {
  if (!has(key)) {
    record(key, fallback);
    return fallback;
  }
  return number_in(key, range);
}

std::int64_t ConfigTable::integer(std::string_view key) const {
  const toml::node& n = required(key);
  std::int64_t v = 0;
  if (auto i = n.value_exact<std::int64_t>()) {
    v = *i;
  } else if (auto d = n.value_exact<double>(); d && std::trunc(*d) == *d && std::abs(*d) < 9.0e15) {
    v = static_cast<std::int64_t>(*d);  // accept 1e4 for 10000
  } else {
    fail(key, fmt::format("expected an integer, got {}", type_name(n)));
  }
  record(key, v);
  return v;
}

std::int64_t ConfigTable::integer_in(std::string_view key, std::int64_t low, std::int64_t high) const {
  const std::int64_t v = integer(key);
  if (v < low || v > high)
    throw ParameterError(full_key(key), fmt::format("{}", v), fmt::format("[{}, {}]", low, high), where(key));
  return v;
}

std::int64_t ConfigTable::integer_in(std::string_view key, std::int64_t low, std::int64_t high,
                                     std::int64_t fallback) const {
  if (!has(key)) {
    record(key, fallback);
    return fallback;
  }
  return integer_in(key, low, high);
}

// ---- strings and booleans --------------------------------------------------------------

std::string ConfigTable::string(std::string_view key) const {
  const toml::node& n = required(key);
  auto s = n.value_exact<std::string>();
  if (!s) fail(key, fmt::format("expected a string, got {}", type_name(n)));
  record(key, *s);
  return *s;
}

std::string ConfigTable::string(std::string_view key, std::string fallback) const {
  if (!has(key)) {
    record(key, fallback);
    return fallback;
  }
  return string(key);
}

std::string ConfigTable::choice(std::string_view key, const std::vector<std::string>& choices) const {
  std::string v = string(key);
  for (const auto& c : choices)
    if (c == v) return v;
  fail(key, fmt::format("'{}' is not one of: {}", v, fmt::join(choices, ", ")));
}

std::string ConfigTable::choice(std::string_view key, const std::vector<std::string>& choices,
                                std::string fallback) const {
  if (!has(key)) {
    record(key, fallback);
    return fallback;
  }
  return choice(key, choices);
}

bool ConfigTable::boolean(std::string_view key, bool fallback) const {
  const toml::node* n = node(key);
  bool v = fallback;
  if (n) {
    auto b = n->value_exact<bool>();
    if (!b) fail(key, fmt::format("expected true or false, got {}", type_name(*n)));
    v = *b;
  }
  record(key, v);
  return v;
}

// ---- arrays ----------------------------------------------------------------------------

std::vector<double> ConfigTable::numbers(std::string_view key) const {
  const toml::node& n = required(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, fmt::format("expected an array of numbers, got {}", type_name(n)));
  std::vector<double> out;
  out.reserve(arr->size());
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& e = *arr->get(i);
    if (auto iv = e.value_exact<std::int64_t>())
      out.push_back(static_cast<double>(*iv));
    else if (auto dv = e.value_exact<double>())
      out.push_back(*dv);
    else
      throw Error(fmt::format("element {} of '{}': expected a number, got {}", i, full_key(key), type_name(e)),
                  context_of(*doc_, e.source(), full_key(key)));
  }
  record(key, fmt::format("{}", fmt::join(out, ",")));  // arrays are recorded as "a,b,c"
  return out;
}

std::vector<std::string> ConfigTable::strings(std::string_view key) const {
  const toml::node& n = required(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, fmt::format("expected an array of strings, got {}", type_name(n)));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& e = *arr->get(i);
    auto v = e.value_exact<std::string>();
    if (!v)
      throw Error(fmt::format("element {} of '{}': expected a string, got {}", i, full_key(key), type_name(e)),
                  context_of(*doc_, e.source(), full_key(key)));
    out.push_back(*v);
  }
  record(key, fmt::format("{}", fmt::join(out, ",")));
  return out;
}

std::vector<std::int64_t> ConfigTable::integers(std::string_view key) const {
  const std::vector<double> values = numbers(key);
  std::vector<std::int64_t> out;
  out.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::trunc(values[i]) != values[i] || std::abs(values[i]) > 9.0e15)
      fail(key, fmt::format("element {}: expected an integer, got {}", i, values[i]));
    out.push_back(static_cast<std::int64_t>(values[i]));
  }
  return out;
}

bool ConfigTable::is_number(std::string_view key) const {
  const toml::node* n = table_->get(key);
  return n && (n->is_integer() || n->is_floating_point());
}
bool ConfigTable::is_string(std::string_view key) const {
  const toml::node* n = table_->get(key);
  return n && n->is_string();
}
bool ConfigTable::is_table(std::string_view key) const {
  const toml::node* n = table_->get(key);
  return n && n->is_table();
}

}  // namespace contagion
