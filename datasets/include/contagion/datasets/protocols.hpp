#pragma once
// Stimulus protocols of synthetic lab studies (docs/synthetic.md): Kovalchuk et al.'s KDEF
// images, film clips with emotion profiles (Plusquellec et al.), or any stimulus list read from
// a CSV file. Orders are seeded per participant.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace contagion::datasets {

struct Stimulus {
  std::string id, category;  ///< id ("AF01HAS", a clip's id) and its (dominant) emotion category
  double onset = 0.0, offset = 0.0;
  /// Weight per canonical category (facial::canonical_category); empty: {category: 1}.
  std::map<std::string, double> profile;
  bool sustained = false;  ///< true: the sustained response of film clips, else the phasic kernel
};

/// Kovalchuk et al.'s KDEF protocol: after a `lead_in_s` baseline, 4 blocks of the 6 emotions
/// plus neutral, each image 10 s then 8 s blank, in a random order per block (seeded per
/// participant).
std::vector<Stimulus> kdef_protocol(std::uint64_t seed, std::uint64_t participant, double lead_in_s = 10.0,
                                    int blocks = 4);

/// A film clip: its id, its length (s) and its emotion profile, weights per emotion category
/// ({"joy": 1} or {"sadness": 0.7, "fear": 0.3}; joy/happy, anger/angry, sadness/sad, disgust,
/// fear, surprise, neutral), each weight in [0, 1] and at least one above 0.
struct FilmClip {
  std::string id;
  double length_s = 60.0;
  std::map<std::string, double> profile;
};

/// Six clips after Plusquellec et al.'s design: amusement (joy, 60 s), sadness (90 s), fear
/// (fear 0.8 + surprise 0.2, 75 s), anger (60 s), disgust (45 s) and a neutral clip (60 s).
std::vector<FilmClip> default_film_clips();

/// Throws contagion::ParameterError naming the clip ("clips.<id>.length_s", ".profile.<emotion>")
/// for an empty or repeated id, a length that is not positive, an unknown emotion or a weight
/// outside [0, 1], or a profile without a positive weight.
void check_film_clips(const std::vector<FilmClip>& clips);

/// The film protocol: after `lead_in_s`, every clip once in a random order per participant,
/// each followed by `gap_s` of blank screen. A clip's category is the largest weight of its
/// profile (ties: the first in alphabetical order); its profile is kept, canonicalised.
std::vector<Stimulus> film_protocol(const std::vector<FilmClip>& clips, std::uint64_t seed, std::uint64_t participant,
                                    double lead_in_s = 10.0, double gap_s = 20.0);

/// A stimulus list for every participant: a CSV with columns id, category, onset, offset (s)
/// (other columns are ignored). Throws contagion::Error naming the file, line and field for a
/// missing column, an empty id or category, a repeated id, an onset that is not a number >= 0,
/// or an offset that is not after the onset.
std::vector<Stimulus> read_stimulus_list(const std::string& path);

}  // namespace contagion::datasets
