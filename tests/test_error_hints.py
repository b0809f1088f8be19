"""A student's exception inside a test reaches the student as a sentence that names what was expected."""

from __future__ import annotations

import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_output

from autograder.checks import assert_raises
from autograder.grading.verdict import classify
from chapter_grading import RAW_EXCEPTION


def _test_cell(ename: str, evalue: str):
    cell = new_code_cell("normalize(np.zeros(3))", metadata={"nbgrader": {
        "grade": True, "grade_id": "q2-normalize-hidden", "locked": True, "points": 2, "solution": False}})
    cell.outputs = [new_output("error", ename=ename, evalue=evalue, traceback=[])]
    return cell


@pytest.mark.parametrize("ename, evalue, words", [
    ("ZeroDivisionError", "float division by zero", "raise the exception the question asks for"),
    ("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                   "(n?,k),(k,m?)->(n?,m?) (size 3 is different from 2)", "shapes of two arrays do not fit"),
    ("LinAlgError", "Singular matrix", "singular or not positive definite"),
    ("AttributeError", "'coo_array' object has no attribute 'indptr'", "COO or CSC sparse matrix"),
    ("TypeError", "unsupported operand type(s) for -: 'list' and 'list'", "convert the input first"),
    ("IndexError", "index 3 is out of bounds for axis 0 with size 3", "loop bounds"),
    ("StudentError", "", "other inputs the question allows"),
])
def test_a_student_exception_in_a_test_becomes_a_sentence_with_what_was_expected(ename, evalue, words):
    status, message = classify(_test_cell(ename, evalue), [], 0.0, 2.0)
    assert status == "error" and words in message and ename in message
    assert not RAW_EXCEPTION.match(message), message


def test_the_graders_own_sentences_are_kept_as_they_are():
    status, message = classify(_test_cell("KernelDied", "the Python kernel died while running this cell"), [], 0, 2)
    assert message == "KernelDied: the Python kernel died while running this cell"


def _divide(x):
    return np.asarray(x) / float(sum(x))


def _divide_python(x):
    return [v / sum(x) for v in x]


def _refuse(x):
    raise ValueError("zero")


def _singular(x):
    raise np.linalg.LinAlgError("Singular matrix")


def test_assert_raises_names_the_expected_exception_whatever_happened():
    assert isinstance(assert_raises(ValueError, _refuse, [0.0]), ValueError)
    assert isinstance(assert_raises(ValueError, _singular, [0.0]), np.linalg.LinAlgError)  # a ValueError too
    with pytest.raises(AssertionError, match=r"f\(0\) should raise ValueError, as the question asks, but it raised "
                                             r"ZeroDivisionError: (float )?division by zero"):
        assert_raises(ValueError, _divide_python, [0.0], call="f(0)")
    with np.errstate(all="ignore"), pytest.raises(AssertionError, match=r"_divide\(\.\.\.\) should raise "
                                                                        r"ValueError, but it returned normally\."):
        assert_raises(ValueError, _divide, [0.0])
    with pytest.raises(AssertionError, match=r"should raise KeyError or IndexError.*Hint: look"):
        assert_raises((KeyError, IndexError), _refuse, [0.0], hint="look.")
