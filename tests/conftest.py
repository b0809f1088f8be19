"""Shared fixtures: the course, and student notebooks made from the released exercise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# One BLAS thread for every kernel and subprocess the suite starts. pytest-xdist already keeps every core
# busy, and OpenBLAS threads that spin on an oversubscribed machine make small vector operations 30 times
# slower: CG on chapter 11's 40000-pixel grid took 45 s with two threads on a busy 2-core machine, 1.5 s
# with one (the kernels of graded notebooks already run with one, see hardened/jail.py). Set before any
# kernel starts; a value from the caller's environment wins.
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
CALLER_BLAS_THREADS = {name: os.environ[name] for name in BLAS_THREADS if name in os.environ}
for _name, _value in BLAS_THREADS.items():
    os.environ.setdefault(_name, _value)

from autograder.classroom.demo import StudentWork
from autograder.course.layout import Course, find_course

ROOT = Path(__file__).resolve().parent.parent
CH01 = "01-vectors"


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject's addopts): one worker more than the cores, counted as grade-class counts them
    (:func:`autograder.classroom.grade_class.default_workers`, which honours a CPU affinity mask).

    A worker that grades spends about a third of its time waiting: the grader and the student's kernel take
    turns (one sends a cell or a request, the other works), and the deliberate time limits of the failure
    tests are waits. Measured on a 2-core machine, the whole suite kept the cores busy 87% of the time with 2
    workers (432 s) and 97% with 3 (406 s)."""
    from autograder.classroom.grade_class import default_workers

    return default_workers()


def pytest_collection_modifyitems(session, config, items):
    """Longest files first, so that the xdist workers finish together (tests/support/schedule.py)."""
    from support.schedule import longest_first

    items[:] = longest_first(items)


@pytest.fixture(scope="session")
def course() -> Course:
    return find_course(ROOT)


def solution_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.source_notebooks(assignment)[0]


def exercise_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.release_notebooks(assignment)[0]


class StudentNotebook(StudentWork):
    """A copy of the released exercise that a test fills in like a student would (chapter 01 by default)."""

    def __init__(self, course: Course, assignment: str = CH01):
        super().__init__(course, assignment)
