"""When nbgrader cannot grade a notebook at all, what does the student read? (decided in grading/verdict)"""

from __future__ import annotations

import pytest

from autograder.execution.resilient import TIMED_OUT
from autograder.grading.verdict import STATUSES, UNKNOWN_FAILURE, notebook_failure


@pytest.mark.parametrize("log,status,says", [
    ("[AutogradeApp | ERROR] Notebook failed to validate", "tampered", "grading metadata was changed"),
    ("nbclient.exceptions.DeadKernelError: Kernel died", "error", "kernel died"),
    (f"{TIMED_OUT}: cell 12", "timeout", "time limit"),
    ("something nobody foresaw", "error", "--keep-workspace"),
])
def test_a_whole_notebook_failure_gets_one_status_and_one_sentence(log, status, says):
    got, message = notebook_failure(log)
    assert got == status and got in STATUSES
    assert says in message and message.endswith(".")


def test_an_unknown_failure_is_the_message_the_class_grader_retries_on():
    assert notebook_failure("")[1] == UNKNOWN_FAILURE


def test_every_status_has_one_icon_and_one_word():
    from autograder.grading.verdict import HIDDEN, STATUS_ICON, STATUS_WORD

    assert set(STATUS_ICON) == set(STATUS_WORD) == set(STATUSES) | {HIDDEN}
