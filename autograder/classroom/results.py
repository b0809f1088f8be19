"""A class's results: the jobs and the run's summary, the results store, and the gradebook and CSV written
from it (the main process is their only writer)."""

from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from autograder.classroom.safe_text import csv_cell, terminal
from autograder.course.layout import Course
from autograder.grading.grader import Grader, quiet_nbgrader
from autograder.grading.seed import prepare_seed


@dataclass
class Job:
    student: str
    assignment: str | None
    notebook: str | None
    path: str
    digest: str
    problem: str | None = None


@dataclass
class Summary:
    graded: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (path, graded as, path under the id)
    notes: list[str] = field(default_factory=list)  # intake: identity, packages, archive members (one line each)
    unfinished: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): no grade stored, retried
    seconds: float = 0.0
    out: Path | None = None
    protections: set[str] = field(default_factory=set)  # what hardened grading had on (and off)

    def lines(self) -> list[str]:
        """The summary for a terminal: student text (file names, ids, hints) without control characters."""
        out = [f"graded {self.graded}, skipped {self.skipped} (unchanged), failed {len(self.failed)}, "
               f"in {self.seconds:.1f} s"]
        out += [terminal(f"  failed: {reason if reason.startswith(path) else f'{path}: {reason}'}")
                for path, reason in self.failed]
        out += [terminal(f"  {line}") for line in self.intake_lines()]
        out += [terminal(f"  NOT GRADED: {path}: {reason}; no grade was stored, the next run grades it again")
                for path, reason in self.unfinished]
        for text in sorted(self.protections):
            out.append(("WARNING: " if " OFF: " in text else "") + text)
        if self.out:
            out += [f"gradebook: {self.out / 'gradebook.db'}", f"grades:    {self.out / 'grades.csv'}",
                    f"report:    {self.out / 'report.md'}", f"feedback:  {self.out / 'feedback'}"]
        return out

    def intake_lines(self) -> list[str]:
        """Duplicates and intake notes, one line each (raw text: escape it for where it is shown)."""
        return ([f"duplicate: {path} was graded as '{alias}', since {used} of the same student and assignment "
                 "was graded under the student's id; keep the right one in the gradebook"
                 for path, alias, used in self.duplicates] + [f"intake: {note}" for note in self.notes])


class ResultStore:
    """One row per (student, assignment): the latest result and the hash of the notebook it came from."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (student TEXT, assignment TEXT, notebook TEXT, path TEXT, "
            "digest TEXT, result TEXT, seconds REAL, PRIMARY KEY (student, assignment))")

    def digest(self, student: str, assignment: str) -> str | None:
        row = self.db.execute("SELECT digest FROM results WHERE student=? AND assignment=?",
                              (student, assignment)).fetchone()
        return row[0] if row else None

    def put(self, job: Job, result: dict, seconds: float) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (job.student, job.assignment or "", job.notebook or "", job.path, job.digest,
                             json.dumps(result), seconds))

    def timed(self) -> list[tuple[str, str, dict, float]]:
        rows = self.db.execute("SELECT student, assignment, result, seconds FROM results "
                               "ORDER BY assignment, student").fetchall()
        return [(s, a, json.loads(r), sec) for s, a, r, sec in rows]

    def all(self) -> list[tuple[str, str, str, dict]]:
        rows = self.db.execute("SELECT student, assignment, notebook, result FROM results "
                               "ORDER BY assignment, student").fetchall()
        return [(s, a, n, json.loads(r)) for s, a, n, r in rows]

    def close(self) -> None:
        self.db.close()


def prepare_gradebook(course: Course, out: Path, db_url: str, assignments: set[str],
                      grader: Grader | None = None) -> Grader:
    """nbgrader's gradebook with ``assignments`` recorded (their cells, points and hidden tests), ready for
    grades; ``grader``: one that already recorded some (each is recorded once). This Grader only records
    assignments, it never grades: it does not probe the jail."""
    grader = grader or Grader(course, out, db_url=db_url, hardened=False)
    with quiet_nbgrader():
        for assignment in sorted(a for a in assignments if a in course.assignments()):
            grader.prepare(assignment)
    return grader


class GradebookWriter:
    """nbgrader's gradebook, written while the class is graded.

    :meth:`prepare` records the assignments (``grade_class`` runs it while the workers start); :meth:`write`
    puts one result in as soon as it is stored, so the gradebook grows during the run instead of after it;
    :meth:`finish` writes every stored result this run did not write (results of earlier runs, and any the
    database refused during the run: a gradebook that was locked, say), so the gradebook always ends equal to
    the results store, whatever happened on the way. A result is committed on its own: a run killed
    meanwhile leaves a consistent gradebook, and the next run completes it."""

    def __init__(self, course: Course, out: Path, db_url: str):
        self.course, self.out, self.db_url = course, out, db_url
        self.grader: Grader | None = None
        self._gb = None
        self._written: dict[tuple[str, str], str] = {}  # (student, assignment) -> the result JSON written
        self._deferred = False  # a write failed: the rest waits for finish()

    def prepare(self, assignments: set[str], seed: Path | None = None) -> "GradebookWriter":
        """Record ``assignments`` in the gradebook; with ``seed`` (an empty folder), record them there first,
        once for the whole class (:func:`prepare_seed`: the workers copy it), and start a new gradebook file
        as a copy of it."""
        if seed is not None and prepare_seed(self.course, seed, assignments) and self.grader is None:
            self.grader = Grader(self.course, self.out, db_url=self.db_url, hardened=False)
            self.grader.adopt(seed)
        self.grader = prepare_gradebook(self.course, self.out, self.db_url, assignments, self.grader)
        return self

    def write(self, student: str, assignment: str | None, notebook: str | None, result: dict) -> None:
        """One result, now, if the gradebook is ready; a failure here is not fatal (``finish`` retries)."""
        if self.grader is None or self._deferred:
            return
        try:
            self._put(student, assignment, notebook, result)
        except Exception:  # noqa: BLE001 - finish() writes it again, and says why if it fails again
            self._deferred = True
            self.close()

    def finish(self, store: ResultStore) -> None:
        """Every stored result the gradebook does not have yet as stored; idempotent."""
        results = store.all()
        self.grader = prepare_gradebook(self.course, self.out, self.db_url, {a for _, a, _, _ in results},
                                        self.grader)
        try:
            for student, assignment, notebook, result in results:
                self._put(student, assignment, notebook, result)
        finally:
            self.close()

    def _put(self, student: str, assignment: str | None, notebook: str | None, result: dict) -> None:
        from nbgrader.api import Gradebook

        text = json.dumps(result, sort_keys=True)
        if not assignment or assignment not in self.course.assignments() or not notebook or \
                self._written.get((student, assignment)) == text:
            return
        assert self.grader is not None
        with quiet_nbgrader():
            if self._gb is None:
                self._gb = Gradebook(self.db_url, self.grader.coursedir.course_id)
            gb = self._gb
            try:
                gb.update_or_create_student(student)
                submission = gb.update_or_create_submission(assignment, student)
                # the submission's grades in one query (not one per test cell)
                grades = {g.name: g for nb in submission.notebooks if nb.name == notebook for g in nb.grades}
                for q in result["questions"]:
                    grade = grades.get(q["grade_id"])
                    if grade is not None:  # a test the gradebook does not know is not written
                        grade.auto_score = q["points"]
                        grade.needs_manual_grade = False
                gb.db.commit()
            except BaseException:
                gb.db.rollback()
                raise
        self._written[(student, assignment)] = text

    def close(self) -> None:
        if self._gb is not None:
            gb, self._gb = self._gb, None
            gb.close()


def write_csv(store: ResultStore, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "assignment", "score", "max_score", "passed", "failed", "error", "timeout",
                    "missing", "tampered", "note"])
        for student, assignment, _, result in store.all():
            counts = {s: 0 for s in ("passed", "failed", "error", "timeout", "missing", "tampered")}
            for q in result["questions"]:
                counts[q["status"]] = counts.get(q["status"], 0) + 1
            w.writerow([csv_cell(v) for v in (student, assignment, result["score"], result["max_score"],
                                              *counts.values(), result.get("error", ""))])
