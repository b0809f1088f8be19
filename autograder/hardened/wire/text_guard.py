"""The guard that keeps SymPy from parsing (and so running) text that came from the student's kernel."""

from __future__ import annotations

import contextlib
import re
from typing import Any, Iterator


class StudentText(str):
    """A string that came from the student's kernel: SymPy may not parse it (see :func:`refuse_text_parsing`)."""

    __slots__ = ()


_student_texts: set[str] = set()  # every string decoded from the kernel (SymPy copies them, losing the type)
MAX_REMEMBERED = 20_000


def remember_text(text: str) -> "StudentText":
    flat = text.replace("\n", "")
    if len(flat) >= 4 and len(_student_texts) < MAX_REMEMBERED:  # shorter text cannot hide code
        _student_texts.add(flat)
    return StudentText(text)


def forget_student_texts() -> None:
    _student_texts.clear()


def _from_student(text: str) -> bool:
    flat = text.replace("\n", "")
    if len(_student_texts) >= MAX_REMEMBERED:
        return True  # too many to tell: no text is parsed at all
    return any(t in flat for t in _student_texts)


# Text SymPy generates for itself (nsimplify parses the digits of a float, for instance) never looks like this;
# code smuggled into a string usually does.
_NOT_MATH = re.compile(r"__|lambda|['\"\\\[\]{};:=@`]|\b(exec|eval|compile|open|getattr|setattr|delattr|globals|locals|"
                       r"vars|chr|ord|bytes|bytearray|type|object|input|breakpoint|help|memoryview|super|dir|"
                       r"import|print|format|classmethod|staticmethod|property)\b")


@contextlib.contextmanager
def refuse_text_parsing() -> Iterator[None]:
    """While it is active, SymPy parses no text of the student's: ``sympify``/``simplify``/``nsimplify`` of
    a string from the kernel raise, and so does any text that does not look like mathematics.

    SymPy turns text into Python and runs it (``parse_expr`` calls ``eval``), so a student's string that
    reaches ``sp.simplify(answer)`` in a test would run in the grader. Hardened grading runs every test
    cell, and rebuilds every answer, under this guard; SymPy's own use of text (``nsimplify`` reading the
    digits of a float) still works.
    """
    import sympy
    import sympy.parsing.sympy_parser as parser

    saved = parser.parse_expr

    def guarded(text: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(text, str) or isinstance(text, StudentText) or _NOT_MATH.search(text) \
                or _from_student(text):
            raise sympy.SympifyError("text is not accepted as a SymPy answer here; give a SymPy expression "
                                     "(for example sp.sqrt(2) rather than 'sqrt(2)')")
        return saved(text, *args, **kwargs)

    parser.parse_expr = guarded
    try:
        yield
    finally:
        parser.parse_expr = saved
