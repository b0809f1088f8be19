"""The student's kernel as the grader starts it: inside the jail, over Unix sockets, with a cap on messages."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Bool, Instance, Integer, List, Type, Unicode

from autograder.hardened import jail as sandbox
from autograder.hardened import wire

MAX_MESSAGE = wire.MAX_BYTES + 4 * 1024 * 1024  # bytes of one message from the kernel (a reply and its envelope)


def _nbgrader_env() -> dict[str, str]:
    """The grader's variables a kernel sees (nbgrader's NBGRADER_EXECUTION), cold or forked; nothing else."""
    return {k: v for k, v in os.environ.items() if k.startswith("NBGRADER_")}


SOCKET_PATH_MAX = 107  # bytes in a Unix socket's path on Linux (sun_path, without its final NUL)
# a kernel's deepest socket below the folder its kernel folders are made in: the template's folder, the kernel's
# folder and the socket itself ("autograder-template-12345678/s-12345678/k1234-5")
KERNEL_DEPTH = 52
SHORT_TEMPDIRS = ("/tmp", "/var/tmp", "/dev/shm")


def kernel_tempdir(below: int = 0) -> str:
    """Where to make the folders that kernels' sockets live in: the temporary folder, unless its path is too
    long for them (``below``: bytes of folders in between, a class worker's for example), then the first
    short system one. A TMPDIR of 60 characters made every kernel fail to start (every notebook scored 0)."""
    tmp = tempfile.gettempdir()
    if len(os.fsencode(tmp)) + below + KERNEL_DEPTH <= SOCKET_PATH_MAX:
        return tmp
    for folder in SHORT_TEMPDIRS:
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return tmp


class ReadyKernelClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel is: ``wait_for_ready`` returns once IOPub has carried
    the kernel's "idle" for its own ``kernel_info`` request, instead of after 0.2 s of silence on IOPub (a
    fifth of a second of every graded notebook). The guarantee is the same: the kernel answers, IOPub is
    connected, and what the kernel published before is read and dropped."""

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            reply = await self._reply_to(msg_id, self.shell_channel, lambda m: True, wait=1.0)
            # ipykernel's last message about a request is its "idle" status, on IOPub. Not there within 0.1 s,
            # IOPub may not have been connected when it was sent (a subscription misses what came before it,
            # two forked kernels in five): ask again, a second request is answered in 5 ms
            if reply is not None and await self._reply_to(
                    msg_id, self.iopub_channel,
                    lambda m: m.get("msg_type") == "status" and m.get("content") == {"execution_state": "idle"},
                    wait=0.1) is not None:
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    @staticmethod
    async def _reply_to(msg_id: str, channel, wanted, wait: float) -> dict | None:
        """The first message on ``channel`` about request ``msg_id`` that is ``wanted``; others are dropped."""
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await channel.get_msg(timeout=left)
            except Empty:
                return None
            parent = msg.get("parent_header")
            if isinstance(parent, dict) and parent.get("msg_id") == msg_id and wanted(msg):
                return msg
        return None

    wait_for_ready = _async_wait_for_ready  # AsyncKernelClient binds jupyter_client's own under this name


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel started through :mod:`autograder.hardened.jail`, talking over Unix sockets in its scratch folder."""

    scratch = Unicode("").tag(config=True)
    jailed = Bool(True).tag(config=True)
    limits = Instance(sandbox.Limits, kw={})
    uid = Integer(sandbox.NOBODY)  # the slot's unprivileged user (resources.slot_uid)
    cgroups = List()  # control groups the launcher joins (resources.make_cgroups)
    nice = Integer(0)
    template = Any(None)  # a kernel_template.KernelTemplate to fork the kernel from, or None: start it cold
    client_factory = Type(ReadyKernelClient, klass=AsyncKernelClient)
    _starts = 0
    _kernel_argv: list[str] = []

    async def _async_pre_start_kernel(self, **kw):
        SandboxedKernelManager._starts += 1
        scratch = Path(self.scratch)
        if self.jailed:
            self.transport = "ipc"
            self.ip = str(scratch / f"k{self._starts}")  # short: a socket's path has at most 107 bytes
        self.connection_file = str(scratch / f"kernel-{os.getpid()}-{self._starts}.json")
        kw["cwd"] = str(scratch)
        # the kernel's own stdout/stderr (fd 1 and 2, not its cell outputs) must never reach the grader's,
        # where `grade --json` prints its answer
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"  # a signal would stop at the jail's own process
        return await super()._async_pre_start_kernel(**kw)

    def client(self, **kwargs):
        """A client whose sockets drop a kernel that sends one message larger than :data:`MAX_MESSAGE`
        (a student's 3 GB string would otherwise be held in the grader's memory before any check)."""
        import zmq
        import zmq.asyncio

        context = zmq.asyncio.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
        kwargs.setdefault("context", context)
        return super().client(**kwargs)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        """Forked from the template when there is one (the same jail, limits and user; its own control
        groups); started cold otherwise, or when the template fails."""
        from autograder.hardened.kernel_template import ForkedKernel, TemplateUnavailable

        argv = self._kernel_argv
        if self.template is not None and self.jailed and argv[1:3] == ["-m", "ipykernel_launcher"] \
                and argv[0] == sys.executable:
            try:
                if os.geteuid() == 0:
                    os.chown(self.connection_file, self.uid, self.uid, follow_symlinks=False)
                kernel = self.template.fork(argv[3:], Path(self.scratch),
                                            sandbox.kernel_env(Path(self.scratch), _nbgrader_env()), list(self.cgroups))
            except TemplateUnavailable as exc:
                self.log.info("kernel template unusable (%s): starting the kernel cold", exc)
            else:
                assert isinstance(kernel, ForkedKernel)
                provisioner = self.provisioner
                provisioner.process, provisioner.pid, provisioner.pgid = kernel, kernel.pid, None
                provisioner.cwd = self.scratch
                self._reconcile_connection_info(provisioner.connection_info)
                return
        await super()._async_launch_kernel(kernel_cmd, **kw)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        self._kernel_argv = list(cmd)
        if self.jailed:
            # not JPY_PARENT_PID: in its own PID namespace the kernel's parent is PID 1, which ipykernel would
            # take for an orphaned kernel; the jail's --die-with-parent does that job
            cmd = sandbox.jail_command(cmd, Path(self.scratch), env=_nbgrader_env(), uid=self.uid)
        return sandbox.launcher(cmd, self.limits, readable=[self.connection_file], uid=self.uid,
                                cgroups=self.cgroups, nice=self.nice)
