"""Grading in two stages: what runs in the sandbox, and what the grader decides in its own process.

1. Untrusted stage. Before a student's notebook runs, :class:`InjectProbes` (a preprocessor in the worker's nbgrader
   autograde, after nbgrader has put back the released version of every locked cell) replaces the code of each
   automatically graded test cell with one call of ``medialit._probe.emit``: the cell hands in the student's answer
   as plain JSON and nothing else. No key, rule or hidden test is in the notebook or in the sandbox.
2. Trusted stage. :func:`evaluate` reads the executed notebook as data, takes each grade cell's one answer output,
   scores it with the exercise's rule and key (``exercises.py``), and rewrites the grade cell for feedback: the
   released source, and as its output the result in words. The score never comes from anything the kernel printed;
   a test cell's other outputs are dropped.

Plain ``nbgrader autograde`` (command line or the Formgrader's button) is refused by :class:`RefusePlainAutograde`,
set in the course's nbgrader configuration: its scores would come from the student's own kernel.
"""

from __future__ import annotations

import html
import json

from nbgrader.preprocessors import NbGraderPreprocessor

from . import exercises as ex
from ._nbsafe import MIME

MAX_ITEMS = 2 * 20_000 + 100  # twice the probe's own cap, for the wrapping and the ids

PLAIN_AUTOGRADE_REFUSED = (
    "This course is graded by the kit's trusted grader, not by plain `nbgrader autograde`: its test cells hand in "
    "answers and the grader scores them outside the student's code. Run `make autograde LESSON={lesson}` (or "
    "`python -m medialit_grader autograde {lesson}`) from the course folder instead."
)


class RefusePlainAutograde(NbGraderPreprocessor):
    """First in the course's Autograde chain: stops plain nbgrader autograde with a message naming make autograde."""

    def preprocess(self, nb, resources):
        lesson = resources.get("nbgrader", {}).get("assignment", "<lesson>")
        raise RuntimeError(PLAIN_AUTOGRADE_REFUSED.format(lesson=lesson))


def probe_source(exercise: ex.Exercise | None) -> str:
    """What a test cell runs in the sandbox: its exercise's probe, or nothing for a cell graded by the teacher."""
    if exercise is None or not exercise.automatic:
        return "# (not graded automatically)\n"
    spec = json.dumps(exercise.answer.probe(), ensure_ascii=True)
    return ("# Handed in for grading by make autograde (the grader scores it outside this notebook).\n"
            "import medialit._probe\n"
            f"medialit._probe.emit({exercise.id!r}, {spec})\n")


class InjectProbes(NbGraderPreprocessor):
    """In the worker, before Execute: each automatically graded cell's code becomes its exercise's probe."""

    def preprocess(self, nb, resources):
        lesson = resources["nbgrader"]["assignment"]
        declared = ex.for_lesson(lesson)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade"):
                cell.source = probe_source(declared.get(meta.get("grade_id")))
        return nb, resources


# -- the trusted stage -------------------------------------------------------------------------------------------
def handed_in(cell) -> dict | None:
    """The one answer a grade cell's outputs hold, as plain data; None if there is none or more than one."""
    found = []
    for output in cell.get("outputs", []):
        if output.get("output_type") in ("display_data", "execute_result"):
            data = output.get("data", {})
            if isinstance(data, dict) and MIME in data:
                found.append(data[MIME])
    if len(found) != 1 or not isinstance(found[0], dict):
        return None if not found else {"error": "more than one answer came out of this cell"}
    if _items(found[0]) > MAX_ITEMS:  # the probe caps answers, but a student can change the probe in the kernel
        return {"exercise": found[0].get("exercise"), "error": "the answer is too large to be graded"}
    return found[0]


def _items(value) -> int:
    """How many values a parsed JSON answer holds, all levels together (iteratively: no recursion)."""
    count, stack = 0, [value]
    while stack and count <= MAX_ITEMS:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and len(item) > 200_000:
            return MAX_ITEMS + 1
    return count


def evaluate(nb, lesson: str, released: dict[str, str]) -> tuple[dict[str, float | None], list[ex.Result]]:
    """Scores of every grade cell of an executed notebook, computed here; the notebook's grade cells are rewritten
    to their released source with the result as output. ``released``: {grade id: released source}."""
    declared = ex.for_lesson(lesson)
    scores: dict[str, float | None] = {}
    results = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        exercise = declared.get(meta.get("grade_id"))
        if exercise is None or not exercise.automatic:
            scores[meta.get("grade_id")] = None  # written answers: graded by the teacher
            continue
        got = handed_in(cell)
        if got is not None and got.get("exercise") != exercise.id:
            got = {"error": "the answer came out for another exercise"}
        result = ex.score(exercise, got)
        results.append(result)
        scores[exercise.cell] = result.points
        cell.source = released.get(exercise.cell, cell.source)
        cell.outputs = [result_output(result)]
        cell.execution_count = None
    return scores, results


def result_output(result: ex.Result) -> dict:
    from nbformat.v4 import new_output

    e = result.exercise
    head = f"Exercise {e.id}: {result.points:g} of {e.points:g} points — {result.message}."
    lines = [head]
    if not result.full and e.hint:
        lines.append(f"Hint: {e.hint}")
    text = "\n".join(lines)
    mark = "✓" if result.full else "✗"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return new_output("display_data", data={
        "text/plain": text,
        "text/html": f"<div role='status' class='medialit-result'><p><b>{mark} {html.escape(head)}</b></p>{body}</div>",
    })


def try_locally(lesson: str, notebook, answers: dict | None = None, timeout: int = 300) -> list[ex.Result]:
    """For authors of exercises: run a notebook (e.g. the solution) with its test cells turned into probes, here,
    without the sandbox, and score it as the grader would. ``answers``: {question: value} for the answer file."""
    import os
    import tempfile

    import nbformat
    from medialit.answers import AnswerFile
    from nbclient import NotebookClient

    nb = nbformat.from_dict(json.loads(json.dumps(notebook)))
    released = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade")}
    InjectProbes().preprocess(nb, {"nbgrader": {"assignment": lesson}})
    with tempfile.TemporaryDirectory(prefix="medialit-try-") as tmp:
        store = AnswerFile(lesson, tmp)  # the kit's own answer file, as a widget would write it
        for question, value in (answers or {}).items():
            store.save(question, "test", value)
        env = dict(os.environ)
        os.environ["MPLBACKEND"] = "agg"
        os.environ.pop("NBGRADER_EXECUTION", None)
        try:
            NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": tmp}}).execute()
        finally:
            os.environ.clear()
            os.environ.update(env)
    _, results = evaluate(nb, lesson, released)
    return results
