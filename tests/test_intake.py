"""Class intake without kernels: whose a submission is, bounded archives, validated manifests and metadata."""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.classroom.archive import Bounds, extract_all
from autograder.classroom.intake import _jobs, _unpack_packages
from autograder.classroom.results import Summary
from autograder.classroom.package import PackageError, unpack_package
from autograder.classroom.sources import Found, SubmissionsError, discover, unpack_zip, uploader
from autograder.course.notebooks import autograder_metadata, read_notebook, write_notebook
from autograder.course.students import UNNAMED, clean_student_id, is_student_id
from autograder.grading.grader import _student_id, identify
from conftest import StudentNotebook
from zips import MiB, package, patch_member, write_zeros

SMALL = Bounds(member_bytes=1 * MiB, total_bytes=3 * MiB, members=50, depth=4)


@pytest.fixture(scope="module")
def notebook_bytes(course) -> bytes:
    return nbformat.writes(StudentNotebook(course).answer_all().nb).encode()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A real zip bomb: 200 MiB of zeros in a package of about 200 KiB, next to an honest notebook."""
    path = tmp_path_factory.mktemp("bomb") / "mallory-submission.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("MANIFEST.json", json.dumps({"student": "mallory", "notebooks": [
            {"file": "bomb.ipynb", "sha256": "0" * 64}, {"file": "ok.ipynb", "sha256": "0" * 64}]}))
        write_zeros(zf, "bomb.ipynb", 200 * MiB)
        zf.writestr("ok.ipynb", "{}")
    assert path.stat().st_size < 1 * MiB
    return path


# --- one student-id rule ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["alice", "a.b@uni.edu", "zz-mallory_42", "7", "x" * 80])
def test_usable_ids_are_kept_as_they_are(text):
    assert is_student_id(text) and clean_student_id(text) == text


@pytest.mark.parametrize("text", [".", "..", "!.!", "!..!", "", "-", "../../etc", "a/b", "x" * 81, "al\x1bice",
                                  ".hidden", "zz mallory"])
def test_every_other_name_is_cleaned_into_a_usable_id_never_a_path(text):
    cleaned = clean_student_id(text)
    assert is_student_id(cleaned) and cleaned not in (".", "..") and "/" not in cleaned
    assert not is_student_id(text) or cleaned == text


def test_the_grade_command_uses_the_same_rule(tmp_path):
    taken: set[str] = set()
    ids = [_student_id(Path(name), taken) for name in ("!.!.ipynb", "!..!.ipynb", "al ice.ipynb")]
    assert all(is_student_id(i) for i in ids) and len(set(ids)) == 3


# --- whose is each submission -------------------------------------------------------------------------

def test_the_student_comes_from_the_folder_the_lms_made_not_the_file_name(course, tmp_path):
    lms = tmp_path / "lms"
    for rel in ("zz mallory_42_assignsubmission_file/bob_hw_01-vectors.ipynb",
                "Bob Smith_21_assignsubmission_file/hw_01-vectors.ipynb"):
        StudentNotebook(course).save(lms / rel)
    found = {f.path.relative_to(lms).as_posix(): f.student for f in discover(lms, course)}
    assert found == {"zz mallory_42_assignsubmission_file/bob_hw_01-vectors.ipynb": "zz-mallory_42",
                     "Bob Smith_21_assignsubmission_file/hw_01-vectors.ipynb": "Bob-Smith_21"}


def test_flat_and_nbgrader_layouts_and_names_that_would_be_paths(course, tmp_path):
    flat = tmp_path / "flat"
    for name in ("bob_01-vectors.ipynb", "!.!.ipynb", "!..!.ipynb"):
        StudentNotebook(course).save(flat / name)
    students = sorted(f.student for f in discover(flat, course))
    assert students == ["bob", UNNAMED, UNNAMED]
    single = tmp_path / "course" / "submitted" / "erin" / "01-vectors" / "01-vectors-exercises.ipynb"
    StudentNotebook(course).save(single)
    assert [(f.student, f.assignment) for f in discover(tmp_path / "course", course)] == [("erin", "01-vectors")]


def test_a_package_is_its_uploaders_whatever_its_manifest_claims(tmp_path, notebook_bytes):
    root = tmp_path / "lms"
    root.mkdir()
    archive = package(root / "mallory-submission.zip", "alice", {"01-vectors-exercises.ipynb": notebook_bytes})
    assert uploader(archive, root) == "mallory"
    opened = unpack_package(archive, tmp_path / "x", uploader(archive, root))
    assert opened.student == "mallory" and [n.student for n in opened.notebooks] == ["mallory"]
    assert len(opened.notes) == 1 and "'alice'" in opened.notes[0] and "graded as 'mallory'" in opened.notes[0]
    moodle = root / "Alice A_7_assignsubmission_file"
    moodle.mkdir()
    own = package(moodle / "submission.zip", "Alice-A_7", {"01-vectors-exercises.ipynb": notebook_bytes})
    assert unpack_package(own, tmp_path / "y", uploader(own, root)).notes == []


def test_two_submissions_of_one_student_are_both_kept_and_reported(course, tmp_path):
    paths = [StudentNotebook(course).save(tmp_path / f"frank_{i}_01-vectors.ipynb") for i in (1, 2)]
    summary = Summary()
    jobs = _jobs([Found(p, "frank", None) for p in paths], course, summary)
    assert [(j.student, Path(j.path).name) for j in jobs] == [("frank.dup2", paths[0].name), ("frank", paths[1].name)]
    assert summary.duplicates == [(str(paths[0]), "frank.dup2", str(paths[1]))]
    assert any("frank.dup2" in line for line in summary.lines())


# --- metadata.autograder, one validating reader -------------------------------------------------------

@pytest.mark.parametrize("block", [7, "01-vectors", ["01-vectors"], {"assignment": 7}, {"assignment": {"a": 1}},
                                   {"assignment": None, "notebook": ["x"]}])
def test_a_damaged_autograder_metadata_block_reads_as_absent(course, tmp_path, block):
    work = StudentNotebook(course)
    work.nb.metadata["autograder"] = block
    path = work.save(tmp_path / "bob_01-vectors-exercises.ipynb")
    assert autograder_metadata(read_notebook(path)) == {}
    sub = identify(path, "bob", course)  # raised AttributeError on 7 or a list before
    assert (sub.assignment, sub.notebook, sub.problem) == ("01-vectors", "01-vectors-exercises", None)


# --- malformed packages: one sentence each, never a crash ---------------------------------------------

@pytest.mark.parametrize("raw, words", [
    (b'["student", "alice"]', "not a manifest"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    (b'{"student": "\xff\xfe mallory"}', "not UTF-8"),
    (b"{not json", "not valid JSON"),
    (b'{"student": "mallory", "notebooks": {"file": "x.ipynb"}}', "not a manifest"),
    (b" " * (300 * 1024), "larger than"),
])
def test_a_malformed_manifest_is_one_sentence(tmp_path, raw, words):
    archive = package(tmp_path / "mallory.zip", None, {}, raw_manifest=raw)
    with pytest.raises(PackageError) as exc:
        unpack_package(archive, tmp_path / "out", "mallory")
    assert words in str(exc.value) and str(exc.value).startswith(str(archive)) and "\n" not in str(exc.value)


def test_bad_entries_and_members_cost_only_themselves(tmp_path, notebook_bytes):
    members = {"good.ipynb": notebook_bytes, "odd.ipynb": notebook_bytes}
    archive = package(tmp_path / "mallory.zip", "mallory", members)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("MANIFEST.json"))
    manifest["notebooks"] += [7, {"file": ["x"]}, {"file": "../../escape.ipynb", "sha256": "0"}]
    archive = package(archive, "mallory", members, manifest=manifest)
    patch_member(archive, "odd.ipynb", method=99)  # a compression method Python does not know
    opened = unpack_package(archive, tmp_path / "out", "mallory")
    problems = {n.path.name: n.problem for n in opened.notebooks}
    assert problems["good.ipynb"] is None and list((tmp_path / "out").rglob("good.ipynb"))
    assert "compressed with a method" in problems["odd.ipynb"]
    assert "missing" in problems["escape.ipynb"] and not (tmp_path / "escape.ipynb").exists()
    assert sum("not a notebook entry" in note for note in opened.notes) == 2


def test_packages_that_cannot_be_read_are_reported_and_the_others_unpacked(tmp_path, notebook_bytes):
    lms = tmp_path / "lms"
    lms.mkdir()
    package(lms / "alice.zip", "alice", {"01-vectors-exercises.ipynb": notebook_bytes})
    package(lms / "mallory.zip", None, {}, raw_manifest=b"[1, 2]")
    (lms / "notes.zip").write_bytes(b"PK\x03\x04 broken")
    summary = Summary()
    found, problems = _unpack_packages(lms, tmp_path / "staging", summary)
    assert sorted(f.student for f in found) == ["alice", "mallory"]
    assert list(problems) == [lms / "mallory.zip"] and "not a manifest" in problems[lms / "mallory.zip"]
    assert any("notes.zip" in note for note in summary.notes)


# --- archive bounds ---------------------------------------------------------------------------------------

def test_a_zip_bomb_in_a_package_is_refused_before_it_is_read(bomb, tmp_path):
    tracemalloc.start()
    opened = unpack_package(bomb, tmp_path / "out", "mallory", SMALL)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    problems = {n.path.name: n.problem for n in opened.notebooks}
    assert "declares 200 MiB" in problems["bomb.ipynb"] and "checksum" in problems["ok.ipynb"]
    assert not list((tmp_path / "out").rglob("bomb.ipynb")) and peak < 2 * MiB


def test_a_zip_bomb_in_an_lms_download_is_skipped_with_a_sentence(bomb, tmp_path):
    dest, notes = unpack_zip(bomb, tmp_path / "dl", SMALL)
    assert [n for n in notes if "bomb.ipynb" in n and "declares 200 MiB" in n]
    assert (dest / "ok.ipynb").exists() and not (dest / "bomb.ipynb").exists()


def test_a_member_is_streamed_never_held_whole_in_memory(tmp_path):
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        write_zeros(zf, "big.ipynb", 24 * MiB)
    tracemalloc.start()
    notes = list(extract_all(path, tmp_path / "out", Bounds(member_bytes=32 * MiB)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert notes == [] and (tmp_path / "out" / "big.ipynb").stat().st_size == 24 * MiB
    assert peak < 2 * MiB, peak


def test_total_expansion_member_count_and_depth_are_capped(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):
            write_zeros(zf, f"s{i}_x.ipynb", 1 * MiB)
        zf.writestr("/".join("d" * 6) + "/deep.ipynb", "{}")
    notes = list(extract_all(path, tmp_path / "out", SMALL))
    assert len(list((tmp_path / "out").glob("*.ipynb"))) == 3
    assert "more than 3 MiB in all" in notes[-1]
    with pytest.raises(SubmissionsError, match="more than 2 members"):
        unpack_zip(path, tmp_path / "out2", Bounds(members=2))
    deep = list(extract_all(path, tmp_path / "out3", Bounds(depth=4)))
    assert [n for n in deep if "deep.ipynb" in n and "skipped" in n]


def test_a_header_that_lies_about_the_size_is_a_damaged_member(tmp_path):
    path = tmp_path / "lie.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        write_zeros(zf, "a_lie.ipynb", 2 * MiB)
        zf.writestr("b_ok.ipynb", "{}")
    patch_member(path, "a_lie.ipynb", size=1000)  # declares 1000 bytes, expands to 2 MiB
    notes = list(extract_all(path, tmp_path / "out", SMALL))
    assert len(notes) == 1 and "a_lie.ipynb" in notes[0] and "damaged" in notes[0]
    assert not (tmp_path / "out" / "a_lie.ipynb").exists() and (tmp_path / "out" / "b_ok.ipynb").exists()


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_file_and_a_folder_of_one_name_do_not_end_the_run(tmp_path):
    path = tmp_path / "clash.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("alice", "a file")
        zf.writestr("alice/alice_01-vectors.ipynb", "{}")
        zf.writestr("bob_01-vectors.ipynb", "{}")
        zf.writestr("bob_01-vectors.ipynb", "{}")  # a repeated name
        zf.writestr("../evil.ipynb", "{}")
    dest, notes = unpack_zip(path, tmp_path / "out")
    assert (dest / "bob_01-vectors.ipynb").exists() and not (tmp_path / "evil.ipynb").exists()
    assert len(notes) == 3 and all(n.startswith(str(path)) for n in notes)


def test_two_unidentifiable_uploads_of_one_student_do_not_replace_each_other(course, tmp_path):
    paths = []
    for name in ("gil_a.ipynb", "gil_b.ipynb"):
        (tmp_path / name).write_text("{ not json", encoding="utf-8")
        paths.append(tmp_path / name)
    summary = Summary()
    jobs = _jobs([Found(p, "gil", None) for p in paths], course, summary)
    assert all(j.problem for j in jobs) and {(j.student, j.assignment or "") for j in jobs} == {("gil", ""), ("gil.dup2", "")}


def test_a_zip_of_too_many_members_is_refused_before_python_lists_them(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(20000):
            zf.writestr(f"{i}.ipynb", b"")
    tracemalloc.start()
    with pytest.raises(SubmissionsError, match="more than 100 members"):
        unpack_zip(path, tmp_path / "out", Bounds(members=100))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1 * MiB, peak  # listing 20000 members takes about 10 MiB


def test_a_missing_source_is_one_sentence(course, tmp_path):
    from autograder.classroom.grade_class import grade_class

    with pytest.raises(SubmissionsError, match="no such folder or archive"):
        grade_class(tmp_path / "nope", course, tmp_path / "out", quiet=True)
