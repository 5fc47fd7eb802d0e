#!/usr/bin/python3
"""Time scikit-learn's ElasticNet grid search on the study-shaped 50 x 27 design, for comparison
with contagion's own ElasticNet grid search.

Variant: folds "mod" (fold = row mod 5, PredefinedSplit), "global" scaling (the fixture's
X_standardized), scoring "r2", sklearn default solver settings (tol 1e-4, max_iter 1000),
6 alphas x 6 l1_ratios = 36 candidates x 5 folds + 1 refit = 181 fits, n_jobs=1.

    /usr/bin/python3 bench/sklearn_enet_grid.py [tests/data/stats/elasticnet.json]

Prints the median and the best of 5 GridSearchCV fits in milliseconds.
Needs the Debian packages python3-sklearn and python3-numpy (not pip).
"""
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet
from sklearn.model_selection import GridSearchCV, PredefinedSplit

ALPHAS = [0.01, 0.03, 0.1, 0.3, 1, 3]
L1_RATIOS = [0.1, 0.3, 0.5, 0.7, 0.9, 1.0]


def main():
    default = Path(__file__).resolve().parents[1] / "tests/data/stats/elasticnet.json"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    fx = json.loads(path.read_text())
    X = np.array(fx["X_standardized"], dtype=float)
    y = np.array(fx["datasets"]["design_50x27"]["y"], dtype=float)
    folds = PredefinedSplit(np.arange(len(y)) % 5)

    times = []
    for _ in range(5):
        gs = GridSearchCV(ElasticNet(tol=1e-4, max_iter=1000, selection="cyclic"),
                          {"alpha": ALPHAS, "l1_ratio": L1_RATIOS},
                          scoring="r2", cv=folds, refit=True, n_jobs=1)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            gs.fit(X, y)
        times.append((time.perf_counter() - t0) * 1e3)

    print(f"sklearn GridSearchCV ElasticNet 50x27, 36 candidates x 5 folds, n_jobs=1, "
          f"cpu_count={os.cpu_count()}")
    print(f"best params: {gs.best_params_}, best mean r2: {gs.best_score_:.6f}")
    print(f"median {statistics.median(times):.1f} ms, best {min(times):.1f} ms (of 5)")


if __name__ == "__main__":
    main()
