"""Test data for chapter 06: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

SHEAR = "a = sp.symbols(\"a\", positive=True)\nA_shear = sp.Matrix([[1, a], [0, 1]])\n"

# Valid answers in another form than the reference, three notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # stop when the direction stops changing (up to sign), another start vector, eigenvalue at the end,
    # and the eigenvector returned with the opposite sign
    "q1-power-iteration": "def power_iteration(A, num_iters=1000, tol=1e-10):\n"
                          "    A = np.array(A, dtype=float)\n"
                          "    x = np.random.default_rng(123).standard_normal(len(A))\n"
                          "    x = x / np.linalg.norm(x)\n"
                          "    for _ in range(num_iters):\n"
                          "        y = A @ x\n"
                          "        y = y / np.linalg.norm(y)\n"
                          "        done = min(np.linalg.norm(y - x), np.linalg.norm(y + x)) < tol\n"
                          "        x = y\n"
                          "        if done:\n"
                          "            break\n"
                          "    return x @ A @ x, -x\n",
    # a loop that follows the worst case (a start vector in the span of q_1 and q_2) step by step
    "q2-power-steps": "def power_steps(ratio, tol, tan0=1.0):\n    k, t = 0, tan0\n    while t > tol:\n"
                      "        t *= ratio\n        k += 1\n    return k\n",
    # the closed form, and sigma_2 = 1 / sigma_1 because sigma_1 sigma_2 = |det A| = 1
    "q3-shear-singular-values": SHEAR + "G = sp.Matrix([[1, a], [a, a**2 + 1]])\n"
                                "sigma_1 = (a + sp.sqrt(a**2 + 4)) / 2\nsigma_2 = 1 / sigma_1\n",
    # the other Gram matrix: eigenvectors of A A^T give U (for m <= n), then V^T = Sigma^-1 U^T A;
    # a tall matrix goes through its transpose; one pair of singular vectors sign-flipped
    "q4-svd-via-eigh": "def svd_via_eigh(A):\n    A = np.array(A, dtype=float)\n    m, n = A.shape\n"
                       "    if m > n:\n        U2, s, Vt2 = svd_via_eigh(A.T)\n        return Vt2.T, s, U2.T\n"
                       "    lam, U = np.linalg.eigh(A @ A.T)\n    order = np.argsort(lam)[::-1]\n"
                       "    lam, U = lam[order], U[:, order]\n    s = np.sqrt(lam)\n"
                       "    Vt = (U.T @ A) / s[:, None]\n    U[:, 0] *= -1\n    Vt[0] *= -1\n"
                       "    return U, s, Vt\n",
    # a Householder reflection that maps e_1 to -+u/||u|| (the stable sign), and V = the first r columns of I
    "q5-prescribed-svd": "def matrix_with(s, u, n):\n    s = np.array(s, dtype=float)\n    u = np.array(u, dtype=float)\n"
                         "    m, r = u.size, s.size\n    w = u / np.linalg.norm(u)\n"
                         "    w[0] += np.copysign(1.0, w[0])\n"
                         "    H = np.eye(m) - 2 * np.outer(w, w) / (w @ w)\n"
                         "    A = np.zeros((m, n))\n    A[:, :r] = H[:, :r] * s\n    return A\n",
    # sigma^2 as the eigenvalues of the smaller Gram matrix; searchsorted for the rank
    "q6-energy": "def energy_ratios(A):\n    A = np.asarray(A, dtype=float)\n"
                 "    M = A.T @ A if A.shape[0] >= A.shape[1] else A @ A.T\n"
                 "    lam = np.clip(np.linalg.eigvalsh(M)[::-1], 0, None)\n    return np.cumsum(lam) / lam.sum()\n\n\n"
                 "def rank_for_energy(A, fraction):\n    E = energy_ratios(A)\n"
                 "    return int(np.searchsorted(E, fraction)) + 1\n",
    # a loop over the terms of the full SVD
    "q7-min-norm": "def min_norm_solution(A, b, rtol=1e-10):\n    A = np.array(A, dtype=float)\n"
                   "    b = np.array(b, dtype=float)\n    U, s, Vt = np.linalg.svd(A)\n"
                   "    x = np.zeros(A.shape[1])\n    for i, sigma in enumerate(s):\n"
                   "        if sigma > rtol * s[0]:\n            x += (U[:, i] @ b) / sigma * Vt[i]\n    return x\n",
}, {
    # a while loop, a residual test relative to the Frobenius norm of A, and the eigenvalue as
    # sign(Rayleigh quotient) * ||A v||
    "q1-power-iteration": "def power_iteration(A, num_iters=1000, tol=1e-10):\n    A = np.asarray(A, dtype=float)\n"
                          "    rng = np.random.default_rng(7)\n    v = rng.normal(size=A.shape[0])\n"
                          "    v /= np.linalg.norm(v)\n    scale = np.linalg.norm(A)\n    k = 0\n"
                          "    while True:\n        Av = A @ v\n"
                          "        lam = np.sign(v @ Av) * np.linalg.norm(Av)\n"
                          "        k += 1\n"
                          "        if np.linalg.norm(Av - lam * v) <= 1e-12 * scale or k >= num_iters:\n"
                          "            return lam, v\n"
                          "        v = Av / np.linalg.norm(Av)\n",
    # base-10 logarithms of the inverse quantities, an np.int64 result
    "q2-power-steps": "def power_steps(ratio, tol, tan0=1.0):\n    if tan0 <= tol:\n        return 0\n"
                      "    if ratio == 0:\n        return 1\n"
                      "    return np.int64(np.ceil(np.log10(tan0 / tol) / np.log10(1 / ratio)))\n",
    # roots of the characteristic polynomial, ordered by their value at a = 2; A^T A with @
    "q3-shear-singular-values": SHEAR + "G = A_shear.T @ A_shear\nt = sp.Symbol('t')\n"
                                "roots = sp.solve(sp.det(G - t * sp.eye(2)), t)\n"
                                "big = max(roots, key=lambda r: float(r.subs(a, 2)))\n"
                                "small = min(roots, key=lambda r: float(r.subs(a, 2)))\n"
                                "sigma_1, sigma_2 = sp.sqrt(big), sp.sqrt(small)\n",
    # sigma_i as the length of A v_i (more accurate than sqrt of the eigenvalue), u_i by normalizing
    "q4-svd-via-eigh": "def svd_via_eigh(A):\n    A = np.asarray(A, dtype=float)\n"
                       "    if A.shape[0] < A.shape[1]:\n        U, s, Vt = svd_via_eigh(A.T)\n"
                       "        return Vt.T, s, U.T\n"
                       "    lam, V = np.linalg.eigh(A.T @ A)\n    V = V[:, np.argsort(lam)[::-1]]\n"
                       "    AV = A @ V\n    s = np.linalg.norm(AV, axis=0)\n    return AV / s, s, V.T\n",
    # -u/||u|| completed by scipy's null_space, the right singular vectors the last columns of I, in reverse
    "q5-prescribed-svd": "import scipy.linalg\n\n\ndef matrix_with(s, u, n):\n"
                         "    s = np.asarray(s, dtype=float)\n    u = np.asarray(u, dtype=float).ravel()\n"
                         "    uh = -u / np.linalg.norm(u)\n    rest = scipy.linalg.null_space(uh[None, :])\n"
                         "    U = np.column_stack([uh, rest])[:, :len(s)]\n    V = np.eye(n)[:, ::-1][:, :len(s)]\n"
                         "    return U @ np.diag(s) @ V.T\n",
    # plain Python loops and a list
    "q6-energy": "def energy_ratios(A):\n    s = np.linalg.svd(A, compute_uv=False)\n"
                 "    total = sum(x * x for x in s)\n    out, run = [], 0.0\n    for x in s:\n"
                 "        run += x * x\n        out.append(run / total)\n    return out\n\n\n"
                 "def rank_for_energy(A, fraction):\n    for k, e in enumerate(energy_ratios(A), start=1):\n"
                 "        if e >= fraction:\n            return k\n",
    # np.divide with a mask instead of indexing
    "q7-min-norm": "def min_norm_solution(A, b, rtol=1e-10):\n"
                   "    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)\n"
                   "    keep = s > rtol * s[0]\n"
                   "    c = np.divide(U.T @ np.asarray(b, dtype=float), s, out=np.zeros_like(s), where=keep)\n"
                   "    return Vt.T @ c\n",
}, {
    # a uniform (all positive) random start, Rayleigh quotient divided by v.v, no float() on lam
    "q1-power-iteration": "def power_iteration(A, num_iters=1000, tol=1e-10):\n    A = np.array(A, dtype=float)\n"
                          "    v = np.random.default_rng(3).random(A.shape[0])\n    v = v / np.linalg.norm(v)\n"
                          "    for _ in range(num_iters):\n        Av = A.dot(v)\n        lam = v.dot(Av) / v.dot(v)\n"
                          "        if np.linalg.norm(Av - lam * v) <= tol * abs(lam):\n            break\n"
                          "        v = Av / np.linalg.norm(Av)\n    return lam, v\n",
    # the defining inequality tested for k = 0, 1, 2, ... (0 ** 0 == 1 covers ratio = 0)
    "q2-power-steps": "def power_steps(ratio, tol, tan0=1.0):\n    k = 0\n"
                      "    while ratio ** k * tan0 > tol:\n        k += 1\n    return k\n",
    # SymPy's own singular_values (largest first), G with .transpose()
    "q3-shear-singular-values": SHEAR + "G = A_shear.transpose() * A_shear\n"
                                "sigma_1, sigma_2 = A_shear.singular_values()\n",
    # no transpose trick for a wide matrix: keep only the r largest eigenpairs of A^T A
    "q4-svd-via-eigh": "def svd_via_eigh(A):\n    A = np.asarray(A, dtype=float)\n    r = min(A.shape)\n"
                       "    lam, V = np.linalg.eigh(A.T @ A)\n    idx = np.argsort(lam)[::-1][:r]\n"
                       "    s = np.sqrt(lam[idx])\n    V = V[:, idx]\n    return A @ V / s, s, V.T\n",
    # Gram-Schmidt of u against the coordinate axes, and a sum of rank-one terms sigma_i u_i v_i^T
    "q5-prescribed-svd": "def matrix_with(s, u, n):\n    s = list(s)\n    u = np.array(u, dtype=float)\n"
                         "    basis = [u / np.linalg.norm(u)]\n    for e in np.eye(len(u)):\n"
                         "        if len(basis) == len(s):\n            break\n"
                         "        w = e - sum((b @ e) * b for b in basis)\n"
                         "        if np.linalg.norm(w) > 1e-6:\n            basis.append(w / np.linalg.norm(w))\n"
                         "    V, _ = np.linalg.qr(np.random.default_rng(42).standard_normal((n, len(s))))\n"
                         "    A = np.zeros((len(u), n))\n    for sigma, b, v in zip(s, basis, V.T):\n"
                         "        A += sigma * np.outer(b, v)\n    return A\n",
    # the Frobenius norm as the total, np.nonzero for the rank (an np.int64)
    "q6-energy": "def energy_ratios(A):\n    s = np.linalg.svd(A)[1]\n    return np.cumsum(s**2) / np.linalg.norm(A) ** 2\n\n\n"
                 "def rank_for_energy(A, fraction):\n    return np.nonzero(energy_ratios(A) >= fraction)[0][0] + 1\n",
    # np.where on the inverted singular values (the zero matrix divides by zero, then discards it)
    "q7-min-norm": "def min_norm_solution(A, b, rtol=1e-10):\n    U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                   "    with np.errstate(divide=\"ignore\"):\n        inv = np.where(s > rtol * s.max(), 1 / s, 0.0)\n"
                   "    return Vt.T @ (inv * (U.T @ b))\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # a fixed start vector that is orthogonal to the dominant eigenvector of one test matrix
        "q1-power-iteration": (("v = np.random.default_rng(0).normal(size=A.shape[0])", "v = np.ones(A.shape[0])"),
                               1, "start vector"),
        # tan0 ignored: the count for a start vector at 45 degrees
        "q2-power-steps": (("math.log(tol / tan0)", "math.log(tol)"), 1, "ignores tan0"),
        # the eigenvalues of A^T A instead of their square roots
        "q3-shear-singular-values": (("sigma_1, sigma_2 = [sp.sqrt(e) for e in _lams]", "sigma_1, sigma_2 = _lams"),
                                     1, "square roots"),
        "q4-svd-via-eigh": ("def svd_via_eigh(A):\n    return np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)\n",
                            1, "not allowed"),
        # u not normalized: the first column of U has length ||u||
        "q5-prescribed-svd": (("    V, _ = np.linalg.qr(", "    U[:, 0] = u\n    V, _ = np.linalg.qr("), 0, "unit"),
        # singular values instead of their squares
        "q6-energy": (("np.cumsum(s**2) / np.sum(s**2)", "np.cumsum(s) / np.sum(s)"), 0, "squared singular values"),
        # no cutoff: divides by singular values that are zero up to rounding
        "q7-min-norm": (("keep = s > rtol * s.max()", "keep = s >= 0"), 1, "tiny singular values"),
    },
    "mistakes2": {
        # the eigenvalue as a norm, which loses the sign of a negative dominant eigenvalue
        "q1-power-iteration": (("lam = v @ w", "lam = np.linalg.norm(w)"), 1, "wrong sign"),
        # the rate of the Rayleigh quotient, ratio^2, instead of the rate of the vector
        "q2-power-steps": (("/ math.log(ratio)", "/ (2 * math.log(ratio))"), 0, "is too small"),
        # the eigenvalues of A itself (1, 1) taken as singular values
        "q3-shear-singular-values": (SHEAR + "G = A_shear.T * A_shear\nsigma_1 = sigma_2 = list(A_shear.eigenvals())[0]\n",
                                     1, "not its eigenvalues"),
        # V instead of V^T
        "q4-svd-via-eigh": (("return U, s, V.T", "return U, s, V"), 0, "V transposed"),
        # the other columns of U are random unit vectors, not orthogonal to u or to each other
        "q5-prescribed-svd": ("def matrix_with(s, u, n):\n    s = np.asarray(s, dtype=float)\n"
                              "    u = np.asarray(u, dtype=float)\n    m, r = len(u), len(s)\n"
                              "    rng = np.random.default_rng(0)\n"
                              "    U = np.column_stack([u / np.linalg.norm(u), rng.normal(size=(m, r - 1))])\n"
                              "    U = U / np.linalg.norm(U, axis=0)\n    V, _ = np.linalg.qr(rng.normal(size=(n, r)))\n"
                              "    return (U * s) @ V.T\n", 0, "orthonormal"),
        # a 0-based index instead of a count
        "q6-energy": (("return int(np.argmax(E >= fraction)) + 1", "return int(np.argmax(E >= fraction))"), 0,
                      "one too small"),
        "q7-min-norm": ("def min_norm_solution(A, b, rtol=1e-10):\n"
                        "    return np.linalg.pinv(A, rtol=rtol) @ np.asarray(b, dtype=float)\n", 1, "not allowed"),
    },
    "mistakes3": {
        "q1-power-iteration": ("def power_iteration(A, num_iters=1000, tol=1e-10):\n"
                               "    values, vectors = np.linalg.eigh(np.asarray(A, dtype=float))\n"
                               "    i = np.argmax(np.abs(values))\n    return float(values[i]), vectors[:, i]\n",
                               1, "not allowed"),
        # int() truncates: one step short whenever the solution is not a whole number
        "q2-power-steps": (("max(1, math.ceil(", "max(1, int("), 0, "is too small"),
        # A A^T instead of A^T A (same singular values, wrong G)
        "q3-shear-singular-values": (("G = A_shear.T * A_shear", "G = A_shear * A_shear.T"), 1, "transpose on the left"),
        # no special case for a wide matrix
        "q4-svd-via-eigh": (("    if m < n:\n        U, s, Vt = svd_via_eigh(A.T)\n        return Vt.T, s, U.T\n", ""),
                            1, "wide"),
        # the textbook reflection with w = u/||u|| - e_1, which divides 0 by 0 when u points along e_1
        "q5-prescribed-svd": ("def matrix_with(s, u, n):\n    s = np.asarray(s, dtype=float)\n"
                              "    u = np.asarray(u, dtype=float)\n    m, r = len(u), len(s)\n"
                              "    w = u / np.linalg.norm(u) - np.eye(m)[0]\n"
                              "    with np.errstate(invalid=\"ignore\"):\n"
                              "        H = np.eye(m) - 2 * np.outer(w, w) / (w @ w)\n"
                              "    A = np.zeros((m, n))\n    A[:, :r] = H[:, :r] * s\n    return A\n", 1, "NaN"),
        # an absolute cutoff instead of a relative one
        "q7-min-norm": (("keep = s > rtol * s.max()", "keep = s > rtol"), 1, "relative"),
    },
    "mistakes4": {
        # stops when the eigenvalue estimate settles, which happens long before v is an eigenvector
        "q1-power-iteration": ("def power_iteration(A, num_iters=1000, tol=1e-10):\n    A = np.array(A, dtype=float)\n"
                               "    v = np.random.default_rng(0).normal(size=len(A))\n    v /= np.linalg.norm(v)\n"
                               "    lam = v @ A @ v\n    for _ in range(num_iters):\n        w = A @ v\n"
                               "        v = w / np.linalg.norm(w)\n        new = v @ A @ v\n"
                               "        done = abs(new - lam) <= tol * abs(new)\n        lam = new\n"
                               "        if done:\n            break\n    return float(lam), v\n",
                               1, "relative to |lam|"),
        # np.log(0) = -inf: ratio = 0 gives 0 steps instead of 1
        "q2-power-steps": ("def power_steps(ratio, tol, tan0=1.0):\n    if tan0 <= tol:\n        return 0\n"
                           "    with np.errstate(divide=\"ignore\"):\n"
                           "        return int(np.ceil(np.log(tol / tan0) / np.log(ratio)))\n", 1, "rank one"),
        # the square roots taken in the wrong order
        "q3-shear-singular-values": (("reverse=True", "reverse=False"), 1, "swapped"),
        # each singular vector made "unique" (first entry positive), but U and V separately
        "q4-svd-via-eigh": (("    return U, s, V.T\n", "    U = U * np.where(U[0] < 0, -1.0, 1.0)\n"
                             "    V = V * np.where(V[0] < 0, -1.0, 1.0)\n    return U, s, V.T\n"), 1, "do not match"),
        # s in increasing order: u gets the smallest singular value
        "q5-prescribed-svd": (("return (U * s) @ V.T", "return (U * s[::-1]) @ V.T"), 0, "smaller singular value"),
        # a float instead of an int
        "q6-energy": (("return int(np.argmax(E >= fraction)) + 1", "return float(np.argmax(E >= fraction) + 1)"), 1,
                      "should return an int"),
        # the number of terms from np.linalg.matrix_rank (its own tolerance) instead of the rtol cutoff
        "q7-min-norm": (("keep = s > rtol * s.max()", "keep = np.arange(s.size) < np.linalg.matrix_rank(A)"), 1,
                        "far too large"),
    },
    "mistakes5": {
        # no early exit when the start vector already meets the tolerance: one step too many
        "q2-power-steps": (("    if tan0 <= tol:\n        return 0\n", ""), 1, "already meets"),
        # all min(m, n) singular values non-zero: s padded with half its last entry, so the rank is too high
        "q5-prescribed-svd": ("def matrix_with(s, u, n):\n    s = np.asarray(s, dtype=float)\n"
                              "    u = np.asarray(u, dtype=float)\n    m, p = len(u), min(len(u), n)\n"
                              "    s = np.r_[s, np.full(p - len(s), s[-1] / 2)]\n"
                              "    U, _ = np.linalg.qr(np.column_stack([u, np.eye(m)]))\n"
                              "    V, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(n, p)))\n"
                              "    return (U[:, :p] * s) @ V.T\n", 1, "its rank should be 1"),
    },
    # rtol clamped to at least 1e-8: right at the default and for larger rtol, wrong for a smaller one (issue #13)
    "domain": {
        "q7-min-norm": (("keep = s > rtol * s.max()", "keep = s > max(rtol, 1e-8) * s.max()"), 1,
                        "use the rtol that is passed"),
    },
    # equivalents that no list of names foresaw: the rule is judged by what runs
    "synonyms": {
        "q1-power-iteration": ("def power_iteration(A, num_iters=1000, tol=1e-10):\n    import scipy.linalg\n"
                               "    A = np.asarray(A, dtype=float)\n    T, Z = scipy.linalg.schur(A)\n"
                               "    i = int(np.argmax(np.abs(np.diag(T))))\n    return float(T[i, i]), Z[:, i]\n",
                               1, "eigendecomposition routine"),
        "q7-min-norm": ("def min_norm_solution(A, b, rtol=1e-10):\n    import scipy.sparse.linalg\n"
                        "    A = np.asarray(A, dtype=float)\n"
                        "    return scipy.sparse.linalg.lsqr(A, np.asarray(b, dtype=float), atol=1e-14, btol=1e-14)[0]\n",
                        1, "a function from scipy.sparse.linalg"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["synonyms"]
