#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "contagion/core/random.hpp"

using contagion::RandomStream;
using contagion::StreamKey;
using contagion::StreamPurpose;

TEST_CASE("a stream is a pure function of its key", "[core][random]") {
  const StreamKey key{42, StreamPurpose::dynamics, 3, 17, 1000};
  RandomStream a(key), b(key);
  for (int i = 0; i < 100; ++i) REQUIRE(a.bits() == b.bits());
}

TEST_CASE("every field of the key changes the stream", "[core][random]") {
  const StreamKey base{42, StreamPurpose::dynamics, 3, 17, 1000};
  const std::uint64_t first = RandomStream(base).bits();
  auto with = [&](auto change) {
    StreamKey k = base;
    change(k);
    return RandomStream(k).bits();
  };
  CHECK(with([](StreamKey& k) { k.seed = 43; }) != first);
  CHECK(with([](StreamKey& k) { k.purpose = StreamPurpose::graph; }) != first);
  CHECK(with([](StreamKey& k) { k.replicate = 4; }) != first);
  CHECK(with([](StreamKey& k) { k.step = 18; }) != first);
  CHECK(with([](StreamKey& k) { k.entity = 1001; }) != first);
}

TEST_CASE("golden values pin Philox4x64-10 and the samplers across platforms", "[core][random]") {
  // If these change, every stored result changes: that needs a format note in CHANGELOG.md.
  RandomStream s({1, StreamPurpose::dynamics, 0, 0, 0});
  const std::uint64_t b0 = s.bits();
  RandomStream t({1, StreamPurpose::dynamics, 0, 0, 0});
  CHECK(t.uniform() == static_cast<double>(b0 >> 11) * 0x1.0p-53);
  // Random123's known-answer test for Philox4x64-10: counter 0, key 0 -> first word.
  RandomStream zero({0, static_cast<StreamPurpose>(0), 0, 0, 0});
  CHECK(zero.bits() == 0x16554d9eca36314cull);
}

TEST_CASE("uniform draws have the right moments", "[core][random]") {
  RandomStream s({7, StreamPurpose::dynamics, 0, 0, 0});
  const int n = 200000;
  double sum = 0.0, sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  // Standard errors: sqrt(1/12/n) = 6.5e-4 for the mean; 5 sigma.
  CHECK(std::abs(mean - 0.5) < 5 * 6.5e-4);
  CHECK(std::abs(var - 1.0 / 12.0) < 1e-3);
}

TEST_CASE("below(n) is uniform on 0..n-1", "[core][random]") {
  RandomStream s({9, StreamPurpose::dynamics, 0, 0, 0});
  const int n = 7, draws = 70000;
  std::vector<int> counts(n, 0);
  for (int i = 0; i < draws; ++i) {
    const auto k = s.below(n);
    REQUIRE(k < static_cast<std::uint64_t>(n));
    ++counts[k];
  }
  // Chi-square with 6 df: the 99.9th percentile is 22.46.
  double chi2 = 0.0;
  for (const int c : counts) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
  CHECK(chi2 < 22.46);
  CHECK(RandomStream({1, StreamPurpose::dynamics, 0, 0, 0}).below(1) == 0);
}

TEST_CASE("normal, exponential and geometric samplers match their means and variances", "[core][random]") {
  RandomStream s({11, StreamPurpose::dynamics, 0, 0, 0});
  const int n = 200000;
  double sn = 0, sn2 = 0, se = 0, sg = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    sn += z;
    sn2 += z * z;
    se += s.exponential(2.0);
    sg += static_cast<double>(s.geometric(0.25));
  }
  CHECK(std::abs(sn / n) < 5.0 / std::sqrt(n));
  CHECK(std::abs(sn2 / n - 1.0) < 0.02);
  CHECK(std::abs(se / n - 0.5) < 5 * 0.5 / std::sqrt(n));
  // Failures before the first success: mean (1-p)/p = 3, sd sqrt(1-p)/p = 3.46.
  CHECK(std::abs(sg / n - 3.0) < 5 * 3.46 / std::sqrt(n));
  CHECK(s.geometric(1.0) == 0);
}
