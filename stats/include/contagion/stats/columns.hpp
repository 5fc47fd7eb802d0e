#pragma once
// Taking the data of a test out of a column table: a numeric column split by a grouping
// column, or several columns as a matrix. Rows with no group label are dropped and counted;
// missing numbers stay NaN for the tests to drop as they document.

#include <Eigen/Core>
#include <span>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"

namespace contagion::stats {

struct Group {
  std::string label;
  std::vector<double> values;
};

struct Grouped {
  std::vector<Group> groups;
  std::size_t unlabelled = 0;  ///< rows whose group cell is empty or a missing-value token
};

/// `value` split by the labels of `group`, groups in order of first appearance, or in the given
/// order (then only those groups; a label that never occurs is an error naming the column).
Grouped split_by(const Table& table, const std::string& value, const std::string& group,
                 std::span<const std::string> order = {});

/// The named numeric columns as an n x p matrix, missing cells NaN.
Eigen::MatrixXd matrix_of(const Table& table, std::span<const std::string> columns);

/// One numeric column as a vector, missing cells NaN.
Eigen::VectorXd vector_of(const Table& table, const std::string& column);

}  // namespace contagion::stats
