"""Can a lecture fail because the machine running it is busy?

A lecture may time things to show a speed-up, but nbval runs every lecture cell, so an
``assert`` about a wall-clock measurement turns a loaded CI runner into a red build.
Lectures print their timings (in cells nbval does not compare) and assert only facts
that do not depend on the clock.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COURSE = Path(__file__).resolve().parents[2] / "course"
CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "time", "process_time", "timeit", "repeat"}


def _calls_a_clock(node: ast.AST, timers: set[str]) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            f = sub.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            owner = getattr(f.value, "id", None) if isinstance(f, ast.Attribute) else None
            if name in timers or (owner in {"time", "timeit"} and name in CLOCKS):
                return True
    return False


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _targets(node: ast.AST) -> set[str]:
    out = set()
    for t in getattr(node, "targets", None) or [getattr(node, "target", None)]:
        if t is not None:
            out |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
    return out


def timing_asserts(source: str) -> list[int]:
    """Line numbers of the asserts whose condition depends on a clock reading."""
    tree = ast.parse(source)
    timers = {"timeit"} & {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    timers |= {f.name for f in ast.walk(tree)
               if isinstance(f, ast.FunctionDef) and _calls_a_clock(f, set())}
    timers |= {f.name for f in ast.walk(tree)
               if isinstance(f, ast.FunctionDef) and _calls_a_clock(f, timers)}
    timed: set[str] = set()
    assigns = [n for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))]
    changed = True
    while changed:
        changed = False
        for a in assigns:
            if a.value is not None and (_calls_a_clock(a.value, timers) or _names(a.value) & timed):
                new = _targets(a) - timed
                if new:
                    timed |= new
                    changed = True
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Assert) and (_names(n.test) & timed or _calls_a_clock(n.test, timers))]


def test_the_detector_finds_a_timing_assert():
    lecture = ("import time\n"
               "def best(f):\n    t0 = time.perf_counter(); f(); return time.perf_counter() - t0\n"
               "t_fast = best(lambda: 1)\nt = {}\nt['slow'] = best(lambda: sum(range(9)))\n"
               "ratio = t['slow'] / t_fast\nassert 3 > 2\nassert ratio > 1\n")
    assert timing_asserts(lecture) == [9]


@pytest.mark.parametrize("lecture", sorted(COURSE.glob("[0-9][0-9]-*.py")), ids=lambda p: p.stem)
def test_no_lecture_asserts_on_a_wall_clock(lecture):
    lines = timing_asserts(lecture.read_text(encoding="utf-8"))
    assert not lines, f"{lecture.name}: lines {lines} assert on a timing; print it instead"
