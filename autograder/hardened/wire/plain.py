"""What plain data may be: the limits of one reply from the kernel, and the error for anything else."""

from __future__ import annotations

MAX_BYTES = 160 * 1024 * 1024  # one reply from the kernel; an answer bigger than this is an error
MAX_INT_DIGITS = 100_000  # all the integers of one SymPy answer together
MAX_DEPTH = 60
PLAIN_KINDS = "biufc"


class PlainDataError(ValueError):
    """The kernel's reply is not the plain data this format allows."""
