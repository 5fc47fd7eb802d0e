#include "contagion/stats/columns.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "contagion/core/error.hpp"

namespace contagion::stats {

Grouped split_by(const Table& table, const std::string& value, const std::string& group,
                 std::span<const std::string> order) {
  const std::vector<double> values = table.numbers(value);
  const std::vector<std::string>& labels = table.text(group);
  Grouped out;
  for (const std::string& label : order) out.groups.push_back({label, {}});
  for (std::size_t r = 0; r < values.size(); ++r) {
    const std::string& label = labels[r];
    if (label.empty() || label == "NA" || label == "NaN" || label == "nan") {
      ++out.unlabelled;
      continue;
    }
    auto it = std::find_if(out.groups.begin(), out.groups.end(), [&](const Group& g) { return g.label == label; });
    if (it == out.groups.end()) {
      if (!order.empty()) continue;  // not one of the groups asked for
      out.groups.push_back({label, {}});
      it = out.groups.end() - 1;
    }
    it->values.push_back(values[r]);
  }
  for (const Group& g : out.groups)
    if (g.values.empty())
      throw Error(fmt::format("no row has '{}' in column '{}'", g.label, group), {table.source(), 0, 0, group});
  return out;
}

Eigen::MatrixXd matrix_of(const Table& table, std::span<const std::string> columns) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(table.rows()), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < columns.size(); ++j) {
    const std::vector<double> v = table.numbers(columns[j]);
    for (std::size_t i = 0; i < v.size(); ++i) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i];
  }
  return m;
}

Eigen::VectorXd vector_of(const Table& table, const std::string& column) {
  const std::vector<double> v = table.numbers(column);
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

}  // namespace contagion::stats
