#pragma once
// The few places where sim/ uses OpenMP. Models call these helpers instead of writing
// pragmas. Reductions here are deterministic: the work is cut into fixed blocks whose size
// does not depend on the thread count, and block results are combined in block order, so
// sums are bitwise identical for 1, 2 or N threads.

#include <omp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

namespace contagion::sim::detail {

inline constexpr std::size_t kReductionBlock = 4096;

/// f(i) for i in [0, n), in parallel; f must write only data owned by i.
template <class F>
void parallel_for(std::size_t n, int threads, F&& f) {
  const auto count = static_cast<std::int64_t>(n);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1024) if (n > 4096)
  for (std::int64_t i = 0; i < count; ++i) f(static_cast<std::size_t>(i));
}

/// f(k) for k in [0, count) as independent tasks (whole runs), one thread each; exceptions
/// are caught in the workers and the first (lowest k) is rethrown after all tasks finished.
template <class F>
void parallel_tasks(std::size_t count, int threads, F&& f) {
  std::vector<std::exception_ptr> errors(count);
  const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (std::int64_t k = 0; k < n; ++k) {
    try {
      f(static_cast<std::size_t>(k));
    } catch (...) {
      errors[static_cast<std::size_t>(k)] = std::current_exception();
    }
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

/// Reduces f(i) over [0, n) with `combine`, block by block in parallel, then the block results
/// in block order: the result is bitwise independent of the thread count.
template <class F, class Combine>
double block_reduce(std::size_t n, int threads, double identity, F&& f, Combine&& combine) {
  const std::size_t blocks = (n + kReductionBlock - 1) / kReductionBlock;
  std::vector<double> partial(blocks, identity);
  // One block is already 4096 items: parallel_for's grain would run up to 4096 blocks on one
  // thread, so the blocks get their own loop.
  const auto count = static_cast<std::int64_t>(blocks);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) if (blocks > 1)
  for (std::int64_t b = 0; b < count; ++b) {
    const auto first = static_cast<std::size_t>(b) * kReductionBlock;
    const std::size_t end = std::min(n, first + kReductionBlock);
    double acc = identity;
    for (std::size_t i = first; i < end; ++i) acc = combine(acc, f(i));
    partial[static_cast<std::size_t>(b)] = acc;
  }
  double result = identity;
  for (const double p : partial) result = combine(result, p);
  return result;
}

/// Sum of f(i) for i in [0, n), bitwise independent of the thread count.
template <class F>
double deterministic_sum(std::size_t n, int threads, F&& f) {
  return block_reduce(n, threads, 0.0, std::forward<F>(f), [](double a, double b) { return a + b; });
}

/// max of f(i) >= 0 for i in [0, n) (0 when n = 0).
template <class F>
double parallel_max(std::size_t n, int threads, F&& f) {
  return block_reduce(n, threads, 0.0, std::forward<F>(f), [](double a, double b) { return std::max(a, b); });
}

}  // namespace contagion::sim::detail
