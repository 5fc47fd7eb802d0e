#pragma once
// Event rates of n items in a Fenwick (binary indexed) tree, private to sim/: the exact
// continuous-time simulators (Gillespie's direct method) change one rate and pick the item
// whose cumulative-rate interval holds a uniform target, each in O(log n).

#include <algorithm>
#include <bit>
#include <cstddef>
#include <vector>

namespace contagion::sim::detail {

class RateTree {
 public:
  explicit RateTree(std::size_t n = 0) : rate_(n, 0.0), tree_(n + 1, 0.0) {}

  std::size_t size() const noexcept { return rate_.size(); }
  double rate(std::size_t i) const noexcept { return rate_[i]; }

  /// Sets every rate from `rate_of(i)` and sums from scratch, which also clears the rounding
  /// that incremental updates accumulate.
  template <class RateOf>
  void rebuild(RateOf&& rate_of) {
    const std::size_t n = rate_.size();
    std::fill(tree_.begin(), tree_.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      rate_[i] = rate_of(i);
      tree_[i + 1] += rate_[i];
      const std::size_t parent = (i + 1) + ((i + 1) & (~(i + 1) + 1));
      if (parent <= n) tree_[parent] += tree_[i + 1];
    }
  }

  void set(std::size_t i, double rate) noexcept {
    const double delta = rate - rate_[i];
    rate_[i] = rate;
    for (std::size_t k = i + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] += delta;
  }

  double total() const noexcept {
    double sum = 0.0;
    for (std::size_t k = rate_.size(); k > 0; k -= k & (~k + 1)) sum += tree_[k];
    return sum;
  }

  /// The item whose cumulative-rate interval holds `target` (in [0, total())). Rounding can
  /// land past the last item of positive rate; the answer then steps back to one that can fire
  /// (the caller still checks rate() > 0: a tree that has drifted needs a rebuild).
  std::size_t pick(double target) const noexcept {
    std::size_t position = 0;
    for (std::size_t step = std::bit_floor(tree_.size() - 1); step > 0; step >>= 1) {
      const std::size_t next = position + step;
      if (next < tree_.size() && tree_[next] <= target) {
        position = next;
        target -= tree_[next];
      }
    }
    std::size_t i = std::min(position, rate_.size() - 1);
    while (rate_[i] <= 0.0 && i > 0) --i;
    return i;
  }

 private:
  std::vector<double> rate_;  // current rate per item
  std::vector<double> tree_;  // Fenwick partial sums over rate_, 1-based
};

}  // namespace contagion::sim::detail
