"""Test data for chapter 10: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.

The reference answers of q5 and q7 do not call the functions of q2 and q4, so a mistake in one question
cannot change the score of another in the same notebook.
"""

_Q3_SYMBOLS = "n, S_x, S_y, S_xx, S_xy, S_yy = sp.symbols('n S_x S_y S_xx S_xy S_yy', real=True)\n"
_Q7_DATA = ("rng7 = np.random.default_rng(2008)\nz7 = np.zeros(300)\nfor t in range(2, 300):\n"
            "    z7[t] = 1.5588 * z7[t - 1] - 0.81 * z7[t - 2] + 2.0 * rng7.normal()\n"
            "series7 = 100.0 + z7[60:]\nn_train7 = 180\n")

# Valid answers in another form than the reference, three notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # centre and half-width instead of the one-line formula; np.vander with increasing powers
    "q1-poly-features": "def poly_features(x, degree, x_min, x_max):\n    if x_max <= x_min:\n"
                        "        raise ValueError('empty range')\n    mid, half = (x_min + x_max) / 2, (x_max - x_min) / 2\n"
                        "    u = (np.array(x, dtype=float) - mid) / half\n"
                        "    return np.vander(u, degree + 1, increasing=True)\n",
    # SciPy's economic QR and a back substitution that fills a list from the end
    "q2-lstsq-qr": "def lstsq_qr(X, y):\n    Q, R = scipy.linalg.qr(np.array(X, dtype=float), mode='economic')\n"
                   "    c = Q.T @ np.array(y, dtype=float)\n    n = len(c)\n    w = [0.0] * n\n"
                   "    for i in reversed(range(n)):\n        s = c[i]\n        for j in range(i + 1, n):\n"
                   "            s -= R[i, j] * w[j]\n        w[i] = s / R[i, i]\n    return np.array(w)\n",
    # the textbook form with the means, symbols without assumptions; RSS = centred S_yy - slope^2 centred S_xx
    "q3-line-formula": "n, S_x, S_y, S_xx, S_xy, S_yy = sp.symbols('n S_x S_y S_xx S_xy S_yy')\n"
                       "xbar, ybar = S_x / n, S_y / n\n"
                       "w1_formula = (S_xy - n * xbar * ybar) / (S_xx - n * xbar ** 2)\n"
                       "w0_formula = ybar - w1_formula * xbar\n"
                       "rss_formula = S_yy - n * ybar ** 2 - w1_formula ** 2 * (S_xx - n * xbar ** 2)\n",
    # a row-by-row loop
    "q4-lag-matrix": "def lag_matrix(series, p, horizon=1):\n    x = list(series)\n"
                     "    if p < 1 or horizon < 1 or len(x) - p - horizon + 1 < 1:\n        raise ValueError('bad')\n"
                     "    rows, targets = [], []\n    for t in range(p + horizon - 1, len(x)):\n"
                     "        rows.append([1.0] + [float(x[t - horizon - k]) for k in range(p)])\n"
                     "        targets.append(float(x[t]))\n    return np.array(rows), np.array(targets)\n",
    # reuse the functions of questions 2 and 4
    "q5-leak": "faulty_line = 5\n\n\ndef fit_ar(series, p, n_train):\n"
               "    X, y = lag_matrix(np.asarray(series)[:n_train], p)\n    return lstsq_qr(X, y)\n",
    # the level from a 1 x 1 linear system, the steps by trying h = 1, 2, ...
    "q6-settle": "def forecast_level(c, a):\n    return np.linalg.solve([[1.0 - a]], [c])[0]\n\n\n"
                 "def settle_steps(a, frac):\n    h = 1\n    while abs(a) ** h > frac:\n        h += 1\n    return h\n",
    # reuse fit_ar and lag_matrix; NumPy floats; the naive errors from np.diff
    "q7-evaluate": _Q7_DATA + "coef7 = fit_ar(series7, 3, n_train7)\nX_all, y_all = lag_matrix(series7, 3)\n"
                   "errors = y_all[n_train7 - 3:] - X_all[n_train7 - 3:] @ coef7\n"
                   "rmse_ar = np.sqrt(np.mean(errors ** 2))\n"
                   "rmse_naive = np.linalg.norm(np.diff(series7)[n_train7 - 1:]) / np.sqrt(60)\n",
}, {
    # a list of lists built from a comprehension
    "q1-poly-features": "def poly_features(x, degree, x_min, x_max):\n    if x_min >= x_max:\n"
                        "        raise ValueError('x_max <= x_min')\n"
                        "    return [[((2 * v - x_min - x_max) / (x_max - x_min)) ** k for k in range(degree + 1)]\n"
                        "            for v in x]\n",
    # the full QR, cut down to its first n columns / rows
    "q2-lstsq-qr": "def lstsq_qr(X, y):\n    X = np.asarray(X, dtype=float)\n    n = X.shape[1]\n"
                   "    Q, R = np.linalg.qr(X, mode='complete')\n    Q, R = Q[:, :n], R[:n, :]\n"
                   "    c = Q.T @ np.asarray(y, dtype=float)\n    w = np.zeros(n)\n"
                   "    for i in range(n - 1, -1, -1):\n        w[i] = (c[i] - np.dot(R[i, i + 1:], w[i + 1:])) / R[i, i]\n"
                   "    return w\n",
    # the inverse of the 2 x 2 matrix X^T X, and the residual sum expanded without the normal equations
    "q3-line-formula": _Q3_SYMBOLS + "G = sp.Matrix([[n, S_x], [S_x, S_xx]])\n"
                       "w0_formula, w1_formula = G.inv() * sp.Matrix([S_y, S_xy])\n"
                       "rss_formula = (S_yy - 2 * (w0_formula * S_y + w1_formula * S_xy) + n * w0_formula ** 2\n"
                       "               + 2 * S_x * w0_formula * w1_formula + S_xx * w1_formula ** 2)\n",
    # sliding windows, reversed to put the most recent value first
    "q4-lag-matrix": "def lag_matrix(series, p, horizon=1):\n    x = np.array(series, dtype=float)\n"
                     "    if min(p, horizon) < 1 or len(x) < p + horizon:\n        raise ValueError('too short')\n"
                     "    win = np.lib.stride_tricks.sliding_window_view(x[:len(x) - horizon], p)[:, ::-1]\n"
                     "    return np.hstack([np.ones((len(win), 1)), win]), x[p + horizon - 1:]\n",
    # the normal equations, fine for this well-conditioned design; the line as a NumPy integer
    "q5-leak": "faulty_line = np.int64(5)\n\n\ndef fit_ar(series, p, n_train):\n"
               "    x = np.array(series[:n_train], dtype=float)\n"
               "    X = np.column_stack([np.ones(n_train - p)] + [x[p - k:n_train - k] for k in range(1, p + 1)])\n"
               "    return np.linalg.solve(X.T @ X, X.T @ x[p:])\n",
    # the level as -c / (a - 1); the logarithm in base |a| with math, a = 0 by hand
    "q6-settle": "import math\n\n\ndef forecast_level(c, a):\n    return -c / (a - 1)\n\n\n"
                 "def settle_steps(a, frac):\n    if abs(a) <= frac:\n        return 1\n"
                 "    return math.ceil(math.log(frac, abs(a)))\n",
    # scikit-learn's LinearRegression on the lag features
    "q7-evaluate": _Q7_DATA + "from sklearn.linear_model import LinearRegression\n"
                   "F = np.column_stack([series7[3 - k:240 - k] for k in (1, 2, 3)])\ntarget = series7[3:]\n"
                   "model = LinearRegression().fit(F[:n_train7 - 3], target[:n_train7 - 3])\n"
                   "coef7 = np.r_[model.intercept_, model.coef_]\n"
                   "rmse_ar = float(np.sqrt(np.mean((target[n_train7 - 3:] - model.predict(F[n_train7 - 3:])) ** 2)))\n"
                   "rmse_naive = float(np.sqrt(np.mean((series7[n_train7:] - series7[n_train7 - 1:-1]) ** 2)))\n",
}, {
    # Cramer's rule, and the residual sum as a ratio of Gram determinants
    "q3-line-formula": _Q3_SYMBOLS + "G = sp.Matrix([[n, S_x], [S_x, S_xx]])\n"
                       "w0_formula = sp.Matrix([[S_y, S_x], [S_xy, S_xx]]).det() / G.det()\n"
                       "w1_formula = sp.Matrix([[n, S_y], [S_x, S_xy]]).det() / G.det()\n"
                       "rss_formula = sp.Matrix([[n, S_x, S_y], [S_x, S_xx, S_xy], [S_y, S_xy, S_yy]]).det() / G.det()\n",
    # the lag columns as a Toeplitz matrix, solved with the pseudoinverse
    "q5-leak": "faulty_line = 5\n\n\ndef fit_ar(series, p, n_train):\n    x = np.array(series, dtype=float)[:n_train]\n"
               "    T = scipy.linalg.toeplitz(x[p - 1:n_train - 1], x[p - 1::-1])\n"
               "    X = np.hstack([np.ones((n_train - p, 1)), T])\n    return np.linalg.pinv(X) @ x[p:]\n",
    # the level solved for with SymPy, the steps by running the deviation forward
    "q6-settle": "def forecast_level(c, a):\n    m = sp.Symbol('m')\n    return float(sp.solve(sp.Eq(m, c + a * m), m)[0])\n\n\n"
                 "def settle_steps(a, frac):\n    d, h = 1.0, 0\n    while True:\n        d *= a\n        h += 1\n"
                 "        if abs(d) <= frac:\n            return h\n",
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hidden-test hint).
MISTAKES = {
    "mistakes": {
        # np.vander's default order: the highest power first
        "q1-poly-features": (("return u[:, None] ** np.arange(degree + 1)", "return np.vander(u, degree + 1)"), 0,
                             "increasing powers"),
        "q2-lstsq-qr": (("    y = np.asarray(y, dtype=float)\n",
                         "    y = np.asarray(y, dtype=float)\n    return np.linalg.lstsq(X, y, rcond=None)[0]\n"), 1,
                        "not allowed"),
        # intercept and slope swapped
        "q3-line-formula": (("w0_formula, w1_formula = sp.simplify(w_normal[0]), sp.simplify(w_normal[1])",
                             "w0_formula, w1_formula = sp.simplify(w_normal[1]), sp.simplify(w_normal[0])"), 0,
                            "are swapped"),
        # oldest lag first
        "q4-lag-matrix": (("for k in range(p)]", "for k in range(p - 1, -1, -1)]"), 0, "reverse order"),
        # the right fix, but another line named
        "q5-leak": (("faulty_line = 5", "faulty_line = 6"), 1, "is not the line that makes the draft's fit exact"),
        # rounded down: one step short whenever the logarithm ratio is not a whole number
        "q6-settle": (("int(np.ceil(", "int(np.floor("), 0, "is too small"),
        # fitted on all 240 values, test tail included
        "q7-evaluate": (("coef7 = np.linalg.lstsq(_lags7, series7[3:n_train7], rcond=None)[0]",
                         "_all7 = np.column_stack([np.ones(237)] + [series7[3 - k:240 - k] for k in (1, 2, 3)])\n"
                         "coef7 = np.linalg.lstsq(_all7, series7[3:], rcond=None)[0]"), 1, "leak"),
    },
    "mistakes2": {
        # scaled with the range of the data passed in, not the training range
        "q1-poly-features": (("    u = (2 * np.asarray(x, dtype=float) - (x_min + x_max)) / (x_max - x_min)\n",
                              "    x = np.asarray(x, dtype=float)\n"
                              "    u = (2 * x - (x.min() + x.max())) / (x.max() - x.min())\n"), 1, "own minimum"),
        # QR, but of X^T X: the normal equations in disguise
        "q2-lstsq-qr": (("    Q, R = np.linalg.qr(X)\n    c = Q.T @ y\n",
                         "    Q, R = np.linalg.qr(X.T @ X)\n    c = Q.T @ (X.T @ y)\n"), 1, "X^T X"),
        # the mean of the squared residuals instead of their sum
        "q3-line-formula": (("rss_formula = sp.simplify(S_yy - w0_formula * S_y - w1_formula * S_xy)",
                             "rss_formula = sp.simplify(S_yy - w0_formula * S_y - w1_formula * S_xy) / n"), 0,
                            "mean of the squared residuals"),
        # the target one step too early
        "q4-lag-matrix": (("x[start:].copy()", "x[start - 1:n - 1].copy()"), 0, "horizon steps after"),
        # off by one: the last training value is dropped
        "q5-leak": (("[:n_train]", "[:n_train - 1]"), 1, "none after n_train"),
        # the logarithm of a negative a: NaN, and int(NaN) raises
        "q6-settle": (("np.log(abs(a))", "np.log(a)"), 1, "For a <= 0"),
        # the mean squared error
        "q7-evaluate": (("rmse_ar = float(np.sqrt(np.mean((series7[_t7] - _pred7) ** 2)))",
                         "rmse_ar = float(np.mean((series7[_t7] - _pred7) ** 2))"), 0, "square root"),
    },
    "mistakes3": {
        # scaled to [0, 1] instead of [-1, 1]
        "q1-poly-features": (("u = (2 * np.asarray(x, dtype=float) - (x_min + x_max)) / (x_max - x_min)",
                              "u = (np.asarray(x, dtype=float) - x_min) / (x_max - x_min)"), 0, "x_min should map to -1"),
        # forward substitution on an upper-triangular R
        "q2-lstsq-qr": (("    for i in range(n - 1, -1, -1):\n        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]\n",
                         "    for i in range(n):\n        w[i] = (c[i] - R[i, :i] @ w[:i]) / R[i, i]\n"), 0,
                        "from the last unknown upwards"),
        # the quadratic term of ||y - Xw||^2 forgotten
        "q3-line-formula": (("rss_formula = sp.simplify(S_yy - w0_formula * S_y - w1_formula * S_xy)",
                             "rss_formula = sp.simplify(S_yy - 2 * (w0_formula * S_y + w1_formula * S_xy))"), 0,
                            "expand the squared norm"),
        # the test tail leaks into the fit
        "q5-leak": (("x = np.asarray(series, dtype=float)[:n_train]", "x = np.asarray(series, dtype=float)"), 0,
                    "none after n_train"),
        # the level c / (1 + a): a sign slip
        "q6-settle": (("return c / (1 - a)", "return c / (1 + a)"), 0, "is not the level of the forecasts"),
        # no intercept column
        "q4-lag-matrix": (("np.column_stack([np.ones(rows)] + lags)", "np.column_stack(lags)"), 0, "p + 1 columns"),
        # the naive forecast two steps back
        "q7-evaluate": (("(series7[_t7] - series7[_t7 - 1])", "(series7[_t7] - series7[_t7 - 2])"), 1,
                        "exactly the 60 test values"),
    },
    "mistakes4": {
        # a float factor sneaks into the slope
        "q3-line-formula": (("sp.simplify(w_normal[1])", "sp.simplify(w_normal[1]) * 1.0"), 1, "floating-point"),
        # the draft's leaky line kept, with the right line named
        "q5-leak": (("    x = np.asarray(series, dtype=float)[:n_train]\n"
                     "    windows = np.lib.stride_tricks.sliding_window_view(x[:-1], p)   # rows x_{t-p}, ..., x_{t-1}\n"
                     "    X = np.column_stack([np.ones(len(windows)), windows[:, ::-1]])\n"
                     "    return np.linalg.lstsq(X, x[p:], rcond=None)[0]\n",
                     "    x = np.asarray(series, dtype=float)[:n_train]\n    X = np.ones((n_train - p, p + 1))\n"
                     "    for k in range(1, p + 1):\n        X[:, k] = x[p - k + 1:n_train - k + 1]\n"
                     "    return np.linalg.lstsq(X, x[p:n_train], rcond=None)[0]\n"), 0,
                    "is not the least-squares fit of the training part"),
        # a = 0 not thought through: log(0) = -inf gives 0 steps
        "q6-settle": (("    if a == 0:\n        return 1\n    return max(1, int(np.ceil(np.log(frac) / np.log(abs(a)))))",
                       "    return int(np.ceil(np.log(frac) / np.log(abs(a))))"), 1, "at least 1"),
        # scaled in place: np.asarray of a float array is the caller's array itself
        "q1-poly-features": (("    u = (2 * np.asarray(x, dtype=float) - (x_min + x_max)) / (x_max - x_min)\n",
                              "    u = np.asarray(x, dtype=float)\n    u *= 2\n    u -= x_min + x_max\n"
                              "    u /= x_max - x_min\n"), 1, "changed its input x"),
    },
    "mistakes5": {
        # negative a forgotten: a ** h is negative for odd h, so the loop stops after one step
        "q6-settle": (("    if a == 0:\n        return 1\n    return max(1, int(np.ceil(np.log(frac) / np.log(abs(a)))))",
                       "    h = 1\n    while a ** h > frac:\n        h += 1\n    return h"), 1, "is too small"),
    },
    # an equivalent that no list of names foresaw: tensorsolve for the triangular system
    "synonyms": {
        "q2-lstsq-qr": (("    w = np.zeros(n)\n    for i in range(n - 1, -1, -1):\n"
                         "        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]\n", "    w = np.linalg.tensorsolve(R, c)\n"),
                        1, "a solver or inverse from np.linalg"),
    },
}

# Graded in plain mode too (--plain): a rule judged by what runs loses the same points in both modes (issue #13).
PLAIN = ["synonyms"]
