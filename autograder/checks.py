"""Linear-algebra-aware assertions for test cells.

Every helper raises :class:`AssertionError` with one short sentence a student can act on ("expected
shape (3,), got (3, 1)", "your matrix is the transpose of the expected one"). No message ever prints the
expected value, so hidden tests stay hidden. Answers are copied into plain float arrays before any
comparison, so an ndarray subclass cannot change how it is compared.

Use them like ``numpy.testing``::

    from autograder.checks import assert_close
    assert_close(project(u, v), np.array([1.0, 0.0]), name="project(u, v)")

This module is the one public face of the helpers (every name in ``__all__``), which live by concern:
:mod:`autograder.check_arrays` (numeric answers), :mod:`autograder.check_symbolic` (exact SymPy answers),
:mod:`autograder.check_factorizations` (matrix structure and factorizations), :mod:`autograder.check_errors`,
:mod:`autograder.calls` and :mod:`autograder.sympy_compare`. The rules about the student's code (``forbid``,
``assert_no_matrix_product``, ``student_value``) stay here, beside :data:`kernel_rules`, which hardened
grading sets to move them into the student's kernel.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from autograder.calls import forbid_calls
from autograder.check_arrays import ATOL, RTOL  # noqa: F401 - the default tolerances, as checks.RTOL/ATOL
from autograder.check_arrays import (as_array, assert_close, assert_finite, assert_orthonormal_columns,
                                     assert_same_direction, assert_same_span, assert_scalar_close, assert_shape)
from autograder.check_errors import assert_raises
from autograder.check_factorizations import (assert_eigendecomposition, assert_eigenpair,
                                             assert_low_rank_approximation, assert_permutation, assert_solves,
                                             assert_svd, assert_triangular)
from autograder.check_symbolic import assert_exact, assert_sympy_equal
from autograder.sympy_compare import equal as sym_equal
from autograder.sympy_compare import is_nonzero as sym_is_nonzero
from autograder.sympy_compare import is_zero as sym_is_zero

__all__ = [
    "sym_is_zero",
    "sym_is_nonzero",
    "sym_equal",
    "assert_raises",
    "as_array",
    "assert_shape",
    "assert_finite",
    "assert_close",
    "assert_scalar_close",
    "assert_same_direction",
    "assert_orthonormal_columns",
    "assert_same_span",
    "assert_sympy_equal",
    "assert_exact",
    "forbid",
    "forbid_calls",
    "assert_triangular",
    "assert_permutation",
    "assert_solves",
    "assert_eigenpair",
    "assert_eigendecomposition",
    "assert_svd",
    "assert_low_rank_approximation",
    "assert_no_matrix_product",
    "student_value",
]


# --- Rules about the student's code (set up where that code runs) ----------------------------------------

def _referenced_globals(func: Any) -> Iterator[Any]:
    """The global and closure objects a function's code (nested functions included) refers to by name."""
    code = getattr(func, "__code__", None)
    if code is None:
        return
    glb = getattr(func, "__globals__", {})
    stack = [code]
    while stack:
        co = stack.pop()
        for n in co.co_names:
            if n in glb:
                yield glb[n]
        stack.extend(c for c in co.co_consts if hasattr(c, "co_names"))
    for cell in getattr(func, "__closure__", None) or ():
        try:
            yield cell.cell_contents
        except ValueError:  # an empty cell
            pass


# Set by hardened grading (autograder.hardened.session) while a test cell runs in the grader's own process: the
# student's code runs in another process, so a ``forbid`` rule has to be set up there.
kernel_rules: Any = None


def student_value(name: str) -> Any:
    """The notebook variable ``name`` as the student's code left it, e.g. to check that an answer did not
    change the given data in place (a test's own names, setup data included, are the grader's copies)."""
    if kernel_rules is not None:
        found = kernel_rules.fetch([name])
    else:
        from IPython import get_ipython

        shell = get_ipython()
        found = shell.user_ns if shell is not None else {}
    if name not in found:
        raise NameError(f"name '{name}' is not defined")
    return found[name]


@contextmanager
def forbid(module: Any, *names: str, reason: str = "this question asks you to implement it yourself",
           func: Any = None, _local: bool = False) -> Iterator[None]:
    """Inside the block, calling ``module.<name>`` fails the test with a clear sentence.

    For questions like "implement Gram-Schmidt without np.linalg.qr"; the prompt should say so too.
    With ``func``, the student's function is also refused if it holds the function under another name
    (``from numpy.linalg import qr`` before the block), which patching the module cannot catch.
    """
    if kernel_rules is not None and not _local:
        with kernel_rules.forbid(module, names, reason, func):
            yield
        return
    saved = {n: getattr(module, n) for n in names}
    modname = getattr(module, "__name__", "module").replace("numpy", "np")
    if func is not None:
        banned = {id(fn): n for n, fn in saved.items()}
        for obj in _referenced_globals(func):
            if id(obj) in banned:
                raise AssertionError(f"{modname}.{banned[id(obj)]} is not allowed here: {reason}.")

    def blocked(name: str):
        def _blocked(*args, **kwargs):
            raise AssertionError(f"{modname}.{name} is not allowed here: {reason}.")
        return _blocked

    try:
        for n in names:
            setattr(module, n, blocked(n))
        yield
    finally:
        for n, fn in saved.items():
            setattr(module, n, fn)


MATRIX_PRODUCT_NAMES = frozenset({"dot", "matmul", "einsum", "tensordot", "inner", "vdot", "multi_dot",
                                  "vecdot", "matvec", "vecmat",  # NumPy 2's ufuncs, which no profiler sees
                                  "__matmul__", "__rmatmul__"})


def assert_no_matrix_product(func: Any, reason: str = "build the product yourself", name: str | None = None,
                             _local: bool = False) -> None:
    """``func`` (and the helpers of the student's own that it calls by name) uses no ``@`` operator and no
    dot/matmul-type function, for questions that ask for a product built by hand."""
    if kernel_rules is not None and not _local:
        kernel_rules.check("assert_no_matrix_product", func, reason, name)
        return
    import dis
    import inspect

    label = name or getattr(func, "__name__", "your function")

    def uses(f: Any, seen: set) -> bool:
        code = getattr(f, "__code__", None)
        if code is None or id(code) in seen:
            return False
        seen.add(id(code))
        glb = getattr(f, "__globals__", {})
        stack = [code]
        while stack:
            co = stack.pop()
            for n in MATRIX_PRODUCT_NAMES & set(co.co_names):  # np.dot, A.dot, ... unless a helper of their own
                g = glb.get(n)
                if not (inspect.isfunction(g) and g.__module__ == f.__module__):
                    return True
            if any(i.opname == "BINARY_OP" and i.argrepr in ("@", "@=") for i in dis.get_instructions(co)):
                return True
            stack.extend(c for c in co.co_consts if hasattr(c, "co_names"))
            for n in co.co_names:
                g = glb.get(n)
                if inspect.isfunction(g) and g.__module__ == f.__module__ and uses(g, seen):
                    return True
        return False

    if uses(func, set()):
        raise AssertionError(f"{label} uses the @ operator or a dot/matmul-type function, which is not allowed "
                             f"here: {reason}.")
