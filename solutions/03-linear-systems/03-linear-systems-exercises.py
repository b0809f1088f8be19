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
# Seven questions: triangular solves, the LU factorization, reusing a factorization, predicting the
# digits a condition number costs, a matrix with determinant 1 that is nearly singular, and a
# least-squares fit that loses digits. Each question has
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
# Write `lu_nopivot(A)` that computes the LU factorization of a square matrix `A` **without row
# exchanges** (Section 3 of the lecture) and returns a tuple `(L, U)` of float arrays of shape $(n, n)$ with
#
# * `L` unit lower triangular (ones on the diagonal),
# * `U` upper triangular (exact zeros below the diagonal), and
# * `L @ U` equal to `A` (up to rounding).
#
# Requirements:
#
# * `A` may be an array or a nested list, with integer or float entries; do not modify it.
# * If one of the leading submatrices `A[:k, :k]`, $k = 1, \dots, n-1$, is singular, elimination without
#   row exchanges meets a zero pivot and the factorization does not exist (or is not unique): raise a
#   `ValueError`. This can happen at any step, not only when $a_{11} = 0$. The last one, `A` itself,
#   may be singular: then the factorization exists with $u_{nn} = 0$, and you return it.
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
# ## Question 5: predict the digits you keep (3 points)
#
# Section 7 gives a rule of thumb for how many digits of a computed solution survive a condition
# number $\kappa$, and Section 10 says what the normal equations do to it. Commit to a prediction:
# write `correct_digits(kappa, method)` that returns the number of correct significant digits (a
# float) you expect in the computed solution of
#
# * `method="solve"`: a square system $A\mathbf{x} = \mathbf{b}$ with $\kappa_2(A) = \kappa$, solved with
#   `np.linalg.solve(A, b)`;
# * `method="normal"`: a least-squares problem $\min_\mathbf{w}\lVert X\mathbf{w} - \mathbf{y}\rVert_2$ with a
#   tall $X$ of independent columns and $\kappa_2(X) = \kappa$, solved through the normal equations,
#   `np.linalg.solve(X.T @ X, X.T @ y)`.
#
# `kappa` is a float, $1 \le \kappa \le 10^{20}$. Your function is graded on values of $\kappa$ it has not
# seen, against what the grader measures: it builds matrices as `matrix_with_condition_number` does in
# Section 6 (random orthogonal factors, singular values log-spaced from 1 down to $1/\kappa$): $A$ of size
# $30\times 30$, $X$ of size $60\times 20$, with exact data $\mathbf{b} = A\mathbf{x}$ and
# $\mathbf{y} = X\mathbf{w}$ for random normal $\mathbf{x}$, $\mathbf{w}$ (so the least-squares residual is
# zero). It counts the correct digits as $-\log_{10}$ of the relative error
# $\lVert\hat{\mathbf{x}} - \mathbf{x}\rVert_2 / \lVert\mathbf{x}\rVert_2$, clipped to $[0, 16]$, and
# averages them over 3 random problems. Your prediction must be **within 2.5 digits** of that for every
# $\kappa$ and both methods. A single number read off one experiment will not do: write a rule. And predict,
# do not measure: `correct_digits` may not call any function of `np.linalg` or `scipy.linalg` (no experiment
# inside it); the hidden tests watch the calls it makes.

# %% nbgrader={"grade": false, "grade_id": "q5-digits", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def correct_digits(kappa, method):
    ### BEGIN SOLUTION
    lost = np.log10(kappa) * (2 if method == "normal" else 1)   # kappa(X^T X) = kappa(X)^2
    return float(np.clip(16 - lost, 0, 16))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-digits-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
# The grader's measurement, run here for one kappa per method.
def _measured_digits(kappa, method, seeds=(0, 1, 2)):
    _digits = []
    for _seed in seeds:
        _r = np.random.default_rng(_seed)
        _m, _n = (30, 30) if method == "solve" else (60, 20)
        _Q1, _ = np.linalg.qr(_r.normal(size=(_m, _n)))
        _Q2, _ = np.linalg.qr(_r.normal(size=(_n, _n)))
        _A = (_Q1 * np.logspace(0, -np.log10(kappa), _n)) @ _Q2.T
        _x = _r.normal(size=_n)
        _b = _A @ _x
        try:
            with np.errstate(all="ignore"):
                _xh = np.linalg.solve(_A, _b) if method == "solve" else np.linalg.solve(_A.T @ _A, _A.T @ _b)
            _err = np.linalg.norm(_xh - _x) / np.linalg.norm(_x)
        except np.linalg.LinAlgError:
            _err = np.inf
        _digits.append(float(np.clip(-np.log10(_err), 0, 16)) if np.isfinite(_err) and _err > 0 else
                       (16.0 if _err == 0 else 0.0))
    return float(np.mean(_digits))


for _kappa, _method in [(1e4, "solve"), (1e2, "normal")]:
    _pred = correct_digits(_kappa, _method)
    assert np.size(_pred) == 1 and np.isfinite(float(np.asarray(_pred).reshape(()))), \
        f"correct_digits({_kappa:g}, {_method!r}) should return a single finite number."
    _pred = float(np.asarray(_pred).reshape(()))
    _meas = _measured_digits(_kappa, _method)
    assert _pred <= _meas + 2.5, f"correct_digits({_kappa:g}, {_method!r}) is too optimistic."
    assert _pred >= _meas - 2.5, f"correct_digits({_kappa:g}, {_method!r}) is too pessimistic."

# %% nbgrader={"grade": true, "grade_id": "q5-digits-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: both methods on other kappa from 1 to 1e20, against the measured digits; no np.linalg/scipy.linalg.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import forbid_calls


_cases = [(_k, "solve") for _k in (1.0, 30.0, 1e3, 1e6, 3e8, 1e11, 1e14, 1e17, 1e20)] + \
         [(_k, "normal") for _k in (1.0, 10.0, 1e3, 1e4, 1e6, 1e7, 3e8, 1e9, 1e12, 1e20)]
# the visible test's measurement, on other random matrices; before calling the student's function
_measured = [_measured_digits(_k, _m, seeds=(10, 11, 12)) for _k, _m in _cases]
_what = {"solve": "np.linalg.solve on A", "normal": "the normal equations for X"}
for (_kappa, _method), _meas in zip(_cases, _measured):
    with forbid_calls(calls.NUMPY_LINALG, calls.SCIPY_LINALG, func=correct_digits,
                      reason="predict the digits from kappa and method alone; do not run an experiment inside "
                             "correct_digits"):
        _pred = correct_digits(_kappa, _method)
    assert np.size(_pred) == 1, f"correct_digits({_kappa:g}, {_method!r}) should return a single number."
    _pred = float(np.asarray(_pred, dtype=float).reshape(()))
    assert np.isfinite(_pred), f"correct_digits({_kappa:g}, {_method!r}) is not a finite number."
    assert _pred >= 0, (f"correct_digits({_kappa:g}, {_method!r}) is negative: a solution cannot have fewer than "
                        "0 correct digits (when nothing is left, the answer is 0).")
    assert _pred <= 16, (f"correct_digits({_kappa:g}, {_method!r}) is more than 16: double precision carries "
                         "about 16 significant digits.")
    assert _pred <= _meas + 2.5, (f"correct_digits({_kappa:g}, {_method!r}) is too optimistic for "
                                  f"{_what[_method]} with condition number {_kappa:g}: more digits are lost. "
                                  "What is the condition number of the matrix that is actually solved?")
    assert _pred >= _meas - 2.5, (f"correct_digits({_kappa:g}, {_method!r}) is too pessimistic for "
                                  f"{_what[_method]} with condition number {_kappa:g}: fewer digits are lost.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: determinant 1, and yet nearly singular (3 points)
#
# Chapter 05 will use the determinant as a test of invertibility; it is no measure of how close to singular
# a matrix is. Construct the evidence:
#
# * `A_ill`: a $2\times 2$ matrix whose entries are **all at least 1 in absolute value** (so no triangular
#   or diagonal matrix, nor one that is nearly so), $\det A = 1$ (to within $10^{-6}$) and
#   $\kappa_2(A) \ge 10^6$;
# * `b_ill` and `db_ill`: a right-hand side $\mathbf{b} \ne \mathbf{0}$ and a perturbation
#   $\delta\mathbf{b}$ of it, vectors of length 2, with $\lVert\delta\mathbf{b}\rVert_2 \le 10^{-6}\,\lVert\mathbf{b}\rVert_2$,
#   that move the solution by at least 10%: if $A\mathbf{x} = \mathbf{b}$ and
#   $A(\mathbf{x} + \delta\mathbf{x}) = \mathbf{b} + \delta\mathbf{b}$, then
#   $\lVert\delta\mathbf{x}\rVert_2 \ge 0.1\,\lVert\mathbf{x}\rVert_2$.
#
# Any objects with these properties earn full marks. Give NumPy arrays or (nested) lists of numbers. The
# grader converts your numbers to doubles and computes $\det A$, $\kappa_2(A)$, $\mathbf{x}$ and
# $\delta\mathbf{x}$ from them exactly (in rational arithmetic), so rounding errors in your own checks do not
# count against you.

# %% nbgrader={"grade": false, "grade_id": "q6-det-one", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
# Define A_ill (2x2), b_ill and db_ill (length 2).
### BEGIN SOLUTION
A_ill = np.array([[1000.0, 999.0],
                  [1001.0, 1000.0]])     # det = 10^6 - 999999 = 1; the columns are nearly parallel
U_ill, s_ill, Vt_ill = np.linalg.svd(A_ill)
b_ill = U_ill[:, 0]                      # the direction A stretches most: x = A^-1 b is short
db_ill = 0.5e-6 * U_ill[:, 1]            # the direction it stretches least: dx = A^-1 db is long
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q6-det-one-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from fractions import Fraction

from autograder.checks import assert_finite, assert_shape

assert_shape(A_ill, (2, 2), name="A_ill")
assert_finite(A_ill, name="A_ill")
assert_shape(b_ill, (2,), name="b_ill")
assert_shape(db_ill, (2,), name="db_ill")
_a, _b, _c, _d = (Fraction(float(_v)) for _v in np.asarray(A_ill, dtype=float).ravel())
_det = _a * _d - _b * _c                 # exact, from the numbers as given
assert abs(_det - 1) <= Fraction(1, 10**6), f"det(A_ill) is {float(_det):.6g}, not 1."

# %% nbgrader={"grade": true, "grade_id": "q6-det-one-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: every stated property, computed exactly from the given numbers.
### BEGIN HIDDEN TESTS
from fractions import Fraction

from autograder.checks import as_array, assert_finite, assert_shape

assert_shape(A_ill, (2, 2), name="A_ill")
for _name, _v in (("A_ill", A_ill), ("b_ill", b_ill), ("db_ill", db_ill)):
    assert_finite(_v, name=_name)
assert_shape(b_ill, (2,), name="b_ill")
assert_shape(db_ill, (2,), name="db_ill")
_a, _b, _c, _d = (Fraction(float(_v)) for _v in as_array(A_ill, "A_ill").ravel())
_det = _a * _d - _b * _c
assert abs(_det - 1) <= Fraction(1, 10**6), f"det(A_ill) is {float(_det):.6g}, not 1."
assert min(abs(_a), abs(_b), abs(_c), abs(_d)) >= 1, (
    "A_ill has a zero entry, or one smaller than 1 in absolute value: every entry must be at least 1 in absolute "
    "value (a triangular or diagonal matrix, or a nearly triangular or diagonal one, does not count).")
# for a 2x2 matrix, sigma_1 sigma_2 = |det A| and sigma_1^2 + sigma_2^2 = ||A||_F^2, so kappa + 1/kappa = ||A||_F^2 / |det A|
_ratio = (_a**2 + _b**2 + _c**2 + _d**2) / abs(_det)
_kappa = (float(_ratio) + np.sqrt(max(float(_ratio) ** 2 - 4.0, 0.0))) / 2
assert _ratio >= Fraction(10**6) + Fraction(1, 10**6), (
    f"kappa_2(A_ill) is only about {_kappa:.3g}; it must be at least 1e6. With det A = 1 fixed, what must "
    "the columns of A look like?")
_bb = [Fraction(float(_v)) for _v in as_array(b_ill, "b_ill")]
_dbb = [Fraction(float(_v)) for _v in as_array(db_ill, "db_ill")]
assert any(_bb), "b_ill is the zero vector; the right-hand side must be non-zero."
_nb, _ndb = _bb[0] ** 2 + _bb[1] ** 2, _dbb[0] ** 2 + _dbb[1] ** 2
assert _ndb <= Fraction(1, 10**12) * _nb, (f"||db_ill|| / ||b_ill|| is about {np.sqrt(float(_ndb / _nb)):.3g}; "
                                           "it must be at most 1e-6.")


def _adj_times(_v):          # adj(A) v = det(A) A^-1 v, exact; the common factor det(A) cancels in the ratio
    return [_d * _v[0] - _b * _v[1], -_c * _v[0] + _a * _v[1]]


_x, _dx = _adj_times(_bb), _adj_times(_dbb)
_nx, _ndx = _x[0] ** 2 + _x[1] ** 2, _dx[0] ** 2 + _dx[1] ** 2
assert _ndx >= Fraction(1, 100) * _nx, (
    f"the solution moves by only {np.sqrt(float(_ndx / _nx)):.3g} of its length (||dx|| / ||x|| must be at least "
    "0.1): kappa is the worst-case amplification, reached only for particular directions of b and db "
    "(Section 7, Figure 2).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: diagnose a least-squares fit that loses digits (4 points)
#
# A colleague read that QR is the stable way to do least squares and wrote the function below (a locked
# cell; the comments number its lines). It fits $y \approx w_0 + X\mathbf{w}$ (an intercept plus one
# weight per feature) and returns `(intercept, w)`. The cell after it tries it on exact data, generated
# without noise from known weights, with polynomial features: the design matrix $Z = [\mathbf{1}, X]$ has
# $\kappa(Z) \approx 2 \times 10^7$, so a backward-stable method recovers the weights to about 9 digits
# (Section 10, Figure 5). This function gets only about 3.
#
# 1. Set `faulty_line` to the number of the line where the accuracy is lost for good: the first line
#    whose result has already lost the digits, so that no later step, however stable, can recover them.
# 2. Write `fit_regression_fixed(X, y)`, a corrected version with the same inputs and output: `X` of shape
#    $(m, d)$ (rows are samples, $d \ge 1$, and the columns of $[\mathbf{1}, X]$ linearly independent),
#    `y` of shape $(m,)$, arrays or nested lists; return a float and a 1-D array of shape $(d,)$. It must
#    return a least-squares minimizer as accurately as a backward-stable method does, for designs with a
#    condition number up to about $10^{10}$.

# %% nbgrader={"grade": false, "grade_id": "q7-given", "locked": true, "schema_version": 3, "solution": false, "task": false}
def fit_regression_qr(X, y):
    X = np.asarray(X, dtype=float)                        # line 1
    y = np.asarray(y, dtype=float)                        # line 2
    Z = np.column_stack([np.ones(len(X)), X])             # line 3: the design matrix [1, X]
    G, c = Z.T @ Z, Z.T @ y                               # line 4: the normal equations G theta = c
    Q, R = np.linalg.qr(G)                                # line 5: QR factorization G = Q R
    theta = scipy.linalg.solve_triangular(R, Q.T @ c)     # line 6: back substitution, R theta = Q^T c
    return float(theta[0]), theta[1:]                     # line 7: (intercept, weights)


_t = np.linspace(0, 1, 50)
_X_poly = np.column_stack([_t ** _k for _k in range(1, 11)])    # features t, t^2, ..., t^10
_theta_true = np.random.default_rng(0).normal(size=11)           # intercept and 10 weights
_y_poly = _theta_true[0] + _X_poly @ _theta_true[1:]             # exact data: no noise
_w0, _w = fit_regression_qr(_X_poly, _y_poly)
_err = np.linalg.norm(np.concatenate([[_w0], _w]) - _theta_true) / np.linalg.norm(_theta_true)
print(f"cond([1, X]) = {np.linalg.cond(np.column_stack([np.ones(50), _X_poly])):.1e}")
print(f"relative error of the weights: {_err:.0e}")

# %% nbgrader={"grade": false, "grade_id": "q7-diagnose", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
# faulty_line: a line number of fit_regression_qr, from 1 to 7
### BEGIN SOLUTION
faulty_line = 4      # Z^T Z has condition number cond(Z)^2: the digits are gone before QR starts
### END SOLUTION


def fit_regression_fixed(X, y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Z = np.column_stack([np.ones(len(X)), X])
    Q, R = np.linalg.qr(Z)                                # QR of the design matrix itself: cond(R) = cond(Z)
    theta = scipy.linalg.solve_triangular(R, Q.T @ y)
    return float(theta[0]), theta[1:]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-diagnose-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_scalar_close

assert np.size(faulty_line) == 1 and float(np.asarray(faulty_line).reshape(())) in range(1, 8), \
    "faulty_line should be one of the line numbers 1 to 7 of fit_regression_qr."
_out = fit_regression_fixed(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.0]))
assert isinstance(_out, tuple) and len(_out) == 2, "fit_regression_fixed should return a tuple (intercept, w)."
assert_scalar_close(_out[0], 1.0, name="the intercept for points on y = 1 + 2x")
assert_close(_out[1], np.array([2.0]), name="w for points on y = 1 + 2x")

# %% nbgrader={"grade": true, "grade_id": "q7-diagnose-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line; the corrected fit on noisy data with 1 and 3 features, ill-conditioned
# polynomial designs and list input, graded by the size and orthogonality of the residual.
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
_t = np.linspace(-1, 3, 80)
_cases.append(("polynomial features t, ..., t^8 on [-1, 3]", np.column_stack([_t ** _k for _k in range(1, 9)]),
               np.exp(-_t) + 0.001 * _rng.normal(size=80)))
_ill = ("This design is ill-conditioned: forming Z^T Z squares its condition number, and no later step "
        "recovers the lost digits; work with the design matrix itself.")
for _label, _X, _y in _cases:
    _m, _d = _X.shape
    _Z = np.column_stack([np.ones(_m), _X])
    _best = np.linalg.lstsq(_Z, _y, rcond=None)[0]
    _out = fit_regression_fixed(_X.copy(), _y.copy())
    assert isinstance(_out, tuple) and len(_out) == 2, "fit_regression_fixed should return a tuple (intercept, w)."
    _b0 = np.asarray(_out[0], dtype=float)
    assert _b0.size == 1, f"the intercept should be a single number, but it has shape {_b0.shape}."
    assert_shape(_out[1], (_d,), name=f"w for data with {_label}")
    _theta = np.concatenate([_b0.ravel(), np.asarray(_out[1], dtype=float)])
    assert_finite(_theta, name=f"the fitted weights for data with {_label}")
    _r = _y - _Z @ _theta
    _hint = _ill if _label.startswith("polynomial") else (
        "Fit y = intercept + X @ w: the intercept is the weight of a column of ones (first column -> intercept).")
    assert np.linalg.norm(_r) <= np.linalg.norm(_y - _Z @ _best) + 1e-8 * np.linalg.norm(_y), \
        f"for data with {_label}, the sum of squared residuals is larger than the least-squares optimum. " + _hint
    _nZ = np.linalg.norm(_Z, 2)
    assert np.linalg.norm(_Z.T @ _r) <= 1e-9 * _nZ * (_nZ * np.linalg.norm(_best) + np.linalg.norm(_y)), \
        f"for data with {_label}, the residual is not orthogonal to the columns of [1, X] (not a minimizer). " + _hint
for _deg, _seed in ((10, 1), (11, 2)):
    _t = np.linspace(0, 1, 50 + 10 * _seed)
    _X = np.column_stack([_t ** _k for _k in range(1, _deg + 1)])
    _theta_true = np.random.default_rng(_seed).normal(size=_deg + 1)
    _y = _theta_true[0] + _X @ _theta_true[1:]
    _out = fit_regression_fixed(_X.copy(), _y.copy())
    _theta = np.concatenate([np.asarray(_out[0], dtype=float).ravel(), np.asarray(_out[1], dtype=float).ravel()])
    assert _theta.shape == _theta_true.shape and np.all(np.isfinite(_theta)), \
        f"fit_regression_fixed for exact data with {_deg} polynomial features: wrong shape or not finite."
    assert np.linalg.norm(_theta - _theta_true) <= 1e-6 * np.linalg.norm(_theta_true), \
        (f"fit_regression_fixed does not recover the weights of exact data with {_deg} polynomial features "
         "accurately (cond([1, X]) about 1e7 to 1e8 allows about 8 digits). " + _ill)
_out = fit_regression_fixed([[1], [2], [3]], [2, 4, 6])
assert abs(float(np.asarray(_out[0]).ravel()[0])) < 1e-9 and np.allclose(np.asarray(_out[1], dtype=float), [2.0]), \
    "fit_regression_fixed([[1], [2], [3]], [2, 4, 6]) (lists) should fit the line y = 2x exactly."
_line = float(np.asarray(faulty_line, dtype=float).reshape(()))
assert _line == 4, (f"faulty_line = {faulty_line} is not the first line whose result has already lost the digits. "
                    "Print the condition number of each matrix fit_regression_qr forms, in order, and compare "
                    "it with cond(Z).")
### END HIDDEN TESTS
