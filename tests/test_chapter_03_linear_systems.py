"""Chapter 03 (inversion and linear systems): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "03-linear-systems"
