#include <fmt/format.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "contagion/core/error.hpp"
#include "contagion/sim/sweep.hpp"

using namespace contagion;
using namespace contagion::sim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const char* kScenario = R"(name = "hk"
seed = 4
replicates = 2

[graph]
generator = "watts_strogatz"
n = 200
k = 4
beta = 0.1

[model]
type = "hegselmann_krause"
epsilon = 0.2

[run]
max_steps = 100
)";

struct ScenarioFile {
  fs::path path = fs::temp_directory_path() / fmt::format("sweep-{}.toml", ::getpid());
  ScenarioFile() { std::ofstream(path) << kScenario; }
  ~ScenarioFile() { fs::remove(path); }
};

std::map<std::string, std::vector<double>> run_all(const SweepPlan& plan, int threads,
                                                   const std::function<bool(const std::string&)>& done) {
  std::map<std::string, std::vector<double>> out;
  run_sweep(plan, threads, done, [&](RunRecord&& r, const Scenario&) {
    REQUIRE(out.count(r.id) == 0);
    out[r.id] = r.final_state;
  });
  return out;
}

}  // namespace

TEST_CASE("sweep axes: ranges, integer ranges, lists and errors") {
  CHECK(parse_sweep_axis("model.epsilon=0.1:0.3:3").values == std::vector<std::string>{"0.1", "0.2", "0.3"});
  CHECK(parse_sweep_axis("x=0:1:5").values == std::vector<std::string>{"0.0", "0.25", "0.5", "0.75", "1.0"});
  CHECK(parse_sweep_axis("graph.k=2:8:4").values == std::vector<std::string>{"2", "4", "6", "8"});
  CHECK(parse_sweep_axis("graph.k=2:7:2").values == std::vector<std::string>{"2", "7"});
  CHECK(parse_sweep_axis("graph.k=2:7:3").values == std::vector<std::string>{"2.0", "4.5", "7.0"});
  CHECK(parse_sweep_axis("x=5:5:1").values == std::vector<std::string>{"5"});
  const SweepAxis list = parse_sweep_axis("graph.generator=ring,watts_strogatz");
  CHECK(list.key == "graph.generator");
  CHECK(list.values == std::vector<std::string>{"ring", "watts_strogatz"});
  CHECK_THROWS_AS(parse_sweep_axis("x"), UsageError);
  CHECK_THROWS_AS(parse_sweep_axis("=1,2"), UsageError);
  CHECK_THROWS_AS(parse_sweep_axis("x=1:2"), UsageError);
  CHECK_THROWS_AS(parse_sweep_axis("x=1:2:0"), UsageError);
  CHECK_THROWS_AS(parse_sweep_axis("x=1,,2"), UsageError);
  CHECK_THROWS_AS(parse_sweep_axis("x=a:2:3"), UsageError);
}

TEST_CASE("a sweep plan is the cartesian grid with the last axis fastest and a seed per point") {
  ScenarioFile file;
  const SweepPlan plan =
      plan_sweep(file.path.string(), {parse_sweep_axis("model.epsilon=0.1,0.2"), parse_sweep_axis("graph.k=4:6:2")});
  REQUIRE(plan.points.size() == 4);
  CHECK(plan.runs() == 8);
  CHECK(plan.points[0].label == "model.epsilon=0.1,graph.k=4");
  CHECK(plan.points[1].label == "model.epsilon=0.1,graph.k=6");
  CHECK(plan.points[3].label == "model.epsilon=0.2,graph.k=6");
  for (const SweepPoint& p : plan.points) CHECK(p.seed == derived_point_seed(4, p.label));
  CHECK(plan.points[0].seed != plan.points[1].seed);
  CHECK(sweep_run_id(plan, 1, 1) == fmt::format("hk@model.epsilon=0.1,graph.k=6.s{}.r1", plan.points[1].seed));
  const Scenario s = point_scenario(plan, 1);
  CHECK(s.seed == plan.points[1].seed);
  CHECK(std::get<double>(*find_parameter(s.parameters, "model.epsilon")) == 0.1);
  CHECK(std::get<std::int64_t>(*find_parameter(s.parameters, "graph.k")) == 6);
  // A point's seed depends on its values only: adding a value elsewhere changes nothing.
  const SweepPlan wider = plan_sweep(
      file.path.string(), {parse_sweep_axis("model.epsilon=0.1,0.2,0.3"), parse_sweep_axis("graph.k=4:6:2")});
  CHECK(wider.points[1].seed == plan.points[1].seed);
  const SweepPlan common = plan_sweep(file.path.string(), {parse_sweep_axis("model.epsilon=0.1,0.2")}, {9, 3, true});
  CHECK(common.points[0].seed == 9);
  CHECK(common.points[1].seed == 9);
  CHECK(common.replicates == 3);
}

TEST_CASE("a sweep checks every point before it runs") {
  ScenarioFile file;
  CHECK_THROWS_WITH(plan_sweep(file.path.string(), {parse_sweep_axis("model.epsilon=0.2,-1")}),
                    Contains("model.epsilon"));
  CHECK_THROWS_WITH(plan_sweep(file.path.string(), {parse_sweep_axis("model.epsilom=0.2")}), Contains("epsilom"));
  CHECK_THROWS_AS(plan_sweep(file.path.string(), {parse_sweep_axis("x=1"), parse_sweep_axis("x=2")}), UsageError);
  CHECK_THROWS_AS(plan_sweep(file.path.string(), {parse_sweep_axis("replicates=1,2")}), UsageError);
}

TEST_CASE("a sweep gives the same runs on 1 and 2 threads and skips the runs already done") {
  ScenarioFile file;
  const SweepPlan plan = plan_sweep(file.path.string(), {parse_sweep_axis("model.epsilon=0.1:0.3:3")});
  const auto none = [](const std::string&) { return false; };
  const auto one = run_all(plan, 1, none);
  const auto two = run_all(plan, 2, none);
  CHECK(one.size() == 6);
  CHECK(one == two);
  CHECK(one.begin()->second != std::next(one.begin())->second);  // replicates differ
  const std::string skipped = sweep_run_id(plan, 1, 0);
  const auto rest = run_all(plan, 2, [&](const std::string& id) { return id == skipped; });
  CHECK(rest.size() == 5);
  CHECK(rest.count(skipped) == 0);
  for (const auto& [id, state] : rest) CHECK(state == one.at(id));
}
