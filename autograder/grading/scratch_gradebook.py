"""The grading run's own throwaway gradebook: one SQLite engine per process, and no fsync.

Every grading run keeps a private nbgrader course in a temporary folder (:mod:`autograder.grading.grader`)
whose ``gradebook.db`` only that run's process reads and writes, and which is deleted with the folder. nbgrader
opens the gradebook afresh about eleven times per graded notebook (``Gradebook(db_url)`` in ``init_assignment``,
``OverwriteCells``, ``SaveAutoGrades``, ...), each time with a new SQLAlchemy engine and a new connection, and
commits about fifty times, each commit waiting for the disk (fsync). For a file that dies with the run, neither
protects anything: a crash loses the run, whose submissions are graded again.

:func:`register` marks such a URL. nbgrader's ``create_engine`` then hands every ``Gradebook`` of this process
the same engine for it, whose connections skip the fsync (``synchronous=OFF``) and keep their rollback journal
in memory. Any other URL, the instructor's gradebook above all (``grade-class --db-url``, ``out/gradebook.db``),
gets nbgrader's own engine with SQLite's defaults, unchanged.

A ``Gradebook`` opened again on a registered gradebook whose tables and course this process has already set
up skips that set-up (listing the tables, ``create_all``, ``check_course``: 3.5 ms each time); it gets the
same attributes as nbgrader's constructor gives (a test compares them).
"""

from __future__ import annotations

import os
import threading
from typing import Any

_SCRATCH: set[str] = set()
_ENGINES: dict[tuple[int, str], Any] = {}
_SET_UP: set[tuple[int, str, str]] = set()  # (process, URL, course id) whose tables and course exist
_LOCK = threading.Lock()


def register(db_url: str) -> None:
    """``db_url`` is a throwaway SQLite gradebook of this process (see the module's docstring)."""
    if not db_url.startswith("sqlite:///"):
        raise ValueError(f"only a SQLite file can be a throwaway gradebook, not {db_url!r}")
    _install()
    with _LOCK:
        _SCRATCH.add(db_url)


def forget(db_url: str) -> None:
    """The throwaway gradebook is gone (its run is over): close its engine."""
    with _LOCK:
        _SCRATCH.discard(db_url)
        engines = {key: _ENGINES.pop(key) for key in [k for k in _ENGINES if k[1] == db_url]}
        engine = engines.get((os.getpid(), db_url))  # another process's engine is that process's to close
        _SET_UP.difference_update({k for k in _SET_UP if k[1] == db_url})
    if engine is not None:
        engine.dispose()


def is_scratch(engine: Any) -> bool:
    """Is ``engine`` the shared engine of a registered throwaway gradebook?"""
    return any(e is engine for e in _ENGINES.values())


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.close()


def _install() -> None:
    import nbgrader.api
    from sqlalchemy import event

    if getattr(nbgrader.api.create_engine, "scratch_aware", False):
        return
    original = nbgrader.api.create_engine

    def create_engine(url: Any, *args: Any, **kwargs: Any) -> Any:
        name = str(url)
        if name not in _SCRATCH:
            return original(url, *args, **kwargs)
        key = (os.getpid(), name)  # an engine never crosses a fork: its connections belong to one process
        with _LOCK:
            engine = _ENGINES.get(key)
            if engine is None:
                engine = _ENGINES[key] = original(url, *args, **kwargs)
                event.listen(engine, "connect", _no_fsync)
        return engine

    create_engine.scratch_aware = True  # type: ignore[attr-defined]
    nbgrader.api.create_engine = create_engine

    gradebook_init = nbgrader.api.Gradebook.__init__

    def __init__(self: Any, db_url: str, course_id: str = "default_course", authenticator: Any = None) -> None:
        key = (os.getpid(), str(db_url), course_id)
        if key not in _SET_UP:
            gradebook_init(self, db_url, course_id, authenticator)
            if str(db_url) in _SCRATCH:
                _SET_UP.add(key)
            return
        from sqlalchemy.orm import scoped_session, sessionmaker

        self.engine = create_engine(db_url, echo=False, future=True)
        self.db = scoped_session(sessionmaker(autoflush=True, bind=self.engine, future=True))
        self.course_id = course_id
        self.authenticator = authenticator

    nbgrader.api.Gradebook.__init__ = __init__
