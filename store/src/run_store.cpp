#include "contagion/store/run_store.hpp"

#define XXH_INLINE_ALL
#include <fmt/format.h>
#include <unistd.h>
#include <xxhash.h>

#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/core/version.hpp"
#include "hdf5_handles.hpp"
#include "store_format.hpp"

namespace contagion::store {

namespace fs = std::filesystem;

struct RunStore::File {
  h5::Handle handle;
};

namespace {

void write_parameter(hid_t obj, const std::string& name, const ParameterValue& value) {
  struct Visitor {
    hid_t obj;
    const std::string& name;
    void operator()(double v) const { h5::write_attr(obj, name, v); }
    void operator()(std::int64_t v) const { h5::write_attr(obj, name, v); }
    void operator()(bool v) const { h5::write_attr(obj, name, std::int64_t{v ? 1 : 0}); }
    void operator()(const std::string& v) const { h5::write_attr(obj, name, v); }
  };
  std::visit(Visitor{obj, name}, value);
}

void ensure_group(hid_t file, const std::string& name) {
  if (!h5::exists(file, name)) h5::create_group(file, name);
}

void write_run_body(hid_t group, const RunRecord& r) {
  h5::write_attr(group, "scenario", r.scenario_text);
  h5::write_attr(group, "scenario_name", r.scenario_name);
  h5::write_attr(group, "model", r.model);
  h5::write_attr(group, "seed", r.seed);
  h5::write_attr(group, "replicate", r.replicate);
  h5::write_attr(group, "graph", r.graph_id);
  h5::write_attr(group, "threads", static_cast<std::int64_t>(r.threads));
  h5::write_attr(group, "started", r.started);
  h5::write_attr(group, "finished", r.finished);
  h5::write_attr(group, "wall_s", r.wall_s);
  h5::write_attr(group, "created_by", r.version);
  for (const auto& p : r.parameters) {
    if (p.name == "seed") continue;  // stored above as the effective seed
    write_parameter(group, p.name, p.value);
  }
  for (const auto& p : r.results) write_parameter(group, "result." + p.name, p.value);

  const std::uint64_t T = r.time.size();
  h5::write_dataset<double>(group, "time", r.time, T);
  h5::Handle metrics = h5::create_group(group, "metrics");
  for (const auto& m : r.metrics) {
    if (m.columns == 0 || m.values.size() != T * m.columns)
      throw Error(fmt::format("run '{}': metric '{}' has {} values for {} times x {} columns", r.id, m.name,
                              m.values.size(), T, m.columns));
    h5::write_dataset<double>(metrics.get(), m.name, m.values, T, m.columns == 1 ? 0 : m.columns);
  }
  const std::uint64_t columns = r.final_columns;
  if (columns == 0 || r.final_state.size() % columns != 0)
    throw Error(fmt::format("run '{}': final state of {} values is not a multiple of {} columns", r.id,
                            r.final_state.size(), columns));
  h5::write_dataset<double>(group, "final_state", r.final_state, r.final_state.size() / columns,
                            columns == 1 ? 0 : columns);
  if (r.states) {
    const StateSeries& s = *r.states;
    const std::uint64_t width = std::uint64_t{s.nodes} * s.columns;
    if (s.values.size() != s.times.size() * width)
      throw Error(fmt::format("run '{}': {} recorded state values for {} times x {} nodes", r.id, s.values.size(),
                              s.times.size(), width));
    h5::write_dataset<double>(group, "state_time", s.times, s.times.size());
    h5::write_dataset<float>(group, "states", s.values, s.times.size(), width, true);
    h5::write_attr(group, "states_columns", static_cast<std::int64_t>(s.columns));
  }
  const ParameterValue* interrupted = find_parameter(r.results, "interrupted");
  const bool was_interrupted =
      interrupted && std::holds_alternative<bool>(*interrupted) && std::get<bool>(*interrupted);
  h5::write_attr(group, "status", std::string(was_interrupted ? "interrupted" : "complete"));
}

}  // namespace

std::string graph_content_id(const GraphArrays& g) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  const std::uint64_t header[2] = {g.nodes, g.directed ? 1u : 0u};
  XXH3_64bits_update(state, header, sizeof header);
  XXH3_64bits_update(state, g.offsets.data(), g.offsets.size_bytes());
  XXH3_64bits_update(state, g.targets.data(), g.targets.size_bytes());
  XXH3_64bits_update(state, g.weight.data(), g.weight.size_bytes());
  XXH3_64bits_update(state, g.tie_strength.data(), g.tie_strength.size_bytes());
  for (const auto& [name, values] : g.node_attributes) {
    XXH3_64bits_update(state, name.data(), name.size() + 1);
    XXH3_64bits_update(state, values.data(), values.size_bytes());
  }
  const XXH64_hash_t hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return fmt::format("g{:016x}", hash);
}

RunStore::RunStore(const std::string& path) : path_(path), file_(std::make_unique<File>()) {
  temp_path_ = fmt::format("{}.tmp-{}", path, ::getpid());
  std::error_code ec;
  fs::remove(temp_path_, ec);
  if (fs::exists(path)) {
    {
      h5::Handle probe = h5::open_file(path, false);
      check_store(probe.get(), path);
    }
    fs::copy_file(path, temp_path_, fs::copy_options::overwrite_existing, ec);
    if (ec) throw Error(fmt::format("cannot copy the store to a temporary file: {}", ec.message()), ErrorContext{path});
    file_->handle = h5::open_file(temp_path_, true);
  } else {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent))
      throw Error("the folder for the output file does not exist", ErrorContext{path});
    file_->handle = h5::create_file(temp_path_);
    const hid_t f = file_->handle.get();
    h5::write_attr(f, "format", std::string("contagion"));
    h5::write_attr(f, "format_version", kFormatVersion);
    h5::write_attr(f, "created_by", created_by());
  }
  ensure_group(file_->handle.get(), "graphs");
  ensure_group(file_->handle.get(), "runs");
}

RunStore::~RunStore() {
  if (!committed_) {
    file_->handle.close();
    std::error_code ec;
    fs::remove(temp_path_, ec);
  }
}

std::string RunStore::add_graph(const GraphArrays& g) {
  const std::string id = graph_content_id(g);
  const hid_t f = file_->handle.get();
  if (h5::exists(f, "graphs/" + id)) return id;
  // Staged like runs, so a failure leaves no half-written graph.
  ensure_group(f, "staging");
  const std::string staged = "staging/" + id;
  try {
    h5::Handle group = h5::create_group(f, staged);
    const hid_t gid = group.get();
    h5::write_attr(gid, "name", g.name);
    h5::write_attr(gid, "generator", g.generator);
    h5::write_attr(gid, "parameters", g.parameters);
    h5::write_attr(gid, "n", g.nodes);
    h5::write_attr(gid, "m", static_cast<std::uint64_t>(g.directed ? g.targets.size() : g.targets.size() / 2));
    h5::write_attr(gid, "arcs", static_cast<std::uint64_t>(g.targets.size()));
    h5::write_attr(gid, "directed", std::int64_t{g.directed ? 1 : 0});
    h5::write_dataset<std::uint64_t>(gid, "offsets", g.offsets, g.offsets.size());
    h5::write_dataset<std::uint32_t>(gid, "targets", g.targets, g.targets.size());
    h5::write_dataset<float>(gid, "weight", g.weight, g.weight.size());
    h5::write_dataset<float>(gid, "tie_strength", g.tie_strength, g.tie_strength.size());
    if (!g.node_attributes.empty()) {
      h5::Handle attrs = h5::create_group(gid, "node_attributes");
      for (const auto& [name, values] : g.node_attributes)
        h5::write_dataset<double>(attrs.get(), name, values, values.size());
    }
  } catch (...) {
    H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
    throw;
  }
  h5::check(H5Lmove(f, staged.c_str(), f, ("graphs/" + id).c_str(), H5P_DEFAULT, H5P_DEFAULT), "move graph " + id);
  return id;
}

bool RunStore::has_run(const std::string& id) const {
  return h5::exists(file_->handle.get(), "runs/" + id);
}

void RunStore::add_run(const RunRecord& r, OnExisting on_existing) {
  if (r.id.empty() || r.id.find('/') != std::string::npos || r.id == "." || r.id == "..")
    throw Error(fmt::format("run id '{}' is not a valid name (non-empty, no '/')", r.id));
  const hid_t f = file_->handle.get();
  if (has_run(r.id) && on_existing == OnExisting::keep) return;
  if (has_run(r.id) && on_existing == OnExisting::error)
    throw Error(
        fmt::format("the store already holds a run '{}'; choose another seed or output file, or --replace", r.id),
        ErrorContext{path_});
  if (!r.graph_id.empty() && !h5::exists(f, "graphs/" + r.graph_id))
    throw Error(fmt::format("run '{}' refers to graph '{}', which is not in the store", r.id, r.graph_id));
  ensure_group(f, "staging");
  const std::string staged = "staging/" + r.id;
  if (h5::exists(f, staged)) H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
  try {
    h5::Handle group = h5::create_group(f, staged);
    write_run_body(group.get(), r);
  } catch (...) {
    H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
    throw;
  }
  const std::string final_name = "runs/" + r.id;
  if (has_run(r.id)) h5::check(H5Ldelete(f, final_name.c_str(), H5P_DEFAULT), "replace run " + r.id);
  h5::check(H5Lmove(f, staged.c_str(), f, final_name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "move run " + r.id);
}

void RunStore::add_table(const std::string& name, const Table& table, const ParameterList& provenance,
                         OnExisting on_existing) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    throw Error(fmt::format("table name '{}' is not a valid name (non-empty, no '/')", name));
  const hid_t f = file_->handle.get();
  const std::string final_name = "features/" + name;
  if (h5::exists(f, final_name) && on_existing == OnExisting::error)
    throw Error(fmt::format("the store already holds a table '{}'; choose another name, or replace it", name),
                ErrorContext{path_});
  ensure_group(f, "staging");
  ensure_group(f, "features");
  const std::string staged = "staging/table." + name;
  if (h5::exists(f, staged)) H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
  try {
    h5::Handle group = h5::create_group(f, staged);
    std::string columns;
    for (const std::string& column : table.names()) {
      if (column.find('/') != std::string::npos || column == "." || column == "..")
        throw Error(fmt::format("column '{}' cannot be a dataset name", column));
      columns += (columns.empty() ? "" : ",") + column;
      if (table.is_numeric(column)) {
        const std::vector<double> values = table.numbers(column);
        h5::write_dataset<double>(group.get(), column, values, values.size());
      } else {
        h5::write_strings(group.get(), column, table.text(column));
      }
    }
    h5::write_attr(group.get(), "columns", columns);
    h5::write_attr(group.get(), "rows", static_cast<std::uint64_t>(table.rows()));
    h5::write_attr(group.get(), "created_by", created_by());
    for (const auto& p : provenance) write_parameter(group.get(), p.name, p.value);
  } catch (...) {
    H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
    throw;
  }
  if (h5::exists(f, final_name)) h5::check(H5Ldelete(f, final_name.c_str(), H5P_DEFAULT), "replace table " + name);
  h5::check(H5Lmove(f, staged.c_str(), f, final_name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "move table " + name);
}

std::size_t RunStore::add_runs_from(const std::string& other_path, OnExisting on_existing) {
  h5::Handle other = h5::open_file(other_path, false);
  check_store(other.get(), other_path);
  const hid_t f = file_->handle.get();
  const auto copy = [&](const std::string& from, const std::string& to) {
    h5::check(H5Ocopy(other.get(), from.c_str(), f, to.c_str(), H5P_DEFAULT, H5P_DEFAULT),
              fmt::format("copy {} from {}", from, other_path));
  };
  ensure_group(f, "staging");
  if (h5::exists(other.get(), "graphs")) {
    h5::Handle graphs = h5::open_group(other.get(), "graphs");
    for (const std::string& id : h5::children(graphs.get())) {
      const std::string name = "graphs/" + id;
      if (h5::exists(f, name)) continue;  // content-addressed: the same id is the same graph
      copy(name, "staging/" + id);
      h5::check(H5Lmove(f, ("staging/" + id).c_str(), f, name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "move " + name);
    }
  }
  std::size_t added = 0;
  if (!h5::exists(other.get(), "runs")) return added;
  h5::Handle runs = h5::open_group(other.get(), "runs");
  for (const std::string& id : h5::children(runs.get())) {
    {
      h5::Handle run = h5::open_group(runs.get(), id);
      if (!h5::has_attr(run.get(), "status") || h5::read_attr_string(run.get(), "status") != "complete") continue;
      if (!h5::attributes_compact(run.get()))
        throw Error(fmt::format("run '{}' was written by an older contagion whose runs this HDF5 library cannot copy "
                                "(HDFGroup/hdf5#2414); re-run it into a new store",
                                id),
                    ErrorContext{other_path});
    }
    const std::string final_name = "runs/" + id;
    if (has_run(id)) {
      if (on_existing == OnExisting::keep) continue;
      if (on_existing == OnExisting::error)
        throw Error(fmt::format("the store already holds a run '{}' (also in {})", id, other_path),
                    ErrorContext{path_});
    }
    const std::string staged = "staging/" + id;
    if (h5::exists(f, staged)) H5Ldelete(f, staged.c_str(), H5P_DEFAULT);
    copy(final_name, staged);
    if (has_run(id)) h5::check(H5Ldelete(f, final_name.c_str(), H5P_DEFAULT), "replace run " + id);
    h5::check(H5Lmove(f, staged.c_str(), f, final_name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "move run " + id);
    ++added;
  }
  return added;
}

void RunStore::commit() {
  if (committed_) return;
  const hid_t f = file_->handle.get();
  if (h5::exists(f, "staging")) H5Ldelete(f, "staging", H5P_DEFAULT);
  h5::check(H5Fflush(f, H5F_SCOPE_GLOBAL), "flush " + path_);
  file_->handle.close();
  std::error_code ec;
  fs::rename(temp_path_, path_, ec);
  if (ec) throw Error(fmt::format("cannot rename the finished file into place: {}", ec.message()), ErrorContext{path_});
  committed_ = true;
}

}  // namespace contagion::store
