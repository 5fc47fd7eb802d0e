#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"

using contagion::Error;
using contagion::ErrorContext;
using contagion::ParameterError;

TEST_CASE("an error names file, line, column and field", "[core][error]") {
  const Error e("expected a number, got 'abc'", ErrorContext{"data.csv", 12, 4, "AU12_r"});
  CHECK(std::string(e.what()) == "data.csv:12:4: [AU12_r] expected a number, got 'abc'");
  CHECK(e.message() == "expected a number, got 'abc'");
  CHECK(e.context().line == 12);
}

TEST_CASE("unknown parts of the context are left out", "[core][error]") {
  CHECK(std::string(Error("boom").what()) == "boom");
  CHECK(std::string(Error("boom", ErrorContext{"f.toml"}).what()) == "f.toml: boom");
  CHECK(std::string(Error("boom", ErrorContext{"f.toml", 3}).what()) == "f.toml:3: boom");
  CHECK(std::string(Error("boom", ErrorContext{"", 3}).what()) == "line 3: boom");
}

TEST_CASE("a parameter error names the parameter, its value and the range", "[core][error]") {
  const ParameterError e("model.epsilon", "1.3", "(0, 1]", ErrorContext{"s.toml", 9, 11, "model.epsilon"});
  CHECK(std::string(e.what()) == "s.toml:9:11: [model.epsilon] model.epsilon = 1.3 is outside (0, 1]");
  CHECK_THROWS_AS(throw e, Error);
}
