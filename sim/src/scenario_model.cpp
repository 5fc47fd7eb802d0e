// The [model] section of a scenario: the model type and its parameters. Parameters are
// checked here, when the scenario is read, by building the model once.

#include <fmt/format.h>

#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/bounded_confidence.hpp"
#include "contagion/sim/continuous_epidemic.hpp"
#include "contagion/sim/delayed_degroot.hpp"
#include "contagion/sim/emotion_contagion.hpp"
#include "contagion/sim/emotion_layers.hpp"
#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/expressed_private.hpp"
#include "contagion/sim/linear_threshold.hpp"
#include "contagion/sim/node_values.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/sim/sisa.hpp"
#include "contagion/sim/voter.hpp"

namespace contagion::sim {
namespace {

/// A number for every node, or the name of a node attribute of the graph.
NodeParameter node_parameter(const ConfigTable& t, const char* key, const Graph& graph, double fallback, Range range) {
  if (t.is_string(key)) {
    const std::string attribute = t.string(key);
    if (!graph.has_attribute(attribute)) t.fail(key, fmt::format("the graph has no node attribute '{}'", attribute));
    const auto& values = graph.attribute(attribute);
    for (NodeId i = 0; i < values.size(); ++i)
      if (!range.contains(values[i]))
        throw ParameterError(fmt::format("{} (attribute '{}', node {})", t.where(key).field, attribute, i),
                             fmt::format("{}", values[i]), range.to_string(), t.where(key));
    return NodeParameter(values);
  }
  return NodeParameter(t.number_in(key, range, fallback));
}

InfluenceMatrix influence(const ConfigTable& t, const Graph& graph) {
  InfluenceSpec spec;
  spec.scheme = parse_influence_scheme(
      t.choice("influence", {"french", "random_walk", "lazy", "metropolis", "weighted", "given"}, "french"));
  if (spec.scheme == InfluenceScheme::lazy) spec.alpha = t.number_in("alpha", {0.0, 1.0, false, false}, 0.5);
  if (spec.scheme == InfluenceScheme::weighted) {
    spec.self_weight = t.number_in("self_weight", Range::unit(), 0.0);
    spec.use_tie_strength = t.choice("weight_source", {"weight", "tie_strength"}, "tie_strength") == "tie_strength";
  }
  try {
    return InfluenceMatrix(graph, spec);
  } catch (const Error& e) {
    throw Error(e.message(), t.where("influence"));
  }
}

Mixing mixing(const ConfigTable& t) {
  return t.choice("mixing", {"graph", "complete"}, "graph") == "graph" ? Mixing::graph : Mixing::complete;
}

using Factory = std::function<std::unique_ptr<Model>()>;

Factory degroot(const ConfigTable& t, const Graph& g, std::size_t* columns) {
  auto w = influence(t, g);
  const auto topics = static_cast<std::size_t>(t.integer_in("topics", 1, 1024, 1));
  *columns = topics;
  return [w, topics] { return std::make_unique<DeGroot>(w, topics); };
}

Factory friedkin_johnsen(const ConfigTable& t, const Graph& g) {
  auto w = influence(t, g);
  const bool coupled = t.boolean("coupled", false);
  if (coupled && t.has("susceptibility"))
    t.fail("susceptibility", "susceptibility is set by coupled = true (lambda_i = 1 - w_ii); give one or the other");
  NodeParameter lambda = coupled ? NodeParameter(0.0) : node_parameter(t, "susceptibility", g, 0.8, Range::unit());
  return [w, lambda, coupled] { return std::make_unique<FriedkinJohnsen>(w, lambda, coupled); };
}

/// history_file: tau_max states x(-1), ..., x(-tau_max), n numbers each, in that order.
std::vector<std::vector<double>> history(const ConfigTable& t, std::uint32_t tau_max, NodeId n,
                                         const std::string& base_dir) {
  if (!t.has("history_file")) return {};
  std::filesystem::path file = t.string("history_file");
  if (file.is_relative()) file = std::filesystem::path(base_dir) / file;
  const std::vector<double> flat = read_numbers(file.string());
  if (flat.size() != std::size_t{tau_max} * n)
    t.fail("history_file",
           fmt::format("the history has {} values; the maximum delay {} needs {} states of {} nodes = {}", flat.size(),
                       tau_max, tau_max, n, std::size_t{tau_max} * n));
  std::vector<std::vector<double>> states(tau_max);
  for (std::uint32_t k = 0; k < tau_max; ++k)
    states[k].assign(flat.begin() + static_cast<std::ptrdiff_t>(std::size_t{k} * n),
                     flat.begin() + static_cast<std::ptrdiff_t>(std::size_t{k + 1} * n));
  return states;
}

Factory delayed_degroot(const ConfigTable& t, const Graph& g, std::uint64_t seed, const std::string& base_dir) {
  auto w = influence(t, g);
  const std::string mode = t.choice("delays", {"uniform", "random"}, "uniform");
  std::vector<std::uint32_t> delays;  // empty: uniform
  std::uint32_t tau = 0;
  if (mode == "uniform") {
    tau = static_cast<std::uint32_t>(t.integer_in("delay", 0, 1000, 1));
  } else {
    // One delay per arc, uniform on {0, ..., max_delay}, drawn once per scenario.
    const auto max_delay = static_cast<std::uint64_t>(t.integer_in("max_delay", 0, 1000, 2));
    delays.resize(g.num_arcs());
    for (EdgeId e = 0; e < g.num_arcs(); ++e) {
      delays[e] = static_cast<std::uint32_t>(
          RandomStream({seed, StreamPurpose::attributes, 0, stream_id("model.delays"), e}).below(max_delay + 1));
      tau = std::max(tau, delays[e]);
    }
  }
  auto past = history(t, tau, g.num_nodes(), base_dir);
  return [w, tau, delays, past] {
    auto model =
        delays.empty() ? std::make_unique<DelayedDeGroot>(w, tau) : std::make_unique<DelayedDeGroot>(w, delays);
    model->set_history(past);
    return model;
  };
}

Factory expressed_private(const ConfigTable& t, const Graph& g) {
  auto w = influence(t, g);
  NodeParameter phi = node_parameter(t, "resilience", g, 0.5, Range::unit());
  NodeParameter lambda = node_parameter(t, "susceptibility", g, 1.0, Range::unit());
  return [w, phi, lambda] { return std::make_unique<ExpressedPrivate>(w, phi, lambda); };
}

Factory hegselmann_krause(const ConfigTable& t, const Graph& g) {
  HegselmannKrauseParams p;
  p.epsilon = node_parameter(t, "epsilon", g, 0.2, Range::greater_than(0.0));
  p.inclusive = t.boolean("inclusive", true);
  p.mixing = mixing(t);
  return [g, p] { return std::make_unique<HegselmannKrause>(g, p); };
}

Factory deffuant_weisbuch(const ConfigTable& t, const Graph& g) {
  DeffuantWeisbuchParams p;
  p.epsilon = t.number_in("epsilon", Range::greater_than(0.0), 0.3);
  p.mu = t.number_in("mu", Range::open_closed(0.0, 0.5), 0.5);
  p.inclusive = t.boolean("inclusive", false);
  p.mixing = mixing(t);
  return [g, p] { return std::make_unique<DeffuantWeisbuch>(g, p); };
}

Factory emotion_contagion(const ConfigTable& t, const Graph& g) {
  EmotionContagionParams p;
  p.expressiveness = node_parameter(t, "expressiveness", g, 1.0, Range::unit());
  p.openness = node_parameter(t, "openness", g, 1.0, Range::unit());
  p.amplification = node_parameter(t, "amplification", g, 0.0, Range::unit());
  p.bias = node_parameter(t, "bias", g, 0.5, Range::unit());
  p.channel_from_tie_strength = t.choice("channel", {"weight", "tie_strength"}, "weight") == "tie_strength";
  p.dt = t.number_in("dt", Range::greater_than(0.0), 0.1);
  return [g, p] { return std::make_unique<EmotionContagion>(g, p); };
}

EpidemicParams::Scale scale(const ConfigTable& t, const char* key) {
  const std::string name = t.choice(key, {"none", "weight", "tie_strength", "weak_ties"}, "none");
  return name == "none"           ? EpidemicParams::Scale::none
         : name == "weight"       ? EpidemicParams::Scale::weight
         : name == "tie_strength" ? EpidemicParams::Scale::tie_strength
                                  : EpidemicParams::Scale::weak_ties;
}

/// The per-emotion keys of a discrete epidemic, read from `t` with `base`'s values as defaults.
EpidemicParams epidemic_rates(const ConfigTable& t, const Graph& g, EpidemicParams p) {
  p.transmission = t.number_in("transmission", Range::unit(), p.transmission);
  if (p.scale == EpidemicParams::Scale::weak_ties) p.kappa = t.number_in("kappa", Range::finite(), p.kappa);
  if (p.kind != EpidemicKind::si && t.has("recovery"))
    p.recovery = node_parameter(t, "recovery", g, 0.1, Range::unit());
  p.spontaneous = t.number_in("spontaneous", Range::unit(), p.spontaneous);
  return p;
}

Factory epidemic(const ConfigTable& t, const Graph& g, std::size_t* columns) {
  EpidemicParams p;
  const std::string kind = t.choice("kind", {"si", "sis", "sir"}, "sir");
  p.kind = kind == "si" ? EpidemicKind::si : kind == "sis" ? EpidemicKind::sis : EpidemicKind::sir;
  p.scale = scale(t, "transmission_scale");
  p = epidemic_rates(t, g, p);
  if (!t.has("emotions")) return [g, p] { return std::make_unique<DiscreteEpidemic>(g, p); };
  // Several emotions at once: emotions = ["anger", "joy"], each with its own [model.<name>]
  // table of rates (transmission, kappa, recovery, spontaneous; [model]'s values by default).
  std::vector<std::pair<std::string, EpidemicParams>> emotions;
  for (const std::string& name : t.strings("emotions"))
    emotions.emplace_back(name, epidemic_rates(t.table_or_empty(name), g, p));
  *columns = emotions.size();
  return [g, emotions] {
    std::vector<EmotionLayer> layers;
    for (const auto& [name, params] : emotions) layers.push_back({name, std::make_unique<DiscreteEpidemic>(g, params)});
    return std::make_unique<EmotionLayers>(std::move(layers));
  };
}

Factory continuous_epidemic(const ConfigTable& t, const Graph& g) {
  ContinuousEpidemicParams p;
  const std::string kind = t.choice("kind", {"si", "sis", "sir"}, "sir");
  p.kind = kind == "si" ? EpidemicKind::si : kind == "sis" ? EpidemicKind::sis : EpidemicKind::sir;
  p.rate = t.number_in("rate", {0.0, 1.7976931348623157e308, true, true}, 1.0);
  p.weighted = t.choice("rate_scale", {"none", "weight"}, "none") == "weight";
  if (p.kind != EpidemicKind::si) p.recovery = node_parameter(t, "recovery", g, 1.0, Range::at_least(0.0));
  p.spontaneous = t.number_in("spontaneous", {0.0, 1.7976931348623157e308, true, true}, 0.0);
  p.window = t.number_in("window", Range::greater_than(0.0), 1.0);
  return [g, p] { return std::make_unique<ContinuousEpidemic>(g, p); };
}

/// SISa with named emotional states: states = ["content", "discontent"] and one table
/// [model.<name>] per state with spontaneous, contagion and recovery.
Factory sisa(const ConfigTable& t, const Graph& g) {
  SisaParams p;
  p.continuous = t.choice("time", {"continuous", "discrete"}, "continuous") == "continuous";
  p.weighted = t.choice("contagion_scale", {"none", "weight"}, "none") == "weight";
  if (p.continuous) p.window = t.number_in("window", Range::greater_than(0.0), 1.0);
  const Range range = p.continuous ? Range::at_least(0.0) : Range::unit();
  for (const std::string& name : t.strings("states")) {
    const ConfigTable s = t.required_table(name);
    p.states.push_back({name, s.number_in("spontaneous", range, 0.0), s.number_in("contagion", range),
                        s.number_in("recovery", range)});
  }
  return [g, p] { return std::make_unique<Sisa>(g, p); };
}

/// Independent cascade (Kempe, Kleinberg & Tardos 2003): a node activated at t tries once, at
/// t + 1, to activate each inactive neighbour with probability p. That is exactly discrete SIR
/// with recovery 1 (active for one step, then spent); states 0 inactive, 1 newly active,
/// 2 spent; `coverage` is the spread so far.
Factory independent_cascade(const ConfigTable& t, const Graph& g) {
  EpidemicParams p;
  p.kind = EpidemicKind::sir;
  p.transmission = t.number_in("probability", Range::unit(), 0.1);
  p.scale = scale(t, "probability_scale");
  if (p.scale == EpidemicParams::Scale::weak_ties) p.kappa = t.number_in("kappa", Range::finite(), 0.0);
  p.recovery = 1.0;
  return [g, p] { return std::make_unique<DiscreteEpidemic>(g, p); };
}

}  // namespace

std::function<std::unique_ptr<Model>()> model_from_config(const ConfigTable& t, const Graph& graph, std::uint64_t seed,
                                                          const std::string& base_dir, std::size_t* columns) {
  *columns = 1;
  const std::string type =
      t.choice("type", {"degroot", "friedkin_johnsen", "delayed_degroot", "expressed_private", "hegselmann_krause",
                        "deffuant_weisbuch", "emotion_contagion", "epidemic", "independent_cascade", "voter",
                        "linear_threshold", "continuous_epidemic", "sisa"});
  Factory factory;
  if (type == "degroot")
    factory = degroot(t, graph, columns);
  else if (type == "friedkin_johnsen")
    factory = friedkin_johnsen(t, graph);
  else if (type == "delayed_degroot")
    factory = delayed_degroot(t, graph, seed, base_dir);
  else if (type == "expressed_private")
    factory = expressed_private(t, graph);
  else if (type == "hegselmann_krause")
    factory = hegselmann_krause(t, graph);
  else if (type == "deffuant_weisbuch")
    factory = deffuant_weisbuch(t, graph);
  else if (type == "emotion_contagion")
    factory = emotion_contagion(t, graph);
  else if (type == "epidemic")
    factory = epidemic(t, graph, columns);
  else if (type == "independent_cascade")
    factory = independent_cascade(t, graph);
  else if (type == "voter") {
    const Mixing mix = mixing(t);
    factory = [graph, mix] { return std::make_unique<Voter>(graph, mix); };
  } else if (type == "linear_threshold") {
    const bool from_arcs = t.choice("weights", {"uniform", "weight"}, "uniform") == "weight";
    factory = [graph, from_arcs] { return std::make_unique<LinearThreshold>(graph, from_arcs); };
  } else if (type == "continuous_epidemic") {
    factory = continuous_epidemic(t, graph);
  } else {
    factory = sisa(t, graph);
  }
  try {
    factory();  // construct once now, so that bad parameters fail when the scenario is read
  } catch (const Error& e) {
    if (!e.context().file.empty()) throw;
    throw Error(e.message(), t.where());
  }
  return factory;
}

}  // namespace contagion::sim
