"""Chapter 12 (graphs and scalable factorizations): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "12-graphs"
