"""Chapter 10 (least squares and forecasting): solution, blank, alternatives and mistakes, graded."""

from chapter_grading import *  # noqa: F401,F403  (the shared chapter tests)

CHAPTER = "10-forecasting"
