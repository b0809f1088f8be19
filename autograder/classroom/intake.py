"""Intake of a class: from a folder or zip of submissions to one grading job per submitted notebook.

Submission packages are unpacked (each is its uploader's), LMS downloads and nbgrader's ``submitted/``
layout are discovered, and two submissions that claim one student and assignment are both kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

from autograder.classroom.package import PackageError, is_package, unpack_package
from autograder.classroom.results import Job, Summary
from autograder.classroom.sources import (Found, SubmissionsError, content_hash, discover, submissions_root,
                                          unpack_zip, uploader)
from autograder.course.layout import Course
from autograder.grading.grader import identify


def take_in(source: Path, course: Course, staging: Path, summary: Summary) -> list[Job]:
    """The jobs of every submission under ``source`` (absolute), unpacked under ``staging`` (emptied first)."""
    shutil.rmtree(staging, ignore_errors=True)
    if not source.exists():
        raise SubmissionsError(f"{source}: no such folder or archive.")
    if source.suffix == ".zip" and source.is_file() and not is_package(source):
        source, skipped = unpack_zip(source, staging / "download")
        summary.notes += skipped
    found, problems = _unpack_packages(source, staging / "packages", summary)
    if source.is_dir():
        found = discover(source, course) + found
    return _jobs(found, course, summary, problems)


def _unpack_packages(source: Path, dest: Path, summary: Summary) -> tuple[list[Found], dict[Path, str]]:
    """Students' submission packages (zip + manifest) under ``source``, or ``source`` itself if it is one.

    Each package is its uploader's (see :func:`sources.uploader`), whatever its manifest claims.
    """
    root = source.parent if source.is_file() else submissions_root(source)
    zips = [source] if source.is_file() else sorted(p for p in root.rglob("*.zip") if p.is_file())
    found: list[Found] = []
    problems: dict[Path, str] = {}
    for i, archive in enumerate(zips):
        if not is_package(archive):
            summary.notes.append(f"{archive}: a zip without a readable MANIFEST.json, so not a submission "
                                 "package; skipped.")
            continue
        student = uploader(archive, root)
        try:
            opened = unpack_package(archive, dest / f"{i:04d}", student)
        except PackageError as exc:
            problems[archive] = str(exc)
            found.append(Found(archive, student, None))
            continue
        summary.notes += opened.notes
        for item in opened.notebooks:
            found.append(Found(item.path, item.student, None))
            if item.problem:
                problems[item.path] = item.problem
    return found, problems


def _alias(student: str, taken: set[str]) -> str:
    n = 2
    while f"{student}.dup{n}" in taken:
        n += 1
    taken.add(f"{student}.dup{n}")
    return f"{student}.dup{n}"


def _jobs(found: Iterable[Found], course: Course, summary: Summary,
          problems: dict[Path, str] | None = None) -> list[Job]:
    """One job per submission. Two that claim one student and assignment are both kept: the later one
    under the student's id, the earlier under ``<id>.dup<N>``, and each pair is reported."""
    jobs: list[Job] = []
    for f in found:
        sub = identify(f.path, f.student, course, f.assignment)
        problem = (problems or {}).get(f.path) or sub.problem
        jobs.append(Job(f.student, sub.assignment, sub.notebook, str(f.path), content_hash(f.path), problem))
    taken = {job.student for job in jobs}
    last: dict[tuple[str, str], Job] = {}
    for job in jobs:  # keyed as the results store keys them, so that no result replaces another there
        last[(job.student, job.assignment or "")] = job
    for job in jobs:
        kept = last[(job.student, job.assignment or "")]
        if kept is not job:
            job.student = _alias(job.student, taken)
            summary.duplicates.append((job.path, job.student, kept.path))
    return jobs
