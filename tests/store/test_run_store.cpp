#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "contagion/core/error.hpp"
#include "contagion/store/run_journal.hpp"
#include "contagion/store/run_store.hpp"

using namespace contagion;
using namespace contagion::store;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

struct TinyGraph {
  std::vector<std::uint64_t> offsets{0, 1, 2};
  std::vector<std::uint32_t> targets{1, 0};
  std::vector<float> weight{1.0f, 1.0f};
  std::vector<double> block{0.0, 1.0};
  GraphArrays arrays() const {
    return GraphArrays{"pair", "path", "n=2", false, 2, offsets, targets, weight, weight, {{"block", block}}};
  }
};

RunRecord record(const std::string& id, const std::string& graph) {
  RunRecord r;
  r.id = id;
  r.scenario_name = "test";
  r.scenario_text = "name = \"test\"\n";
  r.model = "degroot";
  r.parameters = {{"model.epsilon", 0.25}, {"graph.n", std::int64_t{2}}, {"model.influence", std::string("french")}};
  r.seed = 9;
  r.graph_id = graph;
  r.time = {0, 1, 2};
  r.metrics = {{"mean", {0.5, 0.5, 0.5}, 1}, {"spread", {1.0, 0.0, 0.0}, 1}};
  r.final_state = {0.5, 0.5};
  r.states = StateSeries{{0, 2}, {0.0f, 1.0f, 0.5f, 0.5f}, 2, 1};
  r.results = {{"steps", std::int64_t{2}}, {"converged", true}, {"interrupted", false}};
  return r;
}

fs::path fresh(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("contagion-store-" + name + ".h5");
  fs::remove(p);
  return p;
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("runs and graphs round-trip through the store", "[store]") {
  const fs::path path = fresh("roundtrip");
  TinyGraph g;
  {
    RunStore store(path.string());
    const std::string id = store.add_graph(g.arrays());
    CHECK(id == graph_content_id(g.arrays()));
    CHECK(id.size() == 17);
    store.add_run(record("a.s9.r0", id));
    store.commit();
  }
  const StoreInfo info = inspect_store(path.string());
  CHECK(info.format == "contagion");
  CHECK(info.format_version == 1);
  REQUIRE(info.graphs.size() == 1);
  CHECK(info.graphs[0].nodes == 2);
  CHECK(info.graphs[0].arcs == 2);
  CHECK(info.graphs[0].attributes == std::vector<std::string>{"block"});
  REQUIRE(info.runs.size() == 1);
  const RunInfo& run = info.runs[0];
  CHECK(run.id == "a.s9.r0");
  CHECK(run.status == "complete");
  CHECK(run.seed == 9);
  CHECK(run.steps_recorded == 3);
  CHECK(run.has_states);
  CHECK(run.metrics == std::vector<std::string>{"mean", "spread"});
  CHECK(read_metric(path.string(), "a.s9.r0", "spread") == std::vector<double>{1.0, 0.0, 0.0});
  CHECK(read_time(path.string(), "a.s9.r0") == std::vector<double>{0, 1, 2});
  CHECK(read_final_state(path.string(), "a.s9.r0") == std::vector<double>{0.5, 0.5});
  CHECK_THROWS_WITH(read_metric(path.string(), "a.s9.r0", "median"), Contains("has no metric 'median'"));
  CHECK_THROWS_WITH(read_metric(path.string(), "nope", "mean"), Contains("has no run 'nope'"));
}

TEST_CASE("a graph is stored once, and run ids are unique", "[store]") {
  const fs::path path = fresh("unique");
  TinyGraph g;
  RunStore store(path.string());
  const std::string id = store.add_graph(g.arrays());
  CHECK(store.add_graph(g.arrays()) == id);
  store.add_run(record("r", id));
  CHECK(store.has_run("r"));
  CHECK_THROWS_WITH(store.add_run(record("r", id)), Contains("already holds a run 'r'"));
  RunRecord newer = record("r", id);
  newer.seed = 10;
  store.add_run(newer, RunStore::OnExisting::replace);
  CHECK_THROWS_WITH(store.add_run(record("s", "g0000000000000000")), Contains("not in the store"));
  CHECK_THROWS_WITH(store.add_run(record("a/b", id)), Contains("not a valid name"));
  store.commit();
  CHECK(inspect_store(path.string()).graphs.size() == 1);
  REQUIRE(inspect_store(path.string()).runs.size() == 1);
  CHECK(inspect_store(path.string()).runs[0].seed == 10);  // replaced
  TinyGraph other;
  other.weight = {2.0f, 2.0f};
  CHECK(graph_content_id(other.arrays()) != id);
}

TEST_CASE("a run that fails mid-write leaves the earlier runs intact", "[store]") {
  const fs::path path = fresh("midwrite");
  TinyGraph g;
  RunStore store(path.string());
  const std::string id = store.add_graph(g.arrays());
  store.add_run(record("good", id));
  RunRecord bad = record("bad", id);
  bad.metrics.push_back({"broken", {1.0}, 1});  // 1 value for 3 times: fails after other datasets are written
  CHECK_THROWS_WITH(store.add_run(bad), Contains("metric 'broken' has 1 values"));
  CHECK_FALSE(store.has_run("bad"));
  store.add_run(record("after", id));  // the store is still usable
  store.commit();
  const StoreInfo info = inspect_store(path.string());
  REQUIRE(info.runs.size() == 2);
  CHECK(info.runs[0].id == "after");
  CHECK(info.runs[1].id == "good");
  CHECK(read_metric(path.string(), "good", "mean") == std::vector<double>{0.5, 0.5, 0.5});
}

TEST_CASE("without commit the original file is untouched and no temporary is left", "[store]") {
  const fs::path path = fresh("nocommit");
  TinyGraph g;
  {
    RunStore store(path.string());
    store.add_run(record("first", store.add_graph(g.arrays())));
    store.commit();
  }
  const std::string before = bytes_of(path);
  {
    RunStore store(path.string());
    store.add_run(record("second", store.add_graph(g.arrays())));
    // an exception unwinding here would destroy the store without commit
  }
  CHECK(bytes_of(path) == before);
  for (const auto& entry : fs::directory_iterator(path.parent_path()))
    CHECK(entry.path().filename().string().find("contagion-store-nocommit.h5.tmp") == std::string::npos);
  {
    RunStore store(path.string());
    store.add_run(record("second", store.add_graph(g.arrays())));
    store.commit();
  }
  CHECK(inspect_store(path.string()).runs.size() == 2);
}

TEST_CASE("files that are not contagion stores are refused", "[store]") {
  const fs::path text = fresh("text");
  std::ofstream(text) << "not hdf5\n";
  CHECK_THROWS_WITH(RunStore(text.string()), Contains("not an HDF5 file"));
  CHECK_THROWS_WITH(inspect_store(text.string()), Contains("not an HDF5 file"));
  CHECK_THROWS_WITH(RunStore("/nonexistent-dir/runs.h5"), Contains("folder for the output file does not exist"));
  CHECK(bytes_of(text) == "not hdf5\n");
}

TEST_CASE("a column table is stored under /features and reads back", "[store][table]") {
  const fs::path dir = fs::temp_directory_path() / "contagion_store_table";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "f.h5").string();
  Table t;
  t.add_text("participant", {"p1", "p2", "p3"});
  t.add_text("feature", {"max", "max", "mean"});
  t.add_numbers("value", std::vector<double>{0.25, NAN, 1.0 / 3.0});
  {
    RunStore store(path);
    store.add_table("features", t, {{"source", std::string("p*.csv")}, {"baseline_s", 1.0}});
    store.commit();
  }
  const Table back = read_table(path, "features");
  CHECK(back.names() == t.names());
  CHECK(back.text("participant") == t.text("participant"));
  const auto values = back.numbers("value");
  CHECK(values[0] == 0.25);
  CHECK(std::isnan(values[1]));
  CHECK(values[2] == 1.0 / 3.0);
  const StoreInfo info = inspect_store(path);
  REQUIRE(info.tables.size() == 1);
  CHECK(info.tables[0].rows == 3);
  CHECK(info.tables[0].columns == "participant,feature,value");
  RunStore again(path);
  CHECK_THROWS_WITH(again.add_table("features", t, {}), Contains("already holds a table 'features'"));
  CHECK_THROWS_WITH(again.add_table("a/b", t, {}), Contains("not a valid name"));
  CHECK_THROWS_WITH(read_table(path, "quality"), Contains("no table 'quality'"));
  fs::remove_all(dir);
}

TEST_CASE("runs are copied from another store, with keep, replace and error for ids it holds", "[store][merge]") {
  const fs::path source = fresh("merge-source"), target = fresh("merge-target");
  TinyGraph g;
  {
    RunStore store(source.string());
    const std::string id = store.add_graph(g.arrays());
    RunRecord many = record("b.s9.r0", id);
    for (int k = 0; k < 40; ++k) many.parameters.push_back({fmt::format("model.p{}", k), std::string("text")});
    store.add_run(record("a.s9.r0", id));
    store.add_run(many);  // dense attribute storage would crash H5Ocopy (HDFGroup/hdf5#2414)
    RunRecord cut = record("c.s9.r0", id);
    cut.results = {{"interrupted", true}};
    store.add_run(cut);
    store.commit();
  }
  {
    RunStore store(target.string());
    CHECK(store.add_runs_from(source.string()) == 2);  // the interrupted run is not copied
    store.commit();
  }
  const StoreInfo info = inspect_store(target.string());
  REQUIRE(info.graphs.size() == 1);
  CHECK(info.graphs[0].id == graph_content_id(g.arrays()));
  REQUIRE(info.runs.size() == 2);
  CHECK(read_metric(target.string(), "b.s9.r0", "spread") == std::vector<double>{1.0, 0.0, 0.0});
  {
    RunStore store(target.string());
    CHECK(store.add_runs_from(source.string(), RunStore::OnExisting::keep) == 0);
    CHECK(store.add_runs_from(source.string(), RunStore::OnExisting::replace) == 2);
    CHECK_THROWS_WITH(store.add_runs_from(source.string()), Contains("already holds a run 'a.s9.r0'"));
  }
  fs::remove(source);
  fs::remove(target);
}

TEST_CASE("a run journal keeps every finished run safe until it is merged", "[store][journal]") {
  const fs::path target = fresh("journal");
  const std::string folder = target.string() + ".parts";
  fs::remove_all(folder);
  TinyGraph g;
  {
    RunJournal journal(target.string());
    CHECK_FALSE(journal.found());
    CHECK(journal.completed_runs().empty());
    journal.add(record("a.s9.r0", ""), g.arrays());
    journal.add(record("b.s9.r0", ""), g.arrays());
    CHECK(journal.found());
    CHECK_FALSE(fs::exists(target));  // nothing merged yet: as after kill -9
  }
  std::ofstream(folder + "/part-00000009.h5.tmp-12345") << "half-written";  // a killed writer's temporary
  RunJournal resumed(target.string());
  CHECK(resumed.found());
  CHECK(resumed.completed_runs() == std::set<std::string>{"a.s9.r0", "b.s9.r0"});
  resumed.add(record("c.s9.r0", ""), g.arrays());  // numbered after the parts already there
  CHECK(resumed.completed_runs().size() == 3);
  CHECK(resumed.merge() == 3);
  CHECK_FALSE(fs::exists(folder));
  const StoreInfo info = inspect_store(target.string());
  CHECK(info.runs.size() == 3);
  CHECK(info.graphs.size() == 1);
  // Merging again after a crash between commit and cleanup keeps the stored runs.
  RunJournal again(target.string());
  again.add(record("c.s9.r0", ""), g.arrays());
  CHECK(again.completed_runs().size() == 3);
  CHECK(again.merge() == 0);
  CHECK(inspect_store(target.string()).runs.size() == 3);
  fs::remove(target);
}
