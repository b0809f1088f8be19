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
# # Chapter 02 — Linear transformations
#
# In chapter 01 a matrix was mostly a container: a stack of data rows, or a
# few vectors side by side. This chapter reads a matrix as a **function**: the
# map $\mathbf{x} \mapsto A\mathbf{x}$, which rotates, stretches, shears,
# reflects or flattens space. That single change of viewpoint explains most of
# what a neural network layer does, and why matrix products are the workhorse
# of machine learning. We cover:
#
# 1. linear maps, and why every one of them *is* a matrix;
# 2. the matrix–vector product: row view and column view;
# 3. the basic transformations of the plane: rotation, scaling, shear,
#    reflection, projection — and what they do to the grid and the unit circle;
# 4. the matrix–matrix product in four views (entries, columns, rows, outer
#    products);
# 5. composition, and why $AB \ne BA$;
# 6. kernel, image and rank: what a map keeps and what it destroys;
# 7. a dense neural-network layer as a linear map plus a bias;
# 8. the cost of a matrix product, and why vectorized NumPy beats Python loops.
#
# **Conventions** (as in chapter 01). Vectors are columns; $\mathbf{e}_j$ is the
# $j$-th standard basis vector; a matrix $A \in \mathbb{R}^{m\times n}$ has $m$
# rows and $n$ columns, $\mathbf{a}_j$ is its column $j$ (`A[:, j-1]` in NumPy,
# which counts from 0). In a data matrix, rows are samples.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg
import sympy as sp

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Linear maps and their matrices
#
# A function $T : \mathbb{R}^n \to \mathbb{R}^m$ is **linear** if it respects
# the two vector operations of chapter 01: for all vectors
# $\mathbf{u}, \mathbf{v}$ and scalars $c$,
#
# $$
# T(\mathbf{u} + \mathbf{v}) = T(\mathbf{u}) + T(\mathbf{v}),
# \qquad
# T(c\,\mathbf{u}) = c\,T(\mathbf{u}).
# $$
#
# Together they say that $T$ maps linear combinations to linear combinations
# with the same coefficients:
# $T(c_1\mathbf{v}_1 + \dots + c_k\mathbf{v}_k) = c_1T(\mathbf{v}_1) + \dots + c_kT(\mathbf{v}_k)$.
# Taking $c = 0$ shows that a linear map always sends $\mathbf{0}$ to $\mathbf{0}$.
#
# **Every linear map is a matrix.** Write $\mathbf{x} = x_1\mathbf{e}_1 + \dots + x_n\mathbf{e}_n$.
# By linearity
#
# $$
# T(\mathbf{x}) = x_1\,T(\mathbf{e}_1) + \dots + x_n\,T(\mathbf{e}_n) = A\mathbf{x},
# \qquad
# A = \big[\,T(\mathbf{e}_1)\ \cdots\ T(\mathbf{e}_n)\,\big] \in \mathbb{R}^{m\times n},
# $$
#
# because $A\mathbf{x}$ is the combination of the columns of $A$ with
# coefficients $x_1, \dots, x_n$ (chapter 01, Section 7). Conversely every
# $\mathbf{x} \mapsto A\mathbf{x}$ is linear, since
# $A(\mathbf{u} + \mathbf{v}) = A\mathbf{u} + A\mathbf{v}$ and
# $A(c\,\mathbf{u}) = c\,A\mathbf{u}$. So linear maps $\mathbb{R}^n \to \mathbb{R}^m$
# and $m \times n$ matrices are the same thing, and the recipe to find the
# matrix is:
#
# > **column $j$ of $A$ is the image of $\mathbf{e}_j$.**
#
# Note the shape: a map *from* $\mathbb{R}^n$ *to* $\mathbb{R}^m$ has $n$
# columns (one per input coordinate) and $m$ rows (one per output
# coordinate).
#
# Example: $T(x_1, x_2, x_3) = (x_1 + 2x_2,\ 3x_3 - x_1)$, a map
# $\mathbb{R}^3 \to \mathbb{R}^2$. Its matrix has the columns
# $T(\mathbf{e}_1) = (1, -1)$, $T(\mathbf{e}_2) = (2, 0)$, $T(\mathbf{e}_3) = (0, 3)$.
# We can let the computer find them by feeding in the columns of the identity
# matrix:

# %%
def T(x):
    """A linear map from R^3 to R^2, written as a plain function."""
    return np.array([x[0] + 2 * x[1], 3 * x[2] - x[0]])

A = np.column_stack([T(e) for e in np.eye(3)])  # column j = T(e_j)
print("A =\n", A)

x = np.array([2.0, 1.0, -1.0])
print("T(x) =", T(x), "  A @ x =", A @ x)

# %% [markdown]
# **Non-examples.** A shift $\mathbf{x} \mapsto \mathbf{x} + \mathbf{b}$ with
# $\mathbf{b} \ne \mathbf{0}$ is not linear (it moves $\mathbf{0}$), and
# neither are squaring, the norm, or the ReLU function
# $\max(\mathbf{x}, 0)$ of neural networks (all applied entry by entry, except
# the norm). A quick numerical test tries the two rules on random inputs. Such
# a test can only *refute* linearity — passing it on a few samples proves
# nothing — but it catches most non-linear maps at once:

# %%
def passes_linearity_test(f, n, trials=5):
    """Try f(u + v) = f(u) + f(v) and f(c u) = c f(u) on random inputs."""
    for _ in range(trials):
        u, v, c = rng.normal(size=n), rng.normal(size=n), rng.normal()
        if not (np.allclose(f(u + v), f(u) + f(v)) and np.allclose(f(c * u), c * f(u))):
            return False
    return True

for name, f in [("T (the example above)", T),
                ("x -> 3 x", lambda x: 3 * x),
                ("x -> x + 1 (a shift)", lambda x: x + 1),
                ("x -> x**2", lambda x: x**2),
                ("x -> norm(x)", np.linalg.norm),
                ("ReLU: x -> max(x, 0)", lambda x: np.maximum(x, 0))]:
    print(f"{name:24s} passes: {passes_linearity_test(f, 3)}")

# %% [markdown]
# **Why it matters in ML.** Linear maps are the cheapest functions there are
# to store (an $m \times n$ array), to evaluate (a matrix product) and to
# differentiate (the derivative of $A\mathbf{x}$ with respect to $\mathbf{x}$
# is $A$ itself). A neural network alternates them with cheap non-linear
# functions such as ReLU; Section 7 shows why the non-linear part is
# indispensable.

# %% [markdown]
# ## 2. The matrix–vector product: two views
#
# For $A \in \mathbb{R}^{m\times n}$ and $\mathbf{x} \in \mathbb{R}^n$ the
# product $A\mathbf{x} \in \mathbb{R}^m$ can be read in two ways:
#
# * **row view** — entry $i$ is the dot product of row $i$ with $\mathbf{x}$:
#   $(A\mathbf{x})_i = \sum_{j=1}^n A_{ij}x_j$. Each output coordinate is a
#   linear score of the input, like one neuron of a layer.
# * **column view** — $A\mathbf{x} = x_1\mathbf{a}_1 + \dots + x_n\mathbf{a}_n$:
#   a linear combination of the columns. This is the view that makes
#   Section 1 work, and it says that every output lies in the span of the
#   columns (Section 6).
#
# With the matrix of Section 1 and $\mathbf{x} = (2, 1, -1)$: the rows give
# $1\cdot2 + 2\cdot1 + 0\cdot(-1) = 4$ and $-1\cdot2 + 0\cdot1 + 3\cdot(-1) = -5$;
# the columns give $2\,(1, -1) + 1\,(2, 0) - 1\,(0, 3) = (4, -5)$.

# %%
m, n = A.shape
row_view = np.array([A[i, :] @ x for i in range(m)])   # m dot products
col_view = sum(x[j] * A[:, j] for j in range(n))       # a combination of n columns
print("row view:   ", row_view)
print("column view:", col_view)
print("A @ x:      ", A @ x)

# %% [markdown]
# In NumPy, `A @ x` with a 2-D `A` of shape `(m, n)` and a 1-D `x` of shape
# `(n,)` returns a 1-D array of shape `(m,)`. The inner sizes must agree;
# NumPy raises a `ValueError` otherwise. Never use `A * x` for a matrix–vector
# product: `*` multiplies entry by entry and, through broadcasting, silently
# returns an $m \times n$ matrix instead.

# %% [markdown]
# ## 3. Transformations of the plane
#
# In $\mathbb{R}^2$ a linear map is a $2\times 2$ matrix, and by Section 1 it is
# completely described by two arrows: where $\mathbf{e}_1 = (1, 0)$ and
# $\mathbf{e}_2 = (0, 1)$ go. Five families come up again and again.
#
# | map | matrix | $\mathbf{e}_1 \mapsto$ | $\mathbf{e}_2 \mapsto$ |
# |---|---|---|---|
# | rotation by $\theta$ (counter-clockwise) | $R_\theta = \begin{pmatrix}\cos\theta & -\sin\theta\\ \sin\theta & \cos\theta\end{pmatrix}$ | $(\cos\theta, \sin\theta)$ | $(-\sin\theta, \cos\theta)$ |
# | scaling | $S = \begin{pmatrix} s_1 & 0\\ 0 & s_2\end{pmatrix}$ | $(s_1, 0)$ | $(0, s_2)$ |
# | horizontal shear | $H_k = \begin{pmatrix} 1 & k\\ 0 & 1\end{pmatrix}$ | $(1, 0)$ | $(k, 1)$ |
# | reflection across the line at angle $\varphi$ | $F_\varphi = \begin{pmatrix}\cos2\varphi & \sin2\varphi\\ \sin2\varphi & -\cos2\varphi\end{pmatrix}$ | $(\cos2\varphi, \sin2\varphi)$ | $(\sin2\varphi, -\cos2\varphi)$ |
# | projection onto the line along a unit $\mathbf{u}$ | $P = \mathbf{u}\mathbf{u}^\top$ | $u_1\mathbf{u}$ | $u_2\mathbf{u}$ |
#
# Where the last two come from:
#
# * **Projection.** In chapter 01 the projection of $\mathbf{x}$ onto the line
#   spanned by a unit vector $\mathbf{u}$ was
#   $(\mathbf{u}\cdot\mathbf{x})\,\mathbf{u} = \mathbf{u}\,(\mathbf{u}^\top\mathbf{x}) = (\mathbf{u}\mathbf{u}^\top)\,\mathbf{x}$,
#   so its matrix is the **outer product** $\mathbf{u}\mathbf{u}^\top$
#   (entries $u_iu_j$). Projecting twice changes nothing: $P^2 = P$.
# * **Reflection.** To reach the mirror image of $\mathbf{x}$, walk from
#   $\mathbf{x}$ to its projection $P\mathbf{x}$ on the mirror line, then the
#   same step again: $F\mathbf{x} = \mathbf{x} + 2(P\mathbf{x} - \mathbf{x}) = 2P\mathbf{x} - \mathbf{x}$,
#   so $F = 2\mathbf{u}\mathbf{u}^\top - I$. With
#   $\mathbf{u} = (\cos\varphi, \sin\varphi)$ the double-angle formulas
#   $2\cos^2\varphi - 1 = \cos2\varphi$ and $2\cos\varphi\sin\varphi = \sin2\varphi$
#   give the matrix in the table. Reflecting twice gives back the start: $F^2 = I$.
#
# Rotations and reflections are **orthogonal** matrices, $Q^\top Q = I$: their
# columns are orthonormal, and they preserve lengths and angles,
# $\|Q\mathbf{x}\| = \|\mathbf{x}\|$ (because $\|Q\mathbf{x}\|^2 = \mathbf{x}^\top Q^\top Q\mathbf{x} = \mathbf{x}^\top\mathbf{x}$).

# %%
def rotation(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])

def reflection(phi):
    """Reflection across the line through 0 at angle phi with the x-axis."""
    c, s = np.cos(2 * phi), np.sin(2 * phi)
    return np.array([[c, s], [s, -c]])

u30 = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])   # unit vector at 30 degrees
transforms = {
    "identity": np.eye(2),
    "rotation by 30°": rotation(np.pi / 6),
    "scaling diag(1.5, 0.5)": np.diag([1.5, 0.5]),
    "shear, k = 1": np.array([[1.0, 1.0], [0.0, 1.0]]),
    "reflection across the 30° line": reflection(np.pi / 6),
    "projection onto the 30° line": np.outer(u30, u30),
}
R30, F30, P30 = (transforms[k] for k in ["rotation by 30°", "reflection across the 30° line",
                                          "projection onto the 30° line"])
print("R30^T R30 = I:", np.allclose(R30.T @ R30, np.eye(2)))
print("F30^T F30 = I:", np.allclose(F30.T @ F30, np.eye(2)), "  F30 @ F30 = I:", np.allclose(F30 @ F30, np.eye(2)))
print("P30 @ P30 = P30:", np.allclose(P30 @ P30, P30))
print("F30 = 2 P30 - I:", np.allclose(F30, 2 * P30 - np.eye(2)))
x = np.array([3.0, 4.0])
print("|x| =", np.linalg.norm(x), " |R30 x| =", round(np.linalg.norm(R30 @ x), 12),
      " |P30 x| =", round(np.linalg.norm(P30 @ x), 3))

# %% [markdown]
# **Figure 1** shows each map acting on the whole plane. Each panel draws
# the images of the grid lines $x_1 = c$ and $x_2 = c$ (blue), of the unit
# circle (orange), of the unit square (shaded), and of $\mathbf{e}_1$ (dark
# blue arrow) and $\mathbf{e}_2$ (red arrow); the faint grey grid is the
# original one. Since the image of a point is $x_1A\mathbf{e}_1 + x_2A\mathbf{e}_2$,
# the two arrows determine everything else: the unit square becomes the
# parallelogram they span, and the grid becomes the grid of that
# parallelogram.
#
# To transform many points at once we store them as the **rows** of an
# $N \times 2$ array `pts` (the data-matrix convention). Transposing
# $A\mathbf{x}$ gives $\mathbf{x}^\top A^\top$, so the images of all rows are
# the rows of `pts @ A.T` — equal to `(A @ pts.T).T`, which transforms the
# points as columns.

# %%
pts = rng.normal(size=(5, 2))    # 5 points as rows
print("pts @ R30.T == (R30 @ pts.T).T:", np.allclose(pts @ R30.T, (R30 @ pts.T).T))


# %%
def arrow(ax, end, color, start=(0.0, 0.0)):
    ax.annotate("", xy=end, xytext=start,
                arrowprops=dict(arrowstyle="-|>", color=color, lw=2, shrinkA=0, shrinkB=0))

def draw_transform(ax, M, title, lim=2.2):
    """The grid, the unit circle, the unit square and e1, e2, all mapped by M."""
    ticks = np.arange(-3, 4)
    for c in ticks:  # original grid, faint
        ax.plot([c, c], [-3, 3], color="0.9", lw=0.8, zorder=0)
        ax.plot([-3, 3], [c, c], color="0.9", lw=0.8, zorder=0)
    s = np.linspace(-3, 3, 2)
    for c in ticks:  # images of the lines x1 = c and x2 = c (a line maps to a line)
        for line in (np.column_stack([np.full(2, c), s]), np.column_stack([s, np.full(2, c)])):
            img = line @ M.T
            ax.plot(img[:, 0], img[:, 1], color="C0", lw=0.8, alpha=0.6)
    t = np.linspace(0, 2 * np.pi, 200)
    circle = np.column_stack([np.cos(t), np.sin(t)]) @ M.T
    ax.plot(circle[:, 0], circle[:, 1], color="C1", lw=2)
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]]) @ M.T
    ax.fill(square[:, 0], square[:, 1], color="C2", alpha=0.3)
    arrow(ax, M[:, 0], "navy")
    arrow(ax, M[:, 1], "C3")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xticks([-2, -1, 0, 1, 2])
    ax.set_yticks([-2, -1, 0, 1, 2])
    ax.set_title(title, fontsize=10)

fig, axes = plt.subplots(2, 3, figsize=(11, 7.5))
for ax, (name, M) in zip(axes.ravel(), transforms.items()):
    draw_transform(ax, M, name)
axes[1, 1].plot(*(np.outer([-3, 3], u30).T), ":", color="k", lw=1)   # the mirror line
axes[1, 2].plot(*(np.outer([-3, 3], u30).T), ":", color="k", lw=1)   # the target line
fig.suptitle("Figure 1: six linear maps of the plane (grid, unit circle, unit square, "
             "images of $\\mathbf{e}_1$ dark blue and $\\mathbf{e}_2$ red)", fontsize=11)
plt.tight_layout()
plt.show()

# %% [markdown]
# What to read off Figure 1:
#
# * **Lines stay lines, parallel lines stay parallel, evenly spaced grid
#   lines stay evenly spaced, and the origin stays put.** That is linearity
#   made visible. Curved grid lines would betray a non-linear map (Figure 4).
# * The rotation and the reflection keep the circle a circle and the square a
#   square (they preserve lengths and angles). The reflection also reverses
#   **orientation**: turning counter-clockwise from the dark blue arrow to the
#   red one takes 90° in the original, but 270° after the reflection.
# * The scaling and the shear turn the unit circle into an **ellipse**. For the
#   shear with $k = 1$ its longest and shortest semi-axes are
#   $\tfrac{1+\sqrt5}{2} \approx 1.618$ and $\tfrac{\sqrt5-1}{2} \approx 0.618$
#   (measured below on 20,000 points of the circle). Every invertible matrix
#   maps the unit circle to an ellipse; the lengths of its semi-axes are the
#   **singular values** of the matrix (chapter 06).
# * The projection flattens the whole plane onto a line: the circle becomes a
#   segment and the square has area 0. The direction perpendicular to the line
#   is lost — no matrix can undo this map. Section 6 makes "lost" precise. (The
#   area of the shaded parallelogram is $|\det A|$, chapter 05, where sliders
#   let you move the four entries of a $2\times 2$ matrix and watch the grid,
#   the ellipse and the determinant follow.)

# %%
t = np.linspace(0, 2 * np.pi, 20_000)
circle = np.column_stack([np.cos(t), np.sin(t)])
lengths = np.linalg.norm(circle @ transforms["shear, k = 1"].T, axis=1)
print("shear: longest and shortest semi-axis ~", round(lengths.max(), 3), round(lengths.min(), 3))
print("singular values of the shear:        ", np.linalg.svd(transforms["shear, k = 1"], compute_uv=False))

# %% [markdown]
# **Why it matters in ML.** *Data augmentation* for images applies small
# random rotations, scalings, shears and flips (reflections) to the pixel
# coordinates, so that a model learns that a rotated cat is still a cat.
# *Standardizing* features is a scaling (plus a shift). *PCA* projects data
# onto a few directions, and the projection's loss of information is exactly
# what PCA tries to keep small. Rotations that preserve lengths — orthogonal
# matrices — also appear inside models, e.g. in the rotary position
# embeddings of transformers.

# %% [markdown]
# ## 4. The matrix–matrix product, four ways
#
# For $A \in \mathbb{R}^{m\times n}$ and $B \in \mathbb{R}^{n\times p}$ the
# product $C = AB \in \mathbb{R}^{m\times p}$ has entries
#
# $$
# C_{ij} = \sum_{k=1}^n A_{ik}B_{kj} .
# $$
#
# The inner sizes must agree ($n$), and the outer sizes give the shape:
# $(m\times n)(n\times p) = m\times p$. The same sum can be grouped in four
# ways, and each is worth knowing:
#
# 1. **entry view**: $C_{ij} = (\text{row } i \text{ of } A)\cdot(\text{column } j \text{ of } B)$ —
#    all $mp$ dot products between the rows of $A$ and the columns of $B$;
# 2. **column view**: column $j$ of $C$ is $A\,\mathbf{b}_j$ — $A$ applied to
#    every column of $B$;
# 3. **row view**: row $i$ of $C$ is (row $i$ of $A$)$\,B$ — every row of $A$
#    sent through $B$;
# 4. **outer-product view**: $C = \sum_{k=1}^n \mathbf{a}_k\,\mathbf{b}_k^{\top}$,
#    where $\mathbf{a}_k$ is column $k$ of $A$ and $\mathbf{b}_k^\top$ is row
#    $k$ of $B$ — a sum of $n$ **rank-one** matrices, each an outer product
#    (column times row, an $m \times p$ matrix with entries $(\mathbf{a}_k)_i(\mathbf{b}_k^\top)_j$).

# %%
A = np.array([[1, 2, 0],
              [-1, 0, 3]])          # 2 x 3
B = np.array([[2, 1],
              [0, 1],
              [1, -1]])             # 3 x 2
m, n = A.shape
p = B.shape[1]

C_entries = np.array([[A[i, :] @ B[:, j] for j in range(p)] for i in range(m)])
C_columns = np.column_stack([A @ B[:, j] for j in range(p)])
C_rows = np.vstack([A[i, :] @ B for i in range(m)])
C_outer = sum(np.outer(A[:, k], B[k, :]) for k in range(n))
print("A @ B =\n", A @ B)
for name, C in [("entries", C_entries), ("columns", C_columns), ("rows", C_rows), ("outer", C_outer)]:
    print(f"{name:8s} view agrees:", np.array_equal(C, A @ B))
print("the first rank-one term a_1 b_1^T =\n", np.outer(A[:, 0], B[0, :]))

# %% [markdown]
# Two rules follow from the definition: $(AB)^\top = B^\top A^\top$ (the order
# reverses; we used it for `pts @ A.T` above), and the product is
# **associative**, $(AB)C = A(BC)$, so we may drop the brackets.
#
# **Why it matters in ML.** Each view is a different everyday computation.
#
# * Entry view: the Gram matrix $XX^\top$ of all pairwise dot products of the
#   samples (chapter 01's cosine-similarity matrix is the Gram matrix of the
#   normalized rows), and the attention scores $QK^\top$ of a transformer.
# * Column and row views: applying one map to a whole **batch** in a single
#   call. With samples as rows, a layer computes $XW$: each row of $X$ is sent
#   through $W$ (Section 7).
# * Outer-product view: low-rank structure. The gradient of a linear layer's
#   loss with respect to its weights is a sum of outer products, one per
#   sample; the SVD writes any matrix as a sum of rank-one matrices sorted by
#   importance; and LoRA fine-tunes a large language model by adding a
#   product $BA$ with few columns in $B$ — a sum of a few outer products — to
#   its weight matrices.

# %% [markdown]
# ## 5. Composition, and why $AB \ne BA$
#
# Applying $B$ first and then $A$ is the map
# $\mathbf{x} \mapsto A(B\mathbf{x})$. It is linear, so it has a matrix, and
# that matrix is the product:
#
# $$
# A(B\mathbf{x}) = (AB)\,\mathbf{x} .
# $$
#
# (Column view: column $j$ of $AB$ is $A\mathbf{b}_j = A(B\mathbf{e}_j)$, the
# image of $\mathbf{e}_j$ under "first $B$, then $A$" — exactly the recipe of
# Section 1.) Read products **from right to left**: in $AB\mathbf{x}$ the
# matrix next to $\mathbf{x}$ acts first. This is why matrix multiplication
# is defined the way it is, and why it is associative: composing functions is.
#
# Functions usually depend on the order in which they are applied, and so do
# matrices. Rotate by 90° and then shear, or shear first and then rotate:

# %%
R90 = rotation(np.pi / 2).round(12)   # round away the 6e-17 in cos(pi/2)
H = np.array([[1.0, 1.0],
              [0.0, 1.0]])
print("H @ R90 (rotate first, then shear) =\n", H @ R90)
print("R90 @ H (shear first, then rotate) =\n", R90 @ H)

# %%
letter_f = np.array([[0, 0], [0, 2], [1.2, 2], [1.2, 1.6], [0.4, 1.6], [0.4, 1.1],
                     [1.0, 1.1], [1.0, 0.7], [0.4, 0.7], [0.4, 0], [0, 0]])   # an "F", as rows
fig, axes = plt.subplots(1, 3, figsize=(11, 4))
panels = [(np.eye(2), "original"),
          (H @ R90, "$H R_{90}$: rotate, then shear"),
          (R90 @ H, "$R_{90} H$: shear, then rotate")]
for ax, (M, title) in zip(axes, panels):
    img = letter_f @ M.T
    ax.fill(img[:, 0], img[:, 1], color="C0", alpha=0.7)
    ax.plot(img[:, 0], img[:, 1], color="C0")
    arrow(ax, M[:, 0], "navy")
    arrow(ax, M[:, 1], "C3")
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_xlim(-3.2, 2.6)
    ax.set_ylim(-1.2, 3.6)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.set_title(title, fontsize=10)
fig.suptitle("Figure 2: the order of composition matters", fontsize=11)
plt.tight_layout()
plt.show()

# %% [markdown]
# The two results in **Figure 2** differ (the arrows are the images of
# $\mathbf{e}_1$ and $\mathbf{e}_2$, coloured as in Figure 1, i.e. the columns
# of the matrix): $HR_{90} \ne R_{90}H$. Matrix
# multiplication is **not commutative**. For rectangular matrices the
# question often does not even arise: with $A$ of shape $2\times3$ and $B$ of
# shape $3\times2$, $AB$ is $2\times2$ while $BA$ is $3\times3$.
#
# Some pairs do commute, and it is worth knowing which: diagonal matrices
# with each other, any matrix with a multiple of $I$, and rotations of the
# plane with each other — rotating by $\beta$ and then by $\alpha$ is rotating
# by $\alpha + \beta$. SymPy proves such identities for *all* angles at once,
# with exact trigonometry. It also proves a less obvious one: two reflections
# make a rotation, by twice the angle between the mirror lines.

# %%
alpha, beta = sp.symbols("alpha beta", real=True)

def rotation_sym(t):
    return sp.Matrix([[sp.cos(t), -sp.sin(t)], [sp.sin(t), sp.cos(t)]])

def reflection_sym(t):
    return sp.Matrix([[sp.cos(2 * t), sp.sin(2 * t)], [sp.sin(2 * t), -sp.cos(2 * t)]])

print("R(alpha) R(beta) - R(alpha + beta) =",
      sp.simplify(rotation_sym(alpha) * rotation_sym(beta) - rotation_sym(alpha + beta)))
print("F(alpha) F(beta) - R(2 (alpha - beta)) =",
      sp.simplify(reflection_sym(alpha) * reflection_sym(beta) - rotation_sym(2 * (alpha - beta))))
print("F(alpha) F(alpha) =", sp.simplify(reflection_sym(alpha) ** 2))

# %% [markdown]
# **Why it matters in ML.** Pipelines compose maps, and order matters:
# standardizing and then projecting (PCA) is not projecting and then
# standardizing. A network with layers $W_1, W_2, W_3$ (in the column
# convention $\mathbf{x} \mapsto W\mathbf{x}$) computes $W_3W_2W_1\mathbf{x}$:
# the first layer is written *last*. Libraries that store samples as rows
# compute $XW_1W_2W_3$ instead, where the order reads left to right — the two
# are transposes of each other, $(W_3W_2W_1\mathbf{x})^\top = \mathbf{x}^\top W_1^\top W_2^\top W_3^\top$.
# Mixing up the two conventions is one of the commonest shape bugs.

# %% [markdown]
# ## 6. Kernel, image and rank
#
# Two subspaces describe what a linear map $A \in \mathbb{R}^{m\times n}$ does:
#
# * the **kernel** (null space) $\ker A = \{\mathbf{x} \in \mathbb{R}^n : A\mathbf{x} = \mathbf{0}\}$,
#   the inputs the map destroys, a subspace of the *input* space;
# * the **image** (column space, range) $\operatorname{im} A = \{A\mathbf{x} : \mathbf{x} \in \mathbb{R}^n\}$,
#   the outputs the map can produce, a subspace of the *output* space. By the
#   column view it is the span of the columns of $A$.
#
# The **rank** of $A$ is the dimension of its image (chapter 01: the number
# of independent columns), and the dimension of the kernel is called the
# **nullity**. They are tied by the **rank–nullity theorem**:
#
# $$
# \dim\ker A + \operatorname{rank} A = n \quad (\text{the number of columns}).
# $$
#
# Every input dimension is either kept — it shows up in the image — or
# destroyed. Two consequences:
#
# * $A\mathbf{x} = A\mathbf{y}$ exactly when $\mathbf{x} - \mathbf{y} \in \ker A$:
#   the map cannot tell apart inputs that differ by a kernel vector. It is
#   one-to-one (injective) exactly when $\ker A = \{\mathbf{0}\}$, i.e. when
#   $\operatorname{rank} A = n$.
# * $A\mathbf{x} = \mathbf{b}$ has a solution exactly when
#   $\mathbf{b} \in \operatorname{im} A$ (chapter 03).
#
# An exact example with SymPy: a $3\times4$ matrix whose column 2 is twice
# column 1 and whose column 4 is column 1 plus twice column 3.

# %%
A = sp.Matrix([[1, 2, 0, 1],
               [2, 4, 1, 4],
               [3, 6, 1, 5]])
kernel = A.nullspace()
image = A.columnspace()
print("rank:", A.rank(), "  nullity:", len(kernel), "  columns:", A.cols)
print("kernel basis:", [list(k) for k in kernel])
print("image basis: ", [list(c) for c in image])
print("A k = 0 for every kernel vector:", all(A * k == sp.zeros(3, 1) for k in kernel))
R, pivots = A.rref()
print("pivot columns:", pivots)
R

# %% [markdown]
# Rank 2 plus nullity 2 makes the 4 columns. The kernel vector
# $(-2, 1, 0, 0)$ encodes "column 2 minus twice column 1 is zero", and
# $(-1, 0, -2, 1)$ encodes "column 4 minus column 1 minus twice column 3 is
# zero". `columnspace()` returns the **pivot columns of $A$ itself** (columns 1
# and 3, i.e. indices 0 and 2): the pivot positions come from the RREF, but
# the basis vectors must be taken from $A$ — the columns of $R$ span a
# different subspace, because row operations change the column space (they
# keep only the relations between the columns). Any other basis of these
# subspaces is just as good; SymPy's is one convenient choice.
#
# In floating point, `scipy.linalg.null_space` and `scipy.linalg.orth` return
# **orthonormal** bases of the kernel and the image, computed from the SVD with
# a tolerance for the rank (as `np.linalg.matrix_rank` in chapter 01). They are
# different bases of the same subspaces:

# %%
A_float = np.array(A.tolist(), dtype=float)
N = scipy.linalg.null_space(A_float)
Q = scipy.linalg.orth(A_float)
K_exact = np.array(sp.Matrix.hstack(*kernel).tolist(), dtype=float)
print("null_space shape:", N.shape, "  orth shape:", Q.shape)
print("A N = 0 (up to rounding):", np.allclose(A_float @ N, 0))
print("same kernel:", np.linalg.matrix_rank(np.hstack([N, K_exact])) == 2)

# %% [markdown]
# **A picture of a rank-one map.** Take
# $A = \begin{pmatrix} 1 & 2\\ 0.5 & 1\end{pmatrix}$, whose second column is
# twice the first. Its image is the line spanned by $(1, 0.5)$ and its kernel
# is the line spanned by $(-2, 1)$. In **Figure 3** each coloured line on the
# left is parallel to the kernel; all of its points differ by kernel vectors,
# so the whole line lands on a single point on the right.

# %%
A2 = np.array([[1.0, 2.0],
               [0.5, 1.0]])
k_dir = np.array([-2.0, 1.0])
print("A2 @ (-2, 1) =", A2 @ k_dir, "  rank:", np.linalg.matrix_rank(A2))

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5))
s = np.linspace(-1.5, 1.5, 7)
for c, color in zip([-1.0, 0.0, 1.0, 2.0], ["C0", "C1", "C2", "C4"]):
    line = np.array([c, 0.0]) + np.outer(s, k_dir)     # points (c, 0) + s * (-2, 1), as rows
    left.plot(line[:, 0], line[:, 1], "o-", color=color, ms=4, label=f"$(c, 0) + s(-2, 1)$, $c = {c:g}$")
    img = line @ A2.T
    right.plot(img[:, 0], img[:, 1], "o", color=color, ms=9, alpha=0.6)
left.plot(*np.outer([-4, 4], k_dir / 2).T, "k:", lw=1, label="kernel")
right.plot(*np.outer([-3, 3], [1.0, 0.5]).T, "k--", lw=1, label="image")
for ax, title, var in [(left, "input plane", "x"),
                       (right, "output plane: everything lands on the image line", "y")]:
    ax.set_xlabel(f"${var}_1$")
    ax.set_ylabel(f"${var}_2$")
    ax.set_xlim(-4, 4)
    ax.set_ylim(-3, 3)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
fig.suptitle("Figure 3: $A = [[1, 2], [0.5, 1]]$ maps every line parallel to its kernel to one point",
             fontsize=11)
plt.tight_layout()
plt.show()

# %% [markdown]
# **Why it matters in ML.** A layer whose weight matrix has a non-trivial
# kernel is blind to those input directions: two inputs that differ by a
# kernel vector get the same output, and no later layer can tell them apart.
# Rank is also a **bottleneck**: the rank of a product is at most the rank of
# each factor, $\operatorname{rank}(AB) \le \min(\operatorname{rank}A, \operatorname{rank}B)$,
# because $\operatorname{im}(AB) \subseteq \operatorname{im}A$ and
# $\ker B \subseteq \ker(AB)$. A linear map that squeezes data through a layer
# of width $r$ — the code of a linear autoencoder, a LoRA adapter — has rank at
# most $r$, however wide the layers around it are. With samples as rows
# (Section 7), a $6 \times 2$ matrix maps 6 features to 2:

# %%
W_down = rng.normal(size=(6, 2))   # x (6 features) -> x @ W_down (2 numbers): a bottleneck of width 2
W_up = rng.normal(size=(2, 6))     # 2 -> 6, so X @ W_down @ W_up maps 6 features to 6
print("shape of W_down @ W_up:", (W_down @ W_up).shape, "  rank:", np.linalg.matrix_rank(W_down @ W_up))
print("parameters: full 6 x 6 =", 6 * 6, "  low-rank factors =", W_down.size + W_up.size)

# %% [markdown]
# For a $d \times d$ weight matrix with $d = 4096$ and rank $r = 8$, the
# low-rank factors hold $2dr = 65{,}536$ numbers instead of
# $d^2 = 16{,}777{,}216$ — a factor $d / (2r) = 256$ fewer, which is why
# LoRA fine-tuning is cheap.

# %% [markdown]
# ## 7. A dense layer: a linear map plus a bias
#
# A **dense** (fully connected) layer with `n_in` inputs and `n_out` outputs
# has a weight matrix $W$ and a bias vector $\mathbf{b}$. With a batch of
# samples as the rows of $X$:
#
# $$
# Y = XW + \mathbf{b}, \qquad
# X: (\text{batch}, n_\text{in}),\quad W: (n_\text{in}, n_\text{out}),\quad
# \mathbf{b}: (n_\text{out},),\quad Y: (\text{batch}, n_\text{out}),
# $$
#
# where $\mathbf{b}$ is added to every row (NumPy broadcasting does that). For
# one sample (a row) this is $\mathbf{y}^\top = \mathbf{x}^\top W + \mathbf{b}^\top$,
# i.e. $\mathbf{y} = W^\top\mathbf{x} + \mathbf{b}$ in the column convention.
# Keras stores `W` with shape `(n_in, n_out)` as here; PyTorch's `nn.Linear`
# stores its transpose, shape `(n_out, n_in)`, and computes
# $XW^\top + \mathbf{b}$ — the same layer.
#
# **Linear or affine?** With $\mathbf{b} \ne \mathbf{0}$ the layer maps
# $\mathbf{0}$ to $\mathbf{b}$, so strictly speaking it is not linear but
# **affine** (linear plus a constant). The difference disappears with one extra
# coordinate: appending a constant 1 to each sample,
#
# $$
# \begin{pmatrix} \mathbf{x}^\top & 1 \end{pmatrix}\begin{pmatrix} W \\ \mathbf{b}^\top \end{pmatrix} = \mathbf{x}^\top W + \mathbf{b}^\top ,
# $$
#
# turns the affine map into a linear one, one dimension up — the same "bias
# trick" as adding a column of ones to a data matrix for the intercept of a
# linear model.

# %%
batch, n_in, n_out = 4, 3, 2
X = rng.normal(size=(batch, n_in))
W = rng.normal(size=(n_in, n_out))
b = rng.normal(size=n_out)

Y = X @ W + b                                      # b is broadcast to every row
X_aug = np.hstack([X, np.ones((batch, 1))])       # append a constant feature 1
W_aug = np.vstack([W, b])                          # append b as an extra row of W
print("Y shape:", Y.shape)
print("bias trick gives the same Y:", np.allclose(Y, X_aug @ W_aug))
print("layer(0) = b, not 0:", np.zeros(n_in) @ W + b, "=", b)

# %% [markdown]
# **Stacking linear layers gains nothing.** Two dense layers without a
# non-linearity in between collapse into one:
#
# $$
# (XW_1 + \mathbf{b}_1)W_2 + \mathbf{b}_2 = X\,(W_1W_2) + (\mathbf{b}_1W_2 + \mathbf{b}_2),
# $$
#
# a single dense layer with weights $W_1W_2$ and bias $\mathbf{b}_1W_2 + \mathbf{b}_2$
# (here $\mathbf{b}_1$ is a row vector). By induction, any depth of purely
# linear layers is one affine map — and, by Section 6, one whose weight matrix
# has rank at most the narrowest width. Depth only pays off with a **non-linear
# activation** between the layers, such as $\operatorname{ReLU}(z) = \max(z, 0)$
# applied entry by entry.

# %%
sizes = [4, 8, 8, 3]
layers = [(rng.normal(size=(a, c)), rng.normal(size=c)) for a, c in zip(sizes[:-1], sizes[1:])]

def network(X, activation=None):
    for i, (W, b) in enumerate(layers):
        X = X @ W + b
        if activation is not None and i < len(layers) - 1:   # no activation after the last layer
            X = activation(X)
    return X

# collapse the three linear layers into one
W_eff, b_eff = np.eye(sizes[0]), np.zeros(sizes[0])
for W, b in layers:
    W_eff, b_eff = W_eff @ W, b_eff @ W + b
X = rng.normal(size=(10, 4))
print("W_eff shape:", W_eff.shape, "  b_eff shape:", b_eff.shape)
print("3 linear layers == 1 layer:", np.allclose(network(X), X @ W_eff + b_eff))

relu = lambda z: np.maximum(z, 0)
print("with ReLU, still one layer?", np.allclose(network(X, relu), X @ W_eff + b_eff))

# %% [markdown]
# **Figure 4** shows the difference on the plane. Both panels use the same
# two small layers $2 \to 3 \to 2$; on the left without an activation, on the
# right with a ReLU after the first layer. Without it, the grid is mapped to a
# grid of parallelograms (Figure 1 again: one affine map). With it, grid lines
# **bend** where one of the three hidden units switches on or off: the three
# lines where a unit's input is 0 cut the plane into regions, and the network
# is a different affine map on each region. Where only one unit is on, the
# output is a non-negative multiple of that unit's row of $W_2$, so a whole
# region of the input is flattened onto a ray from the origin (the two
# straight rays that form the lower edge of the right panel). Stacking many
# such layers produces the flexible, piecewise-linear functions that deep
# networks fit to data.

# %%
W1_demo = np.array([[1.0, -0.4, -0.9],
                    [0.3, 1.0, -0.5]])          # 2 inputs -> 3 hidden units
b1_demo = np.array([0.5, 0.5, 0.5])
W2_demo = np.array([[1.0, 0.4],
                    [-0.3, 1.0],
                    [-0.9, -0.6]])              # 3 hidden units -> 2 outputs
b2_demo = np.zeros(2)

def small_net(P, activation=None):
    Z = P @ W1_demo + b1_demo
    if activation is not None:
        Z = activation(Z)
    return Z @ W2_demo + b2_demo

fig, axes = plt.subplots(1, 2, figsize=(10, 5))
s = np.linspace(-2, 2, 401)
for ax, act, title in [(axes[0], None, "no activation: one affine map"),
                       (axes[1], relu, "ReLU after the hidden layer")]:
    for c in np.linspace(-2, 2, 9):
        for line, color in [(np.column_stack([np.full_like(s, c), s]), "C0"),
                            (np.column_stack([s, np.full_like(s, c)]), "C3")]:
            img = small_net(line, act)
            ax.plot(img[:, 0], img[:, 1], color=color, lw=0.9, alpha=0.8)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.set_xlabel("output $y_1$")
    ax.set_ylabel("output $y_2$")
    ax.set_title(title, fontsize=10)
fig.suptitle("Figure 4: images of the grid lines $x_1 = c$ (blue) and $x_2 = c$ (red), "
             "$c \\in [-2, 2]$, under a $2 \\to 3 \\to 2$ network", fontsize=11)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 8. The cost of a matrix product
#
# **Counting flops.** Each of the $mp$ entries of $AB$ (with $A$ of shape
# $m \times n$, $B$ of shape $n \times p$) takes $n$ multiplications and $n - 1$
# additions, so the product costs $mp(2n - 1) \approx 2mnp$ floating-point
# operations (**flops**). For square $n \times n$ matrices that is about
# $2n^3$: doubling $n$ makes the product **8 times** more expensive. A
# matrix–vector product costs about $2mn$.
#
# Associativity gives a free optimization. $(AB)\mathbf{x} = A(B\mathbf{x})$
# mathematically, but for $n \times n$ matrices the left side first forms a
# whole matrix product (about $2n^3$ flops), while the right side does two
# matrix–vector products (about $4n^2$):

# %%
def matmul_flops(m, n, p):
    """Flops of an (m x n) @ (n x p) product: m*p entries, n mults and n-1 adds each."""
    return m * p * (2 * n - 1)

n = 1000
left_first = matmul_flops(n, n, n) + matmul_flops(n, n, 1)   # (A @ B) @ x
right_first = 2 * matmul_flops(n, n, 1)                      # A @ (B @ x)
print(f"(A @ B) @ x: {left_first:,} flops")
print(f"A @ (B @ x): {right_first:,} flops")
print("ratio:", left_first / right_first)

# %% [markdown]
# A factor of $(n+1)/2 = 500.5$ for $n = 1000$, for the same result. For
# longer chains, `np.linalg.multi_dot([A, B, C, ...])` chooses the cheapest
# bracketing automatically. In ML the same counting estimates the cost of a
# model: a dense layer on a batch costs about
# $2 \cdot \text{batch} \cdot n_\text{in} \cdot n_\text{out}$ flops, and the
# forward and backward passes of large networks consist almost entirely of
# such products.
#
# **Loops versus NumPy.** Here is the textbook triple loop, in pure Python, on
# lists of lists:

# %%
def matmul_loops(A, B):
    """C = A B by the definition, with Python loops over lists of lists."""
    m, n, p = len(A), len(B), len(B[0])
    C = [[0.0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            s = 0.0
            for k in range(n):
                s += A[i][k] * B[k][j]
            C[i][j] = s
    return C

n = 100
A = rng.normal(size=(n, n))
B = rng.normal(size=(n, n))
C_loops = np.array(matmul_loops(A.tolist(), B.tolist()))
C_cols = np.column_stack([A @ B[:, j] for j in range(n)])   # one matrix-vector product per column
print("loops agree with A @ B:", np.allclose(C_loops, A @ B))
print("column loop agrees:   ", np.allclose(C_cols, A @ B))
print(f"flops for n = {n}: {matmul_flops(n, n, n):,}")

# %% [markdown]
# Now the timings (the best of five runs after a warm-up run). They depend on
# your machine and on what else it is doing, so they are not quoted in the
# text. What you should see: the pure Python loop is slower than `A @ B` by a
# factor of hundreds to thousands, and looping over the columns with
# matrix–vector products lands in between.

# %% tags=["nbval-ignore-output"]
def best_time(f, repeat=5):
    f()                                   # warm-up: first calls pay for memory and thread start-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)

A_list, B_list = A.tolist(), B.tolist()
t_loops = best_time(lambda: matmul_loops(A_list, B_list))
t_cols = best_time(lambda: np.column_stack([A @ B[:, j] for j in range(n)]))
t_numpy = best_time(lambda: A @ B)
flops = matmul_flops(n, n, n)
for name, t in [("Python triple loop", t_loops), ("loop over columns", t_cols), ("A @ B", t_numpy)]:
    print(f"{name:20s} {t * 1e3:10.3f} ms   {flops / t / 1e9:8.3f} GFLOP/s")
print(f"A @ B is about {t_loops / t_numpy:,.0f} times faster than the triple loop")

# %% [markdown]
# The same experiment for the bracketing of $AB\mathbf{x}$ with $n = 1000$.
# Expect a large speed-up, but usually less than the flop ratio of 500:
# a matrix–vector product uses each entry of the matrix only once, so its speed
# is limited by how fast memory delivers the matrix rather than by arithmetic,
# and its rate in GFLOP/s is far below that of a matrix–matrix product.

# %% tags=["nbval-ignore-output"]
n = 1000
A = rng.normal(size=(n, n))
B = rng.normal(size=(n, n))
x = rng.normal(size=n)
t_left = best_time(lambda: (A @ B) @ x, repeat=2)   # a product of two 1000 x 1000 matrices: slow enough
t_right = best_time(lambda: A @ (B @ x))
print(f"(A @ B) @ x: {t_left * 1e3:8.2f} ms   ({matmul_flops(n, n, n) / t_left / 1e9:.1f} GFLOP/s in the product)")
print(f"A @ (B @ x): {t_right * 1e3:8.2f} ms")
print(f"bracketing speed-up: {t_left / t_right:,.0f}x")

# %% [markdown]
# Where does the difference between loops and NumPy come from?
#
# * **Interpreter overhead.** Each `s += A[i][k] * B[k][j]` in Python looks up
#   objects, checks their types at run time and allocates a new float object
#   for every result: tens of nanoseconds for what the processor can do in a
#   fraction of one.
# * **Compiled, tuned kernels.** `A @ B` hands the whole product to a BLAS
#   library (OpenBLAS or MKL) written in C and assembly. It uses SIMD
#   instructions that multiply several numbers at once, all processor cores,
#   and *blocking*: a product does about $2n^3$ flops on only $3n^2$ numbers,
#   so each number can take part in a number of operations proportional to $n$
#   — if the computation is organized to keep blocks of the matrices in the
#   small, fast cache memory instead of reloading them from main memory.
#
# The lesson for writing ML code: **vectorize** — express computations as
# operations on whole arrays (`X @ W + b` for a whole batch, not a loop over
# samples) so that the heavy lifting happens in compiled code. GPUs take the
# same idea further; they are, first of all, very fast matrix-multiplication
# machines.

# %% [markdown]
# ## 9. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | linear map | $T(\mathbf{x}) = A\mathbf{x}$, column $j$ of $A$ $= T(\mathbf{e}_j)$ | layers, features, embeddings |
# | matrix–vector product | rows: dot products; columns: $\sum_j x_j\mathbf{a}_j$ | scores of a linear model |
# | plane maps | rotation, scaling, shear, reflection $2\mathbf{u}\mathbf{u}^\top - I$, projection $\mathbf{u}\mathbf{u}^\top$ | data augmentation, PCA |
# | matrix product | entries, columns, rows, $\sum_k \mathbf{a}_k\mathbf{b}_k^\top$; $(AB)^\top = B^\top A^\top$ | batches, Gram matrices, low rank |
# | composition | $A(B\mathbf{x}) = (AB)\mathbf{x}$, right to left, $AB \ne BA$ | deep networks, pipelines |
# | kernel, image, rank | $\dim\ker A + \operatorname{rank}A = n$; `nullspace`, `columnspace` | lost information, bottlenecks, LoRA |
# | dense layer | $XW + \mathbf{b}$ (affine); linear layers collapse to one | why activations are needed |
# | cost | $\approx 2mnp$ flops; bracket cheaply; vectorize | speed of training and inference |
#
# Practical lessons: build a matrix from the images of the basis vectors;
# with samples as rows, transform with `X @ A.T`; read products right to left;
# take image bases from the pivot columns of $A$, not of its RREF; never
# multiply matrices with `*`; bracket $AB\mathbf{x}$ as $A(B\mathbf{x})$; and
# leave loops over entries to compiled libraries.
#
# ## What's next
#
# A square matrix with a trivial kernel loses nothing, so it should be
# possible to undo it. **Chapter 03 — Inversion and linear systems** asks when
# a matrix has an inverse, how to solve $A\mathbf{x} = \mathbf{b}$
# efficiently and stably (hint: almost never by computing $A^{-1}$), and what
# to do when $\mathbf{b}$ is not in the image of $A$ and there is no exact
# solution (least squares).
