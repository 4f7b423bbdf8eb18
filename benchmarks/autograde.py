"""Benchmark: the kit's `make autograde` against plain serial `nbgrader autograde`, and one notebook's autograde
against bare nbclient execution; then the same class graded through a Dask cluster on this machine (a scheduler
and one, then two worker processes: `make autograde CLUSTER=…`). Prints numbers; it is not a test.

    .venv/bin/python benchmarks/autograde.py [--students 60] [--lessons all|01-corpus,...] [--workers N]
                                             [--dask-lessons 01-corpus|none]

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
    solution = kit.solution(lesson)  # the lesson's one source, this track's cells
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
    done = subprocess.run(args, cwd=cwd, env=kit.env(), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout[-2000:]}\n"
                         f"{done.stderr[-3000:]}")
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


def dask_runs(ours: Path, lesson: str, students: int, t_fork: float, fork_workers: int, t_plain: float,
              t_bare: float, scratch: Path) -> None:
    """The class of one lesson graded through a Dask cluster of 1 and of 2 worker processes."""
    times = {}
    for workers in (1, 2):
        with kit.dask_cluster(workers, scratch / f"dask-{workers}") as address:
            times[workers] = timed([sys.executable, "-m", "medialit_grader", "--course", str(ours), "autograde",
                                    lesson, "--force", "--cluster", address], ROOT)
        per_nb = times[workers] * workers / students
        print(f"{lesson} on Dask, {workers} worker process(es): {times[workers]:7.1f} s  "
              f"{students / times[workers] * 60:6.1f} notebooks/min  cost/notebook {per_nb:.2f} s = "
              f"{per_nb / t_bare:.2f}x bare", flush=True)
    print(f"{lesson}: Dask 1 -> 2 workers speed-up {times[1] / times[2]:.2f}x (target >= 1.8x); Dask (2) vs plain "
          f"serial nbgrader {t_plain / times[2]:.2f}x; forked workers ({fork_workers}) {t_fork:.1f} s, "
          f"{times[2] / t_fork:.2f}x faster than Dask (2) on this machine", flush=True)


def grader_share(course: Path, lesson: str) -> None:
    """The grader's own work per submission — reading and checking it, scoring, merging, publishing — which stays
    in one process however many workers there are: on a large cluster this is what runs out first."""
    import contextlib
    import io

    from medialit_grader import autograde, precheck
    from medialit_grader.course import Course

    spent: dict[str, float] = {}

    def timing(name, function):
        def timed_function(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return timed_function

    steps = [(precheck, "find_notebook"), (precheck, "read_notebook"), (precheck, "check_lesson"),
             (precheck, "scan"), (autograde, "_fingerprint"), (autograde, "verify_and_score"), (autograde, "merge"),
             (autograde, "_publish")]
    for module, name in steps:
        setattr(module, name, timing(name, getattr(module, name)))
    with contextlib.redirect_stdout(io.StringIO()):
        outcomes = autograde.autograde(Course(course), lesson, force=True, cluster="local")
    n = len(outcomes)
    total = sum(spent.values())
    print(f"the grader's own work per submission ({lesson}, {n} submissions, one process): {total / n * 1000:.0f} ms "
          f"(" + ", ".join(f"{k} {v / n * 1000:.0f}" for k, v in sorted(spent.items(), key=lambda kv: -kv[1]))
          + f"); at most {3600 * n / total:,.0f} submissions an hour through one grader", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--lessons", default="all", help="comma-separated slugs, or all (default)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--bare-runs", type=int, default=3, help="bare executions per lesson (the median is used)")
    parser.add_argument("--dask-lessons", default="01-corpus",
                        help="lessons also graded on a Dask cluster of 1 and 2 workers (comma-separated, or none)")
    args = parser.parse_args()
    dask_lessons = [] if args.dask_lessons == "none" else args.dask_lessons.split(",")
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
            if lesson in dask_lessons:
                dask_runs(ours, lesson, args.students, t_ours, args.workers, t_plain, t_bare, tmp / "dask")
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
        for lesson in dask_lessons:
            if lesson in lessons:
                grader_share(ours, lesson)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
