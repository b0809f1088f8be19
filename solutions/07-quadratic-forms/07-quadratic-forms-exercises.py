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
# # Chapter 07 exercises: quadratic forms, positive definiteness and gradients
#
# Seven questions: the Cholesky factorization as a test for positive definiteness, correlation
# matrices that cannot exist, the gradient and minimizer of a ridge loss in exact arithmetic, predicting
# the number of gradient-descent steps from the condition number, diagnosing a step size that makes
# gradient descent diverge, backpropagation through a two-layer linear network, and the heavy-ball
# method. Each question has a **visible test** you can run now and **hidden tests** that run when your
# notebook is graded (on other inputs, including edge cases), so make your functions work for any valid
# input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/07-quadratic-forms/07-quadratic-forms-exercises.ipynb`.
#
# Read chapter 07 (`course/07-quadratic-forms.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)


def _random_spd(n, kappa, rng):
    """The tests' random symmetric positive definite n x n matrices, eigenvalues from 1 to kappa."""
    _Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return _Q @ np.diag(np.logspace(0, np.log10(kappa), n)) @ _Q.T


def _correlation_form(name, C):
    """Question 2's shape rules: C as a float array, or an AssertionError that names the broken rule."""
    assert np.shape(C) == (3, 3), f"{name} should be a 3 x 3 array, got shape {np.shape(C)}."
    C = np.asarray(C, dtype=float)
    assert np.all(np.isfinite(C)), f"{name} contains inf or nan."
    assert np.allclose(C, C.T, rtol=0, atol=1e-12), f"{name} should be symmetric."
    assert np.allclose(np.diag(C), 1.0, rtol=0, atol=1e-12), f"{name} should have ones on its diagonal."
    return C

# %% [markdown]
# ## Question 1: Cholesky, and a test for positive definiteness (4 points)
#
# Write `cholesky_lower(A)` that returns the lower-triangular $L$ with **positive diagonal** and
# $LL^\top = A$, as an $n\times n$ float array, for a symmetric positive definite $A$ (Section 3). It is
# also the test: it must raise `ValueError` when
#
# * $A$ is not square, or not symmetric (`np.allclose(A, A.T)` is false), or
# * $A$ is not positive definite: some pivot $a_{jj} - \sum_{k<j}\ell_{jk}^2$ is $\le 0$.
#
# Inputs may be arrays or lists (any $n \ge 1$, entries of any scale); do not modify them. Implement the
# factorization yourself: **no library factorization, inverse, solver, determinant or eigenvalue
# routine** — `np.linalg.cholesky`, `qr`, `svd`, `eig`, `eigh`, `eigvalsh`, `det`, `inv`, `solve`, ..., or
# any function of `scipy.linalg` (the hidden tests watch the calls your function makes). `np.sqrt`, `np.dot`, `@` and
# `np.allclose` are fine.

# %% nbgrader={"grade": false, "grade_id": "q1-cholesky", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def cholesky_lower(A):
    ### BEGIN SOLUTION
    A = np.array(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError("A must be square")
    if not np.allclose(A, A.T):
        raise ValueError("A must be symmetric")
    n = A.shape[0]
    L = np.zeros((n, n))
    for j in range(n):
        pivot = A[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > 0:
            raise ValueError(f"pivot {j + 1} is {pivot}: A is not positive definite")
        L[j, j] = np.sqrt(pivot)
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-cholesky-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_raises, assert_triangular

_A = np.array([[4.0, 2.0, -2.0], [2.0, 10.0, 2.0], [-2.0, 2.0, 6.0]])
_L = cholesky_lower(_A)
assert np.shape(_L) == (3, 3), f"L should have shape (3, 3), got {np.shape(_L)}."
assert_triangular(_L, lower=True, name="L")
assert_close(np.asarray(_L) @ np.asarray(_L).T, _A, name="L @ L.T for the matrix of Section 3",
             hint="L @ L.T should give back A.")
assert_raises(ValueError, cholesky_lower, np.array([[4.0, 2.0, -2.0], [2.0, 10.0, 2.0], [-2.0, 2.0, 1.0]]),
              call="cholesky_lower(a matrix whose third pivot is -1)")

# %% nbgrader={"grade": true, "grade_id": "q1-cholesky-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random SPD matrices of sizes 1 to 30, ill-conditioned (cond 1e10), scaled by 1e8 and 1e-8, lists;
# ValueError for indefinite, exactly singular PSD, negative-diagonal, non-symmetric and non-square input; no library factorizations.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, assert_raises, assert_triangular, forbid_calls

_rng = np.random.default_rng(11101)
_cases = [("1 x 1", np.array([[9.0]])), ("random 2 x 2", _random_spd(2, 5.0, _rng)),
          ("random 6 x 6", _random_spd(6, 100.0, _rng)), ("random 30 x 30", _random_spd(30, 1e3, _rng)),
          ("with cond 1e10", _random_spd(8, 1e10, _rng)), ("scaled by 1e8", _random_spd(5, 10.0, _rng) * 1e8),
          ("scaled by 1e-8", _random_spd(5, 10.0, _rng) * 1e-8), ("diagonal", np.diag([3.0, 1e-4, 7.0]))]
_bad = [("an indefinite matrix", np.array([[1.0, 2.0], [2.0, 1.0]])),
        ("a singular PSD matrix (second pivot exactly 0)", np.array([[4.0, 2.0], [2.0, 1.0]])),
        ("a matrix with a negative diagonal entry", np.diag([1.0, -2.0, 3.0])),
        ("the zero matrix", np.zeros((3, 3))),
        ("a negative definite matrix", -_random_spd(4, 10.0, _rng)),
        ("a PD matrix with its last pivot made negative", None),
        ("a non-symmetric matrix with positive eigenvalues", np.array([[2.0, 1.0], [0.0, 3.0]])),
        ("a 2 x 3 matrix", np.ones((2, 3)))]
_B = _random_spd(5, 50.0, _rng)
_L5 = np.linalg.cholesky(_B)
_B[4, 4] -= 1.5 * _L5[4, 4] ** 2          # the last pivot becomes -0.5 * its old value
_bad[5] = (_bad[5][0], _B)
_why = "compute the factorization column by column yourself"
with forbid_calls(calls.ORTHOGONALIZATION, calls.SVD_AND_EIG, calls.DETERMINANTS, reason=_why, func=cholesky_lower):
    for _name, _A in _cases:
        _Ac = _A.copy()
        _L = cholesky_lower(_A)
        assert np.array_equal(_A, _Ac), "cholesky_lower changed its input A; work on a copy."
        _n = _A.shape[0]
        assert np.shape(_L) == (_n, _n), f"for a {_n} x {_n} A, L should have shape ({_n}, {_n}), got {np.shape(_L)}."
        _L = np.asarray(_L, dtype=float)
        _s = np.abs(_A).max()
        assert_triangular(_L, lower=True, atol=1e-12 * np.sqrt(_s), name=f"L for A {_name}")
        assert np.all(np.diag(_L) > 0), f"L for A {_name} should have a positive diagonal (the square roots of the pivots)."
        assert_close(_L @ _L.T, _A, rtol=0, atol=1e-10 * _s, name=f"L @ L.T for A {_name}",
                     hint="l_jj = sqrt(a_jj - sum_k l_jk^2) and l_ij = (a_ij - sum_k l_ik l_jk) / l_jj.")
    for _name, _A in _bad:
        assert_raises(ValueError, cholesky_lower, _A.copy(), call=f"cholesky_lower({_name})",
                      hint=("a matrix that is not symmetric has no Cholesky factorization."
                            if "symmetric" in _name else "a pivot <= 0 means A is not positive definite."))
    _L = cholesky_lower([[4, 2], [2, 5]])
    assert_close(np.asarray(_L, dtype=float), np.array([[2.0, 0.0], [1.0, 2.0]]), name="cholesky_lower of an integer list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: correlation matrices that cannot exist (3 points)
#
# A correlation matrix is symmetric, has ones on its diagonal, off-diagonal entries in $[-1, 1]$, and is
# positive semidefinite (it is the covariance of standardized variables). Construct two $3\times 3$
# NumPy arrays, each symmetric with ones on the diagonal and **every off-diagonal entry between $-0.99$
# and $0.99$**, so that every pair of variables on its own looks like a valid correlation:
#
# 1. `C_bad`: **not** positive semidefinite, with smallest eigenvalue below $-0.01$: no three random
#    variables can have these correlations;
# 2. `C_flat`: positive semidefinite and **singular** (smallest eigenvalue $0$, within $10^{-10}$): three
#    variables with these correlations exist, but some combination of them has variance zero.
#
# Any matrices with these properties are accepted.

# %% nbgrader={"grade": false, "grade_id": "q2-correlations", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
### BEGIN SOLUTION
C_bad = np.array([[1.0, -0.6, -0.6], [-0.6, 1.0, -0.6], [-0.6, -0.6, 1.0]])
C_flat = np.array([[1.0, 0.5, -0.5], [0.5, 1.0, 0.5], [-0.5, 0.5, 1.0]])
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q2-correlations-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _name, _C in (("C_bad", C_bad), ("C_flat", C_flat)):
    _C = _correlation_form(_name, _C)

# %% nbgrader={"grade": true, "grade_id": "q2-correlations-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: both matrices symmetric with unit diagonal and off-diagonal entries in [-0.99, 0.99]; C_bad has an
# eigenvalue below -0.01; C_flat has smallest eigenvalue 0 within 1e-10 and none negative.
### BEGIN HIDDEN TESTS
for _name, _C in (("C_bad", C_bad), ("C_flat", C_flat)):
    _C = _correlation_form(_name, _C)
    _off = _C[~np.eye(3, dtype=bool)]
    assert np.all(np.abs(_off) <= 0.99 + 1e-12), \
        f"{_name} has an off-diagonal entry outside [-0.99, 0.99]: every pair of variables should look valid on its own."
_lam_bad = np.linalg.eigvalsh(np.asarray(C_bad, dtype=float))
assert _lam_bad[0] < -1e-12, ("C_bad is positive semidefinite: it is a valid correlation matrix, "
                              "not an impossible one.")
assert _lam_bad[0] < -0.01, ("C_bad is not positive semidefinite, but only just: its smallest eigenvalue is negative "
                             "but not below -0.01, as the question asks.")
_lam_flat = np.linalg.eigvalsh((np.asarray(C_flat, dtype=float) + np.asarray(C_flat, dtype=float).T) / 2)
assert _lam_flat[0] > -1e-10, "C_flat has a negative eigenvalue: it is not positive semidefinite."
assert _lam_flat[0] < 1e-10, ("C_flat is positive definite, not singular: no combination of the variables has "
                              "variance zero (its smallest eigenvalue should be 0).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: the gradient and the minimizer of a ridge loss, exactly (4 points)
#
# Fit a line $y \approx w_0 + w_1t$ to three points $(t_1, y_1), (t_2, y_2), (t_3, y_3)$ with the ridge
# loss
#
# $$
# L(w_0, w_1) = \sum_{i=1}^{3}(w_0 + w_1t_i - y_i)^2 + \lambda(w_0^2 + w_1^2), \qquad \lambda > 0 ,
# $$
#
# where every $t_i$, $y_i$ and $\lambda$ is a SymPy symbol (defined below). With SymPy:
#
# 1. `grad_L`: the gradient $(\partial L/\partial w_0, \partial L/\partial w_1)$ as a $2\times1$ `sp.Matrix`;
# 2. `hess_L`: the $2\times2$ Hessian, as a `sp.Matrix`;
# 3. `w_ridge`: the minimizer $(w_0, w_1)$ as a $2\times1$ `sp.Matrix` in the symbols `t1, t2, t3, y1, y2, y3, lam`,
#    valid for **every** $\lambda > 0$ and all data.
#
# Keep every expression exact: integers, `sp.Rational` and the symbols, no floating-point number such as
# `2.0` or `0.5`. The hidden tests compare your expressions with the closed forms for all values of the
# symbols, so any equivalent exact form (expanded, factored, through a matrix inverse) is accepted.

# %% nbgrader={"grade": false, "grade_id": "q3-ridge-gradient", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
t1, t2, t3, y1, y2, y3 = sp.symbols("t1 t2 t3 y1 y2 y3", real=True)
lam = sp.symbols("lam", positive=True)
w0, w1 = sp.symbols("w0 w1", real=True)
### BEGIN SOLUTION
L_ridge = sum((w0 + w1 * t - yv) ** 2 for t, yv in ((t1, y1), (t2, y2), (t3, y3))) + lam * (w0**2 + w1**2)
grad_L = sp.Matrix([sp.diff(L_ridge, w0), sp.diff(L_ridge, w1)])
hess_L = sp.hessian(L_ridge, (w0, w1))
sol = sp.solve(list(grad_L), [w0, w1], dict=True)[0]
w_ridge = sp.Matrix([sp.simplify(sol[w0]), sp.simplify(sol[w1])])
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q3-ridge-gradient-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_sympy_equal

for _name, _M, _shape in (("grad_L", grad_L, (2, 1)), ("hess_L", hess_L, (2, 2)), ("w_ridge", w_ridge, (2, 1))):
    assert isinstance(_M, sp.MatrixBase), f"{_name} should be a SymPy Matrix."
    assert _M.shape == _shape, f"{_name} should have shape {_shape}, got {_M.shape}."
_by_name = {str(_s): _s for _s in sp.Matrix(grad_L).free_symbols | sp.Matrix(w_ridge).free_symbols}
_at = {_by_name[_n]: _v for _n, _v in (("t1", 0), ("t2", 1), ("t3", 2), ("y1", 1), ("y2", 3), ("y3", 5),
                                       ("lam", 1), ("w0", 0), ("w1", 0)) if _n in _by_name}
assert_sympy_equal(sp.Matrix(grad_L).subs(_at), sp.Matrix([-18, -26]), name="grad_L at w = 0 for the data (0, 1), (1, 3), (2, 5), lam = 1",
                   hint="differentiate every squared residual: the chain rule gives a factor 2.")

# %% nbgrader={"grade": true, "grade_id": "q3-ridge-gradient-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: grad_L, hess_L and w_ridge equal the closed forms 2(X^T X + lam I) w - 2 X^T y, 2(X^T X + lam I) and
# (X^T X + lam I)^{-1} X^T y for all values of the symbols.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal

_t = sp.symbols("t1 t2 t3", real=True)
_y = sp.symbols("y1 y2 y3", real=True)
_lam = sp.symbols("lam", positive=True)
_w = sp.symbols("w0 w1", real=True)
_names = {str(_s): _s for _s in (*_t, *_y, _lam, *_w)}


def _own(expr):
    """The answer written in the test's own symbols (a student's symbol with other assumptions is the same unknown)."""
    _M = sp.Matrix(expr)
    return _M.xreplace({_s: _names[str(_s)] for _s in _M.free_symbols if str(_s) in _names})


_X = sp.Matrix([[1, _t[0]], [1, _t[1]], [1, _t[2]]])
_G = _X.T * _X + _lam * sp.eye(2)
_rhs = _X.T * sp.Matrix(_y)
_wv = sp.Matrix(_w)
assert_sympy_equal(_own(grad_L), 2 * _G * _wv - 2 * _rhs, name="grad_L",
                   hint="the gradient of sum (w0 + w1 t_i - y_i)^2 + lam (w0^2 + w1^2) with respect to w0 and w1.")
assert_sympy_equal(_own(hess_L), 2 * _G, name="hess_L", hint="the Hessian holds the second derivatives of L.")
_wr = _own(w_ridge)
assert not (_wr.free_symbols & set(_w)), "w_ridge should not contain w0 or w1: it is the minimizer itself."
assert_sympy_equal(_G * _wr, _rhs, name="(X^T X + lam I) w_ridge",
                   hint="w_ridge should make the gradient zero for every lam > 0 and all data.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: predict the number of gradient-descent steps (4 points)
#
# Gradient descent with the common "safe" fixed step $\eta = 1/\lambda_{\max}$ (not the best step of
# Section 6) runs on a quadratic $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}^\top\mathbf{x}$
# with $A$ symmetric positive definite. Write two functions that return **predictions**, as positive
# integers:
#
# 1. `gd_steps(kappa, tol)`: the smallest number of steps $k$ after which the error
#    $\|\mathbf{x}_k - \mathbf{x}^*\|$ is at most `tol` times $\|\mathbf{x}_0 - \mathbf{x}^*\|$ **for every
#    starting point** $\mathbf{x}_0$, so also for the worst one (the start whose error shrinks slowest), when
#    $A$ has condition number `kappa` ($1 \le \kappa \le 10^4$, $10^{-12} \le \text{tol} < 1$);
# 2. `ls_gd_steps(cond_X, tol)`: the same for least squares, gradient descent on
#    $\tfrac12\|X\mathbf{w} - \mathbf{y}\|^2$ with the step $1/\lambda_{\max}(X^\top X)$, when the design matrix $X$ (with
#    independent columns) has condition number `cond_X` ($1 \le$ `cond_X` $\le 100$), the error being
#    $\|\mathbf{w}_k - \mathbf{w}^*\|$.
#
# A rule in terms of the arguments is asked for; do not run gradient descent inside the functions. The
# grader runs gradient descent on problems of its own from the worst starting points and counts the
# steps; a prediction within **1 step or 1 %** (whichever is larger) of the count earns the points.

# %% nbgrader={"grade": false, "grade_id": "q4-predict-steps", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def gd_steps(kappa, tol):
    ### BEGIN SOLUTION
    rho = 1 - 1 / kappa          # max |1 - lambda / lambda_max|, at lambda_min
    if rho == 0:
        return 1
    return int(np.ceil(np.log(tol) / np.log(rho)))
    ### END SOLUTION


def ls_gd_steps(cond_X, tol):
    ### BEGIN SOLUTION
    return gd_steps(cond_X**2, tol)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-predict-steps-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _name, _f, _args in (("gd_steps", gd_steps, (10.0, 1e-6)), ("gd_steps", gd_steps, (100.0, 1e-6)),
                         ("ls_gd_steps", ls_gd_steps, (10.0, 1e-6))):
    _k = _f(*_args)
    assert np.ndim(_k) == 0 and np.isfinite(float(_k)) and float(_k) == int(_k) and int(_k) > 0, \
        f"{_name}{_args} should be a positive whole number, got {_k!r}."
assert int(gd_steps(100.0, 1e-6)) > int(gd_steps(10.0, 1e-6)), \
    "a larger condition number should not need fewer steps."
assert int(gd_steps(10.0, 1e-9)) > int(gd_steps(10.0, 1e-3)), "a smaller tolerance should not need fewer steps."

# %% nbgrader={"grade": true, "grade_id": "q4-predict-steps-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: step counts measured by running gradient descent from the worst starting points, for quadratics with
# kappa from 1 to 5000 and least-squares problems with cond(X) from 1 to 100, tolerances from 1e-12 to 0.3.
### BEGIN HIDDEN TESTS
def _count_steps(A, tol, cap=200000):
    """Steps of GD with the step 1 / lambda_max on 1/2 x^T A x, from the worst start (the flattest eigenvector).
    k steps are x_k = (I - A / lambda_max)^k x_0, whose norm never grows: the first k with ||x_k|| <= tol ||x_0||
    is found by doubling and bisection on k (matrix powers), the same count as k steps one by one."""
    _lam, _V = np.linalg.eigh(A)
    _M = np.eye(len(A)) - A / _lam[-1]
    _x0 = _V[:, 0]

    def _done(_k):
        return np.linalg.norm(np.linalg.matrix_power(_M, _k) @ _x0) <= tol * np.linalg.norm(_x0)

    if not _done(cap - 1):
        return cap
    _lo, _hi = 0, 1
    while not _done(_hi):
        _lo, _hi = _hi, 2 * _hi
    while _hi - _lo > 1:
        _mid = (_lo + _hi) // 2
        _lo, _hi = (_lo, _mid) if _done(_mid) else (_mid, _hi)
    return _hi


def _rotated(d1, d2, angle):
    _c, _s = np.cos(angle), np.sin(angle)
    _R = np.array([[_c, -_s], [_s, _c]])
    return _R @ np.diag([d1, d2]) @ _R.T


def _accept(pred, measured, what):
    assert np.ndim(pred) == 0 and np.isfinite(float(pred)) and float(pred) > 0, \
        f"{what} should be a positive whole number, got {pred!r}."
    assert abs(float(pred) - measured) <= max(1.0, 0.01 * measured), \
        (f"{what} = {float(pred):g} is more than 1 step or 1 % away from the count measured by running gradient "
         "descent from the worst starting point.")


_rng = np.random.default_rng(11401)
for _kappa, _tol in ((1.0, 1e-6), (1.5, 1e-8), (3.0, 0.3), (7.0, 1e-12), (40.0, 1e-3), (250.0, 1e-6),
                     (2000.0, 1e-4), (5000.0, 1e-3)):
    _A = _rotated(0.5, 0.5 * _kappa, _rng.uniform(0, np.pi))
    _accept(gd_steps(_kappa, _tol), _count_steps(_A, _tol), f"gd_steps({_kappa:g}, {_tol:g})")
for _c, _tol in ((1.0, 1e-3), (2.0, 1e-10), (10.0, 1e-6), (35.0, 1e-4), (100.0, 0.1)):
    _U, _ = np.linalg.qr(_rng.normal(size=(30, 2)))
    _X = _U @ _rotated(3.0, 3.0 / _c, _rng.uniform(0, np.pi))       # singular values 3 and 3 / cond_X
    _accept(ls_gd_steps(_c, _tol), _count_steps(_X.T @ _X, _tol),
            f"ls_gd_steps({_c:g}, {_tol:g})")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: diagnose a diverging gradient descent (3 points)
#
# A colleague fits least-squares weights by gradient descent. On their data sets the weights blow up to
# `inf` or `nan` (it only works when all the features are nearly uncorrelated and of the same scale). The
# lines of the body are numbered in the comments.
#
# 1. Set `faulty_line` to the number of the faulty line.
# 2. Write `fit_gd_fixed(X, y, n_steps=500)`: the colleague's method with that line corrected, so that it
#    is still `n_steps` steps of gradient descent from $\mathbf{w} = \mathbf{0}$ with one fixed step size
#    computed from the eigenvalues of $X^\top X$, and it converges for every $X$ with independent columns.
#    (The tests check a single step, too: it must be a stable gradient step, so do not call a
#    least-squares solver instead.) Inputs may be arrays or lists; do not modify them.

# %% nbgrader={"grade": false, "grade_id": "q5-diagnose-step", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
def fit_gd(X, y, n_steps=500):
    X = np.asarray(X, dtype=float)              # 1
    y = np.asarray(y, dtype=float)              # 2
    lam = np.linalg.eigvalsh(X.T @ X)           # 3: the eigenvalues of the Hessian X^T X
    eta = 1.0 / lam[0]                          # 4: a safe step, 1 / lambda_max
    w = np.zeros(X.shape[1])                    # 5
    for _ in range(n_steps):                    # 6
        w = w - eta * (X.T @ (X @ w - y))       # 7: the gradient of 1/2 ||Xw - y||^2
    return w                                    # 8


### BEGIN SOLUTION
faulty_line = 4
### END SOLUTION


def fit_gd_fixed(X, y, n_steps=500):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    lam = np.linalg.eigvalsh(X.T @ X)
    eta = 1.0 / lam[-1]
    w = np.zeros(X.shape[1])
    for _ in range(n_steps):
        w = w - eta * (X.T @ (X @ w - y))
    return w
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-diagnose-step-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 8, \
    "faulty_line should be one of the line numbers 1 to 8."
_X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
assert_close(fit_gd_fixed(_X, np.array([1.0, 3.0, 4.0, 4.0])), np.array([1.5, 1.0]), rtol=1e-6, atol=1e-8,
             name="fit_gd_fixed for the line through (0, 1), (1, 3), (2, 4), (3, 4) after 500 steps")

# %% nbgrader={"grade": true, "grade_id": "q5-diagnose-step-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line; convergence to the least-squares weights on random well-conditioned X of several
# shapes and scales (lists too); one step is a stable gradient step; n_steps = 0; inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

assert faulty_line == 4, ("faulty_line is not the faulty line: which line computes a value that does not match "
                          "what its comment says?")
_rng = np.random.default_rng(11501)
for _name, _X in (("random 30 x 3", _rng.normal(size=(30, 3)) + np.array([0.0, 0.5, 0.0])),
                  ("random 100 x 5, scaled by 1e3", _rng.normal(size=(100, 5)) * 1e3),
                  ("random 50 x 4, scaled by 1e-3", _rng.normal(size=(50, 4)) * 1e-3),
                  ("one column", _rng.normal(size=(10, 1)))):
    _y = _rng.normal(size=_X.shape[0]) + _X @ _rng.normal(size=_X.shape[1])
    _ref = np.linalg.lstsq(_X, _y, rcond=None)[0]
    _lmax = np.linalg.eigvalsh(_X.T @ _X)[-1]
    _Xc, _yc = _X.copy(), _y.copy()
    _w = fit_gd_fixed(_X, _y, 500)
    assert np.array_equal(_X, _Xc) and np.array_equal(_y, _yc), "fit_gd_fixed changed its input; work on copies."
    assert np.shape(_w) == _ref.shape, f"the weights should have shape {_ref.shape}, got {np.shape(_w)}."
    assert np.all(np.isfinite(np.asarray(_w, dtype=float))), \
        f"fit_gd_fixed diverges for X {_name}: the step must be stable for the steepest direction."
    assert_close(_w, _ref, rtol=1e-6, atol=1e-9 * np.linalg.norm(_ref), name=f"fit_gd_fixed(X, y, 500) for X {_name}",
                 hint="500 steps with a stable step should reach the least-squares weights for such X.")
    _w1 = np.asarray(fit_gd_fixed(_X, _y, 1), dtype=float)
    _g = _X.T @ _y                                  # minus the gradient at w = 0
    _c = float(_w1 @ _g) / float(_g @ _g)
    assert np.linalg.norm(_w1 - _c * _g) <= 1e-8 * np.linalg.norm(_w1) and 0 < _c < 2 / _lmax, \
        (f"one step of fit_gd_fixed for X {_name} is not a gradient step from w = 0 with a stable step size "
         "(between 0 and 2 / lambda_max).")
assert_close(fit_gd_fixed(_X, _y, 0), np.zeros(_X.shape[1]), name="fit_gd_fixed with n_steps = 0",
             hint="no step leaves w at its start, 0.")
assert_close(fit_gd_fixed([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 4, 4], 500), np.array([1.5, 1.0]), rtol=1e-6,
             atol=1e-8, name="fit_gd_fixed for integer lists")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: backpropagation through a two-layer linear network (4 points)
#
# A two-layer linear network with biases, $f(\mathbf{x}) = W_2(W_1\mathbf{x} + \mathbf{b}_1) + \mathbf{b}_2$
# with $W_1 \in \mathbb{R}^{h\times d}$, $\mathbf{b}_1 \in \mathbb{R}^h$, $W_2 \in \mathbb{R}^{k\times h}$,
# $\mathbf{b}_2 \in \mathbb{R}^k$, is trained on $n$ samples, the rows $\mathbf{x}_i^\top$ of
# $X \in \mathbb{R}^{n\times d}$, with targets the rows $\mathbf{y}_i^\top$ of $Y \in \mathbb{R}^{n\times k}$,
# and the **mean** squared loss
#
# $$
# L = \frac1n\sum_{i=1}^n\|f(\mathbf{x}_i) - \mathbf{y}_i\|^2 :
# $$
#
# the squared errors are **summed over the $k$ outputs** and **averaged over the $n$ samples**. (This is
# not the mean over all $nk$ entries of the residual, `np.mean((P - Y)**2)`, which is also what PyTorch's
# `nn.MSELoss()` computes: that loss and its gradients are $k$ times smaller.)
#
# Write `linear_net_gradients(W1, b1, W2, b2, X, Y)` that returns the tuple
# `(dW1, db1, dW2, db2)` of the gradients $\partial L/\partial W_1$, ..., each an array of the same shape
# as its parameter ($\mathbf{b}_1$ and $\mathbf{b}_2$ are 1-D). Use backpropagation (Section 5): a few
# matrix products and sums suffice. Inputs may be arrays or lists; do not modify them.

# %% nbgrader={"grade": false, "grade_id": "q6-backprop", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def linear_net_gradients(W1, b1, W2, b2, X, Y):
    ### BEGIN SOLUTION
    W1, b1, W2, b2, X, Y = (np.asarray(a, dtype=float) for a in (W1, b1, W2, b2, X, Y))
    n = X.shape[0]
    H = X @ W1.T + b1
    R = H @ W2.T + b2 - Y
    G_P = 2 * R / n                  # dL/dP
    G_H = G_P @ W2                   # dL/dH
    return G_H.T @ X, G_H.sum(axis=0), G_P.T @ H, G_P.sum(axis=0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-backprop-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_W1, _b1 = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), np.array([0.0, 1.0, 0.0])
_W2, _b2 = np.array([[1.0, -1.0, 0.5]]), np.array([0.5])
_X, _Y = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[1.0], [-1.0]])
_grads = linear_net_gradients(_W1, _b1, _W2, _b2, _X, _Y)
assert len(_grads) == 4, "linear_net_gradients should return four arrays: (dW1, db1, dW2, db2)."
for _g, _p, _n in zip(_grads, (_W1, _b1, _W2, _b2), ("dW1", "db1", "dW2", "db2")):
    assert np.shape(_g) == _p.shape, f"{_n} should have the shape of its parameter, {_p.shape}; got {np.shape(_g)}."
assert_close(_grads[3], np.array([-4.0]), name="db2 for the visible example",
             hint="dL/db2 is the sum over samples of dL/df(x_i); remember the 1/n of the mean.")

# %% nbgrader={"grade": true, "grade_id": "q6-backprop-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the four gradients against central finite differences of the loss and the closed forms, for
# networks of several shapes (h = k, h < d, one sample, one output), lists, inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close


def _loss(W1, b1, W2, b2, X, Y):
    return np.sum((X @ W1.T @ W2.T + b1 @ W2.T + b2 - Y) ** 2) / X.shape[0]


def _ref(W1, b1, W2, b2, X, Y):
    _H = X @ W1.T + b1
    _GP = 2 * (_H @ W2.T + b2 - Y) / X.shape[0]
    _GH = _GP @ W2
    return _GH.T @ X, _GH.sum(axis=0), _GP.T @ _H, _GP.sum(axis=0)


_rng = np.random.default_rng(11601)
_names = ("dW1", "db1", "dW2", "db2")
_hints = {"dW1": "dL/dW1 = (dL/dH)^T X with dL/dH = (dL/dP) W2 (mind the transposes: shapes alone may not catch them).",
          "db1": "b1 is added to every sample's hidden layer: its gradient sums dL/dH over the samples.",
          "dW2": "dL/dW2 = (dL/dP)^T H, where H includes b1.",
          "db2": "b2 is added to every sample's output: its gradient sums dL/dP over the samples."}
for _n, _d, _h, _k in ((20, 4, 3, 3), (50, 6, 2, 3), (1, 3, 4, 2), (15, 5, 5, 1), (8, 2, 3, 3)):
    _params = [_rng.normal(size=(_h, _d)), _rng.normal(size=_h), _rng.normal(size=(_k, _h)), _rng.normal(size=_k)]
    _X, _Y = _rng.normal(size=(_n, _d)), _rng.normal(size=(_n, _k))
    _expected = _ref(*_params, _X, _Y)
    _copies = [a.copy() for a in (*_params, _X, _Y)]
    _got = linear_net_gradients(*_params, _X, _Y)
    assert all(np.array_equal(a, c) for a, c in zip((*_params, _X, _Y), _copies)), \
        "linear_net_gradients changed one of its inputs; work on copies."
    assert len(_got) == 4, "linear_net_gradients should return four arrays: (dW1, db1, dW2, db2)."
    for _i, (_g, _e, _name) in enumerate(zip(_got, _expected, _names)):
        _numeric = np.zeros_like(_params[_i])
        for _idx in np.ndindex(_params[_i].shape):
            _plus = [p.copy() for p in _params]
            _minus = [p.copy() for p in _params]
            _plus[_i][_idx] += 1e-6
            _minus[_i][_idx] -= 1e-6
            _numeric[_idx] = (_loss(*_plus, _X, _Y) - _loss(*_minus, _X, _Y)) / 2e-6
        assert np.allclose(_numeric, _e, rtol=1e-5, atol=1e-6)          # the test's own reference is right
        assert np.shape(_g) == _e.shape, \
            f"{_name} for n={_n}, d={_d}, h={_h}, k={_k} should have shape {_e.shape}, got {np.shape(_g)}."
        assert not (_k > 1 and np.allclose(_k * np.asarray(_g, dtype=float), _e, rtol=1e-7, atol=1e-9)), \
            (f"{_name} for n={_n}, d={_d}, h={_h}, k={_k} is {_k} times too small: L sums the squared errors over "
             "the k outputs and averages over the n samples only, not over all n k entries.")
        assert_close(_g, _e, rtol=1e-7, atol=1e-9, name=f"{_name} for n={_n}, d={_d}, h={_h}, k={_k} "
                     "(compared with finite differences of the loss)", hint=_hints[_name])
_got = linear_net_gradients(*(np.round(p).tolist() for p in _params), np.round(_X).tolist(), np.round(_Y).tolist())
_expected = _ref(*(np.round(p) for p in _params), np.round(_X), np.round(_Y))
for _g, _e, _name in zip(_got, _expected, _names):
    assert_close(_g, _e, name=f"{_name} for lists of integers")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: the heavy-ball method (3 points)
#
# Write `heavy_ball(A, b, x0, n_steps)` that runs `n_steps` steps of the heavy-ball method (Section 7) on
# $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}^\top\mathbf{x}$, for a symmetric positive
# definite $A$, and returns $\mathbf{x}_{n}$ (a 1-D float array):
#
# $$
# \mathbf{x}_{k+1} = \mathbf{x}_k - \alpha(A\mathbf{x}_k - \mathbf{b}) + \beta(\mathbf{x}_k - \mathbf{x}_{k-1}),
# \qquad \mathbf{x}_{-1} = \mathbf{x}_0 ,
# $$
#
# with the tuned $\alpha = 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2$ and
# $\beta = \big((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\big)^2$ computed from the extreme eigenvalues of $A$
# (`np.linalg.eigvalsh` is allowed). `n_steps` may be 0. Inputs may be arrays or lists; do not modify them.

# %% nbgrader={"grade": false, "grade_id": "q7-heavy-ball", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def heavy_ball(A, b, x0, n_steps):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    lam = np.linalg.eigvalsh(A)
    sq_min, sq_max = np.sqrt(lam[0]), np.sqrt(lam[-1])
    alpha = 4 / (sq_max + sq_min) ** 2
    beta = ((sq_max - sq_min) / (sq_max + sq_min)) ** 2
    prev = np.array(x0, dtype=float)
    cur = prev.copy()
    for _ in range(n_steps):
        prev, cur = cur, cur - alpha * (A @ cur - b) + beta * (cur - prev)
    return cur
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-heavy-ball-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_A = np.diag([1.0, 9.0])
assert_close(heavy_ball(_A, np.zeros(2), np.array([1.0, 1.0]), 1), np.array([0.75, -1.25]),
             name="heavy_ball(diag(1, 9), 0, (1, 1), 1 step)",
             hint="alpha = 4 / (sqrt(9) + sqrt(1))^2 = 1/4, and the first step has no momentum (x_{-1} = x_0).")

# %% nbgrader={"grade": true, "grade_id": "q7-heavy-ball-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the iterates against the reference for random SPD matrices (kappa 1 to 1e4, sizes 1 to 20),
# n_steps = 0, 1, 2 and many (convergence to the solution), lists, inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close


def _hb(A, b, x0, n):
    _l = np.linalg.eigvalsh(A)
    _a = 4 / (np.sqrt(_l[-1]) + np.sqrt(_l[0])) ** 2
    _bt = ((np.sqrt(_l[-1]) - np.sqrt(_l[0])) / (np.sqrt(_l[-1]) + np.sqrt(_l[0]))) ** 2
    _p, _c = x0.copy(), x0.copy()
    for _ in range(n):
        _p, _c = _c, _c - _a * (A @ _c - b) + _bt * (_c - _p)
    return _c


_rng = np.random.default_rng(11701)
for _name, _A in (("random 5 x 5 with kappa 10", _random_spd(5, 10.0, _rng)),
                  ("random 20 x 20 with kappa 1e4", _random_spd(20, 1e4, _rng)),
                  ("a multiple of the identity", 3.0 * np.eye(3)), ("1 x 1", np.array([[2.5]])),
                  ("diagonal, scaled by 1e3", np.diag([1.0, 4.0, 50.0]) * 1e3)):
    _b = _rng.normal(size=_A.shape[0])
    _x0 = _rng.normal(size=_A.shape[0])
    for _n in (0, 1, 2, 7, 40):
        _Ac, _bc, _xc = _A.copy(), _b.copy(), _x0.copy()
        _expected = _hb(_A, _b, _x0, _n)
        _got = heavy_ball(_A, _b, _x0, _n)
        assert all(np.array_equal(a, c) for a, c in ((_A, _Ac), (_b, _bc), (_x0, _xc))), \
            "heavy_ball changed its input; work on copies."
        assert np.shape(_got) == _x0.shape, f"x_n should have shape {_x0.shape}, got {np.shape(_got)}."
        _hint = ("n_steps = 0 returns x0 itself." if _n == 0 else
                 "the first step has no momentum (x_{-1} = x_0)." if _n == 1 else
                 "beta is the square of (sqrt(kappa) - 1) / (sqrt(kappa) + 1), and the momentum term uses x_k - x_{k-1}.")
        assert_close(_got, _expected, rtol=1e-8, atol=1e-10 * (1 + np.linalg.norm(_expected)),
                     name=f"heavy_ball after {_n} steps for A {_name}", hint=_hint)
_A = _random_spd(6, 100.0, _rng)
_b = _rng.normal(size=6)
assert_close(heavy_ball(_A, _b, np.zeros(6), 300), np.linalg.solve(_A, _b), rtol=1e-8, atol=1e-10,
             name="heavy_ball after 300 steps (kappa 100): the minimizer", hint="the method should converge to A^{-1} b.")
assert_close(heavy_ball([[4, 0], [0, 1]], [1, 1], [0, 0], 60), np.array([0.25, 1.0]), rtol=1e-8, atol=1e-10,
             name="heavy_ball for integer lists")
### END HIDDEN TESTS
