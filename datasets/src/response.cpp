#include "contagion/datasets/response.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "contagion/core/error.hpp"

namespace contagion::datasets {

double regularized_gamma_p(double a, double x) {
  if (!(x > 0.0)) return 0.0;
  constexpr double eps = 1e-16;
  constexpr int max_terms = 10000;
  const double log_prefactor = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {  // series: sum x^n / (a (a+1) ... (a+n))
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < max_terms && std::fabs(term) > std::fabs(sum) * eps; ++n) {
      term *= x / (a + n);
      sum += term;
    }
    return sum * std::exp(log_prefactor);
  }
  // Continued fraction for Q(a, x) by the modified Lentz method.
  constexpr double tiny = std::numeric_limits<double>::min() / eps;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int n = 1; n < max_terms; ++n) {
    const double an = -n * (n - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < eps) break;
  }
  return 1.0 - std::exp(log_prefactor) * h;
}

double ResponseShape::max_sustained(double shape) {
  const double c = std::exp(shape - shape * std::log(shape) + std::lgamma(shape + 1.0));
  return c / (1.0 + c);
}

ResponseShape::ResponseShape(double time_to_peak_s, double shape, double sustained)
    : t_(time_to_peak_s), k_(shape), h_(sustained) {
  if (!(t_ > 0.0) || !std::isfinite(t_)) throw ParameterError("time_to_peak_s", fmt::format("{}", t_), "(0, inf)");
  if (!(k_ > 0.0) || !std::isfinite(k_)) throw ParameterError("kernel_shape", fmt::format("{}", k_), "(0, inf)");
  const double h_max = max_sustained(k_);
  if (!(h_ >= 0.0 && h_ < h_max))
    throw ParameterError("sustained_share", fmt::format("{}", h_),
                         fmt::format("[0, {:.4f}) (one peak with kernel_shape {})", h_max, k_));
  if (h_ == 0.0) {  // the phasic kernel, exactly
    peak_s_ = t_;
    return;
  }
  const double c = std::exp(k_ - k_ * std::log(k_) + std::lgamma(k_ + 1.0));
  peak_s_ = t_ / (1.0 - h_ / ((1.0 - h_) * c));
  peak_value_ = (1.0 - h_) * phasic(peak_s_) + h_ * regularized_gamma_p(k_ + 1.0, k_ * peak_s_ / t_);
}

double ResponseShape::phasic(double s) const {
  if (s <= 0.0) return 0.0;
  const double x = s / t_;
  return std::pow(x, k_) * std::exp(k_ * (1.0 - x));
}

double ResponseShape::sustained(double s, double length_s) const {
  if (s <= 0.0) return 0.0;
  if (h_ == 0.0) return phasic(s);
  double boxcar = regularized_gamma_p(k_ + 1.0, k_ * s / t_);
  if (s > length_s) boxcar -= regularized_gamma_p(k_ + 1.0, k_ * (s - length_s) / t_);
  return ((1.0 - h_) * phasic(s) + h_ * boxcar) / peak_value_;
}

}  // namespace contagion::datasets
