"""Test data for chapter 12: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

_GIVEN_Q6 = '''def randomized_svd(A, k, p=10, q=3, seed=0):
    rng = np.random.default_rng(seed)                     # 1
    Omega = rng.normal(size=(A.shape[1], k + p))          # 2
    Y = A @ Omega                                         # 3
    for _ in range(q):                                    # 4
        Y = A @ (A.T @ Y)                                 # 5
    Q, _ = np.linalg.qr(Y)                                # 6
    B = Q.T @ A                                           # 7
    Ub, s, Vt = np.linalg.svd(B, full_matrices=False)     # 8
    return (Q @ Ub)[:, :k], s[:k], Vt[:k]                 # 9


'''

_SYMBOLS_Q5 = 'n, j, k = sp.symbols("n j k", integer=True, positive=True)\n'

# Valid answers in another form than the reference: each notebook must earn full marks.
ALTERNATIVES = [{
    # the dangling pages found explicitly, their mass added back by hand; a list as the result
    "q1-pagerank": "def pagerank(A, alpha=0.85, tol=1e-10):\n    A = sps.csr_array(A)\n    n = A.shape[0]\n"
                   "    out = np.asarray(A.sum(axis=1)).ravel()\n    dangling = out == 0\n"
                   "    safe = np.where(dangling, 1.0, out)\n    x = np.ones(n) / n\n    while True:\n"
                   "        y = alpha * (A.T @ (x / safe * ~dangling))\n"
                   "        y = y + (alpha * x[dangling].sum() + 1 - alpha) / n\n"
                   "        if np.abs(y - x).sum() < tol:\n            return list(y)\n        x = y\n",
    # the scaling by broadcasting on the sparse matrix itself, then X and W
    "q2-gcn": "def gcn_layer(A, X, W):\n    At = sps.csr_array(A) + sps.eye_array(A.shape[0])\n"
              "    s = 1 / np.sqrt(np.asarray(At.sum(axis=0)).ravel())\n"
              "    A_hat = sps.csr_array(At.multiply(s[:, None]).multiply(s[None, :]))\n"
              "    return (A_hat @ np.asarray(X)) @ np.asarray(W)\n",
    # three complete graphs (a triangle, a triangle, a K4) as a sparse matrix of integers
    "q3-components": "import scipy.linalg\n"
                     "A3 = sps.csr_array(scipy.linalg.block_diag(np.ones((3, 3), int) - np.eye(3, dtype=int),\n"
                     "                   np.ones((3, 3), int) - np.eye(3, dtype=int), np.ones((4, 4), int) - np.eye(4, dtype=int)))\n",
    # without the factor 2 of the bound, as a NumPy integer
    "q4-iterations": "def pagerank_iterations(alpha, tol):\n    return np.int64(round(np.log10(tol) / np.log10(alpha)))\n",
    # 4 sin^2 and a complex exponential
    "q5-cycle": _SYMBOLS_Q5 + "lam = 4 * sp.sin(sp.pi * j / n) ** 2\nv = sp.exp(2 * sp.pi * sp.I * j * k / n)\n",
    # scipy.linalg's QR and SVD, the re-orthonormalization written as a helper
    "q6-diagnose": _GIVEN_Q6 + "faulty_line = np.int64(5)\n\n\ndef randomized_svd_fixed(A, k, p=10, q=3, seed=0):\n"
                   "    import scipy.linalg\n    orth = lambda M: scipy.linalg.qr(M, mode='economic')[0]\n"
                   "    rng = np.random.default_rng(seed)\n    Q = orth(A @ rng.normal(size=(A.shape[1], k + p)))\n"
                   "    for _ in range(q):\n        Q = orth(A @ orth(A.T @ Q))\n"
                   "    Bt = A.T @ Q\n    V, s, UbT = scipy.linalg.svd(np.asarray(Bt), full_matrices=False)\n"
                   "    return Q @ UbT.T[:, :k], s[:k], V[:, :k].T\n",
    # the unfolding and the Khatri-Rao product, solved by least squares
    "q7-cp-update": "def cp_update_A(T, B, C):\n    T = np.asarray(T, dtype=float)\n    I, J, K = T.shape\n"
                    "    KR = (B[:, None, :] * C[None, :, :]).reshape(J * K, -1)\n"
                    "    return np.linalg.lstsq(KR, T.reshape(I, J * K).T, rcond=None)[0].T\n",
}, {
    # the same iteration with a row-scaled copy of A and an explicit renormalization
    "q1-pagerank": "def pagerank(A, alpha=0.85, tol=1e-10):\n    n = A.shape[0]\n    out = np.asarray(A.sum(axis=1)).ravel()\n"
                   "    inv = np.zeros(n)\n    inv[out > 0] = 1 / out[out > 0]\n"
                   "    R = sps.diags_array(inv) @ sps.csr_array(A)\n    x = np.full(n, 1 / n)\n    for _ in range(100000):\n"
                   "        y = alpha * (R.T @ x)\n        y += (1 - y.sum()) / n\n        step = np.abs(y - x).sum()\n"
                   "        x = y\n        if step < tol:\n            break\n    return x / x.sum()\n",
    # (A_hat X) W instead of A_hat (X W), with a dense diagonal scaling of the rows
    "q2-gcn": "def gcn_layer(A, X, W):\n    n = A.shape[0]\n    d = np.asarray(A.sum(axis=1)).ravel() + 1\n"
              "    Y = np.asarray(X, dtype=float) / np.sqrt(d)[:, None]\n    Y = A @ Y + Y\n"
              "    return (Y / np.sqrt(d)[:, None]) @ W\n",
    # a 4-cycle with a chord, a triangle and a triangle, in another order, as floats
    "q3-components": "A3 = np.zeros((10, 10))\nfor a, b in [(0, 5), (5, 9), (9, 2), (2, 0), (0, 9), (1, 3), (3, 7), (7, 1), (4, 6), (6, 8), (8, 4)]:\n"
                     "    A3[a, b] = A3[b, a] = 1\n",
    # natural logarithms, a Python int, rounded up
    "q4-iterations": "import math\n\n\ndef pagerank_iterations(alpha, tol):\n"
                     "    return math.ceil(math.log(2 / tol) / -math.log(alpha))\n",
    # a shifted wave: cosine plus sine, and the eigenvalue written as 2(1 - cos)
    "q5-cycle": _SYMBOLS_Q5 + "theta = 2 * sp.pi * j / n\nlam = 2 * (1 - sp.cos(theta))\n"
                "v = sp.cos(theta * k) + sp.sin(theta * k)\n",
    "q6-diagnose": _GIVEN_Q6 + "faulty_line = 5\n\n\ndef randomized_svd_fixed(A, k, p=10, q=3, seed=0):\n"
                   "    rng = np.random.default_rng(seed)\n    Y = A @ rng.normal(size=(A.shape[1], k + p))\n"
                   "    for _ in range(q):\n        Y, _ = np.linalg.qr(Y)\n        Z, _ = np.linalg.qr(A.T @ Y)\n"
                   "        Y = A @ Z\n    Q, _ = np.linalg.qr(Y)\n    B = Q.T @ A\n"
                   "    Ub, s, Vt = np.linalg.svd(B, full_matrices=False)\n    return (Q @ Ub)[:, :k], s[:k], Vt[:k]\n",
    "q7-cp-update": "def cp_update_A(T, B, C):\n    G = np.einsum('jr,js,kr,ks->rs', B, B, C, C)\n"
                    "    return np.einsum('ijk,jr,kr->ir', T, B, C) @ np.linalg.inv(G)\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # the dangling pages' probability dropped: only the teleportation is added
        "q1-pagerank": (("x_new += (1.0 - x_new.sum()) / n", "x_new += (1.0 - alpha) / n"), 0, "spread uniformly"),
        # no self-loops: the degrees of A, and A instead of A + I
        "q2-gcn": (("A_tilde = sps.csr_array(A, dtype=float) + sps.eye_array(A.shape[0], format=\"csr\")",
                    "A_tilde = sps.csr_array(A, dtype=float)"), 0, "self-loops included"),
        # two components of five nodes
        "q3-components": (("([0, 1, 2], [3, 4, 5], [6, 7, 8, 9])", "([0, 1, 2, 3, 4], [5, 6, 7, 8, 9])"), 1, "not 3"),
        # the usual 1/(1 - alpha) rule of thumb: right near alpha = 1, wrong for small damping
        "q4-iterations": (("np.ceil(np.log(tol / 2) / np.log(alpha))", "np.ceil(-np.log(tol / 2) / (1 - alpha))"), 1,
                          "25% + 3"),
        # the factor 2 lost in front of the cosine
        "q5-cycle": (("lam = 2 - 2 * sp.cos(2 * sp.pi * j / n)", "lam = 2 - sp.cos(2 * sp.pi * j / n)"), 1,
                     "cos(a + b)"),
        # blames the QR, not the products that were never re-orthonormalized
        "q6-diagnose": (("faulty_line = 5", "faulty_line = 6"), 1, "information is lost"),
        # M alone: the R x R matrix of the normal equations forgotten
        "q7-cp-update": (("    return np.linalg.solve(G, M.T).T", "    return M"), 0, "normal equations"),
    },
    "mistakes2": {
        # a dense n x n diagonal matrix (no toarray): fine on small graphs, 18.6 GiB for the 50 000-page one,
        # beyond the kernel's memory limit (a 10 000-page graph, 0.8 GB, would let it pass)
        "q1-pagerank": (("    P = sps.csr_array(A.T @ sps.diags_array(inv))\n",
                         "    P = A.T @ np.diag(inv)\n"), 1, "avoid forming large dense matrices"),
        # row normalization D~^{-1} (A + I): a mean over the neighbours, not the symmetric scaling
        "q2-gcn": (("    return np.asarray(scale @ (A_tilde @ (scale @ (np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)))))",
                    "    return np.asarray(sps.diags_array(1.0 / d) @ (A_tilde @ (np.asarray(X, dtype=float) @ np.asarray(W, dtype=float))))"),
                   0, "scaling both rows and columns"),
        # paths instead of cycles: the end nodes have degree 1
        "q3-components": (("    for _a, _b in zip(_group, _group[1:] + _group[:1]):",
                           "    for _a, _b in zip(_group, _group[1:]):"), 1, "degree at least 2"),
        # the damping ignored: always Google's 0.85
        "q4-iterations": (("np.log(alpha)", "np.log(0.85)"), 1, "slow graph"),
        # a wave with half the frequency: not periodic with period n
        "q5-cycle": (("v = sp.cos(2 * sp.pi * j * k / n)", "v = sp.cos(sp.pi * j * k / n)"), 1, "not periodic"),
        # the "fix" is the colleague's code again
        "q6-diagnose": (("    rng = np.random.default_rng(seed)\n    Q, _ = np.linalg.qr(A @ rng.normal(size=(A.shape[1], k + p)))\n"
                         "    for _ in range(q):\n        Z, _ = np.linalg.qr(A.T @ Q)\n        Q, _ = np.linalg.qr(A @ Z)\n",
                         "    rng = np.random.default_rng(seed)\n    Y = A @ rng.normal(size=(A.shape[1], k + p))\n"
                         "    for _ in range(q):\n        Y = A @ (A.T @ Y)\n    Q, _ = np.linalg.qr(Y)\n"),
                        1, "orthonormal after every product"),
        # the Gram matrices added instead of multiplied entrywise
        "q7-cp-update": (("G = (B.T @ B) * (C.T @ C)", "G = (B.T @ B) + (C.T @ C)"), 0, "entrywise"),
    },
    "mistakes3": {
        # weights ignored: every link counted as 1
        "q1-pagerank": (("    A = sps.csr_array(A, dtype=float)\n",
                         "    A = sps.csr_array(A, dtype=float, copy=True)\n    A.data[:] = 1.0\n"), 1, "total weight"),
        # A_hat formed densely
        "q2-gcn": (("    return np.asarray(scale @ (A_tilde @ (scale @ (np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)))))",
                    "    return (scale @ A_tilde @ scale).toarray() @ np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)"),
                   1, "densifying"),
        # a directed graph: only one direction of each edge stored
        "q3-components": (("        A3[_a, _b] = A3[_b, _a] = 1.0", "        A3[min(_a, _b), max(_a, _b)] = 1.0"), 0, "symmetric"),
        # decimal logarithm of tol over the natural logarithm of alpha
        "q4-iterations": (("np.log(tol / 2)", "np.log10(tol / 2)"), 1, "25% + 3"),
        # the eigenvalue of the adjacency matrix, 2 cos, instead of the Laplacian's
        "q5-cycle": (("lam = 2 - 2 * sp.cos(2 * sp.pi * j / n)", "lam = 2 * sp.cos(2 * sp.pi * j / n)"), 0, "cos(a + b)"),
        # a full SVD of the (densified) matrix: accurate, but not randomized and not scalable
        "q6-diagnose": (("    rng = np.random.default_rng(seed)\n    Q, _ = np.linalg.qr(A @ rng.normal(size=(A.shape[1], k + p)))\n"
                         "    for _ in range(q):\n        Z, _ = np.linalg.qr(A.T @ Q)\n        Q, _ = np.linalg.qr(A @ Z)\n"
                         "    Ub, s, Vt = np.linalg.svd(np.asarray(Q.T @ A), full_matrices=False)\n"
                         "    return (Q @ Ub)[:, :k], s[:k], Vt[:k]",
                         "    M = A.toarray() if sps.issparse(A) else np.asarray(A)\n"
                         "    U, s, Vt = np.linalg.svd(M, full_matrices=False)\n    return U[:, :k], s[:k], Vt[:k]"),
                        1, "densifying"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["mistakes3"]
