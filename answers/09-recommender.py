"""Test data for chapter 09: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

# The application part of question 6, shared by the alternatives (the function above it differs).
_Q6_FIT = """
mu_train = R_train.data.mean()
R_centered = scipy.sparse.csr_array((R_train.data - mu_train, R_train.indices, R_train.indptr),
                                    shape=R_train.shape)
P_fit, Q_fit = als(R_centered, k=2, lam=3.0)
test_rmse = masked_rmse(R_test, mu_train + P_fit @ Q_fit.T)
print(f"test RMSE of ALS: {test_rmse:.3f}")
"""

# Valid answers in another form than the reference, three notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # the complement count mn - (m - k)(n - k), and CSR arrays built and measured
    "q1-count-numbers": "def csr_numbers(n_users, n_items, nnz):\n"
                        "    return nnz + nnz + len(range(n_users + 1))\n\n\n"
                        "def factor_numbers(n_users, n_items, k):\n    return n_users * k + n_items * k\n\n\n"
                        "def free_parameters(n_users, n_items, k):\n"
                        "    return n_users * n_items - (n_users - k) * (n_items - k)\n",
    # a loop over the CSR rows
    "q2-rmse": "def masked_rmse(R, R_hat):\n    R = scipy.sparse.csr_matrix(R)\n    total, count = 0.0, 0\n"
               "    for u in range(R.shape[0]):\n        for j in range(R.indptr[u], R.indptr[u + 1]):\n"
               "            total += (R.data[j] - R_hat[u, R.indices[j]]) ** 2\n            count += 1\n"
               "    if count == 0:\n        raise ValueError('empty')\n    return (total / count) ** 0.5\n",
    # dense arrays with a boolean mask of the observed entries
    "q3-bias": "def bias_baseline(R, lam):\n    D = R.toarray()\n    M = scipy.sparse.coo_array(R)\n"
               "    mask = np.zeros(D.shape, dtype=bool)\n    mask[M.row, M.col] = True\n"
               "    mu = D[mask].mean()\n"
               "    b_item = np.where(mask, D - mu, 0).sum(axis=0) / (lam + mask.sum(axis=0))\n"
               "    b_user = np.where(mask, D - mu - b_item, 0).sum(axis=1) / (lam + mask.sum(axis=1))\n"
               "    return mu, b_user, b_item\n",
    # the closed form typed by hand, and the value as a Rational
    "q4-sympy": "x = sp.Symbol('x', real=True)\nlam = sp.Symbol('lambda', positive=True)\n"
                "q = sp.symbols('q1:4', real=True)\nr = sp.symbols('r1:4', real=True)\n"
                "x_star = (q[0]*r[0] + q[1]*r[1] + q[2]*r[2]) / (lam + q[0]**2 + q[1]**2 + q[2]**2)\n"
                "x_star_value = sp.Rational(42, 19)\n",
    # the fix as an in-place update of the diagonal
    "q5-ridge-fix": "faulty_line = 10\n\n\ndef als_user_step(R, Q, lam):\n    k = Q.shape[1]\n"
                    "    P = np.zeros((R.shape[0], k))\n"
                    "    for u in range(R.shape[0]):\n        cols = R.indices[R.indptr[u]:R.indptr[u + 1]]\n"
                    "        if cols.size == 0:\n            continue\n"
                    "        A = Q[cols].T @ Q[cols]\n        A[np.diag_indices(k)] += lam\n"
                    "        b = Q[cols].T @ R.data[R.indptr[u]:R.indptr[u + 1]]\n"
                    "        P[u] = np.linalg.solve(A, b)\n"
                    "    return P\n",
    # reuses question 5 for both half-steps, another start, masked_rmse for the score
    "q6-als": "def als(R, k, lam, n_iters=15, seed=0):\n    Rt = scipy.sparse.csr_matrix(R.T)\n"
              "    Q = np.random.default_rng(seed).uniform(-0.5, 0.5, size=(R.shape[1], k))\n"
              "    for _ in range(n_iters):\n        P = als_user_step(R, Q, lam)\n"
              "        Q = als_user_step(Rt, P, lam)\n    return P, Q\n\n" + _Q6_FIT,
    # scipy's sparse-SVD routine on the filled matrix (returns the singular values in increasing order)
    "q7-svd": "import scipy.sparse.linalg\n\ndef svd_predict(R, k):\n    D = R.toarray()\n"
              "    observed = np.zeros(D.shape, dtype=bool)\n    C = scipy.sparse.coo_array(R)\n"
              "    observed[C.row, C.col] = True\n    means = np.full(D.shape[1], D[observed].mean())\n"
              "    for i in range(D.shape[1]):\n        if observed[:, i].any():\n"
              "            means[i] = D[observed[:, i], i].mean()\n"
              "    F = np.where(observed, D, means)\n    U, s, Vt = scipy.sparse.linalg.svds(F, k=k)\n"
              "    return U @ np.diag(s) @ Vt\n",
}, {
    # NumPy integers, and the free count as "entries of P and Q minus the k x k entries of A"
    "q1-count-numbers": "def csr_numbers(n_users, n_items, nnz):\n"
                        "    return np.int64(2) * nnz + np.int64(n_users) + 1\n\n\n"
                        "def factor_numbers(n_users, n_items, k):\n    return int(np.sum([n_users, n_items]) * k)\n\n\n"
                        "def free_parameters(n_users, n_items, k):\n"
                        "    return factor_numbers(n_users, n_items, k) - k ** 2\n",
    # R.nonzero() and fancy indexing of R itself
    "q2-rmse": "def masked_rmse(R, R_hat):\n    R = scipy.sparse.csr_array(R)\n    rows, cols = R.nonzero()\n"
               "    if rows.size == 0:\n        raise ValueError('no observed ratings')\n"
               "    diff = np.asarray(R[rows, cols]).ravel() - np.asarray(R_hat)[rows, cols]\n"
               "    return float(np.linalg.norm(diff) / np.sqrt(rows.size))\n",
    # CSR/CSC row and column sums with counts from indptr
    "q3-bias": "def bias_baseline(R, lam):\n    Rr = scipy.sparse.csr_array(R)\n    Rc = scipy.sparse.csc_array(R)\n"
               "    mu = Rr.sum() / Rr.nnz\n    n_i = np.diff(Rc.indptr)\n"
               "    b_item = (np.asarray(Rc.sum(axis=0)).ravel() - mu * n_i) / (lam + n_i)\n"
               "    b_user = np.zeros(Rr.shape[0])\n    for u in range(Rr.shape[0]):\n"
               "        s, e = Rr.indptr[u], Rr.indptr[u + 1]\n"
               "        b_user[u] = np.sum(Rr.data[s:e] - mu - b_item[Rr.indices[s:e]]) / (lam + e - s)\n"
               "    return float(mu), b_user, b_item\n",
    # symbols without assumptions, solveset, and substitution of the stored expression
    "q4-sympy": "xs = sp.Symbol('x')\nl = sp.Symbol('lambda')\nqq = sp.symbols('q1:4')\nrr = sp.symbols('r1:4')\n"
                "f = sum((ri - qi * xs) ** 2 for qi, ri in zip(qq, rr)) + l * xs ** 2\n"
                "x_star = sp.factor(list(sp.solveset(sp.diff(f, xs), xs))[0])\n"
                "x_star_value = sp.nsimplify(x_star.subs(dict(zip(qq, [1, 2, 2]))).subs(dict(zip(rr, [3, 5, 4])))"
                ".subs(l, sp.Rational(1, 2)))\n",
    # a NumPy integer for the line; Cholesky factorization of each small system
    "q5-ridge-fix": "faulty_line = np.int64(10)\n\nimport scipy.linalg\n\ndef als_user_step(R, Q, lam):\n"
                    "    R = scipy.sparse.csr_matrix(R)\n"
                    "    P = np.zeros((R.shape[0], Q.shape[1]))\n    for u in range(R.shape[0]):\n"
                    "        row = R.getrow(u)\n        if row.nnz == 0:\n            continue\n"
                    "        Qu = Q[row.indices]\n        A = Qu.T @ Qu + lam * np.eye(Q.shape[1])\n"
                    "        P[u] = scipy.linalg.cho_solve(scipy.linalg.cho_factor(A), Qu.T @ row.data)\n"
                    "    return P\n",
    # both steps written with a dense mask (slower, same equations), a larger random start
    "q6-als": "def als(R, k, lam, n_iters=15, seed=0):\n    D = R.toarray()\n"
              "    M = np.zeros(D.shape, dtype=bool)\n    C = scipy.sparse.coo_array(R)\n    M[C.row, C.col] = True\n"
              "    rng = np.random.default_rng(seed)\n    P = np.zeros((D.shape[0], k))\n"
              "    Q = rng.normal(size=(D.shape[1], k))\n    for _ in range(n_iters):\n"
              "        for u in range(D.shape[0]):\n            Qu = Q[M[u]]\n"
              "            P[u] = np.linalg.solve(Qu.T @ Qu + lam * np.eye(k), Qu.T @ D[u, M[u]])\n"
              "        for i in range(D.shape[1]):\n            Pi = P[M[:, i]]\n"
              "            Q[i] = np.linalg.solve(Pi.T @ Pi + lam * np.eye(k), Pi.T @ D[M[:, i], i])\n"
              "    return P, Q\n\n" + _Q6_FIT,
    # eigenvectors of F^T F give V; project F onto the top k of them
    "q7-svd": "def svd_predict(R, k):\n    C = scipy.sparse.coo_array(R)\n    F = np.zeros(C.shape)\n"
              "    for i in range(C.shape[1]):\n        vals = C.data[C.col == i]\n"
              "        F[:, i] = vals.mean() if vals.size else C.data.mean()\n"
              "    F[C.row, C.col] = C.data\n    w, V = np.linalg.eigh(F.T @ F)\n"
              "    Vk = V[:, np.argsort(w)[::-1][:k]]\n    return F @ Vk @ Vk.T\n",
}, {
    # indptr measured on an empty CSR of that shape; the free count as a float (a whole number all the same)
    "q1-count-numbers": "def csr_numbers(n_users, n_items, nnz):\n"
                        "    return scipy.sparse.csr_array((n_users, n_items)).indptr.size + 2 * nnz\n\n\n"
                        "def factor_numbers(n_users, n_items, k):\n    return np.prod([k, n_users + n_items])\n\n\n"
                        "def free_parameters(n_users, n_items, k):\n"
                        "    return float(factor_numbers(n_users, n_items, k) - k * k)\n",
    # dot products of symbol vectors, and the value as a fractions.Fraction
    "q4-sympy": "x = sp.Symbol('x', real=True)\nlam = sp.Symbol('lambda', positive=True)\n"
                "q = sp.symbols('q1:4', real=True)\nr = sp.symbols('r1:4', real=True)\n"
                "from fractions import Fraction\nqv, rv = sp.Matrix(q), sp.Matrix(r)\n"
                "x_star = sp.together(qv.dot(rv) / (qv.dot(qv) + lam))\nx_star_value = Fraction(42, 19)\n",
    # every user's system at once: one batched np.linalg.solve of an (m, k, k) stack
    "q5-ridge-fix": "faulty_line = 10\n\n\ndef als_user_step(R, Q, lam):\n    C = scipy.sparse.coo_array(R)\n"
                    "    k = Q.shape[1]\n    m = C.shape[0]\n    A = np.zeros((m, k, k)) + lam * np.eye(k)\n"
                    "    Qc = Q[C.col]\n    np.add.at(A, C.row, Qc[:, :, None] * Qc[:, None, :])\n"
                    "    b = np.zeros((m, k))\n    np.add.at(b, C.row, C.data[:, None] * Qc)\n"
                    "    return np.linalg.solve(A, b[..., None])[..., 0]\n",
}]

_SVD_RANK = "(U[:, :k] * s[:k]) @ Vt[:k]"

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # returns a dense array: the whole point of CSR is lost
        # every entry of P and Q counted as free (the visible test's bound free <= n_users * n_items fails)
        "q1-count-numbers": (("return k * (n_users + n_items - k)", "return k * (n_users + n_items)"), 0,
                             "counts every entry of P and Q as free"),
        # averages over every entry, missing ratings counted as zeros
        "q2-rmse": ("def masked_rmse(R, R_hat):\n    return float(np.sqrt(np.mean((R.toarray() - R_hat) ** 2)))\n", 0,
                    "only the observed (stored) entries"),
        # no regularization in the item bias
        "q3-bias": (("    b_item = np.bincount(C.col, weights=C.data - mu, minlength=n_items) \\\n"
                     "        / (lam + np.bincount(C.col, minlength=n_items))",
                     "    b_item = np.bincount(C.col, weights=C.data - mu, minlength=n_items) \\\n"
                     "        / np.bincount(C.col, minlength=n_items)"), 0, "ignores the regularization"),
        # the penalty left out of the objective
        "q4-sympy": ((" + lam * x ** 2\n", "\n"), 1, "does not depend on lambda"),
        # the inverse instead of a solve
        "q5-ridge-fix": (("np.linalg.solve(Qu.T @ Qu + lam * np.eye(k), Qu.T @ R.data[start:end])",
                           "np.linalg.inv(Qu.T @ Qu + lam * np.eye(k)) @ (Qu.T @ R.data[start:end])"), 1,
                          "not allowed"),
        # fitted on the training and the test ratings together
        "q6-als": (("P_fit, Q_fit = als(R_centered, k=2, lam=3.0)",
                    "R_all = (R_train + R_test).tocsr()\nR_all.data = R_all.data - mu_train\n"
                    "P_fit, Q_fit = als(R_all, k=2, lam=3.0)"), 1, "never on test ratings"),
        # SVD of R with zeros in the missing entries
        "q7-svd": ("def svd_predict(R, k):\n    U, s, Vt = np.linalg.svd(R.toarray(), full_matrices=False)\n"
                   "    return (U[:, :k] * s[:k]) @ Vt[:k]\n", 0, "fill them with the item means"),
    },
    "mistakes2": {
        # indptr counted with one entry per user
        "q1-count-numbers": (("return 2 * nnz + n_users + 1", "return 2 * nnz + n_users"), 1,
                             "count the entries of data, indices and indptr"),
        # the mean squared error, without the root
        "q2-rmse": (("np.sqrt(np.mean(err ** 2))", "np.mean(err ** 2)"), 0, "take the square root"),
        # the global mean over all entries, zeros included
        "q3-bias": (("mu = float(C.data.mean())", "mu = float(R.mean())"), 0, "stored (observed) ratings only"),
        # a factor 1/2 on the squared errors only
        "q4-sympy": (("f = sum((r[i] - q[i] * x) ** 2 for i in range(3)) + lam * x ** 2",
                      "f = sum((r[i] - q[i] * x) ** 2 for i in range(3)) / 2 + lam * x ** 2"), 1,
                     "wrong factor in front of lambda"),
        # every item used, missing ratings as zeros
        "q5-ridge-fix": ("faulty_line = 10\n\n\ndef als_user_step(R, Q, lam):\n    k = Q.shape[1]\n"
                          "    return np.linalg.solve(Q.T @ Q + lam * np.eye(k), Q.T @ R.toarray().T).T\n", 0,
                          "treating missing ratings as zeros"),
        # a zero start: P = 0 and Q = 0 forever
        "q6-als": (("Q = np.random.default_rng(seed).normal(scale=0.1, size=(R.shape[1], k))",
                    "Q = np.zeros((R.shape[1], k))"), 1, "non-zero random factors"),
        # one singular value too many
        "q7-svd": ((_SVD_RANK, "(U[:, :k + 1] * s[:k + 1]) @ Vt[:k + 1]"), 0, "rank greater than"),
    },
    "mistakes3": {
        # a row and a column number stored for every rating: that is COO
        "q1-count-numbers": (("return 2 * nnz + n_users + 1", "return 3 * nnz"), 1, "that is what COO stores"),
        # squared errors of the observed entries divided by the number of all entries
        "q2-rmse": (("float(np.sqrt(np.mean(err ** 2)))", "float(np.sqrt(np.sum(err ** 2) / np.prod(R_hat.shape)))"), 0,
                    "observed (stored) entries only"),
        # user biases from r - mu, forgetting the item bias
        "q3-bias": (("weights=C.data - mu - b_item[C.col]", "weights=C.data - mu"), 0, "subtract the item bias"),
        # a float sneaks in: 0.5 instead of Rational(1, 2)
        "q4-sympy": (("lam: sp.Rational(1, 2)", "lam: 0.5"), 1, "exact value"),
        # the ridge penalty forgotten: plain least squares
        "q5-ridge-fix": (("Qu.T @ Qu + lam * np.eye(k)", "Qu.T @ Qu"), 0, "add lam * I"),
        # the "test" error computed on the training ratings
        "q6-als": (("_C = R_test.tocoo()", "_C = R_train.tocoo()"), 1, "on the test ratings"),
        # the missing entries filled with each user's mean
        "q7-svd": (("    counts = np.bincount(C.col, minlength=C.shape[1])\n"
                    "    sums = np.bincount(C.col, weights=C.data, minlength=C.shape[1])\n"
                    "    item_mean = np.where(counts > 0, sums / np.maximum(counts, 1), C.data.mean())\n"
                    "    F = np.tile(item_mean, (C.shape[0], 1))\n",
                    "    counts = np.bincount(C.row, minlength=C.shape[0])\n"
                    "    sums = np.bincount(C.row, weights=C.data, minlength=C.shape[0])\n"
                    "    user_mean = sums / np.maximum(counts, 1)\n"
                    "    F = np.tile(user_mean[:, None], (1, C.shape[1]))\n"), 0, "user means"),
    },
    "mistakes4": {
        # only the k scalings subtracted, not the k x k matrix A (the visible bound fails at k = min)
        "q1-count-numbers": (("return k * (n_users + n_items - k)", "return k * (n_users + n_items) - k"), 0,
                             "subtracts only the scalings"),
        # the right fix, but another line named
        "q5-ridge-fix": (("faulty_line = 10", "faulty_line = 12"), 1, "is not the line that makes the draft wrong"),
        # item biases computed from r - mu - b_user: the two steps in the wrong order
        "q3-bias": (("    b_item = np.bincount(C.col, weights=C.data - mu, minlength=n_items) \\\n"
                     "        / (lam + np.bincount(C.col, minlength=n_items))\n"
                     "    b_user = np.bincount(C.row, weights=C.data - mu - b_item[C.col], minlength=n_users) \\\n"
                     "        / (lam + np.bincount(C.row, minlength=n_users))\n",
                     "    b_user = np.bincount(C.row, weights=C.data - mu, minlength=n_users) \\\n"
                     "        / (lam + np.bincount(C.row, minlength=n_users))\n"
                     "    b_item = np.bincount(C.col, weights=C.data - mu - b_user[C.row], minlength=n_items) \\\n"
                     "        / (lam + np.bincount(C.col, minlength=n_items))\n"), 0, "b_item for R"),
        # forgot to center: ALS fitted to the raw 1..5 ratings
        "q6-als": (("R_centered.data = R_centered.data - mu_train\n", ""), 1, "fitted to the raw ratings"),
        # item means over whole columns, the missing entries counted as zeros
        "q7-svd": (("sums / np.maximum(counts, 1)", "sums / C.shape[0]"), 0, "count the missing entries as zeros"),
    },
    "mistakes5": {
        # the singular values counted too, as if storing an SVD
        "q1-count-numbers": (("return k * (n_users + n_items)\n", "return k * (n_users + n_items) + k\n"), 1,
                             "count the entries of P and of Q only"),
        # the right line named, but the draft's line kept: lam added to every entry (the visible example fails)
        "q5-ridge-fix": (("Qu.T @ Qu + lam * np.eye(k)", "Qu.T @ Qu + lam"), 0, "solve (Q_u^T Q_u + lam I) p_u"),
        # centered in place: R_train itself is changed
        "q6-als": (("R_centered = R_train.copy()", "R_centered = R_train"), 1, "centered it in place"),
    },
    # a sparse argument used as scratch space: coo_array(R) shares R's data, which is then changed in place
    "synonyms": {
        # the inverse by another route: LU-solve against the identity
        "q5-ridge-fix": (("        P[u] = np.linalg.solve(Qu.T @ Qu + lam * np.eye(k), Qu.T @ R.data[start:end])",
                           "        from scipy.linalg import lu_factor, lu_solve\n"
                           "        Ainv = lu_solve(lu_factor(Qu.T @ Qu + lam * np.eye(k)), np.eye(k))\n"
                           "        P[u] = Ainv @ (Qu.T @ R.data[start:end])"), 1, "the inverse of a matrix"),
        "q2-rmse": ("def masked_rmse(R, R_hat):\n    C = scipy.sparse.coo_array(R)\n    if C.nnz == 0:\n"
                    "        raise ValueError('no observed ratings')\n    R_hat = np.asarray(R_hat, dtype=float)\n"
                    "    C.data -= R_hat[C.row, C.col]\n    return float(np.sqrt(np.mean(C.data ** 2)))\n",
                    1, "changed one of its inputs"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms"]
