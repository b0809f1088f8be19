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
# # Chapter 11 exercises: sparse matrices and numerical stability
#
# Seven questions: building a CSR matrix from triplets, a sparse matrix–vector product written by
# hand, the grid Laplacian, smoothing a signal on a graph with conjugate gradients, predicting how many
# CG iterations a grid needs, a matrix constructed for the worst fill-in, and finding the line of a
# feature scaler that loses its digits. Each question has a **visible test** you can run now and
# **hidden tests** that run when your notebook is graded (on other inputs, including edge cases), so
# make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/11-sparse/11-sparse-exercises.ipynb`.
#
# Read chapter 11 (`course/11-sparse.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: a CSR matrix from triplets (3 points)
#
# Write `triplets_to_csr(rows, cols, vals, shape)` that returns the sparse matrix of the given
# `shape` whose entry $(i, j)$ is the **sum** of all `vals[k]` with `rows[k] == i` and `cols[k] == j`
# (positions may repeat; positions that never occur are 0). The inputs are 1-D integer arrays (or
# lists) `rows`, `cols` and a float array (or list) `vals` of the same length, and a tuple
# `shape = (m, n)`; the last rows or columns may be empty. Return a SciPy sparse matrix **in CSR
# format** (`csr_array` or `csr_matrix`) with each position stored at most once.
#
# Use SciPy well: the matrices in the hidden tests can be far too large to ever hold as a dense
# array (for example $10^6\times10^6$ with a handful of non-zeros), so never build a dense
# intermediate.

# %% nbgrader={"grade": false, "grade_id": "q1-triplets", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def triplets_to_csr(rows, cols, vals, shape):
    ### BEGIN SOLUTION
    A = sps.coo_array((np.asarray(vals, dtype=float), (np.asarray(rows), np.asarray(cols))), shape=shape)
    return A.tocsr()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-triplets-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_A = triplets_to_csr([0, 1, 2, 0, 1], [1, 0, 2, 1, 2], [1.0, 2.0, 3.0, 4.0, 5.0], (3, 3))
assert sps.issparse(_A), "triplets_to_csr should return a SciPy sparse matrix."
assert_close(_A.toarray(), np.array([[0.0, 5.0, 0.0], [2.0, 0.0, 5.0], [0.0, 0.0, 3.0]]),
             name="triplets_to_csr(...).toarray()", hint="values at a repeated position are added up.")

# %% nbgrader={"grade": true, "grade_id": "q1-triplets-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random triplets with many repeats, empty last rows and columns, no triplets at all,
# the format, and a 10^6 x 10^6 matrix.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(9101)
for _shape, _k in [((6, 4), 30), ((10, 12), 8), ((50, 3), 200), ((1, 1), 3), ((4, 5), 0)]:
    _r = _rng.integers(0, max(1, _shape[0] - 2), size=_k)     # the last rows stay empty
    _c = _rng.integers(0, max(1, _shape[1] - 1), size=_k)     # and the last column
    _v = _rng.normal(size=_k)
    _ref = np.zeros(_shape)
    np.add.at(_ref, (_r, _c), _v)
    _A = triplets_to_csr(_r, _c, _v, _shape)
    assert sps.issparse(_A), "triplets_to_csr should return a SciPy sparse matrix."
    assert _A.shape == _shape, (f"for shape={_shape} your matrix has shape {_A.shape}: "
                                "pass the shape on, the last rows or columns may be empty.")
    assert _A.format == "csr", f"your matrix is in {_A.format.upper()} format, not CSR: convert it with .tocsr()."
    assert_close(_A.toarray(), _ref, rtol=1e-12, atol=1e-12, name=f"triplets_to_csr for shape {_shape}",
                 hint="every value at a repeated position must be added, none overwritten.")
    _B = _A.copy()
    _B.sum_duplicates()
    assert _B.nnz == _A.nnz, "your CSR matrix stores some position more than once."
_big = (10**6, 10**6)
try:
    _A = triplets_to_csr(np.array([0, 999_999, 0]), np.array([5, 999_999, 5]), np.array([1.0, 2.0, 3.0]), _big)
except (MemoryError, ValueError) as _e:
    raise AssertionError("triplets_to_csr ran out of memory on a 10^6 x 10^6 matrix with 3 triplets: "
                         "it seems to build a dense array; build a COO matrix and convert it.") from None
assert _A.shape == _big and _A.format == "csr", "the 10^6 x 10^6 matrix has the wrong shape or format."
_found = {(int(_i), int(_j)): float(_v) for _i, _j, _v in zip(*sps.find(_A))}
assert _found == {(0, 5): 4.0, (999_999, 999_999): 2.0}, "the 10^6 x 10^6 matrix has the wrong entries."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: the CSR matrix–vector product by hand (4 points)
#
# A CSR matrix with $m$ rows is given by its three arrays: `indptr` (length $m+1$), `indices` and
# `data` (both of length nnz); the entries of row $i$ are `data[indptr[i]:indptr[i+1]]`, in the
# columns `indices[indptr[i]:indptr[i+1]]`. Write `csr_matvec(indptr, indices, data, x)` that returns
# $y = Ax$ as a 1-D float array of length $m$. The matrix may be rectangular (`x` has one entry per
# column), may have empty rows, and may have no entries at all. `x` may be a list or an array; do not
# modify any input.
#
# Implement it yourself from the three arrays (a loop over the rows is fine): **building any SciPy sparse
# matrix is not allowed** (`csr_array`, `coo_array`, `dok_array`, `lil_array`, `sps.diags`, ... in any
# format); the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q2-matvec", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def csr_matvec(indptr, indices, data, x):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    m = len(indptr) - 1
    y = np.zeros(m)
    for i in range(m):
        for k in range(indptr[i], indptr[i + 1]):
            y[i] += data[k] * x[indices[k]]
    return y
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-matvec-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

# A = [[1, 0, 2], [0, 3, 0], [4, 5, 0]] in CSR form
_y = csr_matvec(np.array([0, 2, 3, 5]), np.array([0, 2, 1, 0, 1]), np.array([1.0, 2.0, 3.0, 4.0, 5.0]),
                np.array([1.0, 10.0, 100.0]))
assert_close(_y, np.array([201.0, 30.0, 54.0]), name="csr_matvec for the 3 x 3 example",
             hint="row i uses data[indptr[i]:indptr[i+1]], multiplied by x at the columns indices[...].")

# %% nbgrader={"grade": true, "grade_id": "q2-matvec-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random sparse matrices of several shapes (rectangular, with empty rows, with no
# entries), list input, inputs left unchanged, and SciPy sparse constructors blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, forbid_calls

_rng = np.random.default_rng(9201)
_cases = []
for _shape, _density in [((5, 5), 0.4), ((7, 3), 0.3), ((3, 9), 0.3), ((40, 25), 0.05), ((1, 6), 0.5)]:
    _cases.append((sps.random_array(_shape, density=_density, format="csr", rng=_rng), "a random matrix"))
_E = sps.csr_array(np.array([[0.0, 0, 0], [1, 0, 2], [0, 0, 0], [0, 3, 0], [0, 0, 0]]))
_cases.insert(0, (_E, "a matrix with empty rows (the first and the last rows are empty)"))
_cases.append((sps.csr_array((4, 6)), "a matrix with no entries at all"))
_refs = [(_M, _what, _rng.normal(size=_M.shape[1])) for _M, _what in _cases]
_refs = [(_M, _what, _x, _M @ _x) for _M, _what, _x in _refs]

_why = "compute the product from indptr, indices and data yourself"
with forbid_calls(calls.SPARSE_CONSTRUCTORS, reason=_why, func=csr_matvec):
    for _M, _what, _x, _ref in _refs:
        _args = (_M.indptr.copy(), _M.indices.copy(), _M.data.copy(), _x.copy())
        try:
            _y = csr_matvec(*_args)
        except (IndexError, ValueError) as _e:
            raise AssertionError(f"csr_matvec raised {type(_e).__name__} on {_what} of shape {_M.shape}: "
                                 "y needs one entry per row (len(indptr) - 1), and an empty row "
                                 "(indptr[i] == indptr[i+1]) must give y[i] = 0.") from None
        assert_close(_y, _ref, rtol=1e-10, atol=1e-12, name=f"csr_matvec on {_what} of shape {_M.shape}",
                     hint="y has one entry per row (len(indptr) - 1); row i runs over k from indptr[i] "
                          "up to indptr[i+1] excluded, and an empty row gives 0.")
        for _a, _b in zip(_args, (_M.indptr, _M.indices, _M.data, _x)):
            assert np.array_equal(_a, _b), "csr_matvec changed one of its inputs."
    _M = _cases[1][0]
    assert_close(csr_matvec(list(_M.indptr), list(_M.indices), list(_M.data), [1.0] * _M.shape[1]),
                 _M @ np.ones(_M.shape[1]), rtol=1e-10, atol=1e-12, name="csr_matvec with lists as input")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: the grid Laplacian (4 points)
#
# Write `grid_laplacian(m, n)` that returns the graph Laplacian $L = D - W$ of the $m\times n$ grid
# graph (each node joined to its neighbours left, right, above and below; $W$ is the 0/1 adjacency
# matrix and $D$ the diagonal matrix of degrees), as a **SciPy sparse matrix** (any format) of shape
# $(mn, mn)$. Number node $(i, j)$, $0 \le i < m$, $0 \le j < n$, as $p = i\,n + j$ (row-major, the
# order of `image.ravel()` for an image of shape $(m, n)$). Every $m, n \ge 1$ must work ($1\times1$
# gives the matrix $[0]$; $1\times n$ is a path). *Hint:* `sps.diags_array` and `sps.kron`, as in
# the lecture — but a loop over the edges is fine too.

# %% nbgrader={"grade": false, "grade_id": "q3-laplacian", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def grid_laplacian(m, n):
    ### BEGIN SOLUTION
    def path_adjacency(k):
        off = np.ones(k - 1)
        return sps.diags_array([off, off], offsets=[-1, 1], shape=(k, k))

    W = sps.kron(sps.eye_array(m), path_adjacency(n)) + sps.kron(path_adjacency(m), sps.eye_array(n))
    W = sps.csr_array(W)
    return (sps.diags_array(W.sum(axis=1)) - W).tocsr()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-laplacian-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_L = grid_laplacian(2, 3)
_L = _L.toarray() if sps.issparse(_L) else np.asarray(_L)
assert_close(_L, np.array([[2, -1, 0, -1, 0, 0], [-1, 3, -1, 0, -1, 0], [0, -1, 2, 0, 0, -1],
                           [-1, 0, 0, 2, -1, 0], [0, -1, 0, -1, 3, -1], [0, 0, -1, 0, -1, 2]], dtype=float),
             name="grid_laplacian(2, 3)", hint="node (i, j) has index i*n + j; the diagonal holds the degrees.")

# %% nbgrader={"grade": true, "grade_id": "q3-laplacian-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: sparse output, symmetry, zero row sums, and the entries for square, rectangular,
# one-row, one-column and 1 x 1 grids.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close


def _reference_laplacian(m, n):
    _W = np.zeros((m * n, m * n))
    for _i in range(m):
        for _j in range(n):
            if _j + 1 < n:
                _W[_i * n + _j, _i * n + _j + 1] = _W[_i * n + _j + 1, _i * n + _j] = 1
            if _i + 1 < m:
                _W[_i * n + _j, (_i + 1) * n + _j] = _W[(_i + 1) * n + _j, _i * n + _j] = 1
    return np.diag(_W.sum(axis=1)) - _W


for _m, _n in [(3, 5), (4, 4), (6, 2), (1, 6), (5, 1), (1, 1), (12, 17)]:
    _L = grid_laplacian(_m, _n)
    assert sps.issparse(_L), "grid_laplacian should return a SciPy sparse matrix, not a dense array."
    assert _L.shape == (_m * _n, _m * _n), f"grid_laplacian({_m}, {_n}) has shape {_L.shape}."
    _Ld = _L.toarray()
    assert np.allclose(_Ld, _Ld.T), f"grid_laplacian({_m}, {_n}) is not symmetric."
    assert np.allclose(_Ld.sum(axis=1), 0), (f"the row sums of grid_laplacian({_m}, {_n}) are not all 0: the "
                                             "diagonal must hold each node's degree (2 or 3 on the border).")
    assert_close(_Ld, _reference_laplacian(_m, _n), name=f"grid_laplacian({_m}, {_n})",
                 hint="L = D - W; number the nodes row-major, p = i*n + j, so horizontal neighbours "
                      "are 1 apart and vertical ones n apart.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: smoothing a signal on a graph with CG (3 points)
#
# Smoothing a signal on a graph (denoising an image on its pixel grid, spreading known labels to
# neighbouring nodes in semi-supervised learning) is the ridge-like problem of Section 5 of the lecture.
# For a graph Laplacian `L` (a symmetric positive semidefinite SciPy sparse matrix of shape $(N, N)$,
# CSR or CSC, `csr_array` or `csr_matrix`), a signal `y` (1-D array of length $N$) and a smoothing
# strength `lam` $\ge 0$, the smoothed signal solves
# $$ (I + \lambda L)\,x = y . $$
# Write `graph_smooth(L, y, lam)` that returns $x$ as a 1-D float array of length $N$ with a relative
# residual $\lVert (I + \lambda L)x - y\rVert / \lVert y\rVert \le 10^{-8}$ (the tests compute this true
# residual themselves; some solvers, `spla.minres` for one, measure their tolerance differently, so
# check it). Use a sparse solver:
# `spla.cg` is the natural choice (mind its default tolerance), `spla.spsolve` also works. **Dense
# solvers are not allowed**: no solver, inverse or factorization from `np.linalg` (`solve`, `inv`,
# `pinv`, `lstsq`, `cholesky`, `qr`, ...) and no function of `scipy.linalg` (`solve`, `cho_factor`,
# `cho_solve`, `lu_factor`, ...); the hidden tests watch the calls your function makes. Do not modify
# `L` or `y`.

# %% nbgrader={"grade": false, "grade_id": "q4-smooth", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def graph_smooth(L, y, lam):
    ### BEGIN SOLUTION
    A = sps.eye_array(L.shape[0], format="csr") + lam * sps.csr_array(L)
    x, info = spla.cg(A, np.asarray(y, dtype=float), rtol=1e-10, atol=0.0, maxiter=20 * L.shape[0])
    return x
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-smooth-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_shape

# the path 0 - 1 - 2 - 3 - 4
_Lp = sps.csr_array(np.array([[1, -1, 0, 0, 0], [-1, 2, -1, 0, 0], [0, -1, 2, -1, 0],
                              [0, 0, -1, 2, -1], [0, 0, 0, -1, 1]], dtype=float))
_y = np.array([0.0, 0.0, 5.0, 0.0, 0.0])
_x = graph_smooth(_Lp.copy(), _y.copy(), 1.0)
assert_shape(_x, (5,), name="graph_smooth(L, y, 1.0)")
_res = np.linalg.norm(_x + 1.0 * (_Lp @ np.asarray(_x, dtype=float)) - _y) / np.linalg.norm(_y)
assert _res <= 1e-7, f"the relative residual of your x is {_res:.1e}, larger than 1e-8."
assert abs(np.sum(_x) - 5.0) < 1e-6, "smoothing on a graph should keep the total sum of the signal (L has zero row sums)."

# %% nbgrader={"grade": true, "grade_id": "q4-smooth-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: grid and random-graph Laplacians up to 2400 nodes, strong smoothing (large lam, an
# ill-conditioned system), lam = 0, a csr_matrix input, inputs left unchanged, dense solvers blocked.
### BEGIN HIDDEN TESTS
import scipy.linalg
from autograder import calls
from autograder.checks import assert_shape, forbid_calls

_rng = np.random.default_rng(9401)


def _grid(m, n):
    _a = lambda k: sps.diags_array([np.ones(k - 1), np.ones(k - 1)], offsets=[-1, 1], shape=(k, k))
    _W = sps.csr_array(sps.kron(sps.eye_array(m), _a(n)) + sps.kron(_a(m), sps.eye_array(n)))
    return (sps.diags_array(_W.sum(axis=1)) - _W).tocsr()


_Wr = sps.random_array((300, 300), density=0.02, rng=_rng)
_Wr = sps.csr_array(sps.triu(_Wr, k=1))
_Wr = _Wr + _Wr.T                                   # a weighted random graph, some isolated nodes
_Lr = (sps.diags_array(_Wr.sum(axis=1)) - _Wr).tocsr()
_cases = [(_grid(40, 60), 1.0), (_grid(40, 60), 200.0), (_grid(7, 3), 0.0),
          (sps.csr_matrix(_grid(10, 20)), 5.0), (_Lr, 10.0), (_Lr.tocsc(), 0.5)]
_why = "use a sparse solver (spla.cg or spla.spsolve)"
with forbid_calls(calls.DENSE_SOLVERS, reason=_why, func=graph_smooth):
    for _L, _lam in _cases:
        _N = _L.shape[0]
        _y = _rng.normal(size=_N) + 3.0
        _y0, _L0 = _y.copy(), _L.copy()
        _x = graph_smooth(_L, _y, _lam)
        assert_shape(_x, (_N,), name=f"graph_smooth for N = {_N}")
        _x = np.asarray(_x, dtype=float)
        _res = np.linalg.norm(_x + _lam * (_L0 @ _x) - _y0) / np.linalg.norm(_y0)
        assert np.isfinite(_res) and _res <= 1e-7, (
            f"for N = {_N} and lam = {_lam} the relative residual ||(I + lam L) x - y|| / ||y|| is {_res:.1e}, "
            "not below 1e-8: solve (I + lam L) x = y, and set the solver's rtol (its default is 1e-5).")
        assert np.array_equal(_y, _y0) and abs(_L - _L0).max() == 0, "graph_smooth changed L or y."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: predict the number of CG iterations (3 points)
#
# Section 6 bounds the error of CG after $k$ steps, for a symmetric positive definite matrix with
# condition number $\kappa = \lambda_{\max}/\lambda_{\min}$:
# $$ \lVert x_k - x\rVert_A \;\le\; 2\left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^{k} \lVert x_0 - x\rVert_A . $$
# Turn it into a prediction, without running any solver, for the smoothing system $(I + \lambda L)\,x = y$
# of Question 4 when $L$ is the Laplacian of the $m\times n$ grid of Question 3.
#
# Write `cg_iterations(m, n, lam, tol)` that returns, as an integer, the **smallest** $k \ge 0$ for which
# the bound guarantees $\lVert x_k - x\rVert_A \le \mathtt{tol}\,\lVert x_0 - x\rVert_A$, where $\kappa$ is
# the exact condition number of $I + \lambda L$. The arguments are integers $m, n \ge 1$, a number
# `lam` $\ge 0$ and a tolerance $0 <$ `tol` $< 1$. The hidden tests call your function on other grids
# (from $1\times1$ up to $10^6\times10^6$, far too large to build $L$), other strengths and other
# tolerances, so your answer must be a rule that works for all of them, not a number read off one run.

# %% nbgrader={"grade": false, "grade_id": "q5-cg-iterations", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def cg_iterations(m, n, lam, tol):
    ### BEGIN SOLUTION
    def path_max(k):                       # largest eigenvalue of the path Laplacian L_k (0 for k = 1)
        return 2 - 2 * np.cos((k - 1) * np.pi / k)

    kappa = 1 + lam * (path_max(m) + path_max(n))      # lambda_min(I + lam L) = 1 since L has eigenvalue 0
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    if rate == 0:                          # kappa = 1: the bound 2 * 0**k drops to 0 at k = 1
        return 1
    return int(np.ceil(np.log(tol / 2) / np.log(rate)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-cg-iterations-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_k = cg_iterations(3, 4, 2.0, 1e-6)
try:
    _ok_int = float(_k) == int(_k)
except (TypeError, ValueError, OverflowError):
    _ok_int = False
assert _ok_int, f"cg_iterations should return an integer number of iterations, not {_k!r}."
assert int(_k) == 27, (f"cg_iterations(3, 4, 2.0, 1e-6) returned {_k}, but that is not the smallest k at which the "
                  "bound drops to 1e-6: check kappa (the extreme eigenvalues of I + lam L for this 3 x 4 grid) "
                  "and the rounding of k.")

# %% nbgrader={"grade": true, "grade_id": "q5-cg-iterations-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: square, rectangular, one-row and 1 x 1 grids up to 10^6 x 10^6, lam = 0, weak and strong
# smoothing, tolerances from 0.9 to 1e-14, and a seeded sweep, against a 50-digit evaluation of the bound.
### BEGIN HIDDEN TESTS
import mpmath

mpmath.mp.dps = 50


def _bound_parts(m, n, lam):
    _pmax = lambda k: 2 - 2 * mpmath.cos((k - 1) * mpmath.pi / k)
    _kappa = 1 + mpmath.mpf(lam) * (_pmax(m) + _pmax(n))
    return _kappa, (mpmath.sqrt(_kappa) - 1) / (mpmath.sqrt(_kappa) + 1)


def _check_k(m, n, lam, tol):
    _kappa, _r = _bound_parts(m, n, lam)
    _b = lambda k: 2 * _r**k if k > 0 else mpmath.mpf(2)
    _slack = mpmath.mpf("1e-9")                       # near a tie, both neighbours are accepted
    _call = f"cg_iterations({m}, {n}, {lam}, {tol})"
    try:
        _k = cg_iterations(m, n, lam, tol)
    except MemoryError:
        raise AssertionError(f"{_call} ran out of memory: predict k from a formula for kappa, "
                             "do not build the grid's matrix.") from None
    try:
        _ok_int = float(_k) == int(_k)
    except (TypeError, ValueError, OverflowError):
        _ok_int = False
    assert _ok_int, f"{_call} returned {_k!r}, not an integer number of iterations."
    _k = int(_k)
    if _kappa == 1:
        assert _k == 1, (f"{_call} returned {_k}: here kappa = 1 (lam = 0 or a 1 x 1 grid), so the ratio in the "
                         "bound is 0; evaluate the bound 2 r**k at k = 0 and k = 1 instead of dividing by log(r).")
        return
    assert _k >= 0 and _b(_k) <= tol * (1 + _slack), (
        f"{_call} returned {_k}, too few: the bound, 2 r**k with r = (sqrt(kappa) - 1) / (sqrt(kappa) + 1), its "
        "factor 2 included, is still above tol at that k. Check kappa (the smallest and largest eigenvalues of "
        "I + lam L for this grid) and round k up, not down.")
    assert _k == 0 or _b(_k - 1) > tol * (1 - _slack), (
        f"{_call} returned {_k}, more than the smallest k at which the bound reaches tol. Check that kappa is "
        "right for this grid (small grids too, not only large ones), that r is the ratio of the bound (with "
        "square roots), and that k is the exact smallest integer, not an estimate of it.")


for _case in [(2, 3, 1.0, 1e-4), (5, 5, 10.0, 1e-8), (1, 7, 0.5, 1e-3), (9, 1, 4.0, 1e-12), (2, 2, 1.0, 0.9),
              (200, 200, 1.0, 1e-8), (40, 60, 200.0, 1e-10), (10**6, 10**6, 1e4, 1e-10), (1000, 3, 250.0, 0.5),
              (10**6, 1, 3.0, 1e-6)]:
    _check_k(*_case)
_rng = np.random.default_rng(9501)
for _ in range(40):
    _m, _n = (int(v) for v in np.round(10 ** _rng.uniform(0, 6, size=2)))
    _check_k(_m, _n, float(10 ** _rng.uniform(-3, 5)), float(10 ** _rng.uniform(-14, np.log10(0.5))))
for _case in [(1, 1, 3.0, 1e-3), (6, 8, 0.0, 1e-6), (1, 1, 0.0, 0.5)]:
    _check_k(*_case)
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: a matrix built for fill-in (3 points)
#
# Section 7 mentions *fill-in*. A direct solver for a symmetric positive definite $A$ computes its
# Cholesky factor $G$ ($A = GG^\top$, $G$ lower triangular; `np.linalg.cholesky`) by eliminating the
# unknowns in order. Eliminating unknown $k$ subtracts multiples of its row from the rows of the later
# unknowns still joined to it (the $j > k$ with a non-zero in position $(j, k)$ of the matrix as the
# earlier steps left it), so any two of these later unknowns become joined to each other: zeros of $A$
# turn into non-zeros of $G$. The order of the unknowns decides how much fill-in there is.
#
# Construct the worst case, and its cure. Write `fill_in_example(N)` that, for any integer $N \ge 2$,
# returns a pair `(A, perm)`:
#
# * `A`: a **SciPy sparse matrix** (any format) of shape $(N, N)$, symmetric positive definite with
#   condition number below $10^8$, with **at most $3N$ non-zero entries**, whose Cholesky factor $G$
#   (unknowns in their given order) has **no zero entry on or below its diagonal**: complete fill-in,
#   $N(N+1)/2$ non-zeros;
# * `perm`: a permutation of $0, 1, \dots, N-1$ (a list or 1-D integer array) that removes **all** the
#   fill-in: the reordered matrix $B$ with $B_{ij} = A_{\mathtt{perm}[i],\,\mathtt{perm}[j]}$
#   (`A[perm][:, perm]` for a dense array) must have a Cholesky factor with non-zeros only where $B$ has
#   non-zeros.
#
# The tests count an entry of a Cholesky factor as zero when its magnitude is below $10^{-12}$ times the
# largest one, and call your function for $N$ from 2 to 300.

# %% nbgrader={"grade": false, "grade_id": "q6-fill-in", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
def fill_in_example(N):
    ### BEGIN SOLUTION
    # An arrowhead: unknown 0 is joined to every other one, so eliminating it first joins all of them;
    # eliminated last, it joins nothing new. Diagonal N, off-diagonal 1: strictly diagonally dominant.
    rows = np.concatenate([np.arange(N), np.zeros(N - 1, dtype=int), np.arange(1, N)])
    cols = np.concatenate([np.arange(N), np.arange(1, N), np.zeros(N - 1, dtype=int)])
    vals = np.concatenate([np.full(N, float(N)), np.ones(2 * (N - 1))])
    A = sps.coo_array((vals, (rows, cols)), shape=(N, N)).tocsr()
    perm = list(range(1, N)) + [0]
    return A, perm
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-fill-in-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
def _check_fill_matrix(A, N):
    """Dense copy of a valid A, or an AssertionError naming the property A breaks."""
    assert sps.issparse(A), f"for N = {N}, A should be a SciPy sparse matrix, not {type(A).__name__}."
    assert A.shape == (N, N), f"for N = {N}, A has shape {A.shape}, not {(N, N)}."
    _Ad = np.asarray(A.toarray(), dtype=float)
    assert np.all(np.isfinite(_Ad)), f"for N = {N}, A has entries that are inf or nan."
    _nz = np.count_nonzero(_Ad)
    assert _nz <= 3 * N, f"for N = {N}, A has {_nz} non-zero entries, more than 3N = {3 * N}."
    assert np.abs(_Ad - _Ad.T).max() <= 1e-12 * np.abs(_Ad).max(), f"for N = {N}, A is not symmetric."
    _ev = np.linalg.eigvalsh(_Ad)
    assert _ev[0] > 0, f"for N = {N}, A is not positive definite (its smallest eigenvalue is {_ev[0]:.3g})."
    assert _ev[-1] < 1e8 * _ev[0], f"for N = {N}, the condition number of A is {_ev[-1] / _ev[0]:.2g}, not below 1e8."
    _G = np.linalg.cholesky(_Ad)
    _zeros = int(np.sum(np.abs(np.tril(_G)) <= 1e-12 * np.abs(_G).max())) - N * (N - 1) // 2
    assert _zeros == 0, (f"for N = {N}, the Cholesky factor of A has {_zeros} zero "
                         f"entr{'y' if _zeros == 1 else 'ies'} on or below its diagonal: the question asks for "
                         "complete fill-in. Think about which pairs of unknowns the elimination of the first one joins.")
    return _Ad


_A, _perm = fill_in_example(6)
_check_fill_matrix(_A, 6)
assert sorted(int(p) for p in np.asarray(_perm).ravel()) == list(range(6)) and len(_perm) == 6, (
    "perm should be a permutation of 0, 1, ..., N-1 (here N = 6).")

# %% nbgrader={"grade": true, "grade_id": "q6-fill-in-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: N = 2, 3, 4, 7, 20, 63 and 300: every property of A, and no fill-in at all after perm.
### BEGIN HIDDEN TESTS
for _N in (2, 3, 4, 7, 20, 63, 300):
    _A, _perm = fill_in_example(_N)
    _Ad = _check_fill_matrix(_A, _N)
    _p = np.asarray(_perm)
    assert _p.ndim == 1 and len(_p) == _N and sorted(int(v) for v in _p) == list(range(_N)) \
        and np.all(_p == np.round(_p)), f"for N = {_N}, perm is not a permutation of 0, 1, ..., N-1."
    _p = _p.astype(int)
    _B = _Ad[np.ix_(_p, _p)]
    _GB = np.linalg.cholesky(_B)
    _fill = int(np.sum((np.abs(np.tril(_GB)) > 1e-12 * np.abs(_GB).max()) & (_B == 0)))
    assert _fill == 0, (f"for N = {_N}, with your perm the Cholesky factor of the reordered matrix still has "
                        f"{_fill} fill-in entr{'y' if _fill == 1 else 'ies'} (non-zeros where B has a zero): order the "
                        "unknowns so that eliminating each one joins no two remaining unknowns that were not joined "
                        "already.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: find the line that loses the digits (3 points)
#
# Before training, a colleague standardizes the features with the function `standardize` below
# (locked, do not change it): it should return `X_test` with each column shifted by the **mean** and divided
# by the **standard deviation** (dividing by $n$) of the same column of `X_train`, statistics of the training
# set only, as a scaler fitted on the training data does. On the demonstration data `X_demo` (times of
# events in Unix seconds, all within one minute; click counts; prices), the first column comes out wrong.
# Run it and look at the mean and the standard deviation of each column of `standardize(X_demo, X_demo)`.
#
# 1. Store in `faulty_line` the number of the line of `standardize` where the wrong value is computed
#    (the `def` line is line 1; *View > Show Line Numbers* in JupyterLab) — where the digits are lost, not
#    where the damage shows.
# 2. Write `standardize_fixed(X_train, X_test)`, the corrected function: the same arguments (2-D arrays
#    or nested lists, $n \ge 2$ rows for `X_train`, any number of rows for `X_test`, the same number of
#    columns, no constant column in `X_train`) and the same result as `standardize` is meant to return, a
#    float array of the shape of `X_test`, correct to $10^{-6}$ whatever the offset and the scale of each
#    feature (even an offset $10^8$ times the spread). NumPy's functions are allowed; do not modify the
#    inputs.

# %% nbgrader={"grade": false, "grade_id": "q7-given", "locked": true, "schema_version": 3, "solution": false, "task": false}
def standardize(X_train, X_test):
    """X_test scaled with the column means and standard deviations (divide by n) of X_train."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    n = X_train.shape[0]
    mean = X_train.sum(axis=0) / n
    var = (X_train**2).sum(axis=0) / n - mean**2
    std = np.sqrt(var)
    return (X_test - mean) / std


_rng_demo = np.random.default_rng(97)
X_demo = np.column_stack([1.7e9 + _rng_demo.uniform(0, 60, size=200),     # event times (s), within a minute
                          _rng_demo.poisson(3.0, size=200),                 # clicks
                          100 + 20 * _rng_demo.normal(size=200)])           # prices

# %% nbgrader={"grade": false, "grade_id": "q7-standardize", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
# faulty_line = the number of the line of standardize where the digits are lost
### BEGIN SOLUTION
faulty_line = 7
### END SOLUTION


def standardize_fixed(X_train, X_test):
    ### BEGIN SOLUTION
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    std = np.sqrt(((X_train - mean) ** 2).mean(axis=0))    # two passes: subtract the mean first
    return (X_test - mean) / std
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-standardize-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_shape

assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 9, (
    "faulty_line should be the number of a line of standardize, an integer from 1 (the def line) to 9.")
_Z = standardize_fixed(X_demo.copy(), X_demo.copy())
assert_shape(_Z, X_demo.shape, name="standardize_fixed(X_demo, X_demo)")
_Z = np.asarray(_Z, dtype=float)
assert_close(_Z.mean(axis=0), np.zeros(3), atol=1e-6, name="the column means of standardize_fixed(X_demo, X_demo)",
             hint="subtract the mean of each column of X_train.")
assert_close(np.sqrt(np.mean((_Z - _Z.mean(axis=0)) ** 2, axis=0)), np.ones(3), rtol=1e-6,
             name="the column standard deviations of standardize_fixed(X_demo, X_demo)",
             hint="divide by the standard deviation of each column of X_train, dividing by n.")

# %% nbgrader={"grade": true, "grade_id": "q7-standardize-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the fix on features with huge positive and negative offsets and tiny spreads, ordinary
# features, test sets of other sizes (one row), lists, two training rows, inputs left unchanged; then
# faulty_line.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_shape

_rng = np.random.default_rng(9701)


def _features(n):
    return np.column_stack([1.7e9 + _rng.uniform(0, 3600, size=n),       # timestamps within an hour
                            5e7 + 0.5 * _rng.normal(size=n),               # a sensor, offset 1e8 times the spread
                            -3e6 + 0.03 * _rng.normal(size=n),             # a negative offset, 1e8 times the spread
                            _rng.normal(size=n),                           # an ordinary feature
                            1e-3 * _rng.exponential(size=n)])              # a small positive feature


_cases = [(_features(500), _features(40), "500 training rows, 40 test rows"),
          (_features(2000), _features(1), "2000 training rows, one test row"),
          (_features(2), _features(3), "two training rows")]
_Xa = _features(50)
_cases.append((_Xa[:, [0, 3]].tolist(), _Xa[:7, [0, 3]].tolist(), "nested lists with two columns"))
_refs = []
for _Xtr, _Xte, _what in _cases:
    _tr, _te = np.asarray(_Xtr, dtype=float), np.asarray(_Xte, dtype=float)
    _mu = _tr.mean(axis=0)
    _refs.append((_Xtr, _Xte, _what, (_te - _mu) / np.sqrt(((_tr - _mu) ** 2).mean(axis=0))))
for _Xtr, _Xte, _what, _ref in _refs:
    _tr0, _te0 = np.array(_Xtr, dtype=float), np.array(_Xte, dtype=float)
    _Z = standardize_fixed(_Xtr, _Xte)
    assert_shape(_Z, _ref.shape, name=f"standardize_fixed for {_what}")
    assert_close(_Z, _ref, rtol=1e-6, atol=1e-6, name=f"standardize_fixed for {_what}",
                 hint="use the mean and the standard deviation of the columns of X_train (dividing by n, not "
                      "n - 1), computed without subtracting two large, nearly equal numbers.")
    assert np.array_equal(np.asarray(_Xtr, dtype=float), _tr0) and np.array_equal(np.asarray(_Xte, dtype=float), _te0), \
        "standardize_fixed changed its inputs."
assert isinstance(faulty_line, (int, np.integer)), "faulty_line should be an integer."
assert faulty_line not in (8, 9), (f"line {faulty_line} is where the damage shows (a nan, a wrong scale), not where "
                                   "it is done: find the first line whose result is already wrong.")
assert faulty_line == 7, (f"line {faulty_line} computes what it should: compare each intermediate value of "
                          "standardize on X_demo with an accurate computation of the same quantity.")
### END HIDDEN TESTS
