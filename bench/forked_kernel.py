"""How much of a graded notebook's kernel start-up a pre-imported template kernel would save (issue #14).

Every submission gets a fresh kernel: Python starts, ipykernel starts, then the notebook's first cell
imports NumPy, SciPy, SymPy and matplotlib. This benchmark measures, side by side in one run, the time
until such a kernel has run those imports:

* cold: ``jupyter_client.start_new_kernel`` (what grading does today, without the jail);
* forked: a template process that imported ipykernel and the libraries once forks a child per kernel,
  and the child starts the kernel application on its own connection file.

It prints both medians and their ratio. Not a grading path: the template here is not jailed and not
limited, which a real one would have to be (one template per worker slot, forked inside the jail).

    .venv/bin/python bench/forked_kernel.py --rounds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORTS = "import numpy as np, scipy.linalg, sympy as sp, matplotlib.pyplot as plt"

TEMPLATE = f"""
import os, sys
{IMPORTS}
from ipykernel.kernelapp import IPKernelApp
print("ready", flush=True)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        sys.stdout = sys.__stdout__ = open(1, "w")
        sys.stderr = sys.__stderr__ = open(2, "w")
        app = IPKernelApp.instance()
        app.initialize(["-f", line.strip(), "--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=50"])
        app.start()
        os._exit(0)
    print(pid, flush=True)
"""


def cold() -> float:
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--HistoryManager.hist_file=:memory:"])
    kc.execute_interactive(IMPORTS, timeout=120)
    seconds = time.perf_counter() - start
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return seconds


def forked(template: subprocess.Popen, folder: Path, i: int) -> float:
    from jupyter_client import BlockingKernelClient
    from jupyter_client.connect import write_connection_file

    start = time.perf_counter()
    connection, _ = write_connection_file(str(folder / f"kernel-{i}.json"))
    template.stdin.write(connection + "\n")
    template.stdin.flush()
    pid = int(template.stdout.readline())
    kc = BlockingKernelClient()
    kc.load_connection_file(connection)
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    kc.execute_interactive(IMPORTS, timeout=120)  # already imported: returns at once
    seconds = time.perf_counter() - start
    kc.stop_channels()
    os.kill(pid, 9)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = subprocess.Popen([sys.executable, "-c", TEMPLATE], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
        template.stdout.readline()  # "ready": the imports are done
        try:
            times = {"cold": [], "forked": []}
            for i in range(args.rounds):  # alternating, so that a change in the machine's load hits both
                times["cold"].append(cold())
                times["forked"].append(forked(template, Path(tmp), i))
        finally:
            template.kill()
    for name, values in times.items():
        print(f"{name:7s} kernel ready with the imports done: median {statistics.median(values):.2f} s "
              f"({', '.join(f'{v:.2f}' for v in values)})")
    print(f"ratio cold/forked: {statistics.median(times['cold']) / statistics.median(times['forked']):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
