"""A tiny course on disk, with no kernel needed: a lecture text source and an assignment whose questions
declare whatever kinds a test asks for (or none, or a wrong one)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

from autograder.course.layout import Course
from autograder.course.notebooks import write_notebook

ABSENT = object()  # an answer cell with no question metadata at all


def nbgrader(grade_id: str, *, solution: bool = False, points: int = 0) -> dict:
    return {"grade": bool(points), "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False, **({"points": points} if points else {})}


def answer_cell(grade_id: str, kind: object = "implement") -> NotebookNode:
    cell = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")
    cell.metadata["nbgrader"] = nbgrader(grade_id, solution=True)
    if kind is not ABSENT:
        cell.metadata["question"] = {"kind": kind}
    return cell


def exercise_notebook(kinds: dict[str, object]) -> NotebookNode:
    """A setup cell, then per question an answer cell and its visible (1 point) and hidden (2 points) tests."""
    setup = nbformat.v4.new_code_cell("import numpy as np")
    setup.metadata["nbgrader"] = nbgrader("setup")
    cells = [nbformat.v4.new_markdown_cell("# Exercises"), setup]
    for gid, kind in kinds.items():
        cells += [answer_cell(gid, kind),
                  _test_cell(f"{gid}-visible", 1), _test_cell(f"{gid}-hidden", 2)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


def _test_cell(grade_id: str, points: int) -> NotebookNode:
    cell = nbformat.v4.new_code_cell("assert x == 1")
    cell.metadata["nbgrader"] = nbgrader(grade_id, points=points)
    return cell


def make_course(root: Path, chapters: dict[str, dict[str, object]]) -> Course:
    """``chapters``: slug -> {question grade_id: kind}; each gets a lecture source, an assignment text source
    and its built source notebook."""
    (root / "course").mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text("", encoding="utf-8")
    for slug, kinds in chapters.items():
        (root / "course" / f"{slug}.py").write_text(f"# # Chapter {slug[:2]} — Lecture {slug}\n", encoding="utf-8")
        folder = root / "solutions" / slug
        folder.mkdir(parents=True, exist_ok=True)
        nb = exercise_notebook(kinds)
        jupytext.write(nb, folder / f"{slug}-exercises.py", fmt="py:percent")
        write_notebook(nb, folder / f"{slug}-exercises.ipynb")
    return Course(root)
