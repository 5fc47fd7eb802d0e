#!/usr/bin/env python3
"""Writes the notebooks (notebooks/*.ipynb) from the cells held here as Python strings.

Edit the cells here, not in Jupyter, then run `/usr/bin/python3 notebooks/build_notebooks.py`: the
.ipynb files are written without outputs and with fixed cell ids, so regenerating them gives the
same bytes and `git diff` shows only real changes. `--check` exits 1 when a committed notebook
differs from what this script writes (the test suite does not run it; it is for review).
"""
import argparse
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------
# Shared cells
# ---------------------------------------------------------------------------------------------------

SETUP = r'''
import json
import os
from pathlib import Path

import matplotlib
matplotlib.use("Agg")  # headless; figures are saved as PNG and shown from the file
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import h5py
from IPython.display import Image, Markdown, display

DATA = Path(os.environ.get("CONTAGION_NOTEBOOK_DATA", "../notebook_data")).resolve()
FIGURES = Path(os.environ.get("CONTAGION_NOTEBOOK_FIGURES", "figures")).resolve()
assert DATA.is_dir(), f"no data in {DATA}: run  bash notebooks/make_data.sh {DATA}  first"
FIGURES.mkdir(parents=True, exist_ok=True)
pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 30)
plt.rcParams.update({"figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3,
                     "figure.constrained_layout.use": True})
print("data:   ", DATA)
print("figures:", FIGURES)
print((DATA / "version.txt").read_text().strip())


def save(fig, name):
    """Save a figure as FIGURES/<name>.png and show it."""
    path = FIGURES / f"{name}.png"
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)
    display(Image(filename=str(path)))
    return path
'''

HDF5_HELPERS = r'''
def runs_of(path, scenario=None):
    """Every run of a contagion HDF5 store (README, "HDF5 layout"), as dicts: id, attrs, time, metrics,
    and states / state_time / final_state when stored. Optionally only one scenario_name."""
    out = []
    with h5py.File(path, "r") as f:
        for rid, g in f["runs"].items():
            attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in g.attrs.items()}
            if scenario is not None and attrs["scenario_name"] != scenario:
                continue
            run = {"id": rid, "attrs": attrs, "time": g["time"][:],
                   "metrics": {k: d[:] for k, d in g["metrics"].items()}}
            for key in ("states", "state_time", "final_state"):
                if key in g:
                    run[key] = g[key][:]
            graph = f["graphs"][attrs["graph"]]
            run["graph"] = {"attrs": dict(graph.attrs), "offsets": graph["offsets"][:],
                            "targets": graph["targets"][:],
                            "node_attributes": {k: d[:] for k, d in graph.get("node_attributes", {}).items()}}
            out.append(run)
    assert out, f"{path}: no runs" + (f" of {scenario}" if scenario else "")
    return sorted(out, key=lambda r: (r["attrs"]["scenario_name"], int(r["attrs"]["replicate"]), r["id"]))
'''


def cells_setup(extra=""):
    return [("code", SETUP.strip() + ("\n\n" + extra.strip() if extra else ""))]


# ---------------------------------------------------------------------------------------------------
# 01 Kovalchuk et al. on a synthetic study
# ---------------------------------------------------------------------------------------------------

NB01 = [
    ("markdown", r'''
# 01 — Kovalchuk et al. (2022) on a synthetic study

**Question.** Does the strength of people's facial reactions to emotional faces go with their empathy?
Kovalchuk et al. (2022, *Behav. Sci.* 12:250) showed KDEF faces to participants, measured their facial
expressions from webcam video with AFFDEX and correlated the reactions with the Empathy Quotient (EQ).
This notebook redraws the paper's figures and tables on a **synthetic** study whose truth is known: 40
participants, 4 blocks of the 7 KDEF expressions, AFFDEX exports with 2 % detector noise, a true
correlation of 0.3 between latent reactivity and EQ (docs/synthetic.md).

**Inputs** (written by `notebooks/make_data.sh`; `commands.log` in the data folder has the exact lines):

```sh
contagion synth lab --participants 40 --protocol kdef --format affdex --noise 0.02 --seed 1 -o study
contagion features --input study/p*.csv --events study/events.csv --baseline pre:1s \
    -o features.csv --quality quality.csv --timecourses timecourses.csv
contagion study --features features.csv --participants study/participants.csv \
    --outcome eq --group gender --seed 1 -o report
```

Figures: reactions per stimulus category (bars), per stimulus (box plots), joy after happy faces (time
courses), measured against true reactivity, the correlation table, the OLS coefficients and the model
table.
'''),
    *cells_setup(),
    ("code", r'''
features = pd.read_csv(DATA / "features.csv")
quality = pd.read_csv(DATA / "quality.csv")
timecourses = pd.read_csv(DATA / "timecourses.csv")
participants = pd.read_csv(DATA / "study" / "participants.csv")
truth = pd.read_csv(DATA / "study" / "truth_participants.csv")
events = pd.read_csv(DATA / "study" / "events.csv")
report = {name: pd.read_csv(DATA / "report" / f"{name}.csv")
          for name in ["participant_features", "group_comparison", "correlations", "ols", "ols_model",
                       "models", "median_split", "stimulus_reactions"]}
print(f"{features.participant.nunique()} participants, {events.stimulus.nunique()} stimuli, "
      f"{len(features)} feature rows")
print("quality grades:", quality.grade.value_counts().to_dict(), "| used:", quality.used.value_counts().to_dict())
assert len(participants) == 40 and (quality.used == "yes").all()
'''),
    ("markdown", r'''
## Reactions per stimulus category

Per participant and category the feature table holds the category mean (`stimulus = *`) of each
epoch's baseline-corrected maximum. The bars are the means over participants (± standard error) of
the six emotion channels of AFFDEX (0–100).
'''),
    ("code", r'''
EMOTIONS = ["joy", "anger", "sadness", "disgust", "fear", "surprise"]
CATEGORIES = ["happy", "angry", "sad", "disgust", "fear", "surprise", "neutral"]
cat_max = features[(features.stimulus == "*") & (features.feature == "max") & features.channel.isin(EMOTIONS)]
table = cat_max.groupby(["category", "channel"]).value.agg(["mean", "sem"]).reset_index()
means = table.pivot(index="category", columns="channel", values="mean").loc[CATEGORIES, EMOTIONS]
sems = table.pivot(index="category", columns="channel", values="sem").loc[CATEGORIES, EMOTIONS]
display(means.round(1))

fig, ax = plt.subplots(figsize=(10, 4))
means.plot.bar(yerr=sems, ax=ax, width=0.8, capsize=2)
ax.set_xlabel("stimulus category")
ax.set_ylabel("max after onset (AFFDEX, 0-100)")
ax.set_title("Facial reactions per stimulus category (mean over participants, ± SE)")
ax.legend(title="channel", ncol=6, fontsize=8)
save(fig, "01_reactions_by_category")

# Each face evokes its own emotion most; happy faces make people smile more than neutral ones.
for cat, channel in [("happy", "joy"), ("angry", "anger"), ("sad", "sadness"), ("fear", "fear")]:
    assert means.loc[cat].idxmax() == channel, (cat, means.loc[cat].idxmax())
assert means.loc["happy", "joy"] > 2 * means.loc["neutral", "joy"]
'''),
    ("markdown", r'''
## Reactions per stimulus (box plots)

Every KDEF image separately: the distribution over participants of the epoch maximum of joy and of
anger. `report/stimulus_reactions.csv` (from `contagion study`) has the same quartiles; the cell checks
that they agree with the long feature table.
'''),
    ("code", r'''
epoch_max = features[(features.stimulus != "*") & (features.feature == "max")]
order = (events.drop_duplicates("stimulus").assign(c=lambda d: d.category.map(CATEGORIES.index))
         .sort_values(["c", "stimulus"]).stimulus.tolist())
colors = dict(zip(CATEGORIES, plt.cm.tab10.colors))
cat_of = events.drop_duplicates("stimulus").set_index("stimulus").category

fig, axes = plt.subplots(2, 1, figsize=(12, 7), sharex=True)
for ax, channel in zip(axes, ["joy", "anger"]):
    sub = epoch_max[epoch_max.channel == channel]
    data = [sub[sub.stimulus == s].value.to_numpy() for s in order]
    box = ax.boxplot(data, patch_artist=True, widths=0.6, flierprops={"markersize": 2})
    for patch, s in zip(box["boxes"], order):
        patch.set_facecolor(colors[cat_of[s]])
    ax.set_ylabel(f"{channel} max")
    ax.set_title(f"{channel}: epoch maximum per KDEF image (box: quartiles over participants)")
axes[-1].set_xticks(range(1, len(order) + 1), order, rotation=90, fontsize=8)
handles = [plt.Rectangle((0, 0), 1, 1, color=colors[c]) for c in CATEGORIES]
axes[0].legend(handles, CATEGORIES, ncol=7, fontsize=8, loc="upper right")
save(fig, "01_boxplots_per_stimulus")

# The study report's per-stimulus medians are those of the feature table.
sr = report["stimulus_reactions"]
mine = epoch_max.groupby(["stimulus", "channel"]).value.median()
theirs = sr.set_index(["stimulus", "channel"])["median"]
common = theirs.index.intersection(mine.index)
assert len(common) > 0 and np.allclose(mine.loc[common], theirs.loc[common], rtol=1e-9, atol=1e-9)
# Joy: every happy face above every angry face in the median.
med = epoch_max[epoch_max.channel == "joy"].groupby("stimulus").value.median()
assert med[cat_of[med.index] == "happy"].min() > med[cat_of[med.index] == "angry"].max()
'''),
    ("markdown", r'''
## Joy after happy faces

`timecourses.csv` holds, per participant, category and channel, the mean baseline-corrected course
from the onset (0 s) to the end of the 10 s image. Curves: mean over participants ± SE.
'''),
    ("code", r'''
tc = timecourses[timecourses.channel == "joy"]
curves = tc.groupby(["category", "time"])["mean"].agg(["mean", "sem"])
fig, ax = plt.subplots(figsize=(8, 4))
for cat in CATEGORIES:
    c = curves.loc[cat]
    lw = 2.5 if cat == "happy" else 1.2
    ax.plot(c.index, c["mean"], color=colors[cat], lw=lw, label=cat)
    ax.fill_between(c.index, c["mean"] - c["sem"], c["mean"] + c["sem"], color=colors[cat], alpha=0.2)
ax.set_xlabel("time from image onset (s)")
ax.set_ylabel("joy, baseline-corrected (0-100)")
ax.set_title("Joy time course by stimulus category (mean over participants ± SE)")
ax.legend(ncol=4, fontsize=8)
save(fig, "01_joy_timecourse")

happy, neutral = curves.loc["happy"]["mean"], curves.loc["neutral"]["mean"]
peak_t = happy.idxmax()
print(f"joy after happy faces peaks at {happy.max():.1f} after {peak_t:.2f} s; after neutral faces at most {neutral.max():.1f}")
# Joy rises after happy faces: flat at the onset, a clear peak within 1-4 s, far above neutral.
assert abs(happy.loc[:0.2].mean()) < 0.2 * happy.max()
assert 1.0 <= peak_t <= 4.0
assert happy.max() > 3 * neutral.max()
'''),
    ("markdown", r'''
## Is the measure any good? Measured against true reactivity

The synthetic study knows every participant's latent reactivity (`truth_participants.csv`). The overall
reactivity of `contagion features` (mean scale-normalised maximum over the expression channels and
non-neutral epochs) should rank participants as the truth does.
'''),
    ("code", r'''
pf = report["participant_features"]
both = pf.merge(truth[["participant", "reactivity", "eq"]], on="participant", suffixes=("", "_true"))
r = np.corrcoef(both.reactivity, both.overall_reactivity)[0, 1]
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
axes[0].scatter(both.reactivity, both.overall_reactivity, s=18)
axes[0].set_xlabel("true reactivity")
axes[0].set_ylabel("measured overall reactivity")
axes[0].set_title(f"measure vs truth (Pearson r = {r:.3f})")
axes[1].scatter(both.overall_reactivity, both["eq"], s=18, color="C1")
axes[1].set_xlabel("measured overall reactivity")
axes[1].set_ylabel("EQ")
r_eq = np.corrcoef(both.overall_reactivity, both["eq"])[0, 1]
axes[1].set_title(f"EQ vs measured reactivity (r = {r_eq:.2f}; true model r = 0.3)")
save(fig, "01_measured_vs_true")
assert r > 0.95, r
'''),
    ("markdown", r'''
## The correlation table

EQ against every channel's reaction (mean over the non-neutral categories of the category mean of
`max`): Pearson r with the Fisher 95 % interval, p and Benjamini–Hochberg adjusted p, and Spearman's ρ,
as `contagion study` writes them.
'''),
    ("code", r'''
corr = report["correlations"]
display(corr.round(3))
fig, ax = plt.subplots(figsize=(7, 6))
c = corr.sort_values("pearson_r")
y = np.arange(len(c))
ax.errorbar(c.pearson_r, y, xerr=[c.pearson_r - c.ci_low, c.ci_high - c.pearson_r], fmt="o", capsize=2)
ax.scatter(c.spearman_rho, y, marker="x", color="C3", label="Spearman ρ", zorder=3)
ax.axvline(0, color="k", lw=0.8)
ax.axvline(0.3, color="C2", ls="--", lw=1, label="true r(reactivity, EQ) = 0.3")
ax.set_yticks(y, c.channel)
ax.set_xlabel("correlation with EQ (Pearson r, 95 % CI)")
ax.set_title(f"EQ against each channel's reaction (n = {int(c.n.max())})")
ax.legend(fontsize=8, loc="lower right")
save(fig, "01_correlations")

# Recomputed here from the participant table: the same r.
for _, row in corr.iterrows():
    assert abs(np.corrcoef(pf["eq"], pf[row.channel])[0, 1] - row.pearson_r) < 1e-9, row.channel
assert ((corr.p >= 0) & (corr.p <= 1) & (corr.p_bh >= corr.p - 1e-12)).all()
assert (corr.ci_low <= corr.pearson_r).all() and (corr.pearson_r <= corr.ci_high).all()
# The planted correlation shows up: every channel positively correlated with EQ.
assert (corr.pearson_r > 0).all()
'''),
    ("markdown", r'''
## OLS of EQ on every channel

statsmodels' numbers (`report/ols.csv`, `report/ols_model.csv`). With 18 channels and 40 participants,
and reactions that are strongly collinear (they share one latent reactivity), single coefficients are
unstable although the fit is not bad — the paper's point for a model table.
'''),
    ("code", r'''
ols, ols_model = report["ols"], report["ols_model"].set_index("statistic").value
display(ols_model.to_frame().T)
display(ols.round(3))
coef = ols[ols.term != "const"].iloc[::-1]
fig, ax = plt.subplots(figsize=(7, 6))
y = np.arange(len(coef))
ax.errorbar(coef.coef, y, xerr=[coef.coef - coef.ci_low, coef.ci_high - coef.coef], fmt="o", capsize=2)
ax.axvline(0, color="k", lw=0.8)
ax.set_yticks(y, coef.term)
ax.set_xlabel("OLS coefficient (95 % CI)")
ax.set_title(f"EQ ~ all channels: R² = {ols_model['r_squared']:.2f}, adj. R² = {ols_model['r_squared_adj']:.2f}")
save(fig, "01_ols_coefficients")
assert int(ols_model["nobs"]) == 40
assert 0 <= ols_model["r_squared"] <= 1 and ols_model["r_squared_adj"] <= ols_model["r_squared"]
assert ((ols.ci_low <= ols.coef) & (ols.coef <= ols.ci_high)).all()
'''),
    ("markdown", r'''
## The model table, the median split and the group comparison

Linear regression in-sample and on a 70/30 split, and ElasticNet tuned by 5-fold cross-validation, on
three feature sets. In-sample R² flatters; the held-out and cross-validated R² are the honest ones
(often near or below 0 at n = 40, as in the paper).
'''),
    ("code", r'''
models = report["models"]
display(models.round(3))
display(report["median_split"].round(3))
display(report["group_comparison"].round(3))
wide = models.pivot(index="features", columns="model", values="r2")
fig, ax = plt.subplots(figsize=(9, 4))
wide.plot.bar(ax=ax, rot=0)
ax.axhline(0, color="k", lw=0.8)
ax.set_ylabel("R²")
ax.set_title("Predicting EQ from facial reactions: in-sample, held-out and cross-validated R²")
ax.legend(fontsize=8)
save(fig, "01_model_table")

insample = models[models.model.str.contains("in-sample")].set_index("features").r2
cv = models[models.model.str.contains("ElasticNet")].set_index("features").r2
assert set(models.features) == {"emotions+AUs", "emotions", "AUs"} and len(models) == 9
assert (insample >= cv.loc[insample.index]).all()      # in-sample fit is the optimistic one
assert (models.n == 40).all()
'''),
]

# ---------------------------------------------------------------------------------------------------
# 02 The averaging models
# ---------------------------------------------------------------------------------------------------

NB02 = [
    ("markdown", r'''
# 02 — A gallery of the averaging models

**Question.** How do the opinion-averaging models of the toolkit differ in what they do to a
population's opinions: consensus (DeGroot), persistent disagreement (Friedkin–Johnsen), slower
consensus with delays, a gap between what people think and say (expressed–private, EPO), and clusters
under bounded confidence (Hegselmann–Krause, Deffuant–Weisbuch)?

**Inputs** (from `notebooks/make_data.sh`, see `commands.log`):

```sh
# small copies of the models with every state recorded ([record] states_every = 1), notebooks/scenarios/
contagion run notebooks/scenarios/gallery_{degroot,fj,delayed,epo,hk,dw}.toml -o gallery.h5 --seed 1
# the named scenarios of the benchmark suite, one replicate each
contagion run bench/scenarios/{degroot_small_world,degroot_ring,fj_stubborn,delayed_consensus_shift,\
epo_gap,hk_consensus_strikes_back,dw_clusters}.toml -o averaging.h5 --replicates 1
# Hegselmann-Krause over the confidence bound
contagion sweep bench/scenarios/hk_clusters.toml --vary graph.n=500 --vary model.epsilon=0.04:0.34:11 \
    --replicates 3 -o hk_sweep.h5 --summary hk_sweep.csv
```
'''),
    *cells_setup(HDF5_HELPERS),
    ("markdown", r'''
## Every agent's opinion over time

DeGroot, Friedkin–Johnsen, delayed DeGroot and EPO run on the same small world (100 people, k = 4,
β = 0.1) from the same uniform start; HK and DW mix completely among 300 agents. One line per agent.
'''),
    ("code", r'''
gallery = {r["attrs"]["model"]: r for r in runs_of(DATA / "gallery.h5")}
TITLES = {"degroot": "DeGroot (French weights)", "friedkin_johnsen": "Friedkin-Johnsen, λ = 0.7",
          "delayed_degroot": "delayed DeGroot, τ = 4", "expressed_private": "expressed-private (private x)",
          "hegselmann_krause": "Hegselmann-Krause, ε = 0.1", "deffuant_weisbuch": "Deffuant-Weisbuch, ε = 0.2"}
assert set(gallery) == set(TITLES), set(gallery)
fig, axes = plt.subplots(2, 3, figsize=(14, 7), sharey=True)
for ax, (model, title) in zip(axes.flat, TITLES.items()):
    run = gallery[model]
    ax.plot(run["state_time"], run["states"], lw=0.5, alpha=0.6)
    if model == "expressed_private":
        ax.plot(run["time"], run["metrics"]["expressed_mean"], "k--", lw=1.5, label="expressed mean")
        ax.legend(fontsize=8)
    final = f"final spread {run['metrics']['spread'][-1]:.3f}"
    if model in ("hegselmann_krause", "deffuant_weisbuch"):
        final += f", {int(run['metrics']['clusters'][-1])} clusters"
    ax.set_title(f"{title}\n{final}", fontsize=10)
    ax.set_xlabel("sweeps of n pair meetings" if model == "deffuant_weisbuch" else "step")
for ax in axes[:, 0]:
    ax.set_ylabel("opinion")
save(fig, "02_gallery_trajectories")
'''),
    ("code", r'''
fig, ax = plt.subplots(figsize=(8, 4.5))
for model, title in TITLES.items():
    run = gallery[model]
    ax.semilogy(run["time"], np.maximum(run["metrics"]["spread"], 1e-12), label=title)
ax.semilogy(gallery["expressed_private"]["time"], gallery["expressed_private"]["metrics"]["expressed_spread"],
            "k:", label="expressed-private: expressed spread")
ax.set_xlabel("step")
ax.set_ylabel("spread (max - min)")
ax.set_title("How far apart the opinions stay")
ax.legend(fontsize=8)
save(fig, "02_gallery_spread")

spread = {m: r["metrics"]["spread"] for m, r in gallery.items()}
clusters = {m: int(r["metrics"]["clusters"][-1]) for m, r in gallery.items()}
assert spread["degroot"][-1] < 1e-2                                  # consensus
assert spread["friedkin_johnsen"][-1] > 0.2                          # stubbornness keeps disagreement
assert spread["delayed_degroot"][50] > 2 * spread["degroot"][50]     # delays slow consensus down
epo = gallery["expressed_private"]["metrics"]
assert epo["expressed_spread"][-1] < epo["spread"][-1]               # people say more alike than they think
assert 3 <= clusters["hegselmann_krause"] <= 7                       # about 1 / (2 eps) = 5 opinion clusters
assert clusters["deffuant_weisbuch"] >= 2 and spread["deffuant_weisbuch"][-1] > 0.3
'''),
    ("markdown", r'''
## The benchmark suite's averaging scenarios

Each scenario in `bench/scenarios/` states what it should show (its `description` and `[bench]`
table); here the metrics over time, and the expected results checked again from the HDF5 store.
'''),
    ("code", r'''
bench = {r["attrs"]["scenario_name"]: r for r in runs_of(DATA / "averaging.h5")}
for name, run in bench.items():
    a = run["attrs"]
    print(f"{name:27s} {a['model']:18s} steps {int(a['result.steps']):6d}  converged {int(a['result.converged'])}"
          f"  final spread {run['metrics']['spread'][-1]:.3g}")

fig, axes = plt.subplots(1, 3, figsize=(16, 4.2))
ax = axes[0]
for name in ["degroot-small-world", "degroot-ring", "delayed-consensus-shift"]:
    r = bench[name]
    ax.semilogy(r["time"], np.maximum(r["metrics"]["spread"], 1e-12), label=name)
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("step")
ax.set_ylabel("spread")
ax.set_title("consensus: small world vs ring, delays", fontsize=10)
ax.legend(fontsize=8)
ax = axes[1]
for name, key in [("fj-stubborn", "spread"), ("epo-gap", "spread"), ("epo-gap", "expressed_spread")]:
    r = bench[name]
    ax.plot(r["time"], r["metrics"][key], label=f"{name}: {key}")
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("step")
ax.set_title("disagreement and the private-expressed gap", fontsize=10)
ax.legend(fontsize=8)
ax = axes[2]
for name in ["hk-consensus-strikes-back", "dw-clusters"]:
    r = bench[name]
    ax.step(r["time"], r["metrics"]["clusters"], where="post", label=name)
ax.set_yscale("log")
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("step")
ax.set_ylabel("clusters")
ax.set_title("bounded confidence: clusters over time", fontsize=10)
ax.legend(fontsize=8)
save(fig, "02_bench_averaging")

a = {name: r["attrs"] for name, r in bench.items()}
final = {name: {k: v[-1] for k, v in r["metrics"].items()} for name, r in bench.items()}
assert a["degroot-small-world"]["result.converged"] == 1 and a["degroot-small-world"]["result.steps"] <= 1000
assert a["degroot-ring"]["result.converged"] == 0 and final["degroot-ring"]["spread"] >= 0.005
assert final["fj-stubborn"]["spread"] >= 0.2
assert a["delayed-consensus-shift"]["result.converged"] == 1 and final["delayed-consensus-shift"]["spread"] <= 1e-6
assert final["epo-gap"]["spread"] - final["epo-gap"]["expressed_spread"] >= 0.02
assert final["hk-consensus-strikes-back"]["clusters"] == 3          # Lorenz 2006 at L = 5.45
assert final["dw-clusters"]["spread"] >= 0.5
'''),
    ("markdown", r'''
## Hegselmann–Krause: clusters against the confidence bound

500 agents, complete mixing, 3 replicates per ε (each point its own seed). The classic picture:
about ⌊1 / (2ε)⌋ clusters, consensus above ε ≈ 0.2–0.25.
'''),
    ("code", r'''
hk = pd.read_csv(DATA / "hk_sweep.csv")
stats = hk.groupby("model.epsilon")["final.clusters"].agg(["mean", "min", "max"])
display(stats)
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(hk["model.epsilon"], hk["final.clusters"], alpha=0.6, label="replicates")
ax.plot(stats.index, stats["mean"], "o-", label="mean")
eps = np.linspace(0.04, 0.34, 100)
ax.plot(eps, np.maximum(1, np.floor(1 / (2 * eps))), "k--", lw=1, label="⌊1 / (2ε)⌋")
ax.set_xlabel("confidence bound ε")
ax.set_ylabel("final clusters")
ax.set_title("Hegselmann-Krause, complete mixing, n = 500")
ax.legend()
save(fig, "02_hk_sweep")

with h5py.File(DATA / "hk_sweep.h5", "r") as f:
    assert len(f["runs"]) == len(hk) == 33
assert stats["mean"].iloc[0] >= 5                        # small eps: many clusters
assert (stats.loc[stats.index >= 0.25, "max"] == 1).all()  # large eps: consensus
assert stats["mean"].is_monotonic_decreasing
'''),
]

# ---------------------------------------------------------------------------------------------------
# 03 Weak ties
# ---------------------------------------------------------------------------------------------------

NB03 = [
    ("markdown", r'''
# 03 — Emotional contagion and weak ties: anger against joy

**Question.** Fan, Xu & Zhao (Weibo) found that anger travels along weak ties more easily than joy, and
so reaches more of the network, faster. In this toolkit's parametrisation (not their code; docs/scenarios.md,
"Weak-tie diffusion") both emotions spread as SI processes with the same base transmissibility, and
β_ij = β (ω_ij / mean ω)^(−κ) with ω the tie strength: anger has κ = 1 (weak ties transmit more), joy
κ = −1 (strong ties do). How much faster does anger cover the graph and reach other communities?

**Inputs** (from `notebooks/make_data.sh`, see `commands.log`):

```sh
contagion run bench/scenarios/weak_ties_anger_joy.toml -o weak_ties.h5   # SBM, 4 x 250, tie strength = overlap
contagion run bench/scenarios/weak_ties_lfr.toml -o weak_ties.h5         # LFR benchmark, planted weak ties
contagion sweep bench/scenarios/weak_ties_anger_joy.toml --vary model.anger.kappa=-1:2:7 --replicates 5 \
    --common-seed -o weak_kappa.h5 --summary weak_kappa.csv
```

Both scenarios run 5 replicates each, from one seed node; both emotions from the same seed.
'''),
    *cells_setup(HDF5_HELPERS),
    ("code", r'''
SCENARIOS = {"weak-ties-anger-joy": "SBM, 4 communities of 250 (tie strength = edge overlap)",
             "weak-ties-lfr": "LFR, n = 2000, mu = 0.2 (planted weak ties between communities)"}
runs = {name: runs_of(DATA / "weak_ties.h5", name) for name in SCENARIOS}
COLORS = {"anger": "C3", "joy": "C1"}
for name, rs in runs.items():
    g = rs[0]["graph"]
    print(f"{name}: {len(rs)} replicates, {g['attrs']['n']} nodes, {g['attrs']['m']} edges, "
          f"{len(np.unique(g['node_attributes']['block']))} communities")
'''),
    ("markdown", "## Coverage curves\n\nThe fraction of people who have caught the emotion, per replicate (thin) and averaged (thick; runs stop when nothing can change, so each curve is held at its last value)."),
    ("code", r'''
def padded(rs, key):
    """Metric `key` of each run on a common step axis (runs end at different steps: hold the last value)."""
    T = max(len(r["time"]) for r in rs)
    t = np.arange(T)
    return t, np.array([np.pad(r["metrics"][key], (0, T - len(r["time"])), mode="edge") for r in rs])

fig, axes = plt.subplots(1, 2, figsize=(13, 4.2))
for ax, (name, title) in zip(axes, SCENARIOS.items()):
    for emotion, color in COLORS.items():
        t, cov = padded(runs[name], f"{emotion}_coverage")
        ax.plot(t, cov.T, color=color, lw=0.6, alpha=0.4)
        ax.plot(t, cov.mean(axis=0), color=color, lw=2.5, label=emotion)
    for q in (0.5, 0.9):
        ax.axhline(q, color="grey", lw=0.8, ls=":")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("step")
    ax.set_ylabel("coverage (fraction ever reached)")
    ax.legend()
save(fig, "03_coverage_curves")
'''),
    ("markdown", "## Velocity\n\n`result.<emotion>_velocity_<q>` = 1 / (first step with coverage ≥ q), stored with every run. Mean ± SD over the replicates."),
    ("code", r'''
rows = []
for name, rs in runs.items():
    for r in rs:
        for emotion in COLORS:
            for q in ("0.25", "0.5", "0.9"):
                rows.append({"scenario": name, "replicate": r["attrs"]["replicate"], "emotion": emotion, "q": q,
                             "t": r["attrs"][f"result.{emotion}_t_coverage_{q}"],
                             "velocity": r["attrs"][f"result.{emotion}_velocity_{q}"]})
vel = pd.DataFrame(rows)
summary = vel.groupby(["scenario", "q", "emotion"]).agg(t=("t", "mean"), velocity=("velocity", "mean"),
                                                        velocity_sd=("velocity", "std")).unstack("emotion")
display(summary.round(4))

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
for ax, name in zip(axes, SCENARIOS):
    s = vel[vel.scenario == name].groupby(["q", "emotion"]).velocity.agg(["mean", "std"]).unstack("emotion")
    x = np.arange(len(s))
    for k, emotion in enumerate(COLORS):
        ax.bar(x + (k - 0.5) * 0.38, s[("mean", emotion)], 0.38, yerr=s[("std", emotion)], capsize=3,
               color=COLORS[emotion], label=emotion)
    ax.set_xticks(x, [f"{float(q):.0%} coverage" for q in s.index])
    ax.set_title(name)
    ax.set_ylabel("velocity = 1 / steps to reach it")
    ax.legend()
save(fig, "03_velocity")

for name in SCENARIOS:
    t90 = vel[(vel.scenario == name) & (vel.q == "0.9")].groupby("emotion").t.mean()
    print(f"{name}: 90 % coverage after {t90['anger']:.1f} steps (anger) vs {t90['joy']:.1f} (joy)")
    assert t90["joy"] - t90["anger"] >= 10          # the scenarios' expected result: anger covers faster
    per_rep = vel[(vel.scenario == name) & (vel.q == "0.9")].pivot(index="replicate", columns="emotion", values="t")
    assert (per_rep.anger < per_rep.joy).all()      # ... in every replicate
'''),
    ("markdown", "## Reaching the other communities\n\nThe share of communities with at least one person reached (`<emotion>_blocks_reached`), and the step at which each community was first reached (`result.t_<emotion>_reached_block_<b>`)."),
    ("code", r'''
fig, axes = plt.subplots(1, 2, figsize=(13, 4.2))
for ax, (name, title) in zip(axes, SCENARIOS.items()):
    for emotion, color in COLORS.items():
        t, br = padded(runs[name], f"{emotion}_blocks_reached")
        ax.plot(t, br.T, color=color, lw=0.6, alpha=0.4)
        ax.plot(t, br.mean(axis=0), color=color, lw=2.5, label=emotion)
    ax.set_xscale("symlog", linthresh=5)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("step")
    ax.set_ylabel("fraction of communities reached")
    ax.legend()
save(fig, "03_blocks_reached")

reach = []
for name, rs in runs.items():
    for r in rs:
        for key, value in r["attrs"].items():
            for emotion in COLORS:
                prefix = f"result.t_{emotion}_reached_block_"
                if key.startswith(prefix):
                    reach.append({"scenario": name, "replicate": r["attrs"]["replicate"], "emotion": emotion,
                                  "block": int(key[len(prefix):]), "t": value})
reach = pd.DataFrame(reach)
wide = reach.pivot_table(index=["scenario", "replicate", "block"], columns="emotion", values="t").reset_index()
wide = wide[wide.anger > 0]   # the seed's own community is reached at t = 0 by both
share = wide.assign(first=lambda d: d.anger < d.joy).groupby("scenario")["first"].mean()
display(share.rename("share of (replicate, community) pairs that anger reaches first").to_frame())
fig, ax = plt.subplots(figsize=(5.5, 5))
for name, marker in zip(SCENARIOS, "os"):
    w = wide[wide.scenario == name]
    ax.scatter(w.joy, w.anger, marker=marker, alpha=0.5, label=name)
lim = [0, np.nanmax(wide[["anger", "joy"]].to_numpy()) * 1.05]
ax.plot(lim, lim, "k--", lw=0.8)
ax.set_xlabel("step joy first reaches the community")
ax.set_ylabel("step anger first reaches it")
ax.set_title("below the diagonal: anger first")
ax.legend(fontsize=8)
save(fig, "03_first_reached")
assert (share > 0.7).all(), share
'''),
    ("markdown", "## How strongly must anger favour weak ties?\n\nThe SBM scenario swept over anger's κ (joy keeps κ = −1; `--common-seed`, so every point has the same graph and seeds and joy's runs are identical across points). At κ = −1 both emotions follow the same rule."),
    ("code", r'''
kappa = pd.read_csv(DATA / "weak_kappa.csv")
k = kappa.groupby("model.anger.kappa")[["result.anger_t_coverage_0.9", "result.joy_t_coverage_0.9"]].agg(["mean", "std"])
display(k.round(1))
fig, ax = plt.subplots(figsize=(7, 4))
x = k.index.to_numpy()
for emotion in COLORS:
    col = f"result.{emotion}_t_coverage_0.9"
    ax.errorbar(x, k[(col, "mean")], yerr=k[(col, "std")], fmt="o-", capsize=3, color=COLORS[emotion],
                label=f"{emotion}" + (" (κ = −1 throughout)" if emotion == "joy" else ""))
ax.set_xlabel("anger's κ (> 0: weak ties transmit more)")
ax.set_ylabel("steps to 90 % coverage")
ax.set_title("SBM: time to 90 % coverage against anger's weak-tie preference")
ax.legend()
save(fig, "03_kappa_sweep")

t_anger = k[("result.anger_t_coverage_0.9", "mean")]
assert t_anger.loc[2.0] < t_anger.loc[-1.0] / 3                     # favouring weak ties speeds anger up
assert k[("result.joy_t_coverage_0.9", "std")].std() < 1e-9          # joy's runs do not depend on anger's kappa
assert abs(t_anger.loc[-1.0] - k.loc[-1.0, ("result.joy_t_coverage_0.9", "mean")]) < 0.5 * t_anger.loc[-1.0]
'''),
]

# ---------------------------------------------------------------------------------------------------
# 04 Calibration
# ---------------------------------------------------------------------------------------------------

NB04 = [
    ("markdown", r'''
# 04 — Calibration end to end

**Question.** Can a network simulation's parameters be taken from measurements, and are the true
parameters recovered when we know them? Two routes (docs/calibration.md):

1. **Agents from facial measures** (`contagion demo`): a synthetic lab study (20 participants, KDEF,
   OpenFace) → features → each person's openness (from mimicry congruence) and expressiveness (from
   overall reactivity) → emotion contagion in a care team of those 20 people, run once with the
   calibrated and once with the true parameters.
2. **Averaging models fitted to time series** (`contagion calibrate series` / `degroot`): opinion series
   simulated by `contagion run` with known W and susceptibilities, with measurement noise added, are
   fitted; the best model is written as a scenario and simulated again.

**Inputs** (from `notebooks/make_data.sh`, see `commands.log`):

```sh
contagion demo -o demo.h5 --workdir demo_study --participants 20 --agents 300 --seed 1
contagion run notebooks/scenarios/calib_fj.toml -o calib/fj_truth.h5          # 24 trajectories, states recorded
python3 notebooks/states_to_csv.py calib/fj_truth.h5 calib/fj_series_0.002.csv --noise 0.002   # also 0, 0.01
contagion calibrate series calib/fj_series_0.002.csv --trajectory trajectory --model all --json > calib/fj_fit_0.002.json
contagion calibrate series calib/fj_series_0.002.csv --trajectory trajectory --model all -o calib/fitted.toml
contagion sweep calib/fitted.toml --vary record.states_every=1 -o calib/fitted.h5
contagion run notebooks/scenarios/calib_degroot.toml -o calib/degroot_truth.h5
contagion calibrate degroot --series calib/degroot_series.csv --trajectory trajectory --hold-out 3 \
    --bootstrap 100 --seed 1 -o calib/degroot_W.csv --json > calib/degroot_fit.json
```

`states_to_csv.py` only reshapes the recorded states of the HDF5 store into the CSV layout the
calibration reads (one row per step, one column per agent), adding seeded Gaussian noise.
'''),
    *cells_setup(HDF5_HELPERS + r'''

def french_weights(run):
    """The influence matrix of influence = "french" on the run's graph (docs/scenarios.md):
    w_ii = w_ij = 1 / (d_i + 1) for the d_i nodes j that i attends to."""
    off, tg = run["graph"]["offsets"], run["graph"]["targets"]
    n = len(off) - 1
    W = np.zeros((n, n))
    for i in range(n):
        nb = tg[off[i]:off[i + 1]]
        W[i, i] = 1.0 / (len(nb) + 1)
        W[i, nb] = 1.0 / (len(nb) + 1)
    return W


def spearman(a, b):
    return pd.Series(a).rank().corr(pd.Series(b).rank())
'''),
    ("markdown", "## 1. From facial measures to agents (`contagion demo`)\n\nThe demo's own summary (its times are the runs' time axis, steps × dt):"),
    ("code", r'''
print((DATA / "demo_study.log").read_text())
demo = DATA / "demo_study"
params = {}
for p in ("openness", "expressiveness"):
    params[p] = pd.DataFrame({"calibrated": np.loadtxt(demo / f"team_{p}.txt"),
                              "true": np.loadtxt(demo / f"team_truth_{p}.txt")})
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
rho = {}
for ax, (p, d) in zip(axes, params.items()):
    rho[p] = spearman(d.true, d.calibrated)
    ax.scatter(d.true, d.calibrated)
    lim = [min(d.min()) - 0.05, max(d.max()) + 0.05]
    ax.plot(lim, lim, "k--", lw=0.8)
    ax.set_xlabel(f"{p} from the true traits")
    ax.set_ylabel(f"{p} from the measured features")
    ax.set_title(f"{p}: Spearman ρ = {rho[p]:.2f} (20 team members)")
save(fig, "04_demo_parameter_recovery")
# Expressiveness comes from overall reactivity, measured almost perfectly; openness from mimicry
# congruence, a noisier measure of specificity.
assert rho["expressiveness"] > 0.9 and rho["openness"] > 0.2, rho
'''),
    ("code", r'''
demo_runs = {r["attrs"]["scenario_name"]: r for r in runs_of(DATA / "demo.h5")}
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for name, style in [("demo-team", "-"), ("demo-team-truth", "--")]:
    r = demo_runs[name]
    axes[0].plot(r["time"], r["metrics"]["above"], style, label=f"{name}: share upset (> 0.25)")
    axes[0].plot(r["time"], r["metrics"]["mean"], style, alpha=0.6, label=f"{name}: mean level")
axes[0].set_xscale("symlog", linthresh=10)
axes[0].set_xlabel("time (steps x dt)")
axes[0].set_title("care team of 20: calibrated vs true parameters")
axes[0].legend(fontsize=8)
r = demo_runs["demo-community"]
axes[1].plot(r["time"], r["metrics"]["above"], label="share upset (> 0.25)")
axes[1].plot(r["time"], r["metrics"]["mean"], label="mean level")
axes[1].set_xlabel("time (steps x dt)")
axes[1].set_title("300 bootstrapped agents, 2 communities, community 0 starts upset")
axes[1].legend(fontsize=8)
save(fig, "04_demo_simulations")

def t_half(r):
    """First time (the run's time axis is steps x dt) at which half the agents are upset."""
    above = r["metrics"]["above"]
    return r["time"][np.argmax(above >= 0.5)] if (above >= 0.5).any() else np.nan
t_cal, t_true = t_half(demo_runs["demo-team"]), t_half(demo_runs["demo-team-truth"])
print(f"half the team upset after t = {t_cal:.1f} (calibrated) and {t_true:.1f} (true parameters)")
assert np.isfinite(t_cal) and np.isfinite(t_true) and abs(t_cal - t_true) < 0.5 * t_true
with h5py.File(DATA / "demo.h5", "r") as f:
    assert {"demo_features", "demo_correlations", "demo_models"} <= set(f["features"])
'''),
    ("markdown", r'''
## 2. Averaging models fitted to series: parameter recovery

Friedkin–Johnsen on a 10-person small world, French weights, each person's susceptibility λ_i drawn
from U(0.5, 0.95) (stored with the graph as the node attribute `lambda`); 24 trajectories of 12 steps.
The true W is the French matrix of the stored graph. `calibrate series --model all` fits DeGroot, FJ,
delayed DeGroot and the reduced EPO model and ranks them by BIC.
'''),
    ("code", r'''
truth_runs = runs_of(DATA / "calib" / "fj_truth.h5")
W_true = french_weights(truth_runs[0])
lam_true = truth_runs[0]["graph"]["node_attributes"]["lambda"]
NOISES = ["0", "0.002", "0.01"]
fits = {nz: json.loads((DATA / "calib" / f"fj_fit_{nz}.json").read_text()) for nz in NOISES}

ranking = pd.concat([pd.DataFrame(fits[nz]["ranking"]).assign(noise=float(nz)) for nz in NOISES])
display(ranking.set_index(["noise", "model"])[["parameters", "bic", "aic", "one_step_r2", "multi_step_r2"]].round(3))

err = []
fig, axes = plt.subplots(1, 4, figsize=(17, 4))
for ax, nz in zip(axes, NOISES):
    fj = fits[nz]["fits"]["fj"]
    W, lam = np.array(fj["weights"]), np.array(fj["susceptibility"])
    off = ~np.eye(len(W), dtype=bool)
    ax.scatter(W_true[off], W[off], s=12, alpha=0.6, label="w_ij, i ≠ j")
    ax.scatter(np.diag(W_true), np.diag(W), s=16, marker="s", label="w_ii")
    ax.plot([0, 0.5], [0, 0.5], "k--", lw=0.8)
    ax.set_xlabel("true weight")
    ax.set_ylabel("fitted weight")
    ax.set_title(f"FJ weights, noise SD {nz}")
    ax.legend(fontsize=8)
    axes[3].scatter(lam_true, lam, label=f"noise {nz}", s=20)
    err.append({"noise": float(nz), "max |W error|": np.abs(W - W_true).max(),
                "max |λ error|": np.abs(lam - lam_true).max(), "best by BIC": fits[nz]["best"]})
axes[3].plot([0.5, 0.95], [0.5, 0.95], "k--", lw=0.8)
axes[3].set_xlabel("true susceptibility λ_i")
axes[3].set_ylabel("fitted λ_i")
axes[3].set_title("FJ susceptibilities")
axes[3].legend(fontsize=8)
save(fig, "04_fj_parameter_recovery")
err = pd.DataFrame(err).set_index("noise")
display(err)

assert err.loc[0.0, "max |W error|"] < 1e-6 and err.loc[0.0, "max |λ error|"] < 1e-6   # exact without noise
assert err.loc[0.002, "max |W error|"] < 0.05 and err.loc[0.002, "max |λ error|"] < 0.02
assert fits["0"]["best"] == "fj" and fits["0.002"]["best"] == "fj"                        # the generating model wins
assert err["max |W error|"].is_monotonic_increasing                                        # more noise, worse recovery
'''),
    ("markdown", "## The fitted model as a scenario, simulated again\n\n`calibrate series -o fitted.toml` writes the best model (W as `fitted.graphml`, λ as node attributes, the first observed state as `[initial]`); `contagion sweep ... --vary record.states_every=1` runs it with every state recorded. Against the noise-free truth of trajectory 0:"),
    ("code", r'''
print((DATA / "calib" / "fitted.toml").read_text()[:400], "...")
fitted = runs_of(DATA / "calib" / "fitted.h5")[0]
true0 = truth_runs[0]                                   # replicate 0 = trajectory 0
observed = pd.read_csv(DATA / "calib" / "fj_series_0.002.csv")
observed0 = observed[observed.trajectory == 0].drop(columns=["trajectory", "t"]).to_numpy()
fig, ax = plt.subplots(figsize=(8, 4.5))
for i in range(W_true.shape[0]):
    c = f"C{i}"
    ax.plot(true0["state_time"], true0["states"][:, i], color=c, lw=1)
    ax.plot(fitted["state_time"], fitted["states"][:, i], color=c, ls="--", lw=1.5)
    ax.plot(true0["state_time"], observed0[:, i], "o", color=c, ms=3)
ax.plot([], [], "k-", label="true (noise-free)")
ax.plot([], [], "k--", label="fitted scenario, simulated")
ax.plot([], [], "ko", ms=3, label="observed (noise SD 0.002)")
ax.set_xlabel("step")
ax.set_ylabel("opinion")
ax.set_title("Trajectory 0: truth, observation and the calibrated simulation")
ax.legend(fontsize=8)
save(fig, "04_fitted_simulation")
gap = np.abs(fitted["states"] - true0["states"]).max()
print(f"largest gap between the calibrated simulation and the truth: {gap:.4f}")
assert fitted["attrs"]["model"] == "friedkin_johnsen" and fitted["states"].shape == true0["states"].shape
assert gap < 0.02
'''),
    ("markdown", "## DeGroot weights with bootstrap intervals\n\n8 people, 16 noisy trajectories of 8 steps; 3 held out. 95 % percentile intervals from 100 bootstrap refits of the transitions."),
    ("code", r'''
dg_truth = runs_of(DATA / "calib" / "degroot_truth.h5")
W_dg = french_weights(dg_truth[0])
dg = json.loads((DATA / "calib" / "degroot_fit.json").read_text())
w = pd.DataFrame(dg["weights"])
w["i"] = w.agent.str[1:].astype(int)
w["j"] = w.attends_to.str[1:].astype(int)
w["true"] = W_dg[w.i, w.j]
w["covered"] = (w.ci_low - 1e-9 <= w.true) & (w.true <= w.ci_high + 1e-9)
W_csv = pd.read_csv(DATA / "calib" / "degroot_W.csv", index_col="agent").to_numpy()
assert np.allclose(W_csv, w.pivot(index="i", columns="j", values="weight").to_numpy(), atol=1e-12)

w = w.sort_values(["true", "i", "j"]).reset_index(drop=True)
fig, ax = plt.subplots(figsize=(11, 4))
ax.errorbar(w.index, w.weight, yerr=[w.weight - w.ci_low, w.ci_high - w.weight], fmt="o", ms=3, capsize=2,
            label="fitted, 95 % bootstrap interval")
ax.plot(w.index, w.true, "k_", ms=10, mew=2, label="true French weight")
ax.set_xlabel("weight w_ij (sorted by the true value)")
ax.set_ylabel("weight")
ax.set_title(f"DeGroot: {w.covered.mean():.0%} of the true weights inside their interval; "
             f"held-out R² vs persistence {dg['held_out']['r2_vs_persistence']:.3f}")
ax.legend(fontsize=8)
save(fig, "04_degroot_bootstrap")
assert np.allclose(W_csv.sum(axis=1), 1)                 # rows of W sum to 1
assert w.covered.mean() >= 0.8
assert dg["held_out"]["r2_vs_persistence"] > 0.9 and dg["held_out"]["trajectories"] == 3
'''),
]

# ---------------------------------------------------------------------------------------------------
# 05 Benchmarks
# ---------------------------------------------------------------------------------------------------

NB05 = [
    ("markdown", r'''
# 05 — Benchmarks

**Question.** How fast is the simulator, how does its throughput change with the size of the graph,
and how does it compare with the peers measured in `bench/README.md` (scipy.sparse, graph-tool,
scikit-learn, pandas)?

**Inputs** (from `notebooks/make_data.sh`, see `commands.log`):

```sh
contagion bench --all --reduced --results bench.json --csv bench.csv      # the scenario suite at reduced sizes
contagion sweep notebooks/scenarios/throughput_degroot_ba.toml --vary graph.n=100000,30000,10000,3000,1000 \
    --common-seed --threads 1 -o throughput_degroot_t1.h5                  # and --threads 2
contagion sweep notebooks/scenarios/throughput_sis_ba.toml --vary graph.n=... --threads 2 -o throughput_sis_t2.h5
```

and `peers.csv`, the figures of `bench/README.md` copied with their source (`notebooks/data/peers.csv`;
not re-run here: the peers are not all installed, and the graphs with 10⁷ edges take minutes).

The timings of this notebook come from whatever machine ran `make_data.sh` (in the test suite: a
reduced, possibly sanitized build on a busy machine): read the shapes, not the absolute numbers. The
assertions check results and sanity only, never speed.
'''),
    *cells_setup(HDF5_HELPERS),
    ("markdown", "## The scenario suite\n\nEvery scenario of `bench/scenarios/` at its reduced size: the statistic it names, the range it should fall in, and the throughput (arcs, or nodes for graphs without arcs, times steps per second)."),
    ("code", r'''
bench = pd.read_csv(DATA / "bench.csv")
meta = json.loads((DATA / "bench.json").read_text())
print(meta["created_by"], "| reduced:", meta["reduced"])
display(bench[["scenario", "model", "nodes", "arcs", "replicates", "statistic", "value", "expected_range", "met",
               "wall_s", "throughput", "throughput_unit"]])
b = bench.sort_values("throughput")
fig, ax = plt.subplots(figsize=(9, 7))
colors = {m: f"C{k}" for k, m in enumerate(sorted(bench.model.unique()))}
ax.barh(b.scenario, b.throughput, color=[colors[m] for m in b.model])
for y, (tp, unit) in enumerate(zip(b.throughput, b.throughput_unit)):
    ax.text(tp, y, " node" if unit.startswith("node") else "", va="center", fontsize=7)
ax.set_xscale("log")
ax.set_xlabel("updates per second (arc-updates; 'node': node-updates)")
ax.set_title("Scenario suite (reduced sizes): throughput, set-up included")
handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colors.values()]
ax.legend(handles, colors.keys(), fontsize=7, loc="lower right")
save(fig, "05_bench_suite")

assert (bench.met == "yes").all(), bench.loc[bench.met != "yes", "scenario"].tolist()
assert len(bench) == len(meta["scenarios"]) >= 20
assert (bench.throughput > 0).all() and np.isfinite(bench.throughput).all()
'''),
    ("markdown", "## Throughput against graph size\n\nA DeGroot step and a discrete SIS step on Barabási–Albert graphs (m = 5), 20 steps each, from 10³ to 10⁵ nodes; arc-updates per second = arcs × steps / the run's `wall_s`. The points from `bench/README.md` (10⁵–10⁷ edges, `bench_sim` on a quiet machine) are drawn for reference. On a busy 2-core machine (the test suite builds and tests in parallel) the 2-thread runs can be far slower than 1 thread: each step waits for both threads to get a core."),
    ("code", r'''
rows = []
for label, file in [("DeGroot, 1 thread", "throughput_degroot_t1.h5"), ("DeGroot, 2 threads", "throughput_degroot_t2.h5"),
                    ("SIS, 2 threads", "throughput_sis_t2.h5")]:
    for r in runs_of(DATA / file):
        arcs = int(r["graph"]["attrs"]["arcs"])
        steps = int(r["attrs"]["result.steps"])
        rows.append({"series": label, "n": int(r["attrs"]["graph.n"]), "arcs": arcs, "steps": steps,
                     "threads": int(r["attrs"]["threads"]), "wall_s": float(r["attrs"]["wall_s"]),
                     "rate": arcs * steps / float(r["attrs"]["wall_s"])})
thr = pd.DataFrame(rows).sort_values(["series", "n"])
display(thr.assign(rate_M=lambda d: (d.rate / 1e6).round(1)).drop(columns="rate"))

peers = pd.read_csv(DATA / "peers.csv", comment="#")
ARCS = {"BA m=5; 2x10^6 nodes; 10^7 edges": 2e7, "BA m=5; 10^5 nodes": 1e6, "BA m=5; 10^6 nodes": 1e7}
fig, ax = plt.subplots(figsize=(11, 5))
styles = {"DeGroot, 1 thread": ("C0", "o-"), "DeGroot, 2 threads": ("C0", "s--"), "SIS, 2 threads": ("C3", "s--")}
for label, d in thr.groupby("series"):
    color, fmt = styles[label]
    ax.plot(d.arcs, d.rate, fmt, color=color, label=f"{label} (this run)")
for (bench_name, size, impl, threads), d in peers[peers["size"].isin(ARCS)].groupby(
        ["benchmark", "size", "implementation", "threads"]):
    if "per arc" in bench_name:
        continue
    arcs = ARCS[size]
    lo, hi = arcs / (d.ms_high.iloc[0] / 1e3), arcs / (d.ms_low.iloc[0] / 1e3)
    color = "C0" if bench_name.startswith("DeGroot") else "C3"
    marker = ("*" if impl == "contagion" else "x") if threads == 1 else ("P" if impl == "contagion" else "D")
    ax.errorbar([arcs], [(lo + hi) / 2], yerr=[[(hi - lo) / 2], [(hi - lo) / 2]], fmt=marker, ms=9,
                color=color if impl == "contagion" else "grey", mfc="none" if impl != "contagion" else color,
                label=f"README: {bench_name.split(' (')[0]}, {impl}, {threads} thr.")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("arcs (2 x edges)")
ax.set_ylabel("arc-updates per second")
ax.set_title("Throughput against graph size")
handles, labels = ax.get_legend_handles_labels()
unique = dict(zip(labels, handles))   # one legend entry per label
ax.legend(unique.values(), unique.keys(), fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
save(fig, "05_throughput_vs_size")

for label, d in thr.groupby("series"):
    assert d.n.nunique() == 5 and d.arcs.is_monotonic_increasing, label
    assert (d.steps == 20).all() and (d.rate > 1e5).all() and np.isfinite(d.rate).all(), label
assert set(thr[thr.series.str.contains("2 threads")].threads) == {2}
'''),
    ("markdown", "## Against the peers (bench/README.md)\n\nSpeed-up = the peer's time / contagion's time for the same work, on the same data (ranges where the README gives a range). Peers with 1 thread are compared with contagion on 1 and on 2 threads."),
    ("code", r'''
rows = []
for (bench_name, size), d in peers.groupby(["benchmark", "size"], sort=False):
    ours = d[d.implementation == "contagion"]
    for _, peer in d[d.implementation != "contagion"].iterrows():
        for _, mine in ours.iterrows():
            if peer.threads > 1 and mine.threads != peer.threads:
                continue
            rows.append({"benchmark": f"{bench_name}\n{size}", "peer": peer.implementation,
                         "contagion threads": mine.threads, "peer threads": peer.threads,
                         "speed-up low": peer.ms_low / mine.ms_high, "speed-up high": peer.ms_high / mine.ms_low})
ratio = pd.DataFrame(rows)
display(ratio.round(2))
fig, ax = plt.subplots(figsize=(9, 0.45 * len(ratio) + 1))
labels = [f"{b.split(chr(10))[0]} [{s}]: {p} ({pt} thr.) vs contagion ({ct} thr.)" for b, s, p, pt, ct in
          zip(ratio.benchmark, [b.split(chr(10))[1] for b in ratio.benchmark], ratio.peer, ratio["peer threads"],
              ratio["contagion threads"])]
y = np.arange(len(ratio))
mid = np.sqrt(ratio["speed-up low"] * ratio["speed-up high"])
ax.barh(y, mid, color=["C0" if t == 1 else "C2" for t in ratio["contagion threads"]], alpha=0.8)
ax.errorbar(mid, y, xerr=[mid - ratio["speed-up low"], ratio["speed-up high"] - mid], fmt="none", color="k", capsize=2)
ax.axvline(1, color="k", lw=0.8)
ax.set_yticks(y, labels, fontsize=7)
ax.set_xscale("log")
ax.set_xlabel("speed-up of contagion (peer time / contagion time); blue: contagion 1 thread, green: 2")
ax.set_title("bench/README.md: contagion against the peers")
save(fig, "05_peers_speedup")

assert len(peers) >= 20 and peers.source.str.startswith("bench/README.md").all()
assert (ratio["speed-up low"] > 1).all()   # as the README reports: faster than each peer in every row
'''),
]

NOTEBOOKS = {
    "01_kovalchuk_synthetic.ipynb": NB01,
    "02_averaging_models.ipynb": NB02,
    "03_weak_ties.ipynb": NB03,
    "04_calibration.ipynb": NB04,
    "05_benchmarks.ipynb": NB05,
}


def build(name, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    stem = name.split("_")[0]
    for k, (kind, source) in enumerate(cells):
        cell = (nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell)(source.strip())
        cell["id"] = f"nb{stem}-{k:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="only compare with the committed notebooks")
    args = ap.parse_args()
    stale = []
    for name, cells in NOTEBOOKS.items():
        text = build(name, cells)
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
            print("wrote", path.relative_to(HERE.parent))
    if stale:
        print("out of date (run notebooks/build_notebooks.py):", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
