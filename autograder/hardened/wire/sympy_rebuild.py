"""SymPy objects rebuilt from ``srepr`` text by a small evaluator that only calls SymPy's own classes."""

from __future__ import annotations

import ast
import re
from typing import Any

from autograder.hardened.bigints import check_power, check_product
from autograder.hardened.wire.plain import MAX_BYTES, MAX_INT_DIGITS, PlainDataError
from autograder.hardened.wire.text_guard import refuse_text_parsing

_SYMPY_CONSTANTS = {"oo", "zoo", "nan", "pi", "E", "I", "EulerGamma", "GoldenRatio", "Catalan", "true", "false",
                    "Reals", "Integers", "Naturals", "Naturals0", "Complexes", "Rationals", "EmptySet",
                    "UniversalSet"}
_NAMED = {"Symbol", "Dummy", "Wild", "Function", "Str", "MatrixSymbol"}  # their first argument is a name
_FLOAT_TEXT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_EXTRA_CLASSES = {"Str": ("sympy.core.symbol", "Str"),
                  "ExprCondPair": ("sympy.functions.elementary.piecewise", "ExprCondPair")}


def rebuild_sympy(text: str) -> Any:
    """The SymPy object ``srepr`` printed, built by calling only SymPy's own classes and functions.

    Never ``eval``, and no text reaches SymPy's parser: a string is only accepted as the name of a symbol
    or function, or as the digits of a Float. Integers too large to work with (an answer like
    ``Pow(3, 10**9)`` that SymPy would spend minutes computing) are refused.
    """
    if len(text) > MAX_BYTES:
        raise PlainDataError("a SymPy expression too large to check")
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, RecursionError, ValueError, MemoryError):
        raise PlainDataError("a SymPy expression that cannot be read back") from None
    try:
        return _Rebuild().build(node)
    except RecursionError:
        raise PlainDataError("a SymPy expression nested too deeply") from None


class _Rebuild:
    """One answer's rebuild, with the integers it has read and those SymPy computed counted against limits."""

    def __init__(self) -> None:
        import sympy as sp

        self.sp = sp
        self.digits = 0
        self.spent = [0.0]  # digits of the integers SymPy computed while rebuilding (powers and products)

    def callee(self, name: str) -> Any:
        import importlib

        sp = self.sp
        obj = getattr(sp, name, None)
        if obj is None and name in _EXTRA_CLASSES:
            module, attr = _EXTRA_CLASSES[name]
            obj = getattr(importlib.import_module(module), attr)
        if obj is None:
            raise PlainDataError(f"{name} is not part of SymPy")
        if isinstance(obj, type) and issubclass(obj, (sp.Basic, sp.MatrixBase)):
            return obj
        if isinstance(obj, sp.FunctionClass) or name in ("Function", "Symbol", "Dummy", "Wild"):
            return obj
        raise PlainDataError(f"{name} is not a SymPy class")

    def integer(self, value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, self.sp.Integer):
            return int(value)
        return None

    def check_args(self, name: str, args: list, kwargs: dict) -> None:
        for i, a in enumerate(args):
            if isinstance(a, str) and not ((i == 0 and name in _NAMED) or (i == 0 and name == "Float"
                                                                            and _FLOAT_TEXT.match(a))):
                raise PlainDataError("text inside a SymPy expression is only accepted as a name or a number")
        if any(isinstance(v, str) for v in kwargs.values()):
            raise PlainDataError("text inside a SymPy expression is only accepted as a name or a number")
        if name == "Pow" and len(args) == 2:
            check_power(args[0], args[1], self.spent)
        elif name == "Mul":
            check_product(args, self.spent)
        elif name not in ("Integer", "Rational", "Float", "Add", "Tuple", "FiniteSet", "Symbol", "Dummy"):
            for a in args:  # factorial(10**9), fibonacci(10**9), ...: refused before SymPy computes them
                n = self.integer(a)
                if n is not None and abs(n) > 10**6 and not isinstance(a, int):
                    raise PlainDataError(f"{name} of an integer too large to check")

    def build(self, n: ast.AST, depth: int = 0) -> Any:
        if depth > 400:
            raise PlainDataError("a SymPy expression nested too deeply")
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float, str, bool, type(None))):
            if isinstance(n.value, int) and not isinstance(n.value, bool):
                self.digits += len(str(abs(n.value)))
                if self.digits > MAX_INT_DIGITS:
                    raise PlainDataError("a SymPy expression with integers too large to check")
            return n.value
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -self.build(n.operand, depth + 1)
        if isinstance(n, ast.Name):
            if n.id in _SYMPY_CONSTANTS:
                return getattr(self.sp, n.id)
            raise PlainDataError(f"unexpected name {n.id} in a SymPy expression")
        if isinstance(n, (ast.List, ast.Tuple)):
            items = [self.build(e, depth + 1) for e in n.elts]
            return items if isinstance(n, ast.List) else tuple(items)
        if isinstance(n, ast.Dict):
            return {self.build(k, depth + 1): self.build(v, depth + 1) for k, v in zip(n.keys, n.values)}
        if isinstance(n, ast.Call):
            return self.call(n, depth)
        raise PlainDataError("unexpected syntax in a SymPy expression")

    def call(self, n: ast.Call, depth: int) -> Any:
        if isinstance(n.func, ast.Name):
            name, fn = n.func.id, self.callee(n.func.id)
        elif isinstance(n.func, ast.Call):  # Function('f')(x)
            name, fn = "", self.build(n.func, depth + 1)
            if not isinstance(fn, self.sp.FunctionClass):
                raise PlainDataError("only an undefined SymPy function can be called")
        else:
            raise PlainDataError("unexpected call in a SymPy expression")
        args = [self.build(a, depth + 1) for a in n.args]
        kwargs = {k.arg: self.build(k.value, depth + 1) for k in n.keywords if k.arg}
        if len(kwargs) != len(n.keywords):
            raise PlainDataError("unexpected ** in a SymPy expression")
        self.check_args(name, args, kwargs)
        try:
            with refuse_text_parsing():
                return fn(*args, **kwargs)
        except PlainDataError:
            raise
        except Exception as exc:  # noqa: BLE001 - any SymPy refusal means the text is not a valid srepr
            raise PlainDataError(f"a SymPy expression that cannot be rebuilt ({type(exc).__name__})") from None
