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


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_starts_even_as_root_and_serves_the_course(tmp_path):
    """`make lab` runs `python -m autograder lab`; JupyterLab refuses root unless told, so it is told."""
    import time
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "autograder", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.password="],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path)},
    )
    try:
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/course", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert body is not None, proc.stdout.read() if proc.poll() is not None else "no answer"
        names = {item["name"] for item in body["content"]}
        assert "01-vectors.ipynb" in names
        assert "01-vectors.py" not in names  # each lecture once: its text source is hidden (postBuild)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab", timeout=5) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_students_get_validate_but_not_the_instructor_extensions():
    proc = subprocess.run([str(Path(sys.executable).parent / "jupyter"), "server", "extension", "list"],
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    import re

    def state(name: str) -> str:
        m = re.search(rf"nbgrader\.server_extensions\.{name}\s+\S*?(enabled|disabled)", out)
        assert m, (name, out)
        return m.group(1)

    assert state("validate_assignment") == "enabled"
    for name in ("formgrader", "course_list", "assignment_list"):
        assert state(name) == "disabled", name
    proc = subprocess.run([str(Path(sys.executable).parent / "jupyter"), "labextension", "list"],
                          capture_output=True, text=True, timeout=120)
    disabled = (proc.stdout + proc.stderr).partition("Disabled extensions:")[2].split()
    assert sorted(disabled) == [f"@jupyter/nbgrader:{name}" for name in
                                ("assignment-list", "course-list", "create-assignment", "formgrader")], disabled


def test_packaging_refuses_a_damaged_notebook_with_a_sentence(tmp_path):
    bad = tmp_path / "mine.ipynb"
    bad.write_text("{", encoding="utf-8")
    proc = run("package", str(bad), "--student", "ivy", "--out", str(tmp_path / "ivy.zip"))
    assert proc.returncode == 2 and "damaged" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "ivy.zip").exists()
    proc = run("package", str(ROOT / "exercises" / "01-vectors" / "01-vectors-exercises.ipynb"),
               "--student", "../evil", "--out", str(tmp_path / "x.zip"))
    assert proc.returncode == 2 and "not a usable student id" in proc.stderr
