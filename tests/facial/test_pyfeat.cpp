// Py-Feat detector CSV: the real v1 sample 001.csv (spot values read off the file with Python's
// csv module), a v2 header, the clock from frame numbers, round trips and bad input with its
// exact location.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
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

const std::string sample = CONTAGION_TEST_DATA "/facial/001.csv";

ReadOptions pyfeat_options() {
  ReadOptions o;
  o.detect = false;
  o.format = SourceFormat::pyfeat;
  return o;
}

std::optional<Error> error_of(const std::string& text, const ReadOptions& options = pyfeat_options()) {
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

/// `b` (read back) has `a`'s frames and channels; with `extra_nan`, it may have more channels
/// (the v1 layout's columns `a` had no values for), all NaN.
void check_same_frames(const FrameTable& a, const FrameTable& b, bool extra_nan = false) {
  REQUIRE(a.frames() == b.frames());
  CHECK(same(a.time, b.time));
  CHECK(a.valid == b.valid);
  CHECK(same(a.confidence, b.confidence));
  if (!extra_nan) REQUIRE(a.channels.size() == b.channels.size());
  for (const auto& c : a.channels) {
    INFO(c.name);
    REQUIRE(b.has_channel(c.name));
    CHECK(same(a.channel(c.name), b.channel(c.name)));
  }
  for (const auto& c : b.channels) {
    INFO(c.name);
    if (!a.has_channel(c.name)) CHECK(same(b.channel(c.name), std::vector<double>(b.frames(), NAN)));
  }
}

// A Py-Feat v2 (MediaPipe) header, shortened: mesh, gaze, pose with translation, identity
// embedding, capitalised emotions, valence/arousal, frame size. Frame 2 has no face.
const std::string v2 =
    "FaceRectX,FaceRectY,FaceRectWidth,FaceRectHeight,FaceScore,x_0,y_0,mesh_x_0,mesh_y_0,mesh_z_0,"
    "Pitch,Roll,Yaw,X,Y,Z,gaze_pitch,gaze_yaw,AU01,AU02,AU12,AU43,"
    "Neutral,Happy,Sad,Surprise,Fear,Disgust,Anger,valence,arousal,Identity_1,Identity_2,"
    "FrameHeight,FrameWidth,input,frame\n"
    "10,20,100,120,0.98,11,21,0.5,0.5,0.1,-3.5,1.25,4,0.1,0.2,30,0.01,0.02,0.2,0.3,0.9,0.05,"
    "0.1,0.7,0.05,0.05,0.04,0.03,0.03,0.6,0.4,0.12,-0.3,360,640,clip.mp4,0\n"
    "10,20,100,120,0.97,11,21,0.5,0.5,0.1,-3.0,1.5,5,0.1,0.2,30,0.01,0.02,0.25,0.35,0.95,0.04,"
    "0.05,0.8,0.05,0.04,0.03,0.02,0.01,0.7,0.5,0.12,-0.3,360,640,clip.mp4,1\n"
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,360,640,clip.mp4,2\n"
    "10,20,100,120,0.99,11,21,0.5,0.5,0.1,-2.0,1.0,6,0.1,0.2,30,0.01,0.02,0.1,0.2,0.5,0.6,"
    "0.6,0.2,0.05,0.05,0.04,0.03,0.03,0.1,0.2,0.12,-0.3,360,640,clip.mp4,3\n";

}  // namespace

TEST_CASE("Py-Feat v1 sample 001.csv: 40 frames, 20 AUs, 7 emotions, pose in degrees", "[facial][pyfeat]") {
  const FrameTable t = read_frames(sample);
  CHECK(t.format == SourceFormat::pyfeat);
  CHECK(t.participant == "001");
  REQUIRE(t.frames() == 40);
  CHECK(t.channels.size() == 3 + 20 + 7);
  CHECK(count_valid(t) == 40);
  CHECK(t.frame_rate == 30.0);
  CHECK(t.time.front() == 0.0);  // frame 0
  CHECK(t.time.back() == 39.0 / 30.0);
  CHECK(t.confidence[0] == 0.9993259);
  CHECK(t.channel("AU01")[0] == 0.5463019);
  CHECK(t.channel("AU12")[39] == 0.6764755);
  CHECK(t.channel("AU43")[20] == 0.0323732);
  CHECK(t.channel("joy")[0] == 0.9815739);
  CHECK(t.channel("neutral")[39] == 0.000147653);
  CHECK(t.channel("anger")[39] == 3.839381e-05);
  CHECK(t.channel("sadness")[20] == 0.0011112469);
  CHECK(t.channel("pitch")[0] == -3.541830833753086);
  CHECK(t.channel("yaw")[20] == 1.0635848785183453);
  CHECK(t.channel("roll")[39] == -5.194182924876483);
  const ChannelInfo& joy = t.channels[t.channel_index("joy")];
  CHECK(joy.source_name == "happiness");
  CHECK(joy.scale == "probability 0-1");
  CHECK(t.channels[t.channel_index("yaw")].scale == "degrees");
  CHECK_FALSE(t.has_channel("AU45"));
}

TEST_CASE("Py-Feat has no clock: 30 fps assumed with a warning, or the given frame rate", "[facial][pyfeat]") {
  const FrameTable t = read_frames(sample);
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Contains("frame / 30") && Contains("--fps"));

  ReadOptions o;
  o.frame_rate = 25.0;
  const FrameTable r = read_frames(sample, o);
  CHECK(r.warnings.empty());
  CHECK(r.frame_rate == 25.0);
  CHECK(r.time[1] == 1.0 / 25.0);
  CHECK(r.time[39] == 39.0 / 25.0);
}

TEST_CASE("Py-Feat v2 header: capitalised emotions, valence and arousal, a frame without a face", "[facial][pyfeat]") {
  const FrameTable t = parse_frames(v2, "clip_v2.csv");
  CHECK(t.format == SourceFormat::pyfeat);
  REQUIRE(t.frames() == 4);
  CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 0, 1});
  CHECK(std::isnan(t.confidence[2]));
  CHECK(t.confidence[3] == 0.99);
  CHECK(t.channels.size() == 3 + 4 + 7 + 2);
  CHECK(t.channel("joy")[1] == 0.8);
  CHECK(t.channel("neutral")[3] == 0.6);
  CHECK(t.channel("anger")[0] == 0.03);
  CHECK(t.channel("valence")[1] == 0.7);
  CHECK(t.channel("arousal")[3] == 0.2);
  CHECK(t.channel("AU43")[3] == 0.6);
  CHECK(t.channel("yaw")[3] == 6.0);
  CHECK(std::isnan(t.channel("AU12")[2]));
  CHECK(t.channels[t.channel_index("joy")].source_name == "Happy");
  CHECK_FALSE(t.has_channel("X"));
  CHECK(t.time[3] == 3.0 / 30.0);
}

TEST_CASE("Py-Feat rows of one frame are faces: the highest FaceScore is kept", "[facial][pyfeat]") {
  const std::string text =
      "FaceRectX,FaceScore,AU12,input,frame\n"
      "1,0.6,0.1,v.mp4,0\n"
      "2,0.9,0.2,v.mp4,0\n"
      "1,,,v.mp4,1\n"
      "2,0.7,0.3,v.mp4,1\n"
      "1,0.8,0.4,v.mp4,2\n";
  const FrameTable t = parse_frames(text, "faces.csv");
  REQUIRE(t.frames() == 3);
  CHECK(t.channel("AU12")[0] == 0.2);
  CHECK(t.channel("AU12")[1] == 0.3);
  CHECK(t.valid == std::vector<std::uint8_t>{1, 1, 1});
  REQUIRE(t.warnings.size() == 2);
  CHECK_THAT(t.warnings[1], Contains("2 rows repeat"));
}

TEST_CASE("Py-Feat round trip: write then read gives the same numbers", "[facial][pyfeat]") {
  SECTION("the real sample, written in its own v1 layout") {
    const FrameTable t = read_frames(sample);
    const std::string text = format_frames(t, SourceFormat::pyfeat);
    std::ifstream in(sample);
    std::string header;
    std::getline(in, header);
    CHECK(text.substr(0, text.find('\n')) == header);
    check_same_frames(t, parse_frames(text, "001.csv"));
  }
  SECTION("v2 channels: a frame without a face, 25 fps, a channel v1 has no column for") {
    ReadOptions o;
    o.frame_rate = 25.0;
    FrameTable t = parse_frames(v2, "clip_v2.csv", o);
    t.values[t.channel_index("AU01")][0] = 0.1 + 0.2;
    const std::string text = format_frames(t, SourceFormat::pyfeat);
    CHECK_THAT(text, Contains("\n,,,,,"));  // the frame without a face: empty cells
    const FrameTable back = parse_frames(text, "clip_v2.csv", o);
    CHECK(back.channel("AU01")[0] == 0.1 + 0.2);
    CHECK_FALSE(back.has_channel("valence"));  // v1 has no valence column
    for (const char* name : {"valence", "arousal"}) {
      const auto k = static_cast<std::ptrdiff_t>(t.channel_index(name));
      t.channels.erase(t.channels.begin() + k);
      t.values.erase(t.values.begin() + k);
    }
    CHECK(back.channels.size() == 30);
    check_same_frames(t, back, true);
  }
  SECTION("pose read in radians is written in degrees") {
    FrameTable t;
    t.frame_rate = 10.0;
    t.time = {0.0, 0.1};
    t.valid = {1, 1};
    t.confidence = {0.9, 0.95};
    t.add_channel({"pitch", "pose_Rx", "radians", -3.2, 3.2}, {0.5, -1.0});
    const FrameTable back = parse_frames(format_frames(t, SourceFormat::pyfeat), "r.csv", pyfeat_options());
    CHECK(back.channel("pitch")[0] == Approx(0.5 * 180.0 / std::numbers::pi));
    CHECK(back.channel("pitch")[1] == Approx(-180.0 / std::numbers::pi));
  }
}

TEST_CASE("Py-Feat bad input: errors name the line, column and field", "[facial][pyfeat]") {
  const std::string header = "FaceRectX,FaceScore,AU01,AU12,happiness,input,frame\n";
  SECTION("a truncated last line") {
    const auto e = error_of(header + "1,0.9,0.1,0.2,0.5,v.mp4,0\n1,0.9,0.1,0.2,0.5,v.m");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK(e->context().line == 3);
    CHECK_THAT(e->message(), Contains("6 fields where the header has 7"));
  }
  SECTION("tabs instead of commas") {
    const auto e = error_of("FaceRectX\tFaceScore\tAU01\tframe\n1\t0.9\t0.1\t0\n");
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK_THAT(e->message(), Contains("not comma-separated") && Contains("\\t"));
  }
  SECTION("missing required columns are all named") {
    const auto e = error_of("FaceRectX,AU01,input\n1,0.1,v.mp4\n");
    REQUIRE(e);
    CHECK(e->context().line == 1);
    CHECK(e->context().field == "FaceScore");
    CHECK_THAT(e->message(), Contains("'FaceScore', 'frame'"));
  }
  SECTION("a word in a numeric column") {
    const auto e = error_of(header + "1,0.9,0.1,0.2,0.5,v.mp4,0\n1,0.9,0.1,x0.2,0.5,v.mp4,1\n");
    REQUIRE(e);
    CHECK(e->context().line == 3);
    CHECK(e->context().column == 4);
    CHECK(e->context().field == "AU12");
    CHECK_THAT(e->message(), Contains("'x0.2' is not a number"));
  }
  SECTION("frame numbers going backwards") {
    const auto e =
        error_of(header + "1,0.9,0.1,0.2,0.5,v.mp4,0\n1,0.9,0.1,0.2,0.5,v.mp4,2\n1,0.9,0.1,0.2,0.5,v.mp4,1\n");
    REQUIRE(e);
    CHECK(e->context().line == 4);
    CHECK(e->context().column == 7);
    CHECK(e->context().field == "frame");
    CHECK_THAT(e->message(), Contains("do not increase") && Contains("line 3"));
  }
  SECTION("no face in any frame") {
    const auto e = error_of(header + ",,,,,v.mp4,0\n,0,,,,v.mp4,1\n");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK_THAT(e->message(), Contains("no usable frames"));
  }
  SECTION("an empty file and a header without rows") {
    const auto e = error_of("");
    REQUIRE(e);
    CHECK(e->context().file == "bad.csv");
    CHECK_THAT(e->message(), Contains("empty file"));
    const auto h = error_of(header);
    REQUIRE(h);
    CHECK(h->context().line == 1);
    CHECK_THAT(h->message(), Contains("no data rows"));
  }
  SECTION("a row without a frame number") {
    const auto e = error_of(header + "1,0.9,0.1,0.2,0.5,v.mp4,\n");
    REQUIRE(e);
    CHECK(e->context().line == 2);
    CHECK(e->context().column == 7);
    CHECK(e->context().field == "frame");
  }
}
