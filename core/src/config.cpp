#include "contagion/core/config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <cmath>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>

namespace contagion {

bool Range::contains(double x) const noexcept {
  if (std::isnan(x)) return false;
  const bool above = low_closed ? x >= low : x > low;
  const bool below = high_closed ? x <= high : x < high;
  return above && below;
}

std::string Range::to_string() const {
  auto end = [](double v) { return std::isinf(v) ? std::string(v < 0 ? "-inf" : "inf") : fmt::format("{}", v); };
  return fmt::format("{}{}, {}{}", low_closed ? '[' : '(', end(low), end(high), high_closed ? ']' : ')');
}

struct ConfigTable::Document {
  std::string source_name;
  std::string text;
  toml::table root;
  std::set<std::string, std::less<>> consumed;  // full dotted keys that were read
  ParameterList parameters;
  std::deque<toml::table> empty_tables;  // stand-ins for absent sections (stable addresses)
};

namespace {

ErrorContext context_of(const ConfigTable::Document& doc, const toml::source_region& where, std::string field) {
  return ErrorContext{doc.source_name, where.begin.line, where.begin.column, std::move(field)};
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date/time";
  }
}

}  // namespace

ConfigTable ConfigTable::parse_string(std::string_view text, const std::string& source_name) {
  auto doc = std::make_shared<Document>();
  doc->source_name = source_name;
  doc->text = std::string(text);
  try {
    doc->root = toml::parse(doc->text, source_name);
  } catch (const toml::parse_error& e) {
    throw Error(std::string(e.description()), context_of(*doc, e.source(), ""));
  }
  const toml::table* root = &doc->root;
  return ConfigTable(std::move(doc), root, "");
}

ConfigTable ConfigTable::parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file for reading", ErrorContext{path});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_string(buffer.str(), path);
}

ConfigTable::ConfigTable(std::shared_ptr<Document> doc, const toml::table* table, std::string path)
    : doc_(std::move(doc)), table_(table), path_(std::move(path)) {}

const std::string& ConfigTable::source_name() const noexcept {
  return doc_->source_name;
}
const std::string& ConfigTable::source_text() const noexcept {
  return doc_->text;
}
const ParameterList& ConfigTable::parameters() const noexcept {
  return doc_->parameters;
}

std::string ConfigTable::full_key(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

bool ConfigTable::has(std::string_view key) const {
  return table_->contains(key);
}

std::vector<std::string> ConfigTable::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : *table_) out.emplace_back(k.str());
  return out;
}

const toml::node* ConfigTable::node(std::string_view key) const {
  const toml::node* n = table_->get(key);
  if (n) doc_->consumed.insert(full_key(key));
  return n;
}

const toml::node& ConfigTable::required(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) throw Error(fmt::format("missing required key '{}'", full_key(key)), where());
  return *n;
}

ErrorContext ConfigTable::where(std::string_view key) const {
  if (const toml::node* n = table_->get(key)) return context_of(*doc_, n->source(), full_key(key));
  return where();
}

ErrorContext ConfigTable::where() const {
  return context_of(*doc_, table_->source(), path_);
}

void ConfigTable::fail(std::string_view key, const std::string& message) const {
  throw Error(message, where(key));
}

void ConfigTable::record(std::string_view key, ParameterValue value) const {
  const std::string name = full_key(key);
  for (auto& p : doc_->parameters) {
    if (p.name == name) {
      p.value = std::move(value);
      return;
    }
  }
  doc_->parameters.push_back({name, std::move(value)});
}

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

// ---- tables ----------------------------------------------------------------------------

std::optional<ConfigTable> ConfigTable::table(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  const toml::table* t = n->as_table();
  if (!t) fail(key, fmt::format("expected a table, got {}", type_name(*n)));
  return ConfigTable(doc_, t, full_key(key));
}

ConfigTable ConfigTable::required_table(std::string_view key) const {
  auto t = table(key);
  if (!t) throw Error(fmt::format("missing required table [{}]", full_key(key)), where());
  return *t;
}

ConfigTable ConfigTable::table_or_empty(std::string_view key) const {
  if (auto t = table(key)) return *t;
  doc_->empty_tables.emplace_back();
  return ConfigTable(doc_, &doc_->empty_tables.back(), full_key(key));
}

namespace {

void check_consumed(const ConfigTable::Document& doc, const toml::table& table, const std::string& prefix) {
  for (const auto& [k, v] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : fmt::format("{}.{}", prefix, k.str());
    if (!doc.consumed.contains(key))
      throw Error(fmt::format("unknown key '{}'", key), context_of(doc, k.source(), key));
    if (const toml::table* sub = v.as_table()) check_consumed(doc, *sub, key);
  }
}

}  // namespace

void ConfigTable::finish() const {
  check_consumed(*doc_, doc_->root, "");
}

}  // namespace contagion
