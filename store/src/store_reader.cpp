// Reading a run store (read-only, no temporary copy): what `contagion inspect` shows, and
// single datasets for tests and tools.

#include <fmt/format.h>

#include "contagion/core/error.hpp"
#include "contagion/store/run_store.hpp"
#include "hdf5_handles.hpp"
#include "store_format.hpp"

namespace contagion::store {

StoreInfo inspect_store(const std::string& path) {
  h5::Handle file = h5::open_file(path, false);
  const hid_t f = file.get();
  check_store(f, path);
  StoreInfo info;
  info.path = path;
  info.format = h5::read_attr_string(f, "format");
  info.format_version = h5::read_attr_int(f, "format_version");
  info.created_by = h5::read_attr_string(f, "created_by");
  if (h5::exists(f, "graphs")) {
    h5::Handle graphs = h5::open_group(f, "graphs");
    for (const auto& id : h5::children(graphs.get())) {
      h5::Handle g = h5::open_group(graphs.get(), id);
      GraphInfo gi;
      gi.id = id;
      gi.name = h5::read_attr_string(g.get(), "name");
      gi.generator = h5::read_attr_string(g.get(), "generator");
      gi.parameters = h5::read_attr_string(g.get(), "parameters");
      gi.nodes = static_cast<std::uint64_t>(h5::read_attr_int(g.get(), "n"));
      gi.arcs = static_cast<std::uint64_t>(h5::read_attr_int(g.get(), "arcs"));
      gi.directed = h5::read_attr_int(g.get(), "directed") != 0;
      if (h5::exists(g.get(), "node_attributes")) {
        h5::Handle a = h5::open_group(g.get(), "node_attributes");
        gi.attributes = h5::children(a.get());
      }
      info.graphs.push_back(std::move(gi));
    }
  }
  if (h5::exists(f, "features")) {
    h5::Handle tables = h5::open_group(f, "features");
    for (const auto& name : h5::children(tables.get())) {
      h5::Handle t = h5::open_group(tables.get(), name);
      info.tables.push_back({name, static_cast<std::uint64_t>(h5::read_attr_int(t.get(), "rows")),
                             h5::read_attr_string(t.get(), "columns")});
    }
  }
  if (h5::exists(f, "runs")) {
    h5::Handle runs = h5::open_group(f, "runs");
    for (const auto& id : h5::children(runs.get())) {
      h5::Handle r = h5::open_group(runs.get(), id);
      const hid_t rid = r.get();
      RunInfo ri;
      ri.id = id;
      ri.model = h5::read_attr_string(rid, "model");
      ri.status = h5::read_attr_string(rid, "status");
      ri.graph = h5::read_attr_string(rid, "graph");
      ri.scenario_name = h5::read_attr_string(rid, "scenario_name");
      ri.started = h5::read_attr_string(rid, "started");
      ri.created_by = h5::read_attr_string(rid, "created_by");
      ri.seed = static_cast<std::uint64_t>(h5::read_attr_int(rid, "seed"));
      ri.replicate = static_cast<std::uint64_t>(h5::read_attr_int(rid, "replicate"));
      ri.threads = h5::read_attr_int(rid, "threads");
      ri.wall_s = h5::read_attr_double(rid, "wall_s");
      ri.has_states = h5::exists(rid, "states");
      std::vector<std::uint64_t> shape;
      h5::read_dataset<double>(rid, "time", &shape);
      ri.steps_recorded = shape.empty() ? 0 : shape[0];
      h5::Handle metrics = h5::open_group(rid, "metrics");
      ri.metrics = h5::children(metrics.get());
      for (const auto& name : h5::attr_names(rid)) {
        if (name.rfind("result.", 0) != 0) continue;
        const H5T_class_t cls = h5::attr_class(rid, name);
        const std::string key = name.substr(7);
        if (cls == H5T_STRING)
          ri.results.push_back({key, h5::read_attr_string(rid, name)});
        else if (cls == H5T_FLOAT)
          ri.results.push_back({key, h5::read_attr_double(rid, name)});
        else
          ri.results.push_back({key, h5::read_attr_int(rid, name)});
      }
      info.runs.push_back(std::move(ri));
    }
  }
  return info;
}

namespace {
h5::Handle open_run(const h5::Handle& file, const std::string& path, const std::string& run) {
  if (!h5::exists(file.get(), "runs/" + run))
    throw Error(fmt::format("the store has no run '{}'", run), ErrorContext{path});
  return h5::open_group(file.get(), "runs/" + run);
}
}  // namespace

std::vector<double> read_metric(const std::string& path, const std::string& run, const std::string& metric,
                                std::size_t* columns) {
  h5::Handle file = h5::open_file(path, false);
  h5::Handle r = open_run(file, path, run);
  if (!h5::exists(r.get(), "metrics/" + metric))
    throw Error(fmt::format("run '{}' has no metric '{}'", run, metric), ErrorContext{path});
  std::vector<std::uint64_t> shape;
  auto values = h5::read_dataset<double>(r.get(), "metrics/" + metric, &shape);
  if (columns) *columns = shape.size() == 2 ? shape[1] : 1;
  return values;
}

std::vector<double> read_time(const std::string& path, const std::string& run) {
  h5::Handle file = h5::open_file(path, false);
  return h5::read_dataset<double>(open_run(file, path, run).get(), "time");
}

std::vector<double> read_final_state(const std::string& path, const std::string& run) {
  h5::Handle file = h5::open_file(path, false);
  return h5::read_dataset<double>(open_run(file, path, run).get(), "final_state");
}

Table read_table(const std::string& path, const std::string& name) {
  h5::Handle file = h5::open_file(path, false);
  const std::string group_name = "features/" + name;
  if (!h5::exists(file.get(), group_name))
    throw Error(fmt::format("no table '{}' in the store", name), ErrorContext{path, 0, 0, name});
  h5::Handle group = h5::open_group(file.get(), group_name);
  Table table(path);
  std::string columns = h5::read_attr_string(group.get(), "columns");
  std::size_t start = 0;
  while (start <= columns.size() && !columns.empty()) {
    const std::size_t end = std::min(columns.find(',', start), columns.size());
    const std::string column = columns.substr(start, end - start);
    if (h5::dataset_class(group.get(), column) == H5T_STRING)
      table.add_text(column, h5::read_strings(group.get(), column));
    else
      table.add_numbers(column, h5::read_dataset<double>(group.get(), column));
    start = end + 1;
  }
  return table;
}

}  // namespace contagion::store
