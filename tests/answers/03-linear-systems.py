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
    # SymPy Integer division and the exact inverse
    "q5-hilbert": "b5 = sp.ones(5, 1)\nH5 = sp.Matrix([[sp.Integer(1) / (i + j - 1) for j in range(1, 6)] for i in range(1, 6)])\n"
                  "x_exact = H5.inv() * b5\n",
    # kappa from the singular values, the residual with the other sign, NumPy floats returned
    "q6-bound": "def error_bound(A, b, x_hat):\n    A = np.array(A, dtype=float)\n"
                "    s = np.linalg.svd(A, compute_uv=False)\n"
                "    r = A @ np.asarray(x_hat, dtype=float) - np.asarray(b, dtype=float)\n"
                "    rel = np.sqrt(r @ r) / np.linalg.norm(b)\n    kappa = s[0] / s[-1]\n"
                "    return rel, kappa, rel * kappa\n",
    # centre the data: the slope from lstsq on centred columns, then the intercept from the means
    "q7-regression": "def fit_linear_regression(X, y):\n    X = np.asarray(X, dtype=float)\n"
                     "    y = np.asarray(y, dtype=float)\n    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
                     "    w = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]\n"
                     "    return y_mean - x_mean @ w, w\n",
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
    # sp.Matrix passes SymPy Integers to the function, so 1 / (i + j + 1) is exact here; linsolve returns a set
    "q5-hilbert": "b5 = sp.ones(5, 1)\nH5 = sp.Matrix(5, 5, lambda i, j: 1 / (i + j + 1))\n"
                  "x_exact = sp.Matrix(list(list(sp.linsolve((H5, b5)))[0]))\n",
    # the definition ||A|| ||A^-1||, with the inverse computed explicitly
    "q6-bound": "def error_bound(A, b, x_hat):\n    A = np.asarray(A, dtype=float)\n"
                "    kappa = np.linalg.norm(A, 2) * np.linalg.norm(np.linalg.inv(A), 2)\n"
                "    rel = np.linalg.norm(np.subtract(b, A.dot(x_hat))) / np.linalg.norm(b)\n"
                "    return float(rel), float(kappa), float(kappa * rel)\n",
    # the column of ones last, unpacked accordingly; scipy's lstsq
    "q7-regression": "def fit_linear_regression(X, y):\n    X = np.asarray(X, dtype=float)\n"
                     "    Z = np.hstack([X, np.ones((X.shape[0], 1))])\n"
                     "    theta = scipy.linalg.lstsq(Z, np.asarray(y, dtype=float))[0]\n"
                     "    return theta[-1], theta[:-1]\n",
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
_Q7_NO_INTERCEPT = ("def fit_linear_regression(X, y):\n    w = np.linalg.lstsq(np.asarray(X, dtype=float), y, rcond=None)[0]\n"
                    "    return 0.0, w\n")

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        "q1-forward": (("x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]", "x[i] = b[i] - L[i, :i] @ x[:i]"), 0, "l_ii"),
        "q2-back": (("range(n - 1, -1, -1)", "range(n)"), 0, "last row"),
        "q3-lu": (("    n = U.shape[0]\n", "    P, L, U = scipy.linalg.lu(U)\n    return L, U\n"), 0, "not allowed"),
        "q4-solver": (("np.asarray(b, dtype=float))\n", "np.asarray(b, dtype=float), trans=1)\n"), 0, "transposed"),
        "q5-hilbert": (("H5 = sp.Matrix(5, 5, lambda i, j: sp.Rational(1, i + j + 1))",
                        "H5 = sp.Matrix([[1 / (i + j + 1) for j in range(5)] for i in range(5)])"), 0,
                       "floating-point"),
        "q6-bound": (("np.linalg.cond(A)", "np.linalg.cond(A, 1)"), 1, "2-norm"),
        "q7-regression": (("np.linalg.lstsq(Z, y, rcond=None)[0]", "np.linalg.solve(Z.T @ Z, Z.T @ y)"), 1,
                          "normal equations"),
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
        "q5-hilbert": (("sp.Rational(1, i + j + 1)", "sp.Rational(1, i + j + 2)"), 1, "top-left"),
        "q6-bound": ((" / np.linalg.norm(b)\n", "\n"), 0, "absolute residual"),
        "q7-regression": (_Q7_NO_INTERCEPT, 0, "intercept"),
    },
    "mistakes3": {
        "q1-forward": (_Q1_ZEROS_LIKE, 1, "float array"),
        "q2-back": (("    U = np.asarray(U, dtype=float)\n", "    return np.linalg.solve(U, b)\n"), 1, "not allowed"),
        "q3-lu": (_Q3_DIAGONAL_ONLY, 1, "every step"),
        "q4-solver": (_Q4_P_NOT_TRANSPOSED, 1, "P.T @ b"),
        "q5-hilbert": (("x_exact = H5.LUsolve(b5)",
                        "x_exact = sp.Matrix(np.linalg.solve(np.array(H5, dtype=float), np.ones(5)))"), 0,
                       "floating-point"),
        "q6-bound": (("A @ x_hat", "A * x_hat"), 0, "matrix-vector product"),
        "q7-regression": (("Z = np.column_stack([np.ones(len(X)), X])", "Z = np.column_stack([X, np.ones(len(X))])"),
                          0, "intercept"),
    },
    "mistakes4": {
        "q1-forward": (_Q1_IN_PLACE, 1, "changed its input"),
        "q2-back": (("range(n - 1, -1, -1)", "range(n - 1, 0, -1)"), 0, "last row"),
        "q3-lu": (_Q3_LAST_PIVOT, 1, "last pivot"),
        "q4-solver": (_Q4_INV_BY_LU, 1, "the inverse of a matrix"),  # named by the rule now
        "q5-hilbert": (("x_exact = H5.LUsolve(b5)", "x_exact = H5.LUsolve(b5).T"), 0, "shape (5, 1)"),
        "q6-bound": (("np.linalg.cond(A)", "np.linalg.cond(A, 'fro')"), 0, "2-norm"),
        "q7-regression": (("np.linalg.lstsq(Z, y, rcond=None)[0]", "np.linalg.inv(Z.T @ Z) @ Z.T @ y"), 1,
                          "normal equations"),
    },
    "mistakes5": {
        # the pseudo-inverse is a library solver too
        "q1-forward": (("    n = L.shape[0]\n", "    return np.linalg.pinv(L) @ b\n"), 1, "not allowed"),
        "q4-solver": (_Q4_PINV, 1, "not allowed"),
        # Section 6's normalization (backward error) instead of the one the question defines
        "q6-bound": ((" / np.linalg.norm(b)\n", " / (np.linalg.norm(A, 2) * np.linalg.norm(x_hat))\n"), 0,
                     "divided by ||b||"),
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
