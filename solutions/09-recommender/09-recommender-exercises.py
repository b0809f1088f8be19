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
# # Chapter 09 exercises: recommendation by matrix factorization
#
# Seven questions that build a small recommender from the ground up: predict what sparse storage and
# low-rank factors cost, measure errors on the observed entries only, fit the bias baseline, derive the
# ALS ridge step, find and fix the bug in a draft of it, run full ALS, and compare with a truncated
# SVD. Each question has a **visible test** you can run now and **hidden tests** that run when your
# notebook is graded (on other inputs, including edge cases such as a user with no ratings), so make
# your functions work for any valid input, not only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/09-recommender/09-recommender-exercises.ipynb`.
#
# Read chapter 09 (`course/09-recommender.ipynb`) first.
#
# **Conventions.** A rating matrix $R$ has one row per user and one column per item; only the
# observed ratings are stored (a SciPy sparse matrix), and a *missing* rating is **not** a zero rating.
# $\Omega$ is the set of observed pairs $(u, i)$, $I(u)$ the items rated by user $u$ and $U(i)$ the users
# who rated item $i$.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import scipy.sparse
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# A small synthetic rating data set (the lecture uses a larger one built in a similar way):
# 120 users, 60 items, ratings 1..5 from a rank-2 taste model plus noise, about 15% observed,
# split at random into 80% training and 20% test ratings.
_rng = np.random.default_rng(7)
_n_users, _n_items, _n_obs = 120, 60, 1080
_P = _rng.normal(0, 0.8, (_n_users, 2))
_Q = _rng.normal(0, 0.8, (_n_items, 2))
_pairs = _rng.choice(_n_users * _n_items, size=_n_obs, replace=False)
data_users, data_items = np.divmod(_pairs, _n_items)
_true = 3.5 + _rng.normal(0, 0.3, _n_users)[data_users] + _rng.normal(0, 0.4, _n_items)[data_items] \
    + np.sum(_P[data_users] * _Q[data_items], axis=1)
data_ratings = np.clip(np.round(_true + _rng.normal(0, 0.3, _n_obs)), 1, 5)
_test = np.zeros(_n_obs, dtype=bool)
_test[_rng.permutation(_n_obs)[: _n_obs // 5]] = True
R_train = scipy.sparse.csr_array((data_ratings[~_test], (data_users[~_test], data_items[~_test])),
                                 shape=(_n_users, _n_items))
R_test = scipy.sparse.csr_array((data_ratings[_test], (data_users[_test], data_items[_test])),
                                shape=(_n_users, _n_items))
print(f"R_train: {R_train.shape}, {R_train.nnz} ratings;  R_test: {R_test.nnz} ratings")

# %% [markdown]
# ## Question 1: how many numbers? Predict, then check (3 points)
#
# Answer with **formulas**: each answer is a function of the sizes, and the hidden tests evaluate it on
# other sizes, so a count read off one experiment does not help. Think first; then check your rules on
# small examples if you like. For a rating matrix with `n_users` rows, `n_items` columns and `nnz`
# stored ratings, and a rank `k` with $1 \le k \le \min(n_{\text{users}}, n_{\text{items}})$:
#
# 1. `csr_numbers(n_users, n_items, nnz)`: how many numbers a CSR matrix of that shape with `nnz`
#    stored entries holds in its three arrays `data`, `indices` and `indptr` together (array entries,
#    not bytes).
# 2. `factor_numbers(n_users, n_items, k)`: how many numbers the two factors $P$ (one row of $k$ per
#    user) and $Q$ (one row of $k$ per item) hold together.
# 3. `free_parameters(n_users, n_items, k)`: how many parameters a rank-$k$ matrix of shape
#    `(n_users, n_items)` **really** has, i.e. the dimension of the set of all such matrices. Not every
#    number in $P$ and $Q$ is free: Section 1 of the chapter shows that $PQ^\top = (PA)(QA^{-\top})^\top$
#    for every invertible $k\times k$ matrix $A$. (For instance, doubling $\mathbf p$ and halving
#    $\mathbf q$ leaves the rank-1 matrix $\mathbf p\mathbf q^\top$ unchanged.) This is also the least
#    number of observed ratings from which a rank-$k$ model can hope to pin down every missing one.
#
# Each function returns a whole number (a Python or NumPy integer).

# %% nbgrader={"grade": false, "grade_id": "q1-count-numbers", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "predict"}
def csr_numbers(n_users, n_items, nnz):
    ### BEGIN SOLUTION
    return 2 * nnz + n_users + 1
    ### END SOLUTION


def factor_numbers(n_users, n_items, k):
    ### BEGIN SOLUTION
    return k * (n_users + n_items)
    ### END SOLUTION


def free_parameters(n_users, n_items, k):
    ### BEGIN SOLUTION
    return k * (n_users + n_items - k)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-count-numbers-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
for _m, _n, _k, _nnz in [(4, 3, 1, 5), (3, 5, 3, 0), (200, 100, 2, 2000)]:
    _c, _f, _p = csr_numbers(_m, _n, _nnz), factor_numbers(_m, _n, _k), free_parameters(_m, _n, _k)
    for _v, _nm in [(_c, "csr_numbers"), (_f, "factor_numbers"), (_p, "free_parameters")]:
        assert np.ndim(_v) == 0 and float(_v) == round(float(_v)) and _v >= 0, \
            f"{_nm} should return a whole number >= 0, got {_v!r} for sizes ({_m}, {_n})."
    assert _p <= _f, f"free_parameters({_m}, {_n}, {_k}) is larger than the number of entries of P and Q."
    assert _p <= _m * _n, \
        f"free_parameters({_m}, {_n}, {_k}) = {_p} is more than the {_m * _n} entries of the matrix itself."

# %% nbgrader={"grade": true, "grade_id": "q1-count-numbers-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the three rules on tall, wide and square sizes, k = 1, k = min(n_users, n_items) and
# between, no ratings, and the Netflix sizes of Section 2.
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(7101)
_sizes = [(6, 4, 1, 8), (30, 50, 7, 200), (50, 7, 7, 40), (5, 5, 5, 25), (1, 9, 1, 3), (12, 1, 1, 0),
          (480_189, 17_770, 50, 100_480_507)]
_sizes += [(int(_m), int(_n), int(_rng.integers(1, min(_m, _n) + 1)), int(_rng.integers(0, _m * _n + 1)))
           for _m, _n in _rng.integers(2, 400, size=(6, 2))]
for _m, _n, _k, _nnz in _sizes:
    _c, _f, _p = csr_numbers(_m, _n, _nnz), factor_numbers(_m, _n, _k), free_parameters(_m, _n, _k)
    _call = f"({_m}, {_n}, {_nnz})"
    assert _c != 3 * _nnz or _nnz == 0, \
        f"csr_numbers{_call}: that is what COO stores (a row, a column and a value per rating); CSR " \
        "compresses the row numbers."
    assert _c != _m * _n or _m * _n == 2 * _nnz + _m + 1, f"csr_numbers{_call} counts the dense matrix, not CSR."
    assert _c == 2 * _nnz + _m + 1, \
        f"csr_numbers{_call} is wrong: count the entries of data, indices and indptr (Section 2 of the " \
        "chapter: indptr marks where each user's row starts and ends)."
    _call = f"({_m}, {_n}, {_k})"
    assert _f == _k * (_m + _n), \
        f"factor_numbers{_call} is wrong: count the entries of P and of Q only (no singular values, no product)."
    assert _p != _k * (_m + _n), \
        f"free_parameters{_call} counts every entry of P and Q as free; subtract what the change of basis A " \
        "leaves undetermined."
    assert _p != _k * (_m + _n) - _k or _k == 1, \
        f"free_parameters{_call} subtracts only the scalings of the k columns; A is any invertible k x k " \
        "matrix, not only a diagonal one."
    assert _p == _k * (_m + _n - _k), \
        f"free_parameters{_call} is wrong. Check your rule at k = min(n_users, n_items), where almost every " \
        "matrix has that rank, and at k = 1."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: RMSE on the observed entries (3 points)
#
# Write `masked_rmse(R, R_hat)` where `R` is a SciPy sparse rating matrix (any sparse format) and `R_hat`
# is a dense NumPy array of predictions with the same shape. Return, as a float, the root-mean-square
# error over the **stored (observed) entries of `R` only**:
# $$\mathrm{RMSE} = \sqrt{\frac{1}{|\Omega|}\sum_{(u,i)\in\Omega} (r_{ui} - \hat r_{ui})^2}.$$
# The missing entries of `R` are unknown, not zero, and must not count. If `R` has no stored entries,
# raise a `ValueError`. Do not modify the inputs.

# %% nbgrader={"grade": false, "grade_id": "q2-rmse", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def masked_rmse(R, R_hat):
    ### BEGIN SOLUTION
    C = scipy.sparse.coo_array(R)
    if C.nnz == 0:
        raise ValueError("no observed ratings")
    R_hat = np.asarray(R_hat, dtype=float)
    err = C.data - R_hat[C.row, C.col]
    return float(np.sqrt(np.mean(err ** 2)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-rmse-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_scalar_close

_R = scipy.sparse.csr_array(np.array([[4.0, 0.0], [0.0, 2.0]]))   # two observed ratings
_R_hat = np.array([[3.0, 1.0], [5.0, 4.0]])
assert_scalar_close(masked_rmse(_R, _R_hat), np.sqrt(2.5), name="masked_rmse(R, R_hat)",
                    hint="only the two stored entries count.")

# %% nbgrader={"grade": true, "grade_id": "q2-rmse-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random sparse matrices in CSR, COO and CSC format, one rating, empty matrix, inputs unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_raises, assert_scalar_close

_rng = np.random.default_rng(7201)
for _shape, _density, _fmt in [((40, 25), 0.1, "csr"), ((10, 60), 0.3, "coo"), ((7, 3), 0.5, "csc")]:
    _R = scipy.sparse.random_array(_shape, density=_density, format=_fmt, rng=_rng,
                                   data_sampler=lambda size: _rng.integers(1, 6, size).astype(float))
    _R_hat = _rng.uniform(1, 5, size=_shape)
    _before, _hat_before = _R.toarray(), _R_hat.copy()
    _C = _R.tocoo()
    _want = np.sqrt(np.mean((_C.data - _R_hat[_C.row, _C.col]) ** 2))
    _got = masked_rmse(_R, _R_hat)
    assert not np.isclose(float(np.ravel(_got)[0]) if np.size(_got) else np.nan,
                          np.sqrt(np.mean((_R.toarray() - _R_hat) ** 2))), \
        "you averaged over every entry, missing ones as zeros: use only the observed (stored) entries."
    assert not np.isclose(float(np.ravel(_got)[0]) if np.size(_got) else np.nan, _want ** 2), \
        "this is the mean squared error: take the square root."
    assert_scalar_close(_got, _want, rtol=1e-9, name=f"masked_rmse for a {_fmt.upper()} matrix of shape {_shape}",
                        hint="average the squared errors over the observed (stored) entries only.")
    assert np.array_equal(_R.toarray(), _before) and np.array_equal(_R_hat, _hat_before), \
        "masked_rmse changed one of its inputs."
_R = scipy.sparse.csr_array(([3.0], ([2], [1])), shape=(4, 4))
assert_scalar_close(masked_rmse(_R, np.full((4, 4), 4.5)), 1.5, name="masked_rmse with a single rating")
assert_raises(ValueError, masked_rmse, scipy.sparse.csr_array((3, 3)), np.zeros((3, 3)),
              call="masked_rmse of a matrix with no stored ratings")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: the bias baseline (4 points)
#
# The baseline predictor is $\hat r_{ui} = \mu + b_u + b_i$. Write `bias_baseline(R, lam)` for a sparse
# rating matrix `R` (any sparse format) and a regularization `lam > 0`, computing in this order:
#
# 1. $\mu$ = the mean of the **observed** ratings;
# 2. for each item $i$: $\;b_i = \dfrac{\sum_{u\in U(i)} (r_{ui} - \mu)}{\lambda + |U(i)|}$;
# 3. for each user $u$: $\;b_u = \dfrac{\sum_{i\in I(u)} (r_{ui} - \mu - b_i)}{\lambda + |I(u)|}$.
#
# Return the tuple `(mu, b_user, b_item)`: a float, a 1-D array of length `n_users` and a 1-D array of
# length `n_items`. A user or item with no ratings gets bias 0 (the formulas give that when $\lambda>0$).
# Do not modify `R`.

# %% nbgrader={"grade": false, "grade_id": "q3-bias", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def bias_baseline(R, lam):
    ### BEGIN SOLUTION
    C = scipy.sparse.coo_array(R)
    n_users, n_items = C.shape
    mu = float(C.data.mean())
    b_item = np.bincount(C.col, weights=C.data - mu, minlength=n_items) \
        / (lam + np.bincount(C.col, minlength=n_items))
    b_user = np.bincount(C.row, weights=C.data - mu - b_item[C.col], minlength=n_users) \
        / (lam + np.bincount(C.row, minlength=n_users))
    return mu, b_user, b_item
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-bias-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_scalar_close

_R = scipy.sparse.csr_array(np.array([[5.0, 3.0, 0.0], [4.0, 0.0, 1.0]]))   # 0 = missing here
_mu, _bu, _bi = bias_baseline(_R, 1.0)
assert_scalar_close(_mu, 13 / 4, name="mu")
assert_close(_bi, np.array([5 / 6, -1 / 8, -9 / 8]), name="b_item")
assert_close(_bu, np.array([19 / 72, -29 / 72]), name="b_user")

# %% nbgrader={"grade": true, "grade_id": "q3-bias-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random rating matrices (tall, wide, CSR and CSC), several lam, users and items
# without ratings, R unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_scalar_close


def _baseline(_C, _lam):
    _mu = _C.data.mean()
    _cnt_i = np.bincount(_C.col, minlength=_C.shape[1])
    _cnt_u = np.bincount(_C.row, minlength=_C.shape[0])
    _bi = np.bincount(_C.col, _C.data - _mu, _C.shape[1]) / (_lam + _cnt_i)
    _bu = np.bincount(_C.row, _C.data - _mu - _bi[_C.col], _C.shape[0]) / (_lam + _cnt_u)
    return _mu, _bu, _bi


_rng = np.random.default_rng(7301)
for _shape, _lam, _fmt in [((30, 20), 5.0, "csr"), ((8, 40), 0.5, "csc"), ((60, 15), 25.0, "csr")]:
    _dense = np.where(_rng.random(_shape) < 0.3, _rng.integers(1, 6, _shape), 0).astype(float)
    _dense[1, :] = 0.0        # a user with no ratings
    _dense[:, 2] = 0.0        # an item with no ratings
    _R = scipy.sparse.csr_array(_dense).asformat(_fmt)
    _mu, _bu, _bi = _baseline(_R.tocoo(), _lam)
    _got = bias_baseline(_R, _lam)
    assert isinstance(_got, tuple) and len(_got) == 3, "bias_baseline should return a tuple (mu, b_user, b_item)."
    _gmu, _gbu, _gbi = _got
    assert not np.isclose(float(np.ravel(_gmu)[0]), _dense.mean()), \
        "mu is the mean over every entry, missing ones as zeros: average the stored (observed) ratings only."
    assert_scalar_close(_gmu, _mu, name="mu", hint="average the stored (observed) ratings only.")
    assert np.shape(_gbu) == (_shape[0],) and np.shape(_gbi) == (_shape[1],), \
        f"for R of shape {_shape}, b_user should have shape ({_shape[0]},) and b_item ({_shape[1]},)."
    with np.errstate(invalid="ignore", divide="ignore"):
        _noreg = _baseline(_R.tocoo(), 0.0)[2]
    assert not np.allclose(np.asarray(_gbi)[np.isfinite(_noreg)], _noreg[np.isfinite(_noreg)]), \
        "b_item ignores the regularization: divide by lam + (number of ratings)."
    assert_close(_gbi, _bi, name=f"b_item for R of shape {_shape}, lam={_lam}",
                 hint="sum of (r - mu) over the item's ratings, divided by lam + their number.")
    _nosub = np.bincount(_R.tocoo().row, _R.tocoo().data - _mu, _shape[0]) / (_lam + np.bincount(_R.tocoo().row, minlength=_shape[0]))
    assert not np.allclose(_gbu, _nosub), "b_user should use the residuals r - mu - b_item: subtract the item bias."
    assert_close(_gbu, _bu, name=f"b_user for R of shape {_shape}, lam={_lam}",
                 hint="sum of (r - mu - b_item) over the user's ratings, divided by lam + their number.")
    assert np.array_equal(_R.toarray(), _dense), "bias_baseline changed R."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: the ridge step in one dimension, exactly (3 points)
#
# With a single latent factor ($k = 1$), the ALS update of one user who rated three items with item
# factors $q_1, q_2, q_3$ and ratings $r_1, r_2, r_3$ minimizes
# $$f(x) = \sum_{i=1}^{3} (r_i - q_i x)^2 + \lambda x^2 \qquad (\lambda > 0).$$
#
# 1. With SymPy, store in `x_star` the minimizer of $f$ as an expression in the symbols defined below
#    (set the derivative to zero and solve).
# 2. Store in `x_star_value` its exact value (a SymPy number, no float) for
#    $q = (1, 2, 2)$, $r = (3, 5, 4)$ and $\lambda = 1/2$.

# %% nbgrader={"grade": false, "grade_id": "q4-sympy", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "derive"}
x = sp.Symbol("x", real=True)
lam = sp.Symbol("lambda", positive=True)
q = sp.symbols("q1:4", real=True)     # (q1, q2, q3)
r = sp.symbols("r1:4", real=True)     # (r1, r2, r3)
### BEGIN SOLUTION
f = sum((r[i] - q[i] * x) ** 2 for i in range(3)) + lam * x ** 2
x_star = sp.solve(sp.diff(f, x), x)[0]
x_star_value = x_star.subs({q[0]: 1, q[1]: 2, q[2]: 2, r[0]: 3, r[1]: 5, r[2]: 4, lam: sp.Rational(1, 2)})
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "q4-sympy-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
assert isinstance(x_star, sp.Expr), "x_star should be a SymPy expression."
assert {str(_s) for _s in x_star.free_symbols} <= {"q1", "q2", "q3", "r1", "r2", "r3", "lambda"}, \
    "x_star should depend only on q1..q3, r1..r3 and lambda (not on x)."
assert isinstance(sp.sympify(x_star_value), sp.Expr) and not sp.sympify(x_star_value).free_symbols, \
    "x_star_value should be a number, with every symbol substituted."

# %% nbgrader={"grade": true, "grade_id": "q4-sympy-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: x_star as a formula (any equivalent form), and the exact value.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_exact, assert_sympy_equal, sym_equal

_q = sp.symbols("q1:4", real=True)
_r = sp.symbols("r1:4", real=True)
_lam = sp.Symbol("lambda", positive=True)
_byname = {str(_s): _s for _s in (*_q, *_r, _lam)}
_xs = sp.sympify(x_star).xreplace({_s: _byname[str(_s)] for _s in x_star.free_symbols if str(_s) in _byname})
_sq, _sqr = sum(_qi ** 2 for _qi in _q), sum(_qi * _ri for _qi, _ri in zip(_q, _r))
assert _lam in _xs.free_symbols, "x_star does not depend on lambda: did you include the penalty lambda*x**2?"
assert not sym_equal(_xs, _sqr / (_sq + 2 * _lam)), \
    "x_star has the wrong factor in front of lambda: differentiate lambda*x**2 carefully."
assert_sympy_equal(_xs, _sqr / (_sq + _lam), name="x_star",
                   hint="solve f'(x) = 0, with f exactly as written (no factor 1/2).")
assert_exact(x_star_value, name="x_star_value", hint="substitute exact numbers (sp.Rational(1, 2), not 0.5).")
assert_sympy_equal(x_star_value, _xs.subs({_q[0]: 1, _q[1]: 2, _q[2]: 2, _r[0]: 3, _r[1]: 5, _r[2]: 4,
                                           _lam: sp.Rational(1, 2)}), name="x_star_value")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: a ridge step that is wrong in one line (4 points)
#
# Fix the item factors $Q \in \mathbb{R}^{n_{\text{items}}\times k}$ (row $i$ is $\mathbf q_i$). For each user
# $u$, the best user factor $\mathbf p_u \in \mathbb{R}^k$ minimizes
# $\sum_{i\in I(u)} (r_{ui} - \mathbf p_u\cdot \mathbf q_i)^2 + \lambda \lVert \mathbf p_u\rVert^2$, a ridge
# regression whose solution satisfies the normal equations
# $$(Q_u^\top Q_u + \lambda I)\,\mathbf p_u = Q_u^\top \mathbf r_u ,$$
# where $Q_u$ holds the rows of $Q$ of the items **user $u$ rated** and $\mathbf r_u$ those ratings.
#
# A teammate wrote this half-step as `als_user_step_draft` (the locked cell below; the numbers at the
# right count its lines). It runs without an error, returns an array of the right shape and gives a
# user with no ratings the zero factor, yet on the example under it the factors do not satisfy the
# normal equations.
#
# 1. Find the line that makes the result wrong and store its number in `faulty_line` (an integer).
# 2. Write the corrected function `als_user_step(R, Q, lam)`, with the same inputs and output as the
#    draft: `R` a CSR matrix of shape `(n_users, n_items)`, `Q` a float array of shape `(n_items, k)`,
#    `lam > 0`; it returns `P` of shape `(n_users, k)` whose row $u$ solves the normal equations of user
#    $u$, and the zero row for a user with no ratings. It must work for every `k >= 1` and must not
#    modify `R` or `Q`. Keep solving each $k\times k$ system with `np.linalg.solve`: **forming an inverse
#    is not allowed, by any route** (`np.linalg.inv`, `np.linalg.pinv`, `scipy.linalg.inv`, a solve against
#    the identity matrix, a negative `matrix_power`); the hidden tests watch the calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q5-draft", "locked": true, "schema_version": 3, "solution": false, "task": false}
def als_user_step_draft(R, Q, lam):                   #  1
    R = scipy.sparse.csr_array(R)                     #  2
    k = Q.shape[1]                                    #  3
    P = np.zeros((R.shape[0], k))                     #  4
    for u in range(R.shape[0]):                       #  5
        start, end = R.indptr[u], R.indptr[u + 1]     #  6
        if start == end:                              #  7
            continue                                  #  8
        Qu = Q[R.indices[start:end]]                  #  9
        A = Qu.T @ Qu + lam                           # 10
        b = Qu.T @ R.data[start:end]                  # 11
        P[u] = np.linalg.solve(A, b)                  # 12
    return P                                          # 13


# The example: 3 users, 4 items, k = 2; user 2 has no ratings.
R_example = scipy.sparse.csr_array(np.array([[5.0, 0.0, 3.0, 1.0], [0.0, 4.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]]))
Q_example = np.array([[1.0, 0.5], [0.2, 1.0], [0.8, -0.3], [-0.4, 0.6]])
P_draft = als_user_step_draft(R_example, Q_example, 0.5)
for u in range(2):
    items = R_example.indices[R_example.indptr[u]:R_example.indptr[u + 1]]
    Qu, ru = Q_example[items], R_example.data[R_example.indptr[u]:R_example.indptr[u + 1]]
    residual = (Qu.T @ Qu + 0.5 * np.eye(2)) @ P_draft[u] - Qu.T @ ru
    print(f"user {u}: p_u = {P_draft[u]}, residual of the normal equations {np.linalg.norm(residual):.3f}")

# %% nbgrader={"grade": false, "grade_id": "q5-ridge-fix", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
faulty_line = None   # replace None by the number of the faulty line of the draft
### BEGIN SOLUTION
faulty_line = 10
### END SOLUTION


def als_user_step(R, Q, lam):
    ### BEGIN SOLUTION
    R = scipy.sparse.csr_array(R)
    Q = np.asarray(Q, dtype=float)
    k = Q.shape[1]
    P = np.zeros((R.shape[0], k))
    for u in range(R.shape[0]):
        start, end = R.indptr[u], R.indptr[u + 1]
        if start == end:
            continue
        Qu = Q[R.indices[start:end]]
        P[u] = np.linalg.solve(Qu.T @ Qu + lam * np.eye(k), Qu.T @ R.data[start:end])
    return P
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-ridge-fix-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_shape, assert_solves

assert isinstance(faulty_line, (int, np.integer)) and 1 <= faulty_line <= 13, \
    "faulty_line should be one of the line numbers 1..13 of the draft."
_P = als_user_step(R_example.copy(), Q_example.copy(), 0.5)
assert_shape(_P, (3, 2), name="als_user_step(R_example, Q_example, 0.5)")
_Q0 = Q_example[[0, 2, 3]]              # user 0 rated items 0, 2 and 3
assert_solves(_Q0.T @ _Q0 + 0.5 * np.eye(2), np.asarray(_P)[0], _Q0.T @ np.array([5.0, 3.0, 1.0]),
              name="the factor of user 0", hint="its normal equations, with the items this user rated.")

# %% nbgrader={"grade": true, "grade_id": "q5-ridge-fix-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the corrected step on random data of several shapes and ranks (the normal equations of
# every user), users with no ratings and with fewer ratings than k, nearly collinear factors, inputs
# unchanged, inv blocked; and the number of the faulty line.
### BEGIN HIDDEN TESTS
import scipy.linalg
from autograder import calls
from autograder.checks import assert_shape, assert_solves, forbid_calls


def _check_user_step(_R, _Q, _lam, _P):
    _R = scipy.sparse.csr_array(_R)
    _k = _Q.shape[1]
    assert_shape(_P, (_R.shape[0], _k), name=f"als_user_step for R of shape {_R.shape} and k={_k}")
    _P = np.asarray(_P, dtype=float)
    for _u in range(_R.shape[0]):
        _s, _e = _R.indptr[_u], _R.indptr[_u + 1]
        _Qu, _ru = _Q[_R.indices[_s:_e]], _R.data[_s:_e]
        _A, _b = _Qu.T @ _Qu + _lam * np.eye(_k), _Qu.T @ _ru
        _res = np.linalg.norm(_A @ _P[_u] - _b)
        if _res <= 1e-8 * (np.linalg.norm(_A, 2) * np.linalg.norm(_P[_u]) + np.linalg.norm(_b)) + 1e-12:
            continue
        if _e >= _s + _k and np.linalg.norm(_Qu.T @ _Qu @ _P[_u] - _b) <= 1e-8 * np.linalg.norm(_b):
            raise AssertionError(f"user {_u}: this is the unregularized least-squares fit; "
                                 "add lam * I to the matrix (the ridge penalty).")
        _full = _R.toarray()[_u]
        if np.linalg.norm((_Q.T @ _Q + _lam * np.eye(_k)) @ _P[_u] - _Q.T @ _full) <= 1e-8 * np.linalg.norm(_Q.T @ _full) + 1e-12:
            raise AssertionError(f"user {_u}: you used every item, treating missing ratings as zeros; "
                                 "use only the items this user rated (the stored entries of row u).")
        assert_solves(_A, _P[_u], _b, name=f"the factor of user {_u}",
                      hint="solve (Q_u^T Q_u + lam I) p_u = Q_u^T r_u with the stored entries of row u only.")


_rng = np.random.default_rng(7501)
_why = "solve the k x k systems with np.linalg.solve"
with forbid_calls(calls.INVERSE, reason=_why, func=als_user_step):
    for _m, _n, _k, _lam, _density in [(25, 15, 3, 0.5, 0.5), (8, 40, 2, 2.0, 0.2), (40, 30, 5, 0.1, 0.1),
                                       (10, 6, 1, 1.0, 0.6)]:
        _dense = np.where(_rng.random((_m, _n)) < _density, _rng.integers(1, 6, (_m, _n)), 0).astype(float)
        _dense[_m - 1] = 0.0                         # a user with no ratings
        _dense[0] = 0.0
        _dense[0, :_k] = _rng.integers(1, 6, _k)    # exactly k ratings
        _R = scipy.sparse.csr_array(_dense)
        _Q = _rng.normal(size=(_n, _k))
        _Qc, _Rc = _Q.copy(), _R.toarray()
        _check_user_step(scipy.sparse.csr_array(_Rc), _Qc, _lam, als_user_step(_R, _Q, _lam))
        assert np.array_equal(_Q, _Qc) and np.array_equal(_R.toarray(), _Rc), "als_user_step changed R or Q."
        assert np.allclose(np.asarray(als_user_step(_R, _Q, _lam))[_m - 1], 0.0), \
            "a user with no ratings should get the zero factor."
    # nearly collinear item factors and a tiny lam: an ill-conditioned ridge system
    _Q = _rng.normal(size=(30, 3))
    _Q[:, 2] = _Q[:, 1] + 1e-5 * _rng.normal(size=30)
    _dense = np.where(_rng.random((12, 30)) < 0.5, _rng.integers(1, 6, (12, 30)), 0).astype(float)
    _check_user_step(scipy.sparse.csr_array(_dense), _Q, 1e-6,
                     als_user_step(scipy.sparse.csr_array(_dense), _Q.copy(), 1e-6))
assert faulty_line == 10, \
    f"faulty_line = {faulty_line} is not the line that makes the draft wrong: compare each line with the normal " \
    "equations (Q_u^T Q_u + lam I) p_u = Q_u^T r_u (with k = 1 the draft gives the right factors)."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: full ALS, trained on the training ratings only (4 points)
#
# Write `als(R, k, lam, n_iters=15, seed=0)` for a CSR matrix `R` (users × items): start from small
# random item factors (e.g. `np.random.default_rng(seed).normal(scale=0.1, size=(n_items, k))`; not
# zeros!), then repeat `n_iters` times: a **user step** (all $\mathbf p_u$ given $Q$) followed by an
# **item step** (all $\mathbf q_i$ given $P$: the same ridge regression on $R^\top$). Return `(P, Q)`.
# Because every iteration ends with the item step, the returned $Q$ satisfies the item normal
# equations $(P_i^\top P_i + \lambda I)\,\mathbf q_i = P_i^\top \mathbf r_i$ exactly. You may call your
# `als_user_step` from question 5 (or write the step again). `R` must not be modified.
#
# Then use it on the notebook's data: with `mu_train` the mean of the training ratings, fit `als` with
# `k=2, lam=3.0` to the **centered training ratings** (a CSR matrix like `R_train` whose stored values
# are $r_{ui} - \mu_{\text{train}}$; center a copy and leave `R_train` itself unchanged), store the factors
# in `P_fit, Q_fit`, and store in `test_rmse` the RMSE of the predictions
# $\hat r_{ui} = \mu_{\text{train}} + \mathbf p_u\cdot\mathbf q_i$ on the test ratings `R_test`.

# %% nbgrader={"grade": false, "grade_id": "q6-als", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def als(R, k, lam, n_iters=15, seed=0):
    ### BEGIN SOLUTION
    R = scipy.sparse.csr_array(R)
    Rt = scipy.sparse.csr_array(R.T)

    def step(M, F):
        X = np.zeros((M.shape[0], k))
        for a in range(M.shape[0]):
            s, e = M.indptr[a], M.indptr[a + 1]
            if s < e:
                Fa = F[M.indices[s:e]]
                X[a] = np.linalg.solve(Fa.T @ Fa + lam * np.eye(k), Fa.T @ M.data[s:e])
        return X

    Q = np.random.default_rng(seed).normal(scale=0.1, size=(R.shape[1], k))
    for _ in range(n_iters):
        P = step(R, Q)
        Q = step(Rt, P)
    return P, Q
    ### END SOLUTION


### BEGIN SOLUTION
mu_train = R_train.data.mean()
R_centered = R_train.copy()
R_centered.data = R_centered.data - mu_train
P_fit, Q_fit = als(R_centered, k=2, lam=3.0)
_C = R_test.tocoo()
test_rmse = float(np.sqrt(np.mean((_C.data - mu_train - np.sum(P_fit[_C.row] * Q_fit[_C.col], axis=1)) ** 2)))
### END SOLUTION
print(f"test RMSE of ALS: {test_rmse:.3f}")

# %% nbgrader={"grade": true, "grade_id": "q6-als-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_shape

_P, _Q = als(R_train.copy(), k=3, lam=1.0, n_iters=2)
assert_shape(_P, (R_train.shape[0], 3), name="P from als(R_train, k=3, ...)")
assert_shape(_Q, (R_train.shape[1], 3), name="Q from als(R_train, k=3, ...)")
assert_shape(P_fit, (R_train.shape[0], 2), name="P_fit")
assert_shape(Q_fit, (R_train.shape[1], 2), name="Q_fit")
assert np.ndim(test_rmse) == 0 and np.isfinite(float(test_rmse)), "test_rmse should be a single finite number."

# %% nbgrader={"grade": true, "grade_id": "q6-als-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: als on held-out low-rank data (item normal equations, test RMSE below a bound, R
# unchanged); P_fit, Q_fit fitted on the centered training ratings only; test_rmse consistent.
### BEGIN HIDDEN TESTS
def _item_equations_hold(_R, _P, _Q, _lam):
    _Rt = scipy.sparse.csr_array(scipy.sparse.csr_array(_R).T)
    _k = _P.shape[1]
    for _i in range(_Rt.shape[0]):
        _s, _e = _Rt.indptr[_i], _Rt.indptr[_i + 1]
        _Pi = _P[_Rt.indices[_s:_e]]
        _A, _b = _Pi.T @ _Pi + _lam * np.eye(_k), _Pi.T @ _Rt.data[_s:_e]
        if np.linalg.norm(_A @ _Q[_i] - _b) > 1e-7 * (np.linalg.norm(_A, 2) * np.linalg.norm(_Q[_i]) + np.linalg.norm(_b)) + 1e-10:
            return False
    return True


def _rmse_of(_R, _pred):
    _C = scipy.sparse.coo_array(_R)
    return float(np.sqrt(np.mean((_C.data - _pred(_C.row, _C.col)) ** 2)))


_rng = np.random.default_rng(7601)
for _m, _n, _k, _density in [(90, 50, 2, 0.35), (60, 45, 3, 0.5)]:
    _M = _rng.normal(size=(_m, _k)) @ _rng.normal(size=(_k, _n))
    _obs = _rng.random((_m, _n)) < _density
    _obs[3] = False                                   # a user with no ratings at all
    _train = _obs & (_rng.random((_m, _n)) < 0.8)
    _test = _obs & ~_train
    _noisy = _M + 0.1 * _rng.normal(size=(_m, _n))
    _Rtr = scipy.sparse.csr_array(np.where(_train, _noisy, 0.0))
    _Rte = scipy.sparse.csr_array(np.where(_test, _noisy, 0.0))
    _before, _Rref = _Rtr.toarray(), _Rtr.copy()
    _errs = []
    for _seed in (1, 2):                              # two starts: one unlucky local minimum is forgiven
        _out = als(_Rtr, _k, 0.5, n_iters=20, seed=_seed)
        assert isinstance(_out, tuple) and len(_out) == 2, "als should return a tuple (P, Q)."
        _P, _Q = (np.asarray(_a, dtype=float) for _a in _out)
        assert _P.shape == (_m, _k) and _Q.shape == (_n, _k), \
            f"for R of shape {(_m, _n)} and k={_k}, P should be {(_m, _k)} and Q {(_n, _k)}."
        assert np.array_equal(_Rtr.toarray(), _before), "als changed R."
        assert np.all(np.isfinite(_P)) and np.all(np.isfinite(_Q)), "P or Q contains NaN or inf."
        assert _item_equations_hold(_Rref, _P, _Q, 0.5), \
            "the returned Q does not satisfy the item normal equations for the returned P: end each iteration " \
            "with the item step, on the observed entries only, with lam * I."
        _errs.append(_rmse_of(_Rte, lambda _u, _i: np.sum(_P[_u] * _Q[_i], axis=1)))
    assert min(_errs) < 0.3, f"on held-out low-rank data the test RMSE of your factors is {min(_errs):.2f}, far " \
        "too high: do you start from non-zero random factors and update both P and Q in every iteration?"
# the notebook's fit
from autograder.checks import student_value

assert np.all(student_value("R_train").data >= 1), \
    "R_train no longer holds the ratings 1..5: you centered it in place; center a copy (R_train.copy())."
_mu = R_train.data.mean()
_Rc = R_train.copy()
_Rc.data = _Rc.data - _mu
_Pf, _Qf = np.asarray(P_fit, dtype=float), np.asarray(Q_fit, dtype=float)
if not _item_equations_hold(_Rc, _Pf, _Qf, 3.0):
    assert not _item_equations_hold(R_train, _Pf, _Qf, 3.0), \
        "P_fit, Q_fit were fitted to the raw ratings: center them first (subtract mu_train from the stored " \
        "training ratings)."
    raise AssertionError("Q_fit is not the ridge solution for the centered training ratings: fit on R_train only "
                         "(never on test ratings), centered by the training mean, with lam=3.0.")
_want = _rmse_of(R_test, lambda _u, _i: _mu + np.sum(_Pf[_u] * _Qf[_i], axis=1))
assert abs(float(test_rmse) - _want) < 1e-6, \
    "test_rmse is not the RMSE of mu_train + P_fit Q_fit^T on the test ratings (R_test's stored entries)."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 7: the truncated-SVD predictor (3 points)
#
# Write `svd_predict(R, k)` for a sparse rating matrix `R` (any sparse format) and a rank `k`
# ($1 \le k < \min(n_{\text{users}}, n_{\text{items}})$). Build the dense **mean-filled** matrix $F$:
# $F_{ui} = r_{ui}$ where the rating is observed, and otherwise the mean of the observed ratings of
# item $i$ (the mean of all observed ratings if item $i$ has none). Return the best rank-$k$
# approximation of $F$ (chapter 06, Eckart–Young) as a dense array of shape `R.shape`. Do not modify `R`.

# %% nbgrader={"grade": false, "grade_id": "q7-svd", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def svd_predict(R, k):
    ### BEGIN SOLUTION
    C = scipy.sparse.coo_array(R)
    counts = np.bincount(C.col, minlength=C.shape[1])
    sums = np.bincount(C.col, weights=C.data, minlength=C.shape[1])
    item_mean = np.where(counts > 0, sums / np.maximum(counts, 1), C.data.mean())
    F = np.tile(item_mean, (C.shape[0], 1))
    F[C.row, C.col] = C.data
    U, s, Vt = np.linalg.svd(F, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q7-svd-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_low_rank_approximation

_R = scipy.sparse.csr_array(np.array([[5.0, 0.0, 1.0], [4.0, 2.0, 0.0], [0.0, 2.0, 3.0]]))
_F = np.array([[5.0, 2.0, 1.0], [4.0, 2.0, 2.0], [4.5, 2.0, 3.0]])   # item means filled in
assert_low_rank_approximation(_F, svd_predict(_R, 1), 1, name="svd_predict(R, 1)")

# %% nbgrader={"grade": true, "grade_id": "q7-svd-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: random rating matrices (tall, wide, CSC), several ranks, an item with no ratings, R unchanged.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_low_rank_approximation


def _best(_A, _k):
    _U, _s, _Vt = np.linalg.svd(_A, full_matrices=False)
    return (_U[:, :_k] * _s[:_k]) @ _Vt[:_k]


_rng = np.random.default_rng(7701)
for _shape, _k, _fmt in [((30, 12), 2, "csr"), ((10, 25), 3, "csc"), ((40, 40), 1, "csr"), ((15, 8), 5, "coo")]:
    _dense = np.where(_rng.random(_shape) < 0.3, _rng.integers(1, 6, _shape), 0).astype(float)
    _dense[:, 1] = 0.0                                 # an item nobody rated
    _obs = _dense != 0
    _cnt = _obs.sum(axis=0)
    _mean = np.where(_cnt > 0, _dense.sum(axis=0) / np.maximum(_cnt, 1), _dense[_obs].mean())
    _F = np.where(_obs, _dense, _mean)
    _R = scipy.sparse.csr_array(_dense).asformat(_fmt)
    _pred = svd_predict(_R, _k)
    assert np.shape(_pred) == _shape, f"svd_predict should return a dense array of shape {_shape}, got {np.shape(_pred)}."
    _pred = np.asarray(_pred, dtype=float)
    assert not np.allclose(_pred, _best(_dense, _k)), \
        "this is the best approximation of R with zeros in the missing entries: fill them with the item means first."
    for _zero_mean in (_dense.mean(axis=0), np.where(_cnt > 0, _dense.mean(axis=0), _mean)):
        assert not np.allclose(_pred, _best(np.where(_obs, _dense, _zero_mean), _k)), \
            "your item means count the missing entries as zeros: average only the observed ratings of each item."
    _user = np.where(_obs, _dense, (_dense.sum(axis=1) / np.maximum(_obs.sum(axis=1), 1))[:, None])
    assert not np.allclose(_pred, _best(_user, _k)), \
        "you filled the missing entries with user means: use the mean of each item (column)."
    assert_low_rank_approximation(_F, _pred, _k, name=f"svd_predict(R, {_k}) for R of shape {_shape}",
                                  hint="fill each missing entry with its item's mean, then keep k singular values.")
    assert np.array_equal(_R.toarray(), _dense), "svd_predict changed R."
### END HIDDEN TESTS
