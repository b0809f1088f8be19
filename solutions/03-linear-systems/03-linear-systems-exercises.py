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
# # Chapter 03 exercises: inversion and linear systems
#
# Seven questions: triangular solves, the LU factorization, reusing a factorization, an exact
# Hilbert system with SymPy, residual versus error, and least-squares regression. Each question has
# a **visible test** you can run now and **hidden tests** that run when your notebook is graded (on
# other inputs, including edge cases), so make your functions work for any valid input, not only for
# the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal:
#   `python -m autograder check exercises/03-linear-systems/03-linear-systems-exercises.ipynb`.
#
# Read chapter 03 (`course/03-linear-systems.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.linalg
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: forward substitution (3 points)
#
# Write `forward_substitution(L, b)` that solves $L\mathbf{x} = \mathbf{b}$ for a square
# **lower-triangular** matrix $L$ (shape $(n, n)$) with non-zero diagonal entries (not necessarily
# ones), and a right-hand side $\mathbf{b}$ of length $n$:
# $$x_i = \frac{1}{\ell_{ii}}\Bigl(b_i - \sum_{j<i} \ell_{ij}x_j\Bigr), \qquad i = 1, 2, \dots, n.$$
#
# * `L` and `b` may be NumPy arrays or nested lists, with integer or float entries.
# * Return a new 1-D **float** array of shape `(n,)`; do not modify `L` or `b`.
# * Implement it yourself: **no solver or inverse from `np.linalg`** (`solve`, `inv`, `pinv`, `lstsq`,
#   `tensorsolve`, `tensorinv`) and **no function of `scipy.linalg` or `scipy.sparse.linalg`** (such as
#   `solve_triangular` or `spsolve_triangular`): the hidden tests watch the calls your function makes,
#   under whatever name.

# %% nbgrader={"grade": false, "grade_id": "q1-forward", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def forward_substitution(L, b):
    ### BEGIN SOLUTION
    L = np.asarray(L, dtype=float)
    b = np.asarray(b, dtype=float)
    n = L.shape[0]
    x = np.zeros(n)
    for i in range(n):
        x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]
    return x
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-forward-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_L = np.array([[2.0, 0.0, 0.0],
               [1.0, 3.0, 0.0],
               [-1.0, 2.0, 4.0]])
assert_close(forward_substitution(_L, np.array([2.0, 7.0, 15.0])), np.array([1.0, 2.0, 3.0]),
             name="forward_substitution(L, b)", hint="divide by the diagonal entry l_ii in every row.")

# %% nbgrader={"grade": true, "grade_id": "q1-forward-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random lower-triangular systems of sizes 1 to 40, a unit diagonal, integer list input,
# the inputs left unchanged, and the library solvers blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, assert_solves, forbid_calls

_rng = np.random.default_rng(3101)
_why = "implement forward substitution yourself"
with forbid_calls(calls.NUMPY_SOLVERS, calls.SCIPY_LINALG, calls.SCIPY_SPARSE_LINALG, reason=_why,
                  func=forward_substitution):
    for _n in (1, 2, 6, 40):
        _L = np.tril(_rng.normal(size=(_n, _n)))
        np.fill_diagonal(_L, _rng.choice([-1.0, 1.0], size=_n) * _rng.uniform(1.0, 3.0, size=_n))
        _b = _rng.normal(size=_n) * 10
        _Lc, _bc = _L.copy(), _b.copy()
        _x = forward_substitution(_L, _b)
        assert np.array_equal(_L, _Lc) and np.array_equal(_b, _bc), \
            "forward_substitution changed its input L or b; work on copies."
        assert_solves(_L, _x, _b, tol=1e-10, name=f"forward_substitution(L, b) for n = {_n}",
                      hint="x_i = (b_i - sum over j < i of l_ij x_j) / l_ii, for i in increasing order.")
    _L = np.tril(_rng.normal(size=(5, 5)), -1) + np.eye(5)  # unit lower triangular, as in an LU factorization
    _b = _rng.normal(size=5)
    assert_solves(_L, forward_substitution(_L.copy(), _b.copy()), _b, tol=1e-10,
                  name="forward_substitution with a unit diagonal")
    assert_close(forward_substitution([[1, 0], [3, 2]], [1, 4]), np.array([1.0, 0.5]),
                 name="forward_substitution([[1, 0], [3, 2]], [1, 4]) (integer lists)",
                 hint="with integer input, make x a float array (np.zeros(n)), not np.zeros_like(b).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: back substitution (3 points)
#
# Write `back_substitution(U, b)` that solves $U\mathbf{x} = \mathbf{b}$ for a square
# **upper-triangular** $U$ (shape $(n, n)$) and $\mathbf{b}$ of length $n$, from the last unknown to
# the first:
# $$x_i = \frac{1}{u_{ii}}\Bigl(b_i - \sum_{j>i} u_{ij}x_j\Bigr), \qquad i = n, n-1, \dots, 1.$$
#
# * Inputs as in Question 1 (arrays or lists); return a new 1-D float array of shape `(n,)`; do not
#   modify `U` or `b`.
# * If any diagonal entry of `U` is exactly `0`, the system has no unique solution: raise a `ValueError`
#   (check before dividing).
# * The same library calls as in Question 1 are **not allowed**.

# %% nbgrader={"grade": false, "grade_id": "q2-back", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def back_substitution(U, b):
    ### BEGIN SOLUTION
    U = np.asarray(U, dtype=float)
    b = np.asarray(b, dtype=float)
    n = U.shape[0]
    if np.any(np.diag(U) == 0):
        raise ValueError("U has a zero on its diagonal: the system has no unique solution")
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-back-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_U = np.array([[2.0, 1.0, 1.0],
               [0.0, -8.0, -2.0],
               [0.0, 0.0, 1.0]])
assert_close(back_substitution(_U, np.array([5.0, -12.0, 2.0])), np.array([1.0, 1.0, 2.0]),
             name="back_substitution(U, b)", hint="start with the last unknown, x_n = b_n / u_nn.")

# %% nbgrader={"grade": true, "grade_id": "q2-back-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random upper-triangular systems of sizes 1 to 40, list input, the inputs left unchanged,
# zero diagonal entries (ValueError), and the library solvers blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, assert_raises, assert_solves, forbid_calls

_rng = np.random.default_rng(3201)
_why = "implement back substitution yourself"
with forbid_calls(calls.NUMPY_SOLVERS, calls.SCIPY_LINALG, calls.SCIPY_SPARSE_LINALG, reason=_why,
                  func=back_substitution):
    for _n in (1, 3, 7, 40):
        _U = np.triu(_rng.normal(size=(_n, _n)))
        np.fill_diagonal(_U, _rng.choice([-1.0, 1.0], size=_n) * _rng.uniform(1.0, 3.0, size=_n))
        _b = _rng.normal(size=_n) * 10
        _Uc, _bc = _U.copy(), _b.copy()
        _x = back_substitution(_U, _b)
        assert np.array_equal(_U, _Uc) and np.array_equal(_b, _bc), \
            "back_substitution changed its input U or b; work on copies."
        assert_solves(_U, _x, _b, tol=1e-10, name=f"back_substitution(U, b) for n = {_n}",
                      hint="go from the last row up to the first (row 0 included), using the unknowns "
                           "already found.")
    assert_close(back_substitution([[1, 2], [0, 4]], [4, 2]), np.array([3.0, 0.5]),
                 name="back_substitution([[1, 2], [0, 4]], [4, 2]) (integer lists)",
                 hint="with integer input, make x a float array (np.zeros(n)), not np.zeros_like(b).")
    for _Z in (np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 1.0], [0.0, 0.0, 2.0]]),
               np.array([[1.0, 2.0], [0.0, 0.0]]), np.zeros((1, 1))):
        with np.errstate(all="ignore"):
            assert_raises(ValueError, back_substitution, _Z, np.ones(len(_Z)),
                          call="back_substitution(U, b) for a U with a 0 on its diagonal")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: LU factorization without pivoting (4 points)
#
# Write `lu_nopivot(A)` that performs Gaussian elimination **without row exchanges** on a square
# matrix `A` and returns a tuple `(L, U)` of float arrays of shape $(n, n)$ with
#
# * `L` unit lower triangular (ones on the diagonal, the multipliers $\ell_{ik}$ below it),
# * `U` upper triangular (zeros below the diagonal), and
# * `L @ U` equal to `A` (up to rounding).
#
# For $k = 1, \dots, n-1$ and every row $i > k$: $\ell_{ik} = u_{ik}/u_{kk}$, then
# $\text{row}_i(U) \leftarrow \text{row}_i(U) - \ell_{ik}\,\text{row}_k(U)$, starting from $U = A$.
#
# * `A` may be an array or a nested list; do not modify it (work on a float copy).
# * If elimination has to divide by a pivot $u_{kk}$ that is exactly `0` (this can happen at any
#   step, not only at $a_{11}$), raise a `ValueError`. The last pivot $u_{nn}$ is never divided by:
#   a matrix whose only zero pivot is the last one still has an LU factorization (with $u_{nn} = 0$),
#   which you should return.
# * Implement it yourself: **no function of `scipy.linalg`** (`lu`, `lu_factor`, ...) and no solver or
#   inverse from `np.linalg`; the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q3-lu", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def lu_nopivot(A):
    ### BEGIN SOLUTION
    U = np.array(A, dtype=float)  # a copy
    n = U.shape[0]
    L = np.eye(n)
    for k in range(n - 1):
        if U[k, k] == 0:
            raise ValueError(f"zero pivot at step {k + 1}: LU without pivoting does not exist")
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    return L, U
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-lu-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_triangular

_A = np.array([[2.0, 1.0, 1.0],
               [4.0, -6.0, 0.0],
               [-2.0, 7.0, 2.0]])
_L, _U = lu_nopivot(_A.copy())
assert_triangular(_L, lower=True, unit_diagonal=True, name="L")
assert_triangular(_U, name="U")
assert_close(np.asarray(_L, dtype=float) @ np.asarray(_U, dtype=float), _A, name="L @ U",
             hint="L @ U should give back A.")

# %% nbgrader={"grade": true, "grade_id": "q3-lu-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: diagonally dominant and symmetric positive definite matrices of sizes 1 to 25, list input,
# A left unchanged, zero pivots at the first and at a later step (ValueError), a singular matrix whose
# only zero pivot is the last one, and the library LU blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, assert_raises, assert_triangular, forbid_calls


def _lu_reference(A):
    U = np.array(A, dtype=float)
    n = len(U)
    L = np.eye(n)
    for k in range(n - 1):
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
        U[k + 1:, k] = 0.0
    return L, U


_rng = np.random.default_rng(3301)
_cases = []
for _n in (1, 4, 9, 25):
    _D = _rng.normal(size=(_n, _n))
    _D += np.diag(np.sign(_rng.normal(size=_n)) * (np.abs(_D).sum(axis=1) + 1.0))  # diagonally dominant
    _cases.append(_D)
_B = _rng.normal(size=(6, 6))
_cases.append(_B @ _B.T + 6 * np.eye(6))  # symmetric positive definite
_cases.append(np.array([[1.0, 1.0], [1.0, 1.0]]))  # singular, only the last pivot is 0

_why = "implement the elimination yourself"
with forbid_calls(calls.SCIPY_LINALG, calls.NUMPY_SOLVERS, reason=_why, func=lu_nopivot):
    for _A in _cases:
        _Ac = _A.copy()
        try:
            _out = lu_nopivot(_A)
        except ValueError:
            raise AssertionError(f"lu_nopivot raised ValueError for a {len(_A)}x{len(_A)} matrix whose elimination "
                                 "never divides by 0: only pivots u_kk with k < n are divided by; the last pivot "
                                 "may be 0.") from None
        assert isinstance(_out, tuple) and len(_out) == 2, "lu_nopivot(A) should return a tuple (L, U)."
        _L, _U = (np.asarray(_m, dtype=float) for _m in _out)
        _name = f"for A of shape {_A.shape}"
        assert np.array_equal(_A, _Ac), "lu_nopivot changed its input A; work on a copy."
        assert_triangular(_L, lower=True, unit_diagonal=True, name=f"L {_name}")
        assert_triangular(_U, name=f"U {_name}",
                          hint="U must have zeros below the diagonal; the multipliers belong in L.")
        _Lr, _Ur = _lu_reference(_A)
        _scale = np.abs(_A).max()
        assert_close(_L @ _U, _A, rtol=1e-9, atol=1e-12 * _scale, name=f"L @ U {_name}",
                     hint="subtract l_ik times the current row k of U from row i, for every i > k.")
        assert_close(_L, _Lr, rtol=1e-8, atol=1e-10, name=f"L {_name}")
        assert_close(_U, _Ur, rtol=1e-8, atol=1e-10 * _scale, name=f"U {_name}")
    _L, _U = lu_nopivot([[4, 3], [6, 3]])
    assert_close(np.asarray(_L, dtype=float), np.array([[1.0, 0.0], [1.5, 1.0]]),
                 name="L for A = [[4, 3], [6, 3]] (an integer list)",
                 hint="with integer input, work on a float copy: np.array(A, dtype=float).")
    for _Z in (np.array([[0.0, 1.0], [1.0, 1.0]]),
               np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 5.0], [1.0, 3.0, 4.0]])):
        with np.errstate(all="ignore"):
            assert_raises(ValueError, lu_nopivot, _Z,
                          call=f"lu_nopivot(A) for a {len(_Z)}x{len(_Z)} A with a 0 pivot",
                          hint="check the pivot u_kk of the current U at every step.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: factor once, solve many times (3 points)
#
# Write `make_solver(A)` for a square invertible matrix `A`. It must **factor `A` once** and return a
# function `solve(b)` that solves $A\mathbf{x} = \mathbf{b}$ with the stored factorization. `b` may be
# 1-D of length $n$ or 2-D of shape $(n, k)$ ($k$ right-hand sides as columns); `solve(b)` returns an
# array of the same shape. Use `scipy.linalg.lu_factor` in `make_solver` and `scipy.linalg.lu_solve`
# in `solve`.
#
# * Each call of `solve` must reuse the factorization: inside it, no solver, inverse or factorization
#   from `np.linalg` and no function of `scipy.linalg` other than `lu_solve`, `solve_triangular` and
#   `cho_solve` (the others would refactor $A$, $O(n^3)$ work, every time).
# * Do not compute the inverse of `A` in `make_solver` either, by any route (`inv`, `pinv`, a solve
#   against the identity matrix, a negative `matrix_power`): the hidden tests include an ill-conditioned
#   `A`, on which $A^{-1}\mathbf{b}$ has a much larger residual than an LU solve. The hidden tests watch
#   the calls your functions make.
# * `A` may be an array or a nested list; do not modify it.

# %% nbgrader={"grade": false, "grade_id": "q4-solver", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def make_solver(A):
    ### BEGIN SOLUTION
    lu_piv = scipy.linalg.lu_factor(np.asarray(A, dtype=float))

    def solve(b):
        return scipy.linalg.lu_solve(lu_piv, np.asarray(b, dtype=float))

    return solve
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-solver-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_solves

_A = np.array([[4.0, 3.0], [6.0, 3.0]])
_solve = make_solver(_A.copy())
assert callable(_solve), "make_solver(A) should return a function."
assert_solves(_A, _solve(np.array([10.0, 12.0])), np.array([10.0, 12.0]), name="solve([10, 12])")
assert_solves(_A, _solve(np.array([[1.0, 0.0], [0.0, 1.0]])), np.eye(2), name="solve(B) for a 2x2 B")

# %% nbgrader={"grade": true, "grade_id": "q4-solver-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random matrices of sizes 1 to 30, one that needs row exchanges, an ill-conditioned one
# (cond 1e12), 1-D and 2-D right-hand sides, A left unchanged, and refactoring or inverting blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_shape, assert_solves, forbid_calls

_rng = np.random.default_rng(3401)


def _with_condition_number(n, kappa):
    _Q1, _ = np.linalg.qr(_rng.normal(size=(n, n)))
    _Q2, _ = np.linalg.qr(_rng.normal(size=(n, n)))
    return _Q1 @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ _Q2.T


_cases = [_rng.normal(size=(1, 1)) + 2.0, _rng.normal(size=(4, 4)), _rng.normal(size=(30, 30)),
          np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [4.0, -3.0, 8.0]]), _with_condition_number(25, 1e12)]
_hint = ("scipy.linalg.lu returns A = P @ L @ U, so the triangular solves need P.T @ b; "
         "lu_factor / lu_solve handle the row exchanges for you.")
for _A in _cases:
    _n = len(_A)
    _Ac = _A.copy()
    with forbid_calls(calls.INVERSE, reason="do not compute the inverse of A", func=make_solver):
        _solve = make_solver(_A)
    assert np.array_equal(_A, _Ac), "make_solver changed its input A (overwrite_a?); leave A as it is."
    _why = "solve(b) must reuse the factorization stored by make_solver"
    with forbid_calls(calls.DENSE_SOLVERS, calls.INVERSE, reason=_why, func=_solve,
                      allow=("scipy.linalg:lu_solve,solve_triangular,cho_solve",)):
        # right-hand sides b = A x for random x: typical data, on which A^-1 b loses accuracy
        for _b in (_A @ _rng.normal(size=_n), _A @ _rng.normal(size=(_n, 3))):
            _x = np.asarray(_solve(_b.copy()), dtype=float)
            assert_shape(_x, _b.shape, name=f"solve(b) for b of shape {_b.shape}")
            _r = np.linalg.norm(_Ac @ _x - _b)
            if _r > 1e-10 * (np.linalg.norm(_Ac, 2) * np.linalg.norm(_x) + np.linalg.norm(_b)) and \
                    np.linalg.norm(_Ac.T @ _x - _b) <= 1e-8 * (np.linalg.norm(_Ac, 2) * np.linalg.norm(_x)
                                                             + np.linalg.norm(_b)):
                raise AssertionError("solve(b) solves the transposed system A^T x = b, not A x = b "
                                     "(check the trans argument of lu_solve).")
            if _n == 25:
                _hint = ("this A is ill-conditioned: A^-1 @ b has a large residual even when A^-1 is computed "
                         "with lu_solve; solve each b with the stored LU factors instead.")
            assert_solves(_Ac, _x, _b, tol=1e-10, name=f"solve(b) for a {_n}x{_n} A and b of shape {_b.shape}",
                          hint=_hint)
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: an exact Hilbert system with SymPy (3 points)
#
# The $5 \times 5$ Hilbert matrix has entries $(H_5)_{ij} = \dfrac{1}{i + j - 1}$ for
# $i, j = 1, \dots, 5$ (so its top-left entry is 1). Its condition number is about $4.8 \times 10^5$.
#
# 1. Store $H_5$ in `H5` as a SymPy matrix with **exact rational** entries (`sp.Rational`, not
#    Python floats: `1/3` is a float in Python).
# 2. Store the exact solution of $H_5\mathbf{x} = \mathbf{b}$ for the all-ones vector `b5` below in
#    `x_exact`, a SymPy column matrix of shape (5, 1) with exact entries.

# %% nbgrader={"grade": false, "grade_id": "q5-hilbert", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
b5 = sp.ones(5, 1)
### BEGIN SOLUTION
H5 = sp.Matrix(5, 5, lambda i, j: sp.Rational(1, i + j + 1))
x_exact = H5.LUsolve(b5)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q5-hilbert-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

assert isinstance(H5, sp.MatrixBase) and H5.shape == (5, 5), "H5 should be a 5x5 SymPy Matrix."
assert_exact(H5, name="H5")
assert isinstance(x_exact, sp.MatrixBase), "x_exact should be a SymPy Matrix."
assert x_exact.shape == (5, 1), f"x_exact should have shape (5, 1), but it has shape {x_exact.shape}."
assert_exact(x_exact, name="x_exact")

# %% nbgrader={"grade": true, "grade_id": "q5-hilbert-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: H5 is the Hilbert matrix, exactly, and H5 x_exact = b5 exactly.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal, sym_equal

_H = sp.Matrix(5, 5, lambda i, j: sp.Rational(1, i + j + 1))
assert sym_equal(H5[0, 0], 1), \
    "the top-left entry of H5 should be 1: with Python indices i, j from 0 the formula is 1/(i + j + 1)."
assert_sympy_equal(H5, _H, name="H5", hint="(H5)_ij = 1/(i + j - 1) with i, j counted from 1.")
assert_exact(x_exact, name="x_exact")
assert sp.Matrix(x_exact).shape == (5, 1), "x_exact should be a column matrix of shape (5, 1)."
assert_sympy_equal(_H * sp.Matrix(x_exact), sp.ones(5, 1), name="H5 * x_exact",
                   hint="x_exact should solve H5 x = b5 exactly (for example with H5.LUsolve(b5)).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: residual, condition number and an error bound (3 points)
#
# You have an approximate solution $\hat{\mathbf{x}}$ of $A\mathbf{x} = \mathbf{b}$ but not the true
# solution. Write `error_bound(A, b, x_hat)` that returns a tuple of three floats
# `(rel_residual, kappa, bound)`:
#
# * `rel_residual` $= \dfrac{\lVert\mathbf{b} - A\hat{\mathbf{x}}\rVert_2}{\lVert\mathbf{b}\rVert_2}$, the relative residual;
# * `kappa` $= \kappa_2(A) = \lVert A\rVert_2\,\lVert A^{-1}\rVert_2$, the 2-norm condition number;
# * `bound` $=$ `kappa * rel_residual`, which bounds the relative error
#   $\lVert\hat{\mathbf{x}} - \mathbf{x}\rVert_2 / \lVert\mathbf{x}\rVert_2$ (Section 9 of the lecture).
#
# `A` is square and invertible; `b` and `x_hat` are 1-D. Each may be a NumPy array or a (nested) list,
# with integer or float entries. Use the library: `np.linalg.norm` and `np.linalg.cond` are allowed
# (and recommended).

# %% nbgrader={"grade": false, "grade_id": "q6-bound", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def error_bound(A, b, x_hat):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x_hat = np.asarray(x_hat, dtype=float)
    rel_residual = np.linalg.norm(b - A @ x_hat) / np.linalg.norm(b)
    kappa = np.linalg.cond(A)
    return float(rel_residual), float(kappa), float(kappa * rel_residual)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-bound-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

_A = np.diag([2.0, 0.5])                       # true solution of A x = b: x = (1, 2)
_out = error_bound(_A, np.array([2.0, 1.0]), np.array([1.1, 2.0]))
assert isinstance(_out, tuple) and len(_out) == 3, "error_bound should return a tuple of three numbers."
assert_scalar_close(_out[0], 0.2 / np.sqrt(5), name="rel_residual", hint="divide the residual norm by ||b||.")
assert_scalar_close(_out[1], 4.0, name="kappa", hint="the 2-norm condition number, ||A||_2 ||A^-1||_2.")
assert_scalar_close(_out[2], 0.8 / np.sqrt(5), name="bound")

# %% nbgrader={"grade": true, "grade_id": "q6-bound-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random, non-symmetric, ill-conditioned (cond 1e10) and Hilbert matrices, list input, and
# the bound really bounds the relative error.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_scalar_close

_rng = np.random.default_rng(3601)


def _with_condition_number(n, kappa):
    _Q1, _ = np.linalg.qr(_rng.normal(size=(n, n)))
    _Q2, _ = np.linalg.qr(_rng.normal(size=(n, n)))
    return _Q1 @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ _Q2.T


_cases = [_rng.normal(size=(5, 5)), np.triu(_rng.normal(size=(4, 4))) + 3 * np.eye(4),
          _with_condition_number(8, 1e10), scipy.linalg.hilbert(6)]
for _A in _cases:
    _n = len(_A)
    _x = _rng.normal(size=_n)
    _b = _A @ _x
    _x_hat = _x + 1e-6 * _rng.normal(size=_n)
    _out = error_bound(_A.copy(), _b.copy(), _x_hat.copy())
    assert isinstance(_out, tuple) and len(_out) == 3, "error_bound should return a tuple of three numbers."
    _rr = np.linalg.norm(_b - _A @ _x_hat) / np.linalg.norm(_b)
    _k = np.linalg.cond(_A)
    _ill = _k > 1e6
    assert not np.isclose(float(np.asarray(_out[0]).ravel()[0]), np.linalg.norm(_b - _A @ _x_hat), rtol=1e-6) \
        or np.isclose(np.linalg.norm(_b), 1.0, rtol=1e-6), \
        "rel_residual looks like the absolute residual ||b - A x_hat||: divide it by ||b||."
    assert_scalar_close(_out[0], _rr, rtol=1e-5, atol=0, name=f"rel_residual for a {_n}x{_n} A",
                        hint="the residual is b - A @ x_hat (a matrix-vector product), divided by ||b||.")
    assert_scalar_close(_out[1], _k, rtol=1e-4 if _ill else 1e-7, atol=0, name=f"kappa for a {_n}x{_n} A",
                        hint="use the 2-norm condition number, np.linalg.cond(A) (its default).")
    assert_scalar_close(_out[2], _k * _rr, rtol=1e-4, atol=0, name=f"bound for a {_n}x{_n} A")
    assert np.linalg.norm(_x_hat - _x) / np.linalg.norm(_x) <= float(np.asarray(_out[2]).ravel()[0]) * (1 + 1e-6), \
        "bound is smaller than the actual relative error, so it is not a valid bound."
_out = error_bound([[1, 0], [0, 4]], [1, 4], [1, 1])
assert_scalar_close(_out[0], 0.0, name="rel_residual for an exact solution (integer lists)")
assert_scalar_close(_out[1], 4.0, name="kappa for diag(1, 4)")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: linear regression by least squares (4 points)
#
# Write `fit_linear_regression(X, y)` for a data matrix `X` of shape $(m, d)$ (rows are samples,
# $d \ge 1$) and targets `y` of shape $(m,)$. It fits the model $y \approx w_0 + X\mathbf{w}$ (an
# intercept $w_0$ plus one weight per feature) by least squares and returns a tuple
# `(intercept, w)`: a float and a 1-D array of shape $(d,)$ that together minimize
# $\lVert \mathbf{y} - w_0\mathbf{1} - X\mathbf{w}\rVert_2$.
#
# * Use `np.linalg.lstsq` (with `rcond=None`) or `scipy.linalg.lstsq` on the design matrix with a
#   column of ones; **do not solve the normal equations** $X^\top X\mathbf{w} = X^\top\mathbf{y}$: the
#   hidden tests include an ill-conditioned design (polynomial features), where forming $X^\top X$
#   loses too many digits.
# * The hidden tests also include a design with two proportional feature columns. The minimizer is then
#   not unique; any minimizer is accepted. Answers are graded by optimality: the residual must be as
#   small as possible and orthogonal to the columns of the design matrix.
# * `X` and `y` may be arrays or nested lists.

# %% nbgrader={"grade": false, "grade_id": "q7-regression", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def fit_linear_regression(X, y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Z = np.column_stack([np.ones(len(X)), X])
    theta = np.linalg.lstsq(Z, y, rcond=None)[0]
    return float(theta[0]), theta[1:]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-regression-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_scalar_close

_out = fit_linear_regression(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.0]))
assert isinstance(_out, tuple) and len(_out) == 2, "fit_linear_regression should return a tuple (intercept, w)."
assert_scalar_close(_out[0], 1.0, name="the intercept for points on y = 1 + 2x")
assert_close(_out[1], np.array([2.0]), name="w for points on y = 1 + 2x")

# %% nbgrader={"grade": true, "grade_id": "q7-regression-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: noisy data with 1 and 3 features, an ill-conditioned polynomial design, proportional
# feature columns (any minimizer accepted), list input; graded by the size and orthogonality of the residual.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_finite, assert_shape

_rng = np.random.default_rng(3701)
_cases = []
_X = _rng.uniform(0, 10, size=(30, 1))
_cases.append(("one feature", _X, 4.0 - 1.5 * _X[:, 0] + _rng.normal(size=30)))
_X = _rng.normal(size=(40, 3)) * [1.0, 100.0, 0.01] + [0.0, 1000.0, 0.0]
_cases.append(("three features", _X, 5.0 + _X @ [1.0, 0.02, 30.0] + _rng.normal(size=40)))
_t = _rng.uniform(0, 1, size=60)
_cases.append(("polynomial features t, t^2, ..., t^12", np.column_stack([_t ** _k for _k in range(1, 13)]),
               np.sin(3 * _t) + 0.01 * _rng.normal(size=60)))
_u = _rng.normal(size=50)
_cases.append(("two proportional columns", np.column_stack([_u, 2.0 * _u, _rng.normal(size=50)]),
               2.0 + _u + 0.1 * _rng.normal(size=50)))
_hints = {
    "polynomial features t, t^2, ..., t^12":
        "This design is ill-conditioned (cond about 1e9): the normal equations square the condition number; "
        "use np.linalg.lstsq on the design matrix instead.",
    "two proportional columns": "np.linalg.lstsq returns a minimizer even when the columns are dependent.",
}
for _label, _X, _y in _cases:
    _m, _d = _X.shape
    try:
        _out = fit_linear_regression(_X.copy(), _y.copy())
    except np.linalg.LinAlgError as _e:
        raise AssertionError(f"fit_linear_regression raised LinAlgError ({_e}) for data with {_label}: "
                             "least squares still has solutions there; use np.linalg.lstsq, which does not "
                             "need X^T X to be invertible.") from None
    assert isinstance(_out, tuple) and len(_out) == 2, "fit_linear_regression should return a tuple (intercept, w)."
    _b0 = np.asarray(_out[0], dtype=float)
    assert _b0.size == 1, f"the intercept should be a single number, but it has shape {_b0.shape}."
    assert_shape(_out[1], (_d,), name=f"w for data with {_label}")
    _theta = np.concatenate([_b0.ravel(), np.asarray(_out[1], dtype=float)])
    assert_finite(_theta, name=f"the fitted weights for data with {_label}")
    _Z = np.column_stack([np.ones(_m), _X])
    _best = np.linalg.lstsq(_Z, _y, rcond=None)[0]
    _r = _y - _Z @ _theta
    _hint = _hints.get(_label, "Fit y = intercept + X @ w: the intercept is the weight of a column of ones, "
                               "which you add to X yourself (first column -> intercept).")
    assert np.linalg.norm(_r) <= np.linalg.norm(_y - _Z @ _best) + 1e-8 * np.linalg.norm(_y), \
        f"for data with {_label}, the sum of squared residuals is larger than the least-squares optimum. " + _hint
    _nZ = np.linalg.norm(_Z, 2)
    assert np.linalg.norm(_Z.T @ _r) <= 1e-9 * _nZ * (_nZ * np.linalg.norm(_best) + np.linalg.norm(_y)), \
        f"for data with {_label}, the residual is not orthogonal to the columns of [1, X] (not a minimizer). " + _hint
_out = fit_linear_regression([[1], [2], [3]], [2, 4, 6])
assert abs(float(np.asarray(_out[0]).ravel()[0])) < 1e-9 and np.allclose(np.asarray(_out[1], dtype=float), [2.0]), \
    "fit_linear_regression([[1], [2], [3]], [2, 4, 6]) (lists) should fit the line y = 2x exactly."
### END HIDDEN TESTS
