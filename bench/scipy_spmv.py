#!/usr/bin/python3
"""The same DeGroot step with scipy.sparse, for comparison with bench_sim's BM_DeGrootSpMV.

Reads the graph that contagion stored (so both sides run on the very same CSR arrays), builds
French weights (w_ij = 1/(d_i+1) on N(i) and i) as a scipy CSR matrix, and times y = W @ x.

    build/contagion run bench/scenarios/bench_ba_10m.toml -o /tmp/ba.h5 -q
    /usr/bin/python3 bench/scipy_spmv.py /tmp/ba.h5
    build/bench/bench_sim --benchmark_filter='DeGrootSpMV/edges:10000000/threads:1'

scipy's sparse product is single-threaded; compare with threads:1 (and threads:2 for ours).
"""
import sys
import time

import h5py
import numpy as np
import scipy.sparse as sp


def main(path):
    with h5py.File(path, "r") as f:
        for gid, g in f["graphs"].items():
            offsets = g["offsets"][:].astype(np.int64)
            targets = g["targets"][:].astype(np.int64)
            n = len(offsets) - 1
            degree = np.diff(offsets)
            # French weights: self-loop plus every arc, 1/(d_i+1) each (as contagion's influence = "french").
            rows = np.concatenate([np.repeat(np.arange(n), degree), np.arange(n)])
            cols = np.concatenate([targets, np.arange(n)])
            vals = np.concatenate([np.repeat(1.0 / (degree + 1), degree), 1.0 / (degree + 1)])
            w = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
            w.sort_indices()
            x = (np.arange(n) % 1000) / 1000.0
            y = w @ x
            best = np.inf
            steps = 20
            for _ in range(5):
                start = time.perf_counter()
                for _ in range(steps):
                    y = w @ x
                best = min(best, (time.perf_counter() - start) / steps)
            arcs = len(targets)
            print(f"{gid}: n={n} arcs={arcs}  scipy W@x: {best * 1e3:.2f} ms/step, "
                  f"{arcs / best / 1e9:.3f} G edge-updates/s (scipy {sp.__name__} {__import__('scipy').__version__})")


if __name__ == "__main__":
    main(sys.argv[1])
