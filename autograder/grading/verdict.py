"""Per-question results from an executed notebook, shared by the self-check and by grading.

Points follow nbgrader's own rule (``nbgrader.utils.determine_grade``: an error or stderr output scores
0, a float result is partial credit, anything else full marks). On top of the points, each test cell gets
a status and one helpful sentence, built from the error *name and message* only: tracebacks, which would
show the hidden test code, are never copied into a result.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Iterable

from nbformat import NotebookNode
from nbgrader import utils as nbutils

from autograder.course.config import WARNING_PATTERN
from autograder.execution.resilient import TIMED_OUT
from autograder.grading.hints import student_error_message

STATUSES = ("passed", "failed", "error", "timeout", "missing", "tampered")
# Only in the student self-check: a test cell whose tests are all hidden until grading.
HIDDEN = "hidden"
# How feedback pages and the in-notebook self-check show a status.
STATUS_ICON = {"passed": "✅", "failed": "❌", "error": "⚠️", "timeout": "⏱️", "missing": "✏️", "tampered": "🚫",
               HIDDEN: "🔒"}
# ... and how a terminal shows it (python -m autograder grade / check).
STATUS_WORD = {"passed": "PASS", "failed": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "missing": "TODO",
               "tampered": "TAMPERED", HIDDEN: "HIDDEN"}

TIMEOUT_ENAMES = {TIMED_OUT, "TimeoutError", "CellTimeout"}
# Errors whose message is the grader's own sentence (a dead kernel, an answer that is not data), shown as is.
GRADER_ENAMES = {"KernelDied", "PlainDataError", "SympifyError"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MAX_MESSAGE = 600  # long enough for a diagnosis plus its hint


@dataclass
class QuestionResult:
    grade_id: str
    points: float
    max_points: float
    status: str
    message: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class NotebookResult:
    notebook: str
    assignment: str | None
    questions: list[QuestionResult] = field(default_factory=list)
    error: str | None = None
    protections: str | None = None  # what hardened grading had on (and off) for this notebook

    @property
    def score(self) -> float:
        return float(sum(q.points for q in self.questions))

    @property
    def max_score(self) -> float:
        return float(sum(q.max_points for q in self.questions))

    def to_json(self) -> dict:
        out = {
            "notebook": self.notebook,
            "assignment": self.assignment,
            "score": _tidy(self.score),
            "max_score": _tidy(self.max_score),
            "questions": [q.to_json() for q in self.questions],
        }
        if self.error:
            out["error"] = self.error
        if self.protections:
            out["protections"] = self.protections
        return out


def _tidy(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 4)


def is_test_cell(cell: NotebookNode) -> bool:
    return nbutils.is_grade(cell) and not nbutils.is_solution(cell) and cell.cell_type == "code"


def test_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if is_test_cell(c)]


def strip_warnings(nb: NotebookNode) -> None:
    """Drop stderr chunks that are Python warnings, exactly as nbgrader's IgnorePattern does."""
    pattern = re.compile(WARNING_PATTERN)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [o for o in cell.get("outputs", [])
                        if not (o.output_type == "stream" and o.get("name") == "stderr"
                                and pattern.search(o.get("text", "")))]


def answer_groups(nb: NotebookNode) -> dict[str, list[NotebookNode]]:
    """For each test cell, the answer (solution) cells it grades: the latest run of solution cells before it."""
    groups: dict[str, list[NotebookNode]] = {}
    current: list[NotebookNode] = []
    last_was_test = False
    for cell in nb.cells:
        if nbutils.is_solution(cell):
            if last_was_test:
                current = []
                last_was_test = False
            current.append(cell)
        elif is_test_cell(cell):
            groups[cell.metadata.nbgrader["grade_id"]] = current
            last_was_test = True
    return groups


def _errors(cell: NotebookNode) -> list[NotebookNode]:
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]


def _stderr(cell: NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.output_type == "stream" and o.get("name") == "stderr")


def _one_line(text: str) -> str:
    text = _ANSI.sub("", str(text)).strip()
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def is_untouched(cell: NotebookNode) -> bool:
    """A solution cell the student never changed (nbgrader's checksum still matches)."""
    meta = cell.metadata.get("nbgrader", {})
    return "checksum" in meta and meta["checksum"] == nbutils.compute_checksum(cell)


def is_tampered(cell: NotebookNode) -> bool:
    """A locked test cell whose source no longer matches the checksum written at release."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("locked")) and "checksum" in meta and meta["checksum"] != nbutils.compute_checksum(cell)


def is_hidden_only(cell: NotebookNode) -> bool:
    """A released test cell with nothing left to run: its tests were all hidden."""
    code = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return not code


def classify(cell: NotebookNode, answers: Iterable[NotebookNode], points: float, max_points: float) -> tuple[str, str]:
    """Status and message for one executed test cell, given the points nbgrader gave it."""
    answers = list(answers)
    errs = _errors(cell)
    answer_errs = [e for a in answers for e in _errors(a)]
    enames = {e.get("ename", "") for e in errs + answer_errs}
    where = ", ".join(a.metadata.nbgrader.get("grade_id", "?") for a in answers) or "the answer cell"
    if points >= max_points and not errs:
        return "passed", ""
    if enames & TIMEOUT_ENAMES:
        if any("total time limit" in str(e.get("evalue", "")) for e in errs + answer_errs):
            return "timeout", ("the notebook ran past its total time limit before this question, so it was not "
                               "run: look for cells that are much slower than needed.")
        return "timeout", (f"the code ran longer than the time limit and was stopped (in {where}): "
                           "look for an endless loop or a much slower method than needed.")
    if answers and all(is_untouched(a) for a in answers):
        return "missing", f"not answered yet: replace the `raise NotImplementedError()` in {where} with your code."
    if "NotImplementedError" in enames:
        return "missing", (f"not answered yet: {where} still raises NotImplementedError; "
                           "replace that line with your code.")
    if errs:
        err = errs[-1]
        ename, evalue = err.get("ename", "Error"), _one_line(err.get("evalue", ""))
        if ename == "AssertionError":
            return "failed", evalue or "a test assertion failed."
        if answer_errs and ename == "NameError":
            first = answer_errs[0]
            return "error", _one_line(f"your answer cell failed with {first.get('ename')}: {first.get('evalue', '')}")
        if ename in GRADER_ENAMES or evalue.startswith("the grader"):  # already a sentence of the grader's
            return "error", _one_line(f"{ename}: {evalue}" if evalue else ename)
        return "error", _one_line(student_error_message(ename, evalue))
    if points > 0:
        return "failed", f"partial credit: {points:g} of {max_points:g} points."
    stderr = _stderr(cell)
    if stderr:
        return "failed", _one_line(f"the test printed to stderr, which scores 0: {stderr}")
    return "failed", "no points were awarded for this test."


def score_cell(cell: NotebookNode) -> tuple[float, float]:
    """nbgrader's points for an executed test cell."""
    points, max_points = nbutils.determine_grade(cell)
    return float(points or 0.0), float(max_points)


def question_results(nb: NotebookNode, points_by_id: dict[str, float] | None = None,
                     hidden_ids: set[str] | None = None,
                     tampered_ids: set[str] | None = None,
                     not_run: str | None = None) -> list[QuestionResult]:
    """One result per test cell of an executed notebook.

    ``points_by_id`` overrides the points (grading reads them from nbgrader's gradebook);
    ``hidden_ids`` marks test cells the self-check cannot run; ``tampered_ids`` test cells the student
    edited (the self-check runs them as edited, so their result cannot be trusted). With ``not_run`` (the
    run stopped early), test cells that never executed score 0 with that message instead of counting as
    silent passes.
    """
    groups = answer_groups(nb)
    out = []
    for cell in test_cells(nb):
        gid = cell.metadata.nbgrader["grade_id"]
        points, max_points = score_cell(cell)
        if points_by_id is not None and gid in points_by_id:
            points = points_by_id[gid]
        if hidden_ids and gid in hidden_ids:
            out.append(QuestionResult(gid, 0.0, max_points, HIDDEN,
                                      "hidden tests: they run when your notebook is graded."))
            continue
        if not_run and cell.get("execution_count") is None:
            out.append(QuestionResult(gid, 0.0, max_points, "error", not_run))
            continue
        if tampered_ids and gid in tampered_ids:
            out.append(QuestionResult(gid, 0.0, max_points, "tampered",
                                      "this locked test cell was edited; grading runs the original instead. "
                                      "Undo your changes to it (or copy it back from a fresh exercise)."))
            continue
        status, message = classify(cell, groups.get(gid, []), points, max_points)
        out.append(QuestionResult(gid, points, max_points, status, message))
    return out


UNKNOWN_FAILURE = "nbgrader could not grade this notebook; rerun with --keep-workspace for its log."


def notebook_failure(log: str) -> tuple[str, str]:
    """Status and message for a notebook nbgrader could not grade at all, from what its run logged."""
    if "failed to validate" in log or "metadata may be corrupted" in log or "ValidationError" in log:
        return "tampered", ("the notebook's grading metadata was changed or damaged (a test cell's type, id or "
                            "points were edited, or a cell was duplicated), so it could not be graded.")
    if "DeadKernelError" in log or "Kernel died" in log or "UnresponsiveKernelError" in log:
        return "error", ("the Python kernel died while running this notebook (a crash, os._exit(), or running "
                         "out of memory), so it could not be graded.")
    if TIMED_OUT in log or "Timeout" in log:
        return "timeout", "the notebook ran longer than the time limit and was stopped."
    return "error", UNKNOWN_FAILURE
