"""The grader's side of the conversation with the agent in the student's kernel (hardened grading).

A :class:`KernelSession` sends one request at a time to :mod:`autograder.hardened.agent` and reads the reply
as plain data (:mod:`autograder.hardened.wire`), within the test's deadline. What the student defined reaches
a test as data, as a :class:`StudentFunction` (calling it runs the student's code in the kernel) or as a
:class:`StudentObject`; the student's exceptions are rebuilt under their names, and a kernel that died or
would not stop becomes a :class:`KernelFault`.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import time
import uuid
from queue import Empty
from typing import TYPE_CHECKING, Any

import numpy as np
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError

from autograder.execution.resilient import KernelTimedOut
from autograder.hardened import wire

if TYPE_CHECKING:
    from autograder.hardened.session import HardenedExecute


class KernelFault(BaseException):
    """The student's kernel died or would not stop. A BaseException, so that a test's ``except Exception``
    cannot swallow it: the test's verdict is decided by the fault, not by the test's code."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # "timeout" (the kernel answered the interrupt), "killed" (it did not), or "died"


class StudentError(Exception):
    """Base of the errors raised by the student's code, rebuilt in the grader under the same name."""


_BUILTIN_EXCEPTIONS = {n: getattr(builtins, n) for n in dir(builtins)
                       if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)}


def _rebuild_error(info: dict) -> BaseException:
    name = str(info.get("type", "Exception"))[:80]
    msg = str(info.get("msg", ""))
    if info.get("module") == "builtins" and name in _BUILTIN_EXCEPTIONS and name not in (
            "SystemExit", "KeyboardInterrupt", "GeneratorExit"):
        return _BUILTIN_EXCEPTIONS[name](msg)
    if name == "LinAlgError":
        return np.linalg.LinAlgError(msg)
    bases = [_BUILTIN_EXCEPTIONS[b] for b in info.get("bases", []) if b in _BUILTIN_EXCEPTIONS
             and issubclass(_BUILTIN_EXCEPTIONS[b], Exception)]
    base = bases[0] if bases else StudentError
    cls = type(name if name.isidentifier() else "StudentError", (base,), {"__module__": "student"})
    return cls(msg)


STOPPED = "the code ran longer than the time limit and was stopped"


def _could_not_run(failed: dict) -> RuntimeError:
    """The error for code of the student's that the grader's request could not run (an error reply's
    ``ename`` and ``evalue``: a cell's reply, or the agent's ``failed``)."""
    return RuntimeError(f"the grader could not run the student's code ({failed.get('ename', 'Error')}: "
                        f"{str(failed.get('evalue', ''))[:200]})")


class StudentObject:
    """Something the student's code returned that is not data (an object); only its attributes can be read."""

    __slots__ = ("_session", "_id", "_type")

    def __init__(self, session: "KernelSession", key: int, type_name: str):
        self._session, self._id, self._type = session, key, type_name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._session.request({"op": "getattr", "target": self._id, "name": name})

    def __repr__(self) -> str:
        return f"<the student's {self._type}>"


class StudentFunction(StudentObject):
    """A function of the student's: calling it runs the student's code in the kernel, on copies of the arguments."""

    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.call(self._id, args, kwargs)


class KernelSession:
    """Requests to the agent in the student's kernel (:mod:`autograder.hardened.agent`), with a deadline."""

    def __init__(self, executor: "HardenedExecute"):
        self.executor = executor
        self.deadline = float("inf")
        self.fault: KernelFault | None = None  # the first fault of the current test cell

    # -- values -----------------------------------------------------------------------------------------
    def _proxy(self, h: dict) -> StudentObject:
        cls = StudentFunction if h["callable"] else StudentObject
        return cls(self, h["id"], h["type"])

    def _send_handle(self, value: Any) -> int:
        if isinstance(value, StudentObject):
            return value._id
        raise wire.PlainDataError(
            f"the test passed a {type(value).__name__} to the student's code, which only takes data")

    def fetch(self, names: list[str]) -> dict[str, Any]:
        """The student's values for ``names`` (those the kernel has)."""
        if not names:
            return {}
        found = self.request({"op": "get_many", "names": names})
        return found if isinstance(found, dict) else {}

    def call(self, key: int, args: tuple, kwargs: dict) -> Any:
        sent_args = [wire.encode(a, self._send_handle) for a in args]
        sent_kwargs = {k: wire.encode(v, self._send_handle) for k, v in kwargs.items()}
        return self.request({"op": "call", "target": key, "args": sent_args, "kwargs": sent_kwargs},
                            originals=(args, kwargs))

    @contextlib.contextmanager
    def forbid(self, module: Any, names: tuple, reason: str, func: Any):
        """``checks.forbid`` set up where the student's code runs."""
        if isinstance(module, type):
            modname, attr = module.__module__, module.__qualname__.split(".")
        else:
            modname, attr = module.__name__, []
        if func is not None and not isinstance(func, StudentObject):
            func = None  # a function of the test's own: nothing of the student's to inspect
        self.request({"op": "rule_enter", "kind": "forbid", "module": modname, "attr": attr,
                      "names": list(names), "reason": reason,
                      "func": wire.encode(func, self._send_handle) if func is not None else None})
        try:
            yield
        finally:
            self.request({"op": "rule_exit"})

    @contextlib.contextmanager
    def forbid_calls(self, families: tuple, func: Any, allow: tuple, reason: str):
        """``checks.forbid_calls`` set up in the kernel, around every call of the student's functions."""
        if not isinstance(func, StudentObject):
            raise wire.PlainDataError("a call rule needs the student's function")
        self.request({"op": "rule_enter", "kind": "calls", "families": [f.to_wire() for f in families],
                      "allow": [str(a) for a in allow], "reason": reason,
                      "func": wire.encode(func, self._send_handle)})
        try:
            yield
        finally:
            self.request({"op": "rule_exit"})  # raises the rule's AssertionError if a forbidden call was made

    def check(self, name: str, *args: Any) -> None:
        """A check of the code's shape (``checks.assert_no_matrix_product``), run where the code is."""
        self.request({"op": "rule_check", "name": name,
                      "args": [wire.encode(a, self._send_handle) for a in args]})

    # -- the wire ---------------------------------------------------------------------------------------
    def request(self, req: dict, originals: tuple | None = None) -> Any:
        if self.fault is not None:
            raise self.fault
        try:
            text = run_sync(self._request)(json.dumps(req, allow_nan=False))
        except KernelTimedOut:
            self.fault = KernelFault("killed", "the code ran longer than the time limit and did not stop when "
                                               "interrupted; the notebook went on in a fresh kernel.")
            raise self.fault from None
        except DeadKernelError:
            self.fault = KernelFault("died", "the Python kernel died while running your code for this test (a "
                                             "crash, os._exit(), or running out of memory); the notebook went on "
                                             "in a fresh kernel.")
            raise self.fault from None
        except TimeoutError as exc:
            self.fault = KernelFault("timeout", str(exc))
            raise self.fault from None
        if len(text) > wire.MAX_BYTES:
            raise wire.PlainDataError("the answer is too large to be checked")
        try:
            answer = json.loads(text)
        except (ValueError, RecursionError):
            raise RuntimeError("the grader could not read the answer of the student's kernel") from None
        if not isinstance(answer, dict):
            raise RuntimeError("the grader could not read the answer of the student's kernel")
        if answer.get("too_large") is True:
            raise wire.PlainDataError("the answer is too large to be checked")
        if answer.get("interrupted") is True:  # the agent's word for a KeyboardInterrupt in the student's code
            self.fault = KernelFault("timeout", STOPPED)
            raise self.fault
        if isinstance(answer.get("failed"), dict):  # SystemExit and the like
            raise _could_not_run(answer["failed"])
        if "raise" in answer and isinstance(answer["raise"], dict):
            raise _rebuild_error(answer["raise"])
        value = wire.decode(answer.get("ok"), remote=self._proxy)
        if originals is not None and isinstance(answer.get("changed"), dict):
            self._write_back(originals, answer["changed"])
        return value

    def _write_back(self, originals: tuple, changed: dict) -> None:
        """The student's function changed an argument in place: make the test see it, as it would in-kernel."""
        args, kwargs = originals
        roots = {"a": list(args), "k": kwargs}
        for key, tree in changed.items():
            try:
                wire.decode(tree, remote=self._proxy, same=lambda path: wire.locate(roots, path))
            except (wire.PlainDataError, ValueError, TypeError):
                continue

    async def _request(self, payload: str) -> str:
        kc = self.executor.kc
        comm_id = await self._comm(kc)
        msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"request": payload}})
        kc.shell_channel.send(msg)
        content = await self._answer(msg["header"]["msg_id"], comm_id)
        data = content.get("data") if isinstance(content, dict) else None
        text = data.get("reply") if isinstance(data, dict) else None
        if not isinstance(text, str):
            raise RuntimeError("the grader could not read the answer of the student's kernel "
                               "(was IPython or autograder changed by the student's code?)")
        return text

    async def _comm(self, kc) -> str:
        """The comm to the agent in this kernel, opened at the first request (and again in a fresh kernel)."""
        comm_id = getattr(kc, "_autograder_comm", None)
        if comm_id is not None:
            return comm_id
        msg_id = kc.execute("import autograder.hardened.agent as __agk; __agk.listen()", silent=True,
                            store_history=False, allow_stdin=False)
        content = (await self._wait(msg_id))["content"]
        if content.get("status") != "ok":
            if content.get("ename") == "KeyboardInterrupt":
                raise TimeoutError(STOPPED)
            raise _could_not_run(content)
        from autograder.hardened.agent import COMM_TARGET

        comm_id = uuid.uuid4().hex
        kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": COMM_TARGET,
                                                           "data": {}}))
        kc._autograder_comm = comm_id  # the kernel handles its shell messages in turn: opened before the next
        return comm_id

    async def _answer(self, msg_id: str, comm_id: str) -> dict | None:
        """The agent's comm message answering request ``msg_id``; None if the kernel went idle without one (the
        student's code replaced the agent). The kernel's other output is read and dropped."""
        kc = self.executor.kc
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                await self._timeout(msg_id)
            try:
                msg = await kc.iopub_channel.get_msg(timeout=min(0.2, remaining))
            except Empty:
                if not await kc.is_alive():
                    raise DeadKernelError("Kernel died") from None
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            content = msg.get("content")
            if msg.get("msg_type") == "comm_msg" and isinstance(content, dict) and content.get("comm_id") == comm_id:
                return content
            if msg.get("msg_type") == "status" and isinstance(content, dict) and \
                    content.get("execution_state") == "idle":
                return None

    async def _drain_output(self) -> None:
        """Read and drop the kernel's output: nobody shows it during a test, and unread it would pile up."""
        kc = self.executor.kc
        for _ in range(10_000):
            try:
                await kc.iopub_channel.get_msg(timeout=0)
            except Empty:
                return

    async def _wait(self, msg_id: str) -> dict:
        ex = self.executor
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                await self._drain_output()
                return await self._timeout(msg_id)
            await self._drain_output()
            try:
                msg = await ex.kc.shell_channel.get_msg(timeout=min(0.2, remaining))
            except Empty:
                if not await ex.kc.is_alive():
                    raise DeadKernelError("Kernel died")
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                await self._drain_output()
                return msg

    async def _timeout(self, msg_id: str) -> dict:
        if await self.executor.interrupt_or_kill(msg_id):
            raise TimeoutError(STOPPED)
        raise KernelTimedOut("the code ran longer than the time limit and ignored the interrupt")
