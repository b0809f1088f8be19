"""Values crossing from the student's kernel to the grader, as plain data only.

Hardened grading decides every verdict in the grader's own process (:mod:`autograder.hardened.session`); the
student's kernel only runs the student's code. What comes back from the kernel is *data* in the small
JSON form below, and :func:`decode` (:mod:`.decode`) rebuilds it with the grader's pristine NumPy, SciPy and SymPy:

* numbers, strings, ``None``, and lists/tuples/sets/dicts of values;
* NumPy arrays and scalars of a plain dtype (bool, int, uint, float, complex), rebuilt from raw bytes, so
  an ``ndarray`` subclass, a patched ``__eq__`` or ``__array_function__`` never reaches a check;
* SymPy objects, rebuilt from ``srepr`` text by a small evaluator that only calls SymPy classes
  (:func:`rebuild_sympy`, :mod:`.sympy_rebuild`), never ``eval``;
* SciPy sparse matrices and arrays, rebuilt from their index and data arrays;
* anything else (a function, a closure, an object) as an opaque *handle* that the grader may call back.

:func:`encode` (:mod:`.encode`) is the same format from the other side; it runs in the kernel (where a student could
replace it, which can only turn their answer into some other plain value) and in the grader, for the
arguments a test passes to the student's functions.

Text decoded from the kernel is remembered, and while :func:`refuse_text_parsing` (:mod:`.text_guard`) is
active SymPy parses none of it. The limits and the error live in :mod:`.plain`.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from autograder.hardened.wire.decode import decode, locate, merge_into
from autograder.hardened.wire.encode import encode
from autograder.hardened.wire.plain import MAX_BYTES, MAX_DEPTH, MAX_INT_DIGITS, PLAIN_KINDS, PlainDataError
from autograder.hardened.wire.sympy_rebuild import rebuild_sympy
from autograder.hardened.wire.text_guard import (MAX_REMEMBERED, StudentText, forget_student_texts,
                                                 refuse_text_parsing, remember_text)

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "MAX_REMEMBERED", "PLAIN_KINDS", "PlainDataError",
           "StudentText", "decode", "encode", "forget_student_texts", "loads", "locate", "merge_into",
           "rebuild_sympy", "refuse_text_parsing", "remember_text"]


def loads(text: str, remote: Callable[[dict], Any] | None = None) -> Any:
    """Rebuild a value from the kernel's JSON; ``remote`` turns a handle into a callable proxy."""
    if not isinstance(text, str) or len(text) > MAX_BYTES:  # this package's MAX_BYTES: a test may lower it
        raise PlainDataError("the answer is too large to be checked")
    try:
        tree = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PlainDataError(f"the kernel's reply is not valid data ({exc})") from None
    return decode(tree, remote)
