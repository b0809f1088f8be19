"""Changes a student's function made to its arguments in place, carried back to the grader's objects.

Hardened grading calls a student's function in the kernel on copies of the test's arguments
(:mod:`autograder.hardened.session`). A function that writes into its input (``M[i, i] -= lam`` on a SymPy
matrix, ``R.data -= mu`` on a sparse matrix, ``x[:] = 0`` on a view) must have the same effect on the test's
objects as it would have in the student's own kernel, so that "did not change its input" checks see it.

:func:`tracked` says which objects keep their identity across the wire (the kernel marks them as the
*same* object when they come back), and :func:`merge_into` makes the grader's original hold the new
value in place, for every type the course passes: NumPy arrays (views included: the write goes through
to their base), lists, dicts, tuples of tracked objects, mutable SymPy matrices and SciPy sparse
matrices and arrays of every format.
"""

from __future__ import annotations

import sys
from typing import Any

_CONTAINERS = ("ndarray", "list", "tuple", "dict")


def _sparse(value: Any) -> bool:
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and sparse.issparse(value)


def _mutable_sympy_matrix(value: Any) -> bool:
    sp = sys.modules.get("sympy")
    return sp is not None and isinstance(value, sp.MatrixBase) and not isinstance(value, sp.ImmutableMatrix) \
        and not isinstance(value, getattr(sp, "ImmutableSparseMatrix", ()))


def tracked(value: Any) -> bool:
    """Can ``value`` be changed in place, so that its identity must survive the round trip?"""
    import numpy as np

    return isinstance(value, (np.ndarray, list, tuple, dict)) or _mutable_sympy_matrix(value) or _sparse(value)


def tracked_by_name(value: Any) -> bool:
    """:func:`tracked`, for the objects :func:`autograder.hardened.wire.decode` rebuilds (exact types)."""
    return type(value).__name__ in _CONTAINERS or _mutable_sympy_matrix(value) or _sparse(value)


def merge_into(target: Any, new: Any) -> Any:
    """Make the grader's ``target`` hold ``new`` in place where its type allows; returns what holds it now."""
    import numpy as np

    if isinstance(target, np.ndarray) and isinstance(new, np.ndarray) and new.shape == target.shape \
            and new.dtype == target.dtype and target.flags.writeable:
        if not np.array_equal(target, new, equal_nan=target.dtype.kind in "fc"):
            target[...] = new
        return target
    if isinstance(target, list) and isinstance(new, list):
        target[:] = new
        return target
    if isinstance(target, dict) and isinstance(new, dict):
        target.clear()
        target.update(new)
        return target
    if isinstance(target, tuple) and isinstance(new, tuple) and len(new) == len(target) \
            and all(a is b for a, b in zip(target, new)):
        return target
    if _mutable_sympy_matrix(target) and _mutable_sympy_matrix(new):
        return _merge_sympy(target, new)
    if _sparse(target) and _sparse(new) and type(target) is type(new):
        return _merge_sparse(target, new)
    return new


def _merge_sympy(target: Any, new: Any) -> Any:
    """A mutable SymPy matrix changed in place (entries, or its shape: ``row_del``, ``col_insert``...)."""
    if target.shape == new.shape:
        if target != new:
            target[:, :] = new
        return target
    try:
        target.__dict__.update({k: v for k, v in type(target)(new).__dict__.items()})
    except (AttributeError, TypeError):
        return new
    return target


def _merge_sparse(target: Any, new: Any) -> Any:
    """A sparse matrix or array changed in place (its ``data``, ``indices``, ``coords``, ``rows``...): the
    grader's object takes over the state of the rebuilt one, of the same class."""
    if target.shape == new.shape and (target != new).nnz == 0:
        return target
    state = dict(new.__dict__)
    target.__dict__.clear()
    target.__dict__.update(state)
    return target
