"""Decoding, the grader's side of the wire format: strict, rebuilt with the grader's own libraries."""

from __future__ import annotations

import base64
from fractions import Fraction
from typing import Any, Callable

from autograder.hardened import inplace
from autograder.hardened.wire.plain import MAX_DEPTH, PLAIN_KINDS, PlainDataError
from autograder.hardened.wire.sympy_rebuild import rebuild_sympy
from autograder.hardened.wire.text_guard import remember_text


def decode(tree: Any, remote: Callable[[dict], Any] | None = None, depth: int = 0, *,
           registry: dict[int, list] | None = None, path: list | None = None,
           same: Callable[[list], Any] | None = None) -> Any:
    """Rebuild a value. ``registry`` records where each array/list/tuple/dict was (for :func:`encode`'s
    ``same``); ``same`` finds the grader's original object for a *same* mark, which is updated in place."""
    value = _decode(tree, remote, depth, registry, path or [], same)
    if registry is not None and path is not None and not isinstance(value, (int, float, complex, str, bool)) \
            and value is not None and inplace.tracked_by_name(value):
        registry[id(value)] = list(path)
    return value


def _decode(tree: Any, remote, depth: int, registry, path: list, same) -> Any:
    if depth > MAX_DEPTH:
        raise PlainDataError("the value is nested too deeply")
    if isinstance(tree, str):
        return remember_text(tree)
    if tree is None or isinstance(tree, bool):
        return tree
    if type(tree) is int:
        return tree
    if type(tree) is not dict or not isinstance(tree.get("t"), str):
        raise PlainDataError("unexpected data from the kernel")
    t = tree["t"]

    def sub(x, i=None):
        return decode(x, remote, depth + 1, registry=registry, path=None if i is None else [*path, i], same=same)

    if t == "same":
        new = sub(tree["value"], None) if registry is None else decode(tree["value"], remote, depth + 1,
                                                                       registry=registry, path=path, same=same)
        original = same(tree["path"]) if same is not None and isinstance(tree.get("path"), list) else None
        return new if original is None else merge_into(original, new)
    if t == "float":
        return float(_expect(str, tree["v"]))
    if t == "complex":
        return complex(float(_expect(str, tree["re"])), float(_expect(str, tree["im"])))
    if t in _ARRAY_KINDS:
        return _rebuild_array(t, tree, sub)
    if t == "fraction":
        return Fraction(_expect(int, tree["n"]), _expect(int, tree["d"]))
    if t in ("list", "tuple", "set", "frozenset"):
        items = [sub(x, i) for i, x in enumerate(_expect(list, tree["items"]))]
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
    if t == "dict":
        return {sub(k): sub(v, i) for i, (k, v) in enumerate(_pair(p) for p in _expect(list, tree["items"]))}
    if t == "sympy":
        return rebuild_sympy(_expect(str, tree["srepr"]))
    if t == "sparse":
        return _rebuild_sparse(tree, sub)
    if t == "handle":
        if remote is None:
            raise PlainDataError("an object that is not data")
        return remote({"id": _expect(int, tree["id"]), "callable": bool(tree.get("callable")),
                       "type": _expect(str, tree.get("type", "object"))[:80]})
    raise PlainDataError(f"unknown kind of value {t!r}")


_ARRAY_KINDS = ("npscalar", "nd", "ndobj", "ndstr")


def _rebuild_array(t: str, tree: dict, sub) -> Any:
    """A NumPy scalar or array: plain numbers from their raw bytes, object and text arrays item by item."""
    import numpy as np

    if t == "npscalar":
        dtype = _plain_dtype(tree["dtype"])
        raw = base64.b64decode(_expect(str, tree["b64"]), validate=True)
        if len(raw) != dtype.itemsize:
            raise PlainDataError("a NumPy scalar of the wrong size")
        return np.frombuffer(raw, dtype=dtype)[0]
    if t == "nd":
        dtype = _plain_dtype(tree["dtype"])
        shape = _shape(tree["shape"])
        raw = base64.b64decode(_expect(str, tree["b64"]), validate=True)
        if len(raw) != dtype.itemsize * _prod(shape):
            raise PlainDataError("an array whose data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    shape = _shape(tree["shape"])
    items = [sub(x) for x in _expect(list, tree["items"])] if t == "ndobj" else \
        [_expect(str, x) for x in _expect(list, tree["items"])]
    # (object arrays are rebuilt item by item: their items are not tracked as "same")
    if len(items) != _prod(shape):
        raise PlainDataError("an array whose items do not match its shape")
    out = np.empty(len(items), dtype=object if t == "ndobj" else f"<U{max([1] + [len(s) for s in items])}")
    for i, x in enumerate(items):
        out[i] = x
    return out.reshape(shape)


def merge_into(target: Any, new: Any) -> Any:
    """Make the grader's ``target`` hold ``new`` in place where its type allows (:mod:`.inplace`)."""
    return inplace.merge_into(target, new)


def locate(roots: dict, path: list) -> Any:
    """The object at ``path`` (as :func:`decode`'s registry records it) under ``roots``."""
    if not path or path[0] not in roots:
        return None
    obj = roots[path[0]]
    for step in path[1:]:
        if isinstance(obj, (list, tuple)) and isinstance(step, int) and 0 <= step < len(obj):
            obj = obj[step]
        elif isinstance(obj, dict) and isinstance(step, int) and 0 <= step < len(obj):
            obj = list(obj.values())[step]
        else:
            return None
    return obj


_EXPECTED = {str: "text", int: "an integer", list: "a list"}


def _expect(kind: type, x: Any) -> Any:
    """``x`` if it is a ``kind`` (an ``int`` exactly: not a bool), else the refusal that names what was expected."""
    if not (type(x) is int if kind is int else isinstance(x, kind)):
        raise PlainDataError(f"expected {_EXPECTED[kind]}")
    return x


def _pair(x: Any) -> tuple:
    if not isinstance(x, list) or len(x) != 2:
        raise PlainDataError("expected a key and a value")
    return x[0], x[1]


def _shape(x: Any) -> tuple[int, ...]:
    shape = tuple(_expect(int, n) for n in _expect(list, x))
    if len(shape) > 32 or any(n < 0 for n in shape):
        raise PlainDataError("an impossible array shape")
    return shape


def _prod(shape: tuple[int, ...]) -> int:
    out = 1
    for n in shape:
        out *= n
    return out


def _plain_dtype(text: Any):
    import numpy as np

    try:
        dtype = np.dtype(_expect(str, text))
    except TypeError:
        raise PlainDataError("an array of an unknown dtype") from None
    if dtype.kind not in PLAIN_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise PlainDataError("an array of a dtype that is not plain numbers")
    return dtype


_SPARSE_PARTS = {"csr": ("data", "indices", "indptr"), "csc": ("data", "indices", "indptr"),
                 "coo": ("data", "row", "col")}


def _rebuild_sparse(tree: dict, sub) -> Any:
    import numpy as np
    import scipy.sparse as sparse

    fmt = _expect(str, tree["format"])
    cls_name = _expect(str, tree["cls"])
    cls = getattr(sparse, cls_name, None)
    if fmt not in _SPARSE_PARTS or not (isinstance(cls, type) and cls_name.endswith(("_matrix", "_array"))):
        raise PlainDataError("an unknown kind of sparse matrix")
    shape = _shape(tree["shape"])
    parts = tree["parts"]
    if not isinstance(parts, dict):
        raise PlainDataError("a damaged sparse matrix")
    arrays = [sub(parts.get(k)) for k in _SPARSE_PARTS[fmt]]
    if not all(isinstance(a, np.ndarray) and a.ndim == 1 for a in arrays):
        raise PlainDataError("a damaged sparse matrix")
    try:
        if fmt == "coo":
            data, row, col = arrays
            base = sparse.coo_array((data, (row, col)), shape=shape)
        else:
            maker = sparse.csr_array if fmt == "csr" else sparse.csc_array
            base = maker(tuple(arrays), shape=shape)
            # indices in range and indptr monotonic, before SciPy's C++ code reads them (a conversion to
            # another format writes through the indices: out of range, the grader would crash)
            base.check_format(full_check=True)
        return base if cls_name == type(base).__name__ else cls(base)
    except (ValueError, TypeError, IndexError) as exc:
        raise PlainDataError(f"a damaged sparse matrix ({exc})") from None

