"""Are a class's assignments recorded once, not once per grading worker?

Every worker grades in a private nbgrader course, which must know each assignment (its cells, points and hidden
tests) before it can grade it; recording one is nbgrader's ``generate_assignment`` (0.1-0.3 s). ``grade_class``
records them once, in a seed folder, while the workers take their first jobs; each worker copies the seed, and so
does a new class gradebook. A seed that failed or is missing changes nothing but the time.
"""

from __future__ import annotations

import pytest
from nbgrader.apps import NbGraderAPI

from autograder.grading.grader import Grader, quiet_nbgrader
from autograder.grading.seed import SEED_FAILED, prepare_seed, wait_for_seed
from synthetic_course import make_course

KINDS = {"q1-a": "implement", "q2-b": "predict"}


@pytest.fixture
def course(tmp_path):
    return make_course(tmp_path / "course", {"01-x": KINDS, "02-y": {"q1-a": "derive"}})


def recorded(grader: Grader) -> dict:
    """What a grader knows of each assignment: its notebooks' grade ids and test points."""
    return {a: {nb: (grader.grade_ids(a, nb), grader.max_points(a, nb)) for nb in grader.prepare(a)}
            for a in ("01-x", "02-y")}


def test_a_worker_copies_the_recorded_assignments_instead_of_recording_them_again(course, tmp_path, monkeypatch):
    seed = tmp_path / "seed"
    seed.mkdir()
    assert prepare_seed(course, seed, {"01-x", "02-y"}) and wait_for_seed(seed, timeout=0)
    by_itself = recorded(Grader(course, tmp_path / "alone", hardened=False))

    def refuse(self, *args, **kwargs):
        raise AssertionError("generate_assignment ran in a worker that had the seed")

    monkeypatch.setattr(NbGraderAPI, "generate_assignment", refuse)
    worker = Grader(course, tmp_path / "worker", hardened=False)
    assert worker.adopt(seed) == ["01-x", "02-y"]
    with quiet_nbgrader():
        assert recorded(worker) == by_itself
    assert (tmp_path / "worker" / "solutions" / "01-x" / "01-x-exercises.ipynb").exists()


def test_a_seed_that_failed_leaves_each_worker_to_record_its_own(course, tmp_path):
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / SEED_FAILED).touch()
    assert not wait_for_seed(seed, timeout=5)  # at once: no waiting for what will never come
    worker = Grader(course, tmp_path / "worker", hardened=False)
    assert worker.adopt(seed) == []
    with quiet_nbgrader():
        assert set(recorded(worker)) == {"01-x", "02-y"}


def test_a_course_that_cannot_be_recorded_marks_the_seed_failed(course, tmp_path):
    (course.solutions / "01-x" / "01-x-exercises.ipynb").write_text("{not a notebook", encoding="utf-8")
    seed = tmp_path / "seed"
    seed.mkdir()
    assert not prepare_seed(course, seed, {"01-x"})
    assert (seed / SEED_FAILED).exists() and not wait_for_seed(seed, timeout=5)


def test_a_gradebook_that_exists_is_never_replaced_by_the_seed(course, tmp_path):
    seed = tmp_path / "seed"
    seed.mkdir()
    prepare_seed(course, seed, {"01-x"})
    out = tmp_path / "out"
    first = Grader(course, out, db_url=f"sqlite:///{out / 'gradebook.db'}", hardened=False)
    with quiet_nbgrader():
        first.prepare("02-y")  # an earlier run's gradebook, with what it recorded
    again = Grader(course, out, db_url=f"sqlite:///{out / 'gradebook.db'}", hardened=False)
    assert again.adopt(seed) == []
    with quiet_nbgrader():
        assert set(recorded(again)) == {"01-x", "02-y"}


def test_a_seed_that_cannot_be_copied_leaves_the_worker_to_record_its_own(course, tmp_path, monkeypatch):
    import shutil

    seed = tmp_path / "seed"
    seed.mkdir()
    prepare_seed(course, seed, {"01-x", "02-y"})

    def disk_full(src, dst, *args, **kwargs):
        raise OSError(28, "No space left on device")

    worker = Grader(course, tmp_path / "worker", hardened=False)
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "copyfile", disk_full)
        assert worker.adopt(seed) == []
    assert not (tmp_path / "worker" / "gradebook.db").exists()  # no half-copied gradebook is ever used
    with quiet_nbgrader():
        assert recorded(worker) == recorded(Grader(course, tmp_path / "alone", hardened=False))
