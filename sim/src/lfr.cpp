#include "contagion/sim/lfr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {
namespace {

RandomStream phase_stream(std::uint64_t seed, const char* phase, std::uint64_t entity) {
  return RandomStream({seed, StreamPurpose::graph, 0, stream_id(phase), entity});
}

/// The discrete power law x^-tau on [low, hi] for any low in [1, hi], by inverting the
/// cumulative sums c[x] = sum_{y <= x} y^-tau.
class PowerLaw {
 public:
  PowerLaw(std::uint64_t hi, double tau) : c_(hi + 1, 0.0), m_(hi + 2, 0.0) {
    for (std::uint64_t x = 1; x <= hi; ++x) c_[x] = c_[x - 1] + std::pow(static_cast<double>(x), -tau);
    // m_[x] = sum_{y >= x} y^(1 - tau), for means.
    for (std::uint64_t x = hi; x >= 1; --x) m_[x] = m_[x + 1] + std::pow(static_cast<double>(x), 1.0 - tau);
  }
  std::uint64_t hi() const noexcept { return c_.size() - 1; }
  double mean(std::uint64_t low) const noexcept { return m_[low] / (c_[hi()] - c_[low - 1]); }
  std::uint64_t sample(std::uint64_t low, double u) const noexcept {
    const double target = c_[low - 1] + u * (c_[hi()] - c_[low - 1]);
    const auto it = std::upper_bound(c_.begin() + static_cast<std::ptrdiff_t>(low), c_.end(), target);
    return std::min<std::uint64_t>(static_cast<std::uint64_t>(it - c_.begin()), hi());
  }

 private:
  std::vector<double> c_, m_;
};

/// Free places per community, in a Fenwick tree: the k-th free place in O(log C).
class FreePlaces {
 public:
  explicit FreePlaces(const std::vector<std::uint64_t>& free) : tree_(free.size() + 1, 0) {
    for (std::size_t i = 0; i < free.size(); ++i) add(i, static_cast<std::int64_t>(free[i]));
  }
  void add(std::size_t i, std::int64_t delta) {
    for (std::size_t k = i + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] += delta;
  }
  /// Free places in positions [0, count).
  std::uint64_t prefix(std::size_t count) const {
    std::int64_t sum = 0;
    for (std::size_t k = count; k > 0; k -= k & (~k + 1)) sum += tree_[k];
    return static_cast<std::uint64_t>(sum);
  }
  /// The position holding the free place with rank r (0-based).
  std::size_t find(std::uint64_t r) const {
    std::size_t pos = 0;
    auto rest = static_cast<std::int64_t>(r);
    std::size_t step = 1;
    while (step * 2 < tree_.size()) step *= 2;
    for (; step > 0; step /= 2)
      if (pos + step < tree_.size() && tree_[pos + step] <= rest) {
        pos += step;
        rest -= tree_[pos];
      }
    return pos;
  }

 private:
  std::vector<std::int64_t> tree_;
};

std::uint64_t edge_key(NodeId a, NodeId b) {
  return a < b ? (std::uint64_t{a} << 32 | b) : (std::uint64_t{b} << 32 | a);
}

/// Pairs `stubs` at random; pairs that `valid` rejects or that repeat an edge are repaired by
/// switching with a random placed edge (a-b, x-y -> a-x, b-y), keeping every degree.
template <class Valid>
void wire(std::vector<NodeId> stubs, RandomStream rng, Valid valid, std::vector<Arc>& out, std::uint64_t& dropped) {
  constexpr int kTries = 50;
  for (std::uint64_t i = stubs.size(); i > 1; --i) std::swap(stubs[i - 1], stubs[rng.below(i)]);
  dropped += stubs.size() % 2;  // parity is fixed before wiring; a stray end is counted, not wired
  std::vector<std::pair<NodeId, NodeId>> edges, bad;
  std::unordered_set<std::uint64_t> present;
  for (std::size_t k = 0; k + 1 < stubs.size(); k += 2) {
    const NodeId a = stubs[k], b = stubs[k + 1];
    if (valid(a, b) && present.insert(edge_key(a, b)).second)
      edges.emplace_back(a, b);
    else
      bad.emplace_back(a, b);
  }
  for (const auto& [a, b] : bad) {
    bool placed = false;
    for (int t = 0; t < kTries && !edges.empty() && !placed; ++t) {
      const std::size_t idx = rng.below(edges.size());
      auto [x, y] = edges[idx];
      if (rng.bernoulli(0.5)) std::swap(x, y);
      if (!valid(a, x) || !valid(b, y) || edge_key(a, x) == edge_key(b, y) || present.contains(edge_key(a, x)) ||
          present.contains(edge_key(b, y)))
        continue;
      present.erase(edge_key(x, y));
      present.insert(edge_key(a, x));
      present.insert(edge_key(b, y));
      edges[idx] = {a, x};
      edges.emplace_back(b, y);
      placed = true;
    }
    if (!placed) dropped += 2;
  }
  for (const auto& [a, b] : edges) out.push_back({a, b});
}

}  // namespace

void LfrParams::validate() const {
  if (n < 2) throw ParameterError("n", fmt::format("{}", n), "[2, 4294967295]");
  if (max_degree < 1 || max_degree >= n)
    throw ParameterError("max_degree", fmt::format("{}", max_degree), fmt::format("[1, {}]", n - 1));
  if (!(average_degree >= 1.0 && average_degree <= max_degree))
    throw ParameterError("average_degree", fmt::format("{}", average_degree), fmt::format("[1, {}]", max_degree));
  if (!(tau1 >= 0.0 && tau1 <= 10.0)) throw ParameterError("tau1", fmt::format("{}", tau1), "[0, 10]");
  if (!(tau2 >= 0.0 && tau2 <= 10.0)) throw ParameterError("tau2", fmt::format("{}", tau2), "[0, 10]");
  if (!(mu >= 0.0 && mu <= 1.0)) throw ParameterError("mu", fmt::format("{}", mu), "[0, 1]");
  if (min_community < 1 || min_community > n)
    throw ParameterError("min_community", fmt::format("{}", min_community), fmt::format("[1, {}]", n));
  if (max_community < min_community || max_community > n)
    throw ParameterError("max_community", fmt::format("{}", max_community),
                         fmt::format("[min_community, n] = [{}, {}]", min_community, n));
  // The largest internal degree must fit in the largest community.
  const double max_internal = std::ceil((1.0 - mu) * max_degree);
  if (max_internal > static_cast<double>(max_community) - 1.0)
    throw ParameterError("max_community", fmt::format("{}", max_community),
                         fmt::format("> ceil((1 - mu) max_degree) = {}", max_internal));
}

Graph lfr_benchmark(const LfrParams& p, std::uint64_t seed, LfrReport* report) {
  p.validate();
  const NodeId n = p.n;

  // 1. Degrees: a mixture of the power laws from d_min and d_min + 1 with mean exactly k.
  const PowerLaw degree_law(p.max_degree, p.tau1);
  if (p.average_degree < degree_law.mean(1))
    throw ParameterError(
        "average_degree", fmt::format("{}", p.average_degree),
        fmt::format("[{:.4g}, {}] (the mean of d^-tau1 from d = 1 is the least)", degree_law.mean(1), p.max_degree));
  std::uint64_t d_min = 1;
  while (d_min < p.max_degree && degree_law.mean(d_min + 1) <= p.average_degree) ++d_min;
  const double upper_weight = d_min < p.max_degree ? (p.average_degree - degree_law.mean(d_min)) /
                                                         (degree_law.mean(d_min + 1) - degree_law.mean(d_min))
                                                   : 0.0;
  std::vector<std::uint32_t> degree(n), internal(n);
  for (NodeId v = 0; v < n; ++v) {
    RandomStream rng = phase_stream(seed, "lfr/degree", v);
    const std::uint64_t low = rng.uniform() < upper_weight ? d_min + 1 : d_min;
    degree[v] = static_cast<std::uint32_t>(degree_law.sample(low, rng.uniform()));
    const double share = (1.0 - p.mu) * degree[v];
    internal[v] = static_cast<std::uint32_t>(std::floor(share)) + (rng.uniform() < share - std::floor(share) ? 1 : 0);
  }
  if (std::accumulate(degree.begin(), degree.end(), std::uint64_t{0}) % 2 != 0) {
    const auto v = static_cast<std::size_t>(
        std::find_if(degree.begin(), degree.end(), [&](std::uint32_t d) { return d < p.max_degree; }) - degree.begin());
    if (v < n)
      ++degree[v];
    else
      internal[0] = std::min(internal[0], --degree[0]);
  }

  // 2. Community sizes.
  const PowerLaw size_law(p.max_community, p.tau2);
  std::vector<std::uint64_t> size;
  {
    RandomStream rng = phase_stream(seed, "lfr/communities", 0);
    std::uint64_t covered = 0;
    while (covered < n) {
      const std::uint64_t left = n - covered;
      const std::uint64_t s = size_law.sample(p.min_community, rng.uniform());
      if (s <= left || left >= p.min_community) {
        size.push_back(std::min(s, left));
        covered += size.back();
        continue;
      }
      // Fewer than min_community nodes left: one more place in communities with room.
      std::uint64_t room = 0;
      for (const auto c : size) room += p.max_community - c;
      if (room < left)
        throw ParameterError("n", fmt::format("{}", n),
                             fmt::format("a sum of community sizes in [{}, {}] (drawn sizes cover {}, {} left over)",
                                         p.min_community, p.max_community, covered, left));
      for (std::size_t c = size.size(); covered < n; c = c == 0 ? size.size() - 1 : c - 1)
        if (c < size.size() && size[c] < p.max_community) {
          ++size[c];
          ++covered;
        }
    }
  }
  const std::size_t communities = size.size();

  // 3. Placement: nodes by descending internal degree, each into a random community with a
  // free place that can hold its internal degree.
  std::vector<std::size_t> by_size(communities);
  std::iota(by_size.begin(), by_size.end(), std::size_t{0});
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
  std::vector<std::uint64_t> sorted_size(communities);
  for (std::size_t i = 0; i < communities; ++i) sorted_size[i] = size[by_size[i]];
  FreePlaces free(sorted_size);
  std::vector<NodeId> order(n);
  std::iota(order.begin(), order.end(), NodeId{0});
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return internal[a] > internal[b]; });
  std::vector<std::uint32_t> community(n);
  std::uint64_t capped = 0;
  {
    RandomStream rng = phase_stream(seed, "lfr/placement", 0);
    std::size_t fitting = 0;  // by_size[0, fitting) can hold the current internal degree
    for (const NodeId v : order) {
      while (fitting < communities && sorted_size[fitting] > internal[v]) ++fitting;
      const std::uint64_t places = free.prefix(fitting);
      const std::size_t pos = places > 0 ? free.find(rng.below(places)) : free.find(0);
      free.add(pos, -1);
      community[v] = static_cast<std::uint32_t>(by_size[pos]);
      if (internal[v] + std::uint64_t{1} > sorted_size[pos]) {
        internal[v] = static_cast<std::uint32_t>(sorted_size[pos] - 1);
        ++capped;
      }
    }
  }
  std::uint64_t dropped = 0;
  std::vector<std::vector<NodeId>> members(communities);
  for (NodeId v = 0; v < n; ++v) members[community[v]].push_back(v);
  for (std::size_t c = 0; c < communities; ++c) {
    std::uint64_t sum = 0;
    for (const NodeId v : members[c]) sum += internal[v];
    if (sum % 2 == 0) continue;
    auto it = std::find_if(members[c].begin(), members[c].end(),
                           [&](NodeId v) { return internal[v] < degree[v] && internal[v] + 1 < size[c]; });
    if (it != members[c].end()) {
      ++internal[*it];  // an external stub becomes internal
    } else {
      // No external stub to move (e.g. mu = 0): drop an internal one, so none leaks outside.
      const NodeId v = *std::find_if(members[c].begin(), members[c].end(), [&](NodeId u) { return internal[u] > 0; });
      --internal[v];
      --degree[v];
      ++dropped;
    }
  }
  // Dropping stubs can leave an odd external sum: drop one external stub too.
  std::uint64_t external_sum = 0;
  for (NodeId v = 0; v < n; ++v) external_sum += degree[v] - internal[v];
  if (external_sum % 2 != 0) {
    --degree[*std::max_element(order.begin(), order.end(),
                               [&](NodeId a, NodeId b) { return degree[a] - internal[a] < degree[b] - internal[b]; })];
    ++dropped;
  }

  // 4. Wiring.
  std::vector<Arc> arcs;
  for (std::size_t c = 0; c < communities; ++c) {
    std::vector<NodeId> stubs;
    for (const NodeId v : members[c]) stubs.insert(stubs.end(), internal[v], v);
    wire(
        std::move(stubs), phase_stream(seed, "lfr/internal", c), [](NodeId a, NodeId b) { return a != b; }, arcs,
        dropped);
  }
  const std::size_t internal_edges = arcs.size();
  {
    std::vector<NodeId> stubs;
    for (NodeId v = 0; v < n; ++v) stubs.insert(stubs.end(), degree[v] - internal[v], v);
    wire(
        std::move(stubs), phase_stream(seed, "lfr/external", 0),
        [&](NodeId a, NodeId b) { return community[a] != community[b]; }, arcs, dropped);
  }
  const double achieved =
      arcs.empty() ? 0.0 : static_cast<double>(arcs.size() - internal_edges) / static_cast<double>(arcs.size());

  std::vector<double> block(community.begin(), community.end());
  const std::string parameters = fmt::format(
      "n={} average_degree={} max_degree={} tau1={} tau2={} min_community={} max_community={} mu={} seed={} "
      "achieved_mu={:.4f} communities={} stubs_dropped={} internal_capped={}",
      n, p.average_degree, p.max_degree, p.tau1, p.tau2, p.min_community, p.max_community, p.mu, seed, achieved,
      communities, dropped, capped);
  if (report) *report = {achieved, communities, dropped, capped};
  return Graph::from_arcs(n, std::move(arcs))
      .with_provenance({"", "lfr", parameters})
      .with_attribute("block", std::move(block));
}

}  // namespace contagion::sim
