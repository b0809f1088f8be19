"""How many local workers does grade-class start when the instructor does not say?

One more than the cores it may run on: a worker and its student's kernel take turns, so one worker per core
leaves the cores idle part of the time (measured in ``grade_class.default_workers``' docstring). Never more
workers than submissions.
"""

from __future__ import annotations

import os

import pytest

from autograder.classroom import grade_class


class Started(Exception):
    pass


class CountingDispatcher:
    def __init__(self, work, workers, **kw):
        raise Started(workers)


@pytest.mark.parametrize("cores, jobs, started", [(2, 150, 3), (8, 150, 9), (2, 2, 2), (1, 5, 2)])
def test_one_worker_more_than_the_cores_and_never_more_than_the_submissions(monkeypatch, cores, jobs, started):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr(grade_class, "Dispatcher", CountingDispatcher)
    with pytest.raises(Started) as got:
        grade_class._dispatch([object()] * jobs, work=None, record=None, scheduler=None, workers=None,
                              job_timeout=None, memory_mb=None, meanwhile=lambda: None)
    assert got.value.args == (started,)


def test_an_explicit_count_is_kept(monkeypatch):
    monkeypatch.setattr(grade_class, "Dispatcher", CountingDispatcher)
    with pytest.raises(Started) as got:
        grade_class._dispatch([object()] * 10, work=None, record=None, scheduler=None, workers=2,
                              job_timeout=None, memory_mb=None, meanwhile=lambda: None)
    assert got.value.args == (2,)
