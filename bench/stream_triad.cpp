#include "stream_triad.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>

namespace contagion::bench {

double triad_bandwidth(int threads) {
  const std::int64_t n = std::int64_t{1} << 25;  // 3 arrays x 256 MiB
  auto a = std::make_unique<double[]>(static_cast<std::size_t>(n));
  auto b = std::make_unique<double[]>(static_cast<std::size_t>(n));
  auto c = std::make_unique<double[]>(static_cast<std::size_t>(n));
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {  // first touch by the threads that will use the pages
    a[i] = 0.0;
    b[i] = 1.0;
    c[i] = 2.0;
  }
  double best = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    const auto start = std::chrono::steady_clock::now();
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return 24.0 * static_cast<double>(n) / best;
}

}  // namespace contagion::bench
