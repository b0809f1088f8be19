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
# # Chapter 04 — Orthogonality, projections and QR
#
# Chapter 01 projected one vector onto another, and chapter 03 fitted a line
# by least squares and recommended QR over the normal equations, stating
# without proof that forming $X^\top X$ squares the condition number. This chapter is about the idea behind both:
# **orthogonality**. A least-squares fit is an orthogonal projection; the
# fitted values of a linear regression are one matrix, the *hat matrix*,
# applied to the targets; the QR factorization is the numerically safe way to
# build the orthonormal basis that makes projections cheap. In order:
#
# 1. orthogonal complements;
# 2. the four fundamental subspaces of a matrix, orthogonal in pairs;
# 3. the projection matrix $P = X(X^\top X)^{-1}X^\top = QQ^\top$;
# 4. least squares as an orthogonal projection, and the normal equations as a consequence;
# 5. the hat matrix and leverage: what one far-out data point does to a fit;
# 6. Gram–Schmidt, classical and modified, and the QR factorization;
# 7. Householder reflections;
# 8. loss of orthogonality, measured against the condition number;
# 9. why QR is the stable way to solve least squares.
#
# **Conventions** as in chapters 01–03: vectors are bold lower-case columns,
# matrices upper-case; $X \in \mathbb{R}^{m\times d}$ is a design or data
# matrix with one row per sample, usually tall ($m \ge d$);
# $\|\cdot\|$ is the Euclidean norm and, for matrices, the 2-norm; $\varepsilon
# = 2^{-52} \approx 2.2\times10^{-16}$ is the machine epsilon of a double
# (chapter 03).

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg
import sympy as sp
from IPython.display import display

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook
eps = np.finfo(float).eps

# %% [markdown]
# ## 1. Orthogonal complements
#
# Two vectors are orthogonal when their dot product is 0 (chapter 01). A vector
# is orthogonal to a **subspace** $S \subseteq \mathbb{R}^n$ when it is
# orthogonal to every vector of $S$ — and it is enough to check a basis: if
# $\mathbf{z}\cdot\mathbf{s}_j = 0$ for the basis vectors $\mathbf{s}_j$, then
# $\mathbf{z}\cdot\sum_j c_j\mathbf{s}_j = \sum_j c_j(\mathbf{z}\cdot\mathbf{s}_j) = 0$.
# The set of all such vectors is the **orthogonal complement**
#
# $$
# S^\perp = \{\mathbf{z} \in \mathbb{R}^n : \mathbf{z}\cdot\mathbf{s} = 0 \text{ for every } \mathbf{s} \in S\}.
# $$
#
# If the basis vectors of $S$ are the columns of a matrix $B$, the conditions
# $\mathbf{s}_j\cdot\mathbf{z} = 0$ are the rows of $B^\top\mathbf{z} = \mathbf{0}$:
# **$S^\perp$ is the null space of $B^\top$.** Three facts follow.
#
# * $S^\perp$ is a subspace, and $S \cap S^\perp = \{\mathbf{0}\}$ (a vector
#   orthogonal to itself has $\|\mathbf{z}\|^2 = 0$).
# * $\dim S + \dim S^\perp = n$: rank–nullity (chapter 02) for the
#   $k \times n$ matrix $B^\top$ of rank $k = \dim S$.
# * Every $\mathbf{y} \in \mathbb{R}^n$ splits in exactly one way as
#   $\mathbf{y} = \mathbf{s} + \mathbf{z}$ with $\mathbf{s} \in S$ and
#   $\mathbf{z} \in S^\perp$ (Section 3 constructs the split), and
#   $(S^\perp)^\perp = S$.
#
# Example: in $\mathbb{R}^4$, the plane $S$ spanned by $(1, 1, 1, 1)$ and
# $(1, 2, 3, 4)$ — the two columns of the design matrix of a line fitted to
# four points at $x = 1, 2, 3, 4$. Its complement is the null space of the
# $2\times 4$ matrix with these rows, a plane again ($2 + 2 = 4$): the
# residual vectors such a line fit can leave (Section 4). SymPy finds an exact
# basis:

# %%
B = sp.Matrix([[1, 1], [1, 2], [1, 3], [1, 4]])       # the columns span S
complement = B.T.nullspace()
print("basis of S-perp:", [list(z) for z in complement])
print("B^T z = 0 for each:", all(B.T * z == sp.zeros(2, 1) for z in complement))
print("dim S + dim S-perp =", B.rank(), "+", len(complement), "=", B.rows)

# %% [markdown]
# The two vectors $(1, -2, 1, 0)$ and $(2, -3, 0, 1)$ are a basis of
# $S^\perp$, but not an orthonormal one. In floating point,
# `scipy.linalg.null_space` returns an **orthonormal** basis of a null space
# (Section 6 shows another way, from the QR factorization):

# %%
Z = scipy.linalg.null_space(np.array(B.T, dtype=float))
print("shape:", Z.shape, "  Z^T Z = I:", np.allclose(Z.T @ Z, np.eye(2)),
      "  B^T Z = 0:", np.allclose(np.array(B.T, dtype=float) @ Z, 0))

# %% [markdown]
# **Why it matters in ML.** "Remove a direction from the data" means "project
# onto its orthogonal complement". Debiasing word embeddings removes an
# estimated bias direction from every vector; controlling for a nuisance
# variable (a batch effect, a site, a time trend) replaces each feature by its
# component orthogonal to the nuisance columns; and the residual of every
# least-squares fit lives in the orthogonal complement of the feature columns
# (Section 4).
#
# ## 2. The four fundamental subspaces, orthogonal in pairs
#
# A matrix $A \in \mathbb{R}^{m\times n}$ of rank $r$ comes with four
# subspaces:
#
# | subspace | lives in | dimension | it is |
# |---|---|---|---|
# | column space $C(A)$ | $\mathbb{R}^m$ | $r$ | all outputs $A\mathbf{x}$ (the image, chapter 02) |
# | left null space $N(A^\top)$ | $\mathbb{R}^m$ | $m - r$ | all $\mathbf{y}$ with $A^\top\mathbf{y} = \mathbf{0}$ |
# | row space $C(A^\top)$ | $\mathbb{R}^n$ | $r$ | all combinations of the rows |
# | null space $N(A)$ | $\mathbb{R}^n$ | $n - r$ | all $\mathbf{x}$ with $A\mathbf{x} = \mathbf{0}$ (the kernel) |
#
# They pair up as orthogonal complements:
#
# $$
# N(A) = C(A^\top)^\perp \ \text{ in } \mathbb{R}^n,
# \qquad
# N(A^\top) = C(A)^\perp \ \text{ in } \mathbb{R}^m .
# $$
#
# The proof is one line, read off the row picture of chapter 03:
# $A\mathbf{x} = \mathbf{0}$ says that $\mathbf{x}$ has dot product 0 with
# every row of $A$, which is exactly "$\mathbf{x}$ is orthogonal to the row
# space" (Section 1: checking the rows, a spanning set, is enough). The second
# statement is the first one for $A^\top$. The dimensions agree:
# $r + (n - r) = n$ and $r + (m - r) = m$. A matrix whose third row is the sum
# of the first two:

# %%
A = sp.Matrix([[1, 2, 0, 1],
               [2, 4, 1, 3],
               [3, 6, 1, 4]])
row_space, null_space = A.T.columnspace(), A.nullspace()
col_space, left_null = A.columnspace(), A.T.nullspace()
print("rank", A.rank(), "| dims: row", len(row_space), " null", len(null_space),
      " column", len(col_space), " left null", len(left_null))
print("row space . null space = 0:", all(r.dot(z) == 0 for r in row_space for z in null_space))
print("column space . left null space = 0:", all(c.dot(z) == 0 for c in col_space for z in left_null))
print("left null space:", [list(z) for z in left_null])

# %% [markdown]
# The left null space is spanned by $(1, 1, -1)$: it records the dependency
# "row 1 + row 2 − row 3 = 0", and, being orthogonal to every column, it is the
# test for solvability: $A\mathbf{x} = \mathbf{b}$ has a solution only if
# $b_1 + b_2 - b_3 = 0$.
#
# **Why it matters in ML.** For a least-squares problem with design matrix $X$,
# the gradient of $\|X\mathbf{w} - \mathbf{y}\|^2$ is
# $2X^\top(X\mathbf{w} - \mathbf{y})$, a combination of the rows of $X$: it
# always lies in the **row space**. Gradient descent started at
# $\mathbf{w} = \mathbf{0}$ therefore never leaves the row space, never picks
# up a null-space component, and — when there are more features than samples
# and infinitely many perfect fits — converges to the one of smallest norm.
# This "implicit regularization" of gradient descent is the four-subspace
# picture at work. And a linear layer $\mathbf{x} \mapsto W\mathbf{x}$ only
# sees the row-space part of its input: the null-space part, orthogonal to
# every row, is lost (chapter 02's kernel).
#
# ## 3. Projection onto a subspace
#
# Chapter 01 projected $\mathbf{y}$ onto the line through one vector. Now the
# subspace is the column space of a tall $X \in \mathbb{R}^{m\times d}$ with
# independent columns, and we look for the point $X\mathbf{w}$ closest to
# $\mathbf{y}$. The argument is the same: the best point is the one whose
# error $\mathbf{y} - X\mathbf{w}$ is orthogonal to the subspace — for any
# other point $X\mathbf{v}$, Pythagoras gives
# $\|\mathbf{y} - X\mathbf{v}\|^2 = \|\mathbf{y} - X\mathbf{w}\|^2 + \|X(\mathbf{w} - \mathbf{v})\|^2$.
# Orthogonal to the column space means orthogonal to every column:
#
# $$
# X^\top(\mathbf{y} - X\mathbf{w}) = \mathbf{0}
# \quad\Longrightarrow\quad
# \mathbf{w} = (X^\top X)^{-1}X^\top\mathbf{y}
# \quad\Longrightarrow\quad
# X\mathbf{w} = P\mathbf{y}, \qquad P = X(X^\top X)^{-1}X^\top .
# $$
#
# ($X^\top X$ is invertible because the columns are independent:
# $X^\top X\mathbf{v} = \mathbf{0}$ gives $\|X\mathbf{v}\|^2 = \mathbf{v}^\top X^\top X\mathbf{v} = 0$,
# so $X\mathbf{v} = \mathbf{0}$ and $\mathbf{v} = \mathbf{0}$.) The
# $m \times m$ **projection matrix** $P$ has two defining properties:
#
# * **idempotent**, $P^2 = P$: projecting a second time changes nothing,
#   since $P^2 = X(X^\top X)^{-1}(X^\top X)(X^\top X)^{-1}X^\top = P$;
# * **symmetric**, $P^\top = P$ (transpose the formula; $X^\top X$ is
#   symmetric). This is what makes the projection *orthogonal*: the error
#   $(I - P)\mathbf{y}$ is orthogonal to every $P\mathbf{v}$, because
#   $(P\mathbf{v})^\top(I - P)\mathbf{y} = \mathbf{v}^\top(P - P^2)\mathbf{y} = 0$.
#
# $I - P$ is a projection too (onto $C(X)^\perp$), and
# $\mathbf{y} = P\mathbf{y} + (I - P)\mathbf{y}$ is the split of Section 1.
#
# **With an orthonormal basis the formula collapses.** If the columns of
# $Q \in \mathbb{R}^{m\times d}$ are an orthonormal basis of the same subspace,
# $Q^\top Q = I$ and
#
# $$
# P = Q(Q^\top Q)^{-1}Q^\top = QQ^\top = \sum_{j=1}^{d}\mathbf{q}_j\mathbf{q}_j^\top ,
# $$
#
# a sum of chapter 01's one-dimensional projections — which only add up
# correctly because the $\mathbf{q}_j$ are orthogonal. No inverse, no system to
# solve: this is why we want orthonormal bases, and why Sections 6–9 are about
# computing them well.
#
# **Exactly, with SymPy.** The plane in $\mathbb{R}^3$ spanned by $(1, 0, 1)$
# and $(0, 1, 1)$, and the point $\mathbf{y} = (0, 1, 4)$:

# %%
X_plane = sp.Matrix([[1, 0], [0, 1], [1, 1]])
P_plane = X_plane * (X_plane.T * X_plane).inv() * X_plane.T
y_pt = sp.Matrix([0, 1, 4])
print("P =", P_plane.tolist())
print("P^2 == P:", P_plane**2 == P_plane, "  P^T == P:", P_plane.T == P_plane)
print("P y =", list(P_plane * y_pt), "  residual y - P y =", list(y_pt - P_plane * y_pt))
print("X^T (y - P y) =", list(X_plane.T * (y_pt - P_plane * y_pt)))

# %% [markdown]
# The projection of $(0, 1, 4)$ is $(1, 2, 3) = 1\cdot(1, 0, 1) + 2\cdot(0, 1, 1)$,
# and the residual $(-1, -1, 1)$ is a multiple of $(1, 1, -1)$, the normal
# vector of the plane, which spans its orthogonal complement. Every entry of $P$ is a multiple of $\tfrac13$; indeed
# $P = I - \mathbf{n}\mathbf{n}^\top/(\mathbf{n}^\top\mathbf{n})$ with
# $\mathbf{n} = (1, 1, -1)$: projecting onto a plane is removing the
# component along its normal.
#
# $P^2 = P$ holds **for every** subspace, not only this one. For the line
# through a general $\mathbf{v} = (a, b, c) \ne \mathbf{0}$, with symbols:

# %%
a, b, c = sp.symbols("a b c", real=True)
v_sym = sp.Matrix([a, b, c])
P_line = v_sym * v_sym.T / (v_sym.T * v_sym)[0, 0]
print("P_line =")
display(P_line)
print("P^2 - P simplifies to 0:", sp.simplify(P_line * P_line - P_line) == sp.zeros(3, 3))
print("trace P =", sp.simplify(P_line.trace()))

# %% [markdown]
# The trace of a projection is the dimension of the subspace it projects
# onto (1 here, 2 for the plane above): trace $QQ^\top$ = trace $Q^\top Q$ =
# trace $I_d = d$. **Figure 1** draws the plane example.

# %%
X_np = np.array(X_plane, dtype=float)
y_np = np.array(y_pt, dtype=float).ravel()
py_np = np.array(P_plane * y_pt, dtype=float).ravel()
fig = plt.figure(figsize=(7, 6))
ax = fig.add_subplot(projection="3d")
s_grid, t_grid = np.meshgrid(np.linspace(-0.5, 2, 2), np.linspace(-0.5, 3, 2))
ax.plot_surface(s_grid, t_grid, s_grid + t_grid, color="C0", alpha=0.2)   # the points s(1, 0, 1) + t(0, 1, 1)
for vec, start, color, label in [(y_np, np.zeros(3), "C3", r"$\mathbf{y} = (0, 1, 4)$"),
                                 (py_np, np.zeros(3), "C2", r"$P\mathbf{y} = (1, 2, 3)$"),
                                 (y_np, py_np, "k", r"residual $\mathbf{y} - P\mathbf{y} \perp$ plane"),
                                 (X_np[:, 0], np.zeros(3), "C0", r"columns of $X$"),
                                 (X_np[:, 1], np.zeros(3), "C0", None)]:
    d = vec - start
    ax.quiver(*start, *d, color=color, arrow_length_ratio=0.08, lw=2, label=label)
corner_u = (X_np[:, 0] + X_np[:, 1]) / np.linalg.norm(X_np[:, 0] + X_np[:, 1])   # a direction in the plane
corner_n = (y_np - py_np) / np.linalg.norm(y_np - py_np)                          # the normal
sq = 0.3
corner = np.array([py_np - sq * corner_u, py_np - sq * corner_u + sq * corner_n, py_np + sq * corner_n])
ax.plot(*corner.T, color="black", lw=1)
ax.set_xticks([0, 1, 2])
ax.set_yticks([0, 1, 2, 3])
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_zlabel("$x_3$")
ax.set_aspect("equal")
ax.view_init(elev=18, azim=-50)
ax.set_title("Figure 1: projecting $\\mathbf{y}$ onto the plane spanned by $(1, 0, 1)$ and $(0, 1, 1)$")
ax.legend(loc="upper left", fontsize=8)
plt.show()

# %% [markdown]
# ## 4. Least squares is a projection
#
# Section 3 *is* least squares. Minimizing $\|\mathbf{y} - X\mathbf{w}\|^2$
# over $\mathbf{w}$ means finding the point of the column space closest to
# $\mathbf{y}$, so:
#
# * the **fitted values** are the projection, $\hat{\mathbf{y}} = X\mathbf{w} = P\mathbf{y}$;
# * the **residual** $\mathbf{r} = \mathbf{y} - \hat{\mathbf{y}} = (I - P)\mathbf{y}$
#   is orthogonal to the column space: it lies in the left null space
#   $N(X^\top)$ of Section 2;
# * the **normal equations** $X^\top X\mathbf{w} = X^\top\mathbf{y}$ are not a
#   separate recipe but that orthogonality, $X^\top\mathbf{r} = \mathbf{0}$,
#   written out. Chapter 03 derived them from calculus as well; the geometry
#   says *why* the minimum is unique (one foot of the perpendicular) and what
#   the residual looks like.
#
# Two consequences worth knowing by heart. If $X$ has a column of ones (an
# intercept), the residuals are orthogonal to it: **they sum to zero**. And
# Pythagoras splits the data:
# $\|\mathbf{y}\|^2 = \|\hat{\mathbf{y}}\|^2 + \|\mathbf{r}\|^2$. Applied to the
# centred targets (which the intercept allows), this is the familiar
# decomposition "total sum of squares = explained + residual", and
# $R^2 = 1 - \|\mathbf{r}\|^2/\|\mathbf{y} - \bar y\mathbf{1}\|^2$ is the squared
# cosine of the angle between the centred $\mathbf{y}$ and its projection.

# %%
m = 40
x_feat = rng.uniform(0, 10, size=m)
y_obs = 2.0 + 0.5 * x_feat + rng.normal(scale=1.0, size=m)
X_fit = np.column_stack([np.ones(m), x_feat])
Q_fit, R_fit = np.linalg.qr(X_fit)            # reduced QR: Q_fit is 40 x 2 with orthonormal columns
y_hat = Q_fit @ (Q_fit.T @ y_obs)             # P y = Q Q^T y, without forming the 40 x 40 matrix P
r_fit = y_obs - y_hat
print("X^T r = 0:", np.allclose(X_fit.T @ r_fit, 0, atol=1e-10), "  residuals sum to 0:", np.isclose(r_fit.sum(), 0))
print("same fit as lstsq:", np.allclose(y_hat, X_fit @ np.linalg.lstsq(X_fit, y_obs, rcond=None)[0]))
yc = y_obs - y_obs.mean()
print("TSS = ESS + RSS:", np.isclose(yc @ yc, (y_hat - y_obs.mean()) @ (y_hat - y_obs.mean()) + r_fit @ r_fit))
cos2 = (yc @ (y_hat - y_obs.mean())) ** 2 / ((yc @ yc) * ((y_hat - y_obs.mean()) @ (y_hat - y_obs.mean())))
print("R^2 = cos^2(angle between centred y and its projection):", np.isclose(1 - (r_fit @ r_fit) / (yc @ yc), cos2))

# %% [markdown]
# Note what the cell did **not** do: it never formed $X^\top X$, never
# inverted anything, and never built the $40\times 40$ matrix $P$. With an
# orthonormal basis $Q$ of the column space, $P\mathbf{y} = Q(Q^\top\mathbf{y})$
# costs two thin matrix–vector products. Section 9 shows that this is also the
# *accurate* way.
#
# ## 5. The hat matrix and leverage
#
# In statistics $P$ is called the **hat matrix** $H$, because it "puts the hat
# on $\mathbf{y}$": $\hat{\mathbf{y}} = H\mathbf{y}$. Every fitted value is a
# fixed linear combination of **all** the targets,
# $\hat y_i = \sum_j h_{ij}\,y_j$, with weights that depend only on the
# features. The diagonal entry $h_{ii}$ is the **leverage** of sample $i$:
#
# $$
# h_{ii} = \frac{\partial \hat y_i}{\partial y_i}
# \qquad\text{(how much the fit at } x_i \text{ follows } y_i\text{)},
# \qquad
# h_{ii} = \mathbf{e}_i^\top QQ^\top\mathbf{e}_i = \|\text{row } i \text{ of } Q\|^2 .
# $$
#
# From the last form: $0 \le h_{ii} \le 1$ (row $i$ of $Q$ is part of a unit
# vector of the square orthogonal matrix that completes $Q$), and
# $\sum_i h_{ii} = \operatorname{trace} H = d$, the number of parameters. An
# average sample has leverage $d/m$; a common rule of thumb flags
# $h_{ii} > 2d/m$. For a line $y \approx w_0 + w_1x$ the leverage has a closed
# form (an exercise derives it),
#
# $$
# h_{ii} = \frac{1}{m} + \frac{(x_i - \bar x)^2}{\sum_j (x_j - \bar x)^2} ,
# $$
#
# so leverage is distance from the centre of the data, **in feature space
# only**: it does not look at $y$ at all. Ten points at $x = 0, 1, \dots, 9$
# and one at $x = 25$, in exact arithmetic:

# %%
x_lev = np.append(np.arange(10.0), 25.0)
X_lev = np.column_stack([np.ones(x_lev.size), x_lev])
X_lev_exact = sp.Matrix(X_lev.astype(int))
H_exact = X_lev_exact * (X_lev_exact.T * X_lev_exact).inv() * X_lev_exact.T
h_exact = [H_exact[i, i] for i in range(x_lev.size)]
print("leverages:", h_exact)
print("sum =", sum(h_exact), "  rule of thumb 2d/m =", sp.Rational(2 * 2, x_lev.size))
Q_lev, _ = np.linalg.qr(X_lev)
h_float = np.sum(Q_lev**2, axis=1)            # squared row norms of Q
print("from Q (rounded):", np.round(h_float, 3))
print("floats agree with the exact values:", np.allclose(h_float, np.array(h_exact, dtype=float)))

# %% [markdown]
# The point at $x = 25$ has leverage $\tfrac{857}{1022} \approx 0.839$, far
# above $2d/m = \tfrac{4}{11} \approx 0.364$; the ten others share the
# remaining $2 - 0.839$. Such a point **pulls the line towards itself**: a
# change $\Delta$ in its $y$ moves its own fitted value by $0.839\,\Delta$.
# Its residual is small *because* it controls the fit, so a plot of residuals
# will not reveal it; only its leverage does. Two more facts make leverage a
# daily tool:
#
# * the variance of the residual $r_i$ is $\sigma^2(1 - h_{ii})$ under the
#   usual noise model, so residuals are compared after dividing by
#   $\sqrt{1 - h_{ii}}$ (*studentized residuals*), and Cook's distance, the
#   standard influence measure, combines $r_i$ and $h_{ii}$;
# * **leave-one-out cross-validation for free**: the error of the model
#   refitted without sample $i$, at sample $i$, is
#   $y_i - \hat y_{(-i)} = r_i / (1 - h_{ii})$. One fit gives all $m$
#   leave-one-out errors. The same shortcut holds for ridge regression and
#   smoothing splines, and *generalized* cross-validation replaces every
#   $h_{ii}$ by their average.

# %%
y_lev = 2.0 + 0.5 * x_lev + rng.normal(scale=0.5, size=x_lev.size)
y_lev[-1] = 6.0                                # the far point, well below the trend (2 + 0.5 * 25 = 14.5)
r_lev = y_lev - Q_lev @ (Q_lev.T @ y_lev)
loo_shortcut = r_lev / (1 - h_float)
loo_refit = np.array([y_lev[i] - X_lev[i] @ np.linalg.lstsq(np.delete(X_lev, i, 0), np.delete(y_lev, i), rcond=None)[0]
                      for i in range(x_lev.size)])
print("leave-one-out errors, shortcut r / (1 - h) == refitting 11 times:", np.allclose(loo_shortcut, loo_refit))
print("residual at x = 25:", round(float(r_lev[-1]), 2), "  its leave-one-out error:", round(float(loo_shortcut[-1]), 2))

# %% [markdown]
# The point at $x = 25$ lies 8.5 below the trend it was generated from, yet
# its residual is only $-1.65$: the line bent towards it. Its leave-one-out
# error, $-10.25$, measures it against the line fitted to the other ten
# points, and tells the truth.
#
# ### Try it: move one data point
#
# **Figure 2** shows the eleven points, the least-squares line (black), the
# line fitted without the movable point (grey, dashed), the residuals as red
# segments (the components of $(I - H)\mathbf{y}$), and below, the leverage of
# every point with the $2d/m$ line. The saved notebook shows the point at
# $(25, 6)$; run the cell to get sliders for its $x$ and $y$. Things to try,
# in this order:
#
# * Move $y$ up and down with $x = 25$: the black line swings a lot, the
#   leverages (bottom) do not change at all — leverage depends on $x$ only.
# * Bring $x$ to 5, in the middle of the others: the leverage of the point
#   falls to about $0.1$ and moving $y$ now barely tilts the line; it shifts
#   it up or down a little.
# * Take $x$ to 40: the leverage rises to about 0.94 and the line follows the
#   point, whatever its $y$: its residual is only $1 - h_{ii} \approx 6\%$ of
#   its leave-one-out error (shown above the plot), which grows.
# * Watch the sum of the leverages in the title: it stays 2 (two
#   parameters), so when the moving point takes more, the others get less.

# %%
def draw_leverage(ax_fit, ax_lev, x_all, y_all):
    """The fit with and without the last point, the residuals and the leverages, for a line y = w0 + w1 x."""
    ax_fit.clear()
    ax_lev.clear()
    X_all = np.column_stack([np.ones(x_all.size), x_all])
    Q_all, _ = np.linalg.qr(X_all)
    h = np.sum(Q_all**2, axis=1)
    y_fit = Q_all @ (Q_all.T @ y_all)
    w_all = np.linalg.lstsq(X_all, y_all, rcond=None)[0]
    w_rest = np.linalg.lstsq(X_all[:-1], y_all[:-1], rcond=None)[0]
    grid = np.array([-2.0, 42.0])
    ax_fit.vlines(x_all, y_fit, y_all, color="C3", lw=1.2, label="residuals $(I - H)\\mathbf{y}$")
    ax_fit.plot(grid, w_rest[0] + w_rest[1] * grid, "--", color="grey", label="fit without the moving point")
    ax_fit.plot(grid, w_all[0] + w_all[1] * grid, "k-", lw=2, label="fit with all points")
    ax_fit.plot(x_all[:-1], y_all[:-1], "C0o", label="data")
    ax_fit.plot(x_all[-1], y_all[-1], "C1*", ms=16, label="moving point")
    ax_fit.set_xlim(-2, 42)
    ax_fit.set_ylim(-6, 26)
    ax_fit.set_ylabel("$y$")
    ax_fit.legend(loc="upper left", fontsize=8)
    loo = (y_all[-1] - y_fit[-1]) / (1 - h[-1])
    ax_fit.set_title(f"moving point: leverage {h[-1]:.3f}, residual {y_all[-1] - y_fit[-1]:.2f}, "
                     f"leave-one-out error {loo:.2f}\nslope {w_all[1]:.3f} (without it {w_rest[1]:.3f}); "
                     f"sum of leverages {h.sum():.3f}", fontsize=10)
    ax_lev.bar(x_all[:-1], h[:-1], width=0.6, color="C0")
    ax_lev.bar(x_all[-1], h[-1], width=0.6, color="C1")
    ax_lev.axhline(2 * 2 / x_all.size, color="C3", ls=":", label="$2d/m$")
    ax_lev.set_xlim(-2, 42)
    ax_lev.set_ylim(0, 1)
    ax_lev.set_xlabel("$x$")
    ax_lev.set_ylabel("leverage $h_{ii}$")
    ax_lev.legend(loc="upper left", fontsize=8)


def leverage_explorer(x0, y0):
    """Sliders for the position of the last data point; the fit, residuals and leverages they drive."""
    sx = widgets.FloatSlider(value=x0, min=0, max=40, step=0.5, description="x", continuous_update=False)
    sy = widgets.FloatSlider(value=y0, min=-4, max=24, step=0.5, description="y", continuous_update=False)
    fig, (ax_fit, ax_lev) = plt.subplots(2, 1, figsize=(8, 7), sharex=True, height_ratios=[2.2, 1],
                                         layout="constrained")
    fig.suptitle("Figure 2: one point with high leverage pulls the least-squares line")
    plt.close(fig)   # shown once below, then redrawn in place: not again by the inline backend

    def update(change=None):
        x_all = np.append(x_lev[:-1], sx.value)
        y_all = np.append(y_lev[:-1], sy.value)
        draw_leverage(ax_fit, ax_lev, x_all, y_all)
        if change is not None:
            figure.update(fig)

    for s in (sx, sy):
        s.observe(update, names="value")
    update()
    controls = widgets.HBox([sx, sy])
    # the sliders; without a running kernel, a line of text says what they are
    display({"application/vnd.jupyter.widget-view+json":
             {"model_id": controls.model_id, "version_major": 2, "version_minor": 0},
             "text/plain": "[sliders for the x and y of the moving point: run this cell to use them]"}, raw=True)
    figure = display(fig, display_id=True)   # a real image in the saved notebook, updated in place


leverage_explorer(25.0, 6.0)

# %% [markdown]
# **Why it matters in ML.** Any model whose predictions are linear in the
# targets, $\hat{\mathbf{y}} = S\mathbf{y}$ (linear and ridge regression,
# kernel ridge, splines, $k$-nearest-neighbour averaging), has a "hat matrix"
# $S$; its trace is the model's *effective number of parameters*, and its
# diagonal gives leave-one-out errors without refitting. High-leverage samples
# are also where a model is extrapolating: a prediction at a new point
# $\mathbf{x}$ with large $\mathbf{x}^\top(X^\top X)^{-1}\mathbf{x}$ (its
# leverage, were it added to the data) deserves a wide error bar.
#
# ## 6. Gram–Schmidt and the QR factorization
#
# All of the above needs an orthonormal basis $Q$ of the column space.
# Chapter 01 built one with the **Gram–Schmidt** process: take the columns
# $\mathbf{x}_1, \dots, \mathbf{x}_d$ in order, subtract from each its
# projections onto the $\mathbf{q}$'s already built, and normalize. Record the
# numbers it computes,
#
# $$
# r_{ij} = \mathbf{q}_i\cdot\mathbf{x}_j \ (i < j), \qquad
# \mathbf{w}_j = \mathbf{x}_j - \sum_{i<j} r_{ij}\mathbf{q}_i, \qquad
# r_{jj} = \|\mathbf{w}_j\|, \qquad \mathbf{q}_j = \mathbf{w}_j / r_{jj},
# $$
#
# and read the middle formula backwards:
# $\mathbf{x}_j = r_{1j}\mathbf{q}_1 + \dots + r_{jj}\mathbf{q}_j$. Column $j$
# of $X$ is a combination of the first $j$ columns of $Q$ only, so
#
# $$
# X = QR, \qquad Q \in \mathbb{R}^{m\times d},\ Q^\top Q = I, \qquad
# R \in \mathbb{R}^{d\times d} \text{ upper triangular with } r_{jj} > 0 .
# $$
#
# This is the (reduced) **QR factorization**: Gram–Schmidt is its
# column-by-column construction, exactly as elimination is the construction of
# LU (chapter 03). The first $j$ columns of $Q$ span the same space as the
# first $j$ columns of $X$, for every $j$.
#
# There are two ways to organize the subtraction. **Classical** Gram–Schmidt
# (CGS) computes all the coefficients $r_{ij} = \mathbf{q}_i\cdot\mathbf{x}_j$
# from the *original* column, as written above. **Modified** Gram–Schmidt
# (MGS) subtracts the projections one at a time and computes each coefficient
# from the *current*, partly orthogonalized vector:
# $\mathbf{w} \leftarrow \mathbf{w} - (\mathbf{q}_i\cdot\mathbf{w})\,\mathbf{q}_i$
# for $i = 1, \dots, j-1$. In exact arithmetic the two are identical (the
# $\mathbf{q}_i$ are orthogonal, so removing $\mathbf{q}_1$ does not change
# $\mathbf{q}_2\cdot\mathbf{w}$). In floating point they are not.

# %%
def cgs(X):
    """Classical Gram-Schmidt: X = QR, every coefficient from the original column."""
    X = np.asarray(X, dtype=float)
    m, d = X.shape
    Q, R = np.zeros((m, d)), np.zeros((d, d))
    for j in range(d):
        R[:j, j] = Q[:, :j].T @ X[:, j]
        w = X[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(w)
        Q[:, j] = w / R[j, j]
    return Q, R


def mgs(X):
    """Modified Gram-Schmidt: X = QR, each projection removed from the current vector."""
    X = np.asarray(X, dtype=float)
    m, d = X.shape
    Q, R = np.zeros((m, d)), np.zeros((d, d))
    for j in range(d):
        w = X[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ w
            w -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(w)
        Q[:, j] = w / R[j, j]
    return Q, R


X_small = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
for name, qr_method in [("CGS", cgs), ("MGS", mgs)]:
    Q_s, R_s = qr_method(X_small)
    print(f"{name}: X = QR: {np.allclose(Q_s @ R_s, X_small)},  Q^T Q = I: {np.allclose(Q_s.T @ Q_s, np.eye(3))},"
          f"  R upper triangular: {np.allclose(R_s, np.triu(R_s))}")
Q_np, R_np = np.linalg.qr(X_small)
signs = np.sign(np.diag(R_np))                 # LAPACK does not promise r_jj > 0: flip signs to compare
print("same factors as np.linalg.qr up to column signs:", np.allclose(Q_np * signs, cgs(X_small)[0]),
      np.allclose(signs[:, None] * R_np, cgs(X_small)[1]))

# %% [markdown]
# With $r_{jj} > 0$ the QR factorization of a matrix with independent columns
# is unique, so every method returns the same factors up to the signs of the
# columns of $Q$ (and rows of $R$); `np.linalg.qr` does not fix the signs.
#
# **The full QR and the orthogonal complement.** `np.linalg.qr(X, mode="complete")`
# returns a square orthogonal $Q_{\text{full}} = [\,Q \;\; Q_\perp\,] \in \mathbb{R}^{m\times m}$:
# its last $m - d$ columns are an orthonormal basis of $C(X)^\perp$, the left
# null space — the complement of Section 1, with no SVD needed.

# %%
Q_full, _ = np.linalg.qr(np.array(B, dtype=float), mode="complete")
Q_perp = Q_full[:, 2:]
print("Q_perp spans the complement of S:", np.allclose(np.array(B.T, dtype=float) @ Q_perp, 0),
      "  orthonormal:", np.allclose(Q_perp.T @ Q_perp, np.eye(2)))
print("same subspace as SymPy's basis:",
      np.linalg.matrix_rank(np.hstack([Q_perp, np.array(sp.Matrix.hstack(*complement), dtype=float)])) == 2)

# %% [markdown]
# ## 7. Householder reflections
#
# LAPACK, and so `np.linalg.qr`, does not use Gram–Schmidt at all. It
# **triangularizes $X$ by orthogonal matrices**, like elimination triangularizes
# by row operations, only every step is a reflection. The **Householder
# reflection** across the hyperplane orthogonal to a vector $\mathbf{v}$ is
#
# $$
# H_{\mathbf{v}} = I - 2\,\frac{\mathbf{v}\mathbf{v}^\top}{\mathbf{v}^\top\mathbf{v}} ,
# $$
#
# which is $I - 2P$ with $P$ the projection onto the line through
# $\mathbf{v}$: it keeps the hyperplane and flips the $\mathbf{v}$ direction.
# It is symmetric and orthogonal, $H_{\mathbf{v}}^2 = I$ (reflect twice). For
# any $\mathbf{x}$, the choice $\mathbf{v} = \mathbf{x} + \operatorname{sign}(x_1)\|\mathbf{x}\|\mathbf{e}_1$
# maps $\mathbf{x}$ to $-\operatorname{sign}(x_1)\|\mathbf{x}\|\,\mathbf{e}_1$:
# one reflection zeroes every entry below the first. (The sign is chosen so
# that $x_1$ and $\operatorname{sign}(x_1)\|\mathbf{x}\|$ are *added*: the
# other sign would subtract two nearly equal numbers when $\mathbf{x}$ is close
# to a multiple of $\mathbf{e}_1$ — cancellation, chapter 03. And
# $\operatorname{sign}(0)$ must be taken as $+1$.)

# %%
x_col = np.array([3.0, 1.0, 5.0, 1.0])
v_h = x_col.copy()
v_h[0] += np.copysign(np.linalg.norm(x_col), x_col[0])   # ||x|| = 6
H_refl = np.eye(4) - 2 * np.outer(v_h, v_h) / (v_h @ v_h)
print("v =", v_h)
print("H x =", np.round(H_refl @ x_col, 12) + 0.0)   # + 0.0 turns a rounding residue -0. into 0.
print("H symmetric:", np.allclose(H_refl, H_refl.T), "  H^2 = I:", np.allclose(H_refl @ H_refl, np.eye(4)))

# %% [markdown]
# $\|(3, 1, 5, 1)\| = 6$, so $\mathbf{v} = (9, 1, 5, 1)$ and
# $H\mathbf{x} = (-6, 0, 0, 0)$. **Householder QR** applies this to the first
# column of $X$, then to the part of the second column below the diagonal
# (with a reflection that leaves the first row alone), and so on:
#
# $$
# H_d \cdots H_2 H_1\, X = \begin{pmatrix} R \\ 0 \end{pmatrix},
# \qquad
# X = \underbrace{H_1 H_2 \cdots H_d}_{Q_{\text{full}}}\begin{pmatrix} R \\ 0 \end{pmatrix}.
# $$
#
# $Q$ is never computed by subtracting projections: it is a product of exactly
# orthogonal matrices, each applied as $\mathbf{a} - 2\mathbf{v}(\mathbf{v}^\top\mathbf{a})/(\mathbf{v}^\top\mathbf{v})$
# without forming $H$. Rounding errors in a reflection are rounding errors of
# an almost exactly orthogonal map, so they cannot pile up into a loss of
# orthogonality. The price is about $2md^2 - \tfrac23 d^3$ flops for $R$ (with
# $Q$ kept as its $d$ reflection vectors), against $2md^2$ for Gram–Schmidt;
# forming the $m\times d$ matrix $Q$ explicitly costs about as much again. You
# will implement it in the exercises.
#
# ## 8. Loss of orthogonality
#
# How orthogonal is a computed $Q$? The number to watch is
# $\|Q^\top Q - I\|$ (0 in exact arithmetic), and the enemy is a nearly
# dependent set of columns: when $\mathbf{x}_j$ is almost in the span of the
# previous columns, $\mathbf{w}_j$ is the small difference of two nearly equal
# vectors, and the rounding errors of the subtraction, divided by the small
# $r_{jj}$, become large components along the earlier $\mathbf{q}_i$.
#
# **The experiment.** To control how nearly dependent the columns are, we build
# test matrices with a chosen condition number, as chapter 03 did for square
# matrices:
#
# $$
# X = U\operatorname{diag}(s_1, \dots, s_d)\,V^\top ,
# \qquad U \in \mathbb{R}^{m\times d},\ U^\top U = I,\ V \in \mathbb{R}^{d\times d} \text{ orthogonal},
# \qquad 1 = s_1 \ge \dots \ge s_d = 1/\kappa .
# $$
#
# $V^\top$ and $U$ preserve lengths, so $X$ stretches the unit vector
# $V\mathbf{e}_i$ by exactly $s_i$ and no unit vector by more than $s_1$ or
# less than $s_d$: $\kappa(X) = \|X\|\,\|X^+\| = s_1/s_d = \kappa$, where
# $X^+$ is the left inverse $(X^\top X)^{-1}X^\top$ (chapter 03's definition,
# $\sigma_{\max}/\sigma_{\min}$). This product is the singular value
# decomposition of $X$, the subject of a later chapter; here it is just a
# recipe with the answer built in. For $\kappa$ from 1 to $10^{12}$, three
# random $100\times 10$ matrices each, we measure $\|Q^\top Q - I\|$ for CGS,
# MGS, CGS run twice (re-orthogonalize the computed $Q$ once more, "CGS2") and
# Householder (`np.linalg.qr`).

# %%
def with_condition_number(m, d, kappa, rng):
    """A random m x d matrix (m >= d) with singular values from 1 down to 1/kappa, evenly on a log scale."""
    U, _ = np.linalg.qr(rng.normal(size=(m, d)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), d)) @ V.T


def cgs2(X):
    """Classical Gram-Schmidt twice: orthogonalize, then orthogonalize the result again."""
    Q1, R1 = cgs(X)
    Q2, R2 = cgs(Q1)
    return Q2, R2 @ R1


def orthogonality_loss(Q):
    return np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2)


methods = {"classical Gram-Schmidt": cgs, "modified Gram-Schmidt": mgs, "CGS twice (CGS2)": cgs2,
           "Householder (np.linalg.qr)": lambda X: np.linalg.qr(X)}
kappas = np.logspace(0, 12, 25)
loss = {name: np.zeros((kappas.size, 3)) for name in methods}
for k, kappa in enumerate(kappas):
    for trial in range(3):
        X_test = with_condition_number(100, 10, kappa, rng)
        for name, qr_method in methods.items():
            loss[name][k, trial] = orthogonality_loss(qr_method(X_test)[0])
print("cond of the last test matrix = 1e12 (to 3 digits):", np.isclose(np.linalg.cond(X_test), 1e12, rtol=1e-3))

# %%
fig, ax = plt.subplots(figsize=(8, 5))
for (name, values), style in zip(loss.items(), ["C3o-", "C0s-", "C1^-", "C2D-"]):
    ax.loglog(kappas, np.exp(np.log(values).mean(axis=1)), style, ms=4, label=name)  # geometric mean of 3 trials
ax.loglog(kappas, eps * kappas**2, "k--", lw=1, label=r"$\varepsilon\,\kappa^2$")
ax.loglog(kappas, eps * kappas, "k:", lw=1, label=r"$\varepsilon\,\kappa$")
ax.axhline(eps, color="grey", lw=0.8)
ax.text(1.5, 2 * eps, r"$\varepsilon$", color="grey")
ax.set_ylim(1e-17, 1e2)
ax.set_xlabel(r"condition number $\kappa(X)$")
ax.set_ylabel(r"loss of orthogonality $\|Q^\top Q - I\|$")
ax.set_title("Figure 3: how orthogonal is the computed Q? (100 x 10 matrices, mean of 3)")
ax.legend(fontsize=8, loc="upper left")
plt.show()

# %% [markdown]
# The slopes are the message (the exact values vary with the machine and
# the random matrices; the next cell measures the slopes on
# $10^2 \le \kappa \le 10^7$):
#
# * **classical Gram–Schmidt** loses orthogonality like $\varepsilon\,\kappa^2$
#   (slope 2, a constant below the dashed line) until the loss is of order 1,
#   somewhat beyond $\kappa = 1/\sqrt{\varepsilon} \approx 7\times10^7$, where
#   $\varepsilon\kappa^2$ reaches 1: beyond it, $Q$ is not orthogonal in any
#   useful sense;
# * **modified Gram–Schmidt** loses it like $\varepsilon\,\kappa$ (slope 1):
#   the same operations in another order, one power of $\kappa$ better;
# * **Householder** stays at the level of $\varepsilon$ whatever $\kappa$
#   (slope 0), and so does **CGS2** as long as the first pass has not lost
#   orthogonality completely ($\kappa \lesssim 10^8$): "twice is enough".

# %% tags=["nbval-ignore-output"]
fit_range = (kappas >= 1e2) & (kappas <= 1e7)
slopes = {name: np.polyfit(np.log10(kappas[fit_range]), np.log10(values[fit_range]).mean(axis=1), 1)[0]
          for name, values in loss.items()}
for name, slope in slopes.items():
    print(f"{name:28s} slope {slope:5.2f}   loss at kappa = 1e6: {np.exp(np.log(loss[name][12]).mean()):.1e}")
assert abs(slopes["classical Gram-Schmidt"] - 2) < 0.35 and abs(slopes["modified Gram-Schmidt"] - 1) < 0.35
assert abs(slopes["Householder (np.linalg.qr)"]) < 0.2 and abs(slopes["CGS twice (CGS2)"]) < 0.2

# %%
print("slopes on 1e2 <= kappa <= 1e7 near 2 (CGS), 1 (MGS), 0 (CGS2, Householder):",
      abs(slopes["classical Gram-Schmidt"] - 2) < 0.35, abs(slopes["modified Gram-Schmidt"] - 1) < 0.35,
      abs(slopes["CGS twice (CGS2)"]) < 0.2, abs(slopes["Householder (np.linalg.qr)"]) < 0.2)
print("Householder below 100 eps everywhere:", bool(loss["Householder (np.linalg.qr)"].max() < 100 * eps))

# %% [markdown]
# **Why it matters in ML.** Orthogonalization sits inside many algorithms:
# Krylov solvers such as GMRES and the Lanczos and Arnoldi eigensolvers build
# their bases by Gram–Schmidt (usually modified, or classical with
# re-orthogonalization, which parallelizes better); *orthogonal
# initialization* of neural-network weights (PyTorch's
# `nn.init.orthogonal_`) takes the $Q$ of a QR factorization of a random
# matrix; and decorrelating features or gradient directions is Gram–Schmidt by
# another name. When the vectors come from data they are often nearly
# dependent, and the difference between slope 2 and slope 0 is the difference
# between a basis and noise.
#
# ## 9. Why QR is the stable way to solve least squares
#
# Chapter 03 stated that forming $X^\top X$ squares the condition number.
# The QR factorization proves it in three lines. With $X = QR$:
#
# * $\|X\mathbf{w}\| = \|QR\mathbf{w}\| = \|R\mathbf{w}\|$ for every
#   $\mathbf{w}$, so $X$ and $R$ stretch every vector by the same factor and
#   $\kappa(X) = \kappa(R)$;
# * $X^\top X = R^\top Q^\top QR = R^\top R$;
# * $\|R^\top R\| = \|R\|^2$ (for any matrix,
#   $\|R\mathbf{w}\|^2 = \mathbf{w}^\top R^\top R\mathbf{w} \le \|R^\top R\|\,\|\mathbf{w}\|^2$,
#   and $\|R^\top R\| \le \|R^\top\|\,\|R\| = \|R\|^2$, a matrix and its
#   transpose having the same 2-norm), and the same argument for
#   $M = R^{-\top}$ gives $\|(R^\top R)^{-1}\| = \|R^{-1}R^{-\top}\| = \|R^{-1}\|^2$.
#
# Together: $\kappa(X^\top X) = \|R\|^2\,\|R^{-1}\|^2 = \kappa(X)^2$. The
# normal equations work with the squared condition number; QR solves
# $R\mathbf{w} = Q^\top\mathbf{y}$ with $\kappa(R) = \kappa(X)$ — and
# $Q^\top\mathbf{y}$ is computed with an (almost) orthogonal matrix, which
# loses nothing. That last point is why it must be a **Householder** $Q$:
# a classical Gram–Schmidt $Q$ that is not orthogonal gives
# $Q^\top\mathbf{y}$ that are not the coordinates of the projection.

# %%
X_k = with_condition_number(100, 10, 1e6, rng)
print("cond(X) = 1e6:", np.isclose(np.linalg.cond(X_k), 1e6, rtol=1e-6),
      "  cond(X^T X) / cond(X)^2 near 1:", np.isclose(np.linalg.cond(X_k.T @ X_k) / np.linalg.cond(X_k) ** 2, 1, rtol=0.05))
_, R_k = np.linalg.qr(X_k)
print("cond(R) = cond(X):", np.isclose(np.linalg.cond(R_k), np.linalg.cond(X_k), rtol=1e-6))

# %% [markdown]
# **The experiment.** For the same family of matrices, targets
# $\mathbf{y} = X\mathbf{w}_{\text{true}}$ with no noise, so that every error
# in the computed $\mathbf{w}$ is rounding error: the relative error
# $\|\hat{\mathbf{w}} - \mathbf{w}_{\text{true}}\| / \|\mathbf{w}_{\text{true}}\|$
# for the normal equations, QR with a classical Gram–Schmidt $Q$, QR with
# Householder, and `np.linalg.lstsq`. (Chapter 03's Figure 5 did the same with
# polynomial features, whose $\kappa$ grows with the degree; here $\kappa$ is
# set directly.)

# %%
def relative_error(w_hat, w_true):
    return np.linalg.norm(w_hat - w_true) / np.linalg.norm(w_true)


def ls_normal_equations(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)


def ls_qr(qr_method):
    def solve(X, y):
        Q, R = qr_method(X)
        return scipy.linalg.solve_triangular(R, Q.T @ y)
    return solve


solvers = {"normal equations": ls_normal_equations, "QR, classical Gram-Schmidt": ls_qr(cgs),
           "QR, Householder": ls_qr(np.linalg.qr), "np.linalg.lstsq (SVD)": lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0]}
kappas_ls = np.logspace(0, 12, 13)
ls_error = {name: np.zeros((kappas_ls.size, 3)) for name in solvers}
for k, kappa in enumerate(kappas_ls):
    for trial in range(3):
        X_test = with_condition_number(100, 10, kappa, rng)
        w_true = rng.normal(size=10)
        y_test = X_test @ w_true
        for name, solver in solvers.items():
            with np.errstate(all="ignore"):      # the normal equations may be numerically singular
                ls_error[name][k, trial] = min(relative_error(solver(X_test, y_test), w_true), 1e3)

fig, ax = plt.subplots(figsize=(8, 5))
for (name, values), style in zip(ls_error.items(), ["C3o-", "C1^-", "C2D-", "C0s--"]):
    ax.loglog(kappas_ls, np.exp(np.log(np.maximum(values, 1e-18)).mean(axis=1)), style, ms=5, label=name)
ax.loglog(kappas_ls, eps * kappas_ls**2, "k--", lw=1, label=r"$\varepsilon\,\kappa^2$")
ax.loglog(kappas_ls, eps * kappas_ls, "k:", lw=1, label=r"$\varepsilon\,\kappa$")
ax.axhline(1, color="grey", lw=0.8)
ax.set_ylim(1e-17, 1e4)
ax.set_xlabel(r"condition number $\kappa(X)$")
ax.set_ylabel("relative error of the weights")
ax.set_title("Figure 4: least squares with zero residual, four methods")
ax.legend(fontsize=8, loc="upper left")
plt.show()

# %% tags=["nbval-ignore-output"]
at = {kappa: int(np.argmin(np.abs(kappas_ls - kappa))) for kappa in (1e4, 1e8, 1e10)}
for name, values in ls_error.items():
    print(f"{name:28s} error at kappa = " + ",  ".join(f"{kappa:.0e}: {np.exp(np.log(values[k]).mean()):.1e}"
                                                      for kappa, k in at.items()))
assert ls_error["normal equations"][at[1e8]].min() > 1e-3 and ls_error["normal equations"][at[1e10]].min() > 0.1
assert ls_error["QR, Householder"][at[1e8]].max() < 1e-6 and ls_error["QR, Householder"][at[1e10]].max() < 1e-6

# %%
print("at kappa = 1e8: normal equations off by more than 1e-3:", bool(ls_error["normal equations"][at[1e8]].min() > 1e-3),
      "| Householder QR and lstsq within 1e-6:",
      bool(max(ls_error["QR, Householder"][at[1e8]].max(), ls_error["np.linalg.lstsq (SVD)"][at[1e8]].max()) < 1e-6))

# %% [markdown]
# The error of the normal equations grows like $\varepsilon\,\kappa^2$
# (parallel to the dashed line): about one correct digit is left at
# $\kappa = 10^8$, none beyond $10^9$. Householder QR and `lstsq` grow no
# faster than $\varepsilon\,\kappa$ (they stay below the dotted line) and
# still have six or more correct digits at $\kappa = 10^{10}$. QR with a classical Gram–Schmidt $Q$ is no better than
# the normal equations: its $Q$ is not orthogonal (Figure 3), so
# $R^{-1}Q^\top\mathbf{y}$ is not the least-squares solution. (Modified
# Gram–Schmidt can be rescued for least squares by orthogonalizing
# $\mathbf{y}$ as one more column, $[X \;\; \mathbf{y}]$, instead of computing
# $Q^\top\mathbf{y}$; Householder needs no such care.)
#
# **In practice:** `np.linalg.lstsq` / `scipy.linalg.lstsq` (SVD-based, and
# the safest when columns may be dependent), or `np.linalg.qr` followed by
# `scipy.linalg.solve_triangular` (what R's `lm` does), and `np.linalg.qr`
# whenever you need an orthonormal basis. Write your own Gram–Schmidt to
# understand it, and if you must use it on data, use it twice.
#
# ## 10. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | orthogonal complement | $S^\perp = N(B^\top)$, $\dim S + \dim S^\perp = n$; `null_space`, full QR | removing a direction, residualizing nuisance variables |
# | four subspaces | $N(A) = C(A^\top)^\perp$, $N(A^\top) = C(A)^\perp$ | gradients live in the row space; implicit regularization |
# | projection | $P = X(X^\top X)^{-1}X^\top = QQ^\top$, $P^2 = P = P^\top$, trace $P = d$ | fitted values, PCA, removing components |
# | least squares | $\hat{\mathbf{y}} = P\mathbf{y}$, residual $\perp C(X)$, normal equations $X^\top\mathbf{r} = \mathbf{0}$ | linear regression, $R^2$ |
# | hat matrix, leverage | $h_{ii} = \lVert\text{row } i \text{ of } Q\rVert^2 \in [0, 1]$, $\sum h_{ii} = d$ | influential points, LOO-CV $r_i/(1 - h_{ii})$, effective parameters |
# | QR | $X = QR$ by Gram–Schmidt (CGS, MGS) or Householder; `np.linalg.qr` | orthonormal bases, orthogonal initialization |
# | loss of orthogonality | $\lVert Q^\top Q - I\rVert$: CGS $\sim\varepsilon\kappa^2$, MGS $\sim\varepsilon\kappa$, Householder $\sim\varepsilon$ | trust a basis only from a stable method |
# | stable least squares | $\kappa(X^\top X) = \kappa(X)^2$; solve $R\mathbf{w} = Q^\top\mathbf{y}$ | fit with QR or `lstsq`, not the normal equations |
#
# Practical lessons: project with an orthonormal basis ($QQ^\top\mathbf{y}$,
# never the $m\times m$ matrix $P$, never $(X^\top X)^{-1}$); look at leverage
# as well as residuals; get $Q$ from `np.linalg.qr`, and if you write
# Gram–Schmidt yourself, re-orthogonalize.
#
# ## What's next
#
# A square $Q$ with orthonormal columns is an orthogonal matrix, and
# $|\det Q| = 1$: it preserves volumes as well as lengths. The next chapter is
# about that number — the determinant, the factor by which a matrix scales
# volumes — and later chapters find the orthonormal bases that are best
# adapted to a matrix (its eigenvectors and singular vectors), which turn the
# projections of this chapter into PCA and low-rank approximation.
