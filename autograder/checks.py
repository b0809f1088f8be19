"""Linear-algebra-aware assertions for test cells.

Every helper raises :class:`AssertionError` with one short sentence a student can act on ("expected
shape (3,), got (3, 1)", "your matrix is the transpose of the expected one"). No message ever prints the
expected value, so hidden tests stay hidden. Answers are copied into plain float arrays before any
comparison, so an ndarray subclass cannot change how it is compared.

Use them like ``numpy.testing``::

    from autograder.checks import assert_close
    assert_close(project(u, v), np.array([1.0, 0.0]), name="project(u, v)")
"""

from __future__ import annotations

import numbers
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import numpy as np
import sympy

from autograder.calls import forbid_calls
from autograder.check_errors import assert_raises
from autograder.sympy_compare import equal as sym_equal
from autograder.sympy_compare import is_nonzero as sym_is_nonzero
from autograder.sympy_compare import is_zero as sym_is_zero

__all__ = [
    "sym_is_zero",
    "sym_is_nonzero",
    "sym_equal",
    "assert_raises",
    "as_array",
    "assert_shape",
    "assert_finite",
    "assert_close",
    "assert_scalar_close",
    "assert_same_direction",
    "assert_orthonormal_columns",
    "assert_same_span",
    "assert_sympy_equal",
    "assert_exact",
    "forbid",
    "forbid_calls",
    "assert_triangular",
    "assert_permutation",
    "assert_solves",
    "assert_eigenpair",
    "assert_eigendecomposition",
    "assert_svd",
    "assert_low_rank_approximation",
    "assert_no_matrix_product",
    "student_value",
]

RTOL = 1e-7
ATOL = 1e-9


def _fail(message: str, hint: str | None = None) -> None:
    if hint:
        message = f"{message} Hint: {hint}"
    raise AssertionError(message)


def _shape_text(shape: Sequence[int]) -> str:
    return str(tuple(int(n) for n in shape))


def as_array(actual: Any, name: str = "your answer", *, dtype=float) -> np.ndarray:
    """Copy ``actual`` into a plain ndarray of ``dtype``, failing with a clear sentence if it is not numeric."""
    if actual is None:
        _fail(f"{name} is None: did you forget a return statement?")
    if isinstance(actual, (str, bytes)):
        _fail(f"{name} is a string, not a number or an array.")
    if isinstance(actual, sympy.Basic):
        try:
            actual = np.array(sympy.Matrix(actual).tolist() if isinstance(actual, sympy.MatrixBase) else actual,
                              dtype=dtype)
        except (TypeError, ValueError):
            _fail(f"{name} is a symbolic SymPy expression; a numeric answer is expected here.")
    try:
        arr = np.array(actual, copy=True, subok=False)
        if np.iscomplexobj(arr) and not np.issubdtype(dtype, np.complexfloating):
            if np.any(np.abs(arr.imag) > ATOL + RTOL * np.abs(arr)):
                _fail(f"{name} has complex entries, but a real answer is expected.")
            arr = arr.real
        arr = arr.astype(dtype)
    except (TypeError, ValueError):
        _fail(f"{name} could not be read as a numeric array (got {type(actual).__name__}).")
    return np.asarray(arr, order="C").view(np.ndarray)  # ascontiguousarray would turn a scalar into shape (1,)


def assert_shape(actual: Any, shape: Sequence[int], name: str = "your answer", hint: str | None = None) -> None:
    """``actual`` has exactly ``shape``; a (n,) versus (n, 1) mix-up gets its own message."""
    arr = as_array(actual, name)
    _check_shape(arr, tuple(shape), name, hint)


def _check_shape(arr: np.ndarray, shape: tuple, name: str, hint: str | None) -> None:
    if arr.shape == shape:
        return
    got, want = _shape_text(arr.shape), _shape_text(shape)
    if arr.size == int(np.prod(shape)) and len(shape) == 1 and arr.ndim == 2:
        _fail(f"{name} has shape {got} but a 1-D array of shape {want} is expected: "
              "use .ravel() or build it 1-D.", hint)
    if arr.size == int(np.prod(shape)) and arr.ndim == 1 and len(shape) == 2 and 1 in shape:
        kind = "column" if shape[1] == 1 else "row"
        _fail(f"{name} has shape {got} but a 2-D {kind} vector of shape {want} is expected: "
              "use .reshape.", hint)
    if arr.ndim == 2 and len(shape) == 2 and arr.shape == shape[::-1]:
        _fail(f"{name} has shape {got} but {want} is expected: is it transposed?", hint)
    _fail(f"{name} has shape {got} but shape {want} is expected.", hint)


def assert_finite(actual: Any, name: str = "your answer", hint: str | None = None) -> None:
    arr = as_array(actual, name)
    _check_finite(arr, name, hint)


def _check_finite(arr: np.ndarray, name: str, hint: str | None) -> None:
    if np.isnan(arr).any():
        _fail(f"{name} contains NaN (often a division by zero, e.g. normalizing a zero vector).", hint)
    if np.isinf(arr).any():
        _fail(f"{name} contains an infinite value (a division by a number that is zero or nearly so?).", hint)


def _close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b)))


def _scale_factor(actual: np.ndarray, expected: np.ndarray) -> float | None:
    """The c with actual ~ c * expected, if there is one (least squares), else None."""
    denom = float(np.vdot(expected, expected))
    if denom == 0.0:
        return None
    c = float(np.vdot(expected, actual)) / denom
    return c


def assert_close(actual: Any, expected: Any, *, rtol: float = RTOL, atol: float = ATOL,
                 name: str = "your answer", hint: str | None = None) -> None:
    """``actual`` equals ``expected`` elementwise within tolerance, with a diagnosis when it does not.

    Diagnoses: None, non-numeric, NaN/inf, wrong shape (including (n,) vs (n, 1) and transposed),
    transposed square matrix, sign flip, off by a constant factor, and which entries differ.
    """
    exp = as_array(expected, "the expected value")
    arr = as_array(actual, name)
    _check_shape(arr, exp.shape, name, hint)
    _check_finite(arr, name, hint)
    if _close(arr, exp, rtol, atol):
        return
    if arr.ndim == 2 and arr.shape[0] == arr.shape[1] and arr.shape[0] > 1 and _close(arr.T, exp, rtol, atol):
        _fail(f"{name} is the transpose of the expected matrix.", hint)
    if np.any(exp != 0) and _close(-arr, exp, rtol, atol):
        _fail(f"{name} has the wrong sign: it is the negative of the expected value.", hint)
    c = _scale_factor(arr, exp)
    if c is not None and c != 0 and exp.size > 1 and _close(arr, c * exp, rtol, max(atol, 1e-12)):
        _fail(f"{name} points the right way but is off by a constant factor: "
              "check for a missing or extra normalization.", hint)
    if exp.ndim == 0:
        _fail(f"{name} is not the expected value.", hint)
    wrong = ~(np.abs(arr - exp) <= atol + rtol * np.abs(exp))
    worst = np.unravel_index(int(np.argmax(np.where(wrong, np.abs(arr - exp), -1.0))), exp.shape)
    where = worst[0] if len(worst) == 1 else tuple(int(i) for i in worst)
    _fail(f"{name}: {int(wrong.sum())} of {exp.size} entries are not as expected "
          f"(the largest difference is at index {where}).", hint)


def assert_scalar_close(actual: Any, expected: float, *, rtol: float = RTOL, atol: float = ATOL,
                        name: str = "your answer", hint: str | None = None) -> None:
    """A single number, within tolerance; an array of one element is accepted, a longer one is not."""
    arr = as_array(actual, name)
    if arr.size != 1:
        _fail(f"{name} should be a single number, but it has shape {_shape_text(arr.shape)}.", hint)
    assert_close(arr.reshape(()), float(expected), rtol=rtol, atol=atol, name=name, hint=hint)


def assert_same_direction(actual: Any, expected: Any, *, signed: bool = False, rtol: float = 1e-6,
                          name: str = "your vector", hint: str | None = None) -> None:
    """``actual`` is a non-zero multiple of ``expected`` (any scale; positive only if ``signed``).

    For answers that are unique only up to scale, such as eigenvectors or a normal vector.
    """
    exp = as_array(expected, "the expected value").ravel()
    arr = as_array(actual, name)
    if arr.size != exp.size:
        _check_shape(arr, exp.shape, name, hint)
    arr = arr.ravel()
    _check_finite(arr, name, hint)
    if not np.any(arr):
        _fail(f"{name} is the zero vector, which has no direction.", hint)
    cos = float(np.dot(arr, exp) / (np.linalg.norm(arr) * np.linalg.norm(exp)))
    sin = float(np.linalg.norm(arr / np.linalg.norm(arr) - cos * exp / np.linalg.norm(exp)))
    if sin > rtol:
        _fail(f"{name} does not point along the expected direction.", hint)
    if signed and cos < 0:
        _fail(f"{name} points in the opposite direction (its sign is flipped).", hint)


def assert_orthonormal_columns(actual: Any, *, atol: float = 1e-8, name: str = "your matrix",
                               hint: str | None = None) -> None:
    """The columns of ``actual`` have unit length and are mutually orthogonal: Q^T Q = I."""
    arr = as_array(actual, name)
    if arr.ndim != 2:
        _fail(f"{name} should be a 2-D array with one vector per column, but it has shape "
              f"{_shape_text(arr.shape)}.", hint)
    _check_finite(arr, name, hint)
    gram = arr.T @ arr
    norms = np.sqrt(np.clip(np.diag(gram), 0, None))
    if not np.allclose(norms, 1.0, atol=atol, rtol=0):
        bad = int(np.argmax(np.abs(norms - 1.0)))
        _fail(f"column {bad} of {name} does not have unit length (its norm is {norms[bad]:.3g}).", hint)
    off = gram - np.diag(np.diag(gram))
    if np.abs(off).max(initial=0.0) > atol:
        i, j = np.unravel_index(int(np.argmax(np.abs(off))), off.shape)
        _fail(f"columns {min(i, j)} and {max(i, j)} of {name} are not orthogonal "
              f"(their dot product is {gram[i, j]:.3g}).", hint)


def _rank(a: np.ndarray, tol: float) -> int:
    if a.size == 0:
        return 0
    s = np.linalg.svd(a, compute_uv=False)
    return int(np.sum(s > tol * max(1.0, s[0]))) if s.size else 0


def assert_same_span(actual: Any, expected: Any, *, tol: float = 1e-8, name: str = "your basis",
                     hint: str | None = None) -> None:
    """The columns of ``actual`` span the same subspace as the columns of ``expected``, and are independent.

    Any basis of the right subspace passes: another order, other scaling, a rotated basis.
    """
    exp = as_array(expected, "the expected value")
    arr = as_array(actual, name)
    if exp.ndim == 1:
        exp = exp[:, None]
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] != exp.shape[0]:
        _fail(f"{name} should hold vectors of length {exp.shape[0]} as columns, but it has shape "
              f"{_shape_text(arr.shape)}.", hint)
    _check_finite(arr, name, hint)
    r_exp = _rank(exp, tol)
    r_arr = _rank(arr, tol)
    if r_arr < arr.shape[1]:
        _fail(f"the columns of {name} are linearly dependent, so they are not a basis.", hint)
    if r_arr != r_exp:
        _fail(f"{name} spans a subspace of dimension {r_arr}, but dimension {r_exp} is expected.", hint)
    if _rank(np.hstack([arr, exp]), tol) != r_exp:
        _fail(f"{name} spans a subspace of the right dimension, but not the right one.", hint)


def _sympify(value: Any, name: str) -> Any:
    if value is None:
        _fail(f"{name} is None: did you forget to assign or return it?")
    if isinstance(value, np.ndarray):
        value = sympy.Matrix(value.tolist())
    try:
        return sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        try:
            return sympy.Matrix(value)
        except Exception:
            _fail(f"{name} is not a SymPy expression or matrix (got {type(value).__name__}).")


def _has_float(expr: Any) -> bool:
    return any(isinstance(atom, sympy.Float) for atom in sympy.sympify(expr).atoms(sympy.Number))


def _is_zero(expr: Any) -> bool:
    expr = sympy.sympify(expr)
    if expr == 0:
        return True
    simplified = sympy.simplify(expr)
    if simplified == 0:
        return True
    if expr.equals(0):
        return True
    return _numerically_zero(expr)


def _numerically_zero(expr: Any, trials: int = 6, digits: int = 90) -> bool:
    """Zero at several random points, to 45 of 90 digits: equal forms that simplify() cannot prove equal.

    Points respect the symbols' assumptions (positive symbols get positive values). An expression that
    is not zero almost everywhere is caught at the first point it differs.
    """
    import random

    symbols = sorted(expr.free_symbols, key=str)
    rng = random.Random(20260101)
    for _ in range(trials):
        point = {}
        for sym in symbols:
            value = sympy.Rational(rng.randint(1, 997), rng.randint(1, 97)) + sympy.Rational(1, 7)
            if not sym.is_positive and not sym.is_nonnegative and rng.random() < 0.5:
                value = -value
            point[sym] = value
        try:
            val = sympy.N(expr.subs(point), digits)
        except Exception:
            return False
        if not val.is_number or val.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return False
        if abs(complex(val)) > 10 ** (-(digits // 2)):
            return False
    return True


def assert_sympy_equal(actual: Any, expected: Any, *, exact: bool = True, name: str = "your answer",
                       hint: str | None = None) -> None:
    """``actual`` and ``expected`` are mathematically equal (their difference simplifies to zero).

    Any equivalent form passes (factored or expanded, another arrangement). With ``exact=True`` a
    floating-point number in the answer fails with a request for an exact value.
    """
    exp = _sympify(expected, "the expected value")
    act = _sympify(actual, name)
    exp_is_matrix = isinstance(exp, sympy.MatrixBase)
    act_is_matrix = isinstance(act, sympy.MatrixBase)
    if exp_is_matrix != act_is_matrix:
        kind = "a matrix" if exp_is_matrix else "a single expression"
        _fail(f"{name} should be {kind}.", hint)
    if exact and _has_float(act if not act_is_matrix else sympy.Tuple(*act)):
        _fail(f"{name} contains a floating-point number; give an exact value "
              "(sympy.Rational(1, 3), sympy.sqrt(2), ...).", hint)
    # A symbol with the expected name but other assumptions (Symbol('a') vs Symbol('a', real=True)) is the
    # student's spelling of the same unknown: rename it rather than call it an extra symbol.
    by_name = {str(x): x for x in exp.free_symbols}
    renames = {x: by_name[str(x)] for x in act.free_symbols if str(x) in by_name and by_name[str(x)] != x}
    if renames:
        act = act.xreplace(renames)
    if exp_is_matrix:
        if act.shape != exp.shape:
            _fail(f"{name} has shape {act.shape} but shape {exp.shape} is expected.", hint)
        diff = act - exp
        if all(_is_zero(d) for d in diff):
            return
        if act.shape[0] == act.shape[1] and act.shape[0] > 1 and all(_is_zero(d) for d in (act.T - exp)):
            _fail(f"{name} is the transpose of the expected matrix.", hint)
        wrong = sum(1 for d in diff if not _is_zero(d))
        _fail(f"{name}: {wrong} of {len(diff)} entries are not equal to the expected ones.", hint)
    if _is_zero(act - exp):
        return
    free_extra = act.free_symbols - exp.free_symbols
    if free_extra:
        names = ", ".join(sorted(str(s) for s in free_extra))
        _fail(f"{name} uses symbol(s) {names} that should not appear in the answer.", hint)
    if not _is_zero(exp) and _is_zero(act + exp):
        _fail(f"{name} has the wrong sign.", hint)
    _fail(f"{name} is not equal to the expected expression.", hint)


def assert_exact(actual: Any, name: str = "your answer", hint: str | None = None) -> None:
    """``actual`` is an exact SymPy value (integers, rationals, radicals; no floats)."""
    act = _sympify(actual, name)
    target = sympy.Tuple(*act) if isinstance(act, sympy.MatrixBase) else act
    if _has_float(target):
        _fail(f"{name} contains a floating-point number; give an exact value.", hint)
    if isinstance(actual, (float, np.floating)) or (isinstance(actual, numbers.Number)
                                                   and not isinstance(actual, (numbers.Rational, sympy.Basic))):
        _fail(f"{name} is a Python float; use SymPy for an exact value.", hint)


def _referenced_globals(func: Any) -> Iterator[Any]:
    """The global and closure objects a function's code (nested functions included) refers to by name."""
    code = getattr(func, "__code__", None)
    if code is None:
        return
    glb = getattr(func, "__globals__", {})
    stack = [code]
    while stack:
        co = stack.pop()
        for n in co.co_names:
            if n in glb:
                yield glb[n]
        stack.extend(c for c in co.co_consts if hasattr(c, "co_names"))
    for cell in getattr(func, "__closure__", None) or ():
        try:
            yield cell.cell_contents
        except ValueError:  # an empty cell
            pass


# Set by hardened grading (autograder.hardened.session) while a test cell runs in the grader's own process: the
# student's code runs in another process, so a ``forbid`` rule has to be set up there.
kernel_rules: Any = None


def student_value(name: str) -> Any:
    """The notebook variable ``name`` as the student's code left it, e.g. to check that an answer did not
    change the given data in place (a test's own names, setup data included, are the grader's copies)."""
    if kernel_rules is not None:
        found = kernel_rules.fetch([name])
    else:
        from IPython import get_ipython

        shell = get_ipython()
        found = shell.user_ns if shell is not None else {}
    if name not in found:
        raise NameError(f"name '{name}' is not defined")
    return found[name]


@contextmanager
def forbid(module: Any, *names: str, reason: str = "this question asks you to implement it yourself",
           func: Any = None, _local: bool = False) -> Iterator[None]:
    """Inside the block, calling ``module.<name>`` fails the test with a clear sentence.

    For questions like "implement Gram-Schmidt without np.linalg.qr"; the prompt should say so too.
    With ``func``, the student's function is also refused if it holds the function under another name
    (``from numpy.linalg import qr`` before the block), which patching the module cannot catch.
    """
    if kernel_rules is not None and not _local:
        with kernel_rules.forbid(module, names, reason, func):
            yield
        return
    saved = {n: getattr(module, n) for n in names}
    modname = getattr(module, "__name__", "module").replace("numpy", "np")
    if func is not None:
        banned = {id(fn): n for n, fn in saved.items()}
        for obj in _referenced_globals(func):
            if id(obj) in banned:
                raise AssertionError(f"{modname}.{banned[id(obj)]} is not allowed here: {reason}.")

    def blocked(name: str):
        def _blocked(*args, **kwargs):
            raise AssertionError(f"{modname}.{name} is not allowed here: {reason}.")
        return _blocked

    try:
        for n in names:
            setattr(module, n, blocked(n))
        yield
    finally:
        for n, fn in saved.items():
            setattr(module, n, fn)


MATRIX_PRODUCT_NAMES = frozenset({"dot", "matmul", "einsum", "tensordot", "inner", "vdot", "multi_dot",
                                  "vecdot", "matvec", "vecmat",  # NumPy 2's ufuncs, which no profiler sees
                                  "__matmul__", "__rmatmul__"})


def assert_no_matrix_product(func: Any, reason: str = "build the product yourself", name: str | None = None,
                             _local: bool = False) -> None:
    """``func`` (and the helpers of the student's own that it calls by name) uses no ``@`` operator and no
    dot/matmul-type function, for questions that ask for a product built by hand."""
    if kernel_rules is not None and not _local:
        kernel_rules.check("assert_no_matrix_product", func, reason, name)
        return
    import dis
    import inspect

    label = name or getattr(func, "__name__", "your function")

    def uses(f: Any, seen: set) -> bool:
        code = getattr(f, "__code__", None)
        if code is None or id(code) in seen:
            return False
        seen.add(id(code))
        glb = getattr(f, "__globals__", {})
        stack = [code]
        while stack:
            co = stack.pop()
            for n in MATRIX_PRODUCT_NAMES & set(co.co_names):  # np.dot, A.dot, ... unless a helper of their own
                g = glb.get(n)
                if not (inspect.isfunction(g) and g.__module__ == f.__module__):
                    return True
            if any(i.opname == "BINARY_OP" and i.argrepr in ("@", "@=") for i in dis.get_instructions(co)):
                return True
            stack.extend(c for c in co.co_consts if hasattr(c, "co_names"))
            for n in co.co_names:
                g = glb.get(n)
                if inspect.isfunction(g) and g.__module__ == f.__module__ and uses(g, seen):
                    return True
        return False

    if uses(func, set()):
        raise AssertionError(f"{label} uses the @ operator or a dot/matmul-type function, which is not allowed "
                             f"here: {reason}.")


# --- Matrix structure and factorizations -------------------------------------------------------------

def _matrix(actual: Any, name: str, hint: str | None = None) -> np.ndarray:
    arr = as_array(actual, name)
    if arr.ndim != 2:
        _fail(f"{name} should be a 2-D array (a matrix), but it has shape {_shape_text(arr.shape)}.", hint)
    _check_finite(arr, name, hint)
    return arr


def assert_triangular(actual: Any, *, lower: bool = False, unit_diagonal: bool = False, atol: float = 1e-10,
                      name: str = "your matrix", hint: str | None = None) -> None:
    """``actual`` is upper (or ``lower``) triangular, optionally with ones on the diagonal."""
    arr = _matrix(actual, name, hint)
    part = np.triu(arr, 1) if lower else np.tril(arr, -1)
    kind = "lower" if lower else "upper"
    if np.abs(part).max(initial=0.0) > atol:
        other = "above" if lower else "below"
        _fail(f"{name} should be {kind} triangular, but it has non-zero entries {other} the diagonal.", hint)
    if unit_diagonal and not np.allclose(np.diag(arr), 1.0, atol=atol, rtol=0):
        _fail(f"{name} should have ones on its diagonal.", hint)


def assert_permutation(actual: Any, name: str = "your permutation matrix", hint: str | None = None) -> None:
    """``actual`` is a square 0/1 matrix with exactly one 1 in every row and every column."""
    arr = _matrix(actual, name, hint)
    if arr.shape[0] != arr.shape[1]:
        _fail(f"{name} should be square, but it has shape {_shape_text(arr.shape)}.", hint)
    if not np.all((np.isclose(arr, 0)) | (np.isclose(arr, 1))):
        _fail(f"{name} should contain only zeros and ones.", hint)
    if not (np.allclose(arr.sum(axis=0), 1) and np.allclose(arr.sum(axis=1), 1)):
        _fail(f"{name} should have exactly one 1 in every row and every column.", hint)


def _norm2(a: np.ndarray) -> float:
    return float(np.linalg.norm(a, 2)) if a.ndim == 2 else float(np.linalg.norm(a))


def assert_solves(A: Any, x: Any, b: Any, *, tol: float = 1e-8, name: str = "your solution",
                  hint: str | None = None) -> None:
    """``x`` solves ``A x = b`` to within a small *backward* error: ||Ax - b|| <= tol (||A|| ||x|| + ||b||).

    The residual, not the distance to one reference x, is what a stable method can promise on an
    ill-conditioned A, so a correct answer computed another stable way always passes.
    """
    A_ = as_array(A, "A")
    b_ = as_array(b, "b")
    x_ = as_array(x, name)
    want = (A_.shape[1],) + b_.shape[1:]
    _check_shape(x_, want, name, hint)
    _check_finite(x_, name, hint)
    r = A_ @ x_ - b_
    bound = tol * (_norm2(A_) * _norm2(x_) + _norm2(b_))
    if _norm2(r) > bound:
        _fail(f"{name} does not solve the system: the residual ||A x - b|| is {_norm2(r):.2e}, "
              f"larger than rounding explains.", hint)


def assert_eigenpair(A: Any, value: Any, vector: Any, *, tol: float = 1e-8, name: str = "your eigenpair",
                     hint: str | None = None) -> None:
    """``A v = lambda v`` with ``v`` non-zero; any scaling or sign of ``v`` passes."""
    A_ = as_array(A, "A", dtype=complex)
    v = as_array(vector, f"the eigenvector of {name}", dtype=complex).ravel()
    lam = complex(np.asarray(as_array(value, f"the eigenvalue of {name}", dtype=complex)).reshape(-1)[0])
    if v.shape != (A_.shape[0],):
        _fail(f"the eigenvector of {name} should have {A_.shape[0]} entries, but it has {v.size}.", hint)
    if not np.any(np.abs(v) > 0):
        _fail(f"the eigenvector of {name} is the zero vector, which is never an eigenvector.", hint)
    r = A_ @ v - lam * v
    if np.linalg.norm(r) > tol * (np.linalg.norm(A_, 2) + abs(lam)) * np.linalg.norm(v):
        if np.linalg.norm(A_.T @ v - lam * v) <= tol * (np.linalg.norm(A_, 2) + abs(lam)) * np.linalg.norm(v):
            _fail(f"{name}: this is an eigenvector of A transposed (a left eigenvector), not of A: "
                  "are your vectors in rows instead of columns?", hint)
        _fail(f"{name} is not an eigenpair: A v differs from lambda v.", hint)


def assert_eigendecomposition(A: Any, values: Any, vectors: Any, *, tol: float = 1e-8,
                              name: str = "your eigendecomposition", hint: str | None = None) -> None:
    """``values``/``vectors`` (eigenvectors in columns, in the order of ``values``) diagonalize ``A``.

    Each column may be scaled or sign-flipped, and inside a repeated eigenvalue any basis of its
    eigenspace passes; the eigenvalues must be all of A's (with multiplicity), in any order.
    """
    A_ = as_array(A, "A", dtype=complex)
    n = A_.shape[0]
    vals = as_array(values, f"the eigenvalues of {name}", dtype=complex).ravel()
    vecs = as_array(vectors, f"the eigenvectors of {name}", dtype=complex)
    if vals.shape != (n,):
        _fail(f"{name} should have {n} eigenvalues, but it has {vals.size}.", hint)
    if vecs.shape != (n, n):
        _fail(f"the eigenvector matrix of {name} should have shape {(n, n)}, got {_shape_text(vecs.shape)}.", hint)
    ref = np.linalg.eigvals(A_)
    scale = max(1.0, float(np.abs(ref).max(initial=0.0)))
    remaining = list(ref)
    for lam in vals:
        j = int(np.argmin([abs(lam - r) for r in remaining]))
        if abs(lam - remaining[j]) > 1e-6 * scale:
            _fail(f"{name}: not every value is an eigenvalue of A (or one is listed too often).", hint)
        remaining.pop(j)
    for i in range(n):
        assert_eigenpair(A_, vals[i], vecs[:, i], tol=tol, name=f"column {i} of {name}", hint=hint)
    if np.linalg.matrix_rank(vecs, tol=1e-8 * max(1.0, np.abs(vecs).max())) < n:
        _fail(f"the eigenvectors of {name} are linearly dependent, so they do not diagonalize A.", hint)


def assert_svd(A: Any, U: Any, s: Any, Vt: Any, *, tol: float = 1e-8, name: str = "your SVD",
               hint: str | None = None) -> None:
    """``U @ diag(s) @ Vt`` is a (thin or full) SVD of ``A``.

    Singular vectors are unique only up to sign (and to rotation inside a repeated singular value), so
    this checks the defining properties: orthonormal columns of U and rows of Vt, singular values
    non-negative and in decreasing order, and the product equal to A.
    """
    A_ = as_array(A, "A")
    U_ = _matrix(U, f"U of {name}", hint)
    s_ = as_array(s, f"the singular values of {name}").ravel()
    Vt_ = _matrix(Vt, f"Vt of {name}", hint)
    k = s_.size
    if U_.shape[0] != A_.shape[0] or Vt_.shape[1] != A_.shape[1] or U_.shape[1] < k or Vt_.shape[0] < k:
        _fail(f"the shapes of {name} do not fit A of shape {_shape_text(A_.shape)}: U {_shape_text(U_.shape)}, "
              f"s {_shape_text(s_.shape)}, Vt {_shape_text(Vt_.shape)}.", hint)
    if np.any(s_ < -tol * max(1.0, float(np.abs(s_).max(initial=0.0)))):
        _fail(f"the singular values of {name} must be non-negative.", hint)
    if np.any(np.diff(s_) > tol * max(1.0, float(s_.max(initial=0.0)))):
        _fail(f"the singular values of {name} must be in decreasing order.", hint)
    assert_orthonormal_columns(U_[:, :k], atol=1e-6, name=f"U of {name}", hint=hint)
    assert_orthonormal_columns(Vt_[:k, :].T, atol=1e-6, name=f"the rows of Vt of {name}", hint=hint)
    recon = U_[:, :k] @ np.diag(s_) @ Vt_[:k, :]
    if np.linalg.norm(recon - A_) > tol * max(1.0, float(np.linalg.norm(A_))) * 10:
        _fail(f"U @ diag(s) @ Vt of {name} does not reproduce A (did you pass V instead of V transposed?).", hint)


def assert_low_rank_approximation(A: Any, approx: Any, k: int, *, rtol: float = 1e-6,
                                  name: str = "your approximation", hint: str | None = None) -> None:
    """``approx`` has rank at most ``k`` and is a *best* rank-k approximation of ``A`` (Eckart-Young).

    Graded by its error ||A - approx||_F, which must equal the optimum sqrt(sum of the discarded s_i^2),
    so any optimal answer passes (signs of singular vectors, ties between equal singular values).
    """
    A_ = as_array(A, "A")
    B = as_array(approx, name)
    _check_shape(B, A_.shape, name, hint)
    _check_finite(B, name, hint)
    s = np.linalg.svd(A_, compute_uv=False)
    sb = np.linalg.svd(B, compute_uv=False)
    if np.sum(sb > 1e-9 * max(1.0, float(s[0]) if s.size else 1.0)) > k:
        _fail(f"{name} has rank greater than {k}.", hint)
    best = float(np.sqrt(np.sum(s[k:] ** 2)))
    err = float(np.linalg.norm(A_ - B))
    if err > best * (1 + rtol) + 1e-9 * max(1.0, float(np.linalg.norm(A_))):
        _fail(f"{name} has rank at most {k} but is not the best rank-{k} approximation: its error "
              f"||A - A_k||_F is larger than the optimum (keep the {k} largest singular values).", hint)
