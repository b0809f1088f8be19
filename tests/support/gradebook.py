"""Scores read back through nbgrader's own Gradebook API (what an instructor's nbgrader tools would see)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Callable, Iterable


def _read(db: Path | str, rows: Callable[[str, object], Iterable[tuple[tuple[str, str], float]]]) -> dict:
    """``rows(student id, submission)`` for every submission of a gradebook (a file, or a database URL)."""
    from nbgrader.api import Gradebook

    url = str(db) if str(db).startswith(("sqlite:", "postgresql")) else f"sqlite:///{db}"
    out = {}
    with warnings.catch_warnings(), Gradebook(url) as gb:
        warnings.simplefilter("ignore")
        for student in gb.students:
            for submission in student.submissions:
                out.update(rows(student.id, submission))
    return out


def cell_scores(db: Path | str) -> dict[tuple[str, str], float]:
    """(student, grade id) -> score of every graded cell."""
    return _read(db, lambda student, sub: [((student, grade.name), grade.score)
                                           for notebook in sub.notebooks for grade in notebook.grades])


def submission_scores(db: Path | str) -> dict[tuple[str, str], float]:
    """(student, assignment) -> total score."""
    return _read(db, lambda student, sub: [((student, sub.assignment.name), float(sub.score))])
