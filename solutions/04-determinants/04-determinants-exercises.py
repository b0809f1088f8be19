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
# # Chapter 04 exercises: determinants
#
# Seven questions on volumes, computing determinants (elimination and cofactor expansion), symbolic
# determinants, the characteristic polynomial and log-determinants in ML. Each question has a **visible
# test** you can run now and **hidden tests** that run when your notebook is graded (on other inputs,
# including edge cases), so make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/04-determinants/04-determinants-exercises.ipynb`.
#
# Read chapter 04 (`course/04-determinants.ipynb`) first.

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
# Write `det_gauss(A)` that computes $\det A$ by Gaussian elimination **with partial pivoting**:
#
# * for each column $k = 0, 1, \dots, n-1$: among rows $k, \dots, n-1$, find the row $p$ whose entry in
#   column $k$ has the **largest absolute value**;
#   if that entry is 0, the matrix is singular: return `0.0` (do not divide by zero);
#   if $p \ne k$, swap rows $p$ and $k$ and remember that a swap multiplies the determinant by $-1$;
# * subtract multiples of row $k$ from the rows below it to make their entries in column $k$ zero;
# * at the end, $\det A = (\pm 1)\cdot$ the product of the diagonal of the triangular matrix.
#
# `A` is a square list of lists or 2-D NumPy array of real numbers (ints or floats), $n \ge 1$. Do not
# modify `A`: work on a **float copy**. Return a single float. Implement it yourself: **no library
# determinant, factorization or eigenvalue routine** (a determinant is also the product of the
# eigenvalues): `np.linalg.det`, `slogdet`, `eig`, `eigvals`, any function of `scipy.linalg`, SymPy's
# `det`, `charpoly` or `eigenvals`; the hidden tests watch the calls your function makes.

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
# unchanged, and the library determinants, LU and eigenvalues blocked.
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
# (`np.linalg.det`, `slogdet`, `eig`, any function of `scipy.linalg`, SymPy's `det`, `charpoly` or
# `eigenvals`); the hidden tests watch the calls your function makes.

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
# ## Question 4: the characteristic polynomial with SymPy (3 points)
#
# Write `char_poly(M, lam)` that returns the characteristic polynomial
# $$p_M(\lambda) = \det(\lambda I - M)$$
# of a square SymPy matrix `M` ($n \ge 1$; entries integers, rationals or symbols) as a SymPy
# **expression** in the symbol `lam` that is passed in (not a `Poly`: if you use `M.charpoly`, convert its
# result with `.as_expr()`). Use this convention, $\det(\lambda I - M)$, whose leading coefficient is $+1$ —
# not $\det(M - \lambda I)$, which differs from it by the factor $(-1)^n$. Any equivalent form
# (expanded, factored, ...) is accepted. Do not modify `M`.

# %% nbgrader={"grade": false, "grade_id": "q4-char-poly", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def char_poly(M, lam):
    ### BEGIN SOLUTION
    M = sp.Matrix(M)
    return (lam * sp.eye(M.rows) - M).det()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-char-poly-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_sympy_equal

_lam = sp.Symbol("lam")
_p = char_poly(sp.Matrix([[2, 1], [1, 2]]), _lam)
assert isinstance(_p, sp.Expr), f"char_poly should return a SymPy expression, got {type(_p).__name__}."
assert _p.free_symbols <= {_lam}, (f"char_poly uses the symbol(s) {', '.join(sorted(map(str, _p.free_symbols - {_lam})))}: "
                                   "build the polynomial in the symbol lam that is passed to the function.")
assert_sympy_equal(_p, _lam**2 - 4 * _lam + 3, name="char_poly([[2, 1], [1, 2]], lam)")

# %% nbgrader={"grade": true, "grade_id": "q4-char-poly-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random integer matrices of sizes 1 to 5 (odd sizes catch the other sign convention),
# symmetric, singular and triangular matrices, rational and symbolic entries, another symbol name,
# M left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, sym_is_zero

_rng = np.random.default_rng(4401)
_a = sp.Symbol("a")
_cases = [sp.Matrix([[5]])]
for _n in (2, 3, 4, 5):
    _cases.append(sp.Matrix(_rng.integers(-5, 6, size=(_n, _n)).tolist()))
_B = sp.Matrix(_rng.integers(-4, 5, size=(3, 3)).tolist())
_cases += [_B + _B.T,                                                    # symmetric
           sp.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]),                 # singular
           sp.Matrix([[2, 1, 0], [0, 2, 1], [0, 0, 2]]),                 # triangular, triple eigenvalue
           sp.Matrix([[sp.Rational(1, 2), 1, 0], [0, 1, sp.Rational(-1, 3)], [1, 0, 2]]),
           sp.Matrix([[0, 1, 0], [0, 0, 1], [_a, 0, 0]])]                # a symbolic entry
for _sym in (sp.Symbol("lam"), sp.Symbol("x")):
    for _M in _cases:
        _n = _M.rows
        _ref = sp.expand((_sym * sp.eye(_n) - _M).det())
        _copy = _M.copy()
        _p = char_poly(_M, _sym)
        assert _M == _copy, "char_poly changed its input M."
        if isinstance(_p, sp.Poly):
            _p = _p.as_expr()
        assert isinstance(_p, sp.Expr), f"char_poly should return a SymPy expression, got {type(_p).__name__}."
        _extra = sorted(str(s) for s in _p.free_symbols - _ref.free_symbols)
        assert not _extra, (f"char_poly uses the symbol(s) {', '.join(_extra)}: build the polynomial in the symbol "
                            "lam that is passed to the function.")
        if _n % 2 == 1 and sym_is_zero(sp.expand(_p + _ref)):
            raise AssertionError(f"char_poly for a {_n}x{_n} matrix has the wrong sign convention: the question asks "
                                 "for det(lam*I - M) (leading coefficient +1), not det(M - lam*I).")
        _deg = sp.degree(sp.expand(_p), _sym)
        assert _deg == _n, (f"char_poly for a {_n}x{_n} matrix should have degree {_n} in lam, but it has degree "
                            f"{_deg} (a repeated eigenvalue counted once?).")
        assert_sympy_equal(_p, _ref, name=f"char_poly for a {_n}x{_n} matrix")
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

# %% nbgrader={"grade": false, "grade_id": "q5-singular-parameter", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
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
# ## Question 6: the log-likelihood of a Gaussian model (4 points)
#
# The rows $x_1, \dots, x_n$ of a data matrix $X \in \mathbb{R}^{n\times d}$ are modelled as independent
# samples from $\mathcal{N}(\mu, \Sigma)$. Write `gaussian_loglik(X, mu, Sigma)` that returns the total
# log-likelihood, a single float:
# $$\ell = \sum_{i=1}^{n} \log \mathcal{N}(x_i \mid \mu, \Sigma)
# = -\frac{n d}{2}\log(2\pi) - \frac{n}{2}\log\det\Sigma - \frac12\sum_{i=1}^{n}(x_i - \mu)^\top\Sigma^{-1}(x_i - \mu).$$
#
# * `X` has shape $(n, d)$, `mu` shape $(d,)$, `Sigma` shape $(d, d)$ is symmetric positive definite; do
#   not modify them.
# * It must work in high dimension, where $\det\Sigma$ underflows to 0 or overflows to `inf`: compute
#   $\log\det\Sigma$ with `np.linalg.slogdet` (or a Cholesky factor), never as `np.log(np.linalg.det(...))`.
# * For the quadratic terms, **solve** linear systems (one `np.linalg.solve` with all the $x_i - \mu$ as
#   right-hand sides is enough); forming the inverse is **not allowed**, by any route: `np.linalg.inv`,
#   `np.linalg.pinv`, `scipy.linalg.inv`, `pinv` and `pinvh`, a solve against the identity matrix, or
#   a negative `matrix_power` (the hidden tests watch the calls your function makes).

# %% nbgrader={"grade": false, "grade_id": "q6-gaussian-loglik", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def gaussian_loglik(X, mu, Sigma):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    D = X - mu                                         # (n, d): one centred sample per row
    sign, logdet = np.linalg.slogdet(Sigma)
    quad = np.sum(D * np.linalg.solve(Sigma, D.T).T)   # sum_i (x_i - mu)^T Sigma^{-1} (x_i - mu)
    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-gaussian-loglik-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
import scipy.stats
from autograder.checks import assert_scalar_close

_X = np.array([[1.0, 2.0], [0.0, -1.0], [2.5, 0.5]])
_mu = np.array([1.0, 0.0])
_Sigma = np.array([[2.0, 0.6], [0.6, 1.0]])
_ref = np.sum(scipy.stats.multivariate_normal(_mu, _Sigma).logpdf(_X))
assert_scalar_close(gaussian_loglik(_X.copy(), _mu.copy(), _Sigma.copy()), _ref, rtol=1e-9,
                    name="gaussian_loglik for 3 samples in R^2")

# %% nbgrader={"grade": true, "grade_id": "q6-gaussian-loglik-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random data in dimensions 1 to 300, a single sample, an ill-conditioned covariance,
# covariances whose determinant underflows and overflows, inputs left unchanged, inverses blocked.
### BEGIN HIDDEN TESTS
import scipy.linalg
from autograder import calls
from autograder.checks import forbid_calls


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
                                     (50, 250, 0.01, None, "d = 250, where det(Sigma) underflows")]:
    _Sigma = _spd(_rng, _d, _scale, _cond)
    _mu = _rng.normal(size=_d)
    _X = _mu + _rng.normal(size=(_n, _d)) @ np.linalg.cholesky(_Sigma).T
    _cases.append((_X, _mu, _Sigma, _what))

_why = "solve a linear system instead of forming the inverse"
with forbid_calls(calls.INVERSE, reason=_why, func=gaussian_loglik):
    for _X, _mu, _Sigma, _what in _cases:
        _ref, _parts = _reference(_X, _mu, _Sigma)
        _copies = (_X.copy(), _mu.copy(), _Sigma.copy())
        _got = gaussian_loglik(_X, _mu, _Sigma)
        assert all(np.array_equal(_a, _b) for _a, _b in zip((_X, _mu, _Sigma), _copies)), \
            "gaussian_loglik changed one of its inputs; work on copies."
        assert np.size(_got) == 1, (f"gaussian_loglik should return a single number (the sum over all samples), "
                                    f"but it returned shape {np.shape(_got)}.")
        _got = float(np.asarray(_got).reshape(()))
        assert np.isfinite(_got), (f"gaussian_loglik for {_what} is infinite or NaN: did det(Sigma) overflow or "
                                   "underflow? Use np.linalg.slogdet for the log-determinant.")
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
