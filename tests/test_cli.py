"""Does the command line answer a user's mistake with a sentence rather than a traceback?"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("command", ["check", "grade"])
def test_a_missing_file_is_a_clear_error(command, tmp_path):
    proc = run(command, str(tmp_path / "nope.ipynb"))
    out = proc.stdout + proc.stderr
    assert "no such file" in out
    assert "Traceback" not in out


def test_checking_a_non_notebook_is_a_clear_error(tmp_path):
    path = tmp_path / "answers.py"
    path.write_text("x = 1\n", encoding="utf-8")
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert "not a Jupyter notebook" in proc.stderr and "Traceback" not in proc.stderr


def test_grading_for_an_unknown_assignment_says_which_exist(tmp_path):
    nb = ROOT / "exercises" / "01-vectors" / "01-vectors-exercises.ipynb"
    proc = run("grade", "--json", "--assignment", "99-nothing", str(nb))
    [result] = json.loads(proc.stdout)
    assert "no assignment '99-nothing'" in result["error"] and "01-vectors" in result["error"]


def test_grade_outside_the_course_says_how_to_find_it(tmp_path):
    env_cmd = [sys.executable, "-c", "import sys; from autograder.cli import main; sys.exit(main(sys.argv[1:]))",
               "--course-root", str(tmp_path), "grade", "x.ipynb"]
    proc = subprocess.run(env_cmd, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "not a course repository" in proc.stderr and "Traceback" not in proc.stderr


def test_no_command_prints_usage():
    proc = run()
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_check_json_reports_each_test_and_the_exit_status(tmp_path):
    proc = run("check", "--json", str(ROOT / "exercises" / "01-vectors" / "01-vectors-exercises.ipynb"))
    assert proc.returncode == 1  # nothing answered yet
    result = json.loads(proc.stdout)
    statuses = {q["status"] for q in result["questions"]}
    assert statuses == {"missing", "hidden"}
    assert result["assignment"] == "01-vectors"
