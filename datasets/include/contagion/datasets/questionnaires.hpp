#pragma once
// Questionnaire answers of synthetic participants that score exactly their true scores with
// the keys of stats/questionnaire (docs/statistics.md): the Empathy Quotient and any Likert
// key whose items give contiguous whole points (the Emotional Contagion Scale).

#include <cstdint>
#include <string_view>
#include <vector>

namespace contagion::stats {
struct QuestionnaireKey;
}

namespace contagion::datasets {

/// 60 EQ answers (1 = definitely agree .. 4 = definitely disagree) scoring exactly `score`
/// (0..80) with the Empathy Quotient key, the scored items chosen by a seeded permutation.
std::vector<int> eq_answers(int score, std::uint64_t seed, std::uint64_t participant);

/// Answers (codes key.min..key.max) to every item of `key` whose points on its first scale sum
/// to `score`: each item near the score's mean per item, then seeded (+1, -1) swaps between
/// items so that the answers vary; items outside the scale are answered at random. Throws
/// contagion::ParameterError when `score` is outside the scale's range, contagion::Error when
/// an item's points are not contiguous whole numbers. Seeded by (seed, participant, purpose).
std::vector<int> likert_answers(const stats::QuestionnaireKey& key, int score, std::uint64_t seed,
                                std::uint64_t participant, std::string_view purpose);

/// The lowest and highest score of a key's first scale.
std::pair<int, int> score_range(const stats::QuestionnaireKey& key);

}  // namespace contagion::datasets
