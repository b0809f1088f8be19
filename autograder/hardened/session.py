"""Hardened grading: the student's code runs in a jailed kernel, the verdicts are decided in the grader.

:class:`HardenedExecute` replaces nbgrader's Execute step. For every cell of a submission it decides,
from the *source* notebook recorded in the gradebook (never from the submission's metadata):

* answer cells and the student's own cells run in the student's kernel, which is started inside the jail
  of :mod:`autograder.hardened.jail`;
* locked setup cells run there too, and also in the grader's own namespace;
* test cells (visible and hidden) run only in the grader's own namespace, from the source's text. A name
  the test uses that the student defined is fetched from the kernel as plain data
  (:mod:`autograder.hardened.wire`); a student's function becomes a :class:`StudentFunction`, which sends its
  arguments to the kernel, runs the student's code there and brings the result back as plain data
  (:mod:`autograder.hardened.kernel_session`). The kernel itself is started by
  :mod:`autograder.hardened.kernel_manager`.

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
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool, Dict

from autograder import checks
from autograder.execution.resilient import DIED, INTERRUPT_GRACE, TIMED_OUT, ResilientExecute
from autograder.hardened import kernel_template
from autograder.hardened import resources as kernel_resources
from autograder.hardened import wire
from autograder.hardened.deadline import VerdictTimeout, wall_clock_limit
from autograder.hardened.jail import Limits
from autograder.hardened.kernel_manager import SandboxedKernelManager, kernel_tempdir
from autograder.hardened.kernel_session import KernelFault, KernelSession


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
        res = kernel_resources.KernelResources.of(self.kernel_resources)
        # a kernel forked from this process's template when it can be (kernel_template): same protections
        self._template = (kernel_template.template_for(Limits(), res, kernel_resources.slot_uid(), res.nice)
                          if self.jail else None)
        if self._template is not None:
            self._scratch, mounted = self._template.new_folder(), False  # the template's folder is the tmpfs
            name = self._template.cgroup_name(self._scratch)
        else:
            self._scratch = Path(tempfile.mkdtemp(prefix="autograder-scratch-", dir=kernel_tempdir()))
            mounted = self.jail and kernel_resources.mount_scratch(self._scratch, res.scratch_mb)
            name = self._scratch.name
        self._cgroups = kernel_resources.make_cgroups(name, res)
        try:
            self._prepare(nb, resources or {})
            self.kernel_manager_class = SandboxedKernelManager
            return super().preprocess(nb, resources, km=km)
        finally:
            kernel_resources.remove_cgroups(self._cgroups)
            if self._template is not None:
                self._template.finish(self._scratch, self._cgroups)
            else:
                if mounted:
                    kernel_resources.unmount_scratch(self._scratch)
                shutil.rmtree(self._scratch, ignore_errors=True)

    def create_kernel_manager(self):
        if self._template is not None:  # a restart: nothing the dead kernel started may outlive it
            kernel_resources.kill_cgroups(self._cgroups)
        km = super().create_kernel_manager()
        km.scratch = str(self._scratch)
        km.jailed = self.jail
        km.uid = kernel_resources.slot_uid()
        km.cgroups = self._cgroups
        km.nice = kernel_resources.KernelResources.of(self.kernel_resources).nice
        km.template = self._template
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
