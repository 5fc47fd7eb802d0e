#pragma once
// Synthetic lab studies with known ground truth (the synthetic-truth issue): participants with
// latent traits watch a stimulus protocol; their facial responses follow a documented model;
// a simulated detector adds noise, lag, dropouts, blinks, glasses and sampling jitter; the
// result is exported in a real export format with the stimulus log, the participant table,
// questionnaire answers consistent with the true scores, and the truth itself.
// docs/synthetic.md has every formula.
//
// Deterministic: every draw comes from a Philox stream keyed by (seed, participant, purpose,
// entity); participants are generated in parallel and the result does not depend on the
// thread count.

#include <cstdint>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/datasets/protocols.hpp"
#include "contagion/datasets/questionnaires.hpp"
#include "contagion/facial/events.hpp"
#include "contagion/facial/frame_table.hpp"

namespace contagion::datasets {

enum class Protocol {
  kdef,  ///< Kovalchuk et al.'s KDEF images (kdef_protocol)
  film,  ///< film clips with emotion profiles (film_protocol)
  list,  ///< LabSpec::stimulus_list, the same for every participant (read_stimulus_list)
};

struct LabSpec {
  int participants = 40;
  std::uint64_t seed = 1;
  double frame_rate = 30.0;
  double lead_in_s = 10.0;
  int threads = 1;  ///< participants generated in parallel; the result does not depend on it
  // The protocol.
  Protocol protocol = Protocol::kdef;
  int blocks = 4;                                      ///< KDEF blocks of 7 images (Kovalchuk et al.: 4)
  std::vector<FilmClip> clips = default_film_clips();  ///< film protocol
  double film_gap_s = 20.0;                            ///< blank screen after each clip (s, >= 0)
  std::vector<Stimulus> stimulus_list;                 ///< list protocol
  bool list_sustained = false;                         ///< list stimuli evoke the sustained (film) response
  double list_tail_s = 10.0;                           ///< the recording goes on this long after the last offset
  // Traits and questionnaires: each construct = r z + sqrt(1 - r^2) e (+ shifts), in SDs.
  double reactivity_eq_correlation = 0.3;  ///< between latent reactivity and the EQ score
  double female_eq_shift_sd = 0.0;         ///< women's EQ shift in SDs (e.g. 0.5)
  double eq_mean = 45.0, eq_sd = 11.0;
  double reactivity_ecs_correlation = 0.3;  ///< Emotional Contagion Scale (Doherty 1997), 15-60
  double ecs_mean = 42.0, ecs_sd = 6.0;
  double reactivity_depression_correlation = -0.2;  ///< depressive symptoms, 0-63 (BDI-II range)
  double depression_mean = 10.0, depression_sd = 8.0;
  // Demographics.
  std::vector<std::string> age_bands{"18-25", "26-35", "36-50", "51-65"};  ///< drawn uniformly
  std::vector<std::string> groups{"all"};         ///< assigned in turn: participant k is in group k mod G
  std::vector<double> group_reactivity_shift_sd;  ///< per group, shift of latent reactivity (SDs); empty: 0
  std::vector<double> group_depression_shift_sd;  ///< per group, shift of depressive symptoms (SDs); empty: 0
  // The response: kernel A (s/T)^k exp(k (1 - s/T)) for s = t - onset - latency > 0, and the
  // sustained share h of film clips (docs/synthetic.md).
  double latency_s = 0.3, time_to_peak_s = 1.5, kernel_shape = 3.0;
  double sustained_share = 0.5;
  // The detector.
  double noise_sd = 0.0;                 ///< Gaussian noise per frame, in units of the channel's scale (0-1)
  double detection_lag_s = 0.0;          ///< the detector reports everything this much later
  double dropouts_per_min = 0.0;         ///< face lost: Poisson rate of dropouts
  double dropout_s = 1.0;                ///< length of each dropout
  double blinks_per_min = 0.0;           ///< Poisson rate of blinks (people blink ~15-20 per minute)
  double blink_s = 0.3;                  ///< length of each blink (a half-sine spike to the top of the scale)
  double blink_confidence_drop = 0.3;    ///< confidence lost during a blink (0-1)
  double glasses_share = 0.0;            ///< share of participants who wear glasses (0-1)
  double glasses_attenuation = 0.6;      ///< eye-region AUs (AU01 AU02 AU04 AU05 AU06 AU07) times this (0-1)
  double glasses_confidence_drop = 0.1;  ///< confidence lost by glasses (0-1)
  double jitter_sd_s = 0.0;              ///< SD of the sampling times around i / frame_rate (s, <= 0.15 / frame_rate)
  facial::SourceFormat format = facial::SourceFormat::openface;
};

/// Throws contagion::ParameterError naming the first setting out of its range.
void check_lab_spec(const LabSpec& spec);

/// Sets the protocol by name: "kdef", "film", or the path of a stimulus list (a relative path
/// is taken from `base_dir`), which is read here. Throws contagion::Error for a bad list.
void set_protocol(LabSpec& spec, const std::string& name, const std::string& base_dir = "");

struct ParticipantTruth {
  std::string id, gender;
  double reactivity = 0.0;    ///< overall gain of the responses (0-1 activation units)
  double specificity = 0.0;   ///< share of the response that is congruent with the stimulus
  double expressivity = 0.0;  ///< resting activation of every channel
  double eq = 0.0;            ///< true EQ score, 0-80
  double ecs = 0.0;           ///< true Emotional Contagion Scale score, 15-60
  double depression = 0.0;    ///< true depressive-symptom score, 0-63
  std::string age_band, group;
  bool glasses = false;
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
  /// Detector events: columns participant, event ("blink", "dropout"), onset, duration (s).
  Table detector_events;
};

/// The channels the response model drives (canonical names): AUs of the congruence map and the
/// six basic emotions; a format without emotions (OpenFace) gets the AUs only.
std::vector<std::string> model_channels(facial::SourceFormat format);

/// The channel that shows blinks: AU45 (blink) in OpenFace, AU43 (eyes closed) elsewhere.
std::string blink_channel(facial::SourceFormat format);

/// Generates the study in memory. Throws contagion::Error for out-of-range settings.
LabStudy generate_lab_study(const LabSpec& spec);

/// Writes <dir>/<participant>.<ext> in the spec's format (.txt for FACET and FaceReader, else
/// .csv), events.csv, participants.csv (participant, gender, eq, age_band, group, ecs,
/// depression), eq_items.csv and ecs_items.csv (answers scoring exactly the true scores) and
/// the truth: truth_participants.csv, truth_responses.csv and truth_detector.csv. Files go
/// through temporary names.
void write_lab_study(const LabStudy& study, const std::string& dir);

/// The extension of the spec's export files: "txt" (FACET, FaceReader) or "csv".
std::string export_extension(facial::SourceFormat format);

}  // namespace contagion::datasets
