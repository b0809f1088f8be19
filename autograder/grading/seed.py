"""The assignments of a class recorded once, for every grading worker to copy.

Each worker grades in a private nbgrader course that must know every assignment (cells, points, hidden tests)
before grading it; recording one is nbgrader's ``generate_assignment``, 0.1-0.3 s each, which every worker
repeated for every assignment. ``grade_class`` records them once in a seed folder while the workers take their
first jobs; a worker copies it (:meth:`autograder.grading.grader.Grader.adopt`), and so does a new class
gradebook. A seed that failed or came late changes nothing but the time: the worker records its own.
"""

from __future__ import annotations

import time
from pathlib import Path

from autograder.course.layout import Course

SEED_READY, SEED_FAILED = ".seed-ready", ".seed-failed"


def prepare_seed(course: Course, folder: Path, assignments: set[str]) -> bool:
    """Record ``assignments`` once, in a private course in ``folder``, for every grading worker of a class to
    copy (:meth:`Grader.adopt`) instead of recording each of them again; ``folder/.seed-ready`` says it is
    done, ``.seed-failed`` that the workers must record them themselves (as they always could)."""
    from autograder.grading import scratch_gradebook
    from autograder.grading.grader import Grader, quiet_nbgrader

    try:
        grader = Grader(course, folder, hardened=False)
        try:
            with quiet_nbgrader():
                for assignment in sorted(a for a in assignments if a in course.assignments()):
                    grader.prepare(assignment)
        finally:
            scratch_gradebook.forget(grader.db_url)
    except Exception:  # noqa: BLE001 - nothing is lost: each worker records what it grades, as without a seed
        (folder / SEED_FAILED).touch()
        return False
    (folder / SEED_READY).touch()
    return True


def wait_for_seed(seed: Path, timeout: float) -> bool:
    """Whether ``seed`` became ready within ``timeout`` seconds (False: it failed, or is too slow to wait for)."""
    end = time.monotonic() + timeout
    while not (seed / SEED_READY).exists():
        if (seed / SEED_FAILED).exists() or time.monotonic() > end:
            return False
        time.sleep(0.02)
    return True
