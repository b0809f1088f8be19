"""Where things live in the course repository: one place for every path convention."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import UserError

CHAPTER_RE = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
COURSE_ID = "linalg-ml-course"


class CourseNotFound(UserError):
    """Raised when no course repository can be located."""


@dataclass(frozen=True)
class Course:
    """The course repository: lectures, nbgrader source (solutions) and release (exercises)."""

    root: Path

    @property
    def lectures(self) -> Path:
        return self.root / "course"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    def assignments(self) -> list[str]:
        """Assignment ids (= chapter slugs) in reading order."""
        if not self.solutions.is_dir():
            return []
        return sorted(p.name for p in self.solutions.iterdir() if p.is_dir() and CHAPTER_RE.match(p.name))

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.solutions / assignment).glob("*.ipynb"))

    def release_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.exercises / assignment).glob("*.ipynb"))

    def lecture_notebooks(self) -> list[Path]:
        return sorted(self.lectures.glob("[0-9][0-9]-*.ipynb"))


def _looks_like_course(path: Path) -> bool:
    return (path / "nbgrader_config.py").is_file() and (path / "solutions").is_dir()


def find_course(start: str | os.PathLike | None = None) -> Course:
    """Locate the course: explicit path, $LINALG_COURSE_ROOT, the cwd or a parent, then this package's repo."""
    if start is not None:
        if _looks_like_course(Path(start)):
            return Course(Path(start).resolve())
        raise CourseNotFound(f"{start} is not a course repository (no nbgrader_config.py and solutions/ there).")
    candidates: list[Path] = []
    env = os.environ.get("LINALG_COURSE_ROOT")
    if env:
        candidates.append(Path(env))
    cwd = Path.cwd().resolve()
    candidates.extend([cwd, *cwd.parents])
    candidates.append(Path(__file__).resolve().parents[2])  # autograder/course/layout.py -> the repository
    for candidate in candidates:
        if _looks_like_course(candidate):
            return Course(candidate.resolve())
    raise CourseNotFound(
        "Could not find the course repository (a folder with nbgrader_config.py and solutions/). "
        "Run this from inside the repository or pass --course-root."
    )


class DatabaseURLError(UserError):
    """A gradebook URL that SQLAlchemy cannot read."""


def absolute_db_url(url: str) -> str:
    """``url`` with a relative SQLite file resolved against the current folder, now.

    nbgrader opens the gradebook from other working directories than the user's, so
    ``sqlite:///graded/gradebook.db`` must become absolute before anything changes directory.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseURLError(f"'{url}' is not a database URL: use sqlite:///path/to/gradebook.db or "
                               "postgresql+psycopg2://user@host/dbname.") from None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:") or os.path.isabs(database):
        return url
    return parsed.set(database=os.path.abspath(database)).render_as_string(hide_password=False)
