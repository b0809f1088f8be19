"""Do the set-up files agree: README's two commands, CI, pip pins and Binder's environment.yml?"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def binder_env() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _pins(reqs: list[str]) -> dict[str, str]:
    out = {}
    for req in reqs:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.\-]+)", req.strip())
        assert m, f"not pinned exactly: {req!r}"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_every_runtime_dependency_is_pinned_exactly():
    assert _pins(pyproject()["project"]["dependencies"])
    assert _pins(pyproject()["project"]["optional-dependencies"]["test"])


def test_binder_environment_lists_the_same_pins_as_pip():
    deps = binder_env()["dependencies"]
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert _pins(pip_section) == _pins(pyproject()["project"]["dependencies"])


def test_binder_python_matches_the_supported_python():
    deps = binder_env()["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    minimum = re.search(r">=\s*(\d+\.\d+)", pyproject()["project"]["requires-python"]).group(1)
    assert python == f"python={minimum}"


def test_the_installed_environment_is_the_pinned_one():
    pins = _pins(pyproject()["project"]["dependencies"]) | _pins(pyproject()["project"]["optional-dependencies"]["test"])
    for name, version in pins.items():
        assert metadata.version(name) == version, name


def test_readme_opens_with_exactly_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.match(r"```bash\n(.*?)```", text, re.S)
    assert m, "README.md must open with a bash code block"
    commands = [ln.split("#")[0].strip() for ln in m.group(1).splitlines() if ln.strip()]
    assert commands == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", run, re.M)
    assert "set -euo pipefail" in run


def test_makefile_targets_install_before_they_run():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lab: \$\(STAMP\)", makefile, re.M)
    assert re.search(r"^test: \$\(STAMP\)", makefile, re.M)
    assert "bash postBuild" in makefile


def test_binder_postbuild_stops_on_errors_and_hides_instructor_tools():
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "set -euo pipefail" in post
    for ext in ("formgrader", "create-assignment", "course-list"):
        assert ext in post


def test_binder_config_is_at_the_root_only():
    # repo2docker ignores root-level configuration when a binder/ or .binder/ folder exists
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "environment.yml").is_file() and (ROOT / "postBuild").is_file()


def test_no_course_state_is_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for name in ("gradebook.db", ".ipynb_checkpoints/", ".nbgrader.log"):
        assert name in ignored


def test_readme_lists_every_chapter_with_its_lecture_and_exercises():
    from autograder.course.layout import find_course

    course = find_course(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for assignment in course.assignments():
        assert f"(course/{assignment}.ipynb)" in text, assignment
        for nb in course.release_notebooks(assignment):
            assert f"(exercises/{assignment}/{nb.name})" in text, nb
