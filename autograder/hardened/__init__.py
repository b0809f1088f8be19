"""Both sides of the jail: the jail itself, the grader's session, the agent inside the student's kernel,
and the plain-data wire format between them."""
