"""What the tests and the benchmarks share: the command line as a user runs it, nbgrader's gradebook read
through its own API, and a stock nbgrader course to compare hardened grading with."""
