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
# # Chapter 06 — Eigendecomposition and the SVD
#
# A matrix can look like an unstructured table of numbers. This chapter finds
# the structure hidden in it: special directions that the matrix only
# stretches, and — for *every* matrix, square or not — a factorization into a
# rotation, a stretch along the axes and another rotation. That factorization,
# the **singular value decomposition (SVD)**, is arguably the most useful tool
# of numerical linear algebra in machine learning: PCA, recommender systems,
# least squares, model compression and the analysis of neural networks are all
# built on it.
#
# 1. eigenvalues and eigenvectors;
# 2. diagonalization, $A = V\Lambda V^{-1}$, and matrix powers;
# 3. symmetric matrices and the spectral theorem; power iteration;
# 4. the SVD as rotation–scale–rotation;
# 5. the SVD and the eigendecomposition of $A^\top A$;
# 6. rank, the pseudo-inverse and minimum-norm least squares;
# 7. the best low-rank approximation (Eckart–Young);
# 8. compressing a photograph.
#
# **What we use from earlier chapters.** Matrices as maps $\mathbf{x}\mapsto
# A\mathbf{x}$ (chapter 02), rank and null space (chapters 01–02), least
# squares and the condition number (chapter 03), and the characteristic
# polynomial $\det(\lambda I - A)$ (chapter 05). An **orthogonal** matrix $Q$ is
# a square matrix with orthonormal columns, $Q^\top Q = I$, so $Q^{-1} = Q^\top$;
# it preserves lengths and angles, and geometrically it is a rotation, possibly
# combined with a reflection.

# %%
import ipywidgets as widgets
import numpy as np
import sympy as sp
import matplotlib
import matplotlib.pyplot as plt
from IPython.display import display

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook


def fix_signs(V):
    """Flip the sign of each column so that its first clearly non-zero entry is positive.

    Eigenvectors and singular vectors are only defined up to sign, and different
    LAPACK builds may return either sign; we fix one convention for display.
    """
    V = np.array(V, dtype=float)
    for j in range(V.shape[1]):
        first = np.flatnonzero(np.abs(V[:, j]) > 1e-8 * np.abs(V[:, j]).max())[0]
        if V[first, j] < 0:
            V[:, j] *= -1
    return V


# %% [markdown]
# ## 1. Eigenvalues and eigenvectors
#
# For a square matrix $A \in \mathbb{R}^{n\times n}$, a non-zero vector
# $\mathbf{v}$ is an **eigenvector** with **eigenvalue** $\lambda$ if
#
# $$
# A\mathbf{v} = \lambda\mathbf{v}, \qquad \mathbf{v} \ne \mathbf{0}.
# $$
#
# Most vectors change direction when $A$ is applied to them. An eigenvector
# does not: $A$ only stretches it by the factor $\lambda$ (and flips it if
# $\lambda < 0$). Any non-zero multiple $c\,\mathbf{v}$ is an eigenvector too,
# so an eigenvector really stands for a *line* through the origin; libraries
# return it scaled to unit length, with an arbitrary sign.
#
# **Finding them.** $A\mathbf{v} = \lambda\mathbf{v}$ with
# $\mathbf{v}\ne\mathbf{0}$ means that $(A - \lambda I)\mathbf{v} = \mathbf{0}$
# has a non-zero solution, i.e. $A - \lambda I$ is singular:
#
# $$
# \det(A - \lambda I) = 0 .
# $$
#
# The left side is a polynomial of degree $n$ in $\lambda$; up to the sign
# $(-1)^n$ it is the **characteristic polynomial** $\det(\lambda I - A)$ of
# chapter 05, with the same roots (for $n = 2$ the two are equal). Its roots
# are the eigenvalues, and the eigenvectors for $\lambda$ are the
# non-zero vectors of the null space of $A - \lambda I$. Take
#
# $$
# A = \begin{pmatrix} 1 & 2 \\ 3 & 2 \end{pmatrix}: \qquad
# \det(A - \lambda I) = (1-\lambda)(2-\lambda) - 6 = \lambda^2 - 3\lambda - 4 = (\lambda - 4)(\lambda + 1).
# $$

# %%
lam = sp.symbols("lambda")
A_sym = sp.Matrix([[1, 2], [3, 2]])
char_poly = (A_sym - lam * sp.eye(2)).det()
print("det(A - lambda I) =", sp.expand(char_poly), "=", sp.factor(char_poly))
for value, multiplicity, vectors in A_sym.eigenvects():
    print(f"eigenvalue {value}: eigenvector {list(vectors[0])}")

# %% [markdown]
# So $\lambda_1 = 4$ with eigenvector $(2/3, 1)$ and $\lambda_2 = -1$ with
# eigenvector $(-1, 1)$. SymPy picks one scaling; any non-zero multiple, such
# as $(2, 3)$ for $\lambda_1$, is just as good.
# Numerically, `np.linalg.eig` returns the eigenvalues and a matrix whose
# **columns** are unit eigenvectors, in no particular order:

# %%
A = np.array([[1.0, 2.0],
              [3.0, 2.0]])
evals, evecs = np.linalg.eig(A)
order = np.argsort(evals)[::-1]            # largest first, for a stable display
evals, evecs = evals[order], fix_signs(evecs[:, order])
print("eigenvalues:", evals)
print("eigenvectors (columns):\n", evecs)
for i in range(2):
    v = evecs[:, i]
    print(f"A v{i + 1} = {A @ v},  lambda{i + 1} v{i + 1} = {evals[i] * v}")
print("trace(A) =", np.trace(A), " sum of eigenvalues =", round(evals.sum(), 10))
print("det(A)   =", round(np.linalg.det(A), 10), " product of eigenvalues =", round(evals.prod(), 10))

# %% [markdown]
# The column $(0.555, 0.832)$ is $(2, 3)/\sqrt{13}$, and $(0.707, -0.707)$ is
# $(1, -1)/\sqrt2$ — the negative of SymPy's vector, equally valid. Two facts
# worth remembering hold for every square matrix: the **trace** (sum of the
# diagonal) is the sum of the eigenvalues, and the
# **determinant** is their product (both counted with multiplicity, complex
# ones included). In particular $A$ is singular exactly when $0$ is an
# eigenvalue.
#
# **Figure 1** shows what makes these two directions special. On the left are
# sixteen unit vectors $\mathbf{x}$; on the right, in the same colours, their
# images $A\mathbf{x}$, which lie on an ellipse. Almost every arrow turns. The
# two eigenvectors (thick) stay on their dashed lines: $\mathbf{v}_1$ is
# stretched by 4, $\mathbf{v}_2$ is flipped ($\lambda_2 = -1$).

# %%
angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
X_circle = np.vstack([np.cos(angles), np.sin(angles)])      # 16 unit vectors as columns
t = np.linspace(0, 2 * np.pi, 200)
circle = np.vstack([np.cos(t), np.sin(t)])
colors = plt.cm.hsv(angles / (2 * np.pi))

fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, M, title in [(axes[0], np.eye(2), "unit vectors $\\mathbf{x}$"),
                     (axes[1], A, "images $A\\mathbf{x}$")]:
    curve = M @ circle
    ax.plot(curve[0], curve[1], color="grey", lw=1)
    for x, c in zip(X_circle.T, colors):
        y = M @ x
        ax.annotate("", xy=y, xytext=(0, 0), arrowprops=dict(arrowstyle="->", color=c, lw=1, alpha=0.7))
    labels = ["$\\mathbf{v}_1$", "$\\mathbf{v}_2$"] if M is not A else \
        ["$A\\mathbf{v}_1 = 4\\mathbf{v}_1$", "$A\\mathbf{v}_2 = -\\mathbf{v}_2$"]
    for i, col in enumerate(["k", "C4"]):
        v = evecs[:, i]
        ax.plot([-6 * v[0], 6 * v[0]], [-6 * v[1], 6 * v[1]], "--", color=col, lw=0.8)
        y = M @ v
        ax.annotate("", xy=y, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=col, lw=2.5))
        if M is A:
            xy_text, ha = (y[0] - 0.15 * np.abs(y).max(), y[1] + 0.15), "right"
        else:
            xy_text, ha = 1.3 * y, "center"
        ax.text(*xy_text, labels[i], color=col, fontsize=12, ha=ha, va="center",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
    ax.set_aspect("equal")
    lim = 1.6 if M is not A else 4.6
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.axhline(0, color="grey", lw=0.4)
    ax.axvline(0, color="grey", lw=0.4)
    ax.set_title(title)
fig.suptitle("Figure 1: $A = [[1, 2], [3, 2]]$ turns most vectors; its eigenvectors keep their line",
             fontsize=11)
plt.show()

# %% [markdown]
# **Complex eigenvalues.** A real matrix may have no real eigenvector at all.
# A rotation by 90° turns *every* non-zero vector, and its characteristic
# polynomial $\lambda^2 + 1$ has the roots $\pm i$:

# %%
R90 = np.array([[0.0, -1.0],
                [1.0, 0.0]])
print("eigenvalues of a 90-degree rotation:", np.linalg.eigvals(R90))

# %% [markdown]
# **Why it matters in ML.** Eigenvectors are the "natural axes" of a linear
# map: along them, a complicated matrix acts like a plain number. PCA (chapter
# 06) takes the eigenvectors of a covariance matrix as the new features;
# PageRank is an eigenvector of a link matrix; spectral clustering uses
# eigenvectors of a graph Laplacian; and whether $A^k\mathbf{x}$ blows up or
# dies out as $k \to \infty$ is decided by the size of the eigenvalues, as the
# next section shows. Over a finite number of steps, though, eigenvalues can
# mislead: $W = [[0.5, 4], [0, 0.5]]$ has both eigenvalues 0.5, yet
# $W\mathbf{e}_2 = (4, 0.5)$ is about four times as long as $\mathbf{e}_2$.
# The gradients of a recurrent network are multiplied by such a weight matrix
# once per time step, and what bounds their growth for every $W$, symmetric or
# not, is its largest *singular value* (Section 4):
# $\|W^k\mathbf{x}\| \le \sigma_{\max}^k\|\mathbf{x}\|$. Gradients cannot explode when
# $\sigma_{\max} < 1$, and a $W$ with all $|\lambda_i| < 1$ but
# $\sigma_{\max} > 1$ can still amplify them a lot before they die out.

# %% [markdown]
# ## 2. Diagonalization
#
# Suppose $A \in \mathbb{R}^{n\times n}$ has $n$ linearly independent
# eigenvectors $\mathbf{v}_1, \dots, \mathbf{v}_n$ with eigenvalues
# $\lambda_1, \dots, \lambda_n$. Put them as the columns of
# $V = [\mathbf{v}_1 \cdots \mathbf{v}_n]$ and the eigenvalues on the diagonal
# of $\Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_n)$. The $n$
# equations $A\mathbf{v}_i = \lambda_i\mathbf{v}_i$ are the columns of the one
# matrix equation $AV = V\Lambda$, and since $V$ is invertible,
#
# $$
# A = V\Lambda V^{-1} .
# $$
#
# This is the **eigendecomposition**. Read right to left, $A\mathbf{x} =
# V\Lambda V^{-1}\mathbf{x}$ says: compute the coordinates of $\mathbf{x}$ in
# the eigenvector basis ($V^{-1}\mathbf{x}$, chapter 01, Section 9), scale
# coordinate $i$ by $\lambda_i$, and go back. Powers become easy, because the
# inner $V^{-1}V$ cancel:
#
# $$
# A^k = V\Lambda V^{-1}\,V\Lambda V^{-1}\cdots V\Lambda V^{-1} = V\Lambda^k V^{-1},
# \qquad
# A^k\mathbf{x} = \sum_{i=1}^n c_i\,\lambda_i^k\,\mathbf{v}_i \quad\text{with } \mathbf{c} = V^{-1}\mathbf{x}.
# $$
#
# As $k$ grows, the terms with $|\lambda_i| > 1$ explode, those with
# $|\lambda_i| < 1$ die out, and the term with the largest $|\lambda_i|$ wins
# (provided its coefficient $c_i$ is not zero).
#
# ### Example: a Markov chain
#
# A website visitor is either *browsing* (state 1) or *buying* (state 2). A
# browser browses again in the next step with probability 0.9 and buys with
# probability 0.1; a buyer goes back to browsing or buys again with
# probability 0.5 each. With the probabilities of the two states in a vector
# $\mathbf{p}_k$, one step is $\mathbf{p}_{k+1} = P\mathbf{p}_k$ with the
# **transition matrix**
#
# $$
# P = \begin{pmatrix} 0.9 & 0.5 \\ 0.1 & 0.5 \end{pmatrix}
# \qquad (P_{ij} = \text{probability of moving from state } j \text{ to state } i;\ \text{columns sum to } 1).
# $$

# %%
P = np.array([[0.9, 0.5],
              [0.1, 0.5]])
evals_P, V_P = np.linalg.eig(P)
order = np.argsort(evals_P)[::-1]
evals_P, V_P = evals_P[order], fix_signs(V_P[:, order])
print("eigenvalues of P:", evals_P)
print("P == V diag(lambda) V^-1:", np.allclose(P, V_P @ np.diag(evals_P) @ np.linalg.inv(V_P)))

stationary = V_P[:, 0] / V_P[:, 0].sum()     # the eigenvector for lambda = 1, scaled to sum 1
print("stationary distribution:", stationary)

p0 = np.array([0.0, 1.0])                     # start: certainly buying
for k in [1, 2, 5, 10, 20]:
    pk = V_P @ np.diag(evals_P**k) @ np.linalg.solve(V_P, p0)   # P^k p0 via the eigendecomposition
    print(f"k = {k:2d}: p_k = {pk},  distance to stationary = {np.linalg.norm(pk - stationary):.1e}")

# %% [markdown]
# The eigenvalues are $1$ and $0.4$. The eigenvector for $\lambda = 1$,
# scaled so that its entries sum to 1, is the **stationary distribution**
# $(5/6, 1/6) \approx (0.833, 0.167)$: $P$ leaves it unchanged. Whatever the
# start, $\mathbf{p}_k = c_1\mathbf{v}_1 + c_2\,0.4^k\,\mathbf{v}_2$ converges
# to it, and the distance shrinks by the factor $0.4$ per step (compare the
# rows for $k = 1$ and $k = 2$). In the long run the visitor buys in one step
# out of six. PageRank is the same computation on the link graph of the web,
# and Markov chain Monte Carlo samplers are designed so that the distribution
# they must sample is the stationary one of their chain.
#
# ### Not every matrix is diagonalizable
#
# The shear $J = \begin{pmatrix} 1 & 1 \\ 0 & 1 \end{pmatrix}$ has the double
# eigenvalue 1, but $J - I$ has a one-dimensional null space: there is only
# one line of eigenvectors, too few to form a basis of $\mathbb{R}^2$. Such a
# matrix is called **defective**.

# %%
J = sp.Matrix([[1, 1], [0, 1]])
for value, multiplicity, basis in J.eigenvects():
    print(f"eigenvalue {value} (multiplicity {multiplicity}): eigenvector basis {[list(b) for b in basis]}")
print("diagonalizable:", J.is_diagonalizable())
print("A = [[1, 2], [3, 2]] diagonalizable:", A_sym.is_diagonalizable())

# %% [markdown]
# Distinct eigenvalues guarantee independent eigenvectors, so defective
# matrices are rare — a tiny random perturbation of $J$ is diagonalizable —
# but near them $V$ is ill-conditioned and $V\Lambda V^{-1}$ is a poor way to
# compute anything. The two tools below have no such problem: symmetric
# matrices are always diagonalizable with an *orthogonal* $V$, and the SVD
# exists for every matrix.

# %% [markdown]
# ## 3. Symmetric matrices and the spectral theorem
#
# A matrix is **symmetric** if $S = S^\top$. Symmetric matrices are everywhere
# in ML: covariance matrices, Gram and kernel matrices $XX^\top$, the Hessian
# of a loss, $X^\top X$ in least squares, graph Laplacians.
#
# > **Spectral theorem.** A real symmetric matrix $S \in \mathbb{R}^{n\times n}$
# > has $n$ real eigenvalues and an orthonormal basis of eigenvectors:
# >
# > $$
# > S = Q\Lambda Q^\top = \sum_{i=1}^n \lambda_i\,\mathbf{q}_i\mathbf{q}_i^\top,
# > \qquad Q^\top Q = I .
# > $$
#
# The eigenvector matrix is now orthogonal, so its inverse is simply its
# transpose ($V^{-1} = Q^\top$, nothing to invert), and the sum on the right writes
# $S$ as a combination of the rank-one projections $\mathbf{q}_i\mathbf{q}_i^\top$
# onto its eigenvector lines.
#
# *Why the eigenvectors are orthogonal* (for distinct eigenvalues): if
# $S\mathbf{q}_i = \lambda_i\mathbf{q}_i$ and $S\mathbf{q}_j = \lambda_j\mathbf{q}_j$, then
# $\lambda_i\,\mathbf{q}_i\cdot\mathbf{q}_j = (S\mathbf{q}_i)\cdot\mathbf{q}_j
# = \mathbf{q}_i\cdot(S\mathbf{q}_j) = \lambda_j\,\mathbf{q}_i\cdot\mathbf{q}_j$,
# using $S^\top = S$ in the middle. So $(\lambda_i - \lambda_j)\,\mathbf{q}_i\cdot\mathbf{q}_j = 0$,
# and $\mathbf{q}_i \perp \mathbf{q}_j$ when $\lambda_i \ne \lambda_j$. For a
# repeated eigenvalue, the eigenvectors form a subspace (an **eigenspace**)
# of dimension equal to the multiplicity, and we may pick any orthonormal
# basis of it — so the eigenvectors are not unique there, not even up to sign.
#
# In NumPy use **`np.linalg.eigh`** ("h" for Hermitian, the complex version of
# symmetric) for symmetric matrices, not `eig`: it is faster, always returns
# real eigenvalues, guarantees orthonormal eigenvectors even for repeated
# eigenvalues, and returns the eigenvalues in **ascending** order. It reads
# only one triangle of the matrix and assumes the other one mirrors it.
#
# ### Example: the covariance matrix of a point cloud
#
# For centered data $X_c \in \mathbb{R}^{n\times d}$ (rows are samples, as in
# chapter 01), the **covariance matrix** is $C = X_c^\top X_c/(n-1)$. It is
# symmetric and **positive semidefinite**: for every $\mathbf{x}$,
# $\mathbf{x}^\top C\mathbf{x} = \|X_c\mathbf{x}\|^2/(n-1) \ge 0$, which forces
# all its eigenvalues to be $\ge 0$ (take $\mathbf{x} = \mathbf{q}_i$:
# $\mathbf{q}_i^\top C\mathbf{q}_i = \lambda_i$). Its eigenvectors are the
# principal axes of the point cloud — in the coordinates
# $\mathbf{q}_i\cdot\mathbf{x}$ the data is uncorrelated — and $\lambda_i$ is
# the variance of the data along $\mathbf{q}_i$.

# %%
n_pts = 400
true_cov = np.array([[3.0, 1.6],
                     [1.6, 1.4]])
L = np.linalg.cholesky(true_cov)              # L L^T = true_cov, so the rows of Z L^T have that covariance
pts = np.array([1.0, 2.0]) + rng.normal(size=(n_pts, 2)) @ L.T   # rows are samples
Xc = pts - pts.mean(axis=0)
C = Xc.T @ Xc / (n_pts - 1)
print("covariance matrix C:\n", C)

evals_C, Q_C = np.linalg.eigh(C)               # ascending order
evals_C, Q_C = evals_C[::-1], fix_signs(Q_C[:, ::-1])   # largest first
print("eigenvalues (variances along the axes):", evals_C)
print("eigenvectors (columns):\n", Q_C)
print("Q^T Q = I:", np.allclose(Q_C.T @ Q_C, np.eye(2)))
print("C == sum of lambda_i q_i q_i^T:",
      np.allclose(C, sum(evals_C[i] * np.outer(Q_C[:, i], Q_C[:, i]) for i in range(2))))
print("variance of the data along q_1:", round(np.var(Xc @ Q_C[:, 0], ddof=1), 3))

# %% [markdown]
# The first eigenvector $\mathbf{q}_1 \approx (0.85, 0.527)$ points along the
# long axis of the cloud, where the variance is $\lambda_1 \approx 4.029$ (the
# last line checks it directly); across it, along $\mathbf{q}_2$, the variance
# is only $\lambda_2 \approx 0.408$. **Figure 2** draws each $\mathbf{q}_i$
# with length $2\sqrt{\lambda_i}$ (two standard deviations). Projecting the
# data on $\mathbf{q}_1$ keeps $4.029 / (4.029 + 0.408) \approx 91\%$ of the
# total variance with one number per sample instead of two: this is PCA, the
# topic of chapter 08.

# %%
centre = pts.mean(axis=0)
fig, ax = plt.subplots(figsize=(6, 5))
ax.scatter(pts[:, 0], pts[:, 1], s=8, alpha=0.4, color="C0", label="samples")
for i, col in enumerate(["C3", "C2"]):
    arrow = 2 * np.sqrt(evals_C[i]) * Q_C[:, i]
    ax.annotate("", xy=centre + arrow, xytext=centre, arrowprops=dict(arrowstyle="-|>", color=col, lw=2.5))
    ax.text(*(centre + arrow + np.array([0.3, 0.0])), f"$2\\sqrt{{\\lambda_{i + 1}}}\\,\\mathbf{{q}}_{i + 1}$",
            color=col, fontsize=12, ha="left", va="center",
            bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
ax.set_aspect("equal")
ax.set_xlabel("feature 1")
ax.set_ylabel("feature 2")
ax.set_title("Figure 2: eigenvectors of the covariance matrix\nare the principal axes of the data")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# ### Power iteration
#
# For a large matrix we often need only the eigenvector with the largest
# $|\lambda|$ (the **dominant** one). Section 2 suggests how to get it:
# multiply a vector by $S$ again and again. Write the start vector as
# $\mathbf{x}_0 = \sum_i c_i\mathbf{q}_i$; then
# $S^k\mathbf{x}_0 = \sum_i c_i\lambda_i^k\mathbf{q}_i$, and if
# $|\lambda_1| > |\lambda_2| \ge \dots$ and $c_1 \ne 0$, the first term
# dominates. Normalizing after every step keeps the numbers finite:
#
# $$
# \mathbf{x}_{k+1} = \frac{S\mathbf{x}_k}{\|S\mathbf{x}_k\|}, \qquad
# \lambda^{(k)} = \mathbf{x}_k^\top S\,\mathbf{x}_k \quad(\text{the Rayleigh quotient, for a unit } \mathbf{x}_k).
# $$
#
# The angle between $\mathbf{x}_k$ and the line of $\mathbf{q}_1$ shrinks like
# $|\lambda_2/\lambda_1|^k$, and for a symmetric matrix the Rayleigh quotient
# is even more accurate: its error shrinks like $|\lambda_2/\lambda_1|^{2k}$.
# Below, $S$ is a $6\times 6$ symmetric matrix built with known eigenvalues
# $5, 4, 2, 1, 0.5, -3$, so the ratio is $4/5 = 0.8$.

# %%
Q6, _ = np.linalg.qr(rng.normal(size=(6, 6)))        # a random orthogonal matrix
S = Q6 @ np.diag([5.0, 4.0, 2.0, 1.0, 0.5, -3.0]) @ Q6.T
q1 = Q6[:, 0]                                         # the true dominant eigenvector

x = rng.normal(size=6)
x /= np.linalg.norm(x)
print(" k   sin(angle to q1)   0.8^k     |lambda_k - 5|")
for k in range(1, 41):
    x = S @ x
    x /= np.linalg.norm(x)
    if k in (1, 2, 5, 10, 20, 40):
        sin_angle = np.sqrt(max(0.0, 1 - (x @ q1) ** 2))
        print(f"{k:2d}   {sin_angle:.2e}           {0.8 ** k:.2e}  {abs(x @ S @ x - 5.0):.2e}")

# %% [markdown]
# The error of the direction follows $0.8^k$ up to a constant factor (set by
# how much of $\mathbf{q}_1$ the random start vector contains), and the
# eigenvalue error falls twice as fast on a log scale. Each step costs one
# matrix–vector product, so the method works for huge sparse matrices — it is
# how PageRank was first computed, how **spectral normalization** of neural
# network layers estimates the largest singular value of each weight matrix
# at every training step, and the starting point of the Lanczos method behind
# `scipy.sparse.linalg.eigsh`. Its weakness is a small gap: when
# $|\lambda_2/\lambda_1|$ is close to 1, convergence is slow. You will write a
# complete version, with a stopping rule, in the exercises.

# %% [markdown]
# ## 4. The singular value decomposition
#
# Eigenvectors need a square matrix, and even then they may be complex, too
# few, or far from orthogonal. The SVD has none of these problems.
#
# > **SVD.** Every real matrix $A \in \mathbb{R}^{m\times n}$ can be written as
# >
# > $$
# > A = U\Sigma V^\top ,
# > $$
# >
# > with $U \in \mathbb{R}^{m\times m}$ and $V \in \mathbb{R}^{n\times n}$
# > orthogonal, and $\Sigma \in \mathbb{R}^{m\times n}$ zero except for the
# > **singular values** $\sigma_1 \ge \sigma_2 \ge \dots \ge \sigma_{\min(m,n)} \ge 0$
# > on its diagonal.
#
# The columns $\mathbf{u}_i$ of $U$ are the **left singular vectors**, the
# columns $\mathbf{v}_i$ of $V$ the **right singular vectors**. Multiplying
# $A = U\Sigma V^\top$ by $V$ gives $AV = U\Sigma$, column by column
#
# $$
# A\mathbf{v}_i = \sigma_i\,\mathbf{u}_i ,
# $$
#
# the SVD's version of $A\mathbf{v} = \lambda\mathbf{v}$: $A$ maps an orthonormal
# basis of $\mathbb{R}^n$ to an *orthogonal* set of vectors in $\mathbb{R}^m$,
# of lengths $\sigma_i$. Only the first $p = \min(m, n)$ columns of $U$ and $V$
# meet a singular value, so we may drop the others and keep the **thin SVD**
# $A = U_p\Sigma_p V_p^\top$ with $U_p \in \mathbb{R}^{m\times p}$,
# $\Sigma_p = \operatorname{diag}(\sigma_1, \dots, \sigma_p)$ and
# $V_p \in \mathbb{R}^{n\times p}$. Written as a sum, with $r$ the number of
# non-zero singular values,
#
# $$
# A = \sum_{i=1}^{r} \sigma_i\,\mathbf{u}_i\mathbf{v}_i^\top ,
# $$
#
# a sum of $r$ rank-one matrices in order of importance — the key to Sections
# 6–8.
#
# `np.linalg.svd(A)` returns `U`, the singular values `s` as a 1-D array in
# decreasing order, and **`Vt` $= V^\top$** (not $V$: the right singular
# vectors are the *rows* of `Vt`). With `full_matrices=False` it returns the
# thin SVD.

# %%
A_rect = rng.normal(size=(5, 3))
U, s, Vt = np.linalg.svd(A_rect)                              # full SVD
print("full: U", U.shape, " s", s.shape, " Vt", Vt.shape)
Ut, st, Vtt = np.linalg.svd(A_rect, full_matrices=False)      # thin SVD
print("thin: U", Ut.shape, " s", st.shape, " Vt", Vtt.shape)
print("singular values:", st)

Sigma = np.zeros((5, 3))
Sigma[:3, :3] = np.diag(s)
print("A == U Sigma V^T (full):", np.allclose(A_rect, U @ Sigma @ Vt))
print("A == U_p diag(s) V_p^T (thin):", np.allclose(A_rect, Ut @ np.diag(st) @ Vtt))
print("A == (U_p * s) @ V_p^T (broadcasting):", np.allclose(A_rect, (Ut * st) @ Vtt))
print("A v_1 == sigma_1 u_1:", np.allclose(A_rect @ Vt[0], st[0] * Ut[:, 0]))

# %% [markdown]
# `Ut * st` multiplies column $i$ of $U_p$ by $\sigma_i$ (broadcasting), which
# is $U_p\Sigma_p$ without building the diagonal matrix.
#
# ### Rotation, scaling, rotation
#
# Read $A\mathbf{x} = U\big(\Sigma\,(V^\top\mathbf{x})\big)$ from the inside out.
# For a $2\times 2$ matrix:
#
# 1. $V^\top$ is orthogonal: it **rotates** (possibly reflects) the plane so
#    that $\mathbf{v}_1, \mathbf{v}_2$ land on the coordinate axes
#    ($V^\top\mathbf{v}_i = \mathbf{e}_i$);
# 2. $\Sigma$ **stretches** along the axes, by $\sigma_1$ and $\sigma_2$: the
#    unit circle becomes an axis-aligned ellipse;
# 3. $U$ **rotates** again, sending $\mathbf{e}_i$ to $\mathbf{u}_i$: the
#    ellipse's axes end up along $\mathbf{u}_1, \mathbf{u}_2$.
#
# So **every** square matrix maps the unit circle (sphere) to an ellipse
# (ellipsoid) whose semi-axes are $\sigma_i\mathbf{u}_i = A\mathbf{v}_i$ —
# flattened into a segment or a lower-dimensional ellipse when some
# $\sigma_i = 0$. (A tall matrix does the same inside its column space; a wide
# one, which has a null space, fills the inside of the ellipsoid too.) Take
# $A = \begin{pmatrix} 3 & 0 \\ 4 & 5 \end{pmatrix}$. Since
# $\det A = 15 > 0$, we can choose the signs of the singular vectors so that
# both $U$ and $V$ are pure rotations (determinant $+1$):

# %%
A2 = np.array([[3.0, 0.0],
               [4.0, 5.0]])
U2, s2, Vt2 = np.linalg.svd(A2)
V2 = Vt2.T.copy()
if V2[0, 0] < 0:                     # flipping u_1 and v_1 together gives another valid SVD
    U2[:, 0] *= -1
    V2[:, 0] *= -1
if np.linalg.det(V2) < 0:            # the same for u_2 and v_2: now V (and hence U) is a rotation
    U2[:, 1] *= -1
    V2[:, 1] *= -1
print("singular values:", s2, " (3*sqrt(5) =", round(3 * np.sqrt(5), 3), ", sqrt(5) =", round(np.sqrt(5), 3), ")")
print("V =\n", V2)
print("U =\n", U2)
print("det U =", round(np.linalg.det(U2), 6), " det V =", round(np.linalg.det(V2), 6))
print("rotation angles: V by", round(np.degrees(np.arctan2(V2[1, 0], V2[0, 0])), 3),
      "deg, U by", round(np.degrees(np.arctan2(U2[1, 0], U2[0, 0])), 3), "deg")
print("A == U diag(s) V^T:", np.allclose(A2, U2 @ np.diag(s2) @ V2.T))

# %% [markdown]
# The singular values are exactly $3\sqrt5 \approx 6.708$ and
# $\sqrt5 \approx 2.236$. $V$ is the rotation by 45° (so $V^\top$ turns the
# plane back by 45°, taking $\mathbf{v}_1$ to $\mathbf{e}_1$), and $U$ is the
# rotation by $\arctan 3 \approx 71.565°$. **Figure 3** follows the unit circle, coloured by angle so you
# can see the rotations, through the three steps. The right singular vectors
# $\mathbf{v}_1, \mathbf{v}_2$ (left panel) end up as the semi-axes
# $\sigma_1\mathbf{u}_1, \sigma_2\mathbf{u}_2$ of the ellipse (right panel).

# %%
t = np.linspace(0, 2 * np.pi, 361)
circle = np.vstack([np.cos(t), np.sin(t)])
Sig2 = np.diag(s2)
stages = [("$\\mathbf{x}$: unit circle", np.eye(2)),
          ("$V^\\top\\mathbf{x}$: rotate", V2.T),
          ("$\\Sigma V^\\top\\mathbf{x}$: stretch", Sig2 @ V2.T),
          ("$U\\Sigma V^\\top\\mathbf{x} = A\\mathbf{x}$: rotate", U2 @ Sig2 @ V2.T)]

labels = [("$\\mathbf{v}_1$", "$\\mathbf{v}_2$"), ("$\\mathbf{e}_1$", "$\\mathbf{e}_2$"),
          ("$\\sigma_1\\mathbf{e}_1$", "$\\sigma_2\\mathbf{e}_2$"),
          ("$\\sigma_1\\mathbf{u}_1$", "$\\sigma_2\\mathbf{u}_2$")]

fig, axes = plt.subplots(1, 4, figsize=(16, 4.6))
for ax, (title, M), lim, names in zip(axes, stages, [1.5, 1.5, 7.5, 7.5], labels):
    pts2 = M @ circle
    ax.scatter(pts2[0], pts2[1], c=t, cmap="hsv", s=4)
    for i, col in enumerate(["k", "C4"]):
        y = M @ V2[:, i]                     # where v_i is at this stage
        ax.annotate("", xy=y, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=col, lw=2.2))
        perp = np.array([-y[1], y[0]]) / np.linalg.norm(y)     # label beside the middle of the arrow
        ax.text(*(y / 2 + 0.13 * lim * perp), names[i], color=col, fontsize=12, ha="center", va="center",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
    ax.axhline(0, color="grey", lw=0.4)
    ax.axvline(0, color="grey", lw=0.4)
    ax.set_aspect("equal")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_title(title, fontsize=11)
fig.suptitle("Figure 3: the SVD of $A = [[3, 0], [4, 5]]$ as rotation, stretch, rotation "
             "(the last two panels are zoomed out 5x)", fontsize=12)
plt.show()

# %% [markdown]
# **Norms from singular values.** Because $U$ and $V$ preserve lengths, the
# largest stretch of $A$ over all unit vectors is $\sigma_1$: this is the
# **spectral norm** $\|A\|_2 = \max_{\|\mathbf{x}\|=1}\|A\mathbf{x}\| = \sigma_1$.
# The **Frobenius norm** $\|A\|_F = \sqrt{\sum_{ij} A_{ij}^2}$ (the length of
# $A$ viewed as one long vector) is
# $\sqrt{\sigma_1^2 + \dots + \sigma_r^2}$, and for a square matrix
# $|\det A| = \sigma_1\cdots\sigma_n$ (the area scaling of chapter 05). For
# $A = [[3, 0], [4, 5]]$: $\|A\|_2 = 3\sqrt5$, $\|A\|_F = \sqrt{50} =
# \sqrt{45 + 5}$ and $|\det A| = 15 = 3\sqrt5\cdot\sqrt5$.

# %%
print("||A||_2 =", round(np.linalg.norm(A2, 2), 6), " sigma_1 =", round(s2[0], 6))
print("||A||_F =", round(np.linalg.norm(A2), 6), " sqrt(sum sigma^2) =", round(np.sqrt(np.sum(s2**2)), 6))
print("|det A| =", round(abs(np.linalg.det(A2)), 6), " prod sigma =", round(np.prod(s2), 6))

# %% [markdown]
# **Why it matters in ML.** $\sigma_1$ of a weight matrix bounds how much a
# linear layer can amplify a perturbation of its input,
# $\|W\mathbf{x} - W\mathbf{x}'\| \le \sigma_1\|\mathbf{x} - \mathbf{x}'\|$.
# Controlling it (spectral normalization) stabilizes GAN training and makes
# networks more robust; the ratio $\sigma_1/\sigma_n$ is the condition number
# $\kappa$ of chapter 03, which governs how sensitive a least-squares problem
# is. Gradient descent on a least-squares loss $\tfrac12\|X\mathbf{w} - \mathbf{y}\|^2$
# depends on its square: the Hessian is $X^\top X$, with condition number
# $\kappa(X^\top X) = \kappa(X)^2$, and even with the best fixed step the error
# shrinks only by a factor $(\kappa(X)^2 - 1)/(\kappa(X)^2 + 1)$ per step, so
# the number of steps grows like $\kappa(X)^2$ (chapter 07 derives this rate and measures it).

# %% [markdown]
# ## 5. The SVD and the eigendecomposition of $A^\top A$
#
# Where do $U$, $\Sigma$, $V$ come from? Multiply $A = U\Sigma V^\top$ by its
# transpose:
#
# $$
# A^\top A = V\Sigma^\top U^\top U\Sigma V^\top = V\,(\Sigma^\top\Sigma)\,V^\top,
# \qquad
# AA^\top = U\,(\Sigma\Sigma^\top)\,U^\top .
# $$
#
# Both are symmetric positive semidefinite, and these are their spectral
# decompositions: the right singular vectors are the eigenvectors of
# $A^\top A$, the left singular vectors those of $AA^\top$, and both have the
# eigenvalues $\sigma_i^2$ (padded with zeros up to size $n$, respectively $m$):
#
# $$
# \sigma_i = \sqrt{\lambda_i(A^\top A)}, \qquad \mathbf{u}_i = \frac{A\mathbf{v}_i}{\sigma_i}\ \ (\sigma_i > 0).
# $$
#
# Read backwards, this is also why the SVD always exists (a sketch): take
# orthonormal eigenvectors $\mathbf{v}_i$ of the symmetric matrix $A^\top A$
# (spectral theorem) with eigenvalues $\sigma_i^2 \ge 0$, and define
# $\mathbf{u}_i = A\mathbf{v}_i/\sigma_i$ for $\sigma_i > 0$. These are
# orthonormal, because
# $\mathbf{u}_i\cdot\mathbf{u}_j = \mathbf{v}_i^\top A^\top A\mathbf{v}_j/(\sigma_i\sigma_j)
# = \sigma_j^2\,\mathbf{v}_i\cdot\mathbf{v}_j/(\sigma_i\sigma_j)$, which is 1 for $i = j$
# and 0 otherwise; complete them to an orthonormal basis of $\mathbb{R}^m$.

# %%
B = rng.normal(size=(6, 4))
s_B = np.linalg.svd(B, compute_uv=False)
lam_BtB = np.linalg.eigvalsh(B.T @ B)[::-1]      # 4 eigenvalues, largest first
lam_BBt = np.linalg.eigvalsh(B @ B.T)[::-1]      # 6 eigenvalues, largest first
print("singular values of B:      ", s_B)
print("sqrt(eigenvalues of B^T B):", np.sqrt(lam_BtB))
print("eigenvalues of B B^T:      ", lam_BBt[:4], "and", np.sum(np.abs(lam_BBt) < 1e-10), "below 1e-10")

# %% [markdown]
# The $6\times 6$ matrix $BB^\top$ has the same four non-zero eigenvalues
# $\sigma_i^2$ plus two zeros (its rank is 4). For a **symmetric** matrix the
# SVD and the spectral decomposition nearly coincide: the singular values are
# the absolute values $|\lambda_i|$ of the eigenvalues, and a negative
# $\lambda_i$ moves its sign into $\mathbf{u}_i = -\mathbf{v}_i$. For the matrix
# $S$ of Section 3 (eigenvalues $5, 4, 2, 1, 0.5, -3$):

# %%
print("singular values of S:", np.linalg.svd(S, compute_uv=False))
print("|eigenvalues| of S:  ", np.sort(np.abs(np.linalg.eigvalsh(S)))[::-1])

# %% [markdown]
# ### Do not compute the SVD through $A^\top A$ in floating point
#
# The relation is perfect on paper and a trap in practice: forming $A^\top A$
# squares the condition number (chapter 03). A rounding error of relative size
# $\varepsilon \approx 2.2\times 10^{-16}$ in $A^\top A$ is an *absolute* error
# of about $\varepsilon\,\sigma_1^2$ in every eigenvalue, so any $\sigma_i^2$
# below that level is lost. SVD algorithms work on $A$ directly and get every
# $\sigma_i$ to an absolute accuracy of about $\varepsilon\,\sigma_1$. Below,
# $A$ is built with singular values $1$, $10^{-4}$ and $10^{-9}$, so the
# smallest eigenvalue of $A^\top A$ should be $10^{-18}$:

# %%
U_ill, _ = np.linalg.qr(rng.normal(size=(6, 3)))     # orthonormal columns
V_ill, _ = np.linalg.qr(rng.normal(size=(3, 3)))
A_ill = U_ill @ np.diag([1.0, 1e-4, 1e-9]) @ V_ill.T

sigma_min_svd = np.linalg.svd(A_ill, compute_uv=False)[-1]
lam_min = np.linalg.eigvalsh(A_ill.T @ A_ill)[0]
print("relative error of sigma_3 from the SVD:   below 1e-5?", abs(sigma_min_svd - 1e-9) / 1e-9 < 1e-5)
print("relative error of sigma_3^2 from A^T A:   above 10?  ", abs(lam_min - 1e-18) / 1e-18 > 10)

# %% [markdown]
# The exact digits depend on your machine, so they are in a separate cell.
# The SVD gets $\sigma_3$ right to at least about seven digits (its absolute
# error is about $\varepsilon\sigma_1$, a relative error of about
# $2\times 10^{-7}$ for $\sigma_3 = 10^{-9}$), while the
# smallest eigenvalue of $A^\top A$ comes out as a rounding residue around
# $10^{-17}$ to $10^{-16}$ — possibly negative, which no $\sigma^2$ can be —
# with no correct digit left.

# %% tags=["nbval-ignore-output"]
print(f"sigma_3 from the SVD:          {sigma_min_svd:.10e}   (exact: 1e-09)")
print(f"smallest eigenvalue of A^T A:  {lam_min:.3e}          (exact: 1e-18)")
assert abs(sigma_min_svd - 1e-9) < 1e-6 * 1e-9 and abs(lam_min) < 1e-15  # seven digits; only a residue

# %% [markdown]
# **Why it matters in ML.** PCA can be computed as the eigendecomposition of
# the covariance matrix $X_c^\top X_c/(n-1)$ or as the SVD of the centered data
# $X_c$ itself. The second keeps the accuracy of the small components, and
# scikit-learn's `PCA` is built on it. The first is much faster for very tall
# data with few features, and the leading components, usually the only ones
# kept, are still accurate: since version 1.5 the default
# `svd_solver="auto"` switches to the covariance route (`"covariance_eigh"`)
# for data with at most 1000 features and at least ten times as many samples.
# Ask for `svd_solver="full"` when the small components matter.

# %% [markdown]
# ## 6. Rank, the pseudo-inverse and minimum-norm least squares
#
# ### Rank and the four subspaces
#
# The **rank** of $A$ is the number $r$ of non-zero singular values: in
# $A = \sum_{i=1}^r\sigma_i\mathbf{u}_i\mathbf{v}_i^\top$ every output is a
# combination of $\mathbf{u}_1, \dots, \mathbf{u}_r$. The SVD delivers
# orthonormal bases of the fundamental subspaces all at once:
#
# | subspace | basis from the full SVD |
# |---|---|
# | column space (image) of $A$, in $\mathbb{R}^m$ | $\mathbf{u}_1, \dots, \mathbf{u}_r$ |
# | null space of $A^\top$, in $\mathbb{R}^m$ | $\mathbf{u}_{r+1}, \dots, \mathbf{u}_m$ |
# | row space of $A$, in $\mathbb{R}^n$ | $\mathbf{v}_1, \dots, \mathbf{v}_r$ |
# | null space (kernel) of $A$, in $\mathbb{R}^n$ | $\mathbf{v}_{r+1}, \dots, \mathbf{v}_n$ |
#
# (The last row because $A\mathbf{v}_i = \sigma_i\mathbf{u}_i = \mathbf{0}$ for
# $i > r$.) Numerically, "non-zero" means "above a tolerance", exactly as for
# `np.linalg.matrix_rank` in chapter 01. The third row of this matrix is the
# sum of the first two, so its rank is 2:

# %%
M = np.array([[1.0, 0.0, 1.0, 2.0],
              [0.0, 1.0, 1.0, -1.0],
              [1.0, 1.0, 2.0, 1.0]])
U_M, s_M, Vt_M = np.linalg.svd(M)            # full SVD: Vt_M is 4 x 4
tol = s_M.max() * max(M.shape) * np.finfo(float).eps
r = int(np.sum(s_M > tol))
print("singular values:", np.round(s_M, 6), "-> rank", r, "(matrix_rank:", np.linalg.matrix_rank(M), ")")
null_basis = Vt_M[r:].T                      # columns v_3, v_4
print("null space basis has shape", null_basis.shape, "; max |M @ basis| < 1e-12:",
      np.abs(M @ null_basis).max() < 1e-12)

# %% [markdown]
# ### The pseudo-inverse
#
# If $A$ is square and invertible, $A^{-1} = V\Sigma^{-1}U^\top$: undo the
# rotations in reverse order and divide by the $\sigma_i$. The
# **(Moore–Penrose) pseudo-inverse** extends this to every matrix by inverting
# only what can be inverted:
#
# $$
# A^+ = V\Sigma^+U^\top = \sum_{i=1}^r \frac{1}{\sigma_i}\,\mathbf{v}_i\mathbf{u}_i^\top,
# \qquad
# \Sigma^+ = \operatorname{diag}(1/\sigma_1, \dots, 1/\sigma_r, 0, \dots, 0) \in \mathbb{R}^{n\times m}.
# $$
#
# Singular values below a tolerance count as zero and are **not** inverted:
# $1/\sigma$ of a rounding residue like $10^{-16}$ would be a huge number made
# of noise. `np.linalg.pinv(A, rtol=...)` implements this formula (singular
# values below `rtol` $\cdot\,\sigma_1$ are dropped).

# %%
s_plus = np.zeros_like(s_M)
s_plus[:r] = 1.0 / s_M[:r]
M_plus = Vt_M[:3].T @ np.diag(s_plus) @ U_M.T        # V Sigma^+ U^T with the thin V (4 x 3)
print("M^+ (4 x 3):\n", M_plus)
print("equals np.linalg.pinv(M):", np.allclose(M_plus, np.linalg.pinv(M)))
print("M M^+ M == M:", np.allclose(M @ M_plus @ M, M))

# %% [markdown]
# ### Minimum-norm least squares
#
# For a system $A\mathbf{x} = \mathbf{b}$ that may have no solution or
# infinitely many, $\mathbf{x}^+ = A^+\mathbf{b}$ is the best one can ask for:
#
# * it minimizes the residual $\|A\mathbf{x} - \mathbf{b}\|$ (a least-squares
#   solution: $A\mathbf{x}^+$ is the projection of $\mathbf{b}$ onto the
#   column space, spanned by $\mathbf{u}_1, \dots, \mathbf{u}_r$);
# * among all least-squares solutions it has the **smallest norm**. Every other
#   one is $\mathbf{x}^+ + \mathbf{z}$ with $\mathbf{z}$ in the null space, and
#   $\mathbf{x}^+$ lies in the row space (it is a combination of
#   $\mathbf{v}_1, \dots, \mathbf{v}_r$), which is orthogonal to the null
#   space, so $\|\mathbf{x}^+ + \mathbf{z}\|^2 = \|\mathbf{x}^+\|^2 + \|\mathbf{z}\|^2$.
#
# **An over-parameterized regression.** With more features than samples
# ($d > n$), a linear model can fit the training data exactly in infinitely
# many ways. Here $n = 5$ samples, $d = 8$ features:

# %%
X_over = rng.normal(size=(5, 8))
y_over = rng.normal(size=5)
w_plus = np.linalg.pinv(X_over) @ y_over
print("w+ fits the training data exactly:", np.allclose(X_over @ w_plus, y_over))
print("||w+|| =", round(np.linalg.norm(w_plus), 4))

g = rng.normal(size=8)
z = g - np.linalg.pinv(X_over) @ (X_over @ g)         # a random null-space vector: X z = 0
print("w+ + z also fits exactly:", np.allclose(X_over @ (w_plus + z), y_over),
      " but ||w+ + z|| =", round(np.linalg.norm(w_plus + z), 4))
print("Pythagoras: ||w+||^2 + ||z||^2 =", round(np.linalg.norm(w_plus) ** 2 + np.linalg.norm(z) ** 2, 4),
      " ||w+ + z||^2 =", round(np.linalg.norm(w_plus + z) ** 2, 4))

w_lstsq = np.linalg.lstsq(X_over, y_over, rcond=None)[0]
print("np.linalg.lstsq returns the same minimum-norm solution:", np.allclose(w_lstsq, w_plus))

# gradient descent on the squared loss, started at w = 0
w = np.zeros(8)
step = 1.0 / np.linalg.norm(X_over, 2) ** 2
for _ in range(3000):
    w -= step * X_over.T @ (X_over @ w - y_over)
print("gradient descent from 0 ends at w+:", np.allclose(w, w_plus))

# %% [markdown]
# Every solution fits the training data perfectly; they differ in what they
# predict for new inputs, and the minimum-norm one is usually the sensible
# choice. Plain **gradient descent started at $\mathbf{w} = \mathbf{0}$ finds
# exactly $\mathbf{w}^+$**: each gradient $X^\top(\cdot)$ is a combination of
# the rows of $X$, so the iterates never leave the row space. This "implicit
# bias" towards small-norm solutions is one explanation of why heavily
# over-parameterized models can still generalize.
#
# Small but non-zero singular values are a problem of their own: $1/\sigma_i$
# amplifies noise in $\mathbf{b}$ along $\mathbf{v}_i$. Raising the cutoff
# (**truncated SVD**) or replacing $1/\sigma_i$ by $\sigma_i/(\sigma_i^2 + \alpha)$
# (which is exactly **ridge regression**) trades a little bias for much less
# variance.

# %% [markdown]
# ## 7. The best low-rank approximation
#
# Keep only the first $k$ terms of the SVD sum:
#
# $$
# A_k = \sum_{i=1}^k \sigma_i\,\mathbf{u}_i\mathbf{v}_i^\top = U_k\Sigma_kV_k^\top
# \qquad (\text{in NumPy: } \texttt{(U[:, :k] * s[:k]) @ Vt[:k]}).
# $$
#
# $A_k$ has rank $k$ (if $\sigma_k > 0$) and is stored with $k(m + n + 1)$
# numbers — $k$ columns of $U$, $k$ rows of $V^\top$ and $k$ singular values —
# instead of $mn$.
#
# > **Eckart–Young theorem.** For every matrix $B$ of rank at most $k$,
# >
# > $$
# > \|A - B\|_F \ge \|A - A_k\|_F = \sqrt{\sigma_{k+1}^2 + \dots + \sigma_r^2},
# > \qquad
# > \|A - B\|_2 \ge \|A - A_k\|_2 = \sigma_{k+1} .
# > $$
#
# No rank-$k$ matrix is closer to $A$ than the truncated SVD, in either norm,
# and the error can be read off the discarded singular values. The fraction of
# the "energy" $\|A\|_F^2 = \sum_i\sigma_i^2$ that $A_k$ keeps is
#
# $$
# \frac{\|A_k\|_F^2}{\|A\|_F^2} = \frac{\sigma_1^2 + \dots + \sigma_k^2}{\sigma_1^2 + \dots + \sigma_r^2},
# \qquad
# \frac{\|A - A_k\|_F^2}{\|A\|_F^2} = 1 - \text{that fraction}.
# $$
#
# **A low-rank matrix hidden in noise.** Imagine a table of 60 users × 40 items
# whose entries come from 3 hidden "taste" factors, plus noise — the model
# behind recommender systems (chapter 09).

# %%
m_users, n_items, true_rank = 60, 40, 3
signal = rng.normal(size=(m_users, true_rank)) @ rng.normal(size=(true_rank, n_items))
R_obs = signal + 0.5 * rng.normal(size=(m_users, n_items))

U_R, s_R, Vt_R = np.linalg.svd(R_obs, full_matrices=False)
print("largest 6 singular values:", s_R[:6])

def truncate(U, s, Vt, k):
    """The rank-k truncated SVD U_k diag(s_k) V_k^T."""
    return (U[:, :k] * s[:k]) @ Vt[:k]

k = 3
R3 = truncate(U_R, s_R, Vt_R, k)
print("rank of R_3:", np.linalg.matrix_rank(R3))
print("||R - R_3||_F =", round(np.linalg.norm(R_obs - R3), 4),
      " sqrt(sum of discarded sigma^2) =", round(np.sqrt(np.sum(s_R[k:] ** 2)), 4))
print("||R - R_3||_2 =", round(np.linalg.norm(R_obs - R3, 2), 4), " sigma_4 =", round(s_R[3], 4))
print("energy kept by R_3:", round(np.sum(s_R[:3] ** 2) / np.sum(s_R**2), 4))
print("relative error against the noise-free signal: R_3", round(np.linalg.norm(R3 - signal) / np.linalg.norm(signal), 4),
      " R itself", round(np.linalg.norm(R_obs - signal) / np.linalg.norm(signal), 4))

# %% [markdown]
# Three singular values (about 58, 47 and 40) stand far above the rest, which
# come from the noise (at most 6.7), and $R_3$ keeps 93.2% of the energy. Both
# error formulas check out. The truncated SVD even **denoises**: $R_3$ is
# closer to the hidden noise-free signal (relative error 0.104) than the
# observed table is (0.291), because most of the noise lives in the 37
# discarded directions.
#
# **Figure 4** shows the relative error $\|R - R_k\|_F/\|R\|_F$ for every $k$:
# the formula (line) and a direct computation (dots) agree, with a sharp elbow
# at $k = 3$. For comparison, the crosses are another natural rank-$k$
# approximation — projecting $R$ onto the span of $k$ of its own columns,
# chosen at random. By Eckart–Young they can never beat the line.

# %%
ks = np.arange(0, 41)
rel_err_formula = np.sqrt([np.sum(s_R[k:] ** 2) for k in ks]) / np.linalg.norm(R_obs)
ks_check = np.r_[0, 1, 2, 3, 4:41:4]
rel_err_direct = [np.linalg.norm(R_obs - truncate(U_R, s_R, Vt_R, k)) / np.linalg.norm(R_obs) for k in ks_check]
rel_err_cols = []
for k in ks_check:
    cols = rng.choice(n_items, size=k, replace=False)
    Ck = R_obs[:, cols]
    approx = Ck @ np.linalg.lstsq(Ck, R_obs, rcond=None)[0] if k > 0 else np.zeros_like(R_obs)
    rel_err_cols.append(np.linalg.norm(R_obs - approx) / np.linalg.norm(R_obs))

fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(ks, rel_err_formula, "C0-", lw=2,
        label="truncated SVD: formula $\\sqrt{\\sum_{i>k}\\sigma_i^2}\\,/\\,\\|R\\|_F$")
ax.plot(ks_check, rel_err_direct, "C0o", label="truncated SVD: $\\|R - R_k\\|_F / \\|R\\|_F$ computed")
ax.plot(ks_check, rel_err_cols, "C3x", ms=8, mew=2, label="projection onto $k$ random columns of $R$")
ax.axvline(true_rank, color="grey", ls=":", lw=1)
ax.text(true_rank + 0.5, 0.8, "true rank 3", color="grey")
ax.set_xlabel("rank $k$")
ax.set_ylabel("relative error (Frobenius)")
ax.set_ylim(0, 1.02)
ax.set_title("Figure 4: error of the best rank-$k$ approximation (Eckart–Young)")
ax.legend()
plt.show()

# %% [markdown]
# **Why it matters in ML.** Low-rank structure is everywhere: user–item
# ratings (a few tastes explain most preferences), word–document counts
# (latent semantic analysis), images, and the weight matrices of trained
# networks. Compressing a weight matrix $W \in \mathbb{R}^{m\times n}$ to
# $U_k\Sigma_kV_k^\top$ replaces one layer by two thin ones with
# $k(m+n)$ instead of $mn$ parameters; **LoRA** fine-tunes large language
# models by learning only a low-rank *update* $W + BC$ with
# $B \in \mathbb{R}^{m\times k}$, $C \in \mathbb{R}^{k\times n}$ and
# $k \ll \min(m, n)$, leaving $W$ frozen.

# %% [markdown]
# ## 8. Compressing a photograph
#
# A grey-scale image is a matrix of brightness values. Matplotlib ships a
# $600\times 512$ photograph of Grace Hopper; we turn it into grey scale with
# the standard luminance weights $0.299R + 0.587G + 0.114B$ and scale it to
# $[0, 1]$.

# %%
rgb = plt.imread(matplotlib.cbook.get_sample_data("grace_hopper.jpg"))
print("image:", rgb.shape, rgb.dtype)
gray = rgb[..., :3].astype(float) @ np.array([0.299, 0.587, 0.114]) / 255.0
m_img, n_img = gray.shape
print("grey-scale matrix:", gray.shape, " values from", round(float(gray.min()), 3), "to", round(float(gray.max()), 3))

U_img, s_img, Vt_img = np.linalg.svd(gray, full_matrices=False)
energy = np.cumsum(s_img**2) / np.sum(s_img**2)
rel_err_img = np.sqrt(np.clip(1.0 - energy, 0.0, None))     # ||A - A_k||_F / ||A||_F for k = 1, 2, ...
print("number of singular values:", s_img.size)
print("sigma_1, sigma_10, sigma_100, sigma_512:", np.round(s_img[[0, 9, 99, 511]], 3))
for k in [1, 5, 20, 50, 100]:
    print(f"k = {k:3d}: energy kept {energy[k - 1]:.4f}, relative error {rel_err_img[k - 1]:.4f}")

# %% [markdown]
# The singular values fall from about 192 to below 0.01 (**Figure 5**, left;
# note the log scale). $\sigma_1$ is large because all pixel values are
# positive: $\sigma_1\mathbf{u}_1\mathbf{v}_1^\top$ mostly captures the average
# brightness, which is why one term already holds 73% of the energy. The
# relative error (right) falls quickly at first and then slowly: sharp edges
# and fine texture are spread over many small singular values.

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
axes[0].semilogy(np.arange(1, s_img.size + 1), s_img, "C0-")
axes[0].set_xlabel("index $i$")
axes[0].set_ylabel("$\\sigma_i$ (log scale)")
axes[0].set_title("singular values of the photo")
axes[1].plot(np.arange(1, s_img.size + 1), rel_err_img, "C3-")
for k in [5, 20, 50]:
    axes[1].plot(k, rel_err_img[k - 1], "ko")
    axes[1].annotate(f"k = {k}: {rel_err_img[k - 1]:.3f}", (k, rel_err_img[k - 1]),
                     xytext=(k + 25, rel_err_img[k - 1] + 0.05))
axes[1].set_xlabel("rank $k$")
axes[1].set_ylabel("$\\|A - A_k\\|_F \\,/\\, \\|A\\|_F$")
axes[1].set_ylim(0, 0.6)
axes[1].set_title("relative error of the rank-$k$ approximation")
fig.suptitle("Figure 5: singular values and low-rank error of the Grace Hopper photograph", fontsize=12)
plt.show()

# %% [markdown]
# **Figure 6** shows the approximations themselves. Storing $A_k$ takes
# $k(m + n + 1) = 1113\,k$ numbers instead of $mn = 307\,200$ (we count
# numbers, not bytes: the photo stores each pixel in one byte, the factors
# would need floating-point numbers).

# %%
fig, axes = plt.subplots(1, 4, figsize=(16, 5.6), layout="constrained")
for ax, k in zip(axes, [5, 20, 50, None]):
    if k is None:
        ax.imshow(gray, cmap="gray", vmin=0, vmax=1)
        ax.set_title(f"original, rank {np.linalg.matrix_rank(gray)}\n{m_img * n_img} numbers")
    else:
        Ak = truncate(U_img, s_img, Vt_img, k)
        storage = k * (m_img + n_img + 1)
        err = np.linalg.norm(gray - Ak) / np.linalg.norm(gray)
        ax.imshow(np.clip(Ak, 0, 1), cmap="gray", vmin=0, vmax=1)
        ax.set_title(f"rank {k}: {storage} numbers ({storage / (m_img * n_img):.1%})\n"
                     f"relative error {err:.3f}")
    ax.axis("off")
fig.suptitle("Figure 6: low-rank approximations of a 600 x 512 photograph", fontsize=12)
plt.show()

# %% [markdown]
# | rank $k$ | storage $1113\,k$ | share of $307\,200$ | relative error |
# |---:|---:|---:|---:|
# | 5 | 5 565 | 1.8% | 0.346 |
# | 20 | 22 260 | 7.2% | 0.192 |
# | 50 | 55 650 | 18.1% | 0.109 |
#
# At rank 5 only the coarse layout survives; at rank 20 the face is
# recognizable; at rank 50, with less than a fifth of the numbers, the picture
# is close to the original and mostly fine texture is missing. (JPEG
# compresses photos far better: it expresses 8 × 8 blocks in a fixed basis of
# cosine patterns and quantizes them with human vision in mind. The SVD is
# the best *rank-k* approximation in the least-squares sense, which is a
# different question — and the right one for data matrices.)

# %% [markdown]
# ### Try it: choose the rank
#
# The next cell shows one approximation $A_k$ at a time, next to the error
# curve of Figure 5 (red, left axis) and the storage $k(m + n + 1) = 1113\,k$
# as a share of the $mn = 307\,200$ pixels (blue dashed, right axis), with the
# current $k$ marked on both. The saved notebook shows $k = 20$; run the cell to get a
# slider for $k$. The SVD is computed once, above; each move of the slider only
# recombines its first $k$ terms. Things to try:
#
# * Find the smallest $k$ at which you would recognize the person, and the
#   smallest at which you can no longer tell $A_k$ from the original.
# * Compare the steps $k = 1 \to 2 \to 5$ with $k = 100 \to 150$: the error
#   falls fast at first, then slowly (the singular values of Figure 5).
# * Go past $k = 276$, where the dashed line crosses the dotted one: the
#   factors now hold more numbers than the photo itself
#   ($1113 \cdot 276 = 307\,188$ but $1113 \cdot 277 = 308\,301$). A
#   truncated SVD saves space only while $k(m + n + 1) < mn$.
# * At $k = 512$, full rank, the error is 0 up to rounding: the SVD is exact.

# %%
def rank_k_explorer(k0):
    """A slider for k; the rank-k approximation of the photo, its relative error and its storage."""
    total = m_img * n_img
    norm_gray = np.linalg.norm(gray)
    ks_all = np.arange(1, s_img.size + 1)
    slider = widgets.IntSlider(value=k0, min=1, max=s_img.size, description="rank k", continuous_update=False,
                               layout=widgets.Layout(width="520px"))
    info = widgets.HTML()
    fig, (ax_img, ax_err) = plt.subplots(1, 2, figsize=(11, 4.8), layout="constrained", width_ratios=[1, 1.3])
    plt.close(fig)   # shown once below, then redrawn in place: not again by the inline backend
    image = ax_img.imshow(gray, cmap="gray", vmin=0, vmax=1)
    ax_img.axis("off")
    ax_err.plot(ks_all, rel_err_img, "C3-")
    marker, = ax_err.plot([], [], "C3o", ms=8)
    ax_err.set_xlabel("rank $k$")
    ax_err.set_ylabel("relative error $\\|A - A_k\\|_F \\,/\\, \\|A\\|_F$", color="C3")
    ax_err.set_ylim(0, 0.6)
    ax_storage = ax_err.twinx()
    ax_storage.plot(ks_all, ks_all * (m_img + n_img + 1) / total, "C0--")
    ax_storage.axhline(1, color="C0", lw=0.8, ls=":")
    k_even = total // (m_img + n_img + 1)                    # the last k whose factors are smaller than the photo
    ax_storage.text(k_even + 10, 0.96, f"as many numbers as the photo\n(break-even: k = {k_even})",
                    color="C0", fontsize=9, va="top")
    storage_marker, = ax_storage.plot([], [], "C0o", ms=8)
    ax_storage.set_ylabel(f"storage, as a share of the photo's {total:,} numbers", color="C0")
    ax_storage.set_ylim(0, 2)
    ax_err.set_title("error (solid) and storage (dashed) against $k$")

    def update(change=None):
        k = slider.value
        Ak = truncate(U_img, s_img, Vt_img, k)
        storage = k * (m_img + n_img + 1)
        err = np.linalg.norm(gray - Ak) / norm_gray
        image.set_data(np.clip(Ak, 0, 1))
        marker.set_data([k], [err])
        storage_marker.set_data([k], [storage / total])
        ax_img.set_title(f"rank {k}: {storage:,} numbers ({storage / total:.1%} of the photo)\n"
                         f"relative error {err:.3f}")
        info.value = (f"<b>k = {k}</b>: storage k(m + n + 1) = {storage:,} numbers, "
                      f"<b>{storage / total:.1%}</b> of the {total:,} pixels; "
                      f"relative error <b>{err:.3f}</b>, energy kept {energy[k - 1]:.4f}")
        if change is not None:
            figure.update(fig)

    slider.observe(update, names="value")
    update()
    controls = widgets.VBox([slider, info])
    # the slider; without a running kernel, a line of text says what it is
    display({"application/vnd.jupyter.widget-view+json":
             {"model_id": controls.model_id, "version_major": 2, "version_minor": 0},
             "text/plain": "[a slider for k: run this cell to use it]"}, raw=True)
    figure = display(fig, display_id=True)   # a real image in the saved notebook, updated in place


rank_k_explorer(20)

# %% [markdown]
# ## 9. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | eigenpair | $A\mathbf{v} = \lambda\mathbf{v}$, roots of $\det(A - \lambda I)$; `np.linalg.eig` | dynamics, PageRank, stability |
# | diagonalization | $A = V\Lambda V^{-1}$, $A^k = V\Lambda^kV^{-1}$ | Markov chains, exploding/vanishing gradients |
# | spectral theorem | $S = Q\Lambda Q^\top$, real $\lambda$, orthonormal $Q$; `np.linalg.eigh` (ascending) | covariance, Hessians, kernels |
# | power iteration | $\mathbf{x} \leftarrow S\mathbf{x}/\lVert S\mathbf{x}\rVert$, rate $\lvert\lambda_2/\lambda_1\rvert$ | PageRank, spectral normalization |
# | SVD | $A = U\Sigma V^\top$, $A\mathbf{v}_i = \sigma_i\mathbf{u}_i$; `np.linalg.svd` returns `Vt` | everything below |
# | link to eigen | $\sigma_i^2 = \lambda_i(A^\top A)$; never form $A^\top A$ numerically | PCA via SVD |
# | norms | $\lVert A\rVert_2 = \sigma_1$, $\lVert A\rVert_F^2 = \sum\sigma_i^2$ | Lipschitz bounds, conditioning |
# | rank, subspaces | number of $\sigma_i >$ tol; bases from $U$ and $V$ | feature redundancy |
# | pseudo-inverse | $A^+ = V\Sigma^+U^\top$; `np.linalg.pinv` | minimum-norm least squares |
# | Eckart–Young | $A_k = U_k\Sigma_kV_k^\top$, error $\sqrt{\sum_{i>k}\sigma_i^2}$ | compression, denoising, LoRA |
#
# Practical lessons: use `eigh` for symmetric matrices and remember its
# ascending order; remember that `np.linalg.svd` returns $V^\top$; eigenvectors
# and singular vectors are defined only up to sign (and up to a rotation
# inside a repeated eigen- or singular value), so compare subspaces or
# residuals, never raw vectors; treat singular values below a tolerance as
# zero; and compute singular values from $A$, not from $A^\top A$.
#
# ## What's next
#
# **Chapter 07 — Quadratic forms, positive definiteness and gradients** uses
# the spectral theorem to read a quadratic form $\mathbf{x}^\top S\mathbf{x}$
# from its eigenvalues, and explains why gradient descent is as slow as the
# condition number says. **Chapter 08 — PCA** then puts this chapter to work
# on data: center the data matrix, take its SVD, and the right singular vectors
# are the principal directions, the $\sigma_i^2/(n-1)$ the variances along
# them, and the truncated SVD the best $k$-dimensional summary of the data.
