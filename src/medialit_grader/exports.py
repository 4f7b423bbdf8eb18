"""`make grades` and `make report`: what leaves the gradebook.

grades.csv (tidy): student, lesson, track, question, points, max, part — one row per grade cell of every submission;
`lesson` is the assignment (``01-corpus``, or ``01-corpus-core`` for the lesson's no-code track), `track` is "data" or
"core" (the pre- and post-test, which every student takes without code, are "core"); `points` is the teacher's manual score where there is one, else the autograder's; a written answer not yet
graded is empty; `part` is "main" or "going further" (the lesson's optional section beyond the hour, reported
separately).

grades-wide.csv (for an LMS gradebook import): one row per student —
  Student        display name (last, first from the gradebook; else the student id)
  SIS User ID    the course's student id (Canvas matches rows on it)
  ID number      the same id (Moodle: map "ID number" as the identifier)
  Email address  from the gradebook, if set (Moodle can also match on it)
  <lesson> …     one column per assignment (a lesson's data track and its core track, e.g. "01-corpus" and
                 "01-corpus-core", each its own column): total points of its main part (automatic + manual so far);
                 empty if not handed in; an assignment with a "Going further" section has a second column,
                 "<lesson> going further"
A last row, "Points Possible", gives each lesson's maximum (Canvas reads it, Moodle ignores an unmatched row).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict

from .course import Course, ToolError
from .tracks import split

TIDY = ["student", "lesson", "track", "question", "points", "max", "part"]
FURTHER = "going further"
MAIN = "main"


def _further_cells(lesson: str) -> set[str]:
    """The grade cells of a lesson's "Going further" exercises (from the declarations)."""
    from .exercises import for_lesson

    return {cell for cell, ex in for_lesson(lesson).items() if ex.further}


def _rows(course: Course):
    if not course.has_gradebook():
        raise ToolError(f"No gradebook yet ({course.gradebook_name}): run make autograde LESSON=<slug> first.")
    rows, students, maxima = [], {}, {}
    with course.gradebook() as gb:
        for a in sorted(gb.assignments, key=lambda a: a.name):
            further = _further_cells(a.name)
            maxima[a.name] = a.max_score
            for sub in sorted(gb.assignment_submissions(a.name), key=lambda s: s.student_id):
                for nb in sub.notebooks:
                    for g in sorted(nb.grades, key=lambda g: g.name):
                        rows.append({"student": sub.student_id, "lesson": a.name,
                                     "track": split(a.name)[1], "question": g.name,
                                     "points": "" if g.score is None else g.score, "max": g.max_score,
                                     "part": FURTHER if g.name in further else MAIN})
        for s in gb.students:
            students[s.id] = s
    return rows, students, maxima


def write_csv(path, columns, rows):
    """A CSV written whole or not at all (a temporary file, then renamed)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, columns)
        out.writeheader()
        out.writerows(rows)
    tmp.replace(path)


def write_grades(course: Course):
    rows, students, maxima = _rows(course)
    course.exports.mkdir(parents=True, exist_ok=True)
    write_csv(course.exports / "grades.csv", TIDY, rows)
    lessons, possible = [], defaultdict(float)
    for lesson in sorted({r["lesson"] for r in rows}):
        lessons.append(lesson)
        if _further_cells(lesson):
            lessons.append(f"{lesson} {FURTHER}")
    totals, seen = defaultdict(dict), set()
    for r in rows:
        column = r["lesson"] if r["part"] == MAIN else f"{r['lesson']} {FURTHER}"
        totals[r["student"]][column] = totals[r["student"]].get(column, 0) + (r["points"] or 0)
        if (column, r["question"]) not in seen:
            seen.add((column, r["question"]))
            possible[column] += r["max"] or 0
    wide = []
    for sid in sorted(totals):
        s = students.get(sid)
        name = ", ".join(x for x in (getattr(s, "last_name", None), getattr(s, "first_name", None)) if x) or sid
        row = {"Student": name, "SIS User ID": sid, "ID number": sid, "Email address": getattr(s, "email", "") or ""}
        row.update({lesson: f"{totals[sid][lesson]:g}" if lesson in totals[sid] else "" for lesson in lessons})
        wide.append(row)
    wide.append({"Student": "Points Possible", **{lesson: f"{possible[lesson]:g}" for lesson in lessons}})
    write_csv(course.exports / "grades-wide.csv", ["Student", "SIS User ID", "ID number", "Email address", *lessons], wide)
    print(f"{len(rows)} grades of {len(totals)} student(s) in {len(lessons)} lesson(s): "
          f"grading/exports/grades.csv and grading/exports/grades-wide.csv")
    return rows


def _questions(lesson: str) -> dict[str, str]:
    """{widget question ("1.7"): grade cell name}, from the lesson's exercise declarations."""
    from .exercises import Widget, for_lesson

    return {q: ex.cell for ex in for_lesson(lesson).values() if isinstance(ex.answer, Widget)
            for q in ex.answer.questions}


def _labels(lesson: str) -> dict[str, str]:
    """{grade cell name: "1.7 page_parts"}: how the report names a question."""
    from .exercises import for_lesson

    return {cell: f"{ex.id} {ex.name}".strip() for cell, ex in for_lesson(lesson).items()}


def _widget_answers(course: Course, lesson: str, problems: list[str]):
    """Every student's widget answers of a lesson (from grading/autograded), one student at a time: an answer file
    that cannot be read is a line in the report, never a crash."""
    import pandas as pd

    from medialit import read_answers

    frames = []
    root = course.grading / "autograded"
    for folder in sorted(root.glob(f"*/{lesson}")) if root.exists() else []:
        try:
            frames.append(read_answers(folder))
        except Exception as error:  # noqa: BLE001 - one damaged file
            problems.append(f"{folder.parent.name}: answer file not read ({str(error).splitlines()[0][:160]})")
    return pd.concat(frames, ignore_index=True) if frames else None


def write_report(course: Course):
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    rows, _, maxima = _rows(course)
    if not rows:
        raise ToolError("The gradebook has no graded submissions yet: run make autograde LESSON=<slug> first.")
    course.exports.mkdir(parents=True, exist_ok=True)
    lines = ["# Class report", ""]
    for lesson in sorted({r["lesson"] for r in rows}):
        mine = [r for r in rows if r["lesson"] == lesson]
        per_q = defaultdict(list)
        totals = defaultdict(float)
        for r in mine:
            if r["points"] != "":
                per_q[r["question"]].append(r["points"] / r["max"] if r["max"] else 0)
            totals[r["student"]] += r["points"] or 0
        lines += [f"## {lesson}", "", f"{len(totals)} students; mean {sum(totals.values()) / len(totals):.1f} of "
                  f"{maxima[lesson]:g} points.", "", "| question | graded | mean score | difficulty |", "|---|---|---|---|"]
        questions = sorted(per_q, key=lambda q: sum(per_q[q]) / len(per_q[q]))
        label = _labels(lesson)
        further = _further_cells(lesson)
        label.update({q: f"{label.get(q, q)} (going further)" for q in further})
        for q in questions:
            mean = sum(per_q[q]) / len(per_q[q])
            lines.append(f"| {label.get(q, q)} | {len(per_q[q])} | {mean:.0%} | {'hard' if mean < 0.4 else 'medium' if mean < 0.75 else 'easy'} |")
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
        a1.barh([label.get(q, q) for q in questions], [sum(per_q[q]) / len(per_q[q]) for q in questions], color="#4c72b0")
        a1.set_xlim(0, 1)
        a1.set_xlabel("mean share of the points")
        a1.set_title(f"{lesson}: difficulty per question")
        a2.hist(list(totals.values()), bins=min(20, max(5, len(totals))), range=(0, maxima[lesson] or 1), color="#55a868")
        a2.set_xlabel("points")
        a2.set_ylabel("students")
        a2.set_title(f"{lesson}: score distribution")
        fig.tight_layout()
        figure = course.exports / f"report-{lesson}.png"
        fig.savefig(figure, dpi=100)
        plt.close(fig)
        lines += ["", f"![{lesson}: mean share of the points per question (bars), and a histogram of the students' "
                      f"total points]({figure.name})", ""]
        # common wrong answers of widget questions
        problems: list[str] = []
        answers = _widget_answers(course, lesson, problems)
        cell_of = _questions(lesson)
        score = {(r["student"], r["question"]): (r["points"], r["max"]) for r in mine}
        if answers is not None and not answers.empty:
            lines += ["Common answers that lost points (widget questions):", ""]
            for q in sorted(set(answers["question"])):
                wrong = Counter()
                for a in answers[answers["question"] == q].itertuples():
                    pts, mx = score.get((a.student, cell_of.get(q, "")), ("", 0))
                    if pts != "" and pts < mx:
                        wrong[json.dumps(a.value, ensure_ascii=False, sort_keys=True)] += 1
                for value, n in wrong.most_common(3):
                    lines.append(f"- {q} ({cell_of.get(q, '?')}): {n}× `{value[:160]}`")
            lines.append("")
        if problems:
            lines += ["Not included:", ""] + [f"- {p}" for p in problems] + [""]
    (course.exports / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("Class report: grading/exports/report.md with figures grading/exports/report-<lesson>.png")
