#pragma once
// Reading TOML configuration (scenarios) strictly: every key that is read is range-checked
// and recorded for provenance; every key that is never read is an error at finish(), so a
// typo ("epsilom") cannot silently fall back to a default. Errors name the file, line and
// the full dotted key.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/core/parameters.hpp"

namespace toml {
inline namespace v3 {
class table;
class node;
}  // namespace v3
}  // namespace toml

namespace contagion {

/// An allowed interval for a number; infinite ends are written "inf".
struct Range {
  double low = -1.0 / 0.0;
  double high = 1.0 / 0.0;
  bool low_closed = true;
  bool high_closed = true;

  bool contains(double x) const noexcept;
  std::string to_string() const;  ///< "[0, 1]", "(0, inf)", ...

  static Range closed(double lo, double hi) { return {lo, hi, true, true}; }
  static Range open_closed(double lo, double hi) { return {lo, hi, false, true}; }
  static Range at_least(double lo) { return {lo, 1.0 / 0.0, true, false}; }
  static Range greater_than(double lo) { return {lo, 1.0 / 0.0, false, false}; }
  static Range unit() { return closed(0.0, 1.0); }
  /// Any finite number (excludes inf and NaN).
  static Range finite() { return {-1.7976931348623157e308, 1.7976931348623157e308, true, true}; }
};

/// One table of a parsed TOML document (the root or a nested table).
/// Copies share the document and the record of which keys were read.
class ConfigTable {
 public:
  /// Parses a file; syntax errors become contagion::Error with file, line and column.
  static ConfigTable parse_file(const std::string& path);
  /// Parses text; `source_name` is used in error messages in place of a file name.
  static ConfigTable parse_string(std::string_view text, const std::string& source_name);

  /// The dotted path of this table ("" for the root, "model", "graph.attributes").
  const std::string& path() const noexcept { return path_; }
  const std::string& source_name() const noexcept;
  /// The original document text (kept verbatim for provenance).
  const std::string& source_text() const noexcept;

  bool has(std::string_view key) const;
  /// Keys of this table, in document order.
  std::vector<std::string> keys() const;

  double number(std::string_view key) const;
  double number(std::string_view key, double fallback) const;
  double number_in(std::string_view key, Range range) const;
  double number_in(std::string_view key, Range range, double fallback) const;

  std::int64_t integer(std::string_view key) const;
  std::int64_t integer_in(std::string_view key, std::int64_t low, std::int64_t high) const;
  std::int64_t integer_in(std::string_view key, std::int64_t low, std::int64_t high, std::int64_t fallback) const;

  std::string string(std::string_view key) const;
  std::string string(std::string_view key, std::string fallback) const;
  /// A string that must be one of `choices`; the error lists them.
  std::string choice(std::string_view key, const std::vector<std::string>& choices) const;
  std::string choice(std::string_view key, const std::vector<std::string>& choices, std::string fallback) const;

  bool boolean(std::string_view key, bool fallback) const;

  std::vector<double> numbers(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  std::vector<std::int64_t> integers(std::string_view key) const;

  bool is_number(std::string_view key) const;
  bool is_string(std::string_view key) const;
  bool is_table(std::string_view key) const;

  std::optional<ConfigTable> table(std::string_view key) const;
  ConfigTable required_table(std::string_view key) const;
  /// The sub-table, or an empty one when the key is absent: reading defaults from it still
  /// records them in parameters().
  ConfigTable table_or_empty(std::string_view key) const;

  /// Where `key` is in the document (file, line, column, full dotted key).
  ErrorContext where(std::string_view key) const;
  /// Where this table is.
  ErrorContext where() const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  /// Throws contagion::Error naming the first key of the whole document that was never
  /// read. Call once, on the root, after everything has been read.
  void finish() const;

  /// Every value read so far (defaults included), in reading order, by dotted key.
  const ParameterList& parameters() const noexcept;

  struct Document;  // shared parse result and bookkeeping

 private:
  ConfigTable(std::shared_ptr<Document> doc, const toml::table* table, std::string path);
  const toml::node* node(std::string_view key) const;
  const toml::node& required(std::string_view key) const;
  std::string full_key(std::string_view key) const;
  void record(std::string_view key, ParameterValue value) const;

  std::shared_ptr<Document> doc_;
  const toml::table* table_;
  std::string path_;
};

}  // namespace contagion
