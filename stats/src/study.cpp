#include "contagion/stats/study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/stats/columns.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/cross_validation.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/linear_models.hpp"
#include "contagion/stats/multiple_testing.hpp"
#include "contagion/stats/normality.hpp"
#include "contagion/stats/ols.hpp"
#include "contagion/stats/rank_tests.hpp"
#include "contagion/stats/ttest.hpp"

namespace contagion::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_au(const std::string& channel) {
  return channel.size() == 4 && channel.rfind("AU", 0) == 0 && std::isdigit(static_cast<unsigned char>(channel[2])) &&
         std::isdigit(static_cast<unsigned char>(channel[3]));
}

bool is_emotion(const std::string& channel) {
  static const std::set<std::string> emotions{"anger", "contempt", "disgust", "fear", "joy", "sadness", "surprise"};
  return emotions.count(channel) > 0;
}

/// The rows of the long table, by column.
struct Long {
  const std::vector<std::string>&participant, &stimulus, &category, &channel, &feature;
  std::vector<double> value;
};

/// Participant x channel: the mean over non-neutral categories of the category mean of `max`
/// (rows with stimulus "*"), the participants' overall reactivity, and per stimulus the max.
struct Wide {
  std::vector<std::string> participants;                                      // sorted
  std::vector<std::string> channels;                                          // expression channels, sorted
  std::map<std::pair<std::string, std::string>, std::pair<double, int>> max;  // (participant, channel)
  std::map<std::string, double> overall;
};

Wide widen(const Long& t, const std::string& neutral) {
  Wide w;
  std::set<std::string> participants, channels;
  for (std::size_t r = 0; r < t.value.size(); ++r) {
    if (t.feature[r] == "overall_reactivity") {
      w.overall[t.participant[r]] = t.value[r];
      continue;
    }
    if (t.stimulus[r] != "*" || t.feature[r] != "max" || t.category[r] == neutral || t.category[r] == "*") continue;
    if (!is_au(t.channel[r]) && !is_emotion(t.channel[r])) continue;
    participants.insert(t.participant[r]);
    channels.insert(t.channel[r]);
    if (std::isfinite(t.value[r])) {
      auto& acc = w.max[{t.participant[r], t.channel[r]}];
      acc.first += t.value[r];
      ++acc.second;
    }
  }
  w.participants.assign(participants.begin(), participants.end());
  w.channels.assign(channels.begin(), channels.end());
  return w;
}

double wide_value(const Wide& w, const std::string& participant, const std::string& channel) {
  const auto it = w.max.find({participant, channel});
  return it == w.max.end() ? kNaN : it->second.first / it->second.second;
}

/// A seeded split: the first round(fraction n) rows of a Philox permutation are the test rows.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>> split(std::size_t n, double fraction,
                                                                    std::uint64_t seed) {
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
  for (std::size_t i = 0; i < n; ++i)
    keyed.push_back({RandomStream({seed, StreamPurpose::dynamics, 0, stream_id("train/test split"), i}).bits(), i});
  std::sort(keyed.begin(), keyed.end());
  const auto n_test = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n)));
  std::vector<std::size_t> train, test;
  for (std::size_t k = 0; k < n; ++k) (k < n_test ? test : train).push_back(keyed[k].second);
  std::sort(train.begin(), train.end());
  std::sort(test.begin(), test.end());
  return {train, test};
}

}  // namespace

const Table& StudyReport::table(const std::string& name) const {
  for (const auto& [n, t] : tables)
    if (n == name) return t;
  throw Error(fmt::format("the report has no table '{}'", name));
}

StudyReport study_report(const Table& features, const Table& participants, const StudyOptions& o) {
  StudyReport report;
  const Long t{features.text("participant"), features.text("stimulus"), features.text("category"),
               features.text("channel"),     features.text("feature"),  features.numbers("value")};
  const Wide w = widen(t, o.neutral_category);

  // Participants with features and an outcome.
  const auto& ids = participants.text(o.id);
  const std::vector<double> outcome_all = participants.numbers(o.outcome);
  const std::vector<std::string>* groups_all = o.group.empty() ? nullptr : &participants.text(o.group);
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < ids.size(); ++r) row_of[ids[r]] = r;
  std::vector<std::string> people;
  std::vector<double> outcome;
  std::vector<std::string> group;
  for (const std::string& p : w.participants) {
    const auto it = row_of.find(p);
    if (it == row_of.end()) {
      report.notes.push_back(fmt::format("{} has features but no row in the participant table: left out", p));
      continue;
    }
    if (!std::isfinite(outcome_all[it->second])) {
      report.notes.push_back(fmt::format("{} has no {}: left out", p, o.outcome));
      continue;
    }
    people.push_back(p);
    outcome.push_back(outcome_all[it->second]);
    if (groups_all) group.push_back((*groups_all)[it->second]);
  }
  if (people.size() < 4)
    throw Error(fmt::format("only {} participants have both features and '{}': the report needs at least 4",
                            people.size(), o.outcome),
                {participants.source(), 0, 0, o.outcome});
  const std::size_t n = people.size();

  // 1. The wide participant table.
  Table wide;
  wide.add_text(o.id, people);
  wide.add_numbers(o.outcome, outcome);
  if (groups_all) wide.add_text(o.group, group);
  std::vector<double> overall(n);
  for (std::size_t i = 0; i < n; ++i) overall[i] = w.overall.count(people[i]) ? w.overall.at(people[i]) : kNaN;
  wide.add_numbers("overall_reactivity", overall);
  std::vector<std::string> emotions, aus;
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(w.channels.size()));
  for (std::size_t c = 0; c < w.channels.size(); ++c) {
    std::vector<double> column(n);
    for (std::size_t i = 0; i < n; ++i)
      x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = column[i] =
          wide_value(w, people[i], w.channels[c]);
    wide.add_numbers(w.channels[c], column);
    (is_au(w.channels[c]) ? aus : emotions).push_back(w.channels[c]);
  }
  report.tables.emplace_back("participant_features", wide);
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(outcome.data(), static_cast<Eigen::Index>(n));

  // 2. Group comparisons of the outcome and of overall reactivity.
  if (groups_all) {
    Table g;
    std::vector<std::string> variable, label_a, label_b;
    std::vector<double> na, nb, ma, mb, sa, sb, ts, dfs, ps, tw, dfw, pw, d, r, wa, pa, wb, pb;
    for (const auto& [name, values] :
         {std::pair{o.outcome, outcome}, std::pair{std::string("overall_reactivity"), overall}}) {
      std::map<std::string, std::vector<double>> by;
      std::vector<std::string> order;
      for (std::size_t i = 0; i < n; ++i) {
        if (group[i].empty()) continue;
        if (!by.count(group[i])) order.push_back(group[i]);
        by[group[i]].push_back(values[i]);
      }
      if (order.size() != 2) {
        report.notes.push_back(
            fmt::format("column '{}' has {} groups, not 2: no group comparison", o.group, order.size()));
        break;
      }
      const auto& a = by[order[0]];
      const auto& b = by[order[1]];
      const TTest student = student_t(a, b), welch = welch_t(a, b);
      const EffectSizes e = effect_sizes(a, b, student);
      const auto shapiro = [](const std::vector<double>& v) {
        try {
          return shapiro_wilk(v);
        } catch (const Error&) {
          return ShapiroWilk{kNaN, kNaN, v.size(), 0};
        }
      };
      const ShapiroWilk swa = shapiro(a), swb = shapiro(b);
      const Descriptives da = describe(a), db = describe(b);
      variable.push_back(name);
      label_a.push_back(order[0]);
      label_b.push_back(order[1]);
      na.push_back(static_cast<double>(da.n));
      nb.push_back(static_cast<double>(db.n));
      ma.push_back(da.mean);
      mb.push_back(db.mean);
      sa.push_back(da.sd);
      sb.push_back(db.sd);
      ts.push_back(student.t);
      dfs.push_back(student.df);
      ps.push_back(student.p);
      tw.push_back(welch.t);
      dfw.push_back(welch.df);
      pw.push_back(welch.p);
      d.push_back(e.cohen_d_pooled);
      r.push_back(e.r_signed);
      wa.push_back(swa.w);
      pa.push_back(swa.p);
      wb.push_back(swb.w);
      pb.push_back(swb.p);
    }
    if (!variable.empty()) {
      g.add_text("variable", variable);
      g.add_text("group_a", label_a);
      g.add_text("group_b", label_b);
      for (const auto& [name, v] : {std::pair{"n_a", na},
                                    {"n_b", nb},
                                    {"mean_a", ma},
                                    {"mean_b", mb},
                                    {"sd_a", sa},
                                    {"sd_b", sb},
                                    {"t", ts},
                                    {"df", dfs},
                                    {"p", ps},
                                    {"t_welch", tw},
                                    {"df_welch", dfw},
                                    {"p_welch", pw},
                                    {"cohen_d", d},
                                    {"r", r},
                                    {"shapiro_w_a", wa},
                                    {"shapiro_p_a", pa},
                                    {"shapiro_w_b", wb},
                                    {"shapiro_p_b", pb}})
        g.add_numbers(name, v);
      report.tables.emplace_back("group_comparison", g);
    }
  }

  // 3. Correlations of the outcome with every channel's max reaction, sorted by |r|.
  {
    std::vector<std::size_t> order(w.channels.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<Correlation> pr, sr;
    std::vector<double> p_values;
    for (std::size_t c = 0; c < w.channels.size(); ++c) {
      const std::vector<double> column(x.col(static_cast<Eigen::Index>(c)).data(),
                                       x.col(static_cast<Eigen::Index>(c)).data() + n);
      pr.push_back(pearson(outcome, column));
      sr.push_back(spearman(outcome, column));
    }
    std::vector<double> valid;
    for (const auto& c : pr)
      if (std::isfinite(c.p)) valid.push_back(c.p);
    const Adjusted bh = benjamini_hochberg(valid);
    std::vector<double> adjusted(pr.size(), kNaN);
    for (std::size_t c = 0, k = 0; c < pr.size(); ++c)
      if (std::isfinite(pr[c].p)) adjusted[c] = bh.p[k++];
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double ra = std::isfinite(pr[a].r) ? std::fabs(pr[a].r) : -1.0,
                   rb = std::isfinite(pr[b].r) ? std::fabs(pr[b].r) : -1.0;
      return ra > rb;
    });
    std::vector<std::string> channel;
    std::vector<double> nn, r, p, padj, lo, hi, rho, prho;
    for (const std::size_t c : order) {
      channel.push_back(w.channels[c]);
      nn.push_back(static_cast<double>(pr[c].n));
      r.push_back(pr[c].r);
      p.push_back(pr[c].p);
      padj.push_back(adjusted[c]);
      lo.push_back(pr[c].ci_low);
      hi.push_back(pr[c].ci_high);
      rho.push_back(sr[c].r);
      prho.push_back(sr[c].p);
    }
    Table corr;
    corr.add_text("channel", channel);
    for (const auto& [name, v] : {std::pair{"n", nn},
                                  {"pearson_r", r},
                                  {"p", p},
                                  {"p_bh", padj},
                                  {"ci_low", lo},
                                  {"ci_high", hi},
                                  {"spearman_rho", rho},
                                  {"spearman_p", prho}})
      corr.add_numbers(name, v);
    report.tables.emplace_back("correlations", corr);
  }

  // 4. OLS of the outcome on every channel.
  {
    const OlsResult r = ols(x, y, w.channels);
    Table coef;
    std::vector<double> c(r.params.data(), r.params.data() + r.params.size()),
        se(r.bse.data(), r.bse.data() + r.bse.size()), tv(r.t.data(), r.t.data() + r.t.size()),
        pv(r.p.data(), r.p.data() + r.p.size()), lo(r.ci_low.data(), r.ci_low.data() + r.ci_low.size()),
        hi(r.ci_high.data(), r.ci_high.data() + r.ci_high.size());
    coef.add_text("term", r.names);
    for (const auto& [name, v] :
         {std::pair{"coef", c}, {"std_err", se}, {"t", tv}, {"p", pv}, {"ci_low", lo}, {"ci_high", hi}})
      coef.add_numbers(name, v);
    report.tables.emplace_back("ols", coef);
    Table model;
    model.add_text("statistic",
                   {"nobs", "r_squared", "r_squared_adj", "f", "f_p", "aic", "bic", "rank", "condition_number"});
    model.add_numbers("value",
                      std::vector<double>{static_cast<double>(r.nobs), r.r_squared, r.r_squared_adj, r.f, r.f_p, r.aic,
                                          r.bic, static_cast<double>(r.rank), r.condition_number});
    report.tables.emplace_back("ols_model", model);
    if (r.rank < static_cast<std::size_t>(r.params.size()))
      report.notes.push_back(
          fmt::format("the OLS design has rank {} for {} columns: minimum-norm coefficients", r.rank, r.params.size()));
  }

  // 5. The nine-model table: {all data, split, tuned ElasticNet} x {emotions+AUs, emotions, AUs}.
  {
    std::vector<std::string> set_name, method;
    std::vector<double> r2, mae, rows;
    const auto [train, test] = split(n, o.test_fraction, o.seed);
    for (const auto& [name, columns] :
         {std::pair{std::string("emotions+AUs"), w.channels}, std::pair{std::string("emotions"), emotions},
          std::pair{std::string("AUs"), aus}}) {
      if (columns.empty()) continue;
      // Complete rows only.
      std::vector<std::size_t> keep;
      Eigen::MatrixXd xs(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(columns.size()));
      for (std::size_t j = 0; j < columns.size(); ++j) {
        const auto at = std::find(w.channels.begin(), w.channels.end(), columns[j]) - w.channels.begin();
        xs.col(static_cast<Eigen::Index>(j)) = x.col(at);
      }
      for (std::size_t i = 0; i < n; ++i)
        if (xs.row(static_cast<Eigen::Index>(i)).allFinite()) keep.push_back(i);
      const Eigen::MatrixXd xk = select_rows(xs, keep);
      const Eigen::VectorXd yk = select_rows(y, keep);
      const auto add = [&](const char* m, double r2_value, double mae_value, std::size_t used) {
        set_name.push_back(name);
        method.push_back(m);
        r2.push_back(r2_value);
        mae.push_back(mae_value);
        rows.push_back(static_cast<double>(used));
      };
      const LinearFit all = linear_regression(xk, yk);
      add("linear regression, all data (in-sample)", r2_score(yk, all.predict(xk)),
          mean_absolute_error(yk, all.predict(xk)), keep.size());
      std::vector<std::size_t> tr, te;
      for (std::size_t k = 0; k < keep.size(); ++k)
        (std::binary_search(test.begin(), test.end(), keep[k]) ? te : tr).push_back(k);
      if (tr.size() > 1 && te.size() > 1) {
        const LinearFit fit = linear_regression(xk, yk, tr);
        const Eigen::VectorXd truth = select_rows(yk, te), predicted = fit.predict(select_rows(xk, te));
        add("linear regression, train/test split (test)", r2_score(truth, predicted),
            mean_absolute_error(truth, predicted), keep.size());
      }
      if (keep.size() >= static_cast<std::size_t>(o.folds)) {
        const GridSearchResult g = grid_search_elastic_net(xk, yk, contiguous_folds(keep.size(), o.folds), {});
        const Eigen::MatrixXd scaled = g.scaler.transform(xk);
        add("ElasticNet tuned by CV (CV R2; MAE of the refit)", g.mean_test_score[g.best_index],
            mean_absolute_error(yk, g.refit.predict(scaled)), keep.size());
      }
    }
    Table models;
    models.add_text("features", set_name);
    models.add_text("model", method);
    models.add_numbers("r2", r2);
    models.add_numbers("mae", mae);
    models.add_numbers("n", rows);
    report.tables.emplace_back("models", models);
  }

  // 6. Median split of the outcome; Mann-Whitney on the early joy (happy stimuli) and anger
  // (angry stimuli) reactions.
  {
    std::vector<double> sorted(outcome);
    std::sort(sorted.begin(), sorted.end());
    const double median = quantile_sorted(sorted, 0.5);
    std::vector<std::string> reaction;
    std::vector<double> n_low, n_high, median_low, median_high, u, p;
    for (const auto& [channel, category] : {std::pair{"joy", "happy"}, std::pair{"anger", "angry"}}) {
      std::map<std::string, std::pair<double, int>> early;
      for (std::size_t r = 0; r < t.value.size(); ++r)
        if (t.stimulus[r] == "*" && t.channel[r] == channel && t.category[r] == category &&
            t.feature[r] == o.first_window_feature && std::isfinite(t.value[r]))
          early[t.participant[r]] = {t.value[r], 1};
      std::vector<double> low, high;
      for (std::size_t i = 0; i < n; ++i)
        if (const auto it = early.find(people[i]); it != early.end())
          (outcome[i] > median ? high : low).push_back(it->second.first);
      if (low.empty() || high.empty()) continue;
      const MannWhitney m = mann_whitney_u(low, high);
      std::vector<double> sl(low), sh(high);
      std::sort(sl.begin(), sl.end());
      std::sort(sh.begin(), sh.end());
      reaction.push_back(fmt::format("{} {} ({} stimuli)", channel, o.first_window_feature, category));
      n_low.push_back(static_cast<double>(low.size()));
      n_high.push_back(static_cast<double>(high.size()));
      median_low.push_back(quantile_sorted(sl, 0.5));
      median_high.push_back(quantile_sorted(sh, 0.5));
      u.push_back(m.u);
      p.push_back(m.p);
    }
    Table ms;
    ms.add_text("reaction", reaction);
    for (const auto& [name, v] : {std::pair{"n_low", n_low},
                                  {"n_high", n_high},
                                  {"median_low", median_low},
                                  {"median_high", median_high},
                                  {"u", u},
                                  {"p", p}})
      ms.add_numbers(name, v);
    report.notes.push_back(fmt::format("median split of {} at {} (low: <= median)", o.outcome, median));
    report.tables.emplace_back("median_split", ms);
  }

  // 7. Per stimulus and channel: the max reactions for bar and box plots.
  {
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<double>> by;
    for (std::size_t r = 0; r < t.value.size(); ++r)
      if (t.stimulus[r] != "*" && t.feature[r] == "max" && std::isfinite(t.value[r]) &&
          (is_au(t.channel[r]) || is_emotion(t.channel[r])))
        by[{t.stimulus[r], t.category[r], t.channel[r]}].push_back(t.value[r]);
    std::vector<std::string> stimulus, category, channel;
    std::vector<double> count, mean_v, sd, median_v, q1, q3;
    for (auto& [key, values] : by) {
      const Descriptives d = describe(values);
      stimulus.push_back(std::get<0>(key));
      category.push_back(std::get<1>(key));
      channel.push_back(std::get<2>(key));
      count.push_back(static_cast<double>(d.n));
      mean_v.push_back(d.mean);
      sd.push_back(d.sd);
      median_v.push_back(d.median);
      q1.push_back(d.q1);
      q3.push_back(d.q3);
    }
    Table s;
    s.add_text("stimulus", stimulus);
    s.add_text("category", category);
    s.add_text("channel", channel);
    for (const auto& [name, v] :
         {std::pair{"n", count}, {"mean", mean_v}, {"sd", sd}, {"median", median_v}, {"q1", q1}, {"q3", q3}})
      s.add_numbers(name, v);
    report.tables.emplace_back("stimulus_reactions", s);
  }
  return report;
}

}  // namespace contagion::stats
