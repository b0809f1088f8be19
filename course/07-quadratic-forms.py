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
# # Chapter 07 — Quadratic forms, positive definiteness and gradients
#
# Almost every loss function of machine learning looks, near its minimum,
# like a bowl: a **quadratic form**. Least squares *is* one, exactly; a
# neural network's loss is one to second order around any point (its Taylor
# expansion, with the Hessian as the matrix). The shape of the bowl — round,
# or a long narrow valley, or a saddle — is read off the eigenvalues of a
# symmetric matrix (chapter 06), and it decides how fast gradient descent
# can go. This chapter puts the pieces together:
#
# 1. quadratic forms $\mathbf{x}^\top A\mathbf{x}$ and their symmetric part;
# 2. level sets: ellipses whose axes are the eigenvectors; definite, semidefinite, indefinite;
# 3. positive definiteness: four equivalent tests, and the Cholesky factorization by hand;
# 4. gradients, Hessians and Jacobians of the functions that make up losses;
# 5. backpropagation through a two-layer linear network, checked by finite differences;
# 6. gradient descent on a quadratic: the step size, the rate $(\kappa-1)/(\kappa+1)$, zig-zags;
# 7. momentum: the rate $(\sqrt\kappa-1)/(\sqrt\kappa+1)$;
# 8. an interactive figure: choose the step and the condition number, watch the path.
#
# **What we use from earlier chapters.** Elimination, pivots and the
# condition number (chapter 03), least squares and $\kappa(X^\top X) =
# \kappa(X)^2$ (chapters 03 and 04), leading principal minors (chapter 05), and the
# spectral theorem $S = Q\Lambda Q^\top$ for a symmetric $S$, with real
# eigenvalues and orthonormal eigenvectors (chapter 06). Vectors are columns;
# $\lambda_{\min}$ and $\lambda_{\max}$ are the smallest and largest
# eigenvalue of a symmetric matrix, and $\kappa = \lambda_{\max}/\lambda_{\min}$
# its condition number when it is positive definite.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import sympy as sp
from IPython.display import display

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Quadratic forms
#
# A **quadratic form** in $\mathbf{x} \in \mathbb{R}^n$ is
#
# $$
# q(\mathbf{x}) = \mathbf{x}^\top A\mathbf{x} = \sum_{i=1}^n\sum_{j=1}^n a_{ij}x_ix_j ,
# $$
#
# a sum of terms of degree exactly two. In two variables,
# $\mathbf{x}^\top A\mathbf{x} = a_{11}x_1^2 + (a_{12} + a_{21})x_1x_2 + a_{22}x_2^2$:
# only the **sum** $a_{12} + a_{21}$ matters, not the two entries separately.
# In general $\mathbf{x}^\top A\mathbf{x}$ is a number, equal to its own
# transpose $\mathbf{x}^\top A^\top\mathbf{x}$, so
#
# $$
# \mathbf{x}^\top A\mathbf{x} = \mathbf{x}^\top S\mathbf{x},
# \qquad S = \tfrac12(A + A^\top) \quad\text{(the symmetric part of } A\text{)}.
# $$
#
# The antisymmetric part $\tfrac12(A - A^\top)$ contributes nothing. From now
# on the matrix of a quadratic form is taken **symmetric**, which is what
# lets the spectral theorem of chapter 06 apply.

# %%
x1, x2 = sp.symbols("x1 x2", real=True)
xv = sp.Matrix([x1, x2])
A_ns = sp.Matrix([[2, 3], [1, 4]])           # not symmetric
S_part = (A_ns + A_ns.T) / 2
print("x^T A x =", sp.expand((xv.T * A_ns * xv)[0]))
print("symmetric part S =", S_part.tolist())
print("x^T S x - x^T A x =", sp.expand((xv.T * S_part * xv)[0] - (xv.T * A_ns * xv)[0]))

# %% [markdown]
# **Why it matters in ML.** Quadratic forms are everywhere once you look:
#
# * the least-squares loss
#   $\|X\mathbf{w} - \mathbf{y}\|^2 = \mathbf{w}^\top X^\top X\mathbf{w} - 2\mathbf{y}^\top X\mathbf{w} + \mathbf{y}^\top\mathbf{y}$
#   is a quadratic form in $\mathbf{w}$ plus a linear term and a constant;
# * the **ridge** penalty $\lambda\|\mathbf{w}\|^2 = \lambda\,\mathbf{w}^\top I\mathbf{w}$, and the
#   **Mahalanobis distance** $(\mathbf{x} - \boldsymbol\mu)^\top\Sigma^{-1}(\mathbf{x} - \boldsymbol\mu)$ in
#   the exponent of a Gaussian (chapter 05's likelihood);
# * the variance of a projection of the data, $\mathbf{w}^\top C\mathbf{w}$, with $C$ the covariance
#   matrix (chapter 06): PCA maximizes this quadratic form over unit vectors $\mathbf{w}$;
# * any smooth loss near a point $\mathbf{w}_0$:
#   $L(\mathbf{w}_0 + \mathbf{h}) \approx L(\mathbf{w}_0) + \nabla L^\top\mathbf{h} + \tfrac12\mathbf{h}^\top H\mathbf{h}$,
#   with the Hessian $H$ (Section 4) as the matrix of the form.
#
# ## 2. Level sets, eigenvectors and the shape of the bowl
#
# Write the symmetric $S = Q\Lambda Q^\top$ (chapter 06) and change to the
# coordinates $\mathbf{z} = Q^\top\mathbf{x}$ of the orthonormal eigenvectors.
# The cross terms disappear:
#
# $$
# \mathbf{x}^\top S\mathbf{x} = \mathbf{z}^\top\Lambda\mathbf{z} = \lambda_1 z_1^2 + \lambda_2 z_2^2 + \dots + \lambda_n z_n^2 .
# $$
#
# The signs of the eigenvalues decide everything:
#
# | eigenvalues | the form is | $\mathbf{x}^\top S\mathbf{x}$ | picture in 2-D |
# |---|---|---|---|
# | all $> 0$ | **positive definite** (PD) | $> 0$ for every $\mathbf{x} \ne \mathbf{0}$ | a bowl; level sets are ellipses |
# | all $\ge 0$, some $= 0$ | **positive semidefinite** (PSD) | $\ge 0$, $= 0$ along the null space | a flat-bottomed valley; level sets are pairs of lines |
# | some $> 0$, some $< 0$ | **indefinite** | both signs | a saddle; level sets are hyperbolas |
# | all $< 0$ (all $\le 0$) | negative (semi)definite | $-S$ is PD (PSD) | an upside-down bowl |
#
# For a PD matrix the level set $\mathbf{x}^\top S\mathbf{x} = 1$ is
# $\sum_i\lambda_iz_i^2 = 1$, an **ellipse** (an ellipsoid in $n$ dimensions)
# whose **axes point along the eigenvectors** $\mathbf{q}_i$ and whose
# semi-axis along $\mathbf{q}_i$ has **length $1/\sqrt{\lambda_i}$**: a large
# eigenvalue means a steep direction and a short axis. The ratio of the longest
# to the shortest axis is $\sqrt{\lambda_{\max}/\lambda_{\min}} = \sqrt\kappa$.
#
# Example: $S = \begin{pmatrix} 5 & 2 \\ 2 & 2\end{pmatrix}$.

# %%
S_pd = np.array([[5.0, 2.0], [2.0, 2.0]])
lam_pd, Q_pd = np.linalg.eigh(S_pd)                # ascending eigenvalues, orthonormal eigenvectors
print("eigenvalues:", lam_pd, "  semi-axes 1/sqrt(lambda):", 1 / np.sqrt(lam_pd))
print("S (1, -2) =", S_pd @ np.array([1.0, -2.0]), "  S (2, 1) =", S_pd @ np.array([2.0, 1.0]))
for lam_i, q_i in zip(lam_pd, Q_pd.T):
    tip = q_i / np.sqrt(lam_i)                     # the end of the semi-axis along q_i
    print(f"on the level set x^T S x = 1: {np.isclose(tip @ S_pd @ tip, 1.0)}")

# %% [markdown]
# The eigenvalues are 1 and 6, with eigenvectors along $(1, -2)$ and $(2, 1)$
# (check: $S(1, -2) = (1, -2)$ and $S(2, 1) = (12, 6) = 6\,(2, 1)$). The
# ellipse $\mathbf{x}^\top S\mathbf{x} = 1$ reaches distance 1 along
# $(1, -2)$ and only $1/\sqrt6 \approx 0.408$ along $(2, 1)$. **Figure 1**
# draws it next to a semidefinite and an indefinite form.

# %%
def draw_form(ax, S, title, levels):
    """Contours of x^T S x on [-2, 2]^2, with the eigenvectors scaled by 1/sqrt(|lambda|)."""
    g = np.linspace(-2, 2, 201)
    G1, G2 = np.meshgrid(g, g)
    values = S[0, 0] * G1**2 + 2 * S[0, 1] * G1 * G2 + S[1, 1] * G2**2
    cs = ax.contour(G1, G2, values, levels=levels, cmap="coolwarm")
    ax.clabel(cs, fontsize=7)
    lam, Q = np.linalg.eigh(S)
    for lam_i, q_i, color in zip(lam, Q.T, ["C2", "C4"]):
        length = 1 / np.sqrt(abs(lam_i)) if abs(lam_i) > 1e-12 else 1.8
        ax.annotate("", xy=length * q_i, xytext=(0, 0),
                    arrowprops=dict(arrowstyle="->", color=color, lw=2))
        ax.text(*((1.1 * length + 0.15) * q_i), f"$\\lambda = {int(round(lam_i))}$", color=color, fontsize=9, zorder=10,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
    ax.set_aspect("equal")
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("$x_1$")


fig, axes = plt.subplots(1, 3, figsize=(13, 4.5), layout="constrained")
draw_form(axes[0], S_pd, "positive definite: ellipses", [1, 2, 4, 8])
draw_form(axes[1], np.array([[1.0, 1.0], [1.0, 1.0]]), "positive semidefinite: a flat valley", [0.25, 1, 2, 4])
draw_form(axes[2], np.array([[1.0, 2.0], [2.0, 1.0]]), "indefinite: a saddle", [-3, -1, -0.25, 0.25, 1, 3])
axes[0].set_ylabel("$x_2$")
fig.suptitle("Figure 1: level sets of $\\mathbf{x}^\\top S\\mathbf{x}$; arrows: eigenvectors, "
             "of length $1/\\sqrt{|\\lambda|}$ (the semi-axes of the level set 1)")
plt.show()

# %% [markdown]
# * **Left**, $S = \begin{pmatrix}5 & 2\\2 & 2\end{pmatrix}$, eigenvalues 6 and 1: nested ellipses, the
#   long axis along the eigenvector of the *small* eigenvalue.
# * **Middle**, $\begin{pmatrix}1 & 1\\1 & 1\end{pmatrix} = \mathbf{u}\mathbf{u}^\top$ with
#   $\mathbf{u} = (1, 1)$, eigenvalues 2 and 0: $\mathbf{x}^\top S\mathbf{x} = (x_1 + x_2)^2$ is 0 on the
#   whole line $x_1 + x_2 = 0$ (the null space): a valley with a flat floor, no unique minimum.
# * **Right**, $\begin{pmatrix}1 & 2\\2 & 1\end{pmatrix}$, eigenvalues 3 and $-1$: positive along
#   $(1, 1)$, negative along $(1, -1)$: a **saddle**. The level set 0 is the pair of lines where the
#   two cancel.
#
# **Why it matters in ML.** A loss whose Hessian at a stationary point is PD
# has a strict local minimum there; PSD with a zero eigenvalue means a flat
# direction (a redundant feature, a symmetry of the model: infinitely many
# equally good weights); indefinite means a **saddle point**, where the
# gradient vanishes but the point is not a minimum. In high-dimensional
# neural-network losses, stationary points are overwhelmingly saddles, and
# the narrow elliptic valleys of the left panel (one large eigenvalue, one
# small) are what slow gradient descent down (Section 6).
#
# ## 3. Positive definiteness: four equivalent tests
#
# For a **symmetric** $S \in \mathbb{R}^{n\times n}$ the following are
# equivalent, and each is "$S$ is positive definite":
#
# 1. $\mathbf{x}^\top S\mathbf{x} > 0$ for every $\mathbf{x} \ne \mathbf{0}$ (the definition);
# 2. all **eigenvalues** are $> 0$ (Section 2);
# 3. all **pivots** of elimination without row exchanges are $> 0$ (chapter 03);
# 4. the **Cholesky factorization** $S = LL^\top$ exists, $L$ lower triangular with positive diagonal;
# 5. all **leading principal minors** $\det S_{1:k,1:k}$ are $> 0$ (Sylvester's criterion, chapter 05).
#
# Why they agree, in one paragraph. Elimination without row exchanges writes
# $S = LDL^\top$ (the LU factorization of chapter 03, made symmetric: $U =
# DL^\top$), with the pivots on the diagonal of $D$. With $\mathbf{y} =
# L^\top\mathbf{x}$ — an invertible change of variables —
# $\mathbf{x}^\top S\mathbf{x} = \mathbf{y}^\top D\mathbf{y} = \sum_i d_iy_i^2$, positive for all
# $\mathbf{y} \ne \mathbf{0}$ exactly when every pivot $d_i > 0$ (3 ⇔ 1). Then
# $L\sqrt D$ is the Cholesky factor (3 ⇒ 4), and $S = LL^\top$ gives
# $\mathbf{x}^\top S\mathbf{x} = \|L^\top\mathbf{x}\|^2 > 0$ (4 ⇒ 1). The
# $k$-th leading minor is the product of the first $k$ pivots, since the
# top-left block of $LDL^\top$ is $L_kD_kL_k^\top$ with $\det L_k = 1$
# (3 ⇔ 5). And 2 ⇔ 1 is Section 2.
#
# **Cholesky by hand.** Comparing entries in $S = LL^\top$ column by column gives the algorithm: for
# $j = 1, \dots, n$,
#
# $$
# \ell_{jj} = \sqrt{s_{jj} - \textstyle\sum_{k<j}\ell_{jk}^2},
# \qquad
# \ell_{ij} = \Big(s_{ij} - \textstyle\sum_{k<j}\ell_{ik}\ell_{jk}\Big)\big/\ell_{jj} \quad (i > j).
# $$
#
# The quantity under the square root is the $j$-th pivot: if it is not positive, $S$ is **not**
# positive definite, and the algorithm has proved it. Exactly, with SymPy:

# %%
def cholesky_by_hand(S):
    """Lower-triangular L with S = L L^T, by the column formulas; raises ValueError if a pivot is <= 0."""
    n = S.rows
    L = sp.zeros(n, n)
    for j in range(n):
        pivot = S[j, j] - sum(L[j, k] ** 2 for k in range(j))
        if pivot <= 0:
            raise ValueError(f"pivot {j + 1} is {pivot}: not positive definite")
        L[j, j] = sp.sqrt(pivot)
        for i in range(j + 1, n):
            L[i, j] = (S[i, j] - sum(L[i, k] * L[j, k] for k in range(j))) / L[j, j]
    return L


S3 = sp.Matrix([[4, 2, -2], [2, 10, 2], [-2, 2, 6]])
L3 = cholesky_by_hand(S3)
print("L =", L3.tolist(), "  L L^T == S:", L3 * L3.T == S3)
print("pivots (diagonal of L, squared):", [L3[i, i] ** 2 for i in range(3)])
print("leading principal minors:", [S3[:k, :k].det() for k in (1, 2, 3)])
print("eigenvalues > 0:", bool(np.all(np.linalg.eigvalsh(np.array(S3, dtype=float)) > 0)))

# %% [markdown]
# All four tests agree: $L$ has the positive diagonal $2, 3, 2$, so the
# pivots are $4, 9, 4$; the leading minors are $4$, $36 = 4\cdot 9$ and
# $144 = 4\cdot 9\cdot 4$ (each the product of the pivots so far); the
# eigenvalues are positive. Lower the last diagonal entry from 6 to 1 and the
# third pivot becomes $1 - ((-1)^2 + 1^2) = -1$:

# %%
S3_bad = S3.copy()
S3_bad[2, 2] = 1
try:
    cholesky_by_hand(S3_bad)
except ValueError as err:
    print("by hand:", err)
try:
    np.linalg.cholesky(np.array(S3_bad, dtype=float))
except np.linalg.LinAlgError as err:
    print("np.linalg.cholesky:", err)
print("leading principal minors:", [S3_bad[:k, :k].det() for k in (1, 2, 3)])

# %% [markdown]
# In floating point, **trying `np.linalg.cholesky`** is the standard and
# cheapest test for positive definiteness ($n^3/3$ flops, half of LU, and it
# stops at the first bad pivot); the eigenvalues cost several times more. The
# minors are a pencil-and-paper test: many determinants, and numerically the
# worst of the four.
#
# The failed pivot even says *where* the form is negative: take $x_3 = 1$
# and choose $x_1, x_2$ so that the first two entries of $S\mathbf{x}$
# vanish; then $\mathbf{x}^\top S\mathbf{x} = (S\mathbf{x})_3$, which is
# exactly the third pivot, $-1$:

# %%
x_neg = S3_bad[:2, :2].LUsolve(-S3_bad[:2, 2]).col_join(sp.Matrix([1]))
print("x =", list(x_neg), "  x^T S x =", (x_neg.T * S3_bad * x_neg)[0])

# %% [markdown]
# **Semidefinite** is the same with $\ge$: eigenvalues $\ge 0$, pivots
# $\ge 0$. (Sylvester's criterion does *not* carry over with $\ge$ for the
# leading minors alone: $\begin{pmatrix}0 & 0\\0 & -1\end{pmatrix}$ has
# leading minors $0$ and $0$ but is not PSD; all principal minors, not only
# the leading ones, must be $\ge 0$.) In floating point, "PSD" always means
# "smallest eigenvalue $\ge -$ a tolerance".
#
# ### The PSD matrices of machine learning
#
# * **Gram matrices** $X^\top X$: $\mathbf{w}^\top X^\top X\mathbf{w} = \|X\mathbf{w}\|^2 \ge 0$, so
#   $X^\top X$ is always PSD, and PD exactly when the columns of $X$ are independent
#   ($X\mathbf{w} = \mathbf{0}$ only for $\mathbf{w} = \mathbf{0}$). Adding a ridge,
#   $X^\top X + \lambda I$ with $\lambda > 0$, shifts every eigenvalue up by $\lambda$: always PD.
# * **Covariance matrices** $C = X_c^\top X_c/(n-1)$ are Gram matrices of centred data:
#   $\mathbf{w}^\top C\mathbf{w}$ is the variance of the projection $X_c\mathbf{w}$, never negative.
# * **Kernel matrices** $K_{ij} = k(\mathbf{x}_i, \mathbf{x}_j)$ of a valid kernel (Gaussian, polynomial,
#   linear) are PSD for every choice of points: a kernel is an inner product
#   $\boldsymbol\phi(\mathbf{x}_i)^\top\boldsymbol\phi(\mathbf{x}_j)$ of (possibly infinite-dimensional)
#   features, so $K$ is a Gram matrix. That is what makes kernel ridge regression and Gaussian
#   processes well posed; in practice a small "jitter" $10^{-8}I$ is added before the Cholesky
#   factorization, because rounding can push the tiniest eigenvalues slightly below zero.

# %%
pts = rng.normal(size=(40, 2))
X_gram = rng.normal(size=(30, 4))
sq_dist = np.sum((pts[:, None, :] - pts[None, :, :]) ** 2, axis=-1)
K = np.exp(-sq_dist / 2)                                  # Gaussian kernel matrix, 40 x 40
C = np.cov(X_gram, rowvar=False)                          # covariance of 4 features
for name, M in [("X^T X", X_gram.T @ X_gram), ("covariance", C), ("Gaussian kernel", K)]:
    lam_min = np.linalg.eigvalsh(M)[0]
    print(f"{name:16s} symmetric: {np.allclose(M, M.T)}   smallest eigenvalue >= -1e-12 * largest:",
          bool(lam_min >= -1e-12 * np.linalg.eigvalsh(M)[-1]))
L_K = np.linalg.cholesky(K + 1e-8 * np.eye(40))           # with jitter: a Cholesky factor exists
print("K + 1e-8 I = L L^T:", np.allclose(L_K @ L_K.T, K + 1e-8 * np.eye(40)))

# %% [markdown]
# A symmetric matrix with entries that "look like" correlations need not be
# PSD (chapter 05's $3\times3$ example with neighbour correlation $0.8$):
# when a model or a hand-tuned matrix has to be a covariance, test it.
#
# ## 4. Gradients, Hessians and Jacobians
#
# For $f : \mathbb{R}^n \to \mathbb{R}$ the **gradient** $\nabla f(\mathbf{x})$ is the vector of partial
# derivatives $\partial f/\partial x_i$, and the **Hessian** $\nabla^2 f(\mathbf{x})$ the symmetric matrix of
# second derivatives $\partial^2 f/\partial x_i\partial x_j$. They are the linear and quadratic terms of the
# Taylor expansion,
#
# $$
# f(\mathbf{x} + \mathbf{h}) = f(\mathbf{x}) + \nabla f(\mathbf{x})^\top\mathbf{h} + \tfrac12\mathbf{h}^\top\nabla^2 f(\mathbf{x})\,\mathbf{h} + \dots
# $$
#
# and the cleanest way to find them is to expand $f(\mathbf{x} + \mathbf{h})$
# and read off the term linear in $\mathbf{h}$. Three results cover most of
# this course:
#
# | $f(\mathbf{x})$ | $\nabla f$ | $\nabla^2 f$ |
# |---|---|---|
# | $\mathbf{a}^\top\mathbf{x}$ | $\mathbf{a}$ | $0$ |
# | $\mathbf{x}^\top A\mathbf{x}$ | $(A + A^\top)\mathbf{x}$, which is $2A\mathbf{x}$ for symmetric $A$ | $A + A^\top$ |
# | $\|X\mathbf{w} - \mathbf{y}\|^2$ (in $\mathbf{w}$) | $2X^\top(X\mathbf{w} - \mathbf{y})$ | $2X^\top X$ |
#
# For the middle one: $(\mathbf{x} + \mathbf{h})^\top A(\mathbf{x} + \mathbf{h}) =
# \mathbf{x}^\top A\mathbf{x} + \mathbf{h}^\top A\mathbf{x} + \mathbf{x}^\top A\mathbf{h} + \mathbf{h}^\top A\mathbf{h}$,
# and $\mathbf{x}^\top A\mathbf{h} = \mathbf{h}^\top A^\top\mathbf{x}$, so the linear term is
# $\mathbf{h}^\top(A + A^\top)\mathbf{x}$. The third follows from the first two by expanding
# $\|X\mathbf{w} - \mathbf{y}\|^2 = \mathbf{w}^\top(X^\top X)\mathbf{w} - 2(X^\top\mathbf{y})^\top\mathbf{w} + \mathbf{y}^\top\mathbf{y}$.
# (Forgetting the factor 2 — or, for a non-symmetric $A$, writing $2A\mathbf{x}$ — are the two classic
# slips.) SymPy confirms the middle row for a general, non-symmetric $2\times2$ matrix, for all
# values of its entries:

# %%
a11, a12, a21, a22 = sp.symbols("a11 a12 a21 a22", real=True)
A_sym = sp.Matrix([[a11, a12], [a21, a22]])
f_sym = (xv.T * A_sym * xv)[0]
grad_sym = sp.Matrix([sp.diff(f_sym, v) for v in (x1, x2)])
print("gradient - (A + A^T) x = 0:", sp.simplify(grad_sym - (A_sym + A_sym.T) * xv) == sp.zeros(2, 1))
print("Hessian == A + A^T:", sp.hessian(f_sym, (x1, x2)) == A_sym + A_sym.T)
print("gradient - 2 A x = 0:", sp.simplify(grad_sym - 2 * A_sym * xv) == sp.zeros(2, 1))

# %% [markdown]
# The last line is `False`: $2A\mathbf{x}$ is right only when $A$ is symmetric.
#
# **Checking a gradient numerically.** A formula (or code) for a gradient is
# checked against **central finite differences**,
# $\partial f/\partial x_i \approx (f(\mathbf{x} + h\mathbf{e}_i) - f(\mathbf{x} - h\mathbf{e}_i))/(2h)$,
# whose error is $O(h^2)$ plus a rounding error of order $\varepsilon|f|/h$;
# $h \approx 10^{-5}$ to $10^{-6}$ balances the two, and a relative
# agreement of $10^{-6}$ or better means the formula is right. A wrong
# formula is typically off by a factor 2, a transpose or a sign — far more
# than that.

# %%
def numerical_gradient(f, x, h=1e-6):
    """Central differences, one coordinate at a time (x may be a vector or a matrix)."""
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def relative_difference(g1, g2):
    return np.linalg.norm(g1 - g2) / np.linalg.norm(g1 + g2)


X_ls = rng.normal(size=(20, 3))
y_ls = rng.normal(size=20)
w0 = rng.normal(size=3)
loss_ls = lambda w: np.sum((X_ls @ w - y_ls) ** 2)
g_formula = 2 * X_ls.T @ (X_ls @ w0 - y_ls)
g_numeric = numerical_gradient(loss_ls, w0)
print("2 X^T (Xw - y) matches finite differences (rel. diff. < 1e-6):", relative_difference(g_formula, g_numeric) < 1e-6)
print("X^T (Xw - y), without the 2, matches:", relative_difference(g_formula / 2, g_numeric) < 1e-6)

# %% [markdown]
# **Jacobians.** For a vector-valued $\mathbf{g} : \mathbb{R}^n \to \mathbb{R}^m$, the **Jacobian**
# $J_{\mathbf{g}}(\mathbf{x})$ is the $m\times n$ matrix of partial derivatives $\partial g_i/\partial x_j$:
# the best linear approximation, $\mathbf{g}(\mathbf{x} + \mathbf{h}) \approx \mathbf{g}(\mathbf{x}) + J\mathbf{h}$.
# A linear map $\mathbf{g}(\mathbf{x}) = W\mathbf{x}$ is its own Jacobian, $J = W$. The **chain rule**
# multiplies Jacobians, $J_{f\circ\mathbf{g}} = J_f\,J_{\mathbf{g}}$, and for a scalar $f$ the Jacobian
# is the row $\nabla f^\top$, so
#
# $$
# \nabla(f\circ\mathbf{g})(\mathbf{x}) = J_{\mathbf{g}}(\mathbf{x})^\top\,\nabla f(\mathbf{g}(\mathbf{x})) .
# $$
#
# The transpose of the Jacobian carries gradients **backwards**: this is all of backpropagation.
# (The third row of the table is the case $\mathbf{g}(\mathbf{w}) = X\mathbf{w} - \mathbf{y}$,
# $J = X$, $f = \|\cdot\|^2$, $\nabla f = 2\mathbf{r}$.) And the Hessian is the Jacobian of the gradient.
#
# **Why it matters in ML.** Every training step needs $\nabla L$; a wrong gradient does not crash, it
# just trains badly, so gradient checks by finite differences are standard practice when writing a new
# layer. The Hessian decides the step size (Section 6), and its definiteness tells a minimum from a
# saddle. Least squares is **convex** because its Hessian $2X^\top X$ is PSD everywhere.
#
# ## 5. Backpropagation through a two-layer linear network
#
# A two-layer linear network $f(\mathbf{x}) = W_2W_1\mathbf{x}$, with $W_1 \in \mathbb{R}^{h\times d}$ and
# $W_2 \in \mathbb{R}^{k\times h}$, applied to $n$ samples stored as the **rows** of $X \in \mathbb{R}^{n\times d}$
# with targets the rows of $Y \in \mathbb{R}^{n\times k}$, and the squared loss summed over samples:
#
# $$
# H = XW_1^\top \ (n\times h), \qquad P = HW_2^\top \ (n\times k), \qquad R = P - Y, \qquad L = \|R\|_F^2 = \sum_{i,j}r_{ij}^2 .
# $$
#
# For matrices, the gradient $\partial L/\partial W$ is the matrix of the same shape as $W$ with entries
# $\partial L/\partial w_{ij}$, and $dL = \langle \partial L/\partial W, dW\rangle$ with
# $\langle A, B\rangle = \sum_{ij}a_{ij}b_{ij} = \operatorname{tr}(A^\top B)$. Follow a small change back
# through the layers:
#
# * $dL = 2\langle R, dP\rangle$, so $\partial L/\partial P = 2R$;
# * $dP = dH\,W_2^\top + H\,dW_2^\top$, and $\langle 2R, H\,dW_2^\top\rangle = \langle 2R^\top H, dW_2\rangle$:
#   $\boxed{\partial L/\partial W_2 = 2R^\top H}$ $(k\times h)$;
# * $\langle 2R, dH\,W_2^\top\rangle = \langle 2RW_2, dH\rangle$: the gradient reaching the hidden layer is
#   $\partial L/\partial H = 2RW_2$ (the transposed Jacobian of $H \mapsto HW_2^\top$ at work);
# * $dH = X\,dW_1^\top$, so $\boxed{\partial L/\partial W_1 = (2RW_2)^\top X = 2W_2^\top R^\top X}$ $(h\times d)$.
#
# Checking the shapes catches most mistakes (a $k\times h$ gradient for a $k\times h$ weight), but not all:
# when $h = k$ a missing transpose still has the right shape. The finite-difference check catches it:

# %%
def linear_net_grads(W1, W2, X, Y):
    """Loss ||X W1^T W2^T - Y||_F^2 and its gradients with respect to W1 and W2 (backpropagation)."""
    H = X @ W1.T                 # forward: hidden layer
    R = H @ W2.T - Y             # forward: residuals
    G_H = 2 * R @ W2             # backward: dL/dH
    return np.sum(R**2), G_H.T @ X, 2 * R.T @ H


n_s, d_in, h_hid, k_out = 50, 4, 3, 3
X_net = rng.normal(size=(n_s, d_in))
Y_net = rng.normal(size=(n_s, k_out))
W1 = rng.normal(size=(h_hid, d_in))
W2 = rng.normal(size=(k_out, h_hid))
L0, dW1, dW2 = linear_net_grads(W1, W2, X_net, Y_net)
num_dW1 = numerical_gradient(lambda W: linear_net_grads(W, W2, X_net, Y_net)[0], W1)
num_dW2 = numerical_gradient(lambda W: linear_net_grads(W1, W, X_net, Y_net)[0], W2)
print("shapes:", dW1.shape, dW2.shape)
print("dL/dW1 and dL/dW2 match finite differences:",
      relative_difference(dW1, num_dW1) < 1e-6, relative_difference(dW2, num_dW2) < 1e-6)
R_net = X_net @ W1.T @ W2.T - Y_net
wrong_dW1 = (2 * R_net @ W2.T).T @ X_net      # a transpose too many: still h x d because h = k
print("with W2.T instead of W2 in dL/dH (same shape, h = k):", wrong_dW1.shape,
      " matches:", relative_difference(wrong_dW1, num_dW1) < 1e-6)

# %% [markdown]
# Backpropagation costs about as much as the forward pass (a few matrix
# products of the same sizes), whatever the number of weights, while finite
# differences need two forward passes **per weight**: that is why networks
# are trained with the first and checked with the second.
#
# **Why it matters in ML.** Deep *linear* networks are the simplest model in which to study training:
# their loss is not convex in $(W_1, W_2)$ (swap $W_1 \to MW_1$, $W_2 \to W_2M^{-1}$ and nothing
# changes, so there are valleys of equally good weights and saddle points at $W_1 = W_2 = 0$), yet every
# local minimum is global. The gradients above, with an activation's derivative inserted between the
# layers, are exactly what PyTorch's autograd computes for a two-layer perceptron.
#
# ## 6. Gradient descent on a quadratic
#
# Take the model problem: $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}^\top\mathbf{x}$ with
# $A$ symmetric positive definite. Its gradient is $A\mathbf{x} - \mathbf{b}$, its Hessian is $A$, and
# its minimizer solves $A\mathbf{x}^* = \mathbf{b}$. (Least squares is this problem with
# $A = X^\top X$, $\mathbf{b} = X^\top\mathbf{y}$, for $\tfrac12\|X\mathbf{w} - \mathbf{y}\|^2$.) Gradient
# descent with a fixed step $\eta$,
#
# $$
# \mathbf{x}_{k+1} = \mathbf{x}_k - \eta(A\mathbf{x}_k - \mathbf{b}),
# \qquad\text{so}\qquad
# \mathbf{e}_{k+1} = (I - \eta A)\,\mathbf{e}_k \quad\text{for the error } \mathbf{e}_k = \mathbf{x}_k - \mathbf{x}^*,
# $$
#
# is a **linear** iteration, and in the eigenvector coordinates it splits into $n$ independent scalar
# ones: the component along $\mathbf{q}_i$ is multiplied by $1 - \eta\lambda_i$ at every step. Hence:
#
# * **Stability**: GD converges from every start if and only if $|1 - \eta\lambda_i| < 1$ for all $i$,
#   that is $0 < \eta < 2/\lambda_{\max}$. Past $2/\lambda_{\max}$ the steepest component grows like
#   $|1 - \eta\lambda_{\max}|^k$: **divergence**. The largest stable step is set by the *largest*
#   eigenvalue — the steepest direction.
# * **Zig-zag**: for $1/\lambda_{\max} < \eta < 2/\lambda_{\max}$, the factor $1 - \eta\lambda_{\max}$ is
#   negative: the steep component overshoots and changes sign at every step while the flat ones creep.
# * **Rate**: the error shrinks at worst like $\rho(\eta)^k$ with
#   $\rho(\eta) = \max(|1 - \eta\lambda_{\min}|, |1 - \eta\lambda_{\max}|)$. The best fixed step balances
#   the two ends, $1 - \eta\lambda_{\min} = -(1 - \eta\lambda_{\max})$:
#
# $$
# \eta^* = \frac{2}{\lambda_{\min} + \lambda_{\max}},
# \qquad
# \rho^* = \frac{\lambda_{\max} - \lambda_{\min}}{\lambda_{\max} + \lambda_{\min}} = \frac{\kappa - 1}{\kappa + 1} .
# $$
#
# To shrink the error by a factor $\text{tol}$ takes
# $k = \lceil\ln(1/\text{tol})/\ln(1/\rho^*)\rceil \approx \tfrac{\kappa}{2}\ln(1/\text{tol})$ steps (since
# $\ln\frac{\kappa+1}{\kappa-1} \approx 2/\kappa$ for large $\kappa$): **the number of iterations grows
# linearly with the condition number.**

# %%
def gd_steps_needed(kappa, tol):
    """Worst-case number of GD steps with the best fixed step, to shrink the error by the factor tol."""
    rho = (kappa - 1) / (kappa + 1)
    return int(np.ceil(np.log(tol) / np.log(rho)))


for kappa in (10, 100, 1000):
    print(f"kappa = {kappa:5d}: rate {(kappa - 1) / (kappa + 1):.4f}, "
          f"steps to 1e-6: {gd_steps_needed(kappa, 1e-6):5d}   (kappa/2 ln 1e6 = {kappa / 2 * np.log(1e6):.0f})")

# %% [markdown]
# **A narrow valley.** $A = \operatorname{diag}(1, 25)$, so $\kappa = 25$: the level sets are ellipses
# five times longer than wide ($\sqrt{25}$). **Figure 2** runs GD from $(-9, 1.5)$ with three steps:
# $\eta = 0.5/\lambda_{\max}$ (cautious), $\eta^* = 2/26$ (the best fixed step) and
# $\eta = 1.9/\lambda_{\max}$ (close to the limit).

# %%
def gd_path(A, b, x0, eta, n_steps):
    """The iterates x_0, ..., x_n of gradient descent on 1/2 x^T A x - b^T x."""
    xs = [np.array(x0, dtype=float)]
    for _ in range(n_steps):
        xs.append(xs[-1] - eta * (A @ xs[-1] - b))
    return np.array(xs)


A_valley = np.diag([1.0, 25.0])
b_valley = np.zeros(2)                   # minimizer at the origin
x_start = np.array([-9.0, 1.5])
lam_min, lam_max = 1.0, 25.0
steps = {"cautious: 0.5 / lambda_max": 0.5 / lam_max, "best: 2 / (lambda_min + lambda_max)": 2 / (lam_min + lam_max),
         "near the limit: 1.9 / lambda_max": 1.9 / lam_max}
fig, axes = plt.subplots(1, 3, figsize=(14, 3.4), layout="constrained", sharey=True)
g1, g2 = np.meshgrid(np.linspace(-10, 2, 300), np.linspace(-2.5, 2.5, 200))
for ax, (label, eta) in zip(axes, steps.items()):
    path = gd_path(A_valley, b_valley, x_start, eta, 30)
    ax.contour(g1, g2, 0.5 * (g1**2 + 25 * g2**2), levels=[0.5, 2, 5, 10, 20, 40], colors="grey", linewidths=0.7)
    ax.plot(path[:, 0], path[:, 1], "C3o-", ms=3, lw=1)
    ax.plot(0, 0, "k*", ms=12)
    ax.set_title(f"{label}\n$\\eta$ = {eta:.3f}, 30 steps", fontsize=10)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$ (flat, $\\lambda = 1$)")
axes[0].set_ylabel("$x_2$ (steep, $\\lambda = 25$)")
fig.suptitle("Figure 2: gradient descent in a narrow valley, $f = \\frac{1}{2}(x_1^2 + 25x_2^2)$")
plt.show()

for label, eta in steps.items():
    path = gd_path(A_valley, b_valley, x_start, eta, 1000)
    err = np.linalg.norm(path, axis=1) / np.linalg.norm(x_start)
    print(f"{label:38s} factors (1 - eta lambda) = {1 - eta * lam_min:6.3f}, {1 - eta * lam_max:6.3f};"
          f"  steps to 1e-6: {int(np.argmax(err < 1e-6))}")

# %% [markdown]
# * **Cautious** ($\eta = 0.02$): the steep component is damped by $0.5$ per step and vanishes at once,
#   but the flat one only by $0.98$: the path slides down the valley floor and needs 684 steps.
# * **Best** ($\eta^* = 1/13 \approx 0.077$): both factors are $\pm 12/13 \approx \pm 0.923$; the steep
#   component flips sign every step — a zig-zag across the valley — and both decay at the same rate:
#   173 steps, which is $\lceil\ln(10^6)/\ln(13/12)\rceil$, the worst-case count of the formula above.
# * **Near the limit** ($\eta = 0.076$): a slightly smaller step than $\eta^*$ here, with the steep
#   factor $-0.9$: almost the same — the rate is decided by the *flat* direction, $1 - \eta\lambda_{\min}$,
#   as long as the steep one is stable. Beyond $\eta = 2/25 = 0.08$ the zig-zag grows instead of
#   shrinking: try it in Figure 4.
#
# **Convergence against $\kappa$.** **Figure 3** (left) runs GD with $\eta^*$ on quadratics in
# $\mathbb{R}^{50}$ with eigenvalues spread from 1 to $\kappa$, for $\kappa = 10, 100, 1000$, from a
# random start, and compares the error with the rate $\rho^{*k}$ (dashed). The right panel is the
# momentum method of Section 7 on the same problems.

# %%
def spread_quadratic(kappa, n, rng):
    """A random SPD n x n matrix with eigenvalues from 1 to kappa (log-spaced), and a random start."""
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(np.logspace(0, np.log10(kappa), n)) @ Q.T, rng.normal(size=n)


def heavy_ball_path_errors(A, e0, alpha, beta, n_steps):
    """Relative errors of the heavy-ball iteration on 1/2 x^T A x (minimizer 0), started at e0 with e_{-1} = e0."""
    prev, cur = e0.copy(), e0.copy()
    errs = [1.0]
    for _ in range(n_steps):
        prev, cur = cur, cur - alpha * (A @ cur) + beta * (cur - prev)
        errs.append(np.linalg.norm(cur) / np.linalg.norm(e0))
    return np.array(errs)


n_iter = 600
kappas_fig = [10, 100, 1000]
fig, (ax_gd, ax_hb) = plt.subplots(1, 2, figsize=(13, 4.5), layout="constrained", sharey=True)
measured_rates = {}
for kappa, color in zip(kappas_fig, ["C0", "C1", "C3"]):
    A_k, e0 = spread_quadratic(kappa, 50, rng)
    eta = 2 / (1 + kappa)
    err_gd = heavy_ball_path_errors(A_k, e0, eta, 0.0, n_iter)           # beta = 0: plain gradient descent
    rho = (kappa - 1) / (kappa + 1)
    ax_gd.semilogy(err_gd, color=color, label=f"$\\kappa$ = {kappa}")
    ax_gd.semilogy(rho ** np.arange(n_iter + 1), "--", color=color, lw=1)
    alpha = 4 / (1 + np.sqrt(kappa)) ** 2
    rho_hb = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    err_hb = heavy_ball_path_errors(A_k, e0, alpha, rho_hb**2, n_iter)
    ax_hb.semilogy(err_hb, color=color, label=f"$\\kappa$ = {kappa}")
    ax_hb.semilogy(rho_hb ** np.arange(n_iter + 1), "--", color=color, lw=1)
    measured_rates[kappa] = (err_gd, err_hb)
for ax, title in [(ax_gd, "gradient descent, $\\eta^* = 2/(\\lambda_{\\min}+\\lambda_{\\max})$; "
                           "dashed: $((\\kappa-1)/(\\kappa+1))^k$"),
                  (ax_hb, "heavy ball (Section 7); dashed: $((\\sqrt{\\kappa}-1)/(\\sqrt{\\kappa}+1))^k$")]:
    ax.set_ylim(1e-12, 10)
    ax.set_xlabel("iteration $k$")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
ax_gd.set_ylabel("relative error $\\|\\mathbf{x}_k - \\mathbf{x}^*\\| / \\|\\mathbf{x}_0 - \\mathbf{x}^*\\|$")
fig.suptitle("Figure 3: convergence on quadratics in $\\mathbb{R}^{50}$, eigenvalues from 1 to $\\kappa$")
plt.show()

# %% [markdown]
# GD follows its dashed line: at $\kappa = 10$ it reaches $10^{-12}$ in about 130 steps, at
# $\kappa = 1000$ it has gained only about one digit after 600 (the worst-case rate is $999/1001$ per
# step; this random start does a little better). Heavy ball reaches $10^{-12}$ even at $\kappa = 1000$. The check below measures the slope of each curve
# over the iterations where the error is between $10^{-2}$ and $10^{-10}$ (or over the last 300 steps):

# %% tags=["nbval-ignore-output"]
def measured_rate(err):
    """The average factor per step over the iterations with 1e-10 < error < 1e-2, or over the last 300."""
    window = np.flatnonzero((err < 1e-2) & (err > 1e-10))
    if window.size < 20:
        window = np.arange(err.size - 300, err.size)
    return np.exp(np.polyfit(window, np.log(err[window]), 1)[0])


for kappa, (err_gd, err_hb) in measured_rates.items():
    r_gd, r_hb = measured_rate(err_gd), measured_rate(err_hb)
    t_gd, t_hb = (kappa - 1) / (kappa + 1), (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    print(f"kappa = {kappa:4d}: GD rate {r_gd:.4f} (theory {t_gd:.4f}),  heavy ball {r_hb:.4f} (theory {t_hb:.4f})")
    assert r_gd <= t_gd + 1e-3 and abs(np.log(r_gd) / np.log(t_gd) - 1) < 0.5
    assert abs(np.log(r_hb) / np.log(t_hb) - 1) < 0.25

# %%
print("GD: measured rate no worse than (kappa-1)/(kappa+1), and its log within 50%:",
      all(measured_rate(e_gd) <= (k - 1) / (k + 1) + 1e-3
          and abs(np.log(measured_rate(e_gd)) / np.log((k - 1) / (k + 1)) - 1) < 0.5
          for k, (e_gd, _) in measured_rates.items()))
print("heavy ball: log of the measured rate within 25% of log (sqrt(kappa)-1)/(sqrt(kappa)+1):",
      all(abs(np.log(measured_rate(e_hb)) / np.log((np.sqrt(k) - 1) / (np.sqrt(k) + 1)) - 1) < 0.25
          for k, (_, e_hb) in measured_rates.items()))
print("GD error after 600 steps at kappa = 1000 between 0.02 and 0.3:", 0.02 < measured_rates[1000][0][-1] < 0.3)
print("heavy ball below 1e-12 after 600 steps for every kappa:", all(e_hb[-1] < 1e-12 for _, e_hb in measured_rates.values()))
print("GD steps to 1e-12 at kappa = 10 between 110 and 150:", 110 <= int(np.argmax(measured_rates[10][0] < 1e-12)) <= 150)
print("steps to 1e-6, GD vs heavy ball, kappa = 1000:", gd_steps_needed(1000, 1e-6),
      "vs about", int(np.ceil(np.log(1e-6) / np.log((np.sqrt(1000) - 1) / (np.sqrt(1000) + 1)))))

# %% [markdown]
# **Least squares: the $\kappa$ that counts is $\kappa(X)^2$.** Gradient descent on
# $\tfrac12\|X\mathbf{w} - \mathbf{y}\|^2$ is the model problem with $A = X^\top X$, whose condition
# number is $\kappa(X)^2$ (chapter 04). A design matrix with $\kappa(X) = 30$ — unremarkable for raw
# features on different scales — gives $\kappa = 900$ and, by the formula, 6217 steps to gain six digits.
# That is why features are **standardized** before training (chapter 03), and why solving the normal
# equations with a factorization beats GD on small problems.

# %%
def with_condition_number(m, d, kappa, rng):
    """A random m x d matrix with singular values from 1 down to 1/kappa, evenly on a log scale."""
    U, _ = np.linalg.qr(rng.normal(size=(m, d)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), d)) @ V.T


X_c30 = with_condition_number(200, 5, 30.0, rng)
y_c30 = rng.normal(size=200)
lam_XtX = np.linalg.eigvalsh(X_c30.T @ X_c30)
print("kappa(X) = 30:", np.isclose(np.linalg.cond(X_c30), 30), "  kappa(X^T X) = 900:",
      np.isclose(lam_XtX[-1] / lam_XtX[0], 900), "  predicted steps to 1e-6:", gd_steps_needed(900, 1e-6))

# %% tags=["nbval-ignore-output"]
w_star = np.linalg.lstsq(X_c30, y_c30, rcond=None)[0]
eta_ls = 2 / (lam_XtX[0] + lam_XtX[-1])
w = np.zeros(5)
for step in range(1, 10000):
    w = w - eta_ls * X_c30.T @ (X_c30 @ w - y_c30)
    if np.linalg.norm(w - w_star) <= 1e-6 * np.linalg.norm(w_star):
        break
print("GD on least squares reached 1e-6 after", step, "steps")
assert 0.95 * gd_steps_needed(900, 1e-6) < step <= gd_steps_needed(900, 1e-6)   # just below the prediction

# %% [markdown]
# The measured count is just below the prediction (which is for the worst starting error): thousands
# of steps for a five-parameter problem.
#
# ## 7. Momentum: the heavy ball
#
# GD forgets its past. The **heavy-ball** method (Polyak) keeps some of the previous step, like a ball
# rolling down the valley that does not stop at every zig-zag:
#
# $$
# \mathbf{x}_{k+1} = \mathbf{x}_k - \alpha\nabla f(\mathbf{x}_k) + \beta(\mathbf{x}_k - \mathbf{x}_{k-1}) .
# $$
#
# On the quadratic, each eigen-component now follows a two-term recurrence
# $e_{k+1} = (1 + \beta - \alpha\lambda)e_k - \beta e_{k-1}$. With the tuned parameters
#
# $$
# \alpha = \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2},
# \qquad
# \beta = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2,
# $$
#
# the roots of every component's recurrence have modulus $\sqrt\beta$, so the error shrinks like
#
# $$
# \rho_{\text{HB}} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}
# \quad\text{per step, and } k \approx \tfrac{\sqrt\kappa}{2}\ln(1/\text{tol}) \text{ steps suffice.}
# $$
#
# $\sqrt\kappa$ instead of $\kappa$: at $\kappa = 1000$, about 219 steps instead of 6908 for six digits
# (Figure 3, right). The early rise of the error at $\kappa = 1000$ is a transient: with the tuned
# parameters the extreme eigen-components have a double root, their error behaves like $k\rho^k$, and
# the geometric decay takes over after a few dozen steps.
# The **conjugate gradient** method, the solver of sparse systems in chapter 11, goes one better: it picks its step
# and its momentum afresh at every iteration from the data it has seen, needs no knowledge of
# $\lambda_{\min}$ and $\lambda_{\max}$, converges at least at the heavy-ball rate (in the $A$-norm),
# and in exact arithmetic finishes in at most $n$ steps.
#
# **Why it matters in ML.** Momentum (`torch.optim.SGD(momentum=0.9)`) and its relative Nesterov
# acceleration are used in nearly every training run; $\beta = 0.9$ corresponds to the tuned value for
# $\kappa \approx 1400$. Adaptive methods (Adam, RMSProp) and preconditioning attack the same enemy
# from the other side: they rescale the coordinates so that the valley looks rounder, lowering the
# effective $\kappa$. Batch normalization and feature standardization do it to the data.
#
# ## 8. Try it: step size and condition number
#
# **Figure 4** runs GD on $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top A\mathbf{x}$ with eigenvalues $1$ and
# $\kappa$, the valley tilted by $30°$, from a fixed start; the left panel shows the path on the level
# sets, the right one the error against the iteration, with the predicted $\rho(\eta)^k$ (dashed). The
# step is set as a multiple of $1/\lambda_{\max}$. The saved notebook shows $\kappa = 20$ and
# $\eta = 1.8/\lambda_{\max}$; run the cell to get sliders. Things to try, in this order:
#
# * Lower the step to $1.0/\lambda_{\max}$: the zig-zag disappears (the steep component is removed in
#   one step, $1 - \eta\lambda_{\max} = 0$) and the path runs straight down the valley floor.
# * Lower it further to $0.3/\lambda_{\max}$: a smooth, slow curve; the rate $1 - 0.3/\kappa$ is worse.
# * Raise it to $2.0/\lambda_{\max}$ and then $2.1$: at 2 the steep component bounces for ever, beyond
#   it the path explodes, **whatever** $\kappa$.
# * Back to $1.9$, then move $\kappa$ from 20 to 100: the same step (relative to $\lambda_{\max}$) now
#   crawls along a much longer valley, $\rho = 1 - 1.9/100$.
# * Finally $\kappa = 2$ with the step $1.35/\lambda_{\max}$, close to the best
#   $\eta^* = 2/(\lambda_{\min} + \lambda_{\max}) = (4/3)/\lambda_{\max}$: a round bowl,
#   $\rho = 0.35$, about four digits in ten steps.

# %%
def rotated_valley(kappa, angle_deg=30.0):
    t = np.deg2rad(angle_deg)
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    return R @ np.diag([1.0, kappa]) @ R.T


def draw_gd(ax_path, ax_err, kappa, step_factor, n_steps=60):
    """GD with eta = step_factor / lambda_max on the tilted valley; path and error curve."""
    ax_path.clear()
    ax_err.clear()
    A = rotated_valley(kappa)
    eta = step_factor / kappa
    x0 = np.array([-4.0, 0.5])
    with np.errstate(over="ignore", invalid="ignore"):
        path = gd_path(A, np.zeros(2), x0, eta, n_steps)
    g = np.linspace(-5, 5, 201)
    G1, G2 = np.meshgrid(g, g)
    F = 0.5 * (A[0, 0] * G1**2 + 2 * A[0, 1] * G1 * G2 + A[1, 1] * G2**2)
    ax_path.contour(G1, G2, F, levels=np.geomspace(0.05, 0.5 * x0 @ A @ x0 * 4, 9), colors="grey", linewidths=0.7)
    shown = path[np.all(np.abs(path) < 50, axis=1)]
    ax_path.plot(shown[:, 0], shown[:, 1], "C3o-", ms=3, lw=1)
    ax_path.plot(0, 0, "k*", ms=12)
    ax_path.set_xlim(-5, 5)
    ax_path.set_ylim(-5, 5)
    ax_path.set_aspect("equal")
    ax_path.set_xlabel("$x_1$")
    ax_path.set_ylabel("$x_2$")
    rho = max(abs(1 - eta * 1.0), abs(1 - eta * kappa))
    if step_factor > 2:
        verdict = "diverges: eta > 2 / lambda_max"
    elif step_factor == 2:
        verdict = "does not converge: eta = 2 / lambda_max"
    elif step_factor > 1:
        verdict = "converges, zig-zagging (1 - eta lambda_max < 0)"
    else:
        verdict = "converges without zig-zag"
    ax_path.set_title(f"kappa = {kappa:g}, eta = {step_factor:.2f} / lambda_max:\n{verdict}", fontsize=10)
    err = np.linalg.norm(path, axis=1) / np.linalg.norm(x0)
    ks = np.arange(n_steps + 1)
    ax_err.semilogy(ks, np.where(np.isfinite(err), err, np.nan), "C3-", label="GD")
    ax_err.semilogy(ks, rho ** ks, "k--", lw=1, label=f"$\\rho(\\eta)^k$, $\\rho$ = {rho:.3f}")
    ax_err.set_ylim(1e-8, 1e4)
    ax_err.set_xlabel("iteration $k$")
    ax_err.set_ylabel("relative error")
    ax_err.legend(fontsize=8, loc="upper right")


def gd_explorer(kappa0, factor0):
    """Sliders for kappa and the step (in units of 1 / lambda_max); the path and the error curve they drive."""
    s_kappa = widgets.FloatSlider(value=kappa0, min=1, max=100, step=1, description="kappa", continuous_update=False)
    s_step = widgets.FloatSlider(value=factor0, min=0.1, max=2.2, step=0.05, description="eta * lambda_max",
                                 continuous_update=False, style={"description_width": "initial"})
    fig, (ax_path, ax_err) = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
    fig.suptitle("Figure 4: gradient descent on a tilted valley with eigenvalues 1 and kappa")
    plt.close(fig)   # shown once below, then redrawn in place: not again by the inline backend

    def update(change=None):
        draw_gd(ax_path, ax_err, s_kappa.value, round(s_step.value, 2))
        if change is not None:
            figure.update(fig)

    for s in (s_kappa, s_step):
        s.observe(update, names="value")
    update()
    controls = widgets.HBox([s_kappa, s_step])
    # the sliders; without a running kernel, a line of text says what they are
    display({"application/vnd.jupyter.widget-view+json":
             {"model_id": controls.model_id, "version_major": 2, "version_minor": 0},
             "text/plain": "[sliders for kappa and the step size: run this cell to use them]"}, raw=True)
    figure = display(fig, display_id=True)   # a real image in the saved notebook, updated in place


gd_explorer(20.0, 1.8)

# %% [markdown]
# Check yourself before moving on: why is the largest stable step set by the largest eigenvalue,
# but the speed by the smallest? (The steep direction must not overshoot by more than a factor 2; the
# flat direction is where the step is too small to make progress.) Why does doubling every feature of a
# least-squares problem not change the number of GD steps needed (with the step adapted), while
# doubling just one feature can? (Scaling all of $X$ scales every eigenvalue of $X^\top X$ alike and
# leaves $\kappa$ unchanged; scaling one column changes $\kappa$.)
#
# ## 9. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | quadratic form | $\mathbf{x}^\top A\mathbf{x} = \mathbf{x}^\top S\mathbf{x}$, $S = \frac12(A + A^\top)$ | least squares, ridge, Mahalanobis, local model of any loss |
# | level sets | $\sum\lambda_iz_i^2 = 1$: axes along $\mathbf{q}_i$, semi-axes $1/\sqrt{\lambda_i}$ | narrow valleys, $\sqrt\kappa$ elongation |
# | definiteness | signs of the eigenvalues: PD, PSD, indefinite (saddle) | minimum or saddle, flat directions |
# | PD tests | eigenvalues, pivots, Cholesky, leading minors; in practice `np.linalg.cholesky` | covariances, kernels, $X^\top X + \lambda I$ |
# | gradients | $\nabla\mathbf{a}^\top\mathbf{x} = \mathbf{a}$, $\nabla\mathbf{x}^\top A\mathbf{x} = (A + A^\top)\mathbf{x}$, $\nabla\lVert X\mathbf{w} - \mathbf{y}\rVert^2 = 2X^\top(X\mathbf{w} - \mathbf{y})$ | training; checked by central differences |
# | chain rule | $\nabla(f\circ\mathbf{g}) = J_{\mathbf{g}}^\top\nabla f$ | backpropagation: $\partial L/\partial W_2 = 2R^\top H$, $\partial L/\partial W_1 = 2W_2^\top R^\top X$ |
# | GD on a quadratic | stable iff $\eta < 2/\lambda_{\max}$; $\eta^* = 2/(\lambda_{\min} + \lambda_{\max})$, rate $(\kappa - 1)/(\kappa + 1)$ | step-size choice, learning-rate blow-ups |
# | least squares | $\kappa(X^\top X) = \kappa(X)^2$ | standardize features |
# | heavy ball | rate $(\sqrt\kappa - 1)/(\sqrt\kappa + 1)$ | momentum in every optimizer |
#
# Practical lessons: symmetrize before you look at a quadratic form; test positive definiteness with a
# Cholesky attempt, not with determinants; check every hand-written gradient against finite
# differences; choose the step from $\lambda_{\max}$ (`eigvalsh` returns it **last**) and expect the
# number of steps to grow like $\kappa$ — or like $\sqrt\kappa$ with momentum.
#
# ## What's next
#
# The covariance matrix is the quadratic form of the data: the next step, chapter 08, is PCA, which finds the unit
# vectors that maximize $\mathbf{w}^\top C\mathbf{w}$ — the long axes of the data's ellipse — and uses
# them to compress and visualize data.
