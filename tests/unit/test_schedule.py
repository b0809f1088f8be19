"""Do the long test files start first, so that neither xdist worker finishes alone?"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path
from types import SimpleNamespace

from support.schedule import LONGEST_FIRST, longest_first

TESTS = Path(__file__).resolve().parents[1]


def test_xdist_keeps_our_order_instead_of_putting_files_with_many_tests_first():
    config = tomllib.loads((TESTS.parent / "pyproject.toml").read_text())
    addopts = config["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "--dist" in addopts and addopts[addopts.index("--dist") + 1] == "loadfile"
    assert "--no-loadscope-reorder" in addopts


def test_every_pattern_still_names_a_test_file():
    """A renamed or removed file must not silently drop out of the order."""
    files = [p.name for p in TESTS.glob("test_*.py")]
    assert not [pattern for pattern in LONGEST_FIRST if not any(fnmatch(f, pattern) for f in files)]


def test_the_suite_runs_longest_files_first_and_keeps_each_files_own_order():
    def item(path: str, name: str):
        return SimpleNamespace(path=TESTS / path, name=name)

    items = [item("unit/test_a.py", "a1"), item("test_grading.py", "g1"), item("test_chapter_01_vectors.py", "c1"),
             item("test_hostile.py", "h1"), item("test_grading.py", "g2"), item("test_hostile.py", "h2"),
             item("test_chapter_10_sparse.py", "s1")]
    assert [i.name for i in longest_first(items)] == ["h1", "h2", "s1", "c1", "g1", "g2", "a1"]
