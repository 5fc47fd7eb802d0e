#include "contagion/core/config.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cmath>

#include "config_document.hpp"
#include "contagion/core/text_file.hpp"

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
  return parse_string(read_text_file(path, "the configuration file"), path);
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
  // toml++ keeps keys sorted by name; the document order is their position in the source.
  std::vector<std::pair<std::pair<std::uint64_t, std::uint64_t>, std::string>> found;
  for (const auto& [k, v] : *table_)
    found.push_back({{k.source().begin.line, k.source().begin.column}, std::string(k.str())});
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
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
