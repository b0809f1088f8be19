"""The same questions asked of every chapter's exercises, through the real `python -m autograder grade --json`.

A chapter's test module sets ``CHAPTER = "NN-slug"`` and imports everything from here; its test data
(valid answers in unusual forms, classic mistakes) lives in ``answers/NN-slug.py``. Each chapter's
notebooks are graded in one batch, once.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from autograder.classroom.demo import answer_data
from autograder.course.layout import find_course
from conftest import ROOT, StudentNotebook, solution_notebook
from support.cli import run_cli

ANSWERS = ROOT / "answers"


@lru_cache(maxsize=None)
def answers(chapter: str) -> dict:
    assert (ANSWERS / f"{chapter}.py").is_file(), f"no test data: answers/{chapter}.py"
    return answer_data(find_course(ROOT), chapter)


def mistake_cases(chapter: str) -> list[tuple[str, str]]:
    return [(nb, q) for nb, qs in answers(chapter)["MISTAKES"].items() for q in qs]




@pytest.fixture(scope="module")
def chapter(request) -> str:
    return request.module.CHAPTER


@pytest.fixture(scope="module")
def chapter_submissions(course, chapter, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp(f"sub-{chapter}")
    data = answers(chapter)
    subs: dict[str, Path] = {"solution": solution_notebook(course, chapter)}
    subs["blank"] = StudentNotebook(course, chapter).save(d / f"blank_{chapter}.ipynb")
    for i, alternative in enumerate(data["ALTERNATIVES"]):
        nb = StudentNotebook(course, chapter).answer_all()
        for gid, src in alternative.items():
            nb.answer(gid, src)
        subs[f"alternatives{i}"] = nb.save(d / f"alternatives{i}_{chapter}.ipynb")
    for name, mistakes in data["MISTAKES"].items():
        nb = StudentNotebook(course, chapter).answer_all()
        for gid, (edit, _, _) in mistakes.items():
            nb.apply(gid, edit)
        subs[name] = nb.save(d / f"{name}_{chapter}.ipynb")
    return subs


@pytest.fixture(scope="module")
def chapter_graded(chapter_submissions) -> dict[str, dict]:
    names = list(chapter_submissions)
    proc = run_cli("grade", "--json", *[str(chapter_submissions[n]) for n in names])
    assert proc.returncode == 0, proc.stderr
    return dict(zip(names, json.loads(proc.stdout)))


@pytest.fixture(scope="module")
def chapter_graded_plain(chapter_submissions, chapter) -> dict[str, dict]:
    """The notebooks the chapter's test data lists in PLAIN, graded with --plain (student code and tests in one
    kernel, rules set up there)."""
    names = answers(chapter)["PLAIN"]
    if not names:
        return {}
    proc = run_cli("grade", "--plain", "--json", *[str(chapter_submissions[n]) for n in names])
    assert proc.returncode == 0, proc.stderr
    return dict(zip(names, json.loads(proc.stdout)))


def _question(result: dict, prefix: str) -> list[dict]:
    return [q for q in result["questions"] if q["grade_id"].startswith(prefix + "-")]


def test_the_solution_earns_full_marks(chapter_graded, chapter):
    result = chapter_graded["solution"]
    assert result["assignment"] == chapter
    assert result["max_score"] > 0
    failing = [q for q in result["questions"] if q["status"] != "passed"]
    assert not failing and result["score"] == result["max_score"]


def test_the_untouched_exercise_earns_zero_and_says_what_is_missing(chapter_graded, chapter):
    result = chapter_graded["blank"]
    assert result["score"] == 0
    assert result["max_score"] == chapter_graded["solution"]["max_score"]
    for q in result["questions"]:
        assert q["status"] == "missing" and "not answered" in q["message"], q


def test_every_question_has_mistakes_and_alternatives_on_file(course, chapter):
    """At least two plausible wrong answers and one unusual correct answer per question."""
    data = answers(chapter)
    questions = set(StudentNotebook(course, chapter).reference)
    wrong = {q: 0 for q in questions}
    for mistakes in data["MISTAKES"].values():
        for q in mistakes:
            wrong[q] += 1
    right = {q for alt in data["ALTERNATIVES"] for q in alt}
    assert all(n >= 2 for n in wrong.values()), wrong
    assert right >= questions, questions - right


def test_valid_answers_in_other_forms_earn_full_marks(chapter_graded, chapter):
    for i in range(len(answers(chapter)["ALTERNATIVES"])):
        result = chapter_graded[f"alternatives{i}"]
        failing = [q for q in result["questions"] if q["status"] != "passed"]
        assert not failing, (i, failing)


def test_each_classic_mistake_loses_points_with_a_hint_that_points_at_it(chapter_graded, chapter):
    problems = []
    for notebook, question in mistake_cases(chapter):
        _, kept, hint = answers(chapter)["MISTAKES"][notebook][question]
        result = chapter_graded[notebook]
        cells = _question(result, question)
        got = sum(q["points"] for q in cells)
        hidden = next(q for q in cells if q["grade_id"].endswith("-hidden"))
        full = sum(q["max_points"] for q in cells)
        if got != kept or got >= full:
            problems.append(f"{notebook}/{question}: kept {got} points, expected {kept} of {full}")
        elif hint not in " ".join(q["message"] for q in cells):
            problems.append(f"{notebook}/{question}: no hint containing {hint!r} in {[q['message'] for q in cells]}")
        elif hidden["status"] == "passed":
            problems.append(f"{notebook}/{question}: the hidden tests passed")
    assert not problems, "\n".join(problems)


def test_shortcuts_and_in_place_changes_lose_the_same_points_plain_and_hardened(chapter_graded,
                                                                               chapter_graded_plain, chapter):
    """A forbidden family under another name, or a SymPy/sparse argument changed in place, costs the question's
    points in plain grading exactly as in hardened grading (issue #13)."""
    problems = []
    for notebook, plain in chapter_graded_plain.items():
        for question, (_, kept, hint) in answers(chapter)["MISTAKES"][notebook].items():
            for mode, result in (("plain", plain), ("hardened", chapter_graded[notebook])):
                cells = _question(result, question)
                got = sum(q["points"] for q in cells)
                if got != kept or hint not in " ".join(q["message"] for q in cells):
                    problems.append(f"{mode} {notebook}/{question}: kept {got} (expected {kept}), "
                                    f"messages {[q['message'] for q in cells]}")
    assert not problems, "\n".join(problems)


RAW_EXCEPTION = re.compile(r"^\s*[A-Za-z_][\w.]*(Error|Exception|Warning|Interrupt|Exit)\b\s*(:|$)")


def test_no_test_answers_a_mistake_with_a_raw_exception_only(chapter_graded, chapter):
    """A student's exception inside a test becomes a sentence naming what was expected, never the bare
    ``ZeroDivisionError: float division by zero`` (issue #13)."""
    raw = [f"{name}/{q['grade_id']}: {q['message']}" for name, result in chapter_graded.items()
           for q in result["questions"] if RAW_EXCEPTION.match(q["message"] or "")]
    assert not raw, "\n".join(raw)


def test_self_check_and_grade_agree_on_the_visible_tests(chapter_submissions, chapter_graded, chapter):
    from autograder.grading.selfcheck import check_notebook

    names = ["blank"] + list(answers(chapter)["MISTAKES"])[:1]
    for name in names:
        checked = {q.grade_id: q for q in check_notebook(chapter_submissions[name]).questions}
        for q in chapter_graded[name]["questions"]:
            mine = checked[q["grade_id"]]
            if q["grade_id"].endswith("-visible"):
                assert (mine.status, mine.points) == (q["status"], q["points"]), (name, q, mine)
            else:
                assert mine.status == "hidden", (name, mine)
