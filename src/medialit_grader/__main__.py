"""Command line: `python -m medialit_grader <verb> …` (the Makefile's instructor targets call this)."""

from __future__ import annotations

import argparse
import sys

from .course import Course, ToolError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medialit_grader", description=__doc__)
    parser.add_argument("--course", help="the course folder (default: this repository)")
    parser.add_argument("--gradebook", default="", help="the gradebook's SQLAlchemy database URL, e.g. "
                        "postgresql://grader@host/gradebook (default: SQLite, grading/gradebook.db)")
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("release", help="student version in lessons/<lesson>/ and the lesson in the gradebook")
    p.add_argument("lesson")
    p.add_argument("--form", default="", help="the pre- or post-test only: the form to release, A or B (default: A "
                   "for 00-pretest, B for 99-posttest)")

    p = verbs.add_parser("import", help="bring submissions (a folder, or a Canvas/Moodle zip) into grading/submitted/")
    p.add_argument("lesson")
    p.add_argument("source", help="a folder or a zip file")
    p.add_argument("--roster", help="CSV with columns student_id and name (and optionally lms_id, email)")

    p = verbs.add_parser("autograde", help="grade every submission of a lesson, in parallel and confined")
    p.add_argument("lesson")
    p.add_argument("--workers", type=int, default=0, help="parallel workers (default: one per core)")
    p.add_argument("--force", action="store_true", help="regrade submissions that did not change")
    p.add_argument("--student", default="", help="only these students (comma-separated)")
    p.add_argument("--cell-timeout", type=int, default=0, help="seconds per cell (default: the course config's)")
    p.add_argument("--student-timeout", type=int, default=0, help="seconds for one whole submission (default 120)")
    p.add_argument("--no-sandbox", action="store_true", help="run kernels without bubblewrap (not recommended)")
    p.add_argument("--cluster", default="", help="a Dask scheduler's address (tcp://host:port) to grade on, or "
                   "'local' for a Dask LocalCluster here (default: forked workers on this machine)")

    p = verbs.add_parser("feedback", help="per-student HTML feedback (results in words; no keys)")
    p.add_argument("lesson")

    p = verbs.add_parser("grades", help="grading/exports/grades.csv and grades-wide.csv")
    p = verbs.add_parser("report", help="class report with figures in grading/exports/")
    p = verbs.add_parser("assessment", help="the pre/post test analysed: grading/exports/assessment-analysis.ipynb "
                                            "and .html (discernment d′, criterion c, per skill, items, summary)")
    p.add_argument("--responses", default="", help="a responses CSV (default: read from the gradebook and the "
                   "submitted answer files)")
    p.add_argument("--mist", default="", help="the class's MIST scores, a CSV: student, test and any of V, r, f, d, "
                   "n, total")
    p.add_argument("--names", action="store_true", help="show student ids (default: pseudonyms)")
    p.add_argument("--simulate", action="store_true", help="a simulated class, to try the report")
    p = verbs.add_parser("student-bundle", help="a zip for students: lessons, corpus, package; no answer keys")
    p.add_argument("--output", default="", help="zip path (default: dist/medialit-student-bundle.zip)")

    p = verbs.add_parser("exercises", help="check every lesson against its exercise declarations and write "
                                           "src/medialit/exercises.json (the public part: no keys)")
    verbs.add_parser("lessons", help="`make lessons`: check the declarations, write src/medialit/exercises.json and "
                                     "regenerate every student version in lessons/ (both tracks of every lesson)")
    verbs.add_parser("assignments", help="every assignment of the course, one per line: each lesson's data track "
                                         "and its core track (whose nbgrader source this brings up to date)")
    verbs.add_parser("time", help="estimated minutes of each lesson at a student's pace (core and going further)")
    p = verbs.add_parser("try", help="score one notebook as the grader would, here and unsandboxed (for authors)")
    p.add_argument("lesson")
    p.add_argument("notebook")
    p.add_argument("--answers", default="", help="a JSON file {question: value} to hand in as the answer file")

    args = parser.parse_args(argv)
    try:
        course = Course(args.course, args.gradebook or None)
        if args.verb == "release":
            from .course import release

            release(course, course.check_lesson(args.lesson), form=args.form)
            print(f"Released {args.lesson}" + (f" (form {args.form})" if args.form else "")
                  + f": lessons/{args.lesson}/ and the gradebook are up to date.")
        elif args.verb == "import":
            from .intake import import_submissions

            placed, problems = import_submissions(course, course.check_lesson(args.lesson), args.source, args.roster)
            return 1 if problems and not placed else 0
        elif args.verb == "autograde":
            from . import autograde, sandbox

            limits = sandbox.Limits(cell_timeout=args.cell_timeout or int(course.config().Execute.get("timeout", 120)))
            if args.student_timeout:
                limits.student_timeout = args.student_timeout
            outcomes = autograde.autograde(
                course, args.lesson, workers=args.workers or None, force=args.force,
                limits=limits, no_sandbox=args.no_sandbox,
                students={s for s in args.student.split(",") if s} or None, cluster=args.cluster)
            return 0 if outcomes else 1
        elif args.verb == "feedback":
            from .feedback import feedback

            feedback(course, course.check_lesson(args.lesson))
        elif args.verb == "grades":
            from .exports import write_grades

            write_grades(course)
        elif args.verb == "report":
            from .exports import write_report

            write_report(course)
        elif args.verb in ("exercises", "lessons"):
            from .exercises import check_all, write_public

            problems = check_all(course)
            for line in problems:
                print(f"error: {line}", file=sys.stderr)
            if problems:
                return 2
            print("src/medialit/exercises.json " + ("written" if write_public() else "is up to date"))
            if args.verb == "lessons":
                from .course import generate_releases

                for name in generate_releases(course):
                    print(f"lessons/{name}/ generated")
        elif args.verb == "assignments":
            for name in course.lessons():
                course.source(name)  # a core track's generated source, brought up to date
                print(name)
        elif args.verb == "time":
            from .timing import estimate

            for lesson in course.lessons():
                print(estimate(lesson))
        elif args.verb == "try":
            import json

            import nbformat

            from .trusted import try_locally

            answers = json.loads(open(args.answers, encoding="utf-8").read()) if args.answers else None
            total = maximum = 0.0
            for r in try_locally(args.lesson, nbformat.read(args.notebook, as_version=4), answers):
                total, maximum = total + r.points, maximum + r.exercise.points
                print(f"{r.exercise.id:<6} {r.exercise.cell:<28} {r.points:g}/{r.exercise.points:g}  {r.message}")
            print(f"total {total:g}/{maximum:g} automatic points")
        elif args.verb == "assessment":
            from .assessment import report

            path = report(course, args.responses, args.mist, args.names, args.simulate)
            print(f"The analysis: {path.relative_to(course.root) if path.is_relative_to(course.root) else path} "
                  "(and .html beside it)")
        elif args.verb == "student-bundle":
            from .bundle import build_bundle

            path = build_bundle(course, args.output or None)
            print(f"Student bundle: {path}")
    except ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
