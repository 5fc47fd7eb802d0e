// Generic delimited tables with a column mapping: delimiters, time units, validity and
// confidence columns, channel selection, the real samples read through a mapping, round trips
// and bad input with its exact location.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/facial/readers.hpp"

using namespace contagion;
using namespace contagion::facial;
using Catch::Matchers::Contains;

namespace {

constexpr double na = std::numeric_limits<double>::quiet_NaN();

ReadOptions generic_options(GenericMapping mapping = {}) {
  ReadOptions o;
  o.detect = false;
  o.format = SourceFormat::generic;
  o.mapping = std::move(mapping);
  return o;
}

/// The mapping that reads back what write_generic writes.
GenericMapping own_layout() {
  GenericMapping m;
  m.valid_column = "valid";
  m.confidence_column = "confidence";
  return m;
}

std::optional<Error> error_of(const std::string& text, GenericMapping mapping = {}) {
  try {
    parse_frames(text, "bad.csv", generic_options(std::move(mapping)));
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

/// Same numbers, NaN equal to NaN.
bool same(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

void check_same_frames(const FrameTable& a, const FrameTable& b) {
  REQUIRE(a.frames() == b.frames());
  CHECK(same(a.time, b.time));
  CHECK(a.valid == b.valid);
  CHECK(same(a.confidence, b.confidence));
  REQUIRE(a.channels.size() == b.channels.size());
  for (std::size_t c = 0; c < a.channels.size(); ++c) {
    INFO(a.channels[c].name);
    CHECK(b.channels[c].name == a.channels[c].name);  // written and read in the table's order
    CHECK(same(a.values[c], b.values[c]));
  }
}

}  // namespace

TEST_CASE("generic: comma, semicolon or tab, every numeric column kept under its own name", "[facial][generic]") {
  for (const std::string d : {",", ";", "\t"}) {
    std::string text = "time_ms,smile,brow,stimulus\n0,0.5,0.1,calm\n40,0.6,,calm\n80,,,happy\n120,0.8,0.4,happy\n";
    for (auto& ch : text)
      if (ch == ',') ch = d[0];
    GenericMapping m;
    m.time_column = "time_ms";
    m.time_unit = 0.001;
    const FrameTable t = parse_frames(text, "p07.csv", generic_options(m));
    CHECK(t.format == SourceFormat::generic);
    CHECK(t.participant == "p07");
    REQUIRE(t.frames() == 4);
    CHECK(t.time[1] == 40 * 0.001);
    CHECK(t.time[3] == 120 * 0.001);
    CHECK(t.frame_rate == Approx(25.0));
    REQUIRE(t.channels.size() == 2);
    CHECK(t.channels[0].name == "smile");
    CHECK(t.channels[0].scale == "as recorded");
    CHECK(t.channels[0].low == 0.5);
    CHECK(t.channels[0].high == 0.8);
    CHECK(t.channel("smile")[3] == 0.8);
    CHECK(std::isnan(t.channel("brow")[1]));
    CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0, 1});  // a frame is valid when it has a value
    CHECK(std::isnan(t.confidence[0]));
    REQUIRE(t.warnings.size() == 1);
    CHECK_THAT(t.warnings[0], Contains("'stimulus'"));
  }
}

TEST_CASE("generic: mapped channels, validity and confidence columns, missing-value tokens", "[facial][generic]") {
  const std::string text =
      "t,ok,conf,AU12_raw,AU06_raw,other\n"
      "0.0,1,0.9,1.5,0.5,7\n"
      "0.5,0,0.2,9.9,9.9,7\n"
      "1.0,1,NA,NA,0.75,7,,\n"  // padded with empty cells, as spreadsheets do
      "2.0,1,0.95,2.5,null,7\n";
  GenericMapping m;
  m.time_column = "t";
  m.valid_column = "ok";
  m.confidence_column = "conf";
  m.channels = {{"AU12_raw", "AU12"}, {"AU06_raw", "AU06"}};
  m.scale = "intensity 0-5";
  ReadOptions o = generic_options(m);
  const FrameTable t = parse_frames(text, "m.csv", o);
  REQUIRE(t.frames() == 4);
  CHECK(t.channels.size() == 2);
  CHECK(t.channels[0].name == "AU12");  // header order
  CHECK(t.channels[0].source_name == "AU12_raw");
  CHECK(t.channels[1].scale == "intensity 0-5");
  CHECK(t.valid == std::vector<std::uint8_t>{1, 0, 1, 1});
  CHECK(same(t.confidence, std::vector<double>{0.9, 0.2, na, 0.95}));
  CHECK(same(t.channel("AU12"), std::vector<double>{1.5, na, na, 2.5}));  // invalid frame: NaN
  CHECK(same(t.channel("AU06"), std::vector<double>{0.5, na, 0.75, na}));
  CHECK(t.frame_rate == 0.0);  // uneven clock
  CHECK(t.warnings.empty());
  o.frame_rate = 2.0;
  CHECK(parse_frames(text, "m.csv", o).frame_rate == 2.0);
}

TEST_CASE("generic: the real OpenFace and Py-Feat samples read through a mapping", "[facial][generic]") {
  GenericMapping m;
  m.time_column = "frame";
  m.time_unit = 1.0 / 30.0;
  m.confidence_column = "FaceScore";
  m.channels = {{"AU12", "AU12"}, {"happiness", "joy"}};
  const FrameTable p = read_frames(CONTAGION_TEST_DATA "/facial/001.csv", generic_options(m));
  REQUIRE(p.frames() == 40);
  CHECK(p.channels.size() == 2);
  CHECK(p.time[39] == Approx(39.0 / 30.0));
  CHECK(p.frame_rate == Approx(30.0));
  CHECK(p.confidence[0] == 0.9993259);
  CHECK(p.channel("AU12")[39] == 0.6764755);
  CHECK(p.channel("joy")[0] == 0.9815739);

  GenericMapping of;
  of.time_column = "timestamp";
  of.valid_column = "success";
  of.confidence_column = "confidence";
  of.channels = {{"AU01_r", "AU01"}, {"pose_Rx", "pitch"}};
  const FrameTable o = read_frames(CONTAGION_TEST_DATA "/facial/OpenFace_Test.csv", generic_options(of));
  REQUIRE(o.frames() == 100);
  CHECK(o.time[99] == 0.099);
  CHECK(o.channel("AU01")[0] == 0.6773);
  CHECK(o.channel("pitch")[0] == 0.29759);
  CHECK(o.confidence[34] == 0.983333);
}

TEST_CASE("generic round trip: write then read gives the same numbers", "[facial][generic]") {
  SECTION("a table with failed frames, missing values and awkward numbers") {
    FrameTable t;
    t.time = {0.0, 0.1 + 0.2, 0.5, 1e3};
    t.valid = {1, 0, 1, 1};
    t.confidence = {0.9, na, 1.0 / 3.0, 0.99};
    t.add_channel({"AU12", "AU12", "intensity 0-5", 0, 5}, {1.0 / 7.0, na, na, 4.9e-324});
    t.add_channel({"joy", "joy", "probability 0-1", 0, 1}, {0.0, na, -0.0, 1e300});
    const std::string text = format_frames(t, SourceFormat::generic);
    CHECK(text.rfind("time,valid,confidence,AU12,joy\n0,1,0.9,0.14285714285714285,0\n", 0) == 0);
    check_same_frames(t, parse_frames(text, "t.csv", generic_options(own_layout())));
  }
  SECTION("the real OpenFace sample") {
    ReadOptions o;
    o.frame_rate = 30.0;
    const FrameTable t = read_frames(CONTAGION_TEST_DATA "/facial/OpenFace_Test.csv", o);
    const FrameTable back =
        parse_frames(format_frames(t, SourceFormat::generic), "OpenFace_Test.csv", generic_options(own_layout()));
    check_same_frames(t, back);
    CHECK(back.channels[back.channel_index("AU01")].source_name == "AU01");
  }
}

TEST_CASE("generic bad input: errors name the line, column and field", "[facial][generic]") {
  const std::string header = "time,AU01,AU12\n";
  SECTION("a truncated last line") {
    const auto e = error_of(header + "0,0.1,0.2\n1,0.1");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK(e->context().line == 3);
    CHECK_THAT(e->message(), Contains("2 fields where the header has 3"));
  }
  SECTION("rows with another delimiter than the header") {
    const auto e = error_of(header + "0;0.1;0.2\n");
    REQUIRE(e);
    CHECK(e->context().line == 2);
    CHECK_THAT(e->message(), Contains("1 fields where the header has 3") && Contains("','"));
  }
  SECTION("missing mapped columns are all named") {
    GenericMapping m;
    m.time_column = "seconds";
    m.confidence_column = "conf";
    m.channels = {{"AU12", "AU12"}, {"AU06", "AU06"}};
    const auto e = error_of(header + "0,0.1,0.2\n", m);
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK(e->context().field == "seconds");
    CHECK_THAT(e->message(), Contains("'seconds', 'conf', 'AU06'"));
  }
  SECTION("a word in a mapped channel, in the time column") {
    GenericMapping m;
    m.channels = {{"AU12", "AU12"}};
    const auto e = error_of(header + "0,0.1,0.2\n1,0.1,strong\n", m);
    REQUIRE(e);
    CHECK(e->context().line == 3);
    CHECK(e->context().column == 3);
    CHECK(e->context().field == "AU12");
    CHECK_THAT(e->message(), Contains("'strong' is not a number"));
    const auto t = error_of("\n\nframe,time,AU01\n1,0,0.1\n2,1s,0.1\n");
    REQUIRE(t);
    CHECK(t->context().line == 5);
    CHECK(t->context().column == 2);
    CHECK(t->context().field == "time");
    const auto comma = error_of("time;AU12\n0;0,5\n", m);
    REQUIRE(comma);
    CHECK(comma->context().line == 2);
    CHECK(comma->context().column == 2);
    CHECK_THAT(comma->message(), Contains("decimal comma"));
    const auto empty = error_of(header + "0,0.1,0.2\nNA,0.1,0.2\n");
    REQUIRE(empty);
    CHECK(empty->context().line == 3);
    CHECK_THAT(empty->message(), Contains("time is required"));
  }
  SECTION("time going backwards or standing still") {
    const auto e = error_of(header + "0,0.1,0.2\n1,0.1,0.2\n1,0.1,0.2\n");
    REQUIRE(e);
    CHECK(e->context().line == 4);
    CHECK(e->context().column == 1);
    CHECK(e->context().field == "time");
    CHECK_THAT(e->message(), Contains("does not increase") && Contains("line 3"));
  }
  SECTION("no valid frame") {
    GenericMapping m;
    m.valid_column = "ok";
    const auto e = error_of("time,ok,AU01\n0,0,0.1\n1,0,0.2\n", m);
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK_THAT(e->message(), Contains("no usable frames"));
    const auto n = error_of(header + "0,,\n1,NA,NA\n");
    REQUIRE(n);
    CHECK_THAT(n->message(), Contains("no usable frames"));
  }
  SECTION("an empty file and a header without rows") {
    const auto e = error_of("\xEF\xBB\xBF");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK_THAT(e->message(), Contains("empty file"));
    const auto h = error_of("\r\n" + header);
    REQUIRE(h);
    CHECK(h->context().line == 2);
    CHECK_THAT(h->message(), Contains("no data rows"));
  }
  SECTION("two columns mapped to one channel") {
    GenericMapping m;
    m.channels = {{"AU01", "AU12"}, {"AU12", "AU12"}};
    const auto e = error_of(header + "0,0.1,0.2\n", m);
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK(e->context().column == 3);
    CHECK_THAT(e->message(), Contains("'AU01' and 'AU12' are both mapped to channel 'AU12'"));
  }
}
