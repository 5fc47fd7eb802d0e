// Hegselmann–Krause synchronous steps: O(m) on a graph, O(n log n) with complete mixing.
//
//   build/bench/bench_sim --benchmark_filter=HK --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>

#include <map>

#include "contagion/sim/bounded_confidence.hpp"
#include "contagion/sim/generators.hpp"

namespace {

using namespace contagion::sim;

std::vector<double> spread_out(std::size_t n) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>((i * 7919) % n) / static_cast<double>(n);
  return x;
}

/// Times steps from x0, restarting every 8 steps (outside the timing) so that each step has
/// about the same amount of work.
void time_steps(benchmark::State& state, Model& model, const std::vector<double>& x0) {
  const int threads = static_cast<int>(state.range(1));
  model.reset(x0);
  std::uint64_t t = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.step({t++, 0, 0, threads}));
    if (t % 8 == 0) {
      state.PauseTiming();
      model.reset(x0);
      state.ResumeTiming();
    }
  }
}

void BM_HKGraphStep(benchmark::State& state) {
  const auto n = static_cast<NodeId>(state.range(0));
  HegselmannKrauseParams p;
  p.epsilon = 0.05;
  const Graph g = barabasi_albert(n, 5, 1);
  HegselmannKrause model(g, p);
  time_steps(state, model, spread_out(n));
  state.counters["edge_updates/s"] =
      benchmark::Counter(static_cast<double>(g.num_arcs()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_HKCompleteStep(benchmark::State& state) {
  const auto n = static_cast<NodeId>(state.range(0));
  HegselmannKrauseParams p;
  p.epsilon = 0.05;
  p.mixing = Mixing::complete;
  HegselmannKrause model(empty_graph(n), p);
  time_steps(state, model, spread_out(n));
  state.counters["agents/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_HKGraphStep)
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Args({1'000'000, 2})
    ->ArgNames({"n", "threads"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HKCompleteStep)
    ->Args({100'000, 2})
    ->Args({1'000'000, 2})
    ->ArgNames({"n", "threads"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
