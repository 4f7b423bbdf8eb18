"""`make autograde` against whatever students hand in. One run grades a class of honest and broken submissions in
parallel, confined workers; every test reads that run: a clear status line, no points that were not earned, and
everyone else's grades untouched. Lesson 01 only."""

from __future__ import annotations

import shutil

import nbformat
import pytest

import kit
from medialit_grader.exercises import for_lesson
from test_grading_kit import LESSON, course_copy, release, solution, status, tools, with_cell

sandboxed = pytest.mark.skipif(not shutil.which("bwrap"), reason="bubblewrap is not installed")
FULL = sum(e.points for e in for_lesson(LESSON).values() if e.automatic)  # lesson 01's automatic points
# one module-scoped run: keep its tests on one xdist worker (make test uses --dist loadgroup)
pytestmark = pytest.mark.xdist_group("grading-autograde")


def _class(course):
    sol, rel = solution(), release()
    sub = lambda sid, nb=None, answers=None: kit.submit(course, sid, LESSON, nb, answers)  # noqa: E731
    sub("honest", sol)
    sub("honest2", sol)
    # files
    folder = sub("corrupt")
    (folder / f"{LESSON}.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    sub("missing", None, {"1.8": "x"})
    folder = sub("misnamed")
    nbformat.write(sol, folder / f"{LESSON} (1).ipynb")
    other = nbformat.from_dict(nbformat.reads(nbformat.writes(rel), as_version=4))
    for cell in other.cells:
        if "nbgrader" in cell.metadata:
            cell.metadata.nbgrader["grade_id"] = "other_" + cell.metadata.nbgrader["grade_id"]
    sub("wrong_lesson", other)
    folder = sub("huge_file", sol)
    with open(folder / "video.mp4", "wb") as handle:  # a 300 MB file next to the notebook (sparse)
        handle.truncate(300 * 1024 * 1024)
    # test cells
    edited = nbformat.from_dict(nbformat.reads(nbformat.writes(rel), as_version=4))
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass"
    sub("edited_tests", edited)
    deleted = nbformat.from_dict(nbformat.reads(nbformat.writes(rel), as_version=4))
    deleted.cells = [c for c in deleted.cells if not c.metadata.get("nbgrader", {}).get("grade")
                     or c.cell_type != "code"]
    sub("deleted_tests", deleted)
    # runaway code
    sub("endless_loop", with_cell(sol, "median_length", "while True:\n    pass"))
    sub("dying_kernel", with_cell(sol, "median_length", "import faulthandler\nfaulthandler._sigsegv()"))
    sub("memory_hog", with_cell(sol, "median_length", "hog = bytearray(16 * 1024**3)"))
    sub("output_flood", with_cell(sol, "median_length", "while True:\n    print('spam ' * 2000)"))
    sub("writes_huge_file", with_cell(sol, "median_length",
                                      "with open('big.bin', 'wb') as f:\n    f.write(b'0' * (200 * 1024**2))"))
    # tampering
    sub("input_transformer", with_cell(rel, "comments_per_doc",
                                       "get_ipython().input_transformers_cleanup.append(lambda lines: [])"))
    sub("fake_check", with_cell(rel, "comments_per_doc", "lab.check = lambda *a, **k: None"))
    sub("fake_metric", with_cell(rel, "deir_pattern",
                                 "ml.precision_recall = lambda f, g: type('S', (), {'recall': 1, 'precision': 1})()"))
    # code that tries to change grades, without naming them (the static check cannot see it): the sandbox stops it
    target = repr(str(course / "grading")) + " + '/grade' + 'book.db'"
    others = repr(str(course / "grading" / "submitted" / "honest" / LESSON / f"{LESSON}.ipynb"))
    attack = (f"for _p in [{target}, {others}]:\n    try:\n        open(_p, 'w').write('pwned')\n"
              f"    except OSError as e:\n        print('blocked:', type(e).__name__)")
    sub("grade_changer", with_cell(sol, "median_length", attack, "after"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("autograde"))
    _class(course)
    result = tools(course, "autograde", LESSON, "--workers", "2", "--cell-timeout", "10", "--student-timeout", "150")
    return course, status(course), kit.scores(course, LESSON), result


def row(graded, student):
    _, rows, scores, result = graded
    assert student in rows, result.stdout + result.stderr
    line = next((ln for ln in result.stdout.splitlines() if f" {student} " in ln), "")
    return rows[student], scores.get(student, {}), line


def test_a_fresh_clone_grades_with_nothing_run_before(graded):
    course, rows, scores, result = graded
    assert "not in the gradebook yet: adding it" in result.stdout
    assert scores["honest"]["__auto__"] == FULL and scores["honest2"]["__auto__"] == FULL
    assert "sandboxed (bubblewrap)" in result.stdout or "UNSANDBOXED" in result.stdout
    assert (course / "grading" / "autograded" / "honest" / LESSON / f"{LESSON}.ipynb").exists()
    assert not list((course / "grading" / ".tools" / "work").glob("*/*")), "worker folders left behind"


def test_every_student_gets_one_status_line(graded):
    _, rows, _, result = graded
    students = [d.name for d in (graded[0] / "grading" / "submitted").iterdir()]
    assert sorted(rows) == sorted(students)
    for student in students:
        assert sum(f" {student} " in ln for ln in result.stdout.splitlines()) == 1, student


@pytest.mark.parametrize("student, state, words", [
    ("corrupt", "error", "not valid JSON (line 1"),
    ("missing", "error", "no notebook: expected 01-corpus.ipynb"),
    ("wrong_lesson", "error", "not lesson 01-corpus's notebook"),
    ("input_transformer", "graded", "review: cell"),   # tampering gains nothing; it is noted for the teacher
    ("fake_check", "graded", "changes lab.check"),
    ("fake_metric", "graded", "changes ml.precision_recall"),
    ("dying_kernel", "error", "kernel died"),
    ("output_flood", "error", "output flood"),
])
def test_bad_submission_gets_a_clear_status_and_zero(graded, student, state, words):
    r, scores, line = row(graded, student)
    assert r["status"] == state and words in r["detail"], r
    assert words in line and state in line
    assert scores.get("__auto__", 0) == 0, scores


def test_renamed_notebook_is_graded_and_says_so(graded):
    r, scores, _ = row(graded, "misnamed")
    assert r["status"] == "graded" and "named '01-corpus (1).ipynb'" in r["detail"]
    assert scores["__auto__"] == FULL


def test_huge_file_beside_the_notebook_is_ignored(graded):
    r, scores, _ = row(graded, "huge_file")
    assert r["status"] == "graded" and scores["__auto__"] == FULL
    assert not (graded[0] / "grading" / "autograded" / "huge_file" / LESSON / "video.mp4").exists()


@pytest.mark.parametrize("student", ["edited_tests", "deleted_tests"])
def test_edited_or_deleted_tests_come_back_and_score_zero(graded, student):
    r, scores, _ = row(graded, student)
    assert r["status"] == "graded" and scores["__auto__"] == 0, (r, scores)
    nb = nbformat.read(graded[0] / "grading" / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    automatic = [e for e in for_lesson(LESSON).values() if e.automatic]
    assert len(tests) == len(automatic) and all(c.source.startswith("lab.check(") for c in tests)
    assert all(len(c.outputs) == 1 and "of" in c.outputs[0]["data"]["text/plain"] for c in tests)


@pytest.mark.parametrize("student, words", [
    ("endless_loop", "ran past the time limit"),   # the cell is interrupted, the rest of the notebook runs
    ("memory_hog", ""),                            # MemoryError in that cell only
    ("writes_huge_file", ""),                      # the write fails (file size limit); nothing reaches the disk
])
def test_runaway_cell_loses_its_points_and_only_those(graded, student, words):
    r, scores, _ = row(graded, student)
    assert r["status"] == "graded" and words in r["detail"], r
    median = for_lesson(LESSON)["test_median_length"].points
    assert scores["test_median_length"] == 0 and scores["__auto__"] == FULL - median, scores


@sandboxed
def test_student_code_cannot_reach_the_gradebook_or_other_students(graded):
    course, _, scores, result = graded
    r, mine, _ = row(graded, "grade_changer")
    assert r["status"] == "graded" and mine["__auto__"] == FULL  # its own honest work still counts
    nb = nbformat.read(course / "grading" / "autograded" / "grade_changer" / LESSON / f"{LESSON}.ipynb", as_version=4)
    text = nbformat.writes(nb)
    assert text.count("blocked:") == 2, "the sandbox let a write through"
    assert (course / "grading" / "gradebook.db").read_bytes()[:6] == b"SQLite"
    assert "pwned" not in (course / "grading" / "submitted" / "honest" / LESSON / f"{LESSON}.ipynb").read_text()
    assert scores["honest"]["__auto__"] == FULL


def test_rerun_skips_unchanged_work_and_changes_nothing(graded):
    course, rows, scores, _ = graded
    again = tools(course, "autograde", LESSON, "--workers", "2")
    assert f"Done: {len(rows)} unchanged." in again.stdout, again.stdout
    assert kit.scores(course, LESSON) == scores
    assert {s: (r["status"], r["points"]) for s, r in status(course).items()} == \
        {s: ("unchanged", r["points"]) for s, r in rows.items()}


def test_without_bubblewrap_it_still_grades_and_says_so_loudly(tmp_path):
    course = course_copy(tmp_path)
    kit.submit(course, "honest", LESSON, solution())
    kit.submit(course, "fake_check", LESSON, with_cell(release(), "comments_per_doc", "lab.check = print"))
    result = tools(course, "autograde", LESSON, "--no-sandbox", "--workers", "2")
    assert "UNSANDBOXED" in result.stdout and "WITHOUT the OS sandbox" in result.stderr
    assert all("[UNSANDBOXED]" in ln for ln in result.stdout.splitlines() if " honest " in ln or " fake_check " in ln)
    assert kit.scores(course, LESSON)["honest"]["__auto__"] == FULL
    assert status(course)["fake_check"]["status"] == "graded" and kit.scores(course, LESSON)["fake_check"]["__auto__"] == 0
