"""Benchmark: lecture-style NumPy/SciPy work with OpenBLAS's default thread count versus one thread, while
every core is busy, as in the test suite (pytest-xdist runs one worker per core, each starting kernels).

    .venv/bin/python bench/blas_threads.py              # 3 rounds
    .venv/bin/python bench/blas_threads.py --rounds 5

Each round starts one process per core for each setting (the settings alternate, so a change in the
machine's load hits both), and each process runs the workload of chapter 11's CG cells: conjugate
gradients on the Laplacian of a 200 x 200 grid plus a small shift, with a residual computed at every
iteration (many small vector operations, which a multi-threaded OpenBLAS splits across threads that then
wait for each other), and a dense 600 x 600 product and solve (the work threads do help). It prints the
median wall time of each setting and their ratio. tests/conftest.py sets one thread for the suite's
kernels because of this ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

WORKLOAD = r"""
import numpy as np, scipy.sparse as sps, scipy.sparse.linalg as spla
def path(n):
    return sps.diags_array([np.ones(n - 1), np.ones(n - 1)], offsets=[-1, 1])
n = 200
W = sps.csr_array(sps.kron(sps.eye_array(n), path(n)) + sps.kron(path(n), sps.eye_array(n)))
L = (sps.diags_array(W.sum(axis=1)) - W).tocsr()
b = np.random.default_rng(0).normal(size=n * n)
for alpha in (0.1, 0.01, 0.003):
    A = (L + alpha * sps.eye_array(n * n, format="csr")).tocsr()
    res = []
    x, info = spla.cg(A, b, rtol=1e-8, maxiter=5000, callback=lambda xk: res.append(np.linalg.norm(b - A @ xk)))
    assert info == 0
M = np.random.default_rng(1).normal(size=(600, 600))
np.linalg.solve(M @ M.T + np.eye(600), M[:, 0])
"""

SETTINGS = {"default threads": {}, "one thread": {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                                                  "MKL_NUM_THREADS": "1"}}


def one_round(extra: dict[str, str], copies: int) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                             "MKL_NUM_THREADS")}
    env.update(extra)
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", WORKLOAD], env=env) for _ in range(copies)]
    codes = [p.wait() for p in procs]
    assert codes == [0] * copies, codes
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    times: dict[str, list[float]] = {name: [] for name in SETTINGS}
    for r in range(args.rounds):
        for name, extra in SETTINGS.items():
            times[name].append(one_round(extra, cores))
            print(f"round {r + 1}: {name:16s} {times[name][-1]:7.2f} s  ({cores} processes at once)", flush=True)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, m in medians.items():
        print(f"median {name:16s} {m:7.2f} s")
    print(f"default_over_one_thread: {medians['default threads'] / medians['one thread']:.2f}")


if __name__ == "__main__":
    main()
