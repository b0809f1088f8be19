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
# # Chapter 03 — Inversion and linear systems
#
# Solving $A\mathbf{x} = \mathbf{b}$ is the workhorse of numerical machine
# learning. Fitting a linear regression solves a linear system; every step of
# Newton's method solves $H\mathbf{d} = -\nabla f$ with the Hessian $H$;
# Gaussian-process and kernel-ridge predictions solve $K\boldsymbol{\alpha} = \mathbf{y}$
# with a kernel matrix $K$; the Gaussian log-density needs
# $\Sigma^{-1}(\mathbf{x} - \boldsymbol{\mu})$. This chapter is about doing that
# well:
#
# 1. what a linear system is, and when it has one, none or infinitely many solutions;
# 2. Gaussian elimination, and triangular systems;
# 3. the LU factorization: elimination written as a product of matrices;
# 4. pivoting, and SciPy's `A = P @ L @ U` convention;
# 5. the inverse, and when it exists;
# 6. `solve` versus `inv`: cost and accuracy, measured;
# 7. conditioning: when a tiny change in the data changes the answer a lot;
# 8. the Hilbert matrix: floating point fails, exact rational arithmetic does not;
# 9. residual versus error;
# 10. least squares: linear regression, the normal equations, and why
#     `np.linalg.lstsq` (QR / SVD) is preferred.
#
# **Conventions** as in chapter 01: vectors are bold lower-case columns,
# matrices upper-case, entries indexed from 1 in formulas and from 0 in code.
# $A$ is $n \times n$ unless said otherwise. $\|\cdot\|$ is the Euclidean norm
# of a vector and, for a matrix, the matching **2-norm**
# $\|A\| = \max_{\mathbf{x} \ne \mathbf{0}} \|A\mathbf{x}\| / \|\mathbf{x}\|$
# (the largest factor by which $A$ stretches a vector).

# %%
import timeit

import matplotlib.pyplot as plt
import mpmath
import numpy as np
import scipy.linalg
import sympy as sp

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Linear systems: one, none or infinitely many solutions
#
# A **linear system** of $n$ equations in $n$ unknowns,
#
# $$
# \begin{aligned}
# a_{11}x_1 + a_{12}x_2 + \dots + a_{1n}x_n &= b_1 \\
# &\ \,\vdots \\
# a_{n1}x_1 + a_{n2}x_2 + \dots + a_{nn}x_n &= b_n ,
# \end{aligned}
# \qquad\text{is}\qquad A\mathbf{x} = \mathbf{b} .
# $$
#
# There are two ways to read it.
#
# * **Row picture.** Each equation $\mathbf{a}_i^\top\mathbf{x} = b_i$ (row $i$
#   of $A$ dotted with $\mathbf{x}$) describes a line in $\mathbb{R}^2$, a plane
#   in $\mathbb{R}^3$, a hyperplane in $\mathbb{R}^n$ — orthogonal to the row
#   $\mathbf{a}_i$, as the decision boundary in chapter 01. A solution is a
#   point on all of them at once.
# * **Column picture.** $A\mathbf{x} = x_1\mathbf{c}_1 + \dots + x_n\mathbf{c}_n$
#   is a linear combination of the columns $\mathbf{c}_j$ of $A$. Solving means
#   finding the coefficients that produce $\mathbf{b}$, which is possible exactly
#   when $\mathbf{b}$ lies in the span of the columns (chapter 01, Section 7).
#
# In two unknowns the row picture is two lines, and **Figure 1** shows the
# only three things that can happen: the lines cross in one point (one
# solution), they are parallel (no solution), or they are the same line
# (infinitely many). The same trichotomy holds in every dimension: a linear
# system never has exactly two or exactly five solutions, because if
# $\mathbf{x}$ and $\mathbf{x}'$ both solve it, so does every point
# $\mathbf{x} + t(\mathbf{x}' - \mathbf{x})$ on the line through them.

# %%
systems = [
    ("one solution", np.array([[1.0, 1.0], [1.0, -1.0]]), np.array([3.0, 1.0]),
     ["$x_1 + x_2 = 3$", "$x_1 - x_2 = 1$"]),
    ("no solution", np.array([[1.0, 1.0], [2.0, 2.0]]), np.array([3.0, 4.0]),
     ["$x_1 + x_2 = 3$", "$2x_1 + 2x_2 = 4$"]),
    ("infinitely many", np.array([[1.0, 1.0], [2.0, 2.0]]), np.array([3.0, 6.0]),
     ["$x_1 + x_2 = 3$", "$2x_1 + 2x_2 = 6$"]),
]
t = np.linspace(-1, 4, 2)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharey=True)
for ax, (title, M, rhs, labels) in zip(axes, systems):
    for i, (style, width) in enumerate([("C0-", 4), ("C1--", 2)]):
        a1, a2 = M[i]  # the line a1*x1 + a2*x2 = rhs[i], solved for x2
        ax.plot(t, (rhs[i] - a1 * t) / a2, style, lw=width, label=labels[i])
    if np.linalg.matrix_rank(M) == 2:
        sol = np.linalg.solve(M, rhs)
        ax.plot(*sol, "ko", ms=7)
        ax.annotate(f"$x = ({sol[0]:g}, {sol[1]:g})$", sol, xytext=(8, 8), textcoords="offset points")
    ax.set_title(title)
    ax.set_xlim(-1, 4)
    ax.set_ylim(-1.5, 4)
    ax.set_xlabel("$x_1$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
axes[0].set_ylabel("$x_2$")
fig.suptitle("Figure 1: the row picture of three 2x2 systems")
fig.tight_layout()
plt.show()

# %% [markdown]
# In the first system the columns $(1, 1)$ and $(1, -1)$ are independent, so
# they span $\mathbb{R}^2$ and every $\mathbf{b}$ is reachable, in exactly one
# way (chapter 01, Section 9). In the other two the columns $(1, 2)$ and
# $(1, 2)$ are equal: they span only a line, and $\mathbf{b}$ is either off it
# (no solution) or on it, where it can be reached in infinitely many ways.
# Which case we are in depends on $A$ (does it have independent columns?) and,
# when it does not, on $\mathbf{b}$.
#
# ## 2. Gaussian elimination
#
# Gaussian elimination turns $A\mathbf{x} = \mathbf{b}$ into an equivalent
# **upper-triangular** system $U\mathbf{x} = \mathbf{c}$ using one kind of step:
# *subtract a multiple of one equation from another* (this does not change the
# solutions, and can be undone by adding it back). Column by column, the
# entries below the diagonal are eliminated:
#
# for $k = 1, \dots, n-1$ and every row $i > k$:
# $$
# \ell_{ik} = \frac{a_{ik}}{a_{kk}}, \qquad \text{row}_i \leftarrow \text{row}_i - \ell_{ik}\,\text{row}_k ,
# $$
#
# applied to $A$ and to $\mathbf{b}$ alike. The entry $a_{kk}$ we divide by is
# the **pivot** and $\ell_{ik}$ the **multiplier**. (The $a_{ij}$ here are the
# *current* entries, already changed by the earlier steps.) A worked example:
#
# $$
# \begin{aligned}
#  2x_1 +  x_2 +  x_3 &=  5 \\
#  4x_1 - 6x_2 \phantom{{}+ x_3} &= -2 \\
# -2x_1 + 7x_2 + 2x_3 &=  9
# \end{aligned}
# $$
#
# We work on the **augmented matrix** $[A \mid \mathbf{b}]$, so that every row
# operation acts on both sides of an equation.

# %%
A = np.array([[ 2.0,  1.0, 1.0],
              [ 4.0, -6.0, 0.0],
              [-2.0,  7.0, 2.0]])
b = np.array([5.0, -2.0, 9.0])

Ab = np.column_stack([A, b])  # the augmented matrix [A | b]
print("start:\n", Ab)
Ab[1] -= 2.0 * Ab[0]   # l21 = 4 / 2
Ab[2] -= -1.0 * Ab[0]  # l31 = -2 / 2
print("column 1 eliminated (multipliers 2 and -1):\n", Ab)
Ab[2] -= -1.0 * Ab[1]  # l32 = 8 / (-8)
print("column 2 eliminated (multiplier -1):\n", Ab)

# %% [markdown]
# The system is now $U\mathbf{x} = \mathbf{c}$ with
# $U = \begin{pmatrix} 2 & 1 & 1 \\ 0 & -8 & -2 \\ 0 & 0 & 1\end{pmatrix}$ and
# $\mathbf{c} = (5, -12, 2)$. The pivots are $2, -8, 1$.
#
# ### Triangular systems: back and forward substitution
#
# A triangular system is solved one unknown at a time. In $U\mathbf{x} = \mathbf{c}$
# the last equation has one unknown, $x_3 = 2/1 = 2$; the second has two, one of
# them now known: $-8x_2 - 2 \cdot 2 = -12$, so $x_2 = 1$; then
# $2x_1 + 1 + 2 = 5$ gives $x_1 = 1$. In general, **back substitution** is
#
# $$
# x_i = \frac{1}{u_{ii}}\Bigl(c_i - \sum_{j=i+1}^{n} u_{ij}x_j\Bigr), \qquad i = n, n-1, \dots, 1,
# $$
#
# and for a lower-triangular $L\mathbf{y} = \mathbf{b}$, **forward
# substitution** runs the other way:
#
# $$
# y_i = \frac{1}{\ell_{ii}}\Bigl(b_i - \sum_{j=1}^{i-1} \ell_{ij}y_j\Bigr), \qquad i = 1, 2, \dots, n.
# $$
#
# Both need every diagonal entry to be non-zero, and both cost about $n^2$
# floating-point operations (*flops*): row $i$ needs one multiplication and one
# addition per known unknown. You will implement them in the exercises; SciPy's
# version is `scipy.linalg.solve_triangular`.

# %%
U = Ab[:, :3]
c = Ab[:, 3]
x = scipy.linalg.solve_triangular(U, c)  # back substitution (upper triangular is the default)
print("x =", x)
print("check A @ x - b =", A @ x - b)

# %% [markdown]
# **Cost of elimination.** Step $k$ updates an $(n-k) \times (n-k)$ block,
# one multiplication and one subtraction per entry, so the total is
# $\sum_{k=1}^{n-1} 2(n-k)^2 \approx \tfrac{2}{3}n^3$ flops: doubling $n$ makes
# elimination 8 times slower, while the substitutions (about $n^2$ flops) only
# get 4 times slower. For $n = 1000$ that is roughly $7 \times 10^8$ flops for
# the elimination — well under a second on a laptop.
#
# ## 3. The LU factorization
#
# Elimination *records itself* as a matrix factorization. Put the multipliers
# into a unit lower-triangular matrix (ones on the diagonal, $\ell_{ik}$ in
# position $(i, k)$):
#
# $$
# L = \begin{pmatrix} 1 & 0 & 0 \\ 2 & 1 & 0 \\ -1 & -1 & 1 \end{pmatrix},
# \qquad
# U = \begin{pmatrix} 2 & 1 & 1 \\ 0 & -8 & -2 \\ 0 & 0 & 1 \end{pmatrix},
# \qquad
# A = LU .
# $$
#
# Why: elimination made row $i$ of $U$ by subtracting multiples of the rows of
# $U$ above it from row $i$ of $A$; reading this backwards, row $i$ of $A$ is
# row $i$ of $U$ *plus* $\sum_{k<i} \ell_{ik}\,(\text{row } k \text{ of } U)$,
# and that is exactly row $i$ of $LU$.

# %%
L = np.array([[ 1.0,  0.0, 0.0],
              [ 2.0,  1.0, 0.0],
              [-1.0, -1.0, 1.0]])
print("U =\n", U)
print("L @ U == A:", np.allclose(L @ U, A))

# %% [markdown]
# With $A = LU$, the system $A\mathbf{x} = LU\mathbf{x} = \mathbf{b}$ splits
# into two triangular ones: first $L\mathbf{y} = \mathbf{b}$ (forward
# substitution; $\mathbf{y}$ is the $\mathbf{c}$ that elimination produced on
# the right-hand side), then $U\mathbf{x} = \mathbf{y}$ (back substitution).

# %%
y = scipy.linalg.solve_triangular(L, b, lower=True, unit_diagonal=True)
print("y =", y, "(the c from elimination)")
print("x =", scipy.linalg.solve_triangular(U, y))

# %% [markdown]
# **Why factor at all?** The expensive part, $\tfrac{2}{3}n^3$ flops, depends
# on $A$ only. Once $L$ and $U$ are stored, each new right-hand side costs two
# triangular solves, about $2n^2$ flops. This matters whenever the same matrix
# meets many right-hand sides: a Gaussian process evaluates its predictive
# variance at every test point with the same kernel matrix $K$; a simulation
# or an optimizer (Newton's method with a Hessian that is reused for a few
# steps) solves with the same matrix again and again.
#
# For a **symmetric positive definite** matrix (for example a kernel matrix
# $K$, a covariance $\Sigma$ or $X^\top X$ with independent columns) the LU
# factorization can be made symmetric, $A = R^\top R$ with upper-triangular
# $R$: the **Cholesky factorization** (`scipy.linalg.cho_factor` /
# `cho_solve`), at half the cost of LU. It is the standard way to solve with
# kernel and covariance matrices.
#
# ## 4. Pivoting
#
# Elimination divides by the pivots, so it breaks down when a pivot is 0 —
# even for a perfectly good matrix. For
# $A = \begin{pmatrix} 0 & 1 \\ 1 & 1 \end{pmatrix}$ the very first pivot is 0,
# although the system is trivial after swapping the two equations. Swapping
# rows (equations) never changes the solution, so elimination is allowed to do
# it.
#
# A *tiny* pivot is just as bad in floating point, and more dangerous because
# nothing warns you. Take
#
# $$
# \begin{pmatrix} 10^{-20} & 1 \\ 1 & 1 \end{pmatrix}\mathbf{x} = \begin{pmatrix} 1 \\ 2 \end{pmatrix},
# \qquad \mathbf{x} = \Bigl(\tfrac{1}{1 - 10^{-20}},\ \tfrac{1 - 2\cdot 10^{-20}}{1 - 10^{-20}}\Bigr) \approx (1, 1).
# $$
#
# Without a row swap, the multiplier is $\ell_{21} = 10^{20}$ and the
# eliminated entry is $1 - 10^{20}$, which rounds to $-10^{20}$: the "1" is
# lost, because a double carries only about 16 significant digits. The
# computed $U$ and $L$ are the exact factors of
# $\begin{pmatrix} 10^{-20} & 1 \\ 1 & 0 \end{pmatrix}$ — a different matrix —
# and the answer is wrong in its first digit:

# %%
def solve_2x2_without_pivoting(M, rhs):
    """Elimination and back substitution for a 2x2 system, in the given row order."""
    l21 = M[1, 0] / M[0, 0]
    u22 = M[1, 1] - l21 * M[0, 1]
    y2 = rhs[1] - l21 * rhs[0]
    x2 = y2 / u22
    x1 = (rhs[0] - M[0, 1] * x2) / M[0, 0]
    return np.array([x1, x2])


M = np.array([[1e-20, 1.0], [1.0, 1.0]])
rhs = np.array([1.0, 2.0])
x_bad = solve_2x2_without_pivoting(M, rhs)
x_good = solve_2x2_without_pivoting(M[::-1], rhs[::-1])  # the two equations swapped
print("without a row swap:", x_bad, "  residual M x - b =", M @ x_bad - rhs)
print("with the rows swapped:", x_good, "  residual M x - b =", M @ x_good - rhs)

# %% [markdown]
# The cure is **partial pivoting**: at step $k$, before eliminating column
# $k$, swap row $k$ with the row (at or below $k$) whose entry in column $k$ is
# largest in absolute value. Then every multiplier satisfies $|\ell_{ik}| \le 1$,
# so no row is ever multiplied by a huge number and nothing small drowns. If
# the whole column at and below the diagonal is 0, the matrix is singular (its
# first $k$ columns are dependent). Recording the swaps in a **permutation
# matrix** $P$ (the identity with its rows reordered) gives
#
# $$
# PA = LU , \qquad\text{equivalently}\qquad A = P^\top L U ,
# $$
#
# since $P^{-1} = P^\top$ for a permutation matrix. Every invertible matrix has
# such a factorization, and this is what `np.linalg.solve` computes (through
# LAPACK's `getrf`/`gesv`).
#
# **Mind SciPy's convention.** `P, L, U = scipy.linalg.lu(A)` returns the
# factors with
#
# $$
# A = P\,L\,U \qquad (\text{SciPy's } P \text{ is the transpose of the } P \text{ in } PA = LU),
# $$
#
# so solving $A\mathbf{x} = \mathbf{b}$ with these factors means
# $L\mathbf{y} = P^\top\mathbf{b}$, then $U\mathbf{x} = \mathbf{y}$. A matrix
# whose elimination hits a zero pivot in the middle shows the difference:

# %%
A_piv = np.array([[1.0, 5.0, 3.0],
                  [0.0, 0.0, 5.0],
                  [2.0, 0.0, 3.0]])
# without pivoting: row 3 - 2 * row 1 = (0, -10, -3), and row 2 = (0, 0, 5) starts with a 0 pivot
P, L, U = scipy.linalg.lu(A_piv)
print("P =\n", P)
print("L =\n", L)
print("U =\n", U)
print("A == P @ L @ U:  ", np.allclose(A_piv, P @ L @ U))
print("A == P.T @ L @ U:", np.allclose(A_piv, P.T @ L @ U))

b_piv = np.array([9.0, 5.0, 5.0])
y = scipy.linalg.solve_triangular(L, P.T @ b_piv, lower=True, unit_diagonal=True)
x = scipy.linalg.solve_triangular(U, y)
print("x =", x, "  A @ x =", A_piv @ x)

# %% [markdown]
# `P.T @ A_piv` lists the rows of `A_piv` in the order $3, 1, 2$: the row with
# the largest first entry (2) came first, and after column 1 was eliminated,
# the remaining row with the larger second entry (row 1, whose entry is
# $5 - 0.5 \cdot 0 = 5$) came before row 2 (entry 0). This $P$ is not
# symmetric, so confusing $P$ with $P^\top$ gives a wrong answer — try it.
#
# **Factor once, solve many times.** `scipy.linalg.lu_factor` returns the same
# factorization in LAPACK's compact form: one matrix `lu` holding $U$ on and
# above the diagonal and the multipliers of $L$ below it (its unit diagonal is
# not stored), and a pivot vector `piv` meaning "at step $i$, row $i$ was
# swapped with row `piv[i]`" (0-based). You rarely read them yourself: you pass
# them to `scipy.linalg.lu_solve`, which applies the swaps and the two
# triangular solves to any number of right-hand sides.

# %%
lu, piv = scipy.linalg.lu_factor(A_piv)
print("lu =\n", lu)
print("piv =", piv)
B = np.column_stack([b_piv, [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])  # three right-hand sides as columns
X = scipy.linalg.lu_solve((lu, piv), B)
print("A @ X == B:", np.allclose(A_piv @ X, B))

# %% [markdown]
# Partial pivoting is what makes LU **stable** in practice. Without it,
# elimination is safe only for special matrices — for example *diagonally
# dominant* ones ($|a_{ii}| > \sum_{j \ne i}|a_{ij}|$ in every row) and
# symmetric positive definite ones, where it can be proved that the entries
# cannot grow much during elimination (for SPD matrices, no pivot drops below
# the smallest eigenvalue); the Cholesky factorization relies on this and never
# pivots.
#
# ## 5. The inverse
#
# A square matrix $A$ is **invertible** if there is a matrix $A^{-1}$ with
#
# $$
# A^{-1}A = AA^{-1} = I .
# $$
#
# Then $A\mathbf{x} = \mathbf{b}$ has the unique solution
# $\mathbf{x} = A^{-1}\mathbf{b}$. Seen as a map (chapter 02), $A^{-1}$ undoes
# $A$: $A^{-1}(A\mathbf{x}) = \mathbf{x}$. For an $n \times n$ matrix, all of
# the following say the same thing, and each is a useful test:
#
# 1. $A$ is invertible;
# 2. $A\mathbf{x} = \mathbf{b}$ has exactly one solution for every $\mathbf{b}$;
# 3. $A\mathbf{x} = \mathbf{0}$ only for $\mathbf{x} = \mathbf{0}$ (the null space is $\{\mathbf{0}\}$);
# 4. the columns of $A$ are linearly independent, i.e. $\operatorname{rank}(A) = n$;
# 5. elimination with partial pivoting finds $n$ non-zero pivots;
# 6. $\det A \ne 0$ (chapter 05).
#
# A matrix that is not invertible is **singular**. Only square matrices have
# inverses; a tall matrix can at best have a *left* inverse (Section 10).
#
# **Computing $A^{-1}$** means solving $AX = I$: $n$ systems with the same
# matrix, whose right-hand sides are the columns of $I$ — one LU factorization
# and $n$ pairs of triangular solves. Done by hand, this is **Gauss–Jordan**
# elimination: row-reduce $[A \mid I]$ until the left half is $I$; the right
# half is then $A^{-1}$. SymPy does it in exact arithmetic:

# %%
A_sym = sp.Matrix([[2, 1, 1], [4, -6, 0], [-2, 7, 2]])   # the matrix of Section 2
R, _ = sp.Matrix.hstack(A_sym, sp.eye(3)).rref()
A_inv = R[:, 3:]
print("[A | I] reduced to [I | A^-1]; the right half is:")
A_inv

# %%
print("A^-1 * A == I:", A_inv * A_sym == sp.eye(3))
print("A^-1 b =", list(A_inv * sp.Matrix([5, -2, 9])), "(the solution of Section 2)")
print("same as A.inv():", A_inv == A_sym.inv())

# %% [markdown]
# For a $2 \times 2$ matrix there is a formula worth remembering:
#
# $$
# \begin{pmatrix} a & b \\ c & d \end{pmatrix}^{-1} = \frac{1}{ad - bc}\begin{pmatrix} d & -b \\ -c & a \end{pmatrix},
# \qquad ad - bc \ne 0 .
# $$
#
# Two rules follow directly from the definition (multiply out to check):
# $(AB)^{-1} = B^{-1}A^{-1}$ (undo the last map first: socks go on before
# shoes, so shoes come off first) and $(A^\top)^{-1} = (A^{-1})^\top$. An orthogonal matrix $Q$
# ($Q^\top Q = I$, chapter 01) is the friendliest case: $Q^{-1} = Q^\top$.
#
# For a singular matrix, both libraries refuse — *if* the singularity is exact:

# %%
S = np.array([[1.0, 2.0], [2.0, 4.0]])  # second row = 2 * first row
try:
    np.linalg.inv(S)
except np.linalg.LinAlgError as err:
    print("NumPy:", err)
try:
    sp.Matrix([[1, 2], [2, 4]]).inv()
except ValueError as err:  # SymPy's NonInvertibleMatrixError is a ValueError
    print("SymPy:", err)

S_near = np.array([[1.0, 2.0], [2.0, 4.0 + 1e-12]])
print("inverse of a nearly singular matrix, no error raised:\n", np.linalg.inv(S_near))

# %% [markdown]
# The nearly singular matrix differs from `S` by $10^{-12}$ in one entry and
# NumPy happily returns an inverse with entries of size about $4 \times 10^{12}$.
# Whether such an answer means anything is the subject of Section 7.
#
# **Why it matters in ML.** Inverses are everywhere in formulas: the
# regression weights $\mathbf{w} = (X^\top X)^{-1}X^\top\mathbf{y}$, the
# Mahalanobis distance $(\mathbf{x}-\boldsymbol{\mu})^\top\Sigma^{-1}(\mathbf{x}-\boldsymbol{\mu})$,
# the Newton step $-H^{-1}\nabla f$, the Kalman gain. In code, almost always,
# you should read "$A^{-1}\mathbf{b}$" as "the solution of $A\mathbf{x} = \mathbf{b}$"
# and never form $A^{-1}$. The next section says why.
#
# ## 6. `solve` versus `inv`
#
# Two ways to compute $\mathbf{x}$ with $A\mathbf{x} = \mathbf{b}$:
#
# * `np.linalg.solve(A, b)`: LU with partial pivoting, then two triangular
#   solves — about $\tfrac{2}{3}n^3$ flops;
# * `np.linalg.inv(A) @ b`: LU, then $A^{-1}$ from the factors ($n$ pairs of
#   triangular solves with the columns of $I$, about $\tfrac43 n^3$ flops when
#   their zeros are exploited), then a matrix–vector product — about $2n^3$
#   flops, three times as many.
#
# Timings depend on your machine, so the next cell's output is not part of the
# lecture's checked results; the *ratios* are what to look at.

# %% tags=["nbval-ignore-output"]
n = 1000
A_big = rng.normal(size=(n, n))
b_big = rng.normal(size=n)
lu_big = scipy.linalg.lu_factor(A_big)


def best_time(f):
    return min(timeit.repeat(f, number=1, repeat=3))   # the best of three runs


t_solve = best_time(lambda: np.linalg.solve(A_big, b_big))
t_inv = best_time(lambda: np.linalg.inv(A_big) @ b_big)
t_factor = best_time(lambda: scipy.linalg.lu_factor(A_big))
t_lu_solve = best_time(lambda: scipy.linalg.lu_solve(lu_big, b_big))
print(f"n = {n}")
print(f"np.linalg.solve(A, b)     {1000 * t_solve:8.2f} ms")
print(f"np.linalg.inv(A) @ b      {1000 * t_inv:8.2f} ms   ({t_inv / t_solve:.1f} x solve)")
print(f"lu_factor(A), once        {1000 * t_factor:8.2f} ms")
print(f"lu_solve, per new b       {1000 * t_lu_solve:8.2f} ms   ({t_factor / t_lu_solve:.0f} x cheaper than factoring)")

# %% [markdown]
# On a typical machine `inv` followed by a product takes clearly longer than
# `solve` (1.5 to 5 times as long; the flop count says 3), and once the
# factorization is stored, each further right-hand side costs a small fraction
# of the factorization — tens to hundreds of times less. (The flop ratio
# $\tfrac23 n^3 / 2n^2 = n/3$ is about 330 for $n = 1000$; a triangular solve
# does fewer flops per number it reads from memory, so it runs further below
# the machine's peak speed.) Do not compare `lu_factor` with `np.linalg.solve`
# too closely: NumPy and SciPy ship separate builds of the LAPACK library, and
# `lu_factor` also checks its input for NaN and infinity, so on some machines it
# takes as long as a whole `solve`.
#
# **Accuracy.** More important than speed: `solve` is *backward stable*. The
# $\hat{\mathbf{x}}$ it returns is the exact solution of a slightly perturbed
# system $(A + \delta A)\hat{\mathbf{x}} = \mathbf{b}$ with
# $\|\delta A\| / \|A\|$ of the order of the machine epsilon
# $\varepsilon \approx 2.2 \times 10^{-16}$. Equivalently, its **relative
# residual** $\|\mathbf{b} - A\hat{\mathbf{x}}\| / (\|A\|\,\|\hat{\mathbf{x}}\|)$
# is of the order of $\varepsilon$, however badly conditioned $A$ is. The product
# `inv(A) @ b` has no such guarantee: the computed inverse is off by a relative
# amount that grows with the condition number $\kappa(A)$ (Section 7), and
# so is its residual. We build a matrix with a chosen condition number,
# $A = Q_1\,\mathrm{diag}(s)\,Q_2^\top$ with random orthogonal $Q_1, Q_2$ and
# $s$ running from $1$ down to $10^{-12}$ (so $\kappa(A) = 10^{12}$):

# %%
def matrix_with_condition_number(n, kappa, rng):
    """A random n x n matrix whose 2-norm condition number is kappa."""
    Q1, _ = np.linalg.qr(rng.normal(size=(n, n)))
    Q2, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q1 @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ Q2.T


A_ill = matrix_with_condition_number(50, 1e12, rng)
x_true = rng.normal(size=50)
b_ill = A_ill @ x_true
x_solve = np.linalg.solve(A_ill, b_ill)
x_inv = np.linalg.inv(A_ill) @ b_ill


def relative_residual(A, x, b):
    return np.linalg.norm(b - A @ x) / (np.linalg.norm(A, 2) * np.linalg.norm(x))


def relative_error(x, x_true):
    return np.linalg.norm(x - x_true) / np.linalg.norm(x_true)


print(f"cond(A) = {np.linalg.cond(A_ill):.1e}")
print("relative residual: solve below 1e-14:", relative_residual(A_ill, x_solve, b_ill) < 1e-14,
      "| inv more than 1000 x larger:",
      relative_residual(A_ill, x_inv, b_ill) > 1000 * relative_residual(A_ill, x_solve, b_ill))

# %% tags=["nbval-ignore-output"]
print(f"relative residual  solve: {relative_residual(A_ill, x_solve, b_ill):.1e}"
      f"   inv: {relative_residual(A_ill, x_inv, b_ill):.1e}")
print(f"relative error     solve: {relative_error(x_solve, x_true):.1e}"
      f"   inv: {relative_error(x_inv, x_true):.1e}")
assert all(1e-12 < relative_error(x, x_true) < 1e-3 for x in (x_solve, x_inv))  # >> eps, up to ~ kappa eps

# %% [markdown]
# The exact digits vary from machine to machine, but the pattern does not:
# the residual of `solve` is at the level of $\varepsilon$, while the one of
# `inv` is several orders of magnitude larger. The *errors* of both are much
# larger than $\varepsilon$ — up to about $\kappa(A)\,\varepsilon \approx 10^{-4}$.
# That part is not the solver's fault: it is the problem's sensitivity, the
# subject of the next section.
#
# **Rules.** To compute $A^{-1}\mathbf{b}$, call `np.linalg.solve(A, b)`. To
# compute $A^{-1}B$ for a matrix $B$, call `np.linalg.solve(A, B)` (one
# factorization for all columns). To reuse $A$ with right-hand sides that
# arrive one by one, keep `scipy.linalg.lu_factor(A)` (or `cho_factor` for a
# symmetric positive definite $A$) and call `lu_solve`. Form `inv(A)` only when
# you need the entries of the inverse themselves — for example the diagonal of
# $(X^\top X)^{-1}$, which gives the standard errors of regression coefficients.
#
# ## 7. Conditioning: how sensitive is the answer?
#
# Data are never exact: measurements have noise, and storing a number as a
# double rounds it to about 16 digits. How much can the solution change when
# $\mathbf{b}$ changes a little? If $A\mathbf{x} = \mathbf{b}$ and
# $A(\mathbf{x} + \delta\mathbf{x}) = \mathbf{b} + \delta\mathbf{b}$, then
# $A\,\delta\mathbf{x} = \delta\mathbf{b}$, so
# $\|\delta\mathbf{x}\| = \|A^{-1}\delta\mathbf{b}\| \le \|A^{-1}\|\,\|\delta\mathbf{b}\|$;
# and $\|\mathbf{b}\| = \|A\mathbf{x}\| \le \|A\|\,\|\mathbf{x}\|$. Dividing,
#
# $$
# \frac{\|\delta\mathbf{x}\|}{\|\mathbf{x}\|} \;\le\; \kappa(A)\,\frac{\|\delta\mathbf{b}\|}{\|\mathbf{b}\|},
# \qquad
# \kappa(A) = \|A\|\,\|A^{-1}\| ,
# $$
#
# and for each $A$ some $\mathbf{b}$ and $\delta\mathbf{b}$ reach the bound. The
# **condition number** $\kappa(A)$ is the worst-case amplification of relative
# errors. (A perturbation $\delta A$ of the matrix is amplified the same way, to
# first order.) Facts worth knowing:
#
# * $\kappa(A) \ge 1$, since $1 = \|I\| = \|AA^{-1}\| \le \|A\|\,\|A^{-1}\|$;
#   $\kappa(cA) = \kappa(A)$ for any $c \ne 0$; $\kappa(Q) = 1$ for an
#   orthogonal $Q$ (it preserves lengths).
# * In the 2-norm, $\kappa(A) = \sigma_{\max}/\sigma_{\min}$, the ratio of the
#   largest and smallest **singular values** (chapter 01 met them in
#   `matrix_rank`): the most and the least that $A$ stretches any direction.
#   `np.linalg.cond(A)` computes it this way. A singular matrix has
#   $\sigma_{\min} = 0$ and $\kappa = \infty$.
# * **Rule of thumb:** with data accurate to about 16 digits, a solution is
#   accurate to about $16 - \log_{10}\kappa(A)$ digits. At
#   $\kappa \approx 10^{16} \approx 1/\varepsilon$ nothing is left.
#
# A small determinant does *not* mean ill-conditioned: $10^{-3}I$ (of size
# $10 \times 10$) has determinant $10^{-30}$ and $\kappa = 1$.
#
# **A picture.** The two lines of an ill-conditioned $2 \times 2$ system are
# nearly parallel. Moving $\mathbf{b}$ by $\|\delta\mathbf{b}\| = 0.2$ in every
# possible direction moves the solution around an ellipse, the image of a
# circle under $A^{-1}$ (**Figure 2**): almost a circle on the left, a long
# needle along the lines on the right.

# %%
A_well = np.array([[1.0, 1.0], [1.0, -1.0]])
A_poor = np.array([[1.0, 1.0], [1.0, 1.1]])
x_star = np.array([1.0, 1.0])
angles = np.linspace(0, 2 * np.pi, 200)
delta_b = 0.2 * np.vstack([np.cos(angles), np.sin(angles)])  # all perturbations of length 0.2

fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
t = np.linspace(-2.5, 4.5, 2)
for ax, M, name in [(axes[0], A_well, "well-conditioned"), (axes[1], A_poor, "ill-conditioned")]:
    rhs = M @ x_star
    for i, style in enumerate(["C0-", "C1-"]):
        ax.plot(t, (rhs[i] - M[i, 0] * t) / M[i, 1], style, lw=1.5, label=f"equation {i + 1}")
    cloud = np.linalg.solve(M, rhs[:, None] + delta_b)  # the solutions for all perturbed right-hand sides
    ax.plot(cloud[0], cloud[1], "k-", lw=2, label=r"solutions for $\|\delta b\| = 0.2$")
    ax.plot(*x_star, "ko", ms=3)
    ax.set_title(f"{name}: cond = {np.linalg.cond(M):.1f}")
    ax.set_xlim(-2.5, 4.5)
    ax.set_ylim(-2.5, 4.5)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
axes[0].set_ylabel("$x_2$")
fig.suptitle("Figure 2: the same perturbation of b, two very different effects on x")
fig.tight_layout()
plt.show()

# %%
for M, name in [(A_well, "well"), (A_poor, "poor")]:
    sv = np.linalg.svd(M, compute_uv=False)
    print(f"{name}: singular values {np.round(sv, 4)}, cond = {np.linalg.cond(M):.2f}, "
          f"||A|| ||A^-1|| = {np.linalg.norm(M, 2) * np.linalg.norm(np.linalg.inv(M), 2):.2f}")

# %% [markdown]
# For the left-hand matrix both singular values are $\sqrt2$, so the solutions
# form a circle of radius $0.2/\sqrt2 \approx 0.14$. For the right-hand matrix
# $\kappa \approx 42$: a relative change of $\mathbf{b}$ of about 6.9%
# ($0.2/\|(2, 2.1)\|$) may move $\mathbf{x}$ by up to $42$ times as much,
# relatively — the long semi-axis of the ellipse is
# $0.2/\sigma_{\min} \approx 4.1$, a relative change of about 290% of
# $\|\mathbf{x}\| = \sqrt2$.
#
# **Why it matters in ML.** The condition number of a data matrix $X$ tells
# how reliably a linear model's weights can be determined: nearly dependent
# features (multicollinearity, chapter 01) make $\kappa(X)$ large, and the
# weights then swing wildly with small changes in the data. Features on very
# different scales inflate $\kappa$ too — standardizing them (chapter 01) is
# the cheapest fix. Area and bedrooms of the houses of chapter 01, with a
# column of ones for the intercept:

# %%
houses = np.array([[120, 3.0], [85, 2], [200, 5], [105, 2], [90, 4]])  # area (m²), bedrooms
ones = np.ones((len(houses), 1))
houses_std = (houses - houses.mean(axis=0)) / houses.std(axis=0)
print(f"cond([1, X]) raw:          {np.linalg.cond(np.hstack([ones, houses])):8.1f}")
print(f"cond([1, X]) standardized: {np.linalg.cond(np.hstack([ones, houses_std])):8.1f}")

# %% [markdown]
# Conditioning also drives optimization: gradient descent on a quadratic loss
# converges slowly when the Hessian is ill-conditioned (for least squares the
# Hessian is $X^\top X$, whose condition number is $\kappa(X)^2$; chapter 07
# derives the rate and shows gradient descent and momentum at work), and
# ridge regularization (Section 10) is, among other things, a way to lower a
# condition number.
#
# ## 8. The Hilbert matrix: when floating point gives up
#
# The **Hilbert matrix** $H_n$ has entries
#
# $$
# (H_n)_{ij} = \frac{1}{i + j - 1}, \qquad i, j = 1, \dots, n,
# \qquad
# H_3 = \begin{pmatrix} 1 & \tfrac12 & \tfrac13 \\ \tfrac12 & \tfrac13 & \tfrac14 \\ \tfrac13 & \tfrac14 & \tfrac15 \end{pmatrix}.
# $$
#
# It is symmetric positive definite and invertible for every $n$, yet its
# columns become nearly dependent very fast (neighbouring columns are almost
# proportional). It is not an artificial monster: $H_n$ is the Gram matrix
# $\int_0^1 x^{i-1}x^{j-1}\,dx$ of the monomials $1, x, \dots, x^{n-1}$ on
# $[0, 1]$, exactly the matrix $X^\top X / m$ that fitting a polynomial by least
# squares to $m$ evenly spread points on $[0, 1]$ approaches as $m$ grows
# (Section 10).
#
# Its condition number grows like $e^{3.5n}$. To see the true values we need
# more precision than a double offers: `mpmath` (which SymPy is built on)
# computes the eigenvalues with 60 significant digits; for a symmetric positive
# definite matrix, $\kappa$ is the ratio of the largest and smallest
# eigenvalue. **Figure 3** compares it with what `np.linalg.cond` reports, and
# with the relative error of `np.linalg.solve` on $H_n\mathbf{x} = H_n\mathbf{1}$
# (true solution $\mathbf{x} = \mathbf{1}$, all ones).

# %%
mpmath.mp.dps = 60  # 60 significant digits
ns = np.arange(1, 15)
cond_true, cond_float, err_float = [], [], []
for k in ns:
    eig = mpmath.eigsy(mpmath.hilbert(int(k)))[0]
    cond_true.append(float(max(eig) / min(eig)))
    H = scipy.linalg.hilbert(k)
    cond_float.append(np.linalg.cond(H))
    x_hat = np.linalg.solve(H, H @ np.ones(k))
    err_float.append(relative_error(x_hat, np.ones(k)))
err_float = np.array(err_float)
err_float[err_float == 0] = np.nan  # an error of exactly 0 has no place on a log scale

eps = np.finfo(float).eps
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.semilogy(ns, cond_true, "C0o-", label=r"true $\kappa(H_n)$ (60-digit mpmath)")
ax.semilogy(ns, cond_float, "C0x--", ms=8, label=r"np.linalg.cond($H_n$) in double precision")
ax.semilogy(ns, err_float, "C3s-", label=r"relative error of np.linalg.solve")
ax.semilogy(ns, eps * np.array(cond_true), "C3:", label=r"$\varepsilon\,\kappa(H_n)$")
ax.axhline(1 / eps, color="grey", lw=1)
ax.text(1.2, 2.5 / eps, r"$1/\varepsilon \approx 4.5 \times 10^{15}$", color="grey")
ax.axhline(1, color="grey", lw=0.5)
ax.set_xlabel("n")
ax.set_xticks(ns)
ax.set_ylim(1e-18, 1e21)
ax.set_title("Figure 3: the Hilbert matrix: condition number and error of a float solve")
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %%
print("n    true cond")
for k in (4, 8, 12, 14):
    print(f"{k:<4} {cond_true[k - 1]:.1e}")

# %% [markdown]
# The true condition number climbs from $1.6 \times 10^4$ at $n = 4$ to
# $1.7 \times 10^{16}$ at $n = 12$, beyond $1/\varepsilon$. From $n = 13$ on even
# the double-precision *estimate* of $\kappa$ is wrong — it stops following the
# true curve and lands somewhere near $10^{17}$–$10^{18}$, too large or too small,
# because the smallest singular value is below the rounding noise of the
# computation (about $\varepsilon\,\sigma_{\max}$). The error of the float
# solution grows in step with $\varepsilon\,\kappa(H_n)$ (the dotted line), one
# to three orders of magnitude below it, and reaches order 1 around $n = 12$ or
# 13: no correct digits are left.
#
# ### Exact arithmetic does not have this problem
#
# Solve $H_{12}\mathbf{x} = H_{12}\mathbf{1}$ once in floats and once in SymPy
# with exact rational numbers. The float answer (its exact digits depend on
# your machine's linear-algebra library):

# %% tags=["nbval-ignore-output"]
n = 12
H12 = scipy.linalg.hilbert(n)
x_float = np.linalg.solve(H12, H12 @ np.ones(n))
print(x_float)
assert np.abs(x_float - 1).max() > 0.01  # whatever the digits, some are wrong by more than 1 %

# %%
print("float answer wrong by more than 1%:", bool(np.abs(x_float - 1).max() > 0.01))

H12_exact = sp.Matrix(n, n, lambda i, j: sp.Rational(1, i + j + 1))  # i, j from 0 in code
b12_exact = H12_exact * sp.ones(n, 1)
x_exact = H12_exact.LUsolve(b12_exact)
print("exact answer:", list(x_exact))
print("b12 starts with", list(b12_exact[:3]), "...")

# %% [markdown]
# SymPy returns exactly $\mathbf{1}$: with rational numbers every step of
# elimination is exact, and the condition number is irrelevant. Exact
# arithmetic is slow (the numerators and denominators grow quickly) and only
# possible when the data are exact — but it makes a perfect referee.
#
# **Is `np.linalg.solve` to blame?** No. Before any solver runs, storing $H_{12}$
# and $\mathbf{b}$ as doubles rounds each entry (for example $\tfrac13$)
# by a relative amount of at most $\varepsilon/2 \approx 1.1 \times 10^{-16}$.
# Solving that *rounded* problem exactly, in rational arithmetic, already gives
# a solution far from $\mathbf{1}$:

# %%
H12_rounded = H12_exact.applyfunc(lambda v: sp.Rational(float(v)))          # the doubles, as exact fractions
b12_rounded = b12_exact.applyfunc(lambda v: sp.Rational(float(v)))
x_of_rounded = np.array([float(v) for v in H12_rounded.LUsolve(b12_rounded)])
print("exact solution of the rounded problem:\n", x_of_rounded)
print(f"largest relative change of an entry by rounding: "
      f"{max(abs(float((r - e) / e)) for r, e in zip(H12_rounded, H12_exact)):.1e}")

# %% [markdown]
# Relative changes of the data below $10^{-16}$, amplified by
# $\kappa(H_{12}) \approx 1.7 \times 10^{16}$, move the exact solution by up to
# 31% (entry 9 is $1.307$). The float answer above is different again —
# `np.linalg.solve` was given a $\mathbf{b}$ computed in floating point rather
# than correctly rounded, and it rounds in each of its own steps — but its
# errors are of the same size: every perturbation at the level of
# $\varepsilon$, wherever it comes from, is amplified by up to $\kappa$. In
# double precision no solver can do better on this problem. The lesson: an
# ill-conditioned problem cannot be rescued by a better solver, only by better
# data (exact, or more precise) or by changing the problem (a better basis,
# regularization — Section 10).
#
# One more exact fact: the inverse of a Hilbert matrix has **integer** entries
# (a classical result), which floating point cannot reproduce for large $n$:

# %%
H4_exact = sp.Matrix(4, 4, lambda i, j: sp.Rational(1, i + j + 1))
H4_exact.inv()

# %% [markdown]
# ## 9. Residual versus error
#
# For an approximate solution $\hat{\mathbf{x}}$ of $A\mathbf{x} = \mathbf{b}$
# there are two ways to say how good it is:
#
# * the **error** $\mathbf{e} = \hat{\mathbf{x}} - \mathbf{x}$ — what we care
#   about, but it needs the unknown true solution $\mathbf{x}$;
# * the **residual** $\mathbf{r} = \mathbf{b} - A\hat{\mathbf{x}}$ — how badly
#   $\hat{\mathbf{x}}$ fails the equations, which we can always compute.
#
# They are linked by $\mathbf{r} = A\mathbf{x} - A\hat{\mathbf{x}} = -A\mathbf{e}$,
# so $\mathbf{e} = -A^{-1}\mathbf{r}$ and, exactly as in Section 7,
#
# $$
# \frac{\|\hat{\mathbf{x}} - \mathbf{x}\|}{\|\mathbf{x}\|} \;\le\; \kappa(A)\,\frac{\|\mathbf{b} - A\hat{\mathbf{x}}\|}{\|\mathbf{b}\|} .
# $$
#
# (Section 6 scaled the residual by $\|A\|\,\|\hat{\mathbf{x}}\|$ instead, the
# scale of a backward-stability guarantee. Since
# $\|\mathbf{b}\| \le \|A\|\,\|\hat{\mathbf{x}}\| + \|\mathbf{r}\|$, the version
# here, relative to $\|\mathbf{b}\|$, is never much smaller than that one; it
# is the one that enters the error bound.)
#
# A small residual guarantees a small error **only if $A$ is well-conditioned**.
# The float solution of the Hilbert system is the textbook case: a residual at
# the level of rounding, and an error in the first or second digit. (We compute
# its residual in exact arithmetic, against the exact Hilbert matrix and
# $\mathbf{b} = H_{12}\mathbf{1}$, so that the bound applies to the very problem
# whose solution is $\mathbf{1}$.)

# %% tags=["nbval-ignore-output"]
x_float_exact = sp.Matrix([sp.Rational(v) for v in x_float])   # the doubles, as exact fractions
residual_exact = b12_exact - H12_exact * x_float_exact
rel_res = float(residual_exact.norm() / b12_exact.norm())
rel_err = relative_error(x_float, np.ones(n))
kappa12 = cond_true[n - 1]
print(f"relative residual ||b - H x|| / ||b|| = {rel_res:.1e}")
print(f"relative error    ||x - 1|| / ||1||   = {rel_err:.1e}")
print(f"bound  kappa * relative residual      = {kappa12 * rel_res:.1e}")
assert rel_res < 1e-14 and 1e-3 < rel_err <= kappa12 * rel_res  # tiny residual, large error, within the bound

# %%
print("residual tiny (< 1e-14):", rel_res < 1e-14, "| error large (> 1e-3):", rel_err > 1e-3,
      "| error within the bound:", rel_err <= kappa12 * rel_res)

# %% [markdown]
# This is also how to read the backward stability of Section 6: a stable solver
# promises a small *residual* (it solved a nearby problem), and the condition
# number converts that into a bound on the *error*. Checking a solution by its
# residual is right for testing a solver; judging an answer by its residual
# alone is wrong when $\kappa(A)$ is large.
#
# ## 10. Least squares: linear regression
#
# Linear regression is the first place where ML meets linear systems. Given
# $m$ samples with one feature $x_i$ and a target $y_i$, we look for an
# intercept $w_0$ and a slope $w_1$ with $y_i \approx w_0 + w_1x_i$. In matrix
# form, with the **design matrix** $X$ (a column of ones for the intercept,
# then the feature):
#
# $$
# X\mathbf{w} \approx \mathbf{y}, \qquad
# X = \begin{pmatrix} 1 & x_1 \\ \vdots & \vdots \\ 1 & x_m \end{pmatrix} \in \mathbb{R}^{m \times 2},
# \qquad \mathbf{w} = \begin{pmatrix} w_0 \\ w_1 \end{pmatrix}.
# $$
#
# With $m = 30$ equations and 2 unknowns there is no exact solution (the
# noisy points do not lie on one line): $\mathbf{y}$ is not in the column span
# of $X$. **Least squares** asks for the
# $\mathbf{w}$ that minimizes the sum of squared residuals,
# $\|\mathbf{y} - X\mathbf{w}\|^2 = \sum_i (y_i - w_0 - w_1x_i)^2$.
#
# **The normal equations.** Geometrically (chapter 01, Section 6; chapter 04
# makes this its subject), the closest
# point $X\mathbf{w}$ of the column span to $\mathbf{y}$ is the orthogonal
# projection: the residual $\mathbf{y} - X\mathbf{w}$ must be orthogonal to
# every column of $X$,
#
# $$
# X^\top(\mathbf{y} - X\mathbf{w}) = \mathbf{0}
# \qquad\Longleftrightarrow\qquad
# X^\top X\,\mathbf{w} = X^\top\mathbf{y} .
# $$
#
# Calculus gives the same: the gradient of
# $\|\mathbf{y} - X\mathbf{w}\|^2 = \mathbf{w}^\top X^\top X\mathbf{w} - 2\mathbf{w}^\top X^\top\mathbf{y} + \mathbf{y}^\top\mathbf{y}$
# is $2X^\top X\mathbf{w} - 2X^\top\mathbf{y}$, and it vanishes at the minimum.
# When the columns of $X$ are independent, $X^\top X$ (a $d \times d$ matrix
# for $d$ columns) is invertible and the minimizer is unique:
# $\mathbf{w} = (X^\top X)^{-1}X^\top\mathbf{y}$. The matrix
# $(X^\top X)^{-1}X^\top$ is a *left inverse* of $X$.

# %%
m = 30
x_data = rng.uniform(0, 10, size=m)
y_data = 1.5 + 0.8 * x_data + rng.normal(scale=1.0, size=m)   # true intercept 1.5, slope 0.8, noise
X_design = np.column_stack([np.ones(m), x_data])

w_normal = np.linalg.solve(X_design.T @ X_design, X_design.T @ y_data)   # the normal equations
w_lstsq, res_ss, rank, sing_vals = np.linalg.lstsq(X_design, y_data, rcond=None)
print("w from the normal equations:", w_normal)
print("w from np.linalg.lstsq:     ", w_lstsq)
print("X^T (y - X w) = 0 (orthogonality):", np.allclose(X_design.T @ (y_data - X_design @ w_lstsq), 0, atol=1e-9))
print("sum of squared residuals:", round(float(res_ss[0]), 3), "  rank of X:", rank)

# %% [markdown]
# Both methods agree, and the fitted line is close to the one the data were
# generated from (intercept 1.5, slope 0.8); noise makes it differ a little.
# **Figure 4** shows the fit and the residuals whose squares it minimizes.

# %%
fig, ax = plt.subplots(figsize=(7, 4.5))
y_fit = X_design @ w_lstsq
ax.vlines(x_data, y_fit, y_data, color="C3", lw=1, label="residuals $y_i - \\hat y_i$")
ax.plot(x_data, y_data, "C0o", label="data")
grid = np.linspace(0, 10, 2)
ax.plot(grid, w_lstsq[0] + w_lstsq[1] * grid, "k-", lw=2,
        label=f"least squares: $y = {w_lstsq[0]:.2f} + {w_lstsq[1]:.2f}x$")
ax.plot(grid, 1.5 + 0.8 * grid, "C2--", label="true line: $y = 1.5 + 0.8x$")
ax.set_xlabel("feature $x$")
ax.set_ylabel("target $y$")
ax.set_title("Figure 4: linear regression by least squares")
ax.legend()
plt.show()

# %% [markdown]
# ### Why not the normal equations?
#
# The normal equations are perfect on paper and risky in floating point,
# because forming $X^\top X$ **squares the condition number**:
#
# $$
# \kappa(X^\top X) = \kappa(X)^2 .
# $$
#
# (Here $\kappa(X) = \sigma_{\max}/\sigma_{\min}$ for a tall $X$ with
# independent columns. The singular values of $X^\top X$ are the squares of
# those of $X$ — chapter 04 proves it with QR, Section 9.) A problem with
# $\kappa(X) = 10^8$, which a stable method can solve to about 8 digits when
# the model fits the data well, becomes a system with $\kappa = 10^{16}$,
# which has no correct digits left. (When the residual $\mathbf{y} - X\mathbf{w}$
# is large, the least-squares problem itself is more sensitive, with a term in
# $\kappa(X)^2$ times the relative size of the residual, whatever the method;
# the normal equations pay $\kappa(X)^2$ even when the residual is 0.)
#
# The stable alternatives never form $X^\top X$:
#
# * **QR.** Factor $X = QR$ with $Q$ of shape $m \times d$ with orthonormal
#   columns and $R$ upper triangular ($d \times d$). Then
#   $X^\top X = R^\top Q^\top Q R = R^\top R$, and the normal equations
#   $R^\top R\,\mathbf{w} = R^\top Q^\top\mathbf{y}$ reduce to the triangular
#   system $R\mathbf{w} = Q^\top\mathbf{y}$ — back substitution, with
#   $\kappa(R) = \kappa(X)$, not its square. Chapter 04 shows how $Q$ and $R$
#   are computed (Gram–Schmidt and Householder) and why the way matters.
# * **SVD.** `np.linalg.lstsq` (LAPACK's `gelsd`) uses the singular value
#   decomposition. It also copes with dependent columns: it then returns the
#   minimizer of smallest norm, and reports the numerical rank.
#   `scipy.linalg.lstsq` is the same idea, and scikit-learn's
#   `LinearRegression` calls it.
#
# The experiment: fit a polynomial $y = w_0 + w_1x + \dots + w_px^p$ to
# 50 evenly spaced points on $[0, 1]$ (design matrix columns $1, x, \dots, x^p$,
# as close to Hilbert as data get), with targets generated *without noise*
# from known weights. Every error in $\mathbf{w}$ is then numerical error.
# **Figure 5** shows the relative error of the weights for each method, with
# $\varepsilon\,\kappa(X)$ and $\varepsilon\,\kappa(X)^2$ as guides.

# %%
x_grid = np.linspace(0, 1, 50)
degrees = np.arange(1, 16)
errors = {"normal equations": [], "QR": [], "np.linalg.lstsq": []}
conds = []
for p in degrees:
    Xp = np.vander(x_grid, p + 1, increasing=True)   # columns 1, x, ..., x^p
    w_true = rng.normal(size=p + 1)
    yp = Xp @ w_true
    conds.append(np.linalg.cond(Xp))
    w_ne = np.linalg.solve(Xp.T @ Xp, Xp.T @ yp)
    Q, R = np.linalg.qr(Xp)
    w_qr = scipy.linalg.solve_triangular(R, Q.T @ yp)
    w_ls = np.linalg.lstsq(Xp, yp, rcond=None)[0]
    for name, w_hat in zip(errors, (w_ne, w_qr, w_ls)):
        errors[name].append(relative_error(w_hat, w_true))

conds = np.array(conds)
fig, ax = plt.subplots(figsize=(7, 4.5))
for (name, errs), style in zip(errors.items(), ["C3s-", "C0o-", "C2^-"]):
    errs = np.array(errs)
    errs[errs == 0] = np.nan  # exactly 0: nothing to draw on a log scale
    ax.semilogy(degrees, errs, style, label=name)
ax.semilogy(degrees, eps * conds, "k:", label=r"$\varepsilon\,\kappa(X)$")
ax.semilogy(degrees, eps * conds**2, "k--", label=r"$\varepsilon\,\kappa(X)^2$")
ax.axhline(1, color="grey", lw=0.5)
ax.set_ylim(1e-17, 1e3)
ax.set_xlabel("polynomial degree p")
ax.set_ylabel("relative error of the weights")
ax.set_title("Figure 5: least squares with monomial features, three methods")
ax.legend(fontsize=8)
plt.show()

# %%
for p in (5, 10):
    print(f"degree {p:2d}: cond(X) = {conds[p - 1]:.1e},  cond(X)^2 = {conds[p - 1] ** 2:.1e}")

# %% [markdown]
# The error of the normal equations grows with the slope of the
# $\varepsilon\,\kappa(X)^2$ line (dashed) and reaches order 1 near degree 12,
# just after $\kappa(X)^2$ passes $1/\varepsilon$ (between degrees 10 and 11);
# QR and `lstsq` grow with the slope
# of $\varepsilon\,\kappa(X)$ (dotted) and still have several correct digits at
# degree 15. (The exact errors vary with the machine; the two slopes do not.)
# At degree 10, $\kappa(X) = 2.0 \times 10^{7}$ is harmless for QR, but
# $\kappa(X)^2 = 4.1 \times 10^{14}$ leaves the normal equations only a few
# correct digits.
#
# **In practice:** fit least squares with `np.linalg.lstsq(X, y, rcond=None)`
# (or `scipy.linalg.lstsq`); use the normal equations only for small,
# well-conditioned problems, or when $X^\top X$ is all you have. Monomials are
# also a poor *basis* — orthogonal polynomials or scaled features give a much
# smaller $\kappa(X)$ from the start. And when the columns really are nearly
# dependent, **ridge regression**, $\min_\mathbf{w} \|\mathbf{y} - X\mathbf{w}\|^2 + \lambda\|\mathbf{w}\|^2$,
# solves $(X^\top X + \lambda I)\mathbf{w} = X^\top\mathbf{y}$, whose condition
# number $(\sigma_{\max}^2 + \lambda)/(\sigma_{\min}^2 + \lambda)$ is bounded no
# matter how small $\sigma_{\min}$ is. It too is best solved without forming
# $X^\top X$, as the ordinary least-squares problem for the stacked matrix
# $\begin{pmatrix} X \\ \sqrt{\lambda}\,I \end{pmatrix}$ and target
# $\begin{pmatrix} \mathbf{y} \\ \mathbf{0} \end{pmatrix}$:

# %%
p, lam = 12, 1e-6
Xp = np.vander(x_grid, p + 1, increasing=True)
yp = np.sin(2 * np.pi * x_grid)
X_stacked = np.vstack([Xp, np.sqrt(lam) * np.eye(p + 1)])
y_stacked = np.concatenate([yp, np.zeros(p + 1)])
w_ridge = np.linalg.lstsq(X_stacked, y_stacked, rcond=None)[0]
w_ridge_ne = np.linalg.solve(Xp.T @ Xp + lam * np.eye(p + 1), Xp.T @ yp)
print(f"cond(X)^2 = {np.linalg.cond(Xp) ** 2:.1e},  cond(X^T X + lambda I) = "
      f"{np.linalg.cond(Xp.T @ Xp + lam * np.eye(p + 1)):.1e}")
print("the two ridge solutions agree:", np.allclose(w_ridge, w_ridge_ne, rtol=1e-6, atol=1e-6))

# %% [markdown]
# ## 11. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | linear system | $A\mathbf{x} = \mathbf{b}$: one, none or infinitely many solutions | regression, Newton steps, kernel methods |
# | triangular solve | back / forward substitution, $\approx n^2$ flops; `solve_triangular` | the last step of every direct solver |
# | LU | $PA = LU$; SciPy: `P, L, U = lu(A)` with $A = PLU$; `lu_factor` / `lu_solve` | factor once ($\tfrac23 n^3$), solve many ($2n^2$) |
# | pivoting | largest entry of the column as pivot, $\lvert\ell_{ik}\rvert \le 1$ | what makes elimination stable |
# | inverse | $A^{-1}A = I$; exists iff $\operatorname{rank} A = n$ | formulas; in code: `solve`, not `inv` |
# | condition number | $\kappa(A) = \lVert A\rVert\,\lVert A^{-1}\rVert = \sigma_{\max}/\sigma_{\min}$ | lose $\approx\log_{10}\kappa$ digits; multicollinearity, scaling |
# | residual vs error | $\frac{\lVert\mathbf{e}\rVert}{\lVert\mathbf{x}\rVert} \le \kappa(A)\,\frac{\lVert\mathbf{r}\rVert}{\lVert\mathbf{b}\rVert}$ | a small residual is not a small error |
# | exact arithmetic | SymPy rationals: `Matrix.LUsolve`, `inv` | referee for small exact problems |
# | least squares | $X^\top X\mathbf{w} = X^\top\mathbf{y}$; prefer QR / `np.linalg.lstsq` | linear regression; $\kappa(X^\top X) = \kappa(X)^2$ |
#
# Practical lessons: never compute `inv(A) @ b`; reuse a factorization for many
# right-hand sides; check $\kappa$ before trusting digits; judge a solver by
# its residual but an answer by residual *and* conditioning; fit least squares
# with `lstsq`, standardize features, and regularize when columns are nearly
# dependent.
#
# ## What's next
#
# We used "$\det A \ne 0$" as one more test of invertibility without saying
# what the determinant is. **Chapter 05 — Determinants** is about that number:
# the factor by which $A$ scales volumes. This chapter's tools already compute
# it cheaply — it is the product of the pivots,
# $\det A = \pm\, u_{11}u_{22}\cdots u_{nn}$, with the sign set by the number
# of row swaps — and Section 7 showed why it is a poor measure of how close a
# matrix is to singular, a job the condition number does much better.
