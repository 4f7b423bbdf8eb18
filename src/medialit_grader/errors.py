"""The grader's exceptions, one hierarchy. Every message is a sentence a teacher understands."""

from __future__ import annotations


class GraderError(Exception):
    """Base class of everything the grader raises on purpose."""


class ToolError(GraderError):
    """An operator error (no such lesson, another run holds the lock, no gradebook yet): the message says what is
    wrong and what to do next. The command stops."""


class BadInput(GraderError):
    """A file that cannot be used (a link, too big, nested too deep, not a notebook): names the file and why.
    Concerns one student only."""


class Rejected(GraderError):
    """A submission that cannot be graded: that student's status line (kind "error") with the reason; 0 points."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


class Wrong(GraderError):
    """A scoring rule's verdict: 0 points for this exercise, and the reason in a sentence for the student."""
