"""Reading and writing notebooks: clear errors for bad files, deterministic cell ids, clean diffs."""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.errors import UserError


class NotebookError(UserError):
    """A notebook could not be used; the message is a sentence for the user."""


def read_notebook(path: str | Path) -> NotebookNode:
    """Read an .ipynb, turning every way it can be broken into one clear NotebookError."""
    path = Path(path)
    if not path.exists():
        raise NotebookError(f"{path}: no such file.")
    if path.is_dir():
        raise NotebookError(f"{path}: is a folder, not a notebook.")
    if path.suffix != ".ipynb":
        raise NotebookError(f"{path}: not a Jupyter notebook (expected a .ipynb file).")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NotebookError(f"{path}: not a text file, so not a notebook.") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(
            f"{path}: the file is damaged (invalid JSON at line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(raw, dict) or "cells" not in raw:
        raise NotebookError(f"{path}: valid JSON, but not a notebook (no 'cells').")
    try:
        with warnings.catch_warnings():  # duplicate cell ids are repaired by the grader, not worth a warning
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        raise NotebookError(f"{path}: not a valid notebook ({exc.__class__.__name__}).") from None
    return nb


def autograder_metadata(nb: NotebookNode | None) -> dict[str, str]:
    """The notebook's ``metadata.autograder`` block, validated: only its string ``assignment`` and ``notebook``.

    A student can write anything there (a number, a list, nested objects); whatever is not a string is
    ignored, so a damaged block reads as absent instead of stopping the grader.
    """
    metadata = nb.get("metadata") if isinstance(nb, dict) else None
    meta = metadata.get("autograder") if isinstance(metadata, dict) else None
    if not isinstance(meta, dict):
        return {}
    return {key: meta[key] for key in ("assignment", "notebook")
            if isinstance(meta.get(key), str) and 0 < len(meta[key]) <= 200}


def write_notebook(nb: NotebookNode, path: str | Path) -> None:
    """Write with nbformat's canonical layout and a trailing newline (stable diffs)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(nb) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def notebook_text(nb: NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def assign_cell_ids(nb: NotebookNode) -> NotebookNode:
    """Give every cell a deterministic id: its nbgrader grade_id, else a hash of its type and source.

    Ids stay put when unrelated cells are inserted, so git diffs show only what changed.
    """
    seen: set[str] = set()
    for cell in nb.cells:
        base = grade_id(cell)
        if not base:
            digest = hashlib.sha1(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
            base = f"{cell.cell_type[:2]}-{digest}"
        cell_id, n = base, 1
        while cell_id in seen:
            n += 1
            cell_id = f"{base}-{n}"
        seen.add(cell_id)
        cell["id"] = cell_id
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    return nb


def clear_outputs(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb
