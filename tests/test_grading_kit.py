"""Instructor tooling (src/medialit_grader): helpers for the grading tests, and fast unit tests of the static checks and of
LMS file naming. The slow, end-to-end tests are in test_grading_autograde.py, test_grading_flow.py and
test_grading_bundle.py."""

from __future__ import annotations

import copy
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import kit

sys.path.insert(0, str(kit.ROOT))
from medialit_grader import intake, precheck  # noqa: E402

LESSON = "01-corpus"


# -- helpers ---------------------------------------------------------------------------------------------------------
def course_copy(tmp: Path) -> Path:
    """A fresh clone's course for lesson 01: sources, configuration and the committed student version, no gradebook."""
    course = kit.make_course(tmp, [LESSON])
    shutil.copytree(kit.ROOT / "lessons" / LESSON, course / "lessons" / LESSON,
                    ignore=shutil.ignore_patterns("answers-*", ".*"))
    return course


def tools(course, *args, check=True, timeout=600) -> subprocess.CompletedProcess:
    """`python -m medialit_grader --course COURSE …`, as the Makefile runs it."""
    result = subprocess.run([sys.executable, "-m", "medialit_grader", "--course", str(course), *args], cwd=kit.ROOT,
                            env=kit.env(), capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"medialit_grader {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def status(course, lesson=LESSON) -> dict[str, dict]:
    with open(course / "grading" / "exports" / f"autograde-{lesson}.csv", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def solution():
    return kit.solution(LESSON)  # the data track's cells of the lesson's one source


def release():
    return nbformat.read(kit.ROOT / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)


def with_cell(nb, grade_id: str, code: str, where: str = "before"):
    """A copy of nb with code put before/after the source of the cell with that grade id."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = f"{code}\n{cell.source}" if where == "before" else f"{cell.source}\n{code}"
            return nb
    raise KeyError(grade_id)


# -- the static scan -------------------------------------------------------------------------------------------------
def findings(code: str):
    nb = with_cell(release(), "comments_per_doc", code, "before")
    return precheck.scan(nb, release(), solution())


def test_the_solution_and_the_release_raise_no_finding():
    assert precheck.scan(solution(), release(), solution()) == []
    assert precheck.scan(release(), release(), solution()) == []


@pytest.mark.parametrize("code, words", [
    ("get_ipython().input_transformers_cleanup.append(lambda lines: [])", "input transformer"),
    ("ip = get_ipython()\nip.events.register('pre_run_cell', print)", "event hook"),
    ("lab.check = lambda *a, **k: None", "changes lab.check"),
    ("ml.precision_recall = lambda found, gold: None", "changes ml.precision_recall"),
    ("from medialit import metrics as m\nm.precision_recall = None", "changes m.precision_recall"),
    ("class lab: pass", "rebinds 'lab'"),
    ("import sys\nsys.settrace(None)", "trace hook"),
    ("__builtins__['len'] = None", "__builtins__"),
    ("import builtins\nbuiltins.len = None", "imports builtins"),
    ("exec('x = 1')", "calls exec()"),
    ("import os\nos._exit(0)", "os._exit"),
    ("import subprocess", "imports subprocess"),
    ("from multiprocessing import Pool", "multiprocessing"),
    ("import threading", "threads"),
    ("import ctypes", "native code"),
    ("import signal", "signals"),
    ("!ls", "%ls"),
    ("import sqlite3", "databases"),
    ("open('grading/gradebook.db', 'wb')", "names the gradebook"),
])
def test_tampering_is_refused_with_its_line(code, words):
    found = [f for f in findings(code) if f.severity == "refuse"]
    assert any(words in str(f) for f in found), found
    at = next(i for i, c in enumerate(release().cells)
              if c.metadata.get("nbgrader", {}).get("grade_id") == "comments_per_doc")
    assert all(str(f).startswith(f"cell {at}, line ") for f in found), found


@pytest.mark.parametrize("code", [
    "%matplotlib inline", "pd.options.display.max_rows = 20", "plt.rcParams['figure.dpi'] = 80",
    "import re, math, statistics, collections", "comments = comments.dropna()", "x = ml.load_documents()",
])
def test_ordinary_student_code_passes(code):
    assert [f for f in findings(code) if f.severity == "refuse"] == []


@pytest.mark.parametrize("code", [
    "places = ml.load_annotations('places')",
    "import pandas\nkey = pandas.read_json('../../datasets/annotations/places.jsonl', lines=True)",
    "key = open(str(ml._paths.data_dir()) + '/x').read()",
    "from medialit.annotations import load_annotations as key",
])
def test_reading_the_answer_key_is_flagged_for_review_only(code):
    found = findings(code)
    assert found and all(f.severity == "review" for f in found), found
    assert any("answer key" in str(f) for f in found), found


def test_corrupt_and_foreign_notebooks_are_rejected_with_a_reason(tmp_path):
    bad = tmp_path / "01-corpus.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(precheck.Rejected, match=r"not valid JSON \(line 1"):
        precheck.read_notebook(bad)
    other = copy.deepcopy(release())
    for cell in other.cells:
        if "nbgrader" in cell.metadata:
            cell.metadata.nbgrader["grade_id"] = "x_" + cell.metadata.nbgrader["grade_id"]
    with pytest.raises(precheck.Rejected, match="not lesson 01-corpus's notebook"):
        precheck.check_lesson(other, LESSON, {LESSON: precheck.grade_ids(release())})
    with pytest.raises(precheck.Rejected, match="lesson 02-x's notebook"):
        precheck.check_lesson(other, LESSON, {LESSON: precheck.grade_ids(release()),
                                              "02-x": precheck.grade_ids(other)})


# -- LMS names ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("01-corpus.ipynb", "01-corpus.ipynb"), ("01-corpus-1.ipynb", "01-corpus.ipynb"),
    ("01-corpus (2).ipynb", "01-corpus.ipynb"), ("answers-01-corpus-1.json", "answers-01-corpus.json"),
    ("Untitled.ipynb", "Untitled.ipynb"), ("answers-02-sourcing.json", None),
])
def test_lms_file_names_become_canonical(name, expected):
    assert intake.canonical(name, LESSON)[0] == expected


def test_roster_maps_canvas_and_moodle_names(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name,lms_id,email\nada,Ada Lovelace,1001,ada@example.org\n"
                      "bo,Bo Zhang,,bo.z@example.org\n", encoding="utf-8")
    r = intake.Roster(str(roster))
    assert r.find("lovelaceada", "1001") == "ada"      # Canvas: by LMS id
    assert r.find("zhangbo", "77") == "bo"             # Canvas: lastfirst
    assert r.find("Bo Zhang", "78") == "bo"            # Moodle: full name
    assert r.find("Someone Else", "9") is None
    assert intake.Roster(None).find("Ada Lovelace", "1") == "ada-lovelace"


def test_template_gradebook_holds_only_the_lesson_and_needs_no_alembic(tmp_path, monkeypatch):
    """The worker's template gradebook is built without nbgrader's `alembic heads` subprocess (3 s per run): with
    alembic off PATH it still gets the course gradebook's schema version, the lesson's cells, and nothing else."""
    from medialit_grader import autograde
    from medialit_grader.course import Course, release as release_lesson
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    course = Course(course_copy(tmp_path))
    release_lesson(course, LESSON, release_dir=tmp_path / "scratch")
    with course.gradebook() as gb:
        gb.update_or_create_student("someone")
        version = gb.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    monkeypatch.setenv("PATH", "/nonexistent")
    template = tmp_path / "template.db"
    autograde.make_template(course, LESSON, template)
    with Gradebook(f"sqlite:///{template}") as t, course.gradebook() as main:
        assert t.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == version
        assert [a.name for a in t.assignments] == [LESSON] and t.students == []
        ours, theirs = t.find_assignment(LESSON).notebooks, main.find_assignment(LESSON).notebooks
        assert [(c.name, c.max_score) for nb in ours for c in nb.grade_cells] == \
               [(c.name, c.max_score) for nb in theirs for c in nb.grade_cells]
        assert {c.name: c.checksum for nb in ours for c in nb.source_cells} == \
               {c.name: c.checksum for nb in theirs for c in nb.source_cells}


def test_import_takes_regular_files_only_and_sets_the_time_itself(tmp_path, capsys):
    """Links (to a classmate's work, to the solutions) are never followed, and a student's own timestamp.txt is not
    placed: the submission time is the import's (or the LMS export's own time of the files)."""
    import os
    import zipfile

    from medialit_grader.course import Course
    from nbgrader.utils import parse_utc

    course = course_copy(tmp_path / "c")
    drop = tmp_path / "drop"
    (drop / "ann" / LESSON).mkdir(parents=True)
    nbformat.write(release(), drop / "ann" / LESSON / f"{LESSON}.ipynb")
    (drop / "ann" / LESSON / "timestamp.txt").write_text("2000-01-01 00:00:00", encoding="utf-8")
    (drop / "bob" / LESSON).mkdir(parents=True)
    os.symlink(drop / "ann" / LESSON / f"{LESSON}.ipynb", drop / "bob" / LESSON / f"{LESSON}.ipynb")
    placed, problems = intake.import_submissions(Course(course), LESSON, str(drop))
    assert placed == 1 and any("bob" in p and "symbolic link" in p for p in problems), problems
    assert any("timestamp.txt" in p and "ignored" in p for p in problems), problems
    stamp = (course / "grading" / "submitted" / "ann" / LESSON / "timestamp.txt").read_text(encoding="utf-8")
    assert parse_utc(stamp).year >= 2026
    # a zip entry that is a symbolic link is left out too, and the export's own time of the files is kept
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as z:
        info = zipfile.ZipInfo("cyd_1003_5003_01-corpus.ipynb", date_time=(2026, 11, 2, 10, 30, 0))
        z.writestr(info, nbformat.writes(release()))
        link = zipfile.ZipInfo("dee_1004_5004_01-corpus.ipynb", date_time=(2026, 11, 2, 10, 30, 0))
        link.external_attr = (0o120777 << 16)
        z.writestr(link, "../../solutions/01-corpus/01-corpus.ipynb")
    placed, problems = intake.import_submissions(Course(course), LESSON, str(archive))
    assert placed == 1 and any("dee" in p and "symbolic link" in p for p in problems), problems
    stamp = (course / "grading" / "submitted" / "cyd" / LESSON / "timestamp.txt").read_text(encoding="utf-8")
    assert parse_utc(stamp).date().isoformat() in ("2026-11-02", "2026-11-01", "2026-11-03")


def test_a_key_that_cannot_be_computed_stops_the_run_instead_of_scoring_zero(tmp_path):
    """Keys come from the teacher's copy of the data: if one is missing, nobody gets a silent 0."""
    course = course_copy(tmp_path / "c")
    kit.submit(course, "ada", LESSON, solution())
    data = tmp_path / "datasets"
    shutil.copytree(kit.ROOT / "datasets", data, ignore=shutil.ignore_patterns("annotations"))
    env = {**kit.env(), "MEDIALIT_DATA": str(data)}
    result = subprocess.run([sys.executable, "-m", "medialit_grader", "--course", str(course), "autograde", LESSON],
                            cwd=kit.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the key of exercise 1.6" in result.stderr and "places" in result.stderr, result.stderr
    assert not (course / "grading" / "exports" / f"autograde-{LESSON}.csv").exists()
