"""Assertions on matrix structure and factorizations: triangular, permutation, solutions, eigenpairs, SVD,
low-rank approximations (re-exported by :mod:`autograder.checks`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.check_arrays import _check_finite, _check_shape, _fail, _shape_text, as_array, \
    assert_orthonormal_columns


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
