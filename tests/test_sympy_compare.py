"""Zero, non-zero and equal for SymPy and plain numbers, whatever SymPy's structural ``==`` says."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from autograder.checks import sym_equal, sym_is_nonzero, sym_is_zero

x = sp.Symbol("x", real=True)

ZEROS = [0, 0.0, -0.0, sp.Integer(0), sp.Float(0.0), sp.Rational(0, 5), sp.S(0.0), np.float64(0.0), np.int64(0),
         Fraction(0), x - x, sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1, 0.5 * x - x / 2, sp.sqrt(2) * sp.sqrt(8) - 4,
         sp.Matrix([0.0, 0.0, 0.0]), sp.zeros(2, 2), np.zeros(3), [sp.Float(0), 0, sp.Rational(0)]]
NONZEROS = [1, 1e-300, sp.Float(1e-20), sp.Rational(1, 10**40), -3, x, x - 1.0 * x + 1e-30, sp.sqrt(2) - 1.4142,
            sp.Matrix([0.0, 0.0, 1e-12]), sp.Matrix([0, 0, sp.Rational(1, 7)]), np.array([0.0, 2.0])]


@pytest.mark.parametrize("value", ZEROS, ids=repr)
def test_zero_is_zero_however_it_is_written(value):
    assert sym_is_zero(value) and not sym_is_nonzero(value)


@pytest.mark.parametrize("value", NONZEROS, ids=repr)
def test_anything_else_is_not_zero(value):
    assert sym_is_nonzero(value) and not sym_is_zero(value)


def test_a_vector_of_floating_point_zeros_is_not_non_zero_although_sympy_says_so():
    c = sp.Matrix([0.0, 0.0, 0.0])
    assert any(sp.simplify(e) != 0 for e in c)  # what a test written with != used to conclude
    assert not any(sym_is_nonzero(e) for e in c) and not sym_is_nonzero(c)


@pytest.mark.parametrize("a, b", [
    (sp.Float(0.5), sp.Rational(1, 2)), (0.1, sp.Rational(1, 10)), (2.0, sp.Integer(2)), (np.float64(0.25), Fraction(1, 4)),
    (sp.Rational(2, 4), sp.Rational(1, 2)), (sp.sqrt(8), 2 * sp.sqrt(2)), (1.4142135623730951, sp.sqrt(2)),
    (0.5 * x, x / 2), ((x + 1) ** 2, x**2 + 2 * x + 1), (sp.Matrix([[0.5, 1]]), sp.Matrix([[sp.Rational(1, 2), 1]])),
])
def test_equal_values_are_equal_in_any_form(a, b):
    assert sym_equal(a, b) and sym_equal(b, a)


@pytest.mark.parametrize("a, b", [
    (sp.Float(0.5), sp.Rational(1, 3)), (0.3333, sp.Rational(1, 3)), (2.0, sp.Integer(3)), (sp.sqrt(2), sp.Rational(141, 100)),
    (0.5 * x, x / 3), (x, x + 1), (sp.Matrix([1, 2]), sp.Matrix([1, 2, 0])), (sp.Matrix([1, 2]), 1),
    (sp.Matrix([[0.5, 1]]), sp.Matrix([[sp.Rational(1, 2), 2]])),
])
def test_different_values_are_not_equal(a, b):
    assert not sym_equal(a, b) and not sym_equal(b, a)


def test_a_relation_is_neither_zero_nor_an_error():
    """A student who answers Eq(x, 1) gets the test's own hint, not an AttributeError from the checker."""
    x = sp.Symbol("x")
    assert sym_is_zero(sp.Eq(x, 1)) is False
    assert sym_is_nonzero(sp.Eq(x, 1)) is True
