"""Are the lecture outputs that nbval compares the same on every machine?

The suite's own nbval run compares course/*.ipynb with their saved outputs on *this* machine's
BLAS kernel. A cell that prints the last bits of a floating-point result passes here and fails on
another CPU: `(a @ a) / (norm(a) * norm(a))` for a = (1.1, 2.2, 3.3) is 1.0 with OpenBLAS's Haswell
kernel and 1.0000000000000002 with its SkylakeX one, because the two add up the dot product in a
different order. OpenBLAS picks its kernel from the CPU, but `OPENBLAS_CORETYPE` forces one, so one
machine can play several. This module re-runs every lecture under nbval, exactly as the suite does
(the nbval options of pyproject's addopts, the same sanitizers) under the kernels of this list that the
suite's own run does not already use (at least two):

* ``Prescott``: OpenBLAS's generic SSE3 kernel, with NumPy's own SIMD loops (exp, log, arctan2, ...)
  held to their x86-64-v2 baseline (``NPY_DISABLE_CPU_FEATURES``): an old CPU;
* ``Haswell``: AVX2 and FMA, the kernel of most x86 machines today (AMD Zen included);
* ``SkylakeX``: AVX-512; on a CPU without it (forcing it there would crash) ``Sandybridge``, AVX.

Each runs with one BLAS thread, as the suite's own run does (tests/conftest.py), all at once in
subprocesses, and every compared output must equal the saved one (the
kernels draw no PNGs, which nbval does not compare: that saves a third of the time). A
failure names the cells; fix them as docs/AUTHORING.md says (print something exact, or tag the cell
``nbval-ignore-output`` and assert the claim in it). x86-64 only: elsewhere NumPy may not use
OpenBLAS at all.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds for one configuration (about a minute on a free core)

# NumPy 2.4's dispatched SIMD targets on x86-64 (its baseline, X86_V2, cannot be disabled).
NUMPY_BEYOND_BASELINE = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"

# threadpoolctl's name for each forced kernel (OpenBLAS reports Prescott as "Katmai" in some versions)
REPORTED = {"Prescott": {"Prescott", "Katmai"}, "SkylakeX": {"SkylakeX"},
            "Haswell": {"Haswell"}, "Sandybridge": {"Sandybridge"}}

CHECK_KERNEL = """
import json, threadpoolctl, numpy, scipy.linalg
from numpy._core._multiarray_umath import __cpu_features__ as features
blas = [(i["filepath"].rsplit("/", 1)[-1], i.get("architecture"), i["num_threads"])
        for i in threadpoolctl.threadpool_info() if i["internal_api"] == "openblas"]
simd = sorted(k for k in ("X86_V3", "X86_V4", "AVX512_ICL") if features.get(k))
print(json.dumps({"openblas": blas, "numpy_simd": simd}))
"""


def _cpu_features() -> dict[str, bool]:
    from numpy._core._multiarray_umath import __cpu_features__
    return dict(__cpu_features__)


# OpenBLAS kernels that share their compute kernels with one of ours: running them adds nothing new
FAMILY = {"Zen": "Haswell", "Cooperlake": "SkylakeX", "SapphireRapids": "SkylakeX", "Katmai": "Prescott"}


def suite_kernel() -> str | None:
    """The OpenBLAS kernel of this process, and so of the suite's own nbval run of the lectures."""
    import numpy  # noqa: F401  (loads OpenBLAS, so that threadpoolctl sees it)
    import threadpoolctl

    arch = [i.get("architecture") for i in threadpoolctl.threadpool_info() if i["internal_api"] == "openblas"]
    return FAMILY.get(arch[0], arch[0]) if arch and arch[0] else None


def configurations() -> dict[str, dict[str, str]]:
    """Kernel name -> environment variables, for the configurations this CPU can run other than the one the
    suite's own nbval run already uses (that run compares the lectures under this machine's kernel)."""
    return {name: env for name, env in _all_configurations().items() if name != suite_kernel()}


def _all_configurations() -> dict[str, dict[str, str]]:
    cpu = _cpu_features()
    # generic SSE3 kernel, and NumPy's own SIMD loops (exp, log, arctan2, ...) at their baseline
    configs = {"Prescott": {"OPENBLAS_CORETYPE": "Prescott", "NPY_DISABLE_CPU_FEATURES": NUMPY_BEYOND_BASELINE}}
    if cpu.get("AVX2") and cpu.get("FMA3"):
        configs["Haswell"] = {"OPENBLAS_CORETYPE": "Haswell"}  # AVX2 + FMA: most x86 machines, AMD Zen too
    # AVX-512; where the CPU has none (forcing it would crash), the AVX kernel instead
    newest = "SkylakeX" if cpu.get("AVX512F") else "Sandybridge" if cpu.get("AVX") else None
    if newest:
        configs[newest] = {"OPENBLAS_CORETYPE": newest}
    return configs


def nbval_options() -> list[str]:
    """The nbval options of the suite's own run, from pyproject's addopts (and nothing else of them)."""
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    args, keep = shlex.split(ini["addopts"]), []
    for i, arg in enumerate(args):
        if arg.startswith("--nbval"):
            keep.append(arg)
            if arg == "--nbval-sanitize-with":
                keep.append(args[i + 1])
    assert "--nbval" in keep and "--nbval-current-env" in keep and "--nbdime" not in args, args
    return keep


# The notebook kernels' IPython configuration: nbval never compares images (only the figure's text,
# "<Figure size ... with N Axes>"), so the kernels skip drawing PNGs, a third of the run time.
KERNEL_CONFIG = """
c.InlineBackend.figure_formats = set()
c.HistoryManager.enabled = False
"""


def environment(extra: dict[str, str], ipython_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES", "PYTEST_ADDOPTS")
           and not k.startswith("PYTEST_XDIST")}
    env.update(extra, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", IPYTHONDIR=str(ipython_dir))
    return env


def lectures() -> list[Path]:
    return sorted((ROOT / "course").glob("*.ipynb"))


class Run:
    """One configuration: a kernel check, then every lecture under nbval, in a subprocess."""

    def __init__(self, name: str, extra: dict[str, str], tmp: Path):
        profile = tmp / f"ipython-{name}" / "profile_default"
        profile.mkdir(parents=True)
        (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")
        self.name, self.extra, self.env = name, extra, environment(extra, profile.parent)
        self.log = tmp / f"{name}.log"
        cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-q",
               "-o", "verbosity_assertions=2",  # whole diffs of differing outputs
               "-rf", "--color=no", *nbval_options(), *(str(p.relative_to(ROOT)) for p in lectures())]
        self.start = time.monotonic()
        with self.log.open("w", encoding="utf-8") as out:
            # a session of its own, so that a timeout can stop it together with its notebook kernels
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.seconds: float | None = None
        self.timed_out = False

    def kernel(self) -> dict:
        out = subprocess.run([sys.executable, "-c", CHECK_KERNEL], cwd=ROOT, env=self.env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    def wait(self) -> int:
        if self.seconds is None:
            try:
                self.proc.wait(timeout=max(1.0, TIMEOUT - (time.monotonic() - self.start)))
            except subprocess.TimeoutExpired:
                self.timed_out = True
                self.stop()
            self.seconds = time.monotonic() - self.start
        return self.proc.returncode

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # this run's process group only
            self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    if platform.machine().lower() not in ("x86_64", "amd64"):
        pytest.skip("the OpenBLAS kernels forced here are x86-64 ones")
    tmp = tmp_path_factory.mktemp("portable")
    started = {name: Run(name, extra, tmp) for name, extra in configurations().items()}  # all at once
    yield started
    for run in started.values():
        run.stop()


def test_two_other_kernels_are_compared_and_the_suites_own_is_not_run_twice():
    if platform.machine().lower() not in ("x86_64", "amd64"):
        pytest.skip("the OpenBLAS kernels forced here are x86-64 ones")
    own, others = suite_kernel(), configurations()
    assert len(others) >= 2 and ("Prescott" in others or own == "Prescott"), (own, others)
    assert own not in others, f"the suite's own nbval run already compares the lectures under {own}"


@pytest.mark.parametrize("name", list(configurations()))
def test_lecture_outputs_do_not_depend_on_the_blas_kernel_or_cpu(runs, name):
    run = runs[name]
    kernel = run.kernel()
    forced = run.extra["OPENBLAS_CORETYPE"]
    architectures = {arch for _, arch, _ in kernel["openblas"]}
    # NumPy's and SciPy's OpenBLAS both obey the variable (else this test would test nothing new)
    assert kernel["openblas"] and architectures <= REPORTED[forced], (forced, kernel)
    if "NPY_DISABLE_CPU_FEATURES" in run.extra:
        assert kernel["numpy_simd"] == [], kernel
    code = run.wait()
    text = run.output()
    cells = re.findall(r"^FAILED (\S+::Cell \d+|\S+)", text, re.M)
    summary = (f"{name} ({', '.join(f'{k}={v}' for k, v in run.extra.items())}, one thread; "
               f"OpenBLAS reports {sorted(architectures)}), {run.seconds:.0f} s")
    assert not run.timed_out, f"{summary}: not finished after {TIMEOUT} s\n" + text[-5000:]
    assert code == 0, (
        f"lecture outputs differ from the saved ones under {summary}.\n"
        f"Differing or failing cells: {cells or '(none reported: see the log)'}\n"
        "A compared output must not depend on the BLAS kernel, the CPU or the thread count: print a "
        "value that is exact whatever the order of summation, or tag the cell nbval-ignore-output and "
        "assert the claim (docs/AUTHORING.md).\n\n" + text[-20000:])
    assert re.search(r"\d+ passed", text), text[-5000:]
    print(summary)
