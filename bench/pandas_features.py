#!/usr/bin/python3
"""pandas on the files of bench_facial's BM_FeaturePipeline: read_csv, cut 10-s epochs after
each onset with a 1-s pre-onset mean baseline, and the per-channel max, averaged per category
-- the one-off script the field writes today (Debian's python3-pandas, not pip).

    build/bench/bench_facial                                        # writes the files first
    /usr/bin/python3 bench/pandas_features.py [/tmp/contagion_bench_facial]

Prints the median and the best of 3 runs in seconds.
"""
import statistics
import sys
import time
from pathlib import Path

import pandas as pd


def run(directory):
    events = pd.read_csv(directory / "events.csv")
    results = []
    for participant, own in events.groupby("participant"):
        frames = pd.read_csv(directory / f"{participant}.csv")
        channels = [c for c in frames.columns if c != "time"]
        for _, e in own.iterrows():
            base = frames[(frames.time >= e.onset - 1.0) & (frames.time < e.onset)][channels].mean()
            epoch = frames[(frames.time >= e.onset) & (frames.time < e.offset)][channels] - base
            row = epoch.max()
            row["participant"], row["category"] = participant, e.category
            results.append(row)
    table = pd.DataFrame(results)
    return table.groupby(["participant", "category"]).mean(numeric_only=True)


def main():
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/contagion_bench_facial")
    openface = directory / "openface_714.csv"
    if openface.exists():
        times = []
        for _ in range(3):
            start = time.perf_counter()
            pd.read_csv(openface, skipinitialspace=True)
            times.append(time.perf_counter() - start)
        size = openface.stat().st_size / 1e6
        print(f"pandas read_csv of the 714-column OpenFace file ({size:.1f} MB): median "
              f"{statistics.median(times):.3f} s = {size / statistics.median(times):.1f} MB/s")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run(directory)
        times.append(time.perf_counter() - start)
    print(f"pandas read_csv + epochs + max per category, 50 x 10000 rows x 50 channels: "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s (of 3)")


if __name__ == "__main__":
    main()
