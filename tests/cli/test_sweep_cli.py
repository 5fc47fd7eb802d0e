#!/usr/bin/python3
"""contagion sweep as a user runs it: the grid, the run names and seeds, the summary table, the
scenario stored with each run, determinism across thread counts, and no lost run after
kill -9 or Ctrl-C: a resumed sweep writes exactly the store an uninterrupted one writes.
    /usr/bin/python3 tests/cli/test_sweep_cli.py BUILD/contagion
"""
import csv
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

HK = """name = "hk"
seed = 5
replicates = 2

[graph]
generator = "watts_strogatz"
n = 300
k = 4
beta = 0.1

[model]
type = "hegselmann_krause"
epsilon = 0.2

[run]
max_steps = 200
tolerance = 1e-12
"""

# About 0.3 s per run on one thread: slow enough to kill the sweep half way.
SLOW = """name = "slow"
seed = 3
replicates = 3

[graph]
generator = "barabasi_albert"
n = 4000
m = 3

[model]
type = "degroot"

[run]
max_steps = 3000
tolerance = 0
"""

# Attributes that say when and how fast a run went, not what it computed.
TIMING = {"started", "finished", "wall_s"}


def run(*args, cwd=None):
    return subprocess.run([CONTAGION, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def content(path, ignore=TIMING):
    """Every group's attributes and every dataset's bytes, except the timing attributes."""
    out = {}

    def visit(name, obj):
        for key, value in obj.attrs.items():
            if key not in ignore:
                out[f"{name}@{key}"] = value.tobytes() if isinstance(value, np.ndarray) else value
        if isinstance(obj, h5py.Dataset):
            out[name] = obj[()].tobytes()

    with h5py.File(path, "r") as f:
        visit("/", f)
        f.visititems(visit)
    return out


class Sweep(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        for name, text in (("hk.toml", HK), ("slow.toml", SLOW)):
            with open(os.path.join(self.dir, name), "w") as f:
                f.write(text)

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_grid_names_seeds_and_summary(self):
        r = run("sweep", self.path("hk.toml"), "--vary", "model.epsilon=0.1:0.3:3", "--vary", "graph.k=4,6",
                "-o", self.path("hk.h5"), "--summary", self.path("hk.csv"), "--threads", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 point(s) x 2 replicate(s) = 12 runs", r.stdout)
        with h5py.File(self.path("hk.h5"), "r") as f:
            runs = f["runs"]
            self.assertEqual(len(runs), 12)  # 3 x 2 points x 2 replicates
            labels = set()
            for rid, g in runs.items():
                self.assertEqual(g.attrs["status"], "complete")
                point = g.attrs["sweep.point"]
                labels.add(point)
                eps = float(point.split(",")[0].split("=")[1])
                self.assertEqual(g.attrs["model.epsilon"], eps)
                self.assertEqual(g.attrs["graph.k"], int(point.split(",")[1].split("=")[1]))
                self.assertTrue(rid.startswith(f"hk@{point}.s{g.attrs['seed']}.r"), rid)
                self.assertIn(f"seed = {g.attrs['seed']}", g.attrs["scenario"])
            self.assertEqual(labels, {f"model.epsilon={e},graph.k={k}" for e in ("0.1", "0.2", "0.3") for k in (4, 6)})
            seeds = {runs[r].attrs["sweep.point"]: runs[r].attrs["seed"] for r in runs}
            self.assertEqual(len(set(seeds.values())), 6, "every point derives its own seed")
        with open(self.path("hk.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 12)
        self.assertIn("final.mean", rows[0])
        self.assertEqual(sorted({r["model.epsilon"] for r in rows}), ["0.1", "0.2", "0.3"])

    def test_common_seed_shares_the_seed(self):
        r = run("sweep", self.path("hk.toml"), "--vary", "model.epsilon=0.1,0.2", "--common-seed", "--seed", "9",
                "-o", self.path("c.h5"), "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(self.path("c.h5"), "r") as f:
            self.assertEqual({int(g.attrs["seed"]) for g in f["runs"].values()}, {9})
            self.assertEqual(len(f["graphs"]), 1)

    def test_stored_scenario_reproduces_the_run(self):
        self.assertEqual(run("sweep", self.path("hk.toml"), "--vary", "model.epsilon=0.15:0.25:2",
                             "-o", self.path("s.h5"), "-q").returncode, 0)
        with h5py.File(self.path("s.h5"), "r") as f:
            rid = sorted(f["runs"])[-1]
            g = f["runs"][rid]
            text, replicate, mean = g.attrs["scenario"], int(g.attrs["replicate"]), g["metrics/mean"][()]
        with open(self.path("point.toml"), "w") as f:
            f.write(text)
        r = run("run", self.path("point.toml"), "-o", self.path("one.h5"), "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(self.path("one.h5"), "r") as f:
            again = [g for g in f["runs"].values() if int(g.attrs["replicate"]) == replicate][0]
            np.testing.assert_array_equal(again["metrics/mean"][()], mean)

    def test_same_store_for_any_thread_count(self):
        for threads in ("1", "2"):
            r = run("sweep", self.path("hk.toml"), "--vary", "model.epsilon=0.1:0.3:3", "-o",
                    self.path(f"t{threads}.h5"), "--threads", threads, "-q")
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(content(self.path("t1.h5")), content(self.path("t2.h5")))

    def resumed_equals_uninterrupted(self, stop_signal):
        args = ["sweep", self.path("slow.toml"), "--vary", "graph.m=2:4:3", "--threads", "1", "-q"]
        self.assertEqual(run(*args, "-o", self.path("whole.h5")).returncode, 0)

        out, parts = self.path("cut.h5"), self.path("cut.h5.parts")
        child = subprocess.Popen([CONTAGION, *args, "-o", out], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while time.time() < deadline and child.poll() is None:
            if os.path.isdir(parts) and sum(p.endswith(".h5") for p in os.listdir(parts)) >= 2:
                break
            time.sleep(0.02)
        self.assertIsNone(child.poll(), "the sweep finished before it could be interrupted")
        child.send_signal(stop_signal)
        _, err = child.communicate(timeout=120)
        if stop_signal == signal.SIGKILL:
            self.assertEqual(child.returncode, -signal.SIGKILL)
            self.assertFalse(os.path.exists(out), "nothing is merged before the sweep ends")
            done = sum(p.endswith(".h5") for p in os.listdir(parts))
            self.assertGreaterEqual(done, 2)
            self.assertLess(done, 9)
            again = run(*args, "-o", out)
            self.assertEqual(again.returncode, 2, "an interrupted sweep is not restarted without --resume")
            self.assertIn("--resume", again.stderr)
        else:
            self.assertEqual(child.returncode, 130, err)
            self.assertIn("--resume", err.decode())
            with h5py.File(out, "r") as f:  # the finished runs were merged on the way out
                self.assertGreaterEqual(len(f["runs"]), 2)
                self.assertLess(len(f["runs"]), 9)
        r = run(*args, "-o", out, "--resume", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertTrue(summary["complete"])
        self.assertLess(summary["runs_new"], 9, "finished runs are not run again")
        self.assertFalse(os.path.exists(parts))
        self.assertEqual(content(out), content(self.path("whole.h5")))

    def test_resume_after_kill_9_gives_the_uninterrupted_store(self):
        self.resumed_equals_uninterrupted(signal.SIGKILL)

    def test_resume_after_ctrl_c_gives_the_uninterrupted_store(self):
        self.resumed_equals_uninterrupted(signal.SIGINT)

    def test_resume_of_a_finished_sweep_runs_nothing(self):
        args = ["sweep", self.path("hk.toml"), "--vary", "model.epsilon=0.1,0.2", "-o", self.path("f.h5")]
        self.assertEqual(run(*args, "-q").returncode, 0)
        before = content(self.path("f.h5"), ignore=set())
        again = run(*args)
        self.assertEqual(again.returncode, 2, "the store already holds these runs")
        self.assertIn("--resume", again.stderr)
        r = run(*args, "--resume", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["runs_new"], 0)
        self.assertEqual(content(self.path("f.h5"), ignore=set()), before)

    def test_bad_grids_are_refused_before_anything_runs(self):
        cases = [
            (["--vary", "model.epsilon"], 2, "KEY=A:B:N"),
            (["--vary", "model.epsilon=0.1:0.2"], 2, "A:B:N"),
            (["--vary", "model.epsilon=0.1:0.2:0"], 2, "whole number"),
            (["--vary", "model.epsilon=a:b:3"], 2, "numbers"),
            (["--vary", "seed=1,2"], 2, "--seed"),
            (["--vary", "model.epsilon=0.1", "--vary", "model.epsilon=0.2"], 2, "twice"),
            (["--vary", "model.epsilon=0.2,-1"], 1, "model.epsilon"),  # out of range at one point
            (["--vary", "model.epsilom=0.2"], 1, "epsilom"),  # a key the model does not read
            (["--vary", "graph.n=100.5"], 1, "graph.n"),
        ]
        for extra, code, message in cases:
            with self.subTest(extra=extra):
                r = run("sweep", self.path("hk.toml"), *extra, "-o", self.path("bad.h5"))
                self.assertEqual(r.returncode, code, r.stderr)
                self.assertIn(message, r.stderr)
                self.assertFalse(os.path.exists(self.path("bad.h5")))
                self.assertFalse(os.path.exists(self.path("bad.h5.parts")))


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
