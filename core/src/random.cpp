#include "contagion/core/random.hpp"

#include <limits>
#include <numbers>

namespace contagion {
namespace {
__extension__ using uint128 = unsigned __int128;  // GCC/Clang extension for the 64x64->128 multiply
}

void RandomStream::refill() noexcept {
  const Philox::ctr_type out = Philox{}(counter_, key_);
  for (std::size_t i = 0; i < block_.size(); ++i) block_[i] = out.v[i];
  ++counter_.v[3];  // the draw index; the other three words address the stream
  used_ = 0;
}

std::uint64_t RandomStream::below(std::uint64_t n) noexcept {
  // Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1).
  uint128 m = static_cast<uint128>(bits()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<uint128>(bits()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double RandomStream::normal() noexcept {
  const double u1 = uniform_pos();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint64_t RandomStream::geometric(double p) noexcept {
  if (p >= 1.0) return 0;
  const double g = std::floor(std::log(uniform_pos()) / std::log1p(-p));
  if (!(g < 1.8e19)) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(g);
}

}  // namespace contagion
