"""Benchmark: the kit's `make autograde` against plain serial `nbgrader autograde`, and one notebook's autograde
against bare nbclient execution. Prints numbers; it is not a test.

    .venv/bin/python benchmarks/autograde.py [--students 60] [--lessons all|01-corpus,...] [--workers N]

A synthetic class in two temporary copies of the course: a third honest (the solution), a third partly right
(tests/partials/<lesson>.py), a third the untouched student version. Every lesson given is graded in both copies.
The course refuses plain `nbgrader autograde` (its scores would come from the student's kernel); the plain copy
gets nbgrader's own default chain back, so that plain nbgrader runs the same notebooks. Its scores mean nothing:
only its time is used.
"""

from __future__ import annotations

import argparse
import os
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import kit  # noqa: E402
import nbformat  # noqa: E402


PLAIN_CHAIN = """
# benchmark only: nbgrader's default autograde chain, to time plain nbgrader on the same notebooks
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern, LimitOutput,
                                    SaveAutoGrades)
c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                                       AssignLatePenalties, CheckCellMetadata]
"""


def build_class(course: Path, lesson: str, students: int) -> None:
    solution = nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    spec_path = ROOT / "tests" / "partials" / f"{lesson}.py"
    spec = runpy.run_path(str(spec_path))["PARTIAL"] if spec_path.exists() else {"cells": {}}
    partial = kit.fill(release, spec["cells"])
    for i in range(students):
        kind = i % 3
        nb, answers = [(solution, None), (partial, spec.get("answers")), (release, None)][kind]
        kit.submit(course, f"student{i:03d}", lesson, nb, answers)


def timed(args, cwd) -> float:
    t = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=kit.env(), check=True, capture_output=True, text=True)
    return time.perf_counter() - t


def bare(path: Path) -> float:
    t = time.perf_counter()
    kit.execute(path)
    return time.perf_counter() - t


def bare_mean(course: Path, scratch: Path, lesson: str, runs: int) -> float:
    """Bare execution time of the lesson: the mean over an honest, a partly right and an untouched submission of
    the median of `runs` executions each (one warm-up run first)."""
    times = []
    for student in ("student000", "student001", "student002"):
        copy = scratch / student / lesson
        shutil.copytree(course / "grading" / "submitted" / student / lesson, copy)
        bare(copy / f"{lesson}.ipynb")
        times.append(statistics.median(bare(copy / f"{lesson}.ipynb") for _ in range(runs)))
    return statistics.mean(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--lessons", default="all", help="comma-separated slugs, or all (default)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--bare-runs", type=int, default=3, help="bare executions per lesson (the median is used)")
    args = parser.parse_args()
    lessons = kit.LESSONS if args.lessons == "all" else args.lessons.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    try:
        ours, plain = kit.make_course(tmp / "ours", lessons), kit.make_course(tmp / "plain", lessons)
        with open(plain / "grading" / "nbgrader_config.py", "a", encoding="utf-8") as handle:
            handle.write(PLAIN_CHAIN)
        for course in (ours, plain):
            for lesson in lessons:
                shutil.copytree(ROOT / "lessons" / lesson, course / "lessons" / lesson,
                                ignore=shutil.ignore_patterns("answers-*", ".*"))
                kit.nbgrader(course, "generate_assignment", lesson, "--force", "--CourseDirectory.release_directory=.release")
                build_class(course, lesson, args.students)
        n = args.students * len(lessons)
        print(f"{n} notebooks ({args.students} students x {len(lessons)} lesson(s)), {args.workers} worker(s), "
              f"{len(os.sched_getaffinity(0))} core(s); a third honest, a third partly right, a third untouched")
        print(f"{'lesson':<14} {'bare s':>7} {'kit s':>7} {'plain s':>8} {'speed-up':>9} {'kit cost/nb':>12}")
        total_ours = total_plain = total_bare = 0.0
        for lesson in lessons:  # kit and plain nbgrader one after the other, lesson by lesson (drift hits both)
            t_ours = timed([sys.executable, "-m", "medialit_grader", "--course", str(ours), "autograde", lesson,
                            "--force", "--workers", str(args.workers)], ROOT)
            t_plain = timed([str(kit.BIN / "nbgrader"), "autograde", lesson, "--force", "--log-level=WARN"], plain)
            t_bare = bare_mean(plain, tmp / "bare", lesson, args.bare_runs)
            per_nb = t_ours * args.workers / args.students
            print(f"{lesson:<14} {t_bare:7.2f} {t_ours:7.1f} {t_plain:8.1f} {t_plain / t_ours:8.2f}x "
                  f"{per_nb / t_bare:11.2f}x", flush=True)
            total_ours, total_plain, total_bare = total_ours + t_ours, total_plain + t_plain, total_bare + t_bare
        print(f"make autograde (kit, parallel, sandboxed): {total_ours:7.1f} s  {n / total_ours * 60:6.1f} notebooks/min")
        print(f"nbgrader autograde (plain, serial):        {total_plain:7.1f} s  {n / total_plain * 60:6.1f} notebooks/min")
        print(f"speed-up: {total_plain / total_ours:.2f}x (target >= 1.8x)")
        per_nb = total_ours * args.workers / n
        bare_nb = total_bare / len(lessons)
        print(f"per-notebook cost in the class run (wall x workers / notebooks, start-up included): {per_nb:.2f} s "
              f"= {per_nb / bare_nb:.2f}x bare nbclient execution of the same notebooks ({bare_nb:.2f} s; "
              f"target <= 1.3x)")
        # one notebook, from a cold start: what a teacher waits for when grading one late submission
        lesson, one = lessons[0], "student000"
        t_one_ours = timed([sys.executable, "-m", "medialit_grader", "--course", str(ours), "autograde", lesson,
                            "--force", "--workers", "1", "--student", one], ROOT)
        t_one_plain = timed([str(kit.BIN / "nbgrader"), "autograde", lesson, "--force", "--student", one,
                             "--log-level=WARN"], plain)
        t_bare = statistics.median(bare(tmp / "bare" / one / lesson / f"{lesson}.ipynb") for _ in range(args.bare_runs))
        print(f"one {lesson} notebook from a cold start: kit {t_one_ours:.1f} s, plain nbgrader {t_one_plain:.1f} s, "
              f"bare nbclient {t_bare:.1f} s (both graders pay ~2 s of Python imports once per run)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
