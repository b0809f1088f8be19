"""How large the integers are that SymPy would compute while rebuilding a student's answer.

The rebuild of :func:`autograder.hardened.wire.rebuild_sympy` calls SymPy's own classes, and SymPy evaluates
exact powers and products at once: ``Pow(Integer(3), Integer(10**9))`` is minutes of arithmetic, and
nesting small powers (``Pow(Pow(Pow(9, 64), 64), 64)``) grows just as fast. These checks run on the
arguments *as already built*, so every level of a nesting is measured by the size of its result, and all
the integers of one answer share a budget (:data:`MAX_COMPUTED_DIGITS`).
"""

from __future__ import annotations

from typing import Any

MAX_POW_DIGITS = 20_000  # digits of one power or product
MAX_COMPUTED_DIGITS = 200_000  # digits of all the powers and products of one answer together


def _error(message: str) -> Exception:
    from autograder.hardened.wire import PlainDataError

    return PlainDataError(message)


def _digits(x: Any) -> float | None:
    """Decimal digits of an exact rational number (its larger part), from its bit length; None for others."""
    import sympy as sp

    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return _log10(x)
    if isinstance(x, sp.Rational):  # Integer too
        return max(_log10(int(x.p)), _log10(int(x.q)))
    return None


def _log10(n: int) -> float:
    import math

    n = abs(n)
    return math.log10(n) if 0 < n.bit_length() < 1000 else n.bit_length() * 0.30103


def _size(x: Any) -> float | None:
    """|x| for an exact rational exponent, else None."""
    import sympy as sp

    if isinstance(x, int) and not isinstance(x, bool):
        return float(abs(x))
    if isinstance(x, sp.Rational):
        return abs(int(x.p)) / int(x.q)
    return None


def _charge(spent: list, digits: float) -> None:
    spent[0] += digits
    if spent[0] > MAX_COMPUTED_DIGITS:
        raise _error("a SymPy expression with integers too large to check")


def check_power(base: Any, exp: Any, spent: list) -> None:
    """Refuse ``Pow(base, exp)`` whose exact value would have more than :data:`MAX_POW_DIGITS` digits.

    The size comes from the arguments as SymPy has already built them, so nesting (``Pow(Pow(9, 64), 64)``,
    each level small) is measured at every level: digits(result) ~ |exp| * digits(base)."""
    size = _size(exp)
    if size is None or size <= 1:
        return
    digits = _digits(base)
    if digits is None:  # a symbol or float base: only an absurd exponent is refused
        if size > MAX_POW_DIGITS:
            raise _error("a SymPy power too large to check")
        return
    if digits == 0:  # 0, 1, -1: nothing grows
        return
    result = size * digits
    if result > MAX_POW_DIGITS:
        raise _error("a SymPy power too large to check")
    _charge(spent, result)


def check_product(args: list, spent: list) -> None:
    """Refuse a product of exact numbers whose value would be too long (many large powers multiplied)."""
    sizes = [d for d in (_digits(a) for a in args) if d is not None and d > 100]
    if sizes:
        total = sum(sizes)
        if total > MAX_POW_DIGITS:
            raise _error("a SymPy product too large to check")
        _charge(spent, total)
