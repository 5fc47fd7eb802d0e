#!/usr/bin/python3
"""`contagion features` and `contagion synchrony` as a user runs them, on the real sample
exports in tests/data/facial, with the outputs read back with csv and h5py alone:
    /usr/bin/python3 tests/cli/test_facial_cli.py BUILD/contagion
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import h5py

CONTAGION = None  # set from argv
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "facial")


def run(*args):
    return subprocess.run([CONTAGION, *args], capture_output=True, text=True, timeout=300)


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class FacialCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_imotions_export_with_its_own_stimulus_column(self):
        out = run("features", "--input", os.path.join(DATA, "iMotions_Test_v5.txt"), "--baseline", "none",
                  "-o", self.path("f.csv"), "--quality", self.path("q.csv"), "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        summary = json.loads(out.stdout)
        self.assertEqual(summary["used"], 1)
        quality = rows(self.path("q.csv"))
        self.assertEqual(quality[0]["participant"], "Nate")
        self.assertEqual(quality[0]["frames"], "264")
        features = rows(self.path("f.csv"))
        stimuli = {r["stimulus"] for r in features}
        self.assertTrue({"Emotient_Baseline", "screen_data"} <= stimuli)
        joy = [r for r in features if r["stimulus"] == "screen_data" and r["channel"] == "joy" and r["feature"] == "max"]
        self.assertEqual(len(joy), 1)
        self.assertTrue(0.0 <= float(joy[0]["value"]) <= 1.0)  # FACET evidence read as a probability

    def test_openface_with_a_stimulus_log_into_the_store(self):
        events = self.path("events.csv")
        with open(events, "w") as f:
            f.write("participant,stimulus,category,onset,offset\nOpenFace_Test,AF01HAS,happy,1.0,2.5\n")
        store = self.path("features.h5")
        out = run("features", "--input", os.path.join(DATA, "OpenFace_Test.csv"), "--events", events,
                  "--fps", "30", "--baseline", "pre:0.5s", "--store", store, "-q")
        self.assertEqual(out.returncode, 0, out.stderr)
        with h5py.File(store, "r") as f:
            table = f["features/features"]
            self.assertEqual(table.attrs["columns"], "participant,stimulus,category,channel,feature,value")
            participants = {p.decode() if isinstance(p, bytes) else p for p in table["participant"][:]}
            self.assertEqual(participants, {"OpenFace_Test"})
            self.assertTrue(any(v == v for v in table["value"][:]))  # some finite features
            self.assertIn("features_quality", f["features"])
        again = run("features", "--input", os.path.join(DATA, "OpenFace_Test.csv"), "--events", events,
                    "--fps", "30", "--store", store, "-q")
        self.assertEqual(again.returncode, 1)
        self.assertIn("already holds a table 'features'", again.stderr)

    def test_bad_inputs_are_named(self):
        bad = self.path("bad.csv")
        with open(bad, "w") as f:
            f.write("frame, timestamp, confidence, success, AU01_r\n1, 0.0, 0.9, 1, 0.5\n2, 0.033, 0.9\n")
        out = run("features", "--input", bad, "-o", self.path("f.csv"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("bad.csv:3", out.stderr)
        events = self.path("events.csv")
        with open(events, "w") as f:
            f.write("participant,stimulus,category,onset,offset\np1,s1,happy,5,4\n")
        out = run("features", "--input", os.path.join(DATA, "001.csv"), "--events", events, "-o", self.path("f.csv"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("events.csv:2", out.stderr)
        self.assertIn("not after onset", out.stderr)
        self.assertFalse(os.path.exists(self.path("f.csv")))  # no partial output
        out = run("features", "--input", bad, "--baseline", "before:1")
        self.assertEqual(out.returncode, 2)

    def test_synthetic_study_through_features_and_study(self):
        study = self.path("study")
        out = run("synth", "lab", "--participants", "8", "--format", "affdex", "--seed", "3", "--noise", "0.01",
                  "-o", study, "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["participants"], 8)
        exports = sorted(os.path.join(study, f) for f in os.listdir(study) if f.startswith("p0"))
        self.assertEqual(len(exports), 8)
        out = run("features", "--input", *exports, "--events", os.path.join(study, "events.csv"),
                  "-o", self.path("f.csv"), "--timecourses", self.path("tc.csv"), "--timecourse-channels", "joy", "-q")
        self.assertEqual(out.returncode, 0, out.stderr)
        courses = rows(self.path("tc.csv"))
        happy = [float(r["mean"]) for r in courses if r["category"] == "happy" and r["participant"] == "p001"]
        self.assertEqual(len(happy), 300)  # 10 s at 30 frames per second
        self.assertGreater(max(happy), happy[0])  # joy rises after happy faces
        out = run("study", "--features", self.path("f.csv"), "--participants", os.path.join(study, "participants.csv"),
                  "--group", "gender", "-o", self.path("report"), "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(len(json.loads(out.stdout)["participant_features"]), 8)
        config = self.path("lab.toml")
        with open(config, "w") as f:
            f.write("[lab]\nparticipants = 2\nnoise_sd = 0.01\nnoyse = 1\n")
        out = run("synth", "lab", "--config", config, "-o", self.path("s2"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("lab.toml:4", out.stderr)
        self.assertIn("unknown key 'lab.noyse'", out.stderr)

    def test_synthetic_film_study_as_facereader_logs_and_stimulus_lists(self):
        study = self.path("films")
        out = run("synth", "lab", "--participants", "3", "--protocol", "film", "--format", "facereader",
                  "--blinks", "15", "--glasses", "0.5", "--jitter", "0.002", "--threads", "2", "-o", study, "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["events"], 18)  # the six default clips
        exports = sorted(os.path.join(study, f) for f in os.listdir(study) if f.startswith("p0"))
        self.assertEqual([os.path.basename(e) for e in exports], ["p001.txt", "p002.txt", "p003.txt"])
        with open(exports[0], newline="") as f:
            self.assertTrue(f.readline().startswith("Video analysis detailed log"))
        blinks = [r for r in rows(os.path.join(study, "truth_detector.csv")) if r["event"] == "blink"]
        self.assertGreater(len(blinks), 10)
        self.assertIn("ecs_15", rows(os.path.join(study, "ecs_items.csv"))[0])
        out = run("features", "--input", *exports, "--events", os.path.join(study, "events.csv"),
                  "-o", self.path("f.csv"), "-q")
        self.assertEqual(out.returncode, 0, out.stderr)
        # A TOML study: film clips as tables, groups with a reactivity shift.
        config = self.path("lab.toml")
        with open(config, "w") as f:
            f.write('[lab]\nparticipants = 4\nprotocol = "film"\ngroups = ["control", "patient"]\n'
                    'group_reactivity_shift_sd = [0.0, -0.5]\n'
                    '[lab.clips.loss]\nlength_s = 30\nprofile = { sadness = 0.7, fear = 0.3 }\n')
        out = run("synth", "lab", "--config", config, "-o", self.path("toml"), "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        events = rows(os.path.join(self.path("toml"), "events.csv"))
        self.assertEqual({(e["stimulus"], e["category"]) for e in events}, {("loss", "sad")})
        groups = [r["group"] for r in rows(os.path.join(self.path("toml"), "participants.csv"))]
        self.assertEqual(groups, ["control", "patient", "control", "patient"])
        with open(config, "a") as f:
            f.write('[lab.clips.joke]\nlength_s = 20\nprofile = { boredom = 1.0 }\n')
        out = run("synth", "lab", "--config", config, "-o", self.path("toml2"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("lab.toml:11", out.stderr)
        self.assertIn("lab.clips.joke.profile.boredom", out.stderr)
        # A stimulus list with a bad row: file, line and field named, nothing written.
        stimuli = self.path("stimuli.csv")
        with open(stimuli, "w") as f:
            f.write("id,category,onset,offset\nimg1,joy,5,10\nimg2,anger,30,25\n")
        out = run("synth", "lab", "--protocol", stimuli, "-o", self.path("list"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("stimuli.csv:3", out.stderr)
        self.assertIn("offset", out.stderr)
        self.assertFalse(os.path.exists(self.path("list")))
        with open(stimuli, "w") as f:
            f.write("id,category,onset,offset\nimg1,joy,5,10\nimg2,anger,25,30\n")
        out = run("synth", "lab", "--protocol", stimuli, "--format", "pyfeat", "-o", self.path("list"), "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["events"], 80)  # 2 stimuli x 40 participants
        self.assertIn("--protocol film", run("synth", "lab", "--help").stdout)

    def test_synchrony_of_a_two_column_file(self):
        series = self.path("dyad.txt")
        with open(series, "w") as f:
            f.write('"pat" "th"\n')
            for t in range(3000):
                a = math.sin(t * 0.05) + math.sin(t * 0.31)
                b = math.sin((t - 20) * 0.05) + math.sin((t - 20) * 0.31)  # th follows by 20 samples
                f.write(f"{a:.6f} {b:.6f}\n")
        out = run("synchrony", series, "--rate", "10", "--window", "60", "--step", "30", "--max-lag", "5",
                  "--surrogates", "10", "-o", self.path("w.csv"), "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["series"], ["pat", "th"])
        self.assertEqual(result["windows"], 9)
        windows = rows(self.path("w.csv"))
        self.assertTrue(all(abs(float(w["best_lag_s"]) - 2.0) < 1e-9 for w in windows))
        self.assertGreater(result["grand_average"], result["surrogates"]["mean"])
        self.assertEqual(run("synchrony", series).returncode, 2)  # needs --rate


if __name__ == "__main__":
    CONTAGION = os.path.abspath(sys.argv.pop(1))
    unittest.main()
