"""Chapter 07 (quadratic forms, positive definiteness and gradients): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "07-quadratic-forms"
