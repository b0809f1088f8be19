"""Where the course lives and how it is configured: paths, notebook files, nbgrader settings."""
