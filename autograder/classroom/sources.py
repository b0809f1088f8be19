"""Finding a class's submissions, and whose each one is: nbgrader's layout, an LMS download, packages.

The student id always comes from the structure the LMS or nbgrader guarantees, never from a name the
student chose inside it (the rule for what an id may be is :mod:`autograder.course.students`):

* nbgrader: ``submitted/<student>/<assignment>/<notebook>.ipynb`` (the folder given may be the course root
  or its ``submitted/``): the ``<student>`` folder;
* an LMS download with a folder per student (Moodle: ``<full name>_<id>_assignsubmission_file/``): that
  folder, whatever the files inside are called;
* a flat LMS download (like nbgrader's zip_collect): ``<student>_<anything>.ipynb``, the part of the file
  name before the first ``_`` (the LMS writes it); a package file ``<student>-submission.zip`` likewise.

The assignment comes from the notebook's metadata or a chapter slug in the file name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import UserError
from autograder.classroom.archive import ArchiveError, Bounds, extract_all
from autograder.course.layout import Course
from autograder.course.students import clean_student_id

MOODLE_FOLDER = re.compile(r"^(?P<student>.+?)_assign(?:submission|feedback)_[A-Za-z0-9]+$")


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
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 16):
                h.update(chunk)
    except OSError:
        h.update(b"<unreadable>")
    return h.hexdigest()


def unpack_zip(archive: Path, dest: Path, bounds: Bounds = Bounds()) -> tuple[Path, list[str]]:
    """Extract an LMS zip within ``bounds`` into ``dest``; returns ``dest`` and one sentence per member left out."""
    dest.mkdir(parents=True, exist_ok=True)
    try:
        notes = list(extract_all(archive, dest, bounds))
    except ArchiveError as exc:
        raise SubmissionsError(str(exc)) from None
    return dest, notes


def _is_wrapper(folder: Path) -> bool:
    """A folder that only wraps a flat download: files only, at least two students' prefixes."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if any(p.is_dir() for p in entries) or not all("_" in p.name for p in entries):
        return False
    return len({p.name.split("_", 1)[0] for p in entries}) >= 2


def submissions_root(source: Path) -> Path:
    """Where the submissions start: nbgrader's ``submitted/``, or inside one folder that wraps a flat download."""
    if not source.is_dir():
        return source
    if (source / "submitted").is_dir():
        return source / "submitted"
    entries = [p for p in source.iterdir() if not p.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir():
        if (entries[0] / "submitted").is_dir():
            return entries[0] / "submitted"
        if _is_wrapper(entries[0]):
            return entries[0]
    return source


def uploader(path: Path, root: Path) -> str:
    """Whose upload ``path`` is, from its place under ``root`` (see the module's rules)."""
    parts = path.relative_to(root).parts
    if len(parts) > 1:  # a folder per student (nbgrader or an LMS)
        m = MOODLE_FOLDER.match(parts[0])
        return clean_student_id(m.group("student") if m else parts[0])
    name = path.name.split("_", 1)[0] if "_" in path.name else path.stem
    return clean_student_id(re.sub(r"-submission$", "", name))


def discover(source: Path, course: Course) -> list[Found]:
    """Every submitted notebook under ``source`` (a folder), with its student id."""
    if not source.exists():
        raise SubmissionsError(f"{source}: no such folder or archive.")
    if not source.is_dir():
        raise SubmissionsError(f"{source}: expected a folder of submissions (or a .zip).")
    root = submissions_root(source)
    known = set(course.assignments())
    found: list[Found] = []
    for path in sorted(root.rglob("*.ipynb")):
        rel = path.relative_to(root).parts
        if ".ipynb_checkpoints" in rel or any(p.startswith(".") for p in rel) or not path.is_file():
            continue
        nbgrader_style = len(rel) == 3 and rel[1] in known
        found.append(Found(path, uploader(path, root), rel[1] if nbgrader_style else None))
    return found
