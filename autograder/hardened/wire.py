"""Values crossing from the student's kernel to the grader, as plain data only.

Hardened grading decides every verdict in the grader's own process (:mod:`autograder.hardened.session`); the
student's kernel only runs the student's code. What comes back from the kernel is *data* in the small
JSON form below, and :func:`decode` rebuilds it with the grader's pristine NumPy, SciPy and SymPy:

* numbers, strings, ``None``, and lists/tuples/sets/dicts of values;
* NumPy arrays and scalars of a plain dtype (bool, int, uint, float, complex), rebuilt from raw bytes, so
  an ``ndarray`` subclass, a patched ``__eq__`` or ``__array_function__`` never reaches a check;
* SymPy objects, rebuilt from ``srepr`` text by a small evaluator that only calls SymPy classes
  (:func:`rebuild_sympy`), never ``eval``;
* SciPy sparse matrices and arrays, rebuilt from their index and data arrays;
* anything else (a function, a closure, an object) as an opaque *handle* that the grader may call back.

:func:`encode` is the same format from the other side; it runs in the kernel (where a student could
replace it, which can only turn their answer into some other plain value) and in the grader, for the
arguments a test passes to the student's functions.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import json
import re
from fractions import Fraction
from typing import Any, Callable, Iterator

from autograder.hardened import inplace

MAX_BYTES = 160 * 1024 * 1024  # one reply from the kernel; an answer bigger than this is an error
MAX_INT_DIGITS = 100_000  # all the integers of one SymPy answer together
MAX_DEPTH = 60
PLAIN_KINDS = "biufc"


class PlainDataError(ValueError):
    """The kernel's reply is not the plain data this format allows."""


# --- encoding (kernel side, and the grader's arguments) ----------------------------------------------

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




# --- decoding (grader side: strict) --------------------------------------------------------------------

def loads(text: str, remote: Callable[[dict], Any] | None = None) -> Any:
    """Rebuild a value from the kernel's JSON; ``remote`` turns a handle into a callable proxy."""
    if not isinstance(text, str) or len(text) > MAX_BYTES:
        raise PlainDataError("the answer is too large to be checked")
    try:
        tree = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PlainDataError(f"the kernel's reply is not valid data ({exc})") from None
    return decode(tree, remote)


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
    import numpy as np

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
        return float(_str(tree["v"]))
    if t == "complex":
        return complex(float(_str(tree["re"])), float(_str(tree["im"])))
    if t == "npscalar":
        dtype = _plain_dtype(tree["dtype"])
        raw = base64.b64decode(_str(tree["b64"]), validate=True)
        if len(raw) != dtype.itemsize:
            raise PlainDataError("a NumPy scalar of the wrong size")
        return np.frombuffer(raw, dtype=dtype)[0]
    if t == "nd":
        dtype = _plain_dtype(tree["dtype"])
        shape = _shape(tree["shape"])
        raw = base64.b64decode(_str(tree["b64"]), validate=True)
        if len(raw) != dtype.itemsize * _prod(shape):
            raise PlainDataError("an array whose data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if t in ("ndobj", "ndstr"):
        shape = _shape(tree["shape"])
        items = [sub(x) for x in _list(tree["items"])] if t == "ndobj" else [_str(x) for x in _list(tree["items"])]
        # (object arrays are rebuilt item by item: their items are not tracked as "same")
        if len(items) != _prod(shape):
            raise PlainDataError("an array whose items do not match its shape")
        out = np.empty(len(items), dtype=object if t == "ndobj" else f"<U{max([1] + [len(s) for s in items])}")
        for i, x in enumerate(items):
            out[i] = x
        return out.reshape(shape)
    if t == "fraction":
        return Fraction(_int(tree["n"]), _int(tree["d"]))
    if t in ("list", "tuple", "set", "frozenset"):
        items = [sub(x, i) for i, x in enumerate(_list(tree["items"]))]
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
    if t == "dict":
        return {sub(k): sub(v, i) for i, (k, v) in enumerate(_pair(p) for p in _list(tree["items"]))}
    if t == "sympy":
        return rebuild_sympy(_str(tree["srepr"]))
    if t == "sparse":
        return _rebuild_sparse(tree, sub)
    if t == "handle":
        if remote is None:
            raise PlainDataError("an object that is not data")
        return remote({"id": _int(tree["id"]), "callable": bool(tree.get("callable")),
                       "type": _str(tree.get("type", "object"))[:80]})
    raise PlainDataError(f"unknown kind of value {t!r}")


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


def _str(x: Any) -> str:
    if not isinstance(x, str):
        raise PlainDataError("expected text")
    return x


def _int(x: Any) -> int:
    if type(x) is not int:
        raise PlainDataError("expected an integer")
    return x


def _list(x: Any) -> list:
    if not isinstance(x, list):
        raise PlainDataError("expected a list")
    return x


def _pair(x: Any) -> tuple:
    if not isinstance(x, list) or len(x) != 2:
        raise PlainDataError("expected a key and a value")
    return x[0], x[1]


def _shape(x: Any) -> tuple[int, ...]:
    shape = tuple(_int(n) for n in _list(x))
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
        dtype = np.dtype(_str(text))
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

    fmt = _str(tree["format"])
    cls_name = _str(tree["cls"])
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


# --- SymPy from srepr, without eval ---------------------------------------------------------------------

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
    import importlib

    import sympy as sp

    from autograder.hardened.bigints import check_power, check_product

    if len(text) > MAX_BYTES:
        raise PlainDataError("a SymPy expression too large to check")
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, RecursionError, ValueError, MemoryError):
        raise PlainDataError("a SymPy expression that cannot be read back") from None
    digits = [0]
    spent = [0.0]  # digits of the integers SymPy computed while rebuilding (powers and products)

    def callee(name: str) -> Any:
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

    def integer(value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, sp.Integer):
            return int(value)
        return None

    def check_args(name: str, args: list, kwargs: dict) -> None:
        for i, a in enumerate(args):
            if isinstance(a, str) and not ((i == 0 and name in _NAMED) or (i == 0 and name == "Float"
                                                                            and _FLOAT_TEXT.match(a))):
                raise PlainDataError("text inside a SymPy expression is only accepted as a name or a number")
        if any(isinstance(v, str) for v in kwargs.values()):
            raise PlainDataError("text inside a SymPy expression is only accepted as a name or a number")
        if name == "Pow" and len(args) == 2:
            check_power(args[0], args[1], spent)
        elif name == "Mul":
            check_product(args, spent)
        elif name not in ("Integer", "Rational", "Float", "Add", "Tuple", "FiniteSet", "Symbol", "Dummy"):
            for a in args:  # factorial(10**9), fibonacci(10**9), ...: refused before SymPy computes them
                n = integer(a)
                if n is not None and abs(n) > 10**6 and not isinstance(a, int):
                    raise PlainDataError(f"{name} of an integer too large to check")

    def build(n: ast.AST, depth: int = 0) -> Any:
        if depth > 400:
            raise PlainDataError("a SymPy expression nested too deeply")
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float, str, bool, type(None))):
            if isinstance(n.value, int) and not isinstance(n.value, bool):
                digits[0] += len(str(abs(n.value)))
                if digits[0] > MAX_INT_DIGITS:
                    raise PlainDataError("a SymPy expression with integers too large to check")
            return n.value
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -build(n.operand, depth + 1)
        if isinstance(n, ast.Name):
            if n.id in _SYMPY_CONSTANTS:
                return getattr(sp, n.id)
            raise PlainDataError(f"unexpected name {n.id} in a SymPy expression")
        if isinstance(n, (ast.List, ast.Tuple)):
            items = [build(e, depth + 1) for e in n.elts]
            return items if isinstance(n, ast.List) else tuple(items)
        if isinstance(n, ast.Dict):
            return {build(k, depth + 1): build(v, depth + 1) for k, v in zip(n.keys, n.values)}
        if isinstance(n, ast.Call):
            if isinstance(n.func, ast.Name):
                name, fn = n.func.id, callee(n.func.id)
            elif isinstance(n.func, ast.Call):  # Function('f')(x)
                name, fn = "", build(n.func, depth + 1)
                if not isinstance(fn, sp.FunctionClass):
                    raise PlainDataError("only an undefined SymPy function can be called")
            else:
                raise PlainDataError("unexpected call in a SymPy expression")
            args = [build(a, depth + 1) for a in n.args]
            kwargs = {k.arg: build(k.value, depth + 1) for k in n.keywords if k.arg}
            if len(kwargs) != len(n.keywords):
                raise PlainDataError("unexpected ** in a SymPy expression")
            check_args(name, args, kwargs)
            try:
                with refuse_text_parsing():
                    return fn(*args, **kwargs)
            except PlainDataError:
                raise
            except Exception as exc:  # noqa: BLE001 - any SymPy refusal means the text is not a valid srepr
                raise PlainDataError(f"a SymPy expression that cannot be rebuilt ({type(exc).__name__})") from None
        raise PlainDataError("unexpected syntax in a SymPy expression")

    try:
        return build(node)
    except RecursionError:
        raise PlainDataError("a SymPy expression nested too deeply") from None


class StudentText(str):
    """A string that came from the student's kernel: SymPy may not parse it (see :func:`refuse_text_parsing`)."""

    __slots__ = ()


_student_texts: set[str] = set()  # every string decoded from the kernel (SymPy copies them, losing the type)
MAX_REMEMBERED = 20_000


def remember_text(text: str) -> "StudentText":
    flat = text.replace("\n", "")
    if len(flat) >= 4 and len(_student_texts) < MAX_REMEMBERED:  # shorter text cannot hide code
        _student_texts.add(flat)
    return StudentText(text)


def forget_student_texts() -> None:
    _student_texts.clear()


def _from_student(text: str) -> bool:
    flat = text.replace("\n", "")
    if len(_student_texts) >= MAX_REMEMBERED:
        return True  # too many to tell: no text is parsed at all
    return any(t in flat for t in _student_texts)


# Text SymPy generates for itself (nsimplify parses the digits of a float, for instance) never looks like this;
# code smuggled into a string usually does.
_NOT_MATH = re.compile(r"__|lambda|['\"\\\[\]{};:=@`]|\b(exec|eval|compile|open|getattr|setattr|delattr|globals|locals|"
                       r"vars|chr|ord|bytes|bytearray|type|object|input|breakpoint|help|memoryview|super|dir|"
                       r"import|print|format|classmethod|staticmethod|property)\b")


@contextlib.contextmanager
def refuse_text_parsing() -> Iterator[None]:
    """While it is active, SymPy parses no text of the student's: ``sympify``/``simplify``/``nsimplify`` of
    a string from the kernel raise, and so does any text that does not look like mathematics.

    SymPy turns text into Python and runs it (``parse_expr`` calls ``eval``), so a student's string that
    reaches ``sp.simplify(answer)`` in a test would run in the grader. Hardened grading runs every test
    cell, and rebuilds every answer, under this guard; SymPy's own use of text (``nsimplify`` reading the
    digits of a float) still works.
    """
    import sympy
    import sympy.parsing.sympy_parser as parser

    saved = parser.parse_expr

    def guarded(text: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(text, str) or isinstance(text, StudentText) or _NOT_MATH.search(text) \
                or _from_student(text):
            raise sympy.SympifyError("text is not accepted as a SymPy answer here; give a SymPy expression "
                                     "(for example sp.sqrt(2) rather than 'sqrt(2)')")
        return saved(text, *args, **kwargs)

    parser.parse_expr = guarded
    try:
        yield
    finally:
        parser.parse_expr = saved
