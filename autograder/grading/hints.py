"""One sentence for an exception the student's code raised while a test ran it, never the bare exception.

A test that calls a student's function can stop on the student's own error (a ``ZeroDivisionError`` where the
question asks for ``ValueError``, a matmul whose shapes do not fit, a ``LinAlgError``, an ``AttributeError``
because a COO sparse matrix has no ``indptr``). The student then sees what went wrong *and* what was expected;
the error's own text follows in parentheses, as a clue.
"""

from __future__ import annotations

import re

_SHAPES = re.compile(r"matmul|core dimension|shapes? .*(not aligned|mismatch)|could not be broadcast|"
                     r"dimension mismatch|inconsistent shapes|incompatible dimensions|size \d+ is different", re.I)
_SPARSE_ATTRS = re.compile(r"\b(indptr|indices|tocsr|tocsc|getrow|getcol|row|col|coords|nnz|toarray|todense|A)\b")

_BY_TYPE = {
    "ZeroDivisionError": "a division by zero: check the special case the question names (a zero vector, a zero "
                         "pivot, an empty input) and raise the exception the question asks for there, before "
                         "dividing.",
    "LinAlgError": "a NumPy/SciPy linear-algebra routine refused the input (a singular or not positive definite "
                   "matrix?): handle that case as the question asks, or use the method it asks for.",
    "IndexError": "an index out of range: check the loop bounds against the shape of the input, which may be "
                  "another size than the example's.",
    "KeyError": "a missing key: check which keys the input really has.",
    "TypeError": "a value of an unexpected type: the test may pass a list, an integer array or a SymPy object "
                 "where the example used a float array; convert the input first (np.asarray(x, dtype=float)).",
    "OverflowError": "a number too large for its type: work in floats, or rescale before multiplying.",
    "RecursionError": "endless recursion: check the base case of your recursive function.",
    "MemoryError": "the computation needed more memory than allowed: avoid forming large dense matrices.",
    "NameError": "a name that is not defined: define everything your function uses inside the answer cell.",
    "UnboundLocalError": "a variable used before it was assigned on some path through your function.",
}


def explain(ename: str, evalue: str) -> str:
    """What to look at, for the exception ``ename`` with message ``evalue``."""
    if ename == "ValueError" and _SHAPES.search(evalue):
        return ("the shapes of two arrays do not fit together (a matrix product or an elementwise operation): "
                "check which axis holds rows and which columns, and return the shape the question asks for.")
    if ename == "AttributeError":
        if _SPARSE_ATTRS.search(evalue) or "sparse" in evalue or "coo" in evalue:
            return ("your code uses an attribute the input does not have: the test may pass another format "
                    "(a COO or CSC sparse matrix where you expected CSR, a list where you expected an array); "
                    "convert it first (.tocsr(), np.asarray).")
        return ("your code uses an attribute or method the input does not have: the test may pass another type "
                "than the example (a list, a SymPy matrix, a sparse matrix); convert it first.")
    if ename == "ValueError":
        return ("a value your code could not handle: check the special cases the question names, and raise "
                "the exception it asks for where it asks for one.")
    return _BY_TYPE.get(ename, "check what your function does with the other inputs the question allows "
                               "(other shapes, types and special cases).")


def student_error_message(ename: str, evalue: str) -> str:
    """The sentence a test cell that stopped on ``ename: evalue`` shows, instead of the bare exception."""
    clue = f" ({ename}: {evalue})" if evalue else f" ({ename})"
    return f"your code raised an error while the test ran it: {explain(ename, evalue)}{clue}"
