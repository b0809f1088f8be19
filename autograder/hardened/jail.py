"""The jail a student's kernel runs in during hardened grading.

With bubblewrap (Debian's ``bubblewrap``; ``make test`` installs it) and root, each kernel gets:

* a filesystem built from an allowlist: the system's ``/usr``, a few files of ``/etc``, the Python
  installation, the virtual environment and the ``autograder`` package, all read-only, plus its own
  scratch folder (a copy of the submission's folder) as the only writable place. solutions/, hidden
  tests, the gradebook, the grader's workspace and other students' files are simply not there;
* no network (an empty network namespace), its own PID, IPC and UTS namespaces, a new session, and it
  dies with the grader;
* an unprivileged user (uid 65534 minus the worker slot, every capability dropped);
* resource limits: address space, CPU seconds, file size, open files and processes (see :class:`Limits`),
  and limits of the whole kernel with its children (:mod:`autograder.hardened.resources`).

The kernel talks to the grader over Unix sockets in its scratch folder (ZeroMQ ``ipc`` transport), the
one channel that crosses the jail. Where bubblewrap cannot run (not installed, not root, or a container
that forbids namespaces) grading still runs with the resource limits, and :func:`probe` says, in
:attr:`Protections.summary`, exactly which protections are off; the report and ``grade`` print it.

``python -m autograder.hardened.jail --limits ... -- CMD`` is the tiny launcher: it sets the limits on itself
and execs ``CMD`` (bubblewrap), so they are inherited by the kernel and everything it starts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

NOBODY = 65534
ETC_FILES = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/passwd",
             "/etc/group", "/etc/nsswitch.conf", "/etc/fonts", "/etc/alternatives", "/etc/mime.types"]


@dataclass(frozen=True)
class Limits:
    """What one student kernel may use (``--limit`` style knobs for instructors)."""

    memory_mb: int = 4096       # address space (RLIMIT_AS): a memory hog gets MemoryError, not the machine
    cpu_seconds: int = 900      # CPU time of the whole kernel (RLIMIT_CPU)
    file_size_mb: int = 64      # largest file it may write (RLIMIT_FSIZE)
    open_files: int = 1024      # RLIMIT_NOFILE
    processes: int = 512        # processes and threads of the sandbox user, all kernels together (RLIMIT_NPROC)


@dataclass
class Protections:
    """Which protections a grading run has; ``off`` lists the missing ones, in words."""

    jail: bool
    limits: bool
    trusted_verdicts: bool = True
    off: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        on = []
        if self.jail:
            on.append("jailed kernels (bubblewrap: allowlisted read-only filesystem, no network, own PIDs, "
                      "unprivileged user)")
        if self.limits:
            on.append("resource limits (memory, CPU, file size, processes)")
        if self.trusted_verdicts:
            on.append("verdicts computed outside the student's kernel")
        text = "hardened grading: " + "; ".join(on) + "."
        if self.off:
            text += " OFF: " + "; ".join(self.off) + "."
        return text

    def to_json(self) -> dict:
        return asdict(self) | {"summary": self.summary}


def plain_protections() -> Protections:
    return Protections(jail=False, limits=False, trusted_verdicts=False,
                       off=["hardened grading was turned off (--plain): student code runs like in stock nbgrader"])


@lru_cache(maxsize=1)
def probe() -> Protections:
    """What this machine allows; the jail is tried once for real (a forbidding container fails here), and
    the limits of a whole kernel (:func:`autograder.hardened.resources.missing`)."""
    from autograder.hardened.resources import missing

    found = _probe_jail()
    found.off += missing() if found.jail else []
    return found


def _probe_jail() -> Protections:
    off: list[str] = []
    if os.environ.get("AUTOGRADER_JAIL", "").lower() in ("0", "off", "no"):
        off.append("the jail, turned off by AUTOGRADER_JAIL=off: student code can read and write what the "
                   "grader can, and use the network")
        return Protections(jail=False, limits=True, off=off)
    bwrap = shutil.which("bwrap")
    reason = None
    if bwrap is None:
        reason = "bubblewrap is not installed (Debian package bubblewrap)"
    elif os.geteuid() != 0:
        reason = "grading is not running as root, which the jail needs to switch to an unprivileged user"
    elif shutil.which("setpriv") is None:
        reason = "setpriv (util-linux) is missing"
    else:
        scratch = Path(tempfile.mkdtemp(prefix="autograder-probe-"))
        try:
            os.chown(scratch, NOBODY, NOBODY)
            cmd = jail_command([sys.executable, "-c", "import numpy, autograder"], scratch)
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            if run.returncode != 0:
                reason = f"bubblewrap cannot start here ({(run.stderr or run.stdout).strip()[:200]})"
        except (OSError, subprocess.SubprocessError) as exc:
            reason = f"bubblewrap cannot start here ({exc})"
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if reason:
        off.append(f"the jail ({reason}): student code can read and write what the grader can, "
                   "and use the network")
        return Protections(jail=False, limits=True, off=off)
    return Protections(jail=True, limits=True)


def _readonly_roots() -> list[str]:
    """Folders the kernel needs to read: Python, the environment, and the autograder package."""
    roots = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), _package_dir()}
    exe = os.path.realpath(sys.executable)
    if not any(exe.startswith(r + os.sep) for r in roots):
        roots.add(os.path.dirname(exe))
    # the unrealpath'ed prefix too (a venv's bin/python is a symlink into the base installation)
    roots.add(os.path.abspath(sys.prefix))
    return sorted(r for r in roots if r not in ("/", "/usr") and os.path.exists(r))


def _package_dir() -> str:
    import autograder

    return os.path.dirname(os.path.realpath(autograder.__file__))


def jail_command(cmd: list[str], scratch: Path, env: dict[str, str] | None = None, uid: int = NOBODY) -> list[str]:
    """bubblewrap + setpriv around ``cmd``: only ``scratch`` is writable, everything else is absent or read-only."""
    args = ["bwrap", "--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-pid", "--unshare-net",
            "--unshare-uts", "--unshare-cgroup-try", "--hostname", "grader",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for link in ("bin", "lib", "lib32", "lib64", "sbin"):
        path = f"/{link}"
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for etc in ETC_FILES:
        args += ["--ro-bind-try", etc, etc]
    made: set[str] = {"/", "/usr", "/tmp", "/etc"}
    for root in [*_readonly_roots(), str(scratch)]:
        parents = []
        p = os.path.dirname(root)
        while p not in made and p != "/":
            parents.append(p)
            p = os.path.dirname(p)
        for d in reversed(parents):
            args += ["--perms", "0755", "--dir", d]
            made.add(d)
        if root == str(scratch):
            args += ["--bind", root, root]
        else:
            args += ["--ro-bind", root, root]
        made.add(root)
    args += ["--chdir", str(scratch), "--clearenv"]
    for key, value in kernel_env(scratch, env).items():
        args += ["--setenv", key, value]
    args += ["--", "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
             "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    return args + list(cmd)


def kernel_env(scratch: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The whole environment of a kernel whose folder is ``scratch``, plus ``env``."""
    base_env = {"PATH": f"{os.path.dirname(sys.executable)}:/usr/bin:/bin", "HOME": str(scratch),
                "LANG": "C.UTF-8", "MPLCONFIGDIR": str(scratch / ".matplotlib"), "MPLBACKEND": "Agg",
                "IPYTHONDIR": str(scratch / ".ipython"), "JUPYTER_RUNTIME_DIR": str(scratch),
                "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(scratch),
                # the package is bound read-only at its real path: importable however it was installed
                "PYTHONPATH": os.path.dirname(_package_dir())}
    return {**base_env, **(env or {})}


def launcher(cmd: list[str], limits: Limits, readable: list[str] = (), uid: int = NOBODY,
             cgroups: list[str] = (), nice: int = 0) -> list[str]:
    """``cmd`` started by this module's launcher, which joins ``cgroups``, lowers its priority by ``nice`` and
    applies ``limits`` first; the ``readable`` files are given to ``uid``."""
    spec = json.dumps({"limits": asdict(limits), "readable": list(readable), "uid": uid, "cgroups": list(cgroups),
                       "nice": nice})
    return [sys.executable, "-m", "autograder.hardened.jail", spec, "--", *cmd]


def apply_limits(limits: Limits) -> None:
    import resource

    mb = 1024 * 1024
    wanted = {resource.RLIMIT_AS: limits.memory_mb * mb, resource.RLIMIT_CPU: limits.cpu_seconds,
              resource.RLIMIT_FSIZE: limits.file_size_mb * mb, resource.RLIMIT_NOFILE: limits.open_files,
              resource.RLIMIT_NPROC: limits.processes, resource.RLIMIT_CORE: 0,
              # no POSIX message queue: one would outlive the kernel in the jail's IPC namespace
              resource.RLIMIT_MSGQUEUE: 0}
    for res, value in wanted.items():
        soft, hard = resource.getrlimit(res)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(res, (value, value if res != resource.RLIMIT_CPU else value + 5))


def main(argv: list[str]) -> None:
    spec = json.loads(argv[0])
    cmd = argv[argv.index("--") + 1:]
    uid = int(spec.get("uid", NOBODY))
    for path in spec.get("readable", []):  # the kernel's connection file, written by the grader (root, 0600)
        if os.geteuid() == 0 and os.path.exists(path):
            os.chown(path, uid, uid, follow_symlinks=False)  # never through a link the student planted
    if spec.get("cgroups"):
        from autograder.hardened.resources import join_cgroups

        join_cgroups(spec["cgroups"])
    if spec.get("nice"):
        os.nice(int(spec["nice"]))
    apply_limits(Limits(**spec["limits"]))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
