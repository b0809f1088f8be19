"""Grading a whole class: in parallel, resumable, into nbgrader's gradebook and a grades CSV.

* Workers (one process per core, plus one, by default) each own a private nbgrader course
  (``grading.Grader``), so no two processes ever share a gradebook or a kernel port range, and each
  submission runs in a fresh kernel exactly as single-notebook ``grade`` does.
* The main process is the only writer. Every finished submission is committed at once to a results store
  (SQLite, keyed by student and assignment, with the notebook's content hash), so a run killed at any
  moment loses at most the submissions in flight; rerunning grades only what is new or changed.
* Each stored grade is then written into nbgrader's gradebook (``gradebook.db`` in the output folder, or any
  SQLAlchemy URL) while the others are graded; at the end, whatever it still lacks (earlier runs' results, a
  write it refused), so it always ends equal to the store. The submitted and autograded notebooks go where
  formgrader expects them, and the grades into ``grades.csv``.

Who handed in what is :mod:`autograder.classroom.intake`; the results store, the gradebook and the CSV are
:mod:`autograder.classroom.results`.
"""

from __future__ import annotations

import json
import multiprocessing.util
import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any, Callable

from autograder.classroom.dispatch import Dispatcher, WorkerFailure
from autograder.classroom.feedback import feedback_html
from autograder.classroom.intake import take_in
from autograder.classroom.report import write_report
from autograder.classroom.results import GradebookWriter, Job, ResultStore, Summary, write_csv
from autograder.course.config import CELL_TIMEOUT, GRADER_MEMORY_MB, JOB_TIMEOUT
from autograder.course.kinds import course_kinds
from autograder.course.layout import Course, absolute_db_url
from autograder.course.notebooks import read_notebook, write_notebook
from autograder.grading.grader import Grader, Submission, quiet_nbgrader
from autograder.grading.seed import wait_for_seed
from autograder.grading.verdict import UNKNOWN_FAILURE


# --- worker side ---------------------------------------------------------------------------------------
# A worker (a local process or a Dask worker) grades in its own private nbgrader course and sends back
# plain data: the result, the time it took, and the files to keep. Only the main process writes.

_GRADERS: dict[tuple, Grader] = {}


SEED_WAIT = 120.0  # seconds a new worker waits for the assignments recorded once (then records its own)


def _grader(course_root: str, timeout: int, hardened: bool, resources: dict | None = None,
            seed: str | None = None) -> Grader:
    key = (course_root, timeout, hardened, json.dumps(resources or {}, sort_keys=True))
    if key not in _GRADERS:
        workspace = Path(tempfile.mkdtemp(prefix="autograder-worker-"))
        # removed when the worker process ends: a local worker's folder goes anyway, a Dask worker's would not
        # (multiprocessing runs these finalizers in its children too, where atexit handlers are skipped)
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(str(workspace),), kwargs={"ignore_errors": True},
                                      exitpriority=0)
        grader = Grader(Course(Path(course_root)), workspace, timeout=timeout, hardened=hardened,
                        resources=resources)  # its kernel template starts meanwhile, in the background
        if seed and wait_for_seed(Path(seed), SEED_WAIT):
            grader.adopt(Path(seed))
        _GRADERS[key] = grader
    return _GRADERS[key]


def grade_job(job: Job, course_root: str, timeout: int, hardened: bool = True,
              resources: dict | None = None, seed: str | None = None) -> tuple[dict, float, dict[str, str]]:
    """Grade one submission; returns (result JSON, seconds, {relative path: text} of files to write).
    ``resources``: limits of the student's kernel (see :class:`autograder.hardened.resources.KernelResources`);
    ``seed``: the assignments recorded once for the whole class (:func:`autograder.grading.seed.prepare_seed`)."""
    grader = _grader(course_root, timeout, hardened, resources, seed)
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


def default_workers() -> int:
    """Local workers when ``--workers`` is not given: one more than the cores this process may run on.

    A worker and its student's kernel take turns (the worker sends a cell or a request and waits; the kernel
    answers and waits), so one worker per core leaves the cores idle part of the time. Measured on 2 cores,
    150 submissions: 2 workers kept them busy 77% of the time (80 s), 3 workers 89% (73 s); 4 lost more to
    contention than they gained (79 s)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores + 1


def _dispatch(todo: list[Job], work: Callable, record: Callable, *, scheduler, workers: int | None,
              job_timeout: float | None, memory_mb: int | None, meanwhile: Callable[[], Any]) -> Any:
    """Run ``work(job)`` for every job, locally (:class:`Dispatcher`) or on Dask; ``record(i, job, outcome)``
    gets each outcome as it comes (``outcome()`` returns the result or raises). ``meanwhile()`` runs here
    while the workers grade their first jobs, before any outcome is recorded; its value is returned."""
    if todo and scheduler:
        from dask.distributed import Client, as_completed as dask_completed

        with Client(scheduler) as client:
            futures = {client.submit(work, job, pure=False): job for job in todo}
            value = meanwhile()
            for i, fut in enumerate(dask_completed(futures), 1):
                record(i, futures[fut], fut.result)
        return value
    elif todo:
        workers = max(1, min(workers or default_workers(), len(todo)))
        finished = iter(range(1, len(todo) + 1))
        dispatcher = Dispatcher(work, workers, job_timeout=job_timeout, memory_mb=memory_mb)
        dispatcher.start()  # the workers start while this process sends their first jobs
        value: list[Any] = []
        # `meanwhile` runs once every worker has a job to grade, before the first result is recorded
        dispatcher.run(todo, lambda job, outcome: record(next(finished), job, outcome),
                       meanwhile=lambda: value.append(meanwhile()))
        return value[0]
    return meanwhile()


def _keep_submitted(todo: list[Job], out: Path) -> None:
    """Keep the submitted notebooks where nbgrader's formgrader looks for them."""
    for job in todo:
        if job.assignment and job.notebook and job.problem is None:
            dest = out / "submitted" / job.student / job.assignment / f"{job.notebook}.ipynb"
            write_notebook(read_notebook(job.path), dest)


def _recorder(store: ResultStore, out: Path, summary: Summary, on_result: Callable[[Job, dict], None] | None,
              progress: Callable[[int], None] | None, gradebook: GradebookWriter | None = None) -> Callable:
    """``record(i, job, outcome)`` for :func:`_dispatch`: a grade is kept (stored, then written into the
    gradebook while the others are graded), a failure of the grading is not."""

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
            if gradebook is not None:
                gradebook.write(job.student, job.assignment, job.notebook, result)
            if on_result:
                on_result(job, result)
        if progress:
            progress(i)

    return record


SEED_FOLDER = ".seed"


def _seed_folder(out: Path, wanted: bool) -> Path | None:
    """An empty folder for the assignments recorded once, while local workers take their first jobs; they copy
    that record instead of each making its own (Dask workers may not see this machine's folders), and so does a
    new gradebook file (``Grader.adopt``). It is in the output folder, like ``.unpacked``: a killed run's seed
    is replaced here by the next run, never left behind."""
    folder = out / SEED_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    if not wanted:
        return None
    folder.mkdir()
    return folder


def grade_class(source: Path, course: Course, out: Path, *, workers: int | None = None, force: bool = False,
                timeout: int = CELL_TIMEOUT, db_url: str | None = None, quiet: bool = False,
                scheduler: str | None = None, hardened: bool = True,
                on_result: Callable[[Job, dict], None] | None = None, job_timeout: float | None = JOB_TIMEOUT,
                grader_memory_mb: int | None = GRADER_MEMORY_MB, resources: dict | None = None,
                work: Callable | None = None) -> Summary:
    """Grade every submission under ``source`` (folder or zip) into ``out``.

    Locally on ``workers`` processes (default: one per core, plus one: :func:`default_workers`), or on a
    Dask cluster with ``scheduler`` (its address, e.g. ``tcp://10.0.0.5:8786``, or a
    ``distributed.Client``-acceptable object); Dask workers must see the course repository and the
    submissions at the same paths.

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
    jobs = take_in(source, course, out / ".unpacked", summary)
    store = ResultStore(out / "results.sqlite")
    todo = [j for j in jobs if force or j.assignment is None
            or store.digest(j.student, j.assignment) != j.digest]
    summary.skipped = len(jobs) - len(todo)
    _keep_submitted(todo, out)
    stream = sys.stderr
    show = not quiet and stream.isatty()
    gradebook = GradebookWriter(course, out, db_url)
    record = _recorder(store, out, summary, on_result,
                       partial(_progress, total=len(todo), start=start, stream=stream) if show else None, gradebook)
    seed = _seed_folder(out, wanted=bool(todo) and not scheduler)
    try:
        work = work or partial(grade_job, course_root=str(course.root), timeout=timeout, hardened=hardened,
                               resources=resources, seed=str(seed) if seed else None)
        assignments = {j.assignment for j in todo if j.assignment} | {a for _, a, _, _ in store.all()}
        _dispatch(todo, work, record, scheduler=scheduler, workers=workers, job_timeout=job_timeout,
                  memory_mb=grader_memory_mb, meanwhile=partial(gradebook.prepare, assignments, seed))
        if show and todo:
            stream.write("\n")
        gradebook.finish(store)  # what the run could not write as it went, and earlier runs' results
        write_csv(store, out / "grades.csv")
        write_report(store.timed(), out, notes=summary.intake_lines(), kinds=course_kinds(course))
    finally:
        gradebook.close()
        store.close()
        shutil.rmtree(out / SEED_FOLDER, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary
