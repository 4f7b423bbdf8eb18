"""The pre- and post-test as a teacher runs them (issue #21), in a temporary copy of the course: released with the
forms swapped (FORM=B first), a class hands in answer files (one of them unreadable, one a symbolic link), the kit's
grader gives completion points, and the responses read back from the gradebook (SQLite, then PostgreSQL) are
exactly what the students answered; `make assessment` runs the analysis notebook on them."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

import kit
from medialit.assessment import PARTS, assessment_items
from medialit_grader import assessment as a
from medialit_grader.course import Course
from test_grading_kit import tools

pytestmark = pytest.mark.xdist_group("gradebook-postgres")  # the session's PostgreSQL server lives on one worker
TESTS = {"00-pretest": ("pre", "B"), "99-posttest": ("post", "A")}  # the forms swapped: B first


def answer_file(responses, test: str, form: str) -> dict:
    """A student's responses to one test as the judgement widgets save them: {"<n>.<part>": {item: {...}}}."""
    number = int(test[:2])
    mine = {r.item: r for r in responses}
    out = {}
    for part in range(1, PARTS + 1):
        value = {item: {"verdict": {True: "flag", False: "pass"}[mine[item].flagged],
                        "confidence": mine[item].confidence}
                 for item in assessment_items(form, part) if item in mine}
        if value:
            out[f"{number}.{part}"] = value
    return out


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = kit.make_course(tmp_path_factory.mktemp("assess"), list(TESTS))
    for test, (_, form) in TESTS.items():
        tools(root, "release", test, "--form", form)
    items = a.load_items()
    simulated = a.simulate_class(items, students=6, d=1.0, change_d=1.0, first_form="B", seed=11)
    # one student leaves part 4 of the post-test out
    simulated = [r for r in simulated if not (r.student == "student006" and r.test == "post"
                                              and r.item in assessment_items("A", 4))]
    handed = []
    for test, (when, form) in TESTS.items():
        release = nbformat.read(root / "lessons" / test / f"{test}.ipynb", as_version=4)
        for n in range(1, 7):
            student = f"student{n:03d}"
            mine = [r for r in simulated if r.student == student and r.test == when]
            kit.submit(root, student, test, release, answer_file(mine, test, form))
            handed += mine
        kit.submit(root, "broken", test, release)
        (root / "grading" / "submitted" / "broken" / test / f"answers-{test}.json").write_text("{not json",
                                                                                             encoding="utf-8")
        kit.submit(root, "linker", test, release)
        os.symlink("/etc/hostname", root / "grading" / "submitted" / "linker" / test / f"answers-{test}.json")
        tools(root, "autograde", test)
    return root, handed


def test_the_teachers_form_is_released_and_graded_for_completion(course):
    root, _ = course
    for test, (_, form) in TESTS.items():
        setup = nbformat.read(root / "lessons" / test / f"{test}.ipynb", as_version=4).cells
        assert sum(f'FORM = "{form}"' in c.source for c in setup) == 1
        scores = kit.scores(root, test)
        full = [s for s, got in scores.items() if got["__auto__"] == got["__max_auto__"] == 10]
        assert sorted(full) == [f"student{n:03d}" for n in range(1, 7) if not (n == 6 and test == "99-posttest")]
        assert scores["broken"]["__auto__"] == scores["linker"]["__auto__"] == 0
    assert kit.scores(root, "99-posttest")["student006"]["__auto__"] == 7.5  # three parts of four


def test_a_form_that_does_not_exist_is_refused_with_a_clear_message(course):
    root, _ = course
    result = tools(root, "release", "00-pretest", "--form", "C", check=False)
    assert result.returncode == 2 and "FORM=C: the forms of 00-pretest are A and B" in result.stderr


def test_responses_read_back_from_the_gradebook_are_what_the_students_answered(course):
    root, handed = course
    responses, problems = a.responses_from_course(Course(root), a.load_items())
    assert sorted(responses, key=repr) == sorted(handed, key=repr)
    assert {r.form for r in responses if r.test == "pre"} == {"B"}
    for test in TESTS:
        assert any(p.startswith(f"grading/submitted/broken/{test}/answers-{test}.json: answer file left out")
                   and "broken's" in p for p in problems), problems
        assert any(p.startswith(f"grading/submitted/linker/{test}/answers-{test}.json") for p in problems), problems


def test_make_assessment_reports_on_the_class(course):
    root, _ = course
    result = tools(root, "assessment")
    assert "left out: grading/submitted/broken/00-pretest/answers-00-pretest.json" in result.stdout
    exported = (root / "grading" / "exports" / "assessment-responses.csv").read_text(encoding="utf-8")
    assert exported.count("\n") == 1 + 6 * 20 * 2 - 5
    nb = nbformat.read(root / "grading" / "exports" / "assessment-analysis.ipynb", as_version=4)
    said = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "6 students took both tests" in said and "student00" not in said  # pseudonyms by default
    assert "SIMULATED" not in said
    figures = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if "medialit" in o.get("metadata", {}).get("text/html", {})]
    assert len(figures) == 2 and all(f["metadata"]["text/html"]["medialit"]["problems"] == [] for f in figures)
    assert (root / "grading" / "exports" / "assessment-analysis.html").stat().st_size > 10_000


def test_the_same_class_on_postgresql(course, postgres):
    root, handed = course
    url = postgres("assessment")
    for test, (_, form) in TESTS.items():
        tools(root, "--gradebook", url, "release", test, "--form", form)
        tools(root, "--gradebook", url, "autograde", test, "--force")
    responses, _ = a.responses_from_course(Course(root, url), a.load_items())
    assert sorted(responses, key=repr) == sorted(handed, key=repr)
    assert kit.scores(root, "00-pretest", url.replace("postgresql://", "postgresql+psycopg://", 1))[
        "student001"]["__auto__"] == 10


def test_an_analysis_with_a_bad_file_says_which(tmp_path, course):
    root, _ = course
    result = tools(root, "assessment", "--responses", str(tmp_path / "nowhere.csv"), check=False)
    assert result.returncode == 2 and "nowhere.csv does not exist" in result.stderr
    bad = tmp_path / "mist.csv"
    bad.write_text("student,test,score\n", encoding="utf-8")
    result = tools(root, "assessment", "--simulate", "--mist", str(bad), check=False)
    assert result.returncode == 2 and "needs the columns student, test" in result.stderr
