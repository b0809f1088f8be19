"""Grading a whole class: same scores as `grade`, usable by nbgrader, resumable after a kill."""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from autograder.classroom.grade_class import grade_class
from autograder.grading.grader import grade_notebooks
from support.gradebook import cell_scores as gradebook_scores
from conftest import ROOT, StudentNotebook, solution_notebook


def _class(course, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "alice": StudentNotebook(course).answer_all().save(folder / "alice_01-vectors.ipynb"),
        "bob": StudentNotebook(course).save(folder / "bob_attempt_01-vectors-exercises.ipynb"),
        "carol": StudentNotebook(course).answer_all().replace_in(
            "q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u").save(folder / "carol_01-vectors.ipynb"),
        "dave": folder / "dave_01-vectors.ipynb",
    }
    files["dave"].write_text("{ not json", encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def graded_class(course, tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    files = _class(course, base / "lms")
    summary = grade_class(base / "lms", course, base / "out", workers=2, quiet=True)
    return base, files, summary


def test_every_student_gets_the_same_score_as_single_notebook_grading(course, graded_class):
    base, files, _ = graded_class
    single = {r.notebook: r for r in grade_notebooks(list(files.values()), course)}
    with open(base / "out" / "grades.csv", encoding="utf-8") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(files)
    for student, path in files.items():
        assert float(rows[student]["score"]) == single[str(path)].score, student
        assert float(rows[student]["max_score"]) == 21


def test_the_gradebook_is_nbgraders_own_and_holds_every_grade(graded_class):
    base, _, summary = graded_class
    scores = gradebook_scores(base / "out" / "gradebook.db")
    by_student: dict[str, float] = {}
    for (student, _), value in scores.items():
        by_student[student] = by_student.get(student, 0.0) + (value or 0.0)
    assert by_student == {"alice": 21, "bob": 0, "carol": 18, "dave": 0}
    assert len(scores) == 4 * 14  # every grade cell of every student, no duplicates
    assert summary.graded == 3 and [p for p, _ in summary.failed] == [str(base / "lms" / "dave_01-vectors.ipynb")]
    nbgrader = Path(sys.executable).parent / "nbgrader"
    proc = subprocess.run([str(nbgrader), "export", f"--db=sqlite:///{base / 'out' / 'gradebook.db'}",
                           f"--to={base / 'export.csv'}"], cwd=base, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    exported = {r["student_id"]: float(r["score"]) for r in csv.DictReader(open(base / "export.csv"))}
    assert exported == by_student


def test_a_rerun_grades_only_new_or_changed_submissions(course, graded_class, tmp_path):
    base, files, _ = graded_class
    shutil.copytree(base / "lms", tmp_path / "lms")  # leave the shared class as it was graded
    shutil.copytree(base / "out", tmp_path / "out")
    again = grade_class(tmp_path / "lms", course, tmp_path / "out", workers=2, quiet=True)
    assert again.graded == 0 and again.skipped == 4
    StudentNotebook(course).answer_all().save(tmp_path / "lms" / files["bob"].name)  # bob resubmits
    third = grade_class(tmp_path / "lms", course, tmp_path / "out", workers=2, quiet=True)
    assert third.graded == 1 and third.skipped == 3
    assert sum(v for (s, _), v in gradebook_scores(tmp_path / "out" / "gradebook.db").items() if s == "bob") == 21


def test_a_zip_from_the_lms_and_nbgraders_submitted_layout_are_both_accepted(course, tmp_path):
    lms = tmp_path / "lms"
    files = _class(course, lms)
    with zipfile.ZipFile(tmp_path / "download.zip", "w") as zf:
        for name in ("alice", "carol"):
            zf.write(files[name], files[name].name)
    summary = grade_class(tmp_path / "download.zip", course, tmp_path / "out-zip", workers=2, quiet=True)
    assert summary.graded == 2
    layout = tmp_path / "course" / "submitted" / "erin" / "01-vectors"
    layout.mkdir(parents=True)
    shutil.copy(solution_notebook(course), layout / "01-vectors-exercises.ipynb")
    summary = grade_class(tmp_path / "course", course, tmp_path / "out-nbgrader", workers=1, quiet=True)
    assert summary.graded == 1
    assert sum(v for (s, _), v in gradebook_scores(tmp_path / "out-nbgrader" / "gradebook.db").items()
               if s == "erin") == 21


def test_killing_the_run_and_rerunning_gives_the_same_gradebook(course, graded_class, tmp_path):
    base, _, _ = graded_class
    lms = tmp_path / "lms"
    _class(course, lms)
    out = tmp_path / "out"
    own_tmp = Path(tempfile.mkdtemp(prefix="k", dir="/tmp"))  # the killed run's TMPDIR: what it leaves there
    proc = subprocess.Popen([sys.executable, "-m", "autograder", "grade-class", str(lms), "--out", str(out),
                             "--workers", "2", "--quiet"], cwd=ROOT, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(own_tmp)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = out / "results.sqlite"
    deadline = time.time() + 120
    rows = 0
    while time.time() < deadline and rows < 1:
        time.sleep(0.2)
        if store.exists():
            try:
                rows = sqlite3.connect(store).execute("SELECT count(*) FROM results").fetchone()[0]
            except sqlite3.Error:
                rows = 0
    os.killpg(proc.pid, signal.SIGKILL)  # the grader and its workers, mid-run
    proc.wait()
    assert 1 <= rows < 4, "the kill should land mid-run"
    left = sorted(p.name for p in own_tmp.glob("autograder-seed-*"))
    shutil.rmtree(own_tmp, ignore_errors=True)
    assert not left, "the killed run left its assignment seed in the temporary folder"
    summary = grade_class(lms, course, out, workers=2, quiet=True)
    assert summary.skipped >= 1  # what was committed before the kill is kept
    assert gradebook_scores(out / "gradebook.db") == gradebook_scores(base / "out" / "gradebook.db")
    assert not (out / ".seed").exists()  # the rerun replaced the killed run's seed, and removed its own


def test_several_files_of_one_student_are_all_kept_and_reported(course, tmp_path):
    lms = tmp_path / "lms"
    lms.mkdir()
    StudentNotebook(course).save(lms / "frank_1_01-vectors.ipynb")
    StudentNotebook(course).answer_all().save(lms / "frank_2_01-vectors.ipynb")
    summary = grade_class(lms, course, tmp_path / "out", workers=1, quiet=True)
    assert summary.graded == 2  # neither overwrites the other: the later one under the id, both reported
    assert summary.duplicates == [(str(lms / "frank_1_01-vectors.ipynb"), "frank.dup2",
                                   str(lms / "frank_2_01-vectors.ipynb"))]
    assert [line for line in summary.lines() if "frank_1_01-vectors.ipynb" in line and "frank.dup2" in line]
    scores = gradebook_scores(tmp_path / "out" / "gradebook.db")
    assert sum(v for (s, _), v in scores.items() if s == "frank") == 21
    assert sum(v for (s, _), v in scores.items() if s == "frank.dup2") == 0


def test_feedback_shows_answers_and_hints_but_no_hidden_test_or_solution(course, graded_class):
    from autograder.build.verify import _solution_lines

    base, _, _ = graded_class
    hidden_tests = _solution_lines(course, "01-vectors", solutions=False)
    solutions = _solution_lines(course, "01-vectors", hidden=False)
    assert hidden_tests and solutions
    def text_of(name: str) -> str:  # the page as a reader sees it: code highlighting splits tokens in tags
        raw = (base / "out" / "feedback" / name / "01-vectors" / "01-vectors-exercises.html").read_text()
        return html.unescape(re.sub(r"<[^>]+>", "", raw))

    page = {name: text_of(name) for name in ("alice", "bob", "carol")}
    assert "(u @ v) / (u @ u) * u" in page["carol"]  # her own (wrong) answer is shown
    assert "q3-project-hidden" in page["carol"] and "failed" in page["carol"]
    for name, text in page.items():
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert not [line for line in hidden_tests if line in text], name
    assert not [line for line in solutions if line in page["bob"]]  # a blank submission sees no solution


def test_the_class_report_has_a_figure_and_a_row_per_test(graded_class):
    base, _, _ = graded_class
    report = (base / "out" / "report.md").read_text()
    assert "4 submissions" in report
    assert (base / "out" / "report-figures" / "01-vectors-scores.png").stat().st_size > 1000
    assert report.count("| `q") == 14
    assert "dave" in report.split("could not be")[1]  # the broken file is listed


def test_the_report_and_the_summary_say_how_the_class_was_protected(graded_class):
    base, _, summary = graded_class
    report = (base / "out" / "report.md").read_text()
    assert "**Grading mode.** hardened grading: jailed kernels" in report and "OFF" not in report
    assert any("jailed kernels" in line for line in summary.lines())


def test_the_demo_class_mixes_right_partial_wrong_blank_and_broken_work(course, tmp_path):
    from autograder.classroom.demo import make_class
    from autograder.grading.grader import grade_notebooks

    files = [p for p in make_class(course, tmp_path) if "01-vectors" in p.name]
    assert len(files) >= 8 and len({p.name.split("_")[0] for p in files}) == len(files)
    # in order: reference, damaged, untouched, half done, alternatives, mistakes; grade one of each kind
    results = grade_notebooks([files[0], files[1], files[2], files[3], files[-1]], course)
    scores = [r.score for r in results]
    assert max(scores) == 21 and min(scores) == 0
    assert any(0 < s < 21 for s in scores)
    assert sum(1 for r in results if r.error) == 1  # the damaged upload


def test_a_dask_cluster_grades_the_class_like_the_local_workers(course, graded_class, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    base, files, _ = graded_class
    lms = tmp_path / "lms"
    lms.mkdir()
    for name in ("alice", "carol", "dave"):
        shutil.copy(files[name], lms / files[name].name)
    workers_tmp = tmp_path / "workers-tmp"  # the Dask workers' temporary folder, to see what they leave there
    workers_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(workers_tmp))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        summary = grade_class(lms, course, tmp_path / "out", scheduler=cluster.scheduler_address, quiet=True)
    assert summary.graded == 2 and len(summary.failed) == 1
    local = gradebook_scores(base / "out" / "gradebook.db")
    remote = gradebook_scores(tmp_path / "out" / "gradebook.db")
    assert remote == {k: v for k, v in local.items() if k[0] in ("alice", "carol", "dave")}
    assert not list(workers_tmp.glob("autograder-*")), "a Dask worker left its grading workspace behind"


def test_a_postgresql_gradebook_receives_the_same_grades(course, graded_class, tmp_path):
    """The multi-user choice nbgrader recommends: a real server, started here, not a mock."""
    import postgres

    if not postgres.available():
        pytest.fail("PostgreSQL is not installed: .ci/run installs it (Debian package postgresql)")
    base, files, _ = graded_class
    lms = tmp_path / "lms"
    lms.mkdir()
    for name in ("alice", "carol"):  # a full and a partial score are enough to compare
        shutil.copy(files[name], lms / files[name].name)
    with postgres.postgres_server() as url:
        grade_class(lms, course, tmp_path / "out", workers=2, quiet=True, db_url=url)
        expected = {k: v for k, v in gradebook_scores(base / "out" / "gradebook.db").items()
                    if k[0] in ("alice", "carol")}
        got = gradebook_scores(url)
    assert got == expected


def test_student_packages_with_manifests_are_graded_and_tampering_is_caught(course, tmp_path):
    """Without a hub: each student uploads one zip; the class grader checks every checksum."""
    from autograder.classroom.package import MANIFEST

    work = tmp_path / "work"
    work.mkdir()
    mine = StudentNotebook(course).answer_all().save(work / "01-vectors-exercises.ipynb")
    lms = tmp_path / "lms"
    lms.mkdir()
    proc = subprocess.run([sys.executable, "-m", "autograder", "package", str(mine), "--student", "gina",
                           "--out", str(lms / "gina.zip")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "checksum manifest" in proc.stdout, proc.stderr
    # a second student edits the notebook inside the zip after packaging
    with zipfile.ZipFile(lms / "gina.zip") as src, zipfile.ZipFile(lms / "hugo.zip", "w") as dst:
        manifest = src.read(MANIFEST).decode().replace('"gina"', '"hugo"')
        dst.writestr(MANIFEST, manifest)
        packaged = src.read("01-vectors-exercises.ipynb")
        edited = packaged.replace(b"def normalize(x):", b"def normalize(x):  # changed after packaging")
        assert edited != packaged
        dst.writestr("01-vectors-exercises.ipynb", edited)
    summary = grade_class(lms, course, tmp_path / "out", workers=2, quiet=True)
    assert summary.graded == 1
    assert [reason for _, reason in summary.failed if "checksum" in reason], summary.failed
    scores = gradebook_scores(tmp_path / "out" / "gradebook.db")
    assert sum(v for (s, _), v in scores.items() if s == "gina") == 21
    assert sum(v for (s, _), v in scores.items() if s == "hugo") == 0
