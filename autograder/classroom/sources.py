"""Finding a class's submissions: nbgrader's layout, a flat LMS download folder, or a zip of either.

* nbgrader: ``submitted/<student>/<assignment>/<notebook>.ipynb`` (the folder given may be the course root
  or its ``submitted/``);
* flat (an LMS download, like nbgrader's zip_collect): ``<student>_<anything>.ipynb``; the assignment
  comes from the notebook's metadata or a chapter slug in the file name.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import UserError
from autograder.course.layout import Course

STUDENT_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9.@-]*)_")


class SubmissionsError(UserError):
    """The submissions folder or archive cannot be used; the message is a sentence for the user."""


@dataclass(frozen=True)
class Found:
    path: Path
    student: str
    assignment: str | None  # None: to be inferred from the notebook


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        h.update(path.read_bytes())
    except OSError:
        h.update(b"<unreadable>")
    return h.hexdigest()


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "-", text).strip("-")[:80] or "unknown"


def unpack_zip(archive: Path, dest: Path) -> Path:
    """Extract an LMS zip safely (no absolute paths, no '..', no links) into ``dest``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                name = Path(info.filename)
                if info.is_dir() or name.is_absolute() or ".." in name.parts:
                    continue
                if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symlink
                    continue
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
    except zipfile.BadZipFile:
        raise SubmissionsError(f"{archive}: not a valid zip archive.") from None
    return dest


def discover(source: Path, course: Course) -> list[Found]:
    """Every submitted notebook under ``source`` (a folder), with its student id."""
    if not source.exists():
        raise SubmissionsError(f"{source}: no such folder or archive.")
    if not source.is_dir():
        raise SubmissionsError(f"{source}: expected a folder of submissions (or a .zip).")
    root = source / "submitted" if (source / "submitted").is_dir() else source
    known = set(course.assignments())
    found: list[Found] = []
    nbgrader_style = [p for p in sorted(root.glob("*/*/*.ipynb")) if p.parent.name in known]
    for path in nbgrader_style:
        found.append(Found(path, _safe_id(path.parent.parent.name), path.parent.name))
    seen = {f.path for f in found}
    for path in sorted(root.rglob("*.ipynb")):
        if path in seen or ".ipynb_checkpoints" in path.parts or path.name.startswith("."):
            continue
        m = STUDENT_RE.match(path.name)
        student = m.group(1) if m else path.stem
        found.append(Found(path, _safe_id(student), None))
    return found
