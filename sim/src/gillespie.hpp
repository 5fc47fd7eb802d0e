#pragma once
// The event loop of Gillespie's direct method, private to sim/, shared by the exact
// continuous-time models. The engine sees windows of fixed length; advance() simulates every
// event in [t, end). The k-th event's waiting time and choices come from the stream
// (seed, replicate, `stream`, k), so a run is the same for any thread count and any window
// length, which only decides when the state is recorded.

#include <cstdint>

#include "contagion/core/random.hpp"
#include "contagion/sim/model.hpp"
#include "rate_tree.hpp"

namespace contagion::sim::detail {

class Gillespie {
 public:
  explicit Gillespie(std::size_t items) : rates(items) {}

  RateTree rates;  ///< per item (node)

  void reset() noexcept {
    time_ = 0.0;
    events_ = 0;
    pending_ = false;
  }
  double time() const noexcept { return time_; }
  std::uint64_t events() const noexcept { return events_; }

  /// Fires the events before `end`: `fire(item, u)` applies the event of `item` (u is a
  /// further uniform number of the event's stream, for choosing among the item's own
  /// transitions) and updates the rates. `rebuild()` recomputes every rate exactly: it runs
  /// when rounding in the tree picks an item of rate 0, and every size() events.
  template <class Fire, class Rebuild>
  void advance(const StepContext& context, std::uint64_t stream, double end, Fire&& fire, Rebuild&& rebuild) {
    while (true) {
      if (!pending_) {
        const double total = rates.total();
        if (!(total > 1e-300)) return;  // absorbed
        RandomStream rng({context.seed, StreamPurpose::dynamics, context.replicate, stream, events_});
        pending_time_ = time_ + rng.exponential(total);
        pending_choice_ = rng.uniform();
        pending_within_ = rng.uniform();
        pending_ = true;
      }
      if (pending_time_ >= end) return;  // it happens in a later window; nothing changes before it
      std::size_t item = rates.pick(pending_choice_ * rates.total());
      if (rates.rate(item) <= 0.0) {  // rounding in the tree: recompute every rate and pick again
        rebuild();
        item = rates.pick(pending_choice_ * rates.total());
        if (rates.rate(item) <= 0.0) return;
      }
      pending_ = false;
      time_ = pending_time_;
      ++events_;
      fire(item, pending_within_);
      if (events_ % rates.size() == 0) rebuild();
    }
  }

 private:
  double time_ = 0.0;
  std::uint64_t events_ = 0;
  bool pending_ = false;  // the next event is drawn but falls in a later window
  double pending_time_ = 0.0, pending_choice_ = 0.0, pending_within_ = 0.0;
};

}  // namespace contagion::sim::detail
