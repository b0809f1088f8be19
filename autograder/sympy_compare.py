"""Is it zero, are they equal: comparisons of SymPy and plain numbers that mean what mathematics means.

Since SymPy 1.13, ``==`` compares structure: ``Float(0.0) == 0`` and ``Float(0.5) == Rational(1, 2)`` are
``False`` and ``sp.simplify(0.0) != 0`` is ``True``, so a test written as ``x != 0`` lets a vector of
floating-point zeros through as "non-zero". Test cells use these instead (through :mod:`autograder.checks`):

* :func:`is_zero` -- exactly zero: ``0``, ``0.0``, ``Rational(0)``, ``x - x``, ``sin(x)**2 + cos(x)**2 - 1``,
  a matrix of zeros; ``1e-300`` is not zero;
* :func:`is_nonzero` -- the opposite (a matrix is non-zero when any entry is);
* :func:`equal` -- the same value: exactly when both sides are exact, within ``rtol`` when either side holds a
  floating-point number (``0.5`` equals ``Rational(1, 2)``, ``0.1`` equals ``Rational(1, 10)``).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

__all__ = ["is_zero", "is_nonzero", "equal", "to_sympy"]


def to_sympy(value: Any) -> Any:
    """``value`` as a SymPy number, expression or matrix (NumPy scalars and arrays, Fractions included)."""
    if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
        return value
    if isinstance(value, np.ndarray):
        return sympy.Matrix(value.tolist()) if value.ndim else to_sympy(value.item())
    if isinstance(value, np.generic):
        return to_sympy(value.item())
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (list, tuple)):
        return sympy.Matrix(value)
    return sympy.sympify(value, strict=True)


def _has_float(expr: Any) -> bool:
    return any(isinstance(a, sympy.Float) for a in expr.atoms(sympy.Float))


def _entries(value: Any) -> list:
    return list(value) if isinstance(value, sympy.MatrixBase) else [value]


def is_zero(value: Any) -> bool:
    """``value`` is exactly zero (every entry, for a matrix), whether written with integers, rationals,
    floats or as an expression that simplifies to zero."""
    return all(_entry_is_zero(e) for e in _entries(to_sympy(value)))


def is_nonzero(value: Any) -> bool:
    """``value`` is not zero (a matrix or vector with at least one entry that is not zero)."""
    return not is_zero(value)


def _entry_is_zero(expr: Any) -> bool:
    from autograder.check_symbolic import _is_zero  # simplify, equals, then random points

    expr = sympy.sympify(expr)
    if expr.is_zero is not None:
        return bool(expr.is_zero)
    if _has_float(expr):
        expr = sympy.nsimplify(expr, rational=True)
    return _is_zero(expr)


def equal(a: Any, b: Any, *, rtol: float = 1e-12) -> bool:
    """``a`` and ``b`` have the same value (entrywise for matrices of the same shape); exact when neither
    holds a float, within a relative ``rtol`` when one does."""
    A, B = to_sympy(a), to_sympy(b)
    if isinstance(A, sympy.MatrixBase) != isinstance(B, sympy.MatrixBase):
        return False
    if isinstance(A, sympy.MatrixBase) and A.shape != B.shape:
        return False
    return all(_entry_equal(x, y, rtol) for x, y in zip(_entries(A), _entries(B)))


def _entry_equal(x: Any, y: Any, rtol: float) -> bool:
    x, y = sympy.sympify(x), sympy.sympify(y)
    if not (_has_float(x) or _has_float(y)):
        return _entry_is_zero(x - y)
    symbols = sorted((x.free_symbols | y.free_symbols), key=str)
    rng = random.Random(20260101)
    points = [{}] if not symbols else [{s: sympy.Rational(rng.randint(1, 997), rng.randint(1, 97))
                                        for s in symbols} for _ in range(6)]
    for point in points:
        try:
            vx, vy = complex(sympy.N(x.subs(point), 30)), complex(sympy.N(y.subs(point), 30))
        except (TypeError, ValueError):
            return False
        if not abs(vx - vy) <= rtol * max(abs(vx), abs(vy)):
            return False
    return True
