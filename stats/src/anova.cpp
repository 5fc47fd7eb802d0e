#include "contagion/stats/anova.hpp"

#include <fmt/format.h>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/distributions.hpp"
#include "contagion/stats/missing.hpp"

namespace contagion::stats {

Anova one_way_anova(const std::vector<std::vector<double>>& groups) {
  if (groups.size() < 2) throw Error("one-way ANOVA needs at least two groups");
  std::vector<Sample> samples;
  Anova a{};
  double total = 0.0;
  for (const auto& g : groups) {
    samples.push_back(drop_missing(g));
    if (samples.back().values.empty()) throw Error("one-way ANOVA: a group has no values");
    a.missing += samples.back().missing;
    a.n += samples.back().values.size();
    for (const double v : samples.back().values) total += v;
  }
  const double grand = total / static_cast<double>(a.n);
  double ssb = 0.0, ssw = 0.0;
  for (const Sample& s : samples) {
    const double m = mean(s.values);
    ssb += static_cast<double>(s.values.size()) * (m - grand) * (m - grand);
    for (const double v : s.values) ssw += (v - m) * (v - m);
  }
  const double k = static_cast<double>(samples.size());
  a.df_between = k - 1.0;
  a.df_within = static_cast<double>(a.n) - k;
  a.ss_between = ssb;
  a.ss_within = ssw;
  const double msw = ssw / a.df_within;
  a.f = (ssb / a.df_between) / msw;
  a.p = f_sf(a.f, a.df_between, a.df_within);
  a.eta_squared = ssb / (ssb + ssw);
  a.omega_squared = (ssb - a.df_between * msw) / (ssb + ssw + msw);
  return a;
}

std::string_view to_string(IccType type) {
  constexpr std::string_view names[] = {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"};
  return names[static_cast<int>(type)];
}

std::array<Icc, 6> intraclass_correlations(const Eigen::MatrixXd& x, double confidence) {
  const auto rows = x.rows(), cols = x.cols();
  if (rows < 2 || cols < 2)
    throw Error(fmt::format("intraclass correlations need at least 2 targets and 2 raters; got {} x {}", rows, cols));
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j)
      if (!std::isfinite(x(i, j)))
        throw Error(fmt::format("intraclass correlations: rating of target {} by rater {} is missing", i + 1, j + 1));
  const double n = static_cast<double>(rows), k = static_cast<double>(cols);
  const double grand = x.mean();
  const double sst = (x.array() - grand).square().sum();
  const double ssr = k * (x.rowwise().mean().array() - grand).square().sum();
  const double ssc = n * (x.colwise().mean().array() - grand).square().sum();
  const double msr = ssr / (n - 1.0), msc = ssc / (k - 1.0);
  const double mse = (sst - ssr - ssc) / ((n - 1.0) * (k - 1.0));
  const double msw = (sst - ssr) / (n * (k - 1.0));
  const double q = 1.0 - (1.0 - confidence) / 2.0;  // upper quantile of the two-sided interval

  std::array<Icc, 6> out{};
  // One-way random (ICC1, ICC1k): F = MSR / MSW.
  {
    const double f = msr / msw, df1 = n - 1.0, df2 = n * (k - 1.0);
    const double fl = f / f_ppf(q, df1, df2), fu = f * f_ppf(q, df2, df1), p = f_sf(f, df1, df2);
    out[0] = {IccType::icc1,
              (msr - msw) / (msr + (k - 1.0) * msw),
              f,
              df1,
              df2,
              p,
              (fl - 1.0) / (fl + k - 1.0),
              (fu - 1.0) / (fu + k - 1.0)};
    out[3] = {IccType::icc1k, (msr - msw) / msr, f, df1, df2, p, 1.0 - 1.0 / fl, 1.0 - 1.0 / fu};
  }
  // Two-way (ICC2, ICC3 and their averages): F = MSR / MSE.
  const double f = msr / mse, df1 = n - 1.0, df2 = (n - 1.0) * (k - 1.0), p = f_sf(f, df1, df2);
  {
    const double fl = f / f_ppf(q, df1, df2), fu = f * f_ppf(q, df2, df1);
    out[2] = {IccType::icc3,
              (msr - mse) / (msr + (k - 1.0) * mse),
              f,
              df1,
              df2,
              p,
              (fl - 1.0) / (fl + k - 1.0),
              (fu - 1.0) / (fu + k - 1.0)};
    out[5] = {IccType::icc3k, (msr - mse) / msr, f, df1, df2, p, 1.0 - 1.0 / fl, 1.0 - 1.0 / fu};
  }
  {
    const double icc2 = (msr - mse) / (msr + (k - 1.0) * mse + k * (msc - mse) / n);
    // Satterthwaite-type degrees of freedom for the two-way random interval (psych::ICC).
    const double fj = msc / mse;
    const double vn = (k - 1.0) * (n - 1.0) * std::pow(k * icc2 * fj + n * (1.0 + (k - 1.0) * icc2) - k * icc2, 2);
    const double vd = (n - 1.0) * k * k * icc2 * icc2 * fj * fj + std::pow(n * (1.0 + (k - 1.0) * icc2) - k * icc2, 2);
    const double v = vn / vd;
    const double f_upper = f_ppf(q, n - 1.0, v), f_lower = f_ppf(q, v, n - 1.0);
    const double low = n * (msr - f_upper * mse) / (f_upper * (k * msc + (k * n - k - n) * mse) + n * msr);
    const double high = n * (f_lower * msr - mse) / (k * msc + (k * n - k - n) * mse + n * f_lower * msr);
    out[1] = {IccType::icc2, icc2, f, df1, df2, p, low, high};
    out[4] = {IccType::icc2k,
              (msr - mse) / (msr + (msc - mse) / n),
              f,
              df1,
              df2,
              p,
              low * k / (1.0 + low * (k - 1.0)),
              high * k / (1.0 + high * (k - 1.0))};
  }
  return out;
}

}  // namespace contagion::stats
