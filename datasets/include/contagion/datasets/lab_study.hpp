#pragma once
// Synthetic lab studies with known ground truth (the synthetic-truth issue): participants with
// latent traits watch a stimulus protocol; their facial responses follow a documented model;
// a simulated detector adds noise, lag and dropouts; the result is exported in a real export
// format with the stimulus log, the participant table, questionnaire answers consistent with
// the true scores, and the truth itself. docs/synthetic.md has every formula.
//
// Deterministic: every draw comes from a Philox stream keyed by (seed, participant, purpose).

#include <cstdint>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/facial/events.hpp"
#include "contagion/facial/frame_table.hpp"

namespace contagion::datasets {

struct Stimulus {
  std::string id, category;  ///< KDEF-like id ("AF01HAS") and emotion category
  double onset = 0.0, offset = 0.0;
};

/// Kovalchuk et al.'s KDEF protocol: after a `lead_in_s` baseline, 4 blocks of the 6 emotions
/// plus neutral, each image 10 s then 8 s blank, in a random order per block (seeded per
/// participant).
std::vector<Stimulus> kdef_protocol(std::uint64_t seed, std::uint64_t participant, double lead_in_s = 10.0,
                                    int blocks = 4);

struct LabSpec {
  int participants = 40;
  std::uint64_t seed = 1;
  double frame_rate = 30.0;
  double lead_in_s = 10.0;
  int blocks = 4;  ///< KDEF blocks of 7 images (Kovalchuk et al.: 4)
  // Traits and questionnaires.
  double reactivity_eq_correlation = 0.3;  ///< between latent reactivity and the EQ score
  double female_eq_shift_sd = 0.0;         ///< women's EQ shift in SDs (e.g. 0.5)
  double eq_mean = 45.0, eq_sd = 11.0;
  // The response kernel: A (s/T)^k exp(k (1 - s/T)) for s = t - onset - latency > 0.
  double latency_s = 0.3, time_to_peak_s = 1.5, kernel_shape = 3.0;
  // The detector.
  double noise_sd = 0.0;          ///< Gaussian noise per frame, in units of the channel's scale (0-1)
  double detection_lag_s = 0.0;   ///< the detector reports everything this much later
  double dropouts_per_min = 0.0;  ///< face lost: Poisson rate of dropouts
  double dropout_s = 1.0;         ///< length of each dropout
  facial::SourceFormat format = facial::SourceFormat::openface;
};

struct ParticipantTruth {
  std::string id, gender;
  double reactivity = 0.0;    ///< overall gain of the responses (0-1 activation units)
  double specificity = 0.0;   ///< share of the response that is congruent with the stimulus
  double expressivity = 0.0;  ///< resting activation of every channel
  double eq = 0.0;            ///< true EQ score, 0-80
};

struct LabStudy {
  LabSpec spec;
  std::vector<ParticipantTruth> participants;
  std::vector<facial::FrameTable> recordings;  ///< one per participant, in the format's scales
  std::vector<facial::Event> events;           ///< the stimulus log of every participant
  /// True response amplitude (format scale) per participant x stimulus x channel, with the
  /// true time of the peak from the onset: columns participant, stimulus, category, channel,
  /// amplitude, peak_s.
  Table responses;
};

/// The channels the response model drives (canonical names): AUs of the congruence map and the
/// six basic emotions; a format without emotions (OpenFace) gets the AUs only.
std::vector<std::string> model_channels(facial::SourceFormat format);

/// Generates the study in memory. Throws contagion::Error for out-of-range settings.
LabStudy generate_lab_study(const LabSpec& spec);

/// Writes <dir>/<participant>.<ext> in the spec's format, events.csv, participants.csv (id,
/// gender, eq), eq_items.csv (60 answers per participant scoring exactly the true EQ) and the
/// truth: truth_participants.csv and truth_responses.csv. Files go through temporary names.
void write_lab_study(const LabStudy& study, const std::string& dir);

/// 60 EQ answers (1 = definitely agree .. 4 = definitely disagree) scoring exactly `score`
/// (0..80) with the Empathy Quotient key, the scored items chosen by a seeded permutation.
std::vector<int> eq_answers(int score, std::uint64_t seed, std::uint64_t participant);

}  // namespace contagion::datasets
