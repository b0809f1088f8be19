"""The order in which the two pytest-xdist workers pick up test files: the longest first.

`--dist loadfile` hands out whole files, one at a time, to whichever worker is free. pytest-xdist's own
order puts the files with the most tests first, which sends the long single-test files (a whole batch of
notebooks graded in one fixture) to the end: one worker then grades them alone while the other has
nothing left to do (the hardened-parity file, 154 s, ran alone at the end of a CI run). Longest first,
the last files to start are short ones and the workers finish together.

The list is from `--durations` on the CI machine (setup and call of each file, seconds in comments). It
only changes the order, never which tests run nor what they check; a file it does not name runs after
the named ones, in collection order.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

LONGEST_FIRST = [
    "test_hostile.py",  # 253: 47 hostile notebooks graded in one batch
    "test_hardened_parity.py",  # 154: stock nbgrader and hardened grading of the same 12 notebooks
    "test_lectures_portable.py",  # 121 + 60: every lecture under two other OpenBLAS kernels
    "test_chapter_*_sparse.py",  # 145
    "test_chapter_*_graphs.py",  # new: its hidden tests run PageRank and a GCN layer on large sparse graphs
    "test_chapter_*_determinants.py",  # 145
    "test_class_grading.py",  # 180, in many tests
    "test_grading_failures.py",  # 120
    "test_chapter_*_orthogonality.py",  # 105
    "test_chapter_*_svd.py",  # 90
    "test_chapter_*_forecasting.py",  # 85
    "test_readme_commands.py",  # 190, in many tests
    "test_chapter_*.py",  # 50-75 each
    "test_class_hostile.py",  # 72
    "test_exchange.py",  # 61
    "test_browser.py",  # 110, in four tests
    "test_class_faults.py",  # 56
    "test_grading.py",  # 50
]


def rank(path: Path) -> int:
    """The position of a test file in :data:`LONGEST_FIRST` (the first pattern it matches), else after all."""
    return next((i for i, pattern in enumerate(LONGEST_FIRST) if fnmatch(path.name, pattern)),
                len(LONGEST_FIRST))


def longest_first(items: list) -> list:
    """``items`` (pytest items) with the files reordered by :func:`rank`; the order inside a file is kept."""
    return sorted(items, key=lambda item: rank(Path(str(item.path))))  # sorted() is stable
