"""Do the kernels the suite starts use one BLAS thread, so that two xdist workers do not oversubscribe?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import CALLER_BLAS_THREADS

PROBE = ("import json, numpy, threadpoolctl; "
         "print(json.dumps([i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']))")


def test_a_process_started_by_the_suite_runs_numpy_with_one_blas_thread():
    if any(v != "1" for v in CALLER_BLAS_THREADS.values()):
        pytest.skip(f"the caller chose another BLAS thread count: {CALLER_BLAS_THREADS}")
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True)
    threads = json.loads(out.stdout)
    assert threads and set(threads) == {1}, threads
