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
# # Chapter 09 exercises: sparse matrices and numerical stability
#
# Seven questions: building a CSR matrix from triplets, a sparse matrix–vector product written by
# hand, the grid Laplacian, smoothing a signal on a graph with conjugate gradients, two
# cancellation-free formulas, and an exact computation with SymPy. Each question has a **visible
# test** you can run now and **hidden tests** that run when your notebook is graded (on other inputs,
# including edge cases), so make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/09-sparse/09-sparse-exercises.ipynb`.
#
# Read chapter 09 (`course/09-sparse.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import sympy as sp

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
# array (for example $10^7\times10^7$ with a handful of non-zeros), so never build a dense
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
# the format, and a 10^7 x 10^7 matrix.
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
_big = (10**7, 10**7)
try:
    _A = triplets_to_csr(np.array([0, 9_999_999, 0]), np.array([5, 9_999_999, 5]), np.array([1.0, 2.0, 3.0]), _big)
except (MemoryError, ValueError) as _e:
    raise AssertionError("triplets_to_csr ran out of memory on a 10^7 x 10^7 matrix with 3 triplets: "
                         "it seems to build a dense array; build a COO matrix and convert it.") from None
assert _A.shape == _big and _A.format == "csr", "the 10^7 x 10^7 matrix has the wrong shape or format."
_found = {(int(_i), int(_j)): float(_v) for _i, _j, _v in zip(*sps.find(_A))}
assert _found == {(0, 5): 4.0, (9_999_999, 9_999_999): 2.0}, "the 10^7 x 10^7 matrix has the wrong entries."
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
# ## Question 5: $(1 - \cos x)/x^2$ without cancellation (3 points)
#
# Write `one_minus_cos_over_x2(x)` that computes $f(x) = (1 - \cos x)/x^2$ **to full double
# precision** (relative error below $10^{-12}$) for every real $x$, including tiny ones such as
# $10^{-9}$ where the direct formula fails, and $x = 0$, where $f$ is defined by continuity as its limit
# $1/2$. `x` is a Python float or a NumPy array of any shape; return a float array of the same shape
# (a 0-d array or a float for a scalar). *Hint:* $1 - \cos x = 2\sin^2(x/2)$.

# %% nbgrader={"grade": false, "grade_id": "q5-cancellation", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def one_minus_cos_over_x2(x):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    h = np.where(x == 0, 1.0, x / 2)                 # avoid 0/0; the value at 0 is set below
    s = np.sin(h) / h
    return np.where(x == 0, 0.5, 0.5 * s**2)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-cancellation-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(one_minus_cos_over_x2(np.array([1.0, 2.0])), (1 - np.cos([1.0, 2.0])) / np.array([1.0, 4.0]),
             rtol=1e-12, name="one_minus_cos_over_x2([1, 2])")

# %% nbgrader={"grade": true, "grade_id": "q5-cancellation-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: x = 0, tiny x (down to 1e-15), negative x, moderate and large x, a 2-D array, a
# scalar, x at and near multiples of pi (odd and even), and a seeded sweep of 400 values of every sign and
# magnitude from 1e-300 to 1e120, all against a 50-digit reference with a relative tolerance.
### BEGIN HIDDEN TESTS
import mpmath
from autograder.checks import assert_close

mpmath.mp.dps = 50


def _f_ref(v):
    v = mpmath.mpf(float(v))
    return float((1 - mpmath.cos(v)) / v**2) if v != 0 else 0.5


with np.errstate(all="ignore"):
    _v0 = one_minus_cos_over_x2(np.array([0.0]))
assert_close(_v0, np.array([0.5]), rtol=1e-12, name="one_minus_cos_over_x2 at x = 0",
             hint="at x = 0 the value is the limit 1/2 (x = 0 needs its own case).")
_tiny = np.array([1e-4, -3e-6, 1e-7, 2.5e-9, 1e-12, -1e-15])
_ref = np.array([_f_ref(v) for v in _tiny])
with np.errstate(all="ignore"):
    _vt = one_minus_cos_over_x2(_tiny.copy())
assert_close(_vt, _ref, rtol=1e-12, name="one_minus_cos_over_x2 for tiny x",
             hint="1 - cos(x) suffers catastrophic cancellation for small x: rewrite it without the subtraction.")
_rng = np.random.default_rng(9501)
_X = np.concatenate([_rng.uniform(-3, 3, size=10), [0.5, -1.7, 4.0, 10.3, -37.1, 123.4]]).reshape(4, 4)
_ref = np.vectorize(_f_ref)(_X)
_vm = one_minus_cos_over_x2(_X.copy())
assert_close(_vm, _ref, rtol=1e-12, name="one_minus_cos_over_x2 for a 4 x 4 array of moderate x",
             hint="your formula must also be right for moderate and large |x|, and keep the shape of x.")
assert_close(np.asarray(one_minus_cos_over_x2(2e-8), dtype=float), _f_ref(2e-8), rtol=1e-12,
             name="one_minus_cos_over_x2 of a Python float")
# "for every real x": at and near multiples of pi, where 1 - cos x and 1 + cos x cancel, and a sweep
_k = np.array([1.0, 2.0, 3.0, 7.0, 10.0, 101.0, 1e4 + 1])
_near = np.concatenate([_k * np.pi, -_k * np.pi, _k * np.pi * (1 + 1e-9), _k * np.pi + 1e-7])
_sweep = _rng.choice([-1.0, 1.0], size=400) * 10.0 ** _rng.uniform(-300, 120, size=400)


def _f_ref_any(v):  # 2 sin^2(v/2) / v^2 at 50 digits: no cancellation at any magnitude, even 1e-300
    v = mpmath.mpf(float(v))
    return float(2 * mpmath.sin(v / 2) ** 2 / v**2) if v != 0 else 0.5


for _xs, _what in [(_near, "x at and near multiples of pi"), (_sweep, "x of every sign and magnitude")]:
    _ref = np.array([_f_ref_any(v) for v in _xs])
    with np.errstate(all="ignore"):
        _got = one_minus_cos_over_x2(_xs.copy())
    assert_close(_got, _ref, rtol=1e-12, atol=1e-300, name=f"one_minus_cos_over_x2 for {_what}",
                 hint="the relative error must stay below 1e-12 for every real x: near multiples of pi, 1 - cos x "
                      "(and 1 + cos x) cancel; avoid both subtractions.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: a numerically stable variance (3 points)
#
# Write `stable_variance(x)` that returns the population variance
# $\frac1n\sum_{i=1}^n (x_i - \bar x)^2$ (divide by $n$, not $n - 1$) of a 1-D list or array of
# numbers, as a float. It must be accurate (relative error below $10^{-6}$) even when the mean is huge
# compared with the spread, e.g. measurements around $10^9$ with standard deviation 1, where the
# formula $\overline{x^2} - \bar x^2$ fails. Raise a `ValueError` for an empty input; do not modify
# `x`. Implement it yourself (two passes, or Welford's update): **no variance from NumPy, as a
# function or a method** (`np.var`, `np.std`, `np.nanvar`, `np.nanstd`, `np.cov`, `x.var()`, `x.std()`)
# **and nothing from the `statistics` module**; the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q6-variance", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def stable_variance(x):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("the variance of no numbers is undefined")
    mean = np.mean(x)
    return float(np.mean((x - mean) ** 2))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-variance-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

assert_scalar_close(stable_variance([1.0, 2.0, 3.0, 4.0]), 1.25, rtol=1e-12, name="stable_variance([1, 2, 3, 4])",
                    hint="the population variance divides by n, not n - 1.")

# %% nbgrader={"grade": true, "grade_id": "q6-variance-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: data with small and huge means (positive and negative), one value, constant data,
# integers, the empty input, the input left unchanged, and library variances blocked.
### BEGIN HIDDEN TESTS
import statistics
from autograder import calls
from autograder.checks import assert_raises, assert_scalar_close, forbid_calls

_rng = np.random.default_rng(9601)
_data = [(_rng.normal(size=50), "50 values around 0"),
         (1e9 + _rng.normal(size=2000), "2000 values around 1e9 with standard deviation 1"),
         (-3e6 + 0.01 * _rng.normal(size=500), "500 values around -3e6 with standard deviation 0.01"),
         (5e7 + 0.1 * _rng.normal(size=3000), "3000 values around 5e7 with standard deviation 0.1"),
         (np.array([7.5]), "a single value"),
         (np.full(100, 123456789.0), "100 equal values")]
_refs = [(_x, _what, float(np.var(_x))) for _x, _what in _data]
_why = "compute the variance yourself"
with forbid_calls(calls.NUMPY_VARIANCE, reason=_why, func=stable_variance):
    for _x, _what, _ref in _refs:
        _x0 = _x.copy()
        _v = stable_variance(_x)
        assert_scalar_close(_v, _ref, rtol=1e-6, atol=1e-9 if _ref == 0 else 0.0,
                            name=f"stable_variance of {_what}",
                            hint="E[x^2] - E[x]^2 suffers catastrophic cancellation when the mean is large; "
                                 "subtract the mean first (two passes) or use Welford's update, and divide by n, "
                                 "not n - 1.")
        assert np.array_equal(_x, _x0), "stable_variance changed its input."
    assert_scalar_close(stable_variance([2, 4, 4, 4, 5, 5, 7, 9]), 4.0, rtol=1e-12,
                        name="stable_variance of a list of integers")
    assert_raises(ValueError, stable_variance, [], call="stable_variance([])")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: an exact answer where floating point struggles (3 points)
#
# The $6\times6$ Hilbert matrix $H$ has entries $H_{ij} = \dfrac{1}{i + j - 1}$ for $i, j = 1, \dots, 6$
# (counting from 1); its condition number is about $10^7$. With SymPy (exact rational arithmetic):
#
# 1. build `H6` as a `sp.Matrix` with exact rational entries;
# 2. store in `x_exact` the exact solution of $H x = e_1$, where $e_1 = (1, 0, 0, 0, 0, 0)^\top$, as a
#    `sp.Matrix` of shape (6, 1);
# 3. store in `kappa_inf` the exact condition number in the $\infty$-norm,
#    $\kappa_\infty(H) = \lVert H\rVert_\infty\,\lVert H^{-1}\rVert_\infty$, where $\lVert A\rVert_\infty$ is the
#    largest **row sum of absolute values** of $A$, as an exact SymPy number.

# %% nbgrader={"grade": false, "grade_id": "q7-exact", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
n = 6
### BEGIN SOLUTION
H6 = sp.Matrix(n, n, lambda i, j: sp.Rational(1, i + j + 1))   # SymPy counts i, j from 0
e1 = sp.Matrix([1, 0, 0, 0, 0, 0])
x_exact = H6.LUsolve(e1)
kappa_inf = H6.norm(sp.oo) * H6.inv().norm(sp.oo)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q7-exact-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

assert isinstance(H6, sp.MatrixBase) and H6.shape == (6, 6), "H6 should be a 6 x 6 SymPy Matrix."
assert_exact(H6, name="H6")
assert isinstance(x_exact, sp.MatrixBase) and x_exact.shape == (6, 1), "x_exact should be a SymPy Matrix of shape (6, 1)."
assert_exact(x_exact, name="x_exact")
assert_exact(kappa_inf, name="kappa_inf")

# %% nbgrader={"grade": true, "grade_id": "q7-exact-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: H6, x_exact and kappa_inf exactly.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal

_H = sp.Matrix(6, 6, lambda i, j: sp.Rational(1, i + j + 1))
assert_sympy_equal(H6, _H, name="H6", hint="with SymPy's 0-based indices i, j the entry is 1/(i + j + 1).")
assert_sympy_equal(_H * sp.Matrix(x_exact), sp.Matrix([1, 0, 0, 0, 0, 0]), name="H6 * x_exact",
                   hint="x_exact should solve H x = e1 exactly.")
assert_sympy_equal(kappa_inf, _H.norm(sp.oo) * _H.inv().norm(sp.oo), name="kappa_inf",
                   hint="use the largest row sum of absolute values, for H and for its inverse.")
### END HIDDEN TESTS
