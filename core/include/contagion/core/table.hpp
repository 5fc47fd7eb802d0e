#pragma once
// The small column table of the toolkit: delimited text (CSV, semicolon- or tab-separated) read
// into named columns, for participant tables, questionnaire responses, feature tables and the
// data of `contagion stats`. Every cell is kept as text; numbers() parses a column on demand
// and names the file, line and column of the first cell that is not a number.
//
// Reading follows RFC 4180 (quoted fields with "" escapes and embedded line breaks) and what
// real exports do: a UTF-8 BOM, \n, \r\n or bare \r line endings, whitespace around unquoted
// fields, blank lines. The delimiter is detected from the header when not given.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace contagion {

struct CsvOptions {
  char delimiter = 0;  ///< 0: the most frequent of ',', ';', '\t' in the header line
  /// Cells that mean "missing" in numeric columns (compared after trimming).
  std::vector<std::string> missing = {"", "NA", "NaN", "nan", "N/A", "n/a", "null", "NULL"};
};

class Table {
 public:
  Table() = default;
  explicit Table(std::string source) : source_(std::move(source)) {}

  std::size_t rows() const noexcept { return rows_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  bool has(std::string_view name) const noexcept;
  /// The file (or name) the table was read from, for messages.
  const std::string& source() const noexcept { return source_; }

  /// A column's cells as text. Throws contagion::Error naming the file and the columns it has
  /// when there is no such column.
  const std::vector<std::string>& text(std::string_view name) const;
  /// A column as numbers, missing cells as NaN. Throws contagion::Error at the first cell that
  /// is neither a number nor a missing-value token ("FILE:LINE:COL: [name] 'abc' is not a number").
  std::vector<double> numbers(std::string_view name) const;
  /// True when every cell of the column is a number or missing.
  bool is_numeric(std::string_view name) const;
  /// The line of the input where row `row` (0-based) starts.
  std::size_t line_of(std::size_t row) const { return lines_.at(row); }

  /// Adds a column (all columns must have rows() cells; the first sets rows()).
  void add_text(std::string name, std::vector<std::string> cells);
  /// Numbers in shortest round-trip form; NaN as an empty cell.
  void add_numbers(std::string name, std::span<const double> values);

  /// The whole table as delimited text with a header line; numbers in shortest round-trip form.
  std::string to_csv(char delimiter = ',') const;

 private:
  friend Table parse_csv(std::string_view, const std::string&, const CsvOptions&);
  std::size_t index_of(std::string_view name) const;

  std::string source_;
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> columns_;
  std::vector<std::size_t> lines_;       // input line of each row (0 for tables built in code)
  std::vector<std::size_t> columns_at_;  // 1-based column number of each column in the input
  std::vector<std::string> missing_ = CsvOptions{}.missing;
  std::size_t rows_ = 0;
};

/// Reads delimited text. Throws contagion::Error with the file and line for an empty input, a
/// header with an empty or repeated name, a row with a different number of fields, or an
/// unterminated quote.
Table parse_csv(std::string_view text, const std::string& source_name, const CsvOptions& options = {});
Table read_csv(const std::string& path, const CsvOptions& options = {});
/// Writes through a temporary file renamed at the end: no partial file on failure.
void write_csv(const Table& table, const std::string& path, char delimiter = ',');

/// Parses a whole cell as a double (fast_float; surrounding whitespace allowed). False when the
/// cell is not exactly one number.
bool parse_double(std::string_view cell, double& value);
/// Shortest text that reads back as the same double ("nan", "inf", "-inf" for the specials).
std::string format_double(double value);

}  // namespace contagion
