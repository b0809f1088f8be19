"""What happens when a submission runs forever or kills its kernel? A clear status, never free points.

Kept apart from test_grading.py so that these slow cases run on another worker.
"""

from __future__ import annotations

import json

from autograder.selfcheck import check_notebook
from conftest import StudentNotebook
from test_grading import CH01_MAX, run_cli


def test_an_endless_loop_is_stopped_and_reported_as_timeout(course, tmp_path):
    nb = StudentNotebook(course).answer_all().answer("q1-angle", "while True:\n    pass\n")
    path = nb.save(tmp_path / "loop_01-vectors.ipynb")
    proc = run_cli("grade", "--json", "--timeout", "5", str(path))
    assert proc.returncode == 0, proc.stderr
    [result] = json.loads(proc.stdout)
    q1 = [q for q in result["questions"] if q["grade_id"].startswith("q1-")]
    assert [q["status"] for q in q1] == ["timeout", "timeout"], q1
    assert result["score"] == CH01_MAX - 2


def test_a_dead_kernel_is_reported_and_earns_no_free_points(course, tmp_path):
    nb = StudentNotebook(course).answer_all().answer("q3-project", "import os\nos._exit(0)\n")
    path = nb.save(tmp_path / "dies_01-vectors.ipynb")
    proc = run_cli("grade", "--json", str(path))
    [result] = json.loads(proc.stdout)
    assert "kernel died" in result["error"]
    assert not any(q["status"] == "passed" for q in result["questions"][4:]), result["questions"]

    # the self-check still reports the questions answered before the crash
    checked = {q.grade_id: q for q in check_notebook(path).questions}
    assert checked["q2-normalize-visible"].status == "passed"
    assert checked["q4-cosine-visible"].status == "error" and "kernel died" in checked["q4-cosine-visible"].message
    assert checked["q4-cosine-visible"].points == 0
