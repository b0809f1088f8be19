"""Class integrity under attack: one submission's crash, hang or resource bomb costs that submission only.

The fast unit tests (no kernel) check the SymPy rebuild's guard against nested powers and the jail's
arguments; the class test grades honest canaries together with hostile submissions in one
``grade_class`` run with short limits.
"""

from __future__ import annotations

import os
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
    if kind == "slow":
        time.sleep(value)
    if kind == "touch":
        open(value, "w").close()
        return "touched"
    if kind == "imported":
        import sys
        return value in sys.modules
    if kind == "env":
        return os.environ.get(value)
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


def test_workers_start_before_the_first_job_so_their_set_up_overlaps_the_callers():
    from autograder.classroom.dispatch import Dispatcher

    dispatcher = Dispatcher(_work, 2)
    dispatcher.start()
    processes = [w.process for w in dispatcher.workers]
    assert all(p.is_alive() for p in processes)
    results = {}
    dispatcher.run([("ok", 1), ("ok", 2)], lambda job, outcome: results.setdefault(job, outcome()))
    assert results == {("ok", 1): 2, ("ok", 2): 4}
    assert not any(p.is_alive() for p in processes)


def test_the_first_jobs_are_graded_while_the_caller_prepares_the_gradebook(tmp_path):
    """grade-class records the assignments in the gradebook (seconds) while the workers grade their first
    jobs, not before handing them out; no result is recorded before that preparation is done."""
    from autograder.classroom.dispatch import Dispatcher

    marks = [str(tmp_path / f"job-{i}") for i in range(2)]
    seen, order = {}, []

    def meanwhile():
        deadline = time.monotonic() + 30
        while not all(os.path.exists(m) for m in marks) and time.monotonic() < deadline:
            time.sleep(0.05)
        seen["both jobs ran"] = all(os.path.exists(m) for m in marks)
        order.append("prepared")

    Dispatcher(_work, 2).run([("touch", m) for m in marks], lambda job, outcome: order.append(outcome()),
                             meanwhile=meanwhile)
    assert seen == {"both jobs ran": True}
    assert order == ["prepared", "touched", "touched"]


def test_a_worker_with_nothing_left_to_do_exits_while_another_still_grades():
    """Workers stop in parallel as they run out of work, not one after another at the end."""
    from autograder.classroom.dispatch import Dispatcher

    dispatcher = Dispatcher(_work, 2)
    seen = {}

    def done(job, outcome):
        outcome()
        if job[0] == "slow":  # the quick job's worker has had 3 s to exit
            seen["alive"] = sum(w.process.is_alive() for w in dispatcher.workers if w is not None)

    dispatcher.run([("slow", 3), ("ok", 1)], done)
    assert seen["alive"] == 1  # only the worker that just finished the slow job


def test_workers_start_with_the_grading_code_imported_and_the_dispatchers_environment(monkeypatch):
    """Forked from a server that imported the grading code once (each spawned worker paid ~1.7 s of CPU
    for it), yet with the environment the dispatcher has now, not the one the server started with."""
    def ask(job):
        return _dispatch([job])[job]

    assert ask(("imported", "autograder.classroom.grade_class")) is True
    monkeypatch.setenv("AUTOGRADER_TEST_MARK", "set after the first workers")
    assert ask(("env", "AUTOGRADER_TEST_MARK")) == "set after the first workers"
    assert ask(("env", "OPENBLAS_NUM_THREADS")) == "1"


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


# --- a class under attack, in one grade-class run ---------------------------------------------------------

CRASH_FLAG = "CLASS_FAULTS_CRASH"
LIMITS = {"tree_memory_mb": 512, "scratch_mb": 16, "notebook_output_kb": 256}
CELL_TIMEOUT = 10

SPARSE_CRASH = '''
import numpy as np
import scipy.sparse as sps

class csr_array(sps.csc_array):  # named like a CSR matrix, holds CSC parts: the grader converts it
    pass

faulty_line = csr_array((np.ones(2), np.array([0, 100_000_000], dtype=np.int32),
                       np.array([0, 1, 2], dtype=np.int32)), shape=(2, 2))
'''

DISK_AND_MEMORY_BOMB = '''
import os
import time
_written = 0
try:
    for _i in range(8):  # 64 MiB in files of 8 MiB (each under the per-file limit)
        with open(f"bomb{_i}.bin", "wb") as _f:
            _f.write(b"x" * (8 * 1024 * 1024))
        _written += 8
except OSError:
    pass
_pids = []
for _i in range(3):  # children of 200 MiB each: each under the per-process limit, not together
    _pid = os.fork()
    if _pid == 0:
        try:
            _b = bytearray(200 * 1024 * 1024)
            for _j in range(0, len(_b), 4096):
                _b[_j] = 1
            time.sleep(3)  # hold it, so that the three are alive together (a fast child no longer ends first)
            os._exit(0)
        except BaseException:
            os._exit(1)
    _pids.append(_pid)
_ok = sum(os.waitpid(_p, 0)[1] == 0 for _p in _pids)
print("WROTE", _written, "MB; CHILDREN", _ok, "; UID", os.getuid())
'''


def crash_or_grade(job, **kw):
    """grade_job, except that the worker grading mallory dies at once while CRASH_FLAG is set."""
    import os
    import signal

    from autograder.classroom.grade_class import grade_job

    if os.environ.get(CRASH_FLAG) and job.student == "mallory":
        os.kill(os.getpid(), signal.SIGSEGV)
    return grade_job(job, **kw)


def _hostile_class(course, folder: Path) -> dict[str, Path]:
    from conftest import StudentNotebook

    folder.mkdir(parents=True)
    q6 = StudentNotebook(course).reference["q6-parameter"]
    bomb = StudentNotebook(course).answer_all()
    bomb.answer("q1-distance-digits", bomb.reference["q1-distance-digits"] + DISK_AND_MEMORY_BOMB)
    for gid in ("q2-normalize", "q3-project", "q4-cosine"):  # 3 x 400 KB of output, each under the cell cap
        bomb.answer(gid, bomb.reference[gid] + '\nprint("y" * 400_000)\n')
    return {
        "alice": StudentNotebook(course).answer_all().save(folder / "alice_01-vectors.ipynb"),
        "carol": StudentNotebook(course).answer_all().replace_in(
            "q3-project", "(u @ v) / (v @ v) * v", "(u @ v) / (u @ u) * u").save(folder / "carol_01-vectors.ipynb"),
        "mallory": StudentNotebook(course).answer_all().answer(
            "q1-distance-digits", StudentNotebook(course).reference["q1-distance-digits"] + SPARSE_CRASH).save(
            folder / "mallory_01-vectors.ipynb"),
        # within 1e-434294 of the right determinant at every point a check would try, so only simplify() can
        # tell, and it works on (a + 1)**20000 for hours
        "henry": StudentNotebook(course).answer_all().answer("q6-parameter", q6.replace(
            "sp.Matrix([[1, a], [a, 4]]).det()", "4 - a**2 + sp.exp(-10**6) * ((a + 1)**20000 - a**2)").replace(
            "set(sp.solve(det_a, a))", "{-2, 2}")).save(folder / "henry_01-vectors.ipynb"),
        "bomb": bomb.save(folder / "bomb_01-vectors.ipynb"),
    }


def _grade(course, base: Path, **kw):
    import os
    from functools import partial

    from autograder.classroom.grade_class import grade_class

    work = partial(crash_or_grade, course_root=str(course.root), timeout=CELL_TIMEOUT, hardened=True,
                   resources=LIMITS)
    return grade_class(base / "lms", course, base / "out", workers=2, quiet=True, timeout=CELL_TIMEOUT,
                       resources=LIMITS, work=work, job_timeout=240, **kw)


@pytest.fixture(scope="module")
def attacked_class(course, tmp_path_factory):
    import os

    base = tmp_path_factory.mktemp("attacked")
    files = _hostile_class(course, base / "lms")
    os.environ[CRASH_FLAG] = "1"
    try:
        start = time.perf_counter()
        first = _grade(course, base)
        seconds = time.perf_counter() - start
    finally:
        os.environ.pop(CRASH_FLAG)
    return base, files, first, seconds


def _scores(base: Path) -> dict[str, float]:
    import csv

    with open(base / "out" / "grades.csv", encoding="utf-8") as fh:
        return {r["student"]: float(r["score"]) for r in csv.DictReader(fh)}


def test_honest_students_score_as_in_a_clean_run_and_outputs_are_written(course, attacked_class):
    import sqlite3

    from autograder.grading.grader import grade_notebooks

    base, files, first, seconds = attacked_class
    clean = grade_notebooks([files["carol"]], course, timeout=CELL_TIMEOUT)[0]
    scores = _scores(base)
    assert scores["carol"] == clean.score < clean.max_score
    max_score = sqlite3.connect(base / "out" / "results.sqlite").execute(
        "SELECT result FROM results WHERE student='alice'").fetchone()[0]
    assert scores["alice"] == __import__("json").loads(max_score)["max_score"] == clean.max_score  # the reference
    for name in ("gradebook.db", "grades.csv", "report.md"):  # the run went to the end
        assert (base / "out" / name).exists()


def test_a_worker_crash_is_reported_not_stored_and_regraded_next_time(course, attacked_class):
    base, files, first, _ = attacked_class
    assert [path for path, _ in first.unfinished] == [str(files["mallory"])]
    assert "SIGSEGV" in first.unfinished[0][1]
    assert any("NOT GRADED" in line and "mallory" in line for line in first.lines())
    assert "mallory" not in _scores(base)
    graded = []
    second = _grade(course, base, on_result=lambda job, result: graded.append((job.student, result)))
    assert [student for student, _ in graded] == ["mallory"]  # exactly the failure, nothing else
    assert second.skipped == 4 and not second.unfinished
    # the crafted sparse matrix that crashed the grader's SciPy is now refused: that one test fails alone
    questions = {q["grade_id"]: q for q in graded[0][1]["questions"]}
    assert questions["q1-distance-digits-visible"]["points"] == 0
    assert _scores(base)["mallory"] == 21 - 2


def test_a_verdict_that_would_run_for_hours_times_out_alone(attacked_class):
    import json

    base, files, first, _ = attacked_class
    result = json.loads(__import__("sqlite3").connect(base / "out" / "results.sqlite").execute(
        "SELECT result FROM results WHERE student='henry'").fetchone()[0])
    status = {q["grade_id"]: q["status"] for q in result["questions"]}
    assert status["q6-parameter-hidden"] == "timeout"
    assert all(s == "passed" for gid, s in status.items() if not gid.startswith("q6"))


def test_a_resource_bomb_is_held_to_its_kernels_limits(attacked_class):
    import re

    base, files, first, _ = attacked_class
    graded = base / "out" / "autograded" / "bomb" / "01-vectors" / "01-vectors-exercises.ipynb"
    text = graded.read_text(encoding="utf-8")
    found = re.search(r"WROTE (\d+) MB; CHILDREN (\d+) ; UID (\d+)", text)
    if found:  # (the kernel itself may be the process the memory limit stopped)
        assert int(found.group(1)) <= LIMITS["scratch_mb"]
        assert int(found.group(2)) < 3
        assert int(found.group(3)) in (65534, 65533)
    assert graded.stat().st_size < 20_000 * 5 + LIMITS["notebook_output_kb"] * 1024 + 200_000
    assert "for the whole notebook" in text
    assert _scores(base)["bomb"] > 0


def test_a_kernels_control_groups_are_removed_with_what_is_left_in_them():
    import subprocess
    import sys

    from autograder.hardened import resources

    if not resources.cgroup_layout():
        pytest.skip("no writable cgroup controller here")
    made = resources.make_cgroups("autograder-test-leftover", resources.KernelResources())
    # a kernel's child still running when the notebook is done, holding memory (which takes a moment to free)
    left = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(400 * 2**20); print(flush=True); "
                             "time.sleep(60)"], stdout=subprocess.PIPE)
    left.stdout.readline()
    try:
        for folder in made:
            Path(folder, "cgroup.procs").write_text(str(left.pid))
        resources.remove_cgroups(made)
        assert not any(Path(d).exists() for d in made)
        assert left.wait(timeout=5) == -9
    finally:
        left.kill()
        left.wait()
