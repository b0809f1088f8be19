"""Per-student HTML feedback that shows the student's answers, points and hints, and no hidden test.

nbgrader's own ``generate_feedback`` renders the autograded notebook as it ran, test cells and their
tracebacks included, which gives the hidden tests away (nbgrader issue #917). Here every test cell is
replaced by a one-line verdict built from the grading result, and outputs of test cells are dropped.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbformat import NotebookNode

from autograder.course.notebooks import read_notebook
from autograder.grading.verdict import STATUS_ICON as ICON, is_test_cell



def _verdict_cell(q: dict) -> NotebookNode:
    text = (f"**{ICON.get(q['status'], '')} Test `{q['grade_id']}`: {q['points']:g} / {q['max_points']:g} points "
            f"({q['status']})**")
    if q.get("message"):
        text += f"  \n{html.escape(q['message'])}"
    return nbformat.v4.new_markdown_cell(text)


def feedback_notebook(graded: NotebookNode, result: dict, student: str) -> NotebookNode:
    """The student's notebook with each test cell replaced by its verdict, and a summary on top."""
    by_id = {q["grade_id"]: q for q in result.get("questions", [])}
    cells = []
    for cell in graded.cells:
        if is_test_cell(cell):
            q = by_id.get(cell.metadata.nbgrader["grade_id"])
            if q is not None:
                cells.append(_verdict_cell(q))
            continue
        cells.append(cell)  # the student's own cells, with their own outputs and errors
    rows = "\n".join(f"| `{q['grade_id']}` | {ICON.get(q['status'], '')} {q['status']} | "
                     f"{q['points']:g} / {q['max_points']:g} | {html.escape(q.get('message', ''))} |"
                     for q in result.get("questions", []))
    head = (f"# Feedback for {html.escape(student)}: {result.get('assignment')}\n\n"
            f"**Score: {result.get('score')} / {result.get('max_score')}**\n\n"
            "| Test | Result | Points | Hint |\n|---|---|---|---|\n" + rows)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(head), *cells])
    nb.metadata = {"kernelspec": graded.metadata.get("kernelspec", {})}
    return nb


@lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    return HTMLExporter(template_name="lab")  # loading the templates once per process saves ~0.05 s a page


def feedback_html(graded_path: Path, result: dict, student: str) -> str:
    nb = feedback_notebook(read_notebook(graded_path), result, student)
    body, _ = _exporter().from_notebook_node(nb)
    return body
