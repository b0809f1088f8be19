"""Chapter 09 (recommender): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "09-recommender"
