"""What kind of question each answer cell is: one reader for the build, the start page and the class report.

Every answer cell (nbgrader ``solution: true``, grade_id ``qN-name``) declares its kind in its cell metadata,
``{"question": {"kind": "implement"}}``; in the jupytext source that is ``question={"kind": "implement"}`` at the
end of the cell's header line. Its tests are the grade cells ``qN-name-visible`` and ``qN-name-hidden``.

A student can edit any cell metadata of their copy, so kinds are read only from the instructor's notebooks
(the course's source notebooks in solutions/, or the release in exercises/), never from a submission:
:func:`assignment_kinds` takes the course, not a notebook a student handed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from nbformat import NotebookNode

from autograder.course.layout import Course
from autograder.course.notebooks import grade_id, read_notebook
from autograder.errors import UserError

KINDS = ("implement", "construct", "predict", "derive", "diagnose")


class KindError(UserError):
    """An answer cell without a kind, or with one that is not in :data:`KINDS`."""


def _is_answer(cell: NotebookNode) -> bool:
    nbgrader = cell.get("metadata", {}).get("nbgrader")
    return isinstance(nbgrader, dict) and nbgrader.get("solution") is True and bool(grade_id(cell))


def declared_kind(cell: NotebookNode) -> object:
    """The cell's ``question.kind`` as written (``None`` when absent or not in a ``question`` object)."""
    question = cell.get("metadata", {}).get("question")
    return question.get("kind") if isinstance(question, dict) else None


def declared_kinds(nb: NotebookNode) -> dict[str, object]:
    """Every answer cell's grade_id and its kind as written, valid or not, in notebook order."""
    return {grade_id(cell): declared_kind(cell) for cell in nb.cells if _is_answer(cell)}


def kind_problems(nb: NotebookNode, where: str | Path) -> list[str]:
    """One sentence per answer cell of ``nb`` whose kind is missing or unknown (``where`` names the notebook)."""
    allowed = ", ".join(KINDS)
    problems = []
    for gid, kind in declared_kinds(nb).items():
        if kind is None:
            problems.append(f"{where}: answer cell '{gid}' declares no kind; add question={{\"kind\": ...}} to its "
                            f"header line, one of {allowed}.")
        elif kind not in KINDS:
            problems.append(f"{where}: answer cell '{gid}' has the unknown kind {str(kind)[:40]!r}; "
                            f"use one of {allowed}.")
    return problems


def question_kinds(nb: NotebookNode, where: str | Path = "notebook") -> dict[str, str]:
    """``{question grade_id: kind}`` of an instructor's notebook; a missing or unknown kind is a :class:`KindError`."""
    problems = kind_problems(nb, where)
    if len(problems) > 1:
        more = len(problems) - 1
        raise KindError(f"{problems[0][:-1]} (and {more} more answer cell{'s' if more > 1 else ''} without a "
                        "valid kind).")
    if problems:
        raise KindError(problems[0])
    return {gid: str(kind) for gid, kind in declared_kinds(nb).items()}


def kind_counts(kinds: Mapping[str, str] | Iterable[str]) -> dict[str, int]:
    """How many questions of each kind (``kinds``: a ``{grade_id: kind}`` map or the kinds themselves), only the
    kinds present, in :data:`KINDS` order."""
    counted = Counter(kinds.values() if isinstance(kinds, Mapping) else kinds)
    return {kind: counted[kind] for kind in KINDS if counted[kind]}


def describe_counts(counts: Mapping[str, int]) -> str:
    """``7 questions: 4 implement · 1 construct · 1 predict · 1 diagnose`` (empty when there are none)."""
    total = sum(counts.values())
    if not total:
        return ""
    return f"{total} question{'s' if total != 1 else ''}: " + " · ".join(f"{n} {kind}" for kind, n in counts.items())


def assignment_kinds(course: Course, assignment: str) -> dict[str, str]:
    """``{question grade_id: kind}`` of one assignment, read from the course's source notebooks (its release
    when there are none). Questions with a missing or unknown kind are left out: the build refuses them, and
    readers after the build (start page, class report) show what is valid rather than stop."""
    notebooks = course.source_notebooks(assignment) or course.release_notebooks(assignment)
    kinds: dict[str, str] = {}
    for path in notebooks:
        for gid, kind in declared_kinds(read_notebook(path)).items():
            if kind in KINDS:
                kinds[gid] = str(kind)
    return kinds


def course_kinds(course: Course) -> dict[str, dict[str, str]]:
    """``{assignment: {question grade_id: kind}}`` for every assignment of the course."""
    return {assignment: assignment_kinds(course, assignment) for assignment in course.assignments()}


def question_of(test_id: str, questions: Iterable[str]) -> str | None:
    """The question a test cell belongs to: ``qN-name`` for ``qN-name-visible`` or ``qN-name-hidden`` (the
    longest such question, so ``q1-norm-squared-hidden`` is not ``q1-norm``'s)."""
    owners = [q for q in questions if test_id.startswith(f"{q}-")]
    return max(owners, key=len) if owners else None
