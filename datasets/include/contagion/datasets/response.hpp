#pragma once
// The facial response model of synthetic lab studies (docs/synthetic.md, "Response model"):
// the gamma-shaped kernel K(s) = (s/T)^k exp(k (1 - s/T)) (peak 1 at s = T) for images, and for
// film clips a sustained response: a phasic part (the kernel) plus a sustained part (the kernel
// convolved with the clip's boxcar), scaled to peak 1:
//
//   r(s) = [(1 - h) K(s) + h (P(k+1, k s/T) - P(k+1, k (s - L)/T) [s > L])] / r_max,
//
// P the regularised lower incomplete gamma function, h the sustained share, L the clip length.
// The unique peak is at s* = T / (1 - h / ((1 - h) c)), c = e^k k^-k Gamma(k + 1), provided
// h < c / (1 + c) and L >= s*.

namespace contagion::datasets {

/// The regularised lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), a > 0,
/// x >= 0 (series below a + 1, continued fraction above; relative accuracy ~1e-14).
double regularized_gamma_p(double a, double x);

class ResponseShape {
 public:
  /// T = time_to_peak_s > 0, k = shape > 0, h = sustained in [0, max_sustained(k)).
  ResponseShape(double time_to_peak_s, double shape, double sustained);

  /// The largest sustained share that keeps one peak: c / (1 + c), c = e^k k^-k Gamma(k + 1).
  static double max_sustained(double shape);

  /// The phasic kernel K(s) (0 for s <= 0).
  double phasic(double s) const;
  /// r(s) for a stimulus of length L (0 for s <= 0); with h = 0 it is the phasic kernel.
  double sustained(double s, double length_s) const;
  /// s*, the time of the sustained response's peak after the response onset (T when h = 0).
  double peak_s() const noexcept { return peak_s_; }

 private:
  double t_, k_, h_;
  double peak_s_ = 0.0, peak_value_ = 1.0;
};

}  // namespace contagion::datasets
