#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"
#include "contagion/sim/scenario.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using contagion::Error;

namespace {

const std::string kScenario = R"(name = "fj-ba"
seed = 3
replicates = 2

[graph]
generator = "barabasi_albert"
n = 500
m = 2

[model]
type = "friedkin_johnsen"
susceptibility = 0.7

[run]
max_steps = 300
tolerance = 1e-12

[record]
states_every = 100
)";

std::string error_of(const std::string& text, const std::string& base_dir = ".") {
  try {
    parse_scenario(text, "s.toml", {}, base_dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

/// A fresh folder for files a test writes.
std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("contagion-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a scenario reads into a graph, a model and settings", "[sim][scenario]") {
  const Scenario s = parse_scenario(kScenario, "s.toml");
  CHECK(s.name == "fj-ba");
  CHECK(s.seed == 3);
  CHECK(s.replicates == 2);
  CHECK(s.graph.num_nodes() == 500);
  CHECK(s.model_name == "friedkin_johnsen");
  CHECK(s.engine.max_steps == 300);
  CHECK(s.engine.states_every == 100);
  // Every value read is recorded, defaults included.
  CHECK(std::get<double>(*contagion::find_parameter(s.parameters, "model.susceptibility")) == 0.7);
  CHECK(std::get<std::string>(*contagion::find_parameter(s.parameters, "model.influence")) == "french");
  CHECK(std::get<std::string>(*contagion::find_parameter(s.parameters, "initial.distribution")) == "uniform");
  CHECK(std::get<std::int64_t>(*contagion::find_parameter(s.parameters, "graph.seed")) == 3);
}

TEST_CASE("a run record carries provenance, metrics and the final state", "[sim][scenario]") {
  const Scenario s = parse_scenario(kScenario, "s.toml");
  const auto r = run_scenario(s, 1, 2);
  CHECK(r.id == "fj-ba.s3.r1");
  CHECK(r.model == "friedkin_johnsen");
  CHECK(r.replicate == 1);
  CHECK(r.threads == 2);
  CHECK(r.scenario_text == kScenario);
  CHECK(r.final_state.size() == 500);
  REQUIRE(r.states);
  CHECK(r.states->times.front() == 0.0);
  CHECK(std::get<bool>(*contagion::find_parameter(r.results, "converged")));
  CHECK(r.version.rfind("contagion ", 0) == 0);
}

TEST_CASE("replicates differ, thread counts do not", "[sim][scenario][determinism]") {
  const Scenario s = parse_scenario(kScenario, "s.toml");
  CHECK(initial_state(s, 0) != initial_state(s, 1));
  const auto one = run_scenario(s, 0, 1), two = run_scenario(s, 0, 2);
  CHECK(one.final_state == two.final_state);
  REQUIRE(one.metrics.size() == two.metrics.size());
  for (std::size_t k = 0; k < one.metrics.size(); ++k) CHECK(one.metrics[k].values == two.metrics[k].values);
  CHECK(one.states->values == two.states->values);
}

TEST_CASE("replicates run in parallel give the records of sequential runs, in order", "[sim][scenario][determinism]") {
  const Scenario s = parse_scenario(replace(kScenario, "replicates = 2", "replicates = 5"), "s.toml");
  REQUIRE(s.graph.num_nodes() < kReplicateParallelNodes);
  std::vector<contagion::RunRecord> parallel;
  run_replicates(s, 2, [&](contagion::RunRecord&& r) { parallel.push_back(std::move(r)); });
  REQUIRE(parallel.size() == 5);
  for (std::uint64_t k = 0; k < 5; ++k) {
    const auto sequential = run_scenario(s, k, 1);
    CHECK(parallel[k].id == sequential.id);
    CHECK(parallel[k].final_state == sequential.final_state);
    CHECK(parallel[k].metrics[0].values == sequential.metrics[0].values);
  }
}

TEST_CASE("seed and replicate overrides replace the file and are recorded", "[sim][scenario]") {
  const Scenario s = parse_scenario(kScenario, "s.toml", {ScenarioOverrides{7, 5}});
  CHECK(s.seed == 7);
  CHECK(s.replicates == 5);
  CHECK(std::get<std::int64_t>(*contagion::find_parameter(s.parameters, "seed")) == 7);
  CHECK(std::get<std::int64_t>(*contagion::find_parameter(s.parameters, "replicates")) == 5);
  CHECK(std::get<std::int64_t>(*contagion::find_parameter(s.parameters, "graph.seed")) == 7);
}

TEST_CASE("scenario errors name the file, line and key", "[sim][scenario]") {
  CHECK(error_of(replace(kScenario, "susceptibility = 0.7", "susceptibilty = 0.7")) ==
        "s.toml:12:1: [model.susceptibilty] unknown key 'model.susceptibilty'");
  CHECK(error_of(replace(kScenario, "susceptibility = 0.7", "susceptibility = 1.3")) ==
        "s.toml:12:18: [model.susceptibility] model.susceptibility = 1.3 is outside [0, 1]");
  CHECK_THAT(error_of(replace(kScenario, "m = 2", "m = 0")), Contains("s.toml:8:") && Contains("graph.m = 0"));
  CHECK_THAT(error_of(replace(kScenario, "generator = \"barabasi_albert\"", "generator = \"barabasi\"")),
             Contains("s.toml:6:") && Contains("'barabasi' is not one of"));
  CHECK_THAT(error_of(replace(kScenario, "type = \"friedkin_johnsen\"", "type = \"ising\"")),
             Contains("[model.type]") && Contains("'ising' is not one of"));
  CHECK_THAT(error_of(replace(kScenario, "[graph]", "[grap]")), Contains("missing required table [graph]"));
  CHECK_THAT(error_of(replace(kScenario, "tolerance = 1e-12", "tolerance = nan")), Contains("run.tolerance = nan"));
  CHECK_THAT(error_of(replace(kScenario, "name = \"fj-ba\"", "name = \"a/b\"")), Contains("must be non-empty"));
  CHECK_THAT(error_of(replace(kScenario, "states_every = 100", "metrics = [\"mean\", \"median\"]")),
             Contains("[record.metrics]") && Contains("unknown metric 'median'"));
  CHECK_THAT(error_of(replace(kScenario, "states_every = 100", "metrics = [\"mean\", \"mean\"]")),
             Contains("listed twice"));
  CHECK_THAT(error_of(replace(kScenario, "susceptibility = 0.7", "susceptibility = \"lambda\"")),
             Contains("[model.susceptibility]") && Contains("no node attribute 'lambda'"));
  CHECK_THAT(error_of(replace(kScenario, "susceptibility = 0.7", "coupled = true\nsusceptibility = 0.7")),
             Contains("give one or the other"));
  CHECK_THAT(error_of(kScenario + "\n[initial]\ndistribution = \"values\"\nvalues = [1, 2, 3]\n"),
             Contains("[initial] 3 values given; the graph has 500 nodes"));
  CHECK_THAT(error_of(kScenario + "\n[initial]\nlow = 1.0\nhigh = 0.0\n"), Contains("below low"));
}

TEST_CASE("every model type reads its parameters", "[sim][scenario]") {
  const std::string head =
      "[graph]\ngenerator = \"watts_strogatz\"\nn = 100\nk = 4\nbeta = 0.1\n[run]\nmax_steps = 5\n";
  for (const std::string model :
       {"type = \"degroot\"\ninfluence = \"lazy\"\nalpha = 0.3\ntopics = 2",
        "type = \"friedkin_johnsen\"\ncoupled = true", "type = \"delayed_degroot\"\ndelay = 3",
        "type = \"delayed_degroot\"\ndelays = \"random\"\nmax_delay = 4",
        "type = \"expressed_private\"\nresilience = 0.4\nsusceptibility = 0.9",
        "type = \"hegselmann_krause\"\nepsilon = 0.2\nmixing = \"complete\"",
        "type = \"deffuant_weisbuch\"\nepsilon = 0.3\nmu = 0.2\ninclusive = true",
        "type = \"emotion_contagion\"\nexpressiveness = 0.8\nopenness = 0.5\namplification = 1.0\nbias = 0.7\ndt = "
        "0.05",
        "type = \"voter\"\nmixing = \"complete\""}) {
    INFO(model);
    const Scenario s = parse_scenario(head + "[model]\n" + model + "\n", "s.toml");
    const auto r = run_scenario(s, 0, 1);
    CHECK(std::get<std::int64_t>(*contagion::find_parameter(r.results, "steps")) <= 5);
  }
  const Scenario threshold = parse_scenario(
      head +
          "[model]\ntype = \"linear_threshold\"\nweights = \"uniform\"\n[initial]\ndistribution = \"seeds\"\n"
          "nodes = [0, 50]\n",
      "s.toml");
  CHECK(run_scenario(threshold, 0, 1).metrics.at(0).name == "coverage");
  const Scenario gillespie = parse_scenario(head +
                                                "[model]\ntype = \"continuous_epidemic\"\nkind = \"sis\"\n"
                                                "rate = 0.5\nrecovery = 1.0\nspontaneous = 0.01\nwindow = 0.5\n"
                                                "[initial]\ndistribution = \"seeds\"\nfraction = 0.1\n",
                                            "s.toml");
  const auto gillespie_run = run_scenario(gillespie, 0, 1);
  CHECK(gillespie_run.time.back() == 2.5);  // 5 windows of 0.5
  CHECK(gillespie_run.metrics.at(0).name == "S");
  CHECK_THAT(error_of(head + "[model]\ntype = \"emotion_contagion\"\ndt = 0.5\n"),
             Contains("[model]") && Contains("use a smaller dt"));
  CHECK_THAT(error_of(head + "[model]\ntype = \"deffuant_weisbuch\"\nmu = 0.7\n"),
             Contains("model.mu = 0.7 is outside (0, 0.5]"));
  CHECK_THAT(error_of(head + "[model]\ntype = \"degroot\"\ninfluence = \"lazy\"\nalpha = 1.0\n"),
             Contains("model.alpha = 1 is outside (0, 1)"));
}

TEST_CASE("graphs and initial states from files, relative to the scenario", "[sim][scenario]") {
  const auto dir = temp_dir("scenario-files");
  std::ofstream(dir / "edges.txt") << "# three people\n1 2 0.5\n2 3 0.25\n3 1 0.125\n";
  std::ofstream(dir / "x0.txt") << "0.1\n0.5\n0.9\n";
  const std::string text =
      "[graph]\nfile = \"edges.txt\"\ndirected = true\n"
      "[model]\ntype = \"degroot\"\ninfluence = \"given\"\n"
      "[initial]\ndistribution = \"file\"\npath = \"x0.txt\"\n";
  const Scenario s = parse_scenario(text, "s.toml", {}, dir.string());
  CHECK(s.graph.directed());
  CHECK(s.graph.provenance().name == "edges");
  CHECK(initial_state(s, 0) == std::vector<double>{0.1, 0.5, 0.9});

  std::ofstream(dir / "loops.txt") << "1 2\n2 2\n2 1\n3 1\n";
  const Scenario looped = parse_scenario(replace(text, "edges.txt", "loops.txt"), "s.toml", {}, dir.string());
  CHECK(looped.graph_report.self_loops_dropped == 1);
  CHECK(looped.graph_report.duplicates_merged == 0);  // directed: 1->2 and 2->1 are two arcs
  CHECK_THAT(looped.graph.provenance().parameters, Contains("self_loops_dropped=1"));

  std::ofstream(dir / "heavy.txt") << "1 2 0.75\n1 3 0.5\n";
  CHECK_THAT(error_of(replace(text, "edges.txt", "heavy.txt"), dir.string()),
             Contains("[model.influence]") && Contains("row 0 of the influence matrix is not stochastic"));
  std::ofstream(dir / "bad_x0.txt") << "0.1\n0.5x\n";
  CHECK(error_of(replace(text, "x0.txt", "bad_x0.txt"), dir.string()) ==
        (dir / "bad_x0.txt").string() + ":2:1: expected a finite number, got '0.5x'");
  CHECK_THAT(error_of(replace(text, "edges.txt", "missing.txt"), dir.string()), Contains("cannot open"));
}

TEST_CASE("node attributes drawn in the scenario feed per-node parameters", "[sim][scenario]") {
  // [graph.attributes.<name>] sits between [graph] and [model].
  const std::string scenario =
      replace(replace(kScenario, "susceptibility = 0.7", "susceptibility = \"openness\""), "[model]",
              "[graph.attributes.openness]\ndistribution = \"uniform\"\nlow = 0.5\nhigh = 0.9\n\n[model]");
  const Scenario s = parse_scenario(scenario, "s.toml");
  const auto& openness = s.graph.attribute("openness");
  REQUIRE(openness.size() == 500);
  for (const double v : openness) REQUIRE((v >= 0.5 && v < 0.9));
  CHECK(openness != std::vector<double>(500, openness[0]));
  CHECK(parse_scenario(scenario, "s.toml").graph.attribute("openness") == openness);  // drawn from the seed
  CHECK(std::get<double>(*contagion::find_parameter(s.parameters, "graph.attributes.openness.high")) == 0.9);
  CHECK_THAT(error_of(replace(scenario, "low = 0.5\nhigh = 0.9", "distribution_ = 1")),
             Contains("unknown key 'graph.attributes.openness.distribution_'"));
  CHECK_THAT(error_of(replace(scenario, "high = 0.9", "high = 1.9")),
             Contains("model.susceptibility (attribute 'openness', node") && Contains("is outside [0, 1]"));
  CHECK_THAT(error_of(replace(scenario, "distribution = \"uniform\"\nlow = 0.5\nhigh = 0.9",
                              "distribution = \"values\"\nvalues = [0.5, 0.6]")),
             Contains("2 values given; the graph has 500 nodes"));
}

TEST_CASE("delayed DeGroot takes an explicit history from a file", "[sim][scenario]") {
  const auto dir = temp_dir("history");
  std::ofstream(dir / "history.txt") << "# x(-1)\n0 0 0 0\n# x(-2)\n1 1 1 1\n";
  const std::string text =
      "[graph]\ngenerator = \"path\"\nn = 4\n"
      "[model]\ntype = \"delayed_degroot\"\ndelay = 2\nhistory_file = \"history.txt\"\n"
      "[initial]\ndistribution = \"values\"\nvalues = [0.5, 0.5, 0.5, 0.5]\n"
      "[run]\nmax_steps = 1\n";
  const Scenario s = parse_scenario(text, "s.toml", {}, dir.string());
  const auto r = run_scenario(s, 0, 1);
  // Step 1 sees the others at t - 2, i.e. x(-2) = 1: x_0(1) = w_00 0.5 + w_01 1 with French 1/2.
  CHECK(r.final_state[0] == Approx(0.75));
  CHECK(r.final_state[1] == Approx(0.5 / 3 + 2.0 / 3));

  std::ofstream(dir / "short.txt") << "0 0 0 0\n";
  CHECK_THAT(error_of(replace(text, "history.txt", "short.txt"), dir.string()),
             Contains("[model.history_file]") && Contains("needs 2 states of 4 nodes = 8"));
}

TEST_CASE("an epidemic scenario with seeds records compartment fractions", "[sim][scenario]") {
  const std::string text =
      "[graph]\ngenerator = \"barabasi_albert\"\nn = 2000\nm = 3\n"
      "[model]\ntype = \"epidemic\"\nkind = \"sir\"\ntransmission = 0.2\nrecovery = 0.3\n"
      "[initial]\ndistribution = \"seeds\"\ntop_degree = 5\n"
      "[run]\nmax_steps = 500\ntolerance = 0\n";
  const auto r = run_scenario(parse_scenario(text, "s.toml"), 0, 2);
  std::vector<std::string> names;
  for (const auto& m : r.metrics) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"S", "I", "R", "coverage"});
  CHECK(std::get<bool>(*contagion::find_parameter(r.results, "converged")));  // no infected left
  CHECK(r.metrics[1].values.back() == 0.0);
  CHECK(r.metrics[3].values.front() == 5.0 / 2000);
  CHECK(r.metrics[3].values.back() > 0.1);
  // Without seeds the default uniform initial state is not a valid set of compartments.
  const std::string unseeded = text.substr(0, text.find("[initial]")) + "[run]\nmax_steps = 5\n";
  CHECK_THAT(error_of(unseeded), Contains("[initial]") && Contains("the states are 0 (S), 1 (I), 2 (R)"));
  CHECK_THAT(error_of(replace(text, "top_degree = 5", "nodes = [1, 5000]")),
             Contains("[initial.nodes]") && Contains("seed node 5000 is not a node"));
  const std::string cascade_text =
      replace(text, "type = \"epidemic\"\nkind = \"sir\"\ntransmission = 0.2\nrecovery = 0.3",
              "type = \"independent_cascade\"\nprobability = 0.1");
  const auto cascade = run_scenario(parse_scenario(cascade_text, "s.toml"), 0, 1);
  CHECK(cascade.metrics[1].values.back() == 0.0);  // nobody newly active at the end
  CHECK(cascade.metrics[3].values.back() > 5.0 / 2000);
  CHECK_THAT(error_of(replace(text, "top_degree = 5", "top_degree = 5\nfraction = 0.1")),
             Contains("exactly one of: nodes, fraction, top_degree, block"));
}

TEST_CASE("tie strength from edge overlap", "[sim][scenario]") {
  const Scenario s = parse_scenario(
      "[graph]\ngenerator = \"two_cliques_bridge\"\nclique_size = 5\ntie_strength = \"overlap\"\n"
      "[model]\ntype = \"degroot\"\ninfluence = \"weighted\"\nself_weight = 0.5\n",
      "s.toml");
  CHECK(s.graph.tie_strengths()[*s.graph.find_arc(4, 5)] == 0.0f);
  CHECK(s.graph.tie_strengths()[*s.graph.find_arc(0, 1)] == 1.0f);
}
