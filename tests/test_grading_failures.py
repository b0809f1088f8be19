"""What happens when a submission runs forever or kills its kernel? A clear status, never free points.

Kept apart from test_grading.py so that these slow cases run on another worker.
"""

from __future__ import annotations

import json

from autograder.grading.selfcheck import check_notebook
from conftest import StudentNotebook
from support.cli import run_cli
from test_grading import CH01_MAX


def test_an_endless_loop_is_stopped_and_reported_as_timeout(course, tmp_path):
    """In an answer cell, or in a function that only loops when a test calls it (the grader's call is stopped
    at the time limit, then the next test runs)."""
    nb = StudentNotebook(course).answer_all().answer("q1-distance-digits", "while True:\n    pass\n")
    nb.answer("q2-normalize", "def normalize(x):\n    while True:\n        pass\n")
    path = nb.save(tmp_path / "loop_01-vectors.ipynb")
    proc = run_cli("grade", "--json", "--timeout", "2", str(path))  # every honest test takes under 0.3 s
    assert proc.returncode == 0, proc.stderr
    [result] = json.loads(proc.stdout)
    looping = [q for q in result["questions"] if q["grade_id"].startswith(("q1-", "q2-"))]
    assert [q["status"] for q in looping] == ["timeout"] * 4, looping
    assert result["score"] == CH01_MAX - sum(q["max_points"] for q in looping)
    assert all(q["status"] == "passed" for q in result["questions"] if q not in looping)


def test_a_cell_that_kills_the_kernel_costs_only_its_own_question(course, tmp_path):
    """os._exit() in one answer: that question fails with a clear message, every other one is graded."""
    nb = StudentNotebook(course).answer_all().answer("q3-project", "import os\nos._exit(0)\n")
    path = nb.save(tmp_path / "dies_01-vectors.ipynb")
    proc = run_cli("grade", "--json", str(path))
    [result] = json.loads(proc.stdout)
    q3 = [q for q in result["questions"] if q["grade_id"].startswith("q3-")]
    assert all(q["status"] == "error" and "kernel died" in q["message"] for q in q3), q3
    assert result["score"] == CH01_MAX - 3

    # the self-check runs the same way
    checked = {q.grade_id: q for q in check_notebook(path).questions}
    assert checked["q3-project-visible"].status == "error" and checked["q3-project-visible"].points == 0
    assert checked["q2-normalize-visible"].status == "passed"
    assert checked["q4-cosine-visible"].status == "passed"


def test_a_kernel_killed_inside_a_hidden_test_costs_only_that_test(course, tmp_path):
    nb = StudentNotebook(course).answer_all().replace_in(
        "q2-normalize", "    if n == 0:\n", "    if n == 0:\n        import os\n        os._exit(1)\n")
    path = nb.save(tmp_path / "dies-late_01-vectors.ipynb")
    [result] = json.loads(run_cli("grade", "--json", str(path)).stdout)
    bad = [q["grade_id"] for q in result["questions"] if q["status"] != "passed"]
    assert bad == ["q2-normalize-hidden"]
    assert result["score"] == CH01_MAX - 2


def test_without_the_jail_grading_still_works_and_says_loudly_what_is_off(course, tmp_path):
    """A machine without bubblewrap (or a container that forbids namespaces): same scores, a clear warning."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    path = StudentNotebook(course).answer_all().answer("q2-normalize", "def normalize(x):\n    return x\n").save(
        tmp_path / "nojail_01-vectors.ipynb")
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", "--json", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "AUTOGRADER_JAIL": "off"})
    [result] = json.loads(proc.stdout)
    assert result["score"] == CH01_MAX - 3
    assert "OFF: the jail" in result["protections"] and "verdicts computed outside" in result["protections"]
    assert "WARNING" in proc.stderr and "OFF: the jail" in proc.stderr


def test_a_notebook_of_slow_cells_is_stopped_at_its_total_time_limit(course, tmp_path):
    """Every cell under the per-cell limit, but too many of them: the batch still moves on."""
    import time

    work = StudentNotebook(course).answer_all()
    for gid in list(work.reference):
        work.answer(gid, "import time\ntime.sleep(1)\n" + work.reference[gid])
    path = work.save(tmp_path / "slow_01-vectors.ipynb")
    start = time.monotonic()
    proc = run_cli("grade", "--json", "--timeout", "4", "--notebook-timeout", "5", str(path))
    elapsed = time.monotonic() - start
    [result] = json.loads(proc.stdout)
    status = {q["grade_id"]: q for q in result["questions"]}
    assert status["q1-distance-digits-visible"]["status"] == "passed"
    assert status["q7-gram-schmidt-hidden"]["status"] == "timeout"
    assert "total time limit" in status["q7-gram-schmidt-hidden"]["message"]
    assert 0 < result["score"] < CH01_MAX and elapsed < 60


def test_the_notebook_of_another_assignment_gets_one_clear_line_and_zero(course, tmp_path):
    other = StudentNotebook(course, "02-linear-transformations").answer_all().save(tmp_path / "mixed-up.ipynb")
    mine = StudentNotebook(course).answer_all().save(tmp_path / "fine.ipynb")
    proc = run_cli("grade", "--json", "--assignment", "01-vectors", str(other), str(mine))
    wrong, right = json.loads(proc.stdout)
    assert wrong["score"] == 0 and wrong["max_score"] == CH01_MAX
    assert "assignment '02-linear-transformations', not '01-vectors'" in wrong["error"]
    assert right["score"] == CH01_MAX


def test_a_cell_that_ends_as_its_time_runs_out_keeps_its_kernel():
    """Its reply is missed by the side that timed out, and an interrupted idle kernel sends none: the kernel shows
    it is idle (it answers a kernel_info request, which it answers only between cells), so it is not killed after
    the whole grace period and replaced (a restart and a replay of the notebook: 4 s where the limit was 1 s)."""
    import asyncio
    from queue import Empty

    from autograder.execution.resilient import ResilientExecute

    class IdleKernel:  # the cell's reply is gone; the kernel answers whatever is asked next
        def __init__(self):
            self.asked, self.killed, self.interrupted = [], False, False
            self.shell_channel = self

        async def get_msg(self, timeout=None):
            if self.asked:
                return {"msg_type": "kernel_info_reply", "parent_header": {"msg_id": self.asked.pop()}}
            await asyncio.sleep(timeout or 0)
            raise Empty

        def kernel_info(self):
            self.asked.append("probe-1")
            return "probe-1"

        async def interrupt_kernel(self):
            self.interrupted = True

        async def _async_kill_kernel(self):
            self.killed = True

    kernel = IdleKernel()
    executor = ResilientExecute()
    executor.km = executor.kc = kernel
    assert asyncio.run(executor.interrupt_or_kill()) is True
    assert kernel.interrupted and not kernel.killed
