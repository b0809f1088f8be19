"""Shared fixtures: the course, and student notebooks made from the released exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.classroom.demo import StudentWork
from autograder.course.layout import Course, find_course

ROOT = Path(__file__).resolve().parent.parent
CH01 = "01-vectors"


@pytest.fixture(scope="session")
def course() -> Course:
    return find_course(ROOT)


def solution_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.source_notebooks(assignment)[0]


def exercise_notebook(course: Course, assignment: str = CH01) -> Path:
    return course.release_notebooks(assignment)[0]


class StudentNotebook(StudentWork):
    """A copy of the released exercise that a test fills in like a student would (chapter 01 by default)."""

    def __init__(self, course: Course, assignment: str = CH01):
        super().__init__(course, assignment)
