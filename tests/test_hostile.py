"""Hostile submissions: what a student trying to game the grader gets (nothing), and what it costs the others (nothing).

Every case is a chapter-01 notebook (7 questions, 21 points) with one attack in it, graded in one batch
through the real ``python -m autograder grade --json`` with an honest canary student before and after
the attackers. Each case states the points it must get (no unearned points) and the status of the
questions it targets; afterwards the gradebook, solutions/, the repository and the canaries' results
must be exactly as an honest run leaves them.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ROOT, StudentNotebook
from support.cli import run_cli
from test_grading import CH01_MAX

MARK = uuid.uuid4().hex[:8]  # names this run's leftovers (files, processes) so the checks can find them
PWNED = Path(f"/tmp/autograder-pwned-{MARK}")
SLEEP = f"300.{int(MARK, 16) % 10**6:06d}"  # a background process's argument: a valid number, unique to this run

# --- wrong answers, and tricks to make them pass ------------------------------------------------------

WRONG = {  # each gets 0 on its own: the tricks below try to turn them into points
    "q1-distance-digits": "faulty_line = 12\n",
    "q2-normalize": "def normalize(x):\n    return np.asarray(x, dtype=float)\n",
    "q3-project": "def project(u, v):\n    return np.asarray(u, dtype=float)\n",
    "q4-cosine": "def cosine_similarity_matrix(X):\n    X = np.asarray(X, dtype=float)\n    return X @ X.T\n",
    "q5-dependency": "V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])\nc = sp.Matrix([1, 1, 1])\n",
    "q6-parameter": "a = sp.symbols('a', real=True)\ndet_a = 4 - a\ndependent_values = {4}\n",
    "q7-gram-schmidt": "def gram_schmidt(V):\n    return np.asarray(V, dtype=float)\n",
}

PATCH_NUMPY = """
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_almost_equal = lambda *a, **k: None
"""

PATCH_CHECKS = """
import autograder.checks as _c
for _n in dir(_c):
    if _n.startswith("assert_"):
        setattr(_c, _n, lambda *a, **k: None)
"""

FAKE_CHECKS_MODULE = """
import sys, types
_fake = types.ModuleType("autograder.checks")
_fake.__getattr__ = lambda name: (lambda *a, **k: None)
sys.modules["autograder.checks"] = _fake
import autograder
autograder.checks = _fake
"""

INPUT_TRANSFORMER = """
get_ipython().input_transformers_post.append(lambda lines: ["pass\\n"])
"""

AST_TRANSFORMER = """
import ast
class _Gut(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
    def visit_Raise(self, node):
        return ast.Pass()
get_ipython().ast_transformers.append(_Gut())
"""

HIDE_TRACEBACKS = """
get_ipython().showtraceback = lambda *a, **k: None
get_ipython().showsyntaxerror = lambda *a, **k: None
"""

PATCH_BUILTINS = """
import builtins
builtins.isinstance = lambda *a: True
builtins.AssertionError = type("AssertionError", (Warning,), {})
"""

PATCH_SYMPY = """
sp.Expr.equals = lambda self, other, *a, **k: True
sp.Basic.__eq__ = lambda self, other: True
sp.simplify = lambda e, *a, **k: sp.Integer(0)
"""

RIGGED_ARRAY = """
class Rigged(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)
    def __array_function__(self, func, types, args, kwargs):
        return True
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.broadcast_shapes(*[np.shape(i) for i in inputs]))

def normalize(x):
    return np.zeros(len(x)).view(Rigged)

def gram_schmidt(V):
    return np.zeros(np.shape(V)).view(Rigged)
"""

RIGGED_SCALAR = """
class Always(float):
    def __eq__(self, other):
        return True
    def __sub__(self, other):
        return 0.0
    __rsub__ = __sub__
    def __abs__(self):
        return 0.0
faulty_line = Always(12.0)
"""

LOOKS_LIKE_AN_ARRAY = """
class Anything:
    shape = (3,)
    def __eq__(self, other):
        return True
    def __array__(self, dtype=None, copy=None):
        return np.array([0.6, 0.8, 0.0])
    def __getattr__(self, name):
        return lambda *a, **k: True

def project(u, v):
    return Anything()
"""

READ_SOLUTIONS = """
import json, os, glob
import autograder
_places = [os.path.join(os.path.dirname(os.path.dirname(autograder.__file__)), "solutions"),
           os.path.join(os.getcwd(), "..", "..", "..", "solutions"), "/work/main/solutions"]
_found = []
for _p in _places:
    _found += glob.glob(os.path.join(_p, "**", "*.ipynb"), recursive=True)
for _n, (_dirpath, _dirs, _files) in enumerate(os.walk(os.path.abspath(os.path.join(os.getcwd(), "..", "..", "..")))):
    _dirs[:] = [d for d in _dirs if d not in ("usr", "proc", "sys", "dev")]
    _found += [os.path.join(_dirpath, f) for f in _files if f.endswith(".ipynb") and "01-vectors" in f]
    if len(_found) > 50 or _n > 3000:
        break
for _path in _found:
    try:
        for _cell in json.load(open(_path))["cells"]:
            if "BEGIN SOLUTION" in "".join(_cell["source"]):
                exec("".join(_cell["source"]))
    except Exception:
        pass
"""

WRITE_GRADEBOOK = """
import glob, os, sqlite3
_dbs = set()
for _up in range(0, 7):
    _dbs.update(glob.glob(os.path.join(os.getcwd(), *([".."] * _up), "gradebook.db")))
_dbs.update(glob.glob("/tmp/*/gradebook.db") + glob.glob("/tmp/**/gradebook.db", recursive=True))
for _db in _dbs:
    try:
        _con = sqlite3.connect(_db)
        _con.execute("UPDATE grade SET auto_score = 400, manual_score = 400")
        _con.commit()
    except Exception:
        pass
"""

ESCAPE_FILES = f"""
import autograder, os
for _target in ["{PWNED}", os.path.join(os.path.dirname(os.path.dirname(autograder.__file__)), "nbgrader_config.py"),
                os.path.join(os.path.dirname(autograder.__file__), "checks.py")]:
    try:
        with open(_target, "a") as _f:
            _f.write("\\nprint('pwned')\\n")
    except OSError:
        pass
"""

KILL_EVERYTHING = """
import os, signal
for _pid in os.listdir("/proc"):
    if _pid.isdigit() and int(_pid) != os.getpid():
        try:
            os.kill(int(_pid), signal.SIGKILL)
        except OSError:
            pass
try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
"""

# SymPy's sympify/simplify/nsimplify of a string run it as Python: in the grader, that would be the student's
# code running as the grader. Two ways to get a string there: a plain string answer, and a rigged srepr.
SYMPY_TEXT_PAYLOAD = f"(__import__('builtins').open('{PWNED}', 'w').write('pwned') or 0)"
STRING_FOR_SYMPY = f"V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])\nc = [{SYMPY_TEXT_PAYLOAD!r}]\n"
RIGGED_SREPR = f"sp.srepr = lambda e: 'sin(' + repr({SYMPY_TEXT_PAYLOAD!r}) + ')'\nfaulty_line = sp.Integer(12)\n"
HUGE_POWER = "faulty_line = sp.Pow(3, 10**9, evaluate=False)\n"  # minutes of big-integer arithmetic if rebuilt
OVERSIZED_ANSWER = "faulty_line = 'x' * 300_000_000\n"  # more than one message from the kernel may hold

STUBBORN_LOOP = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"
SWALLOW_INTERRUPT = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n"
MEMORY_HOG = "_hog = bytearray(64 * 1024 ** 3)\n"
BIG_FILE = "with open('big.bin', 'wb') as _f:\n    _f.write(b'0' * (256 * 1024 ** 2))\n"
HUGE_OUTPUT = "for _ in range(40):\n    print('x' * 1_000_000)\n"
BACKGROUND = f"import subprocess\n_p = subprocess.Popen(['sleep', '{SLEEP}'])\n"


def _network(port: int) -> str:
    return (f"import socket\ntry:\n    _s = socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
            "    _s.sendall(b'leak')\nexcept OSError:\n    pass\n")


# --- the corpus -----------------------------------------------------------------------------------------

@dataclass
class Case:
    name: str
    make: Callable[["Corpus"], object]  # returns a StudentNotebook, or writes a file itself and returns its Path
    score: float | str  # exact points expected, or the name of the baseline case it must not beat
    statuses: dict[str, set[str]] = field(default_factory=dict)  # question prefix -> allowed statuses
    error: str | None = None  # words the notebook-level error must contain
    max_score: float = CH01_MAX


class Corpus:
    def __init__(self, course, folder: Path, port: int):
        self.course, self.folder, self.port = course, folder, port

    def honest(self) -> StudentNotebook:
        return StudentNotebook(self.course).answer_all()

    def wrong(self, trick: str = "", into: str = "q1-distance-digits", last: bool = False) -> StudentNotebook:
        """The wrong answers, with ``trick`` in the answer cell ``into`` (before the answer, or ``last``)."""
        nb = StudentNotebook(self.course)
        for gid, src in WRONG.items():
            if gid == into:
                src = src + "\n" + trick if last else trick + "\n" + src
            nb.answer(gid, src)
        return nb

    def blank_with(self, trick: str, into: str = "q1-distance-digits") -> StudentNotebook:
        return StudentNotebook(self.course).answer(into, trick + "\nraise NotImplementedError()\n")

    def honest_but(self, gid: str, code: str) -> StudentNotebook:
        return self.honest().answer(gid, code)

    def reference(self, gid: str) -> str:
        return StudentNotebook(self.course).reference[gid]

    def path(self, name: str) -> Path:
        return self.folder / f"{name}_01-vectors.ipynb"


def _nb(work) -> nbformat.NotebookNode:
    return work.nb


def _structure(edit: Callable[[nbformat.NotebookNode], None], base: str = "honest"):
    def make(c: Corpus):
        work = c.honest() if base == "honest" else c.wrong()
        edit(_nb(work))
        return work
    return make


def _cell(nb, gid):
    return next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == gid)


def _delete(gid):
    return lambda nb: nb.cells.remove(_cell(nb, gid))


def _duplicate(gid):
    def edit(nb):
        i = nb.cells.index(_cell(nb, gid))
        nb.cells.insert(i + 1, nbformat.from_dict(json.loads(json.dumps(nb.cells[i]))))
    return edit


def _inflate_points(nb):
    for gid in ("q1-distance-digits-visible", "q1-distance-digits-hidden"):
        _cell(nb, gid).metadata.nbgrader["points"] = 100


def _test_to_pass(nb):
    cell = _cell(nb, "q2-normalize-visible")
    cell.source = "pass\n"


def _retype_test(nb):
    cell = _cell(nb, "q2-normalize-visible")
    cell.cell_type = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def _answer_claims_test_id(nb):
    cell = _cell(nb, "q2-normalize")
    cell.metadata.nbgrader.update({"grade": True, "solution": False, "locked": True, "points": 50,
                                   "grade_id": "q2-normalize-hidden"})


def _bonus_cell(nb):
    nb.cells.append(nbformat.v4.new_code_cell("pass", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 50, "grade_id": "q8-bonus",
        "schema_version": 3, "task": False}}))


def _tests_first(nb):
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    nb.cells = tests + [c for c in nb.cells if c not in tests]


def _foreign_cell(course):
    def edit(nb):
        other = nbformat.read(str(course.release_notebooks("02-linear-transformations")[0]), as_version=4)
        foreign = [c for c in other.cells if c.metadata.get("nbgrader", {}).get("grade")][:2]
        nb.cells.extend(foreign)
    return edit


def _strip_nbgrader_metadata(nb):
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)


def _write(text: str | bytes):
    def make(c: Corpus, name: str):
        path = c.path(name)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return path
    return make


def _kernelspec_r(c: Corpus):
    work = c.honest()
    work.nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    work.nb.metadata["language_info"] = {"name": "R"}
    return work


def _old_nbformat(c: Corpus, name: str):
    nb = c.honest().nb
    path = c.path(name)
    raw = json.loads(nbformat.writes(nb))
    raw["nbformat"], raw["nbformat_minor"] = 99, 0
    path.write_text(json.dumps(raw))
    return path


def _huge_notebook(c: Corpus, name: str):
    work = c.honest()
    cell = _cell(work.nb, "q1-distance-digits")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="y" * (30 * 1024 * 1024))]
    return work


NOT_PASSED = {"failed", "error", "missing", "tampered", "timeout"}
ALL_Q = [f"q{i}-" for i in range(1, 8)]


def _zero_everywhere() -> dict[str, set[str]]:
    return {q: NOT_PASSED for q in ALL_Q}


def cases(course) -> list[Case]:
    return [
        # -- the same wrong answers with no trick: what every trick below must not improve on
        Case("wrong-baseline", lambda c: c.wrong(), None),
        # -- unearned points: each trick is paired with wrong (or no) answers, and must earn nothing
        Case("ndarray-subclass", lambda c: c.wrong(RIGGED_ARRAY, into="q2-normalize"), "wrong-baseline",
             {"q2-": NOT_PASSED, "q7-": NOT_PASSED}),
        Case("float-subclass", lambda c: c.wrong(RIGGED_SCALAR), "wrong-baseline", {"q1-distance-digits-hidden": NOT_PASSED}),
        Case("object-posing-as-array", lambda c: c.wrong(LOOKS_LIKE_AN_ARRAY, into="q3-project"), "wrong-baseline",
             {"q3-": NOT_PASSED}),
        Case("patched-numpy", lambda c: c.wrong(PATCH_NUMPY), "wrong-baseline"),
        Case("patched-checks", lambda c: c.wrong(PATCH_CHECKS), "wrong-baseline"),
        Case("fake-checks-module", lambda c: c.wrong(FAKE_CHECKS_MODULE), "wrong-baseline"),
        Case("input-transformer", lambda c: c.wrong(INPUT_TRANSFORMER), "wrong-baseline"),
        Case("input-transformer-blank", lambda c: c.blank_with(INPUT_TRANSFORMER), 0, _zero_everywhere()),
        Case("ast-transformer", lambda c: c.wrong(AST_TRANSFORMER), "wrong-baseline"),
        Case("hidden-tracebacks", lambda c: c.wrong(HIDE_TRACEBACKS), "wrong-baseline"),
        Case("patched-builtins", lambda c: c.wrong(PATCH_BUILTINS), "wrong-baseline"),
        Case("patched-sympy", lambda c: c.wrong(PATCH_SYMPY), "wrong-baseline"),
        Case("reads-solutions", lambda c: c.blank_with(READ_SOLUTIONS), 0, _zero_everywhere()),
        Case("writes-gradebook", lambda c: c.wrong(WRITE_GRADEBOOK), "wrong-baseline"),
        Case("writes-outside", lambda c: c.wrong(ESCAPE_FILES), "wrong-baseline"),
        Case("string-for-sympy", lambda c: c.wrong(STRING_FOR_SYMPY, into="q5-dependency", last=True), "wrong-baseline"),
        Case("rigged-srepr", lambda c: c.wrong(RIGGED_SREPR, last=True), "wrong-baseline"),
        Case("huge-power", lambda c: c.wrong(HUGE_POWER, last=True), "wrong-baseline"),
        # too large to be checked: said at once, not after the time limit and a fresh kernel
        Case("oversized-answer", lambda c: c.wrong(OVERSIZED_ANSWER, last=True), "wrong-baseline",
             {"q1-": NOT_PASSED - {"timeout"}}),
        # -- break-outs that must not matter: honest answers, so full marks prove nothing else broke
        Case("network", lambda c: c.honest_but("q1-distance-digits", _network(c.port) + c.reference(
            "q1-distance-digits")), CH01_MAX),
        Case("background-process", lambda c: c.honest_but(
            "q1-distance-digits", BACKGROUND + c.reference("q1-distance-digits")), CH01_MAX),
        Case("huge-output", lambda c: c.honest().replace_in(
            "q2-normalize", "def normalize(x):\n", HUGE_OUTPUT + "def normalize(x):\n"), CH01_MAX),
        # -- contained failures: only the question that fails loses its points
        Case("kill-everything", lambda c: c.honest_but("q3-project", KILL_EVERYTHING), CH01_MAX - 3,
             {"q3-": {"error"}}),
        Case("system-exit", lambda c: c.honest_but("q3-project", "raise SystemExit(0)\n"), CH01_MAX - 3,
             {"q3-": {"error", "missing"}}),
        Case("os-exit", lambda c: c.honest_but("q3-project", "import os\nos._exit(0)\n"), CH01_MAX - 3,
             {"q3-": {"error"}}),
        Case("ignores-sigint", lambda c: c.honest_but("q3-project", STUBBORN_LOOP), CH01_MAX - 3,
             {"q3-": {"timeout"}}),
        Case("swallows-interrupt", lambda c: c.honest_but("q3-project", SWALLOW_INTERRUPT), CH01_MAX - 3,
             {"q3-": {"timeout"}}),
        Case("memory-hog", lambda c: c.honest_but("q3-project", MEMORY_HOG), CH01_MAX - 3, {"q3-": {"error"}}),
        Case("big-file", lambda c: c.honest_but("q3-project", BIG_FILE), CH01_MAX - 3, {"q3-": {"error"}}),
        # -- structure tampering: never more than the answers earn
        Case("deleted-test-cell", _structure(_delete("q2-normalize-visible")), CH01_MAX),
        Case("duplicated-test-cell", _structure(_duplicate("q2-normalize-hidden")), CH01_MAX),
        Case("inflated-points", _structure(_inflate_points), CH01_MAX),
        Case("test-edited-to-pass", _structure(_test_to_pass, base="wrong"), "wrong-baseline"),
        Case("test-retyped", _structure(_retype_test, base="wrong"), "wrong-baseline"),
        Case("answer-claims-test-id", _structure(_answer_claims_test_id, base="wrong"), "wrong-baseline"),
        Case("bonus-test-cell", _structure(_bonus_cell), CH01_MAX),
        Case("tests-moved-first", _structure(_tests_first, base="wrong"), "wrong-baseline"),
        Case("foreign-cells", _structure(_foreign_cell(course)), CH01_MAX),
        Case("no-nbgrader-metadata", _structure(_strip_nbgrader_metadata, base="wrong"), "wrong-baseline"),
        # -- bad files: one clear line each, 0 of the right total, and the batch goes on
        Case("invalid-json", _write('{"cells": [ this is not json'), 0, error="damaged"),
        Case("empty-file", _write(b""), 0, error="empty"),
        Case("binary-file", _write(os.urandom(4096)), 0, error="not a text file"),
        Case("future-nbformat", _old_nbformat, 0, error="nbformat"),
        Case("huge-notebook", _huge_notebook, CH01_MAX),
        Case("r-kernelspec", _kernelspec_r, CH01_MAX),
    ]


# --- running the corpus once -------------------------------------------------------------------------------

def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class Listener:
    """A TCP server on loopback that records whether anything connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def corpus_run(course, tmp_path_factory):
    from autograder.hardened.jail import probe

    if os.geteuid() != 0:
        pytest.skip("the jail needs root (CI and `make test` on its machines run as root)")
    assert probe().jail, probe().summary  # `make test` installs bubblewrap: without it this must not pass
    guarded = {p: p.read_bytes() for p in (ROOT / "nbgrader_config.py", ROOT / "autograder" / "checks.py")}
    folder = tmp_path_factory.mktemp("hostile")
    workspace = tmp_path_factory.mktemp("hostile-workspace")
    listener = Listener()
    corpus = Corpus(course, folder, listener.port)
    paths, expected = [], {}
    canary_first = StudentNotebook(course).answer_all().save(folder / "aaa-canary_01-vectors.ipynb")
    for case in cases(course):
        made = case.make(corpus) if case.make.__code__.co_argcount == 1 else case.make(corpus, case.name)
        path = made if isinstance(made, Path) else made.save(corpus.path(case.name))
        paths.append(path)
        expected[str(path)] = case
    canary_last = StudentNotebook(course).answer_all().save(folder / "zzz-canary_01-vectors.ipynb")
    protected = {"solutions": _tree_digest(course.solutions), "autograder": _tree_digest(ROOT / "autograder"),
                 "config": (ROOT / "nbgrader_config.py").read_bytes()}
    # every honest cell of chapter 01 takes well under a second: 3 s is ample, and the cases that must run
    # into the time limit (a loop that ignores the interrupt) cost that much each
    proc = run_cli("grade", "--json", "--timeout", "3", "--keep-workspace", str(workspace),
                   str(canary_first), *map(str, paths), str(canary_last))
    listener.close()
    leftovers = subprocess.run(["pgrep", "-f", f"sleep {SLEEP}"], capture_output=True, text=True).stdout
    yield {"proc": proc, "expected": expected, "workspace": workspace, "protected": protected,
           "listener": listener, "leftovers": leftovers, "canaries": (str(canary_first), str(canary_last)),
           "results": {r["notebook"]: r for r in json.loads(proc.stdout)} if proc.stdout.strip() else {}}
    subprocess.run(["pkill", "-f", f"sleep {SLEEP}"], capture_output=True)
    PWNED.unlink(missing_ok=True)
    for path, content in guarded.items():  # if the jail ever failed, do not leave the repository damaged
        if path.read_bytes() != content:
            path.write_bytes(content)


def test_the_corpus_has_at_least_thirty_cases_of_every_kind(course):
    names = [c.name for c in cases(course)]
    assert len(names) >= 30 and len(set(names)) == len(names)


def test_the_batch_is_graded_to_the_end(corpus_run):
    proc = corpus_run["proc"]
    assert proc.returncode == 1, proc.stderr[-3000:]  # 1: some files could not be graded at all (the bad files)
    assert len(corpus_run["results"]) == len(corpus_run["expected"]) + 2
    assert "jailed kernels" in next(iter(corpus_run["results"].values()))["protections"]


def test_no_attack_earns_a_point_it_did_not_answer_for(corpus_run):
    problems = []
    by_name = {case.name: corpus_run["results"].get(path) for path, case in corpus_run["expected"].items()}
    baseline = by_name["wrong-baseline"]
    assert baseline is not None and 0 <= baseline["score"] < CH01_MAX / 2  # wrong answers earn little
    baseline_passed = {q["grade_id"] for q in baseline["questions"] if q["status"] == "passed"}
    for path, case in corpus_run["expected"].items():
        result = corpus_run["results"].get(path)
        if result is None:
            problems.append(f"{case.name}: no result")
            continue
        if result["max_score"] != case.max_score:
            problems.append(f"{case.name}: max_score {result['max_score']} instead of {case.max_score}")
        if case.score == "wrong-baseline":
            gained = [q["grade_id"] for q in result["questions"]
                      if q["status"] == "passed" and q["grade_id"] not in baseline_passed]
            if gained or result["score"] > baseline["score"]:
                problems.append(f"{case.name}: scored {result['score']} (the same answers without the trick: "
                                f"{baseline['score']}); tests it turned into passes: {gained}")
        elif case.score is not None and result["score"] != case.score:
            bad = [(q["grade_id"], q["points"], q["status"], q["message"][:120]) for q in result["questions"]
                   if q["points"] != q["max_points"]]
            problems.append(f"{case.name}: scored {result['score']} instead of {case.score} {bad}")
        for prefix, allowed in case.statuses.items():
            for q in result["questions"]:
                if q["grade_id"].startswith(prefix) and q["status"] not in allowed:
                    problems.append(f"{case.name}: {q['grade_id']} is {q['status']} ({q['message'][:120]}), "
                                    f"expected one of {sorted(allowed)}")
        if case.error and case.error not in (result.get("error") or "").lower():
            problems.append(f"{case.name}: error {result.get('error')!r} does not say {case.error!r}")
    assert not problems, "\n".join(problems)


def test_every_status_message_is_one_clear_line(corpus_run):
    for result in corpus_run["results"].values():
        for q in result["questions"]:
            assert "\n" not in q["message"] and len(q["message"]) <= 600
            assert "Traceback" not in q["message"] and "### BEGIN" not in q["message"]
        if result.get("error"):
            assert "\n" not in result["error"].strip() and "Traceback" not in result["error"]


def test_the_honest_canaries_are_untouched(corpus_run):
    for canary in corpus_run["canaries"]:
        result = corpus_run["results"][canary]
        assert result["score"] == CH01_MAX, [q for q in result["questions"] if q["status"] != "passed"]


def test_the_gradebook_holds_exactly_the_reported_scores(corpus_run):
    results = corpus_run["results"]
    with Gradebook(f"sqlite:///{corpus_run['workspace'] / 'gradebook.db'}") as gb:
        stored = {}
        for student in gb.students:
            try:
                sub = gb.find_submission("01-vectors", student.id)
            except Exception:  # noqa: BLE001 - a student whose file could not be graded at all
                continue
            stored[student.id] = sub.score
    assert stored, "nothing was recorded in the gradebook"
    assert max(stored.values()) <= CH01_MAX  # nobody's 400 points
    by_student = {Path(p).stem: r["score"] for p, r in results.items()}
    for sid, score in stored.items():
        assert score == by_student.get(sid, score), (sid, score, by_student.get(sid))


def test_solutions_the_package_and_the_config_are_unchanged(corpus_run, course):
    protected = corpus_run["protected"]
    assert _tree_digest(course.solutions) == protected["solutions"]
    assert _tree_digest(ROOT / "autograder") == protected["autograder"]
    assert (ROOT / "nbgrader_config.py").read_bytes() == protected["config"]
    assert not PWNED.exists()


def test_no_connection_left_the_jail_and_no_process_outlived_it(corpus_run):
    assert corpus_run["listener"].connections == 0
    assert corpus_run["leftovers"].strip() == ""


def test_the_same_tricks_do_fool_the_unhardened_path(course, tmp_path):
    """The corpus can fail: graded like stock nbgrader (--plain), these tricks do earn points they should not."""
    corpus = Corpus(course, tmp_path, 0)
    tricks = {"patched-checks": PATCH_CHECKS, "fake-checks-module": FAKE_CHECKS_MODULE,
              "input-transformer": INPUT_TRANSFORMER}
    paths = [corpus.wrong().save(corpus.path("wrong-baseline"))]
    paths += [corpus.wrong(trick).save(corpus.path(name)) for name, trick in tricks.items()]
    proc = run_cli("grade", "--json", "--plain", *map(str, paths))
    baseline, *fooled = json.loads(proc.stdout)
    assert "hardened grading was turned off" in baseline["protections"]
    for name, result in zip(tricks, fooled):
        assert result["score"] > baseline["score"], (name, result["score"], baseline["score"])
