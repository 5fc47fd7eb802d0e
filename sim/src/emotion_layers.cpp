#include "contagion/sim/emotion_layers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {

EmotionLayers::EmotionLayers(std::vector<EmotionLayer> layers) : layers_(std::move(layers)) {
  if (layers_.empty()) throw Error("a model of several emotions needs at least one emotion");
  for (std::size_t k = 0; k < layers_.size(); ++k) {
    const auto& [name, model] = layers_[k];
    const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!word) throw ParameterError("emotions", fmt::format("'{}'", name), "names of letters, digits and '_'");
    for (std::size_t l = 0; l < k; ++l)
      if (layers_[l].name == name) throw ParameterError("emotions", fmt::format("'{}' twice", name), "distinct names");
    if (!model || model->columns() != 1 || model->num_nodes() != layers_.front().model->num_nodes())
      throw Error(fmt::format("emotion '{}': every layer must be a one-column model on the same graph", name));
    stream_keys_.push_back(stream_id(name));
  }
}

void EmotionLayers::reset(std::span<const double> initial) {
  check_initial_size(initial);
  const std::size_t n = num_nodes(), k = layers_.size();
  column_.resize(n);
  for (std::size_t l = 0; l < k; ++l) {
    for (std::size_t i = 0; i < n; ++i) column_[i] = initial[i * k + l];
    try {
      layers_[l].model->reset(column_);
    } catch (const Error& e) {
      throw Error(fmt::format("emotion '{}': {}", layers_[l].name, e.message()), e.context());
    }
  }
}

double EmotionLayers::step(const StepContext& context) {
  double moved = 0.0;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    StepContext own = context;
    // A seed per layer, derived from the run's seed and the emotion's name.
    own.seed =
        RandomStream({context.seed, StreamPurpose::dynamics, 0, stream_id("emotion layer"), stream_keys_[l]}).bits();
    moved += layers_[l].model->step(own);
  }
  return moved;
}

std::span<const double> EmotionLayers::state() const {
  const std::size_t n = num_nodes(), k = layers_.size();
  view_.resize(n * k);
  for (std::size_t l = 0; l < k; ++l) {
    const auto column = layers_[l].model->state();
    for (std::size_t i = 0; i < n; ++i) view_[i * k + l] = column[i];
  }
  return view_;
}

std::vector<Observation> EmotionLayers::observations() const {
  std::vector<Observation> out;
  for (const auto& [name, model] : layers_)
    for (auto& o : model->observations()) out.push_back({name + "_" + o.name, o.value});
  return out;
}

}  // namespace contagion::sim
