// Any delimited table with a user-given column mapping (GenericMapping): a time column in any
// unit, optional validity and confidence columns, channels by name. The delimiter (comma,
// semicolon or tab) is detected from the header.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "contagion/core/error.hpp"
#include "delimited.hpp"
#include "formats.hpp"

namespace contagion::facial::detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Cells that mean "missing" (as contagion::CsvOptions::missing), besides the empty cell.
bool is_missing(std::string_view field) {
  constexpr std::array<std::string_view, 7> tokens{"NA", "NaN", "nan", "N/A", "n/a", "null", "NULL"};
  return std::find(tokens.begin(), tokens.end(), field) != tokens.end();
}

/// A number or a missing-value token (NaN); false for anything else. Numbers first: they are
/// nearly every cell.
bool to_value(std::string_view field, double& value) {
  if (to_number(field, value)) return true;
  if (is_missing(field)) {
    value = nan;
    return true;
  }
  return false;
}

/// The delimiter of the header: the most frequent of ',', ';' and tab (',' when there is none).
char detect_delimiter(std::string_view header) {
  char best = ',';
  std::ptrdiff_t most = 0;
  for (const char d : {',', ';', '\t'}) {
    const auto n = std::count(header.begin(), header.end(), d);
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

std::string_view delimiter_name(char d) {
  return d == ',' ? "','" : d == ';' ? "';'" : "tab";
}

struct Column {
  std::size_t index;
  std::string name;  ///< canonical
  bool numeric = true;
  std::vector<double> values;
};

}  // namespace

FrameTable read_generic(std::string_view text, const std::string& source, const ReadOptions& options) {
  const GenericMapping& mapping = options.mapping;
  LineReader lines(text);
  std::string_view line;
  HeaderLine header;
  {
    LineReader peek(text);  // the delimiter comes from the header line itself
    std::string_view first;
    bool found = false;
    while (!found && peek.next(first)) found = !trim(first).empty();
    if (!found) throw Error("empty file: no header", {source});
    read_header_line(lines, detect_delimiter(first), header, line);
  }
  const std::size_t header_line = header.line;
  const char delimiter = detect_delimiter(line);
  const auto& names = header.names;
  const auto find = [&](std::string_view name) { return header.find(name); };
  std::vector<std::string> wanted = {mapping.time_column};
  if (!mapping.valid_column.empty()) wanted.push_back(mapping.valid_column);
  if (!mapping.confidence_column.empty()) wanted.push_back(mapping.confidence_column);
  for (const auto& [from, to] : mapping.channels) wanted.push_back(from);
  std::string first_missing;
  if (const std::string missing = header.missing(wanted, first_missing); !missing.empty())
    throw Error(fmt::format("missing column(s) {} (the header has {} column(s) separated by {})", missing, names.size(),
                            delimiter_name(delimiter)),
                {source, header_line, 0, first_missing});
  const std::size_t col_time = *find(mapping.time_column);
  // (optional<size_t> here trips GCC 12's -Wmaybe-uninitialized.)
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const std::size_t col_valid = mapping.valid_column.empty() ? none : *find(mapping.valid_column);
  const std::size_t col_confidence = mapping.confidence_column.empty() ? none : *find(mapping.confidence_column);

  // Channels in header order: the mapped ones, or every other column that turns out numeric.
  const bool all_columns = mapping.channels.empty();
  std::vector<Column> columns;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (all_columns) {
      if (i == col_time || i == col_valid || i == col_confidence) continue;
      columns.push_back({i, std::string(names[i]), true, {}});
    } else if (const auto it = mapping.channels.find(std::string(names[i])); it != mapping.channels.end()) {
      const auto twice =
          std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == it->second; });
      if (twice != columns.end())
        throw Error(fmt::format("columns '{}' and '{}' are both mapped to channel '{}'", names[twice->index], names[i],
                                it->second),
                    {source, header_line, i + 1, std::string(names[i])});
      columns.push_back({i, it->second, true, {}});
    }
  }

  std::vector<double> time, confidence;
  std::vector<std::uint8_t> valid;
  std::size_t last_line = 0;
  std::vector<std::string_view> fields;
  fields.reserve(names.size());
  // Room for every row at once, from the length of the header line (rows are about as long).
  const std::size_t expected_rows = text.size() / std::max<std::size_t>(line.size(), 16) + 1;
  time.reserve(expected_rows);
  confidence.reserve(expected_rows);
  for (Column& c : columns) c.values.reserve(expected_rows);
  while (lines.next(line)) {
    if (trim(line).empty()) continue;
    const std::size_t at = lines.line_number();
    split(line, delimiter, fields);
    // Spreadsheets pad rows with empty cells; anything else must match the header.
    const bool padded =
        fields.size() > names.size() && std::all_of(fields.begin() + static_cast<std::ptrdiff_t>(names.size()),
                                                    fields.end(), [](std::string_view f) { return f.empty(); });
    if (fields.size() != names.size() && !padded)
      throw Error(fmt::format("{} fields where the header has {} (separated by {})", fields.size(), names.size(),
                              delimiter_name(delimiter)),
                  {source, at});
    const auto number = [&](std::size_t col) {
      double value = 0.0;
      if (!to_value(fields[col], value)) {
        const bool decimal_comma = delimiter != ',' && fields[col].find(',') != std::string_view::npos;
        throw Error(fmt::format("'{}' is not a number{}", fields[col],
                                decimal_comma ? " (a decimal comma? numbers are read with '.')" : ""),
                    {source, at, col + 1, std::string(names[col])});
      }
      return value;
    };
    const double raw_time = number(col_time);
    if (!std::isfinite(raw_time))
      throw Error(fmt::format("'{}' where a time is required", fields[col_time]),
                  {source, at, col_time + 1, std::string(names[col_time])});
    const double t = raw_time * mapping.time_unit;
    if (!time.empty() && !(t > time.back()))
      throw Error(fmt::format("time does not increase: {} s after {} s on line {}", t, time.back(), last_line),
                  {source, at, col_time + 1, std::string(names[col_time])});
    time.push_back(t);
    last_line = at;
    if (col_valid != none) {
      const double v = number(col_valid);
      valid.push_back(std::isfinite(v) && v != 0.0 ? 1 : 0);
    }
    confidence.push_back(col_confidence != none ? number(col_confidence) : nan);
    for (Column& c : columns) {
      double value = nan;
      if (all_columns) {
        // A column with text in it is not a channel (a stimulus label, a participant id...).
        if (c.numeric && !to_value(fields[c.index], value)) {
          c.numeric = false;
          c.values = {};
        }
        if (c.numeric) c.values.push_back(value);
      } else {
        c.values.push_back(number(c.index));
      }
    }
  }
  if (time.empty()) throw Error("no data rows after the header", {source, header_line});

  FrameTable frames;
  frames.source = source;
  frames.format = SourceFormat::generic;
  std::vector<std::string> left_out;
  if (all_columns) {
    const auto keep = [&](const Column& c) {
      return c.numeric && std::any_of(c.values.begin(), c.values.end(), [](double v) { return !std::isnan(v); });
    };
    for (const Column& c : columns)
      if (!keep(c)) left_out.push_back(fmt::format("'{}'", c.name));
    std::erase_if(columns, [&](const Column& c) { return !keep(c); });
  }
  if (!left_out.empty())
    frames.warnings.push_back(
        fmt::format("column(s) {} hold no numbers and are not read as channels", fmt::join(left_out, ", ")));
  // Without a validity column, a frame is valid when it has a value.
  if (col_valid == none) {
    valid.assign(time.size(), 0);
    for (const Column& c : columns)
      for (std::size_t r = 0; r < time.size(); ++r)
        if (!std::isnan(c.values[r])) valid[r] = 1;
  }
  // Nominal frame rate: the given one, or the clock's when it ticks evenly (within 1 %).
  if (options.frame_rate > 0.0) {
    frames.frame_rate = options.frame_rate;
  } else if (time.size() >= 2) {
    double low = std::numeric_limits<double>::infinity(), high = 0.0;
    for (std::size_t i = 1; i < time.size(); ++i) {
      low = std::min(low, time[i] - time[i - 1]);
      high = std::max(high, time[i] - time[i - 1]);
    }
    if (high <= low * 1.01) frames.frame_rate = static_cast<double>(time.size() - 1) / (time.back() - time.front());
  }
  frames.time = std::move(time);
  frames.valid = std::move(valid);
  frames.confidence = std::move(confidence);
  for (Column& c : columns) {
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (std::size_t r = 0; r < c.values.size(); ++r) {
      if (!frames.valid[r]) c.values[r] = nan;
      if (std::isfinite(c.values[r])) {
        low = std::min(low, c.values[r]);
        high = std::max(high, c.values[r]);
      }
    }
    // The scale's range is not known: what the data span stands in for it.
    if (!(low <= high)) {
      low = 0.0;
      high = 1.0;
    }
    frames.add_channel({c.name, std::string(names[c.index]), mapping.scale, low, high}, std::move(c.values));
  }
  return frames;
}

std::string write_generic(const FrameTable& frames) {
  std::string text = "time,valid,confidence";
  for (const ChannelInfo& info : frames.channels) {
    if (info.name.find_first_of(",;\t\"\r\n") != std::string::npos)
      throw Error(fmt::format("channel name '{}' cannot be a CSV column name", info.name), {frames.source});
    text += ',' + info.name;
  }
  text += '\n';
  auto it = std::back_inserter(text);
  // Missing values are empty cells.
  const auto cell = [&](double v) {
    text += ',';
    if (!std::isnan(v)) fmt::format_to(it, "{}", v);
  };
  for (std::size_t i = 0; i < frames.frames(); ++i) {
    fmt::format_to(it, "{},{}", frames.time[i], frames.valid[i] != 0 ? 1 : 0);
    cell(frames.confidence[i]);
    for (const auto& column : frames.values) cell(column[i]);
    text += '\n';
  }
  return text;
}

}  // namespace contagion::facial::detail
