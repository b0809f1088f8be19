# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 08 exercises: principal component analysis
#
# Six questions: PCA by the SVD of the centered data, the explained variance ratio and the number of
# components for a target share of the variance, a bug to find in a colleague's PCA, whitening, applying a
# PCA fitted on a training set to a test set, and a data set built to have a given first principal
# component. Each
# question has a **visible test** you can run now and **hidden tests** that run when your notebook is
# graded (on other inputs, including edge cases), so make your functions work for any valid input, not
# only for the example.
#
# * Replace every `raise NotImplementedError()` with your code; do not rename the functions or variables.
# * Run the whole notebook (*Run > Run All Cells*) before you check or submit.
# * Self-check from a terminal: `python -m autograder check exercises/08-pca/08-pca-exercises.ipynb`.
#
# Read chapter 08 (`course/08-pca.ipynb`) first. Conventions for the whole notebook:
#
# * A data matrix `X` has shape $(n, d)$: **rows are samples**, columns are features. It may be a NumPy
#   array or a nested list, and your function must not modify it. The tests use $n \ge 2$.
# * Variances use the factor $\frac{1}{n-1}$ (as `np.cov` and scikit-learn do).
# * Principal directions are only defined up to sign, so the tests accept either sign of every
#   direction (and of every column of scores). They only use data whose leading variances are distinct,
#   so that the directions are otherwise unique.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import sympy as sp

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Question 1: PCA by the SVD (4 points)
#
# Write `pca_fit(X, k)` that returns a tuple `(mean, components, explained_variance)` for a data matrix
# `X` of shape $(n, d)$ and an integer $1 \le k \le \min(n - 1, d)$:
#
# * `mean`: the mean of the rows, a 1-D float array of length $d$;
# * `components`: the first $k$ principal directions as the **rows** of a float array of shape $(k, d)$
#   (like scikit-learn's `components_`), orthonormal, largest variance first;
# * `explained_variance`: the variances $\lambda_1 \ge \dots \ge \lambda_k$ of the data along them, a 1-D
#   float array of length $k$.
#
# Implement it yourself with the SVD of the **centered** data (`np.linalg.svd` is fine):
# **the covariance eigenproblem is not allowed, by any route** — `np.cov`, `np.linalg.eig`, `eigh`,
# `eigvals`, `eigvalsh` (and their `scipy.linalg` and `scipy.sparse.linalg` versions), an SVD of a
# covariance or Gram matrix ($X^\top X$) you built yourself, and scikit-learn; the hidden tests watch the
# calls your function makes.

# %% nbgrader={"grade": false, "grade_id": "q1-pca-fit", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def pca_fit(X, k):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    return mean, Vt[:k], s[:k] ** 2 / (X.shape[0] - 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q1-pca-fit-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_shape

# four points on a line through (1, 2) in the direction (3, 4) / 5, at distances -10, -5, 5, 10
_X = np.array([[1.0, 2.0]]) + np.array([[-10.0], [-5.0], [5.0], [10.0]]) * np.array([[0.6, 0.8]])
_mean, _comp, _var = pca_fit(_X, 1)
assert_close(_mean, np.array([1.0, 2.0]), name="mean")
assert_shape(_comp, (1, 2), name="components")
assert_close(np.abs(np.asarray(_comp, dtype=float)), np.array([[0.6, 0.8]]), name="components (up to sign)")
assert_close(_var, np.array([250.0 / 3.0]), name="explained_variance",
             hint="the variance along the line is (100 + 25 + 25 + 100) / (n - 1).")

# %% nbgrader={"grade": true, "grade_id": "q1-pca-fit-hidden", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, wide and square data far from the origin, every k, list input, X unchanged,
# the covariance eigenproblem blocked.
### BEGIN HIDDEN TESTS
import contextlib

import scipy.linalg
from autograder import calls
from autograder.checks import assert_close, assert_orthonormal_columns, assert_shape, forbid_calls

_rng = np.random.default_rng(6101)


def _data(n, d, offset):
    _Q, _ = np.linalg.qr(_rng.normal(size=(d, d)))
    _scales = np.geomspace(5.0, 0.5, d)              # distinct variances along random directions
    return offset + (_rng.normal(size=(n, d)) * _scales) @ _Q.T


_cases = [("a tall 60x5 data set centred at 100", _data(60, 5, 100.0)),
          ("a wide 7x12 data set (more features than samples)", _data(7, 12, -20.0)),
          ("a square 6x6 data set", _data(6, 6, 3.0)),
          ("a 40x3 data set scaled by 1e4", 1e4 * _data(40, 3, 1.0))]
_why = "compute PCA with the SVD of the centered data, not with the covariance eigenproblem"
with forbid_calls(calls.COVARIANCE_ROUTE, reason=_why, func=pca_fit):
    for _name, _X in _cases:
        _n, _d = _X.shape
        _mu = _X.mean(axis=0)
        _, _s, _Vt = np.linalg.svd(_X - _mu, full_matrices=False)
        _, _, _Vt_raw = np.linalg.svd(_X, full_matrices=False)
        for _k in range(1, min(_n - 1, _d) + 1):
            _Xcopy = _X.copy()
            _mean, _comp, _var = pca_fit(_X, _k)
            assert np.array_equal(_X, _Xcopy), "pca_fit changed its input X; work on a copy."
            _who = f"pca_fit(X, {_k}) for {_name}"
            assert_close(_mean, _mu, rtol=1e-9, atol=1e-9, name=f"the mean of {_who}")
            assert_shape(_comp, (_k, _d), name=f"the components of {_who}",
                         hint="one principal direction per row.")
            _comp = np.asarray(_comp, dtype=float)
            assert_orthonormal_columns(_comp.T, atol=1e-6, name=f"the rows of the components of {_who}")
            _cos = np.abs(np.sum(_comp * _Vt[:_k], axis=1))
            if not np.all(_cos > 1 - 1e-6):
                if np.all(np.abs(np.sum(_comp * _Vt_raw[:_k], axis=1)) > 1 - 1e-6):
                    raise AssertionError(f"the components of {_who} are the singular vectors of X itself: "
                                         "center X (subtract the mean of each column) before the SVD.")
                _i = int(np.argmin(_cos))
                raise AssertionError(f"component {_i} of {_who} is not the principal direction number {_i} "
                                     "(up to sign): take the right singular vectors (rows of Vt), largest first.")
            assert_close(_var, _s[:_k] ** 2 / (_n - 1), rtol=1e-8, atol=1e-12,
                         name=f"the explained variance of {_who}",
                         hint="the variance along v_i is s_i^2 / (n - 1).")
_mean, _comp, _var = pca_fit([[1.0, 2.0], [3.0, 5.0], [0.0, 4.0]], 1)
assert_close(_mean, np.array([4.0 / 3.0, 11.0 / 3.0]), name="the mean of pca_fit for a nested list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 2: explained variance ratio, and how many components to keep (3 points)
#
# 1. Write `explained_variance_ratio(X)` that returns, for a data matrix `X` of shape $(n, d)$ with
#    non-constant columns, the share $\lambda_i / (\lambda_1 + \dots + \lambda_p)$ of the total variance
#    along **each** principal direction, for all $p = \min(n, d)$ singular values of the centered data
#    (largest first, so the entries decrease and sum to 1; with $n \le d$ the last one is 0 up to rounding):
#    a 1-D float array of length $p$.
# 2. Write `n_components_for(X, fraction)` that returns, as a Python `int`, the **smallest** $k \ge 1$
#    such that the first $k$ components together explain at least `fraction` of the variance, for
#    $0 <$ `fraction` $< 1$ (e.g. `0.95` for "keep 95% of the variance").
#
# Use the library well: `np.linalg.svd(..., compute_uv=False)` gives just the singular values.

# %% nbgrader={"grade": false, "grade_id": "q2-explained-variance", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def explained_variance_ratio(X):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s**2 / np.sum(s**2)
    ### END SOLUTION


def n_components_for(X, fraction):
    ### BEGIN SOLUTION
    cumulative = np.cumsum(explained_variance_ratio(X))
    return int(np.argmax(cumulative >= fraction)) + 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q2-explained-variance-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close

# centered data with variances 16/3, 4/3 and 0 along the three axes, shifted away from the origin
_X = np.array([[4.0, 0.0, 0.0], [-4.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, -2.0, 0.0]]) + 7.0
assert_close(explained_variance_ratio(_X), np.array([0.8, 0.2, 0.0]), atol=1e-12,
             name="explained_variance_ratio(X)")
assert n_components_for(_X, 0.5) == 1, "n_components_for(X, 0.5) should be 1: the first component explains 80%."

# %% nbgrader={"grade": true, "grade_id": "q2-explained-variance-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: tall, wide and rank-deficient data far from the origin, many fractions, the return type.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close

_rng = np.random.default_rng(6201)
_cases = [("a 50x6 data set centred at 50", 50.0 + _rng.normal(size=(50, 6)) * np.array([6, 4, 3, 2, 1, 0.5])),
          ("a wide 5x9 data set", -3.0 + _rng.normal(size=(5, 9)) * np.linspace(3, 1, 9)),
          ("a 30x5 data set of rank 2 around (1, ..., 5)",
           np.arange(1.0, 6.0) + _rng.normal(size=(30, 2)) @ _rng.normal(size=(2, 5))),
          ("a 20x4 data set in the units of 1e-6", 1e-6 * (1.0 + _rng.normal(size=(20, 4)) * np.array([3, 2, 1, 1e-2])))]
for _name, _X in _cases:
    _s = np.linalg.svd(_X - _X.mean(axis=0), compute_uv=False)
    _ref = _s**2 / np.sum(_s**2)
    _got = explained_variance_ratio(_X)
    _arr = np.asarray(_got, dtype=float).ravel()
    if _arr.shape == _ref.shape and np.all(np.isfinite(_arr)) and not np.allclose(_arr, _ref, rtol=1e-8, atol=1e-12):
        _s_raw = np.linalg.svd(_X, compute_uv=False)
        if np.allclose(_arr, _s_raw**2 / np.sum(_s_raw**2), rtol=1e-8, atol=1e-12):
            raise AssertionError(f"explained_variance_ratio(X) for {_name} uses the singular values of X itself: "
                                 "center X first (the variance is measured around the mean).")
        if np.allclose(_arr, _s / np.sum(_s), rtol=1e-8, atol=1e-12):
            raise AssertionError(f"explained_variance_ratio(X) for {_name} uses the singular values "
                                 "themselves: the variances are the squared singular values (divided by n - 1).")
        if np.allclose(_arr, np.cumsum(_ref), rtol=1e-8, atol=1e-12):
            raise AssertionError(f"explained_variance_ratio(X) for {_name} is cumulative: return the share of "
                                 "each component, not the running total.")
        _fv = np.var(_X, axis=0)
        if _X.shape[0] >= _X.shape[1] and (np.allclose(_arr, _fv / _fv.sum(), rtol=1e-8, atol=1e-12)
                                           or np.allclose(_arr, np.sort(_fv)[::-1] / _fv.sum(), rtol=1e-8, atol=1e-12)):
            raise AssertionError(f"explained_variance_ratio(X) for {_name} uses the variances of the features "
                                 "(the columns of X): PCA measures the variance along the principal directions, "
                                 "which mix the features (the squared singular values of the centered data).")
    assert_close(_got, _ref, rtol=1e-8, atol=1e-12, name=f"explained_variance_ratio(X) for {_name}")
    _cum = np.cumsum(_ref)
    for _f in (1e-6, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999999):
        if np.min(np.abs(_cum - _f)) < 1e-9:
            continue                                   # skip a fraction that ties with a cumulative share
        _want = int(np.argmax(_cum >= _f)) + 1
        _k = n_components_for(_X, _f)
        assert isinstance(_k, (int, np.integer)) and not isinstance(_k, bool), \
            f"n_components_for should return an int, got {type(_k).__name__}."
        if _k == _want - 1:
            raise AssertionError(f"n_components_for(X, {_f}) for {_name} is one too small: k counts the "
                                 "components kept (k = 1 means the first one alone), it is not a 0-based index.")
        assert _k == _want, f"n_components_for(X, {_f}) for {_name} is not the smallest k whose components " \
                            "explain at least that fraction."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 3: find the bug in a colleague's PCA (3 points)
#
# A colleague wrote `pca_summary(X, k)` below (a locked cell: run it, do not edit it). It is meant to
# return, for a data matrix `X` of shape $(n, d)$ and $1 \le k \le \min(n - 1, d)$, the tuple
# `(components, variances, scores)`: the first $k$ principal directions as the rows of a $(k, d)$ array,
# the variances $\lambda_1 \ge \dots \ge \lambda_k$ of the data along them (with $\frac{1}{n-1}$), and the
# $(n, k)$ array of the scores of the rows of `X` on those directions. It runs without an error and its
# results have the right shapes, but on most data sets they are wrong. **Exactly one line is faulty.**
#
# 1. Set `faulty_line` to the number of that line (the numbers are in the comments at the end of the
#    lines).
# 2. Write `pca_summary_fixed(X, k)`, a corrected version: the same inputs and the same three outputs,
#    with each component's sign free but its scores matching it (column $i$ of `scores` is the data
#    centered by its mean, times component $i$).
#
# Run the given function on small examples where you know the answer (Section 3 of the chapter) to find
# out what goes wrong.

# %% nbgrader={"grade": false, "grade_id": "q3-colleague-code", "locked": true, "schema_version": 3, "solution": false, "task": false}
def pca_summary(X, k):                                             # line 1
    X = np.array(X, dtype=float)                                   # line 2
    n = X.shape[0]                                                 # line 3
    mu = X.mean(axis=1, keepdims=True)                             # line 4
    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)          # line 5
    components = Vt[:k]                                            # line 6
    variances = s[:k] ** 2 / (n - 1)                               # line 7
    scores = U[:, :k] * s[:k]                                      # line 8
    return components, variances, scores                           # line 9


# %% nbgrader={"grade": false, "grade_id": "q3-diagnose-pca", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "diagnose"}
### BEGIN SOLUTION
faulty_line = 4      # the mean of each row (sample), not of each column (feature)
### END SOLUTION


def pca_summary_fixed(X, k):
    ### BEGIN SOLUTION
    X = np.array(X, dtype=float)
    n = X.shape[0]
    mu = X.mean(axis=0, keepdims=True)
    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)
    components = Vt[:k]
    variances = s[:k] ** 2 / (n - 1)
    scores = U[:, :k] * s[:k]
    return components, variances, scores
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q3-diagnose-pca-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_shape

assert isinstance(faulty_line, (int, np.integer)) and not isinstance(faulty_line, bool) and 1 <= faulty_line <= 9, \
    "faulty_line should be a line number, an int from 1 to 9."
# four points on a line through (1, 2) in the direction (3, 4) / 5, at distances -10, -5, 5, 10
_X = np.array([[1.0, 2.0]]) + np.array([[-10.0], [-5.0], [5.0], [10.0]]) * np.array([[0.6, 0.8]])
_comp, _var, _sc = pca_summary_fixed(_X.copy(), 1)
assert_shape(_comp, (1, 2), name="components")
assert_close(np.abs(np.asarray(_comp, dtype=float)), np.array([[0.6, 0.8]]), name="components (up to sign)")
assert_close(_var, np.array([250.0 / 3.0]), name="variances",
             hint="the variance along the line is (100 + 25 + 25 + 100) / (n - 1).")
assert_shape(_sc, (4, 1), name="scores")
_sign = np.sign(np.asarray(_comp, dtype=float)[0, 0])
assert_close(np.asarray(_sc, dtype=float) * _sign, np.array([[-10.0], [-5.0], [5.0], [10.0]]), name="scores",
             hint="the scores are the signed distances along the line, with the sign of your component.")

# %% nbgrader={"grade": true, "grade_id": "q3-diagnose-pca-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: the faulty line, and the fixed function on tall, wide and square data far from the origin,
# several k, list input, X unchanged: components, variances and scores that match the components.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_close, assert_orthonormal_columns, assert_shape

_rng = np.random.default_rng(6301)
assert faulty_line == 4, (f"line {faulty_line} is not the faulty line: that line does what the function needs. "
                          "Compare what each line computes with Section 3 of the chapter, on data whose mean is "
                          "far from the origin.")


def _data(n, d, offset):
    _Q, _ = np.linalg.qr(_rng.normal(size=(d, d)))
    _means = offset * np.linspace(0.5, 1.5, d)                 # a different mean for every feature
    return _means + (_rng.normal(size=(n, d)) * np.geomspace(5.0, 0.5, d)) @ _Q.T


_cases = [("a tall 50x4 data set centred near 30", _data(50, 4, 30.0)),
          ("a wide 6x10 data set", _data(6, 10, -5.0)),
          ("a square 5x5 data set", _data(5, 5, 2.0)),
          ("a 30x3 data set in the units of 1e-4", 1e-4 * _data(30, 3, 1.0))]
for _name, _X in _cases:
    _n, _d = _X.shape
    _mu = _X.mean(axis=0)
    _, _s, _Vt = np.linalg.svd(_X - _mu, full_matrices=False)
    for _k in sorted({1, 2, min(_n - 1, _d)}):
        _Xcopy = _X.copy()
        _out = pca_summary_fixed(_X, _k)
        assert np.array_equal(_X, _Xcopy), "pca_summary_fixed changed its input X; work on a copy."
        _who = f"pca_summary_fixed(X, {_k}) for {_name}"
        assert isinstance(_out, (tuple, list)) and len(_out) == 3, \
            f"{_who} should return a tuple (components, variances, scores)."
        _comp, _var, _sc = _out
        assert_shape(_comp, (_k, _d), name=f"the components of {_who}")
        assert_shape(_var, (_k,), name=f"the variances of {_who}")
        assert_shape(_sc, (_n, _k), name=f"the scores of {_who}")
        _comp, _sc = np.asarray(_comp, dtype=float), np.asarray(_sc, dtype=float)
        assert_orthonormal_columns(_comp.T, atol=1e-6, name=f"the rows of the components of {_who}")
        if not np.all(np.abs(np.sum(_comp * _Vt[:_k], axis=1)) > 1 - 1e-6):
            raise AssertionError(f"the components of {_who} are not the first {_k} principal directions (up to "
                                 "sign): PCA looks at the spread of the samples around the mean of each feature.")
        assert_close(_var, _s[:_k] ** 2 / (_n - 1), rtol=1e-8, atol=1e-12 * _s[0] ** 2,
                     name=f"the variances of {_who}",
                     hint="the variance along v_i is s_i^2 / (n - 1), for the data centered by the mean of each feature.")
        assert_close(_sc, (_X - _mu) @ _comp.T, rtol=1e-7, atol=1e-9 * np.abs(_X - _mu).max(),
                     name=f"the scores of {_who}",
                     hint="column i of the scores is (X - mean) times component i, with the same sign.")
_Xl = [[1.0, 2.0], [3.0, 5.0], [0.0, 4.0]]
_sl = np.linalg.svd(np.array(_Xl) - np.mean(_Xl, axis=0), compute_uv=False)
_comp, _var, _sc = pca_summary_fixed(_Xl, 1)
assert_close(_var, _sl[:1] ** 2 / 2, name="the variances of pca_summary_fixed for a nested list")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 4: whitening (3 points)
#
# Write `pca_whiten(X, k)` that returns the **PCA-whitened** data of a data matrix `X` of shape $(n, d)$:
# a float array `Z` of shape $(n, k)$ such that
#
# * column $i$ of `Z` is a non-zero multiple (of either sign) of the scores of the rows of `X` on the
#   $i$-th principal direction, for $i = 1, \dots, k$;
# * every column of `Z` has mean zero, and the covariance of `Z` (with $\frac{1}{n-1}$) is the identity
#   $I_k$.
#
# The tests use $1 \le k \le \min(n - 1, d)$ and data whose first $k$ variances are clearly positive. Any
# method is allowed (Section 9 of the chapter discusses whitening).

# %% nbgrader={"grade": false, "grade_id": "q4-whiten", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def pca_whiten(X, k):
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    lam = s[:k] ** 2 / (X.shape[0] - 1)
    return Xc @ Vt[:k].T / np.sqrt(lam)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q4-whiten-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_shape

_rng = np.random.default_rng(0)
_X = 3.0 + _rng.normal(size=(50, 3)) @ np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 0.5], [0.0, 0.0, 0.3]])
_Zw = pca_whiten(_X, 2)
assert_shape(_Zw, (50, 2), name="pca_whiten(X, 2)")
assert np.allclose(np.cov(np.asarray(_Zw, dtype=float), rowvar=False), np.eye(2), atol=1e-8), \
    "the covariance of pca_whiten(X, 2) (with 1 / (n - 1)) should be the 2 x 2 identity."

# %% nbgrader={"grade": true, "grade_id": "q4-whiten-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: small and large n, wide data, data far from the origin and of very different scales:
# zero mean, identity covariance, and every column along its principal direction.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_shape

_rng = np.random.default_rng(6401)
_cases = [("a 7x3 data set centred at 20", 20.0 + _rng.normal(size=(7, 3)) * np.array([4.0, 2.0, 1.0])),
          ("a 200x5 data set", _rng.normal(size=(200, 5)) @ _rng.normal(size=(5, 5))),
          ("a wide 6x10 data set", -4.0 + _rng.normal(size=(6, 10)) * np.linspace(3, 1, 10)),
          ("a 40x4 data set in the units of 1e5", 1e5 * (1.0 + _rng.normal(size=(40, 4)) * np.array([3, 2, 1, 0.5])))]
for _name, _X in _cases:
    _n, _d = _X.shape
    _Xc = _X - _X.mean(axis=0)
    _U, _s, _Vt = np.linalg.svd(_Xc, full_matrices=False)
    _lam = _s**2 / (_n - 1)
    for _k in sorted({1, min(_n - 1, _d)}):
        _who = f"pca_whiten(X, {_k}) for {_name}"
        _Zw = pca_whiten(_X, _k)
        assert_shape(_Zw, (_n, _k), name=_who)
        _Zw = np.asarray(_Zw, dtype=float)
        assert np.all(np.isfinite(_Zw)), f"{_who} contains NaN or infinite values."
        assert np.allclose(_Zw.mean(axis=0), 0.0, atol=1e-8 * max(1.0, np.abs(_Zw).max())), \
            f"the columns of {_who} do not have mean zero: center X (subtract the mean of each column) first."
        _cov = _Zw.T @ _Zw / (_n - 1)
        if not np.allclose(_cov, np.eye(_k), atol=1e-7):
            _dg = np.diag(_cov)
            if np.allclose(_dg, _n / (_n - 1), rtol=1e-7):
                raise AssertionError(f"the whitened columns of {_who} have variance n / (n - 1) instead of 1: "
                                     "the variances are lambda_i = s_i^2 / (n - 1), not s_i^2 / n.")
            if np.allclose(_dg, 1.0 / _lam[:_k], rtol=1e-6):
                raise AssertionError(f"the columns of {_who} have variance 1 / lambda_i: divide each score by "
                                     "the square root of its variance, the standard deviation.")
            if np.allclose(_dg, _lam[:_k], rtol=1e-6):
                raise AssertionError(f"the columns of {_who} still have variance lambda_i: divide each score "
                                     "by its standard deviation sqrt(lambda_i).")
            if np.allclose(_dg, 1.0 / (_n - 1), rtol=1e-6):
                raise AssertionError(f"the columns of {_who} have variance 1 / (n - 1): they were divided by the "
                                     "singular values s_i; the standard deviations are sqrt(lambda_i) = "
                                     "s_i / sqrt(n - 1).")
            raise AssertionError(f"the covariance of {_who} (with 1 / (n - 1)) is not the identity.")
        _corr = np.abs(np.sum(_Zw * _U[:, :_k], axis=0)) / np.sqrt(_n - 1)
        assert np.all(_corr > 1 - 1e-6), \
            f"{_who} has identity covariance, but its columns are not the scores on the principal directions " \
            "(in order, each up to sign): whiten the PCA scores, do not rotate them."
### END HIDDEN TESTS

# %% [markdown]
# ## Question 5: fit on the training set, apply to the test set (3 points)
#
# Write `pca_train_test(X_train, X_test, k)` that fits PCA with $k$ components on `X_train` (shape
# $(n_\text{train}, d)$) **only**, and returns the scores of the rows of `X_test` (shape
# $(n_\text{test}, d)$, possibly a single row) in that fitted PCA: the float array
# $(X_\text{test} - \boldsymbol{\mu}_\text{train})\,V_{k,\text{train}}$ of shape $(n_\text{test}, k)$, where
# $\boldsymbol{\mu}_\text{train}$ is the mean of the training rows and the columns of $V_{k,\text{train}}$
# are the first $k$ principal directions of the training data. The tests use
# $1 \le k \le \min(n_\text{train} - 1, d)$. Any sign of each column is accepted. `np.linalg.svd` is
# fine (you may call your `pca_fit`). Do not modify the inputs.

# %% nbgrader={"grade": false, "grade_id": "q5-train-test", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "implement"}
def pca_train_test(X_train, X_test, k):
    ### BEGIN SOLUTION
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mu = X_train.mean(axis=0)
    _, _, Vt = np.linalg.svd(X_train - mu, full_matrices=False)
    return (X_test - mu) @ Vt[:k].T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q5-train-test-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from autograder.checks import assert_close, assert_shape

# training points spread along the x-axis around (2, 0): the first direction is (1, 0), the mean (2, 0)
_X_train = np.array([[0.0, 0.5], [4.0, 0.5], [1.0, -0.5], [3.0, -0.5]])
_X_test = np.array([[5.0, 1.0], [2.0, 7.0]])
_Z = pca_train_test(_X_train, _X_test, 1)
assert_shape(_Z, (2, 1), name="pca_train_test(X_train, X_test, 1)")
assert_close(np.abs(np.asarray(_Z, dtype=float)), np.array([[3.0], [0.0]]), atol=1e-12,
             name="pca_train_test(X_train, X_test, 1) (up to sign)")

# %% nbgrader={"grade": true, "grade_id": "q5-train-test-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: a test set from a shifted distribution, a single test row, wide data, several k;
# diagnoses for refitting on the test set and for centering with the test mean.
### BEGIN HIDDEN TESTS
from autograder.checks import assert_shape

_rng = np.random.default_rng(6501)


def _ok(Z, R):
    """Every column of Z equals the same column of R or its negative."""
    _t = 1e-8 * max(1.0, float(np.abs(R).max()))
    return Z.shape == R.shape and all(np.allclose(Z[:, j], R[:, j], rtol=1e-7, atol=_t)
                                      or np.allclose(Z[:, j], -R[:, j], rtol=1e-7, atol=_t) for j in range(R.shape[1]))


def _draw(n, d, shift):
    return shift + _rng.normal(size=(n, d)) * np.geomspace(4.0, 0.5, d)


_cases = [("a 40x5 training set and a shifted 15x5 test set", _draw(40, 5, 10.0), _draw(15, 5, 12.0)),
          ("a 30x4 training set and a single test row", _draw(30, 4, -3.0), _draw(1, 4, -3.0)),
          ("a wide 6x9 training set and a 4x9 test set", _draw(6, 9, 1.0), _draw(4, 9, 2.0))]
for _name, _Xtr, _Xte in _cases:
    _mu = _Xtr.mean(axis=0)
    _, _, _Vt = np.linalg.svd(_Xtr - _mu, full_matrices=False)
    for _k in sorted({1, 2, min(_Xtr.shape[0] - 1, _Xtr.shape[1])}):
        _copies = (_Xtr.copy(), _Xte.copy())
        _Z = pca_train_test(_Xtr, _Xte, _k)
        assert np.array_equal(_Xtr, _copies[0]) and np.array_equal(_Xte, _copies[1]), \
            "pca_train_test changed one of its inputs; work on copies."
        _who = f"pca_train_test(X_train, X_test, {_k}) for {_name}"
        assert_shape(_Z, (_Xte.shape[0], _k), name=_who)
        _Z = np.asarray(_Z, dtype=float)
        _ref = (_Xte - _mu) @ _Vt[:_k].T
        if _ok(_Z, _ref):
            continue
        if _ok(_Z, (_Xte - _Xte.mean(axis=0)) @ _Vt[:_k].T):
            raise AssertionError(f"{_who} centers the test rows with their own mean: use the training mean "
                                 "(a single test row would become all zeros).")
        if _ok(_Z, _Xte @ _Vt[:_k].T):
            raise AssertionError(f"{_who} projects the test rows without centering: subtract the training "
                                 "mean first.")
        if _Xte.shape[0] > 1:
            _Xtec = _Xte - _Xte.mean(axis=0)
            _, _, _Vt_te = np.linalg.svd(_Xtec, full_matrices=False)
            if _ok(_Z, _Xtec @ _Vt_te[:_k].T) or _ok(_Z, (_Xte - _mu) @ _Vt_te[:_k].T):
                raise AssertionError(f"{_who} refits PCA on the test set: fit the mean and the directions on "
                                     "the training set only, then apply them to the test rows.")
        _Xall = np.vstack([_Xtr, _Xte])
        _mu_all = _Xall.mean(axis=0)
        _, _, _Vt_all = np.linalg.svd(_Xall - _mu_all, full_matrices=False)
        if _ok(_Z, (_Xte - _mu_all) @ _Vt_all[:_k].T) or _ok(_Z, (_Xte - _mu) @ _Vt_all[:_k].T):
            raise AssertionError(f"{_who} fits PCA on the training and test rows together: the test data "
                                 "leaks into the model; fit the mean and the directions on X_train only.")
        raise AssertionError(f"{_who} is not the scores of the test rows in the PCA fitted on the training set "
                             "(each column up to sign).")
### END HIDDEN TESTS

# %% [markdown]
# ## Question 6: a data set with a prescribed first principal component (3 points)
#
# To check a PCA program (or to show a class what PCA finds) it helps to have data whose answer is known
# in advance. Write `data_with(direction, ratio, center)` that returns a data matrix `X`, a float array of
# shape $(n, d)$ with $d$ the length of `direction` and any number of rows $n \ge 2$ you like (at most
# 10000), such that
#
# 1. the mean of the rows is `center` (a vector of length $d$);
# 2. the first principal direction of `X` is the direction of `direction` (a non-zero vector, not
#    necessarily of unit length; either sign), and it is unique: $\lambda_1 > \lambda_2$;
# 3. the first component explains exactly the fraction `ratio` of the total variance:
#    $\lambda_1/(\lambda_1 + \dots + \lambda_d) =$ `ratio`.
#
# The tests use $d \ge 2$ and $1/d <$ `ratio` $\le 1$ (why can `ratio` not be $1/d$ or less?). Many
# data sets qualify and every one of them earns full marks: the tests check the three properties.
# `direction` and `center` may be NumPy arrays or lists; do not modify them.

# %% nbgrader={"grade": false, "grade_id": "q6-prescribed-pca", "locked": false, "schema_version": 3, "solution": true, "task": false} question={"kind": "construct"}
def data_with(direction, ratio, center):
    ### BEGIN SOLUTION
    w = np.asarray(direction, dtype=float)
    center = np.asarray(center, dtype=float)
    d = len(w)
    # an orthonormal basis whose first vector is +-w/||w||
    Q, _ = np.linalg.qr(np.column_stack([w, np.eye(d)]))
    # the 2d points center +- a q_1 and center +- b q_j (j >= 2) have variances proportional to a^2 along
    # q_1 and b^2 along each q_j: ratio = a^2 / (a^2 + (d - 1) b^2), with b^2 = 1 - ratio and a^2 = ratio (d - 1);
    # a > b exactly when ratio > 1/d
    steps = np.full(d, np.sqrt(1.0 - ratio))
    steps[0] = np.sqrt(ratio * (d - 1))
    offsets = Q[:, :d] * steps                      # column j: the step along q_j
    return center + np.vstack([offsets.T, -offsets.T])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "q6-prescribed-pca-visible", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
_X = np.asarray(data_with(np.array([3.0, 4.0]), 0.9, np.array([10.0, -5.0])), dtype=float)
assert _X.ndim == 2 and _X.shape[1] == 2 and 2 <= _X.shape[0] <= 10000, \
    f"data_with([3, 4], 0.9, [10, -5]) should have shape (n, 2) with 2 <= n <= 10000, got {_X.shape}."
assert np.allclose(_X.mean(axis=0), [10.0, -5.0]), "the mean of the rows should be center = (10, -5)."
_s = np.linalg.svd(_X - _X.mean(axis=0), compute_uv=False)
_Vt = np.linalg.svd(_X - _X.mean(axis=0), full_matrices=False)[2]
assert abs(abs(_Vt[0] @ np.array([0.6, 0.8])) - 1.0) < 1e-8, "the first principal direction should be (3, 4) / 5."
assert abs(_s[0] ** 2 / np.sum(_s**2) - 0.9) < 1e-8, "the first component should explain 90% of the variance."

# %% nbgrader={"grade": true, "grade_id": "q6-prescribed-pca-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
# Hidden tests: d from 2 to 10, ratios from just above 1/d to 1, directions of any length and sign (also along
# an axis), centers near and far from the origin, list input, inputs unchanged.
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(6601)
_cases = [
    ("d = 3, ratio 0.4", _rng.normal(size=3), 0.4, np.array([1.0, 2.0, 3.0])),
    ("d = 2, ratio 0.55", np.array([1.0, -1.0]), 0.55, np.array([0.0, 0.0])),
    ("d = 4, ratio 0.3", _rng.normal(size=4), 0.3, _rng.normal(size=4)),
    ("d = 5, ratio 1 (points on a line)", _rng.normal(size=5), 1.0, np.full(5, -7.0)),
    ("d = 2, direction e_2", np.array([0.0, 2.0]), 0.8, np.array([3.0, 3.0])),
    ("d = 3, direction -e_1", np.array([-1.0, 0.0, 0.0]), 0.6, np.array([0.0, 1.0, 0.0])),
    ("d = 10, ratio 0.15", _rng.normal(size=10), 0.15, _rng.normal(size=10)),
    ("d = 6, a direction of length 1e-6", 1e-6 * _rng.normal(size=6), 0.5, np.zeros(6)),
    ("d = 3, a direction of length 1e6", 1e6 * _rng.normal(size=3), 0.97, np.array([1e4, -2e4, 5e3])),
    ("d = 2, ratio 0.999", np.array([2.0, 1.0]), 0.999, np.array([-1.0, 4.0])),
]
for _name, _w, _ratio, _c in _cases:
    _d = len(_w)
    _wcopy, _ccopy = _w.copy(), _c.copy()
    _X = data_with(_w, _ratio, _c)
    assert np.array_equal(_w, _wcopy) and np.array_equal(_c, _ccopy), \
        "data_with changed its input direction or center; work on copies."
    _who = f"data_with(direction, {_ratio}, center) for {_name}"
    _X = np.asarray(_X, dtype=float)
    assert _X.ndim == 2 and _X.shape[1] == _d and 2 <= _X.shape[0] <= 10000, \
        f"{_who} should have shape (n, {_d}) with 2 <= n <= 10000, got {_X.shape}."
    assert np.all(np.isfinite(_X)), f"{_who} contains NaN or inf."
    _mu = _X.mean(axis=0)
    _Xc = _X - _mu
    _spread = max(np.abs(_Xc).max(), 1e-300)
    assert np.allclose(_mu, _c, rtol=1e-9, atol=1e-9 * max(1.0, np.abs(_c).max(), _spread)), \
        f"the mean of the rows of {_who} is not center."
    _, _s, _Vt = np.linalg.svd(_Xc, full_matrices=False)
    _lam = np.zeros(_d)
    _lam[:len(_s)] = _s**2
    assert _lam[0] > 0, f"{_who} has no spread at all: every row is the same."
    _wh = _w / np.linalg.norm(_w)
    _along = np.linalg.norm(_Xc @ _wh) ** 2                # (n - 1) times the variance along the direction
    if _along < _lam[0] * (1 - 1e-7):
        raise AssertionError(f"for {_name}, the first principal direction of your data is not the given direction: "
                             f"the variance along it is {_along / _lam[0]:.4g} times the largest variance. Are your "
                             "other directions perpendicular to it, and is its variance larger than any other?")
    if _lam[1] > _lam[0] * (1 - 1e-6):
        raise AssertionError(f"for {_name}, the first principal direction of your data is not unique: the two "
                             "largest variances are equal.")
    _got = _lam[0] / _lam.sum()
    if abs(_got - _ratio) > 1e-8:
        _sd = np.sqrt(_lam)
        if abs(_sd[0] / _sd.sum() - _ratio) <= 1e-6:
            raise AssertionError(f"for {_name}, the first component of your data explains {_got:.6g} of the total "
                                 f"variance, not ratio = {_ratio}: your standard deviations have that share, but "
                                 "variances add up, standard deviations do not.")
        raise AssertionError(f"for {_name}, the first component of your data explains {_got:.6g} of the total "
                             f"variance, not ratio = {_ratio}: the share is lambda_1 / (lambda_1 + ... + lambda_d), "
                             "so the variances along the other d - 1 directions must add up to 1 - ratio of the "
                             "total. (Do the lengths of your direction vectors scale the spread?)")
_X = np.asarray(data_with([1.0, 1.0, 0.0], 0.5, [1.0, 0.0, -1.0]), dtype=float)
assert _X.shape[1] == 3 and np.allclose(_X.mean(axis=0), [1.0, 0.0, -1.0]), "data_with should accept lists."
### END HIDDEN TESTS
