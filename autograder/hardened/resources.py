"""What a student's kernel may use *together with everything it starts*, and who it runs as.

:mod:`autograder.hardened.jail`'s ``RLIMIT_*`` limits are per process (memory, CPU) or per file (file size),
and ``RLIMIT_NPROC`` is per uid. This module adds the limits that hold for a whole kernel:

* **memory of the process tree**: the kernel and its children share one control group with a memory limit
  (cgroup v2 ``memory.max``, or the v1 memory controller), and a process limit (``pids.max``); with a CPU
  weight (``cpu.weight``/``cpu.shares``) every kernel gets a fair share of the CPU whatever its thread count;
* **disk**: the scratch folder (the kernel's only writable place) is a size-limited tmpfs;
* **one uid per concurrently graded kernel**: worker slot *n* runs its kernels as uid ``65534 - n``, so one
  student's fork bomb exhausts only their own ``RLIMIT_NPROC``;
* a lower CPU priority (``nice``) for the kernels than for the grader.

Where the machine lacks a mechanism (no writable cgroup, no permission to mount), grading goes on without
it and :func:`missing` says so in words, for the ``protections`` summary.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from autograder.hardened.jail import NOBODY

CGROUP_ROOT = Path("/sys/fs/cgroup")
MAX_SLOTS = 1000  # uids 65534 down to 64535


@dataclass(frozen=True)
class KernelResources:
    """Limits of one student's kernel with all its children (``grade-class`` passes these as a dict)."""

    tree_memory_mb: int = 4096        # the kernel and every process it starts, together
    tree_processes: int = 256         # processes and threads of one kernel's tree (cgroup pids.max)
    scratch_mb: int = 512             # the scratch folder's size (tmpfs)
    notebook_output_kb: int = 8192    # output kept for a whole notebook, all cells together
    nice: int = 5                     # CPU priority of the kernels (0: as the grader)
    cpu_weight: int = 100             # cgroup CPU weight, the same for every kernel (a fair share)

    @classmethod
    def of(cls, data: dict | None) -> "KernelResources":
        return cls(**(data or {}))

    def to_json(self) -> dict:
        return asdict(self)


def slot() -> int:
    """This process's worker slot (set by the class dispatcher; 0 when grading alone)."""
    try:
        return max(0, min(MAX_SLOTS - 1, int(os.environ.get("AUTOGRADER_SLOT", "0"))))
    except ValueError:
        return 0


def slot_uid(n: int | None = None) -> int:
    """The unprivileged uid the kernels of worker slot ``n`` run as: distinct for every concurrent slot."""
    return NOBODY - (slot() if n is None else n)


# --- control groups ----------------------------------------------------------------------------------------

def _own_v2_dir() -> Path | None:
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                return CGROUP_ROOT / line[3:].lstrip("/")
    except OSError:
        pass
    return None


@lru_cache(maxsize=1)
def cgroup_layout() -> dict[str, Path]:
    """Where a kernel's control group can be made, per controller: {"memory": parent folder, ...}."""
    found: dict[str, Path] = {}
    v2 = _own_v2_dir()
    if v2 is not None and (CGROUP_ROOT / "cgroup.controllers").exists():
        control = v2 / "cgroup.subtree_control"  # controllers our own group hands down to the groups we make
        enabled = control.read_text().split() if control.exists() else []
        for controller in ("memory", "pids", "cpu"):
            if controller in enabled and os.access(v2, os.W_OK):
                found[controller] = v2
    for controller in ("memory", "pids", "cpu"):  # cgroup v1 hierarchies (hybrid machines)
        folder = CGROUP_ROOT / controller
        if controller not in found and (folder / "cgroup.procs").exists() and os.access(folder, os.W_OK):
            found[controller] = folder
    return found


_SETTINGS = {  # controller -> (v2 file, v1 file, value from KernelResources)
    "memory": ("memory.max", "memory.limit_in_bytes", lambda r: r.tree_memory_mb * 1024 * 1024),
    "pids": ("pids.max", "pids.max", lambda r: r.tree_processes),
    "cpu": ("cpu.weight", "cpu.shares", lambda r: r.cpu_weight),
}


def make_cgroups(name: str, res: KernelResources) -> list[str]:
    """One control group per available controller for a kernel; returns their folders (for the launcher)."""
    made = []
    for controller, parent in cgroup_layout().items():
        folder = parent / name
        v2file, v1file, value = _SETTINGS[controller]
        setting = v2file if parent == _own_v2_dir() else v1file
        if controller == "cpu" and setting == "cpu.shares":
            setting_value = res.cpu_weight * 1024 // 100
        else:
            setting_value = value(res)
        try:
            folder.mkdir(exist_ok=True)
            (folder / setting).write_text(str(setting_value))
        except OSError:
            _remove(folder)
            continue
        if str(folder) not in made:
            made.append(str(folder))
    return made


def join_cgroups(folders: list[str]) -> None:
    """Move this process (the launcher, before it execs the jail) into ``folders``."""
    for folder in folders:
        try:
            Path(folder, "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            pass


def cgroup_pids(folder: str | Path) -> set[int] | None:
    """The processes in a control group; None when there is no such group."""
    try:
        return {int(p) for p in Path(folder, "cgroup.procs").read_text().split()}
    except (OSError, ValueError):
        return None


def _kill(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, 9)
        except (ProcessLookupError, PermissionError):
            pass


def kill_cgroups(folders: list[str]) -> None:
    """Every process in ``folders``, the groups themselves kept (a restarted kernel joins them again)."""
    for _ in range(2):  # twice: a process forking meanwhile is caught the second time
        for folder in folders:
            _kill(cgroup_pids(folder) or set())


def _remove(folder: Path, wait: float = 5.0) -> None:
    """Kill what is left in a control group and remove it (once its processes are gone: they take a moment)."""
    end = time.monotonic() + wait
    while True:
        pids = cgroup_pids(folder)
        if pids is None:
            return  # already gone
        _kill(pids)
        try:
            folder.rmdir()
            return
        except OSError:
            if time.monotonic() > end:
                return
            time.sleep(0.05)


def remove_cgroups(folders: list[str]) -> None:
    for folder in folders:
        _remove(Path(folder))


def remove_cgroups_of(tmp: Path) -> None:
    """The control groups of the kernels whose scratch folders are in ``tmp`` (a killed worker's folder), and of
    its template kernels (:mod:`autograder.hardened.kernel_template`)."""
    names = [p.name for p in tmp.glob("autograder-scratch-*")] if tmp.is_dir() else []
    for template in tmp.glob("autograder-template-*") if tmp.is_dir() else []:
        names += [template.name] + [f"{template.name}-{kernel.name}" for kernel in template.glob("s-*")]
    remove_cgroups([str(parent / name) for parent in set(cgroup_layout().values()) for name in names])


# --- the scratch folder -----------------------------------------------------------------------------------

def mount_scratch(folder: Path, size_mb: int, mode: str = "0700") -> bool:
    """Make ``folder`` (empty) a tmpfs of ``size_mb``; False where mounting is not allowed."""
    if os.geteuid() != 0 or not size_mb:
        return False
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode={mode},nosuid,nodev",
                          "autograder-scratch", str(folder)], capture_output=True, check=False)
    return run.returncode == 0


def unmount_scratch(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@lru_cache(maxsize=1)
def missing() -> list[str]:
    """The whole-kernel protections this machine cannot give, in words (empty when all are on)."""
    import shutil
    import tempfile

    off = []
    layout = cgroup_layout()
    if "memory" not in layout:
        off.append("memory of a kernel's whole process tree (no writable cgroup memory controller): only the "
                   "per-process address-space limit applies, so a kernel's children can add up past it")
    if "pids" not in layout:
        off.append("processes per kernel (no cgroup pids controller): only the per-uid process limit applies")
    if "cpu" not in layout:
        off.append("fair CPU share between kernels (no cgroup cpu controller): only nice applies")
    probe = Path(tempfile.mkdtemp(prefix="autograder-probe-"))
    try:
        if mount_scratch(probe, 1):
            unmount_scratch(probe)
        else:
            off.append("disk of the scratch folder (no tmpfs mount: grading is not root or may not mount): only "
                       "the per-file size limit applies")
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    return off
