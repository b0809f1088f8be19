"""Instructor grading: submitted notebooks, hidden tests restored from solutions/, scored by nbgrader.

Each call builds a private nbgrader course in a temporary folder: the assignment's source is copied from
solutions/, ``generate_assignment`` records every cell (hidden tests included) in a throwaway gradebook,
and ``autograde`` restores locked cells from it, runs the notebook and saves the scores. Points are read
back from that gradebook; statuses and hints come from :mod:`autograder.grading.verdict`.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

from autograder.errors import UserError
from autograder.course.layout import Course
from autograder.course.config import CELL_TIMEOUT, NOTEBOOK_TIMEOUT, course_config
from autograder.course.notebooks import NotebookError, autograder_metadata, read_notebook, write_notebook
from autograder.course.students import clean_student_id
from autograder.hardened import jail as sandbox
from autograder.hardened import kernel_template
from autograder.hardened.resources import KernelResources
from autograder.execution.resilient import TIMED_OUT
from autograder.grading import scratch_gradebook
from autograder.grading.seed import SEED_FAILED, SEED_READY
from autograder.grading.verdict import (NotebookResult, QuestionResult, notebook_failure, question_results,
                                       strip_warnings)


class GradingError(UserError):
    """A problem with the grading request itself (not with one submission)."""


@dataclass
class Submission:
    path: Path
    student: str
    assignment: str | None = None
    notebook: str | None = None
    problem: str | None = None


def repair_structure(nb, known: set[str] | None = None):
    """Undo structure damage that would make nbgrader give up on the whole notebook (nbgrader #1083, #1682).

    A copied test cell is dropped (the original is restored from the gradebook anyway); a copied answer
    cell keeps its code but loses its grading metadata, so it still runs; nbgrader metadata without a
    grade_id, or with one the source does not have (``known``: a cell pasted from another assignment, a
    made-up "bonus" test), is removed; cell ids are made unique. Nothing here can raise a score: points and tests always
    come from the source recorded in the gradebook.
    """
    seen: set[str] = set()
    cells = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict):
            gid = meta.get("grade_id")
            if not gid or (known is not None and gid not in known):
                cell.metadata.pop("nbgrader")
            elif gid in seen:
                if meta.get("grade") and not meta.get("solution"):
                    continue  # a duplicate test cell
                cell.metadata.pop("nbgrader")  # a duplicate answer cell: keep the code, not the grading role
            else:
                seen.add(gid)
        cells.append(cell)
    nb.cells = cells
    ids: set[str] = set()
    for i, cell in enumerate(nb.cells):
        if cell.get("id") in ids or not cell.get("id"):
            cell["id"] = f"repaired-{i}"
        ids.add(cell["id"])
    return nb


def infer_assignment(nb, path: Path, course: Course) -> str | None:
    """The assignment a notebook belongs to: its metadata, else a chapter slug in its file name."""
    meta = autograder_metadata(nb)
    known = course.assignments()
    if meta.get("assignment") in known:
        return str(meta["assignment"])
    matches = [a for a in known if a in path.name]
    if len(matches) == 1:
        return matches[0]
    return None


def _student_id(path: Path, taken: set[str]) -> str:
    base = clean_student_id(path.stem)[:60]
    sid, n = base, 1
    while sid in taken:
        n += 1
        sid = f"{base}-{n}"
    taken.add(sid)
    return sid


@contextmanager
def _workspace(keep: Path | None = None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    tmp = Path(tempfile.mkdtemp(prefix="autograder-"))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class Grader:
    """A private nbgrader course for one grading run."""

    def __init__(self, course: Course, workspace: Path, *, timeout: int = CELL_TIMEOUT, db_url: str | None = None,
                 hardened: bool = True, notebook_timeout: int = NOTEBOOK_TIMEOUT, resources: dict | None = None):
        self.course = course
        self.root = workspace
        self.protections = sandbox.probe() if hardened else sandbox.plain_protections()
        if hardened and self.protections.jail:  # its imports run while nbgrader sets up (kernel_template)
            kernel_template.prestart(KernelResources.of(resources))
        config = course_config(workspace, db_url=db_url, hardened=hardened, jail=self.protections.jail)
        config.Execute.timeout = timeout
        config.ResilientExecute.notebook_timeout = notebook_timeout
        limits = KernelResources.of(resources)  # the student's kernel with all its children
        config.HardenedExecute.kernel_resources = limits.to_json()
        config.ResilientExecute.max_notebook_output_bytes = limits.notebook_output_kb * 1024
        Path(config.Exchange.root).mkdir(parents=True, exist_ok=True)  # nbgrader logs a critical error otherwise
        self.coursedir = CourseDirectory(config=config)
        self.api = NbGraderAPI(coursedir=self.coursedir, config=config)
        self.db_url = self.coursedir.db_url
        if db_url is None:  # the run's own gradebook in its workspace, deleted with it: no fsync (scratch_gradebook)
            scratch_gradebook.register(self.db_url)
        self._prepared: dict[str, list[str]] = {}
        self._sources: dict[tuple[str, str], tuple[frozenset[str], tuple[tuple[str, float], ...]]] = {}

    def prepare(self, assignment: str) -> list[str]:
        """Copy the assignment's source and record it in the gradebook; returns its notebook ids."""
        if assignment in self._prepared:
            return self._prepared[assignment]
        src = self.course.solutions / assignment
        if not src.is_dir():
            raise GradingError(f"there is no assignment '{assignment}' in {self.course.solutions}.")
        dest = self.root / "solutions" / assignment
        shutil.copytree(src, dest, dirs_exist_ok=True)
        result = self.api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise GradingError(f"nbgrader could not prepare assignment '{assignment}':\n{result.get('log', '')}")
        ids = sorted(p.stem for p in src.glob("*.ipynb"))
        self._prepared[assignment] = ids
        return ids

    def adopt(self, seed: Path) -> list[str]:
        """Take the assignments that :func:`autograder.grading.seed.prepare_seed` recorded in ``seed`` instead of
        recording them again (nbgrader's ``generate_assignment``, 0.1-0.3 s per assignment, once per worker):
        its gradebook file and folders are copied into this workspace. Only a finished seed, and only while this
        workspace's own gradebook file does not exist yet; returns the assignments taken ([]: record them as
        before)."""
        own = self.root / "gradebook.db"
        if not (seed / SEED_READY).exists() or self.db_url != f"sqlite:///{own}" or own.exists():
            return []
        partial = own.with_name(".gradebook.db.part")
        try:  # the folders first, the gradebook last and whole: without it, prepare() records as before
            shutil.copytree(seed, self.root, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(SEED_READY, SEED_FAILED, ".exchange", "gradebook.db"))
            shutil.copyfile(seed / "gradebook.db", partial)
            partial.rename(own)
            taken = {f.name: sorted(p.stem for p in f.glob("*.ipynb")) for f in (seed / "solutions").iterdir()}
        except OSError:  # a full disk, say: prepare() records each assignment itself, overwriting the copies
            partial.unlink(missing_ok=True)
            own.unlink(missing_ok=True)
            return []
        self._prepared.update(taken)
        return sorted(taken)

    def grade_ids(self, assignment: str, notebook: str) -> set[str]:
        """Every grade_id of the source notebook (answer, test and locked cells)."""
        return set(self._source(assignment, notebook)[0])

    def max_points(self, assignment: str, notebook: str) -> list[tuple[str, float]]:
        """Each test cell's grade_id and points, in the source's order."""
        return list(self._source(assignment, notebook)[1])

    def _source(self, assignment: str, notebook: str) -> tuple[frozenset[str], tuple[tuple[str, float], ...]]:
        """The source notebook's grade_ids and test points, read from the gradebook once per run (the source
        is recorded once, by :meth:`prepare`; every submission asked for them twice)."""
        key = (assignment, notebook)
        if key not in self._sources:
            with Gradebook(self.db_url) as gb:
                nb = gb.find_notebook(notebook, assignment)
                ids = frozenset({c.name for c in nb.source_cells} | {c.name for c in nb.grade_cells}
                                | {c.name for c in nb.solution_cells})
                solutions = {s.name for s in nb.solution_cells}
                cells = [c for c in nb.grade_cells if c.cell_type == "code" and c.name not in solutions]
                order = {c.name: i for i, c in enumerate(nb.source_cells)}
                points = tuple((c.name, float(c.max_score))
                               for c in sorted(cells, key=lambda c: order.get(c.name, 0)))
            self._sources[key] = (ids, points)
        return self._sources[key]

    def grade(self, sub: Submission) -> NotebookResult:
        result = NotebookResult(notebook=str(sub.path), assignment=sub.assignment,
                                protections=self.protections.summary)
        if sub.problem:
            result.error = sub.problem
            if sub.assignment and sub.notebook and sub.assignment in self._prepared:
                result.questions = [QuestionResult(gid, 0.0, mx, "error", sub.problem)
                                    for gid, mx in self.max_points(sub.assignment, sub.notebook)]
            return result
        assert sub.assignment and sub.notebook
        expected = self.max_points(sub.assignment, sub.notebook)
        submitted_dir = self.root / "submitted" / sub.student / sub.assignment
        submitted_dir.mkdir(parents=True, exist_ok=True)
        nb = repair_structure(read_notebook(sub.path), known=self.grade_ids(sub.assignment, sub.notebook))
        write_notebook(nb, submitted_dir / f"{sub.notebook}.ipynb")
        outcome = self.api.autograde(sub.assignment, sub.student, force=True, create=True)
        graded_path = self.autograded_path(sub)
        if not outcome["success"] or not graded_path.exists():
            status, message = notebook_failure(outcome.get("log", "") + outcome.get("error", ""))
            result.error = message
            result.questions = [QuestionResult(gid, 0.0, mx, status, message) for gid, mx in expected]
            return result
        graded = read_notebook(graded_path)
        strip_warnings(graded)
        points = self._points(sub)
        by_id = {q.grade_id: q for q in question_results(graded, points_by_id=points)}
        for gid, mx in expected:
            q = by_id.get(gid)
            if q is None:
                q = QuestionResult(gid, 0.0, mx, "missing", "this test cell could not be found or restored.")
            q.points = float(points.get(gid, 0.0))
            q.max_points = mx
            result.questions.append(q)
        return result

    def grade_safely(self, sub: Submission) -> NotebookResult:
        """Prepare the assignment if needed and grade; never raises for a bad submission."""
        if sub.assignment in self.course.assignments():
            try:
                self.prepare(sub.assignment)
            except GradingError as exc:
                sub.problem = str(exc)
        try:
            return self.grade(sub)
        except (NotebookError, MissingEntry) as exc:
            return NotebookResult(notebook=str(sub.path), assignment=sub.assignment, error=str(exc),
                                  protections=self.protections.summary)

    def autograded_path(self, sub: Submission) -> Path:
        return self.root / "autograded" / sub.student / str(sub.assignment) / f"{sub.notebook}.ipynb"

    def _points(self, sub: Submission) -> dict[str, float]:
        with Gradebook(self.db_url) as gb:
            snb = gb.find_submission_notebook(sub.notebook, sub.assignment, sub.student)
            return {g.name: float(g.score or 0.0) for g in snb.grades}


def identify(path: Path, student: str, course: Course, assignment: str | None = None) -> Submission:
    """Decide a submission's assignment and notebook, or why it cannot be graded."""
    sub = Submission(path=path, student=student)
    try:
        nb = read_notebook(path)
    except NotebookError as exc:
        sub.problem = str(exc)
        # still say which assignment it was meant for, so the result carries its questions and max score
        guess = assignment or infer_assignment(None, path, course)
        names = [p.stem for p in course.source_notebooks(guess)] if guess in course.assignments() else []
        if len(names) == 1:
            sub.assignment, sub.notebook = guess, names[0]
        return sub
    sub.assignment = assignment or infer_assignment(nb, path, course)
    claimed = autograder_metadata(nb).get("assignment")
    if assignment in course.assignments() and claimed in course.assignments() and claimed != assignment:
        sub.problem = (f"{path.name} is the notebook of assignment '{claimed}', not '{assignment}': "
                       "it was handed in under the wrong assignment.")
        names = [p.stem for p in course.source_notebooks(assignment)]
        if len(names) == 1:
            sub.notebook = names[0]
        return sub
    if sub.assignment is None:
        sub.problem = (f"{path}: cannot tell which assignment this notebook belongs to; "
                       f"pass --assignment (one of: {', '.join(course.assignments())}).")
    elif sub.assignment not in course.assignments():
        sub.problem = f"there is no assignment '{sub.assignment}' (known: {', '.join(course.assignments())})."
    else:
        names = [p.stem for p in course.source_notebooks(sub.assignment)]
        meta_nb = autograder_metadata(nb).get("notebook")
        by_name = [n for n in names if n in path.name]
        if meta_nb in names:
            sub.notebook = meta_nb
        elif len(by_name) == 1:
            sub.notebook = by_name[0]
        elif len(names) == 1:
            sub.notebook = names[0]
        else:
            sub.problem = f"{path}: cannot tell which notebook of '{sub.assignment}' this is."
    return sub


def plan(paths: Sequence[str | Path], course: Course, assignment: str | None = None) -> list[Submission]:
    """Each path with a student id of its own (from its file name), identified."""
    taken: set[str] = set()
    return [identify(Path(p), _student_id(Path(p), taken), course, assignment) for p in paths]


def grade_notebooks(paths: Sequence[str | Path], course: Course, *, assignment: str | None = None,
                    timeout: int = CELL_TIMEOUT, keep_workspace: Path | None = None,
                    hardened: bool = True, notebook_timeout: int = NOTEBOOK_TIMEOUT) -> list[NotebookResult]:
    """Grade submitted notebooks with the hidden tests restored; one bad notebook never stops the rest."""
    subs = plan(paths, course, assignment)
    with _workspace(keep_workspace) as ws, quiet_nbgrader():
        grader = Grader(course, ws, timeout=timeout, hardened=hardened, notebook_timeout=notebook_timeout)
        try:
            return [grader.grade_safely(sub) for sub in subs]
        finally:
            scratch_gradebook.forget(grader.db_url)


@contextmanager
def quiet_nbgrader() -> Iterator[None]:
    """nbgrader 0.9's gradebook triggers SQLAlchemy autoflush warnings that say nothing to a grader."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"nbgrader\..*")
        yield
