"""`make feedback`: nbgrader's HTML feedback per student, with the hidden tests taken out.

nbgrader's feedback shows the autograded notebook as it ran, hidden tests included (and the traceback of a failed
hidden assertion quotes its line). `HideHiddenTests` runs first in GenerateFeedback's chain: nbgrader's own
ClearHiddenTests removes every `### BEGIN HIDDEN TESTS … ### END HIDDEN TESTS` region from the cells, and the
error outputs of test cells are cut to their last line (`AssertionError: counts differ`), so a student sees which
test failed and its message, never the test's code. The written feedback is then searched for the hidden lines as
a last check. A student whose submission could not be graded gets a one-page feedback with the reason.
"""

from __future__ import annotations

import csv
import html
import re

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from .course import Course, ToolError, run_api

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class HideHiddenTests(ClearHiddenTests):
    """ClearHiddenTests, and the error outputs of grade cells reduced to `Name: message`."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code" and (utils.is_grade(cell) or utils.is_locked(cell)):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    last = f"{output.ename}: {output.evalue}".rstrip(": ")
                    output.traceback = [ANSI.sub("", last)]
        return cell, resources


def hidden_lines(course: Course, lesson: str) -> list[str]:
    """Every non-trivial line inside a hidden-test region of the lesson's source notebook."""
    import nbformat

    nb = nbformat.read(course.source(lesson) / f"{lesson}.ipynb", as_version=4)
    lines, inside = [], False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if "### BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "### END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 12:
                lines.append(line.strip())
    return lines


def feedback(course: Course, lesson: str) -> int:
    api = course.api(**{"GenerateFeedback.preprocessors": [HideHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor],
                        "ClearHiddenTests.enforce_metadata": False})
    status = {}
    status_file = course.exports / f"autograde-{lesson}.csv"
    if status_file.exists():
        with open(status_file, encoding="utf-8") as handle:
            status = {row["student"]: row for row in csv.DictReader(handle)}
    with course.gradebook() as gb:
        students = sorted(s.student_id for s in gb.assignment_submissions(lesson)) if course.has_assignment(lesson) else []
    if not students:
        raise ToolError(f"No graded submissions of {lesson}: run make autograde LESSON={lesson} first.")
    secret = hidden_lines(course, lesson)
    made = 0
    for student in students:
        out = course.grading / "feedback" / student / lesson
        if (course.autograded(student, lesson) / f"{lesson}.ipynb").exists():
            run_api(api.generate_feedback(lesson, student, force=True), f"feedback for {student}")
        else:
            row = status.get(student, {})
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{lesson}.html").write_text(
                f"<!doctype html><meta charset='utf-8'><title>{lesson}: feedback</title>"
                f"<h1>{html.escape(lesson)}: your submission could not be graded</h1>"
                f"<p>{html.escape(row.get('status', 'error'))}: {html.escape(row.get('detail', ''))}</p>"
                f"<p>Points: 0. Talk to your teacher, and hand in <code>{lesson}.ipynb</code> together with "
                f"<code>answers-{lesson}.json</code>.</p>", encoding="utf-8")
        for page in out.glob("*.html"):
            text = html.unescape(page.read_text(encoding="utf-8"))
            leaked = [line for line in secret if line in text]
            if "BEGIN HIDDEN TESTS" in text or leaked:
                page.unlink()
                raise ToolError(f"feedback for {student} would show hidden tests ({(leaked or ['marker'])[0]!r}); "
                                "it was deleted. Report this as a bug.")
        made += 1
        print(f"{student:<16} feedback: {(out / f'{lesson}.html').relative_to(course.root)}")
    print(f"Feedback for {made} student(s) in grading/feedback/<student>/{lesson}/ — no hidden tests in any of it.")
    return made
