#pragma once
// How a caller watches and stops long work: a stop flag (set by Ctrl-C) and a progress
// callback. Passed down by library calls that may run for long; both parts are optional.

#include <atomic>
#include <cstdint>
#include <functional>

namespace contagion {

struct RunControl {
  /// When set, work stops cleanly at the next safe point (between steps) and says so.
  const std::atomic<bool>* stop = nullptr;
  /// Called with (done, total) as work advances, possibly often: throttle in the callback.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;

  bool stop_requested() const noexcept { return stop && stop->load(std::memory_order_relaxed); }
  void report(std::uint64_t done, std::uint64_t total) const {
    if (progress) progress(done, total);
  }
};

}  // namespace contagion
