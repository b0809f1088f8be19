"""Benchmark: stock `nbgrader autograde` (sequential, as documented) versus `python -m autograder grade-class`.

    .venv/bin/python bench/grade_class.py                 # a class of >= 60 submissions, both ways
    .venv/bin/python bench/grade_class.py --sizes 60,240  # also: how grade-class time grows with class size

Both runs grade the same synthetic class (``autograder.demo.make_class``: reference answers, valid
alternatives, classic mistakes, partial, blank and damaged work for every chapter); stock nbgrader runs with
the address-space cap of a graded kernel (a mistake in the class builds a 20 GB matrix). It checks that the two
give identical scores to every honest submission, then prints wall times, per-submission medians, the
peak memory of any child process, the fixed start-up of a 2-notebook class, the floor (the same
notebooks' cells, hidden tests included, run one after another in one already-started plain kernel,
divided by the cores: what grading would cost with zero overhead) as ``floor_ratio: Y`` (grade-class
seconds per submission / floor seconds per submission), and, last, ``speedup_vs_nbgrader: X.XX``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/support: what tests and benchmarks share

from autograder.classroom.grade_class import ResultStore, grade_class  # noqa: E402
from autograder.classroom.demo import make_class  # noqa: E402
from autograder.grading.grader import identify  # noqa: E402
from autograder.course.layout import find_course  # noqa: E402
from autograder.classroom.sources import discover  # noqa: E402
from autograder.hardened.resources import KernelResources  # noqa: E402
from support.gradebook import submission_scores  # noqa: E402
from support.stock_nbgrader import StockCourse  # noqa: E402


def build_class(course, dest: Path, minimum: int) -> list[Path]:
    copies, files = 1, []
    while True:
        shutil.rmtree(dest, ignore_errors=True)
        files = make_class(course, dest, copies=copies)
        if len(files) >= minimum:
            return files
        copies += 1


def run_stock_nbgrader(course, class_dir: Path, work: Path) -> tuple[float, dict, int]:
    """nbgrader's documented path: generate_assignment, then `nbgrader autograde <assignment>`."""
    # with the memory cap of a graded kernel: a mistake in the class builds a 20 GB dense matrix, which
    # grade-class refuses and which, unlimited, takes the machine's memory (and nbgrader's kernel) with it
    stock = StockCourse(course, work / "nbgrader-course", memory_mb=KernelResources().tree_memory_mb)
    honest = 0
    for found in discover(class_dir, course):
        sub = identify(found.path, found.student, course, found.assignment)
        if sub.problem is None:
            stock.submit(found.student, sub.assignment, sub.notebook, found.path)
            honest += 1
    for assignment in course.assignments():
        try:
            stock.release(assignment)
        except RuntimeError as exc:
            raise SystemExit(str(exc)) from None
    start = time.perf_counter()
    for assignment in course.assignments():
        stock.autograde(assignment)
    wall = time.perf_counter() - start
    return wall, submission_scores(stock.db), honest


def run_grade_class(course, class_dir: Path, out: Path, workers: int | None) -> tuple[float, dict, list[float]]:
    start = time.perf_counter()
    grade_class(class_dir, course, out, workers=workers, quiet=True)
    wall = time.perf_counter() - start
    store = ResultStore(out / "results.sqlite")
    per = [sec for _, _, result, sec in store.timed() if not result.get("error")]
    store.close()
    return wall, submission_scores(out / 'gradebook.db'), per


def cell_compute(notebooks: list[Path]) -> tuple[list[float], int]:
    """Seconds each notebook's code cells take in one warm plain kernel (namespace reset in between), and
    how many notebooks could not be measured: a cell that runs past 120 s in this unlimited kernel (a
    mistake that builds a 20 GB dense matrix, which grading refuses by its memory cap) gets the kernel
    restarted and its notebook left out of the floor."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    warm_up = "import numpy, sympy, scipy, matplotlib; matplotlib.use('Agg')"
    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=[
        "--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"])
    seconds, skipped = [], 0
    quiet = {"output_hook": lambda msg: None}
    try:
        kc.execute_interactive(warm_up, timeout=120, **quiet)
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            kc.execute_interactive(f"import os; os.chdir({str(path.parent)!r})", timeout=30, **quiet)
            start, finished = time.perf_counter(), True
            for cell in nb.cells:
                if cell.cell_type == "code" and cell.source.strip():
                    try:
                        kc.execute_interactive(cell.source, timeout=120, **quiet)
                    except TimeoutError:
                        finished = False
                        break
            if finished:
                seconds.append(time.perf_counter() - start)
                kc.execute_interactive("%reset -f", timeout=30, **quiet)
            else:
                skipped += 1
                km.restart_kernel(now=True)
                kc.wait_for_ready(timeout=60)
                kc.execute_interactive(warm_up, timeout=120, **quiet)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return seconds, skipped


def startup_seconds(course, work: Path) -> float:
    """Wall time of grade-class on a 2-notebook class minus the two notebooks' own worker time."""
    small = work / "class-2"
    files = make_class(course, small, chapters=[course.assignments()[0]], per_chapter=1)
    files += make_class(course, small / "more", chapters=[course.assignments()[1]], per_chapter=1)
    wall, _, per = run_grade_class(course, small, work / "ours-2", workers=None)
    return wall - max(per, default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60, help="minimum class size (default %(default)s)")
    parser.add_argument("--sizes", help="comma-separated class sizes for the growth measurement (grade-class only)")
    parser.add_argument("--workers", type=int, help="grade-class workers (default: one per core)")
    parser.add_argument("--growth-only", action="store_true", help="skip the comparison, only measure --sizes")
    args = parser.parse_args()
    course = find_course(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        files = build_class(course, work / "class", args.size)
        print(f"class: {len(files)} submissions over {', '.join(course.assignments())}; "
              f"{os.cpu_count()} CPU cores")

        if args.growth_only:
            for size in [int(x) for x in (args.sizes or "60,240").split(",")]:
                files = build_class(course, work / f"class-{size}", size)
                wall, _, per = run_grade_class(course, work / f"class-{size}", work / f"ours-{size}", args.workers)
                print(f"  {len(files):4d} submissions: {wall:7.1f} s  ({wall / len(files):.2f} s each; "
                      f"median worker time {statistics.median(per):.2f} s)")
            return 0
        stock_wall, stock_scores, honest = run_stock_nbgrader(course, work / "class", work)
        stock_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        ours_wall, ours_scores, per = run_grade_class(course, work / "class", work / "ours", args.workers)

        mismatched = {k: (v, ours_scores.get(k)) for k, v in stock_scores.items() if ours_scores.get(k) != v}
        print(f"honest submissions: {honest}; scores compared: {len(stock_scores)}; "
              f"identical: {'yes' if not mismatched else 'NO'}")
        for key, (a, b) in sorted(mismatched.items())[:10]:
            print(f"  differs: {key}: nbgrader {a}, grade-class {b}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{'':24}{'wall s':>10}{'s/submission':>14}")
        print(f"{'nbgrader autograde':24}{stock_wall:10.1f}{stock_wall / max(1, honest):14.2f}")
        print(f"{'grade-class':24}{ours_wall:10.1f}{ours_wall / max(1, len(files)):14.2f}")
        if per:
            print(f"grade-class worker time per submission: median {statistics.median(per):.2f} s "
                  f"(min {min(per):.2f}, max {max(per):.2f})")
        # the largest of every child so far: grade-class's own peak shows only when it is above stock's
        ours_peak = f"{peak_mb:.0f} MB" if peak_mb > stock_peak_mb else f"at most {stock_peak_mb:.0f} MB"
        print(f"peak memory of one child process: stock nbgrader {stock_peak_mb:.0f} MB, "
              f"grade-class {ours_peak}")
        graded = sorted((work / "ours" / "autograded").rglob("*.ipynb"))
        compute, skipped = cell_compute(graded)
        cores = os.cpu_count() or 1
        floor = sum(compute) / cores / max(1, len(compute))
        ours_per = ours_wall / max(1, len(graded))
        print(f"floor: cells of {len(compute)} graded notebooks in one warm kernel: median "
              f"{statistics.median(compute):.2f} s, {floor:.2f} s per submission on {cores} cores; "
              f"grade-class {ours_per:.2f} s per graded submission"
              + (f" ({skipped} notebooks left out: a cell ran past 120 s without limits)" if skipped else ""))
        print(f"start-up of a 2-notebook class (before and after its grading): {startup_seconds(course, work):.1f} s")
        print(f"floor_ratio: {ours_per / floor:.2f}")

        if args.sizes:
            print("growth (grade-class only):")
            for size in [int(s) for s in args.sizes.split(",")]:
                files = build_class(course, work / f"class-{size}", size)
                wall, _, _ = run_grade_class(course, work / f"class-{size}", work / f"ours-{size}", args.workers)
                print(f"  {len(files):4d} submissions: {wall:7.1f} s  ({wall / len(files):.2f} s each)")

        print(f"speedup_vs_nbgrader: {stock_wall / ours_wall:.2f}")
        return 0 if not mismatched else 1


if __name__ == "__main__":
    sys.exit(main())
