#include "contagion/datasets/questionnaires.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/stats/questionnaire.hpp"

namespace contagion::datasets {
namespace {

/// The whole points an item can give, lowest first; throws unless they are contiguous.
std::pair<int, int> item_points(const stats::QuestionnaireKey& key, int item) {
  const auto& table = key.points[static_cast<std::size_t>(item - 1)];
  const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
  for (double p = *lo; p <= *hi; p += 1.0)
    if (p != std::floor(p) || std::find(table.begin(), table.end(), p) == table.end())
      throw Error(fmt::format("item {} of the {} key does not give contiguous whole points", item, key.name));
  return {static_cast<int>(*lo), static_cast<int>(*hi)};
}

/// A code of `item` that gives `points`, at random among those that do.
int code_for(const stats::QuestionnaireKey& key, int item, int points, RandomStream& rng) {
  const auto& table = key.points[static_cast<std::size_t>(item - 1)];
  std::vector<int> codes;
  for (int code = key.min; code <= key.max; ++code)
    if (table[static_cast<std::size_t>(code - key.min)] == points) codes.push_back(code);
  return codes[rng.below(codes.size())];
}

}  // namespace

std::vector<int> eq_answers(int score, std::uint64_t seed, std::uint64_t participant) {
  if (score < 0 || score > 80) throw ParameterError("eq", fmt::format("{}", score), "0..80");
  const stats::QuestionnaireKey key = stats::empathy_quotient_key();
  std::vector<int> scored = key.scales.front().second;  // the 40 scored items
  RandomStream rng({seed, StreamPurpose::initial_state, participant, stream_id("eq answers"), 0});
  for (std::size_t i = scored.size(); i > 1; --i) std::swap(scored[i - 1], scored[rng.below(i)]);
  std::vector<int> answers(60, 0);
  // Points per scored item: 2 for the first score / 2 items, 1 more if the score is odd.
  std::vector<int> points(61, 0);
  for (int k = 0; k < score / 2; ++k) points[static_cast<std::size_t>(scored[static_cast<std::size_t>(k)])] = 2;
  if (score % 2) points[static_cast<std::size_t>(scored[static_cast<std::size_t>(score / 2)])] = 1;
  for (int item = 1; item <= 60; ++item) {
    const auto& table = key.points[static_cast<std::size_t>(item - 1)];
    std::vector<int> codes;
    for (int code = 1; code <= 4; ++code)
      if (table[static_cast<std::size_t>(code - 1)] == points[static_cast<std::size_t>(item)]) codes.push_back(code);
    answers[static_cast<std::size_t>(item - 1)] = codes[rng.below(codes.size())];  // fillers: any answer
  }
  return answers;
}

std::pair<int, int> score_range(const stats::QuestionnaireKey& key) {
  int lo = 0, hi = 0;
  for (const int item : key.scales.front().second) {
    const auto [a, b] = item_points(key, item);
    lo += a;
    hi += b;
  }
  return {lo, hi};
}

std::vector<int> likert_answers(const stats::QuestionnaireKey& key, int score, std::uint64_t seed,
                                std::uint64_t participant, std::string_view purpose) {
  const auto [lo, hi] = score_range(key);
  if (score < lo || score > hi) throw ParameterError(key.name, fmt::format("{}", score), fmt::format("{}..{}", lo, hi));
  const std::vector<int>& items = key.scales.front().second;
  const auto n = static_cast<int>(items.size());
  std::vector<int> low(items.size()), high(items.size()), points(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) std::tie(low[i], high[i]) = item_points(key, items[i]);
  RandomStream rng({seed, StreamPurpose::initial_state, participant, stream_id(purpose), 0});
  // Every item at the mean level above its lowest points, the remainder one point each on random items.
  int rest = score - lo;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int share = std::min(rest / std::max(n, 1), high[i] - low[i]);
    points[i] = low[i] + share;
  }
  for (std::size_t i = 0; i < items.size(); ++i) rest -= points[i] - low[i];
  while (rest > 0) {
    const std::size_t i = rng.below(items.size());
    if (points[i] < high[i]) {
      ++points[i];
      --rest;
    }
  }
  // Swaps that keep the sum: one point from one item to another.
  for (int swap = 0; swap < n; ++swap) {
    const std::size_t a = rng.below(items.size()), b = rng.below(items.size());
    if (a != b && points[a] < high[a] && points[b] > low[b]) {
      ++points[a];
      --points[b];
    }
  }
  std::vector<int> answers(static_cast<std::size_t>(key.items), 0);
  for (int item = 1; item <= key.items; ++item)
    answers[static_cast<std::size_t>(item - 1)] =
        key.min + static_cast<int>(rng.below(static_cast<std::uint64_t>(key.max - key.min + 1)));
  for (std::size_t i = 0; i < items.size(); ++i)
    answers[static_cast<std::size_t>(items[i] - 1)] = code_for(key, items[i], points[i], rng);
  return answers;
}

}  // namespace contagion::datasets
