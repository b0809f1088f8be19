"""With a JupyterHub and nbgrader's exchange: release, fetch, submit, collect, then grade-class.

The round trip runs nbgrader's own commands against a temporary exchange folder, in a copy of the course.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.classroom.grade_class import grade_class
from conftest import ROOT, StudentNotebook
from test_class_grading import gradebook_scores

NBGRADER = str(Path(sys.executable).parent / "nbgrader")


def nbgrader(*args: str, cwd: Path, exchange: Path) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([NBGRADER, *args, f"--Exchange.root={exchange}"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stderr + proc.stdout


def test_release_fetch_submit_collect_and_grade(course, tmp_path):
    instructor, student, exchange = tmp_path / "course", tmp_path / "home", tmp_path / "exchange"
    for name in ("solutions", "exercises"):
        shutil.copytree(ROOT / name, instructor / name)
    shutil.copy(ROOT / "nbgrader_config.py", instructor)
    student.mkdir()
    exchange.mkdir(mode=0o777)

    nbgrader("release_assignment", "01-vectors", cwd=instructor, exchange=exchange)
    nbgrader("fetch_assignment", "01-vectors", "--course", "linalg-ml-course", cwd=student, exchange=exchange)
    fetched = student / "01-vectors" / "01-vectors-exercises.ipynb"
    assert fetched.read_bytes() == (ROOT / "exercises" / "01-vectors" / "01-vectors-exercises.ipynb").read_bytes()

    StudentNotebook(course).answer_all().replace_in(  # the student works: all right but question 3
        "q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u").save(fetched)
    nbgrader("submit", "01-vectors", "--course", "linalg-ml-course", cwd=student, exchange=exchange)
    nbgrader("collect", "01-vectors", cwd=instructor, exchange=exchange)
    collected = list((instructor / "submitted").glob("*/01-vectors/01-vectors-exercises.ipynb"))
    assert len(collected) == 1

    summary = grade_class(instructor, course, tmp_path / "graded", workers=1, quiet=True)
    assert summary.graded == 1 and not summary.failed
    student_id = collected[0].parent.parent.name
    total = sum(v for (s, _), v in gradebook_scores(tmp_path / "graded" / "gradebook.db").items() if s == student_id)
    assert total == 21 - 3
