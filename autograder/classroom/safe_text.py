"""Student text made safe for where the instructor reads it: a terminal, a spreadsheet, Markdown.

Hints, file names, student ids and error messages can hold whatever a student put in a file name, a
manifest or an exception. Each output gets its own escaping: control characters (terminal escape
sequences) are shown as ``\\x1b``; a CSV cell that a spreadsheet would run as a formula gets a leading
quote; Markdown text is backslash-escaped so it renders as the characters typed, never as a link,
an image, HTML or a table break.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&\"'=:$])")


def terminal(text: str) -> str:
    """``text`` for a terminal: control characters and bidi overrides shown as escapes, one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text)).replace("\n", " ")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string starting with = + - @ tab or CR gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown text on one line: every markup character backslash-escaped."""
    flat = re.sub(r"\s+", " ", terminal(text)).strip()
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
