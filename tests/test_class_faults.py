"""Class integrity under attack: one submission's crash, hang or resource bomb costs that submission only.

The fast unit tests (no kernel) check the SymPy rebuild's guard against nested powers and the jail's
arguments; the class test grades honest canaries together with hostile submissions in one
``grade_class`` run with short limits.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from autograder.hardened import wire


def _nested_power(levels: int, base: int = 9, exp: int = 64) -> str:
    text = f"Integer({base})"
    for _ in range(levels):
        text = f"Pow({text}, Integer({exp}))"
    return text


def test_nested_powers_are_measured_at_every_level():
    # each level's exponent is small, the result is not: 9**(64**3) has 250 000 digits
    start = time.perf_counter()
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(_nested_power(3))
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(_nested_power(6))
    assert time.perf_counter() - start < 2


def test_products_of_large_powers_are_refused():
    big = "Pow(Integer(7), Integer(9000))"  # 7 600 digits each: accepted alone
    wire.rebuild_sympy(big)
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(f"Mul({', '.join([big] * 10)})")


def test_honest_powers_still_rebuild():
    import sympy as sp

    assert wire.rebuild_sympy(_nested_power(2, base=2, exp=3)) == sp.Integer(2) ** 9
    assert wire.rebuild_sympy("Pow(Integer(-1), Integer(1000000001))") == -1
    assert wire.rebuild_sympy("Pow(Rational(1, 2), Integer(100))") == sp.Rational(1, 2**100)
    assert wire.rebuild_sympy("Pow(Symbol('x'), Integer(2))") == sp.Symbol("x") ** 2
    assert wire.rebuild_sympy("Pow(Integer(2), Rational(1, 2))") == sp.sqrt(2)


def _crashing_sparse() -> dict:
    """A CSC matrix whose row index points far outside it: converting it to CSR writes out of bounds."""
    import numpy as np

    return {"t": "sparse", "cls": "csr_array", "format": "csc", "shape": [2, 2], "parts": {
        "data": wire.encode(np.ones(2)), "indices": wire.encode(np.array([0, 100_000_000], dtype=np.int32)),
        "indptr": wire.encode(np.array([0, 1, 2], dtype=np.int32))}}


def test_a_sparse_matrix_with_indices_out_of_range_is_refused_not_a_crash():
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom autograder.hardened import wire\n"
            "try:\n    wire.decode(json.loads(sys.argv[1]))\n    print('rebuilt')\n"
            "except wire.PlainDataError as exc:\n    print('refused:', exc)\n")
    run = subprocess.run([sys.executable, "-c", code, json.dumps(_crashing_sparse())], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, f"the grader's process crashed (exit {run.returncode})"
    assert run.stdout.startswith("refused: a damaged sparse matrix"), run.stdout


# --- the dispatcher, without kernels ---------------------------------------------------------------------

def _work(job):
    """A stand-in for grade_job (module level: spawned workers import it)."""
    import os
    import signal
    import subprocess

    kind, value = job
    if kind == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "hang":
        subprocess.Popen(["sleep", "300"])  # a child, as a kernel would be: it must not outlive the worker
        time.sleep(300)
    if kind == "memory":
        return len(bytearray(value * 1024 * 1024))
    return value * 2


def _dispatch(jobs, **kw):
    from autograder.classroom.dispatch import Dispatcher

    results = {}

    def done(job, outcome):
        try:
            results[job] = outcome()
        except Exception as exc:  # noqa: BLE001
            results[job] = exc

    Dispatcher(_work, 2, **kw).run(jobs, done)
    return results


def test_a_crashing_or_hanging_job_fails_alone_and_its_worker_is_replaced():
    from autograder.classroom.dispatch import WorkerFailure

    jobs = [("crash", 0), ("ok", 1), ("hang", 0), ("ok", 2), ("ok", 3), ("ok", 4)]
    start = time.perf_counter()
    results = _dispatch(jobs, job_timeout=4)
    assert time.perf_counter() - start < 30
    assert [results[("ok", i)] for i in range(1, 5)] == [2, 4, 6, 8]
    assert isinstance(results[("crash", 0)], WorkerFailure)
    assert "died" in str(results[("crash", 0)]) and "SIGSEGV" in str(results[("crash", 0)])
    assert isinstance(results[("hang", 0)], WorkerFailure) and "longer than 4 s" in str(results[("hang", 0)])


def test_a_worker_that_hangs_is_killed_with_its_children():
    import subprocess

    def sleepers() -> set[str]:
        run = subprocess.run(["pgrep", "-f", "^sleep 300$"], capture_output=True, text=True)
        return set(run.stdout.split())

    before = sleepers()
    _dispatch([("hang", 0)], job_timeout=3)
    time.sleep(0.5)
    assert sleepers() <= before


def test_the_grading_worker_has_a_memory_bound():
    from autograder.classroom.dispatch import WorkerFailure

    results = _dispatch([("memory", 4096), ("memory", 10)], memory_mb=2048)
    assert isinstance(results[("memory", 4096)], WorkerFailure) and "MemoryError" in str(results[("memory", 4096)])
    assert results[("memory", 10)] == 10 * 1024 * 1024


# --- the jail's arguments, without kernels ----------------------------------------------------------------

def test_every_worker_slot_runs_its_kernels_as_its_own_uid(monkeypatch, tmp_path):
    import json

    from autograder.hardened import jail, resources

    uids = set()
    for slot in range(3):
        monkeypatch.setenv("AUTOGRADER_SLOT", str(slot))
        uid = resources.slot_uid()
        uids.add(uid)
        cmd = jail.jail_command(["python"], tmp_path, uid=uid)
        assert f"--reuid={uid}" in cmd and f"--regid={uid}" in cmd
        spec = json.loads(jail.launcher(cmd, jail.Limits(), uid=uid, cgroups=["/x"], nice=5)[3])
        assert (spec["uid"], spec["cgroups"], spec["nice"]) == (uid, ["/x"], 5)
    assert uids == {65534, 65533, 65532}


def test_the_scratch_folder_is_a_size_limited_tmpfs(tmp_path):
    import os

    from autograder.hardened import resources

    folder = tmp_path / "scratch"
    folder.mkdir()
    if not resources.mount_scratch(folder, 2):
        assert any("scratch folder" in text for text in resources.missing())  # said loudly
        pytest.skip("this machine does not let the grader mount a tmpfs")
    try:
        with pytest.raises(OSError):
            with open(folder / "big", "wb") as fh:
                for _ in range(4):
                    fh.write(b"x" * 1024 * 1024)
                    fh.flush()
                    os.fsync(fh.fileno())
    finally:
        resources.unmount_scratch(folder)


def test_a_kernel_gets_control_groups_with_its_limits():
    from autograder.hardened import resources

    layout = resources.cgroup_layout()
    if not layout:
        assert any("cgroup" in text for text in resources.missing())
        pytest.skip("no writable cgroup controller here")
    made = resources.make_cgroups("autograder-test-cgroup", resources.KernelResources(tree_memory_mb=300,
                                                                                        tree_processes=77))
    try:
        assert made
        texts = {f.name: f.read_text().strip() for d in made for f in Path(d).iterdir()
                 if f.name in ("memory.max", "memory.limit_in_bytes", "pids.max")}
        if "memory" in layout:
            assert str(300 * 1024 * 1024) in texts.values()
        if "pids" in layout:
            assert texts["pids.max"] == "77"
    finally:
        resources.remove_cgroups(made)
    assert not any(Path(d).exists() for d in made)
