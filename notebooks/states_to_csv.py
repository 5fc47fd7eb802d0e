#!/usr/bin/env python3
"""Write the recorded states of every run of a contagion HDF5 store as one CSV of trajectories.

One row per recorded time step and run: `trajectory` (the run's replicate), `t`, then one column
per agent (a0, a1, ...), the layout `contagion calibrate series/degroot` reads. Optional Gaussian
measurement noise (--noise SD, seeded by --seed) makes the series look measured. Reads the store
with h5py only (README "HDF5 layout"); used by notebooks/make_data.sh.
"""
import argparse
import csv

import h5py
import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("store")
    ap.add_argument("output")
    ap.add_argument("--scenario", help="only runs of this scenario_name")
    ap.add_argument("--noise", type=float, default=0.0, help="SD of added Gaussian noise")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    with h5py.File(args.store, "r") as f, open(args.output, "w", newline="") as out:
        runs = [(int(r.attrs["replicate"]), name) for name, r in f["runs"].items()
                if args.scenario is None or r.attrs["scenario_name"] == args.scenario]
        if not runs:
            raise SystemExit(f"{args.store}: no runs" + (f" of {args.scenario}" if args.scenario else ""))
        writer = None
        for replicate, name in sorted(runs):
            run = f["runs"][name]
            if "states" not in run:
                raise SystemExit(f"{args.store}: run {name} has no recorded states ([record] states_every)")
            states = run["states"][:].astype(float)
            times = run["state_time"][:]
            if args.noise > 0:
                states = states + rng.normal(0.0, args.noise, states.shape)
            if writer is None:
                writer = csv.writer(out)
                writer.writerow(["trajectory", "t"] + [f"a{i}" for i in range(states.shape[1])])
            for t, row in zip(times, states):
                writer.writerow([replicate, int(t)] + [repr(float(v)) for v in row])


if __name__ == "__main__":
    main()
