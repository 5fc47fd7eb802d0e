#pragma once
// The HDF5 run store (format_version 1; the layout is in README.md "HDF5 layout").
//
// Safety: a RunStore works on a temporary copy "<path>.tmp-<pid>" and commit() renames it
// over <path>, so a crash or kill never damages an existing file. Inside the file each run
// is written under /staging/<id> and moved to /runs/<id> (status="complete") only when all
// of it is written; a failure while writing a run removes the staged group and leaves the
// other runs intact.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "contagion/core/parameters.hpp"
#include "contagion/core/run_record.hpp"
#include "contagion/core/table.hpp"

namespace contagion::store {

inline constexpr std::int64_t kFormatVersion = 1;

class RunStore {
 public:
  /// Opens `path` for adding graphs and runs (created when absent). Throws contagion::Error
  /// for a file that is not a contagion store.
  explicit RunStore(const std::string& path);
  ~RunStore();  // without commit(): the temporary copy is removed, `path` is untouched
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  /// Stores a graph once, by content: returns its id ("g" + 16 hex digits of an XXH3-64 of
  /// the arrays); adding the same graph again returns the same id and writes nothing.
  std::string add_graph(const GraphArrays& graph);
  bool has_run(const std::string& id) const;
  /// What add_run does with a run whose id the store already holds: refuse it, replace the
  /// stored one, or keep the stored one (and write nothing).
  enum class OnExisting { error, replace, keep };
  /// Writes one run; throws contagion::Error when the record is inconsistent (the staged group
  /// is then removed) or, with OnExisting::error, when the id is already taken. A replaced run
  /// is removed only once its successor is completely written.
  void add_run(const RunRecord& record, OnExisting on_existing = OnExisting::error);
  /// Stores a column table (a feature table, a quality table) as /features/<name>/: one
  /// dataset per column, f64 for numeric columns (missing = NaN), strings otherwise; the
  /// column order in the attribute "columns", `provenance` as attributes.
  void add_table(const std::string& name, const Table& table, const ParameterList& provenance,
                 OnExisting on_existing = OnExisting::error);
  /// Adds the graphs and the complete runs of another store (H5Ocopy: no decoding), each run
  /// as add_run would; returns the number of runs added or replaced.
  std::size_t add_runs_from(const std::string& other_path, OnExisting on_existing = OnExisting::error);
  /// Closes the file and renames the temporary copy over `path`.
  void commit();

  const std::string& path() const noexcept { return path_; }

 private:
  struct File;
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<File> file_;
  bool committed_ = false;
};

/// The content id a graph would get in a store.
std::string graph_content_id(const GraphArrays& graph);

// ---- reading (read-only, no temporary copy) ------------------------------------------

struct GraphInfo {
  std::string id, name, generator, parameters;
  std::uint64_t nodes = 0, arcs = 0;
  bool directed = false;
  std::vector<std::string> attributes;
};

struct RunInfo {
  std::string id, model, status, graph, scenario_name, started, created_by;
  std::uint64_t seed = 0, replicate = 0, steps_recorded = 0;
  std::int64_t threads = 0;
  double wall_s = 0.0;
  bool has_states = false;
  std::vector<std::string> metrics;
  ParameterList results;
};

struct TableInfo {
  std::string name;
  std::uint64_t rows = 0;
  std::string columns;  ///< comma-separated, in order
};

struct StoreInfo {
  std::string path, format, created_by;
  std::int64_t format_version = 0;
  std::vector<GraphInfo> graphs;
  std::vector<RunInfo> runs;
  std::vector<TableInfo> tables;  ///< /features/<name>
};

StoreInfo inspect_store(const std::string& path);

/// One metric of one run, [T] or [T x columns] row-major; `columns` receives the width.
std::vector<double> read_metric(const std::string& path, const std::string& run, const std::string& metric,
                                std::size_t* columns = nullptr);
/// The run's time axis [T].
std::vector<double> read_time(const std::string& path, const std::string& run);
/// A table written by add_table, as text cells (numbers in shortest round-trip form).
Table read_table(const std::string& path, const std::string& name);
/// The run's final state [N x columns].
std::vector<double> read_final_state(const std::string& path, const std::string& run);

}  // namespace contagion::store
