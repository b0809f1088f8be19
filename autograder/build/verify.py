"""Is exercises/ what nbgrader generates from solutions/, and does it leak nothing?"""

from __future__ import annotations

import re
from pathlib import Path

from autograder.course.layout import Course
from autograder.course.notebooks import read_notebook

SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME")


def compare_release(course: Course, fresh: Path, produced: dict[str, list[Path]]) -> dict[str, str]:
    """Differences between a fresh generation in ``fresh`` and the committed exercises/."""
    drift: dict[str, str] = {}
    for assignment in produced:
        new_dir, old_dir = fresh / assignment, course.exercises / assignment
        new_files = {p.relative_to(new_dir) for p in new_dir.rglob("*") if p.is_file()}
        old_files = {p.relative_to(old_dir) for p in old_dir.rglob("*") if p.is_file()} if old_dir.exists() else set()
        for rel in sorted(new_files | old_files):
            key = f"exercises/{assignment}/{rel}"
            if rel not in old_files:
                drift[key] = "missing from exercises/ (not generated yet)"
            elif rel not in new_files:
                drift[key] = "in exercises/ but not generated from solutions/ (stale or hand-made)"
            elif (new_dir / rel).read_bytes() != (old_dir / rel).read_bytes():
                drift[key] = "differs from a fresh generation (edited by hand, or solutions/ changed)"
    stale = {p.name for p in course.exercises.iterdir() if p.is_dir()} - set(produced) if course.exercises.exists() else set()
    for name in sorted(stale):
        drift[f"exercises/{name}"] = "an exercise folder with no assignment in solutions/"
    return drift


def _solution_lines(course: Course, assignment: str, *, solutions: bool = True, hidden: bool = True) -> set[str]:
    """Distinctive lines of reference solutions and hidden tests: not blank, not trivial, and not also
    written outside those blocks (an import shared by a visible and a hidden test is no secret, nor is a
    line of given code that the solution repeats, even when the given copy carries a comment)."""
    secret: set[str] = set()
    public: set[str] = set()
    for nb_path in course.source_notebooks(assignment):
        for cell in read_notebook(nb_path).cells:
            blocks = (SOLUTION_BLOCK.findall(cell.source) if solutions else []) + \
                (HIDDEN_BLOCK.findall(cell.source) if hidden else [])
            for block in blocks:
                secret.update(ln.strip() for ln in block.splitlines())
            outside = HIDDEN_BLOCK.sub("", SOLUTION_BLOCK.sub("", cell.source))
            public.update(ln.strip() for ln in outside.splitlines())
    given = "\n".join(public)
    return {ln for ln in secret - public if len(ln) >= 12 and not ln.startswith("#") and ln not in given}


def find_leaks(course: Course) -> list[str]:
    """Everything in exercises/ that gives away a solution or a hidden test."""
    problems: list[str] = []
    for assignment in course.assignments():
        secret = _solution_lines(course, assignment)
        folder = course.exercises / assignment
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            rel = path.relative_to(course.root)
            if path.suffix != ".ipynb":
                problems.append(f"{rel}: a non-notebook file was released (nbgrader copies every file of the "
                                "assignment folder; add it to CourseDirectory.ignore if it is not for students)")
                continue
            nb = read_notebook(path)
            for cell in nb.cells:
                for marker in MARKERS:
                    if marker in cell.source:
                        problems.append(f"{rel}: cell {cell.get('id')} still contains '{marker}'")
                for line in cell.source.splitlines():
                    if line.strip() in secret:
                        problems.append(f"{rel}: cell {cell.get('id')} contains a solution/hidden-test line: "
                                        f"{line.strip()[:60]!r}")
                if cell.cell_type == "code" and cell.get("outputs"):
                    problems.append(f"{rel}: cell {cell.get('id')} has outputs")
    return problems
