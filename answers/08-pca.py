"""Test data for chapter 08: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

# Valid answers in another form than the reference, three notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # scipy's SVD, the mean as a list, every component sign-flipped
    "q1-pca-fit": "import scipy.linalg\n\n\ndef pca_fit(X, k):\n    X = np.array(X, dtype=float)\n"
                  "    mu = X.mean(axis=0)\n    U, s, Vt = scipy.linalg.svd(X - mu, full_matrices=False)\n"
                  "    return list(mu), -Vt[:k], (s[:k] ** 2) / (len(X) - 1)\n",
    # eigenvalues of the smaller Gram matrix (allowed here), searchsorted for the count
    "q2-explained-variance": "def explained_variance_ratio(X):\n    X = np.asarray(X, dtype=float)\n"
                             "    Xc = X - X.mean(axis=0)\n"
                             "    G = Xc.T @ Xc if X.shape[0] >= X.shape[1] else Xc @ Xc.T\n"
                             "    lam = np.clip(np.linalg.eigvalsh(G)[::-1], 0, None)\n    return lam / lam.sum()\n\n\n"
                             "def n_components_for(X, fraction):\n"
                             "    return int(np.searchsorted(np.cumsum(explained_variance_ratio(X)), fraction)) + 1\n",
    # the covariance eigenproblem (allowed here), scores from the centered data, faulty_line as an np.int64
    "q3-diagnose-pca": "faulty_line = np.int64(4)\n\n\ndef pca_summary_fixed(X, k):\n"
                       "    X = np.asarray(X, dtype=float)\n    Xc = X - X.mean(axis=0)\n"
                       "    lam, V = np.linalg.eigh(np.cov(Xc, rowvar=False))\n    idx = np.argsort(lam)[::-1][:k]\n"
                       "    return V[:, idx].T, lam[idx], Xc @ V[:, idx]\n",
    # sqrt(n - 1) U_k, with the opposite signs
    "q4-whiten": "def pca_whiten(X, k):\n    X = np.asarray(X, dtype=float)\n"
                 "    U, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)\n"
                 "    return -np.sqrt(len(X) - 1) * U[:, :k]\n",
    # scikit-learn's PCA, fitted on the training set and applied to the test set
    "q5-train-test": "from sklearn.decomposition import PCA\n\n\ndef pca_train_test(X_train, X_test, k):\n"
                     "    model = PCA(n_components=k, svd_solver='full').fit(np.asarray(X_train, dtype=float))\n"
                     "    return model.transform(np.asarray(X_test, dtype=float))\n",
    # Gaussian data made exactly white (identity covariance), then stretched and rotated
    "q6-prescribed-pca": "def data_with(direction, ratio, center):\n    w = np.asarray(direction, dtype=float)\n"
                         "    d = len(w)\n    n = 60\n    Z = np.random.default_rng(1).normal(size=(n, d))\n"
                         "    Z -= Z.mean(axis=0)\n    U, s, Vt = np.linalg.svd(Z, full_matrices=False)\n"
                         "    Z = np.sqrt(n - 1) * U\n"
                         "    Q, _ = np.linalg.qr(np.column_stack([w, np.random.default_rng(2).normal(size=(d, d - 1))]))\n"
                         "    lam = np.r_[ratio, np.full(d - 1, (1 - ratio) / (d - 1))]\n"
                         "    return np.asarray(center, dtype=float) + (Z * np.sqrt(lam)) @ Q.T\n",
}, {
    # the SVD of the transpose (its U is our V), built with loops
    "q1-pca-fit": "def pca_fit(X, k):\n    X = np.asarray(X, dtype=float)\n    n = X.shape[0]\n"
                  "    mean = np.sum(X, axis=0) / n\n"
                  "    W, s, _ = np.linalg.svd((X - mean).T, full_matrices=False)\n"
                  "    comps = np.array([W[:, i] for i in range(k)])\n"
                  "    var = np.array([s[i] ** 2 for i in range(k)]) / (n - 1)\n    return mean, comps, var\n",
    # a list, the trace as the total variance, and a loop for the count
    "q2-explained-variance": "def explained_variance_ratio(X):\n    Xc = np.asarray(X, float) - np.mean(X, axis=0)\n"
                             "    s2 = np.linalg.svd(Xc, compute_uv=False) ** 2\n"
                             "    return list(s2 / np.trace(Xc.T @ Xc))\n\n\n"
                             "def n_components_for(X, fraction):\n    total = 0.0\n"
                             "    for k, r in enumerate(explained_variance_ratio(X), start=1):\n"
                             "        total += r\n        if total >= fraction:\n            return k\n",
    # the given code with the axis changed (no keepdims needed for axis=0), results as lists
    "q3-diagnose-pca": "faulty_line = 4\n\n\ndef pca_summary_fixed(X, k):\n    X = np.array(X, dtype=float)\n"
                       "    n = X.shape[0]\n    mu = X.mean(axis=0)\n"
                       "    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)\n"
                       "    return Vt[:k].tolist(), list(s[:k] ** 2 / (n - 1)), (U[:, :k] * s[:k]).tolist()\n",
    # the covariance eigenproblem (allowed in this question)
    "q4-whiten": "def pca_whiten(X, k):\n    X = np.asarray(X, dtype=float)\n    Xc = X - X.mean(axis=0)\n"
                 "    lam, V = np.linalg.eigh(np.cov(Xc, rowvar=False))\n    idx = np.argsort(lam)[::-1][:k]\n"
                 "    return (Xc @ V[:, idx]) / np.sqrt(lam[idx])\n",
    # reuse pca_fit from question 1
    "q5-train-test": "def pca_train_test(X_train, X_test, k):\n    mean, comps, _ = pca_fit(X_train, k)\n"
                     "    return np.atleast_2d(np.asarray(X_test, float) - mean) @ np.asarray(comps).T\n",
    # the rows center +- the columns of M = sqrt(l_1) w w^T + sqrt(l_o) (I - w w^T): covariance ~ M^2
    "q6-prescribed-pca": "def data_with(direction, ratio, center):\n    w = np.array(direction, dtype=float)\n"
                         "    w = w / np.linalg.norm(w)\n    d = w.size\n    P = np.outer(w, w)\n"
                         "    M = np.sqrt(ratio) * P + np.sqrt((1 - ratio) / (d - 1)) * (np.eye(d) - P)\n"
                         "    return np.vstack([np.asarray(center) + M.T, np.asarray(center) - M.T])\n",
}, {
    # scikit-learn's PCA: transform() gives scores that match components_
    "q3-diagnose-pca": "from sklearn.decomposition import PCA\n\nfaulty_line = 4\n\n\n"
                       "def pca_summary_fixed(X, k):\n    X = np.asarray(X, dtype=float)\n"
                       "    model = PCA(n_components=k, svd_solver='full').fit(X)\n"
                       "    return model.components_, model.explained_variance_, model.transform(X)\n",
    # -direction completed by scipy's null_space, a tiny total variance, every point three times
    "q6-prescribed-pca": "import scipy.linalg\n\n\ndef data_with(direction, ratio, center):\n"
                         "    w = -np.asarray(direction, dtype=float).ravel()\n    w /= np.linalg.norm(w)\n"
                         "    d = w.size\n    B = np.column_stack([w, scipy.linalg.null_space(w[None, :])])\n"
                         "    var = 1e-3 * np.r_[ratio, np.full(d - 1, (1 - ratio) / (d - 1))]\n"
                         "    rows = []\n    for j in range(d):\n        for sign in (1, -1):\n"
                         "            rows += [np.asarray(center, dtype=float) + sign * np.sqrt(var[j]) * B[:, j]] * 3\n"
                         "    return np.array(rows)\n",
}, {
    # unequal variances along the other directions (all below lambda_1), the basis from the full SVD of the
    # direction as a column, and an extra row at the center (2d + 1 rows)
    "q6-prescribed-pca": "def data_with(direction, ratio, center):\n    w = np.asarray(direction, dtype=float)\n"
                         "    d = w.size\n    Q = np.linalg.svd(w.reshape(-1, 1))[0]\n"
                         "    m = (1 - ratio) / (d - 1)\n"
                         "    t = np.linspace(-1.0, 1.0, d - 1) if d > 2 else np.zeros(1)\n"
                         "    var = np.r_[ratio, m + 0.5 * min(m, ratio - m) * t]\n"
                         "    Z = np.vstack([np.diag(np.sqrt(var)), -np.diag(np.sqrt(var)), np.zeros((1, d))])\n"
                         "    return np.asarray(center, dtype=float) + Z @ Q.T\n",
}]

EIGH_PCA = ("def pca_fit(X, k):\n    X = np.asarray(X, dtype=float)\n    mean = X.mean(axis=0)\n"
            "    lam, V = np.linalg.eigh(np.cov(X, rowvar=False))\n    order = np.argsort(lam)[::-1][:k]\n"
            "    return mean, V[:, order].T, lam[order]\n")
REFIT = ("def pca_train_test(X_train, X_test, k):\n    X_test = np.asarray(X_test, dtype=float)\n"
         "    mu = X_test.mean(axis=0)\n    _, _, Vt = np.linalg.svd(X_test - mu, full_matrices=False)\n"
         "    return (X_test - mu) @ Vt[:k].T\n")
FIT_ON_ALL = ("def pca_train_test(X_train, X_test, k):\n"
              "    X_all = np.vstack([np.asarray(X_train, float), np.asarray(X_test, float)])\n"
              "    mu = X_all.mean(axis=0)\n    _, _, Vt = np.linalg.svd(X_all - mu, full_matrices=False)\n"
              "    return (np.asarray(X_test, float) - mu) @ Vt[:k].T\n")
FEATURE_VARIANCES = ("def explained_variance_ratio(X):\n"
                     "    v = np.sort(np.var(np.asarray(X, dtype=float), axis=0, ddof=1))[::-1]\n"
                     "    return v / v.sum()\n\n\n"
                     "def n_components_for(X, fraction):\n"
                     "    return int(np.argmax(np.cumsum(explained_variance_ratio(X)) >= fraction)) + 1\n")
SKLEARN_INSIDE = ("def pca_fit(X, k):\n    from sklearn.decomposition import PCA\n"
                  "    model = PCA(n_components=k, svd_solver='full').fit(np.asarray(X, dtype=float))\n"
                  "    return model.mean_, model.components_, model.explained_variance_\n")

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        "q1-pca-fit": (("np.linalg.svd(X - mean, full_matrices=False)", "np.linalg.svd(X, full_matrices=False)"), 0,
                       "center X"),
        "q2-explained-variance": (("return s**2 / np.sum(s**2)", "return s / np.sum(s)"), 0, "squared"),
        # the scores line suspected instead (it is right: U_k S_k = X_c V_k), and the fix made there
        "q3-diagnose-pca": (("faulty_line = 4 ", "faulty_line = 8 "), 1, "not the faulty line"),
        "q4-whiten": (("lam = s[:k] ** 2 / (X.shape[0] - 1)", "lam = s[:k] ** 2 / X.shape[0]"), 0, "n - 1"),
        "q5-train-test": (("return (X_test - mu) @ Vt[:k].T", "return (X_test - X_test.mean(axis=0)) @ Vt[:k].T"), 0,
                          "training mean"),
        # the mean forgotten: the cloud sits at the origin
        "q6-prescribed-pca": (("return center + np.vstack", "return np.vstack"), 0, "not center"),
    },
    "mistakes2": {
        "q1-pca-fit": (EIGH_PCA, 1, "not allowed"),
        "q2-explained-variance": (("return int(np.argmax(cumulative >= fraction)) + 1",
                                   "return int(np.argmax(cumulative >= fraction))"), 0, "one too small"),
        # "fixed" by not centering at all
        "q3-diagnose-pca": (("mu = X.mean(axis=0, keepdims=True)", "mu = 0.0"), 0, "mean of each feature"),
        "q4-whiten": (("return Xc @ Vt[:k].T / np.sqrt(lam)", "return Xc @ Vt[:k].T / lam"), 0, "square root"),
        "q5-train-test": (REFIT, 0, "refits PCA on the test set"),
        # the steps set to the variances instead of the standard deviations
        "q6-prescribed-pca": (("steps = np.full(d, np.sqrt(1.0 - ratio))\n    steps[0] = np.sqrt(ratio * (d - 1))",
                               "steps = np.full(d, 1.0 - ratio)\n    steps[0] = ratio * (d - 1)"), 0,
                              "standard deviations"),
    },
    "mistakes3": {
        "q1-pca-fit": (("return mean, Vt[:k], s[:k]", "return mean, Vt[:k].T, s[:k]"), 0, "transposed"),
        "q2-explained-variance": (("s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)",
                                   "s = np.linalg.svd(X, compute_uv=False)"), 0, "center X first"),
        # "fixed" with the mean of all entries
        "q3-diagnose-pca": (("mu = X.mean(axis=0, keepdims=True)", "mu = X.mean()"), 0, "mean of each feature"),
        "q4-whiten": (("Xc = X - X.mean(axis=0)", "Xc = X"), 0, "center X"),
        "q5-train-test": (("return (X_test - mu) @ Vt[:k].T", "return X_test @ Vt[:k].T"), 0,
                          "subtract the training mean"),
        # all the remaining variance along one perpendicular direction: for ratio < 1/2 it wins
        "q6-prescribed-pca": (("steps = np.full(d, np.sqrt(1.0 - ratio))\n    steps[0] = np.sqrt(ratio * (d - 1))",
                               "steps = np.zeros(d)\n    steps[0] = np.sqrt(ratio)\n    steps[1] = np.sqrt(1.0 - ratio)"),
                              1, "not the given direction"),
    },
    "mistakes4": {
        # scikit-learn imported inside the function, where patching at the module level still catches it
        "q1-pca-fit": (SKLEARN_INSIDE, 1, "not allowed"),
        # the variances of the original features instead of those along the principal directions
        "q2-explained-variance": (FEATURE_VARIANCES, 1, "variances of the features"),
        # the scores recomputed from the uncentered data
        "q3-diagnose-pca": (("scores = U[:, :k] * s[:k]", "scores = X @ Vt[:k].T"), 0, "same sign"),
        # divided by the singular values instead of the standard deviations
        "q4-whiten": (("return Xc @ Vt[:k].T / np.sqrt(lam)", "return Xc @ Vt[:k].T / s[:k]"), 0,
                      "singular values"),
        # the test rows leak into the fit
        "q5-train-test": (FIT_ON_ALL, 0, "together"),
        # the given direction used as it is, not normalized: its length scales the spread along it
        "q6-prescribed-pca": (("offsets = Q[:, :d] * steps", "Q[:, 0] = w\n    offsets = Q[:, :d] * steps"), 0,
                              "lengths of your direction vectors"),
    },
    # the covariance route under another name: scipy.linalg's SVD of a covariance built by hand
    "synonyms": {
        "q1-pca-fit": (("    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)\n"
                        "    return mean, Vt[:k], s[:k] ** 2 / (X.shape[0] - 1)",
                        "    import scipy.linalg\n    Xc = X - mean\n"
                        "    _, s, Vt = scipy.linalg.svd(Xc.T @ Xc / (X.shape[0] - 1))\n    return mean, Vt[:k], s[:k]"),
                       1, "the covariance eigenproblem"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms"]
