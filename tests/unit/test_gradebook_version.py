"""Does a new gradebook get the same schema version without nbgrader's `alembic heads` subprocess?"""

from __future__ import annotations

import subprocess
from unittest import mock

import nbgrader.api

from autograder.course import config


def test_the_in_process_version_is_the_one_alembic_prints(tmp_path):
    config.ensure_tools_on_path()
    with nbgrader.api._temp_alembic_ini(f"sqlite:///{tmp_path / 'x.db'}") as ini:
        printed = subprocess.check_output(["alembic", "-c", ini, "heads"], text=True).split()[0]
    assert config._alembic_head() == printed


def test_a_new_gradebook_starts_no_subprocess(tmp_path):
    config.course_config(tmp_path)
    with mock.patch("subprocess.check_output", side_effect=AssertionError("a subprocess was started")):
        with nbgrader.api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
            version = gb.db.execute(nbgrader.api.text("SELECT version_num FROM alembic_version")).scalar()
    assert version == config._alembic_head()
