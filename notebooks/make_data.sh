#!/usr/bin/env bash
# Writes every file the notebooks read, with the contagion command line only, into OUTDIR.
#
#   bash notebooks/make_data.sh OUTDIR            # uses $CONTAGION, else build/contagion
#   CONTAGION=/path/to/contagion bash notebooks/make_data.sh /tmp/nbdata
#
# Sizes are small (well under a minute on 2 cores). Environment:
#   CONTAGION           the contagion binary (default: <repo>/build/contagion)
#   CONTAGION_THREADS   threads per command (default 2)
#   PYTHON              Python with h5py and numpy (default /usr/bin/python3); only used to turn
#                       recorded states into the CSV series that `contagion calibrate` reads
#   KEEP_EXPORTS=1      keep the synthetic facial exports (about 300 MB); removed by default once
#                       the features are computed
# OUTDIR/commands.log lists every command run, OUTDIR/version.txt the binary's version.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
C="${CONTAGION:-$root/build/contagion}"
[ -x "$C" ] || { echo "make_data: no contagion binary at $C (set CONTAGION or build it)" >&2; exit 2; }
C="$(cd "$(dirname "$C")" && pwd)/$(basename "$C")"
PY="${PYTHON:-/usr/bin/python3}"
T="${CONTAGION_THREADS:-2}"
SC="$here/scenarios"
BENCH="$root/bench/scenarios"

mkdir -p "$1"
out="$(cd "$1" && pwd)"
log="$out/commands.log"
: > "$log"
start_all=$SECONDS

# Runs a command, logs it (paths shortened), and stops on failure.
run() {
  echo "${*//$out\//}" | sed -e "s#$root/##g" -e 's#study/p001.csv .* study/p[0-9]*.csv #study/p[0-9]*.csv #' >> "$log"
  "$@"
}
section() { echo "make_data: $1 ($((SECONDS - start_all)) s)"; echo "# $1" >> "$log"; }

# Every output is rewritten: stores are added to by `run`, so remove ours first.
rm -rf "$out"/{study,report,demo_study,demo.h5,features.csv,quality.csv,timecourses.csv} \
       "$out"/{gallery.h5,averaging.h5,hk_sweep.h5,hk_sweep.csv,hk_sweep.h5.parts} \
       "$out"/{weak_ties.h5,weak_kappa.h5,weak_kappa.csv,weak_kappa.h5.parts} \
       "$out"/calib "$out"/{bench.json,bench.csv,peers.csv} "$out"/throughput_*.h5 "$out"/throughput_*.h5.parts

"$C" --version > "$out/version.txt"

# --- 01: a synthetic Kovalchuk et al. study (KDEF faces, AFFDEX webcam exports) ----------------------
section "01 synthetic lab study, features, study tables"
run "$C" synth lab --participants 40 --protocol kdef --format affdex --noise 0.02 --seed 1 \
    --threads "$T" -o "$out/study" > /dev/null
run "$C" features --input "$out"/study/p[0-9]*.csv --events "$out/study/events.csv" --baseline pre:1s \
    -o "$out/features.csv" --quality "$out/quality.csv" --timecourses "$out/timecourses.csv" \
    --timecourse-channels joy anger AU04 AU12 --threads "$T" -q
run "$C" study --features "$out/features.csv" --participants "$out/study/participants.csv" \
    --outcome eq --group gender --seed 1 -o "$out/report" > /dev/null
[ "${KEEP_EXPORTS:-0}" = 1 ] || rm -f "$out"/study/p[0-9]*.csv

# --- 02: a gallery of the averaging models ----------------------------------------------------------
section "02 averaging models: gallery runs with recorded states, bench scenarios, HK sweep"
# One replicate of a small graph: one thread. With two, every step is split over the threads and
# dw_clusters takes seconds instead of 0.2 s (more so on a busy machine).
for m in degroot fj delayed epo hk dw; do
  run "$C" run "$SC/gallery_$m.toml" -o "$out/gallery.h5" --seed 1 --threads 1 -q
done
for s in degroot_small_world degroot_ring fj_stubborn delayed_consensus_shift epo_gap \
         hk_consensus_strikes_back dw_clusters; do
  run "$C" run "$BENCH/$s.toml" -o "$out/averaging.h5" --replicates 1 --threads 1 -q
done
run "$C" sweep "$BENCH/hk_clusters.toml" --vary graph.n=500 --vary model.epsilon=0.04:0.34:11 \
    --replicates 3 -o "$out/hk_sweep.h5" --summary "$out/hk_sweep.csv" --threads "$T" -q

# --- 03: emotional contagion and weak ties -------------------------------------------------------------
section "03 weak ties: anger and joy on an SBM and an LFR graph, a sweep over anger's kappa"
run "$C" run "$BENCH/weak_ties_anger_joy.toml" -o "$out/weak_ties.h5" --threads "$T" -q
run "$C" run "$BENCH/weak_ties_lfr.toml" -o "$out/weak_ties.h5" --threads "$T" -q
run "$C" sweep "$BENCH/weak_ties_anger_joy.toml" --vary model.anger.kappa=-1:2:7 --replicates 5 \
    --common-seed -o "$out/weak_kappa.h5" --summary "$out/weak_kappa.csv" --threads "$T" -q

# --- 04: calibration end to end ----------------------------------------------------------------------
section "04 calibration: the demo, and averaging models fitted to simulated series"
mkdir -p "$out/calib"
run "$C" demo -o "$out/demo.h5" --workdir "$out/demo_study" --participants 20 --agents 300 --seed 1 \
    --threads "$T" > "$out/demo_study.log"
[ "${KEEP_EXPORTS:-0}" = 1 ] || rm -f "$out"/demo_study/study/p[0-9]*.csv
# Friedkin-Johnsen series with known W and susceptibilities, fitted at three noise levels.
run "$C" run "$SC/calib_fj.toml" -o "$out/calib/fj_truth.h5" --threads "$T" -q
for noise in 0 0.002 0.01; do
  run "$PY" "$here/states_to_csv.py" "$out/calib/fj_truth.h5" "$out/calib/fj_series_$noise.csv" \
      --noise "$noise" --seed 1
  run "$C" calibrate series "$out/calib/fj_series_$noise.csv" --trajectory trajectory --model all \
      --json > "$out/calib/fj_fit_$noise.json"
done
# The fit at noise 0.002 as a scenario, run again with every state recorded.
run "$C" calibrate series "$out/calib/fj_series_0.002.csv" --trajectory trajectory --model all \
    -o "$out/calib/fitted.toml" > /dev/null
run "$C" sweep "$out/calib/fitted.toml" --vary record.states_every=1 -o "$out/calib/fitted.h5" -q
# DeGroot weights with bootstrap intervals and held-out trajectories.
run "$C" run "$SC/calib_degroot.toml" -o "$out/calib/degroot_truth.h5" --threads "$T" -q
run "$PY" "$here/states_to_csv.py" "$out/calib/degroot_truth.h5" "$out/calib/degroot_series.csv" \
    --noise 0.002 --seed 2
run "$C" calibrate degroot --series "$out/calib/degroot_series.csv" --trajectory trajectory \
    --hold-out 3 --bootstrap 100 --seed 1 -o "$out/calib/degroot_W.csv" --json > "$out/calib/degroot_fit.json"

# --- 05: benchmarks ----------------------------------------------------------------------------------
section "05 benchmarks: the scenario suite (reduced), throughput against graph size"
rc=0
run "$C" bench --all --reduced --dir "$BENCH" --results "$out/bench.json" --csv "$out/bench.csv" \
    --threads "$T" -q || rc=$?
# Exit status 1 = a scenario missed its expected result: the notebook shows (and asserts) which.
if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || [ ! -s "$out/bench.csv" ]; }; then
  echo "make_data: contagion bench failed ($rc)" >&2
  exit "$rc"
fi
# Largest graph first: a sweep whose first point is small runs its points side by side, one
# thread each, instead of one after the other with every thread.
sizes=100000,30000,10000,3000,1000
for t in 1 2; do
  run "$C" sweep "$SC/throughput_degroot_ba.toml" --vary graph.n=$sizes --common-seed \
      -o "$out/throughput_degroot_t$t.h5" --threads "$t" -q
done
run "$C" sweep "$SC/throughput_sis_ba.toml" --vary graph.n=$sizes --common-seed \
    -o "$out/throughput_sis_t2.h5" --threads 2 -q
rm -rf "$out"/*.h5.parts "$out"/calib/*.h5.parts
cp "$here/data/peers.csv" "$out/peers.csv"

echo "make_data: done in $((SECONDS - start_all)) s -> $out"
