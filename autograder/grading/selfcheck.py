"""The student's self-check: run the notebook with its visible tests, one line per question.

Needs no course database, exchange or solutions: it works in a plain clone and on Binder.
"""

from __future__ import annotations

from pathlib import Path

from autograder.execution.run import KernelDied, run_notebook
from autograder.course.notebooks import autograder_metadata, read_notebook
from autograder.grading.verdict import (NotebookResult, is_hidden_only, is_tampered, question_results,
                      strip_warnings, test_cells)
from autograder.course.config import CELL_TIMEOUT


def assignment_of(nb) -> str | None:
    return autograder_metadata(nb).get("assignment")


def check_notebook(path: str | Path, *, timeout: int = CELL_TIMEOUT) -> NotebookResult:
    """Run ``path`` as the student has it and report each test cell."""
    path = Path(path)
    nb = read_notebook(path)
    result = NotebookResult(notebook=str(path), assignment=assignment_of(nb))
    tests = test_cells(nb)
    if not tests:
        result.error = "this notebook has no autograded test cells, so there is nothing to check."
        return result
    hidden = {c.metadata.nbgrader["grade_id"] for c in tests if is_hidden_only(c)}
    tampered = {c.metadata.nbgrader["grade_id"] for c in tests if is_tampered(c)}
    not_run = None
    try:
        run_notebook(nb, path.parent.resolve(), timeout=timeout, mode="validate")
    except KernelDied:
        not_run = ("not run: the Python kernel died before this test (a crash, os._exit(), or running out "
                   "of memory in an earlier cell).")
        result.error = ("the Python kernel died while running your notebook; the tests after that point "
                        "could not be checked.")
    strip_warnings(nb)
    result.questions = question_results(nb, hidden_ids=hidden, tampered_ids=tampered, not_run=not_run)
    return result
