"""A stock nbgrader course made from this course's sources: its scoring settings (timeouts, stubs, warning
filter), but nbgrader's own Execute step and kernel handling, graded as nbgrader documents it
(``generate_assignment``, then ``autograde <assignment>``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.cli import ROOT


class StockCourse:
    def __init__(self, course, root: Path, memory_mb: int | None = None, assignments: list[str] | None = None):
        """``memory_mb``: an address-space cap for nbgrader and every kernel it starts (stock nbgrader has
        none: a submission that builds a 20 GB matrix would take the machine with it). ``assignments``: the
        course's assignments this course has (all by default); ``"*"`` then names them all at once."""
        self.root = root
        self.memory_mb = memory_mb
        if assignments is None:
            shutil.copytree(course.solutions, root / "solutions")
        for assignment in assignments or []:
            shutil.copytree(course.solutions / assignment, root / "solutions" / assignment)
        (root / "nbgrader_config.py").write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            "from autograder.course.config import course_config\n"
            f"c = get_config()\nc.merge(course_config({str(root)!r}))\n"
            "del c.Autograde['autograde_preprocessors']\n"  # nbgrader's own Execute, and its graceful
            "del c.Execute['shutdown_kernel']\n", encoding="utf-8")  # kernel shutdown: stock behaviour
        (root / ".exchange").mkdir()
        self.db = root / "gradebook.db"
        self._nbgrader = str(Path(sys.executable).parent / "nbgrader")
        self._env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def submit(self, student: str, assignment: str, notebook: str, path: Path) -> None:
        dest = self.root / "submitted" / student / assignment / f"{notebook}.ipynb"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)

    def release(self, assignment: str) -> None:
        done = self._run("generate_assignment", assignment, "--force")
        if done.returncode:
            raise RuntimeError(f"nbgrader generate_assignment {assignment} failed:\n{done.stderr[-2000:]}")

    def autograde(self, assignment: str) -> subprocess.CompletedProcess:
        return self._run("autograde", assignment, "--force")

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self._nbgrader, *args], cwd=self.root, env=self._env, capture_output=True,
                              text=True, timeout=3600, preexec_fn=self._limit if self.memory_mb else None)

    def _limit(self) -> None:
        import resource

        cap = self.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
