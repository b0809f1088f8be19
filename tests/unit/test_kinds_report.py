"""Does the class report say how the class did on each kind of question, with kinds from the course only?"""

from __future__ import annotations

import pytest

from autograder.classroom import grade_class as grade_class_module
from autograder.classroom.report import full_points_by_kind, write_report
from autograder.course.notebooks import write_notebook
from synthetic_course import exercise_notebook, make_course

KINDS_01 = {"q1-a": "implement", "q2-b": "predict", "q3-c": "implement"}
KINDS_02 = {"q1-a": "diagnose"}
COURSE_KINDS = {"01-x": KINDS_01, "02-y": KINDS_02}


def result(assignment: str, points: dict[str, tuple[float, float]], error: str | None = None) -> dict:
    """A grading result (``python -m autograder grade --json``), ``points``: test grade_id -> (points, max)."""
    questions = [{"grade_id": gid, "points": got, "max_points": most,
                  "status": "passed" if got == most else "failed", "message": "" if got == most else "a hint"}
                 for gid, (got, most) in points.items()]
    out = {"notebook": "x.ipynb", "assignment": assignment, "questions": questions,
           "score": sum(g for g, _ in points.values()), "max_score": sum(m for _, m in points.values())}
    return out | ({"error": error} if error else {})


def full_marks(kinds: dict[str, str]) -> dict[str, tuple[float, float]]:
    return {f"{q}-{part}": (most, most) for q in kinds for part, most in (("visible", 1), ("hidden", 2))}


ROWS = [
    ("alice", "01-x", result("01-x", full_marks(KINDS_01)), 1.0),
    # bob: q1 visible passes but hidden fails; q2 full; q3 not there at all (a cell deleted)
    ("bob", "01-x", result("01-x", {"q1-a-visible": (1, 1), "q1-a-hidden": (0, 2),
                                    "q2-b-visible": (1, 1), "q2-b-hidden": (2, 2)}), 1.0),
    # carol's notebook could not be read: no test results at all
    ("carol", "01-x", result("01-x", {}, error="not a valid notebook"), 0.1),
    ("alice", "02-y", result("02-y", {"q1-a-visible": (1, 1), "q1-a-hidden": (1.5, 2)}), 1.0),
]


def test_a_question_counts_as_passed_only_with_the_full_points_of_its_visible_and_hidden_tests():
    by_kind = full_points_by_kind(ROWS, COURSE_KINDS)
    assert list(by_kind) == ["implement", "predict", "diagnose"]  # the KINDS order, only kinds present
    assert by_kind["implement"] == (2, 6, 2)  # alice's q1-a and q3-c; none of bob's or carol's
    assert by_kind["predict"] == (1, 3, 2)  # alice and bob
    assert by_kind["diagnose"] == (1, 1, 0)  # 1.5 of 2 hidden points is not full points


def test_only_the_assignments_graded_count_their_questions():
    rows = [row for row in ROWS if row[1] == "02-y"]
    assert full_points_by_kind(rows, COURSE_KINDS) == {"diagnose": (1, 1, 0)}
    assert full_points_by_kind(rows, {}) == {}


def test_the_report_has_a_table_of_pass_rates_by_kind(tmp_path):
    report = write_report(ROWS, tmp_path, kinds=COURSE_KINDS).read_text(encoding="utf-8")
    section = report.split("## Pass rate by question kind")[1].split("\n## ")[0]
    assert "| kind | questions | pairs | full points |" in section
    assert "| implement | 2 | 6 | 33% |" in section
    assert "| predict | 1 | 3 | 67% |" in section
    assert "| diagnose | 1 | 1 | 0% |" in section
    assert section.index("implement |") < section.index("predict |") < section.index("diagnose |")
    assert report.count("| `q") == 6 + 2  # the per-test rows are as before: one per test seen


def test_a_kind_outside_the_known_kinds_never_reaches_the_report(tmp_path):
    kinds = {"01-x": {"q1-a": "<img src=x onerror=alert(1)>", "q2-b": "predict"}}
    report = write_report(ROWS[:1], tmp_path, kinds=kinds).read_text(encoding="utf-8")
    assert "<img" not in report and "| predict | 1 | 1 | 100% |" in report


def test_without_kinds_the_report_has_no_kind_section(tmp_path):
    assert "by question kind" not in write_report(ROWS, tmp_path).read_text(encoding="utf-8")


def test_grade_class_reads_kinds_from_the_course_not_from_what_a_student_relabelled(tmp_path, monkeypatch):
    course = make_course(tmp_path / "course", {"01-x": KINDS_01})
    relabelled = exercise_notebook({q: "derive" for q in KINDS_01})  # a student edited the cell metadata
    for student in ("alice", "bob"):
        write_notebook(relabelled, tmp_path / "submitted" / student / "01-x" / "01-x-exercises.ipynb")
    canned = {"alice": ROWS[0][2], "bob": ROWS[1][2]}

    def work(job):  # no kernel: each student's grading result, as a worker would send it
        return canned[job.student], 0.5, {}

    def serial(todo, work, record, **_):
        for i, job in enumerate(todo, 1):
            record(i, job, lambda job=job: work(job))

    monkeypatch.setattr(grade_class_module, "_dispatch", serial)
    monkeypatch.setattr(grade_class_module.GradebookWriter, "finish", lambda *a: None)  # nbgrader's, not ours
    grade_class_module.grade_class(tmp_path / "submitted", course, tmp_path / "out", quiet=True, work=work)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "| implement | 2 | 4 | 50% |" in report and "| predict | 1 | 2 | 100% |" in report
    assert "derive" not in report


@pytest.mark.parametrize("evil", ["=cmd|' /C calc'!A0", "a|b"])
def test_student_text_in_the_report_is_still_escaped(tmp_path, evil):
    rows = [(evil, "01-x", result("01-x", {"q1-a-visible": (0, 1)}, error=evil), 1.0)]
    report = write_report(rows, tmp_path, kinds=COURSE_KINDS).read_text(encoding="utf-8")
    assert evil not in report and "| implement | 2 | 2 | 0% |" in report
