#!/usr/bin/python3
"""`contagion stats` as a user runs it, against scipy on the same CSV (Debian's python3-scipy):
    /usr/bin/python3 tests/cli/test_stats_cli.py BUILD/contagion
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
from scipy import stats

CONTAGION = None  # set from argv

ROWS = [  # participant, gender, eq, joy, anger
    ("p1", "f", 48, 12.5, 3.0), ("p2", "m", 35, 4.0, 8.5), ("p3", "f", 52, 20.1, 1.0),
    ("p4", "m", 41, 7.7, ""), ("p5", "f", 60, 25.0, 2.2), ("p6", "m", 29, 3.1, 9.9),
    ("p7", "f", 44, 15.2, 4.4), ("p8", "m", 38, 6.6, 7.0), ("p9", "f", "NA", 18.0, 3.3),
    ("p10", "m", 33, 5.5, 6.1),
]


def run(*args):
    return subprocess.run([CONTAGION, "stats", *args], capture_output=True, text=True, timeout=120)


class StatsCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.dir.name, "wide.csv")
        with open(self.csv, "w") as f:
            f.write("participant,gender,eq,joy,anger\r\n")
            for row in ROWS:
                f.write(",".join(str(v) for v in row) + "\r\n")

    def tearDown(self):
        self.dir.cleanup()

    def column(self, name, gender=None):
        index = {"eq": 2, "joy": 3, "anger": 4}[name]
        values = [r[index] for r in ROWS if gender is None or r[1] == gender]
        return np.array([np.nan if v in ("", "NA") else float(v) for v in values])

    def test_ttest_matches_scipy(self):
        out = run("ttest", "--data", self.csv, "--value", "joy", "--group", "gender", "--groups", "f,m", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        f, m = self.column("joy", "f"), self.column("joy", "m")
        for key, equal in (("student", True), ("welch", False)):
            ref = stats.ttest_ind(f, m, equal_var=equal)
            self.assertAlmostEqual(result[key]["t"], ref.statistic, places=10)
            self.assertAlmostEqual(result[key]["p"], ref.pvalue, places=10)
        self.assertEqual(result["groups"], ["f", "m"])

    def test_missing_values_are_dropped_and_reported(self):
        out = run("ttest", "--data", self.csv, "--value", "eq", "--group", "gender", "--json")
        result = json.loads(out.stdout)
        self.assertEqual(result["missing"], 1)
        ref = stats.ttest_ind(self.column("eq", "f"), self.column("eq", "m"), nan_policy="omit")
        self.assertAlmostEqual(result["student"]["t"], ref.statistic, places=10)

    def test_correlate_and_ols(self):
        out = run("correlate", "--data", self.csv, "--x", "eq", "--y", "joy,anger", "--method", "spearman", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        rows = {r["column"]: r for r in json.loads(out.stdout)}
        eq, joy = self.column("eq"), self.column("joy")
        keep = ~np.isnan(eq)
        ref = stats.spearmanr(eq[keep], joy[keep])
        self.assertAlmostEqual(rows["joy"]["r"], ref.correlation, places=12)
        self.assertEqual(rows["joy"]["n"], 9)
        out = run("ols", "--data", self.csv, "--y", "eq", "--x", "joy,anger", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        ols = json.loads(out.stdout)
        self.assertEqual(ols["nobs"], 8)  # p4 (anger) and p9 (eq) dropped listwise
        self.assertEqual([c["name"] for c in ols["coefficients"]], ["const", "joy", "anger"])
        self.assertIn("Omnibus", run("ols", "--data", self.csv, "--y", "eq", "--x", "joy").stdout)

    def test_errors_name_the_problem(self):
        out = run("ttest", "--data", self.csv, "--value", "fear", "--group", "gender")
        self.assertEqual(out.returncode, 1)
        self.assertIn("no column 'fear' (the columns are: participant, gender, eq, joy, anger)", out.stderr)
        out = run("ttest", "--data", self.csv, "--value", "gender", "--group", "participant")
        self.assertEqual(out.returncode, 1)
        self.assertIn("wide.csv:2:2: [gender] 'f' is not a number", out.stderr)
        out = run("ttest", "--data", self.csv, "--value", "joy", "--group", "participant")
        self.assertEqual(out.returncode, 2)
        self.assertIn("has 10 groups", out.stderr)
        self.assertEqual(run("kurtosis", "--data", self.csv).returncode, 2)
        bad = os.path.join(self.dir.name, "bad.csv")
        with open(bad, "w") as f:
            f.write("a,b\n1,2\n3\n")
        out = run("describe", "--data", bad)
        self.assertEqual(out.returncode, 1)
        self.assertIn("bad.csv:3: 1 fields; the header has 2", out.stderr)

    def test_score_a_questionnaire(self):
        responses = os.path.join(self.dir.name, "ecs.csv")
        with open(responses, "w") as f:
            f.write("participant," + ",".join(f"ecs_{i}" for i in range(1, 16)) + "\n")
            f.write("a," + ",".join(["3"] * 15) + "\n")
            f.write("b," + ",".join(["always"] * 14 + ["never"]) + "\n")
            f.write("c," + ",".join(["9"] + ["2"] * 14) + "\n")
        scores = os.path.join(self.dir.name, "scores.csv")
        out = run("score", "--data", responses, "--key", "ecs", "--prefix", "ecs_", "-o", scores, "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["problems"], ["c: item 1 is 9, outside 1-4"])
        with open(scores) as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "participant,ecs,love,happiness,fear,anger,sadness")
        self.assertEqual(lines[1], "a,45,9,9,9,9,9")
        self.assertEqual(lines[2], "b,57,12,12,9,12,12")
        self.assertEqual(lines[3].split(",")[:3], ["c", "", "6"])  # item 1 (sadness) is bad

    def test_study_report(self):
        rng = np.random.RandomState(3)
        features = os.path.join(self.dir.name, "features.csv")
        people = os.path.join(self.dir.name, "people.csv")
        joy = {}
        with open(features, "w") as f, open(people, "w") as g:
            f.write("participant,stimulus,category,channel,feature,value\n")
            g.write("participant,eq,gender\n")
            for i in range(20):
                p = f"p{i:02d}"
                joy[p] = rng.uniform()
                for cat in ("happy", "angry"):
                    for ch, v in (("joy", joy[p]), ("AU12", rng.uniform()), ("anger", rng.uniform())):
                        f.write(f"{p},*,{cat},{ch},max,{v}\n{p},*,{cat},{ch},max_first_2s,{v / 2}\n")
                        f.write(f"{p},{cat}1,{cat},{ch},max,{v}\n")
                f.write(f"{p},*,*,*,overall_reactivity,{joy[p]}\n")
                g.write(f"{p},{40 + 20 * joy[p] + rng.normal()},{'f' if i % 2 else 'm'}\n")
        report = os.path.join(self.dir.name, "report")
        out = subprocess.run([CONTAGION, "study", "--features", features, "--participants", people, "--group", "gender",
                              "-o", report, "--json"], capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["correlations"][0]["channel"], "joy")
        with open(people) as f:
            lines = f.read().splitlines()[1:]
        eq = np.array([float(l.split(",")[1]) for l in lines])
        ref = stats.pearsonr(eq, np.array([joy[f"p{i:02d}"] for i in range(20)]))
        self.assertAlmostEqual(result["correlations"][0]["pearson_r"], ref.statistic, places=12)
        self.assertEqual(len(result["models"]), 9)
        for name in ("correlations", "ols", "models", "median_split", "group_comparison", "report"):
            self.assertTrue(os.path.exists(os.path.join(report, name + (".md" if name == "report" else ".csv"))))

    def test_calibrate_degroot_recovers_the_weights(self):
        weights = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.0, 0.4, 0.6]])
        rng = np.random.RandomState(1)
        series = os.path.join(self.dir.name, "series.csv")
        with open(series, "w") as f:
            f.write("run,time,a,b,c\n")
            for r in range(6):
                x = rng.uniform(size=3)
                for t in range(5):
                    f.write(f"{r},{t},{x[0]!r},{x[1]!r},{x[2]!r}\n")
                    x = weights @ x
        out = subprocess.run([CONTAGION, "calibrate", "degroot", "--series", series, "--trajectory", "run",
                              "--hold-out", "1", "--bootstrap", "20", "--json"], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        fitted = {(w["agent"], w["attends_to"]): w["weight"] for w in result["weights"]}
        for i, a in enumerate("abc"):
            for j, b in enumerate("abc"):
                self.assertAlmostEqual(fitted[(a, b)], weights[i, j], places=8)
        self.assertGreater(result["held_out"]["r2_vs_persistence"], 0.999)
        out = subprocess.run([CONTAGION, "calibrate", "degroot", "--series", series, "--agents", "a"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 2)

    def test_every_test_has_help_with_an_example(self):
        for test in ("score", "describe", "ttest", "mwu", "correlate", "normality", "anova", "icc", "ols", "elasticnet"):
            out = run(test, "--help")
            self.assertEqual(out.returncode, 0)
            self.assertIn("Example", out.stdout)


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    unittest.main()
