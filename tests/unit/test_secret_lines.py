"""Which lines count as secret when the build checks a release and a feedback page for leaks?"""

from __future__ import annotations

import nbformat

from autograder.build.verify import _solution_lines
from autograder.course.notebooks import write_notebook
from synthetic_course import make_course, nbgrader


def test_a_solution_line_that_repeats_given_code_is_no_secret_but_its_own_lines_are(tmp_path):
    course = make_course(tmp_path, {"01-x": {"q1-a": "implement"}})
    path = course.source_notebooks("01-x")[0]
    nb = nbformat.read(path, as_version=4)
    given = nbformat.v4.new_code_cell("def draft(X):\n    X = np.asarray(X, dtype=float)     # line 1\n    return X")
    given.metadata["nbgrader"] = nbgrader("q1-given")
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    answer.source = ("def fixed(X):\n### BEGIN SOLUTION\n    X = np.asarray(X, dtype=float)\n"
                     "    return np.sqrt(np.einsum('ij,ij->i', X, X))\n### END SOLUTION")
    nb.cells.insert(nb.cells.index(answer), given)
    write_notebook(nb, path)
    secret = _solution_lines(course, "01-x")
    assert "return np.sqrt(np.einsum('ij,ij->i', X, X))" in secret
    assert "X = np.asarray(X, dtype=float)" not in secret
