"""The grader's agent inside the student's kernel (hardened grading).

The grader sends one small request at a time (``serve(request)``): look up a name the student defined,
call one of the student's functions with arguments sent as plain data, read an attribute, or set up a
"do not use this library function" rule. The reply is plain data (:mod:`autograder.hardened.wire`) stored
in :data:`reply`. Requests come as Jupyter comm messages (:func:`listen`), and each reply goes back as one:
a comm message is handled by the kernel without the machinery of a cell (input transformers, compiling,
formatting a result), 1.2 ms of kernel time instead of 2.6 ms for a request sent as a cell.

Nothing here is trusted: a student can replace this module too. Whatever it sends back is only *data*
that the grader checks with its own code, so tampering can at most turn an answer into another answer.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Iterator

from autograder.hardened import wire

COMM_TARGET = "autograder.hardened.agent"  # the comm the grader opens to send its requests

reply = ""
_handles: dict[int, Any] = {}
_rules: list[Any] = []


def _keep(obj: Any) -> int:
    key = len(_handles) + 1
    _handles[key] = obj
    return key


def _from_grader(tree: Any, registry: dict | None = None, path: list | None = None) -> Any:
    return wire.decode(tree, remote=lambda h: _handles[h["id"]], registry=registry, path=path)


def _namespace() -> dict:
    from IPython import get_ipython

    shell = get_ipython()
    return shell.user_ns if shell is not None else {}


def _resolve(target: Any) -> Any:
    if isinstance(target, int):
        return _handles[target]
    ns = _namespace()
    if target not in ns:
        raise NameError(f"name '{target}' is not defined")
    return ns[target]


def _error(exc: BaseException) -> dict:
    builtin_bases = [c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins"]
    return {"type": type(exc).__name__, "module": type(exc).__module__, "bases": builtin_bases,
            "msg": str(exc)[:4000]}


def serve(request: str) -> None:
    """Answer one request from the grader; the answer goes to :data:`reply`."""
    global reply
    reply = ""
    req = json.loads(request)
    op = req["op"]
    changed: dict[str, Any] = {}
    try:
        if op == "get_many":
            ns = _namespace()
            value = {name: ns[name] for name in req["names"] if name in ns}
        elif op == "getattr":
            value = getattr(_resolve(req["target"]), req["name"])
        elif op == "call":
            fn = _resolve(req["target"])
            sent: dict[int, list] = {}  # id of each object decoded from the grader's arguments -> its place
            args = [_from_grader(a, sent, ["a", i]) for i, a in enumerate(req["args"])]
            kwargs = {k: _from_grader(v, sent, ["k", i]) for i, (k, v) in enumerate(req["kwargs"].items())}
            with _watching_calls():
                value = fn(*args, **kwargs)
            for i, (tree, now) in enumerate(zip(req["args"], args)):
                if _changed(tree, now):
                    changed[str(i)] = wire.encode(now, _keep, same=sent)
            for k, tree in req["kwargs"].items():
                if _changed(tree, kwargs[k]):
                    changed[k] = wire.encode(kwargs[k], _keep, same=sent)
        elif op == "rule_enter":
            value = _rule_enter(req)
        elif op == "rule_check":
            from autograder import checks

            if req["name"] not in ("assert_no_matrix_product",):
                raise ValueError(f"unknown rule {req['name']!r}")
            args = [_from_grader(a) for a in req["args"]]
            value = getattr(checks, req["name"])(*args, _local=True)
        elif op == "rule_exit":
            rule = _rules.pop()
            rule.__exit__(None, None, None)
            value = None
        else:
            raise ValueError(f"unknown request {op!r}")
        out = {"ok": wire.encode(value, _keep), "changed": changed}
    except Exception as exc:  # noqa: BLE001 - every error of the student's code goes back to the grader
        out = {"raise": _error(exc)}
    # dropped on the way, a reply past the grader's caps would cost the test's time limit and a fresh kernel;
    # its texts alone past the cap, it is not even written out
    if _texts_longer_than(out, wire.MAX_BYTES) or _too_large(reply := json.dumps(out, allow_nan=False)):
        reply = json.dumps({"too_large": True})


def listen() -> None:
    """Answer the grader's requests sent as comm messages to :data:`COMM_TARGET` (the grader runs this once per
    kernel, then opens the comm)."""
    from IPython import get_ipython

    get_ipython().kernel.comm_manager.register_target(COMM_TARGET, _opened)


def _opened(comm: Any, _open: dict) -> None:
    def answer(msg: dict) -> None:
        try:
            serve(str(msg["content"]["data"]["request"]))
            text = reply
        except KeyboardInterrupt:  # the grader's interrupt at the time limit, or the student's own
            text = json.dumps({"interrupted": True})
        except BaseException as exc:  # noqa: BLE001 - SystemExit and the like, from the student's code
            text = json.dumps({"failed": {"ename": type(exc).__name__, "evalue": str(exc)[:200]}})
        comm.send({"reply": text})

    comm.on_msg(answer)


def _texts_longer_than(tree: Any, limit: int) -> bool:
    """Do the strings of an encoded tree (dicts, lists, strings, numbers) add up to more than ``limit``?"""
    total, todo = 0, [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            total += len(node)
            if total > limit:
                return True
        elif isinstance(node, dict):
            todo.extend(node.keys())
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
    return False


def _too_large(text: str) -> bool:
    """Would ``text`` exceed the grader's cap on a reply, or the message carrying it (a JSON string in a comm
    message) its cap on one message (:data:`autograder.hardened.kernel_manager.MAX_MESSAGE`)?"""
    if len(text) > wire.MAX_BYTES:
        return True
    # the message's JSON doubles a backslash: only a text of many escapes grows past the cap
    return len(text) > wire.MAX_BYTES // 2 and len(json.dumps(text)) > wire.MAX_BYTES


def _changed(sent: Any, now: Any) -> bool:
    try:
        return wire.encode(now, _keep) != sent
    except Exception:  # noqa: BLE001
        return False


class _CallRuleInKernel:
    """A :class:`autograder.calls.CallRule` that watches each call of the student's functions, and fails at
    its exit if a forbidden call was made."""

    def __init__(self, rule: Any):
        self.rule = rule

    def __exit__(self, *exc: Any) -> None:
        self.rule.verdict()


@contextlib.contextmanager
def _watching_calls() -> Iterator[None]:
    watching = [r.rule for r in _rules if isinstance(r, _CallRuleInKernel)]
    for rule in watching:
        rule.start()
    try:
        yield
    finally:
        for rule in reversed(watching):
            rule.stop()


def _rule_enter(req: dict) -> None:
    """A check that must run where the student's code runs: ``forbid`` and code-shape rules."""
    import importlib

    from autograder import checks

    if req["kind"] == "calls":
        from autograder.calls import CallRule, Family

        families = tuple(Family.from_wire(f) for f in req["families"])
        _rules.append(_CallRuleInKernel(CallRule(families, _from_grader(req["func"]),
                                                 allow=tuple(str(a) for a in req.get("allow", [])),
                                                 reason=str(req.get("reason", "")))))
        return
    target = importlib.import_module(req["module"])
    for part in req.get("attr", []):
        target = getattr(target, part)
    func = _from_grader(req["func"]) if req.get("func") is not None else None
    if req["kind"] == "forbid":
        rule = checks.forbid(target, *req["names"], reason=req["reason"], func=func, _local=True)
    else:
        raise ValueError(f"unknown rule {req['kind']!r}")
    rule.__enter__()
    _rules.append(rule)
