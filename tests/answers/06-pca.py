"""Test data for chapter 06: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

X_SMALL = "X_small = sp.Matrix([[4, -1], [0, -1], [0, -3], [0, -3], [1, -2]])\n"

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
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
    # the truncated SVD of the centered data plus the mean
    "q3-reconstruct": "def pca_reconstruct(X, k):\n    X = np.asarray(X, dtype=float)\n    mu = X.mean(axis=0)\n"
                      "    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)\n"
                      "    return mu + (U[:, :k] * s[:k]) @ Vt[:k]\n",
    # sqrt(n - 1) U_k, with the opposite signs
    "q4-whiten": "def pca_whiten(X, k):\n    X = np.asarray(X, dtype=float)\n"
                 "    U, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)\n"
                 "    return -np.sqrt(len(X) - 1) * U[:, :k]\n",
    # scikit-learn's PCA, fitted on the training set and applied to the test set
    "q5-train-test": "from sklearn.decomposition import PCA\n\n\ndef pca_train_test(X_train, X_test, k):\n"
                     "    model = PCA(n_components=k, svd_solver='full').fit(np.asarray(X_train, dtype=float))\n"
                     "    return model.transform(np.asarray(X_test, dtype=float))\n",
    # the characteristic polynomial, and the eigenvector read off the first row of C - lambda I
    "q6-exact-pca": X_SMALL + "mu = sp.Matrix([[sp.Rational(sum(X_small[:, 0]), 5), sp.Rational(sum(X_small[:, 1]), 5)]])\n"
                    "Xc = X_small - sp.ones(5, 1) * mu\nC_exact = (Xc.T * Xc) / 4\nt = sp.Symbol('t')\n"
                    "roots = sp.solve(sp.det(C_exact - t * sp.eye(2)), t)\nlambda_1 = sp.Max(*roots)\n"
                    "v = sp.Matrix([1, lambda_1 - 3])\nv_1 = -v / sp.sqrt(v.dot(v))\n",
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
    # the projection matrix P = V_k V_k^T from the question 1 answer above
    "q3-reconstruct": "def pca_reconstruct(X, k):\n    X = np.asarray(X, dtype=float)\n"
                      "    mean, comps, _ = pca_fit(X, max(k, 1))\n    P = comps[:k].T @ comps[:k]\n"
                      "    return np.tile(mean, (len(X), 1)) + (X - mean) @ P\n",
    # the covariance eigenproblem (allowed in this question)
    "q4-whiten": "def pca_whiten(X, k):\n    X = np.asarray(X, dtype=float)\n    Xc = X - X.mean(axis=0)\n"
                 "    lam, V = np.linalg.eigh(np.cov(Xc, rowvar=False))\n    idx = np.argsort(lam)[::-1][:k]\n"
                 "    return (Xc @ V[:, idx]) / np.sqrt(lam[idx])\n",
    # reuse pca_fit from question 1
    "q5-train-test": "def pca_train_test(X_train, X_test, k):\n    mean, comps, _ = pca_fit(X_train, k)\n"
                     "    return np.atleast_2d(np.asarray(X_test, float) - mean) @ np.asarray(comps).T\n",
    # entry-by-entry sums and eigenvects
    "q6-exact-pca": X_SMALL + "mu = X_small.T * sp.ones(5, 1) / 5\nXc = X_small - sp.ones(5, 1) * mu.T\n"
                    "C_exact = sp.Matrix(2, 2, lambda i, j: sum(Xc[r, i] * Xc[r, j] for r in range(5)) / sp.Integer(4))\n"
                    "lambda_1, _, vecs = max(C_exact.eigenvects(), key=lambda p: p[0].evalf())\n"
                    "v_1 = vecs[0].normalized()\n",
}]

EIGH_PCA = ("def pca_fit(X, k):\n    X = np.asarray(X, dtype=float)\n    mean = X.mean(axis=0)\n"
            "    lam, V = np.linalg.eigh(np.cov(X, rowvar=False))\n    order = np.argsort(lam)[::-1][:k]\n"
            "    return mean, V[:, order].T, lam[order]\n")
REFIT = ("def pca_train_test(X_train, X_test, k):\n    X_test = np.asarray(X_test, dtype=float)\n"
         "    mu = X_test.mean(axis=0)\n    _, _, Vt = np.linalg.svd(X_test - mu, full_matrices=False)\n"
         "    return (X_test - mu) @ Vt[:k].T\n")
UNCENTERED_RECON = ("def pca_reconstruct(X, k):\n    X = np.asarray(X, dtype=float)\n"
                    "    U, s, Vt = np.linalg.svd(X, full_matrices=False)\n    return (U[:, :k] * s[:k]) @ Vt[:k]\n")

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
        "q3-reconstruct": (("return mu + (X - mu) @ Vk @ Vk.T", "return (X - mu) @ Vk @ Vk.T"), 0, "add the mean back"),
        "q4-whiten": (("lam = s[:k] ** 2 / (X.shape[0] - 1)", "lam = s[:k] ** 2 / X.shape[0]"), 0, "n - 1"),
        "q5-train-test": (("return (X_test - mu) @ Vt[:k].T", "return (X_test - X_test.mean(axis=0)) @ Vt[:k].T"), 0,
                          "training mean"),
        "q6-exact-pca": (("C_exact = Xc_small.T * Xc_small / (n_small - 1)", "C_exact = Xc_small.T * Xc_small / n_small"),
                         1, "n - 1"),
    },
    "mistakes2": {
        "q1-pca-fit": (EIGH_PCA, 1, "not allowed"),
        "q2-explained-variance": (("return int(np.argmax(cumulative >= fraction)) + 1",
                                   "return int(np.argmax(cumulative >= fraction))"), 0, "one too small"),
        "q3-reconstruct": (UNCENTERED_RECON, 0, "center X first"),
        "q4-whiten": (("return Xc @ Vt[:k].T / np.sqrt(lam)", "return Xc @ Vt[:k].T / lam"), 0, "square root"),
        "q5-train-test": (REFIT, 0, "refits PCA on the test set"),
        "q6-exact-pca": (("lambda_1 = max(C_exact.eigenvals(), key=lambda e: float(e))",
                          "lambda_1 = min(C_exact.eigenvals(), key=lambda e: float(e))"), 1, "largest"),
    },
    "mistakes3": {
        "q1-pca-fit": (("return mean, Vt[:k], s[:k]", "return mean, Vt[:k].T, s[:k]"), 0, "transposed"),
        "q2-explained-variance": (("s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)",
                                   "s = np.linalg.svd(X, compute_uv=False)"), 0, "center X first"),
        "q3-reconstruct": (("Vk = Vt[:k].T", "Vk = Vt[:k + 1].T"), 1, "more than"),
        "q4-whiten": (("Xc = X - X.mean(axis=0)", "Xc = X"), 0, "center X"),
        "q5-train-test": (("return (X_test - mu) @ Vt[:k].T", "return X_test @ Vt[:k].T"), 0,
                          "subtract the training mean"),
        "q6-exact-pca": (("v_1 = sp.simplify(w / w.norm())", "v_1 = w"), 1, "unit length"),
    },
    "mistakes4": {
        # scikit-learn imported inside the function, where patching at the module level still catches it
        "q1-pca-fit": (SKLEARN_INSIDE, 1, "not allowed"),
        # the variances of the original features instead of those along the principal directions
        "q2-explained-variance": (FEATURE_VARIANCES, 1, "variances of the features"),
        # the last k directions instead of the first k
        "q3-reconstruct": (("Vk = Vt[:k].T", "Vk = Vt[::-1][:k].T"), 0, "first"),
        # divided by the singular values instead of the standard deviations
        "q4-whiten": (("return Xc @ Vt[:k].T / np.sqrt(lam)", "return Xc @ Vt[:k].T / s[:k]"), 0,
                      "singular values"),
        # the test rows leak into the fit
        "q5-train-test": (FIT_ON_ALL, 0, "together"),
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
