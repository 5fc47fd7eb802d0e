#pragma once
// One exception hierarchy for the whole toolkit. Every error carries where it happened
// (file, line, column or field) and what was expected, so the CLI can print
// "error: FILE:LINE: message" without knowing which module threw.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace contagion {

/// Where in the input an error was found. Empty/zero members are unknown.
struct ErrorContext {
  ErrorContext(std::string file_ = {}, std::uint64_t line_ = 0, std::uint64_t column_ = 0, std::string field_ = {})
      : file(std::move(file_)), line(line_), column(column_), field(std::move(field_)) {}

  std::string file;          ///< path of the input file, or "" when not file-based
  std::uint64_t line = 0;    ///< 1-based line, 0 = unknown
  std::uint64_t column = 0;  ///< 1-based column, 0 = unknown
  std::string field;         ///< column name, TOML key or parameter name, "" = unknown
};

/// Base of every contagion exception: bad data, bad parameters, I/O failures.
/// The CLI maps it to exit status 1.
class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, ErrorContext context = {});

  /// The message without location, e.g. "expected a number, got 'abc'".
  const std::string& message() const noexcept { return message_; }
  const ErrorContext& context() const noexcept { return context_; }

  /// "FILE:LINE:COL: [field] message" with the unknown parts left out.
  static std::string format(const std::string& message, const ErrorContext& context);

 private:
  std::string message_;
  ErrorContext context_;
};

/// A model or scenario parameter outside its allowed range. Names the parameter,
/// its value and the range, e.g. "model.epsilon = 1.3 is outside (0, 1]".
class ParameterError : public Error {
 public:
  ParameterError(const std::string& parameter, const std::string& value, const std::string& allowed,
                 ErrorContext context = {});
};

/// The command line was used wrongly (unknown option, missing argument).
/// The CLI maps it to exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace contagion
