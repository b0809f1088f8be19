"""Class integrity under attack: one submission's crash, hang or resource bomb costs that submission only.

The fast unit tests (no kernel) check the SymPy rebuild's guard against nested powers and the jail's
arguments; the class test grades honest canaries together with hostile submissions in one
``grade_class`` run with short limits.
"""

from __future__ import annotations

import time

import pytest

from autograder.hardened import wire


def _nested_power(levels: int, base: int = 9, exp: int = 64) -> str:
    text = f"Integer({base})"
    for _ in range(levels):
        text = f"Pow({text}, Integer({exp}))"
    return text


def test_nested_powers_are_measured_at_every_level():
    # each level's exponent is small, the result is not: 9**(64**3) has 250 000 digits
    start = time.perf_counter()
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(_nested_power(3))
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(_nested_power(6))
    assert time.perf_counter() - start < 2


def test_products_of_large_powers_are_refused():
    big = "Pow(Integer(7), Integer(9000))"  # 7 600 digits each: accepted alone
    wire.rebuild_sympy(big)
    with pytest.raises(wire.PlainDataError, match="too large"):
        wire.rebuild_sympy(f"Mul({', '.join([big] * 10)})")


def test_honest_powers_still_rebuild():
    import sympy as sp

    assert wire.rebuild_sympy(_nested_power(2, base=2, exp=3)) == sp.Integer(2) ** 9
    assert wire.rebuild_sympy("Pow(Integer(-1), Integer(1000000001))") == -1
    assert wire.rebuild_sympy("Pow(Rational(1, 2), Integer(100))") == sp.Rational(1, 2**100)
    assert wire.rebuild_sympy("Pow(Symbol('x'), Integer(2))") == sp.Symbol("x") ** 2
    assert wire.rebuild_sympy("Pow(Integer(2), Rational(1, 2))") == sp.sqrt(2)


def _crashing_sparse() -> dict:
    """A CSC matrix whose row index points far outside it: converting it to CSR writes out of bounds."""
    import numpy as np

    return {"t": "sparse", "cls": "csr_array", "format": "csc", "shape": [2, 2], "parts": {
        "data": wire.encode(np.ones(2)), "indices": wire.encode(np.array([0, 100_000_000], dtype=np.int32)),
        "indptr": wire.encode(np.array([0, 1, 2], dtype=np.int32))}}


def test_a_sparse_matrix_with_indices_out_of_range_is_refused_not_a_crash():
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom autograder.hardened import wire\n"
            "try:\n    wire.decode(json.loads(sys.argv[1]))\n    print('rebuilt')\n"
            "except wire.PlainDataError as exc:\n    print('refused:', exc)\n")
    run = subprocess.run([sys.executable, "-c", code, json.dumps(_crashing_sparse())], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, f"the grader's process crashed (exit {run.returncode})"
    assert run.stdout.startswith("refused: a damaged sparse matrix"), run.stdout
