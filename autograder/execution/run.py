"""Running a notebook in a fresh kernel, with the course's time limit, as grading runs it."""

from __future__ import annotations

import os
from pathlib import Path

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode

from autograder.course.config import CELL_TIMEOUT, KERNEL_ARGS, ensure_tools_on_path


class KernelDied(Exception):
    """The kernel kept dying (more restarts than allowed); the notebook could not be run to the end."""


def run_notebook(nb: NotebookNode, cwd: str | Path, *, timeout: int = CELL_TIMEOUT,
                 mode: str | None = "validate") -> NotebookNode:
    """Execute ``nb`` in place in a fresh python3 kernel started in ``cwd``; errors stay in the outputs.

    ``mode`` is what ``NBGRADER_EXECUTION`` says in the kernel (nbgrader's convention), None for a plain
    run. The same executor as grading (:class:`autograder.resilient.ResilientExecute`): a cell that kills the
    kernel fails alone and the rest of the notebook still runs.
    """
    from autograder.execution.resilient import ResilientExecute

    ensure_tools_on_path()
    executor = ResilientExecute(timeout=timeout, kernel_name="python3", extra_arguments=list(KERNEL_ARGS),
                                record_timing=False,  # no timestamps in cell metadata: clean diffs
                                shutdown_kernel="immediate")  # the kernel is thrown away: do not wait ~1 s
    previous = os.environ.get("NBGRADER_EXECUTION")
    if mode is None:  # as a student's own kernel runs it
        os.environ.pop("NBGRADER_EXECUTION", None)
    else:
        os.environ["NBGRADER_EXECUTION"] = mode
    try:
        executor.preprocess(nb, {"metadata": {"path": str(cwd)}})
    except DeadKernelError as exc:
        raise KernelDied(str(exc)) from None
    finally:
        if previous is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = previous
    return nb
