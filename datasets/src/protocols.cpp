#include "contagion/datasets/protocols.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <set>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/core/table.hpp"
#include "contagion/facial/features.hpp"

namespace contagion::datasets {
namespace {

const std::set<std::string>& known_categories() {
  static const std::set<std::string> known{"happy", "angry", "sad", "disgust", "fear", "surprise", "neutral"};
  return known;
}

/// A seeded Fisher-Yates permutation of 0..n-1.
std::vector<std::size_t> shuffled(std::size_t n, RandomStream rng) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  return order;
}

}  // namespace

std::vector<Stimulus> kdef_protocol(std::uint64_t seed, std::uint64_t participant, double lead_in_s, int blocks) {
  static const std::pair<const char*, const char*> emotions[] = {{"HA", "happy"},   {"AN", "angry"}, {"SA", "sad"},
                                                                 {"DI", "disgust"}, {"AF", "fear"},  {"SU", "surprise"},
                                                                 {"NE", "neutral"}};
  std::vector<Stimulus> out;
  double t = lead_in_s;
  for (int block = 0; block < blocks; ++block) {
    const auto order = shuffled(7, RandomStream({seed, StreamPurpose::initial_state, participant,
                                                 stream_id("kdef order"), static_cast<std::uint64_t>(block)}));
    for (const std::size_t e : order) {
      Stimulus s;
      s.id = fmt::format("AF{:02d}{}S", block + 1, emotions[e].first);
      s.category = std::string(emotions[e].second);
      s.onset = t;
      s.offset = t + 10.0;
      out.push_back(std::move(s));
      t += 18.0;  // 10 s image + 8 s blank
    }
  }
  return out;
}

std::vector<FilmClip> default_film_clips() {
  return {{"amusement", 60.0, {{"joy", 1.0}}},
          {"sadness", 90.0, {{"sadness", 1.0}}},
          {"fear", 75.0, {{"fear", 0.8}, {"surprise", 0.2}}},
          {"anger", 60.0, {{"anger", 1.0}}},
          {"disgust", 45.0, {{"disgust", 1.0}}},
          {"neutral", 60.0, {{"neutral", 1.0}}}};
}

void check_film_clips(const std::vector<FilmClip>& clips) {
  if (clips.empty()) throw ParameterError("clips", "none", "1 or more clips");
  std::set<std::string> ids;
  for (const FilmClip& c : clips) {
    if (c.id.empty() || !ids.insert(c.id).second)
      throw ParameterError("clips", fmt::format("'{}'", c.id), "unique, non-empty ids");
    const std::string key = "clips." + c.id;
    if (!(c.length_s > 0.0) || !std::isfinite(c.length_s))
      throw ParameterError(key + ".length_s", fmt::format("{}", c.length_s), "(0, inf)");
    bool positive = false;
    for (const auto& [emotion, weight] : c.profile) {
      if (!known_categories().count(facial::canonical_category(emotion)))
        throw ParameterError(key + ".profile", emotion,
                             "the emotions joy, anger, sadness, disgust, fear, surprise, neutral");
      if (!(weight >= 0.0 && weight <= 1.0))
        throw ParameterError(key + ".profile." + emotion, fmt::format("{}", weight), "[0, 1]");
      positive = positive || weight > 0.0;
    }
    if (!positive) throw ParameterError(key + ".profile", "no positive weight", "at least one weight above 0");
  }
}

std::vector<Stimulus> film_protocol(const std::vector<FilmClip>& clips, std::uint64_t seed, std::uint64_t participant,
                                    double lead_in_s, double gap_s) {
  check_film_clips(clips);
  const auto order = shuffled(
      clips.size(), RandomStream({seed, StreamPurpose::initial_state, participant, stream_id("film order"), 0}));
  std::vector<Stimulus> out;
  double t = lead_in_s;
  for (const std::size_t k : order) {
    const FilmClip& clip = clips[k];
    Stimulus s;
    s.id = clip.id;
    s.onset = t;
    s.offset = t + clip.length_s;
    s.sustained = true;
    double largest = -1.0;
    for (const auto& [emotion, weight] : clip.profile) {
      const std::string category = facial::canonical_category(emotion);
      s.profile[category] += weight;
    }
    for (const auto& [category, weight] : s.profile)
      if (weight > largest) {
        largest = weight;
        s.category = category;
      }
    out.push_back(std::move(s));
    t += clip.length_s + gap_s;
  }
  return out;
}

std::vector<Stimulus> read_stimulus_list(const std::string& path) {
  const Table t = read_csv(path);
  for (const char* required : {"id", "category", "onset", "offset"})
    if (!t.has(required))
      throw Error(fmt::format("no column '{}': a stimulus list needs id, category, onset and offset", required),
                  {path, 1, 0, required});
  const std::vector<double> onset = t.numbers("onset"), offset = t.numbers("offset");
  const auto& id = t.text("id");
  const auto& category = t.text("category");
  std::vector<Stimulus> out;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::size_t line = t.line_of(r);
    if (id[r].empty()) throw Error("the stimulus id is empty", {path, line, 0, "id"});
    if (!seen.insert(id[r]).second)
      throw Error(fmt::format("stimulus '{}' is listed twice", id[r]), {path, line, 0, "id"});
    if (category[r].empty()) throw Error("the category is empty", {path, line, 0, "category"});
    if (!(onset[r] >= 0.0) || !std::isfinite(onset[r]))
      throw Error(fmt::format("the onset must be a number of seconds >= 0, got {}", onset[r]),
                  {path, line, 0, "onset"});
    if (!(offset[r] > onset[r]) || !std::isfinite(offset[r]))
      throw Error(fmt::format("offset {} s is not after onset {} s", offset[r], onset[r]), {path, line, 0, "offset"});
    Stimulus s;
    s.id = id[r];
    s.category = facial::canonical_category(category[r]);
    s.onset = onset[r];
    s.offset = offset[r];
    out.push_back(std::move(s));
  }
  if (out.empty()) throw Error("the stimulus list has no stimuli", {path, 1});
  return out;
}

}  // namespace contagion::datasets
