"""A hostile class: malicious uploads next to honest canaries, graded in ONE grade-class run.

The class is one LMS download (a zip) mixing a flat folder, Moodle's folder per student and submission
packages. The attackers impersonate others (by manifest, by file name), send malformed or bomb packages,
damaged metadata, names that would be paths, terminal escapes, and script for the instructor's browser.
The run must finish and write every output, each attack must be reported in one line, nothing may be
written outside a per-student folder, every page must be inert, and the canaries must score exactly what
a clean run of the canaries alone gives them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.classroom.grade_class import grade_class
from autograder.course.notebooks import read_notebook
from autograder.course.students import is_student_id
from conftest import StudentNotebook
from support.gradebook import cell_scores as gradebook_scores
from test_output_safety import assert_inert
from zips import MiB, patch_member, write_zeros

NB = "01-vectors-exercises.ipynb"
CANARIES = {"alice": 21, "Bob-Smith_21": 21, "carol": 18}
ESCAPE = "\x1b[2J\x1b]0;owned\x07"
XSS = "[click](javascript:alert(1)) <img src=x onerror=alert(1)>"


def _canaries(course) -> dict[str, bytes]:
    def text(work) -> bytes:
        return nbformat.writes(work.nb).encode()

    return {
        "alice": text(StudentNotebook(course).answer_all()),
        "bob": text(StudentNotebook(course).answer_all()),
        "carol": text(StudentNotebook(course).answer_all().replace_in(
            "q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u")),
    }


def _package(zf: zipfile.ZipFile, name: str, student: object, members: dict[str, bytes], *,
             raw: bytes | None = None, entries: list | None = None) -> None:
    """A package zip written into the LMS download ``zf`` (built in memory: packages here are small)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as pkg:
        listed = entries if entries is not None else [
            {"file": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in members.items()]
        pkg.writestr("MANIFEST.json", raw if raw is not None else json.dumps({"student": student, "notebooks": listed}))
        for n, d in members.items():
            pkg.writestr(n, d)
    zf.writestr(name, buf.getvalue())


def _write_canaries(zf: zipfile.ZipFile, canaries: dict[str, bytes]) -> None:
    zf.writestr("alice_01-vectors.ipynb", canaries["alice"])
    zf.writestr("Bob Smith_21_assignsubmission_file/bob_hw_01-vectors.ipynb", canaries["bob"])
    _package(zf, "carol-submission.zip", "carol", {NB: canaries["carol"]})


def _eve(course) -> bytes:
    """Script for the instructor's browser (in markdown, outputs, and an exception turned hint), and a
    damaged ``metadata.autograder`` block (7): all questions right but q3 (3 points)."""
    work = StudentNotebook(course).answer_all()
    work.nb.metadata["autograder"] = 7
    work.answer("q1-distance-digits", "from IPython.display import HTML, Javascript, Markdown, display\n"
                "display(Javascript('alert(1)'))\ndisplay(HTML('<img src=x onerror=alert(2)><script>alert(3)</script>'))\n"
                "display(Markdown('[m](javascript:alert(4))'))\n" + work.reference["q1-distance-digits"])
    work.answer("q3-project", f"def project(u, v):\n    raise ValueError({XSS!r})\n")
    work.nb.cells.insert(1, nbformat.v4.new_markdown_cell("<script>alert(5)</script>\n\n<svg onload=alert(6)>"))
    return nbformat.writes(work.nb).encode()


def _hostile_download(course, path: Path, canaries: dict[str, bytes], bomb: Path) -> dict[str, str]:
    """The class's LMS zip; returns {attack: the name that must appear in its one report line}."""
    blank = nbformat.writes(StudentNotebook(course).nb).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        _write_canaries(zf, canaries)
        _package(zf, "mallory-submission.zip", "alice", {NB: blank})  # impersonation by package
        zf.writestr("zz mallory_42_assignsubmission_file/bob_hw_01-vectors.ipynb", blank)  # by file name
        _package(zf, "list-submission.zip", None, {}, raw=b'["alice"]')
        _package(zf, "nested-submission.zip", None, {}, raw=b"[" * 50000 + b"]" * 50000)
        _package(zf, "latin-submission.zip", None, {}, raw='{"student": "mélanie"}'.encode("latin-1"))
        _package(zf, "entry-submission.zip", "entry", {}, entries=[7])
        _package(zf, "escape-submission.zip", "escape", {}, entries=[{"file": f"{ESCAPE}x.ipynb", "sha256": "0"}])
        _package(zf, "method-submission.zip", "method", {NB: blank})
        zf.writestr("oscar-submission.zip", bomb.read_bytes())
        zf.writestr("eve_01-vectors.ipynb", _eve(course))
        zf.writestr("!.!.ipynb", blank)
        zf.writestr("!..!.ipynb", blank)
        zf.writestr("clash", b"a file")
        zf.writestr("clash/clash_01-vectors.ipynb", blank)  # a folder of the same name: FileExistsError before
    return {"list": "list-submission.zip", "nested": "nested-submission.zip", "latin": "latin-submission.zip",
            "entry": "entry-submission.zip", "escape": "escape-submission.zip", "method": "method-submission.zip",
            "bomb": "oscar-submission.zip", "impersonation": "mallory-submission.zip", "clash": "clash"}


@pytest.fixture(scope="module")
def clean(course, tmp_path_factory):
    base = tmp_path_factory.mktemp("clean")
    with zipfile.ZipFile(base / "download.zip", "w") as zf:
        _write_canaries(zf, _canaries(course))
    grade_class(base / "download.zip", course, base / "out", workers=2, quiet=True)
    return gradebook_scores(base / "out" / "gradebook.db")


@pytest.fixture(scope="module")
def hostile(course, tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    bomb = base / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as pkg:
        pkg.writestr("MANIFEST.json", json.dumps({"student": "oscar", "notebooks": [{"file": NB, "sha256": "0"}]}))
        write_zeros(pkg, NB, 200 * MiB)  # 200 MiB of zeros in a 0.2 MiB upload
    attacks = _hostile_download(course, base / "download.zip", _canaries(course), bomb)
    # the unknown compression method is patched into the package after it is in the download
    staging = base / "method"
    staging.mkdir()
    with zipfile.ZipFile(base / "download.zip") as zf:
        zf.extract("method-submission.zip", staging)
    patch_member(staging / "method-submission.zip", NB, method=99)
    _replace_member(base / "download.zip", "method-submission.zip", (staging / "method-submission.zip").read_bytes())
    summary = grade_class(base / "download.zip", course, base / "out", workers=2, quiet=True)
    return base / "out", summary, attacks


def _replace_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as src:
        members = [(i, src.read(i)) for i in src.infolist() if i.filename != name]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info, content in members:
            dst.writestr(info, content)
        dst.writestr(name, data)


def _rows(out: Path) -> dict[str, dict]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def test_the_run_finishes_and_writes_every_output(hostile):
    out, summary, _ = hostile
    for name in ("gradebook.db", "grades.csv", "report.md"):
        assert (out / name).stat().st_size > 0, name
    for student in CANARIES:
        assert (out / "feedback" / student / "01-vectors" / "01-vectors-exercises.html").exists(), student


def test_the_canaries_score_exactly_as_in_a_clean_run(hostile, clean):
    out, _, _ = hostile
    scores = gradebook_scores(out / "gradebook.db")
    assert {k: v for k, v in scores.items() if k[0] in CANARIES} == clean
    assert {s: sum(v for (t, _), v in clean.items() if t == s) for s in CANARIES} == CANARIES
    rows = _rows(out)
    assert {s: float(rows[s]["score"]) for s in CANARIES} == CANARIES


def test_impersonators_are_graded_as_themselves_never_over_the_victim(hostile, course):
    out, summary, _ = hostile
    rows = _rows(out)
    assert float(rows["mallory"]["score"]) == 0 and float(rows["zz-mallory_42"]["score"]) == 0
    assert "bob" not in rows  # the file name inside mallory's folder named no one
    alice = read_notebook(out / "submitted" / "alice" / "01-vectors" / NB)  # her own notebook, not mallory's
    assert [c.source for c in alice.cells] == [c.source for c in nbformat.reads(_canaries(course)["alice"], 4).cells]
    assert [line for line in summary.lines() if "mallory-submission.zip" in line and "'alice'" in line]


def test_damaged_metadata_and_path_like_names_are_graded_normally(hostile):
    out, _, _ = hostile
    rows = _rows(out)
    assert float(rows["eve"]["score"]) == 18
    assert {"unnamed", "unnamed.dup2"} <= set(rows)
    for step in ("submitted", "autograded", "feedback"):
        for path in (out / step).rglob("*"):
            if path.is_file():
                student, assignment, _ = path.relative_to(out / step).parts
                assert is_student_id(student) and assignment == "01-vectors", path


def test_each_attack_is_reported_in_one_line(hostile):
    _, summary, attacks = hostile
    lines = summary.lines()
    for attack, name in attacks.items():
        hits = [line for line in lines if re.search(rf"[/ ]{re.escape(name)}\b", line)]
        assert len(hits) == 1, (attack, hits)
    bomb = next(line for line in lines if "oscar-submission.zip" in line)
    assert "declares 200 MiB" in bomb


def test_the_terminal_summary_has_no_control_characters(hostile):
    _, summary, _ = hostile
    text = "\n".join(summary.lines())
    assert "escape-submission.zip" in text and "\\x1b" in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_every_feedback_page_is_inert_and_the_hint_is_text(hostile):
    out, _, _ = hostile
    pages = sorted((out / "feedback").rglob("*.html"))
    assert len(pages) == 8
    for page in pages:
        assert_inert(page.read_text(encoding="utf-8"))
    eve = (out / "feedback" / "eve" / "01-vectors" / "01-vectors-exercises.html").read_text(encoding="utf-8")
    assert "[click](javascript:alert(1))" in eve  # the hint is shown, as text
    assert "alert(1)" in eve.split("application/javascript")[1][:200]  # the script output shown as text


def test_report_and_csv_are_inert(hostile):
    from markdown_it import MarkdownIt

    out, _, _ = hostile
    page = MarkdownIt("commonmark").enable("table").render((out / "report.md").read_text(encoding="utf-8"))
    assert_inert(page, csp=False)
    assert "javascript:alert(1)" in page  # eve's hint is listed, as text
    intake = page.split("<h2>Intake</h2>")[1]  # every attack the summary reported is on record here too
    assert "mallory-submission.zip" in intake and "oscar-submission.zip" not in intake  # a failure, listed above
    assert "\\x1b" in page and "\x1b" not in page  # the escape-sequence file name, shown as text
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        assert not [c for row in csv.reader(fh) for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
