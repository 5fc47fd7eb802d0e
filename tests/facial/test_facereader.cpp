// Noldus FaceReader 6-9 detailed logs: hand-written logs of both clocks, round trips, bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
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

ReadOptions as_facereader() {
  ReadOptions options;
  options.detect = false;
  options.format = SourceFormat::facereader;
  return options;
}

// Preamble on lines 1-8 (frame rate on line 7), the header on line 9, row k on line 10 + k.
const std::string fr_header =
    "Video Time\tNeutral\tHappy\tSad\tAngry\tSurprised\tScared\tDisgusted\tContempt\tValence\tArousal\tMouth\tAction "
    "Unit "
    "01 - Inner Brow Raiser\tAction Unit 12 - Lip Corner Puller\tStimulus\tEvent Marker";

std::string fr_text(const std::vector<std::string>& rows, const std::string& eol = "\r",
                    const std::string& rate_line = "Frame rate:\t29.97002997", const std::string& header = fr_header) {
  std::string text = "Video analysis detailed log\t\t" + eol + "\t\t" + eol + "Face Model:\tGeneral\t" + eol +
                     "Calibration:\tNone\t" + eol + "Start time:\t3/14/2016 10:05:00 AM" + eol +
                     "Filename:\tC:\\Users\\lab\\Videos\\Participant 5.avi" + eol + rate_line + eol + eol;
  text += header + "\t" + eol;
  for (const auto& row : rows) text += row + "\t\t" + eol;  // FaceReader pads rows with tabs
  return text;
}

// A FaceReader 6 row: MM:SS.d, then the 8 emotions, valence, arousal, Mouth, AU01, AU12, stimulus, marker.
std::string fr6_row(const std::string& time, const std::string& au01, const std::string& au12,
                    const std::string& stimulus = "Clip 1") {
  return time + "\t0.5\t0.25\t0.01\t0\t0.02\t0\t0.125\t0.0625\t0.24\t0.375\tOpen\t" + au01 + "\t" + au12 + "\t" +
         stimulus + "\t";
}

// MM:SS.d of a time in tenths of a second.
std::string mmss(int tenths) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
  return text;
}

std::string failed_row(const std::string& time, const std::string& token = "FIT_FAILED") {
  std::string row = time;
  for (int k = 0; k < 14; ++k) row += "\t" + token;  // every column up to Stimulus
  return row + "\t\t";
}

void check_error(const std::string& text, const std::string& message, std::uint64_t line, std::uint64_t column = 0,
                 const std::string& field = "") {
  try {
    parse_frames(text, "bad.txt", as_facereader());
    FAIL("no error for: " << message);
  } catch (const Error& e) {
    CHECK_THAT(e.message(), Contains(message));
    CHECK(e.context().file == "bad.txt");
    CHECK(e.context().line == line);
    CHECK(e.context().column == column);
    CHECK(e.context().field == field);
  }
}

FrameTable synthetic() {
  FrameTable t;
  t.participant = "P 11";
  t.frame_rate = 25.0;
  t.time = {0.0, 0.04, 0.08, 0.12, 3723.456};  // the last one past an hour
  t.valid = {1, 0, 1, 1, 1};
  t.confidence.assign(t.time.size(), nan);
  t.stimulus = {"Neutral clip", "Neutral clip", "Happy clip", "Happy clip", "Happy clip"};
  t.add_channel({"joy", "", "0-1", 0, 1}, {0.123456789012345, nan, 0.9, 0.0, 1.0});
  t.add_channel({"valence", "", "-1..1", -1, 1}, {-0.987654321, nan, 0.5, 0.0, 1e-9});
  t.add_channel({"yaw", "", "degrees", -180, 180}, {12.5, nan, -3.0, 0.0, 1.0});
  t.add_channel({"AU12", "", "FACS", 0, 5}, {0, nan, 3, 5, 1});
  t.add_channel({"AU04", "", "FACS", 0, 5}, {2, nan, 4, nan, 0});
  t.add_channel({"smirk", "", "AFFDEX", 0, 100}, {1, nan, 1, 1, 1});  // no FaceReader column: left out
  return t;
}

}  // namespace

TEST_CASE("FaceReader 6 log with bare CR and MM:SS.d rebuilds time from the frame rate", "[facial][facereader]") {
  const std::string text = fr_text({fr6_row("00:00.0", "NotActive", "A"), fr6_row("00:00.0", "B", "NotActive"),
                                    failed_row("00:00.0"), fr6_row("00:00.1", "C", "D"),
                                    failed_row("00:00.1", "FIND_FAILED"), fr6_row("00:00.1", "E", "", "Clip 2")});
  const auto t = parse_frames(text, "fr6.txt");
  CHECK(t.format == SourceFormat::facereader);
  CHECK(t.participant == "Participant 5");  // the stem of Filename:
  CHECK(t.frame_rate == 29.97002997);
  REQUIRE(t.frames() == 6);
  for (std::size_t i = 0; i < 6; ++i) CHECK(t.time[i] == Approx(i / 29.97002997).margin(1e-12));
  CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0, 1, 0, 1});
  CHECK(t.warnings.empty());
  // A-E -> 1-5, NotActive -> 0, an empty cell -> NaN.
  const auto au01 = t.channel("AU01");
  const auto au12 = t.channel("AU12");
  CHECK(au01[0] == 0.0);
  CHECK(au12[0] == 1.0);
  CHECK(au01[1] == 2.0);
  CHECK(au12[1] == 0.0);
  CHECK(au01[3] == 3.0);
  CHECK(au12[3] == 4.0);
  CHECK(au01[5] == 5.0);
  CHECK(std::isnan(au12[5]));
  CHECK(t.channels[t.channel_index("AU12")].scale == "FACS intensity A-E as 1-5");
  CHECK(t.channels[t.channel_index("AU12")].source_name == "Action Unit 12 - Lip Corner Puller");
  // Failed frames: NaN everywhere, the stimulus carried from the row before.
  CHECK(std::isnan(t.channel("joy")[2]));
  CHECK(std::isnan(au01[4]));
  CHECK(t.stimulus == std::vector<std::string>{"Clip 1", "Clip 1", "Clip 1", "Clip 1", "Clip 1", "Clip 2"});
  // The emotions by their canonical names.
  CHECK(t.channel("neutral")[0] == 0.5);
  CHECK(t.channel("joy")[0] == 0.25);
  CHECK(t.channel("sadness")[0] == 0.01);
  CHECK(t.channel("anger")[0] == 0.0);
  CHECK(t.channel("surprise")[0] == 0.02);
  CHECK(t.channel("fear")[0] == 0.0);
  CHECK(t.channel("disgust")[0] == 0.125);
  CHECK(t.channel("contempt")[0] == 0.0625);
  CHECK(t.channel("valence")[0] == 0.24);
  CHECK(t.channel("arousal")[0] == 0.375);
  CHECK(t.channels.size() == 12);  // Mouth is categorical: not read
  CHECK(std::isnan(t.confidence[0]));
}

TEST_CASE("FaceReader 6 frame rate from the options or estimated with a warning", "[facial][facereader]") {
  // 31 frames at 30 fps whose MM:SS.d is the time truncated to 0.1 s.
  std::vector<std::string> rows;
  for (int i = 0; i < 31; ++i) rows.push_back(fr6_row(mmss(i / 3), "A", "A"));
  ReadOptions options;
  SECTION("from the options, over the log's own") {
    options.frame_rate = 30.0;
    const auto t = parse_frames(fr_text(rows), "a.txt", options);
    CHECK(t.frame_rate == 30.0);
    for (std::size_t i = 0; i < t.frames(); ++i) CHECK(t.time[i] == Approx(i / 30.0).margin(1e-12));
    CHECK(t.warnings.empty());
  }
  SECTION("estimated when neither gives it") {
    const auto t = parse_frames(fr_text(rows, "\n", "Calibration:\tNone"), "b.txt");
    REQUIRE(t.frames() == 31);
    CHECK(t.frame_rate == Approx(30.0));  // 30 intervals over 00:00.0 .. 00:01.0
    CHECK(t.time[30] == Approx(1.0).margin(1e-12));
    REQUIRE(t.warnings.size() == 1);
    CHECK_THAT(t.warnings[0], Contains("no frame rate in the log or the options") && Contains("estimated"));
  }
  SECTION("a frame rate that does not fit the clock is flagged") {
    options.frame_rate = 12.0;
    const auto t = parse_frames(fr_text(rows), "c.txt", options);
    CHECK(t.time[30] == Approx(2.5).margin(1e-12));
    REQUIRE(t.warnings.size() == 1);  // worst at frame 29 (line 39): 29 / 12 s against 00:00.9
    CHECK_THAT(t.warnings[0], Contains("check the frame rate") && Contains("line 39"));
  }
}

TEST_CASE("FaceReader 7 log with hh:mm:ss.fff reads its own clock", "[facial][facereader]") {
  const std::string header =
      "Video Time\tNeutral\tHappy\tValence\tArousal\tY - Head Orientation\tX - Head Orientation\tZ - Head "
      "Orientation\tGender\tAction Unit 04 - Brow Lowerer\tStimulus";
  const std::string text = fr_text({"00:00:00.000\t0.5\t0,25\t-0.1\t0.3\t10\t-5\t2\tMale\tNotActive\tS1",
                                    "00:00:00.033\t0.4\t0.5\t-0.2\t0.35\t11\t-4\t1.5\tMale\tC\tS1",
                                    "00:00:00.033\t0.9\t0.9\t0.9\t0.9\t9\t9\t9\tMale\tE\tS1",
                                    "00:00:00.067\tFIND_FAILED\tFIND_FAILED\tFIND_FAILED\tFIND_FAILED\tFIND_FAILED\t"
                                    "FIND_FAILED\tFIND_FAILED\tFIND_FAILED\tFIND_FAILED\tFIND_FAILED",
                                    "01:02:03.456\t0.1\t0.2\t0.3\t0.4\t-1\t-2\t-3\tFemale\tB\tS2"},
                                   "\n", "Frame rate:\t30", header);
  const auto t = parse_frames(text, "fr7.txt");
  CHECK(t.format == SourceFormat::facereader);
  REQUIRE(t.frames() == 4);
  CHECK(t.time[0] == 0.0);
  CHECK(t.time[1] == Approx(0.033).margin(1e-12));
  CHECK(t.time[2] == Approx(0.067).margin(1e-12));
  CHECK(t.time[3] == Approx(3723.456).margin(1e-9));
  CHECK(t.frame_rate == 30.0);
  CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0, 1});
  REQUIRE(t.warnings.size() == 1);  // the repeated 00:00:00.033: the first row kept
  CHECK_THAT(t.warnings[0], Contains("1 row(s) repeat the previous video time") && Contains("line 12"));
  CHECK(t.channel("AU04")[1] == 3.0);
  CHECK(t.channel("joy")[0] == 0.25);  // a decimal comma
  CHECK(t.channel("yaw")[0] == 10.0);
  CHECK(t.channel("pitch")[0] == -5.0);
  CHECK(t.channel("roll")[1] == 1.5);
  CHECK(std::isnan(t.channel("yaw")[2]));
  CHECK(t.channel("valence")[3] == 0.3);
  CHECK(t.stimulus == std::vector<std::string>{"S1", "S1", "S1", "S2"});

  // A frame rate in the options rebuilds the clock of a later version too.
  ReadOptions options;
  options.frame_rate = 10.0;
  const auto r = parse_frames(text, "fr7.txt", options);
  REQUIRE(r.frames() == 5);  // the repeated time is kept: the clock comes from the row index
  CHECK(r.frame_rate == 10.0);
  CHECK(r.time[4] == Approx(0.4).margin(1e-12));
  REQUIRE(r.warnings.size() == 1);
  CHECK_THAT(r.warnings[0], Contains("check the frame rate"));
}

TEST_CASE("FaceReader writer layout", "[facial][facereader]") {
  const std::string text = format_frames(synthetic(), SourceFormat::facereader);
  CHECK_THAT(text, StartsWith("Video analysis detailed log\r\n"));
  CHECK_THAT(text, Contains("\r\nFilename:\tP 11.avi\r\nFrame rate:\t25\r\n"));
  CHECK_THAT(text, Contains("\r\nVideo Time\tNeutral\tHappy\tSad\tAngry\tSurprised\tScared\tDisgusted\tContempt\t"
                            "Valence\tArousal\tY - Head Orientation\tX - Head Orientation\tZ - Head Orientation\t"
                            "Action Unit 01 - Inner Brow Raiser\tAction Unit 02 - Outer Brow Raiser\t"));
  CHECK_THAT(text, Contains("\tAction Unit 43 - Eyes Closed\tStimulus\tEvent Marker\t\r\n"));
  CHECK_THAT(text, Contains("\r\n00:00:00.040\tFIT_FAILED\tFIT_FAILED\t"));
  CHECK_THAT(text, Contains("\r\n01:02:03.456\t"));
  CHECK(detect_format(text, "w.txt") == SourceFormat::facereader);
  FrameTable bad = synthetic();
  bad.time[0] = -0.5;
  CHECK_THROWS_WITH(format_frames(bad, SourceFormat::facereader), Contains("cannot be negative"));
}

TEST_CASE("FaceReader round trip gives the same numbers", "[facial][facereader]") {
  const FrameTable in = synthetic();
  const FrameTable out = parse_frames(format_frames(in, SourceFormat::facereader), "rt.txt");
  CHECK(out.format == SourceFormat::facereader);
  REQUIRE(out.frames() == in.frames());
  CHECK(out.participant == "P 11");
  CHECK(out.frame_rate == 25.0);
  CHECK(out.valid == in.valid);
  CHECK(out.stimulus == in.stimulus);
  CHECK(out.warnings.empty());
  for (std::size_t i = 0; i < in.frames(); ++i) CHECK(out.time[i] == Approx(in.time[i]).margin(1e-9));
  for (const char* name : {"joy", "valence", "yaw", "AU12", "AU04"}) {
    INFO(name);
    const auto a = in.channel(name);
    const auto b = out.channel(name);
    for (std::size_t i = 0; i < in.frames(); ++i) {
      if (std::isnan(a[i]))
        CHECK(std::isnan(b[i]));
      else
        CHECK(b[i] == a[i]);
    }
  }
  CHECK_FALSE(out.has_channel("smirk"));
  // The letters are the format's own precision: AU intensities round to whole steps.
  FrameTable coarse = in;
  coarse.values[coarse.channel_index("AU12")][0] = 2.4;
  CHECK(parse_frames(format_frames(coarse, SourceFormat::facereader), "rt.txt").channel("AU12")[0] == 2.0);
}

TEST_CASE("FaceReader bad input is reported with its place", "[facial][facereader]") {
  const std::string ok = fr6_row("00:00.0", "A", "B");
  SECTION("empty file") {
    check_error("", "empty file", 0);
    check_error("\r\r\n\t\t\r", "empty file", 0);
  }
  SECTION("no header") {
    check_error("Video analysis detailed log\rFace Model:\tGeneral\r", "no line has a 'Video Time' column", 2);
  }
  SECTION("wrong delimiter") {
    std::string text = fr_text({ok});
    std::replace(text.begin(), text.end(), '\t', ',');
    check_error(text, "names 'Video Time' but is not tab-separated", 9);
  }
  SECTION("missing required columns") {
    check_error(fr_text({"00:00.0\tOpen\tS"}, "\r", "Frame rate:\t30", "Video Time\tMouth\tStimulus"),
                "missing required column(s) emotion or action-unit columns", 9, 0,
                "emotion or action-unit columns (Neutral, Happy ..., Action Unit 12 - ...)");
  }
  SECTION("truncated line") {
    check_error(fr_text({ok, "00:00.1\t0.5\t0.25"}), "the row has 5 fields, the header has 16", 11);
  }
  SECTION("non-numeric cell") {
    std::string row = ok;
    row.replace(row.find("\t0.25\t"), 6, "\t0.2x\t");
    check_error(fr_text({ok, row}), "expected a number, got '0.2x'", 11, 3, "Happy");
  }
  SECTION("unknown action-unit letter") {
    check_error(fr_text({ok, fr6_row("00:00.1", "A", "F")}), "unknown action-unit intensity 'F'", 11, 14,
                "Action Unit 12 - Lip Corner Puller");
    check_error(fr_text({fr6_row("00:00.1", "active", "A")}), "unknown action-unit intensity 'active'", 10, 13,
                "Action Unit 01 - Inner Brow Raiser");
  }
  SECTION("bad video time") {
    check_error(fr_text({fr6_row("00:0x.1", "A", "A")}), "expected a video time hh:mm:ss.fff or MM:SS.d, got '00:0x.1'",
                10, 1, "Video Time");
    check_error(fr_text({ok, fr6_row("00:00:00.100", "A", "A")}), "expected a video time MM:SS.d", 11, 1, "Video Time");
    check_error(fr_text({fr6_row("00:75.0", "A", "A")}), "got '00:75.0'", 10, 1, "Video Time");
  }
  SECTION("time going back") {
    check_error(fr_text({fr6_row("00:00:00.100", "A", "A"), fr6_row("00:00:00.050", "A", "A")}),
                "video time goes back: 00:00:00.050 after 00:00:00.100", 11, 1, "Video Time");
    check_error(fr_text({fr6_row("00:01.0", "A", "A"), fr6_row("00:00.9", "A", "A")}), "video time goes back", 11, 1,
                "Video Time");
  }
  SECTION("all frames failed") {
    check_error(fr_text({failed_row("00:00.0"), failed_row("00:00.0", "FIND_FAILED")}), "no usable frames", 0);
  }
  SECTION("a 0.1 s clock that cannot be rebuilt") {
    check_error(fr_text({ok, ok}, "\r", "Calibration:\tNone"), "cannot rebuild the clock of 2 rows", 9, 1,
                "Video Time");
  }
  SECTION("bad frame rate") {
    check_error(fr_text({ok}, "\r", "Frame rate:\tfast"), "the frame rate 'fast' is not a positive number", 7, 0,
                "Frame rate");
  }
}
