// contagion stats: the statistics of the stats module on columns of a CSV file, for people
// or as JSON. Hypothesis tests and correlations here; regressions in stats_models.cpp.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/stats/anova.hpp"
#include "contagion/stats/columns.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/multiple_testing.hpp"
#include "contagion/stats/normality.hpp"
#include "contagion/stats/questionnaire.hpp"
#include "contagion/stats/rank_tests.hpp"
#include "contagion/stats/ttest.hpp"
#include "stats_common.hpp"

namespace contagion::cli {
namespace {

using nlohmann::json;

void add_describe(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto columns = std::make_shared<std::vector<std::string>>();
  auto* cmd = parent.add_subcommand("describe", "n, mean, SD, quartiles, skewness and kurtosis of numeric columns");
  add_input_options(*cmd, *in);
  cmd->add_option("--columns", *columns, "columns to describe (default: every numeric column)")->delimiter(',');
  cmd->footer("Example:\n  contagion stats describe --data participants.csv --columns eq,age");
  cmd->callback([in, columns] {
    const Table t = read_csv(in->data);
    std::vector<std::string> names = *columns;
    if (names.empty())
      for (const auto& n : t.names())
        if (t.is_numeric(n)) names.push_back(n);
    json out = json::array();
    if (!in->json)
      fmt::print("{:<16} {:>5} {:>5} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>8} {:>8}\n", "column", "n", "miss",
                 "mean", "sd", "min", "q1", "median", "q3", "skew", "kurt");
    for (const auto& name : names) {
      const stats::Descriptives d = stats::describe(t.numbers(name));
      out.push_back({{"column", name},
                     {"n", d.n},
                     {"missing", d.missing},
                     {"mean", num(d.mean)},
                     {"sd", num(d.sd)},
                     {"sem", num(d.sem)},
                     {"min", num(d.min)},
                     {"q1", num(d.q1)},
                     {"median", num(d.median)},
                     {"q3", num(d.q3)},
                     {"max", num(d.max)},
                     {"skew", num(d.skew_unbiased)},
                     {"kurtosis_excess", num(d.kurtosis_excess_unbiased)}});
      if (!in->json)
        fmt::print("{:<16} {:>5} {:>5} {:>11.5g} {:>11.5g} {:>11.5g} {:>11.5g} {:>11.5g} {:>11.5g} {:>8.3f} {:>8.3f}\n",
                   name, d.n, d.missing, d.mean, d.sd, d.min, d.q1, d.median, d.q3, d.skew_unbiased,
                   d.kurtosis_excess_unbiased);
    }
    if (in->json) std::cout << out.dump(2) << '\n';
  });
}

json ttest_json(const stats::TTest& t) {
  return {{"t", num(t.t)},
          {"df", num(t.df)},
          {"p", num(t.p)},
          {"mean_difference", num(t.mean_difference)},
          {"se", num(t.se)},
          {"ci_low", num(t.ci_low)},
          {"ci_high", num(t.ci_high)}};
}

void add_ttest(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto o = std::make_shared<GroupOptions>();
  auto paired = std::make_shared<std::vector<std::string>>();
  auto* cmd = parent.add_subcommand("ttest", "Student's and Welch's t-tests (or paired), with Cohen's d, Hedges' g, r");
  add_input_options(*cmd, *in);
  add_group_options(*cmd, *o, false);
  cmd->add_option("--paired", *paired, "two columns X,Y of the same rows: paired t-test on X - Y")
      ->delimiter(',')
      ->expected(2);
  cmd->footer(
      "Examples:\n  contagion stats ttest --data features.csv --value joy_max --group gender\n"
      "  contagion stats ttest --data features.csv --paired joy_happy,joy_neutral --json");
  cmd->callback([in, o, paired] {
    const Table t = read_csv(in->data);
    json out;
    if (!paired->empty()) {
      const auto x = t.numbers((*paired)[0]), y = t.numbers((*paired)[1]);
      const stats::TTest r = stats::paired_t(x, y);
      const stats::PairedEffectSizes e = stats::paired_effect_sizes(x, y, r);
      out = {{"test", "paired t"}, {"x", (*paired)[0]},          {"y", (*paired)[1]},
             {"n", r.n1},          {"pairs_dropped", r.missing}, {"result", ttest_json(r)},
             {"d", num(e.d)},      {"d_av", num(e.d_av)},        {"r", num(e.r_signed)}};
      if (!in->json)
        fmt::print(
            "paired t-test, {} - {}: n = {} ({} pairs dropped)\n  t = {:.4f}, df = {}, p = {:.4g}\n"
            "  mean difference {:.5g}, 95% CI [{:.5g}, {:.5g}]\n  d = {:.4f}, d_av = {:.4f}, r = {:.4f}\n",
            (*paired)[0], (*paired)[1], r.n1, r.missing, r.t, r.df, r.p, r.mean_difference, r.ci_low, r.ci_high, e.d,
            e.d_av, e.r_signed);
    } else {
      const auto [a, b] = two_groups(t, *o);
      const stats::TTest student = stats::student_t(a.values, b.values), welch = stats::welch_t(a.values, b.values);
      const stats::EffectSizes es = stats::effect_sizes(a.values, b.values, student);
      const stats::EffectSizes ew = stats::effect_sizes(a.values, b.values, welch);
      out = {{"value", o->value},
             {"group", o->group},
             {"groups", {a.label, b.label}},
             {"n", {student.n1, student.n2}},
             {"missing", student.missing},
             {"student", ttest_json(student)},
             {"welch", ttest_json(welch)},
             {"cohen_d", num(es.cohen_d_pooled)},
             {"hedges_g", num(es.hedges_g)},
             {"glass_delta", num(es.glass_delta)},
             {"r_student", num(es.r_signed)},
             {"r_welch", num(ew.r_signed)}};
      if (!in->json) {
        fmt::print("{} by {}: {} (n = {}) vs {} (n = {}), {} missing values dropped\n", o->value, o->group, a.label,
                   student.n1, b.label, student.n2, student.missing);
        for (const auto& [name, r] : {std::pair{"Student", student}, std::pair{"Welch", welch}})
          fmt::print("  {:<8} t = {:8.4f}  df = {:7.3f}  p = {:.4g}  difference {:.5g}  95% CI [{:.5g}, {:.5g}]\n",
                     name, r.t, r.df, r.p, r.mean_difference, r.ci_low, r.ci_high);
        fmt::print("  Cohen's d = {:.4f}, Hedges' g = {:.4f}, Glass's delta = {:.4f}, r = {:.4f} (Welch {:.4f})\n",
                   es.cohen_d_pooled, es.hedges_g, es.glass_delta, es.r_signed, ew.r_signed);
      }
    }
    if (in->json) std::cout << out.dump(2) << '\n';
  });
}

void add_mwu(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto o = std::make_shared<GroupOptions>();
  auto method = std::make_shared<std::string>("auto");
  auto* cmd = parent.add_subcommand("mwu", "Mann-Whitney U test (two-sided; exact or normal approximation)");
  add_input_options(*cmd, *in);
  add_group_options(*cmd, *o, true);
  cmd->add_option("--method", *method, "auto (scipy's rule), exact or asymptotic")
      ->check(CLI::IsMember({"auto", "exact", "asymptotic"}));
  cmd->footer("Example:\n  contagion stats mwu --data features.csv --value joy_first2s --group eq_half");
  cmd->callback([in, o, method] {
    const Table t = read_csv(in->data);
    const auto [a, b] = two_groups(t, *o);
    const auto m = *method == "exact"        ? stats::UMethod::exact
                   : *method == "asymptotic" ? stats::UMethod::asymptotic
                                             : stats::UMethod::automatic;
    const stats::MannWhitney r = stats::mann_whitney_u(a.values, b.values, m);
    if (in->json) {
      std::cout << json{{"value", o->value},
                        {"group", o->group},
                        {"groups", {a.label, b.label}},
                        {"n", {r.n1, r.n2}},
                        {"missing", r.missing},
                        {"u", r.u},
                        {"p", num(r.p)},
                        {"method", stats::to_string(r.method)}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print("{} by {}: {} (n = {}) vs {} (n = {})\n  U = {}, p = {:.4g} ({})\n", o->value, o->group, a.label, r.n1,
               b.label, r.n2, r.u, r.p, stats::to_string(r.method));
  });
}

void add_correlate(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto x = std::make_shared<std::string>();
  auto ys = std::make_shared<std::vector<std::string>>();
  auto method = std::make_shared<std::string>("pearson");
  auto adjust = std::make_shared<std::string>("bh");
  auto* cmd = parent.add_subcommand("correlate", "Correlations of one column with others, sorted, with adjusted p");
  add_input_options(*cmd, *in);
  cmd->add_option("--x", *x, "the outcome column")->required();
  cmd->add_option("--y", *ys, "columns to correlate with it (default: every other numeric column)")->delimiter(',');
  cmd->add_option("--method", *method, "pearson or spearman")->check(CLI::IsMember({"pearson", "spearman"}));
  cmd->add_option("--adjust", *adjust, "multiple-testing correction: bh, holm or none")
      ->check(CLI::IsMember({"bh", "holm", "none"}));
  cmd->footer("Example:\n  contagion stats correlate --data wide.csv --x eq --method spearman");
  cmd->callback([in, x, ys, method, adjust] {
    const Table t = read_csv(in->data);
    std::vector<std::string> names = *ys;
    if (names.empty())
      for (const auto& n : t.names())
        if (n != *x && t.is_numeric(n)) names.push_back(n);
    const auto xv = t.numbers(*x);
    std::vector<stats::Correlation> rs;
    std::vector<double> ps;
    for (const auto& n : names) {
      rs.push_back(*method == "pearson" ? stats::pearson(xv, t.numbers(n)) : stats::spearman(xv, t.numbers(n)));
      ps.push_back(rs.back().p);
    }
    std::vector<double> adjusted(ps);
    if (*adjust != "none") {
      // Correlations without a p (constant columns) are left out of the correction.
      std::vector<double> valid;
      for (const double p : ps)
        if (!std::isnan(p)) valid.push_back(p);
      const auto a = *adjust == "bh" ? stats::benjamini_hochberg(valid) : stats::holm(valid);
      for (std::size_t i = 0, k = 0; i < ps.size(); ++i) adjusted[i] = std::isnan(ps[i]) ? ps[i] : a.p[k++];
    }
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::fabs(rs[a].r) > std::fabs(rs[b].r) || (std::isnan(rs[b].r) && !std::isnan(rs[a].r));
    });
    json out = json::array();
    if (!in->json)
      fmt::print("{} correlations with {} (sorted by |r|; p adjusted: {})\n{:<20} {:>5} {:>8} {:>10} {:>10} {:>17}\n",
                 *method, *x, *adjust, "column", "n", "r", "p", "p_adj", "95% CI");
    for (const std::size_t i : order) {
      const auto& r = rs[i];
      out.push_back({{"column", names[i]},
                     {"n", r.n},
                     {"r", num(r.r)},
                     {"p", num(r.p)},
                     {"p_adjusted", num(adjusted[i])},
                     {"ci_low", num(r.ci_low)},
                     {"ci_high", num(r.ci_high)}});
      if (!in->json)
        fmt::print("{:<20} {:>5} {:>8.4f} {:>10.4g} {:>10.4g}  [{:.3f}, {:.3f}]\n", names[i], r.n, r.r, r.p,
                   adjusted[i], r.ci_low, r.ci_high);
    }
    if (in->json) std::cout << out.dump(2) << '\n';
  });
}

void add_normality(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto value = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("normality", "Shapiro-Wilk test of a column, or of each group of it");
  add_input_options(*cmd, *in);
  cmd->add_option("--value", *value, "numeric column")->required();
  cmd->add_option("--group", *group, "test each group of this column separately");
  cmd->footer("Example:\n  contagion stats normality --data participants.csv --value eq --group gender");
  cmd->callback([in, value, group] {
    const Table t = read_csv(in->data);
    std::vector<stats::Group> groups;
    if (group->empty())
      groups.push_back({"all", t.numbers(*value)});
    else
      groups = stats::split_by(t, *value, *group).groups;
    json out = json::array();
    for (const auto& g : groups) {
      const stats::ShapiroWilk s = stats::shapiro_wilk(g.values);
      out.push_back({{"group", g.label}, {"n", s.n}, {"missing", s.missing}, {"w", num(s.w)}, {"p", num(s.p)}});
      if (!in->json)
        fmt::print("{} [{}]: Shapiro-Wilk W = {:.5f}, p = {:.4g}, n = {}\n", *value, g.label, s.w, s.p, s.n);
    }
    if (in->json) std::cout << out.dump(2) << '\n';
  });
}

void add_anova(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto o = std::make_shared<GroupOptions>();
  auto* cmd = parent.add_subcommand("anova", "One-way ANOVA (with eta^2, omega^2) and Kruskal-Wallis across groups");
  add_input_options(*cmd, *in);
  add_group_options(*cmd, *o, true);
  cmd->footer("Example:\n  contagion stats anova --data features.csv --value reactivity --group stimulus_emotion");
  cmd->callback([in, o] {
    const Table t = read_csv(in->data);
    const stats::Grouped grouped = stats::split_by(t, o->value, o->group, o->groups);
    std::vector<std::vector<double>> values;
    std::vector<std::string> labels;
    for (const auto& g : grouped.groups) {
      values.push_back(g.values);
      labels.push_back(g.label);
    }
    const stats::Anova a = stats::one_way_anova(values);
    const stats::KruskalWallis k = stats::kruskal_wallis(values);
    if (in->json) {
      std::cout << json{{"value", o->value},
                        {"group", o->group},
                        {"groups", labels},
                        {"n", a.n},
                        {"missing", a.missing},
                        {"anova",
                         {{"f", num(a.f)},
                          {"df_between", a.df_between},
                          {"df_within", a.df_within},
                          {"p", num(a.p)},
                          {"eta_squared", num(a.eta_squared)},
                          {"omega_squared", num(a.omega_squared)}}},
                        {"kruskal_wallis", {{"h", num(k.h)}, {"df", k.df}, {"p", num(k.p)}}}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print(
        "{} by {} ({} groups, n = {})\n  ANOVA: F({}, {}) = {:.4f}, p = {:.4g}, eta^2 = {:.4f}, omega^2 = {:.4f}\n"
        "  Kruskal-Wallis: H = {:.4f}, df = {}, p = {:.4g}\n",
        o->value, o->group, labels.size(), a.n, a.df_between, a.df_within, a.f, a.p, a.eta_squared, a.omega_squared,
        k.h, k.df, k.p);
  });
}

void add_icc(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto columns = std::make_shared<std::vector<std::string>>();
  auto* cmd = parent.add_subcommand("icc", "Intraclass correlations (Shrout & Fleiss), one column per rater");
  add_input_options(*cmd, *in);
  cmd->add_option("--raters", *columns, "the raters' columns (rows are targets)")->delimiter(',')->required();
  cmd->footer("Example:\n  contagion stats icc --data ratings.csv --raters coder1,coder2,coder3");
  cmd->callback([in, columns] {
    const Table t = read_csv(in->data);
    const auto icc = stats::intraclass_correlations(stats::matrix_of(t, *columns));
    json out = json::array();
    if (!in->json)
      fmt::print("{:<6} {:>8} {:>9} {:>5} {:>5} {:>10} {:>18}\n", "type", "ICC", "F", "df1", "df2", "p", "95% CI");
    for (const auto& r : icc) {
      out.push_back({{"type", stats::to_string(r.type)},
                     {"icc", num(r.icc)},
                     {"f", num(r.f)},
                     {"df1", r.df1},
                     {"df2", r.df2},
                     {"p", num(r.p)},
                     {"ci_low", num(r.ci_low)},
                     {"ci_high", num(r.ci_high)}});
      if (!in->json)
        fmt::print("{:<6} {:>8.4f} {:>9.4f} {:>5} {:>5} {:>10.4g}  [{:.4f}, {:.4f}]\n", stats::to_string(r.type), r.icc,
                   r.f, r.df1, r.df2, r.p, r.ci_low, r.ci_high);
    }
    if (in->json) std::cout << out.dump(2) << '\n';
  });
}

void add_score(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto key = std::make_shared<std::string>();
  auto prefix = std::make_shared<std::string>("q");
  auto id = std::make_shared<std::string>("participant");
  auto output = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("score", "Score a questionnaire (EQ, ECS or a key file) with Cronbach's alpha");
  add_input_options(*cmd, *in);
  cmd->add_option("--key", *key, "eq (Empathy Quotient), ecs (Emotional Contagion Scale) or a key file (TOML)")
      ->required();
  cmd->add_option("--prefix", *prefix, "item columns are PREFIX1 .. PREFIXn");
  cmd->add_option("--id", *id, "participant column");
  cmd->add_option("-o,--output", *output, "write the scale scores as CSV (participant, one column per scale)");
  cmd->footer(
      "Answers are response codes (EQ: 1 = definitely agree .. 4 = definitely disagree; ECS: 1 = never .. 4 =\n"
      "always) or the answers' text. A participant with a bad or missing item gets no score on that scale.\n"
      "Example:\n  contagion stats score --data eq_responses.csv --key eq --prefix eq_ -o eq_scores.csv");
  cmd->callback([in, key, prefix, id, output] {
    const Table t = read_csv(in->data);
    const stats::QuestionnaireKey k = stats::questionnaire_key(*key);
    const stats::ScaleScores s = stats::score_questionnaire(t, k, *prefix, *id);
    if (!output->empty()) {
      Table scores;
      scores.add_text(*id, s.participants);
      for (std::size_t j = 0; j < s.scales.size(); ++j) scores.add_numbers(s.scales[j], s.scores[j]);
      write_csv(scores, *output);
    }
    json scales = json::array();
    for (std::size_t j = 0; j < s.scales.size(); ++j) {
      const stats::Descriptives d = stats::describe(s.scores[j]);
      scales.push_back({{"scale", s.scales[j]},
                        {"n", d.n},
                        {"mean", num(d.mean)},
                        {"sd", num(d.sd)},
                        {"cronbach_alpha", num(s.alpha[j])},
                        {"alpha_n", s.alpha_n[j]}});
    }
    if (in->json) {
      std::cout << json{{"key", k.name},
                        {"participants", s.participants.size()},
                        {"scales", scales},
                        {"problems", s.problems}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print("{}: {} participants\n", k.name, s.participants.size());
    for (const auto& sc : scales)
      fmt::print("  {:<12} n = {:>4}  mean {:>8.3f}  sd {:>7.3f}  Cronbach's alpha {:.3f}\n",
                 sc["scale"].get<std::string>(), sc["n"].get<std::size_t>(),
                 sc["mean"].is_null() ? NAN : sc["mean"].get<double>(),
                 sc["sd"].is_null() ? NAN : sc["sd"].get<double>(),
                 sc["cronbach_alpha"].is_null() ? NAN : sc["cronbach_alpha"].get<double>());
    for (const auto& p : s.problems) fmt::print("  problem: {}\n", p);
    if (!output->empty()) fmt::print("scores written to {}\n", *output);
  });
}

}  // namespace

void add_stats_command(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("stats", "Statistics on the columns of a CSV file, as scipy/statsmodels/sklearn compute them");
  cmd->require_subcommand(1);
  cmd->footer(
      "Missing cells (empty, NA, NaN) are dropped as each test documents and reported.\n"
      "Run 'contagion stats TEST --help' for a test's options and an example.");
  auto in = std::make_shared<StatsInput>();
  add_describe(*cmd, in);
  add_ttest(*cmd, in);
  add_mwu(*cmd, in);
  add_correlate(*cmd, in);
  add_normality(*cmd, in);
  add_anova(*cmd, in);
  add_icc(*cmd, in);
  add_score(*cmd, in);
  add_stats_model_commands(*cmd, in);
}

}  // namespace contagion::cli
