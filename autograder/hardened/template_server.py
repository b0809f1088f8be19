"""The template kernel, inside the jail: it imports ipykernel and the course's libraries once, then forks
one student kernel per request from the grader (:mod:`autograder.hardened.kernel_template`).

It never runs a student's code itself: each request gets a fresh fork, so every kernel starts from the
same untouched state, with the imports already done. Protocol, one JSON line each way over stdin/stdout:

* at start, after the imports: ``{"ready": true}``;
* request ``{"argv": [...], "cwd": ..., "env": {...}}``: the kernel application's arguments, its folder and
  its whole environment. The child stops itself at once (``SIGSTOP``); the server answers
  ``{"stopped": true}`` when it is stopped, and the grader moves it into the kernel's own control groups
  before continuing it. Only then does it set up its environment and start the kernel.

The server is not dumpable (``PR_SET_DUMPABLE`` 0): a student's process, though it runs as the same user,
cannot ptrace it or open its memory or file descriptors, so it cannot change what the next kernel starts
from. What a student leaves in the jail's System V IPC namespace is removed before each fork.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import signal
import sys

PRELOAD = ["numpy", "numpy.linalg", "scipy", "scipy.linalg", "scipy.sparse", "scipy.sparse.linalg",
           "scipy.stats", "sympy", "matplotlib", "matplotlib.pyplot", "ipykernel.kernelapp",
           "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "IPython.core.interactiveshell",
           "sqlite3", "pdb", "autograder.checks", "autograder.hardened.agent",
           # what IPKernelApp.initialize imports on top (0.02-0.03 s of every kernel's start otherwise)
           "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect",
           "IPython.extensions.storemagic", "IPython.utils.wildcard", "faulthandler", "tornado.platform.asyncio"]

_libc = ctypes.CDLL(None, use_errno=True)
PR_SET_DUMPABLE = 4
IPC_RMID = 0


def _reap(*_: object) -> None:
    """Collect the kernels that ended (they are the grader's to kill; here they only must not linger)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def remove_ipc() -> None:
    """Every System V shared memory segment, semaphore set and message queue left in the jail's namespace."""
    for kind, remove in (("shm", lambda i: _libc.shmctl(i, IPC_RMID, None)),
                         ("sem", lambda i: _libc.semctl(i, 0, IPC_RMID)),
                         ("msg", lambda i: _libc.msgctl(i, IPC_RMID, None))):
        try:
            lines = open(f"/proc/sysvipc/{kind}").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 1 and fields[1].isdigit():
                remove(int(fields[1]))


def _child(request: dict) -> None:
    os.kill(os.getpid(), signal.SIGSTOP)  # wait here until the grader has moved us into the kernel's groups
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # the requests pipe and the answers pipe are the server's, never the student's
        os.dup2(null, fd)
    os.closerange(3, 1 << 16)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` started in that folder has it
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    import numpy as np

    np.random.seed()  # Python's random reseeds itself after a fork; NumPy's legacy generator does not
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(list(request["argv"]))
    app.start()


def serve() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a library that fails to import is imported (and fails) in the kernel
            pass
    import threading

    if threading.active_count() != 1:  # a fork copies one thread only: the others' locks would stay taken
        raise SystemExit("an import started a thread; the template cannot fork safely")
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    signal.signal(signal.SIGCHLD, _reap)
    answers = os.fdopen(os.dup(1), "w")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # a stray print cannot garble the answers
    os.close(null)
    print(json.dumps({"ready": True}), file=answers, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        remove_ipc()
        pid = os.fork()
        if pid == 0:
            try:
                _child(request)
            finally:
                os._exit(1)
        try:
            _, status = os.waitpid(pid, os.WUNTRACED)
            stopped = os.WIFSTOPPED(status)
        except ChildProcessError:
            stopped = False
        print(json.dumps({"stopped": stopped}), file=answers, flush=True)


if __name__ == "__main__":
    serve()
