#pragma once
// Counter-based random streams (Random123 Philox4x64-10).
//
// A draw is a pure function of (seed, purpose, replicate, step, entity, index): no generator
// state is shared between nodes, threads or runs, so a run gives bitwise-identical output for
// any thread count and any order of evaluation. `entity` is a node, an edge or an event.
// The samplers are our own (the standard library's distributions differ between
// implementations), documented with the exact transformation they apply.

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace contagion {

/// What a stream is used for; part of the key so that, e.g., graph generation and dynamics
/// with the same seed never share random numbers.
enum class StreamPurpose : std::uint64_t {
  graph = 1,          ///< graph generators
  initial_state = 2,  ///< initial opinions / states
  dynamics = 3,       ///< stochastic updates during a run
  attributes = 4,     ///< node / edge attributes drawn from distributions
  parameters = 5,     ///< sampled parameters (sweeps, inference)
};

/// Address of one stream: every field is part of the Philox key or counter.
struct StreamKey {
  std::uint64_t seed = 0;
  StreamPurpose purpose = StreamPurpose::dynamics;
  std::uint64_t replicate = 0;
  std::uint64_t step = 0;
  std::uint64_t entity = 0;
};

/// A sequence of random numbers addressed by a StreamKey. Cheap to construct (no state
/// beyond the key and a draw counter), so construct one per node per step.
class RandomStream {
 public:
  explicit RandomStream(const StreamKey& key) noexcept
      : key_{{key.seed, static_cast<std::uint64_t>(key.purpose)}}, counter_{{key.replicate, key.step, key.entity, 0}} {}

  /// 64 uniformly distributed random bits.
  std::uint64_t bits() noexcept {
    if (used_ == block_.size()) refill();
    return block_[used_++];
  }

  /// Uniform double in [0, 1): the top 53 bits scaled by 2^-53.
  double uniform() noexcept { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }

  /// Uniform double in (0, 1]: never 0, safe for logarithms.
  double uniform_pos() noexcept { return static_cast<double>((bits() >> 11) + 1) * 0x1.0p-53; }

  /// Uniform double in [low, high).
  double uniform(double low, double high) noexcept { return low + (high - low) * uniform(); }

  /// Uniform integer in [0, n), n > 0, exactly unbiased (Lemire's multiply-and-reject).
  std::uint64_t below(std::uint64_t n) noexcept;

  /// true with probability p (p outside [0,1] behaves as clamped).
  bool bernoulli(double p) noexcept { return uniform() < p; }

  /// Exponential with the given rate: -log(U)/rate, U in (0,1].
  double exponential(double rate) noexcept { return -std::log(uniform_pos()) / rate; }

  /// Standard normal by the Box–Muller transform (one of the pair is used).
  double normal() noexcept;

  /// Number of failures before the first success of Bernoulli(p) trials, 0 < p <= 1:
  /// floor(log(U)/log(1-p)), U in (0,1]. Used for skipping in sparse generators.
  std::uint64_t geometric(double p) noexcept;

 private:
  using Philox = r123::Philox4x64;
  void refill() noexcept;

  Philox::key_type key_;
  Philox::ctr_type counter_;
  std::array<std::uint64_t, 4> block_{};
  std::size_t used_ = 4;
};

/// A stable 64-bit number for a name (FNV-1a), to address the streams of named things (node
/// attributes, per-arc parameters) in StreamKey::step without depending on their order.
constexpr std::uint64_t stream_id(std::string_view name) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

}  // namespace contagion
