"""What forking hardened kernels from a template saves (issue #14), measured side by side in one run.

Grades the same notebooks with ``python -m autograder grade --json`` twice per round, alternating: once with
kernels forked from the template (the default) and once with every kernel started cold
(``AUTOGRADER_KERNEL_TEMPLATE=off``). Both are hardened (the jail, the limits, the control groups); both must
give the same scores. Prints, per mode, the median wall time and machine CPU time (read from /proc/stat, so
that the jailed kernels, which are not the grader's children, are counted), per notebook, and the ratios.
Run it on an otherwise idle machine:

    .venv/bin/python bench/kernel_template.py --rounds 3 --copies 8
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["01-vectors", "02-linear-transformations", "06-svd"]


def machine_cpu() -> float:
    """Seconds of CPU the whole machine has spent (all cores, all processes)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def grade(paths: list[Path], template: bool) -> tuple[float, float, list]:
    env = {**os.environ, "AUTOGRADER_KERNEL_TEMPLATE": "on" if template else "off"}
    cpu, start = machine_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", "--json", *map(str, paths)], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, machine_cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"grading failed:\n{proc.stderr[-2000:]}")
    return wall, cpu, [(r["score"], r["max_score"]) for r in json.loads(proc.stdout)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4, help="copies of each chapter's solution per run")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("the jail, and so the template, needs root")
    folder = Path(tempfile.mkdtemp(prefix="bench-template-"))
    try:
        paths = []
        for chapter in CHAPTERS:
            source = next((ROOT / "solutions" / chapter).glob("*.ipynb"))
            for i in range(args.copies):
                paths.append(shutil.copy(source, folder / f"s{i}_{chapter}.ipynb"))
        n = len(paths)
        times: dict[str, list[tuple[float, float]]] = {"template": [], "cold": []}
        scores = {}
        for _ in range(args.rounds):  # alternating, so that a change in the machine's load hits both
            for mode in ("template", "cold"):
                wall, cpu, scores[mode] = grade(paths, mode == "template")
                times[mode].append((wall, cpu))
        if scores["template"] != scores["cold"]:
            raise SystemExit(f"the scores differ: {scores}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{n} notebooks ({', '.join(CHAPTERS)}, {args.copies} copies each) per run, {args.rounds} rounds, "
          f"identical scores")
    med = {}
    for mode, values in times.items():
        wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
        med[mode] = (wall, cpu)
        print(f"{mode:9s} wall {wall:6.1f} s ({wall / n:.2f} s/notebook)   machine CPU {cpu:6.1f} s "
              f"({cpu / n:.2f} s/notebook)")
    print(f"ratio cold/template: wall {med['cold'][0] / med['template'][0]:.2f}, "
          f"CPU {med['cold'][1] / med['template'][1]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
