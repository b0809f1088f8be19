"""The course's nbgrader configuration, in one place.

``nbgrader_config.py`` at the repository root loads :func:`course_config` so that the plain ``nbgrader``
command, the JupyterLab extensions and ``python -m autograder`` all run with the same settings. Each
setting below answers a known nbgrader 0.9 pitfall.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from traitlets.config import Config

from autograder.course.layout import COURSE_ID

CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"

# Seconds one cell may run before it is interrupted and marked as timed out.
CELL_TIMEOUT = 60
# Seconds a whole notebook may run: cells after that are not run and their tests score `timeout`.
NOTEBOOK_TIMEOUT = 900
# grade-class: seconds one submission may take in a worker (all its cells, kernel restarts and the grader's
# tests) before the worker is killed and the submission reported, not graded; a worker's address space.
JOB_TIMEOUT = 2 * NOTEBOOK_TIMEOUT + 120
GRADER_MEMORY_MB = 4096  # a worker needs ~0.9 GB of address space on its own

# nbgrader scores a test cell 0 if *anything* reaches stderr. A NumPy/SymPy/matplotlib warning is not a
# wrong answer, so stderr chunks that are Python warnings are dropped before scoring (IgnorePattern).
# Tracebacks are 'error' outputs, not stderr streams, so failing tests still fail.
WARNING_PATTERN = r"(?m)^.*\b\w*Warning: "

# Kernel arguments: no history database (parallel kernels would contend for it), and no TCP-encryption
# warning from ipykernel 7 on every start (kernels listen on localhost only).
KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]

# Non-notebook files of an assignment folder that must never be copied into the student release:
# jupytext text twins of the solution notebooks hold the reference solutions.
RELEASE_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py", "*.md", ".*"]


def course_config(root: str | Path, *, db_url: str | None = None, hardened: bool = False,
                  jail: bool = True) -> Config:
    """The nbgrader Config for a course rooted at ``root``.

    ``hardened`` grades with :class:`autograder.trusted.HardenedExecute` (the student's kernel jailed when
    ``jail``, verdicts decided in the grader); the default is nbgrader's own way, with the kernel fixes.
    """
    ensure_tools_on_path()
    gradebook_version_in_process()
    metadata_schema_checked_once()
    root = Path(root).resolve()
    c = Config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.source_directory = "solutions"
    c.CourseDirectory.release_directory = "exercises"
    c.CourseDirectory.db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    c.CourseDirectory.ignore = list(RELEASE_IGNORE)

    # code_stub is a dict keyed by kernel language, not a string.
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.ClearSolutions.enforce_metadata = True

    c.Execute.timeout = CELL_TIMEOUT
    c.ResilientExecute.notebook_timeout = NOTEBOOK_TIMEOUT
    c.Execute.interrupt_on_timeout = True
    c.Execute.extra_arguments = list(KERNEL_ARGS)
    c.Execute.shutdown_kernel = "immediate"  # its state is thrown away anyway; a graceful stop costs ~1 s
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = WARNING_PATTERN

    # A cell that kills the kernel (os._exit, a crash, out of memory) fails alone; the rest still runs.
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                        SaveAutoGrades)

    from autograder.execution.resilient import ResilientExecute
    from autograder.hardened.session import HardenedExecute

    execute = HardenedExecute if hardened else ResilientExecute
    c.HardenedExecute.jail = jail
    c.Autograde.autograde_preprocessors = [execute, IgnorePattern, ClearMetadataPreprocessor,
                                           LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]

    # nbconvert validates the whole notebook after each of a conversion's preprocessors (seven in autograde,
    # 14 ms a graded notebook); once, after the last, checks the same notebook that is written.
    c.Exporter.optimistic_validation = True

    # A student who deletes a test cell by accident still gets it run (and graded).
    c.OverwriteCells.add_missing_cells = True

    # The default exchange (/srv/nbgrader/exchange) does not exist on a fresh machine.
    c.Exchange.root = str(root / ".exchange")
    c.Exchange.path_includes_course = True
    return c


def ensure_tools_on_path() -> None:
    """nbgrader shells out to ``alembic`` (and kernels to ``python``): make this interpreter's bin/ visible.

    Without it, ``.venv/bin/python -m autograder grade`` fails in a shell where the venv is not activated.
    """
    bindir = os.path.dirname(sys.executable)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])


def _alembic_head() -> str:
    """The gradebook schema version nbgrader stamps on a new database, read from its own migrations."""
    from alembic.script import ScriptDirectory
    import nbgrader

    migrations = os.path.join(os.path.dirname(nbgrader.__file__), "alembic")
    return ScriptDirectory(migrations).get_current_head()


def gradebook_version_in_process() -> None:
    """nbgrader runs ``alembic heads`` in a subprocess for every new gradebook (1-6 s each, and every
    grading run creates several): ask alembic in this process instead, once. Same value, no subprocess."""
    import nbgrader.api

    if getattr(nbgrader.api.get_alembic_version, "in_process", False):
        return
    head = _alembic_head()

    def get_alembic_version() -> str:
        return head

    get_alembic_version.in_process = True  # type: ignore[attr-defined]
    nbgrader.api.get_alembic_version = get_alembic_version


class _SchemaOnce:
    """The ``jsonschema`` module as nbgrader's metadata validator sees it, with a ``validate`` that checks a
    schema and builds its validator once, not on every call. ``jsonschema.validate(instance, schema)`` does
    both each time: nbgrader calls it for every cell, twice per graded notebook (``CheckCellMetadata``
    before and after the run), 15 ms a notebook. The same schema, the same check, the same error."""

    def __init__(self, module):
        self._module = module
        self._validators: dict[str, object] = {}

    def __getattr__(self, name: str):
        return getattr(self._module, name)

    def validate(self, instance, schema, *args, **kwargs):
        if args or kwargs:  # a call this class was not written for: jsonschema's own
            return self._module.validate(instance, schema, *args, **kwargs)
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            cls = self._module.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        error = self._module.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error


def metadata_schema_checked_once() -> None:
    """nbgrader's cell-metadata validation (:class:`_SchemaOnce`), with one validator per schema."""
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _SchemaOnce):
        common.jsonschema = _SchemaOnce(common.jsonschema)
