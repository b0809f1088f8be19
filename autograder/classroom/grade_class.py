"""Grading a whole class: in parallel, resumable, into nbgrader's gradebook and a grades CSV.

* Workers (one process per core by default) each own a private nbgrader course (``grading.Grader``), so
  no two processes ever share a gradebook or a kernel port range, and each submission runs in a fresh
  kernel exactly as single-notebook ``grade`` does.
* The main process is the only writer. Every finished submission is committed at once to a results store
  (SQLite, keyed by student and assignment, with the notebook's content hash), so a run killed at any
  moment loses at most the submissions in flight; rerunning grades only what is new or changed.
* At the end the store is written into nbgrader's gradebook (``gradebook.db`` in the output folder, or any
  SQLAlchemy URL), with the submitted and autograded notebooks where formgrader expects them, and into
  ``grades.csv``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from autograder.classroom.dispatch import Dispatcher, WorkerFailure
from autograder.classroom.feedback import feedback_html
from autograder.grading.grader import UNKNOWN_FAILURE, Grader, Submission, identify, quiet_nbgrader
from autograder.course.layout import Course, absolute_db_url
from autograder.course.config import CELL_TIMEOUT, GRADER_MEMORY_MB, JOB_TIMEOUT
from autograder.course.kinds import course_kinds
from autograder.course.notebooks import read_notebook, write_notebook
from autograder.classroom.report import write_report
from autograder.classroom.package import PackageError, is_package, unpack_package
from autograder.classroom.safe_text import csv_cell, terminal
from autograder.classroom.sources import Found, SubmissionsError, content_hash, discover, submissions_root, unpack_zip, uploader


@dataclass
class Job:
    student: str
    assignment: str | None
    notebook: str | None
    path: str
    digest: str
    problem: str | None = None


@dataclass
class Summary:
    graded: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (path, graded as, path under the id)
    notes: list[str] = field(default_factory=list)  # intake: identity, packages, archive members (one line each)
    unfinished: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): no grade stored, retried
    seconds: float = 0.0
    out: Path | None = None
    protections: set[str] = field(default_factory=set)  # what hardened grading had on (and off)

    def lines(self) -> list[str]:
        """The summary for a terminal: student text (file names, ids, hints) without control characters."""
        out = [f"graded {self.graded}, skipped {self.skipped} (unchanged), failed {len(self.failed)}, "
               f"in {self.seconds:.1f} s"]
        out += [terminal(f"  failed: {reason if reason.startswith(path) else f'{path}: {reason}'}")
                for path, reason in self.failed]
        out += [terminal(f"  {line}") for line in self.intake_lines()]
        out += [terminal(f"  NOT GRADED: {path}: {reason}; no grade was stored, the next run grades it again")
                for path, reason in self.unfinished]
        for text in sorted(self.protections):
            out.append(("WARNING: " if " OFF: " in text else "") + text)
        if self.out:
            out += [f"gradebook: {self.out / 'gradebook.db'}", f"grades:    {self.out / 'grades.csv'}",
                    f"report:    {self.out / 'report.md'}", f"feedback:  {self.out / 'feedback'}"]
        return out

    def intake_lines(self) -> list[str]:
        """Duplicates and intake notes, one line each (raw text: escape it for where it is shown)."""
        return ([f"duplicate: {path} was graded as '{alias}', since {used} of the same student and assignment "
                 "was graded under the student's id; keep the right one in the gradebook"
                 for path, alias, used in self.duplicates] + [f"intake: {note}" for note in self.notes])


class ResultStore:
    """One row per (student, assignment): the latest result and the hash of the notebook it came from."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (student TEXT, assignment TEXT, notebook TEXT, path TEXT, "
            "digest TEXT, result TEXT, seconds REAL, PRIMARY KEY (student, assignment))")

    def digest(self, student: str, assignment: str) -> str | None:
        row = self.db.execute("SELECT digest FROM results WHERE student=? AND assignment=?",
                              (student, assignment)).fetchone()
        return row[0] if row else None

    def put(self, job: Job, result: dict, seconds: float) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (job.student, job.assignment or "", job.notebook or "", job.path, job.digest,
                             json.dumps(result), seconds))

    def timed(self) -> list[tuple[str, str, dict, float]]:
        rows = self.db.execute("SELECT student, assignment, result, seconds FROM results "
                               "ORDER BY assignment, student").fetchall()
        return [(s, a, json.loads(r), sec) for s, a, r, sec in rows]

    def all(self) -> list[tuple[str, str, str, dict]]:
        rows = self.db.execute("SELECT student, assignment, notebook, result FROM results "
                               "ORDER BY assignment, student").fetchall()
        return [(s, a, n, json.loads(r)) for s, a, n, r in rows]

    def close(self) -> None:
        self.db.close()


# --- worker side ---------------------------------------------------------------------------------------
# A worker (a local process or a Dask worker) grades in its own private nbgrader course and sends back
# plain data: the result, the time it took, and the files to keep. Only the main process writes.

_GRADERS: dict[tuple, Grader] = {}


def _grader(course_root: str, timeout: int, hardened: bool, resources: dict | None = None) -> Grader:
    key = (course_root, timeout, hardened, json.dumps(resources or {}, sort_keys=True))
    if key not in _GRADERS:
        workspace = Path(tempfile.mkdtemp(prefix="autograder-worker-"))
        _GRADERS[key] = Grader(Course(Path(course_root)), workspace, timeout=timeout, hardened=hardened,
                               resources=resources)
    return _GRADERS[key]


def grade_job(job: Job, course_root: str, timeout: int, hardened: bool = True,
              resources: dict | None = None) -> tuple[dict, float, dict[str, str]]:
    """Grade one submission; returns (result JSON, seconds, {relative path: text} of files to write).
    ``resources``: limits of the student's kernel (see :class:`autograder.hardened.resources.KernelResources`)."""
    grader = _grader(course_root, timeout, hardened, resources)
    start = time.perf_counter()
    sub = Submission(path=Path(job.path), student=job.student, assignment=job.assignment,
                     notebook=job.notebook, problem=job.problem)
    with quiet_nbgrader():
        result = grader.grade_safely(sub)
    data = result.to_json()
    files: dict[str, str] = {}
    graded = grader.autograded_path(sub)
    if graded.exists():  # formgrader shows the autograded notebook; students get the safe feedback
        where = f"{job.student}/{job.assignment}/{graded.stem}"
        files[f"autograded/{where}.ipynb"] = graded.read_text(encoding="utf-8")
        files[f"feedback/{where}.html"] = feedback_html(graded, data, job.student)
        shutil.rmtree(graded.parent.parent, ignore_errors=True)  # keep the worker's disk use flat
    return data, time.perf_counter() - start, files


# --- main process ----------------------------------------------------------------------------------------

def _unpack_packages(source: Path, dest: Path, summary: Summary) -> tuple[list[Found], dict[Path, str]]:
    """Students' submission packages (zip + manifest) under ``source``, or ``source`` itself if it is one.

    Each package is its uploader's (see :func:`sources.uploader`), whatever its manifest claims.
    """
    root = source.parent if source.is_file() else submissions_root(source)
    zips = [source] if source.is_file() else sorted(p for p in root.rglob("*.zip") if p.is_file())
    found: list[Found] = []
    problems: dict[Path, str] = {}
    for i, archive in enumerate(zips):
        if not is_package(archive):
            summary.notes.append(f"{archive}: a zip without a readable MANIFEST.json, so not a submission "
                                 "package; skipped.")
            continue
        student = uploader(archive, root)
        try:
            opened = unpack_package(archive, dest / f"{i:04d}", student)
        except PackageError as exc:
            problems[archive] = str(exc)
            found.append(Found(archive, student, None))
            continue
        summary.notes += opened.notes
        for item in opened.notebooks:
            found.append(Found(item.path, item.student, None))
            if item.problem:
                problems[item.path] = item.problem
    return found, problems


def _alias(student: str, taken: set[str]) -> str:
    n = 2
    while f"{student}.dup{n}" in taken:
        n += 1
    taken.add(f"{student}.dup{n}")
    return f"{student}.dup{n}"


def _jobs(found: Iterable[Found], course: Course, summary: Summary,
          problems: dict[Path, str] | None = None) -> list[Job]:
    """One job per submission. Two that claim one student and assignment are both kept: the later one
    under the student's id, the earlier under ``<id>.dup<N>``, and each pair is reported."""
    jobs: list[Job] = []
    for f in found:
        sub = identify(f.path, f.student, course, f.assignment)
        problem = (problems or {}).get(f.path) or sub.problem
        jobs.append(Job(f.student, sub.assignment, sub.notebook, str(f.path), content_hash(f.path), problem))
    taken = {job.student for job in jobs}
    last: dict[tuple[str, str], Job] = {}
    for job in jobs:  # keyed as the results store keys them, so that no result replaces another there
        last[(job.student, job.assignment or "")] = job
    for job in jobs:
        kept = last[(job.student, job.assignment or "")]
        if kept is not job:
            job.student = _alias(job.student, taken)
            summary.duplicates.append((job.path, job.student, kept.path))
    return jobs


def write_gradebook(store: ResultStore, course: Course, out: Path, db_url: str) -> None:
    """(Re)write every stored result into nbgrader's gradebook; idempotent."""
    from nbgrader.api import Gradebook, MissingEntry

    results = store.all()
    grader = Grader(course, out, db_url=db_url)
    with quiet_nbgrader():
        for assignment in sorted({a for _, a, _, _ in results if a in course.assignments()}):
            grader.prepare(assignment)
        with Gradebook(db_url, grader.coursedir.course_id) as gb:
            for student, assignment, notebook, result in results:
                if assignment not in course.assignments() or not notebook:
                    continue
                gb.update_or_create_student(student)
                gb.update_or_create_submission(assignment, student)
                points = {q["grade_id"]: q["points"] for q in result["questions"]}
                for grade_id, value in points.items():
                    try:
                        grade = gb.find_grade(grade_id, notebook, assignment, student)
                    except MissingEntry:
                        continue
                    grade.auto_score = value
                    grade.needs_manual_grade = False
                gb.db.commit()


def write_csv(store: ResultStore, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "assignment", "score", "max_score", "passed", "failed", "error", "timeout",
                    "missing", "tampered", "note"])
        for student, assignment, _, result in store.all():
            counts = {s: 0 for s in ("passed", "failed", "error", "timeout", "missing", "tampered")}
            for q in result["questions"]:
                counts[q["status"]] = counts.get(q["status"], 0) + 1
            w.writerow([csv_cell(v) for v in (student, assignment, result["score"], result["max_score"],
                                              *counts.values(), result.get("error", ""))])


def _keep(store: ResultStore, out: Path, summary: Summary, job: Job, result: dict, seconds: float,
          files: dict[str, str]) -> None:
    """A submission's grade: its files written, its result stored (with its notebook's hash) and counted."""
    for rel, text in files.items():
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    store.put(job, result, seconds)
    if result.get("protections"):
        summary.protections.add(result["protections"])
    if result.get("error") and not any(q["status"] != "error" for q in result["questions"]):
        summary.failed.append((job.path, result["error"]))
    else:
        summary.graded += 1


def _progress(done: int, total: int, start: float, stream) -> None:
    elapsed = time.perf_counter() - start
    eta = elapsed / done * (total - done) if done else 0.0
    width = 30
    filled = int(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  "
                 f"{elapsed:5.0f}s elapsed, ~{eta:4.0f}s left ")
    stream.flush()


def _dispatch(todo: list[Job], work: Callable, record: Callable, *, scheduler, workers: int | None,
              job_timeout: float | None, memory_mb: int | None) -> None:
    """Run ``work(job)`` for every job, locally (:class:`Dispatcher`) or on Dask; ``record(i, job, outcome)``
    gets each outcome as it comes (``outcome()`` returns the result or raises)."""
    if todo and scheduler:
        from dask.distributed import Client, as_completed as dask_completed

        with Client(scheduler) as client:
            futures = {client.submit(work, job, pure=False): job for job in todo}
            for i, fut in enumerate(dask_completed(futures), 1):
                record(i, futures[fut], fut.result)
    elif todo:
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        finished = iter(range(1, len(todo) + 1))
        Dispatcher(work, workers, job_timeout=job_timeout, memory_mb=memory_mb).run(
            todo, lambda job, outcome: record(next(finished), job, outcome))


def grade_class(source: Path, course: Course, out: Path, *, workers: int | None = None, force: bool = False,
                timeout: int = CELL_TIMEOUT, db_url: str | None = None, quiet: bool = False,
                scheduler: str | None = None, hardened: bool = True,
                on_result: Callable[[Job, dict], None] | None = None, job_timeout: float | None = JOB_TIMEOUT,
                grader_memory_mb: int | None = GRADER_MEMORY_MB, resources: dict | None = None,
                work: Callable | None = None) -> Summary:
    """Grade every submission under ``source`` (folder or zip) into ``out``.

    Locally on ``workers`` processes (default: one per core), or on a Dask cluster with ``scheduler``
    (its address, e.g. ``tcp://10.0.0.5:8786``, or a ``distributed.Client``-acceptable object); Dask workers
    must see the course repository and the submissions at the same paths.

    Locally, a submission that crashes its worker, or runs past ``job_timeout`` seconds, fails alone (the
    worker is replaced); a worker's memory is bounded by ``grader_memory_mb``. Such a failure is never stored
    as a grade: the summary names it and the next run grades it again. ``resources`` are the student
    kernels' limits (:class:`autograder.hardened.resources.KernelResources` fields); ``work`` replaces
    :func:`grade_job` (tests inject faults with it).
    """
    start = time.perf_counter()
    # nbgrader changes directory while it works: every path the user typed is made absolute first
    source, out = Path(source).resolve(), Path(out).resolve()
    db_url = absolute_db_url(db_url) if db_url else f"sqlite:///{out / 'gradebook.db'}"
    summary = Summary(out=out)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".unpacked"
    shutil.rmtree(staging, ignore_errors=True)
    if not source.exists():
        raise SubmissionsError(f"{source}: no such folder or archive.")
    if source.suffix == ".zip" and source.is_file() and not is_package(source):
        source, skipped = unpack_zip(source, staging / "download")
        summary.notes += skipped
    found, problems = _unpack_packages(source, staging / "packages", summary)
    if source.is_dir():
        found = discover(source, course) + found
    jobs = _jobs(found, course, summary, problems)
    store = ResultStore(out / "results.sqlite")
    todo = [j for j in jobs if force or j.assignment is None
            or store.digest(j.student, j.assignment) != j.digest]
    summary.skipped = len(jobs) - len(todo)
    for job in todo:  # keep the submitted notebooks where nbgrader's formgrader looks for them
        if job.assignment and job.notebook and job.problem is None:
            dest = out / "submitted" / job.student / job.assignment / f"{job.notebook}.ipynb"
            write_notebook(read_notebook(job.path), dest)
    stream = sys.stderr
    show = not quiet and stream.isatty()

    def record(i: int, job: Job, outcome) -> None:
        try:
            result, seconds, files = outcome()
            reason = UNKNOWN_FAILURE if result.get("error") == UNKNOWN_FAILURE else None
        except Exception as exc:  # noqa: BLE001 - the worker crashed or was stopped
            reason = str(exc) if isinstance(exc, WorkerFailure) else \
                f"the grading worker failed: {exc.__class__.__name__}: {exc}"
        if reason is not None:  # the grading failed, not the submission: no grade, never cached
            summary.unfinished.append((job.path, reason))
        else:
            _keep(store, out, summary, job, result, seconds, files)
            if on_result:
                on_result(job, result)
        if show:
            _progress(i, len(todo), start, stream)

    try:
        work = work or partial(grade_job, course_root=str(course.root), timeout=timeout, hardened=hardened,
                               resources=resources)
        _dispatch(todo, work, record, scheduler=scheduler, workers=workers, job_timeout=job_timeout,
                  memory_mb=grader_memory_mb)
        if show and todo:
            stream.write("\n")
        write_gradebook(store, course, out, db_url)
        write_csv(store, out / "grades.csv")
        write_report(store.timed(), out, notes=summary.intake_lines(), kinds=course_kinds(course))
    finally:
        store.close()
    summary.seconds = time.perf_counter() - start
    return summary
