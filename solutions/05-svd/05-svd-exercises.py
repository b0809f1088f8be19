# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 05 exercises: eigendecomposition and the SVD
#
# Seven questions: power iteration, a sorted symmetric eigendecomposition, exact singular values with
# SymPy, the SVD built from the eigendecomposition of $A^\top A$, the best rank-$k$ approximation, the
# energy kept by the first $k$ singular values, and the minimum-norm least-squares solution. Each
# question has a **visible test** you can run now and **hidden tests** that run when your notebook is
# graded (on other inputs, including edge cases), so make your functions work for any valid input, not
# only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/05-svd/05-svd-exercises.ipynb`.
#
# Read chapter 05 (`course/05-svd.ipynb`) first. Unless a question says otherwise, a matrix argument may
# be a NumPy array or a nested list, and your function must not modify it.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: power iteration (4 points)
#
# Write `power_iteration(A, num_iters=1000, tol=1e-10)` that returns the **dominant eigenpair**
# `(lam, v)` of a symmetric matrix `A` of shape $(n, n)$: `lam` is the eigenvalue of largest absolute
# value, as a float, and `v` a matching eigenvector, a 1-D array of length $n$ with norm 1 (either sign).
# The tests only use matrices whose dominant eigenvalue $\lambda_1$ clearly stands out: every other
# eigenvalue $\lambda \ne \lambda_1$ has $|\lambda| \le 0.9\,|\lambda_1|$ ($\lambda_1$ itself may be
# repeated), and `A` is not the zero matrix.
#
# * Start from a **random** unit vector, e.g. from `np.random.default_rng(0).normal(size=n)`. A fixed
#   start such as all ones can be orthogonal to the dominant eigenvector, and then the iteration never
#   finds it.
# * Repeat $v \leftarrow Av / \lVert Av\rVert$, and estimate the eigenvalue by the Rayleigh quotient
#   $\lambda = v\cdot(Av)$ for the unit vector $v$ (unlike $\lVert Av\rVert$, it has the right sign when
#   the dominant eigenvalue is negative).
# * Stop as soon as the residual is small **relative** to the eigenvalue,
#   $\lVert Av - \lambda v\rVert \le \text{tol}\cdot|\lambda|$, or after `num_iters` steps. The hidden tests
#   accept any answer whose residual $\lVert Av - \lambda v\rVert$ is below about $10^{-6}\,\lVert A\rVert_2$,
#   on matrices of very different scales. (Do not stop when $\lambda$ stops changing: the Rayleigh quotient
#   converges twice as fast as the vector, so $\lambda$ settles while $v$ is still far from an eigenvector.)
#
# Implement it yourself: **no eigenvalue or SVD routine** — `np.linalg.eig`, `eigh`, `eigvals`,
# `eigvalsh` and `svd`, and no function at all of `scipy.linalg` or `scipy.sparse.linalg`; the hidden
# tests watch the calls your function makes, under whatever name.

# %% nbgrader={"grade": false, "grade_id": "q1-power-iteration", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def power_iteration(A, num_iters=1000, tol=1e-10):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    v = np.random.default_rng(0).normal(size=A.shape[0])
    v /= np.linalg.norm(v)
    lam = 0.0
    for _ in range(num_iters):
        w = A @ v
        lam = v @ w                                  # Rayleigh quotient of the current unit vector
        if np.linalg.norm(w - lam * v) <= tol * abs(lam):
            break
        v = w / np.linalg.norm(w)
    return float(lam), v
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-power-iteration-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_eigenpair, assert_scalar_close

_A = np.array([[2.0, 1.0], [1.0, 2.0]])
_lam, _v = power_iteration(_A.copy())
assert np.ndim(_lam) == 0, "lam should be a single number (a float)."
assert np.shape(_v) == (2,), f"v should be a 1-D array of shape (2,), got shape {np.shape(_v)}."
assert_scalar_close(_lam, 3.0, rtol=1e-6, name="the eigenvalue for A = [[2, 1], [1, 2]]")
assert abs(np.linalg.norm(_v) - 1.0) < 1e-8, "v should have norm 1."
assert_eigenpair(_A, _lam, _v, tol=1e-6, name="power_iteration(A)")

# %% nbgrader={"grade": true, "grade_id": "q1-power-iteration-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random symmetric matrices (2x2 to 20x20) with positive, negative and repeated dominant
# eigenvalues, a start vector trap, rank one, 1x1, scales 1e-8 and 1e8, list input, A unchanged, no eig/svd,
# num_iters and tol passed by keyword and by position on a matrix where the iteration never converges.
### BEGIN HIDDEN TESTS
import scipy.linalg
import scipy.sparse.linalg
from autograder import calls
from autograder.checks import assert_eigenpair, forbid_calls

_rng = np.random.default_rng(5101)


def _sym(spectrum):
    _Q, _ = np.linalg.qr(_rng.normal(size=(len(spectrum), len(spectrum))))
    _S = _Q @ np.diag(spectrum) @ _Q.T
    return (_S + _S.T) / 2


_u = _rng.normal(size=6)
_cases = [
    ("a 5x5 matrix", _sym([4.0, 3.0, 1.0, -2.0, 0.5])),
    ("a 20x20 matrix with a negative dominant eigenvalue", _sym([-10.0, 8.5] + list(_rng.uniform(-8, 8, 18)))),
    ("a 2x2 matrix with eigenvalues 3 and -1", np.array([[1.0, -2.0], [-2.0, 1.0]])),
    ("a 4x4 matrix with a repeated dominant eigenvalue", _sym([5.0, 5.0, 1.0, 0.0])),
    ("a 6x6 matrix of rank one", np.outer(_u, _u)),
    ("a 1x1 matrix", np.array([[-2.5]])),
    ("a diagonal matrix", np.diag([3.0, -1.0, 2.0])),
    ("a 5x5 matrix scaled by 1e8", 1e8 * _sym([7.0, -6.0, 2.0, 1.0, 0.0])),
    ("a 5x5 matrix scaled by 1e-8", 1e-8 * _sym([-7.0, 6.0, 2.0, 1.0, 0.0])),
]
_why = "implement power iteration yourself"
_results = []
with forbid_calls(calls.SVD_AND_EIG, reason=_why, func=power_iteration):
    for _name, _A in _cases:
        _Acopy = _A.copy()
        _results.append(power_iteration(_A))
        assert np.array_equal(_A, _Acopy), "power_iteration changed its input A; work on a copy."
    _list_result = power_iteration([[2.0, 0.0], [0.0, -5.0]])

for (_name, _A), (_lam, _v) in zip(_cases, _results):
    assert np.size(_lam) == 1, f"for {_name}, lam should be a single number."
    _lam = float(np.asarray(_lam).ravel()[0])
    assert np.shape(_v) == (_A.shape[0],), f"for {_name}, v should have shape {(_A.shape[0],)}, got {np.shape(_v)}."
    assert np.all(np.isfinite(_v)) and np.isfinite(_lam), f"for {_name}, the result contains NaN or inf."
    assert abs(np.linalg.norm(_v) - 1.0) < 1e-6, f"for {_name}, v does not have norm 1."
    _ref = np.linalg.eigvalsh(_A)
    _dom = _ref[np.argmax(np.abs(_ref))]
    if abs(abs(_lam) - abs(_dom)) > 1e-6 * abs(_dom):
        raise AssertionError(f"for {_name}, lam is not the eigenvalue of largest absolute value "
                             "(if (lam, v) is an eigenpair at all, check your start vector).")
    if abs(_lam - _dom) > 1e-6 * abs(_dom):
        raise AssertionError(f"for {_name}, lam has the wrong sign: estimate the eigenvalue by the "
                             "Rayleigh quotient v·(Av), which keeps the sign, not by a norm.")
    assert_eigenpair(_A, _lam, _v, tol=1e-6, name=f"power_iteration(A) for {_name}",
                     hint="stop only when the residual is small relative to |lam|.")
_lam, _v = _list_result
assert abs(float(np.asarray(_lam).ravel()[0]) + 5.0) < 1e-6, "power_iteration should accept a nested list."
# num_iters and tol are the caller's (by keyword and by position): eigenvalues 2 and -2 tie in absolute value,
# so the iteration never converges and must stop after num_iters steps with its current estimate
for _out in (power_iteration(np.diag([2.0, -2.0, 1.0]), num_iters=25, tol=1e-12),
             power_iteration(np.diag([2.0, -2.0, 1.0]), 30, 1e-12)):
    _v = np.asarray(_out[1], dtype=float)
    assert _v.shape == (3,) and np.all(np.isfinite(_v)) and abs(np.linalg.norm(_v) - 1.0) < 1e-6, \
        ("power_iteration(A, num_iters, tol) should stop after num_iters steps when it does not converge, and "
         "return its current estimate (a unit vector).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: a sorted symmetric eigendecomposition (3 points)
#
# Write `sorted_eigh(S)` for a symmetric matrix `S` of shape $(n, n)$. Return `(values, vectors)`:
#
# * `values`: a 1-D float array of the $n$ eigenvalues from **largest to smallest** in the usual
#   (algebraic) order, so $-5$ comes after $1$;
# * `vectors`: an $(n, n)$ array whose column `i` is a unit eigenvector for `values[i]`, with
#   orthonormal columns.
#
# Use the library well: `np.linalg.eigh` does the work, but returns the eigenvalues in ascending order.
# Any sign of each eigenvector is accepted, and for a repeated eigenvalue any orthonormal basis of its
# eigenspace.

# %% nbgrader={"grade": false, "grade_id": "q2-sorted-eigh", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def sorted_eigh(S):
    ### BEGIN SOLUTION
    values, vectors = np.linalg.eigh(np.asarray(S, dtype=float))
    return values[::-1], vectors[:, ::-1]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-sorted-eigh-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_eigendecomposition

_S = np.array([[2.0, 1.0], [1.0, 2.0]])
_values, _vectors = sorted_eigh(_S.copy())
assert_close(_values, np.array([3.0, 1.0]), name="the eigenvalues of [[2, 1], [1, 2]]",
             hint="from largest to smallest.")
assert_eigendecomposition(_S, _values, _vectors, name="sorted_eigh(S)",
                          hint="column i of vectors must belong to values[i].")

# %% nbgrader={"grade": true, "grade_id": "q2-sorted-eigh-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random symmetric matrices (indefinite, negative definite, singular), repeated eigenvalues,
# the identity, 1x1, list input, S unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_eigendecomposition, assert_orthonormal_columns

_rng = np.random.default_rng(5201)


def _sym(spectrum):
    _Q, _ = np.linalg.qr(_rng.normal(size=(len(spectrum), len(spectrum))))
    _S = _Q @ np.diag(spectrum) @ _Q.T
    return (_S + _S.T) / 2


_G = _rng.normal(size=(6, 6))
_cases = [
    ("a random 6x6 symmetric matrix", _G + _G.T),
    ("a matrix with eigenvalues 1, -7, 3", _sym([1.0, -7.0, 3.0])),
    ("a matrix with a repeated eigenvalue", _sym([5.0, 2.0, 2.0, 2.0, -1.0])),
    ("a negative definite matrix", _sym([-1.0, -2.0, -30.0, -0.5])),
    ("a singular matrix", _sym([4.0, 0.0, 0.0, 1.0])),
    ("the 3x3 identity", np.eye(3)),
    ("a 1x1 matrix", np.array([[-4.0]])),
]
for _name, _S in _cases:
    _Scopy = _S.copy()
    _values, _vectors = sorted_eigh(_S)
    assert np.array_equal(_S, _Scopy), "sorted_eigh changed its input S; work on a copy."
    _values = np.asarray(_values, dtype=float)
    assert _values.shape == (_S.shape[0],), f"for {_name}, values should have shape {(_S.shape[0],)}."
    _ref = np.sort(np.linalg.eigvalsh(_S))[::-1]
    if not np.all(np.diff(_values) <= 1e-9 * max(1.0, np.abs(_ref).max())):
        if np.allclose(_values, _ref[np.argsort(-np.abs(_ref), kind="stable")]):
            raise AssertionError(f"for {_name}, the eigenvalues are sorted by absolute value; sort them "
                                 "from largest to smallest in the algebraic order (negative ones last).")
        raise AssertionError(f"for {_name}, the eigenvalues are not in decreasing order.")
    assert_orthonormal_columns(_vectors, atol=1e-8, name=f"the eigenvectors for {_name}",
                               hint="for a symmetric matrix, np.linalg.eigh guarantees orthonormal eigenvectors.")
    assert_eigendecomposition(_S, _values, _vectors, name=f"sorted_eigh(S) for {_name}",
                              hint="column i of vectors must belong to values[i].")
_values, _vectors = sorted_eigh([[0.0, 2.0], [2.0, 0.0]])
assert_eigendecomposition(np.array([[0.0, 2.0], [2.0, 0.0]]), _values, _vectors, name="sorted_eigh of a nested list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: exact singular values of a shear (3 points)
#
# For a parameter $a > 0$, the shear $A = \begin{pmatrix} 1 & a \\ 0 & 1\end{pmatrix}$ has the double
# eigenvalue 1, but its singular values are not 1. With SymPy (exact arithmetic):
#
# 1. store in `G` the matrix $A^\top A$ (a `sp.Matrix`);
# 2. store in `sigma_1` and `sigma_2` the two singular values of $A$ as exact SymPy expressions in the
#    symbol `a` defined below, with $\sigma_1 \ge \sigma_2$.
#
# Any equivalent form is accepted (nested square roots or not). `G.eigenvals()` returns a dict, in no
# guaranteed order, so make sure which root is the larger one for **every** $a > 0$ (`sorted`, `max` and
# `if x > y:` can compare the two roots here only because `a` is declared positive; with a plain symbol
# they raise `TypeError`). A check you can do: $\sigma_1\sigma_2 = |\det A| = 1$.

# %% nbgrader={"grade": false, "grade_id": "q3-shear-singular-values", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
a = sp.symbols("a", positive=True)
A_shear = sp.Matrix([[1, a], [0, 1]])
### BEGIN SOLUTION
G = A_shear.T * A_shear
_lams = sorted(G.eigenvals(), key=lambda e: e.subs(a, 1), reverse=True)   # order them by their value at a = 1
sigma_1, sigma_2 = [sp.sqrt(e) for e in _lams]
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q3-shear-singular-values-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

assert isinstance(G, sp.MatrixBase) and G.shape == (2, 2), "G should be a 2x2 SymPy Matrix."
for _name, _sigma in [("sigma_1", sigma_1), ("sigma_2", sigma_2)]:
    assert isinstance(_sigma, sp.Expr), f"{_name} should be a SymPy expression."
    assert {str(_x) for _x in _sigma.free_symbols} <= {"a"}, f"{_name} should contain no symbol other than a."
    assert_exact(_sigma, name=_name)
    _at0 = sp.N(_sigma.subs({_x: 0 for _x in _sigma.free_symbols}), 30)
    assert abs(_at0 - 1) < 1e-20, f"at a = 0 the shear is the identity, so {_name} should be 1 there."

# %% nbgrader={"grade": true, "grade_id": "q3-shear-singular-values-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: G exactly, and sigma_1, sigma_2 compared with the exact singular values at several values of a.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal

_a = sp.Symbol("a", positive=True)
assert_sympy_equal(G, sp.Matrix([[1, _a], [_a, 1 + _a**2]]), name="G",
                   hint="G is A^T A, with the transpose on the left.")


def _at(expr, value):
    expr = sp.sympify(expr)
    return sp.N(expr.subs({_x: value for _x in expr.free_symbols}), 40)


_values = [sp.Rational(1, 3), sp.Integer(1), sp.Integer(2), sp.Rational(7, 2), sp.Integer(10)]
_exact = {"sigma_1": (_a + sp.sqrt(_a**2 + 4)) / 2, "sigma_2": (sp.sqrt(_a**2 + 4) - _a) / 2}
for _name, _sigma in [("sigma_1", sigma_1), ("sigma_2", sigma_2)]:
    assert_exact(_sigma, name=_name)
    assert {str(_x) for _x in sp.sympify(_sigma).free_symbols} <= {"a"}, f"{_name} should contain no symbol other than a."
    if abs(_at(_sigma, 2) - 1) < 1e-20:
        raise AssertionError(f"{_name} is 1 at a = 2: the singular values of a non-symmetric matrix are not "
                             "its eigenvalues; they are the square roots of the eigenvalues of A^T A.")
    if abs(_at(_sigma, 2) - _at(_exact[_name] ** 2, 2)) < 1e-20:
        raise AssertionError(f"{_name} is an eigenvalue of A^T A: the singular values are their square roots.")
    if abs(_at(_sigma, 2) - _at(_exact["sigma_2" if _name == "sigma_1" else "sigma_1"], 2)) < 1e-20:
        raise AssertionError("sigma_1 and sigma_2 are swapped: sigma_1 should be the larger one.")
    for _value in _values:
        _got, _want = _at(_sigma, _value), _at(_exact[_name], _value)
        assert abs(_got - _want) <= 1e-25 * (1 + abs(_want)), f"{_name} is not the expected singular value at a = {_value}."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: the SVD from the eigendecomposition of $A^\top A$ (4 points)
#
# Write `svd_via_eigh(A)` that returns the thin SVD `(U, s, Vt)` of a matrix `A` of shape $(m, n)$ with
# full rank $r = \min(m, n)$, built from the eigendecomposition of $A^\top A$ as in Section 5 of the
# chapter:
#
# * `U` of shape $(m, r)$ with orthonormal columns, `s` a 1-D array of the $r$ singular values in
#   **decreasing** order (all positive), `Vt` of shape $(r, n)$ with orthonormal rows, and
#   `U @ np.diag(s) @ Vt` equal to `A`. (Signs of singular vectors are free: any valid SVD passes.)
# * For $m \ge n$: the eigenvectors of $A^\top A$ (from `np.linalg.eigh`, ascending order!) are the right
#   singular vectors $v_i$, its eigenvalues are $\sigma_i^2$, and $u_i = Av_i/\sigma_i$.
# * For a wide matrix ($m < n$), $A^\top A$ is singular: apply the method to $A^\top$ and transpose back
#   ($A^\top = U'\Sigma V'^\top$ gives $A = V'\Sigma U'^\top$).
#
# Implement it yourself: **`np.linalg.svd`, `scipy.linalg.svd` and `scipy.sparse.linalg.svds` are not
# allowed**, under any name (the hidden tests watch the calls your function makes; `np.linalg.eigh` is
# fine). The hidden tests use condition numbers up to $10^3$, so the squaring in $A^\top A$ still leaves
# enough accuracy.

# %% nbgrader={"grade": false, "grade_id": "q4-svd-via-eigh", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def svd_via_eigh(A):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    if m < n:
        U, s, Vt = svd_via_eigh(A.T)
        return Vt.T, s, U.T
    lam, V = np.linalg.eigh(A.T @ A)
    lam, V = lam[::-1], V[:, ::-1]
    s = np.sqrt(np.clip(lam, 0.0, None))
    U = (A @ V) / s
    return U, s, V.T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-svd-via-eigh-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_svd

_A = np.array([[3.0, 0.0], [4.0, 5.0], [0.0, 0.0]])
_U, _s, _Vt = svd_via_eigh(_A.copy())
assert [np.shape(_U), np.shape(_s), np.shape(_Vt)] == [(3, 2), (2,), (2, 2)], \
    f"for A of shape (3, 2), U, s, Vt should have shapes (3, 2), (2,), (2, 2); got {[np.shape(_U), np.shape(_s), np.shape(_Vt)]}."
assert_svd(_A, _U, _s, _Vt, name="svd_via_eigh(A)")

# %% nbgrader={"grade": true, "grade_id": "q4-svd-via-eigh-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, square and wide random matrices, an orthogonal matrix (repeated singular values),
# a column, a row, 1x1, condition number 1e3, list input, A unchanged, no library SVD.
### BEGIN HIDDEN TESTS
import scipy.linalg
import scipy.sparse.linalg
from autograder import calls
from autograder.checks import assert_shape, assert_svd, forbid_calls

_rng = np.random.default_rng(5401)
_Qa, _ = np.linalg.qr(_rng.normal(size=(10, 4)))
_Qb, _ = np.linalg.qr(_rng.normal(size=(4, 4)))
_cases = [
    ("a tall 8x3 matrix", _rng.normal(size=(8, 3))),
    ("a square 4x4 matrix", _rng.normal(size=(4, 4))),
    ("a wide 3x7 matrix", _rng.normal(size=(3, 7))),
    ("a 5x5 orthogonal matrix", np.linalg.qr(_rng.normal(size=(5, 5)))[0]),
    ("a 6x1 column", _rng.normal(size=(6, 1))),
    ("a 1x5 row", _rng.normal(size=(1, 5))),
    ("the 1x1 matrix [[-3]]", np.array([[-3.0]])),
    ("a 10x4 matrix with condition number 1e3", _Qa @ np.diag([10.0, 1.0, 0.1, 0.01]) @ _Qb.T),
    ("a wide 2x6 matrix scaled by 1e6", 1e6 * _rng.normal(size=(2, 6))),
]
_why = "build the SVD from np.linalg.eigh yourself"
_results = []
with forbid_calls(calls.SVD_ROUTINES, reason=_why, func=svd_via_eigh):
    for _name, _A in _cases:
        _Acopy = _A.copy()
        _results.append(svd_via_eigh(_A))
        assert np.array_equal(_A, _Acopy), "svd_via_eigh changed its input A; work on a copy."
    _list_result = svd_via_eigh([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])

for (_name, _A), (_U, _s, _Vt) in zip(_cases, _results):
    _m, _n = _A.shape
    _r = min(_m, _n)
    _hint = "for a wide A (m < n), work with A^T." if _m < _n else None
    assert_shape(_U, (_m, _r), name=f"U for {_name}", hint=_hint)
    assert_shape(_s, (_r,), name=f"s for {_name}", hint=_hint)
    assert_shape(_Vt, (_r, _n), name=f"Vt for {_name}", hint=_hint)
    _true = np.linalg.svd(_A, compute_uv=False)
    _s_arr = np.asarray(_s, dtype=float)
    if np.all(np.isfinite(_s_arr)) and _r > 1 and np.allclose(np.sort(_s_arr)[::-1], _true**2, rtol=1e-6) \
            and not np.allclose(_true, _true**2, rtol=1e-6):
        raise AssertionError(f"for {_name}, s holds the squares of the singular values (the eigenvalues of A^T A): "
                             "take square roots.")
    _Ua, _Vta = np.asarray(_U, dtype=float), np.asarray(_Vt, dtype=float)
    if np.all(np.isfinite(_Ua)) and np.all(np.isfinite(_Vta)) and np.all(np.isfinite(_s_arr)):
        _D = _Ua.T @ _A @ _Vta.T              # diag(sigma) for a valid SVD; a sign mismatch shows as -sigma_i
        _t = 1e-6 * _true[0]
        if np.allclose(np.abs(_D), np.diag(_true), atol=_t) and np.any(np.diag(_D) < -_t):
            raise AssertionError(f"for {_name}, some u_i is -A v_i / sigma_i: the signs of your left and right "
                                 "singular vectors do not match. Compute u_i from your own v_i; do not fix their "
                                 "signs separately or take them from a second eigendecomposition.")
    assert_svd(_A, _U, _s, _Vt, name=f"svd_via_eigh(A) for {_name}")
assert_svd(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), *_list_result, name="svd_via_eigh of a nested list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: the best rank-$k$ approximation (3 points)
#
# Write `rank_k_approx(A, k)` that returns the best rank-$k$ approximation
# $A_k = \sum_{i=1}^k \sigma_i u_i v_i^\top$ of a matrix `A` of shape $(m, n)$ (Eckart–Young), as a float
# array of shape $(m, n)$, for any integer $0 \le k \le \min(m, n)$ ($k = 0$ gives the zero matrix).
# Use the library well: compute the SVD with `np.linalg.svd`. When singular values are tied, any of the
# equally good answers passes.

# %% nbgrader={"grade": false, "grade_id": "q5-rank-k", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def rank_k_approx(A, k):
    ### BEGIN SOLUTION
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-rank-k-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(rank_k_approx(np.diag([1.0, 3.0, 2.0]), 2), np.diag([0.0, 3.0, 2.0]), name="rank_k_approx(diag(1, 3, 2), 2)")

# %% nbgrader={"grade": true, "grade_id": "q5-rank-k-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, wide and square random matrices for every k from 0 to min(m, n), a rank-deficient
# matrix, tied singular values, a large scale, list input, A unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_low_rank_approximation

_rng = np.random.default_rng(5501)
_Q, _ = np.linalg.qr(_rng.normal(size=(4, 4)))
_cases = [
    ("a tall 7x4 matrix", _rng.normal(size=(7, 4))),
    ("a wide 3x6 matrix", _rng.normal(size=(3, 6))),
    ("a square 5x5 matrix", _rng.normal(size=(5, 5))),
    ("a 6x5 matrix of rank 2", _rng.normal(size=(6, 2)) @ _rng.normal(size=(2, 5))),
    ("2 times a 4x4 orthogonal matrix (all singular values equal)", 2 * _Q),
    ("a 4x3 matrix scaled by 1e6", 1e6 * _rng.normal(size=(4, 3))),
]
for _name, _A in _cases:
    for _k in range(min(_A.shape) + 1):
        _Acopy = _A.copy()
        _Ak = rank_k_approx(_A, _k)
        assert np.array_equal(_A, _Acopy), "rank_k_approx changed its input A; work on a copy."
        assert_low_rank_approximation(_A, _Ak, _k, name=f"rank_k_approx(A, {_k}) for {_name}")
assert_low_rank_approximation(np.array([[1.0, 2.0], [3.0, 4.0]]), rank_k_approx([[1.0, 2.0], [3.0, 4.0]], 1), 1,
                              name="rank_k_approx of a nested list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: how much energy do the first $k$ singular values keep? (3 points)
#
# For a non-zero matrix `A` with singular values $\sigma_1 \ge \dots \ge \sigma_p$ ($p = \min(m, n)$), the
# share of the energy $\lVert A\rVert_F^2$ kept by the best rank-$k$ approximation is
# $$E_k = \frac{\sigma_1^2 + \dots + \sigma_k^2}{\sigma_1^2 + \dots + \sigma_p^2}.$$
#
# 1. Write `energy_ratios(A)` that returns the 1-D float array $(E_1, E_2, \dots, E_p)$ of length $p$
#    (its last entry is 1).
# 2. Write `rank_for_energy(A, fraction)` that returns, as a Python `int`, the **smallest** $k \ge 1$ with
#    $E_k \ge$ `fraction`, for $0 <$ `fraction` $< 1$. (This is how one picks the number of components to
#    keep, e.g. "95% of the energy".)
#
# Use `np.linalg.svd` (with `compute_uv=False` you get only the singular values).

# %% nbgrader={"grade": false, "grade_id": "q6-energy", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def energy_ratios(A):
    ### BEGIN SOLUTION
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return np.cumsum(s**2) / np.sum(s**2)
    ### END SOLUTION


def rank_for_energy(A, fraction):
    ### BEGIN SOLUTION
    E = energy_ratios(A)
    return int(np.argmax(E >= fraction)) + 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-energy-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_A = np.diag([4.0, 3.0])
assert_close(energy_ratios(_A), np.array([0.64, 1.0]), name="energy_ratios(diag(4, 3))")
assert rank_for_energy(_A, 0.5) == 1, "rank_for_energy(diag(4, 3), 0.5) should be 1: sigma_1 alone keeps 64%."

# %% nbgrader={"grade": true, "grade_id": "q6-energy-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: matrices with known singular values, random tall and wide matrices, a rank-deficient
# matrix, small and large fractions, the return type.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(5601)


def _with_singular_values(m, n, s):
    _U, _ = np.linalg.qr(_rng.normal(size=(m, len(s))))
    _V, _ = np.linalg.qr(_rng.normal(size=(n, len(s))))
    return _U @ np.diag(s) @ _V.T


_cases = [
    ("a 6x4 matrix with singular values 3, 2, 1, 1", _with_singular_values(6, 4, [3.0, 2.0, 1.0, 1.0])),
    ("a 3x8 matrix with singular values 10, 1, 0.1", _with_singular_values(3, 8, [10.0, 1.0, 0.1])),
    ("a random 9x5 matrix", _rng.normal(size=(9, 5))),
    ("a 7x6 matrix of rank 3", _rng.normal(size=(7, 3)) @ _rng.normal(size=(3, 6))),
    ("a 1x4 row", _rng.normal(size=(1, 4))),
]
for _name, _A in _cases:
    _s = np.linalg.svd(_A, compute_uv=False)
    _ref = np.cumsum(_s**2) / np.sum(_s**2)
    assert_close(energy_ratios(_A), _ref, rtol=1e-9, atol=1e-12, name=f"energy_ratios(A) for {_name}",
                 hint="E_k uses the squared singular values, summed from the largest.")
    for _f in (1e-9, 0.3, 0.5, 0.7, 0.9, 0.95, 0.999):
        _want = int(np.argmax(_ref >= _f)) + 1
        if np.min(np.abs(_ref - _f)) < 1e-9:
            continue          # skip a fraction that ties with some E_k up to rounding
        _got = rank_for_energy(_A, _f)
        assert isinstance(_got, (int, np.integer)) and not isinstance(_got, bool), \
            f"rank_for_energy should return an int, got {type(_got).__name__}."
        if _got == _want - 1:
            raise AssertionError(f"rank_for_energy(A, {_f}) for {_name} is one too small: k counts the singular "
                                 "values kept (k = 1 means sigma_1 alone), it is not a 0-based index.")
        assert _got == _want, f"rank_for_energy(A, {_f}) for {_name} is not the smallest k with E_k >= fraction."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: the minimum-norm least-squares solution (4 points)
#
# Write `min_norm_solution(A, b, rtol=1e-10)` that returns $x^+ = A^+ b = V\Sigma^+U^\top b$ for a matrix
# `A` of shape $(m, n)$ (any shape, any rank, even the zero matrix) and a 1-D vector `b` of length $m$, as a
# 1-D float array of length $n$. This $x^+$ minimizes $\lVert Ax - b\rVert$ and, among all minimizers, has
# the smallest norm.
#
# * Start from `np.linalg.svd(A, full_matrices=False)` and use $x^+ = \sum_i \frac{u_i\cdot b}{\sigma_i}\, v_i$
#   over the singular values that count as non-zero.
# * A singular value counts as zero when $\sigma_i \le \text{rtol}\cdot\sigma_1$ (relative to the largest
#   one; the tests include matrices of very different scales). Do not divide by it: its term is dropped.
#   For the zero matrix every singular value counts as zero, and $x^+$ is the zero vector.
#
# Implement it yourself: **no solver or inverse from `np.linalg`** (`pinv`, `lstsq`, `solve`, `inv`, ...)
# **and no function of `scipy.linalg` or `scipy.sparse.linalg`**; the hidden tests watch the calls your
# function makes.
# `np.linalg.svd` is fine.
# Do not modify `A` or `b`.

# %% nbgrader={"grade": false, "grade_id": "q7-min-norm", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def min_norm_solution(A, b, rtol=1e-10):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > rtol * s.max()                    # all False for the zero matrix: then x = 0
    return Vt[keep].T @ ((U[:, keep].T @ b) / s[keep])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-min-norm-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(min_norm_solution(np.array([[1.0, 1.0]]), np.array([2.0])), np.array([1.0, 1.0]),
             name="min_norm_solution for x1 + x2 = 2", hint="of all solutions, (1, 1) has the smallest norm.")
assert_close(min_norm_solution(np.array([[1.0], [1.0]]), np.array([1.0, 3.0])), np.array([2.0]),
             name="min_norm_solution for x = 1, x = 3", hint="the least-squares compromise.")

# %% nbgrader={"grade": true, "grade_id": "q7-min-norm-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: overdetermined, underdetermined and square systems, rank-deficient and singular matrices
# (also scaled by 1e8 and 1e-8), a tiny singular value to drop, condition number 1e6, the zero matrix,
# list input, rtol varied (by keyword and by position, larger and smaller than the default), A and b
# unchanged, no pinv/lstsq/solve/inv.
### BEGIN HIDDEN TESTS
import scipy.linalg
from autograder import calls
from autograder.checks import assert_close, assert_shape, forbid_calls

_rng = np.random.default_rng(5701)


def _with_singular_values(m, n, s):
    _U, _ = np.linalg.qr(_rng.normal(size=(m, len(s))))
    _V, _ = np.linalg.qr(_rng.normal(size=(n, len(s))))
    return _U @ np.diag(s) @ _V.T


_singular = _rng.normal(size=(5, 2)) @ _rng.normal(size=(2, 5))
_cases = [
    ("an overdetermined 8x3 system", _rng.normal(size=(8, 3))),
    ("an underdetermined 3x7 system", _rng.normal(size=(3, 7))),
    ("a square invertible 4x4 system", _rng.normal(size=(4, 4))),
    ("a 7x4 matrix of rank 2", _rng.normal(size=(7, 2)) @ _rng.normal(size=(2, 4))),
    ("a 3x6 matrix of rank 2", _rng.normal(size=(3, 2)) @ _rng.normal(size=(2, 6))),
    ("a singular 5x5 matrix", _singular),
    ("a singular 5x5 matrix scaled by 1e8", 1e8 * _singular),
    ("a singular 5x5 matrix scaled by 1e-8", 1e-8 * _singular),
    ("a 6x4 matrix with singular values 1, 0.5, 0.1, 1e-13", _with_singular_values(6, 4, [1.0, 0.5, 0.1, 1e-13])),
    ("a 6x4 matrix with condition number 1e6", _with_singular_values(6, 4, [1.0, 1e-2, 1e-4, 1e-6])),
    ("the 3x2 zero matrix", np.zeros((3, 2))),
]
_bs = [_rng.normal(size=_A.shape[0]) for _, _A in _cases]
_why = "build the minimum-norm solution from the SVD yourself"
_results = []
with forbid_calls(calls.NUMPY_SOLVERS, calls.SCIPY_LINALG, calls.SCIPY_SPARSE_LINALG, reason=_why,
                  func=min_norm_solution):
    for (_name, _A), _b in zip(_cases, _bs):
        _Acopy, _bcopy = _A.copy(), _b.copy()
        _results.append(min_norm_solution(_A, _b))
        assert np.array_equal(_A, _Acopy) and np.array_equal(_b, _bcopy), \
            "min_norm_solution changed its input A or b; work on copies."
    _list_result = min_norm_solution([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0])
    # rtol decides which singular values count: 1, 1e-3, 1e-6 and 3e-9, at cutoffs on either side of each
    _Ar = _with_singular_values(7, 5, [1.0, 1e-3, 1e-6, 3e-9])
    _br = _rng.normal(size=7)
    _rtol_results = [(_rt, min_norm_solution(_Ar.copy(), _br.copy(), rtol=_rt)) for _rt in (0.5, 1e-2, 1e-5, 1e-9)]
    _rtol_results.append((1e-4, min_norm_solution(_Ar.copy(), _br.copy(), 1e-4)))

for (_name, _A), _b, _x in zip(_cases, _bs, _results):
    _n = _A.shape[1]
    assert_shape(_x, (_n,), name=f"x for {_name}")
    _x = np.asarray(_x, dtype=float)
    assert np.all(np.isfinite(_x)), (f"for {_name}, x contains NaN or inf: a singular value that counts as zero "
                                     "must not be inverted (tiny singular values are dropped).")
    _U, _s, _Vt = np.linalg.svd(_A, full_matrices=False)
    _keep = _s > 1e-10 * _s.max() if _s.max() > 0 else np.zeros(_s.shape, dtype=bool)
    _ref = _Vt[_keep].T @ ((_U[:, _keep].T @ _b) / _s[_keep])
    _scale = max(np.linalg.norm(_ref), 1e-300)
    if np.linalg.norm(_x) > 1e3 * max(np.linalg.norm(_ref), np.linalg.norm(_b) / max(_s.max(), 1e-300)):
        raise AssertionError(f"for {_name}, x is far too large: tiny singular values (at most rtol times the "
                             "largest, a relative cutoff) must count as zero and not be inverted.")
    _row = _Vt[_keep].T                                    # orthonormal basis of the row space
    _in_null = _x - _row @ (_row.T @ _x)
    if np.linalg.norm(_in_null) > 1e-6 * max(_scale, np.linalg.norm(_x)):
        raise AssertionError(f"for {_name}, x has a component in the null space of A, so it is not the "
                             "minimum-norm solution.")
    assert_close(_x, _ref, rtol=1e-6, atol=1e-9 * _scale, name=f"min_norm_solution for {_name}",
                 hint="x+ = sum of (u_i . b) / sigma_i * v_i over the singular values kept.")
assert_close(_list_result, np.array([0.2, 0.4]), rtol=1e-6, atol=1e-9, name="min_norm_solution for nested lists")
_U, _s, _Vt = np.linalg.svd(_Ar, full_matrices=False)
for _rt, _x in _rtol_results:
    _keep = _s > _rt * _s.max()
    _ref = _Vt[_keep].T @ ((_U[:, _keep].T @ _br) / _s[_keep])
    assert_close(_x, _ref, rtol=1e-6, atol=1e-12 * np.linalg.norm(_ref),
                 name=f"min_norm_solution(A, b, rtol={_rt:g}) for singular values 1, 1e-3, 1e-6, 3e-9",
                 hint="a singular value counts as zero exactly when it is at most rtol times the largest: use the "
                      "rtol that is passed, whatever its value.")
### END HIDDEN TESTS
