"""Handing work in without a JupyterHub: one zip per student, with a checksum manifest.

``python -m autograder package exercises/*/*.ipynb --student alice`` writes
``alice-submission.zip``: the notebooks plus ``MANIFEST.json`` (student, time, and for each notebook its
assignment and SHA-256). The student uploads that one file to the LMS; ``grade-class`` accepts a folder
(or zip) of such packages, checks every checksum, and grades each notebook as the named student's.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from autograder.errors import UserError
from autograder.course.notebooks import NotebookError, read_notebook

MANIFEST = "MANIFEST.json"
STUDENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.@-]{0,79}$")


class PackageError(UserError):
    """A package cannot be made or read; the message is a sentence for the user."""


@dataclass(frozen=True)
class Unpacked:
    student: str
    path: Path          # the extracted notebook, named <student>_<original name>
    problem: str | None  # e.g. a checksum mismatch


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_package(notebooks: list[Path], student: str, dest: Path | None = None) -> Path:
    """Zip ``notebooks`` for ``student`` with a manifest; refuses files that are not readable notebooks."""
    if not STUDENT_RE.match(student):
        raise PackageError(f"'{student}' is not a usable student id (letters, digits, '.', '@' and '-').")
    if not notebooks:
        raise PackageError("no notebooks given to package.")
    entries = []
    for path in notebooks:
        nb = read_notebook(path)  # a damaged file is refused now, not discovered at grading time
        entries.append({"file": path.name, "assignment": nb.metadata.get("autograder", {}).get("assignment"),
                        "sha256": _sha256(path.read_bytes())})
    if len({e["file"] for e in entries}) != len(entries):
        raise PackageError("two notebooks have the same file name; package them separately.")
    dest = dest or Path(f"{student}-submission.zip")
    manifest = {"student": student, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "notebooks": entries}
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
        for path in notebooks:
            zf.write(path, path.name)
    return dest


def is_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return MANIFEST in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def unpack_package(path: Path, dest: Path) -> list[Unpacked]:
    """Extract a package's notebooks into ``dest`` as ``<student>_<name>``, checking every checksum."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            student = str(manifest.get("student", ""))
            if not STUDENT_RE.match(student):
                raise PackageError(f"{path}: the manifest names no usable student id.")
            out = []
            dest.mkdir(parents=True, exist_ok=True)
            for entry in manifest.get("notebooks", []):
                name = Path(str(entry.get("file", ""))).name  # never a path out of dest
                if not name.endswith(".ipynb"):
                    continue
                target = dest / f"{student}_{name}"
                try:
                    data = zf.read(name)
                except KeyError:
                    out.append(Unpacked(student, target, f"{path}: {name} is listed in the manifest but missing."))
                    continue
                target.write_bytes(data)
                problem = None
                if _sha256(data) != entry.get("sha256"):
                    problem = (f"{path}: {name} does not match its checksum in the manifest "
                               "(changed after packaging, or damaged in transfer).")
                out.append(Unpacked(student, target, problem))
            return out
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise PackageError(f"{path}: not a readable submission package ({exc.__class__.__name__}).") from None


__all__ = ["make_package", "unpack_package", "is_package", "PackageError", "NotebookError"]
