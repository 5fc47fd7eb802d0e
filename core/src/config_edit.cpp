#include "contagion/core/config_edit.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <sstream>

#include "contagion/core/error.hpp"

namespace contagion {
namespace {

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (const std::string& part : parts)
    if (part.empty()) throw UsageError(fmt::format("'{}' is not a dotted key (e.g. model.epsilon)", key));
  return parts;
}

/// Sets table[key] to the value: parsed as TOML when it is a TOML value, else a bare word as
/// a string.
void set_value(toml::table& table, const std::string& key, const KeyAssignment& a) {
  try {
    toml::table parsed = toml::parse("value = " + a.value);
    if (toml::node* node = parsed.get("value")) {
      node->visit([&](auto&& v) { table.insert_or_assign(key, v); });
      return;
    }
  } catch (const toml::parse_error&) {
    // Not a TOML value: a bare word below, unless it looks like a broken number or structure.
  }
  const bool bare_word = !a.value.empty() && a.value.find_first_of("[]{}\"'=\n#") == std::string::npos &&
                         a.value.find_first_of("0123456789+-.") != 0;
  if (!bare_word)
    throw UsageError(fmt::format("'{}' is not a TOML value for {} (quote strings: '\"text\"')", a.value, a.key));
  table.insert_or_assign(key, a.value);
}

}  // namespace

std::string assign_config_keys(std::string_view text, const std::string& source_name,
                               const std::vector<KeyAssignment>& assignments) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw Error(std::string(e.description()),
                ErrorContext{source_name, e.source().begin.line, e.source().begin.column, ""});
  }
  for (const KeyAssignment& a : assignments) {
    const std::vector<std::string> parts = split_key(a.key);
    toml::table* table = &root;
    std::string path;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      path += (path.empty() ? "" : ".") + parts[i];
      toml::node* node = table->get(parts[i]);
      if (!node) node = &table->insert_or_assign(parts[i], toml::table{}).first->second;
      table = node->as_table();
      if (!table) throw UsageError(fmt::format("cannot set {}: {} in {} is not a table", a.key, path, source_name));
    }
    set_value(*table, parts.back(), a);
  }
  std::ostringstream out;
  out << toml::toml_formatter(root, toml::toml_formatter::default_flags & ~toml::format_flags::indentation) << '\n';
  return out.str();
}

}  // namespace contagion
