"""Test data for chapter 04: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

_GIVEN_Q6 = '''def fit_weights(X, y):
    X = np.asarray(X, dtype=float)          # 1
    y = np.asarray(y, dtype=float)          # 2
    scale = np.linalg.norm(X, axis=0)       # 3: the length of every column
    Xs = X / scale                          # 4: columns of length 1
    G = Xs.T @ Xs                           # 5
    w = np.linalg.solve(G, Xs.T @ y)        # 6
    return w / scale                        # 7: undo the scaling


'''

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # SciPy's SVD-based null space: another orthonormal basis of the same complement
    "q1-complement": "import scipy.linalg\na1 = np.array([1.0, 2.0, 0.0, 1.0, 0.0])\n"
                     "a2 = np.array([0.0, 1.0, 1.0, -1.0, 1.0])\nC = scipy.linalg.null_space(np.vstack([a1, a2]))\n",
    # the left singular vectors instead of Q, and a list as the result
    "q2-project": "def project_onto_columns(X, y):\n    U, s, Vt = np.linalg.svd(np.asarray(X, dtype=float), "
                  "full_matrices=False)\n    return (U @ (U.T @ np.asarray(y, dtype=float))).tolist()\n",
    "q3-leverage": "def leverage(X):\n    Q = np.linalg.qr(np.asarray(X, dtype=float), mode='reduced')[0]\n"
                   "    return np.einsum('ij,ij->i', Q, Q)\n",
    # the closed forms typed in, and a Python int for the sum
    "q4-hat-matrix": "x1, x2, x3 = sp.symbols('x1 x2 x3', real=True)\nxs = [x1, x2, x3]\nxbar = (x1 + x2 + x3) / 3\n"
                     "S = sum((t - xbar) ** 2 for t in xs)\n"
                     "H3 = sp.Matrix(3, 3, lambda i, j: sp.Rational(1, 3) + (xs[i] - xbar) * (xs[j] - xbar) / S)\n"
                     "h1 = sp.Rational(1, 3) + (x1 - xbar) ** 2 / S\nh_sum = 2\n",
    # other constants in front, a cap at 1 where the basis is gone
    "q5-predict-loss": "def predicted_loss(method, kappa):\n    eps = 2.0 ** -52\n    if method == 'classical':\n"
                       "        return min(1.0, 0.05 * eps * kappa ** 2)\n    elif method == 'modified':\n"
                       "        return 0.2 * eps * kappa\n    return 5 * eps\n",
    # the colleague's equilibration kept, lstsq (SVD) on the scaled columns instead of the normal equations
    "q6-diagnose": _GIVEN_Q6 + "faulty_line = np.int64(5)\n\n\ndef fit_weights_fixed(X, y):\n"
                   "    X = np.asarray(X, dtype=float)\n    scale = np.linalg.norm(X, axis=0)\n"
                   "    w = np.linalg.lstsq(X / scale, np.asarray(y, dtype=float), rcond=None)[0]\n"
                   "    return w / scale\n",
    # the reflections as explicit m x m matrices (slow, but correct), lists as the result
    "q7-householder": "def householder_qr(X):\n    A = np.array(X, dtype=float)\n    m, d = A.shape\n"
                      "    Qf = np.eye(m)\n    for k in range(d):\n        x = A[k:, k]\n"
                      "        alpha = np.linalg.norm(x)\n        if alpha == 0:\n            continue\n"
                      "        v = x.copy()\n        v[0] += alpha if x[0] >= 0 else -alpha\n"
                      "        H = np.eye(m)\n        H[k:, k:] -= 2 * np.outer(v, v) / (v @ v)\n"
                      "        A = H @ A\n        Qf = Qf @ H\n"
                      "    return Qf[:, :d].tolist(), np.triu(A[:d]).tolist()\n",
}, {
    # a rotated and reflected orthonormal basis of the complement
    "q1-complement": "a1 = np.array([1.0, 2.0, 0.0, 1.0, 0.0])\na2 = np.array([0.0, 1.0, 1.0, -1.0, 1.0])\n"
                     "Qf = np.linalg.qr(np.column_stack([a2, a1]), mode='complete')[0]\n"
                     "G = np.linalg.qr(np.array([[1.0, 2, 0], [0, 1, 3], [2, 0, 1]]))[0]\n"
                     "C = -(Qf[:, 2:] @ G)\n",
    # the complete factorization, cut down to the first d columns
    "q2-project": "def project_onto_columns(X, y):\n    X = np.array(X, dtype=float)\n    d = X.shape[1]\n"
                  "    Q = np.linalg.qr(X, mode='complete')[0][:, :d]\n    return Q @ Q.T @ np.array(y, dtype=float)\n",
    "q3-leverage": "def leverage(X):\n    U = np.linalg.svd(np.asarray(X, dtype=float), full_matrices=False)[0]\n"
                   "    return (U * U).sum(axis=1)\n",
    # through the adjugate, unsimplified; the sum cancelled instead of simplified
    "q4-hat-matrix": "x1, x2, x3 = sp.symbols('x1 x2 x3', real=True)\nX3 = sp.Matrix([[1, x1], [1, x2], [1, x3]])\n"
                     "G = X3.T * X3\nH3 = X3 * G.adjugate() * X3.T / G.det()\nh1 = sp.expand(H3[0, 0])\n"
                     "h_sum = sp.cancel(sp.together(H3[0, 0] + H3[1, 1] + H3[2, 2]))\n",
    "q5-predict-loss": "EPS = np.finfo(float).eps\nRULES = {'classical': lambda k: EPS * k * k, "
                       "'modified': lambda k: EPS * k, 'householder': lambda k: EPS}\n\n\n"
                       "def predicted_loss(method, kappa):\n    return RULES[method](kappa)\n",
    # a home-made Householder QR through np.linalg.qr's factors, then back substitution by hand
    "q6-diagnose": _GIVEN_Q6 + "faulty_line = 5\n\n\ndef fit_weights_fixed(X, y):\n"
                   "    Q, R = np.linalg.qr(np.array(X, dtype=float))\n    c = Q.T @ np.array(y, dtype=float)\n"
                   "    d = len(c)\n    w = np.zeros(d)\n    for i in reversed(range(d)):\n"
                   "        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]\n    return w\n",
    # positive diagonal of R by flipping signs, sign(0) handled by hand
    "q7-householder": "def householder_qr(X):\n    R = np.array(X, dtype=float)\n    m, d = R.shape\n"
                      "    Q = np.eye(m)\n    for k in range(d):\n        x = R[k:, k].copy()\n"
                      "        s = 1.0 if x[0] == 0 else np.sign(x[0])\n        x[0] += s * np.linalg.norm(x)\n"
                      "        nx = np.linalg.norm(x)\n        if nx > 0:\n            v = x / nx\n"
                      "            R[k:, :] -= 2 * np.outer(v, v @ R[k:, :])\n"
                      "            Q[:, k:] -= 2 * np.outer(Q[:, k:] @ v, v)\n"
                      "    Q, R = Q[:, :d], np.triu(R[:d])\n    signs = np.where(np.diag(R) < 0, -1.0, 1.0)\n"
                      "    return Q * signs, signs[:, None] * R\n",
}, {
    # SymPy's exact Gram-Schmidt on the exact null-space basis, then floats
    "q1-complement": "a1 = np.array([1.0, 2.0, 0.0, 1.0, 0.0])\na2 = np.array([0.0, 1.0, 1.0, -1.0, 1.0])\n"
                     "N = sp.Matrix([[1, 2, 0, 1, 0], [0, 1, 1, -1, 1]]).nullspace()\n"
                     "C = np.array(sp.Matrix.hstack(*sp.GramSchmidt(N, True)).evalf(), dtype=float)\n",
    # y minus its component in the orthogonal complement, from the complete QR
    "q2-project": "def project_onto_columns(X, y):\n    X = np.asarray(X, dtype=float)\n    y = np.asarray(y, dtype=float)\n"
                  "    Q = np.linalg.qr(X, mode='complete')[0]\n    Q_perp = Q[:, X.shape[1]:]\n"
                  "    return y - Q_perp @ (Q_perp.T @ y)\n",
    # the diagonal of the m x m matrix Q Q^T (wasteful, but right)
    "q3-leverage": "def leverage(X):\n    Q = np.linalg.qr(np.asarray(X, dtype=float))[0]\n    return np.diag(Q @ Q.T).copy()\n",
    # the normal equations solved exactly (LU on the symbolic 2 x 2), factored leverage
    "q4-hat-matrix": "x1, x2, x3 = sp.symbols('x1 x2 x3', real=True)\nX3 = sp.Matrix([[1, x1], [1, x2], [1, x3]])\n"
                     "H3 = X3 * (X3.T * X3).LUsolve(X3.T)\nh1 = sp.factor(H3[0, 0])\n"
                     "h_sum = sp.simplify(sum(H3[i, i] for i in range(3)))\n",
    # the same rates written on a log scale, as NumPy floats
    "q5-predict-loss": "def predicted_loss(method, kappa):\n    slope = {'classical': 2.0, 'modified': 1.0}.get(method, 0.0)\n"
                       "    return np.float64(10.0) ** (slope * np.log10(kappa) + np.log10(np.finfo(float).eps) - 1)\n",
    # an SVD solve after the colleague's equilibration
    "q6-diagnose": _GIVEN_Q6 + "faulty_line = int('5')\n\n\ndef fit_weights_fixed(X, y):\n"
                   "    X = np.asarray(X, dtype=float)\n    scale = np.linalg.norm(X, axis=0)\n"
                   "    U, s, Vt = np.linalg.svd(X / scale, full_matrices=False)\n"
                   "    return (Vt.T @ ((U.T @ np.asarray(y, dtype=float)) / s)) / scale\n",
    # Givens rotations instead of reflections: also exactly orthogonal steps, also stable
    "q7-householder": "def householder_qr(X):\n    R = np.array(X, dtype=float)\n    m, d = R.shape\n    Q = np.eye(m)\n"
                      "    for k in range(d):\n        for i in range(m - 1, k, -1):\n"
                      "            a, b = R[i - 1, k], R[i, k]\n            r = np.hypot(a, b)\n"
                      "            if r == 0:\n                continue\n            c, s = a / r, b / r\n"
                      "            G = np.array([[c, s], [-s, c]])\n            R[[i - 1, i], :] = G @ R[[i - 1, i], :]\n"
                      "            Q[:, [i - 1, i]] = Q[:, [i - 1, i]] @ G.T\n"
                      "    return Q[:, :d], np.triu(R[:d])\n",
}]

_CGS = ("    Q = np.zeros_like(X)\n    for j in range(X.shape[1]):\n"
        "        w = X[:, j] - Q[:, :j] @ (Q[:, :j].T @ X[:, j])\n        Q[:, j] = w / np.linalg.norm(w)\n")
_MGS_QR = ("def householder_qr(X):\n    Q = np.array(X, dtype=float)\n    d = Q.shape[1]\n    R = np.zeros((d, d))\n"
           "    for j in range(d):\n        R[j, j] = np.linalg.norm(Q[:, j])\n        Q[:, j] /= R[j, j]\n"
           "        R[j, j + 1:] = Q[:, j] @ Q[:, j + 1:]\n        Q[:, j + 1:] -= np.outer(Q[:, j], R[j, j + 1:])\n"
           "    return Q, R\n")

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # an exact null-space basis, not normalized
        "q1-complement": (("Q_full, _ = np.linalg.qr(np.column_stack([a1, a2]), mode=\"complete\")\nC = Q_full[:, 2:]",
                           "C = np.array(sp.Matrix([list(a1), list(a2)]).nullspace()[0].T.tolist()\n"
                           "             + sp.Matrix([list(a1), list(a2)]).nullspace()[1].T.tolist()\n"
                           "             + sp.Matrix([list(a1), list(a2)]).nullspace()[2].T.tolist(), dtype=float).T"),
                          0, "unit length"),
        # the projection through the normal equations, hidden in Gram-Schmidt: classical, so it loses orthogonality
        "q2-project": (("    Q, _ = np.linalg.qr(X)\n", _CGS), 1, "nearly dependent"),
        "q3-leverage": (("    Q, _ = np.linalg.qr(np.asarray(X, dtype=float))\n    return np.sum(Q**2, axis=1)",
                         "    X = np.asarray(X, dtype=float)\n"
                         "    return np.einsum('ij,jk,ik->i', X, np.linalg.inv(X.T @ X), X)"), 1, "lost its digits"),
        # forgot the inverse
        "q4-hat-matrix": (("H3 = sp.simplify(X3 * (X3.T * X3).inv() * X3.T)", "H3 = sp.simplify(X3 * (X3.T * X3) * X3.T)"),
                          0, "inverse"),
        # classical and modified swapped
        "q5-predict-loss": (("{\"classical\": 2, \"modified\": 1, \"householder\": 0}",
                             "{\"classical\": 1, \"modified\": 2, \"householder\": 0}"), 1, "factor 1000"),
        # blames the solve, not the product that squared the condition number
        "q6-diagnose": (("faulty_line = 5", "faulty_line = 6"), 1, "information is lost"),
        "q7-householder": (("    A = np.array(X, dtype=float)               # a copy, reduced to R in place\n",
                            "    return np.linalg.qr(np.asarray(X, dtype=float))\n"), 1, "not allowed"),
    },
    "mistakes2": {
        # the first three columns of the full Q: orthonormal, but they contain the plane itself
        "q1-complement": (("C = Q_full[:, 2:]", "C = Q_full[:, :3]"), 1, "not orthogonal to a1 or a2"),
        # the residual instead of the projection
        "q2-project": (("return Q @ (Q.T @ y)", "return y - Q @ (Q.T @ y)"), 0, "not the residual"),
        # the squared row norms of X itself: forgot to orthonormalize
        "q3-leverage": (("    Q, _ = np.linalg.qr(np.asarray(X, dtype=float))\n    return np.sum(Q**2, axis=1)",
                         "    X = np.asarray(X, dtype=float)\n    return np.sum(X**2, axis=1)"), 0, "do not add up"),
        # the trace left unsimplified: a sum of rational functions
        "q4-hat-matrix": (("h_sum = sp.simplify(H3.trace())", "h_sum = H3[0, 0] + H3[1, 1] + H3[2, 2]"), 1,
                          "still contains symbols"),
        # every method predicted at rounding level
        "q5-predict-loss": (("power = {\"classical\": 2, \"modified\": 1, \"householder\": 0}[method]",
                             "power = 0"), 1, "compare the slopes"),
        # the "fix" keeps the normal equations
        "q6-diagnose": (("    Q, R = np.linalg.qr(X)\n    import scipy.linalg\n"
                         "    return scipy.linalg.solve_triangular(R, Q.T @ y)",
                         "    return fit_weights(X, y)"), 1, "avoid squaring"),
        # np.sign(0) = 0: a column starting with 0 is reflected to minus itself
        "q7-householder": (("v[0] += np.copysign(np.linalg.norm(x), x[0])", "v[0] += np.sign(x[0]) * np.linalg.norm(x)"),
                           1, "sign(0)"),
    },
    "mistakes3": {
        # unit columns from the exact basis, but never orthogonalized
        "q1-complement": (("Q_full, _ = np.linalg.qr(np.column_stack([a1, a2]), mode=\"complete\")\nC = Q_full[:, 2:]",
                           "N = np.array(sp.Matrix.hstack(*sp.Matrix([list(a1), list(a2)]).nullspace()), dtype=float)\n"
                           "C = N / np.linalg.norm(N, axis=0)"), 0, "not orthogonal"),
        # a least-squares solver: not allowed here
        "q2-project": (("    Q, _ = np.linalg.qr(X)\n    return Q @ (Q.T @ y)",
                        "    return X @ np.linalg.lstsq(X, y, rcond=None)[0]"), 1, "not allowed"),
        # column sums instead of row sums: one number per feature
        "q3-leverage": (("return np.sum(Q**2, axis=1)", "return np.sum(Q**2, axis=0)"), 0, "one per sample"),
        # the leverage of the second point
        "q4-hat-matrix": (("h1 = H3[0, 0]", "h1 = H3[1, 1]"), 1, "(1, 1) entry"),
        # a logarithm of the loss, not the loss: 0 at kappa = 1
        "q5-predict-loss": (("return float(eps * kappa**power)", "return float(power * np.log10(kappa))"), 0,
                            "positive number"),
        # blames the equilibration
        "q6-diagnose": (("faulty_line = 5", "faulty_line = 4"), 1, "information is lost"),
        # modified Gram-Schmidt: orthogonal only to about eps * kappa
        "q7-householder": (_MGS_QR, 1, "Gram-Schmidt does not"),
    },
    "mistakes4": {
        # a float where an exact number is asked for
        "q4-hat-matrix": (("h_sum = sp.simplify(H3.trace())", "h_sum = 2.0"), 1, "floating-point"),
        # the fix uses classical Gram-Schmidt: its Q is not orthogonal, Q^T y is wrong
        "q6-diagnose": (("    Q, R = np.linalg.qr(X)\n",
                         "    Q = np.zeros_like(X)\n    R = np.zeros((X.shape[1], X.shape[1]))\n"
                         "    for j in range(X.shape[1]):\n        R[:j, j] = Q[:, :j].T @ X[:, j]\n"
                         "        w = X[:, j] - Q[:, :j] @ R[:j, j]\n        R[j, j] = np.linalg.norm(w)\n"
                         "        Q[:, j] = w / R[j, j]\n"), 1, "avoid squaring"),
        # no guard for a column that is already zero: v = 0 is divided by its norm 0
        "q7-householder": (("        if norm_v == 0:                        # nothing below the diagonal to eliminate\n"
                            "            reflectors.append(None)\n            continue\n", ""), 1,
                           "needs no reflection"),
    },
    "mistakes5": {
        # the pseudo-inverse with its default cutoff: columns of lengths 1e8 and 1e-8 look dependent to it
        "q3-leverage": (("    Q, _ = np.linalg.qr(np.asarray(X, dtype=float))\n    return np.sum(Q**2, axis=1)",
                         "    X = np.asarray(X, dtype=float)\n    return np.diag(X @ np.linalg.pinv(X))"), 1,
                        "Scaling a column"),
        # the right order of the methods, the wrong rate: kappa^1.5 stays within a factor 1000, not its growth
        "q5-predict-loss": (("power = {\"classical\": 2, \"modified\": 1, \"householder\": 0}[method]",
                             "power = {\"classical\": 1.5, \"modified\": 1, \"householder\": 0}[method]"), 1,
                            "measured growth"),
        # the full m x m Q (and an m x d R)
        "q7-householder": (("    Q = np.eye(m, d)\n", "    Q = np.eye(m, m)\n"), 0, "reduced"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["mistakes3"]
