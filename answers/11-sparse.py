"""Test data for chapter 11: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

ALTERNATIVES = [{
    # the CSR constructor also takes triplets (and sums duplicates); a csr_matrix instead of a csr_array
    "q1-triplets": "def triplets_to_csr(rows, cols, vals, shape):\n"
                   "    return sps.csr_matrix((vals, (rows, cols)), shape=shape)\n",
    # vectorized: the row of every stored entry, then a weighted bincount
    "q2-matvec": "def csr_matvec(indptr, indices, data, x):\n    indptr = np.asarray(indptr)\n"
                 "    m = len(indptr) - 1\n    row_of = np.repeat(np.arange(m), np.diff(indptr))\n"
                 "    contrib = np.asarray(data, dtype=float) * np.asarray(x, dtype=float)[np.asarray(indices, dtype=int)]\n"
                 "    return np.bincount(row_of, weights=contrib, minlength=m)\n",
    # a loop over the edges collecting COO triplets (duplicates on the diagonal are summed)
    "q3-laplacian": "def grid_laplacian(m, n):\n    r, c, v = [], [], []\n    for i in range(m):\n"
                    "        for j in range(n):\n            p = i * n + j\n"
                    "            for q in ([p + 1] if j + 1 < n else []) + ([p + n] if i + 1 < m else []):\n"
                    "                r += [p, q, p, q]\n                c += [q, p, p, q]\n"
                    "                v += [-1.0, -1.0, 1.0, 1.0]\n"
                    "    return sps.coo_array((v, (r, c)), shape=(m * n, m * n), dtype=float)\n",
    # a sparse direct solver
    "q4-smooth": "def graph_smooth(L, y, lam):\n    A = (sps.identity(L.shape[0]) + lam * L).tocsc()\n"
                 "    return spla.spsolve(A, y)\n",
    # the bound evaluated k by k in plain Python, lambda_max of the path as 4 sin^2((k-1) pi / (2k))
    "q5-cg-iterations": "import math\n\ndef cg_iterations(m, n, lam, tol):\n"
                        "    top = lambda k: 4 * math.sin((k - 1) * math.pi / (2 * k)) ** 2\n"
                        "    kappa = (1 + lam * (top(m) + top(n))) / 1.0\n"
                        "    r = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)\n"
                        "    k = 0\n    while 2 * r**k > tol:\n        k += 1\n    return k\n",
    # the star graph's Laplacian plus the identity, hub first, in CSC; perm as an array, the hub last
    "q6-fill-in": "def fill_in_example(N):\n    W = sps.lil_array((N, N))\n    W[0, 1:] = 1.0\n    W[1:, 0] = 1.0\n"
                  "    W = sps.csr_array(W)\n"
                  "    A = (sps.diags_array(W.sum(axis=1) + 1.0) - W).tocsc()\n"
                  "    return A, np.r_[1:N, 0]\n",
    # NumPy's mean and std (ddof=0), the line number as a NumPy integer
    "q7-standardize": "faulty_line = np.int64(7)\n\ndef standardize_fixed(X_train, X_test):\n"
                      "    X_train = np.asarray(X_train, dtype=float)\n"
                      "    return (np.asarray(X_test, dtype=float) - X_train.mean(axis=0)) / X_train.std(axis=0)\n",
}, {
    # CSR arrays built by hand: sort by (row, column), merge duplicates, count entries per row
    "q1-triplets": "def triplets_to_csr(rows, cols, vals, shape):\n    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)\n"
                   "    vals = np.asarray(vals, dtype=float)\n    key = rows * shape[1] + cols\n"
                   "    uniq, inverse = np.unique(key, return_inverse=True)\n"
                   "    data = np.zeros(len(uniq))\n    np.add.at(data, inverse, vals)\n"
                   "    r, c = uniq // shape[1], uniq % shape[1]\n"
                   "    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=shape[0]))])\n"
                   "    return sps.csr_array((data, c, indptr), shape=shape)\n",
    # scatter-add of every entry into its row
    "q2-matvec": "def csr_matvec(indptr, indices, data, x):\n    x = np.asarray(x, dtype=float)\n"
                 "    y = np.zeros(len(indptr) - 1)\n"
                 "    rows = np.repeat(np.arange(len(y)), np.diff(np.asarray(indptr)))\n"
                 "    np.add.at(y, rows, np.asarray(data) * x[np.asarray(indices, dtype=int)])\n    return y\n",
    # Kronecker sum of path Laplacians, returned in CSC format
    "q3-laplacian": "def grid_laplacian(m, n):\n    def path(k):\n        d = np.full(k, 2.0)\n"
                    "        d[[0, -1]] = 1.0\n        if k == 1:\n            d[:] = 0.0\n"
                    "        return sps.diags_array([-np.ones(k - 1), d, -np.ones(k - 1)], offsets=[-1, 0, 1], shape=(k, k))\n"
                    "    return (sps.kron(sps.eye_array(m), path(n)) + sps.kron(path(m), sps.eye_array(n))).tocsc()\n",
    # CG on a LinearOperator, never forming I + lam L
    "q4-smooth": "def graph_smooth(L, y, lam):\n    N = L.shape[0]\n"
                 "    op = spla.LinearOperator((N, N), matvec=lambda v: v + lam * (L @ v), dtype=float)\n"
                 "    x, info = spla.cg(op, y, rtol=1e-12, maxiter=50 * N)\n    return x\n",
    # the closed form, with log1p for log(1/r) and kappa = 1 handled first; a Python int
    "q5-cg-iterations": "def cg_iterations(m, n, lam, tol):\n"
                        "    lmax = sum(2 - 2 * np.cos((k - 1) * np.pi / k) for k in (m, n))\n"
                        "    kappa = 1 + lam * lmax\n    if kappa == 1:\n        return 1\n"
                        "    s = np.sqrt(kappa)\n"
                        "    return max(0, int(np.ceil(np.log(2 / tol) / np.log1p(2 / (s - 1)))))\n",
    # another valid object: the star plus ONE triangle edge between leaves 1 and 2 (exactly 3N non-zeros),
    # random weights, a DOK matrix; the other leaves first, then the triangle
    "q6-fill-in": "def fill_in_example(N):\n    rng = np.random.default_rng(N)\n    A = sps.dok_array((N, N))\n"
                  "    edges = [(0, j) for j in range(1, N)] + ([(1, 2)] if N >= 3 else [])\n"
                  "    for i, j in edges:\n        w = -rng.uniform(0.5, 2.0)\n        A[i, j] = A[j, i] = w\n"
                  "        A[i, i] += -w + 0.1\n        A[j, j] += -w + 0.1\n"
                  "    perm = list(range(3, N)) + [v for v in (1, 2) if v < N] + [0]\n    return A, perm\n",
    # shift by the first row: then the one-pass formula is safe
    "q7-standardize": "faulty_line = 7\n\ndef standardize_fixed(X_train, X_test):\n"
                      "    X_train = np.array(X_train, dtype=float)\n    shift = X_train[0].copy()\n"
                      "    D = X_train - shift\n    m = D.mean(axis=0)\n"
                      "    sd = np.sqrt((D * D).mean(axis=0) - m * m)\n"
                      "    return (np.asarray(X_test, dtype=float) - shift - m) / sd\n",
}, {
    # a DOK matrix filled entry by entry (sparse all along), converted to CSR
    "q1-triplets": "def triplets_to_csr(rows, cols, vals, shape):\n    A = sps.dok_array(shape)\n"
                   "    for r, c, v in zip(rows, cols, vals):\n        A[int(r), int(c)] += v\n    return A.tocsr()\n",
    # pure Python, returning a list
    "q2-matvec": "def csr_matvec(indptr, indices, data, x):\n    y = []\n    for i in range(len(indptr) - 1):\n"
                 "        y.append(sum(data[k] * x[indices[k]] for k in range(indptr[i], indptr[i + 1])))\n"
                 "    return y\n",
    # a LIL matrix filled neighbour by neighbour, returned as LIL
    "q3-laplacian": "def grid_laplacian(m, n):\n    L = sps.lil_array((m * n, m * n))\n    for i in range(m):\n"
                    "        for j in range(n):\n            p = i * n + j\n"
                    "            for a, b in ((i, j + 1), (i + 1, j), (i, j - 1), (i - 1, j)):\n"
                    "                if 0 <= a < m and 0 <= b < n:\n"
                    "                    L[p, a * n + b] = -1\n                    L[p, p] += 1\n    return L\n",
    # CG with exactly the requested tolerance, the old sps.identity
    "q4-smooth": "def graph_smooth(L, y, lam):\n    A = sps.identity(L.shape[0]) + lam * L\n"
                 "    x, info = spla.cg(A, y, rtol=1e-8)\n    return x\n",
    # Welford's update over the rows, one column at a time, in plain Python
    "q7-standardize": "faulty_line = 7\n\ndef standardize_fixed(X_train, X_test):\n"
                      "    rows = [list(map(float, r)) for r in X_train]\n    d = len(rows[0])\n"
                      "    means, stds = [], []\n    for j in range(d):\n        mean, M = 0.0, 0.0\n"
                      "        for k, r in enumerate(rows, start=1):\n            delta = r[j] - mean\n"
                      "            mean += delta / k\n            M += delta * (r[j] - mean)\n"
                      "        means.append(mean)\n        stds.append((M / len(rows)) ** 0.5)\n"
                      "    return (np.asarray(X_test, dtype=float) - np.array(means)) / np.array(stds)\n",
}]

MISTAKES = {
    "mistakes": {
        # the shape is inferred from the largest indices: empty last rows and columns disappear
        "q1-triplets": ((", shape=shape)", ")"), 1, "pass the shape on"),
        "q2-matvec": (("range(indptr[i], indptr[i + 1])", "range(indptr[i], indptr[i + 1] - 1)"), 0,
                      "up to indptr[i+1] excluded"),
        # column-major numbering p = j*m + i
        "q3-laplacian": (("sps.kron(sps.eye_array(m), path_adjacency(n)) + sps.kron(path_adjacency(m), sps.eye_array(n))",
                          "sps.kron(path_adjacency(n), sps.eye_array(m)) + sps.kron(sps.eye_array(n), path_adjacency(m))"),
                         0, "row-major"),
        # CG with its default rtol = 1e-5
        "q4-smooth": (("rtol=1e-10, atol=0.0, maxiter=20 * L.shape[0]", ""), 1, "rtol"),
        # lambda_max(L) = 8 for every grid: right only in the limit of large grids
        "q5-cg-iterations": (("kappa = 1 + lam * (path_max(m) + path_max(n))", "kappa = 1 + 8 * lam"), 0,
                             "right for this grid"),
        # the arrow points at the last unknown: no fill-in at all in the given order
        "q6-fill-in": ("def fill_in_example(N):\n    A = sps.lil_array((N, N))\n    A.setdiag(float(N))\n"
                       "    A[N - 1, :N - 1] = 1.0\n    A[:N - 1, N - 1] = 1.0\n    return A.tocsr(), list(range(N))[::-1]\n",
                       0, "complete fill-in"),
        # the line where the nan appears
        "q7-standardize": (("faulty_line = 7", "faulty_line = 8"), 1, "where the damage shows"),
    },
    "mistakes2": {
        # a dense intermediate: fine for 3 x 3, impossible for 10^6 x 10^6
        "q1-triplets": ("def triplets_to_csr(rows, cols, vals, shape):\n    D = np.zeros(shape)\n"
                        "    np.add.at(D, (np.asarray(rows), np.asarray(cols)), vals)\n    return sps.csr_array(D)\n",
                        1, "dense"),
        # one output entry per column instead of per row
        "q2-matvec": (("y = np.zeros(m)", "y = np.zeros(len(x))"), 1, "one entry per row"),
        # the Dirichlet (finite-difference) matrix: 2 on the whole diagonal
        "q3-laplacian": ("def grid_laplacian(m, n):\n"
                         "    Lm = sps.diags_array([-np.ones(m - 1), 2 * np.ones(m), -np.ones(m - 1)], offsets=[-1, 0, 1], shape=(m, m))\n"
                         "    Ln = sps.diags_array([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], offsets=[-1, 0, 1], shape=(n, n))\n"
                         "    return sps.kron(sps.eye_array(m), Ln) + sps.kron(Lm, sps.eye_array(n))\n", 0, "row sums"),
        # forgot the identity: L x = y is singular
        "q4-smooth": (("sps.eye_array(L.shape[0], format=\"csr\") + lam * sps.csr_array(L)", "lam * sps.csr_array(L)"),
                      0, "solve (I + lam L) x = y"),
        # the lecture's estimate 1/2 sqrt(kappa) ln(2/tol) instead of the smallest k (right by chance at 3 x 4)
        "q5-cg-iterations": (("return int(np.ceil(np.log(tol / 2) / np.log(rate)))",
                              "return int(np.ceil(0.5 * np.sqrt(kappa) * np.log(2 / tol)))"), 1, "not an estimate"),
        # no reordering: the fill-in stays
        "q6-fill-in": (("perm = list(range(1, N)) + [0]", "perm = list(range(N))"), 1, "with your perm"),
        # the line that computes the mean (correct)
        "q7-standardize": (("faulty_line = 7", "faulty_line = 6"), 1, "computes what it should"),
    },
    "mistakes3": {
        "q1-triplets": (("return A.tocsr()", "return A"), 1, "CSR"),
        "q2-matvec": ("def csr_matvec(indptr, indices, data, x):\n"
                      "    A = sps.csr_array((data, indices, indptr), shape=(len(indptr) - 1, len(x)))\n"
                      "    return A @ np.asarray(x, dtype=float)\n", 1, "not allowed"),
        # W - D: the negative of the Laplacian
        "q3-laplacian": (("return (sps.diags_array(W.sum(axis=1)) - W).tocsr()",
                          "return (W - sps.diags_array(W.sum(axis=1))).tocsr()"), 0, "wrong sign"),
        "q4-smooth": ("def graph_smooth(L, y, lam):\n    A = np.eye(L.shape[0]) + lam * L.toarray()\n"
                      "    return np.linalg.solve(A, y)\n", 1, "not allowed"),
        # the closed form alone: log(0) at kappa = 1 gives k = 0
        "q5-cg-iterations": (("    if rate == 0:                          # kappa = 1: the bound 2 * 0**k drops to 0 at k = 1\n"
                              "        return 1\n", ""), 1, "kappa = 1"),
        # a fixed diagonal 3: positive definite only while N - 1 < 9
        "q6-fill-in": (("np.full(N, float(N))", "np.full(N, 3.0)"), 1, "not positive definite"),
        # the sample standard deviation
        "q7-standardize": (("std = np.sqrt(((X_train - mean) ** 2).mean(axis=0))", "std = X_train.std(axis=0, ddof=1)"),
                           0, "not n - 1"),
    },
    "mistakes4": {
        # lam forgotten: always solves (I + L) x = y (right only for lam = 1, the visible example)
        "q4-smooth": (("+ lam * sps.csr_array(L)", "+ sps.csr_array(L)"), 1, "solve (I + lam L) x = y"),
        # a dict keeps the last value at a repeated position
        "q1-triplets": ("def triplets_to_csr(rows, cols, vals, shape):\n    entries = {}\n"
                        "    for r, c, v in zip(rows, cols, vals):\n        entries[(int(r), int(c))] = float(v)\n"
                        "    keys = list(entries)\n    r = np.array([k[0] for k in keys], dtype=int)\n"
                        "    c = np.array([k[1] for k in keys], dtype=int)\n"
                        "    return sps.coo_array((np.array(list(entries.values()), dtype=float), (r, c)), shape=shape).tocsr()\n",
                        0, "none overwritten"),
        # np.add.reduceat mishandles empty rows
        "q2-matvec": ("def csr_matvec(indptr, indices, data, x):\n    x = np.asarray(x, dtype=float)\n"
                      "    prod = np.asarray(data) * x[np.asarray(indices)]\n"
                      "    return np.add.reduceat(prod, np.asarray(indptr)[:-1])\n", 1, "empty row"),
        "q3-laplacian": (("return (sps.diags_array(W.sum(axis=1)) - W).tocsr()",
                          "return (sps.diags_array(W.sum(axis=1)) - W).toarray()"), 1, "not a dense array"),
        # rounded down
        "q5-cg-iterations": (("np.ceil", "np.floor"), 0, "round k up"),
        # complete fill-in from a dense matrix: far more than 3N non-zeros
        "q6-fill-in": ("def fill_in_example(N):\n    A = sps.csr_array(np.ones((N, N)) + N * np.eye(N))\n"
                       "    return A, list(range(N))\n", 0, "more than 3N"),
        # the statistics of X_test (right when X_test is X_train, as in the visible test)
        "q7-standardize": (("mean = X_train.mean(axis=0)\n    std = np.sqrt(((X_train - mean) ** 2).mean(axis=0))",
                            "mean = X_test.mean(axis=0)\n    std = np.sqrt(((X_test - mean) ** 2).mean(axis=0))"),
                           1, "columns of X_train"),
    },
    "mistakes5": {
        # the factor 2 of the bound dropped: k comes out too small
        "q5-cg-iterations": (("np.log(tol / 2)", "np.log(tol)"), 0, "factor 2"),
        # a dense array
        "q6-fill-in": (("return A, perm", "return A.toarray(), perm"), 0, "SciPy sparse matrix"),
        # the absolute value hides the negative variance, not the cancellation
        "q7-standardize": (("std = np.sqrt(((X_train - mean) ** 2).mean(axis=0))",
                            "std = np.sqrt(np.abs((X_train**2).mean(axis=0) - mean**2))"), 0, "nearly equal"),
    },
    # equivalents that no list of names foresaw, and a sparse argument changed in place
    "synonyms": {
        "q2-matvec": ("def csr_matvec(indptr, indices, data, x):\n    x = np.asarray(x, dtype=float)\n"
                      "    m = len(indptr) - 1\n    A = sps.lil_array((m, len(x)))\n    for i in range(m):\n"
                      "        for k in range(indptr[i], indptr[i + 1]):\n            A[i, indices[k]] = data[k]\n"
                      "    return A @ x\n", 1, "a SciPy sparse constructor"),
        "q4-smooth": ("def graph_smooth(L, y, lam):\n    L.data = L.data * lam\n"
                      "    A = sps.eye_array(L.shape[0], format='csr') + sps.csr_array(L)\n"
                      "    x, info = spla.cg(A, np.asarray(y, dtype=float), rtol=1e-10, atol=0.0, maxiter=20 * L.shape[0])\n"
                      "    return x\n", 1, "changed L or y"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms"]
