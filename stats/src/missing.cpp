#include "contagion/stats/missing.hpp"

#include <fmt/format.h>

#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::stats {

Sample drop_missing(std::span<const double> x) {
  Sample s;
  s.values.reserve(x.size());
  for (const double v : x) {
    if (std::isnan(v))
      ++s.missing;
    else
      s.values.push_back(v);
  }
  return s;
}

Pairs complete_pairs(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size())
    throw Error(fmt::format("paired samples differ in length: {} and {} values", x.size(), y.size()));
  Pairs p;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]) || std::isnan(y[i])) {
      ++p.missing;
      continue;
    }
    p.x.push_back(x[i]);
    p.y.push_back(y[i]);
  }
  return p;
}

}  // namespace contagion::stats
