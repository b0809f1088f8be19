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
# # Chapter 12 exercises: graphs and scalable factorizations
#
# Seven questions: PageRank with dangling nodes on a sparse matrix, a graph-convolution layer, a graph
# built to have three connected components, predicting how many PageRank iterations a tolerance costs,
# the eigenvalues of a cycle graph's Laplacian in exact arithmetic, a randomized SVD that loses its
# small directions, and one update of CP alternating least squares. Each question has a **visible test**
# you can run now and **hidden tests** that run when your notebook is graded (on other inputs, including
# edge cases), so make your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/12-graphs/12-graphs-exercises.ipynb`.
#
# Read chapter 12 (`course/12-graphs.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.sparse as sps
import sympy as sp

np.set_printoptions(precision=4, suppress=True)


def _random_web(n, rng, dangling=0.1, mean_out=4.0, weighted=False):
    """The tests' random directed graphs: a_ij > 0 for a link i -> j, about `dangling` of the rows empty."""
    _out = rng.poisson(mean_out, size=n) * (rng.random(n) >= dangling)
    _src = np.repeat(np.arange(n), _out)
    _dst = rng.integers(0, n, size=_src.size)
    _val = rng.uniform(0.5, 2.0, size=_src.size) if weighted else np.ones(_src.size)
    _A = sps.csr_array((_val, (_src, _dst)), shape=(n, n))
    _A.sum_duplicates()
    if not weighted:
        _A.data[:] = 1.0
    return _A

# %% [markdown]
# ## Question 1: PageRank on a sparse link matrix (4 points)
#
# Write `pagerank(A, alpha=0.85, tol=1e-10)` for a SciPy sparse $n\times n$ matrix `A` with
# non-negative entries, where $a_{ij} > 0$ is the weight of the link from page $i$ to page $j$ (a row of
# zeros is a **dangling** page). The surfer on page $j$ follows link $j \to i$ with probability
# $a_{ji}/\sum_l a_{jl}$; from a dangling page, and with probability $1 - \alpha$ from any page, it jumps
# to a page chosen uniformly at random (Section 2).
#
# * Return the PageRank vector as a 1-D float array of length $n$: non-negative, summing to 1.
# * Power iteration from the uniform vector; stop when $\|\mathbf{x}_{k+1} - \mathbf{x}_k\|_1 <$ `tol`.
#   (The hidden tests accept any $\mathbf{x}$ within $\text{tol}/(1-\alpha)$ of the exact PageRank in the
#   1-norm, which this rule guarantees.)
# * It must scale: the hidden tests use a graph of 50 000 pages. **Never densify** `A` (no
#   `.toarray()` / `.todense()`: the tests watch the calls) and never form the Google matrix. Do not
#   modify `A`.

# %% nbgrader={"grade": false, "grade_id": "q1-pagerank", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def pagerank(A, alpha=0.85, tol=1e-10):
    ### BEGIN SOLUTION
    A = sps.csr_array(A, dtype=float)
    n = A.shape[0]
    out = np.asarray(A.sum(axis=1)).ravel()
    inv = np.divide(1.0, out, out=np.zeros(n), where=out > 0)
    P = sps.csr_array(A.T @ sps.diags_array(inv))
    x = np.full(n, 1.0 / n)
    while True:
        x_new = alpha * (P @ x)
        x_new += (1.0 - x_new.sum()) / n       # the dangling pages' mass and the teleportation
        if np.abs(x_new - x).sum() < tol:
            return x_new
        x = x_new
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-pagerank-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_links = [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2), (3, 4), (4, 5), (5, 3), (5, 6), (4, 6), (1, 6)]
_A = sps.csr_array((np.ones(len(_links)), tuple(zip(*_links))), shape=(7, 7))
assert_close(pagerank(_A), np.array([0.2416, 0.1439, 0.2356, 0.0718, 0.0718, 0.0718, 0.1635]), atol=1e-4,
             name="pagerank of the 7-page web of Section 2",
             hint="page 6 has no out-link: its probability must be spread over all pages, not lost.")

# %% nbgrader={"grade": true, "grade_id": "q1-pagerank-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random graphs with dangling pages and weighted links, alpha and tol by keyword and by position,
# a graph where every page is dangling, A unchanged, and a 50 000-page graph that must not be densified.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, forbid_calls

_DENSIFY = calls.Family("densifying the sparse matrix (toarray, todense)", ("scipy.sparse._:toarray,todense",))
_rng = np.random.default_rng(12101)


def _exact_pagerank(_A, _alpha):
    _Ad = _A.toarray()
    _out = _Ad.sum(axis=1)
    _P = (_Ad / np.where(_out > 0, _out, 1.0)[:, None]).T
    _y = np.linalg.solve(np.eye(len(_Ad)) - _alpha * _P, np.ones(len(_Ad)))
    return _y / _y.sum()


_why = "PageRank must scale to graphs whose dense matrix does not fit in memory"
with forbid_calls(_DENSIFY, reason=_why, func=pagerank):
    for _n, _alpha, _tol, _weighted, _how in [(30, 0.85, 1e-10, False, "default"), (120, 0.5, 1e-12, False, "keyword"),
                                              (80, 0.99, 1e-9, True, "position"), (300, 0.85, 1e-6, True, "keyword")]:
        _A = _random_web(_n, _rng, dangling=0.2, weighted=_weighted)
        _ref = _exact_pagerank(_A, _alpha)
        _Ac = _A.copy()
        if _how == "default":
            _x = pagerank(_A)
        elif _how == "keyword":
            _x = pagerank(_A, alpha=_alpha, tol=_tol)
        else:
            _x = pagerank(_A, _alpha, _tol)
        assert (_A != _Ac).nnz == 0, "pagerank changed its input A; work on a copy."
        _x = np.asarray(_x, dtype=float)
        assert _x.shape == (_n,), f"for {_n} pages, pagerank should return a 1-D array of length {_n}, got {_x.shape}."
        assert abs(_x.sum() - 1) < 1e-8, \
            ("the PageRank vector does not sum to 1: the probability of the dangling pages must be spread "
             "uniformly, not dropped.")
        assert_close(_x, _ref, rtol=0, atol=_tol / (1 - _alpha) + 1e-12,
                     name=f"pagerank for {_n} pages with alpha = {_alpha}" + (", weighted links" if _weighted else ""),
                     hint=("a link's probability is its weight divided by the total weight leaving its page."
                           if _weighted else "follow links with probability alpha, teleport with 1 - alpha."))
    _x = np.asarray(pagerank(sps.csr_array((5, 5))), dtype=float)
    assert_close(_x, np.full(5, 0.2), name="pagerank of 5 pages without any link (all dangling)",
                 hint="from a dangling page the surfer jumps uniformly.")
    _big = _random_web(50_000, _rng, dangling=0.1, mean_out=5.0)
    _P = sps.csr_array(_big.T @ sps.diags_array(np.divide(1.0, _big.sum(axis=1), out=np.zeros(50_000),
                                                          where=_big.sum(axis=1) > 0)))
    _ref = np.full(50_000, 1 / 50_000)
    for _ in range(200):
        _ref = 0.85 * (_P @ _ref)
        _ref += (1 - _ref.sum()) / 50_000
    _x = np.asarray(pagerank(_big, 0.85, 1e-10), dtype=float)
    assert_close(_x, _ref, rtol=0, atol=1e-9, name="pagerank of a 50 000-page graph")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: one graph-convolution layer (3 points)
#
# Write `gcn_layer(A, X, W)` that returns $\hat A X W$, with $\hat A = \tilde D^{-1/2}(A + I)\tilde D^{-1/2}$
# and $\tilde D$ the diagonal matrix of the row sums of $A + I$ (Section 3; no nonlinearity). `A` is a
# symmetric SciPy sparse $n\times n$ adjacency matrix with zero diagonal (isolated nodes allowed), `X` an
# $n\times f$ NumPy array, `W` an $f\times f'$ NumPy array.
#
# * Return a dense NumPy array of shape $(n, f')$.
# * It must scale like $O(\text{nnz}\cdot f)$: the hidden tests use a graph of 50 000 nodes. **Never
#   densify** `A` or $\hat A$ (no `.toarray()` / `.todense()`). Do not modify the inputs.

# %% nbgrader={"grade": false, "grade_id": "q2-gcn", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def gcn_layer(A, X, W):
    ### BEGIN SOLUTION
    A_tilde = sps.csr_array(A, dtype=float) + sps.eye_array(A.shape[0], format="csr")
    d = np.asarray(A_tilde.sum(axis=1)).ravel()
    scale = sps.diags_array(1.0 / np.sqrt(d))
    return np.asarray(scale @ (A_tilde @ (scale @ (np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)))))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-gcn-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_A = sps.csr_array(np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]))   # the path 0 - 1 - 2
_out = gcn_layer(_A, np.eye(3), np.eye(3))
_s = 1 / np.sqrt(6)
assert_close(_out, np.array([[0.5, _s, 0], [_s, 1 / 3, _s], [0, _s, 0.5]]), name="gcn_layer(path, I, I), which is A_hat",
             hint="add the self-loops before computing the degrees, and scale rows and columns by 1/sqrt(degree).")

# %% nbgrader={"grade": true, "grade_id": "q2-gcn-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random graphs with isolated nodes and rectangular X, W; the inputs unchanged; a 50 000-node
# graph that must not be densified.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_close, forbid_calls

_DENSIFY = calls.Family("densifying the sparse matrix (toarray, todense)", ("scipy.sparse._:toarray,todense",))
_rng = np.random.default_rng(12201)


def _sym_graph(n, mean_deg, rng):
    _m = rng.poisson(n * mean_deg / 2)
    _r, _c = rng.integers(0, n, _m), rng.integers(0, n, _m)
    _keep = _r != _c
    _U = sps.csr_array((np.ones(_keep.sum()), (_r[_keep], _c[_keep])), shape=(n, n))
    _S = sps.csr_array(_U + _U.T)
    _S.data[:] = 1.0
    return _S


_why = "a graph-convolution layer must cost O(nnz f), not O(n^2 f)"
with forbid_calls(_DENSIFY, reason=_why, func=gcn_layer):
    for _n, _f, _g in [(12, 3, 2), (50, 7, 4), (200, 16, 1)]:
        _A = _sym_graph(_n, 2.0, _rng)
        _X, _W = _rng.normal(size=(_n, _f)), _rng.normal(size=(_f, _g))
        _At = _A.toarray() + np.eye(_n)
        _Dm = np.diag(1 / np.sqrt(_At.sum(axis=1)))
        _ref = _Dm @ _At @ _Dm @ _X @ _W
        _Ac, _Xc, _Wc = _A.copy(), _X.copy(), _W.copy()
        _out = gcn_layer(_A, _X, _W)
        assert (_A != _Ac).nnz == 0 and np.array_equal(_X, _Xc) and np.array_equal(_W, _Wc), \
            "gcn_layer changed one of its inputs; work on copies."
        assert_close(_out, _ref, rtol=1e-9, atol=1e-12, name=f"gcn_layer for {_n} nodes, X {_X.shape}, W {_W.shape}",
                     hint="A_hat = D~^{-1/2} (A + I) D~^{-1/2}, with the degrees of A + I (self-loops included), "
                          "scaling both rows and columns.")
    _A = _sym_graph(50_000, 5.0, _rng)
    _X, _W = _rng.normal(size=(50_000, 8)), _rng.normal(size=(8, 4))
    _At = sps.csr_array(_A + sps.eye_array(50_000))
    _dm = 1 / np.sqrt(np.asarray(_At.sum(axis=1)).ravel())
    _ref = _dm[:, None] * (_At @ (_dm[:, None] * (_X @ _W)))
    assert_close(gcn_layer(_A, _X, _W), _ref, rtol=1e-9, atol=1e-12, name="gcn_layer for a 50 000-node graph")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: a graph with three components (3 points)
#
# Construct `A3`, the adjacency matrix of an undirected graph on **10 nodes** with
#
# * exactly **3 connected components**, so that its Laplacian $L = D - A$ has exactly three zero
#   eigenvalues (Section 1), and
# * **every node of degree at least 2**.
#
# `A3` is a $10\times 10$ NumPy array or SciPy sparse matrix, symmetric, with entries 0 and 1 and a zero
# diagonal (no self-loops). Any such graph is accepted.

# %% nbgrader={"grade": false, "grade_id": "q3-components", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
### BEGIN SOLUTION
A3 = np.zeros((10, 10))
for _group in ([0, 1, 2], [3, 4, 5], [6, 7, 8, 9]):        # a cycle on each group
    for _a, _b in zip(_group, _group[1:] + _group[:1]):
        A3[_a, _b] = A3[_b, _a] = 1.0
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q3-components-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_M = np.asarray(A3.toarray() if sps.issparse(A3) else A3, dtype=float)
assert _M.shape == (10, 10), f"A3 should be 10 x 10, got shape {_M.shape}."
assert np.array_equal(_M, _M.T), "A3 should be symmetric: an undirected edge i - j is a_ij = a_ji = 1."

# %% nbgrader={"grade": true, "grade_id": "q3-components-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: a symmetric 0/1 matrix with zero diagonal, all degrees >= 2, exactly three zero eigenvalues of L.
### BEGIN HIDDEN TESTS
_M = np.asarray(A3.toarray() if sps.issparse(A3) else A3, dtype=float)
assert _M.shape == (10, 10), f"A3 should be 10 x 10, got shape {_M.shape}."
assert np.array_equal(_M, _M.T), "A3 is not symmetric: an undirected edge i - j is a_ij = a_ji = 1."
assert np.all((_M == 0) | (_M == 1)), "A3 should have entries 0 and 1 only."
assert np.all(np.diag(_M) == 0), "A3 has a non-zero diagonal entry: no self-loops."
_deg = _M.sum(axis=1)
assert _deg.min() >= 2, f"node {int(np.argmin(_deg))} has degree {int(_deg.min())}; every node needs degree at least 2."
_zeros = int(np.sum(np.abs(np.linalg.eigvalsh(np.diag(_deg) - _M)) < 1e-9))
assert _zeros == 3, (f"the Laplacian of A3 has {_zeros} zero eigenvalue(s), so the graph has {_zeros} connected "
                     "component(s), not 3.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: predict the number of PageRank iterations (4 points)
#
# Power iteration for PageRank starts from the uniform vector $\mathbf{x}_0$ and computes
# $\mathbf{x}_{k+1} = G\mathbf{x}_k$. Write `pagerank_iterations(alpha, tol)` that returns your
# **prediction** of the number of iterations $k$ after which $\|\mathbf{x}_k - \mathbf{x}^*\|_1 \le$ `tol`,
# for any damping $0.1 \le \alpha \le 0.99$ and $10^{-12} \le \text{tol} \le 10^{-2}$, on the graphs where
# convergence is slowest: those where $P$ has a second eigenvalue of modulus 1.
#
# A rule in terms of `alpha` and `tol` is asked; do not run an iteration inside the function. The grader
# builds such graphs (pages 0 and 1 link only to each other, and every other page links to page 0), runs the iteration for damping values and tolerances of its own, and accepts each
# prediction within **25% + 3 iterations** of the measured count.

# %% nbgrader={"grade": false, "grade_id": "q4-iterations", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def pagerank_iterations(alpha, tol):
    ### BEGIN SOLUTION
    return float(np.ceil(np.log(tol / 2) / np.log(alpha)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-iterations-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _alpha in (0.5, 0.85, 0.99):
    for _tol in (1e-2, 1e-8):
        _k = pagerank_iterations(_alpha, _tol)
        assert np.ndim(_k) == 0 and np.isfinite(float(_k)) and float(_k) > 0, \
            f"pagerank_iterations({_alpha}, {_tol:g}) should be a positive number."
assert float(pagerank_iterations(0.85, 1e-8)) > float(pagerank_iterations(0.85, 1e-2)), \
    "a smaller tolerance cannot need fewer iterations."

# %% nbgrader={"grade": true, "grade_id": "q4-iterations-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: predictions against counts measured on slow graphs for damping 0.1 to 0.99 and tol 1e-2 to 1e-12.
### BEGIN HIDDEN TESTS
def _measured_iterations(n, alpha, tol):
    _src = [0, 1] + list(range(2, n))
    _dst = [1, 0] + [0] * (n - 2)
    _A = sps.csr_array((np.ones(n), (_src, _dst)), shape=(n, n))
    _P = sps.csr_array(_A.T)                                    # every page has exactly one out-link
    _y = np.linalg.solve(np.eye(n) - alpha * _P.toarray(), np.ones(n))
    _xs = _y / _y.sum()
    _x = np.full(n, 1.0 / n)
    for _k in range(1, 50_000):
        _x = alpha * (_P @ _x)
        _x += (1 - _x.sum()) / n
        if np.abs(_x - _xs).sum() <= tol:
            return _k
    return None


for _n, _alpha, _tol in [(20, 0.1, 1e-12), (40, 0.3, 1e-6), (20, 0.5, 1e-3), (60, 0.7, 1e-10), (30, 0.85, 1e-2),
                         (30, 0.85, 1e-9), (40, 0.9, 1e-5), (20, 0.95, 1e-11), (50, 0.99, 1e-4), (20, 0.99, 1e-8)]:
    _meas = _measured_iterations(_n, _alpha, _tol)
    _k = float(pagerank_iterations(_alpha, _tol))
    assert np.isfinite(_k) and _k > 0, f"pagerank_iterations({_alpha}, {_tol:g}) should be a positive number."
    assert abs(_k - _meas) <= 0.25 * _meas + 3, \
        (f"pagerank_iterations({_alpha}, {_tol:g}) = {_k:g} is more than 25% + 3 away from the number of iterations "
         "measured on a slow graph: how fast does the error shrink per iteration, and how large is it at the start?")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: the spectrum of a cycle, exactly (4 points)
#
# The **cycle graph** $C_n$ joins node $k$ to nodes $k - 1$ and $k + 1$ (indices modulo $n$), so
# $(L\mathbf{v})_k = 2v_k - v_{k-1} - v_{k+1}$. Its Laplacian has $n$ eigenvalues
# $\lambda_0, \dots, \lambda_{n-1}$, one for each $j = 0, \dots, n-1$, with eigenvectors whose entries
# are a "wave" in $k$ with frequency $j/n$. With SymPy, using the symbols `n`, `j`, `k` defined below:
#
# 1. `lam`: the eigenvalue $\lambda_j$ as an expression in `j` and `n`;
# 2. `v`: the entry $v_k$ of an eigenvector for $\lambda_j$, as an expression in `k`, `j` and `n` that is
#    periodic in $k$ with period $n$ (so that it is a vector on the cycle) and not identically zero for
#    $j = 1$.
#
# The hidden tests check $2v_k - v_{k-1} - v_{k+1} = \lambda_j v_k$ **for all** $k$, $j$, $n$, so any
# valid form is accepted (cosines, complex exponentials, ...), as is any equivalent form of $\lambda_j$.

# %% nbgrader={"grade": false, "grade_id": "q5-cycle", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
n, j, k = sp.symbols("n j k", integer=True, positive=True)
### BEGIN SOLUTION
lam = 2 - 2 * sp.cos(2 * sp.pi * j / n)
v = sp.cos(2 * sp.pi * j * k / n)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q5-cycle-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
assert isinstance(lam, sp.Expr) and isinstance(v, sp.Expr), "lam and v should be SymPy expressions."
_names = {str(_s) for _s in lam.free_symbols | v.free_symbols}
assert _names <= {"n", "j", "k"}, f"use only the symbols n, j, k (found {sorted(_names)})."
_sub = {_s: {"n": 4, "j": 1}[str(_s)] for _s in lam.free_symbols if str(_s) in ("n", "j")}
assert abs(complex(sp.N(lam.subs(_sub))) - 2) < 1e-9, "lam at n = 4, j = 1 should be 2 (the 4-cycle's eigenvalues are 0, 2, 2, 4)."

# %% nbgrader={"grade": true, "grade_id": "q5-cycle-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: L v = lam v for all k, j, n; v periodic and non-zero; lam equal to the exact eigenvalue for all j, n,
# and the numerical spectrum of C_n for several n.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, sym_is_zero

_n, _j, _k = sp.symbols("n j k", integer=True, positive=True)
_ren = {_s: {"n": _n, "j": _j, "k": _k}[str(_s)] for _s in lam.free_symbols | v.free_symbols
        if str(_s) in ("n", "j", "k")}
_lam, _v = sp.sympify(lam).xreplace(_ren), sp.sympify(v).xreplace(_ren)
assert _lam.free_symbols <= {_n, _j}, "lam should depend on j and n only."
assert_sympy_equal(_lam, 2 - 2 * sp.cos(2 * sp.pi * _j / _n), name="lam",
                   hint="try v_k = cos(2 pi j k / n) in 2 v_k - v_{k-1} - v_{k+1} and use cos(a + b) + cos(a - b).")
for _nn in (3, 5, 8):
    _L = 2 * np.eye(_nn) - np.roll(np.eye(_nn), 1, axis=1) - np.roll(np.eye(_nn), -1, axis=1)
    _mine = sorted(float(sp.re(sp.N(_lam.subs({_n: _nn, _j: _jj})))) for _jj in range(_nn))
    assert np.allclose(_mine, np.linalg.eigvalsh(_L), atol=1e-9), f"lam for j = 0..{_nn - 1} is not the spectrum of C_{_nn}."
assert _v.free_symbols <= {_n, _j, _k}, "v should depend on k, j and n only."
_at = {_j: 1, _n: 5}
assert any(abs(complex(sp.N(_v.subs(_at).subs(_k, _kk)))) > 1e-9 for _kk in range(5)), \
    "v is zero for j = 1: a zero vector is not an eigenvector."
assert sym_is_zero(sp.expand_complex(sp.expand_trig(_v.subs(_k, _k + _n) - _v))) or \
    sym_is_zero(_v.subs(_k, _k + _n) - _v), "v is not periodic in k with period n: it is not a vector on the cycle."
_residual = 2 * _v - _v.subs(_k, _k - 1) - _v.subs(_k, _k + 1) - _lam * _v
assert sym_is_zero(_residual), "2 v_k - v_{k-1} - v_{k+1} is not lam * v_k for all k, j, n: v is not an eigenvector for lam."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: a randomized SVD that loses its small directions (4 points)
#
# A colleague's randomized SVD (Section 5) is accurate for $q = 0$ or 1, but with $q = 3$ power
# iterations on a matrix whose singular values fall fast (say $\sigma_j = 2^{-j}$) and $k = 20$, its rank-$k$
# error $\|A - U\operatorname{diag}(s)V^\top\|_2$ is thousands of times the Eckart–Young optimum
# $\sigma_{k+1}$. The lines are numbered in the comments.
#
# 1. Set `faulty_line` to the number of the line where the information is lost.
# 2. Write `randomized_svd_fixed(A, k, p=10, q=3, seed=0)` with the same inputs and outputs
#    (`U` of shape $(m, k)$ with orthonormal columns, `s` the $k$ singular values, largest first, `Vt` of
#    shape $(k, n)$), accurate to within **10%** of $\sigma_{k+1}$ on such matrices for every $q$ from 0
#    to 3, and for slowly decaying singular values ($\sigma_j = 1/j$) as soon as $q \ge 1$. It must remain a randomized SVD that only multiplies by `A` and `A.T`: the hidden
#    tests also call it on a SciPy sparse matrix of shape $5000\times 2000$, which must not be densified
#    (no `.toarray()` / `.todense()`, no function of `scipy.sparse.linalg`).

# %% nbgrader={"grade": false, "grade_id": "q6-diagnose", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
def randomized_svd(A, k, p=10, q=3, seed=0):
    rng = np.random.default_rng(seed)                     # 1
    Omega = rng.normal(size=(A.shape[1], k + p))          # 2
    Y = A @ Omega                                         # 3
    for _ in range(q):                                    # 4
        Y = A @ (A.T @ Y)                                 # 5
    Q, _ = np.linalg.qr(Y)                                # 6
    B = Q.T @ A                                           # 7
    Ub, s, Vt = np.linalg.svd(B, full_matrices=False)     # 8
    return (Q @ Ub)[:, :k], s[:k], Vt[:k]                 # 9


### BEGIN SOLUTION
faulty_line = 5
### END SOLUTION


def randomized_svd_fixed(A, k, p=10, q=3, seed=0):
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(A @ rng.normal(size=(A.shape[1], k + p)))
    for _ in range(q):
        Z, _ = np.linalg.qr(A.T @ Q)
        Q, _ = np.linalg.qr(A @ Z)
    Ub, s, Vt = np.linalg.svd(np.asarray(Q.T @ A), full_matrices=False)
    return (Q @ Ub)[:, :k], s[:k], Vt[:k]
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 9, "faulty_line should be one of 1 to 9."
_rng = np.random.default_rng(6)
_U0, _ = np.linalg.qr(_rng.normal(size=(60, 5)))
_V0, _ = np.linalg.qr(_rng.normal(size=(40, 5)))
_A = _U0 @ np.diag([5.0, 4.0, 3.0, 2.0, 1.0]) @ _V0.T                # exactly rank 5
_U, _s, _Vt = randomized_svd_fixed(_A, 3, q=1)
assert np.shape(_U) == (60, 3) and np.shape(_s) == (3,) and np.shape(_Vt) == (3, 40), \
    "U, s, Vt should have shapes (m, k), (k,), (k, n)."
assert np.allclose(_s, [5.0, 4.0, 3.0], atol=1e-8), "the top 3 singular values of this rank-5 matrix are 5, 4, 3."

# %% nbgrader={"grade": true, "grade_id": "q6-diagnose-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line; the fixed SVD within 10% of the optimum for fast and slow decay, q = 0..3, and on a
# sparse matrix that must not be densified.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_orthonormal_columns, forbid_calls

assert faulty_line == 5, ("faulty_line is not the line where the information is lost: after which line do the "
                          "columns of Y no longer hold the smaller directions to the digits the data carry?")
_DENSIFY = calls.Family("densifying the sparse matrix (toarray, todense)", ("scipy.sparse._:toarray,todense",))
_rng = np.random.default_rng(12601)


def _with_spectrum(m, n, s, rng):
    _U, _ = np.linalg.qr(rng.normal(size=(m, len(s))))
    _V, _ = np.linalg.qr(rng.normal(size=(n, len(s))))
    return (_U * s) @ _V.T


_why = "a randomized SVD only multiplies by A and A.T"
with forbid_calls(_DENSIFY, calls.SCIPY_SPARSE_LINALG, reason=_why, func=randomized_svd_fixed):
    for _name, _s_true, _k in [("sigma_j = 2^-j", 0.5 ** np.arange(120), 20), ("sigma_j = 10^(-j/5)", 10 ** (-np.arange(120) / 5), 20),
                               ("sigma_j = 1/j", 1 / np.arange(1, 121), 10)]:
        _A = _with_spectrum(300, 200, _s_true, _rng)
        _Ac = _A.copy()
        for _q in (0, 1, 3):
            _U, _s, _Vt = randomized_svd_fixed(_A, _k, 10, _q)
            assert np.array_equal(_A, _Ac), "randomized_svd_fixed changed its input A."
            _U, _s, _Vt = (np.asarray(_t, dtype=float) for _t in (_U, _s, _Vt))
            assert _U.shape == (300, _k) and _s.shape == (_k,) and _Vt.shape == (_k, 200), \
                f"U, s, Vt should have shapes (m, k), (k,), (k, n); got {_U.shape}, {_s.shape}, {_Vt.shape}."
            _ratio = np.linalg.norm(_A - (_U * _s) @ _Vt, 2) / _s_true[_k]
            _need = 1.1 if _q > 0 or _name != "sigma_j = 1/j" else 2.0
            _fix = ("with power iterations, keep the columns orthonormal after every product, or the small "
                    "directions drown in rounding errors." if _q > 0 else
                    "even without power iterations: k + p random products, an orthonormal basis Q of them, and "
                    "k terms of the SVD of Q^T A, mapped back with Q (Section 5).")
            assert _ratio <= _need, \
                f"for {_name}, k = {_k}, q = {_q} the error is {_ratio:.3g} times the optimum: {_fix}"
    _S = sps.random_array((5000, 2000), density=0.002, rng=_rng, format="csr")
    for _r, _w in enumerate([50.0, 40.0, 30.0, 20.0, 10.0]):     # five strong directions above the noise
        _rows = np.arange(200 * _r, 200 * _r + 200)
        _cols = np.arange(100 * _r, 100 * _r + 100)
        _S = _S + sps.csr_array((np.full(20_000, _w / np.sqrt(20_000)),
                                 (np.repeat(_rows, 100), np.tile(_cols, 200))), shape=(5000, 2000))
    _S = sps.csr_array(_S)
    _Sc = _S.copy()
    _U, _s, _Vt = randomized_svd_fixed(_S, 5, q=3)
    assert (_S != _Sc).nnz == 0, "randomized_svd_fixed changed its input A."
    assert_orthonormal_columns(np.asarray(_U, dtype=float), atol=1e-8, name="U for a sparse 5000 x 2000 matrix")
    import scipy.sparse.linalg as _spla
    _top = np.sort(_spla.svds(_S, k=5, return_singular_vectors=False, rng=np.random.default_rng(0)))[::-1]
    assert np.allclose(np.asarray(_s, dtype=float), _top, rtol=1e-6), \
        "the singular values for a sparse 5000 x 2000 matrix are not its top 5."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: one update of CP alternating least squares (3 points)
#
# For a 3-way tensor `T` of shape $(I, J, K)$ and fixed factors `B` ($J\times R$) and `C` ($K\times R$),
# write `cp_update_A(T, B, C)` that returns the $I\times R$ matrix $A$ **minimizing**
# $\sum_{ijk}\big(\mathcal{T}_{ijk} - \sum_r a_{ir}b_{jr}c_{kr}\big)^2$ (Section 6). You may assume that
# the $R\times R$ matrix of the normal equations is invertible. `np.einsum` makes this short; any
# correct method is accepted. Do not modify the inputs.

# %% nbgrader={"grade": false, "grade_id": "q7-cp-update", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def cp_update_A(T, B, C):
    ### BEGIN SOLUTION
    T, B, C = (np.asarray(_t, dtype=float) for _t in (T, B, C))
    M = np.einsum("ijk,jr,kr->ir", T, B, C)
    G = (B.T @ B) * (C.T @ C)
    return np.linalg.solve(G, M.T).T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-cp-update-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_rng = np.random.default_rng(7)
_A0, _B0, _C0 = _rng.normal(size=(4, 2)), _rng.normal(size=(3, 2)), _rng.normal(size=(5, 2))
_T = np.einsum("ir,jr,kr->ijk", _A0, _B0, _C0)
assert_close(cp_update_A(_T, _B0, _C0), _A0, rtol=1e-8, atol=1e-10,
             name="cp_update_A for an exact rank-2 tensor with the true B and C",
             hint="given the true B and C, the least-squares A is the true A.")

# %% nbgrader={"grade": true, "grade_id": "q7-cp-update-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: noisy tensors of several shapes and ranks (R = 1 to 4, I = 1): the gradient at the returned A is zero;
# exact recovery; the inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(12701)
for _I, _J, _K, _R in [(6, 5, 4, 3), (10, 3, 7, 1), (1, 6, 6, 2), (8, 9, 5, 4)]:
    _B, _C = _rng.normal(size=(_J, _R)), _rng.normal(size=(_K, _R))
    _T = np.einsum("ir,jr,kr->ijk", _rng.normal(size=(_I, _R)), _B, _C) + 0.3 * _rng.normal(size=(_I, _J, _K))
    _ref = np.linalg.lstsq(np.einsum("jr,kr->jkr", _B, _C).reshape(_J * _K, _R), _T.reshape(_I, _J * _K).T,
                           rcond=None)[0].T
    _Tc, _Bc, _Cc = _T.copy(), _B.copy(), _C.copy()
    _A = cp_update_A(_T, _B, _C)
    assert np.array_equal(_T, _Tc) and np.array_equal(_B, _Bc) and np.array_equal(_C, _Cc), \
        "cp_update_A changed one of its inputs."
    assert_close(_A, _ref, rtol=1e-8, atol=1e-10, name=f"cp_update_A for T of shape {_T.shape}, R = {_R}",
                 hint="the normal equations are A [(B^T B) * (C^T C)] = einsum('ijk,jr,kr->ir', T, B, C), with * "
                      "entrywise, and A is on the left of the R x R matrix.")
### END HIDDEN TESTS
