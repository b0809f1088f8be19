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
# # Chapter 06 exercises: eigendecomposition and the SVD
#
# Seven questions: power iteration, a prediction of how many steps it needs, exact singular values with
# SymPy, the SVD built from the eigendecomposition of $A^\top A$, a matrix with a prescribed SVD, the
# energy kept by the first $k$ singular values, and the minimum-norm least-squares solution. Each
# question has a **visible test** you can run now and **hidden tests** that run when your notebook is
# graded (on other inputs, including edge cases), so make your functions work for any valid input, not
# only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/06-svd/06-svd-exercises.ipynb`.
#
# Read chapter 06 (`course/06-svd.ipynb`) first. Unless a question says otherwise, a matrix argument may
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
# ## Question 2: predict how many steps power iteration needs (3 points)
#
# Section 3 of the chapter says how fast power iteration converges. Turn that into a prediction you can
# make **before** running anything, e.g. to choose `num_iters` or to see that a method will be too slow.
#
# Let $S$ be any symmetric matrix whose eigenvalues satisfy $|\lambda_1| > |\lambda_2| \ge |\lambda_3| \ge
# \dots$, with ratio $\rho = |\lambda_2|/|\lambda_1|$, and let $\theta_k$ be the angle between the iterate
# $\mathbf{x}_k$ of $\mathbf{x}_{k+1} = S\mathbf{x}_k/\lVert S\mathbf{x}_k\rVert$ and the line of the
# dominant eigenvector $\mathbf{q}_1$. Write `power_steps(ratio, tol, tan0=1.0)` that returns, as a Python
# `int`, the **smallest** number of steps $k \ge 0$ that **guarantees** $\tan\theta_k \le$ `tol` for every
# such $S$ with $\rho =$ `ratio` and every start vector with $\tan\theta_0 =$ `tan0` (so the worst case
# over all of them).
#
# The tests call it with $0 \le$ `ratio` $< 1$ (`ratio = 0` is a matrix of rank one), `tol` $> 0$ and
# `tan0` $> 0$, far from the values where the answer jumps from one integer to the next, and compare with
# the exact answer on values you do not see. Any method is allowed, but the answer must come from
# `ratio`, `tol` and `tan0` alone: no matrix is given.

# %% nbgrader={"grade": false, "grade_id": "q2-power-steps", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def power_steps(ratio, tol, tan0=1.0):
    ### BEGIN SOLUTION
    import math

    # tan(theta_k) = sqrt(sum_i c_i^2 lambda_i^(2k)) / (|c_1| |lambda_1|^k) <= ratio^k tan0, with equality
    # for a start vector in the span of q_1 and q_2: the smallest k with ratio^k tan0 <= tol
    if tan0 <= tol:
        return 0
    if ratio == 0:
        return 1
    return max(1, math.ceil(math.log(tol / tan0) / math.log(ratio)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-power-steps-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_k = power_steps(0.5, 1e-3)
assert isinstance(_k, (int, np.integer)) and not isinstance(_k, bool), \
    f"power_steps should return an int, got {type(_k).__name__}."
assert _k == 10, "power_steps(0.5, 1e-3) should be 10."

# %% nbgrader={"grade": true, "grade_id": "q2-power-steps-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: a seeded sweep of ratios from 0.05 to 0.999, tolerances from 1e-14 to 0.1 and start angles
# tan0 from 1e-3 to 1e6; ratio = 0; tan0 already below tol; arguments by keyword and by position.
### BEGIN HIDDEN TESTS
import math

_rng = np.random.default_rng(5202)


def _exact_steps(rho, tol, t0):
    """The smallest k >= 0 with rho^k t0 <= tol, and the distance of the real solution to an integer."""
    if t0 <= tol:
        return 0, 1.0
    if rho == 0:
        return 1, 1.0
    _x = math.log(tol / t0) / math.log(rho)
    return max(1, math.ceil(_x)), abs(_x - round(_x))


_cases = [(0.5, 1e-3, 1.0), (0.8, 1e-8, 1.0), (0.99, 1e-6, 1.0), (0.999, 1e-12, 1.0), (0.1, 1e-14, 1.0),
          (0.9, 1e-6, 1e3), (0.6, 1e-10, 1e6), (0.95, 1e-4, 1e-2), (0.3, 0.05, 0.7), (0.7, 0.1, 30.0)]
while len(_cases) < 40:
    _case = (float(_rng.uniform(0.05, 0.999)), float(10.0 ** _rng.uniform(-14, -1)), float(10.0 ** _rng.uniform(-3, 6)))
    _cases.append(_case)
_checked = 0
for _rho, _tol, _t0 in _cases:
    _want, _margin = _exact_steps(_rho, _tol, _t0)
    if _margin < 1e-6:
        continue                       # too close to a jump: rounding could decide it
    _checked += 1
    _call = f"power_steps({_rho:.4g}, {_tol:.3g}, tan0={_t0:.3g})"
    _got = power_steps(_rho, _tol, tan0=_t0) if _t0 != 1.0 else power_steps(_rho, _tol)
    assert isinstance(_got, (int, np.integer)) and not isinstance(_got, bool), \
        f"power_steps should return an int, got {type(_got).__name__}."
    if _got == _want:
        continue
    if _t0 != 1.0 and _got == _exact_steps(_rho, _tol, 1.0)[0]:
        raise AssertionError(f"{_call} ignores tan0: a start vector further from q_1 needs more steps, one "
                             "closer to it fewer.")
    if _want == 0:
        raise AssertionError(f"{_call} is wrong: the start vector already meets the tolerance (tan0 <= tol), so "
                             "no step is needed.")
    if _got < _want:
        raise AssertionError(f"{_call} is too small: after that many steps a worst-case start vector (in the "
                             "span of q_1 and q_2) still has tan(theta) > tol. Which factor does each step "
                             "multiply tan(theta) by, for the vector (not for the Rayleigh quotient)?")
    raise AssertionError(f"{_call} is larger than needed: fewer steps already guarantee tan(theta) <= tol "
                         "for every matrix and start vector; the question asks for the smallest number.")
assert _checked >= 30
# positional tan0, the two edge cases
assert power_steps(0.9, 1e-6, 10.0) == _exact_steps(0.9, 1e-6, 10.0)[0], \
    "power_steps(ratio, tol, tan0) with tan0 passed by position gives a wrong count."
_got = power_steps(0.0, 1e-9, 5.0)
assert _got == 1, ("power_steps(0, 1e-9, tan0=5) is wrong: with ratio = 0 (a matrix of rank one), one step "
                   "removes every component outside the line of q_1.")
_got = power_steps(0.9, 1e-3, tan0=1e-4)
assert _got == 0, ("power_steps(0.9, 1e-3, tan0=1e-4) is wrong: the start vector already meets the tolerance, "
                   "so no step is needed.")
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
# `if x > y:` can compare the two eigenvalues here only because `a` is declared positive; with a plain
# symbol they raise `TypeError`, and even with `a` positive they cannot compare the square roots of the
# eigenvalues). A check you can do: $\sigma_1\sigma_2 = |\det A| = 1$. The hidden tests check with SymPy
# that your expressions equal the singular values for **every** $a > 0$, not at a few points.

# %% nbgrader={"grade": false, "grade_id": "q3-shear-singular-values", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
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
# Hidden tests: G exactly, and sigma_1, sigma_2 equal to the exact singular values for every a > 0 (SymPy).
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal, sym_equal

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
    _as_a = sp.sympify(_sigma).xreplace({_x: _a for _x in sp.sympify(_sigma).free_symbols})
    assert sym_equal(_as_a, _exact[_name]), f"{_name} is not equal to the singular value for every a > 0."
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
# ## Question 5: a matrix with a prescribed SVD (3 points)
#
# To test an algorithm (a low-rank solver, a power iteration, a compression scheme) one needs matrices
# whose singular values and singular vectors are known in advance. Write `matrix_with(s, u, n)` that
# returns a float array `A` of shape $(m, n)$, where $m$ is the length of `u`, such that
#
# 1. the singular values of `A` are the entries of `s`, followed by zeros: `s` is a 1-D array of $r$
#    positive numbers in strictly decreasing order, $1 \le r \le \min(m, n)$, so `A` has rank $r$;
# 2. the direction of `u` is a left singular vector of `A` for the **largest** singular value $\sigma_1 =$
#    `s[0]`: $AA^\top\mathbf{u} = \sigma_1^2\,\mathbf{u}$. Here `u` is any non-zero vector of length $m$,
#    not necessarily of unit length.
#
# Many matrices qualify and every one of them earns full marks; the tests check the two properties. `s`
# and `u` may be NumPy arrays or lists; do not modify them. Any function of NumPy or SciPy is allowed.

# %% nbgrader={"grade": false, "grade_id": "q5-prescribed-svd", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
def matrix_with(s, u, n):
    ### BEGIN SOLUTION
    s = np.asarray(s, dtype=float)
    u = np.asarray(u, dtype=float)
    m, r = len(u), len(s)
    rng = np.random.default_rng(0)
    # QR of [u, random columns]: the first column of Q is +-u/||u||, the others complete it orthonormally
    U, _ = np.linalg.qr(np.column_stack([u, rng.normal(size=(m, r - 1))]))
    V, _ = np.linalg.qr(rng.normal(size=(n, r)))
    return (U * s) @ V.T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-prescribed-svd-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_shape

_A = matrix_with(np.array([5.0, 2.0]), np.array([1.0, 2.0, 2.0]), 2)
assert_shape(_A, (3, 2), name="matrix_with([5, 2], [1, 2, 2], 2)")
_A = np.asarray(_A, dtype=float)
assert_close(np.linalg.svd(_A, compute_uv=False), np.array([5.0, 2.0]), rtol=1e-8,
             name="the singular values of matrix_with([5, 2], [1, 2, 2], 2)")
_u = np.array([1.0, 2.0, 2.0]) / 3.0
assert np.linalg.norm(_A @ (_A.T @ _u) - 25.0 * _u) <= 1e-8 * 25.0, \
    "(1, 2, 2) is not a left singular vector of your matrix for its largest singular value 5: A A^T u != 25 u."

# %% nbgrader={"grade": true, "grade_id": "q5-prescribed-svd-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: square, tall and wide shapes, ranks from 1 to min(m, n), a single row and a single column,
# u along a coordinate axis (both signs), u of length 1e8 and 1e-8, singular values of very different sizes,
# list input, s and u unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_shape

_rng = np.random.default_rng(5502)
_e = lambda m, i, sign=1.0: sign * np.eye(m)[i]
_cases = [
    ("a square 4x4 matrix of full rank", [9.0, 4.0, 2.0, 0.5], _rng.normal(size=4), 4),
    ("a tall 6x3 matrix of rank 1", [3.0], _rng.normal(size=6), 3),
    ("a wide 2x5 matrix", [7.0, 6.5], _rng.normal(size=2), 5),
    ("a 5x5 matrix of rank 3", [10.0, 1.0, 0.1], _rng.normal(size=5), 5),
    ("a 4x3 matrix with u = e_1", [2.0, 1.0, 0.25], _e(4, 0), 3),
    ("a 4x4 matrix with u = -e_1", [5.0, 3.0, 2.0, 1.0], _e(4, 0, -1.0), 4),
    ("a 5x2 matrix with u = e_4", [8.0, 1.0], _e(5, 3), 2),
    ("a 1x3 row", [4.0], np.array([-2.0]), 3),
    ("a 3x1 column", [0.5], np.array([0.0, 3.0, -4.0]), 1),
    ("a 6x4 matrix with u of length 1e8", [1e3, 1.0, 1e-3], 1e8 * _rng.normal(size=6), 4),
    ("a 3x3 matrix with u of length 1e-8", [1.0, 1e-3, 1e-6], 1e-8 * _rng.normal(size=3), 3),
    ("a 7x6 matrix with singular values 1e4, 1, 1e-4", [1e4, 1.0, 1e-4], _rng.normal(size=7), 6),
]
for _name, _s, _u, _n in _cases:
    _s = np.array(_s)
    _m, _r = len(_u), len(_s)
    _scopy, _ucopy = _s.copy(), _u.copy()
    _A = matrix_with(_s, _u, _n)
    assert np.array_equal(_s, _scopy) and np.array_equal(_u, _ucopy), \
        "matrix_with changed its input s or u; work on copies."
    _who = f"matrix_with(s, u, {_n}) for {_name}"
    assert_shape(_A, (_m, _n), name=_who, hint="m is the length of u and n is given.")
    _A = np.asarray(_A, dtype=float)
    assert np.all(np.isfinite(_A)), (f"{_who} contains NaN or inf (a division by zero? u may point along a "
                                     "coordinate axis, either way).")
    _want = np.zeros(min(_m, _n))
    _want[:_r] = _s
    _got = np.linalg.svd(_A, compute_uv=False)
    if not np.allclose(_got, _want, rtol=1e-7, atol=1e-12 * _s[0]):
        _un = np.linalg.norm(_u)
        if abs(_un - 1.0) > 1e-3 and abs(_got[0] - _un * _s[0]) <= 1e-6 * _un * _s[0]:
            raise AssertionError(f"the largest singular value of {_who} is s[0] times ||u||: u need not have unit "
                                 "length; use its direction u / ||u||.")
        _rank = int(np.sum(_got > 1e-11 * _s[0]))
        if _rank != _r:
            raise AssertionError(f"{_who} has rank {_rank}, but s has {_r} entr{'y' if _r == 1 else 'ies'}, so "
                                 f"its rank should be {_r} (the other singular values are zero).")
        raise AssertionError(f"the singular values of {_who} are not s (followed by zeros): are the columns "
                             "you combine with s orthonormal, on both sides?")
    _uh = _u / np.linalg.norm(_u)
    if np.linalg.norm(_A @ (_A.T @ _uh) - _s[0] ** 2 * _uh) > 1e-7 * _s[0] ** 2:
        if _r > 1 and any(np.linalg.norm(_A @ (_A.T @ _uh) - _t ** 2 * _uh) <= 1e-7 * _s[0] ** 2 for _t in _s[1:]):
            raise AssertionError(f"for {_name}, u is a left singular vector of your matrix, but for a smaller "
                                 "singular value: it must belong to the largest one, s[0].")
        if _m == _n and np.linalg.norm(_A.T @ (_A @ _uh) - _s[0] ** 2 * _uh) <= 1e-7 * _s[0] ** 2:
            raise AssertionError(f"for {_name}, u is a right singular vector of your matrix (A^T A u = s[0]^2 u); "
                                 "it should be a left one (A A^T u = s[0]^2 u).")
        raise AssertionError(f"for {_name}, u is not a left singular vector of your matrix for its largest "
                             "singular value: A A^T u != s[0]^2 u.")
_A = np.asarray(matrix_with([3.0, 1.0], [0.0, 1.0], 2), dtype=float)
assert _A.shape == (2, 2) and np.allclose(np.linalg.svd(_A, compute_uv=False), [3.0, 1.0]) and \
    np.allclose(_A @ (_A.T @ np.array([0.0, 1.0])), [0.0, 9.0]), "matrix_with should accept lists for s and u."
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
