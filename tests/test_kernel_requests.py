"""How does the grader's request reach the student's kernel, and what comes back when the student's code
misbehaves inside it?

A hardened test asks the kernel's agent for values and calls of the student's functions, about forty times per
notebook. Each request is a comm message, not a cell: no cell hook of the student's runs for it, and it costs
the kernel 1.2 ms instead of 2.6 ms (bench/kernel_requests.py). A real kernel here, not jailed (the jail is
tested elsewhere); the grader's side is :class:`KernelSession`, as in grading.
"""

from __future__ import annotations

import time

import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from autograder.execution.resilient import ResilientExecute
from autograder.hardened.kernel_session import KernelFault, KernelSession


class Executor:
    """What a KernelSession uses of HardenedExecute: the kernel, its client, and the interrupt."""

    interrupt_or_kill = ResilientExecute.interrupt_or_kill

    def __init__(self):
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.enabled=False"])
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=60)

    def run(self, code: str) -> dict:
        return run_sync(self.kc.execute_interactive)(code, timeout=60, output_hook=lambda msg: None)["content"]

    def close(self):
        self.kc.stop_channels()
        run_sync(self.km.shutdown_kernel)(now=True)


@pytest.fixture(scope="module")
def kernel():
    ex = Executor()
    ex.run("""
import sys, time
cells = []
def _seen(lines):  # every cell, silent ones too, goes through the input transformers
    cells.append(''.join(lines))
    return lines
get_ipython().input_transformers_post.append(_seen)
data = [1.0, 2.0]
def double(v):
    return [2 * x for x in v]
def leave():
    sys.exit(3)
def ctrl_c():
    raise KeyboardInterrupt
def forever():
    while True:
        time.sleep(0.01)
""")
    yield ex
    ex.close()


def _session(kernel, seconds: float = 10) -> KernelSession:
    session = KernelSession(kernel)
    session.deadline = time.monotonic() + seconds
    return session


def test_requests_are_answered_without_running_a_cell(kernel):
    session = _session(kernel)
    values = session.fetch(["data", "double"])
    assert values["data"] == [1.0, 2.0]
    assert [values["double"]([3.0]) for _ in range(5)] == [[6.0]] * 5
    assert session.fetch(["data"]) == {"data": [1.0, 2.0]}
    kernel.run("ran = [c for c in cells if '__' + 'agk' in c]")
    ran = _session(kernel).fetch(["ran"])["ran"]
    # the one cell that sets the agent up in this kernel (IPython transforms a cell twice), never one cell per
    # request (eight here)
    assert len(ran) <= 2 and len(set(ran)) == 1 and "listen()" in ran[0], ran


def test_the_students_exit_or_ctrl_c_inside_a_call_is_reported_and_the_kernel_keeps_answering(kernel):
    session = _session(kernel)
    found = session.fetch(["leave", "ctrl_c", "double"])
    with pytest.raises(RuntimeError, match="SystemExit"):
        found["leave"]()
    with pytest.raises(KernelFault) as stopped:  # as a time limit: the student's own Ctrl-C is not a pass
        found["ctrl_c"]()
    assert stopped.value.kind == "timeout"
    session.fault = None
    assert found["double"]([1.0]) == [2.0]


def test_a_call_past_the_time_limit_is_interrupted_and_the_next_request_is_answered(kernel):
    session = _session(kernel, seconds=1)
    forever = session.fetch(["forever"])["forever"]
    start = time.monotonic()
    with pytest.raises(KernelFault) as stopped:
        forever()
    assert stopped.value.kind == "timeout" and time.monotonic() - start < 3
    later = _session(kernel)
    assert later.fetch(["data"]) == {"data": [1.0, 2.0]}


def test_an_agent_replaced_by_the_student_gives_a_clear_error_at_once(kernel):
    kernel.run("import autograder.hardened.agent as _a\n_saved = _a.serve\n_a.serve = lambda request: None\n"
               "_a.reply = 'not json'")
    try:
        start = time.monotonic()
        with pytest.raises(RuntimeError, match="could not read the answer"):
            _session(kernel).fetch(["data"])
        assert time.monotonic() - start < 2  # not the test's whole time limit
    finally:
        kernel.run("_a.serve = _saved")
