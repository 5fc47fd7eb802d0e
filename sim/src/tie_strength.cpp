#include "contagion/sim/tie_strength.hpp"

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

std::vector<float> edge_overlap(const Graph& graph, int threads) {
  if (graph.directed()) throw Error("edge overlap is defined for undirected graphs; this graph is directed");
  std::vector<float> overlap(graph.num_arcs(), 0.0f);
  const auto offsets = graph.offsets();
  const auto targets = graph.targets();
  detail::parallel_for(graph.num_nodes(), threads, [&](std::size_t i) {
    const auto row_i = graph.neighbours(static_cast<NodeId>(i));
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
      const NodeId j = targets[e];
      const auto row_j = graph.neighbours(j);
      // Common neighbours by merging the two sorted rows.
      std::uint64_t common = 0;
      for (auto a = row_i.begin(), b = row_j.begin(); a != row_i.end() && b != row_j.end();) {
        if (*a < *b)
          ++a;
        else if (*b < *a)
          ++b;
        else {
          ++common;
          ++a;
          ++b;
        }
      }
      const auto denominator = static_cast<double>(row_i.size() - 1 + row_j.size() - 1 - common);
      overlap[e] = denominator > 0.0 ? static_cast<float>(static_cast<double>(common) / denominator) : 0.0f;
    }
  });
  return overlap;
}

}  // namespace contagion::sim
