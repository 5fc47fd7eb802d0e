#include "contagion/sim/model.hpp"

#include <fmt/format.h>

#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::sim {

void Model::check_initial_size(std::span<const double> initial) const {
  const std::size_t expected = std::size_t{num_nodes()} * columns();
  if (initial.size() != expected)
    throw Error(fmt::format("initial state has {} values; {} expects {} ({} nodes x {} columns)", initial.size(),
                            name(), expected, num_nodes(), columns()));
  for (std::size_t i = 0; i < initial.size(); ++i)
    if (!std::isfinite(initial[i]))
      throw Error(fmt::format("initial state value {} (node {}) is not finite", i, i / columns()));
}

void NodeParameter::validate(const std::string& name, NodeId n, double low, double high) const {
  auto range = fmt::format("[{}, {}]", low, high);
  if (!per_node_) {
    if (!(uniform_ >= low && uniform_ <= high)) throw ParameterError(name, fmt::format("{}", uniform_), range);
    return;
  }
  if (values_.size() != n)
    throw Error(fmt::format("parameter '{}' has {} per-node values for {} nodes", name, values_.size(), n));
  for (NodeId i = 0; i < n; ++i)
    if (!(values_[i] >= low && values_[i] <= high))
      throw ParameterError(fmt::format("{}[{}]", name, i), fmt::format("{}", values_[i]), range);
}

}  // namespace contagion::sim
