"""Execution that survives a dead kernel: the cell that killed it fails, the rest of the notebook runs.

With plain nbgrader, one ``os._exit()``, crash or out-of-memory in any cell aborts the whole notebook and
every question scores 0. :class:`ResilientExecute` (nbgrader's ``Execute`` with one change) marks the
cell that killed the kernel with an error, starts a fresh kernel, silently replays the cells that ran
before it (so definitions and imports are back, without their outputs), and carries on. A question then
loses points only if it depends on the cell that crashed.
"""

from __future__ import annotations

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute

DIED = "KernelDied"
MAX_RESTARTS = 5


class ResilientExecute(Execute):
    """nbgrader's Execute preprocessor, restarting the kernel when a cell kills it."""

    _restarts = 0

    def preprocess(self, nb, resources=None, km=None):
        self._restarts = 0
        return super().preprocess(nb, resources, km=km)

    def preprocess_cell(self, cell: NotebookNode, resources, index: int):
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            if self._restarts >= MAX_RESTARTS:
                raise
            self._restarts += 1
            cell.outputs.append(new_output(
                "error", ename=DIED, evalue="the Python kernel died while running this cell (a crash, "
                "os._exit(), or running out of memory); the notebook went on in a fresh kernel.",
                traceback=[f"{DIED}: the Python kernel died while running this cell"]))
            self._restart_and_replay(index)
            return cell, resources

    def _restart_and_replay(self, index: int) -> None:
        """A fresh kernel in the same folder, with every earlier code cell re-run silently."""
        self._cleanup_kernel()  # also forgets the old manager and client
        self.create_kernel_manager()
        self.start_new_kernel()  # in the notebook's folder, as the first kernel was
        self.start_new_kernel_client()
        for earlier in self.nb.cells[:index]:
            if earlier.cell_type != "code" or not earlier.source.strip():
                continue
            if any(o.get("ename") == DIED for o in earlier.get("outputs", [])):
                continue  # never replay a cell that killed the kernel
            msg_id = self.kc.execute(earlier.source, silent=True, store_history=False, allow_stdin=False)
            self.wait_for_reply(msg_id, earlier)
