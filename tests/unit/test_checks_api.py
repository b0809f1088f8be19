"""Is every helper a test cell may use part of the documented checks API?"""

from __future__ import annotations

import inspect

import autograder.checks as checks


def test_every_public_helper_is_exported():
    public = {name for name, value in vars(checks).items()
              if not name.startswith("_") and inspect.isfunction(value) and value.__module__.startswith("autograder")}
    assert public <= set(checks.__all__), sorted(public - set(checks.__all__))
    assert {"assert_no_matrix_product", "student_value"} <= set(checks.__all__)
