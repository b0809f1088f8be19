"""``python -m autograder``: a thin command line over the Python API, with the same defaults.

    check NOTEBOOK [--json]            the student's self-check (visible tests, no database needed)
    grade NOTEBOOK... [--json]         instructor grading with the hidden tests restored from solutions/
    grade-class SOURCE [--out DIR]     a whole class in parallel: nbgrader gradebook, grades.csv; resumable
    package NOTEBOOK... --student ID   a student's notebooks in one zip with a checksum manifest (for an LMS)
    build [--check] [--execute]        notebooks from their text twins, then exercises/ from solutions/
    lab                                open the course in JupyterLab
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from autograder.course.config import CELL_TIMEOUT, GRADER_MEMORY_MB, JOB_TIMEOUT, NOTEBOOK_TIMEOUT
from autograder.classroom.safe_text import terminal
from autograder.course.layout import find_course
from autograder.errors import UserError
from autograder.grading.verdict import HIDDEN, STATUS_WORD, NotebookResult
from autograder.hardened.resources import KernelResources

EXIT_OK, EXIT_NOT_FULL, EXIT_USAGE = 0, 1, 2



def _points(x: float) -> str:
    return f"{x:g}"


def format_result(result: NotebookResult, *, self_check: bool) -> str:
    lines = [f"{result.notebook}" + (f"  [{result.assignment}]" if result.assignment else "")]
    if result.error and all(q.message == result.error for q in result.questions):
        lines.append(f"  ERROR  {result.error}")
        if result.questions:
            lines.append(f"  Score: 0 / {_points(result.max_score)}")
        return "\n".join(lines)
    width = max((len(q.grade_id) for q in result.questions), default=10)
    for q in result.questions:
        pts = "   -   " if q.status == HIDDEN else f"{_points(q.points):>3}/{_points(q.max_points):<3}"
        line = f"  {STATUS_WORD.get(q.status, q.status.upper()):<8} {q.grade_id:<{width}}  {pts}"
        if q.message:
            line += f"  {q.message}"
        lines.append(line)
    if result.error:
        lines.append(f"  note: {result.error}")
    if self_check:
        visible = [q for q in result.questions if q.status != HIDDEN]
        got = sum(q.points for q in visible)
        mx = sum(q.max_points for q in visible)
        hidden = sum(q.max_points for q in result.questions if q.status == HIDDEN)
        lines.append(f"  Visible tests: {_points(got)} / {_points(mx)} points."
                     + (f" Hidden tests worth {_points(hidden)} more points run when you are graded." if hidden else ""))
    else:
        lines.append(f"  Score: {_points(result.score)} / {_points(result.max_score)}")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    from autograder.grading.selfcheck import check_notebook

    result = check_notebook(args.notebook, timeout=args.timeout)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(format_result(result, self_check=True))
    visible = [q for q in result.questions if q.status != HIDDEN]
    return EXIT_OK if visible and all(q.status == "passed" for q in visible) and not result.error else EXIT_NOT_FULL


def cmd_grade(args: argparse.Namespace) -> int:
    from autograder.grading.grader import grade_notebooks

    course = find_course(args.course_root)
    keep = Path(args.keep_workspace) if args.keep_workspace else None
    results = grade_notebooks(args.notebooks, course, assignment=args.assignment, timeout=args.timeout,
                              keep_workspace=keep, hardened=not args.plain,
                              notebook_timeout=args.notebook_timeout)
    if results and results[0].protections and " OFF: " in results[0].protections:
        print(f"WARNING: {results[0].protections}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2))
    else:
        print("\n\n".join(format_result(r, self_check=False) for r in results))
    # 0: every notebook was graded (whatever its score); 1: at least one could not be
    return EXIT_NOT_FULL if any(r.error and not any(q.status != "error" for q in r.questions)
                                for r in results) else EXIT_OK


def cmd_grade_class(args: argparse.Namespace) -> int:
    from autograder.classroom.grade_class import grade_class

    course = find_course(args.course_root)
    summary = grade_class(Path(args.source), course, Path(args.out), workers=args.workers, force=args.force,
                          timeout=args.timeout, db_url=args.db_url, quiet=args.quiet, scheduler=args.scheduler,
                          hardened=not args.plain, job_timeout=args.job_timeout,
                          grader_memory_mb=args.grader_memory_mb,
                          resources={"tree_memory_mb": args.kernel_memory_mb, "scratch_mb": args.scratch_mb})
    if not args.quiet:
        print("\n".join(summary.lines()))
    return EXIT_NOT_FULL if summary.failed or summary.unfinished else EXIT_OK


def cmd_package(args: argparse.Namespace) -> int:
    from autograder.classroom.package import make_package

    dest = make_package([Path(p) for p in args.notebooks], args.student, Path(args.out) if args.out else None)
    print(f"{dest}: {len(args.notebooks)} notebook(s) for {args.student}, with a checksum manifest. "
          "Upload this one file.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    import shutil

    from autograder.classroom.grade_class import grade_class
    from autograder.classroom.demo import make_class

    course = find_course(args.course_root)
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    chapters = args.chapters.split(",") if args.chapters else None
    files = make_class(course, out / "submissions", copies=args.copies, chapters=chapters,
                       per_chapter=args.per_chapter)
    print(f"A synthetic class of {len(files)} submissions ({', '.join(chapters or course.assignments())}) "
          f"is in {out / 'submissions'}; grading it ...")
    summary = grade_class(out / "submissions", course, out / "graded", workers=args.workers)
    print("\n".join(summary.lines()))
    print(f"Open {out / 'graded' / 'report.md'} for the class report.")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from autograder.build.builder import generate_exercises, sync_notebooks

    course = find_course(args.course_root)
    if args.check:
        import tempfile

        drift = sync_notebooks(course, check=True)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = generate_exercises(course, dest=Path(tmp))
            from autograder.build.verify import compare_release

            drift.files.update(compare_release(course, Path(tmp), fresh))
        if drift:
            print(drift.report())
            print("\nOut of date: run `python -m autograder build` and commit the result.", file=sys.stderr)
            return EXIT_NOT_FULL
        print("Notebooks and exercises are up to date.")
        return EXIT_OK
    if args.only and args.only not in course.assignments():
        print(f"error: no chapter '{args.only}' in solutions/ (known: {', '.join(course.assignments())}).",
              file=sys.stderr)
        return EXIT_USAGE
    drift = sync_notebooks(course, execute=args.execute, only=args.only)
    for path in drift.files:
        print(f"rebuilt {path}")
    produced = generate_exercises(course, [args.only] if args.only else None)
    for assignment, files in produced.items():
        print(f"exercises/{assignment}: {len(files)} file(s)")
    return EXIT_OK


def cmd_lab(args: argparse.Namespace) -> int:
    course = find_course(args.course_root)
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course.root}"]
    start = course.lectures / "00-start-here.ipynb"
    if start.exists() and not any(a.endswith(".ipynb") for a in args.lab_args):
        argv.append(str(start.relative_to(course.root)))  # land on the start page
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers and CI often run as root; Lab refuses to start otherwise
    argv.extend(args.lab_args)
    os.execv(sys.executable, argv)
    return EXIT_OK  # pragma: no cover


def _grading_options(p: argparse.ArgumentParser) -> None:
    """What every grading command takes: the time limit per cell and the unhardened comparison mode."""
    p.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (default %(default)s)")
    p.add_argument("--plain", action="store_true",
                   help="grade like stock nbgrader: no jail, tests run in the student's kernel (not for real classes)")


def _add_grade_class(sub) -> None:
    """The ``grade-class`` command and its options."""
    p = sub.add_parser("grade-class", help="grade a whole class in parallel into a gradebook and grades.csv")
    p.add_argument("source", help="submissions: nbgrader's submitted/ layout, a flat LMS folder, or a .zip")
    p.add_argument("--out", default="graded", help="output course folder (default: %(default)s)")
    p.add_argument("--workers", type=int, help="parallel workers (default: one per CPU core, plus one)")
    p.add_argument("--force", action="store_true", help="regrade even unchanged submissions")
    p.add_argument("--db-url", help="SQLAlchemy URL of the gradebook (default: OUT/gradebook.db)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="grade on a Dask cluster, e.g. tcp://host:8786")
    _grading_options(p)
    p.add_argument("--job-timeout", type=int, default=JOB_TIMEOUT,
                   help="seconds one submission may take in a worker before it is stopped and reported, not "
                        "graded (default %(default)s)")
    p.add_argument("--grader-memory-mb", type=int, default=GRADER_MEMORY_MB,
                   help="address space of a grading worker (default %(default)s)")
    p.add_argument("--kernel-memory-mb", type=int, default=KernelResources.tree_memory_mb,
                   help="memory of a student's kernel with all its children, where cgroups allow (default %(default)s)")
    p.add_argument("--scratch-mb", type=int, default=KernelResources.scratch_mb,
                   help="disk of a student's scratch folder, where tmpfs can be mounted (default %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=cmd_grade_class)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder",
                                     description="Self-check, grade and build the linalg-ml-course notebooks.")
    parser.add_argument("--course-root", help="the course repository (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="run your notebook's visible tests and show one line per question")
    p.add_argument("notebook")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (default %(default)s)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("grade", help="grade submitted notebooks with the hidden tests")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--assignment", help="the assignment id, if it cannot be inferred from the notebook")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per notebook")
    _grading_options(p)
    p.add_argument("--notebook-timeout", type=int, default=NOTEBOOK_TIMEOUT,
                   help="seconds a whole notebook may run (default %(default)s)")
    p.add_argument("--keep-workspace", metavar="DIR", help="keep nbgrader's working course in DIR (debugging)")
    p.set_defaults(func=cmd_grade)

    _add_grade_class(sub)

    p = sub.add_parser("package", help="zip your notebooks with a checksum manifest, to upload to an LMS")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--student", required=True, help="your student id (as your course knows you)")
    p.add_argument("--out", help="the zip to write (default: STUDENT-submission.zip)")
    p.set_defaults(func=cmd_package)

    p = sub.add_parser("demo", help="make a synthetic class from the chapters and grade it")
    p.add_argument("--out", default="demo", help="folder for the class and its grades (default: %(default)s)")
    p.add_argument("--copies", type=int, default=1, help="repeat the class this many times")
    p.add_argument("--chapters", metavar="A,B", help="only these chapters, e.g. 01-vectors (default: all)")
    p.add_argument("--per-chapter", type=int, metavar="N", help="at most N submissions per chapter")
    p.add_argument("--workers", type=int, help="parallel workers (default: one per CPU core, plus one)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("build", help="rebuild notebooks from their text twins and exercises/ from solutions/")
    p.add_argument("--check", action="store_true", help="only report what is out of date (exit 1 if anything)")
    p.add_argument("--execute", action="store_true", help="re-run the lecture notebooks to refresh their outputs")
    p.add_argument("--only", metavar="CHAPTER", help="one chapter, e.g. 01-vectors (lecture and exercises)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("lab", help="open the course in JupyterLab (other options go to jupyter lab)")
    p.set_defaults(func=cmd_lab)
    return parser


# Notebook paths stay as typed: results name them the way the user did, and they are read before any
# change of directory.
PATH_ARGS = ("source", "out", "course_root", "keep_workspace")


def _absolute_paths(args: argparse.Namespace) -> None:
    """Resolve every path the user typed against their folder, before anything changes directory.

    (A ``--db-url`` is resolved by :func:`~autograder.classroom.grade_class.grade_class` itself.)"""
    for name in PATH_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, os.path.abspath(value))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.lab_args = extra
    try:
        _absolute_paths(args)
        return args.func(args)
    except UserError as exc:
        print(f"error: {terminal(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a folder that cannot be written, a disk that is full: the user can fix it
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {terminal(where + (exc.strerror or str(exc)))}.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted.", file=sys.stderr)
        return 130
