#include "contagion/sim/expectation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::sim {

namespace {

bool valid_statistic(const std::string& statistic) {
  const std::size_t dot = statistic.find('.');
  const std::string kind = statistic.substr(0, dot);
  return dot != std::string::npos && dot + 1 < statistic.size() &&
         (kind == "final" || kind == "max" || kind == "min" || kind == "result");
}

double mean_statistic(const std::string& statistic, const std::vector<RunRecord>& runs) {
  const std::size_t dot = statistic.find('.');
  const std::string kind = statistic.substr(0, dot), name = statistic.substr(dot + 1);
  double sum = 0.0;
  for (const RunRecord& r : runs) {
    if (kind == "result") {
      const ParameterValue* v = find_parameter(r.results, name);
      if (!v || std::holds_alternative<std::string>(*v))
        throw Error(fmt::format("run '{}' has no numeric result '{}' for {}", r.id, name, statistic));
      if (const auto* d = std::get_if<double>(v)) sum += *d;
      if (const auto* i = std::get_if<std::int64_t>(v)) sum += static_cast<double>(*i);
      if (const auto* b = std::get_if<bool>(v)) sum += *b ? 1.0 : 0.0;
      continue;
    }
    const auto m = std::find_if(r.metrics.begin(), r.metrics.end(), [&](const auto& s) { return s.name == name; });
    if (m == r.metrics.end() || m->columns != 1 || m->values.empty())
      throw Error(
          fmt::format("run '{}' has no scalar metric '{}' for {} (add it to [record] metrics)", r.id, name, statistic));
    if (kind == "final")
      sum += m->values.back();
    else if (kind == "max")
      sum += *std::max_element(m->values.begin(), m->values.end());
    else
      sum += *std::min_element(m->values.begin(), m->values.end());
  }
  return sum / static_cast<double>(runs.size());
}

}  // namespace

Expectation expectation_from_config(const ConfigTable& t) {
  Expectation e;
  e.statistic = t.string("statistic");
  const char* kinds = "is not final.<metric>, max.<metric>, min.<metric> or result.<name>";
  if (!valid_statistic(e.statistic)) t.fail("statistic", fmt::format("'{}' {}", e.statistic, kinds));
  e.minus = t.string("minus", "");
  if (!e.minus.empty() && !valid_statistic(e.minus)) t.fail("minus", fmt::format("'{}' {}", e.minus, kinds));
  if (t.has("at_least")) e.at_least = t.number_in("at_least", Range::finite());
  if (t.has("at_most")) e.at_most = t.number_in("at_most", Range::finite());
  if (!e.at_least && !e.at_most) t.fail("statistic", "give at_least, at_most or both");
  if (e.at_least && e.at_most && *e.at_least > *e.at_most)
    t.fail("at_most", fmt::format("the range [{}, {}] is empty", *e.at_least, *e.at_most));
  e.expected = t.string("expected");
  if (t.has("reduced"))
    for (const std::string& change : t.strings("reduced")) {
      const std::size_t eq = change.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == change.size())
        t.fail("reduced", fmt::format("'{}' is not KEY=VALUE (e.g. \"graph.n=500\")", change));
      e.reduced.push_back({change.substr(0, eq), change.substr(eq + 1)});
    }
  return e;
}

double expectation_statistic(const Expectation& e, const std::vector<RunRecord>& runs) {
  if (runs.empty()) throw Error(fmt::format("no runs to compute {} from", e.statistic));
  const double value = mean_statistic(e.statistic, runs);
  return e.minus.empty() ? value : value - mean_statistic(e.minus, runs);
}

std::string statistic_label(const Expectation& e) {
  return e.minus.empty() ? e.statistic : e.statistic + " - " + e.minus;
}

bool expectation_met(const Expectation& e, double value) {
  if (std::isnan(value)) return false;
  return (!e.at_least || value >= *e.at_least) && (!e.at_most || value <= *e.at_most);
}

}  // namespace contagion::sim
