"""Do the course's changes to nbgrader's own steps keep nbgrader's checks as they were?"""

from __future__ import annotations

import copy

import jsonschema
import nbformat
import pytest

from autograder.course.config import course_config


def _corrupted(cell, how: str):
    meta = cell.metadata.nbgrader
    if how == "points as words":
        meta["points"] = "fifty"
    elif how == "no grade flag":
        del meta["grade"]
    elif how == "unknown key":
        meta["bonus"] = True
    elif how == "grade_id not a string":
        meta["grade_id"] = 7
    return cell


@pytest.mark.parametrize("how", ["points as words", "no grade flag", "unknown key", "grade_id not a string"])
def test_corrupted_cell_metadata_is_refused_with_nbgraders_own_message(course, tmp_path, how):
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError

    course_config(tmp_path, hardened=True)
    nb = nbformat.read(str(course.release_notebooks("01-vectors")[0]), as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    validator = MetadataValidator()
    validator.validate_nb(nb)  # the untouched notebook is valid
    bad = _corrupted(copy.deepcopy(cell), how)
    with pytest.raises(ValidationError) as ours:
        validator.validate_cell(bad)
    with pytest.raises(ValidationError) as theirs:  # what jsonschema itself says of the same metadata
        jsonschema.validate(bad.metadata.nbgrader, validator.schema)
    assert str(ours.value) == str(theirs.value)


def test_the_metadata_schema_is_checked_once_not_for_every_cell(course, tmp_path, monkeypatch):
    """nbgrader validates every cell's metadata twice per graded notebook; checking the schema itself each time
    cost 15 ms a notebook."""
    from nbgrader.nbgraderformat import MetadataValidator

    course_config(tmp_path, hardened=True)
    checked = []
    original = jsonschema.validators.validator_for

    class Counting:  # the validator class jsonschema picks, counting the checks of the schema
        def __init__(self, cls):
            self.cls = cls

        def check_schema(self, schema, **kw):
            checked.append(1)
            return self.cls.check_schema(schema, **kw)

        def __call__(self, *args, **kwargs):
            return self.cls(*args, **kwargs)

    def validator_for(schema, *args, **kwargs):
        return Counting(original(schema, *args, **kwargs))

    monkeypatch.setattr(jsonschema.validators, "validator_for", validator_for)
    notebooks = [nbformat.read(str(p), as_version=4) for ch in ("01-vectors", "02-linear-transformations")
                 for p in course.release_notebooks(ch)]
    for nb in notebooks * 2:
        MetadataValidator().validate_nb(nb)
    assert len(checked) <= 1, f"the schema was checked {len(checked)} times for {2 * len(notebooks)} notebooks"


def test_a_graded_notebook_is_validated_once_per_conversion_not_after_every_step(course):
    """nbconvert's check of the whole notebook runs after a conversion's last step, not after each of them."""
    from unittest import mock

    from nbconvert.exporters import Exporter

    from autograder.grading.grader import grade_notebooks

    calls = []
    original = Exporter._validate_preprocessor

    def counted(self, nbc, preprocessor):
        calls.append(type(preprocessor).__name__)
        return original(self, nbc, preprocessor)

    with mock.patch.object(Exporter, "_validate_preprocessor", counted):
        [result] = grade_notebooks([course.release_notebooks("01-vectors")[0]], course)
    assert result.error is None and result.max_score > 0 and calls
    # autograde's conversions each end with nbgrader's CheckCellMetadata: only that last step is followed by a check
    assert set(calls) == {"CheckCellMetadata"}, calls
