// contagion inspect: what a run store holds (graphs, runs, metrics), for people or as JSON.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::cli {
namespace {

nlohmann::json to_json(const store::StoreInfo& info) {
  nlohmann::json j{{"path", info.path},
                   {"format", info.format},
                   {"format_version", info.format_version},
                   {"created_by", info.created_by}};
  j["graphs"] = nlohmann::json::array();
  for (const auto& g : info.graphs)
    j["graphs"].push_back({{"id", g.id},
                           {"name", g.name},
                           {"generator", g.generator},
                           {"parameters", g.parameters},
                           {"nodes", g.nodes},
                           {"arcs", g.arcs},
                           {"directed", g.directed},
                           {"node_attributes", g.attributes}});
  j["runs"] = nlohmann::json::array();
  for (const auto& r : info.runs) {
    nlohmann::json results = nlohmann::json::object();
    for (const auto& p : r.results) std::visit([&](const auto& v) { results[p.name] = v; }, p.value);
    j["runs"].push_back({{"id", r.id},
                         {"scenario", r.scenario_name},
                         {"model", r.model},
                         {"status", r.status},
                         {"graph", r.graph},
                         {"seed", r.seed},
                         {"replicate", r.replicate},
                         {"threads", r.threads},
                         {"wall_s", r.wall_s},
                         {"started", r.started},
                         {"created_by", r.created_by},
                         {"times_recorded", r.steps_recorded},
                         {"has_states", r.has_states},
                         {"metrics", r.metrics},
                         {"results", results}});
  }
  j["tables"] = nlohmann::json::array();
  for (const auto& t : info.tables) j["tables"].push_back({{"name", t.name}, {"rows", t.rows}, {"columns", t.columns}});
  return j;
}

void print_text(const store::StoreInfo& info) {
  fmt::print("{}: contagion run store, format_version {}, created by {}\n", info.path, info.format_version,
             info.created_by);
  fmt::print("\ngraphs ({}):\n", info.graphs.size());
  for (const auto& g : info.graphs)
    fmt::print("  {}  {:<24} {:>10} nodes {:>12} arcs  {}  {}\n", g.id, g.name.empty() ? g.generator : g.name, g.nodes,
               g.arcs, g.directed ? "directed  " : "undirected", g.parameters);
  fmt::print("\nruns ({}):\n", info.runs.size());
  for (const auto& r : info.runs) {
    std::string steps = "?";
    for (const auto& p : r.results)
      if (p.name == "steps") steps = to_string(p.value);
    fmt::print("  {:<36} {:<18} {:<11} seed {:<6} rep {:<4} {:>7} steps {:>9.3f} s  graph {}{}\n", r.id, r.model,
               r.status, r.seed, r.replicate, steps, r.wall_s, r.graph, r.has_states ? "  +states" : "");
  }
  if (!info.runs.empty())
    fmt::print("\nmetrics per run (/runs/<id>/metrics/): {}\n", fmt::join(info.runs.front().metrics, ", "));
  if (!info.tables.empty()) {
    fmt::print("\ntables ({}):\n", info.tables.size());
    for (const auto& t : info.tables) fmt::print("  /features/{:<20} {:>9} rows  {}\n", t.name, t.rows, t.columns);
  }
}

}  // namespace

void add_inspect_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("inspect", "List the graphs, runs and metrics in an HDF5 run store");
  cmd->footer("Example:\n  contagion inspect runs.h5\n  contagion inspect runs.h5 --json | python3 -m json.tool");
  cmd->add_option("store", *path, "HDF5 run store written by 'contagion run'")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", *json, "print as JSON");
  cmd->callback([path, json] {
    const store::StoreInfo info = store::inspect_store(*path);
    if (*json)
      std::cout << to_json(info).dump(2) << '\n';
    else
      print_text(info);
  });
}

}  // namespace contagion::cli
