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
# # Chapter 11 — Sparse matrices and numerical stability at scale
#
# The matrices of chapters 01–06 were small and *dense*: every entry stored,
# every entry used. Many of the matrices machine learning meets in practice
# are huge but almost entirely zero: a bag-of-words matrix (documents ×
# vocabulary), one-hot encoded categories, the user × item matrix of a
# recommender, the adjacency matrix of a social network or of the pixel grid
# of an image. Storing and multiplying only the non-zeros turns problems that
# would need terabytes into problems that fit in a laptop. At that scale the
# *way* we compute matters as much as *what* we compute, so the second half of
# the chapter recaps the floating-point pitfalls that bite large computations.
#
# 1. sparsity in ML data;
# 2. the COO, CSR and CSC storage formats, and what each is fast at;
# 3. a large sparse matrix: the Laplacian of a $200\times200$ pixel grid, and its memory;
# 4. sparse matrix–vector products;
# 5. an ML application: image denoising by Laplacian smoothing, solved with conjugate gradients (CG);
# 6. how fast CG converges, and the condition number;
# 7. sparse versus dense solvers;
# 8. sparse least squares (`lsqr`) and a few singular values (`svds`);
# 9. floating-point pitfalls: cancellation, variance, overflow;
# 10. conditioning recap, and the normal equations;
# 11. exact arithmetic with SymPy: when it is the right tool, and why it does not scale.
#
# We use `scipy.sparse` and `scipy.sparse.linalg`. Timings depend on your
# machine: they sit in cells whose output the course tests ignore, and the
# text only describes them qualitatively.

# %%
import time

import matplotlib.cbook
import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import scipy.special
import sympy as sp
from sklearn.datasets import load_digits

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
# ## 1. Sparsity in ML data
#
# A matrix is **sparse** when so few of its entries are non-zero that it pays
# to store only those. Its **density** is $\text{nnz}/(mn)$, where nnz is the
# number of stored non-zeros. Even scikit-learn's small handwritten-digit
# images are half zeros (the dark background), and encodings that ML pipelines
# build on purpose are far sparser: a one-hot encoding of a feature with $k$
# categories has density exactly $1/k$, and a bag-of-words matrix over a
# vocabulary of 50 000 words with documents of a few hundred distinct words has
# density below 1%.

# %%
digits = load_digits().data                       # 1797 images of 8x8 pixels, one per row
print("digits: shape", digits.shape, " fraction of zeros:", round(float(np.mean(digits == 0)), 3))

cities = rng.integers(0, 1000, size=10_000)       # a categorical feature with 1000 values
onehot = sps.csr_array((np.ones(10_000), (np.arange(10_000), cities)), shape=(10_000, 1000))
print("one-hot: shape", onehot.shape, " nnz:", onehot.nnz, " density:", onehot.nnz / np.prod(onehot.shape))
print(f"bytes: dense {np.prod(onehot.shape) * 8:,}   sparse {onehot.data.nbytes + onehot.indices.nbytes + onehot.indptr.nbytes:,}")

# %% [markdown]
# The one-hot matrix has 10 000 non-zeros out of 10 million entries. Storing
# them as a dense float array takes 80 MB; the sparse array needs 240 kB: per
# non-zero an 8-byte value and an 8-byte column index, plus one 8-byte pointer
# per row (Section 2 explains these arrays). SciPy kept the 64-bit integers we
# passed as indices; with 32-bit indices, as in Section 3, it would be 160 kB.
#
# ## 2. Storage formats: COO, CSR, CSC
#
# **COO (coordinate)** stores three arrays of length nnz: the row index, the
# column index and the value of each entry — the "triplets" $(i, j, a_{ij})$.
# It is the natural format to *build* a matrix in: append triplets in any
# order. Duplicated positions are allowed and mean "add these up" (this is
# how a finite-element or a co-occurrence matrix is assembled).

# %%
rows = np.array([0, 0, 1, 3, 3, 3, 0])
cols = np.array([0, 3, 2, 1, 4, 1, 0])
vals = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 10.0])
A_coo = sps.coo_array((vals, (rows, cols)), shape=(4, 5))
print("stored entries in COO:", A_coo.nnz, " (positions (0,0) and (3,1) appear twice)")
print(A_coo.toarray())

# %% [markdown]
# **CSR (compressed sparse row)** sorts the entries by row and replaces the
# row indices by a short array of pointers:
#
# * `data` — the non-zero values, row after row;
# * `indices` — the column index of each value;
# * `indptr` — of length $m+1$: the entries of row $i$ are
#   `data[indptr[i]:indptr[i+1]]`, in the columns `indices[indptr[i]:indptr[i+1]]`.
#
# So row $i$ holds `indptr[i+1] - indptr[i]` entries, an empty row is two equal
# consecutive pointers, and `indptr[-1]` is nnz. Converting COO to CSR sums the
# duplicates: $1 + 10 = 11$ at $(0, 0)$ and $4 + 6 = 10$ at $(3, 1)$.

# %%
A = A_coo.tocsr()
print("data:   ", A.data)
print("indices:", A.indices)
print("indptr: ", A.indptr)
i = 3
print(f"row {i}: columns {A.indices[A.indptr[i]:A.indptr[i + 1]]}, values {A.data[A.indptr[i]:A.indptr[i + 1]]}")

# %% [markdown]
# Row 2 is empty, so `indptr[2] == indptr[3] == 3`. **CSC (compressed sparse
# column)** is the same idea with the roles of rows and columns swapped
# (equivalently, the CSR arrays of $A^\top$):

# %%
A_csc = A.tocsc()
print("data:   ", A_csc.data)
print("indices:", A_csc.indices, " (row indices)")
print("indptr: ", A_csc.indptr, " (one pointer per column, plus one)")

# %% [markdown]
# What each format is good at:
#
# | format | fast | slow |
# |---|---|---|
# | COO | building from triplets, concatenating, converting to CSR/CSC | slicing (scans every entry), most arithmetic (converts to CSR first) |
# | CSR | row slicing `A[i]`, `A @ x`, row sums, products $AB$ | column slicing, inserting entries |
# | CSC | column slicing `A[:, j]`, `A.T @ x`, sparse direct solvers (SuperLU) | row slicing, inserting entries |
#
# The workflow is always the same: **build in COO** (or with `sps.diags`,
# `sps.kron`, `sps.block_array`), **convert once** to CSR or CSC, then
# compute. Inserting a new non-zero into a CSR matrix shifts all the entries
# after it (SciPy warns with a `SparseEfficiencyWarning`). The slicing
# difference is easy to measure on a $10^5\times10^5$ random matrix with
# $10^6$ non-zeros:

# %%
R_csr = sps.random_array((100_000, 100_000), density=1e-4, format="csr", rng=rng)
R_csc = R_csr.tocsc()
print("nnz:", R_csr.nnz)

# %% tags=["nbval-ignore-output"]
t_slice = {}
for name, M in [("CSR", R_csr), ("CSC", R_csc)]:
    t_row, t_col = timeit(lambda: M[1234:1334, :]), timeit(lambda: M[:, 1234:1334])
    t_slice[name] = (t_row, t_col)
    print(f"{name}: 100 rows {1e3 * t_row:7.2f} ms   100 columns {1e3 * t_col:7.2f} ms")

# %% [markdown]
# Slicing along the compressed direction only copies the selected segments;
# slicing across it must scan all $10^6$ entries, which is typically tens to
# hundreds of times slower.
#
# ## 3. A large sparse matrix: the grid Laplacian
#
# Treat the pixels of an $m\times n$ image as the nodes of a graph and join
# each pixel to its (up to four) neighbours left, right, above and below. Its
# **graph Laplacian** is $L = D - W$, with $W$ the adjacency matrix
# ($W_{pq} = 1$ if $p, q$ are neighbours) and $D$ the diagonal matrix of the
# degrees (numbers of neighbours). The key identity is
#
# $$
# \mathbf{x}^\top L\,\mathbf{x} = \sum_{\{p,q\}\ \text{edge}} (x_p - x_q)^2 \;\ge\; 0 ,
# $$
#
# so $L$ is symmetric positive semidefinite, $L\mathbf{1} = \mathbf{0}$ (every
# row sums to 0), and $\mathbf{x}^\top L\mathbf{x}$ measures how *rough* a
# signal on the graph is. Laplacians are behind spectral clustering,
# semi-supervised label propagation, graph neural networks and smoothing
# priors for images.
#
# **Building it with Kronecker products.** Number pixel $(i, j)$ as
# $p = i\,n + j$ (row-major, like `img.ravel()`). For a path of $n$ nodes the
# adjacency $W_n$ has ones on the first off-diagonals. Horizontal edges join
# $(i, j)$ and $(i, j\pm1)$ inside each of the $m$ rows: that is
# $I_m \otimes W_n$, a block-diagonal matrix with $m$ copies of $W_n$.
# Vertical edges join $(i, j)$ and $(i\pm1, j)$: that is $W_m \otimes I_n$. So
#
# $$
# W = I_m \otimes W_n + W_m \otimes I_n, \qquad L = \operatorname{diag}(W\mathbf{1}) - W
#   = I_m \otimes L_n + L_m \otimes I_n ,
# $$
#
# where $(A \otimes B)$ is the block matrix with blocks $a_{ij}B$ (`sps.kron`).

# %%
def path_adjacency(n):
    """Adjacency matrix of the path 0 - 1 - ... - (n-1), as a sparse CSR array."""
    off = np.ones(n - 1)
    return sps.diags_array([off, off], offsets=[-1, 1], shape=(n, n), format="csr")


def grid_laplacian(m, n):
    """Laplacian D - W of the m x n grid graph, pixel (i, j) -> index i*n + j."""
    W = sps.kron(sps.eye_array(m), path_adjacency(n)) + sps.kron(path_adjacency(m), sps.eye_array(n))
    W = sps.csr_array(W)
    return (sps.diags_array(W.sum(axis=1)) - W).tocsr()


L_small = grid_laplacian(3, 4)
print(L_small.toarray().astype(int))
print("symmetric:", abs(L_small - L_small.T).max() == 0, "  row sums:", L_small.sum(axis=1))

# %% [markdown]
# In the $3\times4$ grid above, corner pixels have degree 2, edge pixels 3 and
# the two interior pixels 4. The horizontal neighbours sit next to the
# diagonal, the vertical ones $n = 4$ columns away. **Figure 1** shows the
# pattern of non-zeros (`plt.spy`) of a larger grid: three diagonals inside
# blocks plus two outer diagonals.

# %%
L_spy = grid_laplacian(6, 8)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), layout="constrained")
axes[0].spy(L_spy, markersize=3)
axes[0].set_title("non-zeros of $L$ (48 x 48)")
ii, jj = np.meshgrid(np.arange(6), np.arange(8), indexing="ij")
for p, q in zip(*sps.triu(L_spy, k=1).nonzero()):
    axes[1].plot([jj.flat[p], jj.flat[q]], [ii.flat[p], ii.flat[q]], "C0-", lw=1)
axes[1].scatter(jj.ravel(), ii.ravel(), c=L_spy.diagonal(), cmap="viridis", zorder=3)
for p in (0, 4, 19):
    axes[1].annotate(f"p={p}: degree {int(L_spy[p, p])}", (jj.flat[p], ii.flat[p]), fontsize=8,
                     textcoords="offset points", xytext=(4, 6))
axes[1].set_ylim(6.0, -0.8)
axes[1].set_aspect("equal")
axes[1].set_title("the 6 x 8 grid graph, node p = 8i + j (colour = degree)")
fig.suptitle("Figure 1: the Laplacian of a 6 x 8 grid is sparse and banded")
plt.show()

# %% [markdown]
# Now the real size, a $200\times200$ grid: $n = 40\,000$ nodes. A dense
# $40\,000\times40\,000$ float64 array would take $40\,000^2 \times 8$ bytes
# $= 12.8$ GB. The CSR array stores $5 \cdot 40\,000 - 4 \cdot 200 = 199\,200$
# non-zeros (one diagonal entry plus one per neighbour: each of the 4 sides of
# the grid has 200 pixels that miss the neighbour beyond that side, the corners
# counting twice) as 8-byte values and 4-byte column indices,
# plus $40\,001$ row pointers:

# %%
m = n = 200
L = grid_laplacian(m, n)
N = L.shape[0]
sparse_bytes = L.data.nbytes + L.indices.nbytes + L.indptr.nbytes
dense_bytes = N * N * np.dtype(np.float64).itemsize
print("shape:", L.shape, " nnz:", L.nnz, f" density: {L.nnz / N**2:.2e}")
print(f"CSR: data {L.data.nbytes:,} + indices {L.indices.nbytes:,} + indptr {L.indptr.nbytes:,} = {sparse_bytes:,} bytes")
print(f"dense: {dense_bytes:,} bytes, {dense_bytes / sparse_bytes:,.0f} times more")

# %% [markdown]
# 2.55 MB instead of 12.8 GB, about 5 000 times less. Memory is only half the
# story: every algorithm that touches each stored entry once is 5 000 times
# cheaper too.
#
# ## 4. Sparse matrix–vector products
#
# With CSR, $\mathbf{y} = A\mathbf{x}$ is one pass over the stored entries:
#
# $$
# y_i = \sum_{k = \texttt{indptr}[i]}^{\texttt{indptr}[i+1]-1} \texttt{data}[k]\; x_{\texttt{indices}[k]} ,
# $$
#
# so it costs $O(\text{nnz})$ operations instead of $O(mn)$ for a dense
# matrix. (You will write this loop in the exercises.) The cell below compares
# it on a $60\times60$ grid ($n = 3600$, small enough to also hold densely) and
# then runs it on the full $200\times200$ grid.

# %%
L60 = grid_laplacian(60, 60)
L60_dense = L60.toarray()
x60 = rng.normal(size=L60.shape[0])
print("same product:", np.allclose(L60 @ x60, L60_dense @ x60))
x = rng.normal(size=N)
print("L @ 1 = 0 on the big grid:", np.abs(L @ np.ones(N)).max() == 0)

# %% tags=["nbval-ignore-output"]
t_dense = timeit(lambda: L60_dense @ x60, repeat=20)
t_sparse = timeit(lambda: L60 @ x60, repeat=20)
t_big = timeit(lambda: L @ x, repeat=20)
print(f"n = 3600:   dense {1e6 * t_dense:8.1f} us   sparse {1e6 * t_sparse:6.1f} us")
print(f"n = 40000:  sparse {1e6 * t_big:6.1f} us   (dense is impossible: 12.8 GB)")

# %% [markdown]
# Already at $n = 3600$ the sparse product is typically hundreds of times faster;
# on the $200\times200$ grid it takes well under a millisecond, while the dense
# matrix would not even fit in memory.
#
# ## 5. An ML application: denoising by Laplacian smoothing
#
# Take a $200\times200$ grey-scale crop of Grace Hopper's portrait, flattened
# to $\mathbf{y}_{\text{clean}} \in \mathbb{R}^{40\,000}$, and add Gaussian
# noise of standard deviation 0.1 to get $\mathbf{y}$. A classic estimator of
# the clean image (a Gaussian prior that prefers smooth images, or ridge
# regression with a graph penalty) is
#
# $$
# \hat{\mathbf{x}} = \arg\min_{\mathbf{x}} \;\|\mathbf{x} - \mathbf{y}\|^2 + \lambda\,\mathbf{x}^\top L\,\mathbf{x}
# \quad\Longleftrightarrow\quad (I + \lambda L)\,\hat{\mathbf{x}} = \mathbf{y}
# $$
#
# (set the gradient $2(\mathbf{x} - \mathbf{y}) + 2\lambda L\mathbf{x}$ to
# zero). The first term keeps $\hat{\mathbf{x}}$ close to the data, the second
# penalizes differences between neighbouring pixels. The matrix $I + \lambda L$
# is sparse, symmetric and positive definite (its eigenvalues are
# $1 + \lambda\mu \ge 1$ for the eigenvalues $\mu \ge 0$ of $L$) — exactly the
# setting of the **conjugate gradient** method.
#
# **CG in one paragraph.** For symmetric positive definite $A$, solving
# $A\mathbf{x} = \mathbf{b}$ is the same as minimizing the quadratic
# $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}^\top\mathbf{x}$
# (its gradient is $A\mathbf{x} - \mathbf{b}$). CG minimizes $f$ along a sequence of
# search directions that are mutually "$A$-orthogonal", so it never undoes
# earlier progress; each step costs **one** matrix–vector product and a few
# vector operations. It only needs $A$ as a function $\mathbf{v} \mapsto A\mathbf{v}$,
# never its entries, and stops when the relative residual
# $\|\mathbf{b} - A\mathbf{x}_k\| / \|\mathbf{b}\|$ drops below `rtol`
# (default $10^{-5}$ in SciPy — often too loose; set it yourself).

# %%
img = plt.imread(matplotlib.cbook.get_sample_data("grace_hopper.jpg"))   # 600 x 512 x 3, uint8
clean = img[100:300, 150:350].mean(axis=2) / 255.0                         # 200 x 200, values in [0, 1]
noisy = clean + 0.1 * rng.normal(size=clean.shape)


def rmse(a, b):
    return float(np.sqrt(np.mean((a - b) ** 2)))


def cg_solve(A, b, rtol=1e-8, maxiter=5000):
    """scipy's CG, also returning the list of relative residuals ||b - A x_k|| / ||b||."""
    history = [1.0]
    bnorm = np.linalg.norm(b)
    x, info = spla.cg(A, b, rtol=rtol, maxiter=maxiter,
                      callback=lambda xk: history.append(np.linalg.norm(b - A @ xk) / bnorm))
    assert info == 0, "CG did not converge"
    return x, history


I_N = sps.eye_array(N, format="csr")
smoothed = {}
for lam in (0.3, 1.0, 3.0):
    xs, hist = cg_solve(I_N + lam * L, noisy.ravel())
    smoothed[lam] = xs.reshape(m, n)          # row-major, as the Laplacian's numbering
    print(f"lambda = {lam:3}: {len(hist) - 1:3d} CG iterations, relative residual {hist[-1]:.1e} < 1e-8, "
          f"RMSE to the clean image {rmse(smoothed[lam], clean):.4f}")
print(f"RMSE of the noisy image: {rmse(noisy, clean):.4f}")

# %%
fig, axes = plt.subplots(1, 4, figsize=(13, 3.8))
panels = [("clean", clean), (f"noisy (RMSE {rmse(noisy, clean):.3f})", noisy),
          (rf"$\lambda = 1$ (RMSE {rmse(smoothed[1.0], clean):.3f})", smoothed[1.0]),
          (rf"$\lambda = 3$ (RMSE {rmse(smoothed[3.0], clean):.3f})", smoothed[3.0])]
for ax, (title, im) in zip(axes, panels):
    ax.imshow(im, cmap="gray", vmin=0, vmax=1)
    ax.set_title(title)
    ax.axis("off")
fig.suptitle(r"Figure 2: solving $(I + \lambda L)\,x = y$ with CG on a 40 000-pixel image")
plt.show()

# %% [markdown]
# Smoothing halves the error: from 0.100 for the noisy image to 0.048 with
# $\lambda = 1$. A larger $\lambda$ removes more noise but blurs the edges (the
# collar, the eyes), and the error goes up again (0.058 at $\lambda = 3$):
# $\lambda$ is a regularization strength to tune on held-out data, like the
# ridge penalty. Note also the iteration counts: 15, 26 and 45 — larger
# $\lambda$ needs more CG steps. The next section explains why.
#
# ## 6. How fast does CG converge? The condition number
#
# For symmetric positive definite $A$ with condition number
# $\kappa = \lambda_{\max}/\lambda_{\min}$, CG's error after $k$ steps obeys
#
# $$
# \|\mathbf{x}_k - \mathbf{x}\|_A \;\le\; 2\left(\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}\right)^{k} \|\mathbf{x}_0 - \mathbf{x}\|_A ,
# \qquad \|\mathbf{v}\|_A = \sqrt{\mathbf{v}^\top A\mathbf{v}} ,
# $$
#
# so reaching a relative accuracy $\varepsilon$ takes at most about
# $\tfrac12\sqrt{\kappa}\,\ln(2/\varepsilon)$ iterations: the iteration count
# grows like $\sqrt{\kappa}$, not like $n$. (Plain gradient descent needs a
# number of steps proportional to $\kappa$; that square root is why CG is used.)
#
# For the grid Laplacian we know the eigenvalues exactly. Those of the path
# Laplacian $L_n$ are $2 - 2\cos(k\pi/n)$, $k = 0, \dots, n-1$, and by the
# Kronecker structure those of $L = I_m\otimes L_n + L_m\otimes I_n$ are all
# the sums of an eigenvalue of $L_m$ and one of $L_n$. So $\lambda_{\min}(L) = 0$
# and $\lambda_{\max}(L) = 2\,(2 - 2\cos(199\pi/200)) \approx 8$ for the
# $200\times200$ grid. Let us check the formula on a small grid, then run CG on
# $L + \alpha I$ (a Laplacian plus a ridge term $\alpha$) for shrinking $\alpha$:
# $\kappa(L + \alpha I) = (\lambda_{\max} + \alpha)/\alpha$.

# %%
def path_laplacian_eigenvalues(n):
    return 2 - 2 * np.cos(np.arange(n) * np.pi / n)


mu = np.add.outer(path_laplacian_eigenvalues(5), path_laplacian_eigenvalues(7)).ravel()
print("formula matches eigvalsh on a 5 x 7 grid:",
      np.allclose(np.sort(mu), np.linalg.eigvalsh(grid_laplacian(5, 7).toarray())))

lam_max = 2 * path_laplacian_eigenvalues(200).max()
b = rng.normal(size=N)
histories = {}
print(f"lambda_max(L) = {lam_max:.4f}")
print(" alpha   kappa    sqrt(kappa)  CG iterations to 1e-8")
for alpha in (1.0, 0.1, 0.01, 0.001):
    kappa = (lam_max + alpha) / alpha
    _, histories[alpha] = cg_solve(L + alpha * I_N, b)
    print(f"{alpha:6} {kappa:8.1f} {np.sqrt(kappa):10.1f}   {len(histories[alpha]) - 1:6d}")

# %%
fig, ax = plt.subplots(figsize=(7.5, 4.5))
for c, alpha in enumerate(histories):
    A_alpha = (L + alpha * I_N).tocsr()
    x_exact = spla.spsolve(A_alpha.tocsc(), b)          # a direct solve, to measure the error of CG
    norm_A = lambda v: np.sqrt(v @ (A_alpha @ v))       # the norm the bound is stated in
    errors = [1.0]                                       # x_0 = 0: relative error 1
    spla.cg(A_alpha, b, rtol=1e-8, maxiter=5000,
            callback=lambda xk: errors.append(norm_A(xk - x_exact) / norm_A(x_exact)))
    kappa = (lam_max + alpha) / alpha
    k = np.arange(len(errors))
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    assert np.all(np.array(errors) <= 2 * rate ** k), alpha   # CG keeps below its bound
    ax.semilogy(k, errors, f"C{c}-", label=rf"$\alpha = {alpha}$, $\kappa \approx {kappa:,.0f}$")
    ax.semilogy(k, 2 * rate ** k, f"C{c}:", lw=1)
ax.set_ylim(1e-9, 3)
ax.set_xlabel("CG iteration $k$")
ax.set_ylabel(r"relative error in the $A$-norm, $\|x_k - x\|_A \,/\, \|x\|_A$")
ax.set_title("Figure 3: CG on $L + \\alpha I$ (200 x 200 grid): the error (solid)\n"
             r"and its bound $2\,((\sqrt{\kappa}-1)/(\sqrt{\kappa}+1))^k$ (dotted)")
ax.legend()
plt.show()

# %% [markdown]
# Each tenfold increase of $\kappa$ multiplies the iteration count by roughly
# $\sqrt{10} \approx 3.2$: 27, 81, 247, 659 iterations for
# $\kappa \approx 9, 81, 801, 8001$. The figure draws what the bound is about:
# the error in the $A$-norm (solid; we know $\mathbf{x}$ from a direct solve),
# against the bound itself (dotted). Every curve stays below its bound, and the
# larger $\kappa$, the more CG beats it: the bound only knows the two ends of
# the spectrum, while CG adapts to all of it. The iteration counts of the
# table come from the residual instead, the quantity CG can compute without
# knowing $\mathbf{x}$. It is not the same: since
# $\|\mathbf{b} - A\mathbf{x}_k\| \le \sqrt{\lambda_{\max}}\,\|\mathbf{x}_k - \mathbf{x}\|_A$
# and $\|\mathbf{b}\| \ge \sqrt{\lambda_{\min}}\,\|\mathbf{x}\|_A$, the relative
# residual can be up to $\sqrt{\kappa}$ times the relative $A$-norm error.
#
# Two practical consequences:
#
# * **Regularization speeds up solvers.** The ridge term $\alpha$ (or the
#   identity in $I + \lambda L$) bounds $\kappa$; that is why $\lambda = 0.3$
#   needed fewer iterations than $\lambda = 3$ in Section 5
#   ($\kappa \le 1 + 8\lambda$).
# * **Preconditioning.** Solving $M^{-1}A\mathbf{x} = M^{-1}\mathbf{b}$ with an
#   easily inverted $M \approx A$ (diagonal, incomplete Cholesky, multigrid)
#   lowers $\kappa$; `spla.cg(A, b, M=...)` accepts one. Adam's per-coordinate
#   scaling and batch normalization are preconditioners for gradient descent in
#   the same spirit.
#
# ## 7. Sparse versus dense solvers
#
# On the $60\times60$ grid ($n = 3600$) we can compare three ways to solve
# $(I + L)\mathbf{x} = \mathbf{b}$: dense LU (`np.linalg.solve`, $O(n^3)$
# operations), sparse LU (`spla.spsolve`, which reorders the unknowns to limit
# the *fill-in* — the zeros that become non-zeros during elimination) and CG.

# %%
A60 = (sps.eye_array(3600) + L60).tocsc()      # SuperLU wants CSC
A60_dense = A60.toarray()
b60 = rng.normal(size=3600)
x_dense = np.linalg.solve(A60_dense, b60)
x_splu = spla.spsolve(A60, b60)
x_cg, _ = cg_solve(A60, b60, rtol=1e-10)
for name, xx in [("dense solve", x_dense), ("spsolve", x_splu), ("cg", x_cg)]:
    print(f"{name:12s} relative residual below 1e-9: {np.linalg.norm(A60 @ xx - b60) / np.linalg.norm(b60) < 1e-9}")

# %% tags=["nbval-ignore-output"]
t_solvers = {"dense solve": timeit(lambda: np.linalg.solve(A60_dense, b60), 1),   # slow: run once
             "spsolve": timeit(lambda: spla.spsolve(A60, b60)),
             "cg": timeit(lambda: spla.cg(A60, b60, rtol=1e-10))}
for name, t in t_solvers.items():
    print(f"{name:11s} {1e3 * t:8.1f} ms")
A_big = (I_N + L).tocsc()
print(f"n = 40000: spsolve {1e3 * timeit(lambda: spla.spsolve(A_big, b), 1):8.1f} ms, "
      f"cg {1e3 * timeit(lambda: spla.cg(A_big, b, rtol=1e-10), 1):8.1f} ms")

# %% [markdown]
# All three agree. The dense solve is the slowest by a wide margin even at
# $n = 3600$, and at $n = 40\,000$ it would need 12.8 GB and over a thousand times
# more arithmetic. Sparse LU is excellent for 2-D grids of this size; for
# 3-D problems and general graphs its fill-in grows quickly, and iterative
# methods like CG, which only ever store a few vectors, take over.
#
# ## 8. Sparse least squares and a few singular values
#
# **Least squares.** A linear model on sparse features — say 10 000 documents
# with a vocabulary of 300 words, about 3 words per document, each counted 1 to
# 3 times — has a sparse design matrix $X$. `spla.lsqr` minimizes $\|X\mathbf{w} - \mathbf{y}\|^2$
# using only products with $X$ and $X^\top$ (mathematically it is CG applied
# to the normal equations, organized so that $X^\top X$ is never formed, which
# is more accurate). Its `damp` argument adds a ridge penalty:
# it minimizes $\|X\mathbf{w} - \mathbf{y}\|^2 + \text{damp}^2\,\|\mathbf{w}\|^2$.

# %%
X = sps.random_array((10_000, 300), density=0.01, format="csr", rng=rng,
                     data_sampler=lambda size: rng.integers(1, 4, size=size).astype(float))
w_true = rng.normal(size=300)
y = X @ w_true + 0.1 * rng.normal(size=10_000)
print("X:", X.shape, " nnz:", X.nnz)

w_lsqr, istop, itn = spla.lsqr(X, y, atol=1e-12, btol=1e-12)[:3]
w_dense = np.linalg.lstsq(X.toarray(), y, rcond=None)[0]
print("lsqr agrees with dense lstsq:", np.allclose(w_lsqr, w_dense, atol=1e-8), f"  ({itn} iterations)")
print("error of the fit ||w - w_true|| / ||w_true||:", round(np.linalg.norm(w_lsqr - w_true) / np.linalg.norm(w_true), 4))

alpha = 50.0
w_ridge = spla.lsqr(X, y, damp=np.sqrt(alpha), atol=1e-12, btol=1e-12)[0]
w_ridge_exact = spla.spsolve((X.T @ X + alpha * sps.eye_array(300)).tocsc(), X.T @ y)
print("lsqr with damp = sqrt(alpha) is ridge regression:", np.allclose(w_ridge, w_ridge_exact, atol=1e-8))

# %% [markdown]
# Here the normal-equations check of the ridge solution is harmless because
# $X^\top X + \alpha I$ is well conditioned; Section 10 shows when forming
# $X^\top X$ goes wrong.
#
# **A few singular values.** The full SVD of an $m\times n$ matrix costs
# $O(mn\min(m, n))$ and produces dense factors. PCA-style methods often need
# only the top $k$ singular triplets; `spla.svds` finds them with products by
# $X$ and $X^\top$ only (a Lanczos method, the relative of CG for eigenvalues).
# Mind the order: **`svds` returns the singular values in increasing order.**

# %%
U_k, s_k, Vt_k = spla.svds(X, k=5, random_state=0)
print("svds (increasing order):", np.round(s_k, 3))
s_full = np.linalg.svd(X.toarray(), compute_uv=False)
print("dense svd, top 5:       ", np.round(s_full[:5], 3))
print("same values:", np.allclose(np.sort(s_k)[::-1], s_full[:5]))

# %% tags=["nbval-ignore-output"]
X_dense = X.toarray()
t_svds = timeit(lambda: spla.svds(X, k=5, random_state=0))
t_full = timeit(lambda: np.linalg.svd(X_dense, compute_uv=False), 1)
print(f"svds k=5: {1e3 * t_svds:7.1f} ms   full dense svd: {1e3 * t_full:7.1f} ms")

# %% [markdown]
# The largest singular value stands well above the others because
# every entry of $X$ is positive: the top singular vector is close to the
# "average document". This is why PCA centers the data first — the sparse way
# to do so without destroying sparsity is to center *implicitly*, with a
# `LinearOperator` that computes $X\mathbf{v} - \mathbf{1}(\bar{\mathbf{x}}^\top\mathbf{v})$.
#
# ## 9. Floating-point pitfalls
#
# A float64 has 53 significant bits: every operation rounds its exact result
# to a relative error of at most $u = 2^{-53} \approx 1.1\times10^{-16}$, and
# $\varepsilon = 2^{-52} \approx 2.2\times10^{-16}$ (**machine epsilon**) is
# the gap between 1 and the next float. Rounding is harmless one operation at a
# time; trouble comes from operations that *amplify* earlier errors.

# %%
print("machine epsilon:", np.finfo(float).eps, "= 2**-52:", np.finfo(float).eps == 2.0**-52)
print("0.1 + 0.2 == 0.3:", 0.1 + 0.2 == 0.3, "   difference:", (0.1 + 0.2) - 0.3)
print("1 + eps/2 == 1:", 1 + np.finfo(float).eps / 2 == 1)

# %% [markdown]
# ### Catastrophic cancellation
#
# Subtracting two nearly equal numbers is *exact* (Sterbenz's lemma) — but it
# exposes the rounding errors they already carried. Take
# $f(x) = (1 - \cos x)/x^2$, which tends to $1/2$ as $x \to 0$. For
# $x = 10^{-5}$, $\cos x = 1 - 5\times10^{-11} + \dots$ is stored with an
# absolute error up to $1.1\times10^{-16}$; the subtraction leaves
# $5\times10^{-11}$ with that same absolute error, a *relative* error of about
# $10^{-6}$. Below $x \approx 10^{-8}$, $\cos x$ rounds to exactly 1 and $f$
# comes out as 0. The cure is to rewrite the formula without the subtraction:
# $1 - \cos x = 2\sin^2(x/2)$, so
#
# $$
# f(x) = \frac{2\sin^2(x/2)}{x^2} = \frac12\left(\frac{\sin(x/2)}{x/2}\right)^2 ,
# $$
#
# which only multiplies and divides — operations with small relative errors.
# We measure both against a 50-digit reference computed with `mpmath` (the
# arbitrary-precision library behind SymPy).

# %%
import mpmath

mpmath.mp.dps = 50
xs = np.logspace(-10, 0, 201)
reference = np.array([float((1 - mpmath.cos(mpmath.mpf(v))) / mpmath.mpf(v) ** 2) for v in xs])
naive = (1 - np.cos(xs)) / xs**2
stable = 2 * np.sin(xs / 2) ** 2 / xs**2
for v in (1e-2, 1e-5, 1e-8, 1e-9):
    print(f"x = {v:.0e}:  naive {(1 - np.cos(v)) / v**2:.10f}   stable {2 * np.sin(v / 2) ** 2 / v**2:.10f}")

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.loglog(xs, np.maximum(np.abs(naive - reference) / reference, 1e-17), label=r"naive $(1 - \cos x)/x^2$")
ax.loglog(xs, np.maximum(np.abs(stable - reference) / reference, 1e-17), label=r"stable $2\sin^2(x/2)/x^2$")
ax.loglog(xs, 1.1e-16 / xs**2, "k:", lw=1, label=r"$u / x^2$")
ax.set_ylim(1e-17, 10)
ax.set_xlabel("$x$")
ax.set_ylabel("relative error")
ax.set_title("Figure 4: catastrophic cancellation in $(1 - \\cos x)/x^2$")
ax.legend()
plt.show()

# %% [markdown]
# The naive relative error grows like $u/x^2$ (dotted line) until it reaches
# 100% (the value 0) near $x = 10^{-8}$; the stable form stays at the level of
# $u$ for every $x$ (errors of exactly 0 are drawn at $10^{-17}$). Library
# functions exist for the most common cases: `np.expm1(x)` for $e^x - 1$,
# `np.log1p(x)` for $\log(1 + x)$ — used for instance in the numerically safe
# softplus $\log(1 + e^x)$ and binary cross-entropy.
#
# ### Variance: one formula, three algorithms
#
# $\operatorname{Var}(x) = \frac1n\sum_i (x_i - \bar x)^2 = \overline{x^2} - \bar x^2$
# holds exactly, but the second form subtracts two huge, nearly equal numbers
# when the mean is large compared to the spread. Timestamps, sensor readings
# with an offset and un-normalized features have exactly this shape. Three
# algorithms:
#
# * **naive one-pass**: $\overline{x^2} - \bar x^2$ — relative error about
#   $u\,\bar x^2 / \operatorname{Var}(x)$;
# * **two-pass**: compute $\bar x$ first, then average $(x_i - \bar x)^2$
#   (what `np.var` does);
# * **Welford's one-pass update**, for streams that can be read only once: after
#   each new $x_k$, with $\delta = x_k - \bar x_{k-1}$,
#   $\bar x_k = \bar x_{k-1} + \delta/k$ and $M_k = M_{k-1} + \delta\,(x_k - \bar x_k)$;
#   then $\operatorname{Var} = M_n/n$. Incremental scalers (`StandardScaler.partial_fit`)
#   and the running statistics of batch normalization use updates of this kind.

# %%
def welford_variance(values):
    mean, M = 0.0, 0.0
    for k, v in enumerate(values, start=1):
        delta = v - mean
        mean += delta / k
        M += delta * (v - mean)
    return M / len(values)


data = 1e9 + rng.normal(size=10_000)          # mean 1e9, variance close to 1
two_pass = np.mean((data - data.mean()) ** 2)
print(f"two-pass:   {two_pass:.6f}")
print(f"np.var:     {np.var(data):.6f}")
print(f"Welford:    {welford_variance(data.tolist()):.6f}")

# %% tags=["nbval-ignore-output"]
naive_var = np.mean(data**2) - np.mean(data) ** 2
print(f"naive E[x^2] - E[x]^2: {naive_var:.6f}")
assert abs(naive_var - two_pass) > two_pass / 2  # a multiple of 128, the spacing of floats near 1e18

# %% [markdown]
# The stable algorithms agree to the printed digits; the naive formula is
# typically off by tens or hundreds and can even come out negative: with
# $\bar x^2 = 10^{18}$, one rounding unit of $\overline{x^2}$ is already
# $u \cdot 10^{18} \approx 100$, a hundred times the variance itself. (Its
# exact value depends on the summation order of your NumPy build, so the
# cell's output is not compared by the tests.)
#
# ### Overflow: the log-sum-exp trick
#
# Softmax and the cross-entropy loss need $\log\sum_i e^{z_i}$. With logits
# around 1000, $e^{1000}$ overflows to `inf`. Shifting by the maximum fixes it
# exactly: $\log\sum_i e^{z_i} = z_{\max} + \log\sum_i e^{z_i - z_{\max}}$, where
# every exponent is now $\le 0$.

# %%
z = np.array([1000.0, 1001.0, 999.0])
with np.errstate(over="ignore"):
    print("naive:   ", np.log(np.sum(np.exp(z))))
print("shifted: ", z.max() + np.log(np.sum(np.exp(z - z.max()))))
print("scipy:   ", scipy.special.logsumexp(z))

# %% [markdown]
# ## 10. Conditioning recap, and the normal equations
#
# Chapter 03 introduced the **condition number**
# $\kappa(A) = \|A\|\,\|A^{-1}\| = \sigma_{\max}/\sigma_{\min}$. It is a
# property of the *problem*, not of the algorithm: a backward-stable solver
# (LU with pivoting, QR, SVD) returns the exact solution of a slightly
# perturbed problem, with a tiny residual, and the relative error of
# $\mathbf{x}$ is then at most about $\kappa(A)\,u$. Small residual does
# **not** mean small error when $\kappa$ is large. The Hilbert matrices
# $H_{ij} = 1/(i + j - 1)$ are the textbook example:

# %% tags=["nbval-ignore-output"]
print("  n   cond(H)    rel. error of x   rel. residual")
for size in (4, 6, 8, 10, 12):
    H = 1.0 / (np.arange(1, size + 1)[:, None] + np.arange(size)[None, :])
    x_true = np.ones(size)
    x_hat = np.linalg.solve(H, H @ x_true)
    err = np.linalg.norm(x_hat - x_true) / np.linalg.norm(x_true)
    res = np.linalg.norm(H @ x_hat - H @ x_true) / np.linalg.norm(H @ x_true)
    print(f"{size:3d}  {np.linalg.cond(H):9.1e}   {err:12.1e}   {res:12.1e}")
    assert res < 1e-14 and err < 100 * np.linalg.cond(H) * np.finfo(float).eps  # tiny residual; error ~ kappa u
assert err > 1e-3  # n = 12: few or no correct digits

# %% [markdown]
# The residual stays at the rounding level ($10^{-16}$ or so) for every $n$,
# while the error grows with $\kappa$, roughly like $\kappa u$: by $n = 12$
# ($\kappa \approx 10^{16}$) few or no digits of $\mathbf{x}$ are right. The
# exact digits depend on the machine, but the pattern does not.
#
# **The normal equations square the condition number.** Least squares can be
# solved from $X^\top X\mathbf{w} = X^\top\mathbf{y}$, but
# $\kappa(X^\top X) = \kappa(X)^2$: whatever digits $\kappa(X)$ costs, the normal
# equations lose twice as many. Polynomial features are a typical
# ill-conditioned design (the columns $1, t, t^2, \dots$ look alike on $[0, 1]$):

# %%
t = np.linspace(0, 1, 100)
V = np.vander(t, 11, increasing=True)            # columns 1, t, ..., t^10
w_poly = np.ones(11)
y_poly = V @ w_poly                              # an exact fit exists: the error is pure rounding
kappa_V = np.linalg.cond(V)
print(f"cond(X) = {kappa_V:.1e},  cond(X)^2 = {kappa_V**2:.1e}")

# %% tags=["nbval-ignore-output"]
w_lstsq = np.linalg.lstsq(V, y_poly, rcond=None)[0]     # SVD-based, backward stable
w_normal = np.linalg.solve(V.T @ V, V.T @ y_poly)      # normal equations
rel_errors = [np.linalg.norm(w - w_poly) / np.linalg.norm(w_poly) for w in (w_lstsq, w_normal)]
for name, e in zip(["lstsq (SVD)", "normal equations"], rel_errors):
    print(f"{name:17s} relative error {e:.1e}")
assert rel_errors[0] < 1e-7 and rel_errors[1] > 1e3 * rel_errors[0]  # the normal equations lose many more digits

# %% [markdown]
# With $\kappa(X) \approx 10^{7}$, `lstsq` recovers the weights to about 9
# digits; the normal equations ($\kappa \approx 10^{14}$) keep only a few.
# The remedies: use `lstsq`/QR (or `lsqr` for sparse $X$) rather than forming
# $X^\top X$; **standardize** features (rescale columns); use orthogonal
# features (here Legendre polynomials instead of monomials); add a ridge term.
#
# ## 11. Exact arithmetic: when SymPy is the right tool
#
# SymPy computes with exact rationals, so conditioning cannot hurt it: the
# Hilbert system that defeated float64 above is solved *exactly*.

# %%
def hilbert(size):
    return sp.Matrix(size, size, lambda i, j: sp.Rational(1, i + j + 1))


H12 = hilbert(12)
x_exact = H12.LUsolve(H12 * sp.ones(12, 1))
print("exact solution is all ones:", x_exact == sp.ones(12, 1))
print("det(H_4) =", hilbert(4).det())
print("H_4^{-1} first row:", list(hilbert(4).inv()[0, :]))

# %% [markdown]
# Exactness is the right tool for small matrices with integer or rational
# entries, for checking a derivation, for deciding whether a matrix is
# *exactly* singular, or for producing a reference value to test a
# floating-point code against (as the `mpmath` reference did above). It cannot
# scale: the numbers themselves grow. $\det H_4 = 1/6048000$, and the
# denominator of $\det H_n$ has 53 digits for $n = 10$, 226 for $n = 20$ and
# 932 for $n = 40$; every operation on such numbers costs time proportional to
# their length, on top of the $O(n^3)$ operations of elimination.

# %%
for size in (10, 20, 40):
    print(f"n = {size:2d}: the denominator of det(H_n) has {len(str(sp.denom(hilbert(size).det())))} digits")

# %% tags=["nbval-ignore-output"]
for size in (10, 20, 40):
    Hn = hilbert(size)
    bn = Hn * sp.ones(size, 1)
    t_solve = timeit(lambda: Hn.LUsolve(bn), 1)
    Hf = np.array(Hn, dtype=float)
    t_np = timeit(lambda: np.linalg.solve(Hf, np.ones(size)), 3)
    print(f"n = {size:2d}: SymPy exact solve {1e3 * t_solve:8.1f} ms   NumPy float solve {1e3 * t_np:6.3f} ms")

# %% [markdown]
# Each doubling of $n$ multiplies SymPy's time several-fold, and an
# exact $40\times40$ solve already takes a noticeable fraction of a second,
# against microseconds in floating point. The $40\,000$-unknown systems of
# this chapter are far out of reach. The practical split is: SymPy for small,
# exact, symbolic questions; floating point with stable algorithms and an eye
# on $\kappa$ for everything at data scale.
#
# ## 12. Summary
#
# | topic | tool | lesson |
# |---|---|---|
# | building a sparse matrix | `sps.coo_array((v, (i, j)), shape)`, `sps.diags_array`, `sps.kron` | duplicates are summed; never build it dense |
# | computing with it | `.tocsr()` (rows, `A @ x`), `.tocsc()` (columns, direct solvers) | convert once, then compute |
# | memory | `data`, `indices`, `indptr` | $\approx 12$ bytes per non-zero (32-bit indices) instead of $8mn$ |
# | SPD systems | `spla.cg(A, b, rtol=...)` | iterations $\propto \sqrt{\kappa}$; set `rtol`; regularize or precondition |
# | direct sparse solve | `spla.spsolve` (CSC) | great in 2-D; fill-in limits it |
# | least squares | `spla.lsqr(X, y, damp=...)` | never form $X^\top X$ for ill-conditioned $X$ |
# | top singular values | `spla.svds(X, k)` | returned in increasing order |
# | cancellation | rewrite: $2\sin^2(x/2)$, `expm1`, `log1p` | subtracting nearly equal numbers exposes old errors |
# | variance | two-pass or Welford | never $\overline{x^2} - \bar x^2$ with a large mean |
# | overflow | log-sum-exp shift | softmax, cross-entropy |
# | exactness | SymPy rationals | right for small exact questions; cannot scale |
#
# In the exercises you build CSR arrays from triplets and multiply with them by
# hand, assemble grid Laplacians and smooth a signal on a graph with CG; then
# you predict how many CG iterations a grid needs before running any, construct
# a sparse matrix whose Cholesky factor fills in completely (and the reordering
# that prevents it), and find the line that ruins a feature scaler by
# cancellation.
#
# ## What's next
#
# **Chapter 12 — Graphs and scalable factorizations** puts sparse matrices to
# work on graphs: PageRank by power iteration on a sparse link matrix, a
# graph-convolution layer as one sparse product, spectral clustering with
# `eigsh`, and the randomized SVD and tensor factorizations that scale the
# SVD of chapter 06 to large data.
