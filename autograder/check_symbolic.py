"""Assertions on exact SymPy answers (re-exported by :mod:`autograder.checks`)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import sympy

from autograder.check_arrays import _fail


def _sympify(value: Any, name: str) -> Any:
    if value is None:
        _fail(f"{name} is None: did you forget to assign or return it?")
    if isinstance(value, np.ndarray):
        value = sympy.Matrix(value.tolist())
    try:
        return sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        try:
            return sympy.Matrix(value)
        except Exception:
            _fail(f"{name} is not a SymPy expression or matrix (got {type(value).__name__}).")


def _has_float(expr: Any) -> bool:
    return any(isinstance(atom, sympy.Float) for atom in sympy.sympify(expr).atoms(sympy.Number))


def _is_zero(expr: Any) -> bool:
    expr = sympy.sympify(expr)
    if expr == 0:
        return True
    if _clearly_nonzero(expr):  # a wrong answer: no need for simplify, which can take seconds to give up
        return False
    if _zero_as_polynomial_or_fraction(expr):
        return True
    simplified = sympy.simplify(expr)
    if simplified == 0:
        return True
    # Zero at random points settles what simplify() leaves, such as a nested radical that is a singular value,
    # in milliseconds; equals() spends a quarter of a second on one to answer "don't know". Either one
    # accepts, in either order: only the time changes.
    if _numerically_zero(expr):
        return True
    return bool(expr.equals(0))


def _zero_as_polynomial_or_fraction(expr: Any) -> bool:
    """A polynomial in its symbols is zero exactly when it expands to 0, a rational function when cancel() (one
    common denominator, the numerator expanded) gives 0: exact decisions, four times as fast as simplify() on
    the ridge solution of chapter 07 (expand: a fifth of cancel's time on a 7x7 determinant). False means "not
    decided here" (another kind of expression, or a relation such as Eq(x, 1), which is not an expression)."""
    if not isinstance(expr, sympy.Expr):
        return False
    if expr.is_polynomial():
        return sympy.expand(expr) == 0
    return bool(expr.is_rational_function()) and sympy.cancel(expr) == 0


def _random_point(symbols: list, rng) -> dict:
    """Exact rational values for ``symbols`` (positive where a symbol is positive or nonnegative)."""
    point = {}
    for sym in symbols:
        value = sympy.Rational(rng.randint(1, 997), rng.randint(1, 97)) + sympy.Rational(1, 7)
        if not sym.is_positive and not sym.is_nonnegative and rng.random() < 0.5:
            value = -value
        point[sym] = value
    return point


def _finite_value_at(expr: Any, point: dict, digits: int) -> Any:
    """``expr``'s value at ``point`` to ``digits`` digits, or None where it is not a finite number there."""
    try:
        value = sympy.N(expr.subs(point), digits)
    except Exception:  # noqa: BLE001 - an expression SymPy cannot evaluate at that point
        return None
    if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    return value


def _clearly_nonzero(expr: Any) -> bool:
    """``expr`` has a value far from 0 at an exact rational point that meets every assumption of its symbols
    (a rational cannot stand for an integer symbol, for example: then nothing is decided here). Such a
    point proves that ``expr`` is not identically zero, which is what simplify() would otherwise spend
    seconds failing to show for a wrong answer. False means "not decided here", never "zero"."""
    import random

    try:
        symbols = sorted(expr.free_symbols, key=str)
        point = _random_point(symbols, random.Random(20260101))
        for sym, value in point.items():
            if any(getattr(value, f"is_{key}") is not held for key, held in sym.assumptions0.items()):
                return False
        value = _finite_value_at(expr, point, 30)
        return value is not None and bool(abs(value) > 1e-9)  # a SymPy Float: no overflow at 1e+26904
    except Exception:  # noqa: BLE001 - an expression this cannot evaluate is left to simplify()
        return False


def _numerically_zero(expr: Any, trials: int = 6, digits: int = 90) -> bool:
    """Zero at several random points, to 45 of 90 digits: equal forms that simplify() cannot prove equal.

    Points respect the symbols' assumptions (positive symbols get positive values). An expression that
    is not zero almost everywhere is caught at the first point it differs.
    """
    import random

    symbols = sorted(expr.free_symbols, key=str)
    rng = random.Random(20260101)
    for _ in range(trials):
        val = _finite_value_at(expr, _random_point(symbols, rng), digits)
        if val is None or abs(complex(val)) > 10 ** (-(digits // 2)):
            return False
    return True


def assert_sympy_equal(actual: Any, expected: Any, *, exact: bool = True, name: str = "your answer",
                       hint: str | None = None) -> None:
    """``actual`` and ``expected`` are mathematically equal (their difference simplifies to zero).

    Any equivalent form passes (factored or expanded, another arrangement). With ``exact=True`` a
    floating-point number in the answer fails with a request for an exact value.
    """
    exp = _sympify(expected, "the expected value")
    act = _sympify(actual, name)
    exp_is_matrix = isinstance(exp, sympy.MatrixBase)
    act_is_matrix = isinstance(act, sympy.MatrixBase)
    if exp_is_matrix != act_is_matrix:
        kind = "a matrix" if exp_is_matrix else "a single expression"
        _fail(f"{name} should be {kind}.", hint)
    if exact and _has_float(act if not act_is_matrix else sympy.Tuple(*act)):
        _fail(f"{name} contains a floating-point number; give an exact value "
              "(sympy.Rational(1, 3), sympy.sqrt(2), ...).", hint)
    # A symbol with the expected name but other assumptions (Symbol('a') vs Symbol('a', real=True)) is the
    # student's spelling of the same unknown: rename it rather than call it an extra symbol.
    by_name = {str(x): x for x in exp.free_symbols}
    renames = {x: by_name[str(x)] for x in act.free_symbols if str(x) in by_name and by_name[str(x)] != x}
    if renames:
        act = act.xreplace(renames)
    if exp_is_matrix:
        if act.shape != exp.shape:
            _fail(f"{name} has shape {act.shape} but shape {exp.shape} is expected.", hint)
        diff = act - exp
        if all(_is_zero(d) for d in diff):
            return
        if act.shape[0] == act.shape[1] and act.shape[0] > 1 and all(_is_zero(d) for d in (act.T - exp)):
            _fail(f"{name} is the transpose of the expected matrix.", hint)
        wrong = sum(1 for d in diff if not _is_zero(d))
        _fail(f"{name}: {wrong} of {len(diff)} entries are not equal to the expected ones.", hint)
    if _is_zero(act - exp):
        return
    free_extra = act.free_symbols - exp.free_symbols
    if free_extra:
        names = ", ".join(sorted(str(s) for s in free_extra))
        _fail(f"{name} uses symbol(s) {names} that should not appear in the answer.", hint)
    if not _is_zero(exp) and _is_zero(act + exp):
        _fail(f"{name} has the wrong sign.", hint)
    _fail(f"{name} is not equal to the expected expression.", hint)


def assert_exact(actual: Any, name: str = "your answer", hint: str | None = None) -> None:
    """``actual`` is an exact SymPy value (integers, rationals, radicals; no floats)."""
    act = _sympify(actual, name)
    target = sympy.Tuple(*act) if isinstance(act, sympy.MatrixBase) else act
    if _has_float(target):
        _fail(f"{name} contains a floating-point number; give an exact value.", hint)
    if isinstance(actual, (float, np.floating)) or (isinstance(actual, numbers.Number)
                                                   and not isinstance(actual, (numbers.Rational, sympy.Basic))):
        _fail(f"{name} is a Python float; use SymPy for an exact value.", hint)
