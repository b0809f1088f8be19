"""Student ids: the one rule for what an id may be, and the one way to clean a name into one.

An id is 1 to 80 characters: ASCII letters, digits, ``.``, ``_``, ``@`` and ``-``, starting with a letter or
a digit (so never ``.``, ``..`` or a hidden name). It is used as a folder name (``submitted/<id>/``), a
gradebook key and a CSV cell, so nothing else is let through.
"""

from __future__ import annotations

import re

STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,79}")
UNNAMED = "unnamed"
_OTHER = re.compile(r"[^A-Za-z0-9._@-]+")


def is_student_id(text: object) -> bool:
    """Is ``text`` already a usable student id (a string that the rule accepts as it is)?"""
    return isinstance(text, str) and STUDENT_ID.fullmatch(text) is not None


def clean_student_id(text: str) -> str:
    """``text`` made into a usable id: other characters become ``-``, a leading non-alphanumeric run goes."""
    cleaned = _OTHER.sub("-", text)
    cleaned = re.sub(r"^[^A-Za-z0-9]+", "", cleaned)[:80].rstrip("-.")
    return cleaned if is_student_id(cleaned) else UNNAMED
