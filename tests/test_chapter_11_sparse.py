"""Chapter 11 (sparse matrices and numerical stability): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "11-sparse"
