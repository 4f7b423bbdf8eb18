"""`make feedback`: nbgrader's HTML feedback per student, from the autograded notebook.

The autograded notebook holds no hidden test and no key by construction: the grader replaced each test cell's
code with the released `lab.check(...)` line and its output with the result in words (trusted.py), and keys never
entered the sandbox. So nbgrader's own generate_feedback shows it as it is. One student's failure is that student's
line; everyone else gets feedback. A student whose submission could not be graded gets a one-page feedback with the
reason.
"""

from __future__ import annotations

import csv
import html

from .course import Course, ToolError
from .tracks import answer_file


def feedback(course: Course, lesson: str) -> int:
    status = {}
    status_file = course.exports / f"autograde-{lesson}.csv"
    if status_file.exists():
        with open(status_file, encoding="utf-8") as handle:
            status = {row["student"]: row for row in csv.DictReader(handle)}
    with course.gradebook() as gb:
        students = sorted(s.student_id for s in gb.assignment_submissions(lesson)) if course.has_assignment(lesson) else []
    if not students:
        raise ToolError(f"No graded submissions of {lesson}: run make autograde LESSON={lesson} first.")
    api = course.api()
    made, failed = 0, []
    for student in students:
        out = course.grading / "feedback" / student / lesson
        try:
            if (course.autograded(student, lesson) / f"{lesson}.ipynb").exists():
                result = api.generate_feedback(lesson, student, force=True)
                if not result.get("success"):
                    lines = (result.get("error") or result.get("log") or "").strip().splitlines()
                    raise RuntimeError(lines[-1][:200] if lines else "nbgrader gave no reason")
            else:
                row = status.get(student, {})
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{lesson}.html").write_text(
                    f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{lesson}: feedback</title>"
                    f"<h1>{html.escape(lesson)}: your submission could not be graded</h1>"
                    f"<p>{html.escape(row.get('status', 'error'))}: {html.escape(row.get('detail', ''))}</p>"
                    f"<p>Points: 0. Talk to your teacher, and hand in <code>{lesson}.ipynb</code> together with "
                    f"<code>{answer_file(lesson)}</code>.</p></html>", encoding="utf-8")
        except Exception as error:  # noqa: BLE001 - one student's problem never stops the others' feedback
            failed.append(student)
            print(f"{student:<16} error: no feedback ({type(error).__name__}: {str(error)[:200]})")
            continue
        made += 1
        print(f"{student:<16} feedback: {(out / f'{lesson}.html').relative_to(course.root)}")
    print(f"Feedback for {made} student(s) in grading/feedback/<student>/{lesson}/"
          + (f"; {len(failed)} could not be made: {', '.join(failed)}" if failed else "."))
    return made
