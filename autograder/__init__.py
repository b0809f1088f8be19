"""linalg-ml-course autograder: linear-algebra-aware checks, self-check and grading.

The pipeline mirrors the repository layout::

    solutions/ --(build: nbgrader generate_assignment)--> exercises/
    exercises/ --(students)--> submissions --(grade)--> grades, feedback

Test cells import :mod:`autograder.checks`; the command line is ``python -m autograder``.
"""

__version__ = "0.1.0"
