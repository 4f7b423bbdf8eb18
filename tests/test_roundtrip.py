"""Every lesson, through the kit's grader in a temporary copy of the course: generate the student version, then
autograde (`python -m medialit_grader autograde`: sandboxed run, trusted scoring) (a) the solution → full
autograded marks, (b) the untouched student notebook → 0 without a crash, (c) a partly correct submission →
strictly in between. Plain `nbgrader autograde` refuses the course and names the kit's command."""

import json
import runpy

import nbformat
import pytest

import kit
from test_grading_kit import tools


def partial(lesson: str) -> dict | None:
    path = kit.ROOT / "tests" / "partials" / f"{lesson}.py"
    return runpy.run_path(str(path))["PARTIAL"] if path.exists() else None


# One xdist group per lesson: the module-scoped course is built once, on one worker.
@pytest.fixture(scope="module", params=[pytest.param(n, marks=pytest.mark.xdist_group(f"roundtrip-{n}"))
                                        for n in kit.LESSONS])
def graded(request, tmp_path_factory):
    lesson = request.param
    course = kit.make_course(tmp_path_factory.mktemp(lesson), [lesson])
    # a solution run leaves widget answers beside the solution: they must neither ship nor overwrite a student's
    source = course / "solutions" / lesson
    (source / f"answers-{lesson}.json").write_text(
        json.dumps({"kit": "medialit", "format": 1, "lesson": lesson, "answers": {}}), encoding="utf-8")
    kit.nbgrader(course, "generate_assignment", lesson, "--force")
    release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    solution = nbformat.read(source / f"{lesson}.ipynb", as_version=4)
    kit.submit(course, "solution", lesson, solution)
    kit.submit(course, "untouched", lesson, release)
    spec = partial(lesson)
    assert spec, f"tests/partials/{lesson}.py is missing: every lesson needs a partly correct submission"
    kit.submit(course, "partial", lesson, kit.fill(release, spec["cells"]), spec.get("answers"))
    result = tools(course, "autograde", lesson, "--force", timeout=900)
    return lesson, course, kit.scores(course, lesson), result


def test_solution_gets_full_autograded_marks(graded):
    lesson, course, scores, _ = graded
    s = scores["solution"]
    assert s["__max_auto__"] >= 10
    assert s["__auto__"] == s["__max_auto__"], {k: v for k, v in s.items()}


def test_untouched_student_notebook_gets_zero_without_crashing(graded):
    lesson, course, scores, result = graded
    assert "untouched" in scores, result.stdout + result.stderr
    assert scores["untouched"]["__auto__"] == 0, scores["untouched"]
    assert (course / "grading" / "autograded" / "untouched" / lesson / f"{lesson}.ipynb").exists()


def test_partly_correct_submission_scores_in_between(graded):
    lesson, course, scores, _ = graded
    s = scores["partial"]
    assert 0 < s["__auto__"] < s["__max_auto__"], s


def test_release_ships_no_answers_and_no_teacher_notes(graded):
    lesson, course, _, _ = graded
    shipped = sorted(p.name for p in (course / "lessons" / lesson).rglob("*") if p.is_file())
    assert not [n for n in shipped if n.startswith("answers-") or n.startswith("teacher-notes")], shipped


def test_source_answer_file_never_overwrites_a_students(graded):
    lesson, course, _, _ = graded
    # the untouched student handed in no answer file: the solution folder's must not appear in their work
    assert not (course / "grading" / "autograded" / "untouched" / lesson / f"answers-{lesson}.json").exists()
    partial = json.loads((course / "grading" / "autograded" / "partial" / lesson / f"answers-{lesson}.json")
                         .read_text(encoding="utf-8"))
    assert partial["answers"], "the student's own answers were replaced"


def test_committed_release_equals_what_nbgrader_generates(graded):
    lesson, course, _, _ = graded
    made = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    committed = nbformat.read(kit.ROOT / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)

    def cells(nb):
        return [(c.cell_type, c.source, json.dumps(c.metadata.get("nbgrader", {}), sort_keys=True)) for c in nb.cells]

    assert cells(made) == cells(committed), f"lessons/{lesson} is stale: run `make lessons`"
    made_files = sorted(p.name for p in (course / "lessons" / lesson).iterdir())
    committed_files = sorted(p.name for p in (kit.ROOT / "lessons" / lesson).iterdir()
                             if not p.name.startswith(("answers-", ".")))
    assert made_files == committed_files


def test_plain_nbgrader_autograde_refuses_and_names_make_autograde(graded):
    lesson, course, _, _ = graded
    result = kit.nbgrader(course, "autograde", lesson, "--force", "--student", "solution", check=False)
    assert result.returncode != 0
    assert f"make autograde LESSON={lesson}" in result.stdout + result.stderr
