"""``assert_raises``: a test that asks for an exception names the one it expected, whatever else happened.

"normalize(zero vector) should raise ValueError" is only said when the function returned; a function that
stopped on a ``ZeroDivisionError`` or a ``LinAlgError`` instead must hear the same thing, not see its own
exception. Re-exported by :mod:`autograder.checks`.
"""

from __future__ import annotations

from typing import Any, Callable


def _names(expected: type | tuple) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(k.__name__ for k in kinds)


def assert_raises(expected: type | tuple, func: Callable, *args: Any, call: str | None = None,
                  hint: str | None = None, **kwargs: Any) -> BaseException:
    """``func(*args, **kwargs)`` raises ``expected`` (an exception type or a tuple of them); returns it.

    Any other exception, or a return, fails with one sentence that names the exception the question asks
    for (``call`` says how the call is shown, e.g. ``"normalize(zero vector)"``).
    """
    label = call or f"{getattr(func, '__name__', 'your function')}(...)"
    want = _names(expected)
    try:
        func(*args, **kwargs)
    except expected as exc:
        return exc
    except AssertionError:
        raise  # a rule of the test's (forbid) already said what is wrong
    except Exception as exc:  # noqa: BLE001 - the student's other exception is the diagnosis
        text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
        got = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        message = (f"{label} should raise {want}, as the question asks, but it raised {got}: check that case "
                   f"before computing and raise {want} yourself.")
    else:
        message = f"{label} should raise {want}, but it returned normally."
    raise AssertionError(f"{message} Hint: {hint}" if hint else message)
