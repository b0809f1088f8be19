"""Deciding grades: verdicts, the single-notebook grader and the student's self-check."""
