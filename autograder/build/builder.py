"""Building the notebooks from their text sources, and the student exercises from the solutions.

* Text first: each notebook has a jupytext ``py:percent`` twin (``course/01-vectors.py``,
  ``solutions/01-vectors/01-vectors-exercises.py``); reviews read the text, and the .ipynb is rebuilt from
  it with deterministic cell ids. Lecture outputs are kept (or produced with ``execute=True``);
  solution notebooks carry none.
* exercises/ comes from nbgrader's ``generate_assignment`` run on solutions/, then is tidied: no jupytext
  pairing (students get plain notebooks) and a small ``autograder`` metadata block naming the assignment.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
from jupytext.combine import combine_inputs_with_outputs
from nbformat import NotebookNode

from autograder.errors import UserError
from autograder.execution.run import run_notebook
from autograder.course.layout import Course
from autograder.build.navigation import START_PAGE, add_exercise_navigation, add_lecture_navigation, start_page, strip_navigation
from autograder.course.config import course_config
from autograder.course.kinds import question_kinds
from autograder.course.notebooks import assign_cell_ids, clear_outputs, notebook_text, read_notebook, write_notebook


@dataclass
class Drift:
    """Files whose committed content differs from what the build produces."""

    files: dict[str, str] = field(default_factory=dict)  # path -> short diff

    def __bool__(self) -> bool:
        return bool(self.files)

    def report(self) -> str:
        return "\n".join(f"--- {path} is out of date:\n{diff}" for path, diff in self.files.items())


def text_sources(course: Course, only: str | None = None) -> list[Path]:
    """Every jupytext twin: lectures and assignment sources (``only``: one chapter's)."""
    sources = sorted(course.lectures.glob(f"{only or '[0-9][0-9]-*'}.py"))
    for assignment in course.assignments():
        if only in (None, assignment):
            sources.extend(sorted((course.solutions / assignment).glob("*.py")))
    return sources


def notebook_from_text(source: Path, previous: NotebookNode | None, *, keep_outputs: bool,
                       course: Course | None = None) -> NotebookNode:
    nb = strip_navigation(jupytext.read(source))
    if keep_outputs and previous is not None:
        nb = combine_inputs_with_outputs(nb, strip_navigation(previous), fmt="py:percent")
    if keep_outputs and course is not None:  # a lecture: links to its neighbours, start page, exercises
        add_lecture_navigation(nb, course, source.stem)
    # Not paired: the .py is the source and `build` writes the .ipynb. A jupytext pairing would make
    # JupyterLab refuse the notebook ("... is more recent than ...") or read its inputs from the .py,
    # dropping the generated navigation cells, depending on the files' timestamps after a clone.
    nb.metadata.pop("jupytext", None)
    if not keep_outputs:
        clear_outputs(nb)
    for cell in nb.cells:
        cell.metadata.pop("lines_to_next_cell", None)
        cell.metadata.pop("execution", None)  # run timestamps would change every build
    return assign_cell_ids(nb)


def _diff(old: str, new: str) -> str:
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "committed", "built", lineterm="", n=1))
    return "\n".join(lines[:40]) + ("\n..." if len(lines) > 40 else "")


def _inputs_only(text: str) -> str:
    import nbformat
    nb = nbformat.reads(text, as_version=4)
    nb.metadata.pop("jupytext", None)  # pairing metadata is not an input: no reason to re-run a lecture
    return notebook_text(clear_outputs(nb))


def sync_notebooks(course: Course, *, check: bool = False, execute: bool = False,
                   only: str | None = None) -> Drift:
    """Rebuild every .ipynb from its text twin (or, with ``check``, report the ones that differ)."""
    drift = Drift()
    check_question_kinds(course, only)  # before anything is written or run
    for source in text_sources(course, only):
        target = source.with_suffix(".ipynb")
        is_lecture = source.parent == course.lectures
        previous = read_notebook(target) if target.exists() else None
        nb = notebook_from_text(source, previous, keep_outputs=is_lecture, course=course)
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        inputs_changed = not old or _inputs_only(old) != _inputs_only(notebook_text(nb))
        if is_lecture and not check and (execute or inputs_changed or not _has_outputs(nb)):
            # outputs must come from the current inputs: run the lecture top to bottom
            run_notebook(clear_outputs(nb), course.lectures, mode="lecture")
            problems = lecture_problems(nb)
            if problems:
                raise BuildError(f"{source.relative_to(course.root)} does not run cleanly:\n  " + "\n  ".join(problems))
        new = notebook_text(nb)
        if check:
            a, b = (_inputs_only(old) if old else "", _inputs_only(new)) if is_lecture else (old, new)
            if a != b:
                drift.files[str(target.relative_to(course.root))] = _diff(a, b)
        elif new != old:
            write_notebook(nb, target)
            drift.files[str(target.relative_to(course.root))] = "rebuilt"
    if only is None:
        _sync_start_page(course, drift, check)
    return drift


def check_question_kinds(course: Course, only: str | None = None) -> None:
    """Refuse (:class:`~autograder.course.kinds.KindError`, naming the file and grade_id) an assignment source
    with an answer cell whose kind is missing or unknown."""
    for source in text_sources(course, only):
        if source.parent != course.lectures:
            question_kinds(jupytext.read(source), source.relative_to(course.root))


def _sync_start_page(course: Course, drift: "Drift", check: bool) -> None:
    target = course.lectures / f"{START_PAGE}.ipynb"
    new = notebook_text(assign_cell_ids(start_page(course)))
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    if new != old:
        key = str(target.relative_to(course.root))
        if check:
            drift.files[key] = _diff(old, new)
        else:
            target.write_text(new, encoding="utf-8")
            drift.files[key] = "rebuilt"


class BuildError(UserError):
    """A notebook cannot be built as it is; the message says which cells and why."""


def lecture_problems(nb: NotebookNode) -> list[str]:
    """Cells of an executed lecture that raised, or wrote to stderr (a warning is noise for students)."""
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {cell.get('id')}: {out.get('ename')}: {out.get('evalue', '')[:200]}")
            elif out.output_type == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {cell.get('id')} writes to stderr: {out.get('text', '')[:200]!r}")
    return problems


def _has_outputs(nb: NotebookNode) -> bool:
    return any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def tidy_release(nb: NotebookNode, assignment: str, notebook: str, course: Course) -> NotebookNode:
    """The student copy: no jupytext pairing, a note of which assignment it is, links back to the lecture,
    deterministic ids."""
    nb.metadata.pop("jupytext", None)
    nb.metadata["autograder"] = {"assignment": assignment, "notebook": notebook}
    clear_outputs(nb)
    add_exercise_navigation(nb, course, assignment)
    return assign_cell_ids(nb)


def generate_exercises(course: Course, assignments: list[str] | None = None, *,
                       dest: Path | None = None) -> dict[str, list[Path]]:
    """Run nbgrader generate_assignment for each assignment into ``dest`` (default: exercises/)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    dest = dest or course.exercises
    produced: dict[str, list[Path]] = {}
    with tempfile.TemporaryDirectory(prefix="autograder-build-") as tmp:
        config = course_config(course.root, db_url=f"sqlite:///{Path(tmp) / 'gradebook.db'}")
        config.CourseDirectory.release_directory = str(Path(tmp) / "release")
        coursedir = CourseDirectory(config=config)
        api = NbGraderAPI(coursedir=coursedir, config=config)
        for assignment in assignments or course.assignments():
            result = api.generate_assignment(assignment, force=True, create=True)
            if not result["success"]:
                raise RuntimeError(f"nbgrader generate_assignment failed for {assignment}:\n"
                                   f"{result.get('error') or result.get('log')}")
            out_dir = dest / assignment
            if out_dir.exists():
                shutil.rmtree(out_dir)
            out_dir.mkdir(parents=True)
            released = Path(tmp) / "release" / assignment
            produced[assignment] = []
            for path in sorted(released.rglob("*")):
                if path.is_dir():
                    continue
                rel = path.relative_to(released)
                target = out_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if path.suffix == ".ipynb":
                    write_notebook(tidy_release(read_notebook(path), assignment, path.stem, course), target)
                else:
                    shutil.copy2(path, target)
                produced[assignment].append(target)
    return produced
