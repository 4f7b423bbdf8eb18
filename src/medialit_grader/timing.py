"""How long a lesson takes at a student's pace: an explicit, checkable estimate (``python -m medialit_grader time``).

The model — the kit's own assumptions, stated so a teacher can change them, not measured facts:
- reading: the lesson text a student reads (markdown, without hints, model answers and rubrics) at
  ``WORDS_PER_MINUTE`` — study reading with a notebook open, slower than reading for pleasure;
- code given: every line of code the student runs without writing it, ``CODE_LINE`` minutes each (read, run, look
  at the output);
- exercises: per kind, ``MINUTES`` (writing and debugging code takes longer than judging with a widget; a written
  answer takes a few minutes per point), unless an exercise declares its own ``minutes`` (an investigation in the
  offline web, 07-lateral's 7.2, takes far longer than one widget question).

A lesson's *core* is everything outside its "## Going further" section; the core must fit the lesson's hour (the
no-code track's, ``CORE_TRACK`` minutes), and the first cell of each track states its estimate ("About N minutes").
Exercises in "Going further" are declared with ``further=True`` and reported separately. Each assignment is estimated
on its own track's cells (``01-corpus`` and ``01-corpus-core``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .exercises import for_lesson

WORDS_PER_MINUTE = 130
CODE_LINE = 0.1
MINUTES = {"value": 5.0, "function": 7.0, "widget": 3.0}
WRITTEN_PER_POINT = 3.0
HOUR = 60
CORE_TRACK = (45, 50)   # the no-code track's core: "about 45-50 minutes" (issue #16)
ASSESSMENT = (15, 20)   # the pre- and post-test: "15-20 minutes" (issue #21)
CAPSTONE = (60, 90)     # the capstone (issue #21): a double period, or a lesson and homework
FURTHER = re.compile(r"^## Going further", re.M)


@dataclass
class Estimate:
    lesson: str
    reading: float = 0.0
    code: float = 0.0
    exercises: float = 0.0
    further: float = 0.0          # the whole "Going further" section, reading and exercises
    stated: int | None = None     # "About N minutes" in the first cell

    @property
    def core(self) -> float:
        return self.reading + self.code + self.exercises

    def __str__(self) -> str:
        return (f"{self.lesson}: core {self.core:.0f} min (reading {self.reading:.0f}, given code {self.code:.0f}, "
                f"exercises {self.exercises:.0f}); going further {self.further:.0f} min; stated {self.stated}")


def in_further(cells) -> list[bool]:
    """For each cell: is it in the lesson's "## Going further" section (up to the next level-2 heading)?"""
    marks, inside = [], False
    for cell in cells:
        if cell.cell_type == "markdown" and re.match(r"^## ", cell.source):
            inside = bool(FURTHER.match(cell.source))
        marks.append(inside)
    return marks


def _reading_words(cell) -> int:
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type != "markdown" or meta.get("solution") or "BEGIN SOLUTION" in cell.source:
        return 0
    text = re.sub(r"<details>.*?</details>", " ", cell.source, flags=re.S)  # hints
    return len(re.findall(r"\w+", text))


def _given_lines(cell) -> int:
    if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
        return 0  # test cells are one visible check each; their time is in the exercise's
    text = re.sub(r"### BEGIN SOLUTION\n.*?### END SOLUTION\n?", "", cell.source, flags=re.S)
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))


def _notebook(lesson: str, path: Path | None):
    """The assignment's notebook as its track sees it (the lesson's source, or the notebook at ``path``)."""
    from .tracks import for_track, split

    base, track = split(lesson)
    path = path or Path(__file__).resolve().parents[2] / "solutions" / base / f"{base}.ipynb"
    return for_track(nbformat.read(path, as_version=4), track)


def estimate(lesson: str, path: Path | None = None) -> Estimate:
    nb = _notebook(lesson, path)
    result = Estimate(lesson)
    stated = re.search(r"About (\d+) minutes", nb.cells[0].source)
    result.stated = int(stated.group(1)) if stated else None
    further = in_further(nb.cells)
    cell_index = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(nb.cells)}
    for cell, out in zip(nb.cells, further):
        minutes_read = _reading_words(cell) / WORDS_PER_MINUTE
        minutes_code = _given_lines(cell) * CODE_LINE
        if out:
            result.further += minutes_read + minutes_code
        else:
            result.reading += minutes_read
            result.code += minutes_code
    for exercise in for_lesson(lesson).values():
        minutes = (exercise.minutes if exercise.minutes is not None
                   else exercise.points * WRITTEN_PER_POINT if exercise.kind == "written"
                   else MINUTES.get(exercise.kind, MINUTES["value"]))
        if further[cell_index[exercise.cell]]:
            result.further += minutes
        else:
            result.exercises += minutes
    return result


def misplaced(lesson: str, path: Path | None = None) -> list[str]:
    """Exercises whose ``further`` flag disagrees with where their grade cell stands."""
    nb = _notebook(lesson, path)
    further = in_further(nb.cells)
    where = {c.metadata.get("nbgrader", {}).get("grade_id"): f for c, f in zip(nb.cells, further)}
    return [e.id for e in for_lesson(lesson).values() if where.get(e.cell) != e.further]
