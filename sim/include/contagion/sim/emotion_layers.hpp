#pragma once
// Several emotions spreading at once on one graph, each independently of the others (weak-tie
// diffusion of anger and joy, MODELS.md §A6): one single-emotion model per emotion ("layer"),
// all started from the same initial state. A node can carry several emotions at once.
//
// The state is n x K (column k: emotion k's compartments); each layer's observations are
// reported with the emotion's name as prefix ("anger_coverage", "joy_I", ...). Every layer
// draws from its own random streams, keyed by the emotion's name, so adding an emotion does
// not change the others' runs.

#include <memory>
#include <string>
#include <vector>

#include "contagion/sim/model.hpp"

namespace contagion::sim {

struct EmotionLayer {
  std::string name;  ///< letters, digits and '_'
  std::unique_ptr<Model> model;
};

class EmotionLayers final : public Model {
 public:
  /// Every layer must be a one-column model on the same number of nodes.
  explicit EmotionLayers(std::vector<EmotionLayer> layers);

  std::string_view name() const override { return layers_.front().model->name(); }
  NodeId num_nodes() const override { return layers_.front().model->num_nodes(); }
  std::size_t columns() const override { return layers_.size(); }
  bool has_opinions() const override { return layers_.front().model->has_opinions(); }
  double dt() const override { return layers_.front().model->dt(); }
  /// n x K values, row-major (the same column for each layer when seeds are given).
  void reset(std::span<const double> initial) override;
  /// The sum of the layers' step results: 0 exactly when every layer is absorbed.
  double step(const StepContext& context) override;
  std::span<const double> state() const override;
  std::vector<Observation> observations() const override;

 private:
  std::vector<EmotionLayer> layers_;
  std::vector<std::uint64_t> stream_keys_;  // per layer, from its name
  std::vector<double> column_;              // one layer's initial state
  mutable std::vector<double> view_;        // state() interleaved
};

}  // namespace contagion::sim
