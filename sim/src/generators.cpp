#include "contagion/sim/generators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "contagion/core/config.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {
namespace {

RandomStream graph_stream(std::uint64_t seed) {
  return RandomStream({seed, StreamPurpose::graph, 0, 0, 0});
}

void check_probability(const char* name, double p) {
  if (!Range::unit().contains(p)) throw ParameterError(name, fmt::format("{}", p), "[0, 1]");
}

void check_nodes(NodeId n, NodeId minimum = 1) {
  if (n < minimum) throw ParameterError("n", fmt::format("{}", n), fmt::format("[{}, 4294967295]", minimum));
}

Graph finish(NodeId n, std::vector<Arc> arcs, bool directed, GraphProvenance provenance) {
  BuildOptions options;
  options.directed = directed;
  return Graph::from_arcs(n, std::move(arcs), options).with_provenance(std::move(provenance));
}

}  // namespace

Graph erdos_renyi_gnp(NodeId n, double p, std::uint64_t seed, bool directed) {
  check_nodes(n);
  check_probability("p", p);
  std::vector<Arc> arcs;
  if (p > 0.0) {
    RandomStream rng = graph_stream(seed);
    if (directed) {
      // Skip through the n(n-1) ordered pairs: index k -> (k / (n-1), k % (n-1) shifted past i).
      const std::uint64_t total = std::uint64_t{n} * (n - 1);
      for (std::uint64_t k = rng.geometric(p); k < total; k += 1 + rng.geometric(p)) {
        const auto i = static_cast<NodeId>(k / (n - 1));
        auto j = static_cast<NodeId>(k % (n - 1));
        if (j >= i) ++j;
        arcs.push_back({i, j});
      }
    } else {
      // Batagelj & Brandes (2005), algorithm G(n,p) over the lower triangle (v > w).
      std::int64_t v = 1, w = -1;
      while (v < n) {
        w += 1 + static_cast<std::int64_t>(std::min<std::uint64_t>(rng.geometric(p), std::uint64_t{1} << 62));
        while (w >= v && v < n) {
          w -= v;
          ++v;
        }
        if (v < n) arcs.push_back({static_cast<NodeId>(v), static_cast<NodeId>(w)});
      }
    }
  }
  return finish(n, std::move(arcs), directed,
                {"", "erdos_renyi_gnp", fmt::format("n={} p={} seed={} directed={}", n, p, seed, directed)});
}

Graph erdos_renyi_gnm(NodeId n, std::uint64_t m, std::uint64_t seed, bool directed) {
  check_nodes(n);
  const std::uint64_t total = directed ? std::uint64_t{n} * (n - 1) : std::uint64_t{n} * (n - 1) / 2;
  if (m > total) throw ParameterError("m", fmt::format("{}", m), fmt::format("[0, {}] for n = {}", total, n));
  RandomStream rng = graph_stream(seed);
  // Floyd's algorithm: a uniform m-subset of [0, total) in m draws.
  std::unordered_set<std::uint64_t> chosen;
  chosen.reserve(m);
  for (std::uint64_t j = total - m; j < total; ++j) {
    const std::uint64_t t = rng.below(j + 1);
    if (!chosen.insert(t).second) chosen.insert(j);
  }
  std::vector<std::uint64_t> indices(chosen.begin(), chosen.end());
  std::sort(indices.begin(), indices.end());  // deterministic order whatever the hash set did
  std::vector<Arc> arcs;
  arcs.reserve(m);
  for (const std::uint64_t k : indices) {
    if (directed) {
      const auto i = static_cast<NodeId>(k / (n - 1));
      auto j = static_cast<NodeId>(k % (n - 1));
      if (j >= i) ++j;
      arcs.push_back({i, j});
    } else {
      // Lower-triangle index k = v(v-1)/2 + w, 0 <= w < v.
      auto v = static_cast<std::uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(k))) / 2.0);
      while (v * (v - 1) / 2 > k) --v;
      while ((v + 1) * v / 2 <= k) ++v;
      arcs.push_back({static_cast<NodeId>(v), static_cast<NodeId>(k - v * (v - 1) / 2)});
    }
  }
  return finish(n, std::move(arcs), directed,
                {"", "erdos_renyi_gnm", fmt::format("n={} m={} seed={} directed={}", n, m, seed, directed)});
}

Graph watts_strogatz(NodeId n, std::uint32_t k, double beta, std::uint64_t seed) {
  check_nodes(n, 3);
  if (k % 2 != 0 || k == 0 || k >= n)
    throw ParameterError("k", fmt::format("{}", k), fmt::format("even numbers in [2, {})", n));
  check_probability("beta", beta);
  auto key = [](NodeId a, NodeId b) { return a < b ? (std::uint64_t{a} << 32 | b) : (std::uint64_t{b} << 32 | a); };
  std::unordered_set<std::uint64_t> edges;
  std::vector<std::uint32_t> degree(n, k);
  for (NodeId u = 0; u < n; ++u)
    for (std::uint32_t j = 1; j <= k / 2; ++j) edges.insert(key(u, static_cast<NodeId>((u + j) % n)));
  RandomStream rng = graph_stream(seed);
  for (std::uint32_t j = 1; j <= k / 2; ++j) {
    for (NodeId u = 0; u < n; ++u) {
      const auto v = static_cast<NodeId>((u + j) % n);
      if (!(rng.uniform() < beta)) continue;
      if (degree[u] >= n - 1) continue;  // u is joined to everyone: nothing to rewire to
      NodeId w = 0;
      do {
        w = static_cast<NodeId>(rng.below(n));
      } while (w == u || edges.contains(key(u, w)));
      edges.erase(key(u, v));
      edges.insert(key(u, w));
      --degree[v];
      ++degree[w];
    }
  }
  std::vector<Arc> arcs;
  arcs.reserve(edges.size());
  for (const std::uint64_t e : edges) arcs.push_back({static_cast<NodeId>(e >> 32), static_cast<NodeId>(e)});
  return finish(n, std::move(arcs), false,
                {"", "watts_strogatz", fmt::format("n={} k={} beta={} seed={}", n, k, beta, seed)});
}

Graph barabasi_albert(NodeId n, std::uint32_t m, std::uint64_t seed) {
  if (m < 1) throw ParameterError("m", fmt::format("{}", m), "[1, n)");
  check_nodes(n, 2);
  if (m >= n) throw ParameterError("m", fmt::format("{}", m), fmt::format("[1, {})", n));
  std::vector<Arc> arcs;
  arcs.reserve(std::uint64_t{m} * (n - m));
  std::vector<NodeId> endpoints;  // every edge contributes both ends: sampling it is degree-proportional
  endpoints.reserve(2 * std::uint64_t{m} * (n - m));
  for (NodeId v = 1; v <= m; ++v) {
    arcs.push_back({0, v});
    endpoints.push_back(0);
    endpoints.push_back(v);
  }
  RandomStream rng = graph_stream(seed);
  std::vector<NodeId> targets;
  targets.reserve(m);
  for (NodeId v = m + 1; v < n; ++v) {
    targets.clear();
    while (targets.size() < m) {
      const NodeId t = endpoints[rng.below(endpoints.size())];
      if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
    }
    for (const NodeId t : targets) {
      arcs.push_back({v, t});
      endpoints.push_back(v);
      endpoints.push_back(t);
    }
  }
  return finish(n, std::move(arcs), false, {"", "barabasi_albert", fmt::format("n={} m={} seed={}", n, m, seed)});
}

Graph stochastic_block_model(const std::vector<NodeId>& sizes, const std::vector<std::vector<double>>& probabilities,
                             std::uint64_t seed) {
  const std::size_t b = sizes.size();
  if (b == 0) throw ParameterError("sizes", "[]", "non-empty lists of positive sizes");
  if (probabilities.size() != b)
    throw ParameterError("probabilities", fmt::format("{} rows", probabilities.size()),
                         fmt::format("a {}x{} matrix (one row per block)", b, b));
  std::vector<NodeId> first(b + 1, 0);
  for (std::size_t a = 0; a < b; ++a) {
    if (sizes[a] == 0) throw ParameterError(fmt::format("sizes[{}]", a), "0", "[1, inf)");
    if (probabilities[a].size() != b)
      throw ParameterError(fmt::format("probabilities[{}]", a), fmt::format("{} entries", probabilities[a].size()),
                           fmt::format("{} entries", b));
    first[a + 1] = first[a] + sizes[a];
  }
  for (std::size_t a = 0; a < b; ++a)
    for (std::size_t c = 0; c < b; ++c) {
      check_probability("probabilities", probabilities[a][c]);
      if (probabilities[a][c] != probabilities[c][a])
        throw ParameterError(fmt::format("probabilities[{}][{}]", a, c), fmt::format("{}", probabilities[a][c]),
                             fmt::format("a symmetric matrix (probabilities[{}][{}] = {})", c, a, probabilities[c][a]));
    }
  const NodeId n = first[b];
  RandomStream rng = graph_stream(seed);
  std::vector<Arc> arcs;
  for (std::size_t a = 0; a < b; ++a) {
    for (std::size_t c = a; c < b; ++c) {
      const double p = probabilities[a][c];
      if (p <= 0.0) continue;
      const std::uint64_t na = sizes[a], nc = sizes[c];
      const std::uint64_t total = a == c ? na * (na - 1) / 2 : na * nc;
      for (std::uint64_t k = rng.geometric(p); k < total; k += 1 + rng.geometric(p)) {
        if (a == c) {
          auto v = static_cast<std::uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(k))) / 2.0);
          while (v * (v - 1) / 2 > k) --v;
          while ((v + 1) * v / 2 <= k) ++v;
          arcs.push_back({static_cast<NodeId>(first[a] + v), static_cast<NodeId>(first[a] + k - v * (v - 1) / 2)});
        } else {
          arcs.push_back({static_cast<NodeId>(first[a] + k / nc), static_cast<NodeId>(first[c] + k % nc)});
        }
      }
    }
  }
  std::vector<double> block(n);
  for (std::size_t a = 0; a < b; ++a)
    for (NodeId v = first[a]; v < first[a + 1]; ++v) block[v] = static_cast<double>(a);
  std::string sizes_text = fmt::format("{}", fmt::join(sizes, ","));
  return finish(n, std::move(arcs), false,
                {"", "stochastic_block_model", fmt::format("sizes={} seed={}", sizes_text, seed)})
      .with_attribute("block", std::move(block));
}

Graph configuration_model(const std::vector<std::uint32_t>& degrees, std::uint64_t seed, BuildReport* report) {
  const auto n = static_cast<NodeId>(degrees.size());
  check_nodes(n);
  std::uint64_t sum = 0;
  for (const auto d : degrees) sum += d;
  if (sum % 2 != 0) throw ParameterError("degrees", fmt::format("sum {}", sum), "sequences with an even sum");
  std::vector<NodeId> stubs;
  stubs.reserve(sum);
  for (NodeId v = 0; v < n; ++v) stubs.insert(stubs.end(), degrees[v], v);
  RandomStream rng = graph_stream(seed);
  for (std::uint64_t i = stubs.size(); i > 1; --i) std::swap(stubs[i - 1], stubs[rng.below(i)]);
  std::vector<Arc> arcs(sum / 2);
  for (std::uint64_t k = 0; k < sum / 2; ++k) arcs[k] = {stubs[2 * k], stubs[2 * k + 1]};
  BuildOptions options;  // undirected, self-loops dropped, duplicates merged: the erased model
  Graph g = Graph::from_arcs(n, std::move(arcs), options, report);
  return g.with_provenance({"", "configuration_model", fmt::format("n={} sum={} seed={}", n, sum, seed)});
}

Graph empty_graph(NodeId n) {
  return Graph(n).with_provenance({"", "empty", fmt::format("n={}", n)});
}

Graph complete_graph(NodeId n) {
  check_nodes(n);
  std::vector<Arc> arcs;
  arcs.reserve(std::uint64_t{n} * (n - 1) / 2);
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = i + 1; j < n; ++j) arcs.push_back({i, j});
  return finish(n, std::move(arcs), false, {"", "complete", fmt::format("n={}", n)});
}

Graph ring_graph(NodeId n, std::uint32_t k) {
  check_nodes(n, 3);
  if (k < 1 || 2 * std::uint64_t{k} >= n)
    throw ParameterError("k", fmt::format("{}", k), fmt::format("[1, {})", (n + 1) / 2));
  std::vector<Arc> arcs;
  for (NodeId i = 0; i < n; ++i)
    for (std::uint32_t j = 1; j <= k; ++j) arcs.push_back({i, static_cast<NodeId>((i + j) % n)});
  return finish(n, std::move(arcs), false, {"", "ring", fmt::format("n={} k={}", n, k)});
}

Graph star_graph(NodeId n) {
  check_nodes(n, 2);
  std::vector<Arc> arcs;
  for (NodeId i = 1; i < n; ++i) arcs.push_back({0, i});
  return finish(n, std::move(arcs), false, {"", "star", fmt::format("n={}", n)});
}

Graph path_graph(NodeId n) {
  check_nodes(n, 2);
  std::vector<Arc> arcs;
  for (NodeId i = 0; i + 1 < n; ++i) arcs.push_back({i, i + 1});
  return finish(n, std::move(arcs), false, {"", "path", fmt::format("n={}", n)});
}

Graph two_cliques_bridge(NodeId clique_size, float bridge_weight) {
  if (clique_size < 2) throw ParameterError("clique_size", fmt::format("{}", clique_size), "[2, inf)");
  if (!(std::isfinite(bridge_weight) && bridge_weight > 0.0f))
    throw ParameterError("bridge_weight", fmt::format("{}", bridge_weight), "(0, inf)");
  const NodeId c = clique_size;
  std::vector<Arc> arcs;
  for (NodeId offset : {NodeId{0}, c})
    for (NodeId i = 0; i < c; ++i)
      for (NodeId j = i + 1; j < c; ++j) arcs.push_back({offset + i, offset + j});
  arcs.push_back({c - 1, c, bridge_weight});
  std::vector<double> block(2 * c, 0.0);
  std::fill(block.begin() + c, block.end(), 1.0);
  return finish(2 * c, std::move(arcs), false,
                {"", "two_cliques_bridge", fmt::format("clique_size={} bridge_weight={}", c, bridge_weight)})
      .with_attribute("block", std::move(block));
}

}  // namespace contagion::sim
