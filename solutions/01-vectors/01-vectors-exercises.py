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
# # Chapter 01 exercises: vectors
#
# Seven questions on distances, norms, projection, cosine similarity, linear independence and
# Gram–Schmidt. Each question has a **visible test** you can run now and **hidden tests** that run
# when your notebook is graded (on other inputs, including edge cases), so make your functions work
# for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/01-vectors/01-vectors-exercises.ipynb`.
#
# Read chapter 01 (`course/01-vectors.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: which line loses the digits? (2 points)
#
# $k$-nearest neighbours, clustering and kernel methods need the Euclidean distances between many
# points. A popular shortcut computes all of them with one matrix product, from the expansion
# $\lVert x - y\rVert^2 = \lVert x\rVert^2 + \lVert y\rVert^2 - 2\,x\cdot y$ (lecture section 4). The
# function below does that; its lines are numbered in the comments. Run the cell: for the points
# $p = (10^4, 10^4)$ and $q = (10^4 + 10^{-3}, 10^4)$ (say, positions in metres, about 14 km from the origin
# and 1 mm apart) it does not return $10^{-3}$: most of the digits are lost. (A float keeps about 16
# significant digits: every operation rounds its result to a relative error of about
# $\varepsilon \approx 2.2\times 10^{-16}$, lecture section 8.)
#
# 1. Store in `faulty_line` the number (1 to 6) of the **first** line whose computed value has lost most of
#    its correct digits.
# 2. Write `pairwise_distances(X, Y)` that does the same job accurately: for `X` of shape $(n, d)$ and `Y` of
#    shape $(m, d)$ (NumPy arrays or nested lists, one point per row) it returns the float array `D` of shape
#    $(n, m)$ with `D[i, j]` the distance between row $i$ of `X` and row $j$ of `Y`, with a relative error
#    of at most $10^{-8}$ for every pair, however far the points are from the origin and however close to
#    each other. Do not modify `X` or `Y`. The tests use small sizes: memory is not a concern.

# %% nbgrader={"grade": false, "grade_id": "q1-distance-digits-code", "locked": true, "schema_version": 3, "solution": false, "task": false}
def pairwise_distances_gram(X, Y):
    """Euclidean distances between the rows of X (n, d) and the rows of Y (m, d), by the expansion."""
    X = np.asarray(X, dtype=float)                  # line 1
    Y = np.asarray(Y, dtype=float)                  # line 2
    xx = np.sum(X**2, axis=1)[:, None]              # line 3: squared norms of the rows of X, shape (n, 1)
    yy = np.sum(Y**2, axis=1)[None, :]              # line 4: squared norms of the rows of Y, shape (1, m)
    D2 = xx + yy - 2 * (X @ Y.T)                    # line 5: squared distances, shape (n, m)
    return np.sqrt(np.maximum(D2, 0.0))             # line 6: distances (a negative D2 counts as 0)


P = np.array([[1e4, 1e4], [1e4 + 1e-3, 1e4]])
print("distance between p and q:", pairwise_distances_gram(P, P)[0, 1], "  (it should be 0.001)")

# %% nbgrader={"grade": false, "grade_id": "q1-distance-digits", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
# faulty_line: a line number of pairwise_distances_gram, from 1 to 6
### BEGIN SOLUTION
faulty_line = 5      # terms of about 2e8, each rounded by about 1e-8, cancel to a difference of about 1e-6
### END SOLUTION


def pairwise_distances(X, Y):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    diff = X[:, None, :] - Y[None, :, :]          # differences first: no cancellation of large terms
    return np.sqrt(np.sum(diff**2, axis=2))
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q1-distance-digits-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import as_array, assert_close

assert isinstance(faulty_line, (int, np.integer, sp.Integer)) and not isinstance(faulty_line, bool), \
    "faulty_line should be a whole number: the number of a line, from 1 to 6."
assert 1 <= int(faulty_line) <= 6, "faulty_line should be the number of a line, from 1 to 6."
_P = np.array([[1e4, 1e4], [1e4 + 1e-3, 1e4], [1e4, 1e4 + 0.5]])
_D = as_array(pairwise_distances(_P, _P), "pairwise_distances(P, P)")
assert _D.shape == (3, 3), f"pairwise_distances(P, P) for 3 points should have shape (3, 3), got {_D.shape}."
assert_close(_D[0, 1], 1e-3, rtol=1e-6, atol=0, name="the distance between p and q",
             hint="this is the pair the prompt shows: far from the origin, close to each other.")
assert_close(_D, np.array([[0.0, 1e-3, 0.5], [1e-3, 0.0, np.hypot(1e-3, 0.5)], [0.5, np.hypot(1e-3, 0.5), 0.0]]),
             rtol=1e-6, atol=1e-12, name="pairwise_distances(P, P)")

# %% nbgrader={"grade": true, "grade_id": "q1-distance-digits-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line, and the distances of point clouds near and far from the origin, close pairs,
# equal points, several shapes, nested lists, inputs left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import as_array, assert_close

assert isinstance(faulty_line, (int, np.integer, sp.Integer)) and not isinstance(faulty_line, bool), \
    "faulty_line should be a whole number: the number of a line, from 1 to 6."
assert int(faulty_line) == 5, ("faulty_line does not name the first line whose value has lost its digits: for the "
                               "example, print what each line computes and compare the size of its terms with the size "
                               "of its result.")
_rng = np.random.default_rng(1101)
for _offset, _spread, _gap, (_n, _m, _d) in [(0.0, 1.0, 1.0, (5, 4, 3)), (1e3, 1.0, 1e-4, (4, 6, 2)),
                                              (1e6, 10.0, 1e-3, (3, 3, 1)), (-5e4, 1.0, 1e-5, (6, 2, 10)),
                                              (1e2, 1e-3, 1e-7, (1, 5, 4))]:
    _X = _offset + _spread * _rng.normal(size=(_n, _d))
    _Y = _X[_rng.integers(0, _n, size=_m)] + _gap * _rng.normal(size=(_m, _d))   # each point of Y is close to one of X
    _Y[0] = _X[0]                                                              # and one pair is equal
    _Xc, _Yc = _X.copy(), _Y.copy()
    _ref = np.sqrt(np.sum((_X[:, None, :] - _Y[None, :, :]) ** 2, axis=2))
    _name = f"pairwise_distances(X, Y) for X of shape {_X.shape} and Y of shape {_Y.shape}"
    _D = as_array(pairwise_distances(_X, _Y), _name)
    assert np.array_equal(_X, _Xc) and np.array_equal(_Y, _Yc), "pairwise_distances changed its input X or Y."
    assert_close(_D, _ref, rtol=1e-8, atol=0.0, name=_name + f" (points about {abs(_offset):g} from the origin)",
                 hint="the distances of points close to each other must keep their digits, far from the origin too.")
assert_close(pairwise_distances([[0, 0], [3, 4]], [[0, 0]]), np.array([[0.0], [5.0]]), atol=0.0,
             name="pairwise_distances with nested lists")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: normalize a vector (3 points)
#
# Write `normalize(x)` that returns the unit vector $x / \lVert x\rVert_2$ as a new float array (do not
# change `x`). It must accept a list or a 1-D array of any length. For the zero vector, which has no
# direction, raise a `ValueError`.

# %% nbgrader={"grade": false, "grade_id": "q2-normalize", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def normalize(x):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    n = np.linalg.norm(x)
    if n == 0:
        raise ValueError("cannot normalize the zero vector")
    return x / n
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-normalize-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(normalize(np.array([3.0, 4.0])), np.array([0.6, 0.8]), name="normalize([3, 4])")

# %% nbgrader={"grade": true, "grade_id": "q2-normalize-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random vectors of several lengths, list input, the input left unchanged, the zero vector.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_raises, assert_same_direction

_rng = np.random.default_rng(1201)
for _n in (1, 2, 5, 50):
    _x = _rng.normal(size=_n) * _rng.uniform(0.1, 100)
    _copy = _x.copy()
    _y = normalize(_x)
    assert_close(np.linalg.norm(_y), 1.0, name=f"the norm of normalize(x) for a vector of length {_n}")
    assert_same_direction(_y, _copy, signed=True, name="normalize(x)")
    assert_close(_x, _copy, name="x after calling normalize(x) (the input must not be changed)")
assert_close(normalize([0.0, -2.0, 0.0]), np.array([0.0, -1.0, 0.0]), name="normalize of a list")
for _scale in (1e-12, 1e-100, 1e100):  # every non-zero vector has a direction, however small or large
    _x = _rng.normal(size=4) * _scale
    try:
        _y = normalize(_x.copy())
    except ValueError:
        raise AssertionError(f"normalize raised ValueError for a non-zero vector of norm about {_scale:g}: only "
                             "the zero vector has no direction (compare the norm with 0, not with a tolerance).") \
            from None
    assert_close(np.linalg.norm(_y), 1.0, name=f"the norm of normalize(x) for x of norm about {_scale:g}")
    assert_same_direction(_y, _x, signed=True, name=f"normalize(x) for x of norm about {_scale:g}")
assert_raises(ValueError, normalize, np.zeros(3), call="normalize(zero vector)")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: projection (3 points)
#
# Write `project(u, v)` that returns the orthogonal projection of `u` onto the line spanned by a
# non-zero vector `v`:
# $$\operatorname{proj}_v(u) = \frac{u\cdot v}{v\cdot v}\, v .$$
# The residual $u - \operatorname{proj}_v(u)$ must be orthogonal to $v$.

# %% nbgrader={"grade": false, "grade_id": "q3-project", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def project(u, v):
    ### BEGIN SOLUTION
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    return (u @ v) / (v @ v) * v
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-project-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(project(np.array([2.0, 3.0]), np.array([2.0, 0.0])), np.array([2.0, 0.0]),
             name="project([2, 3], [2, 0])", hint="v is not a unit vector here.")

# %% nbgrader={"grade": true, "grade_id": "q3-project-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random vectors in several dimensions, a long v, orthogonal vectors, projecting v on itself.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(1301)
for _n in (2, 3, 10):
    _u, _v = _rng.normal(size=_n), _rng.normal(size=_n) * 7.0
    _p = project(_u.copy(), _v.copy())
    assert_close(_p, (_u @ _v) / (_v @ _v) * _v, rtol=1e-9, atol=1e-12, name=f"project(u, v) in R^{_n}",
                 hint="divide by v·v, the squared length of v.")
    assert abs((_u - _p) @ _v) < 1e-9 * np.linalg.norm(_u) * np.linalg.norm(_v), \
        "the residual u - project(u, v) is not orthogonal to v."
assert_close(project(np.array([0.0, 5.0]), np.array([3.0, 0.0])), np.zeros(2), name="project of orthogonal vectors")
_v = np.array([1.0, -2.0, 2.0])
assert_close(project(_v.copy(), _v.copy()), _v, name="project(v, v)")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: cosine-similarity matrix (3 points)
#
# The rows of a data matrix $X \in \mathbb{R}^{n\times d}$ are $n$ samples (for example documents as
# word-count vectors). Write `cosine_similarity_matrix(X)` that returns the $n \times n$ matrix $S$ with
# $S_{ij} = \cos\angle(x_i, x_j)$. Every row of $X$ is non-zero. Try to use NumPy operations on the
# whole matrix (normalize the rows, then one matrix product) rather than a Python loop over pairs: it is
# shorter and much faster on real data (the tests grade the result, not the method).

# %% nbgrader={"grade": false, "grade_id": "q4-cosine", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def cosine_similarity_matrix(X):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    return Xn @ Xn.T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-cosine-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_X = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
_r = np.sqrt(0.5)
assert_close(cosine_similarity_matrix(_X),
             np.array([[1.0, _r, 0.0], [_r, 1.0, _r], [0.0, _r, 1.0]]), name="cosine_similarity_matrix(X)",
             hint="each row of X is one sample: S[i, j] compares row i with row j.")

# %% nbgrader={"grade": true, "grade_id": "q4-cosine-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random data matrices of several shapes (more features than samples, one sample),
# symmetry and a unit diagonal.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(1401)
for _shape in [(5, 3), (4, 12), (1, 4), (30, 2)]:
    _X = _rng.normal(size=_shape) * _rng.uniform(0.5, 20, size=(_shape[0], 1))
    _ref = np.array([[a @ b / (np.linalg.norm(a) * np.linalg.norm(b)) for b in _X] for a in _X])
    _S = cosine_similarity_matrix(_X.copy())
    assert_close(_S, _ref, rtol=1e-9, atol=1e-12, name=f"cosine_similarity_matrix(X) for X of shape {_shape}",
                 hint="normalize each row (axis=1), then multiply by the transpose.")
    assert_close(np.diag(_S), np.ones(_shape[0]), name="the diagonal of S")
    assert_close(_S, np.asarray(_S, dtype=float).T, rtol=1e-9, atol=1e-12, name="S (it should equal its transpose)")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: an exact dependency relation with SymPy (3 points)
#
# The vectors $v_1 = (1, 2, 3)$, $v_2 = (4, 5, 6)$, $v_3 = (7, 8, 9)$ are linearly dependent.
# Using SymPy (exact arithmetic), find a **non-zero** column vector `c` (a `sp.Matrix` of shape (3, 1)
# with exact integer or rational entries) such that $c_1 v_1 + c_2 v_2 + c_3 v_3 = 0$.
# Every valid `c` earns full marks (any non-zero multiple of a valid `c` is also valid).

# %% nbgrader={"grade": false, "grade_id": "q5-dependency", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])  # columns are v1, v2, v3
### BEGIN SOLUTION
c = V.nullspace()[0]
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q5-dependency-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

assert isinstance(c, sp.MatrixBase), "c should be a SymPy Matrix (sp.Matrix)."
assert c.shape == (3, 1), f"c should have shape (3, 1), but it has shape {c.shape}."
assert_exact(c, name="c")
assert not c.free_symbols, "c should contain numbers only, not symbols: choose a value for any free parameter."

# %% nbgrader={"grade": true, "grade_id": "q5-dependency-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: c is a non-zero SymPy column vector and V c = 0 exactly.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, sym_is_nonzero

_V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])
assert isinstance(c, sp.MatrixBase), "c should be a SymPy Matrix (sp.Matrix), not a list or an array."
assert c.shape == (3, 1), f"c should have shape (3, 1), but it has shape {c.shape}."
assert sym_is_nonzero(sp.Matrix(c)), "c is the zero vector; the question asks for a non-zero one."
assert not sp.Matrix(c).free_symbols, "c should contain numbers only, not symbols."
assert_sympy_equal(_V * sp.Matrix(c), sp.zeros(3, 1), name="c1*v1 + c2*v2 + c3*v3",
                   hint="the combination with your coefficients should be exactly the zero vector.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: when are two vectors dependent? (3 points)
#
# Let $a$ be a real parameter and $w_1 = (1, a)$, $w_2 = (a, 4)$. For a $2\times 2$ matrix,
# $\det\begin{pmatrix} p & q\\ r & s\end{pmatrix} = ps - qr$, and two vectors of $\mathbb{R}^2$ are linearly
# dependent exactly when the matrix with these columns has determinant 0 (chapter 05 explains why).
# 1. Store in `det_a` the determinant of the $2\times 2$ matrix with columns $w_1, w_2$, as a SymPy
#    expression in the symbol `a` defined below.
# 2. Store in `dependent_values` a Python `set` of all values of $a$ for which $w_1, w_2$ are linearly
#    dependent, as exact SymPy numbers.

# %% nbgrader={"grade": false, "grade_id": "q6-parameter", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
a = sp.symbols("a", real=True)
### BEGIN SOLUTION
det_a = sp.Matrix([[1, a], [a, 4]]).det()
dependent_values = set(sp.solve(det_a, a))
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q6-parameter-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_sympy_equal

assert isinstance(det_a, sp.Expr), "det_a should be a SymPy expression in the symbol a."
assert {str(_s) for _s in det_a.free_symbols} <= {"a"}, "det_a should contain no symbol other than a."
assert_sympy_equal(det_a.subs({_s: 0 for _s in det_a.free_symbols}), 4, name="det_a at a = 0")
assert isinstance(dependent_values, set), "dependent_values should be a Python set, e.g. {sp.Integer(1)}."

# %% nbgrader={"grade": true, "grade_id": "q6-parameter-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: det_a as an expression in a, and the set of values.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_sympy_equal, assert_exact

_a = sp.Symbol("a", real=True)
assert_sympy_equal(det_a.subs({_s: _a for _s in det_a.free_symbols}), 4 - _a**2, name="det_a",
                   hint="the columns are w1 = (p, r) and w2 = (q, s); the determinant is p s - q r.")
for _value in dependent_values:
    assert_exact(_value, name="each value in dependent_values")
assert {sp.nsimplify(x) for x in dependent_values} == {sp.Integer(-2), sp.Integer(2)}, \
    "dependent_values is not exactly the set of values where the determinant is zero (a value is missing or extra)."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: Gram–Schmidt (4 points)
#
# Write `gram_schmidt(V)` for a matrix `V` of shape $(n, k)$ whose $k \le n$ columns are linearly
# independent. Return `Q` of the same shape whose columns are orthonormal and such that, for every
# $j$, the first $j$ columns of `Q` span the same subspace as the first $j$ columns of `V`:
# $$w_j = v_j - \sum_{i<j} (q_i\cdot v_j)\, q_i, \qquad q_j = w_j / \lVert w_j\rVert .$$
# Do not modify `V` (work on a copy). Implement it yourself: **no library factorization that
# orthogonalizes for you** — `np.linalg.qr`, `cholesky`, `svd`, `eig`, `eigh`, `inv`, `solve`, or any
# function of `scipy.linalg` (`np.linalg.norm` is fine); the hidden tests watch the calls your function
# makes.

# %% nbgrader={"grade": false, "grade_id": "q7-gram-schmidt", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def gram_schmidt(V):
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    Q = np.zeros_like(V)
    for j in range(V.shape[1]):
        u = V[:, j] - Q[:, :j] @ (Q[:, :j].T @ V[:, j])
        Q[:, j] = u / np.linalg.norm(u)
    return Q
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-gram-schmidt-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_orthonormal_columns, assert_same_span

_V = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
_Q = gram_schmidt(_V.copy())
assert np.shape(_Q) == (3, 2), f"gram_schmidt(V) should have shape (3, 2), got {np.shape(_Q)}."
assert_orthonormal_columns(_Q, name="gram_schmidt(V)")
assert_same_span(_Q, _V, name="the columns of gram_schmidt(V)")

# %% nbgrader={"grade": true, "grade_id": "q7-gram-schmidt-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random tall and square matrices, nested spans, columns of very different scales,
# a nearly dependent pair, V left unchanged, and library QR blocked.
### BEGIN HIDDEN TESTS
from autograder import calls
from autograder.checks import assert_orthonormal_columns, assert_same_span, forbid_calls

_rng = np.random.default_rng(1701)
_cases = [_rng.normal(size=(5, 3)), _rng.normal(size=(4, 4)), _rng.normal(size=(10, 1)),
          _rng.normal(size=(6, 3)) * np.array([1e-3, 1.0, 1e3])]
_near = _rng.normal(size=(4, 2))
_near[:, 1] = _near[:, 0] + 1e-4 * _rng.normal(size=4)
_cases.append(_near)
import scipy.linalg

_why = "implement Gram-Schmidt yourself"
with forbid_calls(calls.ORTHOGONALIZATION, reason=_why, func=gram_schmidt):
    for _V in _cases:
        _Vc = _V.copy()
        _Q = gram_schmidt(_V)
        assert np.shape(_Q) == _V.shape, f"for V of shape {_V.shape}, Q should have the same shape, got {np.shape(_Q)}."
        assert_orthonormal_columns(_Q, atol=1e-6, name=f"gram_schmidt(V) for V of shape {_V.shape}")
        for _j in range(1, _V.shape[1] + 1):
            assert_same_span(np.asarray(_Q)[:, :_j], _Vc[:, :_j], tol=1e-6,
                             name=f"the first {_j} column(s) of Q", hint="process the columns of V in order.")
        assert np.array_equal(_V, _Vc), "gram_schmidt changed its input V; work on a copy."
### END HIDDEN TESTS
