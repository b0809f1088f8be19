"""Does grading work whatever the user's temporary folder is?

A jailed kernel talks to the grader over Unix sockets in its folder, and a socket's path has at most 107 bytes.
With a TMPDIR of 60 characters (a cluster's job folder, a home directory's tmp) every kernel failed to start and
the reference solution scored 0; a class worker's folder is deeper still, so 20 characters were enough there.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from autograder.hardened import kernel_manager
from conftest import solution_notebook
from support.cli import run_cli
from test_grading import CH01_MAX


def long_folder(base: Path, length: int) -> Path:
    """A folder whose path is ``length`` characters long."""
    folder = base / ("t" * max(1, length - len(str(base)) - 1))
    folder.mkdir(parents=True)
    assert len(str(folder)) == length
    return folder


def test_a_notebook_is_graded_with_a_long_temporary_folder(course, tmp_path):
    proc = run_cli("grade", "--json", str(solution_notebook(course)), timeout=600,
                   env={"TMPDIR": str(long_folder(tmp_path, 90))})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)[0]["score"] == CH01_MAX, proc.stdout[-2000:]


def test_a_class_is_graded_with_a_temporary_folder_of_30_characters(course, tmp_path):
    base = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))  # /tmp/tXXXXXXXX: room for the rest of 30
    try:
        lms = tmp_path / "lms"
        lms.mkdir()
        for student in ("alice", "bob"):
            shutil.copy(solution_notebook(course), lms / f"{student}_01-vectors.ipynb")
        proc = run_cli("grade-class", str(lms), "--out", str(tmp_path / "graded"), timeout=600,
                       env={"TMPDIR": str(long_folder(base, 30))})
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        with open(tmp_path / "graded" / "grades.csv", encoding="utf-8") as fh:
            scores = {row["student"]: float(row["score"]) for row in csv.DictReader(fh)}
        assert scores == {"alice": CH01_MAX, "bob": CH01_MAX}, proc.stdout
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("length, below", [(4, 0), (55, 0), (56, 0), (90, 0), (11, 44), (12, 44)])
def test_kernel_folders_go_where_their_sockets_fit(monkeypatch, length, below):
    """The temporary folder when a kernel's deepest socket fits below it (``below``: a class worker's folder
    in between), else /tmp."""
    tmp = "/" + "x" * (length - 1)
    monkeypatch.setattr(tempfile, "tempdir", tmp)
    fits = length + below + kernel_manager.KERNEL_DEPTH <= kernel_manager.SOCKET_PATH_MAX
    assert kernel_manager.kernel_tempdir(below=below) == (tmp if fits else "/tmp")
