"""Self-check from inside a notebook: ``from autograder.incell import check, check_all``.

``check("q3-project")`` runs that question's visible tests right now, against the variables and functions
in your running kernel, and shows the result (no need to save first). ``check_all()`` saves nothing either:
it runs your *saved* notebook from top to bottom in a fresh kernel, exactly like
``python -m autograder check``, so save (Ctrl+S) before calling it. Only visible tests run; hidden tests
run when you are graded. Works offline and on Binder; no course database is needed.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from autograder.grading.verdict import HIDDEN, STATUS_ICON as ICON, QuestionResult



class CheckReport:
    """A list of results that renders as a table in Jupyter and as text elsewhere."""

    def __init__(self, title: str, questions: list[QuestionResult], note: str = ""):
        self.title, self.questions, self.note = title, questions, note

    @property
    def passed(self) -> bool:
        visible = [q for q in self.questions if q.status != HIDDEN]
        return bool(visible) and all(q.status == "passed" for q in visible)

    def __repr__(self) -> str:
        lines = [self.title]
        for q in self.questions:
            pts = "-" if q.status == HIDDEN else f"{q.points:g}/{q.max_points:g}"
            lines.append(f"  {q.status.upper():8} {q.grade_id}  {pts}  {q.message}".rstrip())
        lines.append(self.note)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{ICON.get(q.status, '')} {q.status}</td><td><code>{html.escape(q.grade_id)}</code></td>"
            f"<td>{'-' if q.status == 'hidden' else f'{q.points:g} / {q.max_points:g}'}</td>"
            f"<td>{html.escape(q.message)}</td></tr>" for q in self.questions)
        return (f"<div class='autograder-check'><strong>{html.escape(self.title)}</strong>"
                f"<table><tr><th>result</th><th>test</th><th>points</th><th>hint</th></tr>{rows}</table>"
                f"<em>{html.escape(self.note)}</em></div>")


def notebook_path() -> Path:
    """The notebook this kernel belongs to (JupyterLab and Notebook 7 tell the kernel its path)."""
    for var in ("JPY_SESSION_NAME", "AUTOGRADER_NOTEBOOK"):
        value = os.environ.get(var)
        if value and value.endswith(".ipynb") and Path(value).exists():
            return Path(value)
    raise RuntimeError("cannot tell which notebook this is; run `python -m autograder check NOTEBOOK` "
                       "in a terminal instead.")


def check(question: str) -> CheckReport:
    """Run the visible tests of one question (e.g. "q3-project") in this kernel, now."""
    from IPython import get_ipython

    if os.environ.get("NBGRADER_EXECUTION"):  # being graded: the real tests run anyway
        return CheckReport(f"Self-check of {question} skipped while the notebook is being graded.", [])

    from autograder.course.notebooks import read_notebook
    from autograder.grading.verdict import is_hidden_only, is_test_cell

    nb = read_notebook(notebook_path())
    cells = [c for c in nb.cells if is_test_cell(c)
             and c.metadata.nbgrader["grade_id"].startswith(question.rstrip("-") + "-")]
    if not cells:
        raise ValueError(f"no test cells for {question!r} in this notebook (test ids start with it, "
                         "e.g. 'q1-distance-digits').")
    shell = get_ipython()
    results = []
    for cell in cells:
        gid, points = cell.metadata.nbgrader["grade_id"], float(cell.metadata.nbgrader.get("points", 0))
        if is_hidden_only(cell):
            results.append(QuestionResult(gid, 0.0, points, HIDDEN, "runs when you are graded."))
            continue
        err = None
        try:  # in the student's namespace, quietly: a failure is reported below, not as a traceback
            exec(compile(shell.transform_cell(cell.source), f"<test {gid}>", "exec"), shell.user_ns)
        except Exception as exc:
            err = exc
        if err is None:
            results.append(QuestionResult(gid, points, points, "passed", ""))
        elif isinstance(err, NotImplementedError):
            results.append(QuestionResult(gid, 0.0, points, "missing", "not answered yet."))
        elif isinstance(err, AssertionError):
            results.append(QuestionResult(gid, 0.0, points, "failed", str(err)))
        else:
            results.append(QuestionResult(gid, 0.0, points, "error", f"{type(err).__name__}: {err}"))
    return CheckReport(f"Self-check of {question} (visible tests only, on your current variables)", results,
                       "Hidden tests run when your notebook is graded.")


def check_all() -> CheckReport:
    """Run the saved notebook in a fresh kernel with its visible tests (save first)."""
    import json
    import subprocess
    import sys

    if os.environ.get("NBGRADER_EXECUTION"):  # this notebook is itself being checked or graded: no recursion
        return CheckReport("Self-check skipped while the notebook is being checked or graded.", [])

    # in a separate process: a kernel cannot drive another kernel from inside its own event loop
    proc = subprocess.run([sys.executable, "-m", "autograder", "check", "--json", str(notebook_path())],
                          capture_output=True, text=True, timeout=3600)
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"the self-check could not run: {proc.stderr.strip()[-500:]}") from None
    questions = [QuestionResult(**q) for q in data["questions"]]
    got = sum(q.points for q in questions if q.status != HIDDEN)
    mx = sum(q.max_points for q in questions if q.status != HIDDEN)
    return CheckReport(f"Self-check of the saved notebook: {got:g} / {mx:g} visible points", questions,
                       "Only visible tests ran, on the saved file; hidden tests run when you are graded.")
