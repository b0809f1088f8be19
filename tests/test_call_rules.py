"""Rules judged by what runs (``checks.forbid_calls``): an equivalent that no list of names foresaw is still
refused, in plain grading (rule and student code in one process) and hardened grading (the rule set up in
the student's kernel, here the agent answering in this process)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import scipy.sparse as sps
import scipy.sparse.linalg

from autograder import calls, checks
from autograder.checks import forbid_calls
from test_inplace import InProcessSession, agent, student

# Student functions, compiled as if typed in a notebook cell (the rule tells student code by its file).
STUDENT_CODE = '''
import numpy as np, scipy.linalg, scipy.sparse as sps, scipy.sparse.linalg, statistics

def triangular(L, b):
    return scipy.sparse.linalg.spsolve_triangular(sps.csr_array(L), b)

def inverse_by_solve(S):
    return scipy.linalg.solve(S, np.eye(len(S)))

def dok_matvec(indptr, indices, data, x):
    A = sps.dok_array((len(indptr) - 1, len(x)))
    return A @ x

def variance_method(x):
    return np.asarray(x, dtype=float).var()

def variance_by_helper(x):
    def helper(v):
        return statistics.pvariance(v)
    return helper(list(x))

def inverse_by_pinvh(S):
    return scipy.linalg.pinvh(S)  # a decorated function: the call goes through scipy's wrapper

def inverse_by_power(S):
    return np.linalg.matrix_power(S, -1)

def inverse_by_numpy_solve(S):
    return np.linalg.solve(S, np.eye(len(S)))

def solve_honestly(S):
    return np.linalg.solve(S, np.ones((len(S), 3)))

def pca_by_covariance_svd(X):
    Xc = X - X.mean(axis=0)
    return np.linalg.svd(Xc.T @ Xc / (len(X) - 1))[2]

def pca_by_svd(X):
    return np.linalg.svd(X - X.mean(axis=0), full_matrices=False)[2]

def switching_off(x):
    import sys
    sys.setprofile(None)
    return np.asarray(x, dtype=float).var()

def swallowing(x):
    try:
        return np.asarray(x).var()
    except AssertionError:
        m = sum(x) / len(x)
        return sum((v - m) ** 2 for v in x) / len(x)

def honest_variance(x):
    x = np.asarray(x, dtype=float)
    return float(np.mean((x - x.mean()) ** 2)) + float(np.linalg.norm(x)) * 0

def honest_sparse_use(L, x):
    return L @ x + L.T @ x
'''
NS: dict = {}
exec(compile(STUDENT_CODE, "/tmp/ipykernel_4242/3141592.py", "exec"), NS)
X = np.array([1.0, 2.0, 4.0, 7.0])

CASES = [
    ("triangular", (np.tril(np.ones((3, 3))), np.ones(3)), (calls.SCIPY_LINALG, calls.SCIPY_SPARSE_LINALG),
     "spsolve_triangular, which is a function from scipy.sparse.linalg"),
    ("inverse_by_solve", (np.eye(2) * 2,), (calls.SCIPY_LINALG, calls.NUMPY_SOLVERS), "a function from scipy.linalg"),
    ("dok_matvec", (np.array([0, 1]), np.array([0]), np.array([1.0]), np.ones(2)), (calls.SPARSE_CONSTRUCTORS,),
     "a SciPy sparse constructor"),
    ("variance_method", (X,), (calls.NUMPY_VARIANCE,), "x.var()"),
    ("variance_by_helper", (X,), (calls.NUMPY_VARIANCE,), "statistics"),
    ("swallowing", (X,), (calls.NUMPY_VARIANCE,), "a variance from NumPy"),
    ("switching_off", (X,), (calls.NUMPY_VARIANCE,), "turns off the recording"),
    ("inverse_by_pinvh", (np.eye(3) * 2,), (calls.INVERSE,), "scipy.linalg.pinvh, which is the inverse"),
    ("inverse_by_power", (np.eye(3) * 2,), (calls.INVERSE,), "np.linalg.matrix_power, which is the inverse"),
    ("inverse_by_numpy_solve", (np.eye(3) * 2,), (calls.INVERSE,), "np.linalg.solve, which is the inverse"),
    ("pca_by_covariance_svd", (np.random.default_rng(1).normal(size=(6, 6)),), (calls.COVARIANCE_ROUTE,),
     "np.linalg.svd, which is the covariance eigenproblem"),
]


def _plain(name):
    return NS[name]


def _hardened(name):
    return student(NS[name])


@pytest.fixture(params=["plain", "hardened"])
def mode(request, monkeypatch):
    if request.param == "hardened":
        monkeypatch.setattr(checks, "kernel_rules", InProcessSession())
        return _hardened
    return _plain


@pytest.mark.parametrize("name, args, families, words", CASES, ids=[c[0] for c in CASES])
def test_a_forbidden_family_is_refused_whatever_the_name(mode, name, args, families, words):
    fn = mode(name)
    with pytest.raises(AssertionError) as info:
        with forbid_calls(*families, func=fn, reason="implement it yourself"):
            fn(*args)
    assert words in str(info.value) and "not allowed here: implement it yourself" in str(info.value)


def test_honest_code_passes_and_library_internals_are_not_the_students_calls(mode):
    fn, use = mode("honest_variance"), mode("honest_sparse_use")
    L = sps.random_array((5, 5), density=0.5, format="csr", rng=np.random.default_rng(0))
    with forbid_calls(calls.NUMPY_VARIANCE, calls.SCIPY_LINALG, func=fn, allow=("numpy.linalg:norm",)):
        assert np.isclose(fn(X), X.var())
    with forbid_calls(calls.SPARSE_CONSTRUCTORS, calls.SCIPY_LINALG, func=use):
        assert np.allclose(use(L, np.ones(5)), L.toarray() @ np.ones(5) + L.toarray().T @ np.ones(5))


def test_a_conditional_family_judges_the_arguments(mode):
    solve, pca = mode("solve_honestly"), mode("pca_by_svd")
    with forbid_calls(calls.INVERSE, func=solve):
        solve(np.eye(3) * 2)
    with forbid_calls(calls.COVARIANCE_ROUTE, func=pca):  # square data: centred, it is not symmetric
        pca(np.random.default_rng(1).normal(size=(6, 6)))


def test_the_allow_list_lets_a_helper_through(mode):
    fn = mode("honest_variance")
    with pytest.raises(AssertionError, match="norm, which is a function from np.linalg"):
        with forbid_calls(calls.NUMPY_LINALG, func=fn):
            fn(X)
    with forbid_calls(calls.NUMPY_LINALG, func=fn, allow=("numpy.linalg:norm",)):
        fn(X)


def test_the_tests_own_calls_inside_the_block_are_not_judged():
    with forbid_calls(calls.SCIPY_LINALG, calls.NUMPY_VARIANCE, func=NS["honest_variance"]):
        reference = scipy.linalg.solve(np.eye(2), np.ones(2))
        spread = X.var()
        NS["honest_variance"](X)
    assert np.allclose(reference, 1.0) and spread > 0
