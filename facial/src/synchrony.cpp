#include "contagion/facial/synchrony.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/core/text_file.hpp"
#include "delimited.hpp"

namespace contagion::facial {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxR = 1.0 - 1e-7;

struct Moments {
  double mean = 0.0, sd = 0.0;  // population SD (R's ccf divides by n)
};

Moments moments(std::span<const double> x) {
  Moments m;
  for (const double v : x) m.mean += v;
  m.mean /= static_cast<double>(x.size());
  for (const double v : x) m.sd += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(m.sd / static_cast<double>(x.size()));
  return m;
}

double mean_of(const std::vector<double>& v, std::size_t from, std::size_t to) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i)
    if (std::isfinite(v[i])) {
      sum += v[i];
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : kNaN;
}

}  // namespace

Synchrony lagged_synchrony(std::span<const double> s1, std::span<const double> s2, double rate,
                           const SynchronyOptions& o) {
  if (s1.size() != s2.size())
    throw Error(fmt::format("the two series differ in length: {} and {} samples", s1.size(), s2.size()));
  if (!(rate > 0.0) || !(o.window_s > 0.0) || !(o.step_s > 0.0) || !(o.max_lag_s >= 0.0))
    throw Error("synchrony: the rate, window and step must be positive and the lag not negative");
  const auto win = static_cast<std::size_t>(std::llround(o.window_s * rate));
  const auto inc = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(o.step_s * rate)));
  const auto max_lag = static_cast<std::size_t>(std::llround(o.max_lag_s * rate));
  if (win < 2 * max_lag + 2 || win > s1.size())
    throw Error(
        fmt::format("a window of {} samples does not fit {} samples with lags up to {}", win, s1.size(), max_lag));
  Synchrony out;
  out.rate = rate;
  const std::size_t lags = 2 * max_lag + 1;
  for (std::size_t k = 0; k < lags; ++k)
    out.lag_s.push_back((static_cast<double>(k) - static_cast<double>(max_lag)) / rate);
  for (std::size_t start = 0; start + win <= s1.size(); start += inc) {
    const auto a = s1.subspan(start, win), b = s2.subspan(start, win);
    const Moments ma = moments(a), mb = moments(b);
    std::vector<double> z(lags, kNaN);
    if (ma.sd > 0.0 && mb.sd > 0.0 && std::isfinite(ma.mean) && std::isfinite(mb.mean)) {
      for (std::size_t k = 0; k < lags; ++k) {
        const auto lag = static_cast<std::ptrdiff_t>(k) - static_cast<std::ptrdiff_t>(max_lag);
        double c = 0.0;
        for (std::size_t t = 0; t < win; ++t) {
          const auto u = static_cast<std::ptrdiff_t>(t) + lag;  // s2 at t + lag
          if (u < 0 || u >= static_cast<std::ptrdiff_t>(win)) continue;
          c += (a[t] - ma.mean) * (b[static_cast<std::size_t>(u)] - mb.mean);
        }
        const double r = std::clamp(c / static_cast<double>(win) / (ma.sd * mb.sd), -kMaxR, kMaxR);
        z[k] = std::fabs(std::atanh(r));
      }
    }
    out.window_start_s.push_back(static_cast<double>(start) / rate);
    out.lag0.push_back(z[max_lag]);
    out.mean_all.push_back(mean_of(z, 0, lags));
    out.mean_s1_follows.push_back(mean_of(z, 0, max_lag));
    out.mean_s2_follows.push_back(mean_of(z, max_lag + 1, lags));
    std::size_t best = max_lag;
    for (std::size_t k = 0; k < lags; ++k)
      if (std::isfinite(z[k]) && !(z[k] <= z[best])) best = k;
    out.best_lag_s.push_back(std::isfinite(z[best]) ? out.lag_s[best] : kNaN);
    out.z.push_back(std::move(z));
  }
  out.grand_average = mean_of(out.mean_all, 0, out.mean_all.size());
  return out;
}

SurrogateSummary shuffled_surrogates(std::span<const double> s1, std::span<const double> s2, double rate,
                                     const SynchronyOptions& options, double real, double segment_s, int count,
                                     std::uint64_t seed) {
  const auto segment = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(segment_s * rate)));
  const std::size_t segments = (s2.size() + segment - 1) / segment;
  SurrogateSummary out;
  std::vector<double> shuffled(s2.size());
  for (int k = 0; k < count; ++k) {
    // Fisher-Yates with the k-th surrogate's own stream.
    std::vector<std::size_t> order(segments);
    std::iota(order.begin(), order.end(), 0);
    RandomStream rng(
        {seed, StreamPurpose::dynamics, 0, stream_id("synchrony surrogate"), static_cast<std::uint64_t>(k)});
    for (std::size_t i = segments; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    std::size_t filled = 0;
    for (const std::size_t s : order)
      for (std::size_t i = s * segment; i < std::min(s2.size(), (s + 1) * segment); ++i) shuffled[filled++] = s2[i];
    out.grand_averages.push_back(lagged_synchrony(s1, shuffled, rate, options).grand_average);
  }
  const double n = static_cast<double>(count);
  for (const double g : out.grand_averages) out.mean += g / n;
  for (const double g : out.grand_averages) out.sd += (g - out.mean) * (g - out.mean);
  out.sd = count > 1 ? std::sqrt(out.sd / (n - 1.0)) : kNaN;
  out.z = (real - out.mean) / out.sd;
  const auto above =
      std::count_if(out.grand_averages.begin(), out.grand_averages.end(), [&](double g) { return g >= real; });
  out.p = (1.0 + static_cast<double>(above)) / (1.0 + n);
  return out;
}

std::vector<double> repaired_grand_averages(const std::vector<std::vector<double>>& s1,
                                            const std::vector<std::vector<double>>& s2, double rate,
                                            const SynchronyOptions& options) {
  if (s1.size() != s2.size() || s1.size() < 2) throw Error("re-pairing needs at least two dyads");
  std::vector<double> out;
  for (std::size_t i = 0; i < s1.size(); ++i)
    for (std::size_t j = 0; j < s2.size(); ++j) {
      if (i == j) continue;
      const std::size_t n = std::min(s1[i].size(), s2[j].size());
      out.push_back(
          lagged_synchrony(std::span(s1[i]).first(n), std::span(s2[j]).first(n), rate, options).grand_average);
    }
  return out;
}

void read_two_columns(const std::string& path, std::vector<double>& first, std::vector<double>& second,
                      std::vector<std::string>* names) {
  const std::string text = read_text_file(path, "series");
  detail::LineReader lines(text);
  std::string_view line;
  std::vector<std::string_view> fields;
  first.clear();
  second.clear();
  bool header_checked = false;
  while (lines.next(line)) {
    std::string normalised(line);
    for (char& c : normalised)
      if (c == ',' || c == '\t' || c == ';') c = ' ';
    fields.clear();
    std::string_view rest(normalised);
    while (!rest.empty()) {
      const auto start = rest.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      const auto end = std::min(rest.find(' '), rest.size());
      fields.push_back(detail::trim(rest.substr(0, end)));
      rest.remove_prefix(end);
    }
    if (fields.empty()) continue;
    if (fields.size() < 2)
      throw Error(fmt::format("{} field(s); two columns are needed", fields.size()), {path, lines.line_number()});
    double a = 0.0, b = 0.0;
    const bool numbers = detail::to_number(fields[0], a) && detail::to_number(fields[1], b);
    if (!header_checked) {
      header_checked = true;
      if (!numbers) {
        if (names) *names = {std::string(fields[0]), std::string(fields[1])};
        continue;
      }
    }
    if (!numbers)
      throw Error(fmt::format("'{}' / '{}' are not numbers", fields[0], fields[1]), {path, lines.line_number()});
    first.push_back(a);
    second.push_back(b);
  }
  if (first.empty()) throw Error("no data rows", {path});
}

}  // namespace contagion::facial
