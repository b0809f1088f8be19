"""Shared fixtures: the course, and student notebooks made from the released exercise."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from autograder.layout import Course, find_course
from autograder.notebooks import read_notebook, write_notebook

ROOT = Path(__file__).resolve().parent.parent
CH01 = "01-vectors"


@pytest.fixture(scope="session")
def course() -> Course:
    return find_course(ROOT)


def solution_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.source_notebooks(assignment)[0]


def exercise_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.release_notebooks(assignment)[0]


def reference_answers(course: Course, assignment: str = CH01) -> dict[str, str]:
    """Answer-cell sources as a student who wrote the reference solution would have them."""
    out = {}
    for cell in read_notebook(solution_notebook(course, assignment)).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n?", "", cell.source)
    return out


class StudentNotebook:
    """A copy of the released exercise that a test fills in like a student would."""

    def __init__(self, course: Course, assignment: str = CH01):
        self.nb = copy.deepcopy(read_notebook(exercise_notebook(course, assignment)))
        self.reference = reference_answers(course, assignment)

    def cell(self, grade_id: str):
        for cell in self.nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                return cell
        raise KeyError(grade_id)

    def answer(self, grade_id: str, source: str | None = None) -> "StudentNotebook":
        """Write ``source`` (default: the reference solution) into an answer cell."""
        self.cell(grade_id).source = self.reference[grade_id] if source is None else source
        return self

    def answer_all(self, **overrides: str) -> "StudentNotebook":
        for gid in self.reference:
            self.answer(gid, overrides.get(gid.replace("-", "_")))
        return self

    def replace_in(self, grade_id: str, old: str, new: str) -> "StudentNotebook":
        """Answer with the reference solution, edited (a realistic small mistake)."""
        src = self.reference[grade_id]
        assert old in src, f"{old!r} not in the reference answer of {grade_id}"
        return self.answer(grade_id, src.replace(old, new))

    def save(self, path: Path) -> Path:
        write_notebook(self.nb, path)
        return path
