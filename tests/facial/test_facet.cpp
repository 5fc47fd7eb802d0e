// iMotions 5-7 / Emotient FACET: the real v5 sample, hand-written exports, round trips, bad input.
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
const std::string sample = std::string(CONTAGION_TEST_DATA) + "/facial/iMotions_Test_v5.txt";

ReadOptions as_facet() {
  ReadOptions options;
  options.detect = false;
  options.format = SourceFormat::imotions_facet;
  return options;
}

// A small FACET export: 5 preamble lines, the header on line 6, row k on line 7 + k.
const std::string facet_header =
    "StudyName\tName\tStimulusName\tEventSource\tTimestamp\tNoOfFaces\tJoy Evidence\tJoy Intensity\tAU12 "
    "Evidence\tYaw Degrees";

std::string facet_text(const std::vector<std::string>& rows, const std::string& header = facet_header) {
  std::string text =
      "#Study : S\t\t\r\n#Date : 20240101\t\t\r\n#Version : 6.4\t\t\r\n#TestRunDate : x\t\t\r\n\t\t\t\r\n";
  text += header + "\r\n";
  for (const auto& row : rows) text += row + "\r\n";
  return text;
}

void check_error(const std::string& text, const std::string& message, std::uint64_t line, std::uint64_t column = 0,
                 const std::string& field = "") {
  try {
    parse_frames(text, "bad.txt", as_facet());
    FAIL("no error for: " << message);
  } catch (const Error& e) {
    CHECK_THAT(e.message(), Contains(message));
    CHECK(e.context().file == "bad.txt");
    CHECK(e.context().line == line);
    CHECK(e.context().column == column);
    CHECK(e.context().field == field);
  }
}

std::size_t count_valid(const FrameTable& t) {
  std::size_t n = 0;
  for (const auto v : t.valid) n += v != 0;
  return n;
}

FrameTable synthetic() {
  FrameTable t;
  t.participant = "P07";
  t.time = {0.0, 0.0333, 0.0667, 0.1, 0.1333, 2.5};
  t.valid = {1, 1, 0, 1, 1, 1};
  t.confidence.assign(t.time.size(), nan);
  t.stimulus = {"baseline", "baseline", "baseline", "happy 1", "happy 1", "happy 1"};
  t.add_channel({"joy", "", "probability 0-1", 0, 1}, {0.01, 0.5, nan, 0.987654321, 0.25, 1e-7});
  t.add_channel({"AU12", "", "probability 0-1", 0, 1}, {0.3, 0.123456789012, nan, 0.999, 0.5, nan});
  t.add_channel({"yaw", "", "degrees", -180, 180}, {-3.25, 0.1, nan, 12.5, 1e-3, 0.0});
  return t;
}

}  // namespace

TEST_CASE("the real iMotions 5.7 sample keeps the FACET rows", "[facial][facet]") {
  // Spot values read off the file with Python's csv module (rows whose EventSource contains FACET).
  const FrameTable t = read_frames(sample);
  CHECK(t.format == SourceFormat::imotions_facet);
  REQUIRE(t.frames() == 264);    // 254 "Emotient FACET" + 10 "ET|Emotient FACET" of 519 rows
  CHECK(count_valid(t) == 230);  // NoOfFaces == 1; the other 34 have NoOfFaces == -1
  CHECK(t.participant == "Nate");
  CHECK(t.time.front() == Approx(0.036).margin(1e-12));  // line 9, Timestamp 36 ms
  CHECK(t.time.back() == Approx(8.789).margin(1e-12));   // line 525, Timestamp 8789 ms
  CHECK(t.frame_rate == 0.0);
  CHECK(t.warnings.empty());
  REQUIRE(t.stimulus.size() == 264);
  CHECK(t.stimulus.front() == "Emotient_Baseline");
  CHECK(t.stimulus[179] == "Emotient_Baseline");
  CHECK(t.stimulus[180] == "screen_data");  // line 362, Timestamp 6036 ms
  CHECK(t.time[180] == Approx(6.036).margin(1e-12));
  CHECK(t.stimulus.back() == "screen_data");
  CHECK(std::isnan(t.confidence[0]));

  // 10 emotions (no Confusion/Frustration in v5), 20 AUs, 3 pose angles; no Intensity columns.
  CHECK(t.channels.size() == 33);
  CHECK_FALSE(t.has_channel("confusion"));
  for (const auto& c : t.channels) CHECK_THAT(c.source_name, !Contains("Intensity"));
  const auto& joy = t.channels[t.channel_index("joy")];
  CHECK(joy.source_name == "Joy Evidence");
  CHECK(joy.scale == "probability 0-1 from FACET evidence (log10 odds)");

  // Line 9: Joy Evidence -4.683284, AU43 Evidence 1.085168, Yaw Degrees -4.568378.
  CHECK(t.channel("joy")[0] == Approx(2.0735141086652297e-05).epsilon(1e-12));
  CHECK(t.channel("AU43")[0] == Approx(0.9240500495835771).epsilon(1e-12));
  CHECK(t.channel("yaw")[0] == -4.568378);
  CHECK(t.channel("neutral")[0] == Approx(1.0 / (1.0 + std::pow(10.0, -1.598063))).epsilon(1e-12));
  // Line 211 (frame 3): NoOfFaces -1, empty cells.
  CHECK(t.valid[2] == 0);
  CHECK(std::isnan(t.channel("joy")[2]));
  CHECK(t.time[2] == Approx(0.211).margin(1e-12));
  // Line 62: an "ET|Emotient FACET" row, Timestamp 932, Anger Evidence -2.270142.
  CHECK(t.time[27] == Approx(0.932).margin(1e-12));
  CHECK(t.channel("anger")[27] == Approx(0.005339894775577132).epsilon(1e-12));
  // Line 520: the last valid frame, Timestamp 8757, AU12 Evidence -3.206554, Pitch 6.894677.
  CHECK(t.valid[262] == 1);
  CHECK(t.time[262] == Approx(8.757).margin(1e-12));
  CHECK(t.channel("AU12")[262] == Approx(0.00062112093403701).epsilon(1e-12));
  CHECK(t.channel("pitch")[262] == 6.894677);
  CHECK(t.valid[263] == 0);
}

TEST_CASE("FACET evidence is log10 odds stored as a probability", "[facial][facet]") {
  const auto t = parse_frames(
      facet_text({"S\tP\tA\tEmotient FACET\t100\t1\t0\t0\t1\t5.5", "S\tP\tA\tEmotient FACET\t133\t1\t-2\t0\t3\t-1",
                  "S\tP\tB\tEmotient FACET\t166\t0\t\t\t\t"}),
      "x.txt");
  CHECK(t.format == SourceFormat::imotions_facet);
  REQUIRE(t.frames() == 3);
  CHECK(t.channel("joy")[0] == 0.5);
  CHECK(t.channel("AU12")[0] == Approx(10.0 / 11.0).epsilon(1e-15));
  CHECK(t.channel("joy")[1] == Approx(1.0 / 101.0).epsilon(1e-15));
  CHECK(t.channel("AU12")[1] == Approx(1000.0 / 1001.0).epsilon(1e-15));
  CHECK(t.channel("yaw")[0] == 5.5);
  CHECK(t.channel("yaw")[1] == -1.0);
  CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0});  // NoOfFaces 0
  CHECK(std::isnan(t.channel("joy")[2]));
  CHECK(t.time == std::vector<double>{0.1, 0.133, 0.166});  // absolute Timestamp / 1000
  CHECK(t.stimulus == std::vector<std::string>{"A", "A", "B"});
  CHECK(t.participant == "P");
}

TEST_CASE("FACET rows of other sensors are skipped and repeated time stamps dropped", "[facial][facet]") {
  const auto t = parse_frames(
      facet_text({"S\tP\tA\tET\t90\t\t\t\t\t", "S\tP\tA\tEmotient FACET\t100\t1\t1\t0\t1\t1",
                  "S\tP\tA\tET|Emotient FACET\t100\t1\t2\t0\t2\t2", "S\tP\tA\tET\t101\t\t\t\t\t",
                  "S\tP\tA\tET|Emotient FACET\t120\t1\t3\t0\t3\t3", "S\tP\tA\tEmotient FACET\t120\t1\t4\t0\t4\t4"}),
      "x.txt", as_facet());
  REQUIRE(t.frames() == 2);
  CHECK(t.time == std::vector<double>{0.1, 0.12});
  CHECK(t.channel("yaw")[0] == 1.0);  // the first of the two rows at 100 ms
  CHECK(t.channel("yaw")[1] == 3.0);
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("2 FACET row(s) repeat the previous time stamp") && Contains("line 9"));
}

TEST_CASE("FACET without an EventSource column keeps every row and a frame rate option warns", "[facial][facet]") {
  ReadOptions options = as_facet();
  options.frame_rate = 30;
  const auto t =
      parse_frames(facet_text({"5\t1\t0\t0", "10\t1\t1\t0"}, "Timestamp\tNoOfFaces\tJoy Evidence\tAnger Evidence"),
                   "x.txt", options);
  CHECK(t.frames() == 2);
  CHECK(t.stimulus.empty());
  CHECK(t.participant == "x");  // from the file name
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("frame rate given is not used"));
}

TEST_CASE("FACET writer uses the v6 layout", "[facial][facet]") {
  const std::string text = format_frames(synthetic(), SourceFormat::imotions_facet);
  CHECK_THAT(text, StartsWith("#Study : contagion\t"));
  CHECK(detect_format(text, "w.txt") == SourceFormat::imotions_facet);
  // Five preamble lines, then the header; CRLF line ends.
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  REQUIRE(lines.size() == 6 + 6);
  CHECK_THAT(lines[2], StartsWith("#Version : "));
  CHECK(lines[4].find_first_not_of('\t') == std::string::npos);
  CHECK_THAT(lines[5], StartsWith("StudyName\tExportDate\tName\tAge\tGender\tStimulusName\tSlideType\tEventSource\t"
                                  "Timestamp\tMediaTime\tPostMarker\tAnnotation\tFrameNo\tFrameTime\tNoOfFaces"));
  CHECK_THAT(lines[5], Contains("\tSadness Evidence\tSadness Intensity\tConfusion Evidence\tConfusion Intensity\t"
                                "Frustration Evidence\tFrustration Intensity\tNeutral Evidence"));
  CHECK_THAT(lines[5], Contains("\tAU43 Evidence\tHasGlasses Probability"));
  CHECK_THAT(lines[5], !Contains("Gaze"));
  const auto columns = std::count(lines[5].begin(), lines[5].end(), '\t') + 1;
  for (std::size_t i = 0; i < 5; ++i) CHECK(std::count(lines[i].begin(), lines[i].end(), '\t') + 1 == columns);
  for (std::size_t i = 6; i < lines.size(); ++i)
    CHECK(std::count(lines[i].begin(), lines[i].end(), '\t') + 1 == columns);
  CHECK_THAT(lines[6], StartsWith("contagion\t\tP07\t\t\tbaseline\t\tEmotient FACET\t0\t"));
  CHECK_THAT(lines[8], Contains("\t-1\t"));  // the invalid frame: NoOfFaces -1
}

TEST_CASE("FACET round trip gives the same numbers", "[facial][facet]") {
  const FrameTable in = synthetic();
  const FrameTable out = parse_frames(format_frames(in, SourceFormat::imotions_facet), "rt.txt");
  REQUIRE(out.frames() == in.frames());
  CHECK(out.format == SourceFormat::imotions_facet);
  CHECK(out.participant == "P07");
  CHECK(out.stimulus == in.stimulus);
  CHECK(out.valid == in.valid);
  for (std::size_t i = 0; i < in.frames(); ++i) CHECK(out.time[i] == Approx(in.time[i]).margin(1e-12));
  for (const char* name : {"joy", "AU12", "yaw"}) {
    INFO(name);
    const auto a = in.channel(name);
    const auto b = out.channel(name);
    for (std::size_t i = 0; i < in.frames(); ++i) {
      if (std::isnan(a[i]) || !in.valid[i]) {
        CHECK(std::isnan(b[i]));
      } else if (std::string(name) == "joy" && a[i] < 1e-6) {
        CHECK(b[i] == Approx(1e-6).epsilon(1e-9));  // evidence is written from p clipped to [1e-6, 1 - 1e-6]
      } else {
        CHECK(b[i] == Approx(a[i]).epsilon(1e-12).margin(1e-15));
      }
    }
  }
  // FACET columns the table has no channel for read back as empty.
  CHECK(out.has_channel("confusion"));
  CHECK(std::isnan(out.channel("confusion")[0]));
}

TEST_CASE("FACET round trip of the real sample", "[facial][facet]") {
  const FrameTable in = read_frames(sample);
  const FrameTable out = parse_frames(format_frames(in, SourceFormat::imotions_facet), "rt.txt");
  REQUIRE(out.frames() == in.frames());
  CHECK(out.valid == in.valid);
  CHECK(out.stimulus == in.stimulus);
  CHECK(out.participant == in.participant);
  for (std::size_t i = 0; i < in.frames(); ++i) CHECK(out.time[i] == in.time[i]);  // whole ms: exact
  for (const auto& c : in.channels) {
    INFO(c.name);
    const auto a = in.channel(c.name);
    const auto b = out.channel(c.name);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < in.frames(); ++i)
      if (std::isnan(a[i]) ? !std::isnan(b[i]) : std::abs(b[i] - a[i]) > 1e-12 * std::max(1.0, std::abs(a[i])))
        ++differ;
    CHECK(differ == 0);
  }
}

TEST_CASE("FACET bad input is reported with its place", "[facial][facet]") {
  const std::string ok = "S\tP\tA\tEmotient FACET\t100\t1\t0\t0\t1\t5.5";
  SECTION("empty file") {
    check_error("", "empty file", 0);
    check_error("\xEF\xBB\xBF\r\n\r\n", "empty file", 0);
  }
  SECTION("preamble only") {
    check_error("#Study : S\r\n#Date : D\r\n\t\t\r\n", "no header found", 3);
  }
  SECTION("truncated line") {
    check_error(facet_text({ok, "S\tP\tA\tEmotient FACET\t133\t1\t0"}), "the row has 7 fields, the header has 10", 8);
  }
  SECTION("too many fields") {
    check_error(facet_text({ok + "\t1"}), "the row has 11 fields, the header has 10", 7);
    CHECK_NOTHROW(parse_frames(facet_text({ok + "\t\t\t"}), "pad.txt", as_facet()));  // padding is fine
  }
  SECTION("wrong delimiter") {
    std::string header = facet_header, row = ok;
    std::replace(header.begin(), header.end(), '\t', ',');
    std::replace(row.begin(), row.end(), '\t', ',');
    check_error(facet_text({row}, header), "is the file tab-separated?", 6, 0,
                "Timestamp, NoOfFaces, Evidence columns (Joy Evidence, AU12 Evidence ...)");
  }
  SECTION("missing required columns") {
    check_error(facet_text({"1\t0"}, "Timestamp\tJoy Evidence"), "missing required column(s) NoOfFaces", 6, 0,
                "NoOfFaces");
    check_error(facet_text({"1\t1\t0"}, "Timestamp\tNoOfFaces\tJoy Intensity"), "missing required column(s) Evidence",
                6, 0, "Evidence columns (Joy Evidence, AU12 Evidence ...)");
  }
  SECTION("non-numeric cells") {
    check_error(facet_text({ok, "S\tP\tA\tEmotient FACET\t133\t1\t0.5x\t0\t1\t5.5"}), "expected a number, got '0.5x'",
                8, 7, "Joy Evidence");
    check_error(facet_text({"S\tP\tA\tEmotient FACET\t1O0\t1\t0\t0\t1\t5.5"}), "got '1O0'", 7, 5, "Timestamp");
    check_error(facet_text({"S\tP\tA\tEmotient FACET\t100\tone\t0\t0\t1\t5.5"}), "got 'one'", 7, 6, "NoOfFaces");
    check_error(facet_text({"S\tP\tA\tEmotient FACET\t\t1\t0\t0\t1\t5.5"}), "no time stamp", 7, 5, "Timestamp");
  }
  SECTION("time going back") {
    check_error(facet_text({ok, "S\tP\tA\tEmotient FACET\t200\t1\t0\t0\t1\t5.5",
                            "S\tP\tA\tEmotient FACET\t150\t1\t0\t0\t1\t5.5"}),
                "time stamps go back: 150 ms after 200 ms", 9, 5, "Timestamp");
  }
  SECTION("all frames failed") {
    check_error(facet_text({"S\tP\tA\tEmotient FACET\t100\t0\t\t\t\t", "S\tP\tA\tEmotient FACET\t133\t-1\t\t\t\t"}),
                "no usable frames", 0);
  }
  SECTION("no FACET rows") {
    check_error(facet_text({"S\tP\tA\tET\t100\t\t\t\t\t"}), "no FACET rows", 6);
  }
}
