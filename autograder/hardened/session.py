"""Hardened grading: the student's code runs in a jailed kernel, the verdicts are decided in the grader.

:class:`HardenedExecute` replaces nbgrader's Execute step. For every cell of a submission it decides,
from the *source* notebook recorded in the gradebook (never from the submission's metadata):

* answer cells and the student's own cells run in the student's kernel, which is started inside the jail
  of :mod:`autograder.hardened.jail`;
* locked setup cells run there too, and also in the grader's own namespace;
* test cells (visible and hidden) run only in the grader's own namespace, from the source's text. A name
  the test uses that the student defined is fetched from the kernel as plain data
  (:mod:`autograder.hardened.wire`); a student's function becomes a :class:`StudentFunction`, which sends its
  arguments to the kernel, runs the student's code there and brings the result back as plain data.

So a verdict is computed by the grader's own NumPy, SymPy and ``autograder.checks``: monkeypatching
``np.allclose``, returning an ``ndarray`` subclass with a rigged ``__eq__``, registering an IPython input
transformer or rewriting ``autograder.checks`` in the kernel changes nothing in the grader. The only
rules enforced inside the kernel are "do not call this library function" (``checks.forbid``), which
guard against shortcuts, not against wrong answers.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path
from queue import Empty
from typing import Any

import numpy as np
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool, Dict, Instance, Integer, List, Unicode

from autograder import checks
from autograder.hardened import jail as sandbox
from autograder.hardened import resources as kernel_resources
from autograder.hardened import wire
from autograder.hardened.deadline import VerdictTimeout, wall_clock_limit
from autograder.execution.resilient import DIED, INTERRUPT_GRACE, TIMED_OUT, KernelTimedOut, ResilientExecute

MAX_MESSAGE = wire.MAX_BYTES + 4 * 1024 * 1024  # bytes of one message from the kernel (a reply and its envelope)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel started through :mod:`autograder.hardened.jail`, talking over Unix sockets in its scratch folder."""

    scratch = Unicode("").tag(config=True)
    jailed = Bool(True).tag(config=True)
    limits = Instance(sandbox.Limits, kw={})
    uid = Integer(sandbox.NOBODY)  # the slot's unprivileged user (resources.slot_uid)
    cgroups = List()  # control groups the launcher joins (resources.make_cgroups)
    nice = Integer(0)
    _starts = 0

    async def _async_pre_start_kernel(self, **kw):
        SandboxedKernelManager._starts += 1
        scratch = Path(self.scratch)
        if self.jailed:
            self.transport = "ipc"
            self.ip = str(scratch / f"k{os.getpid()}-{self._starts}")
        self.connection_file = str(scratch / f"kernel-{os.getpid()}-{self._starts}.json")
        kw["cwd"] = str(scratch)
        # the kernel's own stdout/stderr (fd 1 and 2, not its cell outputs) must never reach the grader's,
        # where `grade --json` prints its answer
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"  # a signal would stop at the jail's own process
        return await super()._async_pre_start_kernel(**kw)

    def client(self, **kwargs):
        """A client whose sockets drop a kernel that sends one message larger than :data:`MAX_MESSAGE`
        (a student's 3 GB string would otherwise be held in the grader's memory before any check)."""
        import zmq
        import zmq.asyncio

        context = zmq.asyncio.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
        kwargs.setdefault("context", context)
        return super().client(**kwargs)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.jailed:
            # not JPY_PARENT_PID: in its own PID namespace the kernel's parent is PID 1, which ipykernel would
            # take for an orphaned kernel; the jail's --die-with-parent does that job
            env = {k: v for k, v in os.environ.items() if k.startswith("NBGRADER_")}
            cmd = sandbox.jail_command(cmd, Path(self.scratch), env=env, uid=self.uid)
        return sandbox.launcher(cmd, self.limits, readable=[self.connection_file], uid=self.uid,
                                cgroups=self.cgroups, nice=self.nice)


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
        ex = self.executor
        kc = ex.kc
        code = f"import autograder.hardened.agent as __agk\n__agk.serve({json.dumps(payload)})"
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False,
                            user_expressions={"r": "__agk.reply"})
        reply = await self._wait(msg_id)
        content = reply["content"]
        if content.get("status") != "ok":
            ename = content.get("ename", "Error")
            if ename == "KeyboardInterrupt":
                raise TimeoutError("the code ran longer than the time limit and was stopped")
            raise RuntimeError(f"the grader could not run the student's code ({ename}: "
                               f"{str(content.get('evalue', ''))[:200]})")
        expr = content.get("user_expressions", {}).get("r", {})
        try:
            text = ast.literal_eval(expr["data"]["text/plain"])
        except (KeyError, TypeError, ValueError, SyntaxError, MemoryError, RecursionError):
            text = None
        if not isinstance(text, str):
            raise RuntimeError("the grader could not read the answer of the student's kernel "
                               "(was IPython or autograder changed by the student's code?)")
        return text

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
            raise TimeoutError("the code ran longer than the time limit and was stopped")
        raise KernelTimedOut("the code ran longer than the time limit and ignored the interrupt")


def free_names(source: str) -> list[str]:
    """Names a cell reads without binding them itself: candidates for the student's values."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    loads, bound = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads.append(node.id) if isinstance(node.ctx, ast.Load) else bound.add(node.id))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):  # parameters of functions and lambdas
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return sorted({n for n in loads if n not in bound and not hasattr(builtins, n)})


class HardenedExecute(ResilientExecute):
    """nbgrader's Execute step with the student's kernel jailed and the test cells run by the grader."""

    jail = Bool(True, help="start the student's kernel inside the bubblewrap jail").tag(config=True)
    kernel_resources = Dict(help="limits of a kernel with all its children (resources.KernelResources fields)"
                            ).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._scratch = Path(tempfile.mkdtemp(prefix="autograder-scratch-"))
        res = kernel_resources.KernelResources.of(self.kernel_resources)
        mounted = self.jail and kernel_resources.mount_scratch(self._scratch, res.scratch_mb)
        self._cgroups = kernel_resources.make_cgroups(self._scratch.name, res)
        try:
            self._prepare(nb, resources or {})
            self.kernel_manager_class = SandboxedKernelManager
            return super().preprocess(nb, resources, km=km)
        finally:
            kernel_resources.remove_cgroups(self._cgroups)
            if mounted:
                kernel_resources.unmount_scratch(self._scratch)
            shutil.rmtree(self._scratch, ignore_errors=True)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.scratch = str(self._scratch)
        km.jailed = self.jail
        km.uid = kernel_resources.slot_uid()
        km.cgroups = self._cgroups
        km.nice = kernel_resources.KernelResources.of(self.kernel_resources).nice
        return km

    def _prepare(self, nb, resources: dict) -> None:
        from nbgrader.api import Gradebook, MissingEntry

        info = resources.get("nbgrader", {})
        self._tests: dict[str, str] = {}
        self._setup: dict[str, str] = {}
        self._namespace: dict[str, Any] = {"__name__": "__grader__", "__builtins__": builtins}
        self._student_names: set[str] = set()
        self._session = KernelSession(self)
        self._count = 0
        wire.forget_student_texts()
        with Gradebook(info["db_url"]) as gb:
            try:
                source_nb = gb.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                source_nb = None
            cells = list(source_nb.source_cells) if source_nb is not None else []
            grade_ids = {c.name for c in source_nb.grade_cells} if source_nb is not None else set()
            solution_ids = {c.name for c in source_nb.solution_cells} if source_nb is not None else set()
            for c in cells:
                if c.cell_type != "code":
                    continue
                if c.name in grade_ids and c.name not in solution_ids:
                    self._tests[c.name] = c.source
                elif c.locked and c.name not in solution_ids:
                    self._setup[c.name] = c.source
        # the submission's folder (its other files) is the kernel's scratch folder: a copy, never the original
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        for item in folder.iterdir() if folder.is_dir() else []:
            if item.is_file() and item.suffix != ".ipynb" and item.stat().st_size < 64 * 1024 * 1024:
                shutil.copy2(item, self._scratch / item.name)
        if self.jail and os.geteuid() == 0:
            uid = kernel_resources.slot_uid()
            os.chown(self._scratch, uid, uid)
            for item in self._scratch.iterdir():
                os.chown(item, uid, uid)

    def preprocess_cell(self, cell: NotebookNode, resources, index: int):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if self.out_of_time(cell):
            return cell, resources
        if cell.cell_type == "code" and gid in self._tests:
            self._run_test(cell, self._tests[gid], index)
            return cell, resources
        if cell.cell_type == "code" and gid in self._setup:
            cell.source = self._setup[gid]
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code" and gid in self._setup:
            self._run_setup(self._setup[gid], gid)
        return cell, resources

    def replayable(self, cell: NotebookNode) -> bool:
        return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in self._tests

    def _run_setup(self, source: str, gid: str) -> None:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            try:
                exec(compile(source, f"<setup {gid}>", "exec"), self._namespace)
            except Exception as exc:  # noqa: BLE001 - a setup cell that fails leaves its names undefined
                self.log.warning("setup cell %s failed in the grader: %s", gid, exc)

    def _run_test(self, cell: NotebookNode, source: str, index: int) -> None:
        """Execute a test cell's source in the grader's namespace; the student's names come from the kernel."""
        cell.source = source
        cell.outputs = []
        self._count += 1
        cell.execution_count = self._count
        ns = self._namespace
        out = io.StringIO()
        self._session.deadline = min(time.monotonic() + (self.timeout or 60), self.deadline)
        self._session.fault = None
        error: BaseException | None = None
        try:
            for name in self._student_names:
                ns.pop(name, None)  # always the student's latest definition
            # the student's names; the setup's data, modules and functions stay the grader's own (a test that
            # checks the student's copy of the data asks for it: checks.student_value)
            wanted = [n for n in free_names(source) if n not in ns]
            code = compile(source, f"<test {cell.metadata.nbgrader.get('grade_id')}>", "exec")
            checks.kernel_rules = self._session
            with warnings.catch_warnings(), contextlib.redirect_stdout(out), wire.refuse_text_parsing(), \
                    wall_clock_limit(self._session.deadline - time.monotonic() + INTERRUPT_GRACE + 2):
                warnings.simplefilter("ignore")
                for name, value in self._session.fetch(wanted).items():
                    ns[str(name)] = value
                    self._student_names.add(str(name))
                exec(code, ns)
        except KeyboardInterrupt:  # the instructor's Ctrl-C, not the student's code
            raise
        except BaseException as exc:  # noqa: BLE001 - any failure of a test is its verdict
            error = exc
        finally:
            checks.kernel_rules = None
        fault = self._session.fault
        if fault is not None:  # whatever the test's code made of it
            error = fault
            if fault.kind in ("killed", "died"):
                self._restart_and_replay(index)
        text = out.getvalue()
        if text:
            cell.outputs.append(new_output("stream", name="stdout", text=text[: self.max_output_bytes]))
        if error is not None:
            ename = type(error).__name__
            if isinstance(error, (TimeoutError, VerdictTimeout)) or (isinstance(error, KernelFault)
                                                                      and error.kind != "died"):
                ename = TIMED_OUT
            elif isinstance(error, KernelFault):
                ename = DIED
            evalue = str(error)[:4000]
            cell.outputs.append(new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]))
