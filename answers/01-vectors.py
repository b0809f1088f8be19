"""Test data for chapter 01: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # SciPy's cdist (which subtracts first), the line number as a NumPy integer
    "q1-distance-digits": "import scipy.spatial.distance\nfaulty_line = np.int64(5)\n\n\n"
                          "def pairwise_distances(X, Y):\n"
                          "    return scipy.spatial.distance.cdist(np.asarray(X, float), np.asarray(Y, float))\n",
    "q2-normalize": "def normalize(x):\n    x = np.array(x, dtype=float)\n    if not np.any(x):\n"
                    "        raise ValueError('zero vector')\n    return x / np.sqrt(np.sum(x ** 2))\n",
    "q3-project": "def project(u, v):\n    v = np.asarray(v, dtype=float)\n"
                  "    return v * np.dot(u, v) / np.linalg.norm(v) ** 2\n",
    "q4-cosine": "def cosine_similarity_matrix(X):\n    X = np.asarray(X, dtype=float)\n    G = X @ X.T\n"
                 "    n = np.sqrt(np.diag(G))\n    return G / np.outer(n, n)\n",
    # another multiple of the null-space vector, with the opposite sign
    "q5-dependency": "V = sp.Matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]])\nc = sp.Matrix([-3, 6, -3])\n",
    # factored instead of expanded; a set built from solveset
    "q6-parameter": "a = sp.symbols('a', real=True)\ndet_a = -(a - 2) * (a + 2)\n"
                    "dependent_values = set(sp.solveset(det_a, a, domain=sp.S.Reals))\n",
    # every column sign-flipped: still an orthonormal basis with the same nested spans
    "q7-gram-schmidt": "def gram_schmidt(V):\n    V = np.array(V, dtype=float)\n    Q = np.zeros_like(V)\n"
                       "    for j in range(V.shape[1]):\n        w = V[:, j].copy()\n"
                       "        for i in range(j):\n            w -= (Q[:, i] @ w) * Q[:, i]\n"
                       "        Q[:, j] = -w / np.linalg.norm(w)\n    return Q\n",
}, {
    # a double loop over the pairs with math.dist, which is accurate for every pair
    "q1-distance-digits": "import math\nfaulty_line = 5\n\n\ndef pairwise_distances(X, Y):\n"
                          "    return np.array([[math.dist(x, y) for y in Y] for x in X], dtype=float)"
                          ".reshape(len(X), len(Y))\n",
    "q2-normalize": "def normalize(x):\n    n = np.linalg.norm(x)\n    if n == 0:\n"
                    "        raise np.linalg.LinAlgError('zero')\n    return np.array(x) / n\n",
    # a Python loop over pairs: slower, but the result is what is graded
    "q4-cosine": "def cosine_similarity_matrix(X):\n    X = np.asarray(X, dtype=float)\n    n = len(X)\n"
                 "    S = np.empty((n, n))\n    for i in range(n):\n        for j in range(n):\n"
                 "            S[i, j] = X[i] @ X[j] / (np.linalg.norm(X[i]) * np.linalg.norm(X[j]))\n    return S\n",
    "q5-dependency": "c = sp.ImmutableMatrix([sp.Rational(1, 2), -1, sp.Rational(1, 2)])\n",
    # a symbol without real=True, and a loop that leaves the name `a` bound to a number
    "q6-parameter": "b = sp.Symbol('a')\ndet_a = sp.Matrix([[1, b], [b, 4]]).det()\ndependent_values = set()\n"
                    "for a in sp.solve(det_a, b):\n    dependent_values.add(a)\n",
    # the projection matrix v v^T / (v^T v) applied to u
    "q3-project": "def project(u, v):\n    u, v = np.asarray(u, float), np.asarray(v, float)\n"
                  "    return np.outer(v, v) @ u / (v @ v)\n",
    # modified Gram-Schmidt returning a list of lists
    "q7-gram-schmidt": "def gram_schmidt(V):\n    Q = np.array(V, dtype=float)\n    k = Q.shape[1]\n"
                       "    for j in range(k):\n        Q[:, j] /= np.linalg.norm(Q[:, j])\n"
                       "        for i in range(j + 1, k):\n            Q[:, i] -= (Q[:, j] @ Q[:, i]) * Q[:, j]\n"
                       "    return Q.tolist()\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # blames the clamp, which only hides the negative values line 5 produced
        "q1-distance-digits": (("faulty_line = 5", "faulty_line = 6"), 1, "faulty_line does not name"),
        "q2-normalize": (("    if n == 0:\n        raise ValueError(\"cannot normalize the zero vector\")\n", ""), 1,
                         "should raise ValueError"),
        "q3-project": (("(u @ v) / (v @ v) * v", "(u @ v) / np.linalg.norm(v) * v"), 0, "constant factor"),
        "q4-cosine": (("axis=1, keepdims=True", "axis=0, keepdims=True"), 0, "normalize each row"),
        "q5-dependency": (("c = V.nullspace()[0]", "c = sp.zeros(3, 1)"), 1, "zero vector"),
        "q6-parameter": (("dependent_values = set(sp.solve(det_a, a))", "dependent_values = {2.0, -2.0}"), 1,
                         "floating-point"),
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    V = np.asarray(V, dtype=float)\n    return np.linalg.qr(V)[0]\n"), 1,
                            "not allowed"),
    },
    "mistakes2": {
        # blames the squared norms, which are accurate
        "q1-distance-digits": (("faulty_line = 5", "faulty_line = 3"), 1, "faulty_line does not name"),
        # pure Python: the zero vector stops on ZeroDivisionError, not on the ValueError the question asks for
        "q2-normalize": ("def normalize(x):\n    import math\n    n = math.sqrt(sum(float(v) ** 2 for v in x))\n"
                         "    return np.array([float(v) / n for v in x])\n", 1, "should raise ValueError"),
        "q3-project": (("(u @ v) / (v @ v) * v", "(u @ v) * v"), 0, "constant factor"),
        "q5-dependency": (("c = V.nullspace()[0]", "t = sp.Symbol('t')\nc = sp.Matrix([t, -2 * t, t])"), 0,
                          "not symbols"),
        # a determinant that agrees at a = 0, the value the visible test checks
        "q6-parameter": (("det_a = sp.Matrix([[1, a], [a, 4]]).det()", "det_a = 4 - 2 * a"), 1, "p s - q r"),
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    import scipy.linalg\n    return scipy.linalg.qr(V, mode='economic')[0]\n"), 1,
                            "not allowed"),
    },
    # a zero test with a tolerance: a legitimate tiny vector is refused (issue #13)
    "domain": {
        "q2-normalize": (("    if n == 0:", "    if n < 1e-6:"), 1, "only the zero vector has no direction"),
    },
    "mistakes4": {
        # the buggy function kept: the example of the prompt fails
        "q1-distance-digits": ("faulty_line = 5\npairwise_distances = pairwise_distances_gram\n", 0,
                               "far from the origin"),
        "q2-normalize": (("return x / n", "return x / np.sum(np.abs(x))"), 0, "constant factor"),
        "q4-cosine": (("    return Xn @ Xn.T", "    return X @ X.T"), 0, "normalize each row"),
        "q6-parameter": (("det_a = sp.Matrix([[1, a], [a, 4]]).det()", "det_a = a**2 - 4"), 0, "wrong sign"),
        # the list SymPy returns instead of its vector: the hidden test read it as a matrix and gave 2 points
        "q5-dependency": (("c = V.nullspace()[0]", "c = V.nullspace()"), 0, "not a list"),
    },
    "mistakes3": {
        # centering the points first helps far from the origin, but close pairs still lose digits to line 5
        "q1-distance-digits": ("faulty_line = 5\n\n\ndef pairwise_distances(X, Y):\n"
                               "    X, Y = np.asarray(X, float), np.asarray(Y, float)\n"
                               "    c = np.vstack([X, Y]).mean(axis=0)\n"
                               "    return pairwise_distances_gram(X - c, Y - c)\n", 1, "must keep their digits"),
        "q6-parameter": (("dependent_values = set(sp.solve(det_a, a))", "dependent_values = {sp.Integer(2)}"), 1,
                         "missing or extra"),
        # floating-point zeros: SymPy 1.13+ says Float(0.0) != 0, so a structural test took it for non-zero
        "q5-dependency": (("c = V.nullspace()[0]", "c = sp.Matrix([0.0, 0.0, 0.0])"), 0, "zero vector"),
        "q7-gram-schmidt": (("    V = np.asarray(V, dtype=float)\n",
                             "    from numpy.linalg import qr\n    return qr(V)[0]\n"), 1, "not allowed"),
    },
    # an equivalent that no list of names foresaw: Cholesky QR (R from the Gram matrix, Q = V R^-1)
    "synonyms": {
        "q7-gram-schmidt": ("def gram_schmidt(V):\n    V = np.asarray(V, dtype=float)\n"
                            "    R = np.linalg.cholesky(V.T @ V).T\n    return V @ np.linalg.inv(R)\n", 1, "cholesky"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["synonyms"]
