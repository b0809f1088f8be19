"""Can a student find their way: a start page, and links between lectures and exercises that all work?"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from autograder.build.navigation import NAV_TAG, START_PAGE, chapters
from autograder.course.notebooks import read_notebook

LINK = re.compile(r"\]\(([^)]+\.ipynb)\)")


def _links(cell_source: str, base: Path) -> list[Path]:
    return [(base / target).resolve() for target in LINK.findall(cell_source)]


def test_the_start_page_lists_every_chapter_with_working_links(course):
    page = read_notebook(course.lectures / f"{START_PAGE}.ipynb")
    text = "\n".join(c.source for c in page.cells)
    for ch in chapters(course):
        assert f"({ch.slug}.ipynb)" in text, ch.slug
        assert ch.prerequisites and ch.hours > 0, f"course/syllabus.toml has no entry for {ch.slug}"
    targets = _links(text, course.lectures)
    assert len(targets) == 2 * len(chapters(course))
    assert all(t.exists() for t in targets), [t for t in targets if not t.exists()]


def test_every_lecture_links_to_its_neighbours_its_exercises_and_the_start_page(course):
    chs = chapters(course)
    for i, ch in enumerate(chs):
        nb = read_notebook(course.lectures / f"{ch.slug}.ipynb")
        top, bottom = nb.cells[0], nb.cells[-1]
        assert NAV_TAG in top.metadata.get("tags", []) and NAV_TAG in bottom.metadata.get("tags", []), ch.slug
        targets = _links(top.source, course.lectures)
        assert all(t.exists() for t in targets), (ch.slug, targets)
        names = {t.name for t in targets}
        assert f"{START_PAGE}.ipynb" in names
        assert any(t.parent.parent.name == "exercises" for t in targets), ch.slug
        if i > 0:
            assert f"{chs[i - 1].slug}.ipynb" in names
        if i + 1 < len(chs):
            assert f"{chs[i + 1].slug}.ipynb" in names


def test_every_exercise_links_back_to_its_lecture(course):
    for slug in course.assignments():
        for path in course.release_notebooks(slug):
            top = read_notebook(path).cells[0]
            targets = _links(top.source, path.parent)
            assert {t.name for t in targets} == {f"{slug}.ipynb", f"{START_PAGE}.ipynb"}
            assert all(t.exists() for t in targets)


def test_the_syllabus_has_no_entry_for_a_chapter_that_does_not_exist(course):
    data = tomllib.loads((course.lectures / "syllabus.toml").read_text(encoding="utf-8"))
    assert {c["slug"] for c in data["chapter"]} == {ch.slug for ch in chapters(course)}


def _chapter_numbers(text: str) -> set[int]:
    """Chapter numbers in a syllabus entry such as "03 (least squares), 05" or "01-04"."""
    return {n for a, b in re.findall(r"\b(\d\d)(?:-(\d\d))?\b", text) for n in range(int(a), int(b or a) + 1)}


def test_every_earlier_chapter_a_lecture_builds_on_is_a_stated_prerequisite(course):
    """A student who follows the start page's prerequisites has read every earlier chapter the lecture cites."""
    chs = {int(ch.slug[:2]): ch for ch in chapters(course)}
    direct = {n: _chapter_numbers(ch.prerequisites) for n, ch in chs.items()}

    def closure(n: int, seen: set[int]) -> set[int]:
        for p in direct[n] - seen:
            seen.add(p)
            closure(p, seen)
        return seen

    for n, ch in chs.items():
        text = (course.lectures / f"{ch.slug}.py").read_text(encoding="utf-8")
        cited = {int(x) for group in re.findall(r"[Cc]hapters? ((?:\d\d(?:, | and | or |–|-)?)+)", text)
                 for x in re.findall(r"\d\d", group)}
        missing = sorted(c for c in cited if c < n and c not in closure(n, set()))
        assert not missing, f"{ch.slug} cites chapters {missing}, missing from its prerequisites in course/syllabus.toml"
