// The readers' number parsing (fast_float) gives exactly the double strtod gives, for the
// kinds of field the exports contain, and refuses what is not one number.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

#include "../../facial/src/delimited.hpp"
#include "contagion/core/random.hpp"

using contagion::facial::detail::to_number;

TEST_CASE("decimals of up to 16 digits parse to the same double as strtod", "[facial][numbers]") {
  for (std::uint64_t k = 0; k < 200000; ++k) {
    contagion::RandomStream rng({11, contagion::StreamPurpose::initial_state, 0, 0, k});
    const int digits = 1 + static_cast<int>(rng.below(16));
    std::string s = rng.uniform() < 0.3 ? "-" : "";
    const auto point = static_cast<int>(rng.below(static_cast<std::uint64_t>(digits) + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) s += '.';
      s += static_cast<char>('0' + rng.below(10));
    }
    double parsed = 0.0;
    REQUIRE(to_number(s, parsed));
    const double expected = std::strtod(s.c_str(), nullptr);
    INFO(s);
    REQUIRE(parsed == expected);
    REQUIRE(std::signbit(parsed) == std::signbit(expected));
  }
}

TEST_CASE("exponents, signs and long mantissas parse as strtod, and non-numbers are refused", "[facial][numbers]") {
  double v = 0.0;
  for (const char* s : {"1e-3", "+2.5", "12345678901234567890", "0.1234567890123456789", "-0", "1.", "inf"}) {
    INFO(s);
    REQUIRE(to_number(s, v));
    CHECK(v == std::strtod(s, nullptr));
  }
  for (const char* s : {".", "-", "1.2.3", "1,5", "abc", "1e", "--1"}) {
    INFO(s);
    CHECK_FALSE(to_number(s, v));
  }
  CHECK(to_number("", v));
  CHECK(std::isnan(v));
}
