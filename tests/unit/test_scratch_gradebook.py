"""Does a grading run's throwaway gradebook skip the fsyncs and the re-opening work, and only it?

nbgrader opens the gradebook about eleven times per graded notebook and commits about fifty times. For the
run's own gradebook in its temporary workspace (deleted with it), every commit's fsync and every re-opening's
table check are wasted; for the instructor's gradebook they are what keeps the grades safe.
"""

from __future__ import annotations

import os
from unittest import mock

import nbgrader.api
from nbgrader.api import Gradebook

from autograder.course.config import course_config
from autograder.grading import scratch_gradebook


def _pragmas(gb: Gradebook) -> tuple[int, str]:
    with gb.engine.connect() as conn:
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    return sync, journal


def test_the_runs_own_gradebook_shares_one_engine_and_does_not_fsync(tmp_path):
    course_config(tmp_path)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    scratch_gradebook.register(url)
    try:
        with Gradebook(url) as first, Gradebook(url) as again:
            assert first.engine is again.engine
            assert _pragmas(again) == (0, "memory")  # synchronous=OFF
            first.add_assignment("a1")
            again.db.expire_all()
            assert again.find_assignment("a1").name == "a1"
    finally:
        scratch_gradebook.forget(url)


def test_the_instructors_gradebook_keeps_sqlites_defaults(tmp_path):
    course_config(tmp_path)
    scratch_gradebook.register(f"sqlite:///{tmp_path / 'scratch.db'}")  # installed, but for another file
    url = f"sqlite:///{tmp_path / 'class.db'}"
    with Gradebook(url) as first, Gradebook(url) as again:
        assert first.engine is not again.engine
        assert _pragmas(first) == (2, "delete")  # FULL: every commit reaches the disk
        assert not scratch_gradebook.is_scratch(first.engine)
    scratch_gradebook.forget(f"sqlite:///{tmp_path / 'scratch.db'}")


def test_a_reopened_gradebook_is_what_nbgraders_constructor_makes(tmp_path):
    course_config(tmp_path)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    scratch_gradebook.register(url)
    try:
        with Gradebook(url, "course1") as first:
            first.add_student("ada")
        with mock.patch.object(nbgrader.api, "inspect", side_effect=AssertionError("tables listed again")):
            with Gradebook(url, "course1") as again:
                assert sorted(vars(again)) == sorted(vars(first))
                assert (again.course_id, again.authenticator) == ("course1", None)
                assert again.find_student("ada").id == "ada"
        # another course id is set up as nbgrader sets it up
        with Gradebook(url, "course2") as other:
            assert other.check_course("course2").id == "course2"
    finally:
        scratch_gradebook.forget(url)


def test_a_forgotten_or_forked_gradebook_gets_an_engine_of_its_own(tmp_path):
    course_config(tmp_path)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    scratch_gradebook.register(url)
    with Gradebook(url) as gb:
        parent = gb.engine
    with mock.patch.object(os, "getpid", return_value=os.getpid() + 100_000):  # as in a forked worker
        with Gradebook(url) as gb:
            assert gb.engine is not parent
    scratch_gradebook.forget(url)
    with Gradebook(url) as gb:
        assert gb.engine is not parent and _pragmas(gb) == (2, "delete")
