"""The kit's exceptions. Every message says what went wrong, what was found and what to do next."""

from __future__ import annotations

__all__ = [
    "MediaLitError",
    "DataError",
    "DataMissingError",
    "AnnotationsUnavailable",
    "AnswerFileError",
    "CheckFailed",
]


class MediaLitError(Exception):
    """Base class of every error the kit raises on purpose."""


class DataError(MediaLitError, ValueError):
    """A data file has a bad row. Names the file, the line and the field."""

    def __init__(self, path, line: int | None, field: str | None, problem: str, hint: str = ""):
        self.path, self.line, self.field, self.problem, self.hint = str(path), line, field, problem, hint
        where = self.path + (f", line {line}" if line is not None else "")
        what = f"field '{field}': " if field else ""
        message = f"{where}: {what}{problem}"
        super().__init__(message + (f"\n  What to do: {hint}" if hint else ""))


class DataMissingError(MediaLitError, FileNotFoundError):
    """A data file or folder the kit needs is not where it should be."""


class AnnotationsUnavailable(DataMissingError):
    """The kit's annotations (answer keys) are not part of this copy of the kit."""


class AnswerFileError(MediaLitError):
    """The file that keeps a lesson's widget answers cannot be read or is not what the kit wrote."""


class CheckFailed(MediaLitError, AssertionError):
    """A visible check of an exercise failed. An AssertionError, so the autograder scores the cell 0."""

    def __init__(self, exercise: str, problem: str, hint: str = ""):
        self.exercise, self.problem, self.hint = exercise, problem, hint
        super().__init__(f"Exercise {exercise}: {problem}" + (f"\n  Hint: {hint}" if hint else ""))

    def _render_traceback_(self):  # IPython shows this instead of a long traceback
        return [f"CheckFailed: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]
