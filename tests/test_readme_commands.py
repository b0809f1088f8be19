"""Does every command README.md gives students and instructors work exactly as typed?

The commands are read from README.md itself (its "For students" and "For instructors" sections: fenced
``bash`` blocks and inline ``python -m autograder ...`` spans), so when README changes this test follows.
Each one runs through a shell, relative paths and globs as written, in two places:

* the repository root (a copy of the checkout, so that ``build`` may write), next to small inputs with the
  names README uses (``downloads.zip``, ``submissions/``, ``alice.ipynb``, ``bob.ipynb``);
* a folder outside any checkout holding the same inputs, where the course is found from the installed
  package. Commands that change the course itself (``make``, ``build``) only run at the root.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.course.layout import find_course
from conftest import ROOT, StudentNotebook

README = ROOT / "README.md"
SECTIONS = ("## For students", "## For instructors")
SMALL_DEMO = "--chapters 01-vectors --per-chapter 3"  # `make demo` on a small class, same command path
COURSE_ONLY = ("make ", "python -m autograder build")  # they change the course: run at the root only


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    commands: list[str] = []
    for heading in SECTIONS:
        body = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```bash\n(.*?)```", body, flags=re.S):
            commands += [re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip() for line in block.splitlines()]
        commands += re.findall(r"`((?:python -m autograder|make) [^`]+)`", body)
    seen: list[str] = []
    for command in commands:
        if command and command not in seen:
            seen.append(command)
    return seen


def test_readme_gives_the_commands_this_test_expects():
    commands = readme_commands()
    assert "make demo" in commands
    assert any(c.startswith("python -m autograder grade-class") for c in commands)
    assert any(c.startswith("python -m autograder check ") for c in commands)
    assert any(c.startswith("python -m autograder package ") for c in commands)


def _student_inputs(place: Path) -> None:
    """What README's commands expect to find: a few graded notebooks under the names README uses."""
    course = find_course(ROOT)
    full = StudentNotebook(course).answer_all()
    blank = StudentNotebook(course)
    full.save(place / "alice.ipynb")
    blank.save(place / "bob.ipynb")
    (place / "submissions").mkdir(exist_ok=True)
    full.save(place / "submissions" / "carol_01-vectors.ipynb")
    downloads = place / "downloads"
    downloads.mkdir(exist_ok=True)
    full.save(downloads / "alice_01-vectors.ipynb")
    blank.save(downloads / "bob_01-vectors.ipynb")
    with zipfile.ZipFile(place / "downloads.zip", "w") as zf:
        for path in sorted(downloads.iterdir()):
            zf.write(path, path.name)


def _copy_checkout(dest: Path) -> Path:
    """The repository's files (not its venv or outputs), with their times, so make sees the venv as set up."""
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "demo", "graded", "*.egg-info", "artifacts")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    venv = Path(sys.prefix)
    (dest / ".venv").symlink_to(venv)
    stamp = venv / ".installed"  # `make` set this venv up: its inputs must not look newer than that
    if stamp.exists():
        before = stamp.stat().st_mtime - 1
        for name in ("pyproject.toml", "postBuild"):
            os.utime(dest / name, (before, before))
    return dest


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, Path]:
    root = _copy_checkout(tmp_path_factory.mktemp("checkout") / "linalg-ml-course")
    _student_inputs(root)
    outside = tmp_path_factory.mktemp("elsewhere")
    _student_inputs(outside)
    shutil.copytree(ROOT / "exercises", outside / "exercises")  # the student's own copy of the release
    return {"root": root, "outside": outside}


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "DEMO_ARGS": SMALL_DEMO}
    env.pop("LINALG_COURSE_ROOT", None)
    env.pop("MAKEFLAGS", None)
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _grades(csv_path: Path) -> dict[str, tuple[float, float]]:
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return {row["student"]: (float(row["score"]), float(row["max_score"])) for row in csv.DictReader(fh)}


def check_outputs(command: str, cwd: Path, proc: subprocess.CompletedProcess) -> None:
    """What each kind of command must have produced, beyond a clean exit."""
    out = proc.stdout + proc.stderr
    if command == "make demo":
        grades = _grades(cwd / "demo" / "graded" / "grades.csv")
        assert len(grades) == 3, grades
        assert any(score == top > 0 for score, top in grades.values()), grades  # the reference answers
        assert (cwd / "demo" / "graded" / "report.md").is_file()
        assert (cwd / "demo" / "graded" / "gradebook.db").is_file()
    elif " grade-class " in command:
        out_dir = cwd / command.split("--out", 1)[1].split()[0]
        grades = _grades(out_dir / "grades.csv")
        assert grades["alice"][0] == grades["alice"][1] > 0 and grades["bob"][0] == 0, grades
        for name in ("gradebook.db", "report.md"):
            assert (out_dir / name).is_file(), name
        assert list((out_dir / "feedback" / "alice").rglob("*.html"))
    elif " grade --json " in command:
        results = {Path(r["notebook"]).stem: r for r in json.loads(proc.stdout)}
        assert results["alice"]["score"] == results["alice"]["max_score"] > 0
        assert results["bob"]["score"] == 0
    elif " grade " in command:
        assert re.search(r"Score: (\d+) / \1\b", proc.stdout), out
    elif " check " in command:
        assert "TODO" in proc.stdout and "HIDDEN" in proc.stdout, out  # the release, not answered yet
    elif " package " in command:
        student = command.split("--student", 1)[1].split()[0]
        with zipfile.ZipFile(cwd / f"{student}-submission.zip") as zf:
            manifest = json.loads(zf.read("MANIFEST.json"))
        assert manifest["student"] == student
        assert len(manifest["notebooks"]) == len(list((cwd / "exercises").glob("*/*.ipynb")))
    elif command.endswith("build --check"):
        assert "up to date" in proc.stdout, out


# `make test` installs bubblewrap and runs as root in CI: there, grading must run jailed wherever it starts
JAIL_EXPECTED = shutil.which("bwrap") is not None and os.geteuid() == 0

# exit status each command may end with: `check` of an unanswered notebook says 1 (not every test passed)
ALLOWED_STATUS = {"python -m autograder check ": {1}}


def _cases() -> list:
    cases = []
    for command in readme_commands():
        cases.append(pytest.param("root", command, id=f"root: {command}"))
        if not command.startswith(COURSE_ONLY):
            cases.append(pytest.param("outside", command, id=f"outside: {command}"))
    return cases


@pytest.mark.parametrize("place, command", _cases())
def test_readme_command_works_as_typed(places, place, command):
    cwd = places[place]
    if command.startswith("make ") and not (Path(sys.prefix) / ".installed").exists():
        pytest.skip("this venv was not set up by `make` (no .venv/.installed), so `make` would reinstall it")
    proc = _run(command, cwd)
    out = proc.stdout + proc.stderr
    allowed = next((codes for prefix, codes in ALLOWED_STATUS.items() if command.startswith(prefix)), {0})
    assert proc.returncode in allowed, f"exit {proc.returncode}\n{out[-3000:]}"
    assert "Traceback" not in out, out[-3000:]
    if JAIL_EXPECTED:  # grading from a copy or from elsewhere keeps every protection
        assert "OFF: the jail" not in out, out[-3000:]
    check_outputs(command, cwd, proc)
