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
# the matrix product, composition, a map with a chosen kernel and image, the cost of collapsing a linear
# network, and reflections that compose into rotations. Each question has
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
# ## Question 5: a matrix with the kernel and image you want (4 points)
#
# Lecture section 6 reads the kernel and the image off a given matrix. Here you go the other way. Write
# `matrix_with_kernel_image(K, C)` where `K` is a SymPy matrix of shape $(n, k)$ and `C` a SymPy matrix of
# shape $(m, r)$, both with integer or rational entries and linearly independent columns, and $k + r = n$
# (rank–nullity says no matrix exists otherwise). Return an exact SymPy matrix `A` of shape $(m, n)$ (no
# floating-point entries) whose
#
# * **kernel** is exactly the span of the columns of `K`, and whose
# * **image** is exactly the span of the columns of `C`.
#
# Many matrices qualify: any one earns full marks. The extreme cases are allowed: $k = 0$ (`K` of shape
# $(n, 0)$, only $0$ in the kernel) and $r = 0$ (`C` of shape $(m, 0)$, every input in the kernel). Do not
# modify `K` or `C`.

# %% nbgrader={"grade": false, "grade_id": "q5-build-kernel-image", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
def matrix_with_kernel_image(K, C):
    ### BEGIN SOLUTION
    K, C = sp.Matrix(K), sp.Matrix(C)
    n = K.rows
    # the columns of N span the vectors orthogonal to every column of K; A = C N^T maps them onto span(C)
    # and has exactly span(K) as its kernel
    N = sp.Matrix.hstack(sp.zeros(n, 0), *K.T.nullspace())
    return C * N.T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-build-kernel-image-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_K = sp.Matrix([[1], [1], [1]])                  # the kernel should be the line through (1, 1, 1)
_C = sp.Matrix([[1, 0], [0, 1], [0, 0]])         # and the image the plane x3 = 0
_A = matrix_with_kernel_image(_K.copy(), _C.copy())
assert isinstance(_A, sp.MatrixBase), f"matrix_with_kernel_image should return a SymPy Matrix, got {type(_A).__name__}."
assert _A.shape == (3, 3), f"A should have shape (m, n) = (3, 3) here, got {_A.shape}."
assert not any(isinstance(_x, sp.Float) for _x in _A.atoms(sp.Number)), "A contains floating-point numbers; keep it exact."
assert (_A * _K).is_zero_matrix, "A (1, 1, 1) is not zero: the vector (1, 1, 1) is not in the kernel of A."
assert _A.rank() == 2, f"A has rank {_A.rank()}, but its image, the plane x3 = 0, has dimension 2."
assert all(_x == 0 for _x in _A.row(2)), "the image of A is not the plane x3 = 0: the third entry of A x is not always 0."

# %% nbgrader={"grade": true, "grade_id": "q5-build-kernel-image-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: wide, tall and square cases, kernels along a coordinate axis and in general position, rational
# entries, the extreme cases k = 0 and r = 0; K and C left unchanged.
### BEGIN HIDDEN TESTS
def _check_built(_K, _C, _label):
    _n, _k = _K.shape
    _m, _r = _C.shape
    _Kc, _Cc = _K.copy(), _C.copy()
    _A = matrix_with_kernel_image(_K, _C)
    assert _K == _Kc and _C == _Cc, f"for {_label}, matrix_with_kernel_image changed its input K or C."
    assert isinstance(_A, sp.MatrixBase), (f"for {_label}, matrix_with_kernel_image should return a SymPy Matrix, "
                                           f"got {type(_A).__name__}.")
    assert _A.shape == (_m, _n), (f"for {_label}, A has shape {_A.shape}: it should have one row per entry of an "
                                  f"output ({_m}) and one column per entry of an input ({_n}).")
    assert not any(isinstance(_x, sp.Float) for _x in _A.atoms(sp.Number)), \
        f"for {_label}, A contains floating-point numbers; keep it exact."
    assert not _A.free_symbols, f"for {_label}, A contains symbols; it should contain numbers only."
    assert (_A * _K).applyfunc(sp.simplify).is_zero_matrix, \
        f"for {_label}, A K is not zero: a column of K is not in the kernel of A."
    _rank = _A.rank()
    assert _rank <= _r, (f"for {_label}, A has rank {_rank}, larger than the number of columns of C: its image is "
                         "bigger than the span of C (and its kernel smaller than the span of K).")
    assert _rank == _r, (f"for {_label}, A has rank {_rank}, smaller than the number of columns of C: its image is "
                         "only part of the span of C, and its kernel is bigger than the span of K.")
    assert sp.Matrix.hstack(_C, _A).rank() == _r, \
        f"for {_label}, a column of A is not in the span of the columns of C: the image of A is another subspace."


_rng = np.random.default_rng(2501)
_Kr = sp.Matrix(_rng.integers(-3, 4, size=(5, 2)))
_Cr = sp.Matrix(_rng.integers(-3, 4, size=(4, 3)))
assert _Kr.rank() == 2 and _Cr.rank() == 3
for _K, _C, _label in [
    (sp.Matrix([[0], [0], [1]]), sp.Matrix([[1, 1], [1, -1], [2, 0]]), "a kernel along the x3-axis (n = m = 3)"),
    (sp.Matrix([[1], [0], [0]]), sp.Matrix([[1, 0], [0, 1], [1, 1]]), "a kernel along the x1-axis (n = m = 3)"),
    (sp.Matrix([[1, 0], [2, 1], [0, 3], [1, 1]]), sp.Matrix([[2, 1], [1, 1]]), "n = 4, a 2-D kernel, m = 2"),
    (sp.Matrix([[sp.Rational(1, 2)], [-1], [sp.Rational(2, 3)]]), sp.Matrix([[1, 0], [0, 0], [3, 1], [1, 2]]),
     "rational entries, n = 3, m = 4"),
    (sp.zeros(2, 0), sp.Matrix([[1, 0], [2, 1], [0, 1], [1, 1], [3, 0]]), "k = 0 (K of shape (2, 0)), m = 5"),
    (sp.eye(3), sp.zeros(2, 0), "r = 0 (C of shape (2, 0)): every input in the kernel"),
    (sp.Matrix([[1], [2]]), sp.Matrix([[1], [1], [1]]), "n = 2, a rank-one map into R^3"),
    (_Kr, _Cr, "random integer K of shape (5, 2) and C of shape (4, 3)"),
]:
    _check_built(_K, _C, _label)
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: when does collapsing a linear network pay off? (3 points)
#
# A network of dense layers **without activations and without biases** has the widths
# `sizes` $= [n_0, n_1, \dots, n_k]$ ($k \ge 1$): layer $j$ has weights $W_j$ of shape $(n_{j-1}, n_j)$. A
# batch $X$ of $N$ samples, of shape $(N, n_0)$, can go through it in two ways:
#
# * **layer by layer**: $(\cdots((X W_1) W_2) \cdots) W_k$, that is $k$ matrix products;
# * **collapse first** (lecture section 7): $W = (\cdots((W_1 W_2) W_3) \cdots) W_k$, the $k - 1$ products from
#   left to right, then one more product $X W$.
#
# Count the cost as in lecture section 8: a product of a $p \times q$ and a $q \times s$ matrix costs exactly
# $ps(2q - 1)$ flops, and nothing else costs anything. Collapsing costs a fixed amount up front, and may
# make each sample cheaper. Write `break_even_batch(sizes)` that returns the **smallest** batch size
# $N \ge 1$ (an `int`) for which collapsing first costs **strictly fewer** flops in total than layer by layer,
# or `None` when no batch size is large enough for that. Work out the rule as a function of the widths: the
# hidden tests try many other networks, from one layer to five, with widths from 1 to 3000, and the answer
# can be in the millions.

# %% nbgrader={"grade": false, "grade_id": "q6-break-even", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def break_even_batch(sizes):
    ### BEGIN SOLUTION
    n = [int(s) for s in sizes]
    per_sample_layers = sum(n[j] * (2 * n[j - 1] - 1) for j in range(1, len(n)))   # one row through every layer
    per_sample_collapsed = n[-1] * (2 * n[0] - 1)                                   # one row times W
    up_front = sum(n[0] * n[j] * (2 * n[j - 1] - 1) for j in range(2, len(n)))     # W_1 W_2, then ... W_k
    saving = per_sample_layers - per_sample_collapsed
    if saving <= 0:
        return None
    return up_front // saving + 1          # the smallest N with N * saving > up_front
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-break-even-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _sizes in ([3, 3], [1, 50, 1], [2, 100, 2]):
    try:
        _N = break_even_batch(list(_sizes))
    except ZeroDivisionError:
        raise AssertionError(f"break_even_batch({_sizes}) divided by zero: when no batch size makes collapsing "
                             "strictly cheaper, return None.") from None
    assert _N is None or (isinstance(_N, (int, np.integer)) and not isinstance(_N, bool)), \
        f"break_even_batch({_sizes}) should return an int or None, got {type(_N).__name__}."
assert break_even_batch([3, 3]) is None, \
    "break_even_batch([3, 3]): with one layer, collapsing changes nothing, so it is never strictly cheaper."
assert break_even_batch([1, 50, 1]) == 1, \
    "break_even_batch([1, 50, 1]): here collapsing first is already strictly cheaper for a single sample."
assert break_even_batch([2, 100, 2]) == 2, "break_even_batch([2, 100, 2]) is not the smallest batch size that pays off."

# %% nbgrader={"grade": true, "grade_id": "q6-break-even-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: networks of one to five layers, bottlenecks (collapsing never pays), wide hidden layers, exact ties,
# break-even batches in the millions, and a seeded random sweep.
### BEGIN HIDDEN TESTS
def _costs(_n, _N):
    _layers = sum(_N * _n[_j] * (2 * _n[_j - 1] - 1) for _j in range(1, len(_n)))
    _collapsed = sum(_n[0] * _n[_j] * (2 * _n[_j - 1] - 1) for _j in range(2, len(_n))) + _N * _n[-1] * (2 * _n[0] - 1)
    return _layers, _collapsed


def _break_even(_n):
    _saving = _costs(_n, 1)[0] - _n[-1] * (2 * _n[0] - 1)   # per sample: layer by layer minus collapsed
    return None if _saving <= 0 else _costs(_n, 0)[1] // _saving + 1


_rng = np.random.default_rng(2601)
_cases = [[7, 7], [1, 1], [4, 1, 4], [100, 10, 100], [22, 22, 37], [20, 14, 30], [13, 3, 8, 11], [784, 256, 128, 10],
          [3000, 1501, 3000], [2999, 1501, 2999, 1, 2], [2, 3, 4, 5, 6, 7], [5, 50, 50, 5], [1, 3000, 3000, 1]]
_cases += [[int(_w) for _w in _rng.integers(1, 60, size=_rng.integers(2, 7))] for _ in range(40)]
for _n in _cases:
    _ref = _break_even(_n)
    try:
        _N = break_even_batch(list(_n))
    except ZeroDivisionError:
        raise AssertionError(f"break_even_batch({_n}) divided by zero: when no batch size makes collapsing "
                             "strictly cheaper, return None.") from None
    assert _N is None or (isinstance(_N, (int, np.integer)) and not isinstance(_N, bool)), \
        f"break_even_batch({_n}) should return an int or None, got {type(_N).__name__}."
    if _N is None:
        assert _ref is None, (f"break_even_batch({_n}) is None, but for these widths collapsing first does become "
                              "strictly cheaper once the batch is large enough: compare the cost per sample of both ways.")
        continue
    _N = int(_N)
    assert _N >= 1, f"break_even_batch({_n}) should be a batch size of at least 1."
    _layers, _collapsed = _costs(_n, _N)
    assert _collapsed < _layers, (f"for sizes {_n}, at the batch size you return collapsing first is not strictly "
                                  "cheaper than layer by layer (count the up-front products too, and every product "
                                  "at p s (2q - 1) flops).")
    _layers, _collapsed = _costs(_n, _N - 1)
    assert _N == 1 or not _collapsed < _layers, (f"for sizes {_n}, collapsing first is already strictly cheaper at a "
                                                 "smaller batch size than the one you return.")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: two mirrors make a rotation (4 points)
#
# Write $F(\alpha)$ for the reflection across the line through the origin that makes the angle $\alpha$ with
# the positive $x_1$-axis, and $R(\theta)$ for the counter-clockwise rotation by $\theta$ (both as in
# Question 1, angles in radians). Derive, for **all** real values of the angles:
#
# 1. `rotation_angle`, a SymPy expression in `alpha` and `beta`: reflecting first across the line at $\alpha$,
#    then across the line at $\beta$, is the rotation by this angle,
#    $F(\beta)\,F(\alpha) = R(\texttt{rotation\_angle})$;
# 2. `mirror_angle`, a SymPy expression in `alpha` and `theta`: reflecting across the line at $\alpha$, then
#    rotating by $\theta$, is again a reflection, across the line at this angle,
#    $R(\theta)\,F(\alpha) = F(\texttt{mirror\_angle})$.
#
# Use the symbols defined below, and give exact expressions (`sp.pi`, not `3.14159`). A rotation angle is only
# determined up to a multiple of $2\pi$, and the angle of a mirror line up to a multiple of $\pi$: every
# equivalent expression earns full marks.

# %% nbgrader={"grade": false, "grade_id": "q7-two-mirrors", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
alpha, beta, theta = sp.symbols("alpha beta theta", real=True)
### BEGIN SOLUTION
# F(b) F(a) has the entries cos(2b)cos(2a) + sin(2b)sin(2a) = cos(2b - 2a) and sin(2b)cos(2a) - cos(2b)sin(2a)
# = sin(2b - 2a); R(t) F(a) has the entries cos(t + 2a) and sin(t + 2a), those of F(a + t/2).
rotation_angle = 2 * (beta - alpha)
mirror_angle = alpha + theta / 2
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q7-two-mirrors-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _value, _name, _allowed in [(rotation_angle, "rotation_angle", {"alpha", "beta"}),
                                (mirror_angle, "mirror_angle", {"alpha", "theta"})]:
    assert isinstance(_value, sp.Expr), f"{_name} should be a SymPy expression, got {type(_value).__name__}."
    _extra = {str(_s) for _s in _value.free_symbols} - _allowed
    assert not _extra, f"{_name} should contain no symbol other than {' and '.join(sorted(_allowed))}."
# one example: the mirror lines at 30 and 45 degrees, and a quarter turn after the mirror at 30 degrees
_at = {str(_s): _s for _s in rotation_angle.free_symbols | mirror_angle.free_symbols}
_point = {_at[_k]: _v for _k, _v in {"alpha": sp.pi / 6, "beta": sp.pi / 4, "theta": sp.pi / 2}.items() if _k in _at}
_phi = float(rotation_angle.subs(_point))
assert np.allclose([np.cos(_phi), np.sin(_phi)], [np.cos(np.pi / 6), np.sin(np.pi / 6)]), \
    "rotation_angle for alpha = pi/6, beta = pi/4: R(rotation_angle) is not F(beta) F(alpha)."
_psi = float(mirror_angle.subs(_point))
assert np.allclose([np.cos(2 * _psi), np.sin(2 * _psi)], [np.cos(5 * np.pi / 6), np.sin(5 * np.pi / 6)]), \
    "mirror_angle for alpha = pi/6, theta = pi/2: F(mirror_angle) is not R(theta) F(alpha)."

# %% nbgrader={"grade": true, "grade_id": "q7-two-mirrors-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: both identities for all values of the angles, up to the period of each angle; exact expressions.
### BEGIN HIDDEN TESTS
from autograder.checks import sym_is_zero

_a, _b, _t = sp.symbols("alpha beta theta", real=True)


def _as_expression(_value, _name, _allowed):
    assert isinstance(_value, sp.Expr), f"{_name} should be a SymPy expression, got {type(_value).__name__}."
    _value = _value.xreplace({_s: _allowed[str(_s)] for _s in _value.free_symbols if str(_s) in _allowed})
    assert _value.free_symbols <= set(_allowed.values()), \
        f"{_name} should contain no symbol other than {' and '.join(sorted(_allowed))}."
    assert not any(isinstance(_x, sp.Float) for _x in _value.atoms(sp.Number)), \
        f"{_name} contains a floating-point number; give an exact expression (sp.pi, sp.Rational(1, 2), ...)."
    return _value


_phi = _as_expression(rotation_angle, "rotation_angle", {"alpha": _a, "beta": _b})
_FbFa = (2 * (_b - _a))   # the angle of F(beta) F(alpha), whose columns are (cos, sin) and (-sin, cos) of it
if not (sym_is_zero(sp.cos(_phi) - sp.cos(_FbFa)) and sym_is_zero(sp.sin(_phi) - sp.sin(_FbFa))):
    assert not (sym_is_zero(sp.cos(_phi) - sp.cos(_FbFa)) and sym_is_zero(sp.sin(_phi) + sp.sin(_FbFa))), \
        ("R(rotation_angle) turns the wrong way: it is F(alpha) F(beta), the reflections in the other order "
         "(the matrix on the right acts first).")
    raise AssertionError("R(rotation_angle) is not F(beta) F(alpha) for every alpha and beta: multiply the two "
                         "reflection matrices and compare the entries with those of a rotation.")
_psi = _as_expression(mirror_angle, "mirror_angle", {"alpha": _a, "theta": _t})
_RtFa = 2 * _a + _t      # twice the angle of the mirror line of R(theta) F(alpha)
if not (sym_is_zero(sp.cos(2 * _psi) - sp.cos(_RtFa)) and sym_is_zero(sp.sin(2 * _psi) - sp.sin(_RtFa))):
    assert not (sym_is_zero(sp.cos(2 * _psi) - sp.cos(2 * _a - _t))
                and sym_is_zero(sp.sin(2 * _psi) - sp.sin(2 * _a - _t))), \
        "F(mirror_angle) is F(alpha) R(theta), rotating first and then reflecting: the matrix on the right acts first."
    raise AssertionError("F(mirror_angle) is not R(theta) F(alpha) for every alpha and theta: multiply the two "
                         "matrices and compare the entries with those of a reflection.")
### END HIDDEN TESTS
