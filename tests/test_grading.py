"""Is grading robust and honest, through the real `python -m autograder grade --json`?

The JSON contract, tampering, deleted cells, warnings, errors and bad files, on chapter 01 submissions
graded once in one batch (a module fixture). Per-chapter marks (solutions, blanks, mistakes and
alternatives) are in test_chapter_*.py.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from autograder.grading.verdict import STATUSES
from conftest import StudentNotebook
from support.cli import run_cli

CH01_MAX = 21
Q3 = ("q3-project-visible", "q3-project-hidden")

def _points_of(result: dict, prefix: str) -> float:
    return sum(q["points"] for q in result["questions"] if q["grade_id"].startswith(prefix + "-"))


def _max_of(result: dict, prefix: str) -> float:
    return sum(q["max_points"] for q in result["questions"] if q["grade_id"].startswith(prefix + "-"))


@pytest.fixture(scope="module")
def submissions(course, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("submissions")
    subs: dict[str, Path] = {}
    subs["filled"] = StudentNotebook(course).answer_all().save(d / "filled_01-vectors.ipynb")
    subs["one_wrong"] = (StudentNotebook(course).answer_all()
                         .replace_in("q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u")
                         .save(d / "one-wrong_01-vectors.ipynb"))
    # editing a locked test cell so that it "passes" does not help: grading runs the original
    tampered = (StudentNotebook(course).answer_all()
                .replace_in("q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u"))
    tampered.cell("q3-project-visible").source = "pass"
    subs["tampered"] = tampered.save(d / "tampered_01-vectors.ipynb")
    # a test cell deleted by accident is restored and still earns its points
    deleted = StudentNotebook(course).answer_all()
    deleted.nb.cells.remove(deleted.cell("q2-normalize-hidden"))
    subs["deleted"] = deleted.save(d / "deleted_01-vectors.ipynb")
    # copied cells (nbgrader #1083/#1682 make the whole notebook fail): a test cell and an answer cell
    duplicated = StudentNotebook(course).answer_all()
    cells = duplicated.nb.cells
    for gid in ("q1-distance-digits-visible", "q2-normalize"):
        i = cells.index(duplicated.cell(gid))
        cells.insert(i + 1, copy.deepcopy(cells[i]))
        cells[i + 1]["id"] = f"{gid}-copy"  # JupyterLab gives a pasted cell a new id
    subs["duplicated"] = duplicated.save(d / "duplicated_01-vectors.ipynb")
    # points inflated in the submission's metadata, on a test cell rewritten to pass, for an unanswered question
    inflated = StudentNotebook(course).answer_all().answer("q1-distance-digits", "faulty_line = None\n")
    inflated.cell("q1-distance-digits-visible").metadata.nbgrader["points"] = 100
    inflated.cell("q1-distance-digits-visible").source = "pass"
    subs["inflated"] = inflated.save(d / "inflated_01-vectors.ipynb")
    typo = StudentNotebook(course).answer_all().replace_in("q2-normalize", "return x / n", "return x / nrm")
    subs["typo"] = typo.save(d / "typo_01-vectors.ipynb")
    # a correct answer that makes NumPy print a RuntimeWarning (stderr) each time it runs
    warns = StudentNotebook(course).answer_all().replace_in(
        "q2-normalize", "    return x / n\n", "    np.sqrt(np.array([-1.0]))  # RuntimeWarning: invalid value\n    return x / n\n")
    subs["warns"] = warns.save(d / "warns_01-vectors.ipynb")
    (d / "broken_01-vectors.ipynb").write_text('{"cells": [', encoding="utf-8")
    subs["broken"] = d / "broken_01-vectors.ipynb"
    (d / "notes_01-vectors.txt").write_text("not a notebook", encoding="utf-8")
    subs["not_notebook"] = d / "notes_01-vectors.txt"
    return subs


@pytest.fixture(scope="module")
def graded(submissions) -> dict[str, dict]:
    names = list(submissions)
    proc = run_cli("grade", "--json", *[str(submissions[n]) for n in names])
    assert proc.returncode == 1, proc.stderr  # 1: the batch holds two files that cannot be graded
    assert "Traceback" not in proc.stderr
    results = json.loads(proc.stdout)
    assert [r["notebook"] for r in results] == [str(submissions[n]) for n in names]
    return dict(zip(names, results))


def test_json_contract_has_the_documented_shape(graded):
    for name, result in graded.items():
        assert set(result) >= {"notebook", "assignment", "score", "max_score", "questions"}, name
        for q in result["questions"]:
            assert set(q) == {"grade_id", "points", "max_points", "status", "message"}, name
            assert q["status"] in STATUSES, (name, q)
            assert 0 <= q["points"] <= q["max_points"], (name, q)
        assert result["score"] == pytest.approx(sum(q["points"] for q in result["questions"]))


def test_exercise_filled_with_the_reference_answers_earns_full_marks(graded):
    assert graded["filled"]["score"] == CH01_MAX


def test_one_wrong_answer_loses_exactly_that_questions_points(graded):
    result = graded["one_wrong"]
    assert result["score"] == CH01_MAX - _max_of(result, "q3")
    for q in result["questions"]:
        assert (q["status"] == "passed") == (q["grade_id"] not in Q3), q


def test_hints_never_reveal_hidden_test_code(graded, course):
    from autograder.build.verify import _solution_lines

    secret = _solution_lines(course, "01-vectors")
    for result in graded.values():
        for q in result["questions"]:
            assert "Traceback" not in q["message"] and "###" not in q["message"], q
            assert not any(line in q["message"] for line in secret), q


def test_editing_a_locked_test_cell_does_not_change_the_grade(graded):
    assert graded["tampered"]["score"] == graded["one_wrong"]["score"]
    visible = next(q for q in graded["tampered"]["questions"] if q["grade_id"] == "q3-project-visible")
    assert visible["status"] == "failed"


def test_a_deleted_test_cell_is_restored_and_graded(graded):
    result = graded["deleted"]
    assert result["score"] == CH01_MAX
    assert any(q["grade_id"] == "q2-normalize-hidden" for q in result["questions"])


def test_copied_cells_do_not_stop_grading_or_change_the_score(graded):
    result = graded["duplicated"]
    assert not result.get("error"), result.get("error")
    assert result["score"] == CH01_MAX and len(result["questions"]) == 14


def test_points_always_come_from_the_source_never_from_the_submission(graded):
    result = graded["inflated"]
    assert result["max_score"] == CH01_MAX
    q1 = [q for q in result["questions"] if q["grade_id"].startswith("q1-")]
    assert [q["max_points"] for q in q1] == [1, 1] and all(q["points"] == 0 for q in q1), q1
    assert result["score"] == CH01_MAX - 2


def test_a_warning_printed_by_a_correct_answer_costs_nothing(submissions, graded):
    """nbgrader zeroes any test that writes to stderr; warnings are filtered out first."""
    from autograder.grading.selfcheck import check_notebook

    assert graded["warns"]["score"] == CH01_MAX
    checked = check_notebook(submissions["warns"])
    assert all(q.status in ("passed", "hidden") for q in checked.questions), checked.questions


def test_an_error_in_the_answer_is_reported_with_its_name(graded):
    result = graded["typo"]
    q2 = [q for q in result["questions"] if q["grade_id"].startswith("q2-")]
    assert all(q["status"] == "error" and "NameError" in q["message"] for q in q2), q2
    assert result["score"] == CH01_MAX - _max_of(result, "q2")


@pytest.mark.parametrize("name, words", [("broken", "damaged"), ("not_notebook", "not a Jupyter notebook")])
def test_a_bad_file_gets_a_clear_sentence_and_does_not_stop_the_batch(graded, name, words):
    result = graded[name]
    assert words in result["error"]
    # the file name still says which assignment it was for, so the zero is out of the right total
    assert result["assignment"] == "01-vectors"
    assert result["score"] == 0 and result["max_score"] == CH01_MAX
    assert {q["status"] for q in result["questions"]} == {"error"}
    # the rest of the batch was graded (the bad files come last)
    assert graded["filled"]["score"] == CH01_MAX


def test_self_check_and_grade_agree_on_every_visible_test(submissions, graded):
    from autograder.grading.selfcheck import check_notebook

    for name in ("filled", "one_wrong", "typo"):
        checked = {q.grade_id: q for q in check_notebook(submissions[name]).questions}
        for q in graded[name]["questions"]:
            if q["grade_id"].endswith("-visible"):
                mine = checked[q["grade_id"]]
                assert (mine.status, mine.points) == (q["status"], q["points"]), (name, q, mine)
            else:
                assert checked[q["grade_id"]].status == "hidden"
