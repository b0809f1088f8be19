"""A wall-clock limit on the grader's own work for one test (its checks, SymPy rebuilds, ``simplify``).

A test cell runs in the grader, on the student's values: ``sp.simplify`` of a student's ``(a+1)**20000`` or
a huge SymPy rebuild would keep a grading worker busy for minutes. :func:`wall_clock_limit` interrupts the
test with :class:`VerdictTimeout` (scored ``timeout``, for that test only) when the time is up.

It uses ``SIGALRM``, so it only works in a process's main thread (a grading worker's); elsewhere it does
nothing and the class dispatcher's per-submission deadline is the backstop. While the grader is talking to
the student's kernel (asyncio, ZeroMQ) the interrupt waits: that exchange has its own deadline, and
breaking it midway would leave the kernel client in an unknown state. Pure-Python work (SymPy) is
interrupted at once; one long C call (a huge integer product) only when it returns, which is why the
SymPy rebuild refuses huge integers in the first place (:mod:`autograder.hardened.wire`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

_BUSY_FILES = ("/asyncio/", "/jupyter_core/utils.py", "/jupyter_client/", "/zmq/")
RETRY = 0.5  # seconds before trying again while the grader is talking to the kernel


class VerdictTimeout(BaseException):
    """The grader's work for one test ran past its time limit. A BaseException, so that a test's
    ``except Exception`` cannot swallow it."""

    kind = "timeout"


def talking_to_kernel(frame) -> bool:
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        if any(part in name for part in _BUSY_FILES):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def wall_clock_limit(seconds: float | None) -> Iterator[bool]:
    """Raise :class:`VerdictTimeout` in the block after ``seconds``; yields whether the limit is active."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield False
        return

    def expired(signum, frame):
        if talking_to_kernel(frame):
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return
        raise VerdictTimeout(f"the test's checks ran longer than the time limit ({seconds:.0f} s) in the "
                             "grader and were stopped (an answer too large or too complex to check?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
