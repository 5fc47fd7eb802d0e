#include "contagion/store/run_journal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "contagion/core/error.hpp"

namespace contagion::store {

namespace fs = std::filesystem;

namespace {

bool is_part(const fs::path& p) {
  return p.extension() == ".h5" && p.stem().string().rfind("part-", 0) == 0;
}

/// The finished parts, in name order (their names only matter for uniqueness).
std::vector<fs::path> parts_in(const std::string& folder) {
  std::vector<fs::path> parts;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return parts;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && is_part(entry.path())) parts.push_back(entry.path());
  std::sort(parts.begin(), parts.end());
  return parts;
}

}  // namespace

RunJournal::RunJournal(std::string store_path) : store_path_(std::move(store_path)), folder_(store_path_ + ".parts") {}

bool RunJournal::found() const {
  std::error_code ec;
  return fs::is_directory(folder_, ec);
}

std::set<std::string> RunJournal::completed_runs() const {
  std::set<std::string> ids;
  std::error_code ec;
  if (fs::exists(store_path_, ec))
    for (const RunInfo& run : inspect_store(store_path_).runs)
      if (run.status == "complete") ids.insert(run.id);
  for (const fs::path& part : parts_in(folder_))
    for (const RunInfo& run : inspect_store(part.string()).runs)
      if (run.status == "complete") ids.insert(run.id);
  return ids;
}

void RunJournal::add(RunRecord record, const GraphArrays& graph) {
  if (next_part_ == 0) {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec)
      throw Error(fmt::format("cannot create the folder for finished runs: {}", ec.message()), ErrorContext{folder_});
    // Continue the numbering of an interrupted job's parts.
    for (const fs::path& part : parts_in(folder_)) {
      const std::string stem = part.stem().string();
      std::size_t n = 0;
      try {
        n = std::stoul(stem.substr(5)) + 1;
      } catch (const std::exception&) {
        continue;
      }
      next_part_ = std::max(next_part_, n);
    }
  }
  const std::string path = (fs::path(folder_) / fmt::format("part-{:08d}.h5", next_part_)).string();
  RunStore part(path);  // written as <path>.tmp-<pid> and renamed by commit()
  record.graph_id = part.add_graph(graph);
  part.add_run(record);
  part.commit();
  ++next_part_;
}

std::size_t RunJournal::merge() {
  const std::vector<fs::path> parts = parts_in(folder_);
  std::size_t added = 0;
  if (!parts.empty()) {
    RunStore store(store_path_);
    for (const fs::path& part : parts) added += store.add_runs_from(part.string(), RunStore::OnExisting::keep);
    store.commit();
  }
  std::error_code ec;
  fs::remove_all(folder_, ec);  // parts and temporaries a killed job left
  if (ec)
    throw Error(fmt::format("merged, but cannot remove the folder of parts: {}", ec.message()), ErrorContext{folder_});
  return added;
}

}  // namespace contagion::store
