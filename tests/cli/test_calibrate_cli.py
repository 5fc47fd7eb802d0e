#!/usr/bin/python3
"""`contagion calibrate series|dyad|degroot` as a user runs them, on series simulated here with numpy:
    /usr/bin/python3 tests/cli/test_calibrate_cli.py BUILD/contagion
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

CONTAGION = None  # set from argv


def run(*args, cwd=None):
    return subprocess.run([CONTAGION, "calibrate", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def fj_truth(n=5, seed=3):
    rng = np.random.default_rng(seed)
    a = (rng.random((n, n)) < 0.5) | np.eye(n, dtype=bool)
    a = a | a.T
    w = a * (rng.random((n, n)) + 0.2)
    return a, w / w.sum(1, keepdims=True), rng.uniform(0.6, 0.9, n), rng


class CalibrateCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.adjacency, self.w, self.lam, rng = fj_truth()
        n = len(self.lam)
        self.series = self.path("fj.csv")
        with open(self.series, "w") as f:
            f.write("run,step," + ",".join(f"a{i}" for i in range(n)) + "\n")
            for k in range(12):
                x0 = rng.random(n)
                x = x0.copy()
                for t in range(10):
                    f.write(f"r{k},{t}," + ",".join(repr(v) for v in x) + "\n")
                    x = self.lam * (self.w @ x) + (1 - self.lam) * x0
        self.graph = self.path("graph.txt")
        with open(self.graph, "w") as f:
            for i in range(n):
                for j in range(i + 1, n):
                    if self.adjacency[i, j]:
                        f.write(f"{i} {j}\n")

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_series_ranks_fj_first_and_recovers_it(self):
        out = run("series", self.series, "--trajectory", "run", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["best"], "fj")
        self.assertEqual([m["model"] for m in result["ranking"]][0], "fj")
        self.assertEqual(len(result["ranking"]), 4)
        np.testing.assert_allclose(np.array(result["fits"]["fj"]["weights"]), self.w, atol=1e-6)
        np.testing.assert_allclose(result["fits"]["fj"]["susceptibility"], self.lam, atol=1e-6)

    def test_scenario_written_runs_and_reproduces_the_first_trajectory(self):
        toml = self.path("fit.toml")
        out = run("series", self.series, "--trajectory", "run", "--model", "fj", "--graph", self.graph, "-o", toml)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("rank", out.stdout)
        self.assertTrue(os.path.exists(self.path("fit.graphml")))
        store = self.path("runs.h5")
        ran = subprocess.run([CONTAGION, "run", toml, "-o", store], capture_output=True, text=True, timeout=120)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        with h5py.File(store, "r") as f:
            (run_id,) = list(f["runs"].keys())
            self.assertEqual(f["runs"][run_id].attrs["model"], "friedkin_johnsen")
            self.assertIn("mean", f["runs"][run_id]["metrics"])

    def test_graph_that_does_not_match_the_agents_is_an_error(self):
        with open(self.path("small.txt"), "w") as f:
            f.write("0 1\n1 2\n")
        out = run("series", self.series, "--trajectory", "run", "--graph", self.path("small.txt"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("the graph has 3 nodes", out.stderr)
        self.assertIn("5 agent columns", out.stderr)

    def test_missing_value_names_file_line_and_column(self):
        with open(self.series) as f:
            lines = f.read().splitlines()
        cells = lines[4].split(",")
        cells[3] = "NA"
        lines[4] = ",".join(cells)
        bad = self.path("gap.csv")
        with open(bad, "w") as f:
            f.write("\n".join(lines) + "\n")
        out = run("series", bad, "--trajectory", "run")
        self.assertEqual(out.returncode, 1)
        self.assertIn("gap.csv:5", out.stderr)
        self.assertIn("a1", out.stderr)
        out = run("degroot", "--series", bad, "--trajectory", "run")
        self.assertEqual(out.returncode, 1)
        self.assertIn("gap.csv:5", out.stderr)

    def test_degroot_alias_still_works(self):
        out = run("degroot", "--series", self.series, "--trajectory", "run", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(len(json.loads(out.stdout)["weights"]), 25)

    def test_dyad_two_files_and_one_file(self):
        rng = np.random.default_rng(7)
        frames = 3000
        a, b = np.zeros(frames), np.zeros(frames)
        for t in range(2, frames - 1):
            a[t + 1] = 0.5 * a[t] + 0.4 * b[t - 2] + 0.1 * rng.standard_normal()
            b[t + 1] = 0.7 * b[t] + 0.1 * rng.standard_normal()
        for name, values in (("a.csv", a), ("b.csv", b)):
            with open(self.path(name), "w") as f:
                f.write("time,AU12_r,AU06_r\n")
                for t, v in enumerate(values):
                    f.write(f"{t / 30},{v!r},0\n")
        out = run("dyad", self.path("a.csv"), self.path("b.csv"), "--channel", "AU12_r", "--max-lag", "5", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["b_to_a"]["lag"], 2)
        self.assertAlmostEqual(result["b_to_a"]["contagion"], 0.4, delta=0.05)
        self.assertAlmostEqual(result["b_to_a"]["inertia"], 0.5, delta=0.05)
        low, high = result["b_to_a"]["contagion_ci"]
        self.assertLess(low, 0.4)
        self.assertGreater(high, 0.4)
        with open(self.path("pair.csv"), "w") as f:
            f.write("frame,joy_a,joy_b\n")
            for t in range(frames):
                f.write(f"{t},{a[t]!r},{b[t]!r}\n")
        out = run("dyad", self.path("pair.csv"), "--max-lag", "5")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("joy_a <- joy_b: lag 2", out.stdout)

    def test_dyad_unequal_lengths_is_an_error(self):
        for name, frames in (("a.csv", 50), ("b.csv", 40)):
            with open(self.path(name), "w") as f:
                f.write("x\n" + "".join(f"{np.sin(t)}\n" for t in range(frames)))
        out = run("dyad", self.path("a.csv"), self.path("b.csv"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("50 frames", out.stderr)
        self.assertIn("has 40", out.stderr)

    def test_help_has_examples(self):
        for sub in ("series", "dyad", "degroot"):
            out = run(sub, "--help")
            self.assertEqual(out.returncode, 0)
            self.assertIn("Example", out.stdout)


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    unittest.main()
