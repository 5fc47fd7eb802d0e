// The delimited-text table: the line endings, BOM, quoting and delimiters real files use, and
// errors that name the file, line and column.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"

using namespace contagion;
using Catch::Matchers::Contains;

namespace {
std::string error_of(std::string_view text, const CsvOptions& options = {}) {
  try {
    parse_csv(text, "t.csv", options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a table reads with any line ending, a BOM and whitespace around fields", "[core][table]") {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const std::string text = "\xEF\xBB\xBFid, score ,group" + eol + "p1, 3.5 ,a" + eol + eol + "p2,  -1e-3,b" + eol;
    const Table t = parse_csv(text, "t.csv");
    CHECK(t.names() == std::vector<std::string>{"id", "score", "group"});
    CHECK(t.rows() == 2);
    CHECK(t.numbers("score") == std::vector<double>{3.5, -1e-3});
    CHECK(t.text("group") == std::vector<std::string>{"a", "b"});
    CHECK(t.line_of(1) == 4);  // the blank line counts
  }
}

TEST_CASE("quoted fields: delimiters, doubled quotes and line breaks inside", "[core][table]") {
  const Table t = parse_csv("name,note\n\"Smith, J.\",\"said \"\"hi\"\"\nthen left\"\nLee,  \" padded \" \n", "t.csv");
  CHECK(t.text("name") == std::vector<std::string>{"Smith, J.", "Lee"});
  CHECK(t.text("note") == std::vector<std::string>{"said \"hi\"\nthen left", " padded "});
  CHECK(t.line_of(1) == 4);
  CHECK(parse_csv(t.to_csv(), "again.csv").text("note") == t.text("note"));
}

TEST_CASE("the delimiter is detected from the header: comma, semicolon or tab", "[core][table]") {
  CHECK(parse_csv("a;b\n1,5;2\n", "t.csv").text("a") == std::vector<std::string>{"1,5"});
  CHECK(parse_csv("a\tb\tc\n1\t2\t3\n", "t.csv").numbers("c") == std::vector<double>{3});
  CsvOptions comma;
  comma.delimiter = ',';
  CHECK(parse_csv("a;b,c\n1,2\n", "t.csv", comma).names() == std::vector<std::string>{"a;b", "c"});
}

TEST_CASE("missing cells are NaN in numeric columns, and other text is an error at its line and column",
          "[core][table]") {
  const Table t = parse_csv("x,y,z\n1,NA,\n2,3,nan\n4,abc,5\n", "t.csv");
  const auto x = t.numbers("x");
  CHECK(x == std::vector<double>{1, 2, 4});
  CHECK(std::isnan(t.numbers("z")[0]));
  CHECK(t.is_numeric("z"));
  CHECK_FALSE(t.is_numeric("y"));
  CHECK_THROWS_WITH(t.numbers("y"), "t.csv:4:2: [y] 'abc' is not a number");
  CHECK_THROWS_WITH(t.numbers("w"), "t.csv: [w] no column 'w' (the columns are: x, y, z)");
}

TEST_CASE("malformed tables are errors naming file and line", "[core][table]") {
  CHECK(error_of("") == "t.csv: the file is empty: no header line");
  CHECK(error_of("a,b\n1,2\n3\n") == "t.csv:3: 1 fields; the header has 2");
  CHECK(error_of("a,,c\n") == "t.csv:1:2: column 2 of the header has no name");
  CHECK(error_of("a,b,a\n") == "t.csv:1:3: the header names 'a' twice");
  CHECK(error_of("a,b\n1,\"open\n2,3\n") == "t.csv:2: a quoted field is not closed");
}

TEST_CASE("numbers: exactly one number per cell, shortest round trip when written", "[core][table]") {
  double v = 0.0;
  CHECK(parse_double(" +2.5e3 ", v));
  CHECK(v == 2500.0);
  CHECK_FALSE(parse_double("2.5x", v));
  CHECK_FALSE(parse_double("1 2", v));
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(-INFINITY) == "-inf");
  Table t;
  t.add_numbers("v", std::vector<double>{0.1, 1.0 / 3.0, NAN});
  const Table back = parse_csv(t.to_csv(), "back.csv");
  CHECK(back.numbers("v")[1] == 1.0 / 3.0);
  CHECK(std::isnan(back.numbers("v")[2]));
  CHECK_THROWS_WITH(t.add_numbers("w", std::vector<double>{1.0}), Contains("has 1 cells; the table has 3 rows"));
}

TEST_CASE("write_csv leaves no partial file when it cannot write", "[core][table]") {
  const auto dir = std::filesystem::temp_directory_path() / "contagion_table_test";
  std::filesystem::create_directories(dir);
  Table t;
  t.add_text("a", {"x", "y"});
  write_csv(t, (dir / "ok.csv").string());
  CHECK(read_csv((dir / "ok.csv").string()).text("a") == std::vector<std::string>{"x", "y"});
  CHECK_THROWS_WITH(write_csv(t, (dir / "missing" / "t.csv").string()), Contains("cannot open"));
  CHECK_FALSE(std::filesystem::exists(dir / "missing"));
  std::filesystem::remove_all(dir);
}
