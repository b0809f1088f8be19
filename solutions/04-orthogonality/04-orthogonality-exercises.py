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
# # Chapter 04 exercises: orthogonality, projections and QR
#
# Seven questions: an orthonormal basis of an orthogonal complement, projection onto a column space,
# leverage scores, the hat matrix in exact arithmetic, predicting the loss of orthogonality of
# Gram–Schmidt, diagnosing a least-squares routine that loses digits, and Householder QR. Each question
# has a **visible test** you can run now and **hidden tests** that run when your notebook is graded (on
# other inputs, including edge cases), so make your functions work for any valid input, not only for the
# example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/04-orthogonality/04-orthogonality-exercises.ipynb`.
#
# Read chapter 04 (`course/04-orthogonality.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)


def _with_condition_number(m, d, kappa, rng):
    """The tests' random m x d matrices with condition number kappa (singular values evenly spaced in log scale)."""
    _U, _ = np.linalg.qr(rng.normal(size=(m, d)))
    _V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return _U @ np.diag(np.logspace(0, -np.log10(kappa), d)) @ _V.T

# %% [markdown]
# ## Question 1: an orthonormal basis of an orthogonal complement (3 points)
#
# Let $a_1 = (1, 2, 0, 1, 0)$ and $a_2 = (0, 1, 1, -1, 1)$ in $\mathbb{R}^5$, and $S$ the plane they
# span. Construct a NumPy array `C` of shape $(5, 3)$ whose columns are an **orthonormal basis of the
# orthogonal complement** $S^\perp$. Any orthonormal basis of $S^\perp$ is accepted (in any order, with
# any signs). *Hint*: $S^\perp$ is the null space of the matrix whose rows are $a_1, a_2$ (Section 1);
# the full QR factorization (Section 6) or `scipy.linalg.null_space` gives orthonormal bases.

# %% nbgrader={"grade": false, "grade_id": "q1-complement", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
a1 = np.array([1.0, 2.0, 0.0, 1.0, 0.0])
a2 = np.array([0.0, 1.0, 1.0, -1.0, 1.0])
### BEGIN SOLUTION
Q_full, _ = np.linalg.qr(np.column_stack([a1, a2]), mode="complete")
C = Q_full[:, 2:]
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q1-complement-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_orthonormal_columns

assert np.shape(C) == (5, 3), f"C should have shape (5, 3): one basis vector of R^5 per column; got {np.shape(C)}."
assert_orthonormal_columns(C, name="C")

# %% nbgrader={"grade": true, "grade_id": "q1-complement-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: every column of C is orthogonal to a1 and a2, and together they span the whole complement.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_orthonormal_columns, assert_same_span

_A = np.array([[1.0, 2.0, 0.0, 1.0, 0.0], [0.0, 1.0, 1.0, -1.0, 1.0]])
_C = np.asarray(C, dtype=float)
assert_orthonormal_columns(_C, name="C")
assert np.abs(_A @ _C).max() < 1e-8, \
    "some column of C is not orthogonal to a1 or a2: S-perp holds the vectors z with a1.z = a2.z = 0."
_N = np.linalg.qr(_A.T, mode="complete")[0][:, 2:]
assert_same_span(_C, _N, name="the columns of C")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: projection onto a column space (3 points)
#
# Write `project_onto_columns(X, y)` that returns $P\mathbf{y}$, the orthogonal projection of
# $\mathbf{y} \in \mathbb{R}^m$ onto the column space of $X \in \mathbb{R}^{m\times d}$ ($m \ge d$,
# independent columns), as a 1-D float array of length $m$.
#
# * $X$ may be ill-conditioned (nearly dependent columns, $\kappa(X)$ up to $10^8$) or have columns of
#   very different scales; the answer must still be accurate to many digits.
# * Inputs may be NumPy arrays or lists; do not modify them.
# * No solver or inverse: **no `solve`, `inv`, `pinv`, `lstsq` (or the other solvers of `np.linalg`) and
#   no function of `scipy.linalg`**. `np.linalg.qr` and `np.linalg.norm` are allowed. You do not need
#   the $m \times m$ matrix $P$ (for large $m$ it would be wasteful).

# %% nbgrader={"grade": false, "grade_id": "q2-project", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def project_onto_columns(X, y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Q, _ = np.linalg.qr(X)
    return Q @ (Q.T @ y)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-project-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
assert_close(project_onto_columns(_X, np.array([1.0, 2.0, 4.0])), np.array([4.0, 7.0, 11.0]) / 3,
             name="project_onto_columns(X, y) for the plane of Figure 1",
             hint="the projection P y, not the residual y - P y.")

# %% nbgrader={"grade": true, "grade_id": "q2-project-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random tall and square X, one column, columns scaled by 1e8 and 1e-8, nearly dependent
# columns (cond up to 1e8), y in the column space or orthogonal to it, lists, inputs unchanged, no solvers.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, forbid_calls

_rng = np.random.default_rng(10201)


_cases = [("random 6 x 2", _rng.normal(size=(6, 2))), ("random 40 x 5", _rng.normal(size=(40, 5))),
          ("square 4 x 4", _rng.normal(size=(4, 4))), ("one column", _rng.normal(size=(7, 1))),
          ("columns scaled by 1e8, 1 and 1e-8", _rng.normal(size=(12, 3)) * np.array([1e8, 1.0, 1e-8])),
          ("cond 1e6", _with_condition_number(30, 4, 1e6, _rng)), ("cond 1e8", _with_condition_number(30, 4, 1e8, _rng)),
          ("cond 1e8, 50 x 6", _with_condition_number(50, 6, 1e8, _rng))]
_why = "project with an orthonormal basis of the column space"
with forbid_calls(calls.NUMPY_SOLVERS, calls.SCIPY_LINALG, reason=_why, func=project_onto_columns):
    for _name, _X in _cases:
        _y = _rng.normal(size=_X.shape[0]) * 3.0
        _Qr, _ = np.linalg.qr(_X)
        _ref = _Qr @ (_Qr.T @ _y)
        _Xc, _yc = _X.copy(), _y.copy()
        _p = project_onto_columns(_X, _y)
        assert np.array_equal(_X, _Xc) and np.array_equal(_y, _yc), \
            "project_onto_columns changed its input X or y; work on copies."
        assert np.shape(_p) == (_X.shape[0],), \
            f"for X of shape {_X.shape}, P y should be a 1-D array of length {_X.shape[0]}, got shape {np.shape(_p)}."
        assert_close(_p, _ref, rtol=0, atol=1e-7 * np.linalg.norm(_y), name=f"P y for X {_name}",
                     hint=("nearly dependent columns: an orthonormal basis keeps the digits that X^T X loses."
                           if _name.startswith("cond") else
                           "P y lies in the column space of X, and y - P y is orthogonal to every column of X."))
    _X = _rng.normal(size=(8, 3))
    _w = _rng.normal(size=3)
    assert_close(project_onto_columns(_X.copy(), _X @ _w), _X @ _w, rtol=1e-9, atol=1e-9,
                 name="P y for y already in the column space", hint="projecting a vector of the subspace changes nothing.")
    _z = np.linalg.qr(_X, mode="complete")[0][:, 3]           # orthogonal to every column of X
    assert_close(project_onto_columns(_X.copy(), _z), np.zeros(8), atol=1e-9,
                 name="P y for y orthogonal to the column space")
    assert_close(project_onto_columns([[1, 0], [0, 1], [1, 1]], [1, 2, 4]), np.array([4.0, 7.0, 11.0]) / 3,
                 name="project_onto_columns for integer lists")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: leverage scores (3 points)
#
# The leverage of sample $i$ in a regression with design matrix $X \in \mathbb{R}^{m\times d}$
# (independent columns, $m \ge d$) is $h_{ii}$, the $i$-th diagonal entry of the hat matrix
# $H = X(X^\top X)^{-1}X^\top$. Write `leverage(X)` that returns the 1-D float array
# $(h_{11}, \dots, h_{mm})$ of length $m$.
#
# * It must be accurate (to about $10^{-6}$) even when the columns are nearly dependent
#   ($\kappa(X)$ up to $10^8$) or have very different lengths (from $10^{-8}$ to $10^8$; the leverages
#   depend only on the column space): think about which formula of Section 5 to use.
# * Inputs may be arrays or lists; do not modify them. Any NumPy or SciPy function is allowed.

# %% nbgrader={"grade": false, "grade_id": "q3-leverage", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def leverage(X):
    ### BEGIN SOLUTION
    Q, _ = np.linalg.qr(np.asarray(X, dtype=float))
    return np.sum(Q**2, axis=1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-leverage-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_X = np.column_stack([np.ones(4), [0.0, 1.0, 2.0, 9.0]])
assert_close(leverage(_X), np.array([0.43, 0.33, 0.27, 0.97]), name="leverage(X) for x = 0, 1, 2, 9",
             hint="h_ii is a diagonal entry of X (X^T X)^{-1} X^T, one number per row of X.")

# %% nbgrader={"grade": true, "grade_id": "q3-leverage-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random designs of several shapes (sum = d, 0 <= h <= 1), a square X, columns of very different
# scales, nearly dependent columns (cond 1e6 and 1e8), a list, the input unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(10301)


_cases = [("random 10 x 2", np.column_stack([np.ones(10), _rng.normal(size=10)])),
          ("random 50 x 6", _rng.normal(size=(50, 6))), ("square 5 x 5", _rng.normal(size=(5, 5))),
          ("one column", _rng.normal(size=(6, 1))),
          ("columns scaled by 1, 1e8 and 1e-8", _rng.normal(size=(20, 3)) * np.array([1.0, 1e8, 1e-8])),
          ("cond 1e6", _with_condition_number(25, 4, 1e6, _rng)), ("cond 1e8", _with_condition_number(25, 4, 1e8, _rng))]
for _name, _X in _cases:
    _ref = np.sum(np.linalg.qr(_X)[0] ** 2, axis=1)
    _Xc = _X.copy()
    _h = leverage(_X)
    assert np.array_equal(_X, _Xc), "leverage changed its input X; work on a copy."
    assert np.shape(_h) == (_X.shape[0],), \
        f"for X of shape {_X.shape}, leverage(X) should have length {_X.shape[0]} (one per sample), got {np.shape(_h)}."
    _h = np.asarray(_h, dtype=float)
    if _name.startswith("cond"):
        assert_close(_h, _ref, rtol=0, atol=1e-6, name=f"leverage(X) for X {_name}",
                     hint="with nearly dependent columns, (X^T X)^{-1} has lost its digits; an orthonormal basis has not.")
    else:
        assert abs(_h.sum() - _X.shape[1]) < 1e-6, \
            (f"the leverages for X {_name} do not add up to the number of columns (the trace of a projection)."
             + (" Scaling a column does not change the column space, so it must not change the leverages."
                if "scaled" in _name else ""))
        assert_close(_h, _ref, rtol=0, atol=1e-6, name=f"leverage(X) for X {_name}",
                     hint="h_ii is the i-th diagonal entry of the hat matrix.")
assert_close(leverage([[1, 0], [1, 1], [1, 2], [1, 9]]), np.array([0.43, 0.33, 0.27, 0.97]),
             name="leverage of an integer list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: the hat matrix of three points, exactly (4 points)
#
# Fit a line $y \approx w_0 + w_1 x$ to three points with distinct $x$-values $x_1, x_2, x_3$, kept as
# SymPy symbols: the design matrix has rows $(1, x_i)$. With SymPy:
#
# 1. `H3`: the $3\times 3$ hat matrix $X(X^\top X)^{-1}X^\top$, as a `sp.Matrix` in the symbols `x1, x2, x3`
#    defined below, valid for **all** distinct $x_1, x_2, x_3$;
# 2. `h1`: the leverage of the first point, $h_{11}$, as a single SymPy expression;
# 3. `h_sum`: $h_{11} + h_{22} + h_{33}$, **simplified** until no symbol is left (it does not depend on the
#    data: why?).
#
# The hidden tests compare your expressions with the closed forms for every value of the symbols, so
# any equivalent form (expanded, factored, in terms of $\bar x$) is accepted.

# %% nbgrader={"grade": false, "grade_id": "q4-hat-matrix", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
### BEGIN SOLUTION
X3 = sp.Matrix([[1, x1], [1, x2], [1, x3]])
H3 = sp.simplify(X3 * (X3.T * X3).inv() * X3.T)
h1 = H3[0, 0]
h_sum = sp.simplify(H3.trace())
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q4-hat-matrix-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_sympy_equal

assert isinstance(H3, sp.MatrixBase) and H3.shape == (3, 3), "H3 should be a 3 x 3 SymPy Matrix."
assert {str(_s) for _s in sp.Matrix(H3).free_symbols} <= {"x1", "x2", "x3"}, "H3 should use only the symbols x1, x2, x3."
_at = {_s: _v for _s in sp.Matrix(H3).free_symbols for _n, _v in (("x1", 0), ("x2", 1), ("x3", 2)) if str(_s) == _n}
assert_sympy_equal(sp.Matrix(H3).subs(_at), sp.Matrix([[5, 2, -1], [2, 2, 2], [-1, 2, 5]]) / 6,
                   name="H3 at x = (0, 1, 2)", hint="H = X (X^T X)^{-1} X^T with the rows (1, x_i).")
assert isinstance(h1, sp.Expr), "h1 should be a SymPy expression."

# %% nbgrader={"grade": true, "grade_id": "q4-hat-matrix-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: H3 and h1 equal the closed forms for all x1, x2, x3; h_sum is an exact number without symbols.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal, sym_equal

assert isinstance(h1, sp.Expr), "h1 should be a SymPy expression."
_x = sp.symbols("x1 x2 x3", real=True)
_ren = {_s: _x[int(str(_s)[1]) - 1] for _s in sp.Matrix(H3).free_symbols | h1.free_symbols
        if str(_s) in ("x1", "x2", "x3")}
_H = sp.Matrix(H3).xreplace(_ren)
_xbar = sum(_x) / 3
_S = sum((_t - _xbar) ** 2 for _t in _x)
_Href = sp.Matrix(3, 3, lambda i, j: sp.Rational(1, 3) + (_x[i] - _xbar) * (_x[j] - _xbar) / _S)
assert_sympy_equal(_H, _Href, name="H3", hint="H = X (X^T X)^{-1} X^T; check the inverse of X^T X.")
assert_sympy_equal(h1.xreplace(_ren), _Href[0, 0], name="h1",
                   hint="the leverage is the (1, 1) entry of the hat matrix.")
assert not isinstance(h_sum, (float, np.floating)), "h_sum is a floating-point number; give an exact value."
_hs = sp.Integer(int(h_sum)) if isinstance(h_sum, (int, np.integer)) else h_sum
assert isinstance(_hs, sp.Basic), "h_sum should be a SymPy number (or a Python int)."
assert not _hs.free_symbols, "h_sum still contains symbols: simplify it (sp.simplify, sp.cancel)."
assert_exact(_hs, name="h_sum")
assert sym_equal(_hs, 2), "h_sum is not the trace of the hat matrix (what is the trace of a projection?)."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: predict the loss of orthogonality (4 points)
#
# Figure 3 measured $\|Q^\top Q - I\|_2$ for the $Q$ computed by three methods on $100 \times 10$
# matrices with a chosen condition number $\kappa$, built as in Section 8. Write
# `predicted_loss(method, kappa)` that returns your **prediction** (a positive float) of that loss, for
# `method` one of `"classical"` (classical Gram–Schmidt), `"modified"` (modified Gram–Schmidt) and
# `"householder"` (`np.linalg.qr`), and any $1 \le \kappa \le 10^7$.
#
# A rule in terms of $\kappa$ and $\varepsilon$ = `np.finfo(float).eps` is what is asked; do not run an
# experiment inside the function. The grader builds such matrices for $\kappa$ values of its own and
# measures the loss. It accepts a prediction within a **factor of 1000** (three orders of magnitude) of
# each measurement, and whose growth from $\kappa = 10^3$ to $\kappa = 10^7$ is within a **factor of 30**
# of the measured growth: the constant in front does not matter much, how the loss grows with $\kappa$ does.

# %% nbgrader={"grade": false, "grade_id": "q5-predict-loss", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def predicted_loss(method, kappa):
    ### BEGIN SOLUTION
    eps = np.finfo(float).eps
    power = {"classical": 2, "modified": 1, "householder": 0}[method]
    return float(eps * kappa**power)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-predict-loss-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _method in ("classical", "modified", "householder"):
    for _kappa in (1.0, 1e3, 1e7):
        _p = predicted_loss(_method, _kappa)
        assert np.ndim(_p) == 0 and np.isfinite(float(_p)) and float(_p) > 0, \
            f"predicted_loss({_method!r}, {_kappa:g}) should be a positive number."
assert float(predicted_loss("classical", 1e3)) >= float(predicted_loss("householder", 1e3)), \
    "classical Gram-Schmidt should not be predicted to stay more orthogonal than Householder."

# %% nbgrader={"grade": true, "grade_id": "q5-predict-loss-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the predictions against losses measured on 100 x 10 matrices for six values of kappa in [1, 1e7].
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(10501)


def _cgs(X):
    _Q = np.zeros_like(X)
    for _j in range(X.shape[1]):
        _w = X[:, _j] - _Q[:, :_j] @ (_Q[:, :_j].T @ X[:, _j])
        _Q[:, _j] = _w / np.linalg.norm(_w)
    return _Q


def _mgs(X):
    _Q = X.copy()
    for _j in range(X.shape[1]):
        _Q[:, _j] /= np.linalg.norm(_Q[:, _j])
        _Q[:, _j + 1:] -= np.outer(_Q[:, _j], _Q[:, _j] @ _Q[:, _j + 1:])
    return _Q


_qr = {"classical": _cgs, "modified": _mgs, "householder": lambda X: np.linalg.qr(X)[0]}
_names = {"classical": "classical Gram-Schmidt", "modified": "modified Gram-Schmidt", "householder": "Householder"}
_seen = {}
for _kappa in (1.0, 30.0, 1e3, 3e4, 1e6, 1e7):
    _Xs = [_with_condition_number(100, 10, _kappa, _rng) for _ in range(3)]
    for _method, _f in _qr.items():
        _measured = np.exp(np.mean([np.log(np.linalg.norm(_f(_X).T @ _f(_X) - np.eye(10), 2)) for _X in _Xs]))
        _p = float(predicted_loss(_method, _kappa))
        assert np.isfinite(_p) and _p > 0, f"predicted_loss({_method!r}, {_kappa:g}) should be a positive number."
        assert abs(np.log10(_p / _measured)) <= 3, \
            (f"predicted_loss({_method!r}, {_kappa:g}) = {_p:.1e} is more than a factor 1000 away from what "
             f"{_names[_method]} loses on such matrices: compare the slopes in Figure 3.")
        _seen[_method, _kappa] = (_p, _measured)
for _method in _qr:
    (_p3, _m3), (_p7, _m7) = _seen[_method, 1e3], _seen[_method, 1e7]
    assert abs(np.log10((_p7 / _p3) / (_m7 / _m3))) <= np.log10(30), \
        (f"from kappa = 1e3 to 1e7 your prediction for {_names[_method]} grows by a factor {_p7 / _p3:.1e}, more "
         "than a factor 30 away from the measured growth: compare the slopes in Figure 3.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: diagnose a least-squares routine (4 points)
#
# A colleague's function fits least-squares weights. It is fine on well-conditioned data, but on a design
# matrix with $\kappa(X) = 10^7$ and targets fitted **exactly** by some weights it returns weights with
# no correct digit. The lines of its body are numbered in the comments.
#
# 1. Set `faulty_line` to the number of the line where the accuracy is lost: after it, even exact
#    arithmetic in every later line could not recover the accurate weights.
# 2. Write `fit_weights_fixed(X, y)` that returns the least-squares weights accurately: relative error
#    below $10^{-5}$ when $\mathbf{y} = X\mathbf{w}$ exactly and $\kappa \le 10^7$ for $X$ with its columns
#    scaled to length 1 — the columns themselves may have very different lengths (from $10^{-8}$ to
#    $10^{8}$), as the colleague's lines 3–4 anticipate. $X$ is $m\times d$ with $m \ge d$ and independent
#    columns; inputs may be arrays or lists; do not modify them. Any NumPy or SciPy function is allowed.

# %% nbgrader={"grade": false, "grade_id": "q6-diagnose", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
def fit_weights(X, y):
    X = np.asarray(X, dtype=float)          # 1
    y = np.asarray(y, dtype=float)          # 2
    scale = np.linalg.norm(X, axis=0)       # 3: the length of every column
    Xs = X / scale                          # 4: columns of length 1
    G = Xs.T @ Xs                           # 5
    w = np.linalg.solve(G, Xs.T @ y)        # 6
    return w / scale                        # 7: undo the scaling


### BEGIN SOLUTION
faulty_line = 5
### END SOLUTION


def fit_weights_fixed(X, y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Q, R = np.linalg.qr(X)
    import scipy.linalg
    return scipy.linalg.solve_triangular(R, Q.T @ y)
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 7, \
    "faulty_line should be one of the line numbers 1 to 7."
_X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
assert_close(fit_weights_fixed(_X, np.array([1.0, 3.0, 4.0, 4.0])), np.array([1.5, 1.0]),
             name="fit_weights_fixed for the line through (0, 1), (1, 3), (2, 4), (3, 4)")

# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line; the fixed fit on exactly fitted targets with cond up to 1e7, columns of very
# different scales, a noisy fit, lists, and the inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

assert faulty_line == 5, ("faulty_line is not the line where the information is lost: which line's result no "
                          "longer determines the weights to the digits the data carry?")
_rng = np.random.default_rng(10601)


_scales = np.array([1e8, 1.0, 1.0, 1e-8])
for _name, _X, _s in [("cond 10", _with_condition_number(30, 3, 10.0, _rng), 1.0),
                      ("cond 1e5", _with_condition_number(50, 5, 1e5, _rng), 1.0),
                      ("cond 1e7", _with_condition_number(100, 8, 1e7, _rng), 1.0),
                      ("cond 1e7, columns scaled by 1e8 and 1e-8", _with_condition_number(40, 4, 1e7, _rng) * _scales,
                       _scales)]:
    _w = _rng.normal(size=_X.shape[1]) / _s      # a scaled column gets a weight of the inverse scale
    _y = _X @ _w
    _Xc, _yc = _X.copy(), _y.copy()
    _fit = fit_weights_fixed(_X, _y)
    assert np.array_equal(_X, _Xc) and np.array_equal(_y, _yc), "fit_weights_fixed changed its input; work on copies."
    assert np.shape(_fit) == _w.shape, f"the weights should have shape {_w.shape}, got {np.shape(_fit)}."
    _err = np.linalg.norm(np.asarray(_fit, dtype=float) - _w) / np.linalg.norm(_w)
    assert _err < 1e-5, (f"fit_weights_fixed loses digits for X with {_name} (relative error {_err:.1e}): "
                         "avoid squaring the condition number.")
_X = np.column_stack([np.ones(20), np.linspace(0, 1, 20)])
_y = 1.0 + 2.0 * _X[:, 1] + _rng.normal(scale=0.1, size=20)
assert_close(fit_weights_fixed(_X.tolist(), _y.tolist()), np.linalg.lstsq(_X, _y, rcond=None)[0], rtol=1e-9,
             atol=1e-12, name="fit_weights_fixed on a noisy line (lists)")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: Householder QR (4 points)
#
# Write `householder_qr(X)` for $X \in \mathbb{R}^{m\times d}$ with $m \ge d$ that returns the reduced QR
# factorization `(Q, R)`: `Q` of shape $(m, d)$ with orthonormal columns, `R` of shape $(d, d)$ upper
# triangular, and $X = QR$. Use **Householder reflections** (Section 7): for $k = 1, \dots, d$, reflect
# the part of column $k$ on and below the diagonal onto a multiple of $\mathbf{e}_1$, apply the same
# reflection to the columns to its right, and accumulate $Q$.
#
# * $Q$ must be orthogonal to about $10^{-12}$ even when $\kappa(X) = 10^{12}$ (Gram–Schmidt cannot do
#   that: Figure 3), and $X$ may be rank-deficient — even have a zero column: `Q` must still have
#   orthonormal columns and $X = QR$ (a column that is already zero below the diagonal needs no reflection).
# * The signs of the diagonal of $R$ are free. Inputs may be arrays or lists; do not modify them.
# * Implement it yourself: **no library factorization that orthogonalizes for you** — `np.linalg.qr`,
#   `cholesky`, `svd`, `eig`, `eigh`, `inv`, `pinv`, `solve`, `lstsq`, or any function of `scipy.linalg`
#   (`np.linalg.norm` is fine); the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q7-householder", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def householder_qr(X):
    ### BEGIN SOLUTION
    A = np.array(X, dtype=float)               # a copy, reduced to R in place
    m, d = A.shape
    reflectors = []
    for k in range(d):
        x = A[k:, k]
        v = x.copy()
        v[0] += np.copysign(np.linalg.norm(x), x[0])   # copysign: sign(0) counts as +1
        norm_v = np.linalg.norm(v)
        if norm_v == 0:                        # nothing below the diagonal to eliminate
            reflectors.append(None)
            continue
        v /= norm_v
        A[k:, k:] -= 2.0 * np.outer(v, v @ A[k:, k:])
        reflectors.append(v)
    Q = np.eye(m, d)
    for k in reversed(range(d)):               # Q = H_1 H_2 ... H_d applied to the first d columns of I
        v = reflectors[k]
        if v is not None:
            Q[k:, :] -= 2.0 * np.outer(v, v @ Q[k:, :])
    return Q, np.triu(A[:d, :])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-householder-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_orthonormal_columns, assert_triangular

_X = np.array([[3.0, 1.0], [1.0, 2.0], [5.0, 0.0], [1.0, 1.0]])
_Q, _R = householder_qr(_X)
assert np.shape(_Q) == (4, 2) and np.shape(_R) == (2, 2), \
    f"Q should have shape (4, 2) and R (2, 2) (the reduced factorization), got {np.shape(_Q)} and {np.shape(_R)}."
assert_orthonormal_columns(_Q, name="Q")
assert_triangular(_R, name="R")
assert_close(np.asarray(_Q) @ np.asarray(_R), _X, name="Q @ R", hint="Q @ R should give back X.")

# %% nbgrader={"grade": true, "grade_id": "q7-householder-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, square and one-column X; scales 1e8 and 1e-8; cond 1e12 (Q orthogonal to 1e-12); a column
# starting with 0; a zero column and a repeated column; lists; X unchanged; library factorizations blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, assert_orthonormal_columns, assert_triangular, forbid_calls

_rng = np.random.default_rng(10701)


_zero_col = _rng.normal(size=(6, 4))
_zero_col[:, 1] = 0.0
_zero_col[:, 3] = _zero_col[:, 0]
_cases = [("random 8 x 3", _rng.normal(size=(8, 3))), ("square 5 x 5", _rng.normal(size=(5, 5))),
          ("one column", _rng.normal(size=(4, 1))), ("scaled by 1e8", _rng.normal(size=(7, 3)) * 1e8),
          ("scaled by 1e-8", _rng.normal(size=(7, 3)) * 1e-8), ("with cond 1e12", _with_condition_number(60, 8, 1e12, _rng)),
          ("whose first column starts with 0", np.array([[0.0, 1.0], [3.0, 2.0], [4.0, 0.0]])),
          ("with a zero column and a repeated column", _zero_col)]
_why = "build Q from Householder reflections yourself"
with forbid_calls(calls.ORTHOGONALIZATION, reason=_why, func=householder_qr):
    for _name, _X in _cases:
        _Xc = _X.copy()
        _Q, _R = householder_qr(_X)
        assert np.array_equal(_X, _Xc), "householder_qr changed its input X; work on a copy."
        _Q, _R = np.asarray(_Q, dtype=float), np.asarray(_R, dtype=float)
        _m, _d = _X.shape
        assert _Q.shape == (_m, _d) and _R.shape == (_d, _d), \
            (f"for X of shape {_X.shape}, Q should have shape {(_m, _d)} and R {(_d, _d)} (the reduced "
             f"factorization), got {_Q.shape} and {_R.shape}.")
        assert np.all(np.isfinite(_Q)) and np.all(np.isfinite(_R)), \
            (f"householder_qr returned inf or nan for X {_name}: a column that is already zero on and below the "
             "diagonal needs no reflection (and v = 0 cannot be normalized).")
        assert_orthonormal_columns(_Q, atol=1e-12, name=f"Q for X {_name}",
                                   hint="Householder keeps Q orthogonal to rounding level; Gram-Schmidt does not.")
        _scale = np.linalg.norm(_X)
        assert_triangular(_R, atol=1e-12 * _scale, name=f"R for X {_name}",
                          hint="a reflection with v = x + sign(x_1)||x|| e_1 needs sign(0) = +1 when x_1 = 0.")
        _hint = "Q @ R should give back X."
        if "starts with 0" in _name:
            _hint += " With v = x + sign(x_1)||x|| e_1, sign(0) must count as +1 (np.sign(0) is 0)."
        assert_close(_Q @ _R, _X, rtol=0, atol=1e-12 * _scale, name=f"Q @ R for X {_name}", hint=_hint)
    _Q, _R = householder_qr([[1, 2], [2, 1], [2, 2]])
    assert_close(np.asarray(_Q, dtype=float) @ np.asarray(_R, dtype=float), np.array([[1.0, 2], [2, 1], [2, 2]]),
                 name="Q @ R for an integer list")
### END HIDDEN TESTS
