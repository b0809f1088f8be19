"""What can cross from the student's kernel to the grader? Plain data only, rebuilt by the grader's own code."""

from __future__ import annotations

import base64
import json
from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse
import sympy as sp

from autograder.hardened import wire
from autograder.hardened.wire import PlainDataError, decode, encode, loads, rebuild_sympy


def roundtrip(value):
    return loads(json.dumps(encode(value)))


@pytest.mark.parametrize("value", [
    0, -7, 2**80, 1.5, float("inf"), complex(1, -2), "text", None, True,
    [1, [2.0, "x"]], (1, 2), {1, 2}, frozenset({3}), {"a": 1, 2: [3]}, Fraction(3, 7),
])
def test_python_values_come_back_equal_and_of_the_same_type(value):
    back = roundtrip(value)
    assert back == value and (type(back) is type(value) or isinstance(value, str) and isinstance(back, str))


def test_sympy_never_parses_a_students_text_in_the_grader():
    """sympify/simplify of a string would eval it; text from the kernel is refused, SymPy's own text is not."""
    payload = roundtrip("__import__('os').getcwd()")
    harmless_looking = roundtrip("2 - sqrt(2)")
    with wire.refuse_text_parsing():
        for text in (payload, harmless_looking, "exec(chr(49))"):
            with pytest.raises(sp.SympifyError):
                sp.sympify(text)
        with pytest.raises(sp.SympifyError):
            sp.simplify(payload)
        assert sp.nsimplify(0.25) == sp.Rational(1, 4)  # SymPy's own use of text still works
    assert sp.sympify("2 - sqrt(2)") == 2 - sp.sqrt(2)  # and outside the guard, nothing changed


@pytest.mark.parametrize("arr", [
    np.arange(12.0).reshape(3, 4), np.array(3.5), np.array([[1 + 2j]]), np.arange(6, dtype=np.int32)[::2],
    np.zeros((0, 3)), np.array([True, False]), np.asfortranarray(np.arange(6.0).reshape(2, 3)),
])
def test_arrays_keep_shape_dtype_and_values(arr):
    back = roundtrip(arr)
    assert type(back) is np.ndarray and back.shape == arr.shape and back.dtype == arr.dtype
    assert np.array_equal(back, arr)


def test_numpy_scalars_stay_numpy_scalars():
    back = roundtrip(np.float64(2.5))
    assert type(back) is np.float64 and back == 2.5
    assert type(roundtrip(np.int64(3))) is np.int64


def test_an_ndarray_subclass_arrives_as_a_plain_array_with_its_real_values():
    class Rigged(np.ndarray):
        def __eq__(self, other):
            return np.ones(np.shape(other), dtype=bool)

    back = roundtrip(np.array([1.0, 2.0]).view(Rigged))
    assert type(back) is np.ndarray
    assert not np.array_equal(back, [9.0, 9.0])


def test_subclasses_of_numbers_lose_their_tricks():
    class Always(float):
        def __eq__(self, other):
            return True

    back = roundtrip(Always(1.0))
    assert type(back) is float and back != 2.0


def test_sympy_objects_are_rebuilt_from_srepr():
    x = sp.Symbol("x", positive=True)
    f = sp.Function("f")
    for value in [sp.sqrt(2) / 3 + x**2, sp.Matrix([[1, x], [sp.Rational(1, 2), sp.pi]]), sp.FiniteSet(1, 2),
                  sp.oo, f(x) + sp.sin(x), sp.Eq(x, 2), sp.Float("0.1", 30)]:
        back = roundtrip(value)
        assert back == value, value
    assert roundtrip(x).is_positive


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "Symbol('x').__class__.__base__",
    "Integer(1).__reduce__()",
    "eval('1')",
    "(lambda: 1)()",
    "Symbol(*['x'])",
    "Add(" * 2000 + ")" * 2000,
])
def test_a_malicious_srepr_is_refused_without_running_anything(text):
    with pytest.raises(PlainDataError):
        rebuild_sympy(text)


def test_sparse_matrices_come_back_in_their_format_and_class():
    m = scipy.sparse.random(5, 4, density=0.4, format="csr", random_state=0)
    for value in [m, scipy.sparse.csc_array(m), scipy.sparse.coo_matrix(m), scipy.sparse.lil_matrix(m)]:
        back = roundtrip(value)
        assert type(back) is type(value)
        assert np.array_equal(back.toarray(), value.toarray())


@pytest.mark.parametrize("tree", [
    {"t": "nd", "dtype": "|O", "shape": [1], "b64": ""},                               # object dtype
    {"t": "nd", "dtype": "<f8", "shape": [3], "b64": base64.b64encode(b"\0" * 8).decode()},  # too few bytes
    {"t": "nd", "dtype": "<f8", "shape": [-1], "b64": ""},
    {"t": "nd", "dtype": "[('a', '<f8')]", "shape": [1], "b64": base64.b64encode(b"\0" * 8).decode()},
    {"t": "handle", "id": 1, "callable": True},                                          # no remote: refused
    {"t": "pickle", "data": "gASVAAAAAAAAAAA="},
    {"t": "sparse", "cls": "os", "format": "csr", "shape": [1, 1], "parts": {}},
    ["a", "bare", "list"],
])
def test_anything_that_is_not_plain_data_is_refused(tree):
    with pytest.raises(PlainDataError):
        decode(tree)


def test_a_reply_too_large_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(wire, "MAX_BYTES", 100)
    with pytest.raises(PlainDataError, match="too large"):
        loads(json.dumps(encode(np.zeros(100))))



@pytest.mark.parametrize("text", ["x" * 200, "\\" * 40])  # too long, or short with escapes that double
def test_the_kernels_agent_says_an_answer_is_too_large_instead_of_sending_it(monkeypatch, text):
    """A reply past the grader's cap on one message would be dropped on the way: the test would wait for its
    time limit and the notebook go on in a fresh kernel. The agent replies "too large" at once instead."""
    from autograder.hardened import agent

    monkeypatch.setattr(wire, "MAX_BYTES", 100)
    holder = type("Holder", (), {"answer": text})()
    agent.serve(json.dumps({"op": "getattr", "target": agent._keep(holder), "name": "answer"}))
    assert json.loads(agent.reply) == {"too_large": True}
    holder.answer = "short"
    agent.serve(json.dumps({"op": "getattr", "target": agent._keep(holder), "name": "answer"}))
    assert json.loads(agent.reply)["ok"] == "short"

def test_objects_that_are_not_data_become_handles_only_when_allowed():
    kept = []
    tree = encode(lambda: 1, handle=lambda obj: kept.append(obj) or len(kept))
    assert tree["t"] == "handle" and tree["callable"] and kept
    with pytest.raises(PlainDataError):
        encode(object())


def test_an_argument_changed_in_place_updates_the_graders_original():
    """A test can tell 'your function changed my matrix' from 'your function returned a new one'."""
    original = [np.zeros(2), np.ones(2)]
    sent: dict[int, list] = {}
    in_kernel = decode(encode(original), registry=sent, path=["a", 0])
    in_kernel[0][0] = 5.0        # a student's function writes into the first matrix ...
    in_kernel.reverse()          # ... and reverses the caller's list
    back = encode(in_kernel, same=sent)
    first, second = original
    decode(back, same=lambda path: wire.locate({"a": [original]}, path))
    assert original[0] is second and original[1] is first and first[0] == 5.0
