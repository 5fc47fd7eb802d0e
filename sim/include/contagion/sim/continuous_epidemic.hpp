#pragma once
// Exact continuous-time SI / SIS / SIR on a graph (Gillespie's direct method), MODELS.md §A7:
// a susceptible node i is infected at rate a + tau * sum_{j in row(i), infected} w_ij, an
// infected node recovers at rate gamma_i (SIS: back to S, SIR: to R). With a > 0, SIS is the
// continuous-time SISa of Hill et al. (2010). Node rates sit in a Fenwick tree, so an event
// costs O(d log n).
//
// The engine sees windows of fixed length: one step simulates every event in
// [t, t + window). The k-th event's waiting time and choice come from the stream (seed,
// replicate, k), so a run is the same for any thread count and any window length (which only
// decides when the state is recorded). States are 0 = S, 1 = I, 2 = R.

#include <cstdint>
#include <memory>
#include <vector>

#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {
namespace detail {
class CommunityReach;
class Gillespie;
class IncomingArcs;
}  // namespace detail

struct ContinuousEpidemicParams {
  EpidemicKind kind = EpidemicKind::sir;
  double rate = 1.0;             ///< tau, per infected contact (per unit weight when weighted), >= 0
  bool weighted = false;         ///< multiply tau by the arc weight
  NodeParameter recovery = 1.0;  ///< gamma_i >= 0 (SIS, SIR)
  double spontaneous = 0.0;      ///< a >= 0
  double window = 1.0;           ///< time per engine step, > 0
};

class ContinuousEpidemic final : public Model {
 public:
  ContinuousEpidemic(Graph graph, ContinuousEpidemicParams params);
  ~ContinuousEpidemic() override;

  std::string_view name() const override { return "continuous_epidemic"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  bool has_opinions() const override { return false; }
  double dt() const override { return params_.window; }
  void reset(std::span<const double> initial) override;
  /// Simulates the events of one window; returns the total event rate at its end (0: absorbed).
  double step(const StepContext& context) override;
  std::span<const double> state() const override;
  std::vector<Observation> observations() const override;

  std::span<const std::uint8_t> compartments() const noexcept { return state_; }
  std::uint64_t events() const noexcept;  ///< events fired since reset()

 private:
  double node_rate(NodeId i) const;
  void rebuild_rates();

  Graph graph_;
  ContinuousEpidemicParams params_;
  std::vector<double> tau_;  // per arc: tau * weight
  std::vector<double> gamma_;
  std::shared_ptr<const detail::IncomingArcs> incoming_;  // who attends to v: their rates change when v does
  std::vector<std::uint8_t> state_, ever_;
  std::unique_ptr<detail::Gillespie> events_;  // node rates and the event clock
  mutable std::vector<double> view_;
  std::shared_ptr<const detail::CommunityReach> communities_;  // from the "block" attribute
};

}  // namespace contagion::sim
