#pragma once
// The expressed–private opinion (EPO) model of Ye, Qin, Govaert, Anderson & Cao,
// Automatica 107 (2019) 371–381 (MODELS.md §A3.2; equations [U]: reconstructed, check index
// conventions before relying on them):
//   x̂(t)   = Phi x(t) + (I - Phi) W x̂(t-1)                         (expressed)
//   x(t+1) = Lambda (D_W x(t) + (W - D_W) x̂(t)) + (I - Lambda) x(0) (private)
// phi_i in [0, 1] is resilience to the pressure to conform (1: says what it thinks),
// lambda_i in [0, 1] susceptibility (1 - lambda_i anchors to x(0)). Our convention for the
// start: W x̂(-1) := W x(0), i.e. x̂(0) = Phi x(0) + (I - Phi) W x(0).
// The observed state is the private opinion; "expressed" is observed too.
// Phi = I reduces the model to Friedkin–Johnsen.

#include <vector>

#include "contagion/sim/influence.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

class ExpressedPrivate final : public Model {
 public:
  ExpressedPrivate(InfluenceMatrix influence, NodeParameter resilience, NodeParameter susceptibility);

  std::string_view name() const override { return "expressed_private"; }
  NodeId num_nodes() const override { return influence_.size(); }
  void reset(std::span<const double> initial) override;
  /// Returns the larger of the private and expressed changes.
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }
  std::vector<NamedState> extra_states() const override { return {{"expressed", expressed_}}; }

  std::span<const double> expressed() const noexcept { return expressed_; }

 private:
  InfluenceMatrix influence_;
  std::vector<double> phi_, lambda_;
  std::vector<double> initial_, x_, expressed_, next_x_, next_expressed_, local_public_;
};

}  // namespace contagion::sim
