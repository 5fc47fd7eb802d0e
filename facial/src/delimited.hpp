#pragma once
// A fast reader of delimited text for the export readers, private to facial/: lines with any
// ending (\n, \r\n, bare \r) and a UTF-8 BOM, fields as string_views into the text (no
// allocation per cell), whitespace trimmed, numbers by fast_float. Quotes are removed from a
// field that is quoted as a whole (exports quote names, never values with delimiters inside).

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "contagion/core/error.hpp"

namespace contagion::facial::detail {

class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  /// The next line without its ending; false at the end of the text.
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    // A plain loop: string_view::find_first_of calls memchr on the set for every byte.
    std::size_t end = pos_;
    const char* data = text_.data();
    while (end < text_.size() && data[end] != '\n' && data[end] != '\r') ++end;
    if (end == text_.size()) {
      line = text_.substr(pos_);
      pos_ = text_.size();
    } else {
      line = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      if (text_[end] == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    }
    ++number_;
    return true;
  }

  /// 1-based number of the line last returned.
  std::size_t line_number() const noexcept { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0, number_ = 0;
};

inline std::string_view trim(std::string_view s) {
  // Plain loops (find_first_not_of calls memchr on the set for every byte).
  std::size_t first = 0, last = s.size();
  while (first < last && (s[first] == ' ' || s[first] == '\t')) ++first;
  while (last > first && (s[last - 1] == ' ' || s[last - 1] == '\t')) --last;
  s = s.substr(first, last - first);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

/// Splits `line` at `delimiter` into `fields` (cleared first; capacity reused).
inline void split(std::string_view line, char delimiter, std::vector<std::string_view>& fields) {
  fields.clear();
  // A byte loop: fields are short, and a memchr call per field costs more than it saves.
  const char* data = line.data();
  const std::size_t n = line.size();
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (data[i] == delimiter) {
      fields.push_back(trim(std::string_view(data + start, i - start)));
      start = i + 1;
    }
  fields.push_back(trim(std::string_view(data + start, n - start)));
}

/// The number in a whole field; NaN for an empty field; false when it is not a number.
inline bool to_number(std::string_view field, double& value) {
  if (field.empty()) {
    value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (field.front() == '+') field.remove_prefix(1);
  const auto [end, error] = fast_float::from_chars(field.data(), field.data() + field.size(), value);
  return error == std::errc() && end == field.data() + field.size();
}

/// Fields up to the last non-empty one: exports pad rows with trailing delimiters.
inline std::size_t used_fields(const std::vector<std::string_view>& fields) {
  std::size_t n = fields.size();
  while (n > 0 && fields[n - 1].empty()) --n;
  return n;
}

/// Throws contagion::Error (file and line) unless a padded row has the header's `width`
/// fields: at least that many, and nothing but padding beyond them.
inline void check_row_width(const std::vector<std::string_view>& fields, std::size_t used, std::size_t width,
                            const std::string& source, std::size_t line) {
  if (fields.size() < width || used > width)
    throw Error(fmt::format("the row has {} fields, the header has {} (a truncated line or another delimiter?)",
                            fields.size() < width ? fields.size() : used, width),
                {source, line});
}

/// The number in field `field` of a row; an error naming the file, line, column and the
/// column's name (`names[field]`) otherwise.
template <class Names>
double number_at(const std::vector<std::string_view>& fields, std::size_t field, const Names& names, std::size_t line,
                 const std::string& source) {
  double value = 0.0;
  if (!to_number(fields[field], value))
    throw Error(fmt::format("expected a number, got '{}'", fields[field]),
                {source, line, field + 1, std::string(names[field])});
  return value;
}

/// Appends one cell of delimited output (the delimiter first unless it opens the line).
inline void put_cell(std::string& out, bool& first, std::string_view text, char delimiter) {
  if (!first) out += delimiter;
  first = false;
  out += text;
}

/// Appends a number in shortest round-trip form; an empty cell for NaN and infinities.
inline void put_number_cell(std::string& out, bool& first, double value, char delimiter) {
  put_cell(out, first, {}, delimiter);
  if (std::isfinite(value)) fmt::format_to(std::back_inserter(out), "{}", value);
}

/// The header line of an export: its names, where it was, and lookup by name.
struct HeaderLine {
  std::vector<std::string_view> names;
  std::size_t line = 0;

  std::optional<std::size_t> find(std::string_view name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
  }

  /// The names of `wanted` that are absent, quoted and comma-separated ("" when none), and
  /// the first of them in `first`.
  template <class Names>
  std::string missing(const Names& wanted, std::string& first) const {
    std::string list;
    for (const auto& name : wanted) {
      if (find(name)) continue;
      list += fmt::format("{}'{}'", list.empty() ? "" : ", ", name);
      if (first.empty()) first = std::string(name);
    }
    return list;
  }
};

/// The first non-blank line, split at `delimiter` (0: detect with `detect`), as the header.
/// Returns false for a text with no such line.
inline bool read_header_line(LineReader& lines, char delimiter, HeaderLine& header, std::string_view& line) {
  bool found = false;
  while (!found && lines.next(line)) found = !trim(line).empty();
  if (!found) return false;
  header.line = lines.line_number();
  split(line, delimiter, header.names);
  return true;
}

}  // namespace contagion::facial::detail
