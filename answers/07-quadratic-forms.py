"""Test data for chapter 07: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.
"""

_GIVEN_Q5 = '''def fit_gd(X, y, n_steps=500):
    X = np.asarray(X, dtype=float)              # 1
    y = np.asarray(y, dtype=float)              # 2
    lam = np.linalg.eigvalsh(X.T @ X)           # 3: the eigenvalues of the Hessian X^T X
    eta = 1.0 / lam[0]                          # 4: a safe step, 1 / lambda_max
    w = np.zeros(X.shape[1])                    # 5
    for _ in range(n_steps):                    # 6
        w = w - eta * (X.T @ (X @ w - y))       # 7: the gradient of 1/2 ||Xw - y||^2
    return w                                    # 8


'''

_SYMBOLS_Q3 = ('t1, t2, t3, y1, y2, y3 = sp.symbols("t1 t2 t3 y1 y2 y3", real=True)\n'
               'lam = sp.symbols("lam", positive=True)\nw0, w1 = sp.symbols("w0 w1", real=True)\n')

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # right-looking (outer-product) elimination, with its own symmetry tolerance
    "q1-cholesky": "def cholesky_lower(A):\n    S = np.array(A, dtype=float)\n"
                   "    if S.ndim != 2 or S.shape[0] != S.shape[1] or not np.allclose(S, S.T):\n"
                   "        raise ValueError('not a symmetric matrix')\n    n = len(S)\n    L = np.zeros_like(S)\n"
                   "    for j in range(n):\n        if S[j, j] <= 0 or np.isnan(S[j, j]):\n"
                   "            raise ValueError('not positive definite')\n"
                   "        L[j:, j] = S[j:, j] / np.sqrt(S[j, j])\n"
                   "        S[j:, j:] -= np.outer(L[j:, j], L[j:, j])\n    return L\n",
    # chapter 05's neighbour pattern with t = 0.8; a Gram matrix of three unit vectors in the plane
    "q2-correlations": "C_bad = np.array([[1, 0.8, 0], [0.8, 1, 0.8], [0, 0.8, 1]])\n"
                       "theta = np.array([0.0, 1.0, 2.0])\nU = np.vstack([np.cos(theta), np.sin(theta)])\n"
                       "C_flat = U.T @ U\n",
    # through the design matrix, with symbols of other assumptions
    "q3-ridge-gradient": "t1, t2, t3, y1, y2, y3, lam, w0, w1 = sp.symbols('t1 t2 t3 y1 y2 y3 lam w0 w1')\n"
                         "X = sp.Matrix([[1, t1], [1, t2], [1, t3]])\nyv = sp.Matrix([y1, y2, y3])\n"
                         "G = X.T * X + lam * sp.eye(2)\ngrad_L = 2 * G * sp.Matrix([w0, w1]) - 2 * X.T * yv\n"
                         "hess_L = 2 * G\nw_ridge = G.inv() * X.T * yv\n",
    # the rate applied step by step, and lists of floats as the results
    "q4-predict-steps": "def gd_steps(kappa, tol):\n    rho = 1.0 - 1.0 / kappa\n    k, err = 0, 1.0\n"
                        "    while err > tol:\n        err *= rho\n        k += 1\n    return float(k)\n\n\n"
                        "def ls_gd_steps(cond_X, tol):\n    return gd_steps(cond_X * cond_X, tol)\n",
    # the best fixed step instead of 1 / lambda_max, a NumPy integer as the line number
    "q5-diagnose-step": _GIVEN_Q5 + "faulty_line = np.int64(4)\n\n\ndef fit_gd_fixed(X, y, n_steps=500):\n"
                        "    X = np.asarray(X, dtype=float)\n    y = np.asarray(y, dtype=float)\n"
                        "    lam = np.linalg.eigvalsh(X.T @ X)\n    eta = 2.0 / (lam[0] + lam[-1])\n"
                        "    w = np.zeros(X.shape[1])\n    for _ in range(n_steps):\n"
                        "        w = w - eta * (X.T @ (X @ w - y))\n    return w.tolist()\n",
    # einsum and a vector of ones for the sums over samples
    "q6-backprop": "def linear_net_gradients(W1, b1, W2, b2, X, Y):\n"
                   "    W1, b1, W2, b2, X, Y = map(np.array, (W1, b1, W2, b2, X, Y))\n    n = len(X)\n"
                   "    ones = np.ones(n)\n    H = np.einsum('nd,hd->nh', X, W1) + np.outer(ones, b1)\n"
                   "    D = (np.einsum('nh,kh->nk', H, W2) + np.outer(ones, b2) - Y) * (2.0 / n)\n"
                   "    DH = np.einsum('nk,kh->nh', D, W2)\n"
                   "    return (np.einsum('nh,nd->hd', DH, X), ones @ DH, np.einsum('nk,nh->kh', D, H), ones @ D)\n",
    # the whole history kept, eigenvalues from eigh, a list as the result
    "q7-heavy-ball": "def heavy_ball(A, b, x0, n_steps):\n    A = np.array(A, dtype=float)\n"
                     "    lam = np.linalg.eigh(A)[0]\n    kappa = lam.max() / lam.min()\n"
                     "    alpha = 4.0 / (np.sqrt(lam.max()) + np.sqrt(lam.min())) ** 2\n"
                     "    beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2\n"
                     "    xs = [np.array(x0, dtype=float)] * 2\n    for _ in range(n_steps):\n"
                     "        xs.append(xs[-1] - alpha * (A @ xs[-1] - np.asarray(b, dtype=float)) + beta * (xs[-1] - xs[-2]))\n"
                     "    return list(xs[-1])\n",
}, {
    # a Cholesky-Banachiewicz row-by-row loop in plain Python
    "q1-cholesky": "import math\n\n\ndef cholesky_lower(A):\n    A = np.asarray(A, dtype=float)\n"
                   "    if A.ndim != 2 or A.shape[0] != A.shape[1]:\n        raise ValueError('square matrix expected')\n"
                   "    if not np.allclose(A, A.T):\n        raise ValueError('symmetric matrix expected')\n"
                   "    n = A.shape[0]\n    L = np.zeros((n, n))\n    for i in range(n):\n        for j in range(i + 1):\n"
                   "            s = sum(L[i, k] * L[j, k] for k in range(j))\n            if i == j:\n"
                   "                if A[i, i] - s <= 0:\n                    raise ValueError('not positive definite')\n"
                   "                L[i, i] = math.sqrt(A[i, i] - s)\n            else:\n"
                   "                L[i, j] = (A[i, j] - s) / L[j, j]\n    return L\n",
    # all correlations equal: 1 + 2 rho and 1 - rho; rho = -0.7 and rho = -0.5; lists
    "q2-correlations": "C_bad = [[1, -0.7, -0.7], [-0.7, 1, -0.7], [-0.7, -0.7, 1]]\n"
                       "C_flat = [[1, -0.5, -0.5], [-0.5, 1, -0.5], [-0.5, -0.5, 1]]\n",
    # SymPy's jacobian and a linear solve, factored
    "q3-ridge-gradient": _SYMBOLS_Q3 + "L = sum((w0 + w1 * t - v) ** 2 for t, v in zip((t1, t2, t3), (y1, y2, y3)))"
                         " + lam * (w0**2 + w1**2)\ngrad_L = sp.Matrix([L]).jacobian([w0, w1]).T\n"
                         "hess_L = grad_L.jacobian([w0, w1])\nA, rhs = sp.linear_eq_to_matrix(list(grad_L), [w0, w1])\n"
                         "w_ridge = A.LUsolve(rhs).applyfunc(sp.factor)\n",
    # log1p form of the rate, NumPy integers
    "q4-predict-steps": "def gd_steps(kappa, tol):\n    if kappa == 1:\n        return np.int64(1)\n"
                        "    return np.int64(np.ceil(np.log(tol) / np.log1p(-1 / kappa)))\n\n\n"
                        "def ls_gd_steps(cond_X, tol):\n    kappa = cond_X ** 2\n    return gd_steps(kappa, tol)\n",
    # the step 1 / lambda_max from the largest eigenvalue found with max()
    "q5-diagnose-step": _GIVEN_Q5 + "faulty_line = 4\n\n\ndef fit_gd_fixed(X, y, n_steps=500):\n"
                        "    X = np.array(X, dtype=float)\n    y = np.array(y, dtype=float)\n"
                        "    eta = 1.0 / max(np.linalg.eigvalsh(X.T @ X))\n    w = np.zeros(X.shape[1])\n"
                        "    for _ in range(n_steps):\n        w -= eta * X.T @ (X @ w - y)\n    return w\n",
    # the gradients written for column samples (transposed bookkeeping)
    "q6-backprop": "def linear_net_gradients(W1, b1, W2, b2, X, Y):\n    W1 = np.asarray(W1, dtype=float)\n"
                   "    W2 = np.asarray(W2, dtype=float)\n    Xc = np.asarray(X, dtype=float).T\n"
                   "    Yc = np.asarray(Y, dtype=float).T\n    n = Xc.shape[1]\n"
                   "    Hc = W1 @ Xc + np.asarray(b1, dtype=float)[:, None]\n"
                   "    Gc = 2 * (W2 @ Hc + np.asarray(b2, dtype=float)[:, None] - Yc) / n\n    GHc = W2.T @ Gc\n"
                   "    return GHc @ Xc.T, GHc.sum(axis=1), Gc @ Hc.T, Gc.sum(axis=1)\n",
    # the two-term recurrence written for the error, with the solution from a solve
    "q7-heavy-ball": "def heavy_ball(A, b, x0, n_steps):\n    A = np.asarray(A, dtype=float)\n"
                     "    b = np.asarray(b, dtype=float)\n    lo, hi = np.sqrt(np.linalg.eigvalsh(A)[[0, -1]])\n"
                     "    a, m = 4 / (lo + hi) ** 2, ((hi - lo) / (hi + lo)) ** 2\n"
                     "    x_old = x = np.asarray(x0, dtype=float).copy()\n    for _ in range(n_steps):\n"
                     "        x, x_old = x + m * (x - x_old) - a * (A @ x - b), x\n    return x\n",
}, {
    # a C_bad with positive and negative entries; C_flat: x3 = (x1 + x2) / sqrt(2) with x1, x2 uncorrelated
    "q2-correlations": "C_bad = np.array([[1, .9, .9], [.9, 1, -.9], [.9, -.9, 1]])\n"
                       "s = 1 / np.sqrt(2)\nC_flat = np.array([[1, 0, s], [0, 1, s], [s, s, 1]])\n",
    # symbols without assumptions, derive_by_array, and the minimizer as one Newton step from w = 0
    "q3-ridge-gradient": "t1, t2, t3, y1, y2, y3, w0, w1 = sp.symbols('t1 t2 t3 y1 y2 y3 w0 w1')\nlam = sp.Symbol('lam')\n"
                         "L = sum((w0 + w1 * t - v) ** 2 for t, v in zip((t1, t2, t3), (y1, y2, y3))) + lam * (w0**2 + w1**2)\n"
                         "grad_L = sp.Matrix(sp.derive_by_array(L, (w0, w1)))\n"
                         "hess_L = sp.Matrix(2, 2, lambda i, j: sp.diff(L, (w0, w1)[i], (w0, w1)[j]))\n"
                         "w_ridge = -hess_L.inv() * grad_L.subs({w0: 0, w1: 0})\n",
    # floor + 1 with math.log, the condition number of X squared as a float
    "q4-predict-steps": "import math\n\n\ndef gd_steps(kappa, tol):\n    if kappa <= 1:\n        return 1\n"
                        "    return int(math.log(tol) / math.log(1 - 1 / kappa)) + 1\n\n\n"
                        "def ls_gd_steps(cond_X, tol):\n    return gd_steps(float(cond_X) ** 2, tol)\n",
    # one sample at a time: outer products accumulated over the samples
    "q6-backprop": "def linear_net_gradients(W1, b1, W2, b2, X, Y):\n"
                   "    W1, b1, W2, b2, X, Y = (np.array(a, dtype=float) for a in (W1, b1, W2, b2, X, Y))\n"
                   "    n = X.shape[0]\n    dW1, db1, dW2, db2 = (np.zeros_like(p) for p in (W1, b1, W2, b2))\n"
                   "    for x, y in zip(X, Y):\n        h = W1 @ x + b1\n        g = 2 * (W2 @ h + b2 - y) / n\n"
                   "        gh = W2.T @ g\n        dW2 += np.outer(g, h)\n        db2 += g\n"
                   "        dW1 += np.outer(gh, x)\n        db1 += gh\n    return dW1, db1, dW2, db2\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # the library does the work
        "q1-cholesky": (("    A = np.array(A, dtype=float)\n    if A.ndim != 2",
                         "    A = np.array(A, dtype=float)\n    return np.linalg.cholesky(A)\n    if A.ndim != 2"),
                        1, "not allowed"),
        # a valid correlation matrix (positive definite) offered as the impossible one
        "q2-correlations": (("C_bad = np.array([[1.0, -0.6, -0.6], [-0.6, 1.0, -0.6], [-0.6, -0.6, 1.0]])",
                             "C_bad = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])"),
                            1, "valid correlation matrix"),
        # the Hessian divided by two: the matrix of the quadratic form, not the second derivatives
        "q3-ridge-gradient": (("hess_L = sp.hessian(L_ridge, (w0, w1))", "hess_L = sp.hessian(L_ridge, (w0, w1)) / 2"),
                              1, "second derivatives"),
        # the condition number of X where that of X^T X counts
        "q4-predict-steps": (("return gd_steps(cond_X**2, tol)", "return gd_steps(cond_X, tol)"), 1, "1 step or 1 %"),
        # blames the eigenvalue computation
        "q5-diagnose-step": (("faulty_line = 4", "faulty_line = 3"), 1, "faulty_line is not"),
        # the hidden layer's gradient multiplied by W2^T: runs whenever h = k
        "q6-backprop": (("G_H = G_P @ W2 ", "G_H = G_P @ W2.T "), 0, "mind the transposes"),
        # the momentum coefficient not squared
        "q7-heavy-ball": (("beta = ((sq_max - sq_min) / (sq_max + sq_min)) ** 2", "beta = (sq_max - sq_min) / (sq_max + sq_min)"),
                          1, "beta is the square"),
    },
    "mistakes2": {
        # no symmetry check: the lower triangle of a non-symmetric matrix is factorized silently
        "q1-cholesky": (("    if not np.allclose(A, A.T):\n        raise ValueError(\"A must be symmetric\")\n", ""),
                        1, "not symmetric"),
        # perfectly correlated pairs: singular, but outside the allowed range
        "q2-correlations": (("C_flat = np.array([[1.0, 0.5, -0.5], [0.5, 1.0, 0.5], [-0.5, 0.5, 1.0]])",
                             "C_flat = np.ones((3, 3))"), 1, "outside [-0.99, 0.99]"),
        # the penalty forgotten in the minimizer: the least-squares weights
        "q3-ridge-gradient": (("sol = sp.solve(list(grad_L), [w0, w1], dict=True)[0]",
                               "sol = sp.solve(list(grad_L.subs(lam, 0)), [w0, w1], dict=True)[0]"),
                              1, "make the gradient zero"),
        # the large-kappa approximation kappa ln(1/tol): wrong for small kappa
        "q4-predict-steps": (("    rho = 1 - 1 / kappa          # max |1 - lambda / lambda_max|, at lambda_min\n"
                              "    if rho == 0:\n        return 1\n    return int(np.ceil(np.log(tol) / np.log(rho)))",
                              "    return int(np.ceil(kappa * np.log(1 / tol)))"), 1, "1 step or 1 %"),
        # the "fix" steps at the very limit 2 / lambda_max: the steep component bounces for ever
        "q5-diagnose-step": (("    eta = 1.0 / lam[-1]", "    eta = 2.0 / lam[-1]"), 0, "stable step"),
        # the first layer's bias left out of the hidden activations used for dW2
        "q6-backprop": (("    return G_H.T @ X, G_H.sum(axis=0), G_P.T @ H, G_P.sum(axis=0)",
                         "    return G_H.T @ X, G_H.sum(axis=0), G_P.T @ (X @ W1.T), G_P.sum(axis=0)"),
                        1, "where H includes b1"),
        # x_{-1} = 0: a spurious momentum kick at the first step
        "q7-heavy-ball": (("    prev = np.array(x0, dtype=float)\n    cur = prev.copy()",
                           "    cur = np.array(x0, dtype=float)\n    prev = np.zeros_like(cur)"), 0, "no momentum"),
    },
    "mistakes3": {
        # pivot < 0 instead of <= 0: an exactly singular matrix slips through
        "q1-cholesky": (("if not pivot > 0:", "if pivot < 0:"), 1, "a pivot <= 0"),
        # a positive definite matrix where a singular one is asked for
        "q2-correlations": (("C_flat = np.array([[1.0, 0.5, -0.5], [0.5, 1.0, 0.5], [-0.5, 0.5, 1.0]])",
                             "C_flat = np.array([[1.0, 0.5, -0.4], [0.5, 1.0, 0.5], [-0.4, 0.5, 1.0]])"),
                            1, "positive definite, not singular"),
        # the factor 2 of the chain rule forgotten everywhere
        "q3-ridge-gradient": (("grad_L = sp.Matrix([sp.diff(L_ridge, w0), sp.diff(L_ridge, w1)])",
                               "grad_L = sp.Matrix([sp.diff(L_ridge, w0), sp.diff(L_ridge, w1)]) / 2"),
                              0, "gradient of sum"),
        # kappa = 1 not handled: log(0) gives 0 steps
        "q4-predict-steps": (("    if rho == 0:\n        return 1\n", ""), 1, "positive whole number"),
        # the "fix" calls a least-squares solver
        "q5-diagnose-step": (("    w = np.zeros(X.shape[1])\n    for _ in range(n_steps):\n"
                              "        w = w - eta * (X.T @ (X @ w - y))\n    return w\n",
                              "    return np.linalg.lstsq(X, y, rcond=None)[0]\n"), 1, "not a gradient step"),
        # db1 averaged over samples instead of summed
        "q6-backprop": (("G_H.sum(axis=0), G_P.T", "G_H.mean(axis=0), G_P.T"), 1, "sums dL/dH"),
        # plain gradient descent with the best step: no momentum at all
        "q7-heavy-ball": (("    alpha = 4 / (sq_max + sq_min) ** 2\n    beta = ((sq_max - sq_min) / (sq_max + sq_min)) ** 2",
                           "    alpha = 2 / (sq_max**2 + sq_min**2)\n    beta = 0.0"), 0, "first step"),
    },
}

MISTAKES["mistakes4"] = {
    # the rate of the best step (Section 6) copied, for a step that is not the best one
    "q4-predict-steps": (("    rho = 1 - 1 / kappa ", "    rho = (kappa - 1) / (kappa + 1) "), 1, "1 step or 1 %"),
    # a near miss: smallest eigenvalue 1 - 2 * 0.502 = -0.004, not below -0.01
    "q2-correlations": (("C_bad = np.array([[1.0, -0.6, -0.6], [-0.6, 1.0, -0.6], [-0.6, -0.6, 1.0]])",
                         "C_bad = np.full((3, 3), -0.502) + 1.502 * np.eye(3)"), 1, "not below -0.01"),
    # the usual ML convention of an unpenalized intercept, where the question penalizes w0 too
    "q3-ridge-gradient": (("sol = sp.solve(list(grad_L), [w0, w1], dict=True)[0]",
                           "sol = sp.solve(list(grad_L - sp.Matrix([2 * lam * w0, 0])), [w0, w1], dict=True)[0]"),
                          1, "make the gradient zero"),
    # the mean over all n k entries of the residual (np.mean, PyTorch's MSELoss): k times too small
    "q6-backprop": (("G_P = 2 * R / n ", "G_P = 2 * R / R.size "), 1, "times too small"),
}

MISTAKES["mistakes5"] = {
    # a float coefficient in a derive question: not exact
    "q3-ridge-gradient": (("grad_L = sp.Matrix([sp.diff(L_ridge, w0), sp.diff(L_ridge, w1)])",
                           "grad_L = 2.0 * sp.Matrix([sp.diff(L_ridge, w0), sp.diff(L_ridge, w1)]) / 2"),
                          0, "floating-point"),
    # the summed loss of Section 5, without the 1/n of the mean
    "q6-backprop": (("G_P = 2 * R / n ", "G_P = 2 * R "), 0, "normalization"),
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["mistakes"]
