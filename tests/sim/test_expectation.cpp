#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/expectation.hpp"
#include "contagion/sim/scenario.hpp"

using namespace contagion;
using namespace contagion::sim;
using Catch::Matchers::Contains;

namespace {

const char* kBase = R"(name = "t"
[graph]
generator = "ring"
n = 20
[model]
type = "degroot"
[run]
max_steps = 50
)";

Scenario with_bench(const std::string& bench) {
  return parse_scenario(std::string(kBase) + "[bench]\n" + bench, "t.toml");
}

RunRecord run_with(std::vector<double> mean, std::int64_t steps) {
  RunRecord r;
  r.id = "r";
  r.metrics = {{"mean", std::move(mean), 1}};
  r.results = {{"steps", steps}, {"converged", true}};
  return r;
}

}  // namespace

TEST_CASE("a [bench] table is read strictly and kept out of the run's parameters") {
  const Scenario s = with_bench(
      "statistic = \"final.spread\"\nat_most = 0.01\nexpected = \"consensus\"\nreduced = [\"graph.n=10\"]\n");
  REQUIRE(s.expectation);
  CHECK(s.expectation->statistic == "final.spread");
  CHECK_FALSE(s.expectation->at_least);
  CHECK(*s.expectation->at_most == 0.01);
  REQUIRE(s.expectation->reduced.size() == 1);
  CHECK(s.expectation->reduced[0].key == "graph.n");
  CHECK(s.expectation->reduced[0].value == "10");
  for (const auto& p : s.parameters) CHECK(p.name.rfind("bench.", 0) != 0);
  CHECK_FALSE(parse_scenario(kBase, "t.toml").expectation);
}

TEST_CASE("bad [bench] tables name the key") {
  CHECK_THROWS_WITH(with_bench("statistic = \"last.mean\"\nat_least = 1\nexpected = \"x\"\n"),
                    Contains("bench.statistic"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nexpected = \"x\"\n"), Contains("at_least, at_most"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nat_least = 2\nat_most = 1\nexpected = \"x\"\n"),
                    Contains("is empty"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nat_least = 1\n"), Contains("bench.expected"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nat_least = 1\nexpected = \"x\"\nreduced = [\"n\"]\n"),
                    Contains("bench.reduced"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nat_least = 1\nexpected = \"x\"\nextra = 1\n"),
                    Contains("bench.extra"));
  CHECK_THROWS_WITH(with_bench("statistic = \"final.mean\"\nminus = \"mean\"\nat_least = 1\nexpected = \"x\"\n"),
                    Contains("bench.minus"));
}

TEST_CASE("expectation statistics are means over the replicates") {
  const std::vector<RunRecord> runs{run_with({0.0, 3.0, 1.0}, 10), run_with({2.0, 1.0, 2.0}, 20)};
  Expectation e{"final.mean", "", 1.4, 1.6, "", {}};
  CHECK(expectation_statistic(e, runs) == 1.5);
  CHECK(expectation_met(e, 1.5));
  CHECK_FALSE(expectation_met(e, 1.7));
  CHECK_FALSE(expectation_met(e, std::numeric_limits<double>::quiet_NaN()));
  e.statistic = "max.mean";
  CHECK(expectation_statistic(e, runs) == 2.5);
  e.statistic = "min.mean";
  CHECK(expectation_statistic(e, runs) == 0.5);
  e.statistic = "result.steps";
  CHECK(expectation_statistic(e, runs) == 15.0);
  e.minus = "final.mean";
  CHECK(expectation_statistic(e, runs) == 13.5);
  CHECK(statistic_label(e) == "result.steps - final.mean");
  e.statistic = "result.nothing";
  CHECK_THROWS_WITH(expectation_statistic(e, runs), Contains("no numeric result 'nothing'"));
  e.statistic = "final.coverage";
  CHECK_THROWS_WITH(expectation_statistic(e, runs), Contains("no scalar metric 'coverage'"));
  CHECK_THROWS(expectation_statistic(e, {}));
}
