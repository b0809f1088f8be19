"""Does every chapter ask for understanding, not only for formulas to implement (issue #17)?

At least a third of each chapter's questions (rounded up) construct, predict, derive or diagnose, by the
kinds their answer cells declare; and each chapter keeps at least six questions.
"""

from __future__ import annotations

import math

import pytest

from autograder.course.kinds import course_kinds

BEYOND_IMPLEMENT = {"construct", "predict", "derive", "diagnose"}


def chapters():
    from conftest import ROOT
    from autograder.course.layout import find_course

    return sorted(course_kinds(find_course(ROOT)).items())


@pytest.mark.parametrize("chapter,kinds", chapters(), ids=lambda x: x if isinstance(x, str) else "")
def test_a_third_of_each_chapters_questions_go_beyond_implementing(chapter, kinds):
    beyond = sorted(q for q, k in kinds.items() if k in BEYOND_IMPLEMENT)
    need = math.ceil(len(kinds) / 3)
    assert len(kinds) >= 6, f"{chapter}: {len(kinds)} questions, at least 6 expected"
    assert len(beyond) >= need, (f"{chapter}: {len(beyond)} of {len(kinds)} questions construct, predict, derive "
                                 f"or diagnose ({beyond}); at least {need} needed")
