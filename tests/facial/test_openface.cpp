// OpenFace 2.x FeatureExtraction CSV: the real early-2018 sample (spot values read off the file
// with Python's csv module), header variants, the implausible clock, round trips and bad input
// with its exact location.

#include <catch2/catch.hpp>

#include <cmath>
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

const std::string sample = CONTAGION_TEST_DATA "/facial/OpenFace_Test.csv";

ReadOptions openface_options() {
  ReadOptions o;
  o.detect = false;
  o.format = SourceFormat::openface;
  return o;
}

std::optional<Error> error_of(const std::string& text, const ReadOptions& options = openface_options()) {
  try {
    parse_frames(text, "bad.csv", options);
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

std::size_t count_valid(const FrameTable& t) {
  std::size_t n = 0;
  for (const auto v : t.valid) n += v != 0;
  return n;
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
  for (const auto& c : a.channels) {
    INFO(c.name);
    REQUIRE(b.has_channel(c.name));
    CHECK(same(a.channel(c.name), b.channel(c.name)));
  }
}

// OpenFace 2.2 layout: no spaces, face_id, gaze angles and eye landmarks before the pose.
const std::string openface22 =
    "frame,face_id,timestamp,confidence,success,gaze_0_x,gaze_angle_x,gaze_angle_y,eye_lmk_x_0,eye_lmk_y_0,"
    "pose_Tx,pose_Rx,pose_Ry,pose_Rz,x_0,y_0,AU01_r,AU12_r,AU01_c,AU12_c,AU28_c\n"
    "1,0,0.000,0.98,1,0.1,0.05,-0.02,300.1,200.2,10,0.1,0.2,0.3,301,201,1.5,2.25,1,1,0\n"
    "2,0,0.033,0.97,1,0.1,0.06,-0.03,300.2,200.3,10,0.11,0.21,0.31,302,202,1.4,2.5,1,1,1\n"
    "3,0,0.067,0.10,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
    "4,0,0.100,0.96,1,0.1,0.07,-0.04,300.3,200.4,10,0.12,0.22,0.32,303,203,1.3,2.75,1,1,0\n";

}  // namespace

TEST_CASE("OpenFace 2.0 sample: 100 frames, AU intensity and presence, pose, all valid", "[facial][openface]") {
  const FrameTable t = read_frames(sample);
  CHECK(t.format == SourceFormat::openface);
  CHECK(t.participant == "OpenFace_Test");
  REQUIRE(t.frames() == 100);
  CHECK(t.channels.size() == 17 + 18 + 3);
  CHECK(t.time.front() == 0.0);
  CHECK(t.time.back() == 0.099);
  CHECK(count_valid(t) == 100);
  CHECK(t.confidence[0] == 0.883333);
  CHECK(t.channel("AU01")[0] == 0.6773);
  CHECK(t.channel("AU01")[99] == 0.1951);
  CHECK(t.channel("AU04")[49] == 0.7306);
  CHECK(t.channel("AU45_c")[40] == 1.0);
  CHECK(t.channel("AU28_c")[0] == 0.0);
  CHECK(t.channel("pitch")[0] == 0.29759);
  CHECK(t.channel("yaw")[0] == -0.063753);
  CHECK(t.channel("roll")[0] == -0.0192347);
  CHECK_FALSE(t.has_channel("AU28"));  // presence only
  CHECK_FALSE(t.has_channel("gaze_angle_x"));
  const ChannelInfo& au01 = t.channels[t.channel_index("AU01")];
  CHECK(au01.source_name == "AU01_r");
  CHECK(au01.scale == "intensity 0-5");
  CHECK(au01.high == 5.0);
  CHECK(t.channels[t.channel_index("AU01_c")].scale == "presence 0/1");
}

TEST_CASE("OpenFace early-2018 clock rising by 1 ms a frame is flagged, and --fps rebuilds it", "[facial][openface]") {
  const FrameTable t = read_frames(sample);
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("0.001 s per frame") && Contains("--fps"));
  CHECK(t.frame_rate == 0.0);

  ReadOptions o;
  o.frame_rate = 30.0;
  const FrameTable r = read_frames(sample, o);
  CHECK(r.warnings.empty());
  CHECK(r.frame_rate == 30.0);
  CHECK(r.time[0] == 0.0);
  CHECK(r.time[34] == Approx(34.0 / 30.0));
  CHECK(r.time[99] == Approx(99.0 / 30.0));
}

TEST_CASE("OpenFace validity: success and a minimum confidence, failed frames NaN", "[facial][openface]") {
  ReadOptions o;
  o.min_confidence = 0.9;  // only frame 35 has confidence 0.983333, the others 0.883333
  const FrameTable t = read_frames(sample, o);
  CHECK(count_valid(t) == 1);
  CHECK(t.valid[34] == 1);
  CHECK(t.channel("AU01")[34] == 0.4408);
  CHECK(std::isnan(t.channel("AU01")[0]));
  CHECK(std::isnan(t.channel("pitch")[0]));
  CHECK(t.confidence[0] == 0.883333);  // confidence stays as recorded
}

TEST_CASE("OpenFace 2.2 header with face_id, gaze angles and eye landmarks, any line ending", "[facial][openface]") {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    std::string text = "\xEF\xBB\xBF" + openface22;
    for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + eol.size()))
      text.replace(p, 1, eol);
    const FrameTable t = parse_frames(text, "p01_2_2.csv");
    CHECK(t.format == SourceFormat::openface);
    REQUIRE(t.frames() == 4);
    CHECK(t.warnings.empty());
    CHECK(t.frame_rate == Approx(30.0));
    CHECK(t.time[3] == 0.1);
    CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0, 1});
    CHECK(t.channels.size() == 2 + 3 + 2 + 3);
    CHECK(t.channel("AU12")[1] == 2.5);
    CHECK(t.channel("AU28_c")[1] == 1.0);
    CHECK(t.channel("gaze_angle_y")[3] == -0.04);
    CHECK(t.channel("roll")[3] == 0.32);
    CHECK(std::isnan(t.channel("AU12")[2]));
    CHECK(std::isnan(t.channel("gaze_angle_x")[2]));
    CHECK(t.confidence[2] == 0.10);
  }
}

TEST_CASE("OpenFace rows repeating a frame (several faces) keep the most confident face", "[facial][openface]") {
  const std::string text =
      "frame, face_id, timestamp, confidence, success, AU12_r\n"
      "1, 0, 0.0, 0.9, 1, 1.0\n"
      "1, 1, 0.0, 0.95, 1, 2.0\n"
      "2, 0, 0.033, 0.9, 1, 3.0\n"
      "2, 1, 0.033, 0.85, 1, 4.0\n";
  const FrameTable t = parse_frames(text, "multi.csv");
  REQUIRE(t.frames() == 2);
  CHECK(t.channel("AU12")[0] == 2.0);
  CHECK(t.channel("AU12")[1] == 3.0);
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("2 rows repeat"));
}

TEST_CASE("OpenFace round trip: write then read gives the same numbers", "[facial][openface]") {
  SECTION("the real sample") {
    ReadOptions o;
    o.frame_rate = 30.0;
    const FrameTable t = read_frames(sample, o);
    const std::string text = format_frames(t, SourceFormat::openface);
    CHECK(text.rfind("frame, face_id, timestamp, confidence, success, pose_Rx, pose_Ry, pose_Rz, AU01_r, AU02_r", 0) ==
          0);
    check_same_frames(t, parse_frames(text, "again.csv"));
  }
  SECTION("failed frames, gaze and awkward numbers") {
    const FrameTable t = parse_frames(openface22, "p.csv");
    FrameTable u = t;
    u.values[u.channel_index("AU01")][0] = 0.1 + 0.2;  // 0.30000000000000004 needs 17 digits
    u.values[u.channel_index("AU12")][1] = 1e-300;
    const std::string text = format_frames(u, SourceFormat::openface);
    CHECK_THAT(text, Contains("gaze_angle_x, gaze_angle_y, pose_Rx"));
    CHECK_THAT(text, Contains("\n3, 0, 0.067, 0.1, 0, 0, 0,"));  // a failed frame is written as zeros
    const FrameTable back = parse_frames(text, "p.csv");
    check_same_frames(u, back);
    CHECK(back.channel("AU01")[0] == 0.1 + 0.2);
  }
}

TEST_CASE("OpenFace bad input: errors name the line, column and field", "[facial][openface]") {
  const std::string header = "frame, timestamp, confidence, success, AU01_r, AU12_r\n";
  SECTION("a truncated last line") {
    const auto e = error_of(header + "1, 0.0, 0.9, 1, 0.5, 1.0\n2, 0.033, 0.9, 1, 0.");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK(e->context().line == 3);
    CHECK_THAT(e->message(), Contains("5 fields where the header has 6"));
  }
  SECTION("semicolons instead of commas") {
    const auto e = error_of("frame;timestamp;confidence;success;AU01_r\n1;0.0;0.9;1;0.5\n");
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK_THAT(e->message(), Contains("not comma-separated") && Contains("';'"));
  }
  SECTION("missing required columns are all named") {
    const auto e = error_of("frame, confidence, AU01_r\n1, 0.9, 0.5\n");
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK(e->context().field == "timestamp");
    CHECK_THAT(e->message(), Contains("'timestamp', 'success'"));
  }
  SECTION("a word in a numeric column") {
    const auto e = error_of(header + "1, 0.0, 0.9, 1, 0.5, 1.0\n2, 0.033, 0.9, 1, 0.5, high\n");
    REQUIRE(e);
    CHECK(e->context().line == 3);
    CHECK(e->context().column == 6);
    CHECK(e->context().field == "AU12_r");
    CHECK_THAT(e->message(), Contains("'high' is not a number"));
  }
  SECTION("time going backwards") {
    const auto e =
        error_of(header + "1, 0.0, 0.9, 1, 0.5, 1.0\n2, 0.033, 0.9, 1, 0.5, 1.0\n3, 0.020, 0.9, 1, 0.5, 1.0\n");
    REQUIRE(e);
    CHECK(e->context().line == 4);
    CHECK(e->context().column == 2);
    CHECK(e->context().field == "timestamp");
    CHECK_THAT(e->message(), Contains("does not increase") && Contains("line 3"));
  }
  SECTION("every frame failed") {
    const auto e = error_of(header + "1, 0.0, 0.2, 0, 0, 0\n2, 0.033, 0.9, 0, 0, 0\n3, 0.067, 0.5, 1, 0.5, 1.0\n");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK_THAT(e->message(), Contains("no usable frames"));
  }
  SECTION("an empty file, a file of blank lines, a header without rows") {
    for (const std::string text : {"", "\n\r\n  \n"}) {
      const auto e = error_of(text);
      REQUIRE(e);
      CHECK(e->context().file == "bad.csv");
      CHECK_THAT(e->message(), Contains("empty file"));
    }
    const auto e = error_of(header + "\n");
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK_THAT(e->message(), Contains("no data rows"));
  }
  SECTION("no frame number") {
    const auto e = error_of(header + "1, 0.0, 0.9, 1, 0.5, 1.0\n, 0.033, 0.9, 1, 0.5, 1.0\n");
    REQUIRE(e);
    CHECK(e->context().line == 3);
    CHECK(e->context().column == 1);
    CHECK(e->context().field == "frame");
  }
}
