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
# # Chapter 08 — Principal component analysis (PCA)
#
# A data set with $d$ features lives in $\mathbb{R}^d$, but it rarely *fills*
# $\mathbb{R}^d$: the 64 pixels of a small image of a handwritten digit are
# strongly correlated, and the images cluster near a much lower-dimensional
# set. **Principal component analysis** finds the directions along which the
# data varies most and describes every sample by its coordinates along the
# first few of them. It is the most used tool for compressing, visualizing,
# denoising and preprocessing data, and it is chapter 06 put to work: the
# principal directions are the right singular vectors of the centered data
# matrix. We cover:
#
# 1. centering and the covariance matrix;
# 2. the direction of maximal variance, and the principal components;
# 3. PCA via the SVD of the centered data, and scikit-learn's `PCA`;
# 4. why not via the covariance eigenproblem: cost and accuracy;
# 5. explained variance and the scree plot, on real handwritten digits;
# 6. projecting and reconstructing, and the link to Eckart–Young;
# 7. a 2-D map of the digits;
# 8. scaling the features first (or not);
# 9. whitening;
# 10. fitting on the training set, applying to the test set;
# 11. an exact PCA of a tiny data set with SymPy.
#
# **What we use from earlier chapters.** The data matrix (rows are samples),
# means and centering (chapter 01); orthogonal projections (chapters 01–02);
# the spectral theorem, the SVD, its link to the eigendecomposition of
# $A^\top A$, and the Eckart–Young theorem (chapter 06); the condition number
# (chapter 03).

# %%
import time

import numpy as np
import sympy as sp
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits, load_wine
from sklearn.decomposition import PCA

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook


def fix_signs(V):
    """Flip each column so that its entry of largest absolute value is positive.

    Principal directions are only defined up to sign, and different LAPACK builds
    may return either sign; we fix one convention for display.
    """
    V = np.array(V, dtype=float)
    idx = np.argmax(np.abs(V), axis=0)
    return V * np.sign(V[idx, np.arange(V.shape[1])])


# %% [markdown]
# ## 1. Centering and the covariance matrix
#
# Let $X \in \mathbb{R}^{n\times d}$ be a data matrix with samples
# $\mathbf{x}_1^\top, \dots, \mathbf{x}_n^\top$ as rows. Its **mean** is
# $\boldsymbol{\mu} = \frac1n\sum_i \mathbf{x}_i \in \mathbb{R}^d$, and the
# **centered** data matrix subtracts it from every row:
#
# $$
# X_c = X - \mathbf{1}\boldsymbol{\mu}^\top, \qquad \text{in NumPy: } \texttt{Xc = X - X.mean(axis=0)} .
# $$
#
# The columns of $X_c$ sum to zero. The **(sample) covariance matrix** is
#
# $$
# C = \frac{1}{n-1}X_c^\top X_c \in \mathbb{R}^{d\times d}, \qquad
# C_{jk} = \frac{1}{n-1}\sum_{i=1}^n (x_{ij} - \mu_j)(x_{ik} - \mu_k).
# $$
#
# Its diagonal holds the variances of the features, and $C_{jk}$ is the
# covariance of features $j$ and $k$ (positive if they tend to be large
# together). Dividing by $n - 1$ instead of $n$ makes $C$ an unbiased
# estimate of the population covariance; this is the convention of `np.cov`
# and of scikit-learn's `PCA`. (With `np.var` and `np.std` you must ask for it:
# `ddof=1`.) As chapter 06 showed, $C$ is symmetric positive semidefinite.
#
# Centering matters because $X^\top X$ of *uncentered* data mixes the spread of
# the data with the position of its mean: for data far from the origin the
# mean direction swamps everything else. Our running toy example is a cloud of
# 300 correlated points in the plane, centred at $(4, 3)$:

# %%
n_toy = 300
true_cov = np.array([[2.0, 1.2],
                     [1.2, 1.0]])
X_toy = np.array([4.0, 3.0]) + rng.normal(size=(n_toy, 2)) @ np.linalg.cholesky(true_cov).T
mu_toy = X_toy.mean(axis=0)
Xc_toy = X_toy - mu_toy
C_toy = Xc_toy.T @ Xc_toy / (n_toy - 1)
print("mean:", mu_toy)
print("column sums of Xc (zero up to rounding):", np.abs(Xc_toy.sum(axis=0)).max() < 1e-10)
print("covariance C:\n", C_toy)
print("same as np.cov(X, rowvar=False):", np.allclose(C_toy, np.cov(X_toy, rowvar=False)))

# %% [markdown]
# `np.cov` treats *rows* as variables by default, so with our convention
# (rows are samples) it needs `rowvar=False` — forgetting it gives an
# $n\times n$ matrix instead of a $d\times d$ one.
#
# ## 2. The direction of maximal variance
#
# Project every centered sample onto a unit vector $\mathbf{w}$: the
# coordinates are $X_c\mathbf{w} \in \mathbb{R}^n$ (chapter 01: the
# projection of $\mathbf{x}$ onto the line of a unit $\mathbf{w}$ has
# coordinate $\mathbf{w}\cdot\mathbf{x}$). They have mean zero and variance
#
# $$
# \operatorname{Var}(X_c\mathbf{w}) = \frac{\|X_c\mathbf{w}\|^2}{n-1}
# = \mathbf{w}^\top C\,\mathbf{w} .
# $$
#
# Which direction keeps the most variance? Write $C = Q\Lambda Q^\top$ with
# eigenvalues $\lambda_1 \ge \dots \ge \lambda_d \ge 0$ (spectral theorem) and
# $\mathbf{w} = \sum_i c_i\mathbf{q}_i$ with $\sum_i c_i^2 = 1$. Then
# $\mathbf{w}^\top C\mathbf{w} = \sum_i\lambda_i c_i^2 \le \lambda_1$, with
# equality for $\mathbf{w} = \pm\mathbf{q}_1$. So
#
# > the **first principal direction** is the top eigenvector $\mathbf{q}_1$ of
# > the covariance matrix, and the variance along it is $\lambda_1$.
#
# The same argument restricted to the directions orthogonal to
# $\mathbf{q}_1, \dots, \mathbf{q}_{i-1}$ gives the $i$-th principal direction
# $\mathbf{q}_i$, with variance $\lambda_i$. The coordinates along them,
# $z_{ij} = \mathbf{q}_j\cdot(\mathbf{x}_i - \boldsymbol{\mu})$, are the
# **principal component scores** (scikit-learn says "components" for the
# directions and calls the scores the transformed data). Scores along
# different directions are uncorrelated: their covariance is
# $\mathbf{q}_j^\top C\mathbf{q}_k = \lambda_k\,\mathbf{q}_j\cdot\mathbf{q}_k = 0$.
#
# **Figure 1** checks this by brute force: the variance of the projection for
# 360 unit vectors $\mathbf{w} = (\cos\theta, \sin\theta)$ (left), maximal at
# the angle of $\mathbf{q}_1$; and the cloud with its principal axes (right).
# Since $-\mathbf{w}$ gives the same variance as $\mathbf{w}$, the curve
# repeats every 180 degrees, so we search for the best and the worst
# direction among the first 180 (on the full circle, $\theta$ and
# $\theta + 180°$ tie, and which of the two `np.argmax` returns would depend on
# the last bits of rounding, that is, on the machine).

# %%
lam_toy, Q_toy = np.linalg.eigh(C_toy)                   # ascending order
lam_toy, Q_toy = lam_toy[::-1], fix_signs(Q_toy[:, ::-1])
thetas = np.deg2rad(np.arange(360))
W = np.column_stack([np.cos(thetas), np.sin(thetas)])   # one unit vector per row
var_w = np.var(Xc_toy @ W.T, axis=0, ddof=1)            # variance of the projection on each w
half = var_w[:180]                                      # w and -w: the same variance
best = int(np.argmax(half))
print("eigenvalues of C:", lam_toy)
print("q1 =", Q_toy[:, 0], " angle:", round(float(np.degrees(np.arctan2(Q_toy[1, 0], Q_toy[0, 0]))), 1), "degrees")
print("best direction:", best, "degrees, variance", round(float(half[best]), 3))
print("smallest variance:", round(float(half.min()), 3), "at", int(np.argmin(half)), "degrees")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), layout="constrained")
axes[0].plot(np.degrees(thetas), var_w, "C0-")
for i, col in enumerate(["C3", "C2"]):
    ang = np.degrees(np.arctan2(Q_toy[1, i], Q_toy[0, i])) % 180
    for a in (ang, ang + 180):
        axes[0].axvline(a, color=col, ls=":", lw=1.5)
    axes[0].axhline(lam_toy[i], color=col, ls="--", lw=1, label=f"$\\lambda_{i + 1}$ = {lam_toy[i]:.3f}")
axes[0].set_xlabel("angle $\\theta$ of $\\mathbf{w}$ (degrees)")
axes[0].set_ylabel("variance of $X_c\\mathbf{w}$")
axes[0].set_xticks(range(0, 361, 60))
axes[0].set_title("variance along $\\mathbf{w} = (\\cos\\theta, \\sin\\theta)$")
axes[0].legend(loc="center right")

ax = axes[1]
ax.scatter(X_toy[:, 0], X_toy[:, 1], s=8, alpha=0.35, color="C0", label="samples")
ax.plot(*mu_toy, "k+", ms=14, mew=2, label="mean $\\mu$")
for i, col in enumerate(["C3", "C2"]):
    arrow = 2 * np.sqrt(lam_toy[i]) * Q_toy[:, i]
    ax.annotate("", xy=mu_toy + arrow, xytext=mu_toy, arrowprops=dict(arrowstyle="-|>", color=col, lw=2.5))
    ax.text(*(mu_toy + 1.1 * arrow + np.array([0.15, 0.0])), f"$2\\sqrt{{\\lambda_{i + 1}}}\\,\\mathbf{{q}}_{i + 1}$",
            color=col, fontsize=12, bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
ax.set_aspect("equal")
ax.set_xlim(-2, 9.6)
ax.set_xlabel("feature 1")
ax.set_ylabel("feature 2")
ax.set_title("the principal axes of the cloud")
ax.legend(loc="lower right")
fig.suptitle("Figure 1: the first principal direction maximizes the variance of the projection", fontsize=12)
plt.show()

# %% [markdown]
# The best direction (34 degrees, variance 2.838) is the
# grid point closest to $\mathbf{q}_1 \approx (0.831, 0.557)$, at 33.8
# degrees, whose variance is $\lambda_1 = 2.839$; the minimum,
# $\lambda_2 = 0.194$, is 90 degrees away, at 124 degrees. In between, the
# curve is exactly $\lambda_1\cos^2(\theta - \theta_1) + \lambda_2\sin^2(\theta - \theta_1)$,
# where $\theta_1$ is the angle of $\mathbf{q}_1$.
#
# ## 3. PCA via the SVD of the centered data
#
# We never need to form $C$. Take the thin SVD of the centered data,
# $X_c = U\Sigma V^\top$ with singular values $s_1 \ge s_2 \ge \dots$; then
#
# $$
# C = \frac{X_c^\top X_c}{n-1} = V\,\frac{\Sigma^2}{n-1}\,V^\top ,
# $$
#
# which is the spectral decomposition of $C$ (chapter 06, Section 5). So
#
# | PCA object | from the SVD $X_c = U\Sigma V^\top$ |
# |---|---|
# | principal directions $\mathbf{q}_i$ | right singular vectors $\mathbf{v}_i$ (rows of `Vt`) |
# | variances $\lambda_i$ ("explained variance") | $s_i^2/(n-1)$ |
# | scores $Z = X_cV$ | $U\Sigma$ (column $i$ is $s_i\mathbf{u}_i$) |
#
# In NumPy, with $k$ components:
#
# ```python
# mu = X.mean(axis=0)
# U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)
# components = Vt[:k]                 # k x d, orthonormal rows
# explained_variance = s[:k]**2 / (n - 1)
# Z = (X - mu) @ components.T         # n x k scores, = U[:, :k] * s[:k]
# ```
#
# scikit-learn's `PCA` computes the same quantities: `mean_`, `components_`
# (the rows of $V^\top$, up to sign — it flips signs by its own convention)
# and `explained_variance_` (by default it may take a faster route for tall
# data, see Section 4; `svd_solver="full"` asks for exactly the SVD above).

# %%
U_toy, s_toy, Vt_toy = np.linalg.svd(Xc_toy, full_matrices=False)
print("s_i^2 / (n-1):      ", s_toy**2 / (n_toy - 1))
print("eigenvalues of C:   ", lam_toy)
print("V from the SVD (columns, signs fixed):\n", fix_signs(Vt_toy.T))
print("scores Xc V == U S: ", np.allclose(Xc_toy @ Vt_toy.T, U_toy * s_toy))

pca_toy = PCA(n_components=2, svd_solver="full").fit(X_toy)
print("sklearn explained_variance_:", pca_toy.explained_variance_)
print("sklearn components_ equal ours up to the sign of each row:",
      np.allclose(np.abs(np.sum(pca_toy.components_ * Vt_toy, axis=1)), 1.0))
print("sklearn mean_:", pca_toy.mean_)

# %% [markdown]
# Everything agrees: the variances $2.839$ and $0.194$ are the eigenvalues of
# $C$, and the directions match up to sign. **Signs are arbitrary**: $-\mathbf{v}_i$
# is as good a direction as $\mathbf{v}_i$, so two correct PCA programs may
# return scores with opposite signs. Compare components with
# $|\mathbf{v}_i\cdot\mathbf{w}_i| \approx 1$, or compare the subspaces they span,
# never the raw numbers.
#
# ## 4. Why not the covariance eigenproblem?
#
# On paper, `np.linalg.eigh(C)` gives the same answer. In practice the SVD of
# $X_c$ is preferred for two reasons.
#
# **Cost for wide data.** Forming $C$ costs about $nd^2$ operations and
# storing it $d^2$ numbers; its eigendecomposition costs about $d^3$. The thin
# SVD of $X_c$ costs about $nd\min(n, d)$. With few samples of many features
# ($d \gg n$: genes, pixels of large images, word counts) the covariance route
# works with a $d\times d$ matrix of rank at most $n - 1$ — almost all of its
# eigenvalues are zero, and we pay $d^3$ to compute them. Below: $n = 100$
# samples of $d = 1500$ features.

# %%
X_wide = rng.normal(size=(100, 1500)) @ np.diag(np.linspace(2.0, 0.5, 1500))
Xc_wide = X_wide - X_wide.mean(axis=0)
t0 = time.perf_counter()
s_wide = np.linalg.svd(Xc_wide, compute_uv=False)
t_svd = time.perf_counter() - t0
t0 = time.perf_counter()
lam_wide = np.linalg.eigvalsh(Xc_wide.T @ Xc_wide / 99)[::-1]
t_cov = time.perf_counter() - t0
print("covariance matrix:", (1500, 1500), " nonzero eigenvalues at most n - 1 =", 99)
print("eigenvalues above 1e-10:", int(np.sum(lam_wide > 1e-10)))
print("top 5 variances agree:", np.allclose(lam_wide[:5], s_wide[:5] ** 2 / 99))

# %% tags=["nbval-ignore-output"]
print(f"SVD of Xc (100 x 1500):              {t_svd * 1e3:7.1f} ms")
print(f"form C and eigvalsh(C) (1500 x 1500): {t_cov * 1e3:7.1f} ms   ({t_cov / t_svd:.0f} times slower)")

# %% [markdown]
# The covariance route is usually several to many times slower (timings
# depend on the machine, its BLAS and its load, so this cell is not checked
# and yours will differ), and the gap grows like $d^2/n^2$ as the data gets
# wider. Exactly 99 eigenvalues are non-zero: centering removes one
# dimension, since the rows of $X_c$ sum to zero.
#
# **Accuracy.** Forming $X_c^\top X_c$ squares the condition number
# (chapter 06): an eigenvalue solver is accurate to about
# $\varepsilon\lambda_1$ in absolute terms, so variances below
# $\varepsilon\lambda_1 \approx 2\times10^{-16}\lambda_1$ are lost, while the
# SVD gets every $s_i$ to about $\varepsilon s_1$, so standard deviations down
# to $\varepsilon s_1$ survive. Below we build centered data with known
# standard deviations $1,\ 10^{-3},\ 10^{-6},\ 10^{-9}$ along four orthogonal
# directions (think of a feature that is almost, but not exactly, a linear
# combination of the others).

# %%
n_acc = 200
A = rng.normal(size=(n_acc, 4))
A -= A.mean(axis=0)                                   # centered columns ...
U_acc, _ = np.linalg.qr(A)                            # ... orthonormalized: still centered
V_acc, _ = np.linalg.qr(rng.normal(size=(4, 4)))
true_std = np.array([1.0, 1e-3, 1e-6, 1e-9])
Xc_acc = U_acc @ np.diag(true_std * np.sqrt(n_acc - 1)) @ V_acc.T   # sample std along v_i is true_std[i]

std_svd = np.linalg.svd(Xc_acc, compute_uv=False) / np.sqrt(n_acc - 1)
lam_cov = np.linalg.eigvalsh(Xc_acc.T @ Xc_acc / (n_acc - 1))[::-1]
rel_svd = np.abs(std_svd - true_std) / true_std
rel_cov = np.abs(np.sqrt(np.abs(lam_cov)) - true_std) / true_std
print("SVD route, relative error below 1e-4 for each std:        ", rel_svd < 1e-4)
print("covariance route, relative error below 1e-4 for std 1, 1e-3, 1e-9:", rel_cov[[0, 1, 3]] < 1e-4)

# %% tags=["nbval-ignore-output"]
print("std from the SVD:        ", [f"{v:.6e}" for v in std_svd])
print("eigenvalues of C:        ", [f"{v:.3e}" for v in lam_cov], " (exact: 1, 1e-6, 1e-12, 1e-18)")
print("relative errors, SVD:    ", [f"{v:.1e}" for v in rel_svd])
print("relative errors, cov:    ", [f"{v:.1e}" for v in rel_cov])
assert np.all(rel_svd < 1e-4) and rel_cov[1] < 1e-4 < rel_cov[3] and rel_cov[2] > 1e3 * rel_svd[2]
assert abs(lam_cov[3]) < 1e-13  # the fourth variance, 1e-18, comes out as rounding noise

# %% [markdown]
# The SVD recovers all four standard deviations to at least four digits
# (in practice many more; the exact digits are machine-dependent, so they are
# in a separate cell). The covariance route gets the first two, but the third
# variance, $10^{-12}$, is only about $10^4$ times $\varepsilon\lambda_1$, so
# several of its digits are lost, and the fourth, $10^{-18}$, is far below
# $\varepsilon\lambda_1$: it comes out as rounding noise (typically around
# $10^{-17}$, possibly negative), with no correct digit. When do you
# care? When the *small* components matter: detecting near-collinear
# features, whitening (Section 9), or anomaly detection by the residual
# outside the top components.
#
# For **tall** data ($n \gg d$) with well-separated leading variances, the
# covariance route is faster and accurate enough for the top components, and
# scikit-learn (since 1.5) takes it automatically when there are at most 1000
# features and at least ten times more samples than features
# (`svd_solver="covariance_eigh"`). For huge data,
# `svd_solver="randomized"` computes only the top $k$ components by a
# randomized range finder. The default `svd_solver="auto"` chooses among
# these.

# %% [markdown]
# ## 5. Explained variance and the scree plot: handwritten digits
#
# scikit-learn ships a small data set of 1797 handwritten digits, each an
# $8\times 8$ image with grey levels $0$ to $16$: a data matrix of shape
# $1797\times 64$.

# %%
digits = load_digits()
X_dig, y_dig = digits.data, digits.target
n_dig, d_dig = X_dig.shape
print("X:", X_dig.shape, " labels:", np.bincount(y_dig))
mu_dig = X_dig.mean(axis=0)
U_dig, s_dig, Vt_dig = np.linalg.svd(X_dig - mu_dig, full_matrices=False)
var_dig = s_dig**2 / (n_dig - 1)                      # explained variance of every component
evr = var_dig / var_dig.sum()                         # explained variance ratio
cum = np.cumsum(evr)
print("total variance (trace of C):", round(float(var_dig.sum()), 2),
      "=", round(float(np.var(X_dig, axis=0, ddof=1).sum()), 2))
print("explained variance ratio of the first 5 components:", evr[:5])
for frac in (0.5, 0.8, 0.9, 0.95, 0.99):
    print(f"components needed for {frac:.0%} of the variance: {int(np.searchsorted(cum, frac)) + 1}")

# %% [markdown]
# The total variance $\operatorname{tr}C = \sum_j C_{jj} = \sum_i\lambda_i$ is
# the sum of the 64 pixel variances, 1202.15. The **explained variance
# ratio** of component $i$ is its share $\lambda_i/\sum_j\lambda_j$, and the
# first $k$ components keep
#
# $$
# \frac{\lambda_1 + \dots + \lambda_k}{\lambda_1 + \dots + \lambda_d}
# = \frac{s_1^2 + \dots + s_k^2}{s_1^2 + \dots + s_d^2}
# $$
#
# of it — the "energy" of chapter 06, for the centered data. Here one
# component explains 14.9%, 5 components together just over half, 21
# components 90% and 29 of the 64 are needed for 95%. The common rule "keep enough components for 90% or 95% of the
# variance" is a heuristic; a **scree plot** (**Figure 2**, named after the
# rubble at the foot of a cliff) shows the whole picture: a steep start and a
# long flat tail, with no sharp elbow here.

# %%
fig, ax = plt.subplots(figsize=(8, 4.4))
idx = np.arange(1, d_dig + 1)
ax.bar(idx, evr, color="C0", label="explained variance ratio of component $i$")
ax.set_xlabel("component $i$")
ax.set_ylabel("ratio")
ax.set_xlim(0, d_dig + 1)
ax2 = ax.twinx()
ax2.plot(idx, cum, "C3.-", label="cumulative")
k95 = int(np.searchsorted(cum, 0.95)) + 1
ax2.axhline(0.95, color="grey", ls=":", lw=1)
ax2.plot(k95, cum[k95 - 1], "ko")
ax2.annotate(f"95% at k = {k95}", (k95, cum[k95 - 1]), xytext=(k95 + 4, 0.8),
             arrowprops=dict(arrowstyle="->", color="k"))
ax2.set_ylim(0, 1.02)
ax2.set_ylabel("cumulative ratio", color="C3")
lines = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
ax.legend(lines, [h.get_label() for h in lines], loc="center right")
ax.set_title("Figure 2: scree plot of the digits (1797 x 64)")
plt.show()

# %% [markdown]
# The principal directions are vectors in $\mathbb{R}^{64}$, so they can be
# shown as $8\times 8$ images (**Figure 3**): the mean digit, then the first
# components ("eigen-digits"). Every digit is approximately the mean plus a
# combination of them. As the score on $\mathbf{v}_i$ grows, the red pixels of
# $\mathbf{v}_i$ gain ink (their grey level rises, so they get *darker* in the
# gray-on-white display of the digits) and the blue pixels lose ink; with the
# opposite sign of $\mathbf{v}_i$ the colours swap. White pixels do not change.

# %%
V_dig = fix_signs(Vt_dig.T)                           # columns = principal directions, signs fixed
fig, axes = plt.subplots(1, 7, figsize=(13, 2.6), layout="constrained")
axes[0].imshow(mu_dig.reshape(8, 8), cmap="gray_r")
axes[0].set_title("mean")
for i, ax in enumerate(axes[1:]):
    lim = np.abs(V_dig[:, i]).max()
    ax.imshow(V_dig[:, i].reshape(8, 8), cmap="RdBu_r", vmin=-lim, vmax=lim)
    ax.set_title(f"$\\mathbf{{v}}_{i + 1}$ ({evr[i]:.1%})")
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Figure 3: the mean digit and the first six principal directions", fontsize=12)
plt.show()

# %% [markdown]
# ## 6. Projecting and reconstructing
#
# Keep the first $k$ directions $V_k = [\mathbf{v}_1 \cdots \mathbf{v}_k] \in \mathbb{R}^{d\times k}$.
# **Projecting** (encoding) a sample gives its $k$ scores, and
# **reconstructing** (decoding) maps them back to $\mathbb{R}^d$:
#
# $$
# \mathbf{z} = V_k^\top(\mathbf{x} - \boldsymbol{\mu}) \in \mathbb{R}^k, \qquad
# \hat{\mathbf{x}} = \boldsymbol{\mu} + V_k\mathbf{z}
# = \boldsymbol{\mu} + V_kV_k^\top(\mathbf{x} - \boldsymbol{\mu}) .
# $$
#
# $V_kV_k^\top$ is the orthogonal projection onto the span of the first $k$
# directions, so $\hat{\mathbf{x}}$ is the point of the affine subspace
# $\boldsymbol{\mu} + \operatorname{span}(V_k)$ closest to $\mathbf{x}$. For
# all samples at once, $Z = X_cV_k$ and $\hat X = \mathbf{1}\boldsymbol{\mu}^\top + ZV_k^\top$.
# Do not forget to add the mean back.
#
# **The link to Eckart–Young.** $X_cV_kV_k^\top = U_k\Sigma_kV_k^\top$ is the
# truncated SVD of $X_c$, the *best rank-$k$ approximation* of $X_c$. Hence
#
# $$
# \|X - \hat X\|_F^2 = \sum_{i=1}^n\|\mathbf{x}_i - \hat{\mathbf{x}}_i\|^2
# = \sum_{i>k}s_i^2 = (n-1)\sum_{i>k}\lambda_i ,
# $$
#
# and no other $k$-dimensional affine subspace of $\mathbb{R}^d$ has a smaller
# sum of squared distances to the samples. (Why through the mean: for a
# fixed direction space with orthogonal projector $P$, the residual of
# $\mathbf{x}_i$ from the subspace through a point $\mathbf{m}$ is
# $(I - P)(\mathbf{x}_i - \mathbf{m})$, and the sum of their squared lengths is
# smallest for $\mathbf{m} = \boldsymbol{\mu}$ — the same reason the mean
# minimizes $\sum_i\|\mathbf{x}_i - \mathbf{m}\|^2$.) So PCA
# has two equivalent definitions: the directions of **maximal variance**
# (Section 2), and the subspace of **minimal reconstruction error**; the
# variance kept and the squared error lost add up to the total.

# %%
def pca_reconstruct(X, mu, Vt, k):
    """Project the rows of X onto the first k principal directions and map back."""
    Z = (X - mu) @ Vt[:k].T
    return mu + Z @ Vt[:k]


for k in (2, 10, 29):
    X_hat = pca_reconstruct(X_dig, mu_dig, Vt_dig, k)
    err2 = np.linalg.norm(X_dig - X_hat) ** 2
    print(f"k = {k:2d}: ||X - X_hat||_F^2 = {err2:10.1f}   sum of discarded s_i^2 = {np.sum(s_dig[k:] ** 2):10.1f}"
          f"   lost share = {err2 / np.sum(s_dig ** 2):.3f}")

# %% [markdown]
# The computed errors equal the sums of the discarded $s_i^2$. With $k = 29$
# the squared error is 4.5% of the total (just under 5%), matching the scree
# plot; note that the "lost share" is relative to $\|X_c\|_F^2 = \sum_i s_i^2$,
# the total variation around the mean.
# **Figure 4** shows reconstructions of eight digits: with 2 components only a
# rough blob survives, with 10 most digits are recognizable, with 29 they are
# close to the originals — 29 numbers per image instead of 64.

# %%
show = [0, 1, 2, 3, 4, 5, 6, 7]
ks_show = [2, 5, 10, 29, None]
fig, axes = plt.subplots(len(ks_show), len(show), figsize=(9, 6.4), layout="constrained")
for r, k in enumerate(ks_show):
    imgs = X_dig[show] if k is None else pca_reconstruct(X_dig[show], mu_dig, Vt_dig, k)
    for c, img in enumerate(imgs):
        axes[r, c].imshow(img.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
        axes[r, c].set_xticks([])
        axes[r, c].set_yticks([])
    axes[r, 0].set_ylabel("original" if k is None else f"k = {k}", rotation=0, ha="right", va="center")
fig.suptitle("Figure 4: digits reconstructed from k principal components", fontsize=12)
plt.show()

# %% [markdown]
# **Why it matters in ML.** Projection to a few components *compresses* data
# and *speeds up* every later step (distances, kernels, models scale with the
# number of features). Reconstruction error is a simple **anomaly score**: a
# sample far from the PCA subspace looks like none of the training data. And
# since noise spreads over all directions while the signal concentrates in a
# few, reconstructing from the top components **denoises** (chapter 06,
# Section 7).
#
# ## 7. A 2-D map of the digits
#
# With $k = 2$ the scores are a point in the plane for every image: a map of
# the data set (**Figure 5**). The labels are *not* used by PCA; we only
# colour the points by them afterwards.

# %%
Z_dig = (X_dig - mu_dig) @ V_dig[:, :2]                # scores on the first two (sign-fixed) directions
print("variance of the two score columns:", np.var(Z_dig, axis=0, ddof=1), "= lambda_1, lambda_2:", var_dig[:2])
print("correlation of the two score columns is 0:", abs(float(np.corrcoef(Z_dig.T)[0, 1])) < 1e-12)
print("share of the variance shown by the map:", round(float(evr[:2].sum()), 3))
centroids = np.array([Z_dig[y_dig == c].mean(axis=0) for c in range(10)])

fig, ax = plt.subplots(figsize=(8, 6.8))
sc = ax.scatter(Z_dig[:, 0], Z_dig[:, 1], c=y_dig, cmap="tab10", s=9, alpha=0.7, vmin=-0.5, vmax=9.5)
for c in range(10):
    ax.text(*centroids[c], str(c), fontsize=18, weight="bold", ha="center", va="center",
            bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor=plt.cm.tab10(c), alpha=0.9))
fig.colorbar(sc, ax=ax, ticks=range(10), label="digit")
ax.set_xlabel(f"score on $\\mathbf{{v}}_1$ ({evr[0]:.1%} of the variance)")
ax.set_ylabel(f"score on $\\mathbf{{v}}_2$ ({evr[1]:.1%} of the variance)")
ax.set_title("Figure 5: the 1797 digits projected on the first two principal directions\n"
             "(colours are the true labels, which PCA did not see)")
plt.show()

# %% [markdown]
# With only 28.5% of the variance, the map already puts 0, 4 and 6 into
# regions of their own and keeps 2, 3 and 9 mostly apart (the circles mark
# the mean of each class), while 1, 5, 7 and 8 overlap near the centre. A 2-D PCA map is the first plot to
# make of a new data set: it shows clusters, outliers and mislabelled points
# in seconds. Non-linear methods (t-SNE, UMAP) separate the digits better,
# and are usually run on the top PCA scores rather than on the raw pixels.
#
# ## 8. Scale the features first (or not)
#
# PCA looks for *variance*, so it depends on the units of the features
# (chapter 01, Section 3). The wine data set that ships with scikit-learn has
# 13 chemical measurements of 178 wines; one of them, proline, ranges from 278
# to 1680 (standard deviation 315), while the standard deviations of the other
# twelve are between 0.12 and 14.3.

# %%
wine = load_wine()
X_wine = wine.data
std_wine = X_wine.std(axis=0, ddof=1)
print("feature std devs:", np.round(std_wine, 2))
for name, Xw in [("raw", X_wine), ("standardized", (X_wine - X_wine.mean(axis=0)) / std_wine)]:
    _, s_w, Vt_w = np.linalg.svd(Xw - Xw.mean(axis=0), full_matrices=False)
    evr_w = s_w**2 / np.sum(s_w**2)
    top = np.argmax(np.abs(Vt_w[0]))
    print(f"{name:>12}: first two ratios {np.round(evr_w[:2], 3)}, largest weight in v_1: "
          f"{wine.feature_names[top]} ({abs(Vt_w[0, top]):.3f})")

# %% [markdown]
# On the raw data the first component is proline alone (its weight in the
# unit vector $\mathbf{v}_1$ is 1.000 to three digits) and "explains" 99.8%
# of the variance — a statement about units, not about
# wine. After **standardizing** (subtract the mean, divide by the standard
# deviation, so that $C$ becomes the *correlation* matrix) the first two
# components explain 36.2% and 19.2% and mix many features. Standardize when
# the features have different units; keep the raw scale when they share one
# meaningful unit (pixels of an image, as for the digits, where a blank border
# pixel *should* count less).

# %% [markdown]
# ## 9. Whitening
#
# The scores $Z = X_cV_k$ are uncorrelated but have different variances
# $\lambda_1 \ge \dots \ge \lambda_k$. **Whitening** rescales each score
# column to unit variance:
#
# $$
# Z_w = X_cV_k\Lambda_k^{-1/2} = \sqrt{n-1}\;U_k, \qquad
# \frac{Z_w^\top Z_w}{n-1} = \Lambda_k^{-1/2}V_k^\top CV_k\Lambda_k^{-1/2} = I_k .
# $$
#
# The whitened data has identity covariance: the cloud becomes round
# (**Figure 6**). Whitening is used before algorithms that assume
# uncorrelated, equally scaled inputs — independent component analysis,
# $k$-means with round clusters, some older neural-network preprocessing —
# and `PCA(whiten=True)` does it in scikit-learn. Two cautions: it divides by
# $\sqrt{\lambda_i}$, so directions of tiny variance (often pure noise) are
# blown up — keep only components with $\lambda_i$ clearly above zero, or add
# a small $\varepsilon$ to $\lambda_i$; and it throws away the relative
# importance of the components, which a later model must then relearn.

# %%
Z_toy = Xc_toy @ Q_toy                                  # rotate: uncorrelated scores
Zw_toy = Z_toy / np.sqrt(lam_toy)                       # rescale: unit variances
print("covariance of the scores:\n", np.round(np.cov(Z_toy, rowvar=False), 6) + 0.0)   # + 0.0 turns -0.0 into 0.0
print("covariance of the whitened scores:\n", np.round(np.cov(Zw_toy, rowvar=False), 6) + 0.0)
print("whitened = sqrt(n-1) U (up to column signs):",
      np.allclose(np.abs(Zw_toy), np.abs(np.sqrt(n_toy - 1) * U_toy)))

fig, axes = plt.subplots(1, 3, figsize=(13, 4.6), layout="constrained", sharex=True, sharey=True)
panels = [(Xc_toy, "centered data $X_c$", ("feature 1", "feature 2")),
          (Z_toy, "rotated: scores $X_cV$", ("score 1", "score 2")),
          (Zw_toy, "whitened: $X_cV\\Lambda^{-1/2}$", ("whitened score 1", "whitened score 2"))]
for ax, (P, title, labels) in zip(axes, panels):
    ax.scatter(P[:, 0], P[:, 1], s=7, alpha=0.4, c=Xc_toy[:, 0], cmap="viridis")
    Cp = np.cov(P, rowvar=False)
    ax.set_title(f"{title}\nvariances {Cp[0, 0]:.2f}, {Cp[1, 1]:.2f}; covariance {round(Cp[0, 1], 2) + 0.0:.2f}")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_aspect("equal")
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
fig.suptitle("Figure 6: PCA rotates the cloud onto its axes; whitening makes it round "
             "(colour = original feature 1, to follow the points)", fontsize=12)
plt.show()

# %% [markdown]
# ## 10. Fit on the training set, apply to the test set
#
# PCA is a model with learned parameters: the mean $\boldsymbol{\mu}$ and the
# directions $V_k$. Like any model it must be **fitted on the training data
# only** and then applied unchanged to new data:
#
# $$
# Z_\text{test} = (X_\text{test} - \boldsymbol{\mu}_\text{train})\,V_{k,\text{train}} .
# $$
#
# Two tempting mistakes: refitting PCA on the test set (the test scores are
# then in a *different* coordinate system, meaningless to a model trained on
# the training scores, and the test data has leaked into the preprocessing),
# and centering the test data with its own mean. The second is subtle on a
# large random test set, whose mean is close to the training mean, and
# catastrophic in deployment, where data arrives one sample at a time: the
# "mean" of a single sample is the sample itself, so every centered feature
# becomes zero.
#
# Let us split the digits into 1000 training and 797 test images, fit PCA on
# the training part, and classify every test image by its **nearest
# neighbour** among the training images (chapter 01: distances), once on the
# raw 64 pixels and once on $k$ PCA scores.

# %%
perm = rng.permutation(n_dig)
tr, te = perm[:1000], perm[1000:]
X_tr, y_tr, X_te, y_te = X_dig[tr], y_dig[tr], X_dig[te], y_dig[te]

mu_tr = X_tr.mean(axis=0)
_, s_tr, Vt_tr = np.linalg.svd(X_tr - mu_tr, full_matrices=False)   # fitted on the training set only


def nearest_neighbour_accuracy(F_tr, F_te):
    """Share of test rows whose nearest training row (Euclidean) has the same label."""
    d2 = (F_te**2).sum(axis=1)[:, None] + (F_tr**2).sum(axis=1)[None, :] - 2 * F_te @ F_tr.T
    return float(np.mean(y_tr[np.argmin(d2, axis=1)] == y_te))


print(f"raw pixels (64):   accuracy {nearest_neighbour_accuracy(X_tr, X_te):.3f}")
for k in (2, 5, 10, 20, 40):
    Vk = Vt_tr[:k].T
    acc = nearest_neighbour_accuracy((X_tr - mu_tr) @ Vk, (X_te - mu_tr) @ Vk)
    print(f"PCA, k = {k:2d}:      accuracy {acc:.3f}")

for k in (10, 29):
    Vk = Vt_tr[:k].T
    err = [np.mean(np.sum((Xs - (mu_tr + (Xs - mu_tr) @ Vk @ Vk.T)) ** 2, axis=1)) for Xs in (X_tr, X_te)]
    print(f"k = {k}: mean squared reconstruction error per image, train {err[0]:.1f}, test {err[1]:.1f}")

# %% [markdown]
# Two components give 58.8% accuracy (the overlapping classes of Figure 5);
# ten already give 97.7%, close to the 98.7% of all 64 pixels, with a sixth
# of the numbers per image and faster distance computations, and 40 do as
# well as the raw pixels (98.9% against 98.7%: a test image or two, a
# difference too small to mean anything). The reconstruction error is a little larger
# on the test images than on the training images: the directions were chosen
# to fit the training set, so it flatters the training data, exactly as a
# training loss does. Choosing $k$ by the accuracy of the final model,
# on a separate *validation* set (not on the test set, as this illustration
# does) is often better than a fixed variance threshold.
#
# The wrong ways, on the same split:

# %%
k = 10
Vk_tr = Vt_tr[:k].T
Z_tr = (X_tr - mu_tr) @ Vk_tr
_, _, Vt_te = np.linalg.svd(X_te - X_te.mean(axis=0), full_matrices=False)     # WRONG: refit on the test set
Z_te_refit = (X_te - X_te.mean(axis=0)) @ Vt_te[:k].T
print("refit on test:      accuracy", round(nearest_neighbour_accuracy(Z_tr, Z_te_refit), 3))
Z_te_ownmean = (X_te - X_te.mean(axis=0)) @ Vk_tr                               # WRONG: test mean
print("test's own mean:    accuracy", round(nearest_neighbour_accuracy(Z_tr, Z_te_ownmean), 3))
Z_te = (X_te - mu_tr) @ Vk_tr                                                   # right
print("training mean and V: accuracy", round(nearest_neighbour_accuracy(Z_tr, Z_te), 3))
one = X_te[:1]
print("one test image centered by its own mean:", np.abs(one - one.mean(axis=0)).max(), "(every feature is 0)")

# %% [markdown]
# Refitting on the test set drops the accuracy to 16.1%, barely better than
# guessing: the test scores no longer line up with the training scores,
# because the refitted directions differ (some only by sign, others by a
# rotation among components of similar variance). Centering with the test
# set's own mean costs little here (97.6% against 97.7%) only because a random
# test set of 797 images has nearly the training mean; with one image at a
# time it destroys all information. In scikit-learn, `PCA().fit(X_train)`
# followed by `.transform(X_test)`, or a `Pipeline([("pca", PCA(k)), ("clf", ...)])`
# fitted on the training set, does the right thing automatically.
#
# ## 11. Exact PCA of a tiny data set with SymPy
#
# SymPy confirms the formulas on a data set small enough to do by hand: five
# points in the plane with mean $(3, 2)$.

# %%
X_small = sp.Matrix([[5, 3], [3, 3], [1, 1], [3, 1], [3, 2]])
n_small = X_small.rows
mu_small = sp.Matrix([[sum(X_small[:, j]) / n_small for j in range(2)]])
Xc_small = X_small - sp.ones(n_small, 1) * mu_small
C_small = Xc_small.T * Xc_small / (n_small - 1)
print("mean:", mu_small, "  covariance:", C_small)
lam_1, lam_2 = sorted(C_small.eigenvals(), key=lambda e: -e)   # exact, largest first
print("eigenvalues:", lam_1, ",", lam_2, " =", sp.N(lam_1, 6), ",", sp.N(lam_2, 6))
v_1 = sp.Matrix([2, sp.sqrt(5) - 1])                               # solves (C - lambda_1 I) v = 0
print("(C - lambda_1 I) v_1 = 0:", sp.simplify((C_small - lam_1 * sp.eye(2)) * v_1).T)
print("unit vector v_1 / ||v_1||:", (v_1 / v_1.norm()).T, " with ||v_1||^2 =", sp.expand(v_1.dot(v_1)))
print("share of lambda_1:", sp.simplify(lam_1 / C_small.trace()), "=", sp.N(lam_1 / C_small.trace(), 4))

# %% [markdown]
# The covariance matrix is $\begin{pmatrix}2&1\\1&1\end{pmatrix}$; its
# characteristic polynomial $\lambda^2 - 3\lambda + 1$ has the roots
# $\frac{3\pm\sqrt5}{2}$ (the golden ratio squared, $\varphi^2 \approx 2.618$,
# and $1/\varphi^2 \approx 0.382$). The first row of $C - \lambda_1I$ reads
# $(2 - \lambda_1)x + y = 0$, so $y = \frac{\sqrt5 - 1}{2}x$ and
# $(2, \sqrt5 - 1)$ is an eigenvector, of squared length $10 - 2\sqrt5$. The
# first component explains $\lambda_1/\operatorname{tr}C = \frac{3+\sqrt5}{6} \approx 87.3\%$
# of the variance.
#
# ## 12. Summary
#
# | step | formula | NumPy |
# |---|---|---|
# | center | $X_c = X - \mathbf{1}\boldsymbol{\mu}^\top$ | `Xc = X - X.mean(axis=0)` |
# | covariance | $C = X_c^\top X_c/(n-1)$ | `np.cov(X, rowvar=False)` (rarely needed) |
# | principal directions | top eigenvectors of $C$ = right singular vectors of $X_c$ | `U, s, Vt = np.linalg.svd(Xc, full_matrices=False)`; `Vt[:k]` |
# | explained variance | $\lambda_i = s_i^2/(n-1)$, ratio $\lambda_i/\sum_j\lambda_j$ | `s**2 / (n - 1)` |
# | scores (project) | $Z = X_cV_k = U_k\Sigma_k$ | `Xc @ Vt[:k].T` |
# | reconstruct | $\hat X = \mathbf{1}\boldsymbol{\mu}^\top + ZV_k^\top$, error$^2 = \sum_{i>k}s_i^2$ | `mu + Z @ Vt[:k]` |
# | whiten | $Z_w = X_cV_k\Lambda_k^{-1/2}$, covariance $I$ | `Z / np.sqrt(s[:k]**2 / (n - 1))` |
# | new data | $(X_\text{test} - \boldsymbol{\mu}_\text{train})V_{k,\text{train}}$ | `PCA(k).fit(X_train).transform(X_test)` |
#
# Practical lessons: always center (and standardize features of different
# units); compute PCA by the SVD of the centered data, not by forming the
# covariance matrix, especially for wide data or when small components
# matter; components are defined up to sign, so compare them up to sign or by
# their span; $n - 1$ in the variances; and fit the mean and the directions on
# the training set only.
#
# ## What's next
#
# PCA approximates a *fully observed* data matrix by a low-rank one. **Chapter
# 07** asks the same of a matrix with most entries *missing* — the ratings of
# a recommender system — where the low-rank factors must be fitted to the
# observed entries only.
