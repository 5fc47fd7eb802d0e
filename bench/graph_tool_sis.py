#!/usr/bin/python3
"""graph-tool's discrete SIS/SIR step on the graph contagion stored, for comparison with
bench_sim's BM_EpidemicSISStep (Debian: apt-get install python3-graph-tool; not part of
scripts/setup.sh, which stays light).

    build/contagion run bench/scenarios/bench_sis_ba.toml -o /tmp/sis.h5 -q --replace
    /usr/bin/python3 bench/graph_tool_sis.py /tmp/sis.h5 --threads 2
    build/bench/bench_sim --benchmark_filter=EpidemicSISStep --benchmark_counters_tabular=true

Same graph (the stored CSR), same parameters as the benchmark: beta = 0.05, gamma = 0.2,
10 % of the nodes infected (every tenth node); SISState.iterate_sync(niter=1) is one
synchronous sweep. The time per sweep is the best of 5 x 20 sweeps.
"""
import argparse
import time

import h5py
import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import graph_tool.all as gt

    gt.openmp_set_num_threads(args.threads)
    with h5py.File(args.store, "r") as f:
        for gid, g in f["graphs"].items():
            offsets = g["offsets"][:].astype(np.int64)
            targets = g["targets"][:].astype(np.int64)
            n = len(offsets) - 1
            sources = np.repeat(np.arange(n), np.diff(offsets))
            keep = sources < targets  # each undirected edge once
            graph = gt.Graph(directed=False)
            graph.add_vertex(n)
            graph.add_edge_list(np.column_stack([sources[keep], targets[keep]]))
            s = graph.new_vertex_property("int32_t")
            s.a[::10] = 1
            state = gt.SISState(graph, beta=0.05, gamma=0.2, s=s)
            best = np.inf
            for _ in range(5):
                start = time.perf_counter()
                for _ in range(20):
                    state.iterate_sync(niter=1)
                best = min(best, (time.perf_counter() - start) / 20)
            print(f"{gid}: n={n} arcs={len(targets)} threads={args.threads}  graph-tool SIS iterate_sync: "
                  f"{best * 1e3:.2f} ms/sweep, {len(targets) / best / 1e9:.3f} G edge evaluations/s "
                  f"(graph-tool {gt.__version__})")


if __name__ == "__main__":
    main()
