// contagion calibrate: model parameters from measurements.
//   degroot  DeGroot weights from observed series (calibrate::fit_degroot), with held-out
//            trajectories and bootstrap intervals;
//   series   DeGroot, Friedkin–Johnsen, delayed DeGroot and reduced EPO fitted and ranked
//            (calibrate::rank_models), the chosen fit written as a scenario `contagion run` reads;
//   dyad     inertia and lagged contagion per direction from two people's signals (calibrate::fit_dyad).

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "common.hpp"
#include "contagion/calibrate/dyad.hpp"
#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/calibrate/model_ranking.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/sim/graph_io.hpp"

namespace contagion::cli {
namespace {

bool is_time_column(const std::string& name) {
  return name == "time" || name == "t" || name == "step" || name == "frame" || name == "timestamp";
}

/// Agent columns of a series CSV, split into trajectories in order of appearance. A missing
/// value is an error naming the file, line and column.
struct Series {
  std::vector<std::string> names;
  std::vector<calibrate::Trajectory> trajectories;
  std::vector<std::string> trajectory_ids;
};

Series read_series(const std::string& path, std::vector<std::string> names, const std::string& trajectory) {
  const Table t = read_csv(path);
  if (!trajectory.empty() && !t.has(trajectory))
    throw UsageError(fmt::format("{} has no column '{}' (--trajectory)", path, trajectory));
  if (names.empty())
    for (const auto& n : t.names())
      if (n != trajectory && !is_time_column(n) && t.is_numeric(n)) names.push_back(n);
  if (names.size() < 2) throw UsageError(fmt::format("{}: the series need at least two agents' columns", path));
  std::vector<std::vector<double>> columns;
  for (const auto& n : names) {
    columns.push_back(t.numbers(n));
    for (std::size_t r = 0; r < t.rows(); ++r)
      if (!std::isfinite(columns.back()[r]))
        throw Error(fmt::format("agent '{}' has a missing value (every step needs every agent's value)", n),
                    ErrorContext{path, t.line_of(r), 0, n});
  }
  Series s;
  s.names = names;
  std::map<std::string, std::vector<std::size_t>> rows;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string id = trajectory.empty() ? std::string("all") : t.text(trajectory)[r];
    if (!rows.count(id)) s.trajectory_ids.push_back(id);
    rows[id].push_back(r);
  }
  for (const auto& id : s.trajectory_ids) {
    calibrate::Trajectory m(static_cast<Eigen::Index>(rows[id].size()), static_cast<Eigen::Index>(names.size()));
    for (std::size_t k = 0; k < rows[id].size(); ++k)
      for (std::size_t j = 0; j < names.size(); ++j)
        m(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j)) = columns[j][rows[id][k]];
    s.trajectories.push_back(m);
  }
  return s;
}

/// The support of W from a graph file: its nodes are the agents, matched by name when the
/// edge list's numeric ids are the column names, else in order.
Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> graph_support(const std::string& path, bool directed,
                                                                  const std::vector<std::string>& names,
                                                                  const std::string& series_path) {
  sim::ReadOptions options;
  options.build.directed = directed;
  std::string ext = std::filesystem::path(path).extension().string();
  const sim::Graph g =
      ext == ".graphml" || ext == ".xml" ? sim::read_graphml(path, options) : sim::read_edge_list(path, options);
  const auto n = static_cast<Eigen::Index>(names.size());
  if (static_cast<Eigen::Index>(g.num_nodes()) != n)
    throw Error(fmt::format("the graph has {} nodes; {} has {} agent columns ({})", g.num_nodes(), series_path, n,
                            fmt::join(names, ", ")),
                ErrorContext{path, 0, 0, ""});
  std::vector<Eigen::Index> agent_of(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) agent_of[static_cast<std::size_t>(i)] = i;
  if (g.has_attribute("original_id")) {
    std::map<std::string, Eigen::Index> column;
    for (Eigen::Index j = 0; j < n; ++j) column[names[static_cast<std::size_t>(j)]] = j;
    const auto& ids = g.attribute("original_id");
    bool by_name = true;
    for (sim::NodeId v = 0; v < g.num_nodes() && by_name; ++v)
      by_name = column.count(fmt::format("{}", static_cast<std::int64_t>(ids[v]))) > 0;
    if (by_name)
      for (sim::NodeId v = 0; v < g.num_nodes(); ++v)
        agent_of[v] = column[fmt::format("{}", static_cast<std::int64_t>(ids[v]))];
  }
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> allowed =
      Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(n, n, false);
  for (sim::NodeId v = 0; v < g.num_nodes(); ++v) {
    allowed(agent_of[v], agent_of[v]) = true;
    for (sim::EdgeId e = g.offsets()[v]; e < g.offsets()[v + 1]; ++e)
      allowed(agent_of[v], agent_of[g.targets()[e]]) = true;
  }
  return allowed;
}

void write_text(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw Error(fmt::format("cannot open {} for writing", temporary));
    out << text;
    if (!out.flush()) throw Error(fmt::format("cannot write {}", temporary));
  }
  std::filesystem::rename(temporary, path);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

/// A fitted model as `contagion run` reads it: W as the weights of a directed GraphML graph
/// (arc i -> j carries w_ij; influence = "given" makes w_ii = 1 - the row's arcs), per-agent
/// parameters as node attributes, the first observed state as the initial state.
struct Parameters {
  std::string type;
  Eigen::MatrixXd weights;
  std::map<std::string, Eigen::VectorXd> node;  ///< attribute -> value per agent
  std::vector<std::string> model_lines;         ///< extra `key = value` lines of [model]
};

void write_scenario(const std::string& toml_path, const Parameters& p, const std::vector<std::string>& names,
                    const calibrate::Trajectory& first, const std::string& comment) {
  const std::filesystem::path graphml = std::filesystem::path(toml_path).replace_extension(".graphml");
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
  for (const auto& [name, values] : p.node)
    xml += fmt::format("  <key id=\"{0}\" for=\"node\" attr.name=\"{0}\" attr.type=\"double\"/>\n", name);
  xml += "  <graph edgedefault=\"directed\">\n";
  const auto n = static_cast<Eigen::Index>(names.size());
  for (Eigen::Index i = 0; i < n; ++i) {
    xml += fmt::format("    <node id=\"{}\">", xml_escape(names[static_cast<std::size_t>(i)]));
    for (const auto& [name, values] : p.node) xml += fmt::format("<data key=\"{}\">{:.17g}</data>", name, values(i));
    xml += "</node>\n";
  }
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (i != j && p.weights(i, j) > 1e-9)
        xml += fmt::format("    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{:.17g}</data></edge>\n",
                           xml_escape(names[static_cast<std::size_t>(i)]),
                           xml_escape(names[static_cast<std::size_t>(j)]), p.weights(i, j));
  xml += "  </graph>\n</graphml>\n";
  write_text(graphml.string(), xml);
  std::vector<std::string> initial;
  for (Eigen::Index j = 0; j < n; ++j) initial.push_back(fmt::format("{:.17g}", first(0, j)));
  std::string toml =
      fmt::format("# {}\n# Agents (graph nodes in this order): {}\nname = \"calibrated-{}\"\nseed = 1\n\n", comment,
                  fmt::join(names, ", "), p.type);
  toml += fmt::format("[graph]\nfile = \"{}\"\ndirected = true\n\n", graphml.filename().string());
  toml += fmt::format("[model]\ntype = \"{}\"\ninfluence = \"given\"\n", p.type);
  for (const auto& [name, values] : p.node) toml += fmt::format("{0} = \"{0}\"\n", name);
  for (const auto& line : p.model_lines) toml += line + "\n";
  toml += fmt::format("\n[initial]  # the first observed state\ndistribution = \"values\"\nvalues = [{}]\n\n",
                      fmt::join(initial, ", "));
  toml += fmt::format("[run]\nmax_steps = {}\n", std::max<Eigen::Index>(first.rows() - 1, 1));
  write_text(toml_path, toml);
}

Parameters parameters_of(calibrate::SeriesModel model, const calibrate::Ranking& r) {
  Parameters p;
  switch (model) {
    case calibrate::SeriesModel::degroot:
      p.type = "degroot";
      p.weights = r.degroot->weights;
      break;
    case calibrate::SeriesModel::friedkin_johnsen:
      p.type = "friedkin_johnsen";
      p.weights = r.friedkin_johnsen->weights;
      p.node["susceptibility"] = r.friedkin_johnsen->susceptibility;
      break;
    case calibrate::SeriesModel::delayed_degroot: {
      p.type = "delayed_degroot";
      p.weights = r.delayed->weights;
      // `contagion run` takes one uniform delay (or random ones): the weighted mean lag, rounded.
      p.model_lines = {"delays = \"uniform\"",
                       fmt::format("delay = {}  # weighted mean lag of the fit: {:.3f}",
                                   static_cast<int>(std::lround(calibrate::mean_delay(*r.delayed))),
                                   calibrate::mean_delay(*r.delayed))};
      break;
    }
    case calibrate::SeriesModel::epo:
      p.type = "expressed_private";
      p.weights = r.epo->weights;
      p.node["resilience"] = r.epo->resilience;
      p.node["susceptibility"] = r.epo->susceptibility;
      break;
  }
  return p;
}

nlohmann::json matrix_json(const Eigen::MatrixXd& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    std::vector<double> row(static_cast<std::size_t>(m.cols()));
    for (Eigen::Index j = 0; j < m.cols(); ++j) row[static_cast<std::size_t>(j)] = m(i, j);
    rows.push_back(row);
  }
  return rows;
}

std::vector<double> vector_of(const Eigen::VectorXd& v) {
  return {v.data(), v.data() + v.size()};
}

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void add_degroot(CLI::App& calibrate) {
  CLI::App* cmd = calibrate.add_subcommand("degroot", "DeGroot influence weights from observed time series");
  auto series = std::make_shared<std::string>();
  auto agents = std::make_shared<std::vector<std::string>>();
  auto trajectory = std::make_shared<std::string>();
  auto held_out = std::make_shared<int>(0);
  auto bootstrap = std::make_shared<int>(0);
  auto seed = std::make_shared<std::uint64_t>(1);
  auto output = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--series", *series, "CSV: one row per time step, one column per agent")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--agents", *agents,
                  "the agents' columns (default: every numeric column but time and the trajectory)")
      ->delimiter(',');
  cmd->add_option("--trajectory", *trajectory, "column telling separate trajectories (runs, groups) apart");
  cmd->add_option("--hold-out", *held_out, "keep the last K trajectories for prediction")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--bootstrap", *bootstrap, "bootstrap replicates for 95 % intervals (0: none)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", *seed, "seed of the bootstrap");
  cmd->add_option("-o,--output", *output, "weights as CSV (agent, then one column per agent; rows sum to 1)");
  cmd->add_flag("--json", *json, "print the results as JSON");
  cmd->footer(
      "Each row of W is fitted by least squares with w_ij >= 0 and sum_j w_ij = 1 (MODELS.md §A3.3).\n"
      "See also `contagion calibrate series` (more models, ranking, a scenario for `contagion run`).\n"
      "Example:\n  contagion calibrate degroot --series blogs.csv --trajectory topic --hold-out 1 --bootstrap 200 -o "
      "W.csv");
  cmd->callback([=] {
    const Series s = read_series(*series, *agents, *trajectory);
    const std::vector<std::string>& names = s.names;
    const std::vector<calibrate::Trajectory>& all = s.trajectories;
    if (*held_out >= static_cast<int>(all.size()))
      throw UsageError(fmt::format("--hold-out {} leaves no trajectory to fit ({} in all)", *held_out, all.size()));
    const std::vector<calibrate::Trajectory> fit_on(all.begin(), all.end() - *held_out),
        test(all.end() - *held_out, all.end());
    const calibrate::DeGrootFit fit = calibrate::fit_degroot(fit_on);
    calibrate::Prediction prediction;
    if (!test.empty()) prediction = calibrate::predict_degroot(fit.weights, test);
    calibrate::WeightIntervals ci;
    if (*bootstrap > 0) ci = calibrate::bootstrap_degroot(fit_on, *bootstrap, 0.95, *seed);
    const auto n = static_cast<Eigen::Index>(names.size());
    if (!output->empty()) {
      Table w;
      w.add_text("agent", names);
      for (Eigen::Index j = 0; j < n; ++j) {
        std::vector<double> column(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) column[static_cast<std::size_t>(i)] = fit.weights(i, j);
        w.add_numbers(names[static_cast<std::size_t>(j)], column);
      }
      write_csv(w, *output);
    }
    if (*json) {
      nlohmann::json weights = nlohmann::json::array();
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
          nlohmann::json entry{{"agent", names[static_cast<std::size_t>(i)]},
                               {"attends_to", names[static_cast<std::size_t>(j)]},
                               {"weight", fit.weights(i, j)}};
          if (*bootstrap > 0) {
            entry["ci_low"] = ci.low(i, j);
            entry["ci_high"] = ci.high(i, j);
          }
          weights.push_back(entry);
        }
      nlohmann::json out{
          {"agents", names}, {"transitions", fit.steps}, {"train_mse", fit.train_mse}, {"weights", weights}};
      if (!test.empty())
        out["held_out"] = {{"trajectories", test.size()},
                           {"model_mse", prediction.model_mse},
                           {"persistence_mse", prediction.persistence_mse},
                           {"r2_vs_persistence", prediction.r2_vs_persistence}};
      std::cout << out.dump(2) << '\n';
      return;
    }
    fmt::print("DeGroot fit of {} agents on {} transitions ({} trajectories): train MSE {:.4g}\n", names.size(),
               fit.steps, fit_on.size(), fit.train_mse);
    if (!test.empty())
      fmt::print("held out {} trajectories: MSE {:.4g} vs persistence {:.4g}, R2 vs persistence {:.3f}\n", test.size(),
                 prediction.model_mse, prediction.persistence_mse, prediction.r2_vs_persistence);
    for (Eigen::Index i = 0; i < n; ++i) {
      fmt::print("  {:<14}", names[static_cast<std::size_t>(i)]);
      for (Eigen::Index j = 0; j < n; ++j) fmt::print(" {:6.3f}", fit.weights(i, j));
      fmt::print("\n");
    }
  });
}

void add_series(CLI::App& calibrate) {
  CLI::App* cmd = calibrate.add_subcommand("series", "Fit averaging models to observed series and rank them");
  struct Options {
    std::string series, trajectory, graph, model = "all", rank_by = "bic", output;
    std::vector<std::string> agents;
    bool directed = false, no_intercept = false, json = false, self_lags = false;
    int max_lag = 2;
    double train_fraction = 0.75;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("SERIES", o->series, "CSV: one row per time step, one column per agent")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--model", o->model, "degroot, fj, delayed, epo, or all (fit and rank all four)")
      ->check(CLI::IsMember({"degroot", "fj", "delayed", "epo", "all"}));
  cmd->add_option("--agents", o->agents,
                  "the agents' columns (default: every numeric column but time/t/step/frame and the trajectory)")
      ->delimiter(',');
  cmd->add_option("--trajectory", o->trajectory, "column telling separate trajectories (runs, groups) apart");
  cmd->add_option("--graph", o->graph,
                  "edge list or GraphML whose arcs are the only weights allowed (its nodes are the agents: by id "
                  "when an edge list's ids are the column names, else in column order)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--directed", o->directed, "read the edge list as directed (arc i -> j: i attends to j)");
  cmd->add_option("--max-lag", o->max_lag, "delayed DeGroot: lags 0..L")->check(CLI::Range(0, 50));
  cmd->add_flag("--self-lags", o->self_lags, "delayed DeGroot: also the agent's own past values");
  cmd->add_flag("--no-intercept", o->no_intercept, "reduced EPO: no constant per trajectory (no stubborn agents)");
  cmd->add_option("--train-fraction", o->train_fraction,
                  "the first fraction of each trajectory trains; the rest is predicted (1: no held-out scores)")
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--rank-by", o->rank_by, "bic, aic or held-out (multi-step MSE)")
      ->check(CLI::IsMember({"bic", "aic", "held-out"}));
  cmd->add_option("-o,--output", o->output,
                  "scenario TOML of the best model for `contagion run` (W goes to the .graphml beside it)");
  cmd->add_flag("--json", o->json, "print the results as JSON");
  cmd->footer(
      "Models (MODELS.md §A1-A3; each row fitted by simplex-constrained least squares, EPO by OLS):\n"
      "  degroot  x(t+1) = W x(t)\n"
      "  fj       x(t+1) = Lambda W x(t) + (I - Lambda) x(0)\n"
      "  delayed  x_i(t+1) = w_ii x_i(t) + sum_{j!=i, tau<=L} w_ij^tau x_j(t - tau)\n"
      "  epo      x(t+1) = A1 x(t) + A2 x(t-1) + c  (reduced expressed-private model; W, phi, lambda mapped back)\n"
      "Ranked by BIC on the training prefix (ties: fewer parameters); held-out one-step and multi-step MSE and\n"
      "R2 against persistence are shown too. See docs/calibration.md.\n"
      "Examples:\n"
      "  contagion calibrate series blogs.csv --trajectory topic --model all\n"
      "  contagion calibrate series blogs.csv --model fj --graph follows.csv -o fitted.toml && contagion run "
      "fitted.toml -o runs.h5");
  cmd->callback([o] {
    const Series s = read_series(o->series, o->agents, o->trajectory);
    calibrate::RankingOptions options;
    if (o->model != "all") options.models = {calibrate::parse_series_model(o->model)};
    options.criterion = calibrate::parse_rank_criterion(o->rank_by);
    options.train_fraction = o->train_fraction;
    options.delayed.max_lag = o->max_lag;
    options.delayed.self_lags = o->self_lags;
    options.epo.intercept = !o->no_intercept;
    if (!o->graph.empty()) options.solver.allowed = graph_support(o->graph, o->directed, s.names, o->series);
    const calibrate::Ranking r = calibrate::rank_models(s.trajectories, options);
    const calibrate::SeriesModel best = r.table.front().model;
    const Parameters p = parameters_of(best, r);
    if (!o->output.empty())
      write_scenario(o->output, p, s.names, s.trajectories.front(),
                     fmt::format("Fitted by `contagion calibrate series` to {}: model {} ranked first by {}", o->series,
                                 calibrate::to_string(best), o->rank_by));
    if (o->json) {
      nlohmann::json table = nlohmann::json::array();
      for (const auto& m : r.table)
        table.push_back({{"model", calibrate::to_string(m.model)},
                         {"parameters", m.parameters},
                         {"train_mse", m.train_mse},
                         {"aic", m.aic},
                         {"bic", m.bic},
                         {"one_step_mse", number(m.one_step_mse)},
                         {"multi_step_mse", number(m.multi_step_mse)},
                         {"one_step_r2", number(m.one_step_r2)},
                         {"multi_step_r2", number(m.multi_step_r2)}});
      nlohmann::json fits;
      if (r.degroot) fits["degroot"] = {{"weights", matrix_json(r.degroot->weights)}};
      if (r.friedkin_johnsen)
        fits["fj"] = {{"weights", matrix_json(r.friedkin_johnsen->weights)},
                      {"susceptibility", vector_of(r.friedkin_johnsen->susceptibility)}};
      if (r.delayed) {
        nlohmann::json lags = nlohmann::json::array();
        for (const auto& w : r.delayed->lag_weights) lags.push_back(matrix_json(w));
        fits["delayed"] = {{"weights", matrix_json(r.delayed->weights)},
                           {"lag_weights", lags},
                           {"dominant_lag", matrix_json(r.delayed->dominant_lag.cast<double>())},
                           {"mean_delay", calibrate::mean_delay(*r.delayed)}};
      }
      if (r.epo)
        fits["epo"] = {{"a1", matrix_json(r.epo->a1)},
                       {"a2", matrix_json(r.epo->a2)},
                       {"constant", matrix_json(r.epo->constant)},
                       {"weights", matrix_json(r.epo->weights)},
                       {"resilience", vector_of(r.epo->resilience)},
                       {"susceptibility", vector_of(r.epo->susceptibility)},
                       {"alternative_resilience", vector_of(r.epo->alternative_resilience)},
                       {"alternative_susceptibility", vector_of(r.epo->alternative_susceptibility)}};
      nlohmann::json out{{"agents", s.names},
                         {"trajectories", s.trajectory_ids},
                         {"ranked_by", o->rank_by},
                         {"best", calibrate::to_string(best)},
                         {"train_residuals", r.train_residuals},
                         {"held_out_steps", r.held_out_steps},
                         {"one_step_persistence_mse", number(r.one_step_persistence_mse)},
                         {"multi_step_persistence_mse", number(r.multi_step_persistence_mse)},
                         {"ranking", table},
                         {"fits", fits}};
      if (!o->output.empty()) out["scenario"] = o->output;
      std::cout << out.dump(2) << '\n';
      return;
    }
    fmt::print("{} agents, {} trajectories; trained on {} residuals, {} held-out steps; ranked by {}\n", s.names.size(),
               s.trajectories.size(), r.train_residuals, r.held_out_steps, o->rank_by);
    fmt::print("  {:<4} {:<8} {:>6} {:>11} {:>11} {:>11} {:>11} {:>11} {:>8} {:>8}\n", "rank", "model", "k",
               "train MSE", "AIC", "BIC", "1-step MSE", "multi MSE", "R2 1", "R2 multi");
    for (std::size_t i = 0; i < r.table.size(); ++i) {
      const auto& m = r.table[i];
      fmt::print("  {:<4} {:<8} {:>6} {:>11.4g} {:>11.2f} {:>11.2f} {:>11.4g} {:>11.4g} {:>8.3f} {:>8.3f}\n", i + 1,
                 calibrate::to_string(m.model), m.parameters, m.train_mse, m.aic, m.bic, m.one_step_mse,
                 m.multi_step_mse, m.one_step_r2, m.multi_step_r2);
    }
    fmt::print("persistence: 1-step MSE {:.4g}, multi-step MSE {:.4g}\n", r.one_step_persistence_mse,
               r.multi_step_persistence_mse);
    fmt::print("best: {} ({} in `contagion run`)\n", calibrate::to_string(best), p.type);
    const auto n = static_cast<Eigen::Index>(s.names.size());
    for (Eigen::Index i = 0; i < n; ++i) {
      fmt::print("  {:<14}", s.names[static_cast<std::size_t>(i)]);
      for (Eigen::Index j = 0; j < n; ++j) fmt::print(" {:6.3f}", p.weights(i, j));
      for (const auto& [name, values] : p.node) fmt::print("   {} {:.3f}", name, values(i));
      fmt::print("\n");
    }
    if (best == calibrate::SeriesModel::delayed_degroot)
      fmt::print("weighted mean delay {:.3f}\n", calibrate::mean_delay(*r.delayed));
    if (!o->output.empty()) fmt::print("scenario written to {}\n", o->output);
  });
}

/// One channel of a CSV (or its only numeric non-time column).
std::pair<Eigen::VectorXd, std::string> read_channel(const std::string& path, const std::string& channel) {
  const Table t = read_csv(path);
  std::string name = channel;
  if (name.empty()) {
    std::vector<std::string> numeric;
    for (const auto& n : t.names())
      if (!is_time_column(n) && t.is_numeric(n)) numeric.push_back(n);
    if (numeric.size() != 1)
      throw UsageError(fmt::format("{} has {} numeric columns ({}); name one with --channel", path, numeric.size(),
                                   fmt::join(numeric, ", ")));
    name = numeric.front();
  }
  const std::vector<double> values = t.numbers(name);
  for (std::size_t r = 0; r < values.size(); ++r)
    if (!std::isfinite(values[r]))
      throw Error("missing value (the dyadic fit needs every frame)", ErrorContext{path, t.line_of(r), 0, name});
  return {Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())), name};
}

nlohmann::json direction_json(const calibrate::DyadDirection& d) {
  return {{"lag", d.lag},
          {"inertia", d.inertia},
          {"inertia_se", d.inertia_se},
          {"inertia_ci", {d.inertia_low, d.inertia_high}},
          {"contagion", d.contagion},
          {"contagion_se", d.contagion_se},
          {"contagion_ci", {d.contagion_low, d.contagion_high}},
          {"contagion_p", d.contagion_p},
          {"intercept", d.intercept},
          {"r_squared", d.r_squared},
          {"observations", d.observations},
          {"criterion_by_lag", d.criterion}};
}

void add_dyad(CLI::App& calibrate) {
  CLI::App* cmd = calibrate.add_subcommand("dyad", "Inertia and lagged contagion between two people's signals");
  struct Options {
    std::vector<std::string> files;
    std::string channel;
    std::vector<std::string> columns;
    calibrate::DyadOptions fit;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("FILES", o->files, "A.csv B.csv (one person each), or one CSV with both people's columns")
      ->required()
      ->expected(1, 2)
      ->check(CLI::ExistingFile);
  cmd->add_option("--channel", o->channel, "the column to use in each of the two files (e.g. AU12_r, joy)");
  cmd->add_option("--columns", o->columns, "with one file: the two people's columns, a,b")->delimiter(',');
  cmd->add_option("--max-lag", o->fit.max_lag, "lags 0..L frames")->check(CLI::Range(0, 10000));
  cmd->add_flag("--bic", o->fit.use_bic, "choose the lag by BIC (default AIC)");
  cmd->add_option("--confidence", o->fit.confidence, "of the intervals")->check(CLI::Range(0.5, 0.999));
  cmd->add_flag("--json", o->json, "print the results as JSON");
  cmd->footer(
      "Per direction, OLS of x_a(t+1) = inertia x_a(t) + contagion x_b(t - lag) + c for each lag 0..L on the same\n"
      "frames; the lag with the smallest AIC is reported with OLS standard errors and t-intervals. The two series\n"
      "must share one frame rate and start together (same number of frames).\n"
      "Examples:\n"
      "  contagion calibrate dyad mother.csv infant.csv --channel AU12_r --max-lag 30\n"
      "  contagion calibrate dyad pair.csv --columns joy_a,joy_b --json");
  cmd->callback([o] {
    Eigen::VectorXd a, b;
    std::string label_a, label_b;
    if (o->files.size() == 2) {
      if (!o->columns.empty()) throw UsageError("--columns is for one file; with two files use --channel");
      auto [va, na] = read_channel(o->files[0], o->channel);
      auto [vb, nb] = read_channel(o->files[1], o->channel);
      if (va.size() != vb.size())
        throw Error(
            fmt::format("{} has {} frames, {} has {}: the two series must have one frame rate and the same "
                        "length",
                        o->files[0], va.size(), o->files[1], vb.size()));
      a = va;
      b = vb;
      label_a = o->files[0] + ":" + na;
      label_b = o->files[1] + ":" + nb;
    } else {
      const Table t = read_csv(o->files[0]);
      std::vector<std::string> columns = o->columns;
      if (columns.empty())
        for (const auto& n : t.names())
          if (!is_time_column(n) && t.is_numeric(n)) columns.push_back(n);
      if (columns.size() != 2)
        throw UsageError(fmt::format("{} has {} numeric columns ({}); name the two people's with --columns a,b",
                                     o->files[0], columns.size(), fmt::join(columns, ", ")));
      a = read_channel(o->files[0], columns[0]).first;
      b = read_channel(o->files[0], columns[1]).first;
      label_a = columns[0];
      label_b = columns[1];
    }
    const calibrate::DyadFit fit = calibrate::fit_dyad(a, b, o->fit);
    if (o->json) {
      nlohmann::json out{{"a", label_a},
                         {"b", label_b},
                         {"frames", a.size()},
                         {"max_lag", o->fit.max_lag},
                         {"criterion", o->fit.use_bic ? "bic" : "aic"},
                         {"confidence", o->fit.confidence},
                         {"b_to_a", direction_json(fit.b_to_a)},
                         {"a_to_b", direction_json(fit.a_to_b)}};
      std::cout << out.dump(2) << '\n';
      return;
    }
    fmt::print("{} frames; lag chosen by {} over 0..{}; {:.0f} % intervals\n", a.size(), o->fit.use_bic ? "BIC" : "AIC",
               o->fit.max_lag, 100.0 * o->fit.confidence);
    const auto show = [](const std::string& to, const std::string& from, const calibrate::DyadDirection& d) {
      fmt::print(
          "{} <- {}: lag {}, inertia {:.4f} [{:.4f}, {:.4f}], contagion {:.4f} [{:.4f}, {:.4f}] (p = {:.3g}), "
          "R2 {:.3f}, n = {}\n",
          to, from, d.lag, d.inertia, d.inertia_low, d.inertia_high, d.contagion, d.contagion_low, d.contagion_high,
          d.contagion_p, d.r_squared, d.observations);
    };
    show(label_a, label_b, fit.b_to_a);
    show(label_b, label_a, fit.a_to_b);
  });
}

}  // namespace

void add_calibrate_command(CLI::App& app) {
  CLI::App* calibrate = app.add_subcommand("calibrate", "Fit model parameters to measurements");
  calibrate->require_subcommand(1);
  add_degroot(*calibrate);
  add_series(*calibrate);
  add_dyad(*calibrate);
}

}  // namespace contagion::cli
