"""Is everything generated from the sources up to date, tidy for git, and free of leaks?"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.build.builder import generate_exercises, sync_notebooks
from autograder.course.layout import Course
from autograder.course.notebooks import assign_cell_ids, read_notebook, write_notebook
from autograder.build.verify import compare_release, find_leaks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fresh_release(course, tmp_path_factory):
    dest = tmp_path_factory.mktemp("release")
    return dest, generate_exercises(course, dest=dest)


@pytest.fixture
def course_copy(course, tmp_path) -> Course:
    """A scratch copy of the course, to show that the checks below can fail."""
    for name in ("course", "solutions", "exercises"):
        shutil.copytree(course.root / name, tmp_path / name)
    shutil.copy(course.root / "nbgrader_config.py", tmp_path)
    return Course(tmp_path)


def test_exercises_are_exactly_what_nbgrader_generates_from_solutions(course, fresh_release):
    dest, produced = fresh_release
    assert set(produced) == set(course.assignments())
    assert compare_release(course, dest, produced) == {}


def test_a_hand_edited_exercise_is_reported_as_drift(course_copy, tmp_path_factory):
    nb_path = course_copy.release_notebooks("01-vectors")[0]
    nb = read_notebook(nb_path)
    nb.cells[0].source += "\nedited by hand"
    write_notebook(nb, nb_path)
    dest = tmp_path_factory.mktemp("release2")
    produced = generate_exercises(course_copy, dest=dest)
    drift = compare_release(course_copy, dest, produced)
    assert list(drift) == ["exercises/01-vectors/01-vectors-exercises.ipynb"]


def test_exercises_leak_no_solution_hidden_test_or_extra_file(course):
    assert find_leaks(course) == []


def test_leak_finder_catches_solution_text_and_copied_files(course_copy):
    nb_path = course_copy.release_notebooks("01-vectors")[0]
    nb = read_notebook(nb_path)
    cell = next(c for c in nb.cells if c.get("id") == "q4-cosine")
    cell.source = "Xn = X / np.linalg.norm(X, axis=1, keepdims=True)"
    write_notebook(nb, nb_path)
    (nb_path.parent / "01-vectors-exercises.py").write_text("secret", encoding="utf-8")
    problems = "\n".join(find_leaks(course_copy))
    assert "solution/hidden-test line" in problems
    assert "non-notebook file" in problems


def test_the_python_twins_of_solutions_are_not_released(fresh_release):
    dest, produced = fresh_release
    for files in produced.values():
        assert all(p.suffix == ".ipynb" for p in files), files


def test_every_notebook_matches_its_text_twin(course):
    drift = sync_notebooks(course, check=True)
    assert not drift, drift.report()


def test_an_edited_text_twin_is_reported_until_rebuilt(course_copy):
    src = course_copy.solutions / "01-vectors" / "01-vectors-exercises.py"
    src.write_text(src.read_text(encoding="utf-8").replace("Seven questions", "Eight questions"), encoding="utf-8")
    assert list(sync_notebooks(course_copy, check=True).files) == ["solutions/01-vectors/01-vectors-exercises.ipynb"]
    sync_notebooks(course_copy)
    assert not sync_notebooks(course_copy, check=True)


def _notebooks(course: Course, folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ipynb"))


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_graded_notebooks_are_committed_without_outputs(course, folder):
    for path in _notebooks(course, course.root / folder):
        for cell in read_notebook(path).cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, (path, cell.id)


@pytest.mark.parametrize("folder", ["course", "solutions", "exercises"])
def test_cell_ids_are_deterministic(course, folder):
    for path in _notebooks(course, course.root / folder):
        nb = read_notebook(path)
        ids = [c.id for c in nb.cells]
        assert ids == [c.id for c in assign_cell_ids(read_notebook(path)).cells], path
        assert len(set(ids)) == len(ids)


def test_questions_follow_the_naming_convention_and_hidden_cells_hold_only_hidden_tests(course):
    for assignment in course.assignments():
        for path in course.source_notebooks(assignment):
            answers, tests = [], []
            for cell in read_notebook(path).cells:
                meta = cell.metadata.get("nbgrader", {})
                if meta.get("solution"):
                    answers.append(meta["grade_id"])
                elif meta.get("grade"):
                    tests.append(meta["grade_id"])
                    if "BEGIN HIDDEN TESTS" in cell.source:
                        outside = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", cell.source, flags=re.S)
                        code = [ln for ln in outside.splitlines() if ln.strip() and not ln.strip().startswith("#")]
                        assert not code, f"{path}: {meta['grade_id']} mixes visible and hidden tests"
            assert len(answers) >= 6, path
            for gid in answers:
                assert re.fullmatch(r"q\d+-[a-z0-9-]+", gid), gid
                assert {f"{gid}-visible", f"{gid}-hidden"} <= set(tests), gid


def test_plain_nbgrader_uses_the_course_settings(course, tmp_path):
    """`nbgrader generate_assignment` reads nbgrader_config.py: solutions/ in, stubbed answers out."""
    env_bin = Path(sys.executable).parent
    proc = subprocess.run(
        [str(env_bin / "nbgrader"), "generate_assignment", "01-vectors", "--force",
         f"--db=sqlite:///{tmp_path / 'gb.db'}", f"--CourseDirectory.release_directory={tmp_path / 'rel'}"],
        cwd=course.root, capture_output=True, text=True, timeout=300,
        env={"PATH": f"{env_bin}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    released = tmp_path / "rel" / "01-vectors" / "01-vectors-exercises.ipynb"
    text = released.read_text(encoding="utf-8")
    assert "raise NotImplementedError()" in text and "BEGIN SOLUTION" not in text
    assert not (tmp_path / "rel" / "01-vectors" / "01-vectors-exercises.py").exists()
    assert (course.root / ".exchange").is_dir()


def test_a_lecture_that_raises_or_warns_does_not_build(course_copy):
    from autograder.build.builder import BuildError

    src = course_copy.lectures / "01-vectors.py"
    src.write_text(src.read_text(encoding="utf-8") + "\n# %%\n1 / 0\n", encoding="utf-8")
    with pytest.raises(BuildError, match="ZeroDivisionError"):
        sync_notebooks(course_copy, only="01-vectors")


def test_every_committed_lecture_ran_without_errors_or_stderr(course):
    from autograder.build.builder import lecture_problems

    for path in course.lecture_notebooks():
        assert lecture_problems(read_notebook(path)) == [], path
