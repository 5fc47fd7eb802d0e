#include "contagion/facial/channel_names.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <utility>

namespace contagion::facial {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string au_name(int number) {
  return fmt::format("AU{:02d}", number);
}

std::optional<int> au_number(std::string_view name) {
  if (name.size() < 3 || std::tolower(static_cast<unsigned char>(name[0])) != 'a' ||
      std::tolower(static_cast<unsigned char>(name[1])) != 'u')
    return std::nullopt;
  std::size_t i = 2;
  int number = 0, digits = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && digits < 3) {
    number = number * 10 + (name[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || number < 1 || number > 99) return std::nullopt;
  // What may follow: nothing, "_r", " Evidence", " Intensity"...; not more digits or letters.
  if (i < name.size() && std::isalnum(static_cast<unsigned char>(name[i]))) return std::nullopt;
  return number;
}

std::optional<std::string> emotion_name(std::string_view name) {
  static const std::array<std::pair<const char*, const char*>, 22> names{{
      {"joy", "joy"},           {"happy", "joy"},           {"happiness", "joy"},         {"anger", "anger"},
      {"angry", "anger"},       {"surprise", "surprise"},   {"surprised", "surprise"},    {"fear", "fear"},
      {"scared", "fear"},       {"afraid", "fear"},         {"contempt", "contempt"},     {"disgust", "disgust"},
      {"disgusted", "disgust"}, {"sadness", "sadness"},     {"sad", "sadness"},           {"neutral", "neutral"},
      {"valence", "valence"},   {"arousal", "arousal"},     {"engagement", "engagement"}, {"positive", "positive"},
      {"negative", "negative"}, {"confusion", "confusion"},
  }};
  const std::string key = lower(name);
  for (const auto& [from, to] : names)
    if (key == from) return std::string(to);
  if (key == "frustration") return std::string("frustration");
  return std::nullopt;
}

std::optional<int> affdex_expression_au(std::string_view expression) {
  static const std::array<std::pair<const char*, int>, 19> map{{
      {"inner brow raise", 1},
      {"brow raise", 2},
      {"brow furrow", 4},
      {"eye widen", 5},
      {"cheek raise", 6},
      {"lid tighten", 7},
      {"nose wrinkle", 9},
      {"upper lip raise", 10},
      {"smile", 12},
      {"dimpler", 14},
      {"lip corner depressor", 15},
      {"chin raise", 17},
      {"lip pucker", 18},
      {"lip stretch", 20},
      {"lip press", 24},
      {"mouth open", 25},
      {"jaw drop", 26},
      {"lip suck", 28},
      {"eye closure", 43},
  }};
  std::string key = lower(expression);
  // The SDK's camelCase names ("browFurrow") read the same once spaced.
  std::string spaced;
  for (const char c : std::string(expression)) {
    if (std::isupper(static_cast<unsigned char>(c)) && !spaced.empty()) spaced += ' ';
    spaced += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const auto& [from, au] : map)
    if (key == from || spaced == from) return au;
  return std::nullopt;
}

}  // namespace contagion::facial
