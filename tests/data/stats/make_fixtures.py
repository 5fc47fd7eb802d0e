#!/usr/bin/python3
"""Generate the reference fixtures for contagion's C++ statistics module.

Writes, next to this script:
  tests.json            hypothesis tests, correlations, descriptives, ANOVA, Kruskal-Wallis,
                        ICC (R psych) and multiple-testing corrections
  regression.json       statsmodels OLS and a sklearn LinearRegression train/test split
  elasticnet.json       sklearn ElasticNet single fits and GridSearchCV variants
  elasticnet_timing.json  wall-clock time of one GridSearchCV fit (not deterministic, so kept
                        apart: the three files above are byte-identical between runs)

What each value means is defined in shared/STATS.md; README.md beside this script lists the
JSON conventions (NaN -> null, +-inf -> "inf"/"-inf", matrices as lists of rows, 0-based).

Needs Debian bookworm packages (not pip):
  apt-get install -y python3-scipy python3-numpy python3-statsmodels python3-sklearn \
                     python3-pandas r-base-core r-cran-psych
(scipy 1.10.1, statsmodels 0.13.5, sklearn 1.2.1, pandas 1.5.3, R 4.2.2, psych 2.2.9).

Run from anywhere (use the system Python, which has those packages):
  /usr/bin/python3 tests/data/stats/make_fixtures.py
All data come from numpy RandomState with fixed seeds (one seed per section, so adding a case
to one section does not shift the data of another).
"""
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GridSearchCV, PredefinedSplit, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.stattools import durbin_watson, jarque_bera, omni_normtest

OUT_DIR = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------------------------


def clean(v):
    """Convert numpy / float specials to the JSON conventions (NaN -> None, +-inf -> strings)."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, np.ndarray):
        return clean(v.item()) if v.ndim == 0 else [clean(x) for x in v.tolist()]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return None
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if v is None or isinstance(v, str):
        return v
    raise TypeError(f"cannot serialise {type(v)}: {v!r}")


def _scalar(v):
    return v is None or isinstance(v, (bool, int, float, str))


def dumps(v, indent=0):
    """Readable JSON: objects one key per line, lists of scalars on one line (so a matrix is one
    row per line). Floats via repr, which round-trips exactly."""
    pad = " " * indent
    if _scalar(v):
        return json.dumps(v, allow_nan=False)
    if isinstance(v, list):
        if all(_scalar(x) for x in v):
            return "[" + ", ".join(json.dumps(x, allow_nan=False) for x in v) + "]"
        inner = (",\n" + pad + " ").join(dumps(x, indent + 1) for x in v)
        return "[\n" + pad + " " + inner + "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [json.dumps(k) + ": " + dumps(x, indent + 1) for k, x in v.items()]
        return "{\n" + pad + " " + (",\n" + pad + " ").join(items) + "\n" + pad + "}"
    raise TypeError(type(v))


def write_json(name, obj):
    path = OUT_DIR / name
    text = dumps(clean(obj)) + "\n"
    json.loads(text)  # must be valid (no NaN/Infinity tokens)
    path.write_text(text)
    print(f"wrote {path} ({len(text)} bytes)")


def nan_list(a):
    """Data array for the JSON: NaN becomes null (a missing value)."""
    return [None if (x is None or (isinstance(x, float) and math.isnan(x))) else float(x)
            for x in np.asarray(a, dtype=float).tolist()]


def close(a, b, rtol=1e-12, atol=0.0):
    """Sanity check between a library result and our own formula (NaN == NaN)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return bool(np.all((np.isnan(a) & np.isnan(b)) | (a == b) | np.isclose(a, b, rtol=rtol, atol=atol)))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


# ---------------------------------------------------------------------------------------------
# R helpers: data goes through little-endian float64 files (exact, no decimal round trip).
# ---------------------------------------------------------------------------------------------


def run_r(script, inputs):
    """Run an R script. `inputs` maps file stems to float64 arrays; the script sees their paths
    as variables IN_<stem> and writes doubles to OUT_PATH, which is returned as an array."""
    with tempfile.TemporaryDirectory() as d:
        header = []
        for stem, arr in inputs.items():
            p = os.path.join(d, stem + ".bin")
            np.asarray(arr, dtype="<f8").tofile(p)
            header.append(f'IN_{stem} <- "{p}"')
        out = os.path.join(d, "out.bin")
        header.append(f'OUT_PATH <- "{out}"')
        header.append('rd <- function(p) readBin(p, "double", n = file.size(p) / 8, size = 8, endian = "little")')
        rfile = os.path.join(d, "script.R")
        Path(rfile).write_text("\n".join(header) + "\n" + script)
        res = subprocess.run(["Rscript", "--vanilla", rfile], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError("R failed:\n" + res.stdout + res.stderr)
        return np.fromfile(out, dtype="<f8")


def r_versions():
    out = subprocess.run(
        ["Rscript", "--vanilla", "-e",
         'cat(paste(R.version$major, R.version$minor, sep="."), as.character(packageVersion("psych")))'],
        capture_output=True, text=True, check=True).stdout.split()
    return out[0], out[1]


def generated_by():
    r, psych = r_versions()
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "sklearn": sklearn.__version__,
        "pandas": pd.__version__,
        "R": r,
        "psych": psych,
        "script": "tests/data/stats/make_fixtures.py",
    }


# ---------------------------------------------------------------------------------------------
# tests.json
# ---------------------------------------------------------------------------------------------


def descriptives():
    rng = np.random.RandomState(101)
    x80 = np.round(rng.normal(50, 12, 80), 3)
    ties = np.round(rng.normal(5, 2, 30)).astype(float)  # integers: many ties
    miss = np.round(rng.gamma(2.0, 3.0, 25), 3)
    miss[[2, 9, 17]] = np.nan
    cases = [
        ("n1", [4.2]),
        ("n2", [1.0, 3.5]),
        ("n3", [2.0, 7.0, 3.0]),
        ("n4_skewed", [1.0, 2.0, 2.5, 10.0]),
        ("normal_n80", x80),
        ("ties_n30", ties),
        ("missing_n25_3nan", miss),
        # 3.3 is not exactly representable: mean(x) != 3.3 in float, the classic constant trap.
        ("constant_n6", [3.3] * 6),
        ("constant_exact_n5", [2.5] * 5),  # exactly representable: sd = 0 exactly
    ]
    out = []
    for name, x in cases:
        x = np.asarray(x, dtype=float)
        v = x[~np.isnan(x)]
        s = pd.Series(v)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            row = {
                "name": name,
                "x": nan_list(x),
                "n": len(v),
                "mean": np.mean(v),
                "sd": np.std(v, ddof=1) if len(v) > 1 else np.nan,
                "var": np.var(v, ddof=1) if len(v) > 1 else np.nan,
                "sem": st.sem(v),
                "min": np.min(v),
                "max": np.max(v),
                "median": np.median(v),
                "q1": np.percentile(v, 25),
                "q3": np.percentile(v, 75),
                "skew_biased": st.skew(v, bias=True),
                "skew_unbiased": s.skew(),
                "kurtosis_excess_biased": st.kurtosis(v, fisher=True, bias=True),
                "kurtosis_excess_unbiased": s.kurt(),
            }
        # pandas returns a Python int 0 for constant data: keep every statistic a float
        row = {k: (float(v) if k not in ("name", "x", "n") else v) for k, v in row.items()}
        check(close(row["q1"], s.quantile(0.25)) and close(row["q3"], s.quantile(0.75)), name)
        out.append(row)
    return out


def _ttest_ind_one(x, y, equal_var):
    n1, n2 = len(x), len(y)
    m1, m2 = np.mean(x), np.mean(y)
    v1, v2 = np.var(x, ddof=1), np.var(y, ddof=1)
    md = m1 - m2
    with np.errstate(all="ignore"):
        if equal_var:
            df = n1 + n2 - 2.0
            sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / df
            se = np.sqrt(sp2 * (1.0 / n1 + 1.0 / n2))
        else:
            a, b = v1 / n1, v2 / n2
            se = np.sqrt(a + b)
            df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))  # raw: NaN if both are 0
        half = st.t.ppf(0.975, df) * se
        t_own = md / se
    return md, df, se, half, t_own


def ttest_ind():
    rng = np.random.RandomState(202)
    r3 = lambda a: np.round(a, 3)
    miss_x = r3(rng.normal(10, 2, 14))
    miss_y = r3(rng.normal(11.5, 2.5, 12))
    miss_x[[1, 6]] = np.nan
    miss_y[[4]] = np.nan
    cases = [
        ("tiny_n2_n2", [1.0, 3.0], [2.0, 5.0]),
        ("tiny_n3_n4", [4.1, 5.3, 3.8], [6.0, 7.2, 5.9, 8.1]),
        ("equal_n40_n40", r3(rng.normal(50, 10, 40)), r3(rng.normal(45, 10, 40))),
        ("unequal_var_n8_n15", r3(rng.normal(0, 1, 8)), r3(rng.normal(1, 5, 15))),
        ("total_n80_n35_n45", r3(rng.normal(3.2, 1.1, 35)), r3(rng.normal(3.6, 1.3, 45))),
        ("ties_n12_n14", np.round(rng.normal(5, 1.5, 12)), np.round(rng.normal(6, 1.5, 14))),
        ("zero_var_x_n10_n12", [4.0] * 10, r3(rng.normal(5, 1, 12))),
        ("zero_var_y_n10_n12", r3(rng.normal(5, 1, 10)), [4.0] * 12),
        ("both_constant_equal_means_n5_n6", [2.0] * 5, [2.0] * 6),
        ("both_constant_different_means_n5_n6", [2.0] * 5, [3.0] * 6),
        ("missing_n14_n12_3nan", miss_x, miss_y),
    ]
    out = []
    for name, xr, yr in cases:
        xr, yr = np.asarray(xr, float), np.asarray(yr, float)
        x, y = xr[~np.isnan(xr)], yr[~np.isnan(yr)]
        n1, n2 = len(x), len(y)
        row = {"name": name, "x": nan_list(xr), "y": nan_list(yr)}
        res = {}
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for key, ev in (("student", True), ("welch", False)):
                sc = st.ttest_ind(xr, yr, equal_var=ev, nan_policy="omit")
                md, df, se, half, t_own = _ttest_ind_one(x, y, ev)
                t, p = float(sc.statistic), float(sc.pvalue)
                check(close(t, t_own, 1e-12), f"{name} {key} t {t} vs {t_own}")
                res[key] = {"t": t, "df": df, "p": p, "mean_diff": md,
                            "ci_low": md - half, "ci_high": md + half}
            row.update(res)
            s1, s2 = np.std(x, ddof=1), np.std(y, ddof=1)
            md = np.mean(x) - np.mean(y)
            d = md / np.sqrt(((n1 - 1) * s1 ** 2 + (n2 - 1) * s2 ** 2) / (n1 + n2 - 2))
            row["cohen_d_pooled"] = d
            row["hedges_g"] = d * (1 - 3.0 / (4 * (n1 + n2) - 9))
            row["glass_delta"] = md / s1
            for key in ("student", "welch"):
                t, df = np.float64(res[key]["t"]), np.float64(res[key]["df"])
                row[f"r_{key}_signed"] = t / np.sqrt(t * t + df)  # inf/inf -> NaN, kept raw
        out.append(row)
    return out


def ttest_rel():
    rng = np.random.RandomState(303)
    r3 = lambda a: np.round(a, 3)
    x20 = r3(rng.normal(20, 4, 20))
    x80 = r3(rng.normal(0, 1, 80))
    zx = np.round(rng.normal(10, 3, 15))
    zy = zx.copy()
    zy[[0, 3, 5, 8, 11, 13]] += np.array([1, -2, 1, 3, -1, 2])  # 9 of 15 differences are 0
    mx = r3(rng.normal(5, 1, 18))
    my = r3(mx + rng.normal(0.4, 0.8, 18))
    mx[[2, 10]] = np.nan
    my[[10, 15]] = np.nan  # rows 2, 10, 15 dropped (listwise)
    cx = np.arange(1.0, 9.0)
    cases = [
        ("tiny_n3", [1.0, 2.5, 4.0], [1.5, 2.0, 5.5]),
        ("n20", x20, r3(x20 + rng.normal(1, 2, 20))),
        ("n80", x80, r3(0.6 * x80 + rng.normal(-0.2, 0.8, 80))),
        ("zero_diffs_n15", zx, zy),
        ("constant_diff_n8", cx, cx + 2.0),  # sd(d) = 0 -> t = -inf, p = 0
        ("missing_n18_3rows", mx, my),
    ]
    out = []
    for name, xr, yr in cases:
        xr, yr = np.asarray(xr, float), np.asarray(yr, float)
        keep = ~(np.isnan(xr) | np.isnan(yr))
        x, y = xr[keep], yr[keep]
        n = len(x)
        d = x - y
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            sc = st.ttest_rel(x, y)
            if not keep.all():  # scipy's own listwise omission must agree
                so = st.ttest_rel(xr, yr, nan_policy="omit")
                check(close(float(so.statistic), sc.statistic) and close(float(so.pvalue), sc.pvalue), name)
            sd = np.std(d, ddof=1)
            half = st.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
            md = np.mean(d)
            row = {
                "name": name, "x": nan_list(xr), "y": nan_list(yr),
                "t": float(sc.statistic), "df": n - 1, "p": float(sc.pvalue),
                "mean_diff": md, "ci_low": md - half, "ci_high": md + half,
                "d": md / sd,
                "d_av": (np.mean(x) - np.mean(y)) / ((np.std(x, ddof=1) + np.std(y, ddof=1)) / 2),
            }
        out.append(row)
    return out


SHAPIRO_R = r"""
lens <- rd(IN_lens); vals <- rd(IN_vals)
out <- numeric(0); off <- 0
for (n in lens) {
  x <- vals[(off + 1):(off + n)]; off <- off + n
  r <- shapiro.test(x)
  out <- c(out, unname(r$statistic), r$p.value)
}
writeBin(out, OUT_PATH, size = 8, endian = "little")
"""


def shapiro():
    rng = np.random.RandomState(404)
    draws = {
        "normal": lambda n: rng.normal(0, 1, n),
        "uniform": lambda n: rng.uniform(0, 10, n),
        "exponential": lambda n: rng.exponential(2.0, n),
        "t3": lambda n: rng.standard_t(3, n),
    }
    cases = [
        ("n3_normal", np.round(rng.normal(0, 1, 3), 6)),
        ("n3_w075_ties", np.array([0.0, 0.0, 1.0])),  # W = 3/4, the n=3 minimum
        ("n3_near_w075", np.array([0.0, 0.001, 1.0])),
    ]
    for n in (4, 5, 6, 7, 11, 12, 20, 50, 100, 500, 2000):
        for dist, f in draws.items():
            cases.append((f"{dist}_n{n}", np.round(f(n), 6)))
    cases += [
        ("outlier_n7", np.array([1.1, 1.3, 0.9, 1.0, 1.2, 1.05, 9.0])),
        ("ties_n30", np.round(rng.normal(3, 1, 30))),
        ("small_range_n25", np.round(0.5 + 0.01 * rng.normal(0, 1, 25), 8)),  # range < 1: R rescales
        ("large_offset_n40", np.round(1e6 + rng.normal(0, 1, 40), 6)),
    ]
    lens = np.array([len(x) for _, x in cases], dtype=float)
    r = run_r(SHAPIRO_R, {"lens": lens, "vals": np.concatenate([x for _, x in cases])}).reshape(-1, 2)
    out = []
    for (name, x), (w, p) in zip(cases, r):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ws, ps = st.shapiro(x)
        out.append({"name": name, "x": nan_list(x), "w": w, "p": p,
                    "w_scipy": float(ws), "p_scipy": float(ps)})
    return out


def mannwhitneyu():
    rng = np.random.RandomState(505)

    def distinct(n, loc, scale):  # 4 decimals: no ties in practice (checked below)
        return np.round(rng.normal(loc, scale, n), 4)

    a57 = (distinct(5, 0, 1), distinct(7, 0.8, 1))
    a815 = (distinct(8, 0, 1), distinct(15, 1.0, 1))
    a99 = (distinct(9, 0, 1), distinct(9, 0.9, 1))
    ties = ([1.0, 2.0, 2.0, 3.0, 5.0, 4.0], [2.0, 3.0, 3.0, 4.0, 6.0, 6.0, 7.0])
    alltied = ([3.0] * 5, [3.0] * 6)
    big = (np.round(rng.normal(0, 1, 40), 2), np.round(rng.normal(0.4, 1, 45), 2))
    mx, my = distinct(7, 0, 1), distinct(8, 1.2, 1)
    mx[[3]] = np.nan
    my[[0, 5]] = np.nan
    mbx, mby = np.round(rng.normal(0, 1, 20), 3), np.round(rng.normal(0.5, 1, 24), 3)
    mbx[[4, 12]] = np.nan
    mby[[7]] = np.nan
    cases = [
        ("n5_n7_noties", a57, ("auto", "exact", "asymptotic")),
        ("n8_n15_noties", a815, ("auto", "exact", "asymptotic")),
        ("n9_n9_noties", a99, ("auto", "exact", "asymptotic")),
        ("n6_n7_ties", ties, ("auto", "exact", "asymptotic")),
        ("all_tied_n5_n6", alltied, ("auto", "exact", "asymptotic")),
        ("n40_n45", big, ("auto", "asymptotic")),
        ("missing_n7_n8_3nan", (mx, my), ("auto", "exact", "asymptotic")),
        ("missing_n20_n24_3nan", (mbx, mby), ("auto", "asymptotic")),
    ]
    out = []
    for name, (xr, yr), methods in cases:
        xr, yr = np.asarray(xr, float), np.asarray(yr, float)
        x, y = xr[~np.isnan(xr)], yr[~np.isnan(yr)]
        pooled = np.concatenate([x, y])
        has_ties = len(np.unique(pooled)) < len(pooled)
        if name.endswith("noties") or name.startswith("missing_n7"):
            check(not has_ties, f"{name} must have no ties")
        # STATS.md rule for 'auto'
        used = "asymptotic" if (len(x) > 8 and len(y) > 8) or has_ties else "exact"
        for m in methods:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = st.mannwhitneyu(xr, yr, use_continuity=True, alternative="two-sided",
                                    method=m, nan_policy="omit")
            if m == "auto":  # auto must equal the method the rule picks
                r2 = st.mannwhitneyu(x, y, alternative="two-sided", method=used)
                check(r2.pvalue == r.pvalue, f"{name}: auto != {used}")
            out.append({"name": f"{name}_{m}", "x": nan_list(xr), "y": nan_list(yr), "method": m,
                        "method_used": used if m == "auto" else m,
                        "u": float(r.statistic), "p": float(r.pvalue)})
    return out


def _corr_cases(seed):
    rng = np.random.RandomState(seed)
    r3 = lambda a: np.round(a, 3)
    x20 = r3(rng.normal(0, 1, 20))
    x80 = r3(rng.normal(10, 2, 80))
    xn = r3(rng.normal(0, 1, 30))
    xz = r3(rng.normal(0, 1, 50))
    xt = np.round(rng.normal(5, 2, 25))
    xm = r3(rng.normal(0, 1, 22))
    ym = r3(0.5 * xm + rng.normal(0, 1, 22))
    xm[[3, 17]] = np.nan
    ym[[8]] = np.nan
    return rng, [
        ("n2", [1.0, 2.0], [3.0, 5.0]),
        ("n3_perfect_linear", [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]),
        ("n4", [1.0, 2.0, 4.0, 3.0], [1.5, 2.1, 3.0, 3.9]),
        ("n20", x20, r3(0.6 * x20 + rng.normal(0, 0.8, 20))),
        ("n80", x80, r3(-0.3 * x80 + rng.normal(0, 2, 80))),
        ("negative_n30", xn, r3(-0.9 * xn + rng.normal(0, 0.4, 30))),
        ("near_zero_n50", xz, r3(rng.normal(0, 1, 50))),
        ("ties_n25", xt, np.round(0.5 * xt + rng.normal(0, 1.5, 25))),
        ("missing_n22_3nan", xm, ym),
    ]


def pearson():
    _, cases = _corr_cases(606)
    out = []
    for name, xr, yr in cases:
        xr, yr = np.asarray(xr, float), np.asarray(yr, float)
        keep = ~(np.isnan(xr) | np.isnan(yr))  # pearsonr raises on NaN: pairwise-complete rows
        r = st.pearsonr(xr[keep], yr[keep])
        ci = r.confidence_interval(0.95)
        out.append({"name": name, "x": nan_list(xr), "y": nan_list(yr), "n_used": int(keep.sum()),
                    "r": r.statistic, "p": r.pvalue, "ci_low": ci.low, "ci_high": ci.high})
    return out


def spearman():
    rng, cases = _corr_cases(707)
    hx = rng.randint(1, 4, 40).astype(float)  # values in {1,2,3}: heavy ties
    cases.append(("heavy_ties_n40", hx, np.clip(hx + rng.randint(-1, 2, 40), 1, 3).astype(float)))
    out = []
    for name, xr, yr in cases:
        xr, yr = np.asarray(xr, float), np.asarray(yr, float)
        keep = ~(np.isnan(xr) | np.isnan(yr))
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            r = st.spearmanr(xr, yr, nan_policy="omit")
            rc = st.spearmanr(xr[keep], yr[keep])
        check(close(float(r.statistic), rc.statistic) and close(float(r.pvalue), rc.pvalue), name)
        out.append({"name": name, "x": nan_list(xr), "y": nan_list(yr), "n_used": int(keep.sum()),
                    "rho": float(r.statistic), "p": float(r.pvalue)})
    return out


def anova():
    rng = np.random.RandomState(808)
    r2 = lambda a: np.round(a, 2)
    two = [r2(rng.normal(10, 2, 12)), r2(rng.normal(11.5, 2, 15))]
    cases = [
        ("three_groups_n10", [r2(rng.normal(m, 3, 10)) for m in (20, 22, 25)]),
        ("four_unequal_groups", [r2(rng.normal(m, s, n)) for m, s, n in
                                 ((5, 1, 6), (5.5, 1.5, 11), (6.5, 1, 8), (5.2, 2, 15))]),
        ("two_groups_n12_n15", two),
        ("tiny_groups_2_2_3", [[1.0, 2.0], [3.0, 5.0], [4.0, 6.0, 8.0]]),
    ]
    out = []
    for name, groups in cases:
        groups = [np.asarray(g, float) for g in groups]
        f, p = st.f_oneway(*groups)
        allv = np.concatenate(groups)
        k, N = len(groups), len(allv)
        gm = allv.mean()
        ssb = sum(len(g) * (g.mean() - gm) ** 2 for g in groups)
        sst = ((allv - gm) ** 2).sum()
        msw = (sst - ssb) / (N - k)
        check(close(f, ssb / (k - 1) / msw, 1e-10), name)
        if k == 2:  # F = Student t^2
            check(close(f, st.ttest_ind(*groups).statistic ** 2, 1e-10), name)
        out.append({"name": name, "groups": [g.tolist() for g in groups], "f": f, "p": p,
                    "df_between": k - 1, "df_within": N - k,
                    "eta2": ssb / sst, "omega2": (ssb - (k - 1) * msw) / (sst + msw)})
    return out


def kruskal():
    rng = np.random.RandomState(909)
    cases = [
        ("three_groups_noties", [np.round(rng.normal(m, 1, n), 4) for m, n in ((0, 8), (0.7, 10), (1.2, 9))]),
        ("three_groups_ties", [np.round(rng.normal(m, 1.2, n)) for m, n in ((3, 10), (4, 12), (4, 9))]),
        ("two_groups_noties", [np.round(rng.normal(m, 1, n), 4) for m, n in ((0, 6), (1, 7))]),
        ("tiny_groups_ties", [[1.0, 2.0], [2.0, 3.0, 3.0], [4.0, 3.0]]),
    ]
    out = []
    for name, groups in cases:
        groups = [np.asarray(g, float) for g in groups]
        h, p = st.kruskal(*groups)
        out.append({"name": name, "groups": [g.tolist() for g in groups], "h": h, "p": p})
    return out


ICC_R = r"""
suppressPackageStartupMessages(library(psych))
dims <- rd(IN_dims); vals <- rd(IN_vals)
out <- numeric(0); off <- 0
for (i in seq(1, length(dims), by = 2)) {
  n <- dims[i]; k <- dims[i + 1]
  m <- matrix(vals[(off + 1):(off + n * k)], nrow = n, byrow = TRUE); off <- off + n * k
  for (use_lmer in c(FALSE, TRUE)) {
    r <- suppressWarnings(suppressMessages(ICC(m, lmer = use_lmer)))$results
    out <- c(out, as.vector(t(as.matrix(r[, 2:8]))))
  }
}
writeBin(out, OUT_PATH, size = 8, endian = "little")
"""

ICC_TYPES = ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"]


def _icc_own(t):
    """STATS.md formulas (ANOVA mean squares): used to check psych's lmer=FALSE rows."""
    n, k = t.shape
    g = t.mean()
    msr = k * ((t.mean(1) - g) ** 2).sum() / (n - 1)
    msc = n * ((t.mean(0) - g) ** 2).sum() / (k - 1)
    sst = ((t - g) ** 2).sum()
    sse = sst - msr * (n - 1) - msc * (k - 1)
    mse = sse / ((n - 1) * (k - 1))
    msw = (sst - msr * (n - 1)) / (n * (k - 1))
    return [(msr - msw) / (msr + (k - 1) * msw),
            (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n),
            (msr - mse) / (msr + (k - 1) * mse),
            (msr - msw) / msr, (msr - mse) / (msr + (msc - mse) / n), (msr - mse) / msr]


def icc():
    rng = np.random.RandomState(1010)
    sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], float)
    rand = np.round(rng.normal(5, 1.5, (20, 1)) + rng.normal(0, 1.2, (20, 3)), 1)
    strong = np.round(rng.normal(50, 8, (10, 1)) + np.array([0, 4, 8, 12, 16]) + rng.normal(0, 3, (10, 5)), 1)
    # no real target effect: the ANOVA estimate of the target variance is negative, lme4 clips
    # it at 0 (singular fit), so psych's default (lmer=TRUE) ICCs differ from the ANOVA formulas
    none = np.round(rng.normal(5, 1, (15, 3)) + np.array([0.0, 0.5, 1.0]), 1)
    cases = [("shrout_fleiss_6x4", sf), ("random_20x3", rand), ("rater_effects_10x5", strong),
             ("no_target_effect_15x3", none)]
    dims = np.array([d for _, t in cases for d in t.shape], float)
    r = run_r(ICC_R, {"dims": dims, "vals": np.concatenate([t.ravel() for _, t in cases])}).reshape(len(cases), 2, 6, 7)
    keys = ["icc", "f", "df1", "df2", "p", "ci_low", "ci_high"]

    def rows(block):
        return [{"type": ty, **{k: (int(v) if k in ("df1", "df2") else v) for k, v in zip(keys, vals)}}
                for ty, vals in zip(ICC_TYPES, block)]

    out = []
    for (name, t), (anova_rows, lmer_rows) in zip(cases, r):
        check(close(anova_rows[:, 0], _icc_own(t), 1e-10), name)
        out.append({"name": name, "table": t.tolist(), "rows": rows(anova_rows),
                    "rows_psych_default_lmer": rows(lmer_rows)})
    return out


def multiple_tests():
    rng = np.random.RandomState(1111)
    p27 = np.concatenate([rng.uniform(0, 0.01, 6), rng.uniform(0, 1, 21)])
    cases = [
        ("ten_p", [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]),
        ("ties", [0.01, 0.02, 0.02, 0.02, 0.03, 0.2, 0.2, 0.5]),
        ("all_significant", [0.0001, 0.002, 0.003, 0.004, 0.005]),
        ("none_significant", [0.2, 0.35, 0.5, 0.8, 0.9, 0.06]),
        ("m1", [0.03]),
        ("m27", p27),
    ]
    out = []
    for name, p in cases:
        p = np.asarray(p, float)
        bh_rej, bh, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
        ho_rej, ho, _, _ = multipletests(p, alpha=0.05, method="holm")
        out.append({"name": name, "p": p, "alpha": 0.05, "bh": bh, "bh_reject": bh_rej,
                    "holm": ho, "holm_reject": ho_rej})
    return out


# ---------------------------------------------------------------------------------------------
# Shared 50 x 27 design (the study's shape)
# ---------------------------------------------------------------------------------------------

EMOTIONS = ["anger", "contempt", "disgust", "fear", "joy", "sadness", "surprise"]
AUS = ["AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09", "AU10", "AU12", "AU14",
       "AU15", "AU17", "AU18", "AU20", "AU23", "AU24", "AU25", "AU26", "AU28", "AU43"]


def design_50x27():
    """3 latent factors + column noise, mapped to [0, 100]; eq in [0, 80] from a few columns."""
    rng = np.random.RandomState(2025)
    n, cols = 50, EMOTIONS + AUS
    latent = rng.normal(0, 1, (n, 3))
    load = rng.normal(0, 1, (3, len(cols)))
    raw = latent @ load + rng.normal(0, 0.8, (n, len(cols)))
    centre = rng.uniform(25, 60, len(cols))
    X = np.round(np.clip(centre + 12 * raw, 0, 100), 2)
    c = {name: X[:, i] for i, name in enumerate(cols)}
    eq = 40 + 0.25 * (c["joy"] - 50) - 0.2 * (c["anger"] - 50) + 0.15 * (c["AU12"] - 50) \
        - 0.1 * (c["AU04"] - 50) + rng.normal(0, 6, n)
    y = np.round(np.clip(eq, 0, 80), 1)
    check(X.std(0).min() > 1 and np.isfinite(np.linalg.cond(X)), "design degenerate")
    return {"columns": cols, "X": X, "y": y}


# ---------------------------------------------------------------------------------------------
# regression.json
# ---------------------------------------------------------------------------------------------


def _ols_record(name, X, y, add_constant, ref):
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    exog = sm.add_constant(X) if add_constant else X  # has_constant='skip' (default)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sm.OLS(y, exog, missing="drop").fit()
        ci = res.conf_int(0.05)
        e = res.resid
        jb, jbp, skew, kurt = jarque_bera(e)
        omni, omnip = omni_normtest(e)
        cond = res.condition_number
    # statsmodels uses pinv: check against numpy's minimum-norm least squares
    keep = ~(np.isnan(exog).any(1) | np.isnan(y))
    check(close(res.params, np.linalg.lstsq(exog[keep], y[keep], rcond=None)[0], 1e-8, 1e-10), name)
    row = {"name": name, **ref, "add_constant": add_constant,
           "n_exog_columns": int(exog.shape[1]),
           "constant_column_added": bool(add_constant and exog.shape[1] == X.shape[1] + 1),
           "params": res.params, "bse": res.bse, "tvalues": res.tvalues, "pvalues": res.pvalues,
           "ci_low": ci[:, 0], "ci_high": ci[:, 1],
           "rsquared": res.rsquared, "rsquared_adj": res.rsquared_adj,
           "fvalue": res.fvalue, "f_pvalue": res.f_pvalue,
           "llf": res.llf, "aic": res.aic, "bic": res.bic,
           "df_model": int(res.df_model), "df_resid": int(res.df_resid), "nobs": int(res.nobs),
           "rank": int(res.model.rank), "k_constant": int(res.k_constant),
           "condition_number": cond, "durbin_watson": durbin_watson(e),
           "jarque_bera": jb, "jarque_bera_p": jbp, "skew": skew, "kurtosis": kurt,
           "omnibus": omni, "omnibus_p": omnip,
           "ssr": res.ssr, "centered_tss": res.centered_tss, "ess": res.ess, "scale": res.scale}
    check(row["df_model"] == res.df_model and row["df_resid"] == res.df_resid, name)
    return row


def regression(ds):
    rng = np.random.RandomState(3030)
    X, y = ds["X"], ds["y"]
    out = []
    out.append(_ols_record("design_50x27_full", X, y, True, {"dataset": "design_50x27"}))

    x10 = np.round(rng.uniform(0, 10, 10), 2)
    y10 = np.round(1.5 + 0.8 * x10 + rng.normal(0, 1, 10), 2)
    out.append(_ols_record("simple_n10", x10[:, None], y10, True, {"X": x10[:, None].tolist(), "y": y10.tolist()}))
    out.append(_ols_record("no_intercept_n10", x10[:, None], y10, False,
                           {"X": x10[:, None].tolist(), "y": y10.tolist()}))

    # column 2 = column 0 + column 1: rank 4 of 5 with the constant; statsmodels gives min-norm beta
    c = np.round(rng.normal(0, 1, (20, 3)), 3)
    Xc = np.column_stack([c[:, 0], c[:, 1], c[:, 0] + c[:, 1], c[:, 2]])
    yc = np.round(1 + Xc[:, 0] - 0.5 * Xc[:, 1] + 0.3 * Xc[:, 3] + rng.normal(0, 0.5, 20), 3)
    out.append(_ols_record("collinear_n20_col2_eq_col0_plus_col1", Xc, yc, True, {"X": Xc.tolist(), "y": yc.tolist()}))

    # a column of 3s already present: add_constant skips, the 3s column plays the intercept
    k = np.round(rng.normal(0, 1, (15, 2)), 3)
    Xk = np.column_stack([k[:, 0], np.full(15, 3.0), k[:, 1]])
    yk = np.round(2 + 1.2 * k[:, 0] - 0.7 * k[:, 1] + rng.normal(0, 0.3, 15), 3)
    out.append(_ols_record("existing_constant_column_n15", Xk, yk, True, {"X": Xk.tolist(), "y": yk.tolist()}))

    # missing values: statsmodels missing='drop' deletes rows listwise
    m = np.round(rng.normal(0, 1, (18, 2)), 3)
    ym = np.round(0.5 + m[:, 0] + 0.5 * m[:, 1] + rng.normal(0, 0.5, 18), 3)
    m[[2, 11], [0, 1]] = np.nan
    ym[[6]] = np.nan
    out.append(_ols_record("missing_listwise_n18_3rows", m, ym, True,
                           {"X": [nan_list(r) for r in m], "y": nan_list(ym)}))

    split = []
    tr, te = train_test_split(np.arange(50), test_size=0.3, random_state=42)
    for name, tr, te in (("train_test_split_rs42", tr, te),
                         ("first35_last15", np.arange(35), np.arange(35, 50))):
        lr = LinearRegression().fit(X[tr], y[tr])
        pred = lr.predict(X[te])
        split.append({"name": name, "dataset": "design_50x27", "train_rows": tr, "test_rows": te,
                      "coef": lr.coef_, "intercept": lr.intercept_,
                      "r2_test": r2_score(y[te], pred), "mae_test": mean_absolute_error(y[te], pred)})
    return out, split


# ---------------------------------------------------------------------------------------------
# elasticnet.json
# ---------------------------------------------------------------------------------------------

ALPHAS = [0.01, 0.03, 0.1, 0.3, 1, 3]
L1_RATIOS = [0.1, 0.3, 0.5, 0.7, 0.9, 1.0]
SOLVERS = {"converged": (1e-12, 1_000_000), "sklearn_default_tol": (1e-4, 1000)}


def enet_objective(X, y, w, b, alpha, rho):
    r = y - X @ w - b
    return (r @ r) / (2 * len(y)) + alpha * rho * np.abs(w).sum() + 0.5 * alpha * (1 - rho) * (w @ w)


def _fit_enet(X, y, alpha, rho, tol, max_iter):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = ElasticNet(alpha=alpha, l1_ratio=rho, tol=tol, max_iter=max_iter,
                       selection="cyclic", fit_intercept=True).fit(X, y)
    return m, any(issubclass(w.category, ConvergenceWarning) for w in caught)


def _num_name(v):
    return ("%g" % v).replace(".", "p")


def enet_single(Xs, y):
    out = []
    for alpha, rho in ((0.01, 0.5), (0.1, 0.5), (0.3, 0.7), (1.0, 0.1), (3.0, 1.0)):
        for solver, (tol, max_iter) in SOLVERS.items():
            m, warned = _fit_enet(Xs, y, alpha, rho, tol, max_iter)
            out.append({"name": f"alpha{_num_name(alpha)}_l1ratio{_num_name(rho)}_{solver}",
                        "alpha": alpha, "l1_ratio": rho, "solver": solver, "tol": tol, "max_iter": max_iter,
                        "coef": m.coef_, "intercept": m.intercept_, "n_iter": int(m.n_iter_),
                        "dual_gap": m.dual_gap_,
                        "objective": enet_objective(Xs, y, m.coef_, m.intercept_, alpha, rho),
                        "r2_train": m.score(Xs, y), "converged_warning": warned})
    return out


def _grid_search(X, Xs, y, test_fold, scaling, scoring, tol, max_iter, n_jobs=None):
    enet = ElasticNet(tol=tol, max_iter=max_iter, selection="cyclic", fit_intercept=True)
    if scaling == "global":
        est, data, pre = enet, Xs, ""
    else:
        est, data, pre = Pipeline([("scaler", StandardScaler()), ("enet", enet)]), X, "enet__"
    gs = GridSearchCV(est, {pre + "alpha": ALPHAS, pre + "l1_ratio": L1_RATIOS},
                      scoring=scoring, cv=PredefinedSplit(test_fold), refit=True, n_jobs=n_jobs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gs.fit(data, y)
    return gs, pre


def enet_grid(X, Xs, y, scaler):
    folds = {"mod": np.arange(50) % 5, "contiguous": np.arange(50) // 10}
    out = []
    for fname, test_fold in folds.items():
        for scaling in ("global", "per_fold_pipeline"):
            for scoring in ("r2", "neg_mean_squared_error"):
                for solver, (tol, max_iter) in SOLVERS.items():
                    gs, pre = _grid_search(X, Xs, y, test_fold, scaling, scoring, tol, max_iter)
                    cv = gs.cv_results_
                    # grid order must be alpha outer, l1_ratio inner: index = 6*i_alpha + i_l1
                    expect = [(a, r) for a in ALPHAS for r in L1_RATIOS]
                    got = [(p[pre + "alpha"], p[pre + "l1_ratio"]) for p in cv["params"]]
                    check(got == expect, "grid order")
                    best = gs.best_estimator_
                    if scaling == "global":
                        model = best
                    else:  # the refit pipeline's scaler is fit on all 50 rows = the global one
                        check(np.array_equal(best.named_steps["scaler"].mean_, scaler.mean_) and
                              np.array_equal(best.named_steps["scaler"].scale_, scaler.scale_), "scaler")
                        model = best.named_steps["enet"]
                    a, r = ALPHAS[gs.best_index_ // 6], L1_RATIOS[gs.best_index_ % 6]
                    check(int(np.argmax(cv["mean_test_score"])) == gs.best_index_, "best = first max")
                    out.append({
                        "name": f"{fname}_{scaling}_{scoring}_{solver}",
                        "folds": fname, "test_fold_of_row": test_fold, "scaling": scaling,
                        "scoring": scoring, "solver": solver, "tol": tol, "max_iter": max_iter,
                        "alphas": ALPHAS, "l1_ratios": L1_RATIOS,
                        "mean_test_score": cv["mean_test_score"],
                        "std_test_score_ddof0": cv["std_test_score"],
                        "split_test_scores": [cv[f"split{f}_test_score"] for f in range(5)],
                        "best_index": int(gs.best_index_), "best_alpha": a, "best_l1_ratio": r,
                        "refit_coef_standardized": model.coef_, "refit_intercept": model.intercept_,
                        "refit_objective": enet_objective(Xs, y, model.coef_, model.intercept_, a, r),
                    })
    return out


def enet_timing(Xs, y):
    X = None  # only the global-scaling variant is timed
    tol, max_iter = SOLVERS["sklearn_default_tol"]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        _grid_search(X, Xs, y, np.arange(50) % 5, "global", "r2", tol, max_iter, n_jobs=1)
        times.append(time.perf_counter() - t0)
    return {"variant": "mod_global_r2_sklearn_default_tol", "n_jobs": 1, "repeats": 3,
            "best_seconds": min(times), "all_seconds": times, "cpu_count": os.cpu_count(),
            "machine": platform.machine(), "note": "36 candidates x 5 folds + refit = 181 fits"}


# ---------------------------------------------------------------------------------------------


def main():
    gen = generated_by()
    write_json("tests.json", {
        "generated_by": gen,
        "descriptives": descriptives(),
        "ttest_ind": ttest_ind(),
        "ttest_rel": ttest_rel(),
        "shapiro": shapiro(),
        "mannwhitneyu": mannwhitneyu(),
        "pearson": pearson(),
        "spearman": spearman(),
        "anova": anova(),
        "kruskal": kruskal(),
        "icc": icc(),
        "multipletests": multiple_tests(),
    })

    ds = design_50x27()
    dataset = {"design_50x27": {"columns": ds["columns"], "X": ds["X"], "y": ds["y"]}}
    ols, split = regression(ds)
    write_json("regression.json", {"generated_by": gen, "datasets": dataset,
                                   "ols": ols, "linear_regression_split": split})

    X, y = ds["X"], ds["y"]
    scaler = StandardScaler().fit(X)  # population SD (ddof=0)
    Xs = scaler.transform(X)
    write_json("elasticnet.json", {
        "generated_by": gen, "datasets": dataset,
        "X_standardized": Xs, "scaler_mean": scaler.mean_, "scaler_scale": scaler.scale_,
        "single": enet_single(Xs, y),
        "grid": enet_grid(X, Xs, y, scaler),
    })
    if "--no-timing" not in sys.argv:
        write_json("elasticnet_timing.json", {"generated_by": gen, "timing": enet_timing(Xs, y)})


if __name__ == "__main__":
    main()
