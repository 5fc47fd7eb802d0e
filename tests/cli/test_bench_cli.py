#!/usr/bin/python3
"""contagion bench: every scenario of bench/scenarios at its reduced size shows its expected
result; a missed expectation and a regression against a baseline fail the command.
    /usr/bin/python3 tests/cli/test_bench_cli.py BUILD/contagion SOURCE_DIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py

CONTAGION = None  # set from argv
SCENARIOS = None


def run(*args):
    return subprocess.run([CONTAGION, *args], capture_output=True, text=True, timeout=900)


class Bench(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_every_scenario_shows_its_expected_result_at_reduced_size(self):
        r = run("bench", "--all", "--reduced", "--dir", SCENARIOS, "--results", self.path("b.json"),
                "--csv", self.path("b.csv"), "-o", self.path("b.h5"))
        names = sorted(f[:-5] for f in os.listdir(SCENARIOS) if f.endswith(".toml"))
        self.assertGreaterEqual(len(names), 12)
        with open(self.path("b.json")) as f:
            results = json.load(f)
        self.assertTrue(results["reduced"])
        by_file = {os.path.basename(s["file"])[:-5]: s for s in results["scenarios"]}
        self.assertEqual(sorted(by_file), names)
        for name in names:
            with self.subTest(scenario=name):
                s = by_file[name]
                self.assertIn("statistic", s, "every scenario has a [bench] expectation")
                self.assertTrue(s["met"], f"{s['statistic']} = {s['value']}, expected {s['expected']}")
                self.assertGreater(s["wall_s"], 0)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(self.path("b.csv")) as f:
            self.assertEqual(len(list(csv.DictReader(f))), len(names))
        with h5py.File(self.path("b.h5"), "r") as f:
            self.assertGreaterEqual(len(f["runs"]), len(names))

    def test_a_missed_expectation_and_regressions_fail(self):
        scenarios = self.path("scenarios")
        os.mkdir(scenarios)
        shutil.copy(os.path.join(SCENARIOS, "degroot_ring.toml"), scenarios)
        with open(os.path.join(SCENARIOS, "hk_clusters.toml")) as f:
            text = f.read().replace("at_least = 3\nat_most = 7", "at_least = 10\nat_most = 20")
        with open(os.path.join(scenarios, "hk_clusters.toml"), "w") as f:
            f.write(text)
        baseline = {"scenarios": [{"name": "hk-clusters", "met": True, "wall_s": 1.0},
                                  {"name": "degroot-ring", "met": True, "wall_s": 0.05}]}
        with open(self.path("baseline.json"), "w") as f:
            json.dump(baseline, f)
        r = run("bench", "--all", "--dir", scenarios, "--compare", self.path("baseline.json"), "--slower", "1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("NOT MET  hk-clusters", r.stdout)
        self.assertIn("REGRESSION  hk-clusters: the expected result no longer holds", r.stdout)
        self.assertIn("REGRESSION  degroot-ring", r.stdout)
        self.assertIn("1 scenario(s) without their expected result, 2 regression(s)", r.stderr)

    def test_usage_errors(self):
        self.assertEqual(run("bench", "--dir", SCENARIOS).returncode, 2)  # neither --scenario nor --all
        r = run("bench", "--dir", SCENARIOS, "--scenario", "no_such_scenario")
        self.assertEqual(r.returncode, 2)
        self.assertIn("hk_clusters", r.stderr)  # lists the scenarios there are
        with open(self.path("bad.json"), "w") as f:
            f.write("{not json")
        r = run("bench", "--dir", SCENARIOS, "--scenario", "hk_clusters", "--compare", self.path("bad.json"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.json", r.stderr)


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    SCENARIOS = os.path.join(os.path.abspath(sys.argv.pop(1)), "bench", "scenarios")
    unittest.main(verbosity=2)
