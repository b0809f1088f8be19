"""Benchmark: what one grader request costs, sent as a cell (before) or as a comm message (now).

    .venv/bin/python bench/kernel_requests.py            # 300 requests each way, twice, in one kernel

Hardened grading asks the student's kernel for values and calls of the student's functions one request at
a time (:mod:`autograder.hardened.agent`), about forty per graded notebook. Until this benchmark's change a
request was a silent cell whose ``user_expressions`` ran the agent; it is now a Jupyter comm message, which
ipykernel hands to the agent without a cell's machinery (input transformers, compiling, formatting a result).
Both ways run here on the same kernel, alternating, with the same request (one name looked up); the kernel's
CPU time is read from /proc. Prints medians per request: wall, kernel CPU, grader CPU, and the ratios.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jupyter_client.manager import start_new_kernel  # noqa: E402

from autograder.hardened.agent import COMM_TARGET  # noqa: E402

N = 300


def _kernel_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--HistoryManager.enabled=False"])
    pid = km.provisioner.process.pid
    request = json.dumps({"op": "get_many", "names": ["x"]})

    def drain() -> None:
        while True:
            try:
                kc.get_iopub_msg(timeout=0.01)
            except Exception:  # noqa: BLE001 - queue.Empty
                return

    def as_cell() -> str:
        msg_id = kc.execute("import autograder.hardened.agent as __agk", silent=True, store_history=False,
                            allow_stdin=False,
                            user_expressions={"r": f"__agk.serve({json.dumps(request)}) or __agk.reply"})
        while (reply := kc.get_shell_msg(timeout=10))["parent_header"].get("msg_id") != msg_id:
            pass
        return reply["content"]["user_expressions"]["r"]["data"]["text/plain"]

    comm_id = uuid.uuid4().hex

    def as_comm() -> str:
        msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"request": request}})
        kc.shell_channel.send(msg)
        while True:
            m = kc.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") == msg["header"]["msg_id"] and m["msg_type"] == "comm_msg":
                return m["content"]["data"]["reply"]

    try:
        kc.execute_interactive("x = [1.0, 2.0, 3.0]\nimport autograder.hardened.agent as __agk; __agk.listen()",
                               timeout=60)
        kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": COMM_TARGET,
                                                           "data": {}}))
        assert json.loads(as_comm())["ok"] and "ok" in as_cell()  # both ways answer the same request
        drain()
        rows: dict[str, list[tuple[float, float, float]]] = {"cell": [], "comm": []}
        for _ in range(2):
            for name, send in (("cell", as_cell), ("comm", as_comm)):
                drain()
                k0, c0, t0 = _kernel_cpu(pid), time.process_time(), time.perf_counter()
                for _ in range(N):
                    send()
                wall, grader = time.perf_counter() - t0, time.process_time() - c0
                rows[name].append((wall / N * 1000, (_kernel_cpu(pid) - k0) / N * 1000, grader / N * 1000))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    med = {name: [statistics.median(r[i] for r in runs) for i in range(3)] for name, runs in rows.items()}
    print(f"{N} requests each way, twice, alternating; per request (median of the runs):")
    print(f"{'':8}{'wall ms':>10}{'kernel CPU ms':>16}{'grader CPU ms':>16}")
    for name in ("cell", "comm"):
        print(f"{name:8}" + "".join(f"{v:>{w}.2f}" for v, w in zip(med[name], (10, 16, 16))))
    print(f"ratio cell/comm: wall {med['cell'][0] / med['comm'][0]:.2f}, kernel CPU "
          f"{med['cell'][1] / med['comm'][1]:.2f}")


if __name__ == "__main__":
    main()
