#include "contagion/sim/sisa.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "compartments.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "gillespie.hpp"
#include "incoming_arcs.hpp"
#include "parallel.hpp"

namespace contagion::sim {
namespace {
// States are bytes, and the discrete step keeps one escape probability per state on the stack.
constexpr std::size_t kMaxStates = 16;
}  // namespace

Sisa::Sisa(Graph graph, SisaParams params) : graph_(std::move(graph)), params_(std::move(params)) {
  k_ = params_.states.size();
  if (k_ == 0 || k_ > kMaxStates)
    throw ParameterError("states", fmt::format("{} states", k_), fmt::format("1 to {} emotional states", kMaxStates));
  const double high = params_.continuous ? std::numeric_limits<double>::max() : 1.0;
  const std::string range = params_.continuous ? "[0, inf)" : "[0, 1]";
  for (std::size_t k = 0; k < k_; ++k) {
    const SisaState& s = params_.states[k];
    // The names become metric names in the run file.
    const bool word = !s.name.empty() && std::all_of(s.name.begin(), s.name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!word || s.name == "neutral" || s.name == "coverage")
      throw ParameterError("states", fmt::format("'{}'", s.name),
                           "names of letters, digits and '_', other than 'neutral' and 'coverage'");
    for (std::size_t l = 0; l < k; ++l)
      if (params_.states[l].name == s.name)
        throw ParameterError("states", fmt::format("'{}' twice", s.name), "distinct names");
    for (const auto& [field, v] : {std::pair{"spontaneous", s.spontaneous}, std::pair{"contagion", s.contagion},
                                   std::pair{"recovery", s.recovery}})
      if (!(v >= 0.0 && v <= high))
        throw ParameterError(fmt::format("{}.{}", s.name, field), fmt::format("{}", v), range);
  }
  if (params_.continuous && !(std::isfinite(params_.window) && params_.window > 0.0))
    throw ParameterError("window", fmt::format("{}", params_.window), "(0, inf)");
  const NodeId n = graph_.num_nodes();
  if (params_.weighted) {
    const auto weights = graph_.weights();
    w_.assign(weights.begin(), weights.end());
    if (params_.continuous) {
      for (EdgeId e = 0; e < w_.size(); ++e)
        if (!(w_[e] >= 0.0))
          throw Error(fmt::format("arc {} has weight {}; continuous SISa needs weights >= 0", e, w_[e]));
    }
  }
  state_.assign(n, 0);
  next_ = state_;
  ever_.assign(std::size_t{n} * k_, 0);
  if (params_.continuous) {
    incoming_ = std::make_shared<const detail::IncomingArcs>(graph_);
    pressure_.assign(std::size_t{n} * k_, 0.0);
    events_ = std::make_unique<detail::Gillespie>(n);
  }
  communities_ = std::make_shared<const detail::CommunityReach>(graph_);
}

Sisa::~Sisa() = default;

void Sisa::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::fill(ever_.begin(), ever_.end(), 0);
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const double v = initial[i];
    if (!(v >= 0.0 && v <= static_cast<double>(k_) && v == std::floor(v)))
      throw Error(fmt::format("initial state of node {} is {}; the states are 0 (neutral) to {} ({})", i, v, k_,
                              params_.states.back().name));
    state_[i] = static_cast<std::uint8_t>(v);
    if (state_[i] != 0) ever_[i * k_ + state_[i] - 1] = 1;
  }
  if (params_.continuous) {
    events_->reset();
    rebuild_rates();
  }
}

double Sisa::step(const StepContext& context) {
  return params_.continuous ? step_continuous(context) : step_discrete(context);
}

// ---- discrete time ----------------------------------------------------------------------

std::uint8_t Sisa::discrete_next(NodeId i, double u) const {
  const std::uint8_t s = state_[i];
  if (s != 0) return u < params_.states[s - 1].recovery ? std::uint8_t{0} : s;
  std::array<double, kMaxStates> q{};
  std::array<std::uint32_t, kMaxStates> contacts{};
  for (std::size_t k = 0; k < k_; ++k) q[k] = 1.0 - params_.states[k].spontaneous;
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
    const std::uint8_t t = state_[targets[e]];
    if (t == 0) continue;
    if (w_.empty())
      ++contacts[t - 1];
    else
      q[t - 1] *= 1.0 - std::clamp(params_.states[t - 1].contagion * w_[e], 0.0, 1.0);
  }
  double stay = 1.0;
  for (std::size_t k = 0; k < k_; ++k) {
    if (contacts[k] > 0) q[k] *= std::pow(1.0 - params_.states[k].contagion, static_cast<double>(contacts[k]));
    stay *= q[k];
  }
  const double move = 1.0 - stay;
  if (!(u < move)) return 0;
  const double v = u / move;  // uniform in [0, 1) given that the node moves
  std::size_t certain = 0;    // states entered with probability 1 (q_k = 0)
  for (std::size_t k = 0; k < k_; ++k) certain += q[k] == 0.0;
  if (certain > 0) {
    auto pick = static_cast<std::size_t>(v * static_cast<double>(certain));
    for (std::size_t k = 0; k < k_; ++k)
      if (q[k] == 0.0 && pick-- == 0) return static_cast<std::uint8_t>(k + 1);
  }
  std::array<double, kMaxStates> hazard{};
  double total = 0.0;
  std::size_t last = 0;
  for (std::size_t k = 0; k < k_; ++k) {
    hazard[k] = -std::log(q[k]);
    total += hazard[k];
    if (hazard[k] > 0.0) last = k;
  }
  double target = v * total;
  for (std::size_t k = 0; k < k_; ++k) {
    if (hazard[k] > 0.0 && target < hazard[k]) return static_cast<std::uint8_t>(k + 1);
    target -= hazard[k];
  }
  return static_cast<std::uint8_t>(last + 1);  // rounding at the upper end
}

double Sisa::step_discrete(const StepContext& context) {
  detail::parallel_for(state_.size(), context.threads, [&](std::size_t i) {
    const double u =
        RandomStream({context.seed, StreamPurpose::dynamics, context.replicate, context.step, i}).uniform();
    next_[i] = discrete_next(static_cast<NodeId>(i), u);
    if (next_[i] != 0) ever_[i * k_ + next_[i] - 1] = 1;
  });
  state_.swap(next_);
  // Nodes that could move at the next step: in an emotional state with g > 0, or neutral with
  // a positive chance to leave (discrete_next with u = 0 leaves exactly then).
  return detail::deterministic_sum(state_.size(), context.threads, [&](std::size_t i) {
    const std::uint8_t s = state_[i];
    if (s != 0) return params_.states[s - 1].recovery > 0.0 ? 1.0 : 0.0;
    return discrete_next(static_cast<NodeId>(i), 0.0) != 0 ? 1.0 : 0.0;
  });
}

// ---- continuous time ----------------------------------------------------------------------

double Sisa::pressure_from_neighbours(NodeId i, std::size_t k) const {
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  double sum = 0.0;
  for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e)
    if (state_[targets[e]] == k + 1) sum += w_.empty() ? 1.0 : w_[e];
  return params_.states[k].contagion * sum;
}

double Sisa::node_rate(NodeId i) const {
  const std::uint8_t s = state_[i];
  if (s != 0) return params_.states[s - 1].recovery;
  double rate = 0.0;
  for (std::size_t k = 0; k < k_; ++k) rate += params_.states[k].spontaneous + pressure_[i * k_ + k];
  return rate;
}

void Sisa::rebuild_rates() {
  for (NodeId i = 0; i < state_.size(); ++i)
    for (std::size_t k = 0; k < k_; ++k) pressure_[i * k_ + k] = pressure_from_neighbours(i, k);
  events_->rates.rebuild([this](std::size_t i) { return node_rate(static_cast<NodeId>(i)); });
}

double Sisa::step_continuous(const StepContext& context) {
  const double end = static_cast<double>(context.step + 1) * params_.window;
  auto fire = [this](std::size_t item, double u) {
    const auto v = static_cast<NodeId>(item);
    std::size_t k = 0;  // the emotional state entered or left
    double sign = 1.0;
    if (state_[v] == 0) {
      // Which state: with probability (a_k + pressure_k) / rate.
      double target = u * events_->rates.rate(v);
      k = k_ - 1;
      for (std::size_t l = 0; l < k_; ++l) {
        const double r = params_.states[l].spontaneous + pressure_[v * k_ + l];
        if (r > 0.0 && target < r) {
          k = l;
          break;
        }
        target -= r;
      }
      while (params_.states[k].spontaneous + pressure_[v * k_ + k] <= 0.0 && k > 0) --k;  // rounding at the end
      state_[v] = static_cast<std::uint8_t>(k + 1);
      ever_[v * k_ + k] = 1;
    } else {
      k = state_[v] - 1u;
      state_[v] = 0;
      sign = -1.0;
    }
    events_->rates.set(v, node_rate(v));
    const double b = params_.states[k].contagion;
    if (b == 0.0) return;
    for (EdgeId e = incoming_->begin(v); e < incoming_->end(v); ++e) {
      const NodeId x = incoming_->source(e);
      const double change = b * (w_.empty() ? 1.0 : w_[incoming_->arc(e)]);
      double& p = pressure_[x * k_ + k];
      p += sign * change;
      // Near zero, recompute exactly: a node with no neighbour in state k must feel exactly 0.
      if (!(p > 1e-9 * change)) p = pressure_from_neighbours(x, k);
      if (state_[x] == 0) events_->rates.set(x, node_rate(x));
    }
  };
  events_->advance(context, stream_id("sisa"), end, fire, [this] { rebuild_rates(); });
  return events_->rates.total();
}

// ---- observations --------------------------------------------------------------------------

std::span<const double> Sisa::state() const {
  return detail::compartments_as_numbers(state_, view_);
}

std::vector<Observation> Sisa::observations() const {
  const double n = std::max<double>(1.0, static_cast<double>(state_.size()));
  std::vector<double> in_state(k_ + 1, 0.0), ever_in(k_, 0.0);
  std::vector<std::uint8_t> ever_any(state_.size(), 0);
  for (std::size_t i = 0; i < state_.size(); ++i) {
    in_state[state_[i]] += 1.0;
    for (std::size_t k = 0; k < k_; ++k) {
      ever_in[k] += ever_[i * k_ + k];
      ever_any[i] = static_cast<std::uint8_t>(ever_any[i] | ever_[i * k_ + k]);
    }
  }
  std::vector<Observation> out{{"neutral", in_state[0] / n}};
  for (std::size_t k = 0; k < k_; ++k) out.push_back({params_.states[k].name, in_state[k + 1] / n});
  double covered = 0.0;
  for (const std::uint8_t e : ever_any) covered += e;
  out.push_back({"coverage", covered / n});
  for (std::size_t k = 0; k < k_; ++k) out.push_back({params_.states[k].name + "_coverage", ever_in[k] / n});
  communities_->observe(ever_any, out);
  return out;
}

}  // namespace contagion::sim
