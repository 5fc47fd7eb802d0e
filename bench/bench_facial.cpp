// Facial pipeline throughput. BM_OpenFaceIngest: parsing an OpenFace 2.2 CSV with every
// output (714 columns) from memory, in MB/s. BM_FeaturePipeline: the whole `contagion
// features` pipeline (read, quality, resample, epochs, features) on 50 recordings of 10,000
// frames x 50 channels = 500k rows, the size of Kovalchuk et al.'s dataset; the files are
// written once to $CONTAGION_BENCH_DIR (default /tmp/contagion_bench_facial), where
// bench/pandas_features.py times pandas on the same files.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "contagion/core/random.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/facial/readers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace contagion;

/// The 714 column names of OpenFace 2.2 FeatureExtraction with every output.
std::vector<std::string> openface_columns() {
  std::vector<std::string> c{"frame", "face_id", "timestamp", "confidence", "success"};
  for (const char* g :
       {"gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x", "gaze_angle_y"})
    c.push_back(g);
  for (const char* axis : {"x", "y"})
    for (int i = 0; i < 56; ++i) c.push_back(fmt::format("eye_lmk_{}_{}", axis, i));
  for (const char* axis : {"X", "Y", "Z"})
    for (int i = 0; i < 56; ++i) c.push_back(fmt::format("eye_lmk_{}_{}", axis, i));
  for (const char* p : {"pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"}) c.push_back(p);
  for (const char* axis : {"x", "y"})
    for (int i = 0; i < 68; ++i) c.push_back(fmt::format("{}_{}", axis, i));
  for (const char* axis : {"X", "Y", "Z"})
    for (int i = 0; i < 68; ++i) c.push_back(fmt::format("{}_{}", axis, i));
  for (const char* p : {"p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty"}) c.push_back(p);
  for (int i = 0; i < 34; ++i) c.push_back(fmt::format("p_{}", i));
  const int aus_r[] = {1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45};
  const int aus_c[] = {1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 28, 45};
  for (const int a : aus_r) c.push_back(fmt::format("AU{:02d}_r", a));
  for (const int a : aus_c) c.push_back(fmt::format("AU{:02d}_c", a));
  return c;
}

std::string openface_text(std::size_t rows) {
  const auto columns = openface_columns();
  std::string text;
  for (std::size_t j = 0; j < columns.size(); ++j) text += (j ? ", " : "") + columns[j];
  text += '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    RandomStream rng({1, StreamPurpose::initial_state, 0, 0, r});
    text += fmt::format("{}, 0, {:.3f}, 0.98, 1", r + 1, static_cast<double>(r) / 30.0);
    for (std::size_t j = 5; j < columns.size(); ++j) text += fmt::format(", {:.3f}", 5.0 * rng.uniform());
    text += '\n';
  }
  return text;
}

fs::path bench_dir() {
  const char* env = std::getenv("CONTAGION_BENCH_DIR");
  return env ? fs::path(env) : fs::temp_directory_path() / "contagion_bench_facial";
}

void BM_OpenFaceIngest(benchmark::State& state) {
  static const std::string text = openface_text(5000);
  static const bool written = [] {  // the same text for bench/pandas_features.py
    fs::create_directories(bench_dir());
    std::ofstream(bench_dir() / "openface_714.csv") << text;
    return true;
  }();
  benchmark::DoNotOptimize(written);
  for (auto _ : state) {
    auto frames = facial::parse_frames(text, "bench_openface.csv");
    benchmark::DoNotOptimize(frames.values.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.counters["frames/s"] =
      benchmark::Counter(5000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["columns"] = static_cast<double>(openface_columns().size());
}
BENCHMARK(BM_OpenFaceIngest)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr int kParticipants = 50, kFrames = 10000, kChannels = 50;
constexpr double kRate = 30.0;

/// 50 generic CSVs (time + 50 channels) and a stimulus log: 18 stimuli of 10 s every 18 s.
std::vector<std::string> pipeline_files(const fs::path& dir) {
  std::vector<std::string> paths;
  fs::create_directories(dir);
  const fs::path events = dir / "events.csv";
  const bool exists = fs::exists(events);
  std::ofstream log;
  if (!exists) {
    log.open(events);
    log << "participant,stimulus,category,onset,offset\n";
  }
  const char* categories[] = {"happy", "angry", "sad", "fear", "disgust", "surprise", "neutral"};
  for (int p = 0; p < kParticipants; ++p) {
    const fs::path path = dir / fmt::format("p{:02d}.csv", p);
    paths.push_back(path.string());
    if (exists) continue;
    std::ofstream out(path);
    out << "time";
    for (int c = 0; c < kChannels; ++c) out << fmt::format(",ch{:02d}", c);
    out << '\n';
    for (int i = 0; i < kFrames; ++i) {
      RandomStream rng(
          {2, StreamPurpose::initial_state, static_cast<std::uint64_t>(p), 0, static_cast<std::uint64_t>(i)});
      out << fmt::format("{:.4f}", i / kRate);
      for (int c = 0; c < kChannels; ++c) out << fmt::format(",{:.4f}", rng.uniform());
      out << '\n';
    }
    for (int s = 0; s < 18; ++s)
      log << fmt::format("p{:02d},stim{:02d},{},{},{}\n", p, s, categories[s % 7], 2.0 + 18.0 * s, 12.0 + 18.0 * s);
  }
  return paths;
}

void BM_FeaturePipeline(benchmark::State& state) {
  const fs::path dir = bench_dir();
  static const std::vector<std::string> paths = pipeline_files(dir);
  const auto events = facial::read_events((dir / "events.csv").string());
  facial::PipelineOptions options;
  options.read.detect = false;
  options.read.format = facial::SourceFormat::generic;
  for (auto _ : state) {
    auto result = facial::run_pipeline(paths, events, options, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(result.features.rows.data());
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(kParticipants) * kFrames * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FeaturePipeline)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
