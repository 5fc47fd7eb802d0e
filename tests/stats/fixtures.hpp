#pragma once
// Reading the reference fixtures in tests/data/stats (made by make_fixtures.py with scipy,
// statsmodels, sklearn and R), and comparing numbers with a relative tolerance that treats
// NaN = NaN and inf = inf as agreement.

#include <catch2/catch.hpp>

#include <Eigen/Core>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace contagion::stats::test {

using Json = nlohmann::json;

inline const Json& fixture(const std::string& file) {
  static std::map<std::string, Json> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    std::ifstream in(std::string(CONTAGION_TEST_DATA) + "/stats/" + file);
    REQUIRE(in.good());
    it = cache.emplace(file, Json::parse(in)).first;
  }
  return it->second;
}

/// null is NaN, "inf" / "-inf" are infinities.
inline double num(const Json& v) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (v.is_string()) return v.get<std::string>() == "-inf" ? -INFINITY : INFINITY;
  return v.get<double>();
}

inline std::vector<double> vec(const Json& v) {
  std::vector<double> out;
  for (const auto& x : v) out.push_back(num(x));
  return out;
}

inline Eigen::VectorXd evec(const Json& v) {
  const std::vector<double> x = vec(v);
  return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

inline Eigen::MatrixXd mat(const Json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()),
                    rows.empty() ? 0 : static_cast<Eigen::Index>(rows[0].size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      m(i, j) = num(rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
  return m;
}

/// |actual - expected| <= rel |expected| + abs, or both NaN, or the same infinity.
inline bool near(double actual, double expected, double rel, double abs = 0.0) {
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected)) return actual == expected;
  return std::fabs(actual - expected) <= rel * std::fabs(expected) + abs;
}

}  // namespace contagion::stats::test

/// CHECK that `actual` is within `rel` (relative) of `expected`, showing both on failure.
#define CHECK_NEAR(actual, expected, rel)                                                                     \
  do {                                                                                                        \
    const double a_ = (actual), e_ = (expected);                                                              \
    INFO(#actual << " = " << std::setprecision(17) << a_ << ", expected " << e_ << " (rel " << (rel) << ")"); \
    CHECK(contagion::stats::test::near(a_, e_, (rel)));                                                       \
  } while (false)

#define CHECK_NEAR_ABS(actual, expected, rel, abs_tol)                            \
  do {                                                                            \
    const double a_ = (actual), e_ = (expected);                                  \
    INFO(#actual << " = " << std::setprecision(17) << a_ << ", expected " << e_); \
    CHECK(contagion::stats::test::near(a_, e_, (rel), (abs_tol)));                \
  } while (false)
