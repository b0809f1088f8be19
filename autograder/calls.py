"""Rules judged by what runs: "no function from scipy.linalg", "no sparse constructor", "no variance from NumPy".

A rule by name (``forbid(np.linalg, "solve")``) is bypassed by any equivalent that is not on its list
(``spsolve_triangular``, ``solve(S, I)`` for an inverse, ``x.var()`` for ``np.var``). A :class:`CallRule`
instead watches the calls the student's code makes while the student's function runs
(``sys.setprofile``: Python calls with the callee's module, C calls with the builtin's module or its
object's type) and refuses any call *made directly by the student's code* that belongs to a forbidden
:class:`Family`; what a library does internally (``A @ x`` on a sparse matrix, a NumPy function calling
another) is not the student's call and is never judged. An allow list lets through the helpers a prompt
allows.

The first forbidden call raises ``AssertionError`` right where the student made it, with a sentence naming
the family; a student's ``except`` that swallows it changes nothing, since the rule fails the test when
it ends. Plain grading and the self-check set the rule up in the kernel where test and student code both
run; hardened grading sets it up in the student's kernel, around each call of the student's function
(:mod:`autograder.hardened.agent`).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence


@dataclass(frozen=True)
class Family:
    """Calls that a rule forbids, and how its message names them.

    ``patterns``: ``"module.prefix"`` (any function of that module or its submodules, any method of its
    types) or ``"module.prefix:name,name"`` (only those names). A prefix ending in ``._`` matches every
    private submodule (``scipy.sparse._`` covers ``scipy.sparse._csr``, ``scipy.sparse._dok``...).
    """

    label: str
    patterns: tuple[str, ...]
    when: tuple[tuple[str, str], ...] = ()  # (pattern, condition on the call's arguments: see CONDITIONS)

    def matches(self, module: str, name: str, arguments: dict | None = None) -> bool:
        if any(_pattern_matches(p, module, name) for p in self.patterns):
            return True
        return arguments is not None and any(
            _pattern_matches(p, module, name) and _holds(condition, arguments) for p, condition in self.when)

    def to_wire(self) -> list:
        return [self.label, list(self.patterns), [list(w) for w in self.when]]

    @classmethod
    def from_wire(cls, data: Any) -> "Family":
        label, patterns, when = data
        return cls(str(label), tuple(str(p) for p in patterns), tuple((str(p), str(c)) for p, c in when))


def _square_2d(value: Any):
    import numpy as np

    try:
        arr = value.toarray() if hasattr(value, "toarray") else np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.ndim == 2 and arr.shape[0] == arr.shape[1] and arr.shape[0] >= 2 else None


def _identity_rhs(args: dict) -> bool:
    import numpy as np

    b = _square_2d(args.get("b"))
    return b is not None and np.array_equal(b, np.eye(len(b)))


def _negative_power(args: dict) -> bool:
    n = args.get("n")
    return isinstance(n, int) and n < 0


def _symmetric_argument(args: dict) -> bool:
    import numpy as np

    a = _square_2d(args.get("a"))
    return a is not None and bool(np.allclose(a, a.T, rtol=1e-10, atol=1e-12 * max(1.0, float(np.abs(a).max()))))


CONDITIONS = {"identity_rhs": _identity_rhs,            # solve(A, I): the inverse by another name
              "negative_power": _negative_power,        # matrix_power(A, -1)
              "symmetric_argument": _symmetric_argument}  # svd(X.T @ X): the covariance route by another name


def _holds(condition: str, arguments: dict) -> bool:
    try:
        return bool(CONDITIONS[condition](arguments))
    except Exception:  # noqa: BLE001 - an argument that cannot be inspected does not make a violation
        return False


def _pattern_matches(pattern: str, module: str, name: str) -> bool:
    prefix, _, names = pattern.partition(":")
    if not (module == prefix or module.startswith(prefix + ".") or (prefix.endswith("._")
                                                                     and module.startswith(prefix))):
        return False
    return not names or name in names.split(",")


SCIPY_LINALG = Family("a function from scipy.linalg", ("scipy.linalg",))
SCIPY_SPARSE_LINALG = Family("a function from scipy.sparse.linalg", ("scipy.sparse.linalg",))
NUMPY_LINALG = Family("a function from np.linalg", ("numpy.linalg",))
NUMPY_SOLVERS = Family("a solver or inverse from np.linalg (solve, inv, pinv, lstsq, tensorsolve, tensorinv)",
                       ("numpy.linalg:solve,inv,pinv,lstsq,tensorsolve,tensorinv",))
SPARSE_CONSTRUCTORS = Family("a SciPy sparse constructor (any way of building a sparse matrix or array)",
                             ("scipy.sparse._:__init__", "scipy.sparse._construct", "scipy.sparse._matrix_io",
                              "scipy.sparse:__init__"))
NUMPY_VARIANCE = Family("a variance from NumPy or the statistics module (np.var, np.std, x.var(), x.std(), "
                        "np.cov, statistics.variance, ...)",
                        ("numpy:var,std,nanvar,nanstd,cov,corrcoef,_var,_std", "statistics"))
INVERSE = Family("the inverse of a matrix (np.linalg.inv/pinv, scipy.linalg.inv/pinv/pinvh, a solve against the "
                 "identity, or a negative matrix power)",
                 ("numpy.linalg:inv,pinv,tensorinv", "scipy.linalg:inv,pinv,pinvh"),
                 when=(("numpy.linalg:solve", "identity_rhs"), ("numpy.linalg:matrix_power", "negative_power"),
                       ("scipy.linalg:solve,cho_solve,lu_solve,solve_triangular,cho_solve_banded", "identity_rhs"),
                       ("scipy.sparse.linalg:spsolve", "identity_rhs")))
DENSE_SOLVERS = Family("a dense solver (a solver, inverse or factorization from np.linalg, or any function of "
                       "scipy.linalg)", ("numpy.linalg:solve,inv,pinv,lstsq,tensorsolve,tensorinv,cholesky,qr",
                                         "scipy.linalg"))
COVARIANCE_ROUTE = Family("the covariance eigenproblem (np.cov, an eigendecomposition from np.linalg, scipy.linalg "
                          "or scipy.sparse.linalg, an SVD of the covariance or Gram matrix, scikit-learn's PCA)",
                          ("numpy:cov", "numpy.linalg:eig,eigh,eigvals,eigvalsh",
                           "scipy.linalg:eig,eigh,eigvals,eigvalsh,eig_banded", "scipy.sparse.linalg:eigs,eigsh",
                           "sklearn"),
                          when=(("numpy.linalg:svd", "symmetric_argument"), ("scipy.linalg:svd", "symmetric_argument"),
                                ("scipy.sparse.linalg:svds", "symmetric_argument")))
SVD_ROUTINES = Family("an SVD routine (np.linalg.svd, scipy.linalg.svd/svdvals, scipy.sparse.linalg.svds)",
                      ("numpy.linalg:svd", "scipy.linalg:svd,svdvals", "scipy.sparse.linalg:svds"))
ORTHOGONALIZATION = Family("a library factorization that orthogonalizes for you (np.linalg.qr, cholesky, svd, eig, "
                           "eigh, inv, solve, or any function of scipy.linalg)",
                           ("numpy.linalg:qr,cholesky,svd,eig,eigh,inv,pinv,solve,lstsq", "scipy.linalg"))
DETERMINANTS = Family("a library determinant, factorization or eigenvalue routine (np.linalg.det, slogdet, eig, "
                      "eigvals, qr, cholesky, svd, np.poly, any function of scipy.linalg or scipy.sparse.linalg, "
                      "SymPy's det, charpoly, eigenvals or LUdecomposition)",
                      ("numpy.linalg:det,slogdet,eig,eigvals,eigh,eigvalsh,qr,cholesky,svd,svdvals", "numpy:poly",
                       "scipy.linalg", "scipy.sparse.linalg",
                       "sympy:det,det_bareiss,det_berkowitz,det_LU,det_LU_decomposition,berkowitz_det,charpoly,"
                       "eigenvals,_eval_det_bareiss,_eval_det_berkowitz,_eval_det_lu,_det,per,"
                       "LUdecomposition,LUdecomposition_Simple,LUdecompositionFF,QRdecomposition,cholesky,"
                       "LDLdecomposition,eigenvects,diagonalize,jordan_form,singular_values"))
SKLEARN = Family("a model from scikit-learn", ("sklearn",))
SVD_AND_EIG = Family("an SVD or eigendecomposition routine (np.linalg.svd/eig/eigh, scipy.linalg, "
                     "scipy.sparse.linalg)", ("numpy.linalg:svd,eig,eigh,eigvals,eigvalsh", "scipy.linalg",
                                              "scipy.sparse.linalg"))


# Modules of generic wrappers (decorators) that libraries put around their functions: ``scipy.linalg.pinvh``
# is a ``wrapper`` in scipy._lib._util that calls the real ``pinvh``; the call is judged by the wrapped function.
PASS_THROUGH = frozenset({"scipy._lib._util", "scipy._lib.deprecation", "scipy._lib._array_api",
                          "scipy._lib._docscrape", "functools", "contextlib", "numpy._core.overrides",
                          "numpy._utils", "numpy.lib._utils_impl", "sympy.core.decorators", "sympy.utilities.decorator"})


# Turning the recording off from inside the student's function is itself a forbidden call.
_SWITCHES = frozenset({("sys", "setprofile"), ("sys", "settrace"), ("threading", "setprofile")})


def _builtin_origin(fn: Any) -> tuple[str, str]:
    """The module and name a C function or method belongs to (a method: the module of its object's type)."""
    name = str(getattr(fn, "__name__", ""))
    owner = getattr(fn, "__self__", None)
    if owner is not None and not isinstance(owner, type(sys)):
        cls = owner if isinstance(owner, type) else type(owner)
        return str(getattr(cls, "__module__", "") or ""), name
    return str(getattr(fn, "__module__", None) or getattr(owner, "__name__", "") or ""), name


def _public(module: str, name: str) -> str:
    """``np.linalg.norm`` rather than ``numpy.linalg._linalg.norm``: the module as the student imports it."""
    parts = []
    for part in module.split("."):
        if part.startswith("_"):
            break
        parts.append(part)
    text = ".".join(parts + [name])
    return "np" + text[5:] if text.startswith("numpy.") else text


class CallRule:
    """Watches the calls the student's function ``func`` makes; the first forbidden one fails."""

    def __init__(self, families: tuple[Family, ...], func: Callable, *, allow: tuple[str, ...] = (),
                 reason: str = "", label: str | None = None):
        self.families, self.allow, self.reason = tuple(families), tuple(allow), reason
        code = getattr(func, "__code__", None) or getattr(getattr(func, "__call__", None), "__code__", None)
        self.code = code
        self.file = code.co_filename if code is not None else ""
        self.folder = os.path.dirname(self.file) if "ipykernel" in self.file or "ipython-input" in self.file else ""
        self.label = label or getattr(func, "__name__", "your function")
        self.depth = 0 if code is not None else 1  # no code to find on the stack: watch all the time
        self.violation: str | None = None
        self._previous: Any = None

    # -- the profiler ------------------------------------------------------------------------------------
    def _is_student(self, code: Any) -> bool:
        name = code.co_filename
        return name == self.file or bool(self.folder) and name.startswith(self.folder + os.sep)

    def _judge(self, module: str, name: str, shown: str | None = None, arguments: dict | None = None) -> None:
        if (module, name) in _SWITCHES:
            self.violation = (f"{self.label} calls {module}.{name}, which turns off the recording of the calls it "
                              f"makes: not allowed here{': ' + self.reason if self.reason else ''}.")
            raise AssertionError(self.violation)
        if name.endswith("_dispatcher") or any(_pattern_matches(p, module, name) for p in self.allow):
            return  # NumPy's __array_function__ dispatchers run before the function itself, which is judged
        for family in self.families:
            if family.matches(module, name, arguments):
                self.violation = (f"{self.label} calls {shown or _public(module, name)}, which is {family.label}: "
                                  f"not allowed here{': ' + self.reason if self.reason else ''}.")
                raise AssertionError(self.violation)

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if self._previous is not None:
            self._previous(frame, event, arg)
        if event == "call":
            code = frame.f_code
            if code is self.code:
                self.depth += 1
                return
            caller = frame.f_back
            while caller is not None and caller.f_globals.get("__name__") in PASS_THROUGH:
                caller = caller.f_back  # a decorator's wrapper: the function it wraps is the student's call
            if self.depth > 0 and caller is not None and self._is_student(caller.f_code):
                shown = None
                if code.co_name == "__init__" and "self" in frame.f_locals:
                    shown = f"{type(frame.f_locals['self']).__name__}(...)"
                self._judge(str(frame.f_globals.get("__name__", "")), code.co_name, shown, frame.f_locals)
        elif event == "return":
            if frame.f_code is self.code:
                self.depth -= 1
        elif event == "c_call" and self.depth > 0 and self._is_student(frame.f_code):
            self._judge(*_builtin_origin(arg))

    # -- switching it on and off -------------------------------------------------------------------------
    def start(self) -> None:
        self._previous = sys.getprofile()
        sys.setprofile(self._profile)

    def stop(self) -> None:
        sys.setprofile(self._previous)
        self._previous = None

    def verdict(self) -> None:
        """Fail if a forbidden call was made (even if the student's code caught the first failure)."""
        if self.violation:
            raise AssertionError(self.violation)


@contextmanager
def forbid_calls(*families: Family, func: Any, allow: Sequence[str] = (), reason: str = "",
                 _local: bool = False) -> Iterator[None]:
    """Inside the block, the student's ``func`` may not call anything of the given families (``SCIPY_LINALG``,
    ``SPARSE_CONSTRUCTORS``, ``NUMPY_VARIANCE``, ...), whatever name it is called by; ``allow`` lets through
    the helpers a prompt allows (``"numpy.linalg:norm"``). Re-exported by :mod:`autograder.checks`.

    Judged by what runs, not by name: ``scipy.sparse.linalg.spsolve_triangular`` is caught by
    ``SCIPY_SPARSE_LINALG`` although no list names it, ``x.var()`` by ``NUMPY_VARIANCE``.
    """
    from autograder import checks

    if checks.kernel_rules is not None and not _local:  # hardened grading: set up in the student's kernel
        with checks.kernel_rules.forbid_calls(families, func, tuple(allow), reason):
            yield
        return
    rule = CallRule(tuple(families), func, allow=tuple(allow), reason=reason)
    rule.start()
    try:
        yield
    except BaseException:
        rule.stop()
        if rule.violation:
            raise AssertionError(rule.violation) from None
        raise
    rule.stop()
    rule.verdict()
