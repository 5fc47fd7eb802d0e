#include "contagion/sim/bounded_confidence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "parallel.hpp"

namespace contagion::sim {

// ---- Hegselmann–Krause -----------------------------------------------------------------

HegselmannKrause::HegselmannKrause(Graph graph, HegselmannKrauseParams params)
    : graph_(std::move(graph)), params_(std::move(params)) {
  params_.epsilon.validate("epsilon", graph_.num_nodes(), 0.0, 1e300);
  for (NodeId i = 0; i < graph_.num_nodes(); ++i)
    if (!(params_.epsilon[i] > 0.0))
      throw ParameterError(params_.epsilon.per_node() ? fmt::format("epsilon[{}]", i) : "epsilon",
                           fmt::format("{}", params_.epsilon[i]), "(0, inf)");
  x_.assign(graph_.num_nodes(), 0.0);
  next_ = x_;
}

void HegselmannKrause::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), x_.begin());
}

double HegselmannKrause::step(const StepContext& context) {
  if (params_.mixing == Mixing::complete)
    step_complete(context.threads);
  else
    step_graph(context.threads);
  const double change =
      detail::parallel_max(x_.size(), context.threads, [&](std::size_t i) { return std::abs(next_[i] - x_[i]); });
  x_.swap(next_);
  return change;
}

void HegselmannKrause::step_graph(int threads) {
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  const bool inclusive = params_.inclusive;
  detail::parallel_for(x_.size(), threads, [&](std::size_t i) {
    const double xi = x_[i];
    const double eps = params_.epsilon[static_cast<NodeId>(i)];
    double sum = xi;
    std::uint64_t count = 1;
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
      const double xj = x_[targets[e]];
      const double d = std::abs(xj - xi);
      if (inclusive ? d <= eps : d < eps) {
        sum += xj;
        ++count;
      }
    }
    next_[i] = sum / static_cast<double>(count);
  });
}

void HegselmannKrause::step_complete(int threads) {
  const std::size_t n = x_.size();
  by_opinion_.resize(n);
  for (std::size_t i = 0; i < n; ++i) by_opinion_[i] = {x_[i], static_cast<NodeId>(i)};
  std::sort(by_opinion_.begin(), by_opinion_.end());
  sorted_.resize(n);
  prefix_.assign(n + 1, 0.0L);
  for (std::size_t k = 0; k < n; ++k) {
    sorted_[k] = by_opinion_[k].first;
    prefix_[k + 1] = prefix_[k] + static_cast<long double>(sorted_[k]);
  }
  // Agents j with |x_j - x_i| within eps form one contiguous run of the sorted opinions. The
  // ends are found by comparing the distance itself, exactly as the graph mode does.
  const bool inclusive = params_.inclusive;
  auto in_range = [inclusive](double xj, double xi, double eps) {
    const double d = std::abs(xj - xi);
    return inclusive ? d <= eps : d < eps;
  };
  auto mean_of = [&](std::size_t a, std::size_t b) {
    return static_cast<double>((prefix_[b] - prefix_[a]) / static_cast<long double>(b - a));
  };
  if (!params_.epsilon.per_node()) {
    // One eps for all: both ends only move right as x_i grows, so one sweep finds every run.
    const double eps = params_.epsilon[0];
    for (std::size_t k = 0, lo = 0, hi = 0; k < n; ++k) {
      const double xi = sorted_[k];
      while (!in_range(sorted_[lo], xi, eps)) ++lo;
      hi = std::max(hi, k + 1);
      while (hi < n && in_range(sorted_[hi], xi, eps)) ++hi;
      next_[by_opinion_[k].second] = mean_of(lo, hi);
    }
    return;
  }
  detail::parallel_for(n, threads, [&](std::size_t k) {
    const double xi = sorted_[k];
    const NodeId i = by_opinion_[k].second;
    const double eps = params_.epsilon[i];
    const auto centre = sorted_.begin() + static_cast<std::ptrdiff_t>(k);
    const auto lo = std::partition_point(sorted_.begin(), centre, [&](double xj) { return !in_range(xj, xi, eps); });
    const auto hi = std::partition_point(centre, sorted_.end(), [&](double xj) { return in_range(xj, xi, eps); });
    next_[i] = mean_of(static_cast<std::size_t>(lo - sorted_.begin()), static_cast<std::size_t>(hi - sorted_.begin()));
  });
}

// ---- Deffuant–Weisbuch -----------------------------------------------------------------

DeffuantWeisbuch::DeffuantWeisbuch(Graph graph, DeffuantWeisbuchParams params)
    : graph_(std::move(graph)), params_(params) {
  if (!(params_.epsilon > 0.0)) throw ParameterError("epsilon", fmt::format("{}", params_.epsilon), "(0, inf)");
  if (!(params_.mu > 0.0 && params_.mu <= 0.5)) throw ParameterError("mu", fmt::format("{}", params_.mu), "(0, 0.5]");
  if (params_.mixing == Mixing::complete && graph_.num_nodes() < 2)
    throw Error("Deffuant–Weisbuch with complete mixing needs at least 2 agents");
  if (params_.mixing == Mixing::graph) {
    sources_.resize(graph_.num_arcs());
    for (NodeId i = 0; i < graph_.num_nodes(); ++i)
      for (EdgeId e = graph_.offsets()[i]; e < graph_.offsets()[i + 1]; ++e) sources_[e] = i;
  }
  x_.assign(graph_.num_nodes(), 0.0);
}

void DeffuantWeisbuch::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), x_.begin());
}

double DeffuantWeisbuch::step(const StepContext& context) {
  const NodeId n = graph_.num_nodes();
  const auto targets = graph_.targets();
  const double eps = params_.epsilon, mu = params_.mu;
  for (std::uint64_t k = 0; k < n; ++k) {
    RandomStream rng({context.seed, StreamPurpose::dynamics, context.replicate, context.step, k});
    NodeId i = 0, j = 0;
    if (params_.mixing == Mixing::graph) {
      if (targets.empty()) break;
      const EdgeId e = rng.below(targets.size());
      i = sources_[e];
      j = targets[e];
    } else {
      i = static_cast<NodeId>(rng.below(n));
      j = static_cast<NodeId>(rng.below(n - 1));
      if (j >= i) ++j;
    }
    const double xi = x_[i], xj = x_[j];
    const double d = std::abs(xi - xj);
    if (params_.inclusive ? d <= eps : d < eps) {
      x_[i] = xi + mu * (xj - xi);
      x_[j] = xj + mu * (xi - xj);
    }
  }
  return potential_change(context.threads);
}

double DeffuantWeisbuch::potential_change(int threads) const {
  // mu * the largest opinion difference between two agents that may still interact.
  const double eps = params_.epsilon;
  const bool inclusive = params_.inclusive;
  auto interacts = [&](double d) { return inclusive ? d <= eps : d < eps; };
  double largest = 0.0;
  if (params_.mixing == Mixing::graph) {
    const auto targets = graph_.targets();
    largest = detail::parallel_max(targets.size(), threads, [&](std::size_t e) {
      const double d = std::abs(x_[sources_[e]] - x_[targets[e]]);
      return interacts(d) ? d : 0.0;
    });
  } else {
    std::vector<double> sorted = x_;
    std::sort(sorted.begin(), sorted.end());
    // For each agent, the farthest partner above it within eps (the run is contiguous).
    for (std::size_t i = 0, j = 0; i < sorted.size(); ++i) {
      j = std::max(j, i);
      while (j + 1 < sorted.size() && interacts(sorted[j + 1] - sorted[i])) ++j;
      largest = std::max(largest, sorted[j] - sorted[i]);
    }
  }
  return params_.mu * largest;
}

}  // namespace contagion::sim
