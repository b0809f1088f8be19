"""Does every question say what kind it is, and is the kind read only from the instructor's notebooks?"""

from __future__ import annotations

import re

import jupytext
import pytest

from autograder.build.builder import check_question_kinds
from autograder.build.navigation import start_page
from autograder.cli import main
from autograder.course.kinds import (KINDS, KindError, assignment_kinds, course_kinds, describe_counts,
                                     kind_counts, question_kinds, question_of)
from autograder.course.layout import Course
from autograder.course.notebooks import read_notebook, write_notebook
from synthetic_course import ABSENT, exercise_notebook, make_course

SEVEN = {"q1-a": "implement", "q2-b": "diagnose", "q3-c": "implement", "q4-d": "predict",
         "q5-e": "construct", "q6-f": "implement", "q7-g": "implement"}


def test_each_answer_cell_maps_to_its_kind_and_nothing_else_is_a_question():
    kinds = question_kinds(exercise_notebook(SEVEN))
    assert kinds == SEVEN and list(kinds) == list(SEVEN)  # no setup cell, no test cell, notebook order


def test_counts_follow_the_kinds_order_and_leave_out_absent_kinds():
    assert list(KINDS) == ["implement", "construct", "predict", "derive", "diagnose"]
    assert kind_counts(SEVEN) == {"implement": 4, "construct": 1, "predict": 1, "diagnose": 1}
    assert describe_counts(kind_counts(SEVEN)) == "7 questions: 4 implement · 1 construct · 1 predict · 1 diagnose"
    assert describe_counts(kind_counts(["derive"])) == "1 question: 1 derive"
    assert describe_counts({}) == ""


@pytest.mark.parametrize("kind, says", [(ABSENT, "declares no kind"), (None, "declares no kind"),
                                        ("Implement", "unknown kind 'Implement'"), (3, "unknown kind '3'")])
def test_an_answer_cell_with_a_missing_or_unknown_kind_is_refused_by_name(kind, says):
    nb = exercise_notebook({"q1-a": "implement", "q2-b": kind})
    with pytest.raises(KindError) as err:
        question_kinds(nb, "solutions/01-x/01-x-exercises.py")
    message = str(err.value)
    assert message.startswith("solutions/01-x/01-x-exercises.py: answer cell 'q2-b' ") and says in message
    assert message.endswith(".") and ". " not in message  # one sentence


def test_a_question_object_that_is_not_a_dict_counts_as_no_kind():
    nb = exercise_notebook({"q1-a": "implement"})
    nb.cells[2].metadata["question"] = "implement"
    with pytest.raises(KindError, match="'q1-a' declares no kind"):
        question_kinds(nb)


def test_several_bad_answer_cells_are_still_one_sentence():
    nb = exercise_notebook({"q1-a": ABSENT, "q2-b": "guess", "q3-c": "derive"})
    with pytest.raises(KindError, match=r"^nb\.ipynb: answer cell 'q1-a' declares no kind.* \(and 1 more answer cell "
                                        r"without a valid kind\)\.$"):
        question_kinds(nb, "nb.ipynb")


def test_a_test_belongs_to_the_longest_question_its_id_starts_with():
    questions = ["q1-norm", "q1-norm-squared"]
    assert question_of("q1-norm-visible", questions) == "q1-norm"
    assert question_of("q1-norm-squared-hidden", questions) == "q1-norm-squared"
    assert question_of("q1-normal-hidden", questions) is None
    assert question_of("setup", questions) is None


def test_kinds_come_from_the_course_never_from_a_submission(tmp_path):
    course = make_course(tmp_path / "course", {"01-x": {"q1-a": "implement", "q2-b": "derive"}})
    relabelled = exercise_notebook({"q1-a": "diagnose", "q2-b": "diagnose"})  # a student edited the metadata
    write_notebook(relabelled, tmp_path / "submitted" / "alice" / "01-x" / "01-x-exercises.ipynb")
    write_notebook(relabelled, course.exercises / "01-x" / "01-x-exercises.ipynb")  # even a stale release
    assert assignment_kinds(course, "01-x") == {"q1-a": "implement", "q2-b": "derive"}
    assert course_kinds(course) == {"01-x": {"q1-a": "implement", "q2-b": "derive"}}


def test_readers_after_the_build_skip_an_invalid_kind_instead_of_stopping(tmp_path):
    course = make_course(tmp_path, {"01-x": {"q1-a": "implement", "q2-b": "guess", "q3-c": ABSENT}})
    assert assignment_kinds(course, "01-x") == {"q1-a": "implement"}


# --- the build ----------------------------------------------------------------------------------------------


def test_the_build_refuses_an_assignment_source_without_a_valid_kind(tmp_path):
    course = make_course(tmp_path, {"01-x": {"q1-a": "implement"}, "02-y": {"q1-a": "implement", "q2-b": ABSENT}})
    with pytest.raises(KindError, match=r"^solutions/02-y/02-y-exercises\.py: answer cell 'q2-b' declares no kind"):
        check_question_kinds(course)
    check_question_kinds(course, only="01-x")  # another chapter alone still builds


@pytest.mark.parametrize("check", [False, True], ids=["build", "build --check"])
def test_build_says_which_notebook_and_question_in_one_sentence_and_writes_nothing(tmp_path, capsys, check):
    course = make_course(tmp_path, {"01-x": {"q1-a": "implement", "q2-b": "gues"}})
    built = course.solutions / "01-x" / "01-x-exercises.ipynb"
    built.unlink()
    status = main(["--course-root", str(tmp_path), "build", *(["--check"] if check else [])])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err == ("error: solutions/01-x/01-x-exercises.py: answer cell 'q2-b' has the unknown kind 'gues'; "
                   "use one of implement, construct, predict, derive, diagnose.")
    assert not built.exists() and not (course.lectures / "00-start-here.ipynb").exists()


# --- the start page ----------------------------------------------------------------------------------------


def test_the_start_page_says_how_many_questions_of_each_kind_a_chapter_has(tmp_path):
    course = make_course(tmp_path, {"01-x": SEVEN, "02-y": {"q1-a": "derive", "q2-b": "derive"}})
    table = start_page(course).cells[-1].source
    rows = {row.split("|")[1].strip(): row for row in table.splitlines() if re.match(r"\| \d\d ", row)}
    assert "| 7 questions: 4 implement · 1 construct · 1 predict · 1 diagnose |" in rows["01"]
    assert "| 2 questions: 2 derive |" in rows["02"]
    header = next(line for line in table.splitlines() if line.startswith("| #"))
    assert header.count("|") == rows["01"].count("|") and "Questions" in header


# --- the real course ----------------------------------------------------------------------------------------


def test_every_answer_cell_of_the_course_declares_a_known_kind(course):
    check_question_kinds(course)  # every text source in solutions/
    for assignment in course.assignments():
        for path in course.source_notebooks(assignment) + course.release_notebooks(assignment):
            kinds = question_kinds(read_notebook(path), path.relative_to(course.root))
            assert kinds and set(kinds.values()) <= set(KINDS), path
        source = course.solutions / assignment / f"{assignment}-exercises.py"
        assert question_kinds(jupytext.read(source)) == assignment_kinds(course, assignment)


def test_a_copy_of_the_real_course_with_one_kind_removed_does_not_build(course, tmp_path):
    source = sorted(course.solutions.glob("*/*-exercises.py"))[0]
    nb = jupytext.read(source)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") is True)
    del answer.metadata["question"]
    (tmp_path / "nbgrader_config.py").write_text("", encoding="utf-8")
    (tmp_path / "solutions" / source.parent.name).mkdir(parents=True)
    jupytext.write(nb, tmp_path / "solutions" / source.parent.name / source.name, fmt="py:percent")
    with pytest.raises(KindError, match=re.escape(f"'{answer.metadata['nbgrader']['grade_id']}' declares no kind")):
        check_question_kinds(Course(tmp_path))
