"""Test data for chapter 05: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

# Valid answers in another form than the reference, three notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # edges as rows (det E = det E^T), slogdet, k! as a product
    "q1-simplex-volume": "def simplex_volume(P):\n    P = np.array(P, dtype=float)\n    E = P[1:] - P[0]\n"
                         "    sign, logdet = np.linalg.slogdet(E)\n"
                         "    return sign * sign * np.exp(logdet) / np.prod(np.arange(1, len(E) + 1))\n",
    # plain Python lists, the determinant accumulated pivot by pivot
    "q2-det-gauss": "def det_gauss(A):\n    U = [[float(x) for x in row] for row in A]\n    n = len(U)\n    det = 1.0\n"
                    "    for k in range(n):\n        p = max(range(k, n), key=lambda i: abs(U[i][k]))\n"
                    "        if U[p][k] == 0:\n            return 0.0\n        if p != k:\n"
                    "            U[k], U[p] = U[p], U[k]\n            det = -det\n        det *= U[k][k]\n"
                    "        for i in range(k + 1, n):\n            f = U[i][k] / U[k][k]\n"
                    "            for j in range(k, n):\n                U[i][j] -= f * U[k][j]\n    return det\n",
    # one generator expression
    "q3-det-cofactor": "def det_cofactor(A):\n    if len(A) == 1:\n        return A[0][0]\n"
                       "    return sum((-1) ** j * a * det_cofactor([r[:j] + r[j + 1:] for r in A[1:]])\n"
                       "               for j, a in enumerate(A[0]))\n",
    # factored by hand; solveset over the reals; the rank from the null space
    "q5-singular-parameter": "t = sp.symbols('t', real=True)\nA_t = sp.Matrix([[t, 1, 1], [1, t, 1], [1, 1, t]])\n"
                             "det_t = (t - 1)**2 * (t + 2)\n"
                             "singular_t = set(sp.solveset(det_t, t, domain=sp.S.Reals))\n"
                             "rank_at = {v: 3 - len(A_t.subs(t, v).nullspace()) for v in singular_t}\n",
    # expanded, and the bound written as 1 / (1 - n)
    "q4-equicorrelation": "a, b = sp.symbols('a b', real=True)\nn = sp.Symbol('n', integer=True, positive=True)\n"
                          "det_E = a**n + n * b * a**(n - 1)\nrho_min = 1 / (1 - n)\n",
    # Cholesky with slogdet of the factor instead of the product; the faulty line as a NumPy integer
    "q6-diagnose": "faulty_line = np.int32(5)\n\n\ndef gaussian_loglik(X, mu, Sigma):\n"
                   "    D = np.asarray(X, dtype=float) - mu\n    n, d = D.shape\n    sign, logdet = np.linalg.slogdet(Sigma)\n"
                   "    quad = np.sum(D * np.linalg.solve(Sigma, D.T).T)\n"
                   "    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad))\n",
    # a loop over the layers with det (each layer's det is a moderate number)
    "q7-stack-slogdet": "def stack_slogdet(Ws):\n    sign, total = 1.0, 0.0\n    for W in Ws:\n"
                        "        d = np.linalg.det(W)\n        if d == 0:\n            return 0.0, -np.inf\n"
                        "        sign *= np.sign(d)\n        total += np.log(abs(d))\n    return sign, total\n",
}, {
    # the Gram determinant sqrt(det(E E^T)), which also works for simplices in higher-dimensional space
    "q1-simplex-volume": "def simplex_volume(P):\n    E = np.asarray(P, dtype=float)\n    E = E[1:] - E[0]\n"
                         "    return math.sqrt(max(np.linalg.det(E @ E.T), 0.0)) / math.factorial(E.shape[0])\n",
    # row operations written with explicit multipliers, a running sign kept as an int
    "q2-det-gauss": "def det_gauss(A):\n    U = np.copy(np.asarray(A)).astype(float)\n    n = len(U)\n    swaps = 0\n"
                    "    for k in range(n - 1):\n        p = np.abs(U[k:, k]).argmax() + k\n"
                    "        if U[p, k] == 0:\n            return 0.0\n        if p != k:\n"
                    "            U[[k, p], :] = U[[p, k], :]\n            swaps += 1\n"
                    "        for i in range(k + 1, n):\n            U[i, k:] = U[i, k:] - U[i, k] / U[k, k] * U[k, k:]\n"
                    "    return (-1) ** swaps * np.prod(U.diagonal())\n",
    # expansion along the last row, with the checkerboard sign (-1)**(i + j)
    "q3-det-cofactor": "def det_cofactor(A):\n    n = len(A)\n    if n == 1:\n        return A[0][0]\n"
                       "    i = n - 1\n    total = 0\n    for j in range(n):\n"
                       "        minor = [list(row[:j]) + list(row[j + 1:]) for row in A[:i]]\n"
                       "        total += (-1) ** (i + j) * A[i][j] * det_cofactor(minor)\n    return total\n",
    # singular where t = -(an eigenvalue of the off-diagonal part J - I)
    "q5-singular-parameter": "t = sp.Symbol('t')\nA_t = sp.Matrix([[t, 1, 1], [1, t, 1], [1, 1, t]])\n"
                             "det_t = sp.expand(A_t.det())\n"
                             "singular_t = {-ev for ev in (sp.ones(3, 3) - sp.eye(3)).eigenvals()}\n"
                             "rank_at = {}\nfor v in singular_t:\n    rank_at[v] = int(A_t.subs(t, v).rank())\n",
    # the student's own symbols without assumptions, the factors in another order and with Rational(-1)
    "q4-equicorrelation": "a, b, n = sp.symbols('a b n')\n"
                          "det_E = (b * n + a) * a**(n - 1)\nrho_min = sp.Rational(-1) / (n - 1)\n",
    # SciPy's own density (it uses an eigendecomposition, never a product of many factors)
    "q6-diagnose": "import scipy.stats\n\nfaulty_line = 5\n\n\ndef gaussian_loglik(X, mu, Sigma):\n"
                   "    return np.sum(scipy.stats.multivariate_normal(mu, Sigma).logpdf(np.asarray(X, dtype=float)))\n",
    # LU factors of each layer: the signs from the pivots, the log|det| from the diagonal
    "q7-stack-slogdet": "def stack_slogdet(Ws):\n    sign, total = 1.0, 0.0\n    for W in Ws:\n"
                        "        lu, piv = scipy.linalg.lu_factor(W)\n        u = np.diag(lu)\n"
                        "        if np.any(u == 0):\n            return 0.0, -np.inf\n"
                        "        sign *= (-1) ** np.sum(piv != np.arange(len(piv))) * np.prod(np.sign(u))\n"
                        "        total += np.sum(np.log(np.abs(u)))\n    return float(sign), float(total)\n",}, {
    # pure Python on the corners, no array conversion of P
    "q1-simplex-volume": "def simplex_volume(P):\n    k = len(P[0])\n"
                         "    E = [[P[i][j] - P[0][j] for j in range(k)] for i in range(1, k + 1)]\n"
                         "    return abs(np.linalg.det(E)) / math.factorial(k)\n",
    # column operations on A (det A^T = det A): eliminate in the transpose
    "q2-det-gauss": "def det_gauss(A):\n    U = np.array(A, dtype=float).T.copy()\n    n = len(U)\n    s = 1.0\n"
                    "    for k in range(n):\n        p = k + np.argmax(abs(U[k:, k]))\n        if U[p, k] == 0:\n"
                    "            return 0.0\n        if p != k:\n            U[[p, k]] = U[[k, p]]\n            s = -s\n"
                    "        U[k+1:] -= np.outer(U[k+1:, k] / U[k, k], U[k])\n    return s * np.prod(np.diag(U))\n",
    # SymPy minors: a Fraction matrix gives an exact SymPy Rational, an int matrix a SymPy Integer
    "q3-det-cofactor": "def det_cofactor(A):\n    M = sp.Matrix(A)\n    if M.rows == 1:\n        return M[0, 0]\n"
                       "    return sum(((-1) ** j * M[0, j] * det_cofactor(M.minor_submatrix(0, j).tolist())\n"
                       "                for j in range(M.rows)), sp.Integer(0))\n",
    # solveset's FiniteSet as it is; Python ints as keys
    "q5-singular-parameter": "t = sp.symbols('t', real=True)\nA_t = sp.Matrix([[t, 1, 1], [1, t, 1], [1, 1, t]])\n"
                             "det_t = sp.factor(A_t.det())\nsingular_t = sp.solveset(det_t, t)\n"
                             "rank_at = {int(v): A_t.subs(t, v).rank() for v in singular_t}\n",
    # the eigenvalue form: the product of the n eigenvalues of a I + b 1 1^T, written with sp.Mul
    "q4-equicorrelation": "a, b = sp.symbols('a b', real=True)\nn = sp.Symbol('n', integer=True, positive=True)\n"
                          "lam_1, lam_rest = a + n * b, a\ndet_E = sp.Mul(lam_1, sp.Pow(lam_rest, n - 1))\n"
                          "rho_min = sp.solve(sp.Eq(1 + (n - 1) * sp.Symbol('r'), 0), sp.Symbol('r'))[0]\n",
    # one sample at a time, log|det| from the eigenvalues
    "q6-diagnose": "faulty_line = 5\n\n\ndef gaussian_loglik(X, mu, Sigma):\n"
                   "    ev = np.linalg.eigvalsh(Sigma)\n    ld = np.sum(np.log(ev))\n    total = 0.0\n"
                   "    for x in np.asarray(X, dtype=float):\n        dx = x - mu\n"
                   "        total -= 0.5 * (len(x) * np.log(2 * np.pi) + ld + dx @ np.linalg.solve(Sigma, dx))\n"
                   "    return total\n",
    # an int sign, a list as the pair
    "q7-stack-slogdet": "def stack_slogdet(Ws):\n    s, l = 1, 0.0\n    for W in Ws:\n"
                        "        a, b = np.linalg.slogdet(W)\n        s, l = s * int(a), l + b\n    return [s, l]\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        "q1-simplex-volume": (("float(abs(np.linalg.det(edges))", "float((np.linalg.det(edges))"), 1, "negative"),
        "q2-det-gauss": (("            sign = -sign\n", ""), 0, "wrong sign"),
        "q3-det-cofactor": (("(-1) ** j * ", ""), 0, "alternate"),
        "q5-singular-parameter": (("singular_t = set(sp.solve(det_t, t))", "singular_t = set(np.roots([1, 0, -3, 2]))"),
                                  1, "floating-point"),
        # form the product of the layers, then take its slogdet
        "q7-stack-slogdet": ("def stack_slogdet(Ws):\n    P = np.eye(len(Ws[0]))\n    for W in Ws:\n        P = W @ P\n"
                             "    sign, logdet = np.linalg.slogdet(P)\n    return float(sign), float(logdet)\n",
                             1, "product rule"),
        # a pattern read off from n = 2 only: wrong for n = 1 and from n = 3 on
        "q4-equicorrelation": (("det_E = a**(n - 1) * (a + n * b)", "det_E = (a + b)**n - b**n"), 1, "must hold for every n"),
        # the Cholesky factorization blamed
        "q6-diagnose": (("faulty_line = 5 ", "faulty_line = 3 "), 1, "faulty_line"),
    },
    "mistakes2": {
        "q1-simplex-volume": (("math.factorial(k)", "k"), 1, "factorial"),
        "q2-det-gauss": ("def det_gauss(A):\n    return float(np.linalg.det(np.array(A, dtype=float)))\n", 1, "not allowed"),
        # NumPy floats instead of exact arithmetic
        "q3-det-cofactor": ("def det_cofactor(A):\n    A = np.array(A, dtype=float)\n    n = len(A)\n    if n == 1:\n"
                            "        return A[0, 0]\n    return sum((-1) ** j * A[0, j] * det_cofactor(np.delete(A[1:], j, axis=1))"
                            " for j in range(n))\n", 0, "exact"),
        # the multiplicities instead of the roots
        "q5-singular-parameter": (("set(sp.solve(det_t, t))", "set(sp.roots(det_t, t).values())"), 1, "missing or extra"),
        "q7-stack-slogdet": (("return float(np.prod(signs)), float(np.sum(logdets))", "return 1.0, float(np.sum(logdets))"),
                             0, "sign"),
        # a correlation is at least -1, but not every matrix of correlations -1 is valid
        "q4-equicorrelation": (("rho_min = -1 / (n - 1)", "rho_min = sp.Integer(-1)"), 1, "negative eigenvalue"),
        # the given function kept as the fix
        "q6-diagnose": ("faulty_line = 5\n\n\ndef gaussian_loglik(X, mu, Sigma):\n"
                        "    return gaussian_loglik_given(X, mu, Sigma)\n", 1, "overflows or underflows"),
    },
    "mistakes3": {
        "q1-simplex-volume": (("/ math.factorial(k)", ""), 0, "parallelepiped"),
        # pivot only when the pivot is exactly zero (the first non-zero row), no partial pivoting
        "q2-det-gauss": (("p = k + int(np.argmax(np.abs(U[k:, k])))", "p = k + int(np.argmax(U[k:, k] != 0))"),
                         1, "pivot"),
        "q3-det-cofactor": (("    if n == 1:\n        return A[0][0]\n",
                             "    if n == 2:\n        return A[0][0] * A[1][1] - A[0][1] * A[1][0]\n"), 1, "1 x 1"),
        "q5-singular-parameter": (("rank_at = {value: A_t.subs(t, value).rank() for value in singular_t}",
                                   "rank_at = {value: 2 for value in singular_t}"), 1, "rank"),
        # the product of the layers' determinants overflows
        "q7-stack-slogdet": ("def stack_slogdet(Ws):\n    total = np.prod([np.linalg.det(W) for W in Ws])\n"
                             "    return float(np.sign(total)), float(np.log(abs(total)))\n", 1, "product rule"),
        # factored out a: undefined at a = 0
        "q4-equicorrelation": (("det_E = a**(n - 1) * (a + n * b)", "det_E = a**n * (1 + n * b / a)"), 1, "a = 0"),
        # np.log(np.linalg.det(...)): the same overflow, one step earlier
        "q6-diagnose": (("    logdet = 2 * np.sum(np.log(np.diag(L)))", "    logdet = np.log(np.linalg.det(Sigma))"), 1,
                        "overflows or underflows"),
    },
    "mistakes4": {
        "q1-simplex-volume": (("edges = (P[1:] - P[0]).T", "edges = P[1:].T"), 1, "edge vectors"),
        # no singular check: divides by a zero pivot
        "q2-det-gauss": (("        if U[p, k] == 0.0:\n            return 0.0\n", ""), 1, "singular"),
        "q3-det-cofactor": ("def det_cofactor(A):\n    n = len(A)\n    if n == 1:\n        return A[0][0]\n    total = 0\n"
                            "    for j in range(n):\n        minor = [row[:j] + row[j + 1:] for row in A[1:]]\n"
                            "        total = total + (-1) ** j * A[0][j] * np.linalg.det(np.array(minor, dtype=float))\n"
                            "    return total\n", 0, "not allowed"),
        "q5-singular-parameter": (("singular_t = set(sp.solve(det_t, t))", "singular_t = sp.solve(det_t, t)"), 0, "set"),
        # the boundary of the positive definite 2x2 case only
        "q4-equicorrelation": (("rho_min = -1 / (n - 1)", "rho_min = -1 / n"), 1, "not the smallest"),
        # the average instead of the sum
        "q6-diagnose": (("    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad))",
                         "    return float(-0.5 * (n * d * np.log(2 * np.pi) + n * logdet + quad)) / n"), 0, "return the sum"),
    },
    "mistakes5": {
        # a list of lists used as if it were an array (P[1:] - P[0] fails for lists)
        "q1-simplex-volume": ("def simplex_volume(P):\n"
                              "    return abs(np.linalg.det(P[1:] - P[0])) / math.factorial(len(P[0]))\n", 0, "list"),
        # the largest value instead of the largest absolute value as the pivot
        "q2-det-gauss": (("np.argmax(np.abs(U[k:, k]))", "np.argmax(U[k:, k])"), 1, "absolute value"),
        # a library determinant of each minor in another library
        "q3-det-cofactor": (("* det_cofactor(minor)", "* sp.Matrix(minor).det()"), 1, "not allowed"),
        # an off-by-one in the exponent: wrong already at n = 1
        "q4-equicorrelation": (("det_E = a**(n - 1) * (a + n * b)", "det_E = a**n * (a + n * b)"), 0, "n = 2"),
    },
    # equivalents that no list of names foresaw
    "synonyms": {
        # the product of the eigenvalues is a library determinant too
        "q2-det-gauss": ("def det_gauss(A):\n    return float(np.prod(np.linalg.eigvals(np.array(A, dtype=float))).real)\n",
                         1, "eigenvalue routine"),
    },
    "synonyms2": {
        # a library QR in raw mode: the diagonal of R, and a sign for each Householder reflection (tau != 0)
        "q2-det-gauss": ("def det_gauss(A):\n    h, tau = np.linalg.qr(np.array(A, dtype=float), mode='raw')\n"
                         "    return float(np.prod(np.diag(h)) * (-1) ** np.count_nonzero(tau))\n", 1, "factorization"),
        # SymPy's exact LU factorization: the determinant from U's diagonal and the row swaps
        "q3-det-cofactor": ("def det_cofactor(A):\n    L, U, perm = sp.Matrix(A).LUdecomposition()\n"
                            "    d = (-1) ** len(perm)\n    for i in range(len(A)):\n        d = d * U[i, i]\n"
                            "    return d\n", 1, "factorization"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms", "synonyms2"]
