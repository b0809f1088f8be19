"""Execution that survives a dead kernel: the cell that killed it fails, the rest of the notebook runs.

With plain nbgrader, one ``os._exit()``, crash or out-of-memory in any cell aborts the whole notebook and
every question scores 0. :class:`ResilientExecute` (nbgrader's ``Execute`` with three changes):

* the cell that killed the kernel is marked with an error, a fresh kernel is started, the cells that ran
  before it are replayed silently (so definitions and imports are back, without their outputs), and the
  notebook carries on. A question then loses points only if it depends on the cell that crashed;
* a cell past its time limit is interrupted; if the kernel ignores the interrupt (a loop that catches
  ``KeyboardInterrupt`` or ignores SIGINT), it is killed after a short grace and replaced the same way,
  so the cell scores ``timeout`` and the cells after it still run (stock nbgrader waits forever or
  times out every later cell);
* a cell's output is capped (:attr:`max_output_bytes`), and so is the whole notebook's
  (:attr:`max_notebook_output_bytes`): a student printing gigabytes cannot exhaust the
  grader's memory.
"""

from __future__ import annotations

import asyncio
import time

from jupyter_core.utils import ensure_async
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer

DIED = "KernelDied"
TIMED_OUT = "CellTimeoutError"  # the error name of a cell stopped by a time limit (verdict: timeout)
MAX_RESTARTS = 5
INTERRUPT_GRACE = 3.0  # seconds a timed-out kernel gets to answer the interrupt before it is killed
PROBE_AFTER = 0.2  # seconds after the interrupt before asking whether the kernel is idle after all


class KernelTimedOut(DeadKernelError):
    """A cell ran past its time limit and its kernel ignored the interrupt, so the kernel was killed."""


class ResilientExecute(Execute):
    """nbgrader's Execute preprocessor, restarting the kernel when a cell kills it or will not stop."""

    max_output_bytes = Integer(1024 * 1024, help="output kept per cell; the rest is dropped").tag(config=True)
    max_notebook_output_bytes = Integer(8 * 1024 * 1024, help="output kept for the whole notebook, all cells "
                                                              "together; the rest is dropped").tag(config=True)
    notebook_timeout = Integer(0, help="seconds the whole notebook may run (0: no limit); later cells are "
                                       "not run").tag(config=True)

    _restarts = 0

    def preprocess(self, nb, resources=None, km=None):
        self._restarts = 0
        self._output_sizes: dict[int, int] = {}
        self._notebook_output = 0  # bytes kept so far, all cells together
        self._output_noted: set[int] = set()
        self.deadline = time.monotonic() + self.notebook_timeout if self.notebook_timeout else float("inf")
        return super().preprocess(nb, resources, km=km)

    def out_of_time(self, cell: NotebookNode) -> bool:
        """Past the notebook's time limit: the cell is marked, not run."""
        if cell.cell_type != "code" or time.monotonic() < self.deadline:
            return False
        cell.outputs = [new_output("error", ename=TIMED_OUT, evalue=(
            f"the notebook ran past its total time limit ({self.notebook_timeout} s), so this cell was not run."),
            traceback=[f"{TIMED_OUT}: the notebook ran past its total time limit"])]
        return True

    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        if self.deadline != float("inf"):
            left = max(1, int(self.deadline - time.monotonic()) + 1)
            timeout = min(timeout, left) if timeout else left
        return timeout

    def preprocess_cell(self, cell: NotebookNode, resources, index: int):
        if self.out_of_time(cell):
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError as exc:
            if self._restarts >= MAX_RESTARTS:
                raise
            if isinstance(exc, KernelTimedOut):
                cell.outputs.append(new_output(
                    "error", ename=TIMED_OUT, evalue="the cell ran longer than the time limit and did not "
                    "stop when interrupted; the notebook went on in a fresh kernel.",
                    traceback=[f"{TIMED_OUT}: the cell ran longer than the time limit"]))
            else:
                cell.outputs.append(new_output(
                    "error", ename=DIED, evalue="the Python kernel died while running this cell (a crash, "
                    "os._exit(), or running out of memory); the notebook went on in a fresh kernel.",
                    traceback=[f"{DIED}: the Python kernel died while running this cell"]))
            self._restart_and_replay(index)
            return cell, resources

    async def _async_handle_timeout(self, timeout, cell=None):
        """Interrupt; a kernel that does not answer within the grace period is killed (then replaced)."""
        if not await self.interrupt_or_kill():
            raise KernelTimedOut("the cell timed out and the kernel ignored the interrupt")
        return {"content": {**self.error_on_timeout, "status": "error"}}

    async def interrupt_or_kill(self, msg_id: str | None = None) -> bool:
        """Interrupt the kernel and wait :data:`INTERRUPT_GRACE` seconds for the reply to ``msg_id`` (any
        execute reply when None), or for the kernel to show it is idle. True if either came; otherwise the
        kernel is killed and False.

        Idle: a code that ended as its time ran out (a 1.0 s cell under a 1 s limit) has its reply missed
        by the waiting side, and an idle kernel sends no other. The kernel is asked for its ``kernel_info``,
        which it answers only once no code runs (requests are answered in turn): it did answer, so the code
        is over, and the kernel is kept, not killed after the whole grace and replaced (4 s, a restart and
        a replay of the notebook, measured)."""
        await ensure_async(self.km.interrupt_kernel())
        start = time.monotonic()
        end = start + INTERRUPT_GRACE
        probe = None
        while time.monotonic() < end:
            if probe is None and time.monotonic() - start > PROBE_AFTER:
                probe = self.kc.kernel_info()
            try:
                msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=0.1))
            except Exception:  # noqa: BLE001 - queue.Empty
                continue
            parent = msg.get("parent_header", {}).get("msg_id")
            if msg.get("msg_type") == "execute_reply" and msg_id in (None, parent):
                return True
            if probe is not None and parent == probe:
                return True
        await ensure_async(self.km._async_kill_kernel())
        await asyncio.sleep(0)
        return False

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        total = self._output_sizes.get(cell_index, 0) + size
        self._output_sizes[cell_index] = total
        if total > self.max_output_bytes or self._notebook_output + size > self.max_notebook_output_bytes:
            if cell_index not in self._output_noted:  # one note per cell
                self._output_noted.add(cell_index)
                limit = (f"{self.max_output_bytes // 1024} KB" if total > self.max_output_bytes else
                         f"{self.max_notebook_output_bytes // 1024} KB for the whole notebook")
                outs.append(new_output("stream", name="stdout", text=f"\n[output past {limit} dropped]\n"))
            return None
        self._notebook_output += size
        return super().output(outs, msg, display_id, cell_index)

    def replayable(self, cell: NotebookNode) -> bool:
        return True

    def _restart_and_replay(self, index: int) -> None:
        """A fresh kernel in the same folder, with every earlier code cell re-run silently."""
        self._cleanup_kernel()  # also forgets the old manager and client
        self.create_kernel_manager()
        self.start_new_kernel()  # in the notebook's folder, as the first kernel was
        self.start_new_kernel_client()
        for earlier in self.nb.cells[:index]:
            if earlier.cell_type != "code" or not earlier.source.strip() or not self.replayable(earlier):
                continue
            if any(o.get("ename") in (DIED, TIMED_OUT) for o in earlier.get("outputs", [])):
                continue  # never replay a cell that killed the kernel or would not stop
            msg_id = self.kc.execute(earlier.source, silent=True, store_history=False, allow_stdin=False)
            self.wait_for_reply(msg_id, earlier)
