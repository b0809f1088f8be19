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
# # Chapter 10 exercises: least squares and forecasting
#
# Seven questions: polynomial features, least squares by QR with your own back substitution, the
# least-squares line derived once for every data set, the lag matrix of an autoregressive model (for
# forecasting several steps ahead), a leaky AR($p$) fit to diagnose and repair, where recursive
# forecasts go and how fast, and an honest evaluation against the naive forecast. Each question has a
# **visible test** you can run now and **hidden tests** that run when your notebook is graded (on
# other inputs, including edge cases), so make your functions work for any valid input, not only for
# the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/10-forecasting/10-forecasting-exercises.ipynb`.
#
# Read chapter 10 (`course/10-forecasting.ipynb`) first. Conventions used throughout: a series is
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
# ## Question 3: the least-squares line for every data set (3 points)
#
# Section 2 fitted a line to given numbers. Derive it once and for all. For $n$ points
# $(x_1, y_1), \dots, (x_n, y_n)$ with at least two different $x_i$, the least-squares line
# $y = w_0 + w_1x$ depends on the data only through the sums
# $$S_x = \sum_i x_i,\quad S_y = \sum_i y_i,\quad S_{xx} = \sum_i x_i^2,\quad S_{xy} = \sum_i x_iy_i,\quad
# S_{yy} = \sum_i y_i^2$$
# and $n$ (the symbols are defined in the answer cell).
#
# 1. `w0_formula` and `w1_formula`: the intercept $w_0$ and the slope $w_1$ of that line, as SymPy
#    expressions in these symbols.
# 2. `rss_formula`: the minimal sum of squared residuals $\sum_i (y_i - w_0 - w_1x_i)^2$, as a SymPy
#    expression in the same symbols.
#
# Any equivalent form is accepted; the hidden tests compare your expressions with SymPy for **all**
# values of the symbols, not on one data set. Use exact numbers only (no floats). The visible test
# checks your formulas on the five points $(0, 1), (1, 1), (2, 2), (3, 4), (4, 4)$ against a numerical fit.

# %% nbgrader={"grade": false, "grade_id": "q3-line-formula", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
n, S_x, S_y, S_xx, S_xy, S_yy = sp.symbols("n S_x S_y S_xx S_xy S_yy", real=True)
### BEGIN SOLUTION
w_normal = sp.Matrix([[n, S_x], [S_x, S_xx]]).solve(sp.Matrix([S_y, S_xy]))   # X^T X w = X^T y
w0_formula, w1_formula = sp.simplify(w_normal[0]), sp.simplify(w_normal[1])
# ||y - X w||^2 = y^T y - 2 w^T X^T y + w^T X^T X w, and X^T X w = X^T y at the optimum
rss_formula = sp.simplify(S_yy - w0_formula * S_y - w1_formula * S_xy)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q3-line-formula-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_names = {"n", "S_x", "S_y", "S_xx", "S_xy", "S_yy"}
for _e, _nm in [(w0_formula, "w0_formula"), (w1_formula, "w1_formula"), (rss_formula, "rss_formula")]:
    assert isinstance(_e, sp.Expr), f"{_nm} should be a SymPy expression."
    assert {str(_s) for _s in _e.free_symbols} <= _names, \
        f"{_nm} should depend only on n, S_x, S_y, S_xx, S_xy and S_yy (it uses {sorted(map(str, _e.free_symbols))})."
_xv, _yv = np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([1.0, 1.0, 2.0, 4.0, 4.0])
_at = {"n": 5, "S_x": _xv.sum(), "S_y": _yv.sum(), "S_xx": _xv @ _xv, "S_xy": _xv @ _yv, "S_yy": _yv @ _yv}
_w1, _w0 = np.polyfit(_xv, _yv, 1)
for _e, _want, _nm in [(w0_formula, _w0, "w0_formula"), (w1_formula, _w1, "w1_formula"),
                       (rss_formula, np.sum((_yv - _w0 - _w1 * _xv) ** 2), "rss_formula")]:
    _val = complex(sp.sympify(_e).subs({_s: _at[str(_s)] for _s in _e.free_symbols}))
    assert abs(_val - _want) < 1e-9, f"{_nm} does not agree with np.polyfit on the five points of the question."

# %% nbgrader={"grade": true, "grade_id": "q3-line-formula-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the intercept, the slope and the minimal residual sum as formulas, for all values of the sums.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, sym_equal

_n, _Sx, _Sy, _Sxx, _Sxy, _Syy = sp.symbols("n S_x S_y S_xx S_xy S_yy", real=True)
_byname = {str(_s): _s for _s in (_n, _Sx, _Sy, _Sxx, _Sxy, _Syy)}


def _mine(_e):
    _e = sp.sympify(_e)
    return _e.xreplace({_s: _byname[str(_s)] for _s in _e.free_symbols if str(_s) in _byname})


_D = _n * _Sxx - _Sx ** 2
_w0r, _w1r = (_Sxx * _Sy - _Sx * _Sxy) / _D, (_n * _Sxy - _Sx * _Sy) / _D
_rssr = _Syy - _w0r * _Sy - _w1r * _Sxy
_w0s, _w1s, _rsss = _mine(w0_formula), _mine(w1_formula), _mine(rss_formula)
assert not (sym_equal(_w0s, _w1r) and sym_equal(_w1s, _w0r)), \
    "w0_formula and w1_formula are swapped: w0 is the intercept, w1 the slope."
_hint = "the coefficients are the solution of the normal equations of the design matrix with columns 1 and x."
assert_sympy_equal(_w1s, _w1r, name="w1_formula (the slope)", hint=_hint)
assert_sympy_equal(_w0s, _w0r, name="w0_formula (the intercept)", hint=_hint)
assert not sym_equal(_rsss, _rssr / _n), "rss_formula is the mean of the squared residuals; the question asks for their sum."
assert_sympy_equal(_rsss, _rssr, name="rss_formula",
                   hint="expand the squared norm of y - X w, and use the normal equations to simplify it at the optimum.")
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
# ## Question 5: a fit that is too good to be true (3 points)
#
# A teammate's draft `fit_ar_draft(series, p, n_train)` (the locked cell below; the numbers at the
# right count its lines) should fit the one-step AR($p$) model
# $x_t = c + a_1x_{t-1} + \dots + a_px_{t-p}$ by least squares on the first `n_train` values only and
# return `coef` $= (c, a_1, \dots, a_p)$. On the noisy AR(2) series simulated below it returns
# $(0, 1, 0)$ instead of something near the true $(2, 1.2, -0.5)$, and the least-squares problem it
# solves has a residual of zero: an exact fit, which no honest model of a noisy series achieves. One
# line of the draft is wrong.
#
# 1. Store the number of that line in `faulty_line` (an integer).
# 2. Write the corrected `fit_ar(series, p, n_train)`: the least-squares fit of the model above to
#    **only the first `n_train` values** `series[:n_train]` (the rest is the test tail, which the fit
#    must not see), returned as a float array of shape `(p + 1,)`. `series` is a list or a 1-D array
#    with `len(series) >= n_train > 2 * p + 1`; do not modify it. `np.linalg.lstsq(..., rcond=None)` (or
#    your `lag_matrix` and `lstsq_qr`) is fine.

# %% nbgrader={"grade": false, "grade_id": "q5-draft", "locked": true, "schema_version": 3, "solution": false, "task": false}
def fit_ar_draft(series, p, n_train):                   #  1
    x = np.asarray(series, dtype=float)[:n_train]       #  2
    X = np.ones((n_train - p, p + 1))                   #  3
    for k in range(1, p + 1):                           #  4
        X[:, k] = x[p - k + 1:n_train - k + 1]          #  5
    y = x[p:n_train]                                    #  6
    coef = np.linalg.lstsq(X, y, rcond=None)[0]         #  7
    return coef                                         #  8


# A noisy AR(2) series: x_t = 2 + 1.2 x_{t-1} - 0.5 x_{t-2} + noise; the first 60 values are for training.
rng5 = np.random.default_rng(5)
series5 = np.zeros(80)
for t in range(2, 80):
    series5[t] = 2.0 + 1.2 * series5[t - 1] - 0.5 * series5[t - 2] + rng5.normal()
coef_draft = fit_ar_draft(series5, 2, 60)
print("coefficients of the draft:", np.round(coef_draft, 6) + 0.0, "  true: [ 2.   1.2 -0.5]")

# %% nbgrader={"grade": false, "grade_id": "q5-leak", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
faulty_line = None   # replace None by the number of the faulty line of the draft
### BEGIN SOLUTION
faulty_line = 5
### END SOLUTION


def fit_ar(series, p, n_train):
    ### BEGIN SOLUTION
    x = np.asarray(series, dtype=float)[:n_train]
    windows = np.lib.stride_tricks.sliding_window_view(x[:-1], p)   # rows x_{t-p}, ..., x_{t-1}
    X = np.column_stack([np.ones(len(windows)), windows[:, ::-1]])
    return np.linalg.lstsq(X, x[p:], rcond=None)[0]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-leak-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 8, \
    "faulty_line should be one of the line numbers 1..8 of the draft."
# x_t = 1 + 0.5 x_{t-1} exactly on the first 6 values; the last two values are a test tail
_x = np.array([0.0, 1.0, 1.5, 1.75, 1.875, 1.9375, 9.0, -4.0])
assert_close(fit_ar(_x, 1, 6), np.array([1.0, 0.5]), name="fit_ar(x, 1, 6)",
             hint="use only series[:n_train], and regress x_t on the values before it.")

# %% nbgrader={"grade": true, "grade_id": "q5-leak-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the corrected fit on simulated AR series whose test tail behaves differently, several p
# and n_train, a list, and the input left unchanged (graded by optimality on the training part); and the
# number of the faulty line.
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
assert faulty_line == 5, \
    f"faulty_line = {faulty_line} is not the line that makes the draft's fit exact: for each row, compare the " \
    "time index of its target with the time indices of its features."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: where recursive forecasts go, and how fast (3 points)
#
# Answer with **formulas**: the hidden tests evaluate your functions on other values, so a number read
# off one simulation does not help. Consider the AR(1) model $x_t = c + a\,x_{t-1}$ with $|a| < 1$ and
# its recursive forecasts (Section 8): standing at the last observed value $x_{n-1}$, each forecast is
# fed back in as the newest value, $\hat x_{n} = c + a\,x_{n-1}$, $\hat x_{n+1} = c + a\,\hat x_{n}$, and
# so on.
#
# 1. `forecast_level(c, a)`: the level $\mu$ that the forecasts approach as the horizon grows, whatever
#    $x_{n-1}$ is.
# 2. `settle_steps(a, frac)`: for $0 < \text{frac} < 1$, the smallest number of steps $h \ge 1$ such that,
#    whatever $x_{n-1}$ is, the $h$-step forecast $\hat x_{n-1+h}$ lies within
#    $\text{frac}\cdot|x_{n-1} - \mu|$ of $\mu$. For example, `settle_steps(a, 0.5)` is the number of
#    steps after which every deviation from the level has at least halved (Section 9 computes such a
#    half-life for the stock price). Return a whole number.
#
# The hidden tests include negative $a$ and $a = 0$, and avoid the values of `frac` that lie within
# rounding error of the boundary between two answers.

# %% nbgrader={"grade": false, "grade_id": "q6-settle", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def forecast_level(c, a):
    ### BEGIN SOLUTION
    return c / (1 - a)
    ### END SOLUTION


def settle_steps(a, frac):
    ### BEGIN SOLUTION
    # the deviation from the level is multiplied by a at every step: |a|^h <= frac
    if a == 0:
        return 1
    return max(1, int(np.ceil(np.log(frac) / np.log(abs(a)))))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-settle-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
# Check both rules against the recursion itself, for c = 3, a = 0.8 and frac = 0.3.
_c, _a, _frac = 3.0, 0.8, 0.3
_mu = forecast_level(_c, _a)
assert np.ndim(_mu) == 0 and np.isfinite(float(_mu)), "forecast_level should return a single finite number."
_mu = float(_mu)
assert abs(_c + _a * _mu - _mu) < 1e-9 * (1 + abs(_mu)), \
    "forecast_level(3, 0.8) is not a level the forecasts stay at: one more forecast step moves away from it."
_h = settle_steps(_a, _frac)
assert np.ndim(_h) == 0 and float(_h) == int(_h) and _h >= 1, "settle_steps should return a whole number >= 1."
_x, _path = 10.0, []
for _ in range(int(_h)):
    _x = _c + _a * _x
    _path.append(_x)
assert abs(_path[-1] - _mu) <= _frac * abs(10.0 - _mu), \
    "after settle_steps(0.8, 0.3) steps from x = 10 the forecast is still farther from the level than frac times " \
    "the starting deviation."
assert _h == 1 or abs(_path[-2] - _mu) > _frac * abs(10.0 - _mu), \
    "settle_steps(0.8, 0.3) is not the smallest number of steps: the forecast is close enough one step earlier."

# %% nbgrader={"grade": true, "grade_id": "q6-settle-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: both rules for random positive and negative a, a = 0, a close to 1 and several frac.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_scalar_close

_rng = np.random.default_rng(806)
for _c, _a in [(2.0, 0.5), (4.775, -0.3), (-1.5, 0.95), (0.0, 0.7), (10.0, 0.0), (3.0, -0.99), (0.25, 0.999)]:
    _mu = forecast_level(_c, _a)
    assert np.ndim(_mu) == 0 and np.isfinite(float(_mu)), f"forecast_level({_c}, {_a}) should be a finite number."
    assert abs(_c + _a * float(_mu) - float(_mu)) <= 1e-9 * (1 + abs(float(_mu))), \
        f"forecast_level({_c}, {_a}) is not the level of the forecasts: a forecast equal to it would move on " \
        "the next step; the level is the value that one step of the recursion leaves unchanged."
    assert_scalar_close(_mu, _c / (1 - _a), rtol=1e-9, name=f"forecast_level({_c}, {_a})")
_cases = [(0.5, 0.3), (0.9, 0.5), (-0.8, 0.1), (0.0, 0.5), (0.99, 0.01), (-0.5, 0.7), (0.3, 0.31),
          (0.9991, 0.5), (-0.95, 0.2)]
_cases += [(float(_a), float(_f)) for _a, _f in zip(_rng.uniform(-0.98, 0.98, 12), _rng.uniform(0.01, 0.9, 12))]
for _a, _frac in _cases:
    _ratio = np.log(_frac) / np.log(abs(_a)) if _a != 0 else 0.0
    if _a != 0 and abs(_ratio - round(_ratio)) < 1e-6:
        continue                                      # too close to a boundary between two answers
    _want = 1 if _a == 0 else max(1, int(np.ceil(_ratio)))
    _call = f"settle_steps({_a:.4g}, {_frac:.4g})"
    try:
        _h = settle_steps(_a, _frac)
    except Exception as _e:
        raise AssertionError(f"{_call} raised {type(_e).__name__}: {_e}. For a <= 0 the deviation from the "
                             "level still shrinks by the same factor |a| per step (it also changes sign).") from None
    assert np.ndim(_h) == 0 and np.isfinite(float(_h)) and float(_h) == round(float(_h)), \
        f"{_call} should be a whole number, got {_h!r}."
    assert _h >= 1, f"{_call} is {_h}: the answer counts forecast steps, at least 1."
    assert _h >= _want, \
        f"{_call} is too small: after that many steps a deviation from the level can still be larger than frac " \
        "times the starting one."
    assert _h <= _want, f"{_call} is not the smallest number of steps: fewer steps already bring every forecast " \
        "within frac of the starting deviation."
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
