#include "contagion/stats/questionnaire.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "contagion/core/config.hpp"
#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"

namespace contagion::stats {
namespace {

std::vector<int> one_to(int n) {
  std::vector<int> items(static_cast<std::size_t>(n));
  std::iota(items.begin(), items.end(), 1);
  return items;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Plain points: the response code itself, or min + max - code for a reversed item.
std::vector<double> likert_points(int min, int max, bool reversed) {
  std::vector<double> p;
  for (int code = min; code <= max; ++code) p.push_back(reversed ? min + max - code : code);
  return p;
}

}  // namespace

QuestionnaireKey empathy_quotient_key() {
  QuestionnaireKey k;
  k.name = "Empathy Quotient (Baron-Cohen & Wheelwright 2004)";
  k.items = 60;
  k.min = 1;
  k.max = 4;
  k.labels = {"definitely agree", "slightly agree", "slightly disagree", "definitely disagree"};
  const std::vector<int> agree{1, 6, 19, 22, 25, 26, 35, 36, 37, 38, 41, 42, 43, 44, 52, 54, 55, 57, 58, 59, 60};
  const std::vector<int> disagree{4, 8, 10, 11, 12, 14, 15, 18, 21, 27, 28, 29, 32, 34, 39, 46, 48, 49, 50};
  k.points.assign(60, {0, 0, 0, 0});  // fillers
  for (const int i : agree) k.points[static_cast<std::size_t>(i - 1)] = {2, 1, 0, 0};
  for (const int i : disagree) k.points[static_cast<std::size_t>(i - 1)] = {0, 0, 1, 2};
  std::vector<int> scored(agree);
  scored.insert(scored.end(), disagree.begin(), disagree.end());
  std::sort(scored.begin(), scored.end());
  k.scales = {{"eq", scored}};
  return k;
}

QuestionnaireKey emotional_contagion_scale_key() {
  QuestionnaireKey k;
  k.name = "Emotional Contagion Scale (Doherty 1997)";
  k.items = 15;
  k.min = 1;
  k.max = 4;
  k.labels = {"never", "rarely", "often", "always"};
  k.points.assign(15, likert_points(1, 4, false));
  k.scales = {{"ecs", one_to(15)},   {"love", {6, 9, 12}},  {"happiness", {2, 3, 11}},
              {"fear", {8, 13, 15}}, {"anger", {5, 7, 10}}, {"sadness", {1, 4, 14}}};
  return k;
}

QuestionnaireKey read_questionnaire_key(const std::string& path) {
  const ConfigTable t = ConfigTable::parse_file(path);
  QuestionnaireKey k;
  k.name = t.string("name");
  k.items = static_cast<int>(t.integer_in("items", 1, 10000));
  k.min = static_cast<int>(t.integer_in("min", -1000, 1000, 1));
  k.max = static_cast<int>(t.integer_in("max", k.min + 1, 1000));
  if (t.has("labels")) {
    k.labels = t.strings("labels");
    if (k.labels.size() != static_cast<std::size_t>(k.max - k.min + 1))
      t.fail("labels", fmt::format("{} labels for the {} response codes {}..{}", k.labels.size(), k.max - k.min + 1,
                                   k.min, k.max));
  }
  const auto item_list = [&](const ConfigTable& table, const char* key) {
    std::vector<int> items;
    for (const std::int64_t i : table.integers(key)) {
      if (i < 1 || i > k.items) table.fail(key, fmt::format("item {} is not one of 1..{}", i, k.items));
      items.push_back(static_cast<int>(i));
    }
    return items;
  };
  k.points.assign(static_cast<std::size_t>(k.items), likert_points(k.min, k.max, false));
  if (t.has("reverse"))
    for (const int i : item_list(t, "reverse"))
      k.points[static_cast<std::size_t>(i - 1)] = likert_points(k.min, k.max, true);
  // [points.<name>] items = [...], values = [points of min .. max]: explicit scoring.
  if (const auto points = t.table("points"))
    for (const std::string& name : points->keys()) {
      const ConfigTable p = points->required_table(name);
      const std::vector<double> values = p.numbers("values");
      if (values.size() != static_cast<std::size_t>(k.max - k.min + 1))
        p.fail("values", fmt::format("{} values for the {} response codes", values.size(), k.max - k.min + 1));
      for (const int i : item_list(p, "items")) k.points[static_cast<std::size_t>(i - 1)] = values;
    }
  // [scales] name = [items] or "all".
  const ConfigTable scales = t.required_table("scales");
  for (const std::string& name : scales.keys())
    k.scales.emplace_back(name, scales.is_string(name) && scales.string(name) == "all"
                                    ? one_to(k.items)
                                    : item_list(scales, name.c_str()));
  if (k.scales.empty()) t.fail("scales", "a key needs at least one scale");
  t.finish();
  return k;
}

QuestionnaireKey questionnaire_key(const std::string& name_or_path) {
  const std::string n = lower(name_or_path);
  if (n == "eq") return empathy_quotient_key();
  if (n == "ecs") return emotional_contagion_scale_key();
  if (!std::filesystem::exists(name_or_path))
    throw Error(fmt::format("'{}' is neither a built-in key (eq, ecs) nor a key file", name_or_path));
  return read_questionnaire_key(name_or_path);
}

double cronbach_alpha(const std::vector<std::vector<double>>& rows) {
  std::vector<std::vector<double>> complete;
  for (const auto& r : rows)
    if (std::none_of(r.begin(), r.end(), [](double v) { return std::isnan(v); })) complete.push_back(r);
  if (complete.size() < 2 || complete.front().size() < 2) return std::nan("");
  const std::size_t k = complete.front().size();
  double item_variances = 0.0;
  std::vector<double> totals(complete.size(), 0.0), column(complete.size());
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < complete.size(); ++i) {
      column[i] = complete[i][j];
      totals[i] += complete[i][j];
    }
    item_variances += variance(column);
  }
  const double kk = static_cast<double>(k);
  return kk / (kk - 1.0) * (1.0 - item_variances / variance(totals));
}

ScaleScores score_questionnaire(const Table& responses, const QuestionnaireKey& key, const std::string& prefix,
                                const std::string& id_column) {
  ScaleScores out;
  out.participants = responses.text(id_column);
  const std::size_t n = responses.rows();
  // Points of every item for every participant (NaN: bad or missing response).
  std::vector<std::vector<double>> points(n, std::vector<double>(static_cast<std::size_t>(key.items)));
  for (int item = 1; item <= key.items; ++item) {
    const std::string column = prefix + std::to_string(item);
    const std::vector<std::string>& cells = responses.text(column);
    for (std::size_t r = 0; r < n; ++r) {
      const std::string& cell = cells[r];
      double code = std::nan("");
      if (!parse_double(cell, code)) {
        const auto label = std::find(key.labels.begin(), key.labels.end(), lower(cell));
        if (label != key.labels.end()) code = key.min + static_cast<double>(label - key.labels.begin());
      }
      double& p = points[r][static_cast<std::size_t>(item - 1)];
      p = std::nan("");
      if (cell.empty() || cell == "NA") {
        out.problems.push_back(fmt::format("{}: item {} is missing", out.participants[r], item));
      } else if (std::isnan(code)) {
        out.problems.push_back(fmt::format("{}: item {} is '{}', not a response", out.participants[r], item, cell));
      } else if (code < key.min || code > key.max || code != std::floor(code)) {
        out.problems.push_back(
            fmt::format("{}: item {} is {}, outside {}-{}", out.participants[r], item, cell, key.min, key.max));
      } else {
        p = key.points[static_cast<std::size_t>(item - 1)][static_cast<std::size_t>(code - key.min)];
      }
    }
  }
  for (const auto& [name, items] : key.scales) {
    out.scales.push_back(name);
    std::vector<double> scores(n, 0.0);
    std::vector<std::vector<double>> rows(n);
    for (std::size_t r = 0; r < n; ++r)
      for (const int i : items) {
        const double p = points[r][static_cast<std::size_t>(i - 1)];
        scores[r] += p;  // NaN propagates: one bad item makes the scale missing
        rows[r].push_back(p);
      }
    out.scores.push_back(std::move(scores));
    out.alpha.push_back(cronbach_alpha(rows));
    out.alpha_n.push_back(static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const auto& row) {
      return std::none_of(row.begin(), row.end(), [](double v) { return std::isnan(v); });
    })));
  }
  return out;
}

}  // namespace contagion::stats
