#include "contagion/facial/features.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::facial {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct ChannelFeatures {
  double max = kNaN, mean = kNaN, sd = kNaN, auc = kNaN, time_to_peak = kNaN, onset = kNaN, max_first = kNaN;
};

ChannelFeatures channel_features(const Epoch& e, std::size_t c, const FeatureOptions& o) {
  ChannelFeatures f;
  const auto& x = e.values[c];
  const auto& t = e.time;
  double sum = 0.0, ss = 0.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || t[i] < 0.0) continue;
    ++n;
    sum += x[i];
    if (!(x[i] <= f.max)) {  // first maximum (also replaces the initial NaN)
      f.max = x[i];
      f.time_to_peak = t[i];
    }
    if (t[i] < o.first_window_s && !(x[i] <= f.max_first)) f.max_first = x[i];
    if (std::isnan(f.onset) && std::isfinite(e.baseline_sd[c]) && e.baseline_sd[c] > 0.0 &&
        x[i] > o.onset_k * e.baseline_sd[c])
      f.onset = t[i];
  }
  if (n == 0) return ChannelFeatures{};
  f.mean = sum / static_cast<double>(n);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && t[i] >= 0.0) ss += (x[i] - f.mean) * (x[i] - f.mean);
  f.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : kNaN;
  // Trapezoids between consecutive valid samples.
  f.auc = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(x[i - 1]) && t[i - 1] >= 0.0)
      f.auc += 0.5 * (x[i] + x[i - 1]) * (t[i] - t[i - 1]);
  return f;
}

/// A channel's max response as a fraction of its scale's range, so that AUs (0-5) and
/// emotions (0-1, 0-100) can be averaged together.
double normalised(double value, const ChannelInfo& info) {
  const double range = info.high - info.low;
  return range > 0.0 ? value / range : value;
}

bool is_expression_channel(const std::string& name) {
  return (name.size() == 4 && name.rfind("AU", 0) == 0) || name == "joy" || name == "anger" || name == "sadness" ||
         name == "disgust" || name == "fear" || name == "surprise" || name == "contempt";
}

}  // namespace

std::map<std::string, std::vector<std::string>> FeatureOptions::default_congruence() {
  return {{"happy", {"AU06", "AU12", "joy"}},
          {"angry", {"AU04", "AU05", "AU07", "AU23", "anger"}},
          {"sad", {"AU01", "AU04", "AU15", "sadness"}},
          {"disgust", {"AU09", "AU10", "disgust"}},
          {"fear", {"AU01", "AU02", "AU04", "AU05", "AU20", "AU26", "fear"}},
          {"surprise", {"AU01", "AU02", "AU05", "AU26", "surprise"}}};
}

std::string canonical_category(const std::string& label) {
  const std::string l = lower(label);
  if (l == "happy" || l == "happiness" || l == "joy" || l == "ha" || l == "has") return "happy";
  if (l == "angry" || l == "anger" || l == "an" || l == "ans") return "angry";
  if (l == "sad" || l == "sadness" || l == "sa" || l == "sas") return "sad";
  if (l == "disgust" || l == "disgusted" || l == "di" || l == "dis") return "disgust";
  if (l == "fear" || l == "afraid" || l == "scared" || l == "fearful" || l == "af" || l == "afs") return "fear";
  if (l == "surprise" || l == "surprised" || l == "su" || l == "sus") return "surprise";
  if (l == "neutral" || l == "ne" || l == "nes") return "neutral";
  return label;
}

FeatureTable epoch_features(const FrameTable& frames, const std::vector<Epoch>& epochs, const FeatureOptions& o) {
  FeatureTable out;
  const std::string first = fmt::format("max_first_{}s", o.first_window_s);
  // Per category: sums of each (channel, feature) for the category means.
  std::map<std::pair<std::string, std::string>, std::pair<double, int>> per_category;  // (category, channel|feature)
  double overall_sum = 0.0;
  int overall_count = 0;
  for (const Epoch& e : epochs) {
    const std::string category = canonical_category(e.event.category);
    const bool usable = e.valid_fraction >= o.min_valid_fraction;
    std::map<std::string, double> normalised_max;  // expression channels: max / scale range
    for (std::size_t c = 0; c < frames.channels.size(); ++c) {
      const ChannelFeatures f = usable ? channel_features(e, c, o) : ChannelFeatures{};
      const std::string& channel = frames.channels[c].name;
      const std::pair<const char*, double> values[] = {{"max", f.max},
                                                       {"mean", f.mean},
                                                       {"sd", f.sd},
                                                       {"auc", f.auc},
                                                       {"time_to_peak", f.time_to_peak},
                                                       {"onset_latency", f.onset},
                                                       {first.c_str(), f.max_first}};
      for (const auto& [feature, value] : values) {
        out.rows.push_back({frames.participant, e.event.stimulus, e.event.category, channel, feature, value});
        if (std::isfinite(value)) {
          auto& acc = per_category[{category, channel + "|" + feature}];
          acc.first += value;
          ++acc.second;
        }
      }
      if (is_expression_channel(channel) && std::isfinite(f.max)) {
        normalised_max[channel] = normalised(f.max, frames.channels[c]);
        if (category != o.neutral_category) {
          overall_sum += normalised_max[channel];
          ++overall_count;
        }
      }
    }
    // Mimicry congruence: congruent channels' mean normalised max minus the others'.
    double congruence = kNaN;
    if (const auto it = o.congruent.find(category); it != o.congruent.end() && !normalised_max.empty()) {
      double in = 0.0, outside = 0.0;
      int n_in = 0, n_out = 0;
      for (const auto& [channel, value] : normalised_max) {
        if (std::find(it->second.begin(), it->second.end(), channel) != it->second.end()) {
          in += value;
          ++n_in;
        } else {
          outside += value;
          ++n_out;
        }
      }
      if (n_in > 0 && n_out > 0) congruence = in / n_in - outside / n_out;
    }
    out.rows.push_back({frames.participant, e.event.stimulus, e.event.category, "*", "mimicry_congruence", congruence});
  }
  for (const auto& [key, acc] : per_category) {
    const auto bar = key.second.find('|');
    out.rows.push_back({frames.participant, "*", key.first, key.second.substr(0, bar), key.second.substr(bar + 1),
                        acc.first / acc.second});
  }
  out.rows.push_back({frames.participant, "*", "*", "*", "overall_reactivity",
                      overall_count > 0 ? overall_sum / overall_count : kNaN});
  return out;
}

std::vector<TimeCourseRow> category_time_courses(const FrameTable& frames, const std::vector<Epoch>& epochs,
                                                 const std::vector<std::string>& channels) {
  std::vector<TimeCourseRow> out;
  for (const std::string& channel : channels) {
    if (!frames.has_channel(channel)) continue;  // not every export has every channel
    const std::size_t c = frames.channel_index(channel);
    // (category, time in ms) -> sum, count; epochs share one sampling grid after resampling.
    std::map<std::pair<std::string, long long>, std::pair<double, int>> acc;
    for (const Epoch& e : epochs)
      for (std::size_t k = 0; k < e.time.size(); ++k)
        if (e.time[k] >= 0.0 && std::isfinite(e.values[c][k])) {
          auto& a = acc[{canonical_category(e.event.category), std::llround(e.time[k] * 1000.0)}];
          a.first += e.values[c][k];
          ++a.second;
        }
    for (const auto& [key, a] : acc)
      out.push_back({frames.participant, key.first, channel, static_cast<double>(key.second) / 1000.0,
                     a.first / a.second, a.second});
  }
  return out;
}

double intersubject_correlation(const std::vector<const Epoch*>& epochs, std::size_t channel) {
  double sum = 0.0;
  int pairs = 0;
  for (std::size_t a = 0; a < epochs.size(); ++a)
    for (std::size_t b = a + 1; b < epochs.size(); ++b) {
      const auto& x = epochs[a]->values[channel];
      const auto& y = epochs[b]->values[channel];
      const std::size_t n = std::min(x.size(), y.size());
      double mx = 0.0, my = 0.0;
      std::size_t m = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
          mx += x[i];
          my += y[i];
          ++m;
        }
      if (m < 3) continue;
      mx /= static_cast<double>(m);
      my /= static_cast<double>(m);
      double sxy = 0.0, sxx = 0.0, syy = 0.0;
      for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
          sxy += (x[i] - mx) * (y[i] - my);
          sxx += (x[i] - mx) * (x[i] - mx);
          syy += (y[i] - my) * (y[i] - my);
        }
      if (sxx == 0.0 || syy == 0.0) continue;
      sum += sxy / std::sqrt(sxx * syy);
      ++pairs;
    }
  return pairs > 0 ? sum / pairs : kNaN;
}

Table FeatureTable::to_table() const {
  std::vector<std::string> participant, stimulus, category, channel, feature;
  std::vector<double> value;
  for (const FeatureRow& r : rows) {
    participant.push_back(r.participant);
    stimulus.push_back(r.stimulus);
    category.push_back(r.category);
    channel.push_back(r.channel);
    feature.push_back(r.feature);
    value.push_back(r.value);
  }
  Table t;
  t.add_text("participant", participant);
  t.add_text("stimulus", stimulus);
  t.add_text("category", category);
  t.add_text("channel", channel);
  t.add_text("feature", feature);
  t.add_numbers("value", value);
  return t;
}

FeatureTable FeatureTable::from_table(const Table& t) {
  FeatureTable out;
  const auto& participant = t.text("participant");
  const auto& stimulus = t.text("stimulus");
  const auto& category = t.text("category");
  const auto& channel = t.text("channel");
  const auto& feature = t.text("feature");
  const std::vector<double> value = t.numbers("value");
  for (std::size_t r = 0; r < t.rows(); ++r)
    out.rows.push_back({participant[r], stimulus[r], category[r], channel[r], feature[r], value[r]});
  return out;
}

}  // namespace contagion::facial
