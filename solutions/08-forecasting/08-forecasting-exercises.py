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
# # Chapter 08 exercises: least squares and forecasting
#
# Seven questions: polynomial features, least squares by QR with your own back substitution, an
# exact least-squares line in SymPy, the lag matrix of an autoregressive model (for forecasting
# several steps ahead), fitting AR($p$) on the past only, recursive multi-step forecasts, and an
# honest evaluation against the naive forecast. Each question has a **visible test** you can run
# now and **hidden tests** that run when your notebook is graded (on other inputs, including edge
# cases), so make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/08-forecasting/08-forecasting-exercises.ipynb`.
#
# Read chapter 08 (`course/08-forecasting.ipynb`) first. Conventions used throughout: a series is
# $x_0, x_1, \dots, x_{n-1}$ (index 0 is the oldest value), and an AR($p$) coefficient vector is
# `coef` $= (c, a_1, \dots, a_p)$ for the model $x_t = c + a_1x_{t-1} + \dots + a_px_{t-p}$, where
# $a_1$ multiplies the **most recent** value.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.linalg
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: polynomial features on a fixed scale (3 points)
#
# Write `poly_features(x, degree, x_min, x_max)` that returns the design matrix of a polynomial
# trend of degree `degree` in the **scaled** input
# $$u = \frac{2x - (x_{\min} + x_{\max})}{x_{\max} - x_{\min}},$$
# which maps $x_{\min}$ to $-1$ and $x_{\max}$ to $+1$. Column $k$ of the result holds $u^k$ for
# $k = 0, 1, \dots,$ `degree` (increasing powers, so column 0 is all ones).
#
# * `x` is a list or a 1-D array of any length $\ge 1$; do not modify it. Return a float array of
#   shape `(len(x), degree + 1)`.
# * `x_min` and `x_max` are given (in practice: the range of the **training** inputs), and `x` may
#   contain values outside $[x_{\min}, x_{\max}]$ (test inputs): scale them with the same formula.
# * `degree` is an integer $\ge 0$. Raise a `ValueError` if `x_max <= x_min`.

# %% nbgrader={"grade": false, "grade_id": "q1-poly-features", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def poly_features(x, degree, x_min, x_max):
    ### BEGIN SOLUTION
    if not x_max > x_min:
        raise ValueError("x_max must be larger than x_min")
    u = (2 * np.asarray(x, dtype=float) - (x_min + x_max)) / (x_max - x_min)
    return u[:, None] ** np.arange(degree + 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-poly-features-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_u = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
assert_close(poly_features(np.array([0.0, 1.0, 2.0, 3.0, 4.0]), 2, 0.0, 4.0),
             np.column_stack([np.ones(5), _u, _u**2]), name="poly_features([0, 1, 2, 3, 4], 2, 0, 4)")

# %% nbgrader={"grade": true, "grade_id": "q1-poly-features-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: inputs outside [x_min, x_max], several degrees (0 included), a single point, a list,
# calendar-year inputs, the input left unchanged, and x_max <= x_min.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_raises, assert_shape


def _ref_poly(x, d, lo, hi):
    _u = (2 * np.asarray(x, dtype=float) - (lo + hi)) / (hi - lo)
    return _u[:, None] ** np.arange(d + 1)


_rng = np.random.default_rng(801)
for _n, _d, _lo, _hi in [(7, 3, 2004.5, 2008.8), (1, 0, -1.0, 1.0), (12, 5, 0.0, 100.0), (4, 1, -3.0, 5.0),
                         (9, 2, 10.0, 11.0)]:
    _x = np.sort(_rng.uniform(_lo - 0.3 * (_hi - _lo), _hi + 0.3 * (_hi - _lo), size=_n))
    _xc = _x.copy()
    _ref = _ref_poly(_x, _d, _lo, _hi)
    _P = poly_features(_x, _d, _lo, _hi)
    assert np.array_equal(_x, _xc), "poly_features changed its input x; work on a copy."
    _name = f"poly_features(x, {_d}, {_lo}, {_hi}) for {_n} point(s)"
    assert_shape(_P, _ref.shape, name=_name,
                 hint="one row per value of x and degree + 1 columns, for the powers 0, 1, ..., degree.")
    _Pa = np.asarray(_P, dtype=float)
    assert not (_d > 0 and np.allclose(_Pa, _ref[:, ::-1])), \
        f"{_name}: the columns are in decreasing order; column k should hold u**k (increasing powers)."
    if _n > 1:
        with np.errstate(all="ignore"):
            _own = _ref_poly(_x, _d, _x.min(), _x.max())
        assert not np.allclose(_Pa, _own), \
            (f"{_name}: you scaled x with its own minimum and maximum; use the given x_min and x_max "
             "(the training range), so that new inputs are scaled exactly like the training inputs.")
    assert_close(_P, _ref, rtol=1e-9, atol=1e-9, name=_name,
                 hint="x_min should map to -1 and x_max to +1, and values outside that range beyond +-1.")
assert_close(poly_features([1, 2, 3], 1, 1, 3), np.array([[1.0, -1.0], [1.0, 0.0], [1.0, 1.0]]),
             name="poly_features of a list of integers")
for _bad in [(2.0, 2.0), (3.0, 1.0)]:
    assert_raises(ValueError, poly_features, np.array([1.0, 2.0]), 2, *_bad,
                  call=f"poly_features(x, 2, x_min={_bad[0]}, x_max={_bad[1]})")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: least squares by QR, with your own back substitution (4 points)
#
# Write `lstsq_qr(X, y)` that returns the least-squares solution $\mathbf{w}$ of
# $X\mathbf{w} \approx \mathbf{y}$ as a 1-D float array of shape `(n,)`, for a matrix `X` of shape
# `(m, n)` with $m \ge n$ and linearly independent columns, and `y` of shape `(m,)` (both may be
# lists or arrays; do not modify them). Method: factor $X = QR$ with `np.linalg.qr` (reduced QR:
# $Q$ is $m\times n$, $R$ is $n\times n$ upper triangular), then solve $R\mathbf{w} = Q^\top\mathbf{y}$
# by **your own back substitution**, from the last unknown up:
# $$w_i = \frac{c_i - \sum_{j>i} R_{ij}w_j}{R_{ii}}, \quad i = n-1, \dots, 0, \qquad \mathbf{c} = Q^\top\mathbf{y}.$$
#
# Not allowed (the hidden tests watch the calls your function makes): any solver or inverse from
# `np.linalg` (`lstsq`, `solve`, `inv`, `pinv`, `tensorsolve`, ...) and any function of `scipy.linalg` or
# `scipy.sparse.linalg` other than `scipy.linalg.qr` (`solve_triangular`, `spsolve_triangular`, ...). The
# hidden tests check that the residual $\mathbf{y} - X\mathbf{w}$ is orthogonal to the columns of $X$, and include a
# badly conditioned Vandermonde matrix ($\kappa(X) > 10^{9}$) on which the normal equations
# $X^\top X\mathbf{w} = X^\top\mathbf{y}$ lose too many digits, while QR does not.

# %% nbgrader={"grade": false, "grade_id": "q2-lstsq-qr", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def lstsq_qr(X, y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Q, R = np.linalg.qr(X)
    c = Q.T @ y
    n = R.shape[1]
    w = np.zeros(n)
    for i in range(n - 1, -1, -1):
        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]
    return w
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-lstsq-qr-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
_y = np.array([1.0, 2.0, 4.0])
assert_close(lstsq_qr(_X, _y), np.array([5 / 6, 1.5]), name="lstsq_qr(X, y) for the line through (0, 1), (1, 2), (2, 4)")

# %% nbgrader={"grade": true, "grade_id": "q2-lstsq-qr-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, square and one-column matrices, columns of very different scales, list input,
# inputs left unchanged, badly conditioned Vandermonde matrices, and the library solvers blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_finite, assert_shape, assert_solves, forbid_calls

_rng = np.random.default_rng(802)
_why = "factor with np.linalg.qr and solve R w = Q^T y by your own back substitution"
_cases = [_rng.normal(size=(20, 3)), _rng.normal(size=(5, 5)), _rng.normal(size=(10, 1)) + 3.0,
          _rng.normal(size=(30, 4)) * np.array([1e-3, 1.0, 1e3, 10.0]), _rng.normal(size=(50, 6))]
_ill = []
for _lo, _deg in [(10.0, 5), (1.0, 8)]:
    _V = np.vander(np.linspace(_lo, _lo + 1.0, 40), _deg + 1, increasing=True)
    _ill.append((_V, _V @ _rng.normal(size=_deg + 1)))
with forbid_calls(calls.NUMPY_SOLVERS, calls.SCIPY_LINALG, calls.SCIPY_SPARSE_LINALG, reason=_why, func=lstsq_qr,
                  allow=("scipy.linalg:qr",)):
    for _X in _cases:
        _y = _rng.normal(size=_X.shape[0]) * 5.0
        _Xc, _yc = _X.copy(), _y.copy()
        _name = f"lstsq_qr(X, y) for X of shape {_X.shape}"
        _w = lstsq_qr(_X, _y)
        assert np.array_equal(_X, _Xc) and np.array_equal(_y, _yc), "lstsq_qr changed its input X or y; work on copies."
        assert_shape(_w, (_X.shape[1],), name=_name, hint="return one weight per column of X, as a 1-D array.")
        assert_finite(_w, name=_name)
        _w = np.asarray(_w, dtype=float)
        _r = _y - _X @ _w
        _s = np.linalg.norm(_X, 2)
        assert np.linalg.norm(_X.T @ _r) <= 1e-9 * _s * (_s * np.linalg.norm(_w) + np.linalg.norm(_y)), \
            (f"{_name}: the residual y - X w is not orthogonal to the columns of X, so w is not the "
             "least-squares solution. Hint: c = Q^T y, then back substitution from the last unknown upwards.")
    _w = lstsq_qr([[1, 0], [1, 1], [1, 2], [1, 3]], [0, 1, 1, 3])
    assert_shape(_w, (2,), name="lstsq_qr of lists")
    assert np.allclose(np.asarray(_w, dtype=float), [-0.1, 0.9]), "lstsq_qr of lists (integers) is not the least-squares fit."
    for _V, _yv in _ill:
        _w = lstsq_qr(_V.copy(), _yv.copy())
        assert_shape(_w, (_V.shape[1],), name="lstsq_qr(X, y) for a Vandermonde X")
        assert_solves(_V, _w, _yv, tol=1e-13, name=f"lstsq_qr(X, y) for a badly conditioned X of shape {_V.shape} "
                      "(a consistent system: the exact fit has zero residual)",
                      hint="a stable method never forms X^T X: the normal equations square the condition number.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: an exact least-squares line with SymPy (3 points)
#
# Find the least-squares line $y = w_0 + w_1 x$ through the five points
# $(0, 1), (1, 1), (2, 2), (3, 4), (4, 4)$ in exact arithmetic.
#
# 1. `w_exact`: a SymPy column vector (`sp.Matrix`) of shape (2, 1), **intercept first**:
#    $(w_0, w_1)$, with exact rational entries.
# 2. `rss_exact`: the minimal **sum of squared residuals** $\sum_i (y_i - w_0 - w_1x_i)^2$ as an exact
#    SymPy number.
#
# *Hint*: the normal equations $X^\top X\mathbf{w} = X^\top\mathbf{y}$ with SymPy matrices, as in
# Section 2 of the chapter.

# %% nbgrader={"grade": false, "grade_id": "q3-exact-line", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
x_pts = sp.Matrix([0, 1, 2, 3, 4])
y_pts = sp.Matrix([1, 1, 2, 4, 4])
### BEGIN SOLUTION
X_pts = sp.Matrix.hstack(sp.ones(5, 1), x_pts)
w_exact = (X_pts.T * X_pts).solve(X_pts.T * y_pts)
r_pts = y_pts - X_pts * w_exact
rss_exact = (r_pts.T * r_pts)[0, 0]
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q3-exact-line-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

assert isinstance(w_exact, sp.MatrixBase), "w_exact should be a SymPy Matrix (sp.Matrix)."
assert w_exact.shape == (2, 1), f"w_exact should have shape (2, 1), but it has shape {w_exact.shape}."
assert_exact(w_exact, name="w_exact")
assert not isinstance(rss_exact, sp.MatrixBase), \
    "rss_exact should be a single number, not a 1x1 Matrix: take its [0, 0] entry."
assert_exact(rss_exact, name="rss_exact")

# %% nbgrader={"grade": true, "grade_id": "q3-exact-line-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the exact intercept and slope, and the exact minimal sum of squared residuals.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, sym_equal

_w = sp.Matrix([sp.Rational(3, 5), sp.Rational(9, 10)])
assert not sym_equal(sp.Matrix(w_exact), sp.Matrix([_w[1], _w[0]])), \
    "w_exact has the slope first; the question asks for the intercept first: (w0, w1)."
assert_sympy_equal(w_exact, _w, name="w_exact",
                   hint="the residual of the best line is orthogonal to the column of ones and to the column of x values.")
assert_sympy_equal(rss_exact, sp.Rational(11, 10), name="rss_exact",
                   hint="the sum of the squared residuals, not its square root and not the mean.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: the lag matrix for forecasting `horizon` steps ahead (4 points)
#
# The chapter's lag matrix predicts the next value. A **direct** $h$-step forecast instead regresses
# $x_t$ on the $p$ values that were known $h$ steps earlier:
# $$x_t \approx c + a_1 x_{t-h} + a_2 x_{t-h-1} + \dots + a_p x_{t-h-p+1}.$$
# Write `lag_matrix(series, p, horizon=1)` that returns the pair `(X, y)`:
#
# * one row for every $t$ that has a target and a complete set of features, i.e.
#   $t = p + h - 1, \dots, n - 1$, in increasing order of $t$ (so there are $n - p - h + 1$ rows);
# * row of $X$: $(1, x_{t-h}, x_{t-h-1}, \dots, x_{t-h-p+1})$ — the intercept, then the **most recent**
#   available value first; `X` is a float array of shape $(n - p - h + 1,\ p + 1)$;
# * `y[i]` is the target $x_t$ of row $i$; `y` has shape $(n - p - h + 1,)$.
#
# `series` is a list or 1-D array (do not modify it). Raise a `ValueError` if `p < 1`, if
# `horizon < 1`, or if the series is too short to give at least one row. Example: for the series
# $10, 11, 12, 13, 14, 15$ with $p = 2$ and $h = 2$, the rows are $t = 3, 4, 5$:
# $X = \begin{pmatrix} 1 & 11 & 10 \\ 1 & 12 & 11 \\ 1 & 13 & 12 \end{pmatrix}$ and
# $\mathbf{y} = (13, 14, 15)$.

# %% nbgrader={"grade": false, "grade_id": "q4-lag-matrix", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def lag_matrix(series, p, horizon=1):
    ### BEGIN SOLUTION
    x = np.asarray(series, dtype=float)
    n = len(x)
    rows = n - p - horizon + 1
    if p < 1 or horizon < 1 or rows < 1:
        raise ValueError("need p >= 1, horizon >= 1 and a series long enough for one row")
    start = p + horizon - 1                                  # the first target index t
    lags = [x[start - horizon - k:n - horizon - k] for k in range(p)]   # x_{t-h-k} for all t
    return np.column_stack([np.ones(rows)] + lags), x[start:].copy()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-lag-matrix-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_X, _y = lag_matrix(np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), 2, horizon=2)
assert_close(_X, np.array([[1.0, 11.0, 10.0], [1.0, 12.0, 11.0], [1.0, 13.0, 12.0]]), name="X for p = 2, horizon = 2")
assert_close(_y, np.array([13.0, 14.0, 15.0]), name="y for p = 2, horizon = 2")

# %% nbgrader={"grade": true, "grade_id": "q4-lag-matrix-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random series with several p and horizons (the default horizon 1 included), a list,
# exactly one row, the input left unchanged, and the three ValueError cases.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_raises, assert_shape


def _ref_lag(x, p, h):
    x = np.asarray(x, dtype=float)
    _t = np.arange(p + h - 1, len(x))
    return np.column_stack([np.ones(len(_t))] + [x[_t - h - k] for k in range(p)]), x[_t]


_rng = np.random.default_rng(804)
for _n, _p, _h in [(12, 3, 1), (20, 1, 4), (9, 4, 3), (6, 5, 1), (30, 2, 7)]:
    _x = np.round(_rng.normal(50, 10, size=_n), 2)
    _xc = _x.copy()
    _name = f"lag_matrix(series of length {_n}, p={_p}, horizon={_h})"
    _Xr, _yr = _ref_lag(_x, _p, _h)
    _X, _y = lag_matrix(_x, _p, _h) if _h != 1 else lag_matrix(_x, _p)
    assert np.array_equal(_x, _xc), "lag_matrix changed its input series; work on a copy."
    assert_shape(_X, _Xr.shape, name=f"X of {_name}",
                 hint="one row per target t = p + horizon - 1, ..., n - 1, and p + 1 columns (the intercept first).")
    assert_shape(_y, _yr.shape, name=f"y of {_name}")
    _Xa = np.asarray(_X, dtype=float)
    assert not (_p > 1 and np.allclose(_Xa[:, 1:], _Xr[:, :0:-1])), \
        f"X of {_name}: the lag columns are in reverse order; column 1 must hold the most recent value x_(t-horizon)."
    assert_close(_X, _Xr, name=f"X of {_name}",
                 hint="row i holds 1, then x_(t-h), x_(t-h-1), ..., x_(t-h-p+1) for its target x_t.")
    assert_close(_y, _yr, name=f"y of {_name}",
                 hint="y[i] is x_t, the value horizon steps after the newest feature x_(t-h) of row i.")
_X, _y = lag_matrix([1, 2, 3, 4], 2, 2)
assert_close(_X, np.array([[1.0, 2.0, 1.0]]), name="X of lag_matrix([1, 2, 3, 4], 2, 2) (exactly one row)")
assert_close(_y, np.array([4.0]), name="y of lag_matrix([1, 2, 3, 4], 2, 2)")
for _args in [(np.arange(10.0), 0, 1), (np.arange(10.0), 2, 0), (np.arange(4.0), 2, 3), (np.arange(3.0), 3, 1)]:
    assert_raises(ValueError, lag_matrix, *_args,
                  call=f"lag_matrix(series of length {len(_args[0])}, p={_args[1]}, horizon={_args[2]})")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: fit AR($p$) on the training part only (3 points)
#
# Write `fit_ar(series, p, n_train)` that fits the one-step AR($p$) model
# $x_t = c + a_1x_{t-1} + \dots + a_px_{t-p}$ by least squares, using **only the first `n_train`
# values** `series[:n_train]` (the rest is the test tail, which the fit must not see), and returns
# `coef` $= (c, a_1, \dots, a_p)$ as a float array of shape `(p + 1,)`. Use the library well:
# `np.linalg.lstsq(..., rcond=None)` (or your `lag_matrix` and `lstsq_qr`) is fine. `series` is a list
# or a 1-D array with `len(series) >= n_train > 2 * p + 1`; do not modify it.

# %% nbgrader={"grade": false, "grade_id": "q5-fit-ar", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def fit_ar(series, p, n_train):
    ### BEGIN SOLUTION
    x = np.asarray(series, dtype=float)[:n_train]
    windows = np.lib.stride_tricks.sliding_window_view(x[:-1], p)   # rows x_{t-p}, ..., x_{t-1}
    X = np.column_stack([np.ones(len(windows)), windows[:, ::-1]])
    return np.linalg.lstsq(X, x[p:], rcond=None)[0]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-fit-ar-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

# x_t = 1 + 0.5 x_{t-1} exactly on the first 6 values; the last two values are a test tail
_x = np.array([0.0, 1.0, 1.5, 1.75, 1.875, 1.9375, 9.0, -4.0])
assert_close(fit_ar(_x, 1, 6), np.array([1.0, 0.5]), name="fit_ar(x, 1, 6)",
             hint="use only series[:n_train].")

# %% nbgrader={"grade": true, "grade_id": "q5-fit-ar-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: simulated AR series whose test tail behaves differently, several p and n_train,
# a list, and the input left unchanged. Graded by optimality on the training part.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_shape, assert_finite

_rng = np.random.default_rng(805)
for _p, _n_train, _n in [(2, 60, 90), (1, 40, 41), (5, 120, 150), (3, 30, 30)]:
    _x = np.zeros(_n)
    for _t in range(2, _n):
        _x[_t] = 2.0 + 1.2 * _x[_t - 1] - 0.5 * _x[_t - 2] + _rng.normal()
    _x[_n_train:] = _x[_n_train:] * 3.0 - 20.0         # a different regime after the training part
    _xc = _x.copy()
    _name = f"fit_ar(series, p={_p}, n_train={_n_train})"
    _w = fit_ar(_x if _p != 3 else list(_x), _p, _n_train)
    assert np.array_equal(_x, _xc), "fit_ar changed its input series; work on a copy."
    assert_shape(_w, (_p + 1,), name=_name, hint="return (c, a_1, ..., a_p): the intercept first, then one "
                 "coefficient per lag.")
    assert_finite(_w, name=_name)
    _w = np.asarray(_w, dtype=float)
    _tr = _x[:_n_train]
    _X = np.column_stack([np.ones(_n_train - _p)] + [_tr[_p - _k:_n_train - _k] for _k in range(1, _p + 1)])
    _r = _tr[_p:] - _X @ _w
    _s = np.linalg.norm(_X, 2)
    assert np.linalg.norm(_X.T @ _r) <= 1e-8 * _s * (_s * np.linalg.norm(_w) + np.linalg.norm(_tr)), \
        (f"{_name} is not the least-squares fit of the training part series[:n_train]: check that you use "
         "exactly the first n_train values (none after n_train), lag 1 first, and an intercept.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: recursive multi-step forecast (3 points)
#
# Write `forecast_recursive(coef, history, steps)` that forecasts the `steps` values following
# `history` with the AR($p$) model `coef` $= (c, a_1, \dots, a_p)$, feeding each forecast back in as
# the newest value:
# $\hat x_{n} = c + a_1x_{n-1} + \dots + a_px_{n-p}$, then
# $\hat x_{n+1} = c + a_1\hat x_{n} + a_2x_{n-1} + \dots$, and so on, where $x_{n-1}$ is the last
# entry of `history`.
#
# * `coef` and `history` are lists or 1-D arrays, with `len(history) >= p`; do not modify them.
# * Return a float array of shape `(steps,)` with the forecasts only (not the history); `steps` is
#   an integer $\ge 0$, and `steps = 0` gives an empty array.

# %% nbgrader={"grade": false, "grade_id": "q6-forecast", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def forecast_recursive(coef, history, steps):
    ### BEGIN SOLUTION
    coef = np.asarray(coef, dtype=float)
    p = len(coef) - 1
    recent = list(np.asarray(history, dtype=float)[::-1][:p])   # newest first
    out = np.empty(steps)
    for h in range(steps):
        out[h] = coef[0] + coef[1:] @ np.array(recent[:p])
        recent.insert(0, out[h])
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-forecast-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(forecast_recursive([1.0, 0.5], [4.0], 3), np.array([3.0, 2.5, 2.25]),
             name="forecast_recursive([1, 0.5], [4], 3)")

# %% nbgrader={"grade": true, "grade_id": "q6-forecast-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: AR(1), AR(2) and AR(4) models, histories longer than p and exactly p long, lists,
# steps = 0 and 1, and the inputs (arrays and lists) left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_shape


def _ref_forecast(coef, history, steps):
    coef = np.asarray(coef, dtype=float)
    _buf = list(np.asarray(history, dtype=float))
    for _ in range(steps):
        _buf.append(coef[0] + sum(coef[_k] * _buf[-_k] for _k in range(1, len(coef))))
    return np.array(_buf[len(history):])


_rng = np.random.default_rng(806)
_models = [np.array([2.0, 0.8]), np.array([4.775, 1.807, -0.9025]), np.array([1.0, 0.6, -0.3, 0.2, 0.1])]
for _coef in _models:
    _p = len(_coef) - 1
    for _len in (_p, _p + 7):
        _hist = _rng.normal(30, 5, size=_len)
        _hc, _cc = _hist.copy(), _coef.copy()
        _name = f"forecast_recursive for an AR({_p}) model and a history of length {_len}"
        _ref = _ref_forecast(_coef, _hist, 12)
        _f = forecast_recursive(_coef, _hist, 12)
        assert np.array_equal(_hist, _hc) and np.array_equal(_coef, _cc), \
            "forecast_recursive changed coef or history; work on copies."
        assert_shape(_f, (12,), name=_name, hint="return the forecasts only, one per step.")
        _fa = np.asarray(_f, dtype=float)
        if _p > 1:
            assert not np.allclose(_fa, _ref_forecast(np.r_[_coef[0], _coef[:0:-1]], _hist, 12)), \
                f"{_name}: a_1 must multiply the most recent value (the last entry of history), a_p the oldest."
        assert not np.allclose(_fa, np.full(12, _ref[0])), \
            (f"{_name}: every step gives the same value; feed each forecast back in as the newest value "
             "before computing the next one.")
        assert_close(_f, _ref, rtol=1e-9, atol=1e-9, name=_name,
                     hint="feed each forecast back in as the newest value; a_1 multiplies the most recent value.")
_cl, _hl = [0.5, 1.0, -0.25], [1, 2, 3, 4]
assert_close(forecast_recursive(_cl, _hl, 2), np.array([3.75, 3.25]), name="forecast_recursive of lists")
assert _cl == [0.5, 1.0, -0.25] and _hl == [1, 2, 3, 4], \
    "forecast_recursive changed coef or history (given as lists); work on copies."
assert_shape(forecast_recursive(_models[1].copy(), [50.0, 51.0], 0), (0,),
             name="forecast_recursive with steps = 0")
_ref = _ref_forecast(_models[1], [50.0, 51.0], 1)
assert_close(forecast_recursive(_models[1].copy(), [50.0, 51.0], 1), _ref, name="forecast_recursive with steps = 1")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: does the model beat the naive forecast? (3 points)
#
# The cell below simulates a monthly series of 240 values (20 years) with a yearly rhythm. Treat the
# first 180 values as the training part and the last 60 as the test tail.
#
# 1. `coef7`: the AR(3) coefficients $(c, a_1, a_2, a_3)$ fitted by least squares on the training part
#    only (shape `(4,)`).
# 2. `rmse_ar`: the root-mean-square error of the **one-step-ahead** forecasts of the 60 test values,
#    each computed with `coef7` from the three true values just before it (which may lie in the
#    training part for the first test values).
# 3. `rmse_naive`: the root-mean-square error of the naive forecast $\hat x_t = x_{t-1}$ on the same 60
#    test values.
#
# Both RMSEs are Python or NumPy floats. You may use your functions from the questions above.

# %% nbgrader={"grade": false, "grade_id": "q7-evaluate", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
rng7 = np.random.default_rng(2008)
z7 = np.zeros(300)
for t in range(2, 300):
    z7[t] = 1.5588 * z7[t - 1] - 0.81 * z7[t - 2] + 2.0 * rng7.normal()
series7 = 100.0 + z7[60:]          # 240 monthly values, the first 60 simulated steps dropped
n_train7 = 180
### BEGIN SOLUTION
_lags7 = np.column_stack([np.ones(n_train7 - 3)] + [series7[3 - k:n_train7 - k] for k in (1, 2, 3)])
coef7 = np.linalg.lstsq(_lags7, series7[3:n_train7], rcond=None)[0]
_t7 = np.arange(n_train7, len(series7))
_pred7 = coef7[0] + coef7[1] * series7[_t7 - 1] + coef7[2] * series7[_t7 - 2] + coef7[3] * series7[_t7 - 3]
rmse_ar = float(np.sqrt(np.mean((series7[_t7] - _pred7) ** 2)))
rmse_naive = float(np.sqrt(np.mean((series7[_t7] - series7[_t7 - 1]) ** 2)))
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q7-evaluate-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_shape, assert_finite

assert_shape(coef7, (4,), name="coef7")
for _v, _nm in [(rmse_ar, "rmse_ar"), (rmse_naive, "rmse_naive")]:
    assert np.ndim(_v) == 0, f"{_nm} should be a single number."
    assert_finite(_v, name=_nm)
    assert float(_v) > 0, f"{_nm} should be positive."
assert float(rmse_ar) < float(rmse_naive), "on this series the AR(3) model should beat the naive forecast."

# %% nbgrader={"grade": true, "grade_id": "q7-evaluate-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: coef7 is the least-squares fit of the training part, and both RMSEs on the test tail.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_scalar_close

_rng7 = np.random.default_rng(2008)           # the same simulation as in the question
_z7 = np.zeros(300)
for _t in range(2, 300):
    _z7[_t] = 1.5588 * _z7[_t - 1] - 0.81 * _z7[_t - 2] + 2.0 * _rng7.normal()
_x7 = 100.0 + _z7[60:]
_w7 = np.asarray(coef7, dtype=float)
_X7 = np.column_stack([np.ones(177)] + [_x7[3 - _k:180 - _k] for _k in (1, 2, 3)])
_r7 = _x7[3:180] - _X7 @ _w7
_s7 = np.linalg.norm(_X7, 2)
assert np.linalg.norm(_X7.T @ _r7) <= 1e-8 * _s7 * (_s7 * np.linalg.norm(_w7) + np.linalg.norm(_x7[:180])), \
    ("coef7 is not the least-squares AR(3) fit of the training part: fit on the first 180 values only "
     "(using the test tail to fit is a leak), lag 1 first, with an intercept.")
_tt = np.arange(180, 240)
_ref_naive = float(np.sqrt(np.mean((_x7[_tt] - _x7[_tt - 1]) ** 2)))
_ref_ar = float(np.sqrt(np.mean((_x7[_tt] - (_w7[0] + _w7[1] * _x7[_tt - 1] + _w7[2] * _x7[_tt - 2]
                                             + _w7[3] * _x7[_tt - 3])) ** 2)))
for _v, _ref, _nm in [(rmse_naive, _ref_naive, "rmse_naive"), (rmse_ar, _ref_ar, "rmse_ar")]:
    assert not np.isclose(float(_v), _ref**2, rtol=1e-6), f"{_nm} looks like a mean squared error: take the square root."
    assert_scalar_close(_v, _ref, rtol=1e-6, atol=0, name=_nm,
                        hint="average the squared one-step errors over exactly the 60 test values, then take the square root.")
assert _ref_ar < 0.8 * _ref_naive, "the AR(3) forecasts should clearly beat the naive forecast on this series."
### END HIDDEN TESTS
