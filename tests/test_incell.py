"""Can a student check a question from a cell of the notebook itself, and see a rendered result?"""

from __future__ import annotations

import nbformat

from autograder.execution.run import run_notebook
from conftest import StudentNotebook


def _run_with_check(course, tmp_path, monkeypatch, nb: StudentNotebook, code: str) -> str:
    path = tmp_path / "mine_01-vectors.ipynb"
    nb.nb.cells.append(nbformat.v4.new_code_cell(code))
    nb.save(path)
    monkeypatch.setenv("AUTOGRADER_NOTEBOOK", str(path))  # JupyterLab sets JPY_SESSION_NAME instead
    executed = run_notebook(nbformat.read(path, as_version=4), tmp_path, mode=None)
    outputs = executed.cells[-1].outputs
    assert not [o for o in outputs if o.output_type == "error"], outputs  # results, not tracebacks
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)


def test_check_one_question_uses_the_live_kernel_and_shows_hints(course, tmp_path, monkeypatch):
    nb = StudentNotebook(course).answer_all().replace_in("q3-project", "(u @ v) / (v @ v) * v", "(u @ v) * v")
    code = ("from autograder.incell import check\n"
            "r3 = check('q3-project')\nprint([q.status for q in r3.questions], r3.passed)\n"
            "print(r3.questions[0].message)\n"
            "print(check('q2').passed, 'html' if '<table>' in check('q2')._repr_html_() else 'no html')")
    out = _run_with_check(course, tmp_path, monkeypatch, nb, code)
    assert "['failed', 'hidden'] False" in out
    assert "constant factor" in out
    assert "True html" in out


def test_check_all_runs_the_saved_notebook_in_a_fresh_kernel(course, tmp_path, monkeypatch):
    nb = StudentNotebook(course).answer("q1-distance-digits").answer("q2-normalize")
    code = ("from autograder.incell import check_all\nr = check_all()\nprint(r.title)\n"
            "print(sorted({q.status for q in r.questions}))")
    out = _run_with_check(course, tmp_path, monkeypatch, nb, code)
    assert "2 / 7 visible points" in out
    assert "['hidden', 'missing', 'passed']" in out


def test_a_check_left_in_the_notebook_does_nothing_while_it_is_graded(course, tmp_path):
    """check_all() inside a notebook that is itself being checked must not recurse."""
    from autograder.grading.selfcheck import check_notebook

    nb = StudentNotebook(course).answer_all()
    nb.nb.cells.append(nbformat.v4.new_code_cell("from autograder.incell import check_all\ncheck_all()"))
    result = check_notebook(nb.save(tmp_path / "left-in_01-vectors.ipynb"), timeout=30)
    assert all(q.status in ("passed", "hidden") for q in result.questions)
