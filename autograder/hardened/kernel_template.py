"""Student kernels forked from a template that has done the imports once (hardened grading, issue #14).

A cold jailed kernel spends 1.5-2 s of CPU before the student's first line runs: Python, ipykernel, NumPy,
SciPy, SymPy, matplotlib. A grading process (``grade``, or one worker of ``grade-class``) therefore keeps
one *template* per worker slot: a jailed process (:mod:`autograder.hardened.template_server`) that did those
imports once and forks a kernel for each notebook. Each kernel still starts as clean as a cold one:

* **memory**: it is a fresh fork of the template, which never runs a student's code and is not dumpable
  (a student's process cannot ptrace it nor open its memory or file descriptors);
* **files**: in the jail the only writable place is the kernel's own folder, a new one per notebook,
  deleted after the notebook; the template's root and its own folder belong to root;
* **processes**: the kernel is moved into its own control groups before it runs anything (it stops itself
  right after the fork until the grader continues it), and the groups are emptied after the notebook;
* **IPC**: System V objects are removed before each fork, POSIX message queues are refused (RLIMIT_MSGQUEUE).

The jail, the limits, the uid and the control groups are those of a cold kernel. A template that is dead,
stopped or slow to answer is stopped, and that kernel starts cold (what a student can do to the template
costs time, never a grade); the next notebook gets a new template. Where control groups or the jail are
missing, every kernel starts cold, as before.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from autograder.hardened import jail as sandbox
from autograder.hardened import resources as kernel_resources
from autograder.hardened.kernel_manager import kernel_tempdir

# (sh gives a background command /dev/null for stdin unless told otherwise: the requests come through fd 3)
HOLDER = ('exec 3<&0; "$@" <&3 3<&- & exec 3<&- </dev/null >/dev/null; wait; '
          'exec setpriv --inh-caps=-all --bounding-set=-all --no-new-privs sleep infinity')
READY_TIMEOUT = 120.0  # seconds for the template's imports (a cold machine, a busy CI runner)
FORK_TIMEOUT = 15.0  # seconds for one fork


class TemplateUnavailable(Exception):
    """No template kernel here, or it failed: the kernel starts cold."""


class ForkedKernel:
    """A kernel forked by the template, with the part of :class:`subprocess.Popen`'s interface that
    jupyter_client uses. It is not the grader's child, so it is watched through a pidfd."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int, cgroups: list[str]):
        self.pid = pid
        self._fd = pidfd
        self._cgroups = cgroups
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            self.returncode = -signal.SIGKILL  # its exit status is the template's to collect
            os.close(self._fd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            select.select([self._fd], [], [], 0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                signal.pidfd_send_signal(self._fd, signum)
            except ProcessLookupError:
                pass
        if signum == signal.SIGKILL:  # jupyter_client kills a kernel this way; everything it started goes
            kernel_resources.kill_cgroups(self._cgroups)  # too, as with a cold kernel's whole jail
            # dead within milliseconds: seen dead at jupyter_client's first look, it does not sleep 0.1 s
            if self.returncode is None:
                select.select([self._fd], [], [], 1.0)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _procs(folder: str) -> set[int]:
    return kernel_resources.cgroup_pids(folder) or set()


def _status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def _settings(pid: int) -> tuple:
    """A process's resource limits (all of them), priority, scheduling policy and CPUs."""
    return (Path(f"/proc/{pid}/limits").read_text(), os.getpriority(os.PRIO_PROCESS, pid),
            os.sched_getscheduler(pid), sorted(os.sched_getaffinity(pid)))


def _chown_tree(folder: Path, uid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, uid)


class KernelTemplate:
    """One jailed template process and the folder its kernels live in."""

    def __init__(self, limits: sandbox.Limits, res: kernel_resources.KernelResources, uid: int, nice: int):
        self.uid, self.limits, self.nice = uid, limits, nice
        self.broken = False
        self.baseline = 0  # bytes used in the template's tmpfs once it is ready
        self.proc: subprocess.Popen | None = None
        self.root = Path(tempfile.mkdtemp(prefix="autograder-template-", dir=kernel_tempdir()))
        self.mounted = kernel_resources.mount_scratch(self.root, res.scratch_mb, mode="0755")
        self.cgroups = kernel_resources.make_cgroups(self.root.name, res)
        try:
            if not self.cgroups:
                raise TemplateUnavailable("no control groups to give each kernel its own")
            home = self.root / ".template"
            home.mkdir()
            os.chown(home, uid, uid)
            env = {"HOME": str(home), "MPLCONFIGDIR": str(home / ".matplotlib"), "IPYTHONDIR": str(home / ".ipython"),
                   "JUPYTER_RUNTIME_DIR": str(home), "TMPDIR": str(home)}
            server = [sys.executable, "-m", "autograder.hardened.template_server"]
            jailed = sandbox.jail_command(server, self.root, env=env, uid=uid)
            cut = jailed.index("--") + 1
            # The jail's first process must outlive the template: when it ends, bubblewrap ends the whole PID
            # namespace, kernels included, and a student (the template's user) can kill the template. So it
            # is a root shell, which no student may signal, that starts the template and then sleeps.
            cmd = [*jailed[:cut], "sh", "-c", HOLDER, "sh", *jailed[cut:]]
            self.proc = subprocess.Popen(sandbox.launcher(cmd, limits, uid=uid, cgroups=self.cgroups, nice=nice),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            self.home = home
            self.server: int | None = None  # the template's pid, once its imports are done (_wait_ready)
        except BaseException:
            self.close()
            raise

    def _wait_ready(self) -> None:
        """The template starts in the background (its imports overlap the grader's own set-up); the first
        fork waits for it here."""
        if self.server is not None:
            return
        if not self._answer(READY_TIMEOUT).get("ready"):
            raise TemplateUnavailable("the template kernel did not start")
        self.known = _procs(self.cgroups[0])  # the jail's own processes and the template
        servers = [p for p in self.known if _status(p).get("Uid", "").split()[:1] == [str(self.uid)]]
        if len(servers) != 1:
            raise TemplateUnavailable("the template kernel could not be found")
        _chown_tree(self.home, 0)  # what the template wrote at start (font cache) is read-only for kernels
        self.server = servers[0]
        self.baseline = self._used()
        self.settings = _settings(self.server)  # before any student's code: what every kernel must start with

    # -- the conversation ---------------------------------------------------------------------------------
    def _answer(self, timeout: float) -> dict:
        assert self.proc is not None and self.proc.stdout is not None
        if not select.select([self.proc.stdout], [], [], timeout)[0]:
            raise TemplateUnavailable("the template kernel did not answer")
        line = self.proc.stdout.readline()
        try:
            answer = json.loads(line)
        except ValueError:
            raise TemplateUnavailable("the template kernel is gone") from None
        return answer if isinstance(answer, dict) else {}

    def healthy(self) -> bool:
        """Alive and not stopped (a student's kernel runs as the same user and can signal it)."""
        if self.broken or self.proc is None or self.proc.poll() is not None:
            return False
        if self.server is None:
            return True
        try:  # its limits and priority too: a lowered limit would be inherited by every later kernel
            return _status(self.server).get("State", "")[:1] in ("S", "R") and _settings(self.server) == self.settings
        except OSError:
            return False

    def new_folder(self) -> Path:
        """A new, empty folder for one notebook's kernel (the caller fills it and gives it to the kernel's uid).
        Its name is short: the kernel's sockets are files in it, and a socket's path has at most 107 bytes."""
        return Path(tempfile.mkdtemp(prefix="s-", dir=self.root))

    def cgroup_name(self, folder: Path) -> str:
        """The name of the control groups of the kernel in ``folder`` (unique on the machine)."""
        return f"{self.root.name}-{folder.name}"

    def fork(self, argv: list[str], cwd: Path, env: dict[str, str], cgroups: list[str]) -> ForkedKernel:
        """A kernel started with ``argv`` (ipykernel's arguments) in ``cwd``, inside ``cgroups``."""
        try:
            return self._fork(argv, cwd, env, cgroups)
        except (TemplateUnavailable, OSError) as exc:
            self.broken = True
            raise TemplateUnavailable(str(exc)) from None

    def _fork(self, argv: list[str], cwd: Path, env: dict[str, str], cgroups: list[str]) -> ForkedKernel:
        self._wait_ready()
        if not cgroups or not self.healthy():
            raise TemplateUnavailable("the template kernel is not usable")
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write((json.dumps({"argv": argv, "cwd": str(cwd), "env": env}) + "\n").encode())
        self.proc.stdin.flush()
        if not self._answer(FORK_TIMEOUT).get("stopped"):
            raise TemplateUnavailable("the template kernel could not fork")
        new = _procs(self.cgroups[0]) - self.known
        if len(new) != 1:
            raise TemplateUnavailable(f"expected one new kernel in the template's group, found {len(new)}")
        pid = new.pop()
        pidfd = os.pidfd_open(pid)
        try:
            for folder in cgroups:
                Path(folder, "cgroup.procs").write_text(str(pid))
            if pid in _procs(self.cgroups[0]):
                raise TemplateUnavailable("the kernel could not be moved into its own control groups")
            # a student's process runs as the template's user and may have lowered the template's limits or
            # priority, which every later fork would inherit (and which root may not be allowed to raise again)
            if _settings(pid) != self.settings:
                raise TemplateUnavailable("the template's limits or priority were changed")
        except BaseException:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
            os.close(pidfd)
            raise
        signal.pidfd_send_signal(pidfd, signal.SIGCONT)
        return ForkedKernel(pid, pidfd, list(cgroups))

    def _used(self) -> int:
        if not self.mounted:
            return 0
        st = os.statvfs(self.root)
        return (st.f_blocks - st.f_bfree) * st.f_frsize

    def finish(self, folder: Path, cgroups: list[str]) -> None:
        """After a notebook whose kernel's groups were emptied: its folder goes. Whatever a student could
        leave behind (a group that would not empty, a tree too deep to delete, space still in use) breaks
        the template, and the next notebook gets a new one."""
        try:
            shutil.rmtree(folder)
        except Exception:  # noqa: BLE001 - a RecursionError too: a deep tree; rm does not recurse on the stack
            subprocess.run(["rm", "-rf", "--one-file-system", str(folder)], capture_output=True, check=False)
        if folder.exists() or any(Path(c).exists() for c in cgroups) or \
                self._used() > self.baseline + 1024 * 1024:
            self.broken = True

    def close(self) -> None:
        kernel_resources.remove_cgroups(self.cgroups)  # the template and anything still in its group
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.mounted:
            kernel_resources.unmount_scratch(self.root)
        shutil.rmtree(self.root, ignore_errors=True)


# -- one template per grading process and slot --------------------------------------------------------------

_templates: dict[tuple, KernelTemplate] = {}
_failures: dict[tuple, int] = {}
MAX_FAILURES = 3  # templates that failed to start before this process stops trying


def enabled() -> bool:
    """Templates need the jail as root, control groups and the main thread (the jail dies with the thread
    that started it); ``AUTOGRADER_KERNEL_TEMPLATE=off`` turns them off."""
    if os.environ.get("AUTOGRADER_KERNEL_TEMPLATE", "").lower() in ("0", "off", "no"):
        return False
    if threading.current_thread() is not threading.main_thread() or not hasattr(os, "pidfd_open"):
        return False
    return sandbox.probe().jail and bool(kernel_resources.cgroup_layout())


def template_for(limits: sandbox.Limits, res: kernel_resources.KernelResources, uid: int,
                 nice: int) -> KernelTemplate | None:
    """This process's template for kernels with these limits, or None: start cold. A new template is started
    in the background: call this early (``prestart``) and its imports overlap the caller's own set-up."""
    if not enabled():
        return None
    key = (limits, res, uid, nice, os.getpid())
    template = _templates.get(key)
    if template is not None and not template.healthy():
        template.close()
        del _templates[key]
        template = None
    if template is None and _failures.get(key, 0) < MAX_FAILURES:
        try:
            template = _templates[key] = KernelTemplate(limits, res, uid, nice)
        except (TemplateUnavailable, OSError):
            _failures[key] = _failures.get(key, 0) + 1
    return template


@atexit.register
def close_all() -> None:
    for key, template in list(_templates.items()):
        if key[-1] == os.getpid():  # not a forked parent's
            template.close()
    _templates.clear()


def prestart(res: kernel_resources.KernelResources) -> None:
    """Start this process's template for hardened kernels with ``res`` now, in the background."""
    template_for(sandbox.Limits(), res, kernel_resources.slot_uid(), res.nice)
