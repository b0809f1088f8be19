"""A synthetic class to try the grader on: `make demo` (``python -m autograder demo``).

For every chapter that exists it writes realistic submissions in an LMS-style flat folder, built from the
released exercise, the reference solutions and the common-mistakes data in ``answers/``:
complete answers (the reference and unusual-but-valid forms), partial work, classic mistakes, untouched
notebooks and a damaged file; then it grades them with ``grade-class``.
"""

from __future__ import annotations

import copy
import re
import runpy
from pathlib import Path

from nbformat import NotebookNode

from autograder.course.layout import Course
from autograder.errors import UserError
from autograder.course.notebooks import read_notebook, write_notebook

ANSWERS_DIR = Path("answers")  # the course's answers in other valid forms and classic mistakes, per chapter


class StudentWork:
    """A copy of a released exercise, filled in the way a student would."""

    def __init__(self, course: Course, assignment: str):
        self.nb: NotebookNode = copy.deepcopy(read_notebook(course.release_notebooks(assignment)[0]))
        self.reference = reference_answers(course, assignment)

    def cell(self, grade_id: str) -> NotebookNode:
        for cell in self.nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                return cell
        raise KeyError(grade_id)

    def answer(self, grade_id: str, source: str | None = None) -> "StudentWork":
        """Write ``source`` (default: the reference solution) into an answer cell."""
        self.cell(grade_id).source = self.reference[grade_id] if source is None else source
        return self

    def answer_all(self) -> "StudentWork":
        for gid in self.reference:
            self.answer(gid)
        return self

    def replace_in(self, grade_id: str, old: str, new: str) -> "StudentWork":
        """Answer with the reference solution, edited (a realistic small mistake)."""
        src = self.reference[grade_id]
        if old not in src:
            raise ValueError(f"{old!r} is not in the reference answer of {grade_id}")
        return self.answer(grade_id, src.replace(old, new))

    def apply(self, grade_id: str, edit) -> "StudentWork":
        """A test-data edit: a full answer source, or an (old, new) replacement in the reference."""
        return self.replace_in(grade_id, *edit) if isinstance(edit, tuple) else self.answer(grade_id, edit)

    def save(self, path: Path) -> Path:
        write_notebook(self.nb, path)
        return path


class DemoError(UserError):
    """The demo was asked for something the course does not have."""


def reference_answers(course: Course, assignment: str) -> dict[str, str]:
    """Answer-cell sources as a student who wrote the reference solution would have them."""
    out = {}
    for cell in read_notebook(course.source_notebooks(assignment)[0]).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n?", "", cell.source)
    return out


def answer_data(course: Course, assignment: str) -> dict:
    path = course.root / ANSWERS_DIR / f"{assignment}.py"
    if not path.exists():
        return {"ALTERNATIVES": [], "MISTAKES": {}, "PLAIN": []}
    data = runpy.run_path(str(path))
    return {"ALTERNATIVES": data.get("ALTERNATIVES", []), "MISTAKES": data.get("MISTAKES", {}),
            "PLAIN": list(data.get("PLAIN", []))}


def make_class(course: Course, dest: Path, *, copies: int = 1, chapters: list[str] | None = None,
               per_chapter: int | None = None) -> list[Path]:
    """Write a synthetic class into ``dest`` (flat, ``<student>_<assignment>.ipynb``); ``copies`` repeats it.

    ``chapters`` picks assignments (default: every finished one); ``per_chapter`` keeps the first N of each
    chapter's submissions: the reference answers, a damaged upload, an untouched notebook, half-done
    work, then valid alternatives and classic mistakes.
    """
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    counters: dict[str, int] = {}

    def save(work_or_text, assignment: str) -> None:
        # the same roster (student001, student002, ...) hands in every assignment
        counters[assignment] = counters.get(assignment, 0) + 1
        path = dest / f"student{counters[assignment]:03d}_{assignment}.ipynb"
        if isinstance(work_or_text, str):
            path.write_text(work_or_text, encoding="utf-8")
        else:
            work_or_text.save(path)
        written.append(path)

    unknown = sorted(set(chapters or []) - set(course.assignments()))
    if unknown:
        raise DemoError(f"no chapter {', '.join(unknown)} (known: {', '.join(course.assignments())}).")
    for _ in range(copies):
        for assignment in chapters or course.assignments():
            if not course.release_notebooks(assignment) or not course.source_notebooks(assignment):
                continue  # a chapter still being written
            for work in _chapter_class(course, assignment)[:per_chapter]:
                save(work, assignment)
    return written


def _chapter_class(course: Course, assignment: str) -> list:
    data = answer_data(course, assignment)
    works: list = [StudentWork(course, assignment).answer_all(),  # the reference answers
                   '{"cells": [ {"cell_type": "code", "source": "trunc',  # a damaged upload
                   StudentWork(course, assignment)]  # untouched
    half = StudentWork(course, assignment)  # stopped halfway
    for gid in list(half.reference)[: len(half.reference) // 2]:
        half.answer(gid)
    works.append(half)
    for alternative in data["ALTERNATIVES"]:  # right, in other forms
        work = StudentWork(course, assignment).answer_all()
        for gid, src in alternative.items():
            work.answer(gid, src)
        works.append(work)
    for mistakes in data["MISTAKES"].values():  # classic mistakes
        work = StudentWork(course, assignment).answer_all()
        for gid, (edit, _, _) in mistakes.items():
            work.apply(gid, edit)
        works.append(work)
    return works
