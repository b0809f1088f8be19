"""Does nbgrader's gradebook fill up while the class is graded, and always end equal to the results store?

``grade_class`` writes each grade into the gradebook as soon as it is stored (the main process is idle while
the workers grade), instead of all of them after the last one; whatever the gradebook refused on the way is
written at the end. No kernel here: the workers' results are canned, the dispatch is serial.
"""

from __future__ import annotations

import pytest

from autograder.classroom import grade_class as grade_class_module
from autograder.classroom.results import GradebookWriter
from autograder.course.notebooks import write_notebook
from support.gradebook import cell_scores
from synthetic_course import exercise_notebook, make_course

KINDS = {"q1-a": "implement", "q2-b": "predict"}
STUDENTS = ("alice", "bob", "carol")


def canned(student: str, bonus: float = 0.0) -> dict:
    """A worker's result: alice gets everything, bob the visible tests, carol nothing (+ ``bonus`` each)."""
    got = {"alice": (1, 2), "bob": (1, 0), "carol": (0, 0)}[student]
    questions = [{"grade_id": f"{q}-{part}", "points": min(most, pts + bonus), "max_points": most,
                  "status": "passed", "message": ""}
                 for q in KINDS for part, most, pts in (("visible", 1, got[0]), ("hidden", 2, got[1]))]
    return {"notebook": "x.ipynb", "assignment": "01-x", "questions": questions,
            "score": sum(q["points"] for q in questions), "max_score": 6}


def expected(bonus: float = 0.0) -> dict[tuple[str, str], float]:
    return {(s, q["grade_id"]): q["points"] for s in STUDENTS for q in canned(s, bonus)["questions"]}


@pytest.fixture
def klass(tmp_path, monkeypatch):
    """A course of one assignment, three students' submissions, and a serial dispatch that, like the real one,
    prepares the gradebook (``meanwhile``) before the first result comes in."""
    course = make_course(tmp_path / "course", {"01-x": KINDS})
    for student in STUDENTS:
        write_notebook(exercise_notebook(KINDS), tmp_path / "submitted" / student / "01-x" / "01-x-exercises.ipynb")

    def serial(todo, work, record, *, meanwhile, **_):
        value = meanwhile()
        for i, job in enumerate(todo, 1):
            record(i, job, lambda job=job: work(job))
        return value

    monkeypatch.setattr(grade_class_module, "_dispatch", serial)
    return course, tmp_path


def grade(course, tmp_path, bonus=0.0, on_result=None, force=False):
    out = tmp_path / "out"
    grade_class_module.grade_class(tmp_path / "submitted", course, out, quiet=True, force=force,
                                   work=lambda job: (canned(job.student, bonus), 0.5, {}), on_result=on_result)
    return out / "gradebook.db"


def test_each_grade_is_in_the_gradebook_as_soon_as_it_is_stored(klass):
    course, tmp_path = klass
    seen = {}

    def look(job, result):  # called right after the grade was stored: the gradebook must have it already
        scores = cell_scores(tmp_path / "out" / "gradebook.db")
        seen[job.student] = {gid: v for (s, gid), v in scores.items() if s == job.student}

    db = grade(course, tmp_path, on_result=look)
    assert seen == {s: {q["grade_id"]: q["points"] for q in canned(s)["questions"]} for s in STUDENTS}
    assert cell_scores(db) == expected()


def test_a_grade_the_gradebook_refused_during_the_run_is_written_at_the_end(klass, monkeypatch):
    course, tmp_path = klass
    put, calls = GradebookWriter._put, []

    def locked_once(self, *args):
        calls.append(args[0])
        if len(calls) == 1:  # formgrader holding a lock, say
            raise RuntimeError("database is locked")
        return put(self, *args)

    monkeypatch.setattr(GradebookWriter, "_put", locked_once)
    db = grade(course, tmp_path)
    assert cell_scores(db) == expected()
    assert calls.count(calls[0]) == 2  # refused once during the run, written at the end


def test_a_regraded_class_replaces_every_grade(klass):
    course, tmp_path = klass
    grade(course, tmp_path)
    db = grade(course, tmp_path, bonus=1.0, force=True)
    assert cell_scores(db) == expected(bonus=1.0)


def test_results_of_an_earlier_run_reach_a_gradebook_that_lost_them(klass):
    course, tmp_path = klass
    db = grade(course, tmp_path)
    db.unlink()  # the instructor deleted the gradebook; the results store keeps every grade
    assert cell_scores(grade(course, tmp_path)) == expected()


def test_a_rerun_with_nothing_new_records_no_seed(klass, monkeypatch):
    """The seed serves the workers and a new gradebook file; a rerun that grades nothing and finds its
    gradebook has no use for one (it would record every assignment twice)."""
    from autograder.classroom import results

    course, tmp_path = klass
    seeds = []
    real = results.prepare_seed
    monkeypatch.setattr(results, "prepare_seed", lambda *args: seeds.append(args) or real(*args))
    grade(course, tmp_path)
    assert len(seeds) == 1
    grade(course, tmp_path)  # every submission unchanged: skipped
    assert len(seeds) == 1 and cell_scores(tmp_path / "out" / "gradebook.db") == expected()

