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
# # Chapter 05 exercises: determinants
#
# Seven questions on volumes, computing determinants (elimination and cofactor expansion), a determinant
# formula for every size $n$, symbolic determinants, and log-determinants in ML. Each question has a
# **visible test** you can run now and **hidden tests** that run when your notebook is graded (on other
# inputs, including edge cases), so make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/05-determinants/05-determinants-exercises.ipynb`.
#
# Read chapter 05 (`course/05-determinants.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import math
from fractions import Fraction

import numpy as np
import scipy.linalg
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: the volume of a simplex (3 points)
#
# A **simplex** in $\mathbb{R}^k$ has $k + 1$ corners $p_0, p_1, \dots, p_k$: a segment for $k = 1$, a
# triangle for $k = 2$, a tetrahedron for $k = 3$. Its $k$-dimensional volume is
# $$\operatorname{vol} = \frac{1}{k!}\,\bigl|\det\begin{pmatrix} p_1 - p_0 & p_2 - p_0 & \cdots & p_k - p_0 \end{pmatrix}\bigr| .$$
#
# Write `simplex_volume(P)` where `P` is an array-like (list of lists or NumPy array) of shape
# $(k + 1, k)$, $k \ge 1$, whose **rows** are the corners. Return the volume as a single non-negative
# float (length for $k = 1$, area for $k = 2$, ...). Corners may be listed in any order, and a
# flat (degenerate) simplex has volume 0. Do not modify `P`. Using `np.linalg.det` is fine here.

# %% nbgrader={"grade": false, "grade_id": "q1-simplex-volume", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def simplex_volume(P):
    ### BEGIN SOLUTION
    P = np.asarray(P, dtype=float)
    k = P.shape[1]
    edges = (P[1:] - P[0]).T          # the edge vectors p_i - p_0 as columns
    return float(abs(np.linalg.det(edges)) / math.factorial(k))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-simplex-volume-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

assert_scalar_close(simplex_volume([[0.0, 0.0], [4.0, 0.0], [0.0, 3.0]]), 6.0,
                    name="the area of the triangle (0, 0), (4, 0), (0, 3)")

# %% nbgrader={"grade": true, "grade_id": "q1-simplex-volume-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random triangles (both orientations), tetrahedra, a 4-D and a 1-D simplex, a flat
# triangle, a simplex far from the origin, list input, P left unchanged.
### BEGIN HIDDEN TESTS
import copy

from autograder.checks import assert_finite


def _check_volume(_input, _what):
    _P = np.array(_input, dtype=float)
    _k = _P.shape[1]
    _E = _P[1:] - _P[0]
    _ref = np.sqrt(max(np.linalg.det(_E @ _E.T), 0.0)) / math.factorial(_k)   # Gram determinant
    _copy = copy.deepcopy(_input)
    _got = simplex_volume(_input)                # the input as given: an array or a list of lists
    assert np.size(_got) == 1, f"simplex_volume should return a single number, got shape {np.shape(_got)}."
    assert_finite(_got, name=f"simplex_volume for {_what}")
    _got = float(np.asarray(_got).reshape(()))
    assert np.array_equal(np.asarray(_input), np.asarray(_copy)), "simplex_volume changed its input P; work on a copy."
    _tol = 1e-9 * max(1.0, float(np.prod(np.linalg.norm(_E, axis=1)))) / math.factorial(_k)
    if abs(_got - _ref) <= _tol + 1e-9 * _ref:
        return
    assert _got >= -_tol, (f"simplex_volume for {_what} is negative: a volume is never negative. The sign of the "
                           "determinant only gives the orientation (the order of the corners).")
    assert not np.isclose(_got, math.factorial(_k) * _ref, rtol=1e-7), (
        f"simplex_volume for {_what} is the volume of the parallelepiped spanned by the edges; "
        "the simplex is a fraction of it.")
    assert _k < 3 or not np.isclose(_got, math.factorial(_k - 1) * _ref, rtol=1e-7), (
        f"simplex_volume for {_what} is off by a constant factor: divide by k! (k factorial), not by k.")
    _from_origin = abs(np.linalg.det(_P[1:])) / math.factorial(_k)
    assert not np.isclose(_got, _from_origin, rtol=1e-7), (
        f"simplex_volume for {_what} depends on where the simplex is: use the edge vectors p_i - p_0, "
        "not the corners themselves.")
    raise AssertionError(f"simplex_volume for {_what} is not the expected volume.")


_rng = np.random.default_rng(4101)
_tri = _rng.normal(size=(3, 2)) * 3
_check_volume(_tri, "a random triangle")
_check_volume(_tri[[0, 2, 1]], "the same triangle with its corners in the other order")
for _k in (3, 3, 4):
    _check_volume(_rng.normal(size=(_k + 1, _k)), f"a random simplex in R^{_k}")
_check_volume(np.array([[2.0], [-1.5]]), "the segment from 2 to -1.5 (k = 1)")
_check_volume(_tri + np.array([1e3, -2e3]), "a triangle far from the origin")
_check_volume(np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
              "the tetrahedron 0, e1, e2, e3")
assert abs(simplex_volume(np.array([[0.0, 1.0], [1.0, 3.0], [2.0, 5.0]]))) < 1e-12, \
    "a triangle with three corners on one line (a flat simplex) has area 0."
_check_volume([[1, 1], [4, 2], [2, 5]], "a triangle given as a list of lists of ints")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: the determinant by Gaussian elimination (4 points)
#
# Write `det_gauss(A)` that computes $\det A$ by Gaussian elimination with **partial pivoting**
# (Section 4 of the lecture) for a square `A`, a list of lists or a 2-D NumPy array of real numbers (ints
# or floats), $n \ge 1$. Requirements:
#
# * Return a single float with a relative error below $10^{-8}$ on every invertible matrix of the hidden
#   tests (below $10^{-6}$ for the ill-conditioned $6\times 6$ Hilbert matrix). They include random,
#   symmetric, orthogonal and permutation matrices, and matrices whose first pivot candidate is 0, tiny
#   ($10^{-20}$) or negative.
# * For a singular matrix, return 0 (up to rounding), without dividing by zero and without NaN or infinity.
# * Do not modify `A`.
# * Implement it yourself: **no library determinant, factorization or eigenvalue routine** (a determinant
#   is also the product of the eigenvalues): `np.linalg.det`, `slogdet`, `eig`, `eigvals`, `qr`,
#   `cholesky`, `svd`, `np.poly`, any function of `scipy.linalg` or `scipy.sparse.linalg`, SymPy's `det`,
#   `charpoly`, `eigenvals` or `LUdecomposition`; the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q2-det-gauss", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def det_gauss(A):
    ### BEGIN SOLUTION
    U = np.array(A, dtype=float)       # a float copy
    n = U.shape[0]
    sign = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0.0:
            return 0.0
        if p != k:
            U[[k, p]] = U[[p, k]]
            sign = -sign
        U[k + 1:] -= np.outer(U[k + 1:, k] / U[k, k], U[k])
    return float(sign * np.prod(np.diag(U)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-det-gauss-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

assert_scalar_close(det_gauss(np.array([[2.0, 1.0], [1.0, 3.0]])), 5.0, name="det_gauss([[2, 1], [1, 3]])")
assert_scalar_close(det_gauss(np.array([[1.0, 2.0], [3.0, 4.0]])), -2.0, name="det_gauss([[1, 2], [3, 4]])",
                    hint="partial pivoting swaps the two rows here, and a row swap flips the sign.")

# %% nbgrader={"grade": true, "grade_id": "q2-det-gauss-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random, symmetric, orthogonal and permutation matrices of several sizes, a tiny first
# pivot, negative pivots, singular and ill-conditioned (Hilbert) matrices, int and list input, A left
# unchanged, and library determinants, factorizations and eigenvalues blocked.
### BEGIN HIDDEN TESTS
import scipy.linalg
from autograder import calls
from autograder.checks import forbid_calls

_rng = np.random.default_rng(4201)
_cases = []   # (A, reference, description)
for _n in (1, 2, 3, 5, 8, 12):
    _A = _rng.normal(size=(_n, _n))
    _cases.append((_A, np.linalg.det(_A), f"a random {_n}x{_n} matrix"))
_S = _rng.normal(size=(6, 6))
_cases.append((_S + _S.T, np.linalg.det(_S + _S.T), "a symmetric 6x6 matrix"))
_Q, _ = np.linalg.qr(_rng.normal(size=(5, 5)))
_cases.append((_Q, np.linalg.det(_Q), "an orthogonal 5x5 matrix"))
_cases.append((np.eye(4)[[1, 0, 3, 2]][[2, 3, 1, 0]], np.linalg.det(np.eye(4)[[1, 0, 3, 2]][[2, 3, 1, 0]]),
               "a 4x4 permutation matrix"))
_cases.append((np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 3.0]]), -3.0, "a matrix with a zero first pivot"))
_cases.append((np.array([[-3.5]]), -3.5, "the 1x1 matrix [[-3.5]]"))
_hilbert = np.array([[1.0 / (i + j + 1) for j in range(6)] for i in range(6)])
_hilbert_det = float(sp.Matrix(6, 6, lambda i, j: sp.Rational(1, i + j + 1)).det())
_tiny = np.array([[1e-20, 1.0, 1.0], [1.0, 1.0, 2.0], [1.0, 2.0, 1.0]])
_negative = [(np.array([[0.0, 1.0], [-2.0, 3.0]]), 2.0),                        # largest |entry| is -2
             (np.array([[1e-20, 1.0, 1.0], [-1.0, 1.0, 2.0], [-1.0, 2.0, 1.0]]), -2.0)]
_singular = [(np.array([[0.0, 1.0], [0.0, 2.0]]), "a 2x2 matrix with a zero column"),
             (np.zeros((3, 3)), "the 3x3 zero matrix"),
             (np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]), "a 3x3 matrix with two parallel rows"),
             (_rng.normal(size=(6, 3)) @ _rng.normal(size=(3, 6)), "a 6x6 matrix of rank 3")]

_why = "compute the determinant with your own elimination"
with forbid_calls(calls.DETERMINANTS, reason=_why, func=det_gauss):
    for _A, _ref, _what in _cases:
        _copy = _A.copy()
        _got = det_gauss(_A)
        assert np.array_equal(_A, _copy), "det_gauss changed its input A; work on a copy (np.array(A, dtype=float))."
        assert np.size(_got) == 1, f"det_gauss should return a single number, got shape {np.shape(_got)}."
        assert np.isfinite(float(np.asarray(_got).reshape(()))), f"det_gauss for {_what} is not a finite number."
        _got = float(np.asarray(_got).reshape(()))
        if not np.isclose(_got, _ref, rtol=1e-8, atol=1e-12):
            assert not np.isclose(_got, -_ref, rtol=1e-8, atol=1e-12), (
                f"det_gauss for {_what} has the wrong sign: count the row swaps (only actual ones, p != k); "
                "each multiplies the determinant by -1.")
            raise AssertionError(f"det_gauss for {_what} is not the determinant.")
    _got = det_gauss(_tiny)
    assert np.isclose(_got, 2.0, rtol=1e-8), (
        "det_gauss is wrong for a matrix whose first entry is tiny (1e-20) but not zero: use partial pivoting, "
        "i.e. always pick the row with the largest |entry| as the pivot, not only when the pivot is 0.")
    for _A, _ref in _negative:
        _got = float(np.asarray(det_gauss(_A)).reshape(()))
        assert np.isclose(_got, _ref, rtol=1e-8), (
            "det_gauss is wrong for a matrix whose candidate pivots are negative: choose the pivot with the "
            "largest absolute value |entry|, not the largest value.")
    _got = det_gauss(_hilbert)
    assert np.isclose(_got, _hilbert_det, rtol=1e-6), \
        "det_gauss is not accurate for the ill-conditioned 6x6 Hilbert matrix: use partial pivoting."
    try:
        _got = det_gauss(np.array([[3, 1], [2, 5]]))
    except TypeError:   # NumPy refuses to subtract floats in place from an int array
        _got = None
    assert _got is not None and np.isclose(_got, 13.0, rtol=1e-12), (
        "det_gauss is wrong for an integer array: the elimination must run on a float copy "
        "(np.array(A, dtype=float)), or the multipliers are truncated.")
    _got = det_gauss([[1.0, 2.0, 0.0], [0.0, 1.0, 4.0], [5.0, 0.0, 1.0]])
    assert np.isclose(_got, 41.0, rtol=1e-12), "det_gauss is wrong for a list-of-lists input."
    for _A, _what in _singular:
        _scale = float(np.prod(np.maximum(np.linalg.norm(_A, axis=1), 1e-300)))
        try:
            _got = det_gauss(_A.copy())
        except ZeroDivisionError:
            raise AssertionError(f"det_gauss divided by zero for {_what}: this matrix is singular; when every "
                                 "candidate pivot is 0, return 0.0.") from None
        _got = float(np.asarray(_got).reshape(()))
        assert np.isfinite(_got), (f"det_gauss for {_what} is NaN or infinite (a division by a zero pivot?): "
                                   "the matrix is singular; when every candidate pivot is 0, return 0.0.")
        assert abs(_got) <= 1e-10 * max(_scale, 1.0), f"det_gauss for {_what} should be 0: the matrix is singular."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: cofactor expansion, exactly (4 points)
#
# Write `det_cofactor(A)` that computes $\det A$ by **cofactor expansion along the first row**, recursively:
# $$\det A = \sum_{j=0}^{n-1} (-1)^{j}\, a_{0j}\, \det M_{0j},$$
# where $M_{0j}$ is $A$ without row 0 and column $j$ (indices from 0, as in Python), and the determinant of
# a $1\times 1$ matrix is its only entry.
#
# `A` is a square **list of lists** (its rows), $n \ge 1$ (the tests use $n \le 7$). The entries may be
# Python ints, `Fraction`s, floats or SymPy expressions: use only `+`, `-` and `*` on them (no division,
# no conversion to float or to a NumPy array), so that an integer matrix gives its exact integer
# determinant — even when it has more than 19 digits — and a matrix of SymPy symbols gives a polynomial.
# Do not modify `A`. Not allowed: any library determinant, factorization or eigenvalue routine
# (`np.linalg.det`, `slogdet`, `eig`, `qr`, any function of `scipy.linalg`, SymPy's `det`, `charpoly`,
# `eigenvals` or `LUdecomposition`); the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q3-det-cofactor", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def det_cofactor(A):
    ### BEGIN SOLUTION
    n = len(A)
    if n == 1:
        return A[0][0]
    total = 0
    for j in range(n):
        minor = [row[:j] + row[j + 1:] for row in A[1:]]
        total = total + (-1) ** j * A[0][j] * det_cofactor(minor)
    return total
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-det-cofactor-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_d = det_cofactor([[1, 2, 3], [0, 4, 5], [1, 0, 6]])
assert _d == 22, f"det_cofactor([[1, 2, 3], [0, 4, 5], [1, 0, 6]]) should be 22, got {_d}."
assert not isinstance(_d, float), "for an integer matrix, det_cofactor should return an exact integer, not a float."

# %% nbgrader={"grade": true, "grade_id": "q3-det-cofactor-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: 1x1 to 7x7 integer matrices (exact, also a 35-digit determinant), Fractions,
# floats, a symbolic 3x3 matrix, A left unchanged, and library determinants blocked.
### BEGIN HIDDEN TESTS
import copy

import scipy.linalg
from autograder import calls
from autograder.checks import forbid_calls, sym_equal, sym_is_zero

_rng = np.random.default_rng(4301)
_int_cases = [[[7]], [[-3]]]
for _n in (2, 3, 4, 5, 7):
    _int_cases.append(_rng.integers(-9, 10, size=(_n, _n)).tolist())
_int_cases.append([[int(x) for x in row] for row in _rng.integers(10**5, 10**6, size=(6, 6))])  # a 35-digit determinant
_int_refs = [int(sp.Matrix(_A).det()) for _A in _int_cases]
_frac = [[Fraction(1, i + j + 1) for j in range(4)] for i in range(4)]
_frac_ref = sp.Matrix(4, 4, lambda i, j: sp.Rational(1, i + j + 1)).det()
_float = _rng.normal(size=(5, 5))
_float_ref = np.linalg.det(_float)
_x, _y, _z = sp.symbols("x y z")
_sym = [[_x, 1, _y], [2, _z, 0], [_y, _x, 3]]
_sym_ref = sp.Matrix(_sym).det()

_why = "implement the cofactor expansion yourself"
with forbid_calls(calls.DETERMINANTS, reason=_why, func=det_cofactor):
    for _A, _ref in zip(_int_cases, _int_refs):
        _n = len(_A)
        _copy = copy.deepcopy(_A)
        _got = det_cofactor(_A)
        assert _A == _copy, "det_cofactor changed its input A; build new lists for the minors."
        assert _got is not None, "det_cofactor returned None: did you forget a return statement?"
        _inexact = (f"det_cofactor for an integer {_n}x{_n} matrix is not exact: use only +, - and * on the "
                    "entries (no floats; no NumPy arrays, whose integers overflow).")
        assert not isinstance(_got, (float, np.floating, np.integer)), _inexact
        if _n == 1:
            assert _got == _ref, "det_cofactor of a 1 x 1 matrix [[a]] should be a."
            continue
        assert _got == _ref or not np.isclose(float(_got), float(_ref), rtol=1e-6), _inexact
        assert _got == _ref, (f"det_cofactor is not the determinant for an integer {_n}x{_n} matrix. "
                              "Hint: the signs alternate along the row: +, -, +, ... ((-1)**j for column j).")
    _got = det_cofactor(_frac)
    assert not isinstance(_got, (float, np.floating)) and sym_equal(_got, _frac_ref) \
        and not sp.sympify(_got).has(sp.Float), \
        "det_cofactor for a matrix of Fractions should be the exact fraction (a Fraction or a SymPy Rational)."
    _got = det_cofactor(_float.tolist())
    assert np.isclose(float(_got), _float_ref, rtol=1e-9), "det_cofactor is not the determinant for a float 5x5 matrix."
    _got = det_cofactor(_sym)
    assert isinstance(_got, sp.Basic) and sym_is_zero(sp.expand(_got - _sym_ref)), \
        "det_cofactor for a matrix of SymPy symbols should be its determinant, a polynomial in the symbols."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: the determinant of an equicorrelation matrix, for every $n$ (3 points)
#
# A common covariance model gives $n$ variables the same variance and every pair of them the same
# covariance (exchangeable measurements, a random-intercept model). Its matrix is
# $$E_n(a, b) = aI_n + b\,\mathbf{1}\mathbf{1}^\top = \begin{pmatrix} a + b & b & \cdots & b \\ b & a + b & \cdots & b \\
# \vdots & \vdots & \ddots & \vdots \\ b & b & \cdots & a + b \end{pmatrix} \in \mathbb{R}^{n\times n}.$$
#
# 1. Store in `det_E` a closed form of $\det E_n(a, b)$: one SymPy expression in the symbols `a`, `b` and
#    `n` defined below, valid for **every** integer $n \ge 1$ and all real $a$ and $b$ (including $a = 0$).
#    SymPy computes $\det E_n$ for $n = 2, 3, 4$ if you want to look for the pattern, but the answer is
#    checked symbolically, for all $a$, $b$ and $n$, not at a few values.
# 2. The correlation matrix of $n \ge 2$ variables with the same correlation $\rho$ between every pair is
#    $E_n(1 - \rho, \rho)$. Store in `rho_min` the smallest $\rho$ for which it is a valid correlation
#    matrix (positive semidefinite, Section 5), as a SymPy expression in `n`: for every $\rho$ below it the
#    matrix has a negative eigenvalue.

# %% nbgrader={"grade": false, "grade_id": "q4-equicorrelation", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
a, b = sp.symbols("a b", real=True)
n = sp.Symbol("n", integer=True, positive=True)
### BEGIN SOLUTION
# E_n = a I + b 1 1^T: the eigenvalues of 1 1^T are n (eigenvector 1) and 0 (n - 1 times, vectors orthogonal to 1),
# so those of E_n are a + n b once and a (n - 1) times, and det E_n is their product.
det_E = a**(n - 1) * (a + n * b)
# with a = 1 - rho, b = rho: eigenvalues 1 + (n - 1) rho and 1 - rho; both >= 0 for -1/(n - 1) <= rho <= 1
rho_min = -1 / (n - 1)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q4-equicorrelation-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import sym_is_zero

assert isinstance(det_E, sp.Expr), f"det_E should be a SymPy expression, got {type(det_E).__name__}."
assert {str(_s) for _s in det_E.free_symbols} <= {"a", "b", "n"}, "det_E should contain no symbol other than a, b, n."
assert isinstance(rho_min, sp.Expr), f"rho_min should be a SymPy expression, got {type(rho_min).__name__}."
assert {str(_s) for _s in rho_min.free_symbols} <= {"n"}, "rho_min should contain no symbol other than n."
_a, _b = sp.symbols("a b", real=True)
_mine = {_s: {"a": _a, "b": _b}.get(str(_s), _s) for _s in det_E.free_symbols}
_at2 = det_E.xreplace(_mine).subs({_s: 2 for _s in det_E.free_symbols if str(_s) == "n"})
assert sym_is_zero(sp.expand(_at2 - ((_a + _b) ** 2 - _b**2))), "det_E is not the determinant of E_n(a, b) for n = 2."

# %% nbgrader={"grade": true, "grade_id": "q4-equicorrelation-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: det_E against the determinant for n = 1 to 7, at a = 0, and symbolically for every n;
# rho_min symbolically and at n = 2 to 6 (singular, and no negative eigenvalue).
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal, sym_is_zero

_a, _b = sp.symbols("a b", real=True)
_n = sp.Symbol("n", integer=True, positive=True)
_names = {"a": _a, "b": _b, "n": _n}
for _name, _expr, _allowed in (("det_E", det_E, {"a", "b", "n"}), ("rho_min", rho_min, {"n"})):
    assert isinstance(_expr, sp.Expr), f"{_name} should be a SymPy expression, got {type(_expr).__name__}."
    _extra = sorted({str(_s) for _s in _expr.free_symbols} - _allowed)
    assert not _extra, f"{_name} uses the symbol(s) {', '.join(_extra)}; only {', '.join(sorted(_allowed))} may appear."
    assert_exact(_expr, name=_name, hint="use exact numbers (sp.Rational, integers), not floats.")
_det = det_E.xreplace({_s: _names[str(_s)] for _s in det_E.free_symbols})
_rho = rho_min.xreplace({_s: _names[str(_s)] for _s in rho_min.free_symbols})


def _E(_k, _x, _y):
    return _x * sp.eye(_k) + _y * sp.ones(_k, _k)


def _det_E(_k, _x, _y):  # Berkowitz: no division, a fifth of the default's time on these symbolic matrices
    return _E(_k, _x, _y).det(method="berkowitz")


for _k in range(1, 8):
    _ref = _det_E(_k, _a, _b)
    _got = _det.subs(_n, _k)
    assert sym_is_zero(_got - _ref), (
        f"det_E is not the determinant of E_n(a, b) for n = {_k}: a pattern read off from small n must hold "
        "for every n (what are the eigenvalues of the all-ones matrix 1 1^T?).")
for _k in range(1, 6):
    _got = _det.subs(_n, _k).subs(_a, 0)
    assert _got.is_finite is not False and not _got.has(sp.nan, sp.zoo), (
        f"det_E is undefined at a = 0 (n = {_k}): a division by a? The determinant is a polynomial in a and b, "
        "defined for all of them.")
    assert sym_is_zero(_got - _det_E(_k, 0, _b)), f"det_E is wrong at a = 0 for n = {_k}."
assert_sympy_equal(_det, _a ** (_n - 1) * (_a + _n * _b), name="det_E",
                   hint="one formula that holds for every integer n >= 1.")
for _k in range(2, 7):
    _r = sp.nsimplify(_rho.subs(_n, _k))
    assert _r.is_real, f"rho_min is not a real number at n = {_k}."
    _true = sp.Rational(-1, _k - 1)
    assert not (_r < _true), (f"at n = {_k}, rho = rho_min gives a correlation matrix with a negative eigenvalue: "
                              "it is not positive semidefinite, so rho_min is too small.")
    assert not (_r > _true), (f"at n = {_k}, a correlation rho below rho_min still gives a valid (positive "
                              "semidefinite) matrix: rho_min is not the smallest one. At the boundary the matrix "
                              "is singular.")
assert_sympy_equal(_rho, -1 / (_n - 1), name="rho_min", hint="one formula in n that holds for every n >= 2.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: when is a matrix with a parameter singular? (3 points)
#
# Let
# $$A(t) = \begin{pmatrix} t & 1 & 1 \\ 1 & t & 1 \\ 1 & 1 & t \end{pmatrix}.$$
# Using SymPy (exact arithmetic):
#
# 1. store in `det_t` the determinant of $A(t)$, a SymPy expression in the symbol `t` defined below;
# 2. store in `singular_t` a Python `set` (or the SymPy `FiniteSet` that `sp.solveset` returns) of **all**
#    real values of $t$ for which $A(t)$ is singular, as exact numbers (each value once, whatever its
#    multiplicity as a root);
# 3. store in `rank_at` a Python `dict` mapping each of these values to the rank of $A(t)$ at that value
#    (as a Python int).

# %% nbgrader={"grade": false, "grade_id": "q5-singular-parameter", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
t = sp.symbols("t", real=True)
A_t = sp.Matrix([[t, 1, 1], [1, t, 1], [1, 1, t]])
### BEGIN SOLUTION
det_t = A_t.det()
singular_t = set(sp.solve(det_t, t))
rank_at = {value: A_t.subs(t, value).rank() for value in singular_t}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q5-singular-parameter-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_sympy_equal

assert isinstance(det_t, sp.Expr), "det_t should be a SymPy expression in the symbol t."
assert {str(_s) for _s in det_t.free_symbols} <= {"t"}, "det_t should contain no symbol other than t."
assert_sympy_equal(det_t.subs({_s: 0 for _s in det_t.free_symbols}), 2, name="det_t at t = 0")
assert isinstance(singular_t, (set, sp.FiniteSet)), \
    f"singular_t should be a Python set, e.g. {{sp.Integer(3), sp.sqrt(2)}}, not a {type(singular_t).__name__}."
assert isinstance(rank_at, dict), "rank_at should be a Python dict {value: rank}."

# %% nbgrader={"grade": true, "grade_id": "q5-singular-parameter-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: det_t as an expression in t, the exact set of values, and the rank at each of them.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal

_t = sp.Symbol("t", real=True)
assert_sympy_equal(det_t.subs({_s: _t for _s in det_t.free_symbols}), _t**3 - 3 * _t + 2, name="det_t")
assert isinstance(singular_t, (set, sp.FiniteSet)), \
    f"singular_t should be a Python set (each value once), not a {type(singular_t).__name__}."
for _value in singular_t:
    assert_exact(_value, name="each value in singular_t",
                 hint="floating-point roots (np.roots, nsolve) are not exact: solve with SymPy.")
_values = {sp.nsimplify(_v) for _v in singular_t}
assert _values == {sp.Integer(1), sp.Integer(-2)}, \
    "singular_t is not exactly the set of values of t where the determinant is zero (a value is missing or extra)."
_ranks = {sp.nsimplify(_k): _r for _k, _r in rank_at.items()}
assert set(_ranks) == _values, "rank_at should have exactly the values of singular_t as its keys."
for _v, _r in _ranks.items():
    assert _r == sp.Matrix([[_v, 1, 1], [1, _v, 1], [1, 1, _v]]).rank(), \
        f"rank_at[{_v}] is not the rank of A(t) at t = {_v}: a singular matrix need not have rank n - 1."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: diagnose a Gaussian log-likelihood that overflows (4 points)
#
# The rows $x_1, \dots, x_n$ of a data matrix $X \in \mathbb{R}^{n\times d}$ are modelled as independent
# samples from $\mathcal{N}(\mu, \Sigma)$, with total log-likelihood
# $$\ell = \sum_{i=1}^{n} \log \mathcal{N}(x_i \mid \mu, \Sigma)
# = -\frac{n d}{2}\log(2\pi) - \frac{n}{2}\log\det\Sigma - \frac12\sum_{i=1}^{n}(x_i - \mu)^\top\Sigma^{-1}(x_i - \mu).$$
#
# A colleague avoided `np.linalg.det` and `np.linalg.inv`, as Section 7 recommends, and wrote the function
# below (a locked cell; the comments number its lines). It agrees with `scipy.stats` in low dimension,
# but the two examples under it show that for $d = 300$ and variances about 1000 it returns $-\infty$,
# and for $d = 250$ and variances about $10^{-4}$ it returns $+\infty$.
#
# 1. Set `faulty_line` to the number of the line whose result first leaves the range of floating-point
#    numbers (or loses all its digits) in these examples.
# 2. Write `gaussian_loglik(X, mu, Sigma)`, a corrected version: `X` of shape $(n, d)$, `mu` of shape
#    $(d,)$, `Sigma` of shape $(d, d)$ symmetric positive definite; return the total log-likelihood
#    $\ell$ as a single float, accurate in every dimension the hidden tests use ($d$ from 1 to 300), also
#    for an ill-conditioned $\Sigma$ and for a single sample. Do not modify the inputs.

# %% nbgrader={"grade": false, "grade_id": "q6-given", "locked": true, "schema_version": 3, "solution": false, "task": false}
def gaussian_loglik_given(X, mu, Sigma):
    X = np.asarray(X, dtype=float)                                          # line 1
    n, d = X.shape                                                          # line 2
    L = np.linalg.cholesky(Sigma)                                           # line 3: Sigma = L L^T
    Z = scipy.linalg.solve_triangular(L, (X - mu).T, lower=True)            # line 4: columns L^-1 (x_i - mu)
    logdet = 2 * np.log(np.prod(np.diag(L)))                                # line 5: log det Sigma = 2 log det L
    quad = np.sum(Z**2)                                                     # line 6: the sum of the quadratic forms
    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad))    # line 7


_rng6 = np.random.default_rng(46)
for _d, _scale in ((300, 1e3), (250, 1e-4)):
    _Q, _ = np.linalg.qr(_rng6.normal(size=(_d, _d)))
    _Sigma = _scale * (_Q * _rng6.uniform(0.5, 2.0, size=_d)) @ _Q.T      # eigenvalues between 0.5 and 2, scaled
    _mu = np.zeros(_d)
    _X = _rng6.normal(size=(10, _d)) @ np.linalg.cholesky(_Sigma).T
    with np.errstate(all="ignore"):
        print(f"d = {_d}, variances about {_scale}: gaussian_loglik_given = {gaussian_loglik_given(_X, _mu, _Sigma)}")

# %% nbgrader={"grade": false, "grade_id": "q6-diagnose", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
# faulty_line: a line number of gaussian_loglik_given, from 1 to 7
### BEGIN SOLUTION
faulty_line = 5      # the product of 300 diagonal entries of size about 30 overflows (of 250 about 0.01, underflows)
### END SOLUTION


def gaussian_loglik(X, mu, Sigma):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    L = np.linalg.cholesky(Sigma)
    Z = scipy.linalg.solve_triangular(L, (X - mu).T, lower=True)
    logdet = 2 * np.sum(np.log(np.diag(L)))                 # add the logs instead of multiplying the entries
    quad = np.sum(Z**2)
    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
import scipy.stats
from autograder.checks import assert_scalar_close

assert np.size(faulty_line) == 1 and float(np.asarray(faulty_line).reshape(())) in range(1, 8), \
    "faulty_line should be one of the line numbers 1 to 7 of gaussian_loglik_given."
_X = np.array([[1.0, 2.0], [0.0, -1.0], [2.5, 0.5]])
_mu = np.array([1.0, 0.0])
_Sigma = np.array([[2.0, 0.6], [0.6, 1.0]])
_ref = np.sum(scipy.stats.multivariate_normal(_mu, _Sigma).logpdf(_X))
assert_scalar_close(gaussian_loglik(_X.copy(), _mu.copy(), _Sigma.copy()), _ref, rtol=1e-9,
                    name="gaussian_loglik for 3 samples in R^2")

# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line; the corrected function on random data in dimensions 1 to 300, a single
# sample, an ill-conditioned covariance, covariances whose determinant underflows and overflows, and
# the inputs left unchanged.
### BEGIN HIDDEN TESTS
import scipy.linalg


def _spd(_rng, _d, _scale=1.0, _cond=None):
    _Q, _ = np.linalg.qr(_rng.normal(size=(_d, _d)))
    _ev = _rng.uniform(0.5, 2.0, size=_d) if _cond is None else np.geomspace(1.0, 1.0 / _cond, _d)
    return _scale * (_Q * _ev) @ _Q.T


def _reference(_X, _mu, _Sigma):
    _L = np.linalg.cholesky(_Sigma)
    _Z = scipy.linalg.solve_triangular(_L, (_X - _mu).T, lower=True)
    _n, _d = _X.shape
    _logdet = 2 * np.sum(np.log(np.diag(_L)))
    _quad_all = (_X - _mu) @ scipy.linalg.cho_solve((_L, True), (_X - _mu).T)
    return (-0.5 * (_n * _d * np.log(2 * np.pi) + _n * _logdet + np.sum(_Z**2)),
            {"n": _n, "const": 0.5 * _n * _d * np.log(2 * np.pi), "logdet": _logdet, "quad_all": _quad_all})


_rng = np.random.default_rng(4601)
_cases = []
for _n, _d, _scale, _cond, _what in [(40, 3, 1.0, None, "40 samples in R^3"),
                                     (25, 1, 4.0, None, "25 samples in R^1"),
                                     (1, 6, 1.0, None, "a single sample in R^6"),
                                     (30, 8, 1.0, 1e6, "an ill-conditioned covariance (condition number 1e6)"),
                                     (50, 300, 20.0, None, "d = 300, where det(Sigma) overflows"),
                                     (50, 250, 0.01, None, "d = 250, where det(Sigma) underflows"),
                                     (20, 300, 1e3, None, "d = 300 and variances about 1000, where even "
                                                          "sqrt(det(Sigma)) overflows"),
                                     (20, 250, 1e-4, None, "d = 250 and variances about 1e-4, where even "
                                                           "sqrt(det(Sigma)) underflows")]:
    _Sigma = _spd(_rng, _d, _scale, _cond)
    _mu = _rng.normal(size=_d)
    _X = _mu + _rng.normal(size=(_n, _d)) @ np.linalg.cholesky(_Sigma).T
    _cases.append((_X, _mu, _Sigma, _what))

for _X, _mu, _Sigma, _what in _cases:
    _ref, _parts = _reference(_X, _mu, _Sigma)
    _copies = (_X.copy(), _mu.copy(), _Sigma.copy())
    with np.errstate(all="ignore"):
        _got = gaussian_loglik(_X, _mu, _Sigma)
    assert all(np.array_equal(_a, _b) for _a, _b in zip((_X, _mu, _Sigma), _copies)), \
        "gaussian_loglik changed one of its inputs; work on copies."
    assert np.size(_got) == 1, (f"gaussian_loglik should return a single number (the sum over all samples), "
                                f"but it returned shape {np.shape(_got)}.")
    _got = float(np.asarray(_got).reshape(()))
    assert np.isfinite(_got), (f"gaussian_loglik for {_what} is infinite or NaN: a product of many factors "
                               "(a determinant, or the product of a diagonal) overflows or underflows there; "
                               "add logarithms instead of multiplying.")
    _tol = 1e-7 * (abs(_ref) + _parts["const"] + abs(_parts["n"] * _parts["logdet"]) + 1.0)
    if abs(_got - _ref) <= _tol:
        continue
    _n = _parts["n"]
    if _n > 1 and abs(_got - _ref / _n) <= _tol:
        raise AssertionError(f"gaussian_loglik for {_what} looks like the average over the samples; "
                             "return the sum.")
    if abs(_got - (_ref + _parts["const"])) <= _tol:
        raise AssertionError(f"gaussian_loglik for {_what} misses the constant term -(n d / 2) log(2 pi).")
    if abs(_got - (_ref + 0.5 * _n * _parts["logdet"])) <= _tol or abs(_got - (_ref + 0.5 * (_n - 1) * _parts["logdet"])) <= _tol:
        raise AssertionError(f"gaussian_loglik for {_what}: the log-determinant term should be "
                             "-(n / 2) log det(Sigma), once per sample.")
    if _n > 1 and abs(_got - (_ref + 0.5 * np.trace(_parts["quad_all"]) - 0.5 * np.sum(_parts["quad_all"]))) <= _tol:
        raise AssertionError(f"gaussian_loglik for {_what}: the quadratic term sums all entries of "
                             "D Sigma^-1 D^T, including products of different samples; only its diagonal "
                             "(x_i - mu)^T Sigma^-1 (x_i - mu) belongs in the sum.")
    raise AssertionError(f"gaussian_loglik for {_what} is not the expected log-likelihood.")
_line = float(np.asarray(faulty_line, dtype=float).reshape(()))
assert _line == 5, (f"faulty_line = {faulty_line} is not the line whose result first leaves the floating-point "
                    "range. Hint: print the intermediate results of gaussian_loglik_given for d = 300, line by line.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: the log-determinant of a stack of layers (3 points)
#
# A normalizing flow (see Section 7 of the lecture) maps $z \mapsto x = W_K \cdots W_2 W_1 z$ with $K$ invertible
# linear layers $W_1, \dots, W_K$ (square, all $n\times n$), and needs $\log|\det(W_K\cdots W_1)|$. With
# hundreds of layers the product matrix over- or underflows, and even when it does not, it is so badly
# conditioned that its determinant cannot be computed from it.
#
# Write `stack_slogdet(Ws)` that returns the pair `(sign, logabsdet)` of the product $W_K\cdots W_1$, like
# `np.linalg.slogdet` would return it if the product could be computed exactly, **without forming the
# product**. `Ws` is a list of $K \ge 1$ square 2-D arrays of the same size, or a 3-D array of shape
# $(K, n, n)$. Return two floats: `sign` is $1.0$ or $-1.0$, and if any layer is singular return
# `(0.0, -np.inf)` (as `np.linalg.slogdet` does for a singular matrix). Do not modify `Ws`.

# %% nbgrader={"grade": false, "grade_id": "q7-stack-slogdet", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def stack_slogdet(Ws):
    ### BEGIN SOLUTION
    signs, logdets = np.linalg.slogdet(np.asarray(Ws, dtype=float))   # one (sign, log|det|) per layer
    if np.any(signs == 0):
        return 0.0, -np.inf
    return float(np.prod(signs)), float(np.sum(logdets))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-stack-slogdet-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

_W1 = np.array([[2.0, 1.0], [0.0, 3.0]])
_W2 = np.array([[0.0, 1.0], [1.0, 0.0]])
_out = stack_slogdet([_W1, _W2])
assert len(_out) == 2, "stack_slogdet should return a pair (sign, logabsdet)."
assert_scalar_close(_out[0], -1.0, name="the sign for the layers W1, W2")
assert_scalar_close(_out[1], np.log(6.0), name="log|det| for the layers W1, W2")

# %% nbgrader={"grade": true, "grade_id": "q7-stack-slogdet-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: a single layer, hundreds of layers (the product overflows, or underflows), both signs,
# a 3-D array input, a singular layer, Ws left unchanged.
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(4701)
_cases = [(_rng.normal(size=(1, 4, 4)), "a single layer"),
          (_rng.normal(size=(300, 6, 6)) * 3.0, "300 layers of size 6 (the product blows up)"),
          (_rng.normal(size=(301, 6, 6)) * 3.0, "301 layers of size 6 (the product blows up)"),
          (_rng.normal(size=(400, 5, 5)) * 0.05, "400 small layers (the product underflows)"),
          (np.array([np.linalg.qr(_rng.normal(size=(3, 3)))[0] for _ in range(7)]), "7 orthogonal layers")]
for _i in (0, 2, 4):
    _cases[_i][0][0, 0] *= -1.0      # flip a row of the first layer: the total sign flips
for _Ws, _what in _cases:
    _s, _l = np.linalg.slogdet(_Ws)
    _ref_sign, _ref_log = float(np.prod(_s)), float(np.sum(_l))
    for _input, _kind in [(list(_Ws), "a list"), (_Ws, "a 3-D array")]:
        _copy = np.array(_Ws)
        _out = stack_slogdet(_input)
        assert np.array_equal(np.array(_Ws), _copy), "stack_slogdet changed its input; work on copies."
        assert len(_out) == 2, "stack_slogdet should return a pair (sign, logabsdet)."
        _sign, _log = (float(np.asarray(_v).reshape(())) for _v in _out)
        assert np.isfinite(_log), (f"log|det| for {_what} (given as {_kind}) is not finite: the product "
                                   "overflows. Do not form it; use the product rule det(AB) = det(A) det(B).")
        assert np.isclose(_log, _ref_log, rtol=1e-9, atol=1e-9), (
            f"log|det| for {_what} (given as {_kind}) is not the expected value: do not form the product; "
            "use the product rule det(AB) = det(A) det(B), i.e. add the log|det| of the layers.")
        assert _sign == _ref_sign, (f"the sign for {_what} (given as {_kind}) is wrong: the sign of a product "
                                    "is the product of the signs.")
_Ws = _rng.normal(size=(5, 4, 4))
_Ws[2, 1] = 0.0                      # layer 2 has a zero row
_sign, _log = stack_slogdet(_Ws)
assert float(_sign) == 0.0 and _log == -np.inf, \
    "for a stack with a singular layer, stack_slogdet should return (0.0, -inf)."
### END HIDDEN TESTS
