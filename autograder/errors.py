"""The one base class of every error a user can cause and fix; the command line prints its message alone.

A subclass's message is one sentence that says what is wrong and what to do. Anything else that escapes
is a bug in the autograder, not a user error.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked for cannot be done; ``str(exc)`` is the sentence to show them."""
