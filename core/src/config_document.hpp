#pragma once
// The parsed document behind every ConfigTable, and small helpers, private to core/.

#include <toml++/toml.h>
#include <deque>
#include <set>
#include <string>

#include "contagion/core/config.hpp"

namespace contagion {

struct ConfigTable::Document {
  std::string source_name;
  std::string text;
  toml::table root;
  std::set<std::string, std::less<>> consumed;  // full dotted keys that were read
  ParameterList parameters;
  std::deque<toml::table> empty_tables;  // stand-ins for absent sections (stable addresses)
};

inline ErrorContext context_of(const ConfigTable::Document& doc, const toml::source_region& where, std::string field) {
  return ErrorContext{doc.source_name, where.begin.line, where.begin.column, std::move(field)};
}

inline std::string type_name(const toml::node& n) {
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

}  // namespace contagion
