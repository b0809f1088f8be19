"""Benchmark: what hardened grading costs an honest class, against the unhardened (--plain) path.

    .venv/bin/python bench/hardening_overhead.py              # 3 rounds, plain and hardened alternating
    .venv/bin/python bench/hardening_overhead.py --rounds 5 --copies 2

Both modes grade the same honest submissions of every chapter (reference answers, valid answers in other
forms, classic mistakes, half-done and blank work) with ``grade-class`` on all cores, in alternating order so that
the machine's drift hits both. It checks that every honest submission gets the same score both ways, then
prints, per mode, the wall time of each round, the median wall time, the median time a worker spent on
one submission, and, last, ``hardened_overhead: +X.X%`` (median wall time, hardened over plain).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.classroom.grade_class import ResultStore, grade_class  # noqa: E402
from autograder.classroom.demo import make_class  # noqa: E402
from autograder.course.layout import find_course  # noqa: E402
from autograder.hardened.jail import probe  # noqa: E402

def honest_class(course, dest: Path, copies: int) -> list[Path]:
    """make_class's synthetic class without its damaged uploads (nothing to run there)."""
    for path in make_class(course, dest, copies=copies):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            path.unlink()
    return sorted(p for p in dest.rglob("*.ipynb"))


def run(course, class_dir: Path, out: Path, hardened: bool, workers: int | None) -> tuple[float, dict, list[float]]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    grade_class(class_dir, course, out, workers=workers, quiet=True, hardened=hardened)
    wall = time.perf_counter() - start
    store = ResultStore(out / "results.sqlite")
    rows = store.timed()
    store.close()
    scores = {(s, a): r["score"] for s, a, r, _ in rows}
    per = [sec for _, _, r, sec in rows if not r.get("error")]
    return wall, scores, per


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="repeat the class this many times")
    parser.add_argument("--workers", type=int, help="grade-class workers (default: one per core)")
    args = parser.parse_args()
    course = find_course(ROOT)
    print(probe().summary)
    with tempfile.TemporaryDirectory(prefix="bench-hardening-") as tmp:
        work = Path(tmp)
        files = honest_class(course, work / "class", args.copies)
        print(f"class: {len(files)} honest submissions over {len(course.assignments())} chapters; "
              f"{os.cpu_count()} CPU cores; {args.rounds} rounds")
        walls: dict[str, list[float]] = {"plain": [], "hardened": []}
        pers: dict[str, list[float]] = {"plain": [], "hardened": []}
        scores: dict[str, dict] = {}
        for r in range(args.rounds):
            order = ["plain", "hardened"] if r % 2 == 0 else ["hardened", "plain"]
            for mode in order:
                wall, got, per = run(course, work / "class", work / f"out-{mode}", mode == "hardened", args.workers)
                walls[mode].append(wall)
                pers[mode].extend(per)
                if mode in scores and scores[mode] != got:
                    print(f"WARNING: {mode} scores changed between rounds")
                scores[mode] = got
                print(f"  round {r + 1} {mode:9}{wall:8.1f} s")
        differ = {k: (v, scores["hardened"].get(k)) for k, v in scores["plain"].items()
                  if scores["hardened"].get(k) != v}
        print(f"scores identical on all {len(scores['plain'])} submissions: {'yes' if not differ else 'NO'}")
        for key, (a, b) in sorted(differ.items())[:10]:
            print(f"  differs: {key}: plain {a}, hardened {b}")
        print(f"{'':12}{'median wall s':>15}{'s/submission':>14}{'median worker s':>17}")
        for mode in ("plain", "hardened"):
            med = statistics.median(walls[mode])
            print(f"{mode:12}{med:15.1f}{med / len(files):14.2f}{statistics.median(pers[mode]):17.2f}")
        overhead = statistics.median(walls["hardened"]) / statistics.median(walls["plain"]) - 1
        worker_overhead = statistics.median(pers["hardened"]) / statistics.median(pers["plain"]) - 1
        print(f"worker-time overhead: {worker_overhead * 100:+.1f}%")
        print(f"hardened_overhead: {overhead * 100:+.1f}%")
        return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
