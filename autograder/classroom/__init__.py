"""A whole class: finding submissions, grading them in parallel, feedback, report and the demo class."""
