// DeGroot step x(t+1) = W x(t) on Barabási–Albert graphs: edge-updates per second and the
// fraction of the measured triad bandwidth that the step's minimal memory traffic uses.
//
//   build/bench/bench_sim --benchmark_filter=DeGroot --benchmark_counters_tabular=true
//
// Traffic model (bytes per step, each array streamed once): per arc 4 (target), plus 8 (weight)
// unless every row has one weight (French, random walk, lazy: then 8 per node for it); per node
// 8 (offset) + 8 (self-weight) + 8 (x_i) + 8 (y_i). The gathers x[target] are assumed to hit
// the cache, so this bound is optimistic: on scale-free graphs the random gathers, not the
// streams, set the pace (bench/README.md).

#include <benchmark/benchmark.h>
#include <omp.h>

#include <map>

#include "contagion/sim/averaging.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/influence.hpp"
#include "stream_triad.hpp"

namespace {

using namespace contagion::sim;

/// BA graph with about `edges` undirected edges (m = 5), built once per size.
const InfluenceMatrix& french_on_ba(std::int64_t edges) {
  static std::map<std::int64_t, InfluenceMatrix> cache;
  auto it = cache.find(edges);
  if (it == cache.end()) {
    const auto n = static_cast<NodeId>(edges / 5 + 5);
    it = cache.emplace(edges, InfluenceMatrix(barabasi_albert(n, 5, 1), InfluenceSpec{})).first;
  }
  return it->second;
}

double bandwidth(int threads) {
  static std::map<int, double> measured;
  auto it = measured.find(threads);
  if (it == measured.end()) it = measured.emplace(threads, contagion::bench::triad_bandwidth(threads)).first;
  return it->second;
}

void report(benchmark::State& state, const InfluenceMatrix& w, int threads) {
  const double arcs = static_cast<double>(w.graph().num_arcs()), nodes = w.size();
  const double bytes = w.rows_uniform() ? 4.0 * arcs + 40.0 * nodes : 12.0 * arcs + 32.0 * nodes;
  state.counters["edge_updates/s"] = benchmark::Counter(arcs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GB/s"] = benchmark::Counter(bytes / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["triad_GB/s"] = bandwidth(threads) / 1e9;
  // bytes / bandwidth per step, as a rate: (bytes per second achieved) / (triad bytes per second).
  state.counters["bw_fraction"] =
      benchmark::Counter(bytes / bandwidth(threads), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["arcs"] = arcs;
  state.counters["threads"] = threads;
}

/// Times y = W x, swapping x and y, and reports the counters.
void time_products(benchmark::State& state, const InfluenceMatrix& w) {
  const int threads = static_cast<int>(state.range(1));
  std::vector<double> x(w.size()), y(w.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i % 1000) / 1000.0;
  for (auto _ : state) {
    w.multiply(x, y, 1, threads);
    x.swap(y);
    benchmark::ClobberMemory();
  }
  report(state, w, threads);
}

void BM_DeGrootSpMV(benchmark::State& state) {
  time_products(state, french_on_ba(state.range(0)));
}

/// The same number of edges on a ring lattice (k = 5 on each side): every gather is near the
/// row's own node, so this measures the kernel when memory streams, not gathers, set the pace.
const InfluenceMatrix& french_on_ring(std::int64_t edges) {
  static std::map<std::int64_t, InfluenceMatrix> cache;
  auto it = cache.find(edges);
  if (it == cache.end())
    it = cache.emplace(edges, InfluenceMatrix(ring_graph(static_cast<NodeId>(edges / 5), 5), InfluenceSpec{})).first;
  return it->second;
}

void BM_DeGrootSpMVRing(benchmark::State& state) {
  time_products(state, french_on_ring(state.range(0)));
}

/// The same product with a weight per arc (weighted by tie strength): the general kernel.
const InfluenceMatrix& weighted_on_ba(std::int64_t edges) {
  static std::map<std::int64_t, InfluenceMatrix> cache;
  auto it = cache.find(edges);
  if (it == cache.end()) {
    const Graph& g = french_on_ba(edges).graph();
    std::vector<float> tie(g.num_arcs());
    for (EdgeId e = 0; e < tie.size(); ++e) tie[e] = 1.0f + static_cast<float>(g.targets()[e] % 7);
    InfluenceSpec spec;
    spec.scheme = InfluenceScheme::weighted;
    spec.self_weight = 0.2;
    it = cache.emplace(edges, InfluenceMatrix(g.with_tie_strengths(std::move(tie)), spec)).first;
  }
  return it->second;
}

void BM_DeGrootSpMVWeighted(benchmark::State& state) {
  time_products(state, weighted_on_ba(state.range(0)));
}

void BM_DeGrootModelStep(benchmark::State& state) {
  const auto& w = french_on_ba(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  DeGroot model(w);
  std::vector<double> x(w.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i % 1000) / 1000.0;
  model.reset(x);
  std::uint64_t t = 0;
  for (auto _ : state) benchmark::DoNotOptimize(model.step({t++, 0, 0, threads}));
  report(state, w, threads);
}

void sizes(benchmark::internal::Benchmark* b) {
  const int cores = omp_get_num_procs();
  for (std::int64_t edges : {100'000, 1'000'000, 10'000'000})
    for (int threads = 1; threads <= cores; threads *= 2) b->Args({edges, threads});
  b->ArgNames({"edges", "threads"})->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_DeGrootSpMV)->Apply(sizes);
BENCHMARK(BM_DeGrootSpMVWeighted)->Apply(sizes);
BENCHMARK(BM_DeGrootSpMVRing)->Apply(sizes);
BENCHMARK(BM_DeGrootModelStep)->Apply(sizes);

}  // namespace
