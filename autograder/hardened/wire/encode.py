"""Encoding, the kernel's side of the wire format (and the grader's, for the arguments it sends).

Where it runs in the kernel a student could replace it, which can only turn their answer into some other
plain value: the grader decodes strictly (:mod:`.decode`).
"""

from __future__ import annotations

import base64
from fractions import Fraction
from typing import Any, Callable

from autograder.hardened import inplace
from autograder.hardened.wire.plain import MAX_DEPTH, PLAIN_KINDS, PlainDataError


def encode(value: Any, handle: Callable[[Any], int] | None = None, depth: int = 0,
           same: dict[int, list] | None = None) -> Any:
    """A JSON-able tree for ``value``; objects that are not data become handles (or raise without one).

    ``same`` maps the ids of objects the grader sent (arrays, lists, tuples, dicts, mutable SymPy matrices,
    sparse matrices) to where they were in
    its arguments: such an object comes back marked as the *same* object, so that a test can tell an
    argument changed in place from a new one (``[id(m) for m in ms]`` keeps its meaning).
    """
    if same is not None and id(value) in same and inplace.tracked(value):
        return {"t": "same", "path": same[id(value)], "value": _encode(value, handle, depth, same)}
    return _encode(value, handle, depth, same)


def _encode(value: Any, handle, depth: int, same) -> Any:
    import numpy as np

    def encode_(x, handle, depth):
        return encode(x, handle, depth, same)

    if depth > MAX_DEPTH:
        raise PlainDataError("the value is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        return {"t": "float", "v": repr(value)}
    if type(value) is complex:
        return {"t": "complex", "re": repr(value.real), "im": repr(value.imag)}
    if isinstance(value, np.generic) and np.dtype(type(value)).kind in PLAIN_KINDS:
        arr = np.asarray(value)
        return {"t": "npscalar", "dtype": arr.dtype.str, "b64": base64.b64encode(arr.tobytes()).decode()}
    if isinstance(value, np.ndarray):
        arr = np.asarray(value).view(np.ndarray)  # not ascontiguousarray: it turns shape () into (1,)
        if arr.dtype.kind in PLAIN_KINDS:
            return {"t": "nd", "dtype": arr.dtype.str, "shape": list(arr.shape),
                    "b64": base64.b64encode(arr.tobytes(order="C")).decode()}
        if arr.dtype.kind == "O":
            return {"t": "ndobj", "shape": list(arr.shape),
                    "items": [encode_(x, handle, depth + 1) for x in arr.ravel().tolist()]}
        if arr.dtype.kind == "U":
            return {"t": "ndstr", "shape": list(arr.shape), "items": [str(x) for x in arr.ravel().tolist()]}
    if isinstance(value, Fraction):
        return {"t": "fraction", "n": value.numerator, "d": value.denominator}
    if isinstance(value, (int, float, complex)) and not isinstance(value, bool):  # int/float subclasses
        return encode_({int: int, float: float, complex: complex}[next(
            t for t in (int, float, complex) if isinstance(value, t))](value), handle, depth)
    sympy_tree = _encode_sympy(value)
    if sympy_tree is not None:
        return sympy_tree
    sparse_tree = _encode_sparse(value, handle, depth)
    if sparse_tree is not None:
        return sparse_tree
    converted = _ordinary(value)
    if converted is not value:
        return encode_(converted, handle, depth)
    if type(value) in (list, tuple, set, frozenset):
        kind = type(value).__name__
        return {"t": kind, "items": [encode_(x, handle, depth + 1) for x in value]}
    if type(value) is dict:
        return {"t": "dict", "items": [[encode_(k, handle, depth + 1), encode_(v, handle, depth + 1)]
                                        for k, v in value.items()]}
    if isinstance(value, (list, tuple)):  # subclasses (namedtuple, ...): their items, as the base type
        return {"t": "tuple" if isinstance(value, tuple) else "list",
                "items": [encode_(x, handle, depth + 1) for x in value]}
    if handle is None:
        raise PlainDataError(f"a {type(value).__name__} cannot be sent to the student's code")
    return {"t": "handle", "id": handle(value), "callable": callable(value), "type": type(value).__name__}


def _ordinary(value: Any) -> Any:
    """The plain Python or NumPy value an unusual but honest answer stands for (a Decimal, an mpmath number,
    a memoryview or array.array, a UserList, a dict view, ...); ``value`` itself if there is none."""
    import collections.abc as abc
    import numbers
    import sys

    import numpy as np

    if isinstance(value, (list, tuple, set, frozenset, dict, str, bytes, np.ndarray)) or type(value).__module__.startswith(
            ("sympy", "scipy")):
        return value
    if isinstance(value, (memoryview, bytearray)) or type(value).__name__ == "array" and type(value).__module__ == "array":
        try:
            return np.asarray(value)
        except (TypeError, ValueError):
            return value
    if hasattr(value, "__array__") or hasattr(value, "__array_interface__"):
        try:
            arr = np.asarray(value)
            if arr.dtype.kind in PLAIN_KINDS:
                return arr
        except Exception:  # noqa: BLE001 - an object that only claims to be an array
            return value
    mpmath = sys.modules.get("mpmath")
    if isinstance(value, numbers.Number) or (mpmath is not None and isinstance(value, (mpmath.mpf, mpmath.mpc))):
        try:
            return complex(value) if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real) \
                and complex(value).imag else float(value)
        except (TypeError, ValueError, OverflowError):
            return value
    if isinstance(value, abc.Mapping):
        return dict(value)
    if isinstance(value, (abc.KeysView, abc.ItemsView, abc.Set)):
        return set(value)
    if isinstance(value, (abc.ValuesView, abc.Sequence)):
        return list(value)
    return value


def _encode_sympy(value: Any) -> dict | None:
    import sys

    sp = sys.modules.get("sympy")
    if sp is None:
        return None
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        return {"t": "sympy", "srepr": sp.srepr(value)}
    return None


def _encode_sparse(value: Any, handle, depth: int) -> dict | None:
    import sys

    sparse = sys.modules.get("scipy.sparse")
    if sparse is None or not sparse.issparse(value):
        return None
    cls = type(value).__name__
    if value.format in ("csr", "csc"):
        parts = {"data": value.data, "indices": value.indices, "indptr": value.indptr}
        fmt = value.format
    else:
        coo = value.tocoo()
        parts = {"data": coo.data, "row": coo.row, "col": coo.col}
        fmt = "coo"
    return {"t": "sparse", "cls": cls, "format": fmt, "shape": list(value.shape),
            "parts": {k: encode(v, handle, depth + 1) for k, v in parts.items()}}
