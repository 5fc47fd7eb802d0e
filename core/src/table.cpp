#include "contagion/core/table.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"
#include "contagion/core/text_file.hpp"

namespace contagion {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// Splits the input into records of fields, tracking the line where each record starts.
class Scanner {
 public:
  Scanner(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // UTF-8 BOM
  }

  /// The next non-blank record; false at the end.
  bool next(char delimiter, std::vector<std::string>& fields, std::size_t& line) {
    while (pos_ < text_.size()) {
      line = line_;
      fields.clear();
      const std::size_t start = pos_;
      read_record(delimiter, fields);
      // Skip blank lines (only whitespace); a quoted empty field ("") is a record.
      const std::string_view raw = text_.substr(start, pos_ - start);
      if (raw.find_first_not_of(" \t\r\n") != std::string_view::npos) return true;
    }
    return false;
  }

  /// The first line's raw text (for detecting the delimiter).
  std::string_view first_line() const {
    const auto end = text_.find_first_of("\r\n");
    return text_.substr(0, end);
  }

 private:
  void end_of_line() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void read_record(char delimiter, std::vector<std::string>& fields) {
    std::string field;
    bool quoted = false, was_quoted = false;
    std::size_t quote_line = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (quoted) {
        if (c == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
          } else {
            quoted = false;
            ++pos_;
          }
        } else if (c == '\r' || c == '\n') {
          field += '\n';
          end_of_line();
        } else {
          field += c;
          ++pos_;
        }
        continue;
      }
      if (c == delimiter) {
        fields.push_back(was_quoted ? field : std::string(trim(field)));
        field.clear();
        was_quoted = false;
        ++pos_;
      } else if (c == '\r' || c == '\n') {
        end_of_line();
        break;
      } else if (was_quoted && (c == ' ' || c == '\t')) {
        ++pos_;  // whitespace after a closing quote
      } else if (c == '"' && trim(field).empty()) {
        quoted = was_quoted = true;
        quote_line = line_;
        field.clear();
        ++pos_;
      } else {
        field += c;
        ++pos_;
      }
    }
    if (quoted) throw Error("a quoted field is not closed", {source_, quote_line});
    fields.push_back(was_quoted ? field : std::string(trim(field)));
  }

  std::string_view text_;
  std::string source_;
  std::size_t pos_ = 0, line_ = 1;
};

char detect_delimiter(std::string_view header) {
  char best = ',';
  std::ptrdiff_t best_count = 0;
  for (const char d : {',', ';', '\t'}) {
    const auto count = std::count(header.begin(), header.end(), d);
    if (count > best_count) {
      best = d;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

bool parse_double(std::string_view cell, double& value) {
  cell = trim(cell);
  if (cell.empty()) return false;
  if (cell.front() == '+') cell.remove_prefix(1);  // fast_float rejects a leading '+'
  const auto [end, error] = fast_float::from_chars(cell.data(), cell.data() + cell.size(), value);
  return error == std::errc() && end == cell.data() + cell.size();
}

std::string format_double(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{}", value);
}

bool Table::has(std::string_view name) const noexcept {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::size_t Table::index_of(std::string_view name) const {
  const auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) {
    std::string list;
    for (const auto& n : names_) list += (list.empty() ? "" : ", ") + n;
    throw Error(fmt::format("no column '{}' (the columns are: {})", name, list), {source_, 0, 0, std::string(name)});
  }
  return static_cast<std::size_t>(it - names_.begin());
}

const std::vector<std::string>& Table::text(std::string_view name) const {
  return columns_[index_of(name)];
}

std::vector<double> Table::numbers(std::string_view name) const {
  const std::size_t c = index_of(name);
  std::vector<double> out(rows_);
  for (std::size_t r = 0; r < rows_; ++r) {
    const std::string& cell = columns_[c][r];
    if (parse_double(cell, out[r])) continue;
    if (std::find(missing_.begin(), missing_.end(), trim(cell)) != missing_.end()) {
      out[r] = std::nan("");
      continue;
    }
    throw Error(fmt::format("'{}' is not a number", cell),
                {source_, lines_.empty() ? 0 : lines_[r], columns_at_.empty() ? 0 : columns_at_[c], names_[c]});
  }
  return out;
}

bool Table::is_numeric(std::string_view name) const {
  const std::size_t c = index_of(name);
  double value = 0.0;
  for (const std::string& cell : columns_[c])
    if (!parse_double(cell, value) && std::find(missing_.begin(), missing_.end(), trim(cell)) == missing_.end())
      return false;
  return true;
}

void Table::add_text(std::string name, std::vector<std::string> cells) {
  if (has(name)) throw Error(fmt::format("the table already has a column '{}'", name));
  if (!names_.empty() && cells.size() != rows_)
    throw Error(fmt::format("column '{}' has {} cells; the table has {} rows", name, cells.size(), rows_));
  rows_ = cells.size();
  names_.push_back(std::move(name));
  columns_.push_back(std::move(cells));
  if (!lines_.empty() || !columns_at_.empty()) columns_at_.push_back(0);
}

void Table::add_numbers(std::string name, std::span<const double> values) {
  std::vector<std::string> cells;
  cells.reserve(values.size());
  // A missing value is an empty cell: pandas, R and spreadsheets all read it as missing.
  for (const double v : values) cells.push_back(std::isnan(v) ? std::string() : format_double(v));
  add_text(std::move(name), std::move(cells));
}

std::string Table::to_csv(char delimiter) const {
  const std::string special{delimiter, '"', '\n', '\r'};
  std::string out;
  const auto append = [&](const std::string& cell, bool first) {
    if (!first) out.push_back(delimiter);
    if (cell.empty() && names_.size() == 1) {
      out.append("\"\"");  // a bare empty line would read as a blank line
      return;
    }
    const bool padded = !cell.empty() && (cell.front() == ' ' || cell.back() == ' ' || cell.front() == '\t' ||
                                          cell.back() == '\t');  // reading trims unquoted cells
    if (!padded && cell.find_first_of(special) == std::string::npos) {
      out.append(cell);
      return;
    }
    out.push_back('"');
    for (const char c : cell) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  };
  for (std::size_t c = 0; c < names_.size(); ++c) append(names_[c], c == 0);
  out.push_back('\n');
  for (std::size_t r = 0; r < rows_; ++r) {
    for (std::size_t c = 0; c < names_.size(); ++c) append(columns_[c][r], c == 0);
    out.push_back('\n');
  }
  return out;
}

Table parse_csv(std::string_view text, const std::string& source_name, const CsvOptions& options) {
  Scanner scanner(text, source_name);
  const char delimiter = options.delimiter ? options.delimiter : detect_delimiter(scanner.first_line());
  Table table(source_name);
  table.missing_ = options.missing;
  std::vector<std::string> fields;
  std::size_t line = 0;
  if (!scanner.next(delimiter, fields, line)) throw Error("the file is empty: no header line", {source_name});
  for (std::size_t c = 0; c < fields.size(); ++c) {
    if (fields[c].empty())
      throw Error(fmt::format("column {} of the header has no name", c + 1), {source_name, line, c + 1});
    if (std::find(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(c), fields[c]) !=
        fields.begin() + static_cast<std::ptrdiff_t>(c))
      throw Error(fmt::format("the header names '{}' twice", fields[c]), {source_name, line, c + 1});
  }
  table.names_ = fields;
  table.columns_.resize(fields.size());
  for (std::size_t c = 0; c < fields.size(); ++c) table.columns_at_.push_back(c + 1);
  while (scanner.next(delimiter, fields, line)) {
    if (fields.size() != table.names_.size())
      throw Error(fmt::format("{} fields; the header has {}", fields.size(), table.names_.size()), {source_name, line});
    for (std::size_t c = 0; c < fields.size(); ++c) table.columns_[c].push_back(std::move(fields[c]));
    table.lines_.push_back(line);
    ++table.rows_;
  }
  return table;
}

Table read_csv(const std::string& path, const CsvOptions& options) {
  return parse_csv(read_text_file(path, "table"), path, options);
}

void write_csv(const Table& table, const std::string& path, char delimiter) {
  write_text_file(path, table.to_csv(delimiter));
}

}  // namespace contagion
