#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/metrics.hpp"

using namespace contagion::sim;

TEST_CASE("metrics of a small state", "[sim][metrics]") {
  const std::vector<double> x{0.1, 0.1005, 0.5, 0.9, 0.9};
  CHECK(compute_metric(Metric::mean, x, 1, 0, {1e-3}, 1) == Approx(2.5005 / 5));
  const double m = 2.5005 / 5;
  double v = 0;
  for (const double xi : x) v += (xi - m) * (xi - m);
  CHECK(compute_metric(Metric::variance, x, 1, 0, {1e-3}, 1) == Approx(v / 5));  // population variance
  CHECK(compute_metric(Metric::min, x, 1, 0, {1e-3}, 1) == 0.1);
  CHECK(compute_metric(Metric::max, x, 1, 0, {1e-3}, 1) == 0.9);
  CHECK(compute_metric(Metric::spread, x, 1, 0, {1e-3}, 1) == Approx(0.8));
  CHECK(compute_metric(Metric::clusters, x, 1, 0, {1e-3}, 1) == 3);
  CHECK(compute_metric(Metric::clusters, x, 1, 0, {1e-4}, 1) == 4);  // 0.1 and 0.1005 now separate
  CHECK(compute_metric(Metric::above, x, 1, 0, {1e-3, 0.5}, 1) == 0.4);
  CHECK(compute_metric(Metric::above, x, 1, 0, {1e-3, 0.1}, 1) == 0.8);  // strictly above: 0.1 itself is not
}

TEST_CASE("metrics of one column of a multi-topic state", "[sim][metrics]") {
  const std::vector<double> x{0, 10, 1, 20, 2, 30};  // 3 nodes x 2 topics
  CHECK(compute_metric(Metric::mean, x, 2, 0, {1e-3}, 1) == 1.0);
  CHECK(compute_metric(Metric::mean, x, 2, 1, {1e-3}, 1) == 20.0);
}

TEST_CASE("sums are bitwise independent of the thread count", "[sim][metrics][determinism]") {
  std::vector<double> x(1000003);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.001 * static_cast<double>(i)) * 1e6 + 1e-3 * i;
  const double one = compute_metric(Metric::variance, x, 1, 0, {1e-3}, 1);
  CHECK(compute_metric(Metric::variance, x, 1, 0, {1e-3}, 2) == one);
  CHECK(compute_metric(Metric::variance, x, 1, 0, {1e-3}, 3) == one);
}

TEST_CASE("metric names parse and print", "[sim][metrics]") {
  for (const Metric m : all_metrics()) CHECK(parse_metric(to_string(m)) == m);
  CHECK(parse_metric("above") == Metric::above);
  CHECK_THROWS_AS(parse_metric("median"), contagion::Error);
}

TEST_CASE("spread summaries: final size, time to coverage, velocity, peak", "[sim][metrics]") {
  const std::vector<double> time{0, 1, 2, 3, 4};
  const std::vector<contagion::MetricSeries> series{{"I", {0.1, 0.3, 0.4, 0.2, 0.0}, 1},
                                                    {"coverage", {0.1, 0.4, 0.7, 0.8, 0.8}, 1}};
  const auto results = spread_results(time, series, {0.5, 0.9});
  auto value = [&](const std::string& name) { return std::get<double>(*contagion::find_parameter(results, name)); };
  CHECK(value("final_coverage") == 0.8);
  CHECK(value("t_coverage_0.5") == 2.0);
  CHECK(value("velocity_0.5") == 0.5);
  CHECK(std::isnan(value("t_coverage_0.9")));  // never reached
  CHECK(value("peak_I") == 0.4);
  CHECK(value("t_peak_I") == 2.0);
  CHECK(spread_results(time, {{"mean", {0, 0, 0, 0, 0}, 1}}, {0.5}).empty());  // not a spreading run
}
