// Discrete synchronous SIS steps on Barabási–Albert graphs: steps/s and edge evaluations/s
// (every arc of every susceptible node is looked at once per step).
//
//   build/bench/bench_sim --benchmark_filter=Epidemic --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>

#include "contagion/sim/continuous_epidemic.hpp"
#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/generators.hpp"

namespace {

using namespace contagion::sim;

void BM_EpidemicSISStep(benchmark::State& state) {
  const auto n = static_cast<NodeId>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const Graph g = barabasi_albert(n, 5, 1);
  EpidemicParams p;
  p.kind = EpidemicKind::sis;  // SIS keeps the epidemic going, so every step has the same kind of work
  p.transmission = 0.05;
  p.recovery = 0.2;
  DiscreteEpidemic model(g, p);
  std::vector<double> x0(n, 0.0);
  for (NodeId i = 0; i < n; i += 10) x0[i] = 1.0;  // 10 % infected
  model.reset(x0);
  std::uint64_t t = 0;
  for (auto _ : state) benchmark::DoNotOptimize(model.step({t++, 1, 0, threads}));
  state.counters["steps/s"] = benchmark::Counter(1.0, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["edge_evals/s"] =
      benchmark::Counter(static_cast<double>(g.num_arcs()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_EpidemicSISStep)
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Args({1'000'000, 1})
    ->Args({1'000'000, 2})
    ->ArgNames({"n", "threads"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

/// Exact continuous-time SIR on BA(n, 5) from 10 seeds, run to absorption: events per second.
void BM_GillespieSIR(benchmark::State& state) {
  const auto n = static_cast<NodeId>(state.range(0));
  const Graph g = barabasi_albert(n, 5, 1);
  ContinuousEpidemicParams p;
  p.rate = 0.3;
  p.recovery = 1.0;
  p.window = 1e9;  // one window: the whole epidemic
  std::vector<double> x0(n, 0.0);
  for (NodeId i = 0; i < 10; ++i) x0[i * (n / 10)] = 1.0;
  std::uint64_t events = 0, replicate = 0;
  for (auto _ : state) {
    ContinuousEpidemic model(g, p);
    model.reset(x0);
    model.step({0, 1, replicate++, 1});
    events += model.events();
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events/run"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
}

BENCHMARK(BM_GillespieSIR)->Arg(100'000)->ArgName("n")->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
