"""Benchmark: the kit's `make autograde` against plain serial `nbgrader autograde`, and one notebook's autograde
against bare nbclient execution. Prints numbers; it is not a test.

    .venv/bin/python benchmarks/autograde.py [--students 60] [--lessons 01-corpus] [--workers N]

A synthetic class in two temporary copies of the course: a third honest (the solution), a third partly right
(tests/partials/<lesson>.py), a third the untouched student version. Every lesson given is graded in both copies.
"""

from __future__ import annotations

import argparse
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import kit  # noqa: E402
import nbformat  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--lessons", default="01-corpus", help="comma-separated (default: 01-corpus)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    lessons = args.lessons.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    try:
        ours, plain = kit.make_course(tmp / "ours", lessons), kit.make_course(tmp / "plain", lessons)
        for course in (ours, plain):
            for lesson in lessons:
                shutil.copytree(ROOT / "lessons" / lesson, course / "lessons" / lesson,
                                ignore=shutil.ignore_patterns("answers-*", ".*"))
                kit.nbgrader(course, "generate_assignment", lesson, "--force", "--CourseDirectory.release_directory=.release")
                build_class(course, lesson, args.students)
        n = args.students * len(lessons)
        print(f"{n} notebooks ({args.students} students x {', '.join(lessons)}), {args.workers} worker(s), "
              f"{len(os.sched_getaffinity(0))} core(s)")
        t_ours = sum(timed([sys.executable, "-m", "grading.tools", "--course", str(ours), "autograde", lesson,
                            "--force", "--workers", str(args.workers)], ROOT) for lesson in lessons)
        t_plain = sum(timed([str(kit.BIN / "nbgrader"), "autograde", lesson, "--force", "--log-level=WARN"], plain)
                      for lesson in lessons)
        print(f"make autograde (kit, parallel, sandboxed): {t_ours:7.1f} s  {n / t_ours * 60:6.1f} notebooks/min")
        print(f"nbgrader autograde (plain, serial):        {t_plain:7.1f} s  {n / t_plain * 60:6.1f} notebooks/min")
        print(f"speed-up: {t_plain / t_ours:.2f}x")
        # one notebook
        lesson = lessons[0]
        one = "student000"
        t_one_ours = timed([sys.executable, "-m", "grading.tools", "--course", str(ours), "autograde", lesson,
                            "--force", "--workers", "1", "--student", one], ROOT)
        t_one_plain = timed([str(kit.BIN / "nbgrader"), "autograde", lesson, "--force", "--student", one,
                             "--log-level=WARN"], plain)
        copy = tmp / "bare" / lesson
        shutil.copytree(plain / "grading" / "submitted" / one / lesson, copy)
        bare(copy / f"{lesson}.ipynb")  # warm the caches once
        t_bare = min(bare(copy / f"{lesson}.ipynb") for _ in range(2))
        per_nb = t_ours * args.workers / n
        print(f"one notebook: bare nbclient {t_bare:.1f} s; kit autograde of one student {t_one_ours:.1f} s "
              f"({t_one_ours / t_bare:.2f}x, with start-up); plain nbgrader {t_one_plain:.1f} s "
              f"({t_one_plain / t_bare:.2f}x)")
        print(f"per-notebook cost inside the class run (wall x workers / notebooks): {per_nb:.1f} s = "
              f"{per_nb / t_bare:.2f}x bare execution")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
