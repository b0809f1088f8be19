"""Kernels forked from the template (issue #14): does a student's kernel start as clean as a cold one?

One ``grade`` process grades its notebooks one after another with kernels forked from one template. A
*polluter* leaves everything it can behind (variables, environment, patched NumPy and modules, IPython
hooks, files in every folder it can reach, a background process, System V shared memory), and the
*observer* graded right after it throws away one question's answer for each kind of leftover it finds.
The same polluter and observer in one kernel show that the observer sees every kind (it scores 0).
"""

from __future__ import annotations

import json
import os
import uuid

import pytest

from conftest import StudentNotebook
from support.cli import run_cli
from test_grading import CH01_MAX

MARK = uuid.uuid4().hex[:8]
SLEEP = f"300.{int(MARK, 16) % 10**6:06d}"  # a background process's argument: a valid number, unique to this run

POLLUTE = f"""
import ctypes, os, subprocess, sys, time, types
import numpy as np
LEFTOVER_{MARK} = 1
os.environ["LEFTOVER_{MARK}"] = "1"
np.allclose = lambda *a, **k: True
sys.modules["leftover_{MARK}"] = types.ModuleType("leftover_{MARK}")
for _d in {{os.getcwd(), os.environ.get("HOME", "."), os.environ.get("TMPDIR", "."), "/tmp", "/dev/shm",
           os.path.dirname(os.getcwd())}}:
    try:
        with open(os.path.join(_d, "leftover-{MARK}"), "w") as _f:
            _f.write("x")
    except OSError:
        pass
_sleeper = subprocess.Popen(["sleep", "{SLEEP}"], start_new_session=True)
for _ in range(1000):  # Popen returns mid-exec: /proc shows the sleep's own command line a moment later
    if b"{SLEEP}" in open(f"/proc/{{_sleeper.pid}}/cmdline", "rb").read():
        break
    time.sleep(0.01)
ctypes.CDLL(None).shmget(0x{MARK[:6]}, 4096, 0o1666)
class _Hook:
    leftover = "{MARK}"
    def visit(self, node):
        return node
get_ipython().ast_transformers.append(_Hook())
"""

OBSERVE = f"""
import glob, os, sys
import numpy as np
_parent = open(f"/proc/{{os.getppid()}}/cmdline", "rb").read()
_dirty = {{"forked": b"template_server" not in _parent}}  # a cold kernel would prove nothing here
_dirty["ipc"] = len(open("/proc/sysvipc/shm").read().splitlines()) > 1
_dirty["names"] = "LEFTOVER_{MARK}" in globals() or "LEFTOVER_{MARK}" in os.environ or "leftover_{MARK}" in sys.modules
_dirty["numpy"] = bool(np.allclose(0, 1))
_places = [os.getcwd(), os.environ.get("HOME", "."), os.environ.get("TMPDIR", "."), "/tmp", "/dev/shm",
           os.path.dirname(os.getcwd()), os.path.dirname(os.getcwd()) + "/*"]
_dirty["files"] = any(glob.glob(p + "/leftover-*") for p in _places) or \
    bool(set(os.listdir(os.path.dirname(os.getcwd()))) - {{os.path.basename(os.getcwd()), ".template"}})
_dirty["processes"] = any(b"{SLEEP}" in open(f"/proc/{{p}}/cmdline", "rb").read()
                          for p in os.listdir("/proc") if p.isdigit() and os.path.exists(f"/proc/{{p}}/cmdline"))
_dirty["hooks"] = any(getattr(t, "leftover", None) for t in get_ipython().ast_transformers)
try:  # the template cannot be read nor patched through /proc
    open(f"/proc/{{os.getppid()}}/mem", "rb").close()
    _dirty["template"] = True
except OSError:
    _dirty["template"] = False
import resource
from autograder.hardened.jail import Limits
from autograder.hardened.resources import KernelResources
_dirty["template"] |= (resource.getrlimit(resource.RLIMIT_FSIZE)[0] != Limits().file_size_mb * 2**20
                       or resource.getrlimit(resource.RLIMIT_CPU)[0] != Limits().cpu_seconds
                       or os.getpriority(os.PRIO_PROCESS, 0) != KernelResources().nice
                       or os.sched_getscheduler(0) != os.SCHED_OTHER)
print(_dirty)
"""

LOWER_THE_TEMPLATE = """
import os, resource
resource.prlimit(os.getppid(), resource.RLIMIT_FSIZE, (1, 1))
resource.prlimit(os.getppid(), resource.RLIMIT_CPU, (100, 100))
os.setpriority(os.PRIO_PROCESS, os.getppid(), 19)
os.sched_setscheduler(os.getppid(), os.SCHED_IDLE, os.sched_param(0))
"""

DEEP_TREE = f"""
import os
_top = os.open(".", os.O_RDONLY)
for _ in range(3000):
    os.mkdir("d")
    os.chdir("d")
open("leftover-{MARK}", "w").close()
os.fchdir(_top)
"""

START_SLEEP = f"import subprocess\n_sleeper = subprocess.Popen(['sleep', '{SLEEP}1'], start_new_session=True)\n"
CHECK_SLEEP = f"""
import os
_old = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != _sleeper.pid
        and os.path.exists(f"/proc/{{p}}/cmdline") and b"{SLEEP}1" in open(f"/proc/{{p}}/cmdline", "rb").read()]
if _old:
    raise SystemExit("the dead kernel's process is still running")
"""

# each kind of leftover found costs one question (the forked check costs them all)
SABOTAGE = {
    "q1-distance-digits": ("ipc", "faulty_line = 0"),
    "q2-normalize": ("names", "del normalize"),
    "q3-project": ("numpy", "del project"),
    "q4-cosine": ("files", "del cosine_similarity_matrix"),
    "q5-dependency": ("processes", "del V, c"),
    "q6-parameter": ("hooks", "del a, det_a, dependent_values"),
    "q7-gram-schmidt": ("template", "del gram_schmidt"),
}


def observer(course, pollute_first: bool = False) -> StudentNotebook:
    nb = StudentNotebook(course)
    for gid, (kind, sabotage) in SABOTAGE.items():
        head = (POLLUTE if pollute_first else "") + OBSERVE if gid == "q1-distance-digits" else ""
        nb.answer(gid, f"{head}\n{nb.reference[gid]}\nif _dirty[{kind!r}] or _dirty['forked']:\n    {sabotage}\n")
    return nb


def polluter(course) -> StudentNotebook:
    nb = StudentNotebook(course).answer_all()
    return nb.answer("q1-distance-digits", POLLUTE + "\n" + nb.reference["q1-distance-digits"])


@pytest.fixture(scope="module")
def run(course, tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("kernel templates need the jail, which needs root (as in CI and `make test`)")
    d = tmp_path_factory.mktemp("template")
    paths = [polluter(course).save(d / "a-polluter_01-vectors.ipynb"),
             observer(course).save(d / "b-observer_01-vectors.ipynb"),
             observer(course, pollute_first=True).save(d / "c-same-kernel_01-vectors.ipynb")]
    stopper = StudentNotebook(course).answer_all()
    stopper.answer("q1-distance-digits", "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\n"
                   + stopper.reference["q1-distance-digits"])
    paths += [stopper.save(d / "d-stops-the-template_01-vectors.ipynb"),
              StudentNotebook(course).answer_all().save(d / "e-after-the-stop_01-vectors.ipynb"),
              observer(course).save(d / "f-observer-again_01-vectors.ipynb")]
    lowers = StudentNotebook(course).answer_all()  # the template runs as the student's user: its limits
    lowers.answer("q1-distance-digits", LOWER_THE_TEMPLATE + lowers.reference["q1-distance-digits"])
    deep = StudentNotebook(course).answer_all()  # a tree too deep for shutil.rmtree
    deep.answer("q1-distance-digits", DEEP_TREE + deep.reference["q1-distance-digits"])
    restarts = StudentNotebook(course).answer_all()  # its kernel dies; what it started must not survive
    restarts.answer("q1-distance-digits", START_SLEEP + restarts.reference["q1-distance-digits"])
    restarts.answer("q2-normalize", "import os\nos._exit(0)\n")
    restarts.answer("q3-project", CHECK_SLEEP + restarts.reference["q3-project"])
    paths += [lowers.save(d / "g-lowers-the-template_01-vectors.ipynb"),
              observer(course).save(d / "h-observer-after-the-limits_01-vectors.ipynb"),
              deep.save(d / "i-deep-tree_01-vectors.ipynb"),
              observer(course).save(d / "j-observer-after-the-tree_01-vectors.ipynb"),
              restarts.save(d / "k-restarted_01-vectors.ipynb")]
    killer = StudentNotebook(course).answer_all()  # kills the template, its parent, and lives on
    killer.answer("q1-distance-digits", "import os, signal, time\nos.kill(os.getppid(), signal.SIGKILL)\n"
                  "time.sleep(2)\n" + killer.reference["q1-distance-digits"])
    paths += [killer.save(d / "l-kills-the-template_01-vectors.ipynb"),
              observer(course).save(d / "m-observer-after-the-kill_01-vectors.ipynb")]
    proc = run_cli("grade", "--json", *map(str, paths))
    results = {os.path.basename(r["notebook"]).split("_")[0]: r for r in json.loads(proc.stdout or "[]")}
    yield proc, results
    os.system(f"pkill -f 'sleep {SLEEP}'")  # and {SLEEP}1


def test_the_observer_sees_every_kind_of_leftover_in_the_polluters_own_kernel(run):
    _, results = run
    lost = {q["grade_id"].rsplit("-", 1)[0] for q in results["c-same-kernel"]["questions"] if q["status"] != "passed"}
    leftovers = {gid for gid, (kind, _) in SABOTAGE.items() if kind != "template"}  # not a leftover: a property
    assert lost == leftovers, results["c-same-kernel"]["questions"]


def test_a_kernel_forked_after_a_polluter_carries_nothing_of_it(run):
    proc, results = run
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert results["a-polluter"]["score"] == CH01_MAX  # its own answers are right
    observed = results["b-observer"]
    assert observed["score"] == CH01_MAX, [q for q in observed["questions"] if q["status"] != "passed"]


def test_a_student_who_stops_the_template_costs_the_next_student_nothing(run):
    _, results = run
    assert results["d-stops-the-template"]["score"] == CH01_MAX
    assert results["e-after-the-stop"]["score"] == CH01_MAX  # a cold kernel, then a new template
    observed = results["f-observer-again"]  # forked again, from the new template, and clean
    assert observed["score"] == CH01_MAX, [q for q in observed["questions"] if q["status"] != "passed"]


def test_a_student_who_lowers_the_templates_limits_changes_nothing_for_the_next(run):
    _, results = run
    observed = results["h-observer-after-the-limits"]
    assert observed["score"] == CH01_MAX, [q for q in observed["questions"] if q["status"] != "passed"]


def test_a_tree_too_deep_to_delete_does_not_reach_the_next_student(run):
    _, results = run
    assert results["i-deep-tree"]["score"] == CH01_MAX and not results["i-deep-tree"].get("error")
    observed = results["j-observer-after-the-tree"]
    assert observed["score"] == CH01_MAX, [q for q in observed["questions"] if q["status"] != "passed"]


def test_a_restarted_kernel_starts_without_the_dead_kernels_processes(run):
    _, results = run
    lost = {q["grade_id"] for q in results["k-restarted"]["questions"] if q["status"] != "passed"}
    assert lost == {"q2-normalize-visible", "q2-normalize-hidden"}, results["k-restarted"]["questions"]


def test_a_student_who_kills_the_template_keeps_their_own_kernel_and_costs_the_next_nothing(run):
    """Killing the template must not end the jail (and with it the killer's own kernel, mid-notebook, at a
    moment that depends on the machine): the student's kernel lives on, as a cold one would."""
    _, results = run
    killer = results["l-kills-the-template"]
    assert killer["score"] == CH01_MAX, [q for q in killer["questions"] if q["status"] != "passed"]
    observed = results["m-observer-after-the-kill"]
    assert observed["score"] == CH01_MAX, [q for q in observed["questions"] if q["status"] != "passed"]
