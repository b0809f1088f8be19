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
# # Chapter 02 exercises: linear transformations
#
# Seven questions on transformation matrices, applying a map to many points, the outer-product view of
# the matrix product, composition, kernel and image, and dense neural-network layers. Each question has
# a **visible test** you can run now and **hidden tests** that run when your notebook is graded (on
# other inputs, including edge cases), so make your functions work for any valid input, not only for
# the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal:
#   `python -m autograder check exercises/02-linear-transformations/02-linear-transformations-exercises.ipynb`.
#
# Read chapter 02 (`course/02-linear-transformations.ipynb`) first.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: rotation and reflection matrices (3 points)
#
# Write two functions that return $2\times 2$ NumPy float arrays:
#
# * `rotation_matrix(theta)`: the rotation of the plane by the angle `theta` (in **radians**)
#   **counter-clockwise**;
# * `reflection_matrix(theta)`: the reflection across the line through the origin that makes the angle
#   `theta` (radians) with the positive $x_1$-axis. Points on that mirror line stay where they are; a
#   vector perpendicular to it is flipped to its negative.
#
# *Hint*: a matrix is determined by the images of $e_1 = (1, 0)$ and $e_2 = (0, 1)$, which are its columns.

# %% nbgrader={"grade": false, "grade_id": "q1-rotation-reflection", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def rotation_matrix(theta):
    ### BEGIN SOLUTION
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])
    ### END SOLUTION


def reflection_matrix(theta):
    ### BEGIN SOLUTION
    c, s = np.cos(2 * theta), np.sin(2 * theta)
    return np.array([[c, s], [s, -c]])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-rotation-reflection-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import as_array, assert_close, assert_shape

_R = as_array(rotation_matrix(np.pi / 2), "rotation_matrix(pi/2)")
assert_shape(_R, (2, 2), name="rotation_matrix(pi/2)")
assert_close(_R @ np.array([1.0, 0.0]), np.array([0.0, 1.0]), name="rotation_matrix(pi/2) @ e1",
             hint="theta is in radians, and a rotation by +90° (counter-clockwise) turns e1 into e2.")
assert_close(reflection_matrix(0.0), np.array([[1.0, 0.0], [0.0, -1.0]]), name="reflection_matrix(0)",
             hint="theta = 0 is the reflection across the x1-axis.")

# %% nbgrader={"grade": true, "grade_id": "q1-rotation-reflection-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: many angles (negative, beyond 2*pi); rotations by the formula, reflections by their mirror line.
### BEGIN HIDDEN TESTS
from autograder.checks import as_array, assert_close, assert_shape

for _t in [0.0, np.pi / 6, -np.pi / 3, 2.5, 7.0, -100.0]:
    _c, _s = np.cos(_t), np.sin(_t)
    _R = as_array(rotation_matrix(_t), f"rotation_matrix({_t:g})")
    assert_shape(_R, (2, 2), name=f"rotation_matrix({_t:g})")
    assert_close(_R, np.array([[_c, -_s], [_s, _c]]), name=f"rotation_matrix({_t:g})",
                 hint="theta is in radians and the rotation is counter-clockwise.")
    _F = as_array(reflection_matrix(_t), f"reflection_matrix({_t:g})")
    assert_shape(_F, (2, 2), name=f"reflection_matrix({_t:g})")
    _u, _n = np.array([_c, _s]), np.array([-_s, _c])
    assert_close(_F @ _u, _u, name=f"reflection_matrix({_t:g}) applied to a vector along the mirror line",
                 hint="points on the mirror line must not move.")
    assert_close(_F @ _n, -_n, name=f"reflection_matrix({_t:g}) applied to a vector perpendicular to the mirror line",
                 hint="a vector perpendicular to the mirror line must be flipped.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: transform a cloud of points (3 points)
#
# Points are stored the data-matrix way: `P` has shape $(N, d)$, **one point per row**. Write
# `transform_points(A, P)` that applies the linear map $x \mapsto Ax$, with `A` of shape $(m, d)$, to
# every point and returns the images in the same layout: a float array of shape $(N, m)$ whose row $i$
# is $A p_i$ for the point $p_i$ in row $i$ of `P`. `A` and `P` may be NumPy arrays or nested lists;
# `A` need not be square. Do not modify `A` or `P`. No loop over the points is needed: one matrix product
# does it (the tests grade the result, not the method).

# %% nbgrader={"grade": false, "grade_id": "q2-transform-points", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def transform_points(A, P):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    P = np.asarray(P, dtype=float)
    return P @ A.T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-transform-points-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_shear = np.array([[1.0, 1.0], [0.0, 1.0]])
_square = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])   # the corners of the unit square, as rows
assert_close(transform_points(_shear, _square), np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]]),
             name="transform_points(shear, square)",
             hint="each row of P is a point p; the same row of the result is its image A p, written as a row.")

# %% nbgrader={"grade": true, "grade_id": "q2-transform-points-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: square and rectangular A (including a map to a line), one point and many points,
# nested-list input, and A and P left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(2201)
for _m, _d, _N in [(2, 2, 7), (2, 2, 2), (3, 2, 5), (1, 3, 4), (2, 2, 1), (4, 3, 60)]:
    _A = _rng.normal(size=(_m, _d))
    _P = _rng.normal(size=(_N, _d))
    _P_copy, _A_copy = _P.copy(), _A.copy()
    _Y = transform_points(_A, _P)
    assert np.array_equal(_P, _P_copy), "transform_points changed its input P; compute the images in a new array."
    assert np.array_equal(_A, _A_copy), "transform_points changed its input A."
    assert_close(_Y, _P @ _A.T, name=f"transform_points(A, P) for A of shape {_A.shape} and P of shape {_P.shape}",
                 hint="each row of P is a point p; the same row of the result is its image A p, written as a row.")
assert_close(transform_points([[0, -1], [1, 0]], [[1, 0], [0, 2], [3, 3]]),
             np.array([[0.0, 1.0], [-2.0, 0.0], [-3.0, 3.0]]), name="transform_points with nested lists")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: the matrix product as a sum of outer products (4 points)
#
# Write `matmul_outer(A, B)` for `A` of shape $(m, n)$ and `B` of shape $(n, p)$ (NumPy arrays or nested
# lists) that returns $AB$ as a float array of shape $(m, p)$, computed with the **outer-product view**
#
# $$AB = \sum_{k=1}^{n} a_k\, b_k^{\top}, \qquad a_k = \text{column } k \text{ of } A,\quad b_k^\top = \text{row } k \text{ of } B,$$
#
# for example with `np.outer`. If the inner sizes do not match (`A.shape[1] != B.shape[0]`), raise a
# `ValueError`. Do not modify `A` or `B`. Implement it yourself: **the `@` operator, `np.dot`,
# `np.matmul`, `np.einsum`, `np.tensordot`, `np.inner`, `np.vdot`, `np.vecdot`, `np.matvec`, `np.vecmat`,
# `np.linalg.multi_dot`, the `.dot` method, and products of SymPy matrices or `np.matrix` objects are not
# allowed** in this function; the hidden tests check.

# %% nbgrader={"grade": false, "grade_id": "q3-matmul-outer", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def matmul_outer(A, B):
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"inner sizes differ: {A.shape} and {B.shape}")
    C = np.zeros((A.shape[0], B.shape[1]))
    for k in range(A.shape[1]):
        C += np.outer(A[:, k], B[k, :])
    return C
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-matmul-outer-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

assert_close(matmul_outer(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [7.0, 8.0]])),
             np.array([[19.0, 22.0], [43.0, 50.0]]), name="matmul_outer(A, B)",
             hint="AB is not the entry-by-entry product: entry (i, j) is row i of A dotted with column j of B.")

# %% nbgrader={"grade": true, "grade_id": "q3-matmul-outer-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: rectangular, square, rank-one and 1 x 1 products, nested lists, mismatched sizes
# (ValueError), inputs left unchanged, and no @ / dot / matmul / einsum / tensordot / inner / SymPy product.
### BEGIN HIDDEN TESTS
import sympy as _sp

from autograder.checks import assert_close, assert_no_matrix_product, forbid

assert_no_matrix_product(matmul_outer, reason="build the product from outer products")
_rng = np.random.default_rng(2301)
_cases = [(_rng.normal(size=(3, 4)), _rng.normal(size=(4, 2))), (_rng.normal(size=(4, 4)), _rng.normal(size=(4, 4))),
          (_rng.normal(size=(5, 1)), _rng.normal(size=(1, 3))), (_rng.normal(size=(1, 6)), _rng.normal(size=(6, 1))),
          (_rng.normal(size=(2, 7)) * 1e3, _rng.normal(size=(7, 5)) * 1e-3)]
_refs = [_A @ _B for _A, _B in _cases]
_why = "compute the product as a sum of outer products"
with forbid(np, "matmul", "dot", "einsum", "tensordot", "inner", reason=_why, func=matmul_outer), \
        forbid(_sp.MatrixBase, "__mul__", "__rmul__", "__matmul__", "__rmatmul__", "multiply", reason=_why), \
        forbid(np.matrix, "__mul__", "__rmul__", reason=_why):
    for (_A, _B), _ref in zip(_cases, _refs):
        _Ac, _Bc = _A.copy(), _B.copy()
        assert_close(matmul_outer(_A, _B), _ref, rtol=1e-9, atol=1e-12,
                     name=f"matmul_outer(A, B) for A of shape {_A.shape} and B of shape {_B.shape}",
                     hint="add up one outer product per column of A (= per row of B).")
        assert np.array_equal(_A, _Ac) and np.array_equal(_B, _Bc), "matmul_outer changed its input A or B."
    assert_close(matmul_outer([[1, 2, 3]], [[1], [0], [-1]]), np.array([[-2.0]]), name="matmul_outer of nested lists")
    for _sa, _sb in [((2, 3), (4, 2)), ((2, 4), (3, 2))]:
        try:
            matmul_outer(np.ones(_sa), np.ones(_sb))
        except ValueError:
            pass
        except Exception as _e:
            raise AssertionError(f"for A of shape {_sa} and B of shape {_sb}, matmul_outer should raise ValueError, "
                                 f"but it raised {type(_e).__name__}.") from None
        else:
            raise AssertionError(f"for A of shape {_sa} and B of shape {_sb} the product is not defined: "
                                 "matmul_outer should raise ValueError.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: compose transformations in the right order (3 points)
#
# Write `compose(transforms)` where `transforms` is a non-empty list of matrices $[T_1, T_2, \dots, T_k]$
# (NumPy arrays or nested lists; $k = 1$, a single matrix, is allowed) **in the order in which they are
# applied** to a vector: first $T_1$, then $T_2$, and so on. The shapes fit together ($T_{i+1}$ has as
# many columns as $T_i$ has rows), but the matrices need not be square or $2\times 2$. Return the single matrix $M$ (a float array) with
#
# $$M x = T_k\big(\cdots T_2(T_1 x)\cdots\big) \quad\text{for every } x .$$
#
# Do not modify the list `transforms` or the matrices in it. Library functions are allowed.

# %% nbgrader={"grade": false, "grade_id": "q4-compose", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def compose(transforms):
    ### BEGIN SOLUTION
    M = np.asarray(transforms[0], dtype=float)
    for T in transforms[1:]:
        M = np.asarray(T, dtype=float) @ M
    return M
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-compose-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_rot90 = np.array([[0.0, -1.0], [1.0, 0.0]])   # rotate by 90° counter-clockwise
_stretch = np.array([[2.0, 0.0], [0.0, 1.0]])  # stretch x1 by 2
assert_close(compose([_rot90, _stretch]), np.array([[0.0, -2.0], [1.0, 0.0]]),
             name="compose([rotate, stretch]) (first rotate, then stretch)",
             hint="check the order: which matrix touches x first?")

# %% nbgrader={"grade": true, "grade_id": "q4-compose-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: non-commuting 2 x 2 maps, a chain of rectangular matrices, five 3 x 3 maps, a single matrix,
# nested lists, and the list and its matrices left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close


def _apply_all(_ts, _x):
    for _t in _ts:
        _x = np.asarray(_t, dtype=float) @ _x
    return _x


_rng = np.random.default_rng(2401)
_c, _s = np.cos(0.7), np.sin(0.7)
_cases = [
    [np.array([[_c, -_s], [_s, _c]]), np.array([[1.0, 1.5], [0.0, 1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]]),
     np.diag([2.0, 0.5])],
    [_rng.normal(size=(2, 3)), _rng.normal(size=(4, 2)), _rng.normal(size=(1, 4))],
    [_rng.normal(size=(3, 3)) for _ in range(5)],
    [_rng.normal(size=(3, 2))],
    [[[0, -1], [1, 0]], [[1, 2], [0, 1]], [[3, 0], [0, -1]]],
]
for _ts in _cases:
    _ids = [id(_t) for _t in _ts]
    _copies = [np.array(_t, dtype=float) for _t in _ts]
    _shapes = [np.shape(_t) for _t in _ts]
    _ref = _apply_all(_ts, np.eye(_shapes[0][1]))
    try:
        _M = compose(_ts)
    except ValueError as _e:
        if len(_ts) == 1:
            raise AssertionError(f"compose raised ValueError for a list of one matrix, of shape {_shapes[0]}: a single "
                                 f"matrix is allowed, and its composition is that matrix ({_e}).") from None
        raise AssertionError(f"compose raised ValueError for matrices of shapes {_shapes}: do not assume square or "
                             f"2 x 2 matrices ({_e}).") from None
    assert [id(_t) for _t in _ts] == _ids, "compose changed its input list (its order or its items); work on a copy."
    assert all(np.array_equal(np.asarray(_t, dtype=float), _c) for _t, _c in zip(_ts, _copies)), \
        "compose changed a matrix of its input list in place; compute the product in a new array."
    assert_close(_M, _ref, name=f"compose(transforms) for matrices of shapes {_shapes}",
                 hint="check the order: which matrix touches x first?")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: kernel and image, exactly (4 points)
#
# Write `kernel_image(A)` for a SymPy matrix `A` of shape $(m, n)$ with integer or rational entries. Return
# a tuple `(K, C, r)`:
#
# * `K`: a SymPy `Matrix` of shape $(n, n - r)$ whose **columns** form a basis of the kernel (null space)
#   $\{x : Ax = 0\}$;
# * `C`: a SymPy `Matrix` of shape $(m, r)$ whose **columns** form a basis of the image (column space) of $A$;
# * `r`: the rank of $A$, a Python `int` (or SymPy `Integer`).
#
# Entries must be exact (integers, rationals: no floats). Any basis is accepted. When a subspace is
# $\{0\}$ its basis is empty: return `sp.zeros(n, 0)` for the kernel (or `sp.zeros(m, 0)` for the image),
# a matrix with the right number of rows and no columns. *Hints*: `A.nullspace()` and `A.columnspace()`
# return lists of column vectors, `A.rref()` a tuple `(R, pivot_indices)`, `A.rank()` an `int`;
# `sp.Matrix.hstack(*vectors)` puts vectors side by side as columns (but gives shape $(0, 0)$ for an empty
# list).

# %% nbgrader={"grade": false, "grade_id": "q5-kernel-image", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def kernel_image(A):
    ### BEGIN SOLUTION
    A = sp.Matrix(A)
    m, n = A.shape
    K = sp.Matrix.hstack(sp.zeros(n, 0), *A.nullspace())
    C = sp.Matrix.hstack(sp.zeros(m, 0), *A.columnspace())
    r = A.rank()
    return K, C, r
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-kernel-image-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_exact

_A = sp.Matrix([[1, 2], [2, 4]])   # rank 1: the second column is twice the first
_result = kernel_image(_A.copy())
assert isinstance(_result, (tuple, list)) and len(_result) == 3, "kernel_image should return a tuple (K, C, r)."
_K, _C, _r = _result
assert isinstance(_K, sp.MatrixBase) and isinstance(_C, sp.MatrixBase), \
    "K and C should be SymPy matrices (put basis vectors side by side with sp.Matrix.hstack)."
assert_exact(_K, name="K")
assert_exact(_C, name="C")
assert int(_r) == 1, "r is not the rank of A (the dimension of its image)."
assert _K.shape == (2, 1), f"K should have shape (2, 1) here (one kernel basis vector as a column), got {_K.shape}."
assert _C.shape == (2, 1), f"C should have shape (2, 1) here (one image basis vector as a column), got {_C.shape}."
assert (_A * _K).is_zero_matrix and not _K.is_zero_matrix, "the column of K is not a non-zero vector of the kernel."
assert not _C.is_zero_matrix and sp.Matrix.hstack(_A, _C).rank() == 1, \
    "the column of C is not in the image of A (take it from A's columns, not from its RREF)."

# %% nbgrader={"grade": true, "grade_id": "q5-kernel-image-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: wide, tall and square matrices of several ranks (rational entries, full rank, the zero matrix),
# any basis accepted, exact entries required.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact


def _check_kernel_image(_A, _label):
    _m, _n = _A.shape
    _rank = _A.rank()
    _result = kernel_image(_A.copy())
    assert isinstance(_result, (tuple, list)) and len(_result) == 3, "kernel_image should return a tuple (K, C, r)."
    _K, _C, _r = _result
    assert isinstance(_r, (int, np.integer, sp.Integer)) and not isinstance(_r, bool), \
        f"for {_label}, r should be an integer, got {type(_r).__name__}."
    assert int(_r) == _rank, f"for {_label}, r is not the rank of A (the dimension of its image)."
    for _B, _what, _rows, _dim in [(_K, "K", _n, _n - _rank), (_C, "C", _m, _rank)]:
        assert isinstance(_B, sp.MatrixBase), \
            f"for {_label}, {_what} should be a SymPy Matrix (put basis vectors side by side with sp.Matrix.hstack)."
        assert_exact(_B, name=f"{_what} for {_label}")
        assert _B.shape != (0, 0) or _rows == 0, (f"for {_label}, {_what} has shape (0, 0): an empty basis still needs "
                                                  "its number of rows (sp.Matrix.hstack of an empty list loses it).")
        assert _B.shape[0] == _rows, (f"for {_label}, {_what} has shape {_B.shape}: it should have one row per entry "
                                      f"of a basis vector ({_rows}), with the basis vectors as its columns.")
        assert _B.shape[1] == _dim, (f"for {_label}, {_what} has the wrong shape {_B.shape}: it needs exactly one "
                                     "column per basis vector (an empty basis is a matrix with 0 columns).")
        assert _B.rank() == _B.shape[1], f"for {_label}, the columns of {_what} are linearly dependent: not a basis."
    assert (_A * _K).applyfunc(sp.simplify).is_zero_matrix, f"for {_label}, A K is not zero: a column of K is not in the kernel."
    assert sp.Matrix.hstack(_A, _C).rank() == _rank, \
        f"for {_label}, a column of C is not in the image of A (take it from A's columns, not from its RREF)."


_rng = np.random.default_rng(2501)
_random = sp.Matrix(_rng.integers(-3, 4, size=(4, 3))) * sp.Matrix(_rng.integers(-3, 4, size=(3, 6)))
for _A, _label in [
    (sp.Matrix([[1, 2, 0, 1, 3], [2, 4, 1, 4, 7], [3, 6, 1, 5, 10]]), "a 3 x 5 integer matrix"),
    (sp.Matrix([[sp.Rational(1, 2), 1, sp.Rational(3, 2)], [1, 2, 3], [0, 1, 1]]), "a 3 x 3 rational matrix"),
    (sp.Matrix([[1, 0], [2, 1], [0, 3], [1, 1]]), "a 4 x 2 integer matrix"),
    (sp.Matrix([[2, 1, 0], [1, 3, 1]]), "a 2 x 3 integer matrix"),
    (sp.Matrix([[2, 1, 1], [1, 3, 2], [1, 0, 0]]), "a 3 x 3 integer matrix"),
    (sp.zeros(2, 3), "the 2 x 3 zero matrix"),
    (_random, "a random 4 x 6 integer matrix"),
]:
    _check_kernel_image(_A, _label)
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: a dense layer on a batch (3 points)
#
# A dense layer with `n_in` inputs and `n_out` outputs has weights `W` of shape `(n_in, n_out)` and a bias
# `b` of shape `(n_out,)`. Write `dense_forward(X, W, b)` that returns the layer's output $XW + b$ for a
# batch `X` of shape `(batch, n_in)` (one sample per row, `b` added to every row) as a float array of shape
# `(batch, n_out)`. It must also accept a single sample, a 1-D `X` of shape `(n_in,)`, and then return
# shape `(n_out,)`. Inputs may be NumPy arrays or nested lists; do not modify them. No activation function.
# No Python loop over the samples is needed: one matrix product and broadcasting do the work.

# %% nbgrader={"grade": false, "grade_id": "q6-dense-forward", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def dense_forward(X, W, b):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    return X @ W + b
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-dense-forward-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import as_array, assert_close

_X = np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 0.0], [2.0, 2.0]])   # batch of 4 samples, n_in = 2
_W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]])                  # n_in = 2, n_out = 3
_b = np.array([0.5, -0.5, 1.0])
_Y = as_array(dense_forward(_X, _W, _b), "dense_forward(X, W, b)")
assert not (_Y.shape == (4, 3) and np.allclose(_Y, _X @ _W)), "dense_forward(X, W, b): the bias b is missing."
assert_close(_Y, np.array([[1.5, 1.5, 2.0], [0.5, 0.5, 2.0], [-0.5, -0.5, 2.0], [2.5, 1.5, 1.0]]),
             name="dense_forward(X, W, b)")

# %% nbgrader={"grade": true, "grade_id": "q6-dense-forward-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: several batch and layer sizes (batch equal to n_out, square W, a batch of 1, a large batch),
# a single 1-D sample, nested lists, inputs left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import as_array, assert_close

_rng = np.random.default_rng(2601)
for _batch, _n_in, _n_out in [(5, 3, 2), (6, 2, 6), (3, 3, 3), (1, 4, 4), (500, 20, 10)]:
    _X = _rng.normal(size=(_batch, _n_in))
    _W = _rng.normal(size=(_n_in, _n_out))
    _b = _rng.normal(size=_n_out)
    _copies = (_X.copy(), _W.copy(), _b.copy())
    _name = f"dense_forward(X, W, b) for X of shape {_X.shape} and W of shape {_W.shape}"
    _Y = as_array(dense_forward(_X, _W, _b), _name)
    assert not (_Y.shape == (_batch, _n_out) and np.allclose(_Y, _copies[0] @ _copies[1])), \
        f"{_name}: the bias b is missing."
    assert_close(_Y, _copies[0] @ _copies[1] + _copies[2], rtol=1e-9, atol=1e-12, name=_name,
                 hint="samples are rows: multiply X by W, then add b to every row.")
    assert all(np.array_equal(_a, _c) for _a, _c in zip((_X, _W, _b), _copies)), "dense_forward changed its inputs."
_x = _rng.normal(size=4)
_W = _rng.normal(size=(4, 3))
_b = _rng.normal(size=3)
assert_close(dense_forward(_x.copy(), _W.copy(), _b.copy()), _x @ _W + _b, rtol=1e-9, atol=1e-12,
             name="dense_forward for a single sample x of shape (4,)")
assert_close(dense_forward([[1, 1]], [[1, 2], [3, 4]], [1, 1]), np.array([[5.0, 7.0]]),
             name="dense_forward with nested lists")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: stacked linear layers collapse into one (4 points)
#
# `layers` is a non-empty list of pairs `(W, b)` describing a network **without activation functions**, in
# the convention of Question 6 (`W` of shape `(n_in, n_out)`, `b` of shape `(n_out,)`, samples as rows):
#
# $$f(X) = \Big(\big((X W_1 + b_1)\, W_2 + b_2\big) \cdots \Big) W_k + b_k .$$
#
# The sizes fit together (the `n_out` of one layer is the `n_in` of the next). Write `collapse_linear(layers)`
# that returns a tuple `(W_eff, b_eff)` of float arrays, of shapes `(n_in of the first layer, n_out of the
# last layer)` and `(n_out of the last layer,)`, such that $f(X) = X\,W_{\text{eff}} + b_{\text{eff}}$ for
# every batch `X`: the whole network is a single dense layer. A single layer ($k = 1$) is allowed. Do not
# modify `layers` (neither the list nor the arrays in it).

# %% nbgrader={"grade": false, "grade_id": "q7-collapse-linear", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def collapse_linear(layers):
    ### BEGIN SOLUTION
    n_in = np.shape(layers[0][0])[0]
    W_eff, b_eff = np.eye(n_in), np.zeros(n_in)
    for W, b in layers:
        W = np.asarray(W, dtype=float)
        b = np.asarray(b, dtype=float)
        W_eff, b_eff = W_eff @ W, b_eff @ W + b
    return W_eff, b_eff
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-collapse-linear-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

_layers = [(np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]), np.array([1.0, 0.0, 0.0])),   # 2 -> 3
           (np.array([[1.0], [1.0], [1.0]]), np.array([0.5]))]                           # 3 -> 1
try:
    _result = collapse_linear(_layers)
except ValueError as _e:
    raise AssertionError(f"collapse_linear raised ValueError: check the order of the factors and their shapes ({_e})."
                         ) from None
assert isinstance(_result, (tuple, list)) and len(_result) == 2, "collapse_linear should return a tuple (W_eff, b_eff)."
assert_close(_result[0], np.array([[3.0], [0.0]]), name="W_eff", hint="check the order of the factors.")
assert_close(_result[1], np.array([1.5]), name="b_eff", hint="b_eff is the output of the network for the input 0.")

# %% nbgrader={"grade": true, "grade_id": "q7-collapse-linear-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: two to four layers of several widths (square layers, a bottleneck of width 1), a single layer,
# checked on the weights and on random batches; the list and its arrays left unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close


def _network(_layers, _X):
    for _W, _b in _layers:
        _X = _X @ np.asarray(_W, dtype=float) + np.asarray(_b, dtype=float)
    return _X


_rng = np.random.default_rng(2701)
for _sizes in [[3, 5, 2], [4, 4, 4, 4], [2, 1, 3], [3, 2], [2, 3, 3, 2, 1]]:
    _layers = [(_rng.normal(size=(_a, _c)), _rng.normal(size=_c)) for _a, _c in zip(_sizes[:-1], _sizes[1:])]
    _ids = [id(_l) for _l in _layers]
    _copies = [(_W.copy(), _b.copy()) for _W, _b in _layers]
    _b_ref = _network(_layers, np.zeros(_sizes[0]))
    _W_ref = _network(_layers, np.eye(_sizes[0])) - _b_ref
    try:
        _result = collapse_linear(_layers)
    except ValueError as _e:
        if len(_layers) == 1:
            raise AssertionError(f"collapse_linear raised ValueError for a single layer (sizes {_sizes}): one layer is "
                                 f"allowed, and it is already a single dense layer ({_e}).") from None
        raise AssertionError(f"collapse_linear raised ValueError for layer sizes {_sizes}: check the order of the "
                             f"factors and their shapes ({_e}).") from None
    assert [id(_l) for _l in _layers] == _ids, "collapse_linear changed its input list."
    assert all(np.array_equal(_W, _Wc) and np.array_equal(_b, _bc) for (_W, _b), (_Wc, _bc) in zip(_layers, _copies)), \
        "collapse_linear changed a weight matrix or a bias of its input in place; compute in new arrays."
    assert isinstance(_result, (tuple, list)) and len(_result) == 2, "collapse_linear should return a tuple (W_eff, b_eff)."
    _W_eff, _b_eff = _result
    assert_close(_W_eff, _W_ref, rtol=1e-9, atol=1e-12, name=f"W_eff for layer sizes {_sizes}",
                 hint="check the order of the factors.")
    assert_close(_b_eff, _b_ref, rtol=1e-9, atol=1e-12, name=f"b_eff for layer sizes {_sizes}",
                 hint="b_eff is the output of the network for the input 0.")
    _X = _rng.normal(size=(6, _sizes[0]))
    assert_close(_X @ np.asarray(_W_eff, dtype=float) + np.asarray(_b_eff, dtype=float), _network(_layers, _X),
                 rtol=1e-9, atol=1e-12, name=f"X @ W_eff + b_eff for layer sizes {_sizes}")
### END HIDDEN TESTS
