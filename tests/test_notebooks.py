"""Every lesson notebook: committed clean, shaped like a lesson, and its solution runs top to bottom."""

import re
import shutil

import nbformat
import pytest

import kit

SOLUTIONS = [kit.ROOT / "solutions" / n / f"{n}.ipynb" for n in kit.LESSONS]
RELEASES = [kit.ROOT / "lessons" / n / f"{n}.ipynb" for n in kit.LESSONS]


@pytest.mark.parametrize("path", SOLUTIONS + RELEASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [c.id for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path} has outputs in cells {dirty}: clear them before committing"


@pytest.mark.parametrize("lesson", kit.LESSONS)
def test_lesson_has_the_parts_of_a_lesson(lesson):
    nb = nbformat.read(kit.ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"^# \d\d · ", nb.cells[0].source, re.M), "title '# NN · …' first"
    assert "objectives" in nb.cells[0].source.lower(), "objectives first"
    assert "Content note" in text
    assert "## Key points" in text
    assert "minutes" in nb.cells[0].source
    grades = kit.grade_cells(nb)
    tests = [g for g in grades if g["cell_type"] == "code"]
    manual = [g for g in grades if g.get("solution")]
    assert len(tests) >= 6 and sum(g["points"] for g in tests) >= 10
    assert manual, "at least one manually graded answer"
    for g in manual:
        assert "rubric" in next(c.source for c in nb.cells
                                if c.metadata.get("nbgrader", {}).get("grade_id") == g["grade_id"]).lower()


@pytest.mark.parametrize("lesson", kit.LESSONS)
def test_every_exercise_has_a_hint_a_visible_check_and_a_declaration_but_no_key_in_the_notebook(lesson):
    nb = nbformat.read(kit.ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    cells = nb.cells
    for i, cell in enumerate(cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution"):
            prompt = next(c for c in reversed(cells[:i]) if c.cell_type == "markdown")
            assert "Hint" in prompt.source, f"{meta['grade_id']}: the exercise text needs a folded hint"
        if cell.cell_type == "code" and meta.get("grade"):
            assert cell.source.lstrip().startswith("lab.check("), f"{meta['grade_id']}: visible check first"
            assert "HIDDEN TESTS" not in cell.source and "assert" not in cell.source, \
                f"{meta['grade_id']}: a test cell holds only visible checks; keys and rules live in medialit_grader"
    from medialit_grader.exercises import check_notebook

    assert check_notebook(lesson, nb) == []


@pytest.mark.parametrize("lesson", kit.LESSONS)
def test_student_version_holds_no_solution_or_hidden_test(lesson):
    text = (kit.ROOT / "lessons" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "Rubric"):
        assert marker not in text


@pytest.mark.parametrize("lesson", kit.LESSONS)
def test_solution_runs_top_to_bottom_without_answer_file(lesson, tmp_path):
    folder = tmp_path / lesson
    shutil.copytree(kit.ROOT / "solutions" / lesson, folder,
                    ignore=shutil.ignore_patterns("answers-*.json", ".ipynb_checkpoints"))
    nb = kit.execute(folder / f"{lesson}.ipynb")
    assert not kit.problems(nb), kit.problems(nb)
    # every visible check passed, shown as such
    shown = [o for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
             for o in c.outputs]
    assert shown and all("visible checks passed" in o.data.get("text/plain", "") for o in shown)


@pytest.mark.parametrize("lesson", kit.LESSONS)
def test_student_version_runs_all_without_crashing(lesson, tmp_path):
    """Run All on an untouched student notebook reaches the end: stubs are `...`, checks only report."""
    folder = tmp_path / lesson
    shutil.copytree(kit.ROOT / "lessons" / lesson, folder)
    nb = kit.execute(folder / f"{lesson}.ipynb")
    assert not kit.problems(nb), kit.problems(nb)
    reported = " ".join(o.data.get("text/plain", "") for c in nb.cells for o in c.get("outputs", [])
                        if o.output_type == "display_data")
    assert "visible checks failed" in reported or "no answer yet" in reported or "still empty" in reported
