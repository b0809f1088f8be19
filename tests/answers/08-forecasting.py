"""Test data for chapter 08: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and its hidden test must fail with a message containing the hint.

The reference answers of q5 and q7 do not call the functions of q4-q6, so a mistake in one question
cannot change the score of another in the same notebook.
"""

_Q3_DATA = "x_pts = sp.Matrix([0, 1, 2, 3, 4])\ny_pts = sp.Matrix([1, 1, 2, 4, 4])\n"
_Q7_DATA = ("rng7 = np.random.default_rng(2008)\nz7 = np.zeros(300)\nfor t in range(2, 300):\n"
            "    z7[t] = 1.5588 * z7[t - 1] - 0.81 * z7[t - 2] + 2.0 * rng7.normal()\n"
            "series7 = 100.0 + z7[60:]\nn_train7 = 180\n")

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
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
    # the textbook formulas slope = Sxy / Sxx, intercept = ybar - slope * xbar, with Rationals
    "q3-exact-line": _Q3_DATA + "xs, ys = list(x_pts), list(y_pts)\nxbar = sp.Rational(sum(xs), len(xs))\n"
                     "ybar = sp.Rational(sum(ys), len(ys))\n"
                     "slope = sum((a - xbar) * (b - ybar) for a, b in zip(xs, ys)) / sum((a - xbar) ** 2 for a in xs)\n"
                     "w_exact = sp.Matrix([ybar - slope * xbar, slope])\n"
                     "rss_exact = sum((b - w_exact[0] - w_exact[1] * a) ** 2 for a, b in zip(xs, ys))\n",
    # a row-by-row loop
    "q4-lag-matrix": "def lag_matrix(series, p, horizon=1):\n    x = list(series)\n"
                     "    if p < 1 or horizon < 1 or len(x) - p - horizon + 1 < 1:\n        raise ValueError('bad')\n"
                     "    rows, targets = [], []\n    for t in range(p + horizon - 1, len(x)):\n"
                     "        rows.append([1.0] + [float(x[t - horizon - k]) for k in range(p)])\n"
                     "        targets.append(float(x[t]))\n    return np.array(rows), np.array(targets)\n",
    # reuse the functions of questions 2 and 4
    "q5-fit-ar": "def fit_ar(series, p, n_train):\n    X, y = lag_matrix(np.asarray(series)[:n_train], p)\n"
                 "    return lstsq_qr(X, y)\n",
    # the companion matrix: the state (x_t, ..., x_{t-p+1}) is multiplied by A and shifted
    "q6-forecast": "def forecast_recursive(coef, history, steps):\n    coef = np.asarray(coef, dtype=float)\n"
                   "    p = len(coef) - 1\n    A = np.zeros((p, p))\n    A[0] = coef[1:]\n    A[1:, :-1] = np.eye(p - 1)\n"
                   "    state = np.asarray(history, dtype=float)[::-1][:p].copy()\n    out = []\n"
                   "    for _ in range(steps):\n        state = A @ state\n        state[0] += coef[0]\n"
                   "        out.append(state[0])\n    return np.array(out, dtype=float)\n",
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
    # SymPy's exact pseudo-inverse; the residual sum as a dot product
    "q3-exact-line": _Q3_DATA + "X = sp.Matrix([[1, v] for v in x_pts])\nw_exact = X.pinv() * y_pts\n"
                     "res = y_pts - X * w_exact\nrss_exact = res.dot(res)\n",
    # sliding windows, reversed to put the most recent value first
    "q4-lag-matrix": "def lag_matrix(series, p, horizon=1):\n    x = np.array(series, dtype=float)\n"
                     "    if min(p, horizon) < 1 or len(x) < p + horizon:\n        raise ValueError('too short')\n"
                     "    win = np.lib.stride_tricks.sliding_window_view(x[:len(x) - horizon], p)[:, ::-1]\n"
                     "    return np.hstack([np.ones((len(win), 1)), win]), x[p + horizon - 1:]\n",
    # the normal equations, fine for this well-conditioned design
    "q5-fit-ar": "def fit_ar(series, p, n_train):\n    x = np.array(series[:n_train], dtype=float)\n"
                 "    X = np.column_stack([np.ones(n_train - p)] + [x[p - k:n_train - k] for k in range(1, p + 1)])\n"
                 "    return np.linalg.solve(X.T @ X, X.T @ x[p:])\n",
    # a growing buffer, the newest value at the end
    "q6-forecast": "def forecast_recursive(coef, history, steps):\n    buf = [float(v) for v in history]\n"
                   "    n0 = len(buf)\n    for _ in range(steps):\n"
                   "        buf.append(coef[0] + sum(coef[k] * buf[-k] for k in range(1, len(coef))))\n"
                   "    return np.array(buf[n0:], dtype=float)\n",
    # scikit-learn's LinearRegression on the lag features
    "q7-evaluate": _Q7_DATA + "from sklearn.linear_model import LinearRegression\n"
                   "F = np.column_stack([series7[3 - k:240 - k] for k in (1, 2, 3)])\ntarget = series7[3:]\n"
                   "model = LinearRegression().fit(F[:n_train7 - 3], target[:n_train7 - 3])\n"
                   "coef7 = np.r_[model.intercept_, model.coef_]\n"
                   "rmse_ar = float(np.sqrt(np.mean((target[n_train7 - 3:] - model.predict(F[n_train7 - 3:])) ** 2)))\n"
                   "rmse_naive = float(np.sqrt(np.mean((series7[n_train7:] - series7[n_train7 - 1:-1]) ** 2)))\n",
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
        # a floating-point solver instead of exact arithmetic
        "q3-exact-line": (("w_exact = (X_pts.T * X_pts).solve(X_pts.T * y_pts)",
                           "w_exact = sp.Matrix(np.linalg.lstsq(np.array(X_pts, dtype=float), "
                           "np.array(y_pts, dtype=float).ravel(), rcond=None)[0])"), 0, "floating-point"),
        # oldest lag first
        "q4-lag-matrix": (("for k in range(p)]", "for k in range(p - 1, -1, -1)]"), 0, "reverse order"),
        # the test tail leaks into the fit
        "q5-fit-ar": (("x = np.asarray(series, dtype=float)[:n_train]", "x = np.asarray(series, dtype=float)"), 0,
                      "none after n_train"),
        # a_1 multiplies the oldest value of the window
        "q6-forecast": (("coef[1:] @ np.array(recent[:p])", "coef[1:] @ np.array(recent[:p][::-1])"), 1,
                        "most recent value"),
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
        # columns (x, 1): the slope comes first
        "q3-exact-line": (("X_pts = sp.Matrix.hstack(sp.ones(5, 1), x_pts)", "X_pts = sp.Matrix.hstack(x_pts, sp.ones(5, 1))"),
                          1, "intercept first"),
        # the target one step too early
        "q4-lag-matrix": (("x[start:].copy()", "x[start - 1:n - 1].copy()"), 0, "horizon steps after"),
        # off by one: the last training value is dropped
        "q5-fit-ar": (("[:n_train]", "[:n_train - 1]"), 1, "none after n_train"),
        # forecasts not fed back
        "q6-forecast": (("        recent.insert(0, out[h])\n", ""), 0, "feed each forecast back"),
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
        # the norm of the residual instead of the sum of squares
        "q3-exact-line": (("rss_exact = (r_pts.T * r_pts)[0, 0]", "rss_exact = sp.sqrt((r_pts.T * r_pts)[0, 0])"), 1,
                          "not its square root"),
        # no intercept column
        "q4-lag-matrix": (("np.column_stack([np.ones(rows)] + lags)", "np.column_stack(lags)"), 0, "p + 1 columns"),
        # the naive forecast two steps back
        "q7-evaluate": (("(series7[_t7] - series7[_t7 - 1])", "(series7[_t7] - series7[_t7 - 2])"), 1,
                        "exactly the 60 test values"),
        # forecasts appended to the caller's history list (arrays are copied, lists are not)
        "q6-forecast": ("def forecast_recursive(coef, history, steps):\n    if not isinstance(history, list):\n"
                        "        history = list(history)\n    n0 = len(history)\n    for _ in range(steps):\n"
                        "        history.append(coef[0] + sum(coef[k] * history[-k] for k in range(1, len(coef))))\n"
                        "    return np.array(history[n0:], dtype=float)\n", 1, "changed coef or history"),
    },
    "mistakes4": {
        # scaled in place: np.asarray of a float array is the caller's array itself
        "q1-poly-features": (("    u = (2 * np.asarray(x, dtype=float) - (x_min + x_max)) / (x_max - x_min)\n",
                              "    u = np.asarray(x, dtype=float)\n    u *= 2\n    u -= x_min + x_max\n"
                              "    u /= x_max - x_min\n"), 1, "changed its input x"),
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
