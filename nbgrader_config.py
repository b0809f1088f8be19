"""nbgrader configuration for this course. The settings live in autograder/nbgrader_settings.py."""

import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

from autograder.course.config import course_config  # noqa: E402

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)
c.merge(course_config(_here))
os.makedirs(c.Exchange.root, exist_ok=True)
