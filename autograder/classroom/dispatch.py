"""Grading jobs on local worker processes that one bad submission cannot take down with it.

Each worker is a process (forked from a fork server that imported the grading code once) that grades one
submission at a time, in its own process group, with its own slot number (the jail gives every slot its
own unprivileged uid, see :func:`autograder.hardened.resources.slot_uid`), its own temporary folder and a
bound on its memory (``RLIMIT_AS``, so a student's answer that makes the grader allocate gigabytes fails
with ``MemoryError`` in that submission's test instead of starving the machine).

The dispatcher waits on every worker's pipe and process at once, with a wall-clock deadline per
submission. A worker that dies (a segfault in a library, the kernel's OOM killer) or goes past the
deadline is killed with everything it started, its folder is removed, and a fresh worker takes its slot:
only the submission it was grading fails (:class:`WorkerFailure`), every other one is graded normally.
Unlike a ``ProcessPoolExecutor``, whose one dead worker breaks every pending future.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable


_ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
WORKER_PRELOAD = ["autograder.classroom.grade_class"]  # what a grading worker imports anyway
WORKER_DEPTH = 44  # a worker's temporary folder below the dispatcher's parent: "/autograder-dispatch-*/worker-12-1234"


class WorkerFailure(Exception):
    """The process grading a submission crashed, was killed or went past its time limit: there is no grade."""


@dataclass
class _Worker:
    slot: int
    process: Any
    conn: Any
    folder: Path
    job: Any = None
    started: float = 0.0
    stopping: bool = False  # told to stop (nothing left for it): exits on its own, in parallel with the others


def limit_memory(memory_mb: int | None) -> None:
    """Bound this process's address space (the soft limit: the kernels it starts set their own)."""
    import resource

    if not memory_mb:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    value = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(resource.RLIMIT_AS, (value, hard))


def _serve(conn, slot: int, folder: str, work: Callable[[Any], Any], memory_mb: int | None,
           env: dict[str, str]) -> None:
    """A worker's loop: one job in, one ("ok", value) or ("error", text) out, until told to stop."""
    os.setsid()  # its own process group: nothing it starts outlives it unnoticed
    os.environ.clear()  # the dispatcher's environment now, not the fork server's when it started
    os.environ.update(env)
    os.environ["AUTOGRADER_SLOT"] = str(slot)
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder
    limit_memory(memory_mb)
    try:
        while (job := _next(conn)) is not None:
            try:
                answer = ("ok", work(job))
            except BaseException as exc:  # noqa: BLE001 - reported as this job's failure, the worker goes on
                answer = ("error", f"{type(exc).__name__}: {str(exc)[:500]}")
            try:
                conn.send(answer)
            except (MemoryError, ValueError, TypeError) as exc:  # an answer that cannot be sent back
                conn.send(("error", f"the grading worker could not return the result ({type(exc).__name__})"))
    finally:  # also when the dispatcher itself was killed (the pipe breaks): leave nothing behind
        remove_folder(Path(folder))
        with contextlib.suppress(OSError):
            Path(folder).parent.rmdir()  # the dispatcher's folder, once the last worker is gone


def _next(conn) -> Any:
    try:
        return conn.recv()
    except (EOFError, OSError):
        return None


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc: the kernels, jails and children a worker started)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid`` and everything below it (twice: a process forking meanwhile is caught the second time)."""
    for _ in range(2):
        for p in [pid, *descendants(pid)]:
            try:
                os.kill(p, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def remove_folder(folder: Path) -> None:
    """Remove a dead worker's folder, unmounting what it mounted there first (its kernels' scratch tmpfs)."""
    try:
        mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        mounts = []
    from autograder.hardened.resources import remove_cgroups_of

    remove_cgroups_of(folder)  # named after its kernels' folders, some of them in a template's tmpfs: first
    for point in sorted((m for m in mounts if m.startswith(str(folder) + os.sep)), reverse=True):
        subprocess.run(["umount", "-l", point], capture_output=True, check=False)
    shutil.rmtree(folder, ignore_errors=True)


class Dispatcher:
    """``workers`` processes running ``work(job)``; :meth:`run` calls ``done(job, outcome)`` per job, where
    ``outcome()`` returns the worker's value or raises :class:`WorkerFailure`."""

    def __init__(self, work: Callable[[Any], Any], workers: int, *, job_timeout: float | None = None,
                 memory_mb: int | None = None):
        self.work, self.size = work, max(1, workers)
        self.job_timeout, self.memory_mb = job_timeout, memory_mb
        # Workers are forked from a fork server that has imported the grading code once (about 1.7 s of CPU
        # that each spawned worker paid again); the server itself is a clean, single-threaded process.
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(WORKER_PRELOAD)
        from autograder.hardened.kernel_manager import kernel_tempdir

        # short enough for the sockets of the kernels its workers start (their temporary folders are in it)
        self.base = Path(tempfile.mkdtemp(prefix="autograder-dispatch-", dir=kernel_tempdir(below=WORKER_DEPTH)))
        self.workers: list[_Worker | None] = [None] * self.size
        self._started = 0

    def _start(self, slot: int) -> _Worker:
        self._started += 1
        folder = self.base / f"worker-{slot}-{self._started}"
        folder.mkdir()
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child, slot, str(folder), self.work, self.memory_mb,
                                                        {**os.environ, **_ONE_THREAD}), daemon=True)
        saved = {k: os.environ.get(k) for k in _ONE_THREAD}
        os.environ.update(_ONE_THREAD)  # before the fork server imports NumPy: one core each, small address space
        try:
            process.start()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        child.close()
        return _Worker(slot, process, parent, folder)

    def start(self) -> None:
        """Start every worker now, so that they import and set up while the caller does something else
        (their first job would otherwise start them)."""
        for slot in range(self.size):
            if self.workers[slot] is None:
                self.workers[slot] = self._start(slot)

    def _stop(self, w: _Worker) -> None:
        """Tell an idle worker to finish; :meth:`close` waits for it."""
        if not w.stopping:
            w.stopping = True
            with contextlib.suppress(BrokenPipeError, OSError):
                w.conn.send(None)

    def _retire(self, w: _Worker) -> None:
        if w.process.exitcode is None:  # alive (or an unreaped zombie): its pid cannot belong to another process
            kill_tree(w.process.pid)
        # a dead worker's kernels die with it (the jail's --die-with-parent, ipykernel's parent poller) and
        # with their control groups (remove_folder)
        w.process.join(10)
        w.conn.close()
        remove_folder(w.folder)
        self.workers[w.slot] = None

    def _assign(self, slot: int, job: Any) -> None:
        for _ in range(2):  # a worker that died while idle is replaced once
            w = self.workers[slot] or self._start(slot)
            self.workers[slot] = w
            try:
                w.conn.send(job)
            except (BrokenPipeError, OSError):
                self._retire(w)
                continue
            w.job, w.started = job, time.monotonic()
            return
        raise WorkerFailure("a grading worker could not be started")

    def run(self, jobs: Iterable[Any], done: Callable[[Any, Callable[[], Any]], None],
            meanwhile: Callable[[], Any] | None = None) -> None:
        """``meanwhile()`` runs here once every worker has its first job, before the first result is waited
        for: the caller's own set-up overlaps the first jobs instead of delaying them."""
        pending = list(jobs)
        try:
            while True:
                for slot in range(self.size):
                    w = self.workers[slot]
                    while pending and (w is None or w.job is None):
                        job = pending.pop(0)
                        try:
                            self._assign(slot, job)
                        except WorkerFailure as exc:
                            done(job, _raise(exc))
                        w = self.workers[slot]
                    if not pending and w is not None and w.job is None:
                        self._stop(w)  # nothing left for it: it exits while the others finish their jobs
                if meanwhile is not None:
                    meanwhile, now = None, meanwhile
                    now()
                busy = [w for w in self.workers if w is not None and w.job is not None]
                if not busy:
                    return
                self._wait(busy, done)
        finally:
            self.close()

    def _wait(self, busy: list[_Worker], done) -> None:
        timeout = None
        if self.job_timeout:
            timeout = max(0.0, min(w.started + self.job_timeout for w in busy) - time.monotonic())
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
        for w in busy:
            job = w.job
            message = None
            try:
                if w.conn.poll():
                    message = w.conn.recv()
            except (EOFError, OSError):
                message = None
            if message is not None:
                w.job = None
                kind, value = message
                done(job, (lambda v=value: v) if kind == "ok" else _raise(WorkerFailure(
                    f"the grading worker failed: {value}")))
            elif not w.process.is_alive():
                code = w.process.exitcode
                how = f"signal {-code} ({signal.Signals(-code).name})" if code and code < 0 else f"exit code {code}"
                self._retire(w)
                done(job, _raise(WorkerFailure(f"the grading process died while grading this submission ({how})")))
            elif self.job_timeout and time.monotonic() > w.started + self.job_timeout:
                self._retire(w)
                done(job, _raise(WorkerFailure(
                    f"grading this submission took longer than {self.job_timeout:.0f} s and was stopped")))

    def close(self) -> None:
        """Stop every worker (idle ones are told to finish, all at once, then waited for) and clean up."""
        for w in self.workers:
            if w is not None and w.job is None and w.process.is_alive():
                self._stop(w)
        for w in self.workers:
            if w is None:
                continue
            if w.stopping:
                w.process.join(10)
            self._retire(w)
        shutil.rmtree(self.base, ignore_errors=True)


def _raise(exc: Exception) -> Callable[[], Any]:
    def outcome() -> Any:
        raise exc

    return outcome
