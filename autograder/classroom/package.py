"""Handing work in without a JupyterHub: one zip per student, with a checksum manifest.

``python -m autograder package exercises/*/*.ipynb --student alice`` writes
``alice-submission.zip``: the notebooks plus ``MANIFEST.json`` (student, time, and for each notebook its
assignment and SHA-256). The student uploads that one file to the LMS; ``grade-class`` accepts a folder
(or zip) of such packages, checks every checksum, and grades each notebook as the package's uploader's:
the student named by where the package came from (its LMS folder or file name), never by the manifest
alone. A manifest that names someone else is reported and graded as the uploader's.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from autograder.errors import UserError
from autograder.classroom.archive import (PACKAGE_BOUNDS, ArchiveError, Bounds, Budget, open_zip, read_small,
                                          stream_member)
from autograder.course.notebooks import NotebookError, autograder_metadata, read_notebook
from autograder.course.students import is_student_id

MANIFEST = "MANIFEST.json"
MANIFEST_BYTES = 256 * 1024


class PackageError(UserError):
    """A package cannot be made or read; the message is a sentence for the user."""


@dataclass(frozen=True)
class Unpacked:
    student: str
    path: Path          # the extracted notebook
    problem: str | None  # e.g. a checksum mismatch


@dataclass
class Opened:
    """What a package held: its notebooks (graded as ``student``'s) and one sentence per thing reported."""
    student: str
    notebooks: list[Unpacked] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_package(notebooks: list[Path], student: str, dest: Path | None = None) -> Path:
    """Zip ``notebooks`` for ``student`` with a manifest; refuses files that are not readable notebooks."""
    if not is_student_id(student):
        raise PackageError(f"'{student}' is not a usable student id (letters, digits, '.', '_', '@' and '-', "
                           "starting with a letter or digit).")
    if not notebooks:
        raise PackageError("no notebooks given to package.")
    entries = []
    for path in notebooks:
        nb = read_notebook(path)  # a damaged file is refused now, not discovered at grading time
        entries.append({"file": path.name, "assignment": autograder_metadata(nb).get("assignment"),
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
        with open_zip(path, PACKAGE_BOUNDS) as zf:
            return MANIFEST in zf.namelist()
    except ArchiveError:
        return False


def read_manifest(zf: zipfile.ZipFile, path: Path, budget: Budget) -> dict:
    """The manifest as a dict with a ``notebooks`` list; PackageError (one sentence) if it is not one."""
    try:
        raw = read_small(zf, zf.getinfo(MANIFEST), MANIFEST_BYTES, budget, f"{path}: {MANIFEST}")
        manifest = json.loads(raw.decode("utf-8"))
    except ArchiveError as exc:
        raise PackageError(str(exc)) from None
    except KeyError:
        raise PackageError(f"{path}: has no {MANIFEST}.") from None
    except UnicodeDecodeError:
        raise PackageError(f"{path}: its {MANIFEST} is not UTF-8 text.") from None
    except RecursionError:
        raise PackageError(f"{path}: its {MANIFEST} is nested too deeply to be a manifest.") from None
    except ValueError as exc:
        raise PackageError(f"{path}: its {MANIFEST} is not valid JSON ({exc.__class__.__name__}).") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("notebooks"), list):
        raise PackageError(f"{path}: its {MANIFEST} is not a manifest (an object with a 'notebooks' list).")
    return manifest


def _entry_name(entry: object) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        return None
    name = entry["file"].replace("\\", "/").rsplit("/", 1)[-1]  # never a path out of dest
    return name if name.endswith(".ipynb") and len(name) <= 255 else None


def _extract(zf: zipfile.ZipFile, entry: dict, name: str, target: Path, budget: Budget,
             where: str) -> str | None:
    """Stream one listed notebook to ``target``; returns the problem to record, if any."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return f"{where} is listed in the manifest but missing."
    with open(target, "wb") as out:
        digest = stream_member(zf, info, out, budget, where)
    if digest != entry.get("sha256"):
        return (f"{where} does not match its checksum in the manifest "
                "(changed after packaging, or damaged in transfer).")
    return None


def unpack_package(path: Path, dest: Path, uploader: str, bounds: Bounds = PACKAGE_BOUNDS) -> Opened:
    """Extract a package's notebooks into ``dest``, checking every checksum, as ``uploader``'s work.

    ``uploader`` is who the package came from (its LMS folder or file name). Raises PackageError when the
    package as a whole cannot be read; a bad entry or member is one note and the others go on.
    """
    opened = Opened(uploader)
    budget = Budget(bounds)
    try:
        with open_zip(path, bounds) as zf:
            manifest = read_manifest(zf, path, budget)
            claimed = manifest.get("student")
            if not isinstance(claimed, str) or claimed.lower() != uploader.lower():
                shown = claimed if isinstance(claimed, str) else "no usable student id"
                opened.notes.append(f"{path}: its manifest names {shown[:80]!r}, but it was uploaded by "
                                    f"'{uploader}', so it is graded as '{uploader}'.")
            seen: set[str] = set()
            for i, entry in enumerate(manifest["notebooks"][: bounds.members]):
                name = _entry_name(entry)
                if name is None or name in seen:
                    opened.notes.append(f"{path}: manifest entry {i + 1} is not a notebook entry of its own, "
                                        "so it was skipped.")
                    continue
                seen.add(name)
                target = dest / f"{len(seen):03d}" / re.sub(r"[^A-Za-z0-9._-]+", "-", name)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    problem = _extract(zf, entry, name, target, budget, f"{path}: {name}")
                except ArchiveError as exc:
                    target.unlink(missing_ok=True)
                    problem = str(exc)
                opened.notebooks.append(Unpacked(uploader, target, problem))
                if budget.left < 0:
                    break
    except ArchiveError as exc:
        raise PackageError(str(exc)) from None
    except OSError as exc:
        raise PackageError(f"{path}: could not be unpacked ({exc.__class__.__name__}).") from None
    return opened


__all__ = ["make_package", "unpack_package", "is_package", "PackageError", "NotebookError"]
