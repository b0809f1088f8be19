"""Does grading give every answer the marks it deserves, through the real `python -m autograder grade --json`?

One batch of chapter 01 submissions is graded once (a module fixture) and the tests ask questions of it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.results import STATUSES
from conftest import ROOT, StudentNotebook, solution_notebook

CH01_MAX = 21
Q3 = ("q3-project-visible", "q3-project-hidden")

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    "q1-angle": "import math\nu = np.array([1.0, 1.0, 0.0])\nv = np.array([1.0, 0.0, 1.0])\n"
                "theta_deg = math.degrees(math.acos(np.dot(u, v) / math.sqrt(np.dot(u, u) * np.dot(v, v))))\n",
    "q2-normalize": "def normalize(x):\n    x = np.array(x, dtype=float)\n    if not np.any(x):\n"
                    "        raise ValueError('zero vector')\n    return x / np.sqrt(np.sum(x ** 2))\n",
    "q3-project": "def project(u, v):\n    v = np.asarray(v, dtype=float)\n"
                  "    return v * np.dot(u, v) / np.linalg.norm(v) ** 2\n",
    "q4-cosine": "def cosine_similarity_matrix(X):\n    X = np.asarray(X, dtype=float)\n    G = X @ X.T\n"
                 "    n = np.sqrt(np.diag(G))\n    return G / np.outer(n, n)\n",
    # another multiple of the null-space vector, with the opposite sign
    "q5-dependency": "V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])\nc = sp.Matrix([-3, 6, -3])\n",
    # factored instead of expanded; a set built from solveset
    "q6-parameter": "a = sp.symbols('a', real=True)\ndet_a = -(a - 2) * (a + 2)\n"
                    "dependent_values = set(sp.solveset(det_a, a, domain=sp.S.Reals))\n",
    # every column sign-flipped: still an orthonormal basis with the same nested spans
    "q7-gram-schmidt": "def gram_schmidt(V):\n    V = np.array(V, dtype=float)\n    Q = np.zeros_like(V)\n"
                       "    for j in range(V.shape[1]):\n        w = V[:, j].copy()\n"
                       "        for i in range(j):\n            w -= (Q[:, i] @ w) * Q[:, i]\n"
                       "        Q[:, j] = -w / np.linalg.norm(w)\n    return Q\n",
}, {
    "q1-angle": "theta_deg = sp.Integer(60)\n",
    "q2-normalize": "def normalize(x):\n    n = np.linalg.norm(x)\n    if n == 0:\n"
                    "        raise np.linalg.LinAlgError('zero')\n    return np.array(x) / n\n",
    # a Python loop over pairs: slower, but the result is what is graded
    "q4-cosine": "def cosine_similarity_matrix(X):\n    X = np.asarray(X, dtype=float)\n    n = len(X)\n"
                 "    S = np.empty((n, n))\n    for i in range(n):\n        for j in range(n):\n"
                 "            S[i, j] = X[i] @ X[j] / (np.linalg.norm(X[i]) * np.linalg.norm(X[j]))\n    return S\n",
    "q5-dependency": "c = sp.ImmutableMatrix([sp.Rational(1, 2), -1, sp.Rational(1, 2)])\n",
    # a symbol without real=True, and a loop that leaves the name `a` bound to a number
    "q6-parameter": "b = sp.Symbol('a')\ndet_a = sp.Matrix([[1, b], [b, 4]]).det()\ndependent_values = set()\n"
                    "for a in sp.solve(det_a, b):\n    dependent_values.add(a)\n",
    # modified Gram-Schmidt returning a list of lists
    "q7-gram-schmidt": "def gram_schmidt(V):\n    Q = np.array(V, dtype=float)\n    k = Q.shape[1]\n"
                       "    for j in range(k):\n        Q[:, j] /= np.linalg.norm(Q[:, j])\n"
                       "        for i in range(j + 1, k):\n            Q[:, i] -= (Q[:, j] @ Q[:, i]) * Q[:, j]\n"
                       "    return Q.tolist()\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        "q1-angle": (("float(np.degrees(np.arccos(", "float((np.arccos("), 1, "radians"),
        "q2-normalize": (("    if n == 0:\n        raise ValueError(\"cannot normalize the zero vector\")\n", ""), 1,
                         "should raise ValueError"),
        "q3-project": (("(u @ v) / (v @ v) * v", "(u @ v) / np.linalg.norm(v) * v"), 0, "constant factor"),
        "q4-cosine": (("axis=1, keepdims=True", "axis=0, keepdims=True"), 0, "normalize each row"),
        "q5-dependency": (("c = V.nullspace()[0]", "c = sp.zeros(3, 1)"), 1, "zero vector"),
        "q6-parameter": (("dependent_values = set(sp.solve(det_a, a))", "dependent_values = {2.0, -2.0}"), 1,
                         "floating-point"),
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    V = np.asarray(V, dtype=float)\n    return np.linalg.qr(V)[0]\n"), 1,
                            "not allowed"),
    },
    "mistakes2": {
        "q3-project": (("(u @ v) / (v @ v) * v", "(u @ v) * v"), 0, "constant factor"),
        "q5-dependency": (("c = V.nullspace()[0]", "t = sp.Symbol('t')\nc = sp.Matrix([t, -2 * t, t])"), 0,
                          "not symbols"),
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    import scipy.linalg\n    return scipy.linalg.qr(V, mode='economic')[0]\n"), 1,
                            "not allowed"),
    },
    "mistakes3": {
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    from numpy.linalg import qr\n    return qr(V)[0]\n"), 1, "not allowed"),
    },
}
MISTAKE_CASES = [(nb, q) for nb, qs in MISTAKES.items() for q in qs]


def _points_of(result: dict, prefix: str) -> float:
    return sum(q["points"] for q in result["questions"] if q["grade_id"].startswith(prefix + "-"))


def _max_of(result: dict, prefix: str) -> float:
    return sum(q["max_points"] for q in result["questions"] if q["grade_id"].startswith(prefix + "-"))


@pytest.fixture(scope="module")
def submissions(course, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("submissions")
    subs: dict[str, Path] = {"solution": solution_notebook(course)}
    subs["filled"] = StudentNotebook(course).answer_all().save(d / "filled_01-vectors.ipynb")
    subs["blank"] = StudentNotebook(course).save(d / "blank_01-vectors.ipynb")
    subs["one_wrong"] = (StudentNotebook(course).answer_all()
                         .replace_in("q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u")
                         .save(d / "one-wrong_01-vectors.ipynb"))
    for i, answers in enumerate(ALTERNATIVES):
        alt = StudentNotebook(course).answer_all()
        for gid, src in answers.items():
            alt.answer(gid, src)
        subs[f"alternatives{i}"] = alt.save(d / f"alternatives{i}_01-vectors.ipynb")
    for name, mistakes in MISTAKES.items():
        wrong = StudentNotebook(course).answer_all()
        for gid, ((old, new), _, _) in mistakes.items():
            wrong.replace_in(gid, old, new)
        subs[name] = wrong.save(d / f"{name}_01-vectors.ipynb")
    # editing a locked test cell so that it "passes" does not help: grading runs the original
    tampered = (StudentNotebook(course).answer_all()
                .replace_in("q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u"))
    tampered.cell("q3-project-visible").source = "pass"
    subs["tampered"] = tampered.save(d / "tampered_01-vectors.ipynb")
    # a test cell deleted by accident is restored and still earns its points
    deleted = StudentNotebook(course).answer_all()
    deleted.nb.cells.remove(deleted.cell("q2-normalize-hidden"))
    subs["deleted"] = deleted.save(d / "deleted_01-vectors.ipynb")
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


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)


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


def test_solution_notebook_earns_full_marks(graded):
    result = graded["solution"]
    assert result["assignment"] == "01-vectors"
    assert result["score"] == result["max_score"] == CH01_MAX
    assert {q["status"] for q in result["questions"]} == {"passed"}


def test_exercise_filled_with_the_reference_answers_earns_full_marks(graded):
    assert graded["filled"]["score"] == CH01_MAX


def test_untouched_exercise_earns_zero_and_every_question_says_it_is_missing(graded):
    result = graded["blank"]
    assert result["score"] == 0 and result["max_score"] == CH01_MAX
    for q in result["questions"]:
        assert q["status"] == "missing", q
        assert "not answered" in q["message"], q


def test_one_wrong_answer_loses_exactly_that_questions_points(graded):
    result = graded["one_wrong"]
    assert result["score"] == CH01_MAX - _max_of(result, "q3")
    for q in result["questions"]:
        assert (q["status"] == "passed") == (q["grade_id"] not in Q3), q


@pytest.mark.parametrize("name", [f"alternatives{i}" for i in range(len(ALTERNATIVES))])
def test_valid_answers_in_other_forms_earn_full_marks(graded, name):
    result = graded[name]
    failing = [q for q in result["questions"] if q["status"] != "passed"]
    assert not failing
    assert result["score"] == CH01_MAX


@pytest.mark.parametrize("notebook, question", MISTAKE_CASES)
def test_a_classic_mistake_loses_the_hidden_points_with_a_helpful_hint(graded, notebook, question):
    (_, kept, hint) = MISTAKES[notebook][question]
    result = graded[notebook]
    assert _points_of(result, question) == kept
    hidden = next(q for q in result["questions"] if q["grade_id"] == f"{question}-hidden")
    assert hidden["status"] == "failed" and hidden["points"] == 0, hidden
    assert hint in hidden["message"], hidden


def test_hints_never_reveal_hidden_test_code(graded, course):
    from autograder.release import _solution_lines

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


def test_a_warning_printed_by_a_correct_answer_costs_nothing(submissions, graded):
    """nbgrader zeroes any test that writes to stderr; warnings are filtered out first."""
    from autograder.selfcheck import check_notebook

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
    assert result["score"] == 0
    # the rest of the batch was graded (the solution comes first, the bad files last)
    assert graded["solution"]["score"] == CH01_MAX


def test_self_check_and_grade_agree_on_every_visible_test(submissions, graded):
    from autograder.selfcheck import check_notebook

    for name in ("filled", "blank", "one_wrong", "mistakes"):
        checked = {q.grade_id: q for q in check_notebook(submissions[name]).questions}
        for q in graded[name]["questions"]:
            if q["grade_id"].endswith("-visible"):
                mine = checked[q["grade_id"]]
                assert (mine.status, mine.points) == (q["status"], q["points"]), (name, q, mine)
            else:
                assert checked[q["grade_id"]].status == "hidden"
