#!/usr/bin/python3
"""The contagion command as a user runs it: exit codes, messages, output files, and the HDF5
store read back with h5py alone (no contagion code). Run by CTest with the binary's path:
    /usr/bin/python3 tests/cli/test_cli.py BUILD/contagion
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np

CONTAGION = None  # set from argv

SCENARIO = """name = "cli-hk"
seed = 5
replicates = 2

[graph]
generator = "barabasi_albert"
n = 3000
m = 3

[model]
type = "hegselmann_krause"
epsilon = 0.25

[run]
max_steps = 60
tolerance = 1e-12

[record]
states_every = 10
"""


def run(*args, cwd=None):
    return subprocess.run([CONTAGION, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def datasets(path):
    """Every dataset of a file as {name: bytes}."""
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()].tobytes()) if isinstance(obj, h5py.Dataset) else None)
    return out


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.scenario = os.path.join(self.dir, "hk.toml")
        with open(self.scenario, "w") as f:
            f.write(SCENARIO)

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_run_writes_a_store_that_h5py_reads(self):
        out = self.path("runs.h5")
        r = run("run", self.scenario, "-o", out, "--threads", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("cli-hk.s5.r0: hegselmann_krause", r.stdout)
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["format"], "contagion")
            self.assertEqual(f.attrs["format_version"], 1)
            self.assertEqual(sorted(f["runs"]), ["cli-hk.s5.r0", "cli-hk.s5.r1"])
            run0 = f["runs/cli-hk.s5.r0"]
            self.assertEqual(run0.attrs["status"], "complete")
            self.assertEqual(run0.attrs["model.epsilon"], 0.25)
            self.assertEqual(run0.attrs["scenario"], SCENARIO)
            graph = f["graphs"][run0.attrs["graph"]]
            self.assertEqual(graph["offsets"].shape, (3001,))
            self.assertEqual(graph["targets"].shape[0], 2 * graph.attrs["m"])
            time = run0["time"][:]
            self.assertEqual(run0["metrics/mean"].shape, time.shape)
            self.assertEqual(run0["states"].shape[1], 3000)
            # HK keeps the mean only on regular graphs, but the range never grows.
            spread = run0["metrics/spread"][:]
            self.assertTrue(np.all(np.diff(spread) <= 1e-15))
            self.assertFalse("staging" in f)

    def test_one_and_two_threads_give_identical_datasets(self):
        one, two = self.path("one.h5"), self.path("two.h5")
        self.assertEqual(run("run", self.scenario, "-o", one, "--threads", "1", "-q").returncode, 0)
        self.assertEqual(run("run", self.scenario, "-o", two, "--threads", "2", "-q").returncode, 0)
        a, b = datasets(one), datasets(two)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            self.assertEqual(a[name], b[name], name)

    def test_bad_scenario_exits_1_naming_file_and_line_and_writes_nothing(self):
        bad = self.path("bad.toml")
        with open(bad, "w") as f:
            f.write(SCENARIO.replace("epsilon = 0.25", "epsilon = -0.25"))
        out = self.path("runs.h5")
        r = run("run", bad, "-o", out)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith(f"error: {bad}:12:"), r.stderr)
        self.assertIn("model.epsilon = -0.25 is outside (0, inf)", r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(sorted(os.listdir(self.dir)), ["bad.toml", "hk.toml"])  # no temporary left behind

    def test_bad_usage_exits_2(self):
        self.assertEqual(run("run").returncode, 2)
        self.assertEqual(run("run", self.scenario, "--threads", "x").returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(run("run", self.path("missing.toml")).returncode, 2)

    def test_help_has_an_example(self):
        for sub in ("run", "inspect", "demo"):
            r = run(sub, "--help")
            self.assertEqual(r.returncode, 0)
            self.assertIn("Example", r.stdout)

    def test_json_output_and_inspect(self):
        out = self.path("runs.h5")
        r = run("run", self.scenario, "-o", out, "--json", "--replicates", "1", "--seed", "11")
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertEqual(summary["runs"][0]["id"], "cli-hk.s11.r0")
        self.assertIn("spread", summary["runs"][0]["final"])
        info = json.loads(run("inspect", out, "--json").stdout)
        self.assertEqual(len(info["runs"]), 1)
        self.assertEqual(info["runs"][0]["seed"], 11)
        self.assertEqual(info["graphs"][0]["nodes"], 3000)
        with h5py.File(out, "r") as f:
            self.assertEqual(f["runs/cli-hk.s11.r0"].attrs["seed"], 11)
            self.assertEqual(f["runs/cli-hk.s11.r0"].attrs["replicates"], 1)
        text = run("inspect", out)
        self.assertEqual(text.returncode, 0)
        self.assertIn("cli-hk.s11.r0", text.stdout)

    def test_adding_to_a_store_keeps_it_and_a_repeated_run_is_refused(self):
        out = self.path("runs.h5")
        self.assertEqual(run("run", self.scenario, "-o", out, "-q", "--replicates", "1").returncode, 0)
        before = read_bytes(out)
        again = run("run", self.scenario, "-o", out, "-q", "--replicates", "1")
        self.assertEqual(again.returncode, 1)
        self.assertIn("already holds a run 'cli-hk.s5.r0'", again.stderr)
        self.assertEqual(read_bytes(out), before)
        self.assertEqual(run("run", self.scenario, "-o", out, "-q", "--replicates", "1", "--replace").returncode, 0)
        self.assertEqual(run("run", self.scenario, "-o", out, "-q", "--replicates", "1", "--seed", "6").returncode, 0)
        with h5py.File(out, "r") as f:
            self.assertEqual(sorted(f["runs"]), ["cli-hk.s5.r0", "cli-hk.s6.r0"])
            self.assertEqual(len(f["graphs"]), 2)  # another seed, another graph

    def test_ctrl_c_saves_the_interrupted_run_and_exits_130(self):
        long = self.path("long.toml")
        with open(long, "w") as f:
            f.write('name = "long"\n[graph]\ngenerator = "ring"\nn = 200000\n'
                    '[model]\ntype = "degroot"\n[run]\nmax_steps = 100000000\ntolerance = -1.0\n'
                    '[record]\nmetrics = ["mean"]\nmetrics_every = 100\n')
        out = self.path("long.h5")
        proc = subprocess.Popen([CONTAGION, "run", long, "-o", out, "--threads", "2"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 130, err)
        with h5py.File(out, "r") as f:
            run0 = f["runs/long.s0.r0"]
            self.assertEqual(run0.attrs["status"], "interrupted")
            self.assertEqual(run0.attrs["result.interrupted"], 1)
            self.assertGreater(run0.attrs["result.steps"], 0)
            self.assertEqual(run0["time"][-1], run0.attrs["result.steps"])

    def test_inspect_refuses_a_foreign_hdf5_file(self):
        foreign = self.path("foreign.h5")
        with h5py.File(foreign, "w") as f:
            f["x"] = np.arange(3)
        r = run("inspect", foreign)
        self.assertEqual(r.returncode, 1)
        self.assertIn("not a contagion run store", r.stderr)

    def test_demo_runs_end_to_end_and_again_into_the_same_file(self):
        for _ in range(2):
            r = run("demo", "-o", self.path("demo.h5"), "--workdir", self.path("work"), "--participants", "12",
                    "--agents", "300", "--threads", "2")
            self.assertEqual(r.returncode, 0, r.stderr)
        for step in ("1. lab study", "2. features", "3. statistics", "4. calibration", "5. simulation"):
            self.assertIn(step, r.stdout)
        self.assertIn("against the truth, expressiveness rho = ", r.stdout)
        with h5py.File(self.path("demo.h5"), "r") as f:
            runs = f["runs"]
            self.assertEqual(set(runs), {"demo-team.s1.r0", "demo-team-truth.s1.r0", "demo-community.s1.r0"})
            for run_group in runs.values():
                self.assertEqual(run_group.attrs["model"], "emotion_contagion")
                self.assertIn("calibrate.openness_from", run_group.attrs)
            self.assertEqual(len(runs["demo-team.s1.r0/final_state"]), 12)  # one agent per participant
            self.assertEqual(len(runs["demo-community.s1.r0/final_state"]), 300)
            self.assertEqual(set(f["features"]), {"demo_features", "demo_correlations", "demo_models"})
        with open(os.path.join(self.path("work"), "community_openness.txt")) as f:
            openness = [float(x) for x in f.read().split()]
        self.assertEqual(len(openness), 300)
        self.assertTrue(all(0.2 <= x <= 1.0 for x in openness))
        with open(os.path.join(self.path("work"), "team_openness.txt")) as f:
            team = sorted(float(x) for x in f.read().split())
        self.assertEqual(len(team), 12)
        self.assertAlmostEqual(team[0], 0.2)  # rank-mapped onto the whole range
        self.assertAlmostEqual(team[-1], 1.0)
    def test_synth_graph_writes_graphml_and_the_truth(self):
        r = run("synth", "graph", "--set", "generator=karate", "-o", self.path("k.graphml"), "--nodes",
                self.path("k.csv"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("k.csv")) as f:
            rows = f.read().splitlines()
        self.assertEqual(rows[0], "node,degree,block,club")
        clubs = [row.split(",")[3] for row in rows[1:]]
        self.assertEqual((clubs.count("0"), clubs.count("1")), (17, 17))
        with open(self.path("k.toml"), "w") as f:
            f.write('name = "k"\n[graph]\nfile = "k.graphml"\n[model]\ntype = "degroot"\n[run]\nmax_steps = 5\n')
        r = run("run", self.path("k.toml"), "-o", self.path("k.h5"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(self.path("k.h5"), "r") as f:
            (graph,) = f["graphs"].values()
            self.assertEqual(graph.attrs["m"], 78)
            self.assertEqual(set(graph["node_attributes"]), {"block", "club"})
        r = run("synth", "graph", "--set", "generator=lfr", "--set", "n=500", "-o", self.path("bad.graphml"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("graph.average_degree", r.stderr)  # a required key, named
        self.assertFalse(os.path.exists(self.path("bad.graphml")))
        self.assertEqual(run("synth", "graph", "--set", "generator", "-o", self.path("x.graphml")).returncode, 2)


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
