"""Chapter 08 (PCA): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "08-pca"
