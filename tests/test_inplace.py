"""A student's function that changes its arguments in place has the same effect on the test's objects in
hardened grading (where it runs in the kernel on copies) as in the student's own kernel.

The grader's side (:class:`KernelSession`) and the kernel's agent (:mod:`autograder.hardened.agent`) talk here
in one process, over the same JSON requests as in a real kernel: no kernel is started.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sparse
import sympy as sp

from autograder.hardened import agent
from autograder.hardened.kernel_session import KernelSession


class InProcessSession(KernelSession):
    """The grader's session, with the agent answering in this process instead of in a kernel."""

    def __init__(self):
        super().__init__(executor=None)

    def request(self, req, originals=None):
        sent = json.loads(json.dumps(req, allow_nan=False))  # exactly what would cross the wire
        agent.serve(json.dumps(sent))
        reply = agent.reply
        answer = json.loads(reply)
        if "raise" in answer:
            from autograder.hardened.kernel_session import _rebuild_error
            raise _rebuild_error(answer["raise"])
        from autograder.hardened import wire
        value = wire.decode(answer.get("ok"), remote=self._proxy)
        if originals is not None and isinstance(answer.get("changed"), dict):
            self._write_back(originals, answer["changed"])
        return value


def student(fn):
    """``fn`` as the grader sees a student's function: a proxy that calls it in the 'kernel'."""
    session = InProcessSession()
    key = agent._keep(fn)
    return session._proxy({"id": key, "callable": True, "type": "function"})


def shift_diagonal(M, lam):
    for i in range(M.shape[0]):
        M[i, i] = M[i, i] - lam
    return M.det()


def centre_data(R):
    R.data -= R.data.mean()
    return R


def scale_in_place(L):
    L *= 3
    return None


@pytest.mark.parametrize("make", [sp.Matrix, sp.MutableDenseMatrix, sp.MutableSparseMatrix],
                         ids=["Matrix", "MutableDenseMatrix", "MutableSparseMatrix"])
def test_a_sympy_matrix_changed_in_place_changes_the_tests_matrix(make):
    M = make([[2, 1], [1, 3]])
    before = M.copy()
    student(shift_diagonal)(M, sp.Integer(1))
    assert M == sp.Matrix([[1, 1], [1, 2]]) and M != before


def test_a_sympy_matrix_whose_shape_changes_in_place_changes_the_tests_matrix():
    M = sp.Matrix([[1, 2], [3, 4]])
    student(lambda A: A.row_del(0))(M)
    assert M.shape == (1, 2) and M == sp.Matrix([[3, 4]])


def test_an_immutable_sympy_matrix_cannot_be_changed_and_stays_as_it_was():
    M = sp.ImmutableMatrix([[2, 1], [1, 3]])
    with pytest.raises(TypeError):
        student(shift_diagonal)(M, sp.Integer(1))
    assert M == sp.ImmutableMatrix([[2, 1], [1, 3]])


SPARSE = [f"{fmt}_{kind}" for fmt in ("csr", "csc", "coo", "lil", "dok", "bsr", "dia")
          for kind in ("array", "matrix")]


@pytest.mark.parametrize("cls", SPARSE)
def test_a_sparse_matrix_changed_in_place_changes_the_tests_matrix(cls):
    A = getattr(sparse, cls)(np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0], [4.0, 0.0, 5.0]]))
    expected = A.toarray() * 3
    student(scale_in_place)(A)
    assert type(A).__name__ == cls and np.array_equal(A.toarray(), expected)


@pytest.mark.parametrize("cls", ["csr_array", "csc_matrix", "coo_array", "bsr_array"])
def test_sparse_data_changed_in_place_changes_the_tests_matrix(cls):
    A = getattr(sparse, cls)(np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]))
    student(centre_data)(A)
    assert np.isclose(A.data.mean(), 0.0) and A.nnz == 3


def test_a_sparse_matrix_left_alone_keeps_its_identity_and_values():
    A = sparse.csr_array(np.eye(3))
    data = A.data
    student(lambda L: L @ np.ones(3))(A)
    assert A.data is data and np.array_equal(A.toarray(), np.eye(3))


def test_a_view_changed_in_place_writes_through_to_its_base():
    base = np.arange(12.0).reshape(3, 4)
    view = base[:, 1:3]

    def zero_first_row(X):
        X[0] = 0.0

    student(zero_first_row)(view)
    assert np.array_equal(base[0], [0.0, 0.0, 0.0, 3.0]) and base[1, 1] == 5.0


def test_objects_nested_in_containers_are_changed_in_place():
    M = sp.Matrix([[1, 2], [3, 4]])
    S = sparse.csr_array(np.eye(2))
    x = np.zeros(2)
    args = {"m": [M, (S, x)]}

    def touch_everything(d):
        m, (s, v) = d["m"]
        m[0, 0] = 9
        s.data[:] = 7.0
        v += 1.0
        d["new"] = 1

    student(touch_everything)(args)
    assert args["m"][0] is M and M[0, 0] == 9
    assert args["m"][1][0] is S and np.array_equal(S.toarray(), 7 * np.eye(2))
    assert args["m"][1][1] is x and np.array_equal(x, [1.0, 1.0]) and args["new"] == 1
