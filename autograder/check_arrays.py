"""Assertions on numeric answers: arrays, vectors, bases (re-exported by :mod:`autograder.checks`).

Answers are copied into plain float arrays (:func:`as_array`) before any comparison, so an ndarray subclass
cannot change how it is compared; a failure is one sentence a student can act on, never the expected value.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy

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
