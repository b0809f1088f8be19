"""Test data for chapter 03: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # column-oriented forward substitution, overwriting a float copy of b
    "q1-forward": "def forward_substitution(L, b):\n    L = np.array(L, dtype=float)\n"
                  "    x = np.array(b, dtype=float)\n    for j in range(len(x)):\n        x[j] /= L[j, j]\n"
                  "        x[j + 1:] -= L[j + 1:, j] * x[j]\n    return x\n",
    # plain Python loops on the given objects; LinAlgError is a ValueError
    "q2-back": "def back_substitution(U, b):\n    n = len(b)\n    for i in range(n):\n        if U[i][i] == 0:\n"
               "            raise np.linalg.LinAlgError('singular triangular matrix')\n    x = [0.0] * n\n"
               "    for i in reversed(range(n)):\n        s = float(b[i])\n        for j in range(i + 1, n):\n"
               "            s -= U[i][j] * x[j]\n        x[i] = s / U[i][i]\n    return np.array(x)\n",
    # Doolittle's formulas: row i of U and column i of L from dot products
    "q3-lu": "def lu_nopivot(A):\n    A = np.asarray(A, dtype=float)\n    n = len(A)\n    L, U = np.eye(n), np.zeros((n, n))\n"
             "    for i in range(n):\n        U[i, i:] = A[i, i:] - L[i, :i] @ U[:i, i:]\n        if i < n - 1:\n"
             "            if U[i, i] == 0:\n                raise ValueError('zero pivot')\n"
             "            L[i + 1:, i] = (A[i + 1:, i] - L[i + 1:, :i] @ U[:i, i]) / U[i, i]\n    return L, U\n",
    # a functools.partial instead of a closure
    "q4-solver": "import functools\n\n\ndef make_solver(A):\n"
                 "    return functools.partial(scipy.linalg.lu_solve, scipy.linalg.lu_factor(A))\n",
    # a fitted rule: one digit more than the rule of thumb (kappa * eps is a worst case), with max/min
    "q5-digits": "import math\n\n\ndef correct_digits(kappa, method):\n"
                 "    power = {'solve': 1, 'normal': 2}[method]\n"
                 "    return max(0.0, min(16.0, 17 - power * math.log10(kappa)))\n",
    # a rotated diagonal matrix: singular values 2000 and 1/2000, b and db along the rotated axes, as lists
    "q6-det-one": "c, s = np.cos(0.5), np.sin(0.5)\nQ = np.array([[c, -s], [s, c]])\n"
                  "A_ill = (Q @ np.diag([2000.0, 1 / 2000.0]) @ Q.T).tolist()\n"
                  "b_ill = list(3.0 * Q[:, 0])\ndb_ill = list(3e-7 * Q[:, 1])\n",
    # np.linalg.lstsq on the design matrix, faulty_line as a NumPy integer
    "q7-diagnose": "faulty_line = np.int64(4)\n\n\ndef fit_regression_fixed(X, y):\n"
                   "    X = np.asarray(X, dtype=float)\n    Z = np.column_stack([np.ones(len(X)), X])\n"
                   "    theta = np.linalg.lstsq(Z, np.asarray(y, dtype=float), rcond=None)[0]\n"
                   "    return theta[0], theta[1:]\n",
}, {
    # a Python list and generator sums
    "q1-forward": "def forward_substitution(L, b):\n    x = []\n    for i in range(len(b)):\n"
                  "        s = sum(L[i][j] * x[j] for j in range(i))\n        x.append((b[i] - s) / L[i][i])\n"
                  "    return np.array(x, dtype=float)\n",
    # flip rows and columns: U[::-1, ::-1] is lower triangular, then forward substitution
    "q2-back": "def back_substitution(U, b):\n    R = np.asarray(U, dtype=float)[::-1, ::-1]\n"
               "    c = np.asarray(b, dtype=float)[::-1]\n    if not np.all(np.diag(R)):\n"
               "        raise ValueError('zero on the diagonal')\n    y = np.zeros(len(c))\n"
               "    for i in range(len(c)):\n        y[i] = (c[i] - R[i, :i] @ y[:i]) / R[i, i]\n"
               "    return y[::-1].copy()\n",
    # rank-one updates on whole rows, returned as nested lists
    "q3-lu": "def lu_nopivot(A):\n    U = np.array(A, dtype=float)\n    n = len(U)\n    L = np.eye(n)\n"
             "    for k in range(n - 1):\n        if U[k, k] == 0:\n            raise ValueError('zero pivot')\n"
             "        L[k + 1:, k] = U[k + 1:, k] / U[k, k]\n        U[k + 1:, :] -= np.outer(L[k + 1:, k], U[k, :])\n"
             "    return L.tolist(), U.tolist()\n",
    # scipy.linalg.lu with SciPy's convention A = P L U, then two triangular solves
    "q4-solver": "def make_solver(A):\n    P, L, U = scipy.linalg.lu(np.array(A, dtype=float))\n\n    def solve(b):\n"
                 "        y = scipy.linalg.solve_triangular(L, P.T @ np.asarray(b, dtype=float), lower=True,\n"
                 "                                          unit_diagonal=True)\n"
                 "        return scipy.linalg.solve_triangular(U, y)\n\n    return solve\n",
    # from the machine epsilon: -log10(eps * kappa^p), clipped with np.clip
    "q5-digits": "def correct_digits(kappa, method):\n    eps = np.finfo(float).eps\n"
                 "    p = 2.0 if method == 'normal' else 1.0\n"
                 "    return float(np.clip(-np.log10(eps * float(kappa) ** p), 0.0, 16.0))\n",
    # an integer matrix with a huge entry and no SVD: b and db from the eigenvectors of A A^T
    "q6-det-one": "A_ill = [[10001, 10000], [1, 1]]\n"
                  "vals, vecs = np.linalg.eigh(np.array(A_ill, dtype=float) @ np.array(A_ill, dtype=float).T)\n"
                  "b_ill = vecs[:, 1]\ndb_ill = 1e-7 * vecs[:, 0]\n",
    # centre the data: the slope from lstsq on centred columns, the intercept from the means; a float line number
    "q7-diagnose": "faulty_line = 4.0\n\n\ndef fit_regression_fixed(X, y):\n    X = np.asarray(X, dtype=float)\n"
                   "    y = np.asarray(y, dtype=float)\n    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
                   "    w = scipy.linalg.lstsq(X - x_mean, y - y_mean)[0]\n"
                   "    return y_mean - x_mean @ w, w\n",
}]

_Q1_ZEROS_LIKE = ("def forward_substitution(L, b):\n    L = np.asarray(L)\n    b = np.asarray(b)\n"
                  "    x = np.zeros_like(b)\n    for i in range(len(b)):\n"
                  "        x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]\n    return x\n")
_Q1_IN_PLACE = ("def forward_substitution(L, b):\n    L = np.asarray(L, dtype=float)\n    x = np.asarray(b, dtype=float)\n"
                "    for i in range(len(x)):\n        x[i] = (x[i] - L[i, :i] @ x[:i]) / L[i, i]\n    return x\n")
_Q3_DIAGONAL_ONLY = ("def lu_nopivot(A):\n    U = np.array(A, dtype=float)\n    n = U.shape[0]\n"
                     "    if np.any(np.diag(U) == 0):\n        raise ValueError('zero pivot')\n    L = np.eye(n)\n"
                     "    for k in range(n - 1):\n        for i in range(k + 1, n):\n"
                     "            L[i, k] = U[i, k] / U[k, k]\n            U[i, k:] -= L[i, k] * U[k, k:]\n"
                     "    return L, U\n")
_Q3_LAST_PIVOT = ("def lu_nopivot(A):\n    U = np.array(A, dtype=float)\n    n = U.shape[0]\n    L = np.eye(n)\n"
                  "    for k in range(n):\n        if U[k, k] == 0:\n            raise ValueError('zero pivot')\n"
                  "        for i in range(k + 1, n):\n            L[i, k] = U[i, k] / U[k, k]\n"
                  "            U[i, k:] -= L[i, k] * U[k, k:]\n    return L, U\n")
_Q4_INV = ("def make_solver(A):\n    A_inv = np.linalg.inv(np.asarray(A, dtype=float))\n\n    def solve(b):\n"
           "        return A_inv @ b\n\n    return solve\n")
_Q4_INV_BY_LU = ("def make_solver(A):\n    A = np.asarray(A, dtype=float)\n"
                 "    A_inv = scipy.linalg.lu_solve(scipy.linalg.lu_factor(A), np.eye(len(A)))\n"
                 "    return lambda b: A_inv @ b\n")
_Q4_P_NOT_TRANSPOSED = ("def make_solver(A):\n    P, L, U = scipy.linalg.lu(np.asarray(A, dtype=float))\n\n"
                        "    def solve(b):\n"
                        "        y = scipy.linalg.solve_triangular(L, P @ b, lower=True, unit_diagonal=True)\n"
                        "        return scipy.linalg.solve_triangular(U, y)\n\n    return solve\n")
_Q4_PINV = ("def make_solver(A):\n    A_pinv = np.linalg.pinv(np.asarray(A, dtype=float))\n"
            "    return lambda b: A_pinv @ np.asarray(b, dtype=float)\n")
_Q7_NO_INTERCEPT = ("faulty_line = 4\n\n\ndef fit_regression_fixed(X, y):\n"
                    "    w = np.linalg.lstsq(np.asarray(X, dtype=float), y, rcond=None)[0]\n    return 0.0, w\n")
_Q7_GIVEN = ("faulty_line = 4\n\n\ndef fit_regression_fixed(X, y):\n    return fit_regression_qr(X, y)\n")

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        "q1-forward": (("x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]", "x[i] = b[i] - L[i, :i] @ x[:i]"), 0, "l_ii"),
        "q2-back": (("range(n - 1, -1, -1)", "range(n)"), 0, "last row"),
        "q3-lu": (("    n = U.shape[0]\n", "    P, L, U = scipy.linalg.lu(U)\n    return L, U\n"), 0, "not allowed"),
        "q4-solver": (("np.asarray(b, dtype=float))\n", "np.asarray(b, dtype=float), trans=1)\n"), 0, "transposed"),
        # the same digits for both methods: the normal equations square kappa
        "q5-digits": (("np.log10(kappa) * (2 if method == \"normal\" else 1)", "np.log10(kappa)"), 1, "too optimistic"),
        # the lecture's shear: det 1 and kappa 1e12, but a zero entry
        "q6-det-one": (("A_ill = np.array([[1000.0, 999.0],\n                  [1001.0, 1000.0]])",
                        "A_ill = np.array([[1.0, 1e6],\n                  [0.0, 1.0]])"), 1, "zero entry"),
        # the QR line blamed: QR of G is stable, but G has already lost the digits
        "q7-diagnose": (("faulty_line = 4 ", "faulty_line = 5 "), 1, "faulty_line"),
    },
    "mistakes2": {
        "q1-forward": (("    n = L.shape[0]\n", "    return scipy.linalg.solve_triangular(L, b, lower=True)\n"), 1,
                       "not allowed"),
        "q2-back": (("    if np.any(np.diag(U) == 0):\n"
                     "        raise ValueError(\"U has a zero on its diagonal: the system has no unique solution\")\n", ""),
                    1, "ValueError"),
        "q3-lu": (("            U[i, k:] -= L[i, k] * U[k, k:]", "            U[i, k + 1:] -= L[i, k] * U[k, k + 1:]"), 0,
                  "below the diagonal"),
        "q4-solver": (_Q4_INV, 1, "not allowed"),
        # no clipping: negative digits for a huge kappa
        "q5-digits": (("return float(np.clip(16 - lost, 0, 16))", "return float(16 - lost)"), 1, "negative"),
        # det 1 and no zero entry, but kappa only about 4e4
        "q6-det-one": (("A_ill = np.array([[1000.0, 999.0],\n                  [1001.0, 1000.0]])",
                        "A_ill = np.array([[100.0, 99.0],\n                  [101.0, 100.0]])"), 1, "at least 1e6"),
        # the given function as the fix: the diagnosis without the cure
        "q7-diagnose": (_Q7_GIVEN, 1, "squares its condition number"),
    },
    "mistakes3": {
        "q1-forward": (_Q1_ZEROS_LIKE, 1, "float array"),
        "q2-back": (("    U = np.asarray(U, dtype=float)\n", "    return np.linalg.solve(U, b)\n"), 1, "not allowed"),
        "q3-lu": (_Q3_DIAGONAL_ONLY, 1, "every step"),
        "q4-solver": (_Q4_P_NOT_TRANSPOSED, 1, "P.T @ b"),
        # kappa squared for both methods
        "q5-digits": (("(2 if method == \"normal\" else 1)", "2"), 0, "too pessimistic"),
        # b and db swapped: b along the direction A stretches least
        "q6-det-one": (("b_ill = U_ill[:, 0]", "b_ill = U_ill[:, 1]"), 1, "particular directions"),
        "q7-diagnose": (_Q7_NO_INTERCEPT, 0, "intercept"),
    },
    "mistakes4": {
        "q1-forward": (_Q1_IN_PLACE, 1, "changed its input"),
        "q2-back": (("range(n - 1, -1, -1)", "range(n - 1, 0, -1)"), 0, "last row"),
        "q3-lu": (_Q3_LAST_PIVOT, 1, "last pivot"),
        "q4-solver": (_Q4_INV_BY_LU, 1, "the inverse of a matrix"),  # named by the rule now
        # no digits lost at all
        "q5-digits": (("lost = np.log10(kappa) * (2 if method == \"normal\" else 1)", "lost = 0.0"), 0, "too optimistic"),
        # nearly parallel columns, but det -1
        "q6-det-one": (("A_ill = np.array([[1000.0, 999.0],\n                  [1001.0, 1000.0]])",
                        "A_ill = np.array([[1001.0, 1000.0],\n                  [1000.0, 999.0]])"), 0, "not 1"),
        # the back substitution blamed
        "q7-diagnose": (("faulty_line = 4 ", "faulty_line = 6 "), 1, "cond(Z)^2"),
    },
    "mistakes5": {
        # the pseudo-inverse is a library solver too
        "q1-forward": (("    n = L.shape[0]\n", "    return np.linalg.pinv(L) @ b\n"), 1, "not allowed"),
        "q4-solver": (_Q4_PINV, 1, "not allowed"),
        # a perturbation that is not small
        "q6-det-one": (("db_ill = 0.5e-6 * U_ill[:, 1]", "db_ill = 0.5e-3 * U_ill[:, 1]"), 1, "at most 1e-6"),
        # the right line named, and the normal equations kept in the fix
        "q7-diagnose": (("    Q, R = np.linalg.qr(Z)                                # QR of the design matrix itself: cond(R) = cond(Z)\n"
                         "    theta = scipy.linalg.solve_triangular(R, Q.T @ y)\n",
                         "    theta = np.linalg.solve(Z.T @ Z, Z.T @ y)\n"), 1, "squares its condition number"),
    },
    # equivalents that no list of names foresaw: the rule is judged by what runs
    "synonyms": {
        "q1-forward": ("def forward_substitution(L, b):\n    import scipy.sparse as sps\n"
                       "    import scipy.sparse.linalg as spla\n"
                       "    return spla.spsolve(sps.csc_array(np.asarray(L, dtype=float)), np.asarray(b, dtype=float))\n",
                       1, "a function from scipy.sparse.linalg"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs, and in-place changes of SymPy and sparse
# arguments, lose the same points in both modes (issue #13).
PLAIN = ["synonyms"]
