"""Running a notebook in a fresh kernel (nbclient), with the course's time limit and clear failures."""

from __future__ import annotations

import os
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode

from .nbgrader_settings import CELL_TIMEOUT, KERNEL_ARGS

TIMEOUT_OUTPUT = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["CellTimeoutError: No reply from kernel before timeout"],
}


class KernelDied(Exception):
    """The kernel died mid-run (os._exit, a crash, or out of memory)."""


def run_notebook(nb: NotebookNode, cwd: str | Path, *, timeout: int = CELL_TIMEOUT,
                 mode: str = "validate") -> NotebookNode:
    """Execute ``nb`` in place in a fresh python3 kernel started in ``cwd``; errors stay in the outputs."""
    client = NotebookClient(
        nb,
        timeout=timeout,
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout=TIMEOUT_OUTPUT,
        kernel_name="python3",
        extra_arguments=list(KERNEL_ARGS),
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    previous = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = mode
    try:
        client.execute()
    except DeadKernelError as exc:
        raise KernelDied(str(exc)) from None
    finally:
        if previous is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = previous
    return nb
