// iMotions 8-10 / Affectiva AFFDEX: hand-written exports (no public sample exists), round trips,
// bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/facial/readers.hpp"

using namespace contagion;
using namespace contagion::facial;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

ReadOptions as_affdex() {
  ReadOptions options;
  options.detect = false;
  options.format = SourceFormat::imotions_affdex;
  return options;
}

// BOM, #INFO (lines 1-4), #METADATA (5-7), #DATA (8), the header on line 9, row k on line 10 + k.
const std::string affdex_header =
    "Row,Timestamp,SourceStimuliName,SlideEvent,Joy,Anger,Valence,Engagement,Smile,Brow Furrow,Smirk,Pitch,Blink";

std::string affdex_text(const std::vector<std::string>& rows, const std::string& header = affdex_header,
                        const std::string& eol = "\r\n") {
  std::string text =
      "\xEF\xBB\xBF#INFO,,,," + eol + "#Study name,Contagion pilot" + eol + "#Respondent Name,R 12" + eol +
      "#Respondent Gender,FEMALE" + eol + "#METADATA,,," + eol +
      "#Display name,Timestamp,Stimulus,Event,Joy,Anger,Valence,Engagement,Smile,Brow Furrow,Smirk,Pitch,"
      "Blink" +
      eol + "#Unit,ms,,,,,,,,,,degrees," + eol + "#DATA,,," + eol;
  text += header + eol;
  for (const auto& row : rows) text += row + eol;
  return text;
}

void check_error(const std::string& text, const std::string& message, std::uint64_t line, std::uint64_t column = 0,
                 const std::string& field = "") {
  try {
    parse_frames(text, "bad.csv", as_affdex());
    FAIL("no error for: " << message);
  } catch (const Error& e) {
    CHECK_THAT(e.message(), Contains(message));
    CHECK(e.context().file == "bad.csv");
    CHECK(e.context().line == line);
    CHECK(e.context().column == column);
    CHECK(e.context().field == field);
  }
}

FrameTable synthetic() {
  FrameTable t;
  t.participant = "P 03";
  t.time = {1.0, 1.0331, 1.07, 1.1, 1.2345678, 7.25};
  t.valid = {1, 0, 1, 1, 1, 1};
  t.confidence.assign(t.time.size(), nan);
  t.stimulus = {"", "", "face happy", "face happy", "face happy", "end"};
  t.add_channel({"joy", "", "AFFDEX", 0, 100}, {0.0, nan, 99.99999, 12.345678901234567, 50.0, nan});
  t.add_channel({"valence", "", "AFFDEX", -100, 100}, {-100.0, nan, 3.5, -0.0001, 100.0, 0.0});
  t.add_channel({"AU12", "", "AFFDEX", 0, 100}, {1e-5, nan, 97.25, 0.0, 33.333333333333336, 1.0});
  t.add_channel({"smirk", "", "AFFDEX", 0, 100}, {0.5, nan, 0.25, 0.125, 2.0, 4.0});
  t.add_channel({"yaw", "", "degrees", -180, 180}, {-12.5, nan, 3.0, 0.1, 0.2, 0.3});
  t.add_channel({"AU45", "", "other", 0, 1}, {1, nan, 1, 1, 1, 1});  // no AFFDEX column: left out
  return t;
}

}  // namespace

TEST_CASE("AFFDEX export with BOM and INFO METADATA DATA blocks", "[facial][affdex]") {
  const auto t = parse_frames(
      affdex_text({"1,1000,,StartMedia,,,,,,,,,",  // a slide event: no face
                   "2,1000,Face A,,12.5,0.25,-30,40,80.5,0,3,-7.5,0",
                   "3,1033.5,Face A,,,,,,,,,,",  // no face found
                   "4,1100,Face A,,100,0,100,100,100,100,100,45,1", "5,2000,Face B,,0,0,-100,0,0,0,0,0,0"}),
      "r12.csv");
  CHECK(t.format == SourceFormat::imotions_affdex);
  CHECK(t.participant == "R 12");  // #Respondent Name
  REQUIRE(t.frames() == 4);
  CHECK(t.time == std::vector<double>{1.0, 1.0335, 1.1, 2.0});  // Timestamp ms / 1000, absolute
  CHECK(t.valid == std::vector<std::uint8_t>{1, 0, 1, 1});
  CHECK(t.frame_rate == 0.0);
  CHECK(t.stimulus == std::vector<std::string>{"Face A", "Face A", "Face A", "Face B"});
  // Row 1 and row 2 share 1000 ms: the row with a face wins.
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("1 row(s) repeat the previous time stamp") && Contains("line 11"));

  REQUIRE(t.channels.size() == 8);  // Blink is not read
  CHECK(t.channels[t.channel_index("AU12")].source_name == "Smile");
  CHECK(t.channels[t.channel_index("AU04")].source_name == "Brow Furrow");
  CHECK(t.channels[t.channel_index("smirk")].source_name == "Smirk");
  CHECK(t.channels[t.channel_index("valence")].low == -100.0);
  CHECK(t.channels[t.channel_index("joy")].high == 100.0);
  CHECK(t.channel("joy")[0] == 12.5);
  CHECK(t.channel("anger")[0] == 0.25);
  CHECK(t.channel("valence")[0] == -30.0);
  CHECK(t.channel("engagement")[0] == 40.0);
  CHECK(t.channel("AU12")[0] == 80.5);
  CHECK(t.channel("smirk")[0] == 3.0);
  CHECK(t.channel("pitch")[0] == -7.5);
  CHECK(std::isnan(t.channel("joy")[1]));
  CHECK(std::isnan(t.channel("pitch")[1]));
  CHECK(t.channel("valence")[3] == -100.0);
  CHECK(std::isnan(t.confidence[0]));
}

TEST_CASE("AFFDEX header found without a DATA line and with any line ending", "[facial][affdex]") {
  for (const std::string eol : {"\n", "\r", "\r\n"}) {
    INFO("line ending " << (eol == "\n" ? "LF" : eol == "\r" ? "CR" : "CRLF"));
    // No BOM, no #DATA: the header is the row starting Row,Timestamp; quoted names are fine.
    const std::string text = "#INFO" + eol + "#Respondent Name,Q" + eol + "#METADATA" + eol + "#Unit,ms,," + eol +
                             "\"Row\",\"Timestamp\",\"Joy\",\"Smile\"" + eol + "1,0,1.5,2" + eol + "2,40,,," + eol +
                             "3,80,3.5,4" + eol;
    const auto t = parse_frames(text, "q.csv");
    CHECK(t.format == SourceFormat::imotions_affdex);
    CHECK(t.participant == "Q");
    REQUIRE(t.frames() == 3);
    CHECK(t.time == std::vector<double>{0.0, 0.04, 0.08});
    CHECK(t.valid == std::vector<std::uint8_t>{1, 0, 1});
    CHECK(t.channel("AU12")[2] == 4.0);
    CHECK(t.stimulus.empty());
  }
  // After #DATA the next line is the header even when it does not start Row,Timestamp.
  const auto t = parse_frames("#INFO\n#DATA\nTimestamp,Sadness,Eye Closure\n5,1,2\n6,3,4\n", "d.csv", as_affdex());
  CHECK(t.time == std::vector<double>{0.005, 0.006});
  CHECK(t.channel("sadness")[1] == 3.0);
  CHECK(t.channel("AU43")[0] == 2.0);
  CHECK(t.participant == "d");  // no #Respondent Name: the file name
}

TEST_CASE("AFFDEX writer layout", "[facial][affdex]") {
  const std::string text = format_frames(synthetic(), SourceFormat::imotions_affdex);
  CHECK_THAT(text, StartsWith("\xEF\xBB\xBF#INFO\r\n"));
  CHECK_THAT(text, Contains("\r\n#Respondent Name,P 03\r\n"));
  CHECK_THAT(text, Contains("\r\n#METADATA\r\n#Display name,Timestamp,"));
  CHECK_THAT(text, Contains("\r\n#DATA\r\nRow,Timestamp,SourceStimuliName,SlideEvent,Anger,Contempt,Disgust,Fear,Joy,"
                            "Sadness,Surprise,Engagement,Valence,Brow Furrow,"));
  CHECK_THAT(text, Contains(",Smirk,Upper Lip Raise,Blink,Pitch,Yaw,Roll,Interocular Distance\r\n"));
  CHECK_THAT(text, Contains("\r\n2,1033.1,,,,,,,,,,,,"));  // the invalid frame: empty cells
  CHECK(detect_format(text, "w.csv") == SourceFormat::imotions_affdex);
  FrameTable bad = synthetic();
  bad.stimulus[0] = "a, b";
  CHECK_THROWS_WITH(format_frames(bad, SourceFormat::imotions_affdex), Contains("holds a comma"));
}

TEST_CASE("AFFDEX round trip gives the same numbers", "[facial][affdex]") {
  const FrameTable in = synthetic();
  const FrameTable out = parse_frames(format_frames(in, SourceFormat::imotions_affdex), "rt.csv");
  CHECK(out.format == SourceFormat::imotions_affdex);
  REQUIRE(out.frames() == in.frames());
  CHECK(out.participant == "P 03");
  CHECK(out.valid == in.valid);
  CHECK(out.stimulus == in.stimulus);
  for (std::size_t i = 0; i < in.frames(); ++i) CHECK(out.time[i] == Approx(in.time[i]).margin(1e-12));
  for (const char* name : {"joy", "valence", "AU12", "smirk", "yaw"}) {
    INFO(name);
    const auto a = in.channel(name);
    const auto b = out.channel(name);
    for (std::size_t i = 0; i < in.frames(); ++i) {
      if (std::isnan(a[i]))
        CHECK(std::isnan(b[i]));
      else
        CHECK(b[i] == a[i]);  // written with full precision: exact
    }
  }
  CHECK_FALSE(out.has_channel("AU45"));
  CHECK(out.has_channel("AU01"));  // every AFFDEX column reads back, empty ones as NaN
  CHECK(std::isnan(out.channel("AU01")[0]));
}

TEST_CASE("AFFDEX bad input is reported with its place", "[facial][affdex]") {
  const std::string ok = "1,0,S,,1,2,3,4,5,6,7,8,9";
  SECTION("empty file") {
    check_error("", "empty file", 0);
    check_error("\xEF\xBB\xBF", "empty file", 0);
  }
  SECTION("no header") {
    check_error("#INFO\r\n#Respondent Name,R\r\n#METADATA\r\n0,1,2\r\n", "no header found", 4);
  }
  SECTION("truncated line") {
    check_error(affdex_text({ok, "2,33,S,,1,2,3"}), "the row has 7 fields, the header has 13", 11);
  }
  SECTION("wrong delimiter") {
    std::string header = affdex_header, row = ok;
    std::replace(header.begin(), header.end(), ',', ';');
    std::replace(row.begin(), row.end(), ',', ';');
    check_error(affdex_text({row}, header), "is the file comma-separated?", 9, 0,
                "Timestamp, AFFDEX channel columns (Joy, Smile, Valence ...)");
  }
  SECTION("missing required columns") {
    check_error(affdex_text({"1,S,2"}, "Row,SourceStimuliName,Joy"), "missing required column(s) Timestamp", 9, 0,
                "Timestamp");
    check_error(affdex_text({"1,0,S"}, "Row,Timestamp,SourceStimuliName"),
                "missing required column(s) AFFDEX channel columns", 9, 0,
                "AFFDEX channel columns (Joy, Smile, Valence ...)");
  }
  SECTION("non-numeric cells") {
    check_error(affdex_text({ok, "2,33,S,,1,2,3,4,5,6,7,n/a,9"}), "expected a number, got 'n/a'", 11, 12, "Pitch");
    check_error(affdex_text({"1,0:00,S,,1,2,3,4,5,6,7,8,9"}), "got '0:00'", 10, 2, "Timestamp");
    check_error(affdex_text({"1,,S,,1,2,3,4,5,6,7,8,9"}), "no time stamp", 10, 2, "Timestamp");
  }
  SECTION("time going back") {
    check_error(affdex_text({ok, "2,50,S,,1,2,3,4,5,6,7,8,9", "3,49.5,S,,1,2,3,4,5,6,7,8,9"}),
                "time stamps go back: 49.5 ms after 50 ms", 12, 2, "Timestamp");
  }
  SECTION("all frames failed") {
    check_error(affdex_text({"1,0,S,,,,,,,,,,", "2,40,S,,,,,,,,,,9"}), "no usable frames",
                0);  // Blink is not a channel
  }
  SECTION("no rows") {
    check_error(affdex_text({}), "no data rows", 9);
  }
}
