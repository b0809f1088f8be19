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
# # Chapter 09 — Recommendation by matrix factorization
#
# A streaming service knows a few ratings of each user and has to guess all
# the others: which film will this person enjoy next? Put the ratings in a
# matrix $R$ with one row per user and one column per item. Almost every
# entry is **missing** — a typical user has rated a handful of the thousands of
# titles — and the task, *collaborative filtering*, is to fill in the blanks
# from the pattern of the ones we know. The idea at the heart of the
# winning Netflix Prize solutions (2006–2009) is pure linear algebra: assume that $R$ is close to a matrix of
# **low rank**, $R \approx PQ^\top$, learn the two thin factors from the
# observed entries only, and read every prediction off their product.
#
# This chapter builds such a recommender from scratch:
#
# 1. the low-rank model of tastes, on a toy example;
# 2. a realistic synthetic rating matrix, stored **sparse** (CSR);
# 3. a train / validation / test split and the RMSE on observed entries;
# 4. baselines: the global mean and user/item biases;
# 5. the truncated SVD of the mean-filled matrix (chapter 06);
# 6. alternating least squares (ALS): every step is a set of small ridge
#    regressions (chapter 03's normal equations);
# 7. choosing the rank and the regularization: overfitting;
# 8. cold start: new users and items.
#
# **What we use.** The dot product (chapter 01), matrices as maps and rank
# (chapter 02), least squares and the normal equations (chapter 03), and the
# SVD with the Eckart–Young theorem (chapter 06).
#
# **Conventions.** $R \in \mathbb{R}^{m\times n}$: $m$ users (rows), $n$
# items (columns). $\Omega$ is the set of observed pairs $(u, i)$, $I(u)$ the
# items rated by user $u$, $U(i)$ the users who rated item $i$. Users and
# items get latent vectors $\mathbf p_u, \mathbf q_i \in \mathbb{R}^k$, the
# rows of $P \in \mathbb{R}^{m\times k}$ and $Q \in \mathbb{R}^{n\times k}$.

# %%
import numpy as np
import scipy.sparse
import sympy as sp
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)  # the only source of randomness in this notebook

# %% [markdown]
# ## 1. Tastes as vectors: the low-rank model
#
# Suppose films differ in two hidden ways — how much *action* and how much
# *romance* they contain — and each viewer has a taste for each. Write film
# $i$ as $\mathbf q_i = (\text{action}_i, \text{romance}_i)$ and viewer $u$ as
# $\mathbf p_u = (\text{likes action}_u, \text{likes romance}_u)$. If the
# affinity of $u$ for $i$ is the dot product $\mathbf p_u \cdot \mathbf q_i$,
# the whole affinity table is a matrix product,
#
# $$
# \hat R = P Q^\top, \qquad \hat r_{ui} = \mathbf p_u \cdot \mathbf q_i
# = \sum_{f=1}^{k} p_{uf}\, q_{if},
# $$
#
# and it has rank at most $k$ (here $k = 2$), however many users and films
# there are. That is the **latent factor model**: $k$ numbers per user and $k$
# per item instead of $mn$ free entries.

# %%
P_toy = np.array([[2.0, 0.0],    # Ann: action fan
                  [0.0, 2.0],    # Ben: romance fan
                  [1.0, 1.0],    # Cleo: likes both
                  [2.0, 1.0]])   # Dan: mostly action
Q_toy = np.array([[2.0, 0.0],    # Die Hard
                  [1.5, 0.5],    # Mad Max
                  [0.0, 2.0],    # Notting Hill
                  [0.5, 1.5]])   # Titanic
R_toy = P_toy @ Q_toy.T
print("P Q^T =\n", R_toy)
print("rank:", np.linalg.matrix_rank(R_toy))

# %% [markdown]
# Now hide some entries, as a real service would only know a few, and ask: can
# we recover Dan's missing ratings from the others? If we knew $Q$, Dan's row
# would be a *least-squares problem* in his two unknowns $\mathbf p_{\text{Dan}}$:
# each rating he gave is one equation $\mathbf p_{\text{Dan}}\cdot\mathbf q_i = r_{\text{Dan},i}$.
# Two ratings of films that are not parallel in taste space already pin it down:

# %%
known = [0, 2]                        # Dan rated Die Hard and Notting Hill only
Qk = Q_toy[known]
p_dan = np.linalg.solve(Qk, R_toy[3, known])
print("Dan's recovered taste:", p_dan)
print("predicted row:", p_dan @ Q_toy.T, " true row:", R_toy[3])

# %% [markdown]
# Matrix factorization turns this around: neither $P$ nor $Q$ is known, only
# scattered entries of $R$ (with noise), and both factors are learned from
# them. Nobody tells the model what "action" is; it finds *some* $k$ latent
# directions that explain the ratings. Those are only defined up to an
# invertible $k\times k$ change of basis, $PQ^\top = (PA)(QA^{-\top})^\top$, so
# the individual factors are not interpretable without more work — the
# *predictions* are what we evaluate.

# %% [markdown]
# ## 2. A realistic rating matrix, stored sparse
#
# We generate data whose truth we know: $m = 200$ users, $n = 100$ items and
# 2 000 ratings (10 % of the matrix). Each rating comes from
#
# $$
# r_{ui} = \operatorname{clip}_{[1,5]}\operatorname{round}\bigl(3.6 + \beta_u + \gamma_i
#   + \mathbf p^\star_u \cdot \mathbf q^\star_i + \varepsilon_{ui}\bigr),
# $$
#
# with a user offset $\beta_u$ (some people rate everything high), an item
# offset $\gamma_i$ (some films are better), rank-2 tastes
# $\mathbf p^\star_u, \mathbf q^\star_i$ and noise $\varepsilon_{ui}$; the
# result is rounded to whole stars. Real data are not observed uniformly:
# active users and popular items collect far more ratings, so we draw the
# observed pairs with probability proportional to (user activity) × (item
# popularity).

# %%
n_users, n_items, n_ratings, true_rank = 200, 100, 2000, 2
beta = rng.normal(0, 0.3, n_users)                    # user offsets
gamma = rng.normal(0, 0.42, n_items)                  # item offsets
P_true = rng.normal(0, 0.8, (n_users, true_rank))     # user tastes
Q_true = rng.normal(0, 0.8, (n_items, true_rank))     # item profiles
activity = rng.lognormal(0, 0.6, n_users)
popularity = rng.lognormal(0, 0.8, n_items)
prob = np.outer(activity, popularity).ravel()
pairs = rng.choice(n_users * n_items, size=n_ratings, replace=False, p=prob / prob.sum())
users, items = np.divmod(pairs, n_items)
preference = 3.6 + beta[users] + gamma[items] + np.sum(P_true[users] * Q_true[items], axis=1)
ratings = np.clip(np.round(preference + rng.normal(0, 0.4, n_ratings)), 1, 5)

print("first five triples (user, item, rating):")
print(np.column_stack([users, items, ratings])[:5])
print("ratings 1..5 occur", np.bincount(ratings.astype(int), minlength=6)[1:], "times;",
      f"mean rating {ratings.mean():.2f}")

# %% [markdown]
# The data arrive as *triples* (user, item, rating), the form of every
# ratings log. As a matrix they are 90 % holes, and a **missing rating is not
# a zero rating**: it is unknown. Storing the 18 000 holes as zeros would waste
# memory and, worse, invite us to compute with them. A **sparse** format
# stores only the known entries.
#
# **CSR (compressed sparse row)** keeps three arrays: `data` (the values, row
# by row), `indices` (the column of each value) and `indptr` (row $u$'s
# entries are `data[indptr[u]:indptr[u+1]]`). Reading a row — all the ratings
# of one user, exactly what ALS will need — is a slice. A small example:

# %%
tiny = scipy.sparse.csr_array(([5.0, 3.0, 4.0, 1.0, 2.0], ([0, 0, 2, 2, 2], [1, 3, 0, 2, 3])), shape=(3, 4))
print(tiny.toarray())
print("data   :", tiny.data)
print("indices:", tiny.indices)
print("indptr :", tiny.indptr)
u = 2
print(f"user {u} rated items {tiny.indices[tiny.indptr[u]:tiny.indptr[u + 1]]}"
      f" with ratings {tiny.data[tiny.indptr[u]:tiny.indptr[u + 1]]}")

# %% [markdown]
# User 1 has no ratings: `indptr[1] == indptr[2]`. The zeros that `toarray()`
# prints are only a display; nothing is stored for them. Our full matrix, and
# what its dense and CSR versions cost:

# %%
R = scipy.sparse.csr_array((ratings, (users, items)), shape=(n_users, n_items))
csr_bytes = R.data.nbytes + R.indices.nbytes + R.indptr.nbytes
print(f"R: shape {R.shape}, {R.nnz} stored ratings, density {R.nnz / (n_users * n_items):.1%}")
print(f"dense float64: {n_users * n_items * 8:,} bytes;  CSR: {csr_bytes:,} bytes ({R.indices.dtype} indices)")

# Netflix Prize training set: 480,189 users, 17,770 films, 100,480,507 ratings
m_nf, n_nf, nnz_nf = 480_189, 17_770, 100_480_507
print(f"Netflix: density {nnz_nf / (m_nf * n_nf):.2%}, dense {m_nf * n_nf * 8 / 1e9:.1f} GB, "
      f"CSR (float64 values, int32 indices) {(nnz_nf * 12 + (m_nf + 1) * 4) / 1e9:.2f} GB")

# %% [markdown]
# At 10 % density CSR already needs only about a fifth of the dense memory,
# although each stored value also costs an 8-byte column index here: SciPy's
# sparse arrays keep the integer type of the `users` and `items` we passed in,
# int64. With 4-byte (int32) indices, as in the Netflix estimate, it would be
# about a sixth. On the Netflix data,
# 1.18 % dense, the dense matrix would need about 68 GB and CSR about 1.2 GB.
# Sparsity is what makes the problem fit in memory.
#
# **Figure 1** shows the pattern of observed entries with users sorted by
# activity and items by popularity, and how unequal the counts are: a few
# heavy users and blockbusters, a long tail of users and items with very few
# ratings. The long tail is where recommendation is hard.

# %%
user_counts = np.bincount(users, minlength=n_users)
item_counts = np.bincount(items, minlength=n_items)
u_order, i_order = np.argsort(-user_counts), np.argsort(-item_counts)

fig, axes = plt.subplots(1, 3, figsize=(15, 4.4), layout="constrained")
axes[0].spy(R[u_order][:, i_order], markersize=1.2, aspect="auto", color="tab:blue")
axes[0].set_title("observed entries\n(users by activity, items by popularity)")
axes[0].set_xlabel("item")
axes[0].set_ylabel("user")
axes[1].hist(user_counts, bins=np.arange(0, user_counts.max() + 2) - 0.5, color="tab:blue")
axes[1].set_title("ratings per user")
axes[1].set_xlabel("number of ratings")
axes[1].set_ylabel("number of users")
axes[2].bar(np.arange(n_items), item_counts[i_order], width=1.0, color="tab:orange")
axes[2].set_title("ratings per item (sorted)")
axes[2].set_xlabel("item rank by popularity")
axes[2].set_ylabel("number of ratings")
fig.suptitle("Figure 1: 2 000 ratings in a 200 × 100 matrix — 90 % of it is unknown")
plt.show()
print(f"ratings per user: min {user_counts.min()}, median {np.median(user_counts):.0f}, max {user_counts.max()}")
print(f"ratings per item: min {item_counts.min()}, median {np.median(item_counts):.0f}, max {item_counts.max()}")

# %% [markdown]
# ## 3. Train, validation, test — and the RMSE on observed entries
#
# To measure how well we predict *unseen* ratings we hide some. We split the
# observed entries at random: 20 % are the **test** set, touched once at the
# very end; of the rest, 20 % are a **validation** set used to choose
# hyperparameters (the rank $k$, the regularization $\lambda$), and the
# remaining 1 280 ratings are the **training** set that models are fitted to.
# Choosing hyperparameters on the test set would make the test score
# optimistic: it would no longer measure performance on data the whole
# procedure has never seen.
#
# The standard score is the **root-mean-square error over the observed
# entries** of the set being evaluated:
#
# $$
# \mathrm{RMSE} = \sqrt{\frac{1}{|\Omega|} \sum_{(u,i)\in\Omega} (r_{ui} - \hat r_{ui})^2 } .
# $$

# %%
perm = rng.permutation(n_ratings)
n_test = n_ratings // 5
n_val = (n_ratings - n_test) // 5
test_idx, val_idx, train_idx = perm[:n_test], perm[n_test:n_test + n_val], perm[n_test + n_val:]


def to_csr(idx):
    return scipy.sparse.csr_array((ratings[idx], (users[idx], items[idx])), shape=(n_users, n_items))


R_train, R_val, R_test = to_csr(train_idx), to_csr(val_idx), to_csr(test_idx)
print(f"train {R_train.nnz}, validation {R_val.nnz}, test {R_test.nnz} ratings")


def rmse(R_eval, predict):
    """RMSE over the stored entries of R_eval; predict(u, i) returns predictions for index arrays."""
    C = R_eval.tocoo()
    return float(np.sqrt(np.mean((C.data - predict(C.row, C.col)) ** 2)))


def from_dense(R_hat):
    """A predict(u, i) function that looks the predictions up in a dense matrix."""
    return lambda u, i: R_hat[u, i]


# %% [markdown]
# `rmse` takes a *function* of index arrays so that it never has to build a
# dense $m\times n$ prediction matrix (for Netflix that would again be
# 68 GB); `from_dense` wraps a dense matrix when we do have one. The classic
# mistake is to compare whole matrices, `R_val.toarray() - R_hat`: every
# missing entry then counts as a "rating" of 0. Predicting 0 everywhere would
# look good on the holes; predicting the honest mean looks terrible:

# %%
mu = R_train.data.mean()
R_const = np.full((n_users, n_items), mu)
print(f"predict mu = {mu:.3f} everywhere:")
print(f"  RMSE over the observed validation ratings : {rmse(R_val, from_dense(R_const)):.3f}")
print(f"  RMSE over all entries, holes as zeros    : {np.sqrt(np.mean((R_val.toarray() - R_const) ** 2)):.3f}")

# %% [markdown]
# The second number has nothing to do with rating quality. From now on every
# error is measured on observed entries only.
#
# ## 4. Baselines: the global mean and user/item biases
#
# Before anything clever, the simplest predictors. The **global mean**
# $\hat r_{ui} = \mu$ (just computed) scores the RMSE above. Much of the
# variation in ratings is not about the match between a user and an item but
# about each alone: some users are generous, some films are good. The **bias
# model** $\hat r_{ui} = \mu + b_u + b_i$ captures that. With few ratings per
# item, the raw average deviation is noisy (an item with a single 5-star
# rating would get bias $5 - \mu$), so we **shrink** towards 0 with a
# regularization $\lambda > 0$:
#
# $$
# b_i = \frac{\sum_{u\in U(i)} (r_{ui} - \mu)}{\lambda + |U(i)|}, \qquad
# b_u = \frac{\sum_{i\in I(u)} (r_{ui} - \mu - b_i)}{\lambda + |I(u)|}.
# $$
#
# An item with many ratings keeps nearly its average deviation; one with
# one or two is pulled strongly to 0; one with none gets 0, i.e. the global
# mean. (Each formula is the exact minimizer of a ridge-penalized least-squares
# problem: $b_i$ minimizes $\sum_{u\in U(i)}(r_{ui} - \mu - b_i)^2 + \lambda b_i^2$
# with the user biases still at zero, then $b_u$ minimizes
# $\sum_{i\in I(u)}(r_{ui} - \mu - b_i - b_u)^2 + \lambda b_u^2$ with the item
# biases fixed — one block of unknowns at a time, the idea of ALS below.)

# %%
def fit_biases(R_fit, lam):
    C = R_fit.tocoo()
    mu = C.data.mean()
    b_item = np.bincount(C.col, C.data - mu, n_items) / (lam + np.bincount(C.col, minlength=n_items))
    b_user = np.bincount(C.row, C.data - mu - b_item[C.col], n_users) / (lam + np.bincount(C.row, minlength=n_users))
    return mu, b_user, b_item


def bias_predictor(mu, b_user, b_item):
    return lambda u, i: mu + b_user[u] + b_item[i]


print(" lambda   train RMSE   validation RMSE")
for lam in [0.0, 1.0, 3.0, 10.0, 30.0]:
    with np.errstate(invalid="ignore", divide="ignore"):
        model = fit_biases(R_train, lam)
    print(f"{lam:6.1f}     {rmse(R_train, bias_predictor(*model)):.3f}        {rmse(R_val, bias_predictor(*model)):.3f}")

# %% [markdown]
# With $\lambda = 0$ some user or item without training ratings gets $0/0$,
# a NaN, and the validation RMSE is undefined — a first glimpse of the cold-start problem of Section 8. A
# moderate $\lambda$ both fixes that and gives the best validation error;
# the training error only grows with $\lambda$, as it must, since shrinking
# moves the fit away from the training data. We keep $\lambda = 3$:

# %%
lam_bias = 3.0
mu, b_user, b_item = fit_biases(R_train, lam_bias)
baseline = bias_predictor(mu, b_user, b_item)
print(f"bias baseline (lambda = {lam_bias}): validation RMSE {rmse(R_val, baseline):.3f}")
print(f"global mean                 : validation RMSE {rmse(R_val, from_dense(R_const)):.3f}")

# %% [markdown]
# ## 5. First attempt: the truncated SVD of the mean-filled matrix
#
# Chapter 06 gave the best rank-$k$ approximation of a *complete* matrix:
# keep the $k$ largest singular values (Eckart–Young). Our matrix is not
# complete, so the simplest idea is to fill the holes first — with each
# item's mean rating — and then truncate the SVD:
#
# $$
# F_{ui} = \begin{cases} r_{ui} & (u,i)\in\Omega \\ \bar r_i & \text{otherwise} \end{cases},
# \qquad \hat R = U_k \Sigma_k V_k^\top \ \text{(best rank-$k$ approximation of $F$)}.
# $$

# %%
def mean_filled(R_fit):
    C = R_fit.tocoo()
    counts = np.bincount(C.col, minlength=n_items)
    item_mean = np.where(counts > 0, np.bincount(C.col, C.data, n_items) / np.maximum(counts, 1), C.data.mean())
    F = np.tile(item_mean, (n_users, 1))
    F[C.row, C.col] = C.data
    return F


F = mean_filled(R_train)
U, s, Vt = np.linalg.svd(F, full_matrices=False)
print("largest singular values of F:", s[:6])
ranks = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32]
svd_train, svd_val = [], []
for k in ranks:
    F_k = (U[:, :k] * s[:k]) @ Vt[:k]
    svd_train.append(rmse(R_train, from_dense(F_k)))
    svd_val.append(rmse(R_val, from_dense(F_k)))
print(" k:", ranks)
print(" train RMSE     :", np.round(svd_train, 3))
print(" validation RMSE:", np.round(svd_val, 3))

# %% [markdown]
# The training error falls steadily with $k$ — more singular values, closer
# to $F$ — down to 0.281 at $k = 32$, but the validation error barely moves:
# its best, 0.827 at $k = 4$, is only a little better than the bias baseline
# (0.876), and it rises again for larger $k$. (The first singular value, 518.5,
# is just the large average rating: $F$ is far from centred.) The problem is
# the filling: 1 280 of the 20 000 entries of $F$ are real training ratings,
# so 94 % of it is *made-up* item means, and the SVD works just as hard to
# reproduce those as the real ratings. What we really want is
# a low-rank matrix that fits the **observed entries only**:
#
# $$
# \min_{P,\,Q}\ \sum_{(u,i)\in\Omega} (r_{ui} - \mathbf p_u\cdot\mathbf q_i)^2 .
# $$
#
# There is no closed form for this (the SVD solves it only when $\Omega$ is
# everything), and with as many unknowns as data it overfits badly unless
# regularized. That is the next section.
#
# ## 6. Alternating least squares (ALS)
#
# We fit the **residuals** of the bias baseline, $e_{ui} = r_{ui} - \mu - b_u - b_i$,
# with a low-rank model, so that the final prediction is
# $\hat r_{ui} = \mu + b_u + b_i + \mathbf p_u\cdot\mathbf q_i$: the biases
# explain the "generous user, good film" part, the factors the match between
# tastes. The objective, with an L2 (ridge) penalty on the factors, is
#
# $$
# J(P, Q) = \sum_{(u,i)\in\Omega} (e_{ui} - \mathbf p_u\cdot\mathbf q_i)^2
#   + \lambda\Bigl(\sum_u \lVert\mathbf p_u\rVert^2 + \sum_i \lVert\mathbf q_i\rVert^2\Bigr).
# $$
#
# $J$ is not convex in $(P, Q)$ jointly (it has the product $\mathbf p_u\cdot\mathbf q_i$),
# but **fix $Q$ and it is a convex quadratic in $P$**, and it splits into one
# independent problem per user:
#
# $$
# \min_{\mathbf p_u}\ \sum_{i\in I(u)} (e_{ui} - \mathbf q_i\cdot\mathbf p_u)^2 + \lambda\lVert\mathbf p_u\rVert^2
# = \min_{\mathbf p_u}\ \lVert Q_u\mathbf p_u - \mathbf e_u\rVert^2 + \lambda\lVert\mathbf p_u\rVert^2 ,
# $$
#
# where $Q_u$ stacks the rows $\mathbf q_i$ of the items user $u$ rated and
# $\mathbf e_u$ those residuals. That is **ridge regression** with the item
# factors as features. Setting the gradient
# $2Q_u^\top(Q_u\mathbf p_u - \mathbf e_u) + 2\lambda\mathbf p_u$ to zero gives
# the normal equations of chapter 03 with $\lambda I$ added:
#
# $$
# (Q_u^\top Q_u + \lambda I)\,\mathbf p_u = Q_u^\top \mathbf e_u .
# $$
#
# The $k\times k$ matrix $Q_u^\top Q_u + \lambda I$ is symmetric positive
# definite for every $\lambda > 0$ (its eigenvalues are at least $\lambda$),
# so the solution is unique even for a user with fewer than $k$ ratings, and
# a user with none gets $\mathbf p_u = 0$. By symmetry, fixing $P$ gives one
# ridge regression per item. **ALS** alternates the two half-steps.
#
# Before coding it, let SymPy confirm the normal equations for one user with
# $k = 2$ who rated three items: the stationary point of the objective is
# exactly the solution of $(Q_u^\top Q_u + \lambda I)\mathbf p = Q_u^\top\mathbf e$.

# %%
lam_s = sp.Symbol("lambda", positive=True)
p1, p2 = sp.symbols("p1 p2", real=True)
Qu_s = sp.Matrix(3, 2, sp.symbols("q1:4(1:3)", real=True))    # rows: the three rated items
e_s = sp.Matrix(sp.symbols("e1:4", real=True))
p_s = sp.Matrix([p1, p2])
objective = (Qu_s * p_s - e_s).dot(Qu_s * p_s - e_s) + lam_s * p_s.dot(p_s)
stationary = sp.solve([sp.diff(objective, p1), sp.diff(objective, p2)], [p1, p2], dict=True)[0]
normal_eq = (Qu_s.T * Qu_s + lam_s * sp.eye(2)).LUsolve(Qu_s.T * e_s)
print("gradient = 0 gives the normal-equation solution:",
      all(sp.simplify(stationary[v] - normal_eq[j]) == 0 for j, v in enumerate([p1, p2])))

# %% [markdown]
# Now the code. `ridge_rows` is one half-step: for every row of a CSR matrix
# it solves the small system with `np.linalg.solve` (never with an explicit
# inverse — chapter 03); the item step is the same function applied to
# $R^\top$ in CSR form. We record $J$ after every half-step.

# %%
def ridge_rows(M, F, lam):
    """Row a of the result solves (F_a^T F_a + lam I) x = F_a^T m_a over the stored entries of row a of M."""
    k = F.shape[1]
    X = np.zeros((M.shape[0], k))
    for a in range(M.shape[0]):
        start, end = M.indptr[a], M.indptr[a + 1]
        if start == end:
            continue                                   # nothing observed: x = 0
        Fa = F[M.indices[start:end]]
        X[a] = np.linalg.solve(Fa.T @ Fa + lam * np.eye(k), Fa.T @ M.data[start:end])
    return X


def objective_J(E, P, Q, lam):
    C = E.tocoo()
    fit = np.sum((C.data - np.sum(P[C.row] * Q[C.col], axis=1)) ** 2)
    return fit + lam * (np.sum(P ** 2) + np.sum(Q ** 2))


def als(E, k, lam, n_iters=20, seed=0, history=False):
    """Factor the sparse matrix E (users x items) as P Q^T by alternating ridge regressions."""
    Et = scipy.sparse.csr_array(E.T)
    Q = np.random.default_rng(seed).normal(scale=0.1, size=(E.shape[1], k))
    P = np.zeros((E.shape[0], k))
    J = []
    for _ in range(n_iters):
        P = ridge_rows(E, Q, lam)
        if history:
            J.append(objective_J(E, P, Q, lam))
        Q = ridge_rows(Et, P, lam)
        if history:
            J.append(objective_J(E, P, Q, lam))
    return (P, Q, J) if history else (P, Q)


def residual_matrix(R_fit, mu, b_user, b_item):
    """The same sparsity pattern as R_fit, holding r - mu - b_u - b_i."""
    C = R_fit.tocoo()
    return scipy.sparse.csr_array((C.data - mu - b_user[C.row] - b_item[C.col], (C.row, C.col)), shape=R_fit.shape)


def factor_predictor(mu, b_user, b_item, P, Q):
    return lambda u, i: mu + b_user[u] + b_item[i] + np.sum(P[u] * Q[i], axis=1)


E_train = residual_matrix(R_train, mu, b_user, b_item)
P, Q, J = als(E_train, k=2, lam=3.0, n_iters=20, history=True)
model = factor_predictor(mu, b_user, b_item, P, Q)
print(f"ALS k=2, lambda=3: J = {J[0]:.1f} after the first half-step, {J[-1]:.1f} after 20 iterations")
print(f"train RMSE {rmse(R_train, model):.3f}, validation RMSE {rmse(R_val, model):.3f}")
print("J never increased:", bool(np.all(np.diff(J) <= 1e-9 * J[0])))

# %% [markdown]
# **Why $J$ can only go down.** Each half-step replaces $P$ (or $Q$) by the
# *exact* minimizer of $J$ over that block with the other held fixed, so $J$
# cannot increase. It is bounded below by 0, so it converges — in general to
# a stationary point, not necessarily the global minimum, because $J$ is not
# jointly convex. **Figure 2** shows a typical run: a fast drop, a slow
# stretch, a second drop around iterations 11–14, then a level curve. ALS
# can crawl along flat valleys of $J$, so we run a fixed, generous number of
# iterations (15–20 here) rather than stop at the first slow step. Note the start: with $Q = 0$ the first user step
# gives $P = 0$, then $Q = 0$ again — ALS would stay at the useless
# stationary point $P = Q = 0$ forever.

# %%
P_tr, Q_tr, J_tr = als(E_train, k=2, lam=3.0, n_iters=20, history=True)
iters_train, iters_val = [], []
for n_it in range(1, 21):
    P_n, Q_n = als(E_train, k=2, lam=3.0, n_iters=n_it)
    m_n = factor_predictor(mu, b_user, b_item, P_n, Q_n)
    iters_train.append(rmse(R_train, m_n))
    iters_val.append(rmse(R_val, m_n))

fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
axes[0].plot(np.arange(1, len(J_tr) + 1) / 2, J_tr, "o-", markersize=3)
axes[0].set_xlabel("iteration (each half-step is one point)")
axes[0].set_ylabel("objective J")
axes[0].set_title("J decreases at every half-step")
axes[1].plot(range(1, 21), iters_train, "o-", markersize=3, label="train")
axes[1].plot(range(1, 21), iters_val, "s-", markersize=3, label="validation")
axes[1].axhline(rmse(R_val, baseline), color="gray", ls="--", label="bias baseline (validation)")
axes[1].set_xlabel("iterations")
axes[1].set_ylabel("RMSE")
axes[1].set_title("RMSE of mu + b_u + b_i + p_u · q_i")
axes[1].legend()
fig.suptitle("Figure 2: ALS with k = 2, λ = 3 on the training residuals")
plt.show()

# %% [markdown]
# ## 7. Choosing the rank and the regularization: overfitting
#
# The model has $(m + n)k$ factor parameters; the training set has 1 280
# ratings. At $k = 2$ that is 600 parameters, at $k = 16$ already 4 800 —
# far more than the data. Without a penalty the factors could then fit the
# training ratings almost perfectly and predict nonsense elsewhere. **Figure 3**
# shows this trade-off from both sides: on the left, the rank at fixed
# $\lambda$ (and the SVD of Section 5 for comparison); on the right, the
# regularization at fixed rank. The training error always prefers more
# capacity (larger $k$, smaller $\lambda$); the validation error does not.

# %%
als_train, als_val = {}, {}
for lam in [0.3, 3.0]:
    als_train[lam], als_val[lam] = [], []
    for k in ranks:
        P_k, Q_k = als(E_train, k=k, lam=lam, n_iters=15)
        m_k = factor_predictor(mu, b_user, b_item, P_k, Q_k)
        als_train[lam].append(rmse(R_train, m_k))
        als_val[lam].append(rmse(R_val, m_k))

lams = [0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0]
lam_train, lam_val = [], []
for lam in lams:
    P_l, Q_l = als(E_train, k=8, lam=lam, n_iters=15)
    m_l = factor_predictor(mu, b_user, b_item, P_l, Q_l)
    lam_train.append(rmse(R_train, m_l))
    lam_val.append(rmse(R_val, m_l))

fig, axes = plt.subplots(1, 2, figsize=(12, 4.4), layout="constrained")
axes[0].plot(ranks, als_train[0.3], "^-", color="tab:red", label="ALS (λ = 0.3), train")
axes[0].plot(ranks, als_val[0.3], "^--", color="tab:red", label="ALS (λ = 0.3), validation")
axes[0].plot(ranks, als_train[3.0], "o-", color="tab:blue", label="ALS (λ = 3), train")
axes[0].plot(ranks, als_val[3.0], "o--", color="tab:blue", label="ALS (λ = 3), validation")
axes[0].plot(ranks, svd_train, "s-", color="tab:orange", label="mean-filled SVD, train")
axes[0].plot(ranks, svd_val, "s--", color="tab:orange", label="mean-filled SVD, validation")
axes[0].axhline(rmse(R_val, baseline), color="gray", ls=":", label="bias baseline, validation")
axes[0].set_xscale("log", base=2)
axes[0].set_xlabel("rank k")
axes[0].set_ylabel("RMSE")
axes[0].set_title("rank")
axes[0].legend(fontsize=8)
axes[1].plot(lams, lam_train, "o-", color="tab:green", label="ALS (k = 8), train")
axes[1].plot(lams, lam_val, "o--", color="tab:green", label="ALS (k = 8), validation")
axes[1].axhline(rmse(R_val, baseline), color="gray", ls=":", label="bias baseline, validation")
axes[1].set_xscale("log")
axes[1].set_xlabel("regularization λ")
axes[1].set_ylabel("RMSE")
axes[1].set_title("regularization")
axes[1].legend(fontsize=8)
fig.suptitle("Figure 3: training error always rewards capacity; validation error picks the model")
plt.show()
print(" k:", ranks)
for lam in [0.3, 3.0]:
    print(f" ALS (lambda={lam}) train RMSE     :", np.round(als_train[lam], 3))
    print(f" ALS (lambda={lam}) validation RMSE:", np.round(als_val[lam], 3))
print(" lambda:", lams)
print(" ALS (k=8) train RMSE     :", np.round(lam_train, 3))
print(" ALS (k=8) validation RMSE:", np.round(lam_val, 3))

# %% [markdown]
# Read the right panel from left to right. With a tiny $\lambda$ the rank-8
# model drives the training error almost to zero (0.022 at $\lambda = 0.03$)
# while the validation error rises to 0.996, worse than the bias baseline
# and even than the global mean: it has memorized noise. As $\lambda$ grows
# the two curves approach each other, and the validation error is lowest at
# a moderate $\lambda$ (0.787 at $\lambda = 2$). With a very large $\lambda$
# the penalty wins completely: all factors shrink to zero and the model *is*
# the bias baseline again — at $\lambda = 10$ and $30$ both errors equal the
# baseline's, 0.758 on the training and 0.876 on the validation ratings.
#
# The left panel shows the rank. The training error never increases with
# $k$. With the weak penalty $\lambda = 0.3$ the validation error is 0.799 at
# $k = 1$, jumps to 1.000 at $k = 4$, and only comes back down to about the
# same 0.799 at $k = 24$ — the rank alone is a poor handle on overfitting. With
# $\lambda = 3$ both curves flatten from $k \approx 4$ on: the penalty shrinks
# the directions the data do not support towards zero, so extra columns
# change little. (A known identity makes this precise: the smallest
# $\lVert P\rVert_F^2 + \lVert Q\rVert_F^2$ over all factorizations
# $PQ^\top = X$ is twice the sum of the singular values of $X$, so the
# penalty acts on the singular values of the prediction matrix.) And ALS
# with $\lambda = 3$, fitted to the observed entries only, beats the
# mean-filled SVD at every rank.
#
# We choose $(k, \lambda)$ on the validation set by a small grid search —
# never on the test set:

# %%
best = None
for k in [1, 2, 3, 4, 6, 8]:
    for lam in [1.0, 2.0, 3.0, 5.0]:
        P_g, Q_g = als(E_train, k=k, lam=lam, n_iters=15)
        score = rmse(R_val, factor_predictor(mu, b_user, b_item, P_g, Q_g))
        if best is None or score < best[0]:
            best = (score, k, lam)
print(f"best on validation: k = {best[1]}, lambda = {best[2]} (validation RMSE {best[0]:.3f})")

# %% [markdown]
# **The final, one-time test.** With the hyperparameters fixed, we refit
# every model on training + validation ratings (more data, same recipe) and
# evaluate each once on the test set:

# %%
R_fit = R_train + R_val
mu_f, bu_f, bi_f = fit_biases(R_fit, lam_bias)
F_f = mean_filled(R_fit)
U_f, s_f, Vt_f = np.linalg.svd(F_f, full_matrices=False)
k_svd = ranks[int(np.argmin(svd_val))]
P_f, Q_f = als(residual_matrix(R_fit, mu_f, bu_f, bi_f), k=best[1], lam=best[2], n_iters=15)
results = {
    "global mean": from_dense(np.full((n_users, n_items), R_fit.data.mean())),
    "user + item biases": bias_predictor(mu_f, bu_f, bi_f),
    f"mean-filled SVD, k = {k_svd}": from_dense((U_f[:, :k_svd] * s_f[:k_svd]) @ Vt_f[:k_svd]),
    f"biases + ALS, k = {best[1]}, lambda = {best[2]}": factor_predictor(mu_f, bu_f, bi_f, P_f, Q_f),
}
for name, predictor in results.items():
    print(f"{name:34s} test RMSE {rmse(R_test, predictor):.3f}")
noise_floor = np.sqrt(np.mean((ratings[test_idx] - np.clip(preference[test_idx], 1, 5)) ** 2))
print(f"{'(the true preferences, clipped)':34s} test RMSE {noise_floor:.3f}")

# %% [markdown]
# The last line is a yardstick only our synthetic data allow: predicting with
# the *true* noise-free preferences (clipped to the 1–5 scale) still leaves
# the error of the noise and of rounding to whole stars. No method can
# expect to get much below it. Each step up the table helps: the biases take
# the error from 0.953 to 0.865, and the factors bring it to 0.730, about a
# third of the way from the bias baseline to that floor — with only about
# eight ratings per user to learn from.
#
# ## 8. Cold start
#
# Matrix factorization learns a user only from that user's ratings. Someone
# with no training ratings gets $\mathbf p_u = 0$ and $b_u = 0$ (the
# regularization makes both well defined), so the prediction falls back to
# $\mu + b_i$: popularity, nothing personal. With one or two ratings the
# ridge penalty keeps $\mathbf p_u$ small, and personalization only kicks in
# as ratings accumulate. **Figure 4** splits the test error by how many
# ratings each user had in the fitting data.

# %%
fit_counts = np.diff(R_fit.indptr)
C_test = R_test.tocoo()
groups = [(0, 0, "0"), (1, 4, "1–4"), (5, 9, "5–9"), (10, 19, "10–19"), (20, 10_000, "20+")]
base_pred = bias_predictor(mu_f, bu_f, bi_f)(C_test.row, C_test.col)
als_pred = factor_predictor(mu_f, bu_f, bi_f, P_f, Q_f)(C_test.row, C_test.col)
labels, n_in, base_err, als_err = [], [], [], []
for lo, hi, label in groups:
    sel = (fit_counts[C_test.row] >= lo) & (fit_counts[C_test.row] <= hi)
    labels.append(label)
    n_in.append(int(sel.sum()))
    base_err.append(np.sqrt(np.mean((C_test.data[sel] - base_pred[sel]) ** 2)))
    als_err.append(np.sqrt(np.mean((C_test.data[sel] - als_pred[sel]) ** 2)))

x_pos = np.arange(len(groups))
fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
ax.bar(x_pos - 0.2, base_err, width=0.4, label="user + item biases")
ax.bar(x_pos + 0.2, als_err, width=0.4, label="biases + ALS")
ax.set_xticks(x_pos, [f"{lab}\n({n} test ratings)" for lab, n in zip(labels, n_in)])
ax.set_xlabel("number of ratings of the user in the fitting data")
ax.set_ylabel("test RMSE")
ax.set_ylim(0, 1.2)
ax.legend(loc="upper left", ncols=2)
ax.set_title("Figure 4: personalization needs data — nothing is learned about a user without ratings")
plt.show()
for label, n, b, a in zip(labels, n_in, base_err, als_err):
    print(f"users with {label:>5} ratings: {n:3d} test ratings, biases {b:.3f}, ALS {a:.3f}")

# %% [markdown]
# For users without ratings both models make the same prediction
# $\mu + b_i$ (their factors and biases are zero), so the two bars are
# equal; the benefit of the factors appears only for users the model has
# seen rate something (with so few test ratings per group, the individual
# bars are noisy). A new **item** has the symmetric problem: nobody can be
# recommended a film that nobody has rated. Real systems bridge the cold
# start with side information (a short onboarding questionnaire, the genre
# and cast of a new film, content features) or simply show popular items.
#
# **Folding in a new user.** The good news is that a new user does not
# require retraining: with the item factors $Q$ fixed, their vector is *one*
# ridge regression — exactly the ALS user step. Let us create a user from the
# same hidden model, let them rate five items, and compare their predicted
# scores for all other items with their true preferences:

# %%
beta_new, p_new_true = rng.normal(0, 0.3), rng.normal(0, 0.8, true_rank)
true_pref = 3.6 + beta_new + gamma + Q_true @ p_new_true       # their (unknown) preference for every item
rated = rng.choice(n_items, size=5, replace=False, p=popularity / popularity.sum())
their_ratings = np.clip(np.round(true_pref[rated] + rng.normal(0, 0.4, 5)), 1, 5)
print("the new user rated items", rated, "with", their_ratings)

resid = their_ratings - mu_f - bi_f[rated]
b_new = resid.sum() / (lam_bias + 5)                          # their bias, as in Section 4
e_new = their_ratings - mu_f - b_new - bi_f[rated]
Qn = Q_f[rated]
p_new = np.linalg.solve(Qn.T @ Qn + best[2] * np.eye(best[1]), Qn.T @ e_new)   # one ridge regression
others = np.setdiff1d(np.arange(n_items), rated)
pred_pop = mu_f + bi_f[others]
pred_new = mu_f + b_new + bi_f[others] + Q_f[others] @ p_new
print(f"RMSE against the true preferences on the other {others.size} items:")
print(f"  popularity only (mu + b_i)        : {np.sqrt(np.mean((pred_pop - true_pref[others]) ** 2)):.3f}")
print(f"  folded in (mu + b_u + b_i + p.q)  : {np.sqrt(np.mean((pred_new - true_pref[others]) ** 2)):.3f}")
top = others[np.argsort(-pred_new)[:5]]
print("top-5 recommendations:", top, " their true preferences:", np.round(true_pref[top], 2))

# %% [markdown]
# Five ratings and a $k\times k$ solve already move the predictions towards
# this user's real taste: the error against their true preferences drops
# from 0.629 to 0.480, and the five items we would recommend are ones they
# really like (preferences are on the unclipped scale, so they can exceed 5). This is also how production systems serve new
# users between retrainings.
#
# ## 9. Summary
#
# | idea | formula / tool | why |
# |---|---|---|
# | latent factor model | $\hat r_{ui} = \mathbf p_u\cdot\mathbf q_i$, $\hat R = PQ^\top$ of rank $k$ | $k(m+n)$ parameters instead of $mn$ |
# | sparse storage | CSR: `data`, `indices`, `indptr`; `scipy.sparse.csr_array` | missing $\neq$ zero; memory; fast row access |
# | evaluation | RMSE over the observed entries of a held-out set | never count the holes; tune on validation, report test once |
# | baseline | $\mu + b_u + b_i$, shrunk by $\lambda$ | most of the signal; the fallback for cold start |
# | mean-filled SVD | Eckart–Young on the filled matrix | simple, but fits the invented entries |
# | ALS | per user: $(Q_u^\top Q_u + \lambda I)\mathbf p_u = Q_u^\top\mathbf r_u$; same per item | each half-step is exact ridge regression; $J$ decreases |
# | overfitting | train error falls with $k$, rises with $\lambda$; validation error is U-shaped in $\lambda$ | choose $k$, $\lambda$ on validation data |
# | cold start | no ratings $\Rightarrow \mathbf p_u = 0$; fold in a new user with one ridge solve | personalization needs data |
#
# **Beyond this chapter.** Large systems solve the same objective with
# stochastic gradient descent, or with ALS distributed over many machines
# (every user's ridge regression is independent, so the half-steps
# parallelize perfectly — Apache Spark's MLlib offers ALS). With *implicit*
# feedback (clicks, plays) every entry is observed with a confidence weight,
# and ALS remains practical because $Q^\top Q$ can be computed once per
# half-step for all users. And the factor vectors $\mathbf q_i$ are
# *embeddings*: items with similar vectors (high cosine similarity,
# chapter 01) are liked by the same people, the same idea that word and
# product embeddings in deep learning are built on.
