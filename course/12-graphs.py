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
# # Chapter 12 — Graphs and scalable factorizations
#
# Chapter 11 stored a grid graph as a sparse Laplacian and solved with it. This
# chapter takes graphs as *data*: a social network, a web of links, a
# citation graph. Written as sparse matrices, the questions ML asks of them
# become linear algebra that scales to millions of nodes — as long as we only
# ever multiply by the matrix. The same is true of large dense data: a few
# random products are enough for a nearly optimal low-rank approximation. In order:
#
# 1. a graph as a sparse matrix: adjacency, degrees, the Laplacian and its zero eigenvalues;
# 2. PageRank: power iteration on a sparse link matrix, teleportation and dangling nodes;
# 3. graph convolution: the normalized adjacency $\hat A$ and one layer $\hat A X W$;
# 4. spectral clustering with the Fiedler vector, and `eigsh` on a large graph;
# 5. randomized SVD against the Eckart–Young optimum of chapter 06;
# 6. tensors with `np.einsum`, and a CP factorization by alternating least squares.
#
# **Conventions** as before: $n$ nodes numbered $0, \dots, n-1$; $A$ the
# adjacency matrix; $\mathbf{1}$ the all-ones vector; $\|\cdot\|_1$ the sum of
# absolute values; "sparse" means a SciPy CSR array (chapter 11). All data
# are generated here with a seeded random generator.

# %%
import itertools
import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import sympy as sp
from IPython.display import display
from scipy.sparse.csgraph import connected_components

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook


def timeit(f, repeat=3):
    """The best of `repeat` wall-clock times of f(), in seconds."""
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


# %% [markdown]
# ## 1. A graph as a sparse matrix
#
# An undirected graph on $n$ nodes is its **adjacency matrix**
# $A \in \{0, 1\}^{n\times n}$: $a_{ij} = a_{ji} = 1$ when nodes $i$ and $j$
# are joined by an edge. The **degree** $d_i = \sum_j a_{ij}$ counts the
# neighbours of node $i$; $D = \operatorname{diag}(d_1, \dots, d_n)$. A real
# graph has a few neighbours per node and millions of nodes: $A$ has
# $2|E|$ non-zeros out of $n^2$ entries, the textbook case for sparse storage.
#
# **The data.** A *stochastic block model* (SBM) is the simplest random graph
# with communities: nodes belong to groups, and each pair is joined
# independently with probability $p_{\text{in}}$ inside a group and
# $p_{\text{out}} < p_{\text{in}}$ between groups. Ours has 34 nodes (the size
# of the classic "karate club" network) in three communities of 12, 12 and 10,
# and, as in real data, the nodes come in an order that hides the communities.

# %%
def sbm(sizes, p_in, p_out, rng):
    """Adjacency (CSR, symmetric 0/1, no self-loops) and community labels of a stochastic block model."""
    labels = np.repeat(np.arange(len(sizes)), sizes)
    n = labels.size
    prob = np.where(labels[:, None] == labels[None, :], p_in, p_out)
    upper = np.triu(rng.random((n, n)) < prob, k=1)
    return sps.csr_array((upper | upper.T).astype(float)), labels


A_sorted, labels_sorted = sbm([12, 12, 10], 0.5, 0.04, rng)
perm = rng.permutation(34)                              # hide the communities: shuffle the node numbers
A = sps.csr_array(A_sorted[perm][:, perm])
labels = labels_sorted[perm]
deg = A.sum(axis=1)
L = sps.diags_array(deg) - A                            # the graph Laplacian
n_comp, _ = connected_components(A, directed=False)
print("nodes:", A.shape[0], " edges:", int(A.nnz // 2), " degrees from", int(deg.min()), "to", int(deg.max()))
print("connected components:", n_comp, " symmetric:", abs(A - A.T).max() == 0, " L 1 = 0:", abs(L @ np.ones(34)).max() == 0)

# %% [markdown]
# **The Laplacian** $L = D - A$ (chapter 11 built it for a grid) satisfies
# $\mathbf{x}^\top L\mathbf{x} = \sum_{\{i,j\}\in E}(x_i - x_j)^2 \ge 0$: it is
# symmetric positive semidefinite, and $L\mathbf{1} = \mathbf{0}$. More
# precisely, $\mathbf{x}^\top L\mathbf{x} = 0$ exactly when $x_i = x_j$ along
# every edge, that is when $\mathbf{x}$ is **constant on each connected
# component**. So the null space of $L$ is spanned by the indicator vectors of
# the components:
#
# $$
# \text{number of zero eigenvalues of } L \;=\; \text{number of connected components}.
# $$
#
# Delete every edge between communities and the graph falls apart into three
# pieces; the eigenvalues say so:

# %%
def count_zero_eigenvalues(L, tol=1e-9):
    return int(np.sum(np.abs(np.linalg.eigvalsh(L.toarray())) < tol))


A_cut = sps.csr_array(A.multiply(labels[:, None] == labels[None, :]))   # keep only the edges inside a community
A_cut.eliminate_zeros()
L_cut = sps.diags_array(A_cut.sum(axis=1)) - A_cut
print("smallest eigenvalue of L >= -1e-12 (PSD):", bool(np.linalg.eigvalsh(L.toarray()).min() > -1e-12))
print("zero eigenvalues: whole graph", count_zero_eigenvalues(L), "| communities cut apart", count_zero_eigenvalues(L_cut),
      "| components of the cut graph", connected_components(A_cut, directed=False)[0])
print("eigenvalues 1-5 of L, whole graph:", np.round(np.linalg.eigvalsh(L.toarray())[:5], 1) + 0.0)   # + 0.0: no "-0."

# %% [markdown]
# With the between-community edges back, only one eigenvalue is exactly 0, and
# the next two are small (0.8 and 1.4): a graph that is *almost* three
# components has almost three zero eigenvalues. The gap to the fourth (2.2) is
# not sharp here, because high-degree nodes inflate the eigenvalues of $L$;
# Section 4 normalizes by the degrees and turns the remark into a clustering
# algorithm.
#
# **Why it matters in ML.** Graphs are data in recommendation (users and
# items), fraud detection (transactions), chemistry (molecules), and search
# (links). Written as sparse matrices, "a node's neighbours" is a row of $A$,
# "sum over neighbours" is a product $A\mathbf{x}$, and the number of
# operations is proportional to the number of edges, not to $n^2$.
#
# ## 2. PageRank: power iteration on a sparse link matrix
#
# A directed graph — page $i$ links to page $j$ — has a non-symmetric
# adjacency matrix: $a_{ij} = 1$ for a link $i \to j$, out-degree
# $d_i = \sum_j a_{ij}$. A *random surfer* on page $j$ follows one of its
# $d_j$ links at random; the probability of going from $j$ to $i$ is
# $a_{ji}/d_j$. These probabilities are the **column-stochastic link matrix**
#
# $$
# P = A^\top D^{-1}, \qquad p_{ij} = a_{ji}/d_j, \qquad \mathbf{1}^\top P = \mathbf{1}^\top
# \quad(\text{every column sums to 1}),
# $$
#
# (for a page without out-links, $d_j = 0$, the column $j$ of $P$ is zero),
# and if $\mathbf{x}$ holds the probabilities of being on each page now,
# $P\mathbf{x}$ holds them one click later (chapter 06's Markov chain).
# **PageRank** is the stationary distribution, $\mathbf{x} = P\mathbf{x}$ —
# after two repairs:
#
# * **dangling nodes**: a page with no out-link ($d_j = 0$) has a zero column
#   in $P$, and the surfer's probability leaks away. The fix: from a dangling
#   page, jump to a page chosen uniformly at random.
# * **teleportation**: with probability $1 - \alpha$ the surfer ignores the
#   links and jumps to a uniformly random page. The damping factor
#   $\alpha = 0.85$ is Google's original choice. This makes the chain reach
#   every page from every page, so the stationary distribution is unique.
#
# Together, the **Google matrix** is
#
# $$
# G = \alpha\Big(P + \tfrac1n\mathbf{1}\mathbf{d}^\top\Big) + \tfrac{1-\alpha}{n}\mathbf{1}\mathbf{1}^\top ,
# \qquad \mathbf{d} = \text{indicator of the dangling nodes},
# $$
#
# a dense $n\times n$ matrix — which we never form. Its product with a
# probability vector ($\mathbf{1}^\top\mathbf{x} = 1$) is one sparse product
# plus a constant:
#
# $$
# G\mathbf{x} = \alpha P\mathbf{x} + \frac{\alpha\,\mathbf{d}^\top\mathbf{x} + 1 - \alpha}{n}\,\mathbf{1} .
# $$
#
# The constant is exactly the probability mass that $\alpha P\mathbf{x}$ lost,
# $1 - \mathbf{1}^\top(\alpha P\mathbf{x})$, so it can be computed without
# finding the dangling nodes at all. **Power iteration** (chapter 06)
# $\mathbf{x}_{k+1} = G\mathbf{x}_k$ from the uniform vector costs
# $O(\text{nnz})$ per step.
#
# **Convergence rate.** $G$ maps probability vectors to probability vectors,
# and for two of them the difference $\mathbf{e} = \mathbf{x} - \mathbf{y}$
# has $\mathbf{1}^\top\mathbf{e} = 0$, so the constant terms cancel and
# $G\mathbf{e} = \alpha(P + \frac1n\mathbf{1}\mathbf{d}^\top)\mathbf{e}$, a
# column-stochastic matrix times $\alpha$. A column-stochastic matrix does not
# increase the 1-norm, hence
#
# $$
# \|\mathbf{x}_k - \mathbf{x}^*\|_1 \le \alpha^k\,\|\mathbf{x}_0 - \mathbf{x}^*\|_1 \le 2\alpha^k ,
# $$
#
# whatever the graph: with $\alpha = 0.85$, an error of $10^{-8}$ takes at most
# $\log(10^{-8}/2)/\log 0.85 \approx 118$ steps. In the eigenvalue terms of
# chapter 06: $|\lambda_2(G)| \le \alpha$ while $\lambda_1(G) = 1$, so power
# iteration converges at least like $\alpha^k$.
#
# First, a web of 7 pages small enough to check by hand; page 6 has no
# out-link.

# %%
def link_matrix(A):
    """P = A^T D^{-1} (CSR) and the dangling indicator, for a sparse adjacency A with a_ij = weight of link i -> j."""
    out = np.asarray(A.sum(axis=1)).ravel()
    inv = np.divide(1.0, out, out=np.zeros_like(out), where=out > 0)
    return sps.csr_array(A.T @ sps.diags_array(inv)), out == 0


def pagerank(A, alpha=0.85, tol=1e-10, max_iter=10_000, x_true=None):
    """PageRank by power iteration; stops when ||x_{k+1} - x_k||_1 < tol. Returns x and the errors to x_true."""
    P, _ = link_matrix(A)
    n = A.shape[0]
    x = np.full(n, 1.0 / n)
    errors = []
    for _ in range(max_iter):
        x_new = alpha * (P @ x)
        x_new += (1.0 - x_new.sum()) / n          # teleportation + dangling mass, spread uniformly
        if x_true is not None:
            errors.append(np.abs(x_new - x_true).sum())
        done = np.abs(x_new - x).sum() < tol
        x = x_new
        if done:
            break
    return x, np.array(errors)


links = [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2), (3, 4), (4, 5), (5, 3), (5, 6), (4, 6), (1, 6)]
A_web = sps.csr_array((np.ones(len(links)), tuple(zip(*links))), shape=(7, 7))
x_power, _ = pagerank(A_web, tol=1e-13)

P_web, dangling = link_matrix(A_web)
y = spla.spsolve(sps.csc_array(sps.eye_array(7) - 0.85 * P_web), np.ones(7))   # (I - alpha P) y = 1
x_direct = y / y.sum()
print("dangling pages:", np.flatnonzero(dangling))
print("PageRank (power): ", np.round(x_power, 3))
print("PageRank (direct):", np.round(x_direct, 3), "  same:", np.allclose(x_power, x_direct, atol=1e-12))

# %% [markdown]
# **The direct solve.** Writing $\mathbf{x} = G\mathbf{x}$ out with
# $\mathbf{1}^\top\mathbf{x} = 1$ gives
# $(I - \alpha P)\mathbf{x} = \frac{\alpha\,\mathbf{d}^\top\mathbf{x} + 1 - \alpha}{n}\mathbf{1}$,
# a multiple of $\mathbf{1}$: so $\mathbf{x}$ is the solution $\mathbf{y}$ of
# the sparse system $(I - \alpha P)\mathbf{y} = \mathbf{1}$, rescaled to sum
# to 1. ($I - \alpha P$ is invertible since $\|\alpha P\|_1 \le \alpha < 1$.)
# For 7 pages both agree to 12 digits. Page 0 ranks first although only
# page 2 links to it: page 2, linked from three pages, passes all its rank on
# to page 0. Pages 3, 4 and 5, a cycle that no other page links into, share
# the last place.
#
# **At scale.** A random "web" of 50 000 pages: each page has a random number
# of out-links (some have none), and links favour popular pages
# (probabilities proportional to a Zipf-like weight), so a few pages collect
# most of the rank, as on the real web.

# %%
n_big = 50_000
out_deg = rng.poisson(6, size=n_big) * (rng.random(n_big) > 0.1)      # about 10% dangling pages
popularity = 1.0 / np.arange(1, n_big + 1) ** 0.8
popularity /= popularity.sum()
sources = np.repeat(np.arange(n_big), out_deg)
targets = rng.choice(n_big, size=sources.size, p=popularity)
trap = (sources >= n_big - 1000)                       # the last 1000 pages: 500 pairs that link only to each other
targets[trap] = sources[trap] ^ 1
pairs = np.arange(n_big - 1000, n_big)                 # every page of a pair links to its partner (none is dangling)
A_big = sps.csr_array((np.ones(sources.size + 1000), (np.concatenate([sources, pairs]), np.concatenate([targets, pairs ^ 1]))),
                      shape=(n_big, n_big))
A_big.sum_duplicates()
A_big.data[:] = 1.0
print("pages:", n_big, " links:", A_big.nnz, " dangling:", int(np.sum(A_big.sum(axis=1) == 0)),
      f" dense would take {n_big**2 * 8 / 1e9:.0f} GB")

reference = {alpha: pagerank(A_big, alpha=alpha, tol=1e-14)[0] for alpha in (0.5, 0.85, 0.95)}
errors = {alpha: pagerank(A_big, alpha=alpha, tol=0, max_iter=300, x_true=x_ref)[1] for alpha, x_ref in reference.items()}
x_star = reference[0.85]
print("top-100 pages hold", round(100 * np.sort(x_star)[::-1][:100].sum()), "% of the rank;",
      "the 1000 trap pages", round(100 * x_star[-1000:].sum()), "%")
print("steps to error 1e-8:", {alpha: int(np.argmax(e < 1e-8)) + 1 for alpha, e in errors.items()})
print("error shrinks per step (steps 10 to 20) by alpha times",
      {alpha: round(float((e[19] / e[9]) ** 0.1 / alpha), 2) for alpha, e in errors.items()})

# %% [markdown]
# The last 1000 pages are 500 "spider traps": pairs that link only to each
# other (link farms are built like this). **Figure 1** plots the error of the
# power iteration against the bound $2\alpha^k$.

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
for (alpha, e), color in zip(errors.items(), ["C0", "C1", "C3"]):
    ks = np.arange(1, e.size + 1)
    ax.semilogy(ks, e, color=color, lw=2, label=f"error, alpha = {alpha}")
    ax.semilogy(ks, 2 * alpha**ks, color=color, ls="--", lw=1, label=f"bound 2 alpha^k, alpha = {alpha}")
ax.set_ylim(1e-12, 10)
ax.set_xlim(0, 300)
ax.set_xlabel("iteration k")
ax.set_ylabel("$\\|x_k - x^*\\|_1$")
ax.set_title("Figure 1: PageRank power iteration on 50 000 pages")
ax.legend(fontsize=8, ncol=2)
plt.show()

# %% [markdown]
# The error falls geometrically, nearly parallel to the bound $2\alpha^k$ (dashed):
# the number of steps for a tolerance grows like $1/|\log\alpha|$, and
# $\alpha = 0.95$ needs about three times as many steps as $0.85$ (291
# against 94 for $10^{-8}$; $\log 0.85/\log 0.95 \approx 3.2$). The rate is
# close to $\alpha$ here (printed above: $0.99\,\alpha$ per step) because of the
# traps. The error is $\mathbf{x}_k - \mathbf{x}^* = \alpha^k S^k(\mathbf{x}_0 - \mathbf{x}^*)$
# with $S = P + \frac1n\mathbf{1}\mathbf{d}^\top$, the surfer without
# teleportation; probability that enters a pair of pages linking only to
# each other never leaves it, so each pair gives $S$ the eigenvalues $1$ and
# $-1$, and $S^k(\mathbf{x}_0 - \mathbf{x}^*)$ does not go to zero: it shrinks
# only while the rest of the web drains into the traps, by less than 1% per
# step. Teleportation is the only force that pulls the iteration together. On a
# well-mixed graph without such pieces the error falls faster than $\alpha^k$
# — never slower. Each step is one sparse product over about 260 000 links:
# a few milliseconds.
#
# **Why it matters in ML.** PageRank and its "personalized" variant (teleport
# to one user's items instead of uniformly) rank search results, suggest whom
# to follow, and propagate labels in semi-supervised learning. The damping
# factor is a trade-off you can now quantify: closer to 1 follows the links
# more faithfully, and converges as $\alpha^k$, more slowly.
#
# ## 3. Graph convolution: $\hat A X W$
#
# A **graph convolutional network** (GCN, Kipf and Welling 2017) stores a
# feature vector per node, the rows of $X \in \mathbb{R}^{n\times f}$, and
# updates each node from its neighbours. One layer is
#
# $$
# X' = \sigma\big(\hat A X W\big), \qquad
# \hat A = \tilde D^{-1/2}(A + I)\tilde D^{-1/2}, \quad \tilde D = \operatorname{diag}\big((A + I)\mathbf{1}\big),
# $$
#
# with $W \in \mathbb{R}^{f\times f'}$ learned and $\sigma$ a nonlinearity.
# Row $i$ of $\hat A X$ is a weighted combination — nearly an average — of the
# features of node $i$ (the self-loop $I$) and of its neighbours, with weights
# $1/\sqrt{\tilde d_i\tilde d_j}$: the features are **smoothed over the
# graph**. The symmetric normalization keeps the eigenvalues of $\hat A$ in
# $(-1, 1]$, so stacking layers does not blow the features up.
#
# **Cost.** $\hat A$ is as sparse as $A$ (plus the diagonal), so $\hat A X W$
# computed as $\hat A(XW)$ costs $O(\text{nnz}(\hat A)\,f')$ plus $O(nff')$ for $XW$
# — linear in the size of the graph. A dense $\hat A$ would cost $O(n^2 f')$
# and $n^2$ memory. In the 34-node graph, we give each node 8 noisy features
# whose mean depends on its community, and smooth them:

# %%
def normalized_adjacency(A):
    """A_hat = D~^{-1/2} (A + I) D~^{-1/2}, sparse."""
    A_tilde = sps.csr_array(A + sps.eye_array(A.shape[0]))
    d_inv_sqrt = 1.0 / np.sqrt(np.asarray(A_tilde.sum(axis=1)).ravel())
    return sps.csr_array(sps.diags_array(d_inv_sqrt) @ A_tilde @ sps.diags_array(d_inv_sqrt))


def nearest_centroid_accuracy(F, labels):
    """Share of nodes whose features are closest to the mean of their own community."""
    centroids = np.array([F[labels == c].mean(axis=0) for c in np.unique(labels)])
    dist = ((F[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return float(np.mean(dist.argmin(axis=1) == labels))


A_hat = normalized_adjacency(A)
means = rng.normal(size=(3, 8))
X_feat = means[labels] + 2.0 * rng.normal(size=(34, 8))          # signal buried in noise
smoothed = [X_feat, A_hat @ X_feat, A_hat @ (A_hat @ X_feat)]
eig_hat = np.linalg.eigvalsh(A_hat.toarray())
print("eigenvalues of A_hat in (-1, 1]:", bool(eig_hat.min() > -1 and np.isclose(eig_hat.max(), 1)))
print("nearest-centroid accuracy after 0, 1, 2 smoothings:",
      [round(nearest_centroid_accuracy(F, labels), 2) for F in smoothed])

# %% [markdown]
# Raw, the features put 68% of the nodes with their own community; one
# product with $\hat A$ — one GCN layer with $W = I$ and no nonlinearity —
# averages away most of the noise (94%), because neighbours are mostly in the
# same community; a second product adds nothing here. That is the inductive bias of a GCN: *neighbours are
# alike*. (Too many layers smooth everything towards the same vector,
# "over-smoothing": every column of $\hat A^k X$ converges to a multiple of the top eigenvector of
# $\hat A$ (proportional to $\sqrt{\tilde d_i}$ on a connected graph): it depends on the degrees only.)
#
# The sparse product against the dense one, on an SBM with 4000 nodes and
# 64 features:

# %%
A_mid, _ = sbm([2000, 2000], 0.005, 0.0005, rng)
A_hat_mid = normalized_adjacency(A_mid)
A_hat_dense = A_hat_mid.toarray()
X_mid = rng.normal(size=(4000, 64))
W_mid = rng.normal(size=(64, 16))
print("nnz(A_hat):", A_hat_mid.nnz, "of", 4000**2, "entries;  same result:",
      np.allclose(A_hat_mid @ (X_mid @ W_mid), A_hat_dense @ X_mid @ W_mid))

# %% tags=["nbval-ignore-output"]
t_sparse = timeit(lambda: A_hat_mid @ (X_mid @ W_mid), repeat=10)
t_dense = timeit(lambda: A_hat_dense @ X_mid @ W_mid, repeat=3)
print(f"sparse A_hat (X W): {1e3 * t_sparse:.2f} ms    dense A_hat X W: {1e3 * t_dense:.1f} ms")

# %% [markdown]
# The sparse layer is typically tens of times faster here, and the gap grows
# like $n$: a citation graph with $10^6$ nodes would need 8 TB for a dense
# $\hat A$, while its sparse $\hat A$ fits in a few hundred MB.
#
# ## 4. Spectral clustering with the Fiedler vector
#
# Section 1 found that a graph that is almost disconnected has small
# eigenvalues of $L$ beyond the first zero. Their eigenvectors are almost
# constant on the communities. Why: by Section 1, the quadratic form
#
# $$
# \mathbf{x}^\top L\mathbf{x} = \sum_{\{i,j\}\in E}(x_i - x_j)^2
# $$
#
# is small for a vector that is constant on each community, since only the
# few edges *between* communities contribute. The minimum of
# $\mathbf{x}^\top L\mathbf{x}$ over unit vectors orthogonal to $\mathbf{1}$
# is the second-smallest eigenvalue $\lambda_2$ (the *algebraic
# connectivity*), attained by its eigenvector, the **Fiedler vector**: the
# relaxation of "cut the graph into two pieces with few edges between them".
# In practice one uses the **normalized Laplacian**
# $L_{\text{sym}} = I - D^{-1/2}AD^{-1/2}$, which balances the sizes of the
# pieces and whose eigenvalues lie in $[0, 2]$.
#
# Sort the nodes by their entry in the Fiedler vector: nodes of one community
# get similar values, so they become neighbours in the ordering, and the
# adjacency matrix becomes block diagonal (**Figure 2**). For $k$ communities
# take the first $k$ eigenvectors as coordinates of the nodes (a "spectral
# embedding") and cluster those points, here by a small $k$-means.

# %%
d_inv_sqrt = 1.0 / np.sqrt(deg)
L_sym = np.eye(34) - (sps.diags_array(d_inv_sqrt) @ A @ sps.diags_array(d_inv_sqrt)).toarray()
evals_sym, evecs_sym = np.linalg.eigh(L_sym)
fiedler = evecs_sym[:, 1]
order = np.argsort(fiedler)
print("eigenvalues 1-6 of L_sym:", np.round(evals_sym[:6], 2) + 0.0)


def kmeans(Y, k, iters=50):
    """Plain k-means, started from k far-apart rows (deterministic)."""
    centers = [Y[np.argmax(np.linalg.norm(Y - Y.mean(axis=0), axis=1))]]
    while len(centers) < k:
        centers.append(Y[np.argmax(np.min([np.linalg.norm(Y - c, axis=1) for c in centers], axis=0))])
    centers = np.array(centers)
    for _ in range(iters):
        assign = np.argmin(((Y[:, None, :] - centers[None]) ** 2).sum(axis=2), axis=1)
        centers = np.array([Y[assign == c].mean(axis=0) for c in range(k)])
    return assign


def agreement(found, truth):
    """Share of nodes labelled correctly, up to a renaming of the clusters."""
    k = truth.max() + 1
    return max(float(np.mean(np.array(p)[found] == truth)) for p in itertools.permutations(range(k)))


clusters = kmeans(evecs_sym[:, :3] / np.linalg.norm(evecs_sym[:, :3], axis=1, keepdims=True), 3)
print("spectral clustering recovers the communities of", int(round(agreement(clusters, labels) * 34)), "of 34 nodes")

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 4.3), layout="constrained")
axes[0].spy(A, markersize=4)
axes[0].set_title("adjacency, nodes in the given order")
axes[1].spy(A[order][:, order], markersize=4)
axes[1].set_title("nodes sorted by the Fiedler vector")
axes[2].scatter(np.arange(34), fiedler[order], c=labels[order], cmap="viridis", s=25)
axes[2].axhline(0, color="grey", lw=0.8)
axes[2].set_xlabel("position in the spectral order")
axes[2].set_ylabel("entry of the Fiedler vector")
axes[2].set_title("Fiedler vector (colour = true community)")
fig.suptitle("Figure 2: the 34-node graph before and after spectral ordering")
plt.show()

# %% [markdown]
# Sorted by the Fiedler vector, three dense diagonal blocks appear: the
# communities. One community sits at each end of the Fiedler vector and the
# third in the middle; three small eigenvalues (0, then 0.15 and 0.27,
# against 0.53 and more) announce the three communities, and $k$-means on the
# first three eigenvectors (each row scaled to length 1) puts 33 of the 34
# nodes in their community.
#
# **At scale with `eigsh`.** An SBM with two communities of 10 000 nodes, 10
# neighbours on average inside and 1 outside. A dense eigendecomposition would
# need $20\,000^2 \times 8$ bytes $= 3.2$ GB and about $n^3 \approx 10^{13}$ operations; the Lanczos method of
# `scipy.sparse.linalg.eigsh` needs only products with the sparse matrix. We
# ask for the two **largest** eigenvalues of $N = D^{-1/2}AD^{-1/2}$, since
# $L_{\text{sym}} = I - N$: the largest of $N$ are the smallest of
# $L_{\text{sym}}$, and Lanczos finds the extreme ones fastest. A sparse
# random graph can have a few isolated nodes or tiny pieces, which would bring
# their own zero eigenvalues (Section 1); as is usual, we keep the largest
# connected component.

# %%
def sparse_sbm(sizes, deg_in, deg_out, rng):
    """A sparse SBM without forming an n x n array: sample the expected number of edges per block."""
    starts = np.concatenate([[0], np.cumsum(sizes)])
    rows, cols = [], []
    for a, b in itertools.combinations_with_replacement(range(len(sizes)), 2):
        mean_deg = deg_in if a == b else deg_out
        m = rng.poisson(sizes[a] * mean_deg / (2 if a == b else 1))
        rows.append(rng.integers(starts[a], starts[a + 1], m))
        cols.append(rng.integers(starts[b], starts[b + 1], m))
    r, c = np.concatenate(rows), np.concatenate(cols)
    keep = r != c
    A = sps.coo_array((np.ones(keep.sum()), (r[keep], c[keep])), shape=(starts[-1], starts[-1])).tocsr()
    A = A + A.T
    A.data[:] = 1.0
    return sps.csr_array(A), np.repeat(np.arange(len(sizes)), sizes)


A_large, labels_large = sparse_sbm([10_000, 10_000], 10, 1, rng)
_, comp = connected_components(A_large, directed=False)
giant = comp == np.bincount(comp).argmax()
A_large, labels_large = sps.csr_array(A_large[giant][:, giant]), labels_large[giant]
d_large = np.asarray(A_large.sum(axis=1)).ravel()
N_large = sps.csr_array(sps.diags_array(1 / np.sqrt(d_large)) @ A_large @ sps.diags_array(1 / np.sqrt(d_large)))
vals, vecs = spla.eigsh(N_large, k=2, which="LA", v0=np.ones(N_large.shape[0]))
fiedler_large = vecs[:, np.argsort(vals)[0]]                    # the second-largest of N
found = (fiedler_large > 0).astype(int)
print("nodes in the giant component > 19 900:", bool(giant.sum() > 19_900), "  edges > 100 000:", bool(A_large.nnz // 2 > 100_000))
print("largest eigenvalue of N is 1:", bool(np.isclose(vals.max(), 1)))
print("sign of the Fiedler vector agrees with the communities on more than 97% of the nodes:",
      agreement(found, labels_large) > 0.97)

# %% tags=["nbval-ignore-output"]
t_eigsh = timeit(lambda: spla.eigsh(N_large, k=2, which="LA", v0=np.ones(N_large.shape[0])), repeat=1)
print(f"nodes {giant.sum()}, agreement {agreement(found, labels_large):.4f}, eigsh took {t_eigsh:.2f} s")

# %% [markdown]
# The sign of one eigenvector, computed in about a second or less, splits
# 20 000 nodes into their two communities with under 3% of errors (usually far
# fewer) — errors that no method can avoid entirely, since a few nodes have as
# many neighbours in the other community as in their own.
#
# **Why it matters in ML.** Spectral clustering finds clusters that are not
# round blobs (connected shapes, after building a nearest-neighbour graph of
# the data); the Laplacian eigenvectors are also the "Fourier basis" of a
# graph, on which spectral graph neural networks define their filters, and
# Laplacian eigenmaps give low-dimensional embeddings of data on a manifold.
#
# ## 5. Randomized SVD
#
# Chapter 06's Eckart–Young theorem says that the best rank-$k$
# approximation of $A$ is the truncated SVD $A_k$, with error
# $\|A - A_k\|_2 = \sigma_{k+1}$. Computing the full SVD of an $m\times n$
# matrix costs $O(mn\min(m, n))$ — too much for a large matrix when we want
# only $k \ll n$ terms. The **randomized range finder** (Halko, Martinsson and
# Tropp, 2011) needs only products with $A$:
#
# 1. draw a Gaussian $\Omega \in \mathbb{R}^{n\times(k+p)}$ ($p$ = **oversampling**, e.g. 5–10);
# 2. $Y = A\Omega$: random combinations of the columns, which mostly lie in
#    the span of the top singular vectors;
# 3. optionally $q$ **power iterations** $Y \leftarrow A(A^\top Y)$, which
#    multiply the component along $\mathbf{u}_j$ by $\sigma_j^2$ and so
#    favour the top directions even more, with a **re-orthonormalization**
#    (QR) after each product so that the small directions are not lost to
#    rounding (chapter 04's loss of orthogonality);
# 4. $Q$ = an orthonormal basis of $Y$ (QR), $B = Q^\top A$ — a small
#    $(k+p)\times n$ matrix;
# 5. the SVD of $B = \tilde U\Sigma V^\top$ gives $A \approx (Q\tilde U)\Sigma V^\top$; keep $k$ terms.
#
# Cost: $(2q + 2)$ products of $A$ with $k + p$ vectors, plus $O((m + n)(k+p)^2)$
# — for a sparse $A$, linear in nnz. Halko, Martinsson and Tropp bound the
# expected error by $C\,\sigma_{k+1}$, with a factor $C$ that shrinks as $p$
# grows but, with $q = 0$, can be large when the singular values after
# $\sigma_{k+1}$ decay slowly (their tail adds up); $q$ power iterations work on
# $(AA^\top)^qA$, whose singular values are $\sigma_j^{2q+1}$, and bring the
# factor down to about $C^{1/(2q+1)}$: the slower the decay, the more $q$
# helps.
#
# The test matrix: $300\times 150$ with singular values $\sigma_j = 1/j$ (a
# slow decay, the hard case), so the Eckart–Young optimum is known exactly:
# $\sigma_{k+1} = 1/(k+1)$.

# %%
def randomized_svd(A, k, p=10, q=1, rng=None):
    """Rank-k randomized SVD with oversampling p and q power iterations (re-orthonormalized)."""
    rng = np.random.default_rng(0) if rng is None else rng
    Y = A @ rng.normal(size=(A.shape[1], k + p))
    Q, _ = np.linalg.qr(Y)
    for _ in range(q):
        Z, _ = np.linalg.qr(A.T @ Q)
        Q, _ = np.linalg.qr(A @ Z)
    Ub, s, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)
    return (Q @ Ub)[:, :k], s[:k], Vt[:k]


m_r, n_r = 300, 150
U_r, _ = np.linalg.qr(rng.normal(size=(m_r, n_r)))
V_r, _ = np.linalg.qr(rng.normal(size=(n_r, n_r)))
sigma = 1.0 / np.arange(1, n_r + 1)
A_r = U_r @ np.diag(sigma) @ V_r.T


def excess(A, k, p, q, seed=0):
    """||A - A_k(randomized)||_2 / sigma_{k+1}: 1 is the Eckart-Young optimum."""
    Uk, sk, Vtk = randomized_svd(A, k, p, q, np.random.default_rng(seed))
    return np.linalg.norm(A - Uk @ np.diag(sk) @ Vtk, 2) / sigma[k]


ks_r = np.arange(1, 31)
settings = [(0, 0), (10, 0), (10, 1), (10, 2)]
ratios = {(p, q): np.array([np.mean([excess(A_r, k, p, q, seed) for seed in range(2)]) for k in ks_r])
          for p, q in settings}
print("mean error / optimum over k = 1..30:", {f"p={p}, q={q}": round(float(r.mean()), 1) for (p, q), r in ratios.items()})

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
for ((p, q), r), style in zip(ratios.items(), ["C3o-", "C1s-", "C0^-", "C2D-"]):
    ax.plot(ks_r, r, style, ms=3, label=f"randomized, oversampling p = {p}, power iterations q = {q}")
ax.axhline(1, color="k", lw=1.5, label="Eckart-Young optimum $\\sigma_{k+1}$")
ax.set_xlabel("rank k")
ax.set_ylabel("$\\|A - \\tilde A_k\\|_2 \\;/\\; \\sigma_{k+1}$")
ax.set_ylim(0.9, 3.5)
ax.set_title("Figure 3: randomized SVD against the optimum ($\\sigma_j = 1/j$, mean of 2 draws)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Without oversampling or power iterations (red) the error is 2.5 times the
# optimum on average; oversampling by $p = 10$ brings it to 1.6, and one or two
# power iterations bring the randomized approximation to within a few percent
# of the best possible. The rank-$k$ subspace does not have to be exactly
# right, only to capture the top directions *well enough*.
#
# **When it pays.** For a dense $2000\times600$ matrix (rank 20 plus noise) and $k = 20$,
# the randomized SVD against `np.linalg.svd`:

# %%
A_time = rng.normal(size=(2000, 20)) @ rng.normal(size=(20, 600)) + 0.1 * rng.normal(size=(2000, 600))
U20, s20, Vt20 = randomized_svd(A_time, 20, p=10, q=1)
s_full = np.linalg.svd(A_time, compute_uv=False)
print("top-20 singular values agree to 0.1%:", np.allclose(s20, s_full[:20], rtol=1e-3))

# %% tags=["nbval-ignore-output"]
t_rand = timeit(lambda: randomized_svd(A_time, 20, p=10, q=1))
t_full = timeit(lambda: np.linalg.svd(A_time, full_matrices=False), repeat=1)
print(f"randomized (k = 20): {1e3 * t_rand:.0f} ms    full SVD: {1e3 * t_full:.0f} ms")

# %% [markdown]
# The randomized SVD is typically ten or more times faster, and the gap
# grows with the size: it pays when $k + p \ll \min(m, n)$, when $A$ is only
# available through products (sparse, or an operator), or when it does not
# fit in memory (every product is a pass over the data). It does not pay
# for small matrices, when many singular values are wanted, or when the
# spectrum is flat ($\sigma_{k+1} \approx \sigma_1$: then no rank-$k$
# approximation is good anyway). scikit-learn's `TruncatedSVD` and `PCA(svd_solver="randomized")`
# use this algorithm (by default with $p = 10$, a few power iterations, and an LU
# factorization instead of QR to keep the columns apart between them).
#
# ### Try it: rank, oversampling and power iterations
#
# The next cell draws, for the matrix with $\sigma_j = 1/j$, the error of the
# randomized rank-$k$ approximation against the optimum $\sigma_{k+1}$ for
# every $k$ from 1 to 30 (left), and the singular values it estimates for
# the chosen $k$ against the true ones (right). The saved notebook shows
# $p = 0$, $q = 0$, $k = 10$; run the cell for sliders. Try, in this order:
#
# * move $k$ with $p = q = 0$: the estimated singular values (dots) fall
#   below the true ones, most of all the last few;
# * raise $p$ to 5, then 20: the curve drops towards the optimum;
# * back to $p = 0$, raise $q$ to 1, then 3: a power iteration does more
#   than 10 extra columns;
# * with $q = 3$ and $p = 10$ the error is the optimum to within a few percent for every $k$.

# %%
def rsvd_explorer(k0, p0, q0):
    """Sliders for k, p, q; the randomized error against Eckart-Young, and the estimated singular values."""
    k_slider = widgets.IntSlider(value=k0, min=1, max=30, description="rank k", continuous_update=False)
    p_slider = widgets.IntSlider(value=p0, min=0, max=20, description="oversample p", continuous_update=False)
    q_slider = widgets.IntSlider(value=q0, min=0, max=3, description="power its q", continuous_update=False)
    info = widgets.HTML()
    fig, (ax_err, ax_sv) = plt.subplots(1, 2, figsize=(11, 4.3), layout="constrained")
    plt.close(fig)   # shown once below, then redrawn in place
    ax_err.axhline(1, color="k", lw=1.5, label="optimum")
    curve, = ax_err.plot([], [], "C0o-", ms=3, label="randomized")
    marker, = ax_err.plot([], [], "C3o", ms=9)
    ax_err.set_xlim(0, 31)
    ax_err.set_ylim(0.9, 3.5)
    ax_err.set_xlabel("rank k")
    ax_err.set_ylabel("error / $\\sigma_{k+1}$")
    ax_err.legend(loc="upper right")
    ax_sv.semilogy(np.arange(1, 31), sigma[:30], "k-", label="true $\\sigma_j$")
    dots, = ax_sv.semilogy([], [], "C3o", label="estimated")
    ax_sv.set_xlabel("j")
    ax_sv.legend(loc="upper right")

    def update(change=None):
        k, p, q = k_slider.value, p_slider.value, q_slider.value
        r = np.array([excess(A_r, kk, p, q) for kk in ks_r])
        curve.set_data(ks_r, r)
        marker.set_data([k], [r[k - 1]])
        _, s_est, _ = randomized_svd(A_r, k, p, q, np.random.default_rng(0))
        dots.set_data(np.arange(1, k + 1), s_est)
        ax_err.set_title(f"p = {p}, q = {q}: error / optimum, mean over k = {r.mean():.2f}")
        ax_sv.set_title(f"the {k} singular values it finds")
        info.value = (f"<b>k = {k}, p = {p}, q = {q}</b>: error {r[k - 1] * sigma[k]:.4f} against the optimum "
                      f"{sigma[k]:.4f} (ratio <b>{r[k - 1]:.2f}</b>); {2 * q + 2} passes over A with {k + p} vectors")
        if change is not None:
            figure.update(fig)

    for s in (k_slider, p_slider, q_slider):
        s.observe(update, names="value")
    update()
    controls = widgets.VBox([k_slider, p_slider, q_slider, info])
    display({"application/vnd.jupyter.widget-view+json":
             {"model_id": controls.model_id, "version_major": 2, "version_minor": 0},
             "text/plain": "[sliders for k, p and q: run this cell to use them]"}, raw=True)
    figure = display(fig, display_id=True)   # a real image in the saved notebook, updated in place


rsvd_explorer(10, 0, 0)

# %% [markdown]
# **Why it matters in ML.** Large embeddings (word co-occurrence matrices,
# user–item matrices, a graph's adjacency for node embeddings) are
# factorized with randomized SVD; the same sketch-then-solve idea gives fast
# PCA, low-rank attention approximations and randomized least squares.
#
# ## 6. Tensors: `einsum` and the CP factorization
#
# Data often has more than two indices: ratings by user, item and *time*;
# a batch of images by sample, channel, height and width. A **tensor** is such
# an array; NumPy's `einsum` writes any sum of products over indices in the
# notation of the formulas: repeated letters are summed, the letters after
# `->` are kept.

# %%
batch = rng.normal(size=(5, 3, 4))
other = rng.normal(size=(5, 4, 2))
M = rng.normal(size=(4, 4))
u, v = rng.normal(size=4), rng.normal(size=4)
print("batch matmul  'bij,bjk->bik' == batch @ other:", np.allclose(np.einsum("bij,bjk->bik", batch, other), batch @ other))
print("trace         'ii'           == np.trace:      ", np.isclose(np.einsum("ii", M), np.trace(M)))
print("bilinear form 'i,ij,j'       == u @ M @ v:     ", np.isclose(np.einsum("i,ij,j", u, M, v), u @ M @ v))
print("Gram matrices 'bij,bik->bjk' == batch^T batch: ", np.allclose(np.einsum("bij,bik->bjk", batch, batch),
                                                                     batch.transpose(0, 2, 1) @ batch))

# %% [markdown]
# **The CP factorization** (CANDECOMP/PARAFAC) generalizes the rank-$r$ SVD
# $\sum_r \sigma_r\mathbf{u}_r\mathbf{v}_r^\top$ to three indices: a tensor
# $\mathcal{T} \in \mathbb{R}^{I\times J\times K}$ is approximated by a sum of
# $R$ outer products,
#
# $$
# \mathcal{T}_{ijk} \approx \sum_{r=1}^{R} a_{ir}\,b_{jr}\,c_{kr},
# \qquad A \in \mathbb{R}^{I\times R},\ B \in \mathbb{R}^{J\times R},\ C \in \mathbb{R}^{K\times R}.
# $$
#
# For ratings by user $\times$ item $\times$ week: column $r$ is a "taste"
# with its users (in $A$), its items ($B$) and its popularity over time
# ($C$). Unlike the SVD, there is no closed form; but with $B$ and $C$ fixed
# the model is **linear in $A$**, so the best $A$ is a least-squares problem
# (chapter 03). Setting the gradient of $\sum_{ijk}(\mathcal{T}_{ijk} - \sum_r a_{ir}b_{jr}c_{kr})^2$
# with respect to $a_{ir}$ to zero gives the normal equations
#
# $$
# A\,\big[(B^\top B) * (C^\top C)\big] = M, \qquad
# M_{ir} = \sum_{j,k}\mathcal{T}_{ijk}\,b_{jr}\,c_{kr} \quad(\texttt{einsum("ijk,jr,kr->ir", T, B, C)}),
# $$
#
# where $*$ is the entrywise product: $\sum_{jk} b_{jr}c_{kr}b_{js}c_{ks} = (B^\top B)_{rs}(C^\top C)_{rs}$.
# **Alternating least squares** (ALS) updates $A$, then $B$, then $C$, each
# by such an $R\times R$ solve; the fit can only improve at each update
# (the alternating idea of matrix factorization for recommenders). The test tensor: 40 users, 30 items,
# 12 weeks, rank 3, plus 5% noise.

# %%
def cp_reconstruct(A, B, C):
    return np.einsum("ir,jr,kr->ijk", A, B, C)


def cp_als(T, R, iters, rng):
    """CP-ALS from a random start; returns the factors and the fit 1 - ||T - T_hat|| / ||T|| after each sweep."""
    A, B, C = (rng.normal(size=(dim, R)) for dim in T.shape)
    fits = []
    for _ in range(iters):
        A = np.linalg.solve((B.T @ B) * (C.T @ C), np.einsum("ijk,jr,kr->ir", T, B, C).T).T
        B = np.linalg.solve((A.T @ A) * (C.T @ C), np.einsum("ijk,ir,kr->jr", T, A, C).T).T
        C = np.linalg.solve((A.T @ A) * (B.T @ B), np.einsum("ijk,ir,jr->kr", T, A, B).T).T
        fits.append(1 - np.linalg.norm(T - cp_reconstruct(A, B, C)) / np.linalg.norm(T))
    return A, B, C, np.array(fits)


A_true, B_true, C_true = rng.normal(size=(40, 3)), rng.normal(size=(30, 3)), rng.normal(size=(12, 3))
T_clean = cp_reconstruct(A_true, B_true, C_true)
noise = rng.normal(size=T_clean.shape)
T_noisy = T_clean + 0.05 * np.linalg.norm(T_clean) / np.linalg.norm(noise) * noise
best_fit = 1 - np.linalg.norm(T_noisy - T_clean) / np.linalg.norm(T_noisy)
fit_curves = {R: cp_als(T_noisy, R, 30, np.random.default_rng(R))[3] for R in (1, 2, 3)}
print("fit of the true factors (the noise floor): ", round(best_fit, 3))
print("fit after 30 ALS sweeps, R = 3:            ", round(float(fit_curves[3][-1]), 3))
print("R = 1 and R = 2 stay below 0.7:", bool(max(fit_curves[1][-1], fit_curves[2][-1]) < 0.7))
print("fit never decreases (R = 3):", bool(np.all(np.diff(fit_curves[3]) > -1e-12)))
print(f"numbers stored: tensor {T_noisy.size}, rank-3 factors {3 * (40 + 30 + 12)}")

# %%
fig, ax = plt.subplots(figsize=(8, 4.3))
for (R, f), color in zip(fit_curves.items(), ["C3", "C1", "C0"]):
    ax.plot(np.arange(1, f.size + 1), f, color=color, lw=2, label=f"CP-ALS, rank R = {R}")
ax.axhline(best_fit, color="k", ls="--", lw=1, label="fit of the true factors (noise floor)")
ax.set_ylim(0, 1)
ax.set_xlabel("ALS sweep")
ax.set_ylabel("fit $1 - \\|T - \\hat T\\| / \\|T\\|$")
ax.set_title("Figure 4: CP-ALS on a 40 x 30 x 12 tensor of rank 3 with 5% noise")
ax.legend(fontsize=8, loc="lower right")
plt.show()

# %% [markdown]
# With $R = 3$ the fit climbs to the noise floor within a handful of sweeps (0.95: 5% of the tensor is
# noise that no rank-3 model should explain) and stays there: the 246 numbers
# of the factors summarize the 14 400 of the tensor. With $R = 1$ or 2 the
# fit stalls lower. ALS can be slow when two components look alike (a long
# plateau, "swamp"), and unlike the SVD the best rank-$R$ CP approximation
# need not exist; but when the data are close to low rank, the factors are
# **unique** up to scaling and order (under mild conditions) — which is why CP is used to *interpret*
# data (chemometrics, neuroscience), not only to compress it.
#
# **Why it matters in ML.** Tensors are the data structure of deep learning,
# and `einsum` is how attention, batched bilinear layers and multi-head
# projections are written (`torch.einsum` has the same notation). Tensor
# factorizations compress the weight tensors of convolutional layers, model
# context-aware recommendations (user $\times$ item $\times$ context) and
# knowledge graphs (subject $\times$ relation $\times$ object).
#
# ## 7. Summary
#
# | concept | formula / tool | ML use |
# |---|---|---|
# | graph as a matrix | $A$ sparse, $D = \operatorname{diag}(A\mathbf{1})$, $L = D - A$ PSD | neighbours = a row, aggregation = a sparse product |
# | components | number of zero eigenvalues of $L$ | connectivity, a sanity check on graph data |
# | PageRank | $\mathbf{x} = \alpha P\mathbf{x} + \frac{\alpha\mathbf{d}^\top\mathbf{x} + 1 - \alpha}{n}\mathbf{1}$, error $\le 2\alpha^k$ | ranking, personalized recommendation, label propagation |
# | graph convolution | $\hat A = \tilde D^{-1/2}(A + I)\tilde D^{-1/2}$, layer $\sigma(\hat A XW)$ in $O(\text{nnz}\,f)$ | GCNs: features smoothed over neighbours |
# | spectral clustering | Fiedler vector of $L_{\text{sym}}$; `eigsh` on $D^{-1/2}AD^{-1/2}$ | communities, non-convex clusters, graph Fourier basis |
# | randomized SVD | $Y = (AA^\top)^qA\Omega$, re-orthonormalized; $B = Q^\top A$ | fast truncated SVD/PCA of large or sparse data |
# | tensors | `np.einsum`; CP: $\mathcal{T}_{ijk} \approx \sum_r a_{ir}b_{jr}c_{kr}$ by ALS | attention, context-aware recommenders, compressed layers |
#
# Practical lessons: never form the dense Google matrix $G$ or a dense
# $\hat A$ — multiply; count the cost in non-zeros; ask `eigsh` for the extreme
# eigenvalues of a well-chosen matrix; and when an exact factorization is too
# expensive, a few random products and a small exact one are almost as good.
#
# This is the last chapter. The common thread of the course: data are
# matrices (and tensors); learning is solving, projecting and factorizing
# them; and at scale, the structure — orthogonality, low rank, sparsity — is
# what makes it possible.
