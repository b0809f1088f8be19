"""Test data for chapter 09: valid answers in unusual forms, and classic mistakes.

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
    # sinc(t) = sin(pi t) / (pi t) handles x = 0 by itself
    # sin(h)/h first, then squared: no cancellation, no underflow of x**2
    "q5-cancellation": "def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n    h = x / 2\n"
                       "    ratio = np.ones_like(h)\n    np.divide(np.sin(h), h, out=ratio, where=(h != 0))\n"
                       "    return 0.5 * ratio * ratio\n",
    # Welford's one-pass update in plain Python
    "q6-variance": "def stable_variance(x):\n    values = [float(v) for v in x]\n    if not values:\n"
                   "        raise ValueError('empty')\n    mean, M = 0.0, 0.0\n"
                   "    for k, v in enumerate(values, start=1):\n        d = v - mean\n        mean += d / k\n"
                   "        M += d * (v - mean)\n    return M / len(values)\n",
    # 1-based formula, the first column of the inverse, row sums by hand
    "q7-exact": "n = 6\nH6 = sp.Matrix([[sp.Rational(1, i + j - 1) for j in range(1, 7)] for i in range(1, 7)])\n"
                "Hinv = H6.inv()\nx_exact = Hinv[:, 0]\n"
                "rowsum = lambda M: max(sum(abs(M[i, j]) for j in range(M.cols)) for i in range(M.rows))\n"
                "kappa_inf = rowsum(H6) * rowsum(Hinv)\n",
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
    # a Taylor series near 0, the half-angle formula elsewhere
    "q5-cancellation": "def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                       "    small = np.abs(x) < 1e-2\n    xs = np.where(small, 1.0, x)\n"
                       "    taylor = 0.5 - x**2 / 24 + x**4 / 720 - x**6 / 40320\n"
                       "    return np.where(small, taylor, 2 * np.sin(xs / 2) ** 2 / xs**2)\n",
    # the shifted-data formula: subtract any data value first, then E[d^2] - E[d]^2 is safe
    "q6-variance": "def stable_variance(x):\n    x = np.array(x, dtype=float)\n    if len(x) == 0:\n"
                   "        raise ValueError('empty')\n    d = x - x[0]\n    return np.mean(d * d) - np.mean(d) ** 2\n",
    "q7-exact": "n = 6\nH6 = sp.Matrix(n, n, lambda i, j: sp.S(1) / (i + j + 1))\n"
                "x_exact = sp.ImmutableMatrix(H6.solve(sp.eye(6)[:, 0]))\n"
                "kappa_inf = sp.Integer(29070279)\n",
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
    # np.divide with where=, a Python float for a scalar
    # one value at a time with math.sin
    "q5-cancellation": "import math\n\ndef one_minus_cos_over_x2(x):\n    def f(v):\n"
                       "        return 0.5 if v == 0 else 0.5 * (math.sin(v / 2) / (v / 2)) ** 2\n"
                       "    out = np.vectorize(f, otypes=[float])(np.asarray(x, dtype=float))\n"
                       "    return float(out) if out.ndim == 0 else out\n",
    # two passes in plain Python
    "q6-variance": "def stable_variance(x):\n    if len(x) == 0:\n        raise ValueError('empty')\n"
                   "    m = sum(x) / len(x)\n    return sum((v - m) ** 2 for v in x) / len(x)\n",
    # the first column of the inverse, the norm by hand, kappa as a Python int
    "q7-exact": "n = 6\nH6 = sp.Matrix(n, n, lambda i, j: sp.Rational(1, i + j + 1))\nx_exact = H6.inv()[:, 0]\n"
                "norm_inf = lambda M: max(sum(abs(M[i, j]) for j in range(M.cols)) for i in range(M.rows))\n"
                "kappa_inf = int(norm_inf(H6) * norm_inf(H6.inv()))\n",
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
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                            "    safe = np.where(x == 0, 1.0, x)\n"
                            "    return np.where(x == 0, 0.5, (1 - np.cos(x)) / safe**2)\n", 1, "catastrophic cancellation"),
        "q6-variance": (("return float(np.mean((x - mean) ** 2))", "return float(np.mean(x**2) - mean**2)"), 1,
                        "catastrophic cancellation"),
        "q7-exact": (("x_exact = H6.LUsolve(e1)",
                      "x_exact = sp.Matrix(np.linalg.solve(np.array(H6, dtype=float), np.array(e1, dtype=float)))"),
                     0, "floating-point"),
    },
    "mistakes2": {
        # a dense intermediate: fine for 3 x 3, impossible for 10^7 x 10^7
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
        # the direct formula: nan at x = 0
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                            "    return (1 - np.cos(x)) / x**2\n", 1, "x = 0"),
        # the sample variance
        "q6-variance": (("return float(np.mean((x - mean) ** 2))", "return float(np.sum((x - mean) ** 2) / (len(x) - 1))"),
                        0, "not n - 1"),
        # 1/(i + j + 2): the 1-based formula 1/(i + j - 1) shifted the wrong way
        "q7-exact": (("sp.Rational(1, i + j + 1)", "sp.Rational(1, i + j + 2)"), 1, "1/(i + j + 1)"),
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
        # the Taylor polynomial everywhere
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                            "    return 0.5 - x**2 / 24\n", 0, "moderate and large"),
        "q6-variance": (("mean = np.mean(x)\n    return float(np.mean((x - mean) ** 2))", "return float(np.var(x))"),
                        1, "not allowed"),
        # the largest entry instead of the largest row sum
        "q7-exact": (("kappa_inf = H6.norm(sp.oo) * H6.inv().norm(sp.oo)",
                      "kappa_inf = max(abs(v) for v in H6) * max(abs(v) for v in H6.inv())"), 1, "row sum"),
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
        # 2 sin^2(h) / h^2 with h = x/2 (the denominator should be x^2 = 4 h^2): four times too large
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                            "    h = np.where(x == 0, 1.0, x / 2)\n"
                            "    return np.where(x == 0, 0.5, 2 * np.sin(h) ** 2 / h**2)\n", 0, "constant factor"),
    },
    # equivalents that no list of names foresaw, and a sparse argument changed in place
    # "for every real x" (issue #13): answers the old hidden tests took for right
    "domain": {
        # sinc of x / (2 pi): the rounding of x / (2 pi) is amplified near multiples of 2 pi and for huge x
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    return 0.5 * np.sinc(np.asarray(x, dtype=float) / (2 * np.pi)) ** 2\n",
                            1, "for every real x"),
    },
    "domain2": {
        # x**2 underflows to 0 for |x| < 1e-154: 0/0 there
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n    out = np.full_like(x, 0.5)\n"
                            "    np.divide(2 * np.sin(x / 2) ** 2, x**2, out=out, where=(x != 0))\n"
                            "    return float(out) if out.ndim == 0 else out\n", 1, "every sign and magnitude"),
    },
    "domain3": {
        # a Taylor switch that leaves the cancellation of 1 - cos x near multiples of 2 pi
        "q5-cancellation": ("def one_minus_cos_over_x2(x):\n    x = np.asarray(x, dtype=float)\n"
                            "    small = np.abs(x) < 0.1\n    safe = np.where(small, 1.0, x)\n"
                            "    taylor = 0.5 - x**2 / 24 + x**4 / 720 - x**6 / 40320\n"
                            "    return np.where(small, taylor, (1 - np.cos(safe)) / safe**2)\n",
                            1, "near multiples of pi"),
    },
    "synonyms": {
        "q2-matvec": ("def csr_matvec(indptr, indices, data, x):\n    x = np.asarray(x, dtype=float)\n"
                      "    m = len(indptr) - 1\n    A = sps.lil_array((m, len(x)))\n    for i in range(m):\n"
                      "        for k in range(indptr[i], indptr[i + 1]):\n            A[i, indices[k]] = data[k]\n"
                      "    return A @ x\n", 1, "a SciPy sparse constructor"),
        "q4-smooth": ("def graph_smooth(L, y, lam):\n    L.data = L.data * lam\n"
                      "    A = sps.eye_array(L.shape[0], format='csr') + sps.csr_array(L)\n"
                      "    x, info = spla.cg(A, np.asarray(y, dtype=float), rtol=1e-10, atol=0.0, maxiter=20 * L.shape[0])\n"
                      "    return x\n", 1, "changed L or y"),
        "q6-variance": ("def stable_variance(x):\n    x = np.asarray(x, dtype=float)\n    if x.size == 0:\n"
                        "        raise ValueError('empty')\n    return float(x.std() ** 2)\n", 1, "a variance from NumPy"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms"]
