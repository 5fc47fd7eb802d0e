#pragma once
// Crash-safe collection of the runs of a long job (a sweep, an ensemble). A RunStore commits
// once, at the end; a job of hours cannot wait that long to make its runs safe. The journal
// writes every finished run at once to its own small store "<store>.parts/<n>.h5", through a
// temporary name and a rename, so killing the process at any moment (even with SIGKILL)
// loses only the runs under way. merge() adds the parts to the store in one commit and
// removes the folder; a job that finds the folder on start was interrupted and can resume.
//
// This is also the shape of the scale-out plan in DESIGN.md: each worker writes its own
// files, and one merge links them.

#include <set>
#include <string>

#include "contagion/core/run_record.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::store {

class RunJournal {
 public:
  /// The journal of the store at `store_path`: the folder "<store_path>.parts".
  explicit RunJournal(std::string store_path);

  const std::string& folder() const noexcept { return folder_; }
  /// Whether an earlier job left parts (or half-written temporaries) behind.
  bool found() const;
  /// Ids of the complete runs in the parts and in the store itself.
  std::set<std::string> completed_runs() const;
  /// Writes `record` with its graph as a new part; the record's graph id is set here. Not
  /// thread-safe: call from one thread at a time.
  void add(RunRecord record, const GraphArrays& graph);
  /// Adds every part's runs to the store (a run already there is kept: it came from an
  /// earlier merge of the same job), commits it and removes the folder. Returns the number
  /// of runs added.
  std::size_t merge();

 private:
  std::string store_path_;
  std::string folder_;
  std::size_t next_part_ = 0;
};

}  // namespace contagion::store
