"""Self-check: run an exercise's visible checks in the notebook and get a hint, without nbgrader.

An exercise's public part (its name, points and hint) comes from ``exercises.json``, which ``make lessons`` writes
from the exercise's one declaration on the instructor side. Its visible checks live in ``medialit.checks.<module>``
under the same id (public, like the visible tests in the notebook): they check the form of an answer and never hold
the answer itself. What grades an answer (keys and rules) is never in this package: the course's grader scores the
plain answer outside the student's kernel.
"""

from __future__ import annotations

import functools
import html
import importlib
import json
import os
from importlib import resources
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import CheckFailed, MediaLitError

CAVEAT = ("Passing the visible checks does not guarantee the grade: when your work is graded, the grader checks "
         "your answer itself.")


@dataclass(frozen=True)
class Exercise:
    """The visible checks of one exercise: (what is checked, predicate) pairs, in order, and a hint."""

    name: str  # the variable or widget the student answers with
    hint: str
    checks: list[tuple[str, Callable[[Any], bool]]] = field(default_factory=list)


@dataclass(repr=False)
class CheckResult:
    exercise: str
    name: str
    passed: list[str]
    failed: list[tuple[str, str]]  # (what is checked, why it failed)
    hint: str

    @property
    def ok(self) -> bool:
        return not self.failed

    def _lines(self) -> list[str]:
        n = len(self.passed)
        head = (f"Exercise {self.exercise} ({self.name}): all visible checks passed ({n} of {n})."
                if self.ok else
                f"Exercise {self.exercise} ({self.name}): {len(self.failed)} of "
                f"{len(self.passed) + len(self.failed)} visible checks failed.")
        lines = [head] + [f"  ✓ passed: {p}" for p in self.passed]
        lines += [f"  ✗ FAILED: {what}" + (f" — {why}" if why else "") for what, why in self.failed]
        if not self.ok:
            lines.append(f"  Hint: {self.hint}")
        lines.append(f"  Note: {CAVEAT}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self._lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head, *rest = self._lines()
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in rest)
        mark = "✓" if self.ok else "✗"
        return (f"<div role='status' style='border:2px {'solid' if self.ok else 'dashed'} #555;padding:4px 8px'>"
                f"<p><b>{mark} {html.escape(head)}</b></p><ul style='list-style:none'>{items}</ul></div>")


class _Missing:
    pass


MISSING = _Missing()


@functools.cache
def _declared() -> dict:
    return json.loads(resources.files("medialit").joinpath("exercises.json").read_text(encoding="utf-8"))["exercises"]


def _exercises(lesson: str) -> dict[str, Exercise]:
    module = "lesson" + lesson.split("-", 1)[0]
    try:
        checks = importlib.import_module(f"medialit.checks.{module}").CHECKS
    except ModuleNotFoundError:
        raise MediaLitError(f"There are no self-checks for lesson {lesson!r} in this version of the kit.") from None
    # both tracks of a lesson (01-corpus and its no-code track 01-corpus-core) start ml.lesson("01-corpus")
    return {eid: Exercise(spec["name"], spec["hint"], list(checks.get(eid, [])))
            for eid, spec in _declared().items() if spec["lesson"] == lesson and spec["kind"] != "written"}


def run_checks(lesson: str, exercise: str, value: Any) -> CheckResult:
    """Run the visible checks of one exercise on a value and return the result (nothing is raised or shown)."""
    exercises = _exercises(lesson)
    if exercise not in exercises:
        raise MediaLitError(f"Lesson {lesson} has no exercise {exercise!r}; the exercises are {', '.join(exercises)}.")
    spec = exercises[exercise]
    if value is Ellipsis or value is None or isinstance(value, _Missing):
        return CheckResult(exercise, spec.name, [], [(
            "you have answered",
            f"{spec.name} is still empty: replace the ... in the answer cell with your code"
            if value is Ellipsis else "no answer yet: answer with the widget (or in code) and run this cell again",
        )], spec.hint)
    passed, failed = [], []
    for what, predicate in spec.checks:
        try:
            ok = bool(predicate(value))
            why = ""
        except Exception as error:  # a malformed answer must fail the check, not crash it
            ok, why = False, f"the check could not run on your answer ({type(error).__name__}: {error})"
        (passed.append(what) if ok else failed.append((what, why)))
        if not ok:
            break  # later checks assume the earlier ones hold
    return CheckResult(exercise, spec.name, passed, failed, spec.hint)


def check(lesson: str, exercise: str, value: Any = MISSING) -> None:
    """Show the result of an exercise's visible checks. Under nbgrader (autograde or validate) a failure raises
    CheckFailed, so the test cell scores 0; in a student's own session it is shown and the notebook runs on."""
    result = run_checks(lesson, exercise, value)
    try:
        from IPython.display import display

        display(result)
    except ImportError:  # plain Python
        print(result)
    if not result.ok and os.environ.get("NBGRADER_EXECUTION"):
        what, why = result.failed[0]
        raise CheckFailed(exercise, f"visible check failed: {what}" + (f" ({why})" if why else ""), result.hint)
