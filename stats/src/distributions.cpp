#include "contagion/stats/distributions.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace contagion::stats {
namespace {

// Domain problems give NaN (as scipy does), never an exception or errno.
using Policy =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::promote_double<false>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;
using FisherF = boost::math::fisher_f_distribution<double, Policy>;
using ChiSquared = boost::math::chi_squared_distribution<double, Policy>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool bad_df(double df) {
  return std::isnan(df) || df <= 0.0;
}

}  // namespace

double normal_cdf(double z) {
  if (std::isnan(z)) return kNaN;
  if (std::isinf(z)) return z > 0 ? 1.0 : 0.0;
  return boost::math::cdf(Normal(), z);
}

double normal_sf(double z) {
  if (std::isnan(z)) return kNaN;
  if (std::isinf(z)) return z > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(Normal(), z));
}

double normal_ppf(double p) {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return kNaN;
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(Normal(), p);
}

double t_sf(double t, double df) {
  if (std::isnan(t) || bad_df(df)) return kNaN;
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  if (std::isinf(df)) return normal_sf(t);
  return boost::math::cdf(boost::math::complement(StudentT(df), t));
}

double t_ppf(double p, double df) {
  if (std::isnan(p) || p < 0.0 || p > 1.0 || bad_df(df)) return kNaN;
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (std::isinf(df)) return normal_ppf(p);
  return boost::math::quantile(StudentT(df), p);
}

double f_sf(double f, double df1, double df2) {
  if (std::isnan(f) || bad_df(df1) || bad_df(df2)) return kNaN;
  if (f <= 0.0) return 1.0;
  if (std::isinf(f)) return 0.0;
  return boost::math::cdf(boost::math::complement(FisherF(df1, df2), f));
}

double f_ppf(double p, double df1, double df2) {
  if (std::isnan(p) || p < 0.0 || p > 1.0 || bad_df(df1) || bad_df(df2)) return kNaN;
  if (p == 0.0) return 0.0;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(FisherF(df1, df2), p);
}

double chi2_sf(double x, double df) {
  if (std::isnan(x) || bad_df(df)) return kNaN;
  if (x <= 0.0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return boost::math::cdf(boost::math::complement(ChiSquared(df), x));
}

double t_two_sided_p(double t, double df) {
  const double p = 2.0 * t_sf(std::fabs(t), df);
  return std::isnan(p) ? p : std::clamp(p, 0.0, 1.0);
}

}  // namespace contagion::stats
