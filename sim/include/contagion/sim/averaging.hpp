#pragma once
// Linear averaging models (MODELS.md §A1, §A2).
//
// DeGroot (French 1956; DeGroot 1974): x(t+1) = W x(t), for one or several topics at once
// (the same W applied column-wise). Converges to (pi^T x(0)) 1 when W is primitive.
//
// Friedkin–Johnsen (1990, 1999): x(t+1) = Lambda W x(t) + (I - Lambda) u, with prejudice
// u = x(0) and susceptibility lambda_i in [0, 1] (1 - lambda_i = stubbornness). With
// `coupled`, lambda_i = 1 - w_ii as in the original papers. Converges to
// (I - Lambda W)^-1 (I - Lambda) u when every fully susceptible agent reaches a stubborn one.

#include <vector>

#include "contagion/sim/influence.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

class DeGroot final : public Model {
 public:
  explicit DeGroot(InfluenceMatrix influence, std::size_t topics = 1);

  std::string_view name() const override { return "degroot"; }
  NodeId num_nodes() const override { return influence_.size(); }
  std::size_t columns() const override { return topics_; }
  void reset(std::span<const double> initial) override;
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }

 private:
  InfluenceMatrix influence_;
  std::size_t topics_;
  std::vector<double> x_, next_;
};

class FriedkinJohnsen final : public Model {
 public:
  /// `susceptibility` lambda in [0, 1] per node; ignored when `coupled` (lambda_i = 1 - w_ii).
  FriedkinJohnsen(InfluenceMatrix influence, NodeParameter susceptibility, bool coupled = false);

  std::string_view name() const override { return "friedkin_johnsen"; }
  NodeId num_nodes() const override { return influence_.size(); }
  /// Also sets the prejudice u = x(0).
  void reset(std::span<const double> initial) override;
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }

  /// lambda_i after resolving `coupled`.
  std::span<const double> susceptibility() const noexcept { return lambda_; }

 private:
  InfluenceMatrix influence_;
  std::vector<double> lambda_;
  std::vector<double> prejudice_, x_, next_;
};

}  // namespace contagion::sim
