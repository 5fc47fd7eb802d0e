#pragma once
// The interface every dynamical model implements, so that the stepping engine (engine.hpp)
// is written once. A model owns its state buffers; step() advances them by one step (one
// synchronous update, or one sweep of n asynchronous events) and reports how much the
// observed state changed. Per-node kernels run through the parallel helpers; a model writes
// only node i's entries when updating node i (double buffering), never a neighbour's.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// What a step needs to know besides the model's own state.
struct StepContext {
  std::uint64_t step = 0;  ///< index of the step being taken (0 for the first)
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  int threads = 1;
};

/// A number a model reports about its own state each time metrics are taken (the fraction
/// of nodes in a compartment, the coverage so far, ...); stored as metrics/<name>.
struct Observation {
  std::string name;
  double value = 0.0;
};

/// A further state vector to observe (EPO's expressed opinions, ...).
struct NamedState {
  std::string name;
  std::span<const double> values;  ///< row-major n x columns
};

class Model {
 public:
  virtual ~Model() = default;

  /// Short identifier, as in scenario files: "degroot", "hegselmann_krause", ...
  virtual std::string_view name() const = 0;
  virtual NodeId num_nodes() const = 0;
  /// Opinions per node (topics); the state is row-major n x columns.
  virtual std::size_t columns() const { return 1; }

  /// Sets x(0) (and any history the model derives from it). Throws contagion::Error when
  /// the size is wrong or a value is outside the model's state space.
  virtual void reset(std::span<const double> initial) = 0;
  /// Takes one step; returns how much the state moved, which the engine compares with the
  /// tolerance: max_i |x_i(t+1) - x_i(t)| for synchronous models; asynchronous stochastic
  /// models document their own measure (0 must mean that nothing can change any more).
  virtual double step(const StepContext& context) = 0;
  /// The observed state x(t).
  virtual std::span<const double> state() const = 0;
  /// Other states worth observing, with their names (empty for most models).
  virtual std::vector<NamedState> extra_states() const { return {}; }
  /// The model's own observations, the same names at every call (empty for most models).
  virtual std::vector<Observation> observations() const { return {}; }
  /// False for models whose state holds categories (compartments), not opinions: the
  /// opinion metrics (mean, variance, ...) are then not taken.
  virtual bool has_opinions() const { return true; }
  /// Time that one step represents (1 for discrete-time models; the Euler step for
  /// continuous-time ones). The engine's time axis is steps x dt.
  virtual double dt() const { return 1.0; }

 protected:
  /// Checks reset()'s input size; throws contagion::Error otherwise.
  void check_initial_size(std::span<const double> initial) const;
};

/// A per-node parameter: either one value for all nodes or one value per node. Checked on
/// construction against an allowed interval; the error names the parameter and the node.
class NodeParameter {
 public:
  NodeParameter() = default;
  NodeParameter(double value) : uniform_(value) {}  // NOLINT(google-explicit-constructor): 0.8 reads naturally
  NodeParameter(std::vector<double> values) : values_(std::move(values)), per_node_(true) {}  // NOLINT

  /// Throws ParameterError ("susceptibility[17] = 1.2 is outside [0, 1]") or a size error.
  void validate(const std::string& name, NodeId n, double low, double high) const;
  double operator[](NodeId i) const noexcept { return per_node_ ? values_[i] : uniform_; }
  bool per_node() const noexcept { return per_node_; }

 private:
  double uniform_ = 0.0;
  std::vector<double> values_;
  bool per_node_ = false;
};

}  // namespace contagion::sim
