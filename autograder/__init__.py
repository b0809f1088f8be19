"""linalg-ml-course autograder: linear-algebra-aware checks, self-check and grading.

The pipeline mirrors the repository layout::

    solutions/ --(build: nbgrader generate_assignment)--> exercises/
    exercises/ --(students)--> submissions --(grade)--> grades, feedback

The package is grouped by stage and by trust boundary:

* ``checks``, ``incell``: what notebooks import (test-cell assertions, the in-notebook self-check);
* ``course/``: where things live, reading and writing notebooks, the nbgrader configuration;
* ``build/``: text sources to notebooks, navigation, the student release and its verification;
* ``execution/``: running a notebook in a kernel that may time out or die;
* ``hardened/``: both sides of the jail (the jail, the grader's session, the agent in the student's
  kernel, the plain-data wire format between them);
* ``grading/``: verdicts (what happened to a test -> status and message), the grader, the self-check;
* ``classroom/``: a whole class (sources, parallel grading, packages, feedback, report, demo);
* ``cli``: ``python -m autograder``.
"""

__version__ = "0.1.0"

import sys as _sys

# jsonschema (under nbformat's validator, in every grading process) imports the optional rfc3987-syntax
# when it is installed (jupyter-events installs it), which compiles 38 lark grammars: 1.5-6 s per process
# for "iri" format checks that no notebook schema uses. Grading processes start many times a run.
_sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
