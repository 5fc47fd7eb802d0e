#pragma once
// The distribution functions the tests need (Boost.Math underneath), with the edge cases the
// reference libraries give: NaN in, NaN out; infinite statistics give tail probabilities 0
// or 1; degrees of freedom <= 0 give NaN.

namespace contagion::stats {

double normal_cdf(double z);
double normal_sf(double z);   ///< 1 - Phi(z), accurate in the upper tail
double normal_ppf(double p);  ///< Phi^-1(p); -inf at 0, +inf at 1

double t_sf(double t, double df);   ///< P(T > t); df = inf gives the normal
double t_ppf(double p, double df);  ///< the p-quantile of Student's t

double f_sf(double f, double df1, double df2);  ///< P(F > f)
double f_ppf(double p, double df1, double df2);

double chi2_sf(double x, double df);  ///< P(X > x)

/// Two-sided p of a t statistic: 2 P(T > |t|), clipped to [0, 1].
double t_two_sided_p(double t, double df);

}  // namespace contagion::stats
