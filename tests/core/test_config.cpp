#include <catch2/catch.hpp>

#include "contagion/core/config.hpp"

using Catch::Matchers::Contains;
using contagion::ConfigTable;
using contagion::Error;
using contagion::ParameterError;
using contagion::Range;

TEST_CASE("values are read with their types and defaults recorded", "[core][config]") {
  const auto root = ConfigTable::parse_string("seed = 5\nname = \"x\"\n[model]\nepsilon = 0.25\nn = 1e4\n", "s.toml");
  CHECK(root.integer("seed") == 5);
  CHECK(root.string("name") == "x");
  const auto model = root.required_table("model");
  CHECK(model.number_in("epsilon", Range::open_closed(0, 1)) == 0.25);
  CHECK(model.integer("n") == 10000);  // 1e4 is accepted for an integer
  CHECK(model.number("mu", 0.5) == 0.5);
  CHECK(model.boolean("inclusive", true));
  root.finish();
  const auto& p = root.parameters();
  REQUIRE(contagion::find_parameter(p, "model.mu"));
  CHECK(std::get<double>(*contagion::find_parameter(p, "model.mu")) == 0.5);
  CHECK(std::get<std::int64_t>(*contagion::find_parameter(p, "model.n")) == 10000);
}

TEST_CASE("an unknown key is an error naming it and its line", "[core][config]") {
  const auto root = ConfigTable::parse_string("[model]\nepsilon = 0.2\nepsilom = 0.3\n", "s.toml");
  root.required_table("model").number("epsilon");
  CHECK_THROWS_WITH(root.finish(), "s.toml:3:1: [model.epsilom] unknown key 'model.epsilom'");
}

TEST_CASE("an unread table is an unknown key", "[core][config]") {
  const auto root = ConfigTable::parse_string("a = 1\n[extra]\nb = 2\n", "s.toml");
  root.integer("a");
  CHECK_THROWS_WITH(root.finish(), Contains("unknown key 'extra'"));
}

TEST_CASE("out-of-range values name key, value, range and line", "[core][config]") {
  const auto root = ConfigTable::parse_string("[model]\nmu = 1.3\nk = -2\n", "s.toml");
  const auto model = root.required_table("model");
  CHECK_THROWS_AS(model.number_in("mu", Range::open_closed(0, 0.5)), ParameterError);
  CHECK_THROWS_WITH(model.number_in("mu", Range::open_closed(0, 0.5)),
                    "s.toml:2:6: [model.mu] model.mu = 1.3 is outside (0, 0.5]");
  CHECK_THROWS_WITH(model.integer_in("k", 0, 10), Contains("model.k = -2 is outside [0, 10]"));
}

TEST_CASE("wrong types and missing keys are errors", "[core][config]") {
  const auto root = ConfigTable::parse_string("a = \"text\"\nb = 1.5\nc = [1, \"x\"]\nd = 3\n", "s.toml");
  CHECK_THROWS_WITH(root.number("a"), "s.toml:1:5: [a] expected a number, got a string");
  CHECK_THROWS_WITH(root.integer("b"), Contains("expected an integer, got a number"));
  CHECK_THROWS_WITH(root.numbers("c"), Contains("element 1 of 'c': expected a number"));
  CHECK_THROWS_WITH(root.string("missing"), Contains("missing required key 'missing'"));
  CHECK_THROWS_WITH(root.choice("a", {"x", "y"}), Contains("'text' is not one of: x, y"));
  CHECK_THROWS_WITH(root.table("d"), Contains("expected a table, got an integer"));
}

TEST_CASE("TOML syntax errors carry the line", "[core][config]") {
  try {
    ConfigTable::parse_string("a = 1\nb = = 2\n", "bad.toml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.context().file == "bad.toml");
    CHECK(e.context().line == 2);
  }
}

TEST_CASE("absent sections read as empty tables whose defaults are recorded", "[core][config]") {
  const auto root = ConfigTable::parse_string("", "s.toml");
  CHECK(root.table_or_empty("run").integer_in("max_steps", 0, 100, 7) == 7);
  root.finish();
  CHECK(contagion::find_parameter(root.parameters(), "run.max_steps"));
}

TEST_CASE("ranges print and test their ends", "[core][config]") {
  CHECK(Range::open_closed(0, 1).to_string() == "(0, 1]");
  CHECK(Range::at_least(0).to_string() == "[0, inf)");
  CHECK_FALSE(Range::open_closed(0, 1).contains(0.0));
  CHECK(Range::open_closed(0, 1).contains(1.0));
  CHECK_FALSE(Range::unit().contains(std::nan("")));
}
