"""Every lesson notebook: committed clean, shaped like a lesson, and its solution runs top to bottom."""

import html
import re
import shutil

import nbformat
import pytest

import kit

SOLUTIONS = [kit.ROOT / "solutions" / n / f"{n}.ipynb" for n in kit.LESSONS]
RELEASES = [kit.ROOT / "lessons" / n / f"{n}.ipynb" for n in kit.ASSIGNMENTS]


@pytest.mark.parametrize("path", SOLUTIONS + RELEASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [c.id for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path} has outputs in cells {dirty}: clear them before committing"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_every_cell_of_a_source_has_its_own_id(path):
    """Without ids, each `make lessons` would invent new ones and every cell of the lesson would change in git."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = [n for n, cell in enumerate(cells, start=1) if not cell.get("id")]
    assert not missing, f"{path}: cells {missing} have no id (nbformat.validator.normalize gives them one)"
    ids = [cell["id"] for cell in cells]
    assert len(set(ids)) == len(ids), f"{path}: two cells share an id"


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_lesson_has_the_parts_of_a_lesson(lesson):
    nb = kit.solution(lesson)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"^# \d\d · ", nb.cells[0].source, re.M), "title '# NN · …' first"
    assert "objectives" in nb.cells[0].source.lower(), "objectives first"
    assert "Content note" in text
    assert "## Key points" in text
    assert "minutes" in nb.cells[0].source
    grades = kit.grade_cells(nb)
    tests = [g for g in grades if g["cell_type"] == "code"]
    manual = [g for g in grades if g.get("solution")]
    if lesson in kit.ASSESSMENTS:  # a short test in four parts, graded for completion, nothing written
        assert len(tests) == 4 and sum(g["points"] for g in tests) == 10 and not manual
        return
    assert len(tests) >= 6 and sum(g["points"] for g in tests) >= 10
    assert manual, "at least one manually graded answer"
    for g in manual:
        assert "rubric" in next(c.source for c in nb.cells
                                if c.metadata.get("nbgrader", {}).get("grade_id") == g["grade_id"]).lower()


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_every_exercise_has_a_hint_a_visible_check_and_a_declaration_but_no_key_in_the_notebook(lesson):
    nb = kit.solution(lesson)
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


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_the_core_fits_the_hour_and_the_lesson_says_how_long_it_takes(lesson):
    from medialit_grader import timing

    estimate = timing.estimate(lesson)
    if lesson.endswith("-core"):  # the no-code track: about 45-50 minutes
        low, high = timing.CORE_TRACK
        assert low <= estimate.core <= high, f"{estimate}: the core track's core part takes {low}-{high} minutes"
    if lesson in kit.ASSESSMENTS:  # the pre- and post-test: a short test, not a lesson
        low, high = timing.ASSESSMENT
        assert low <= estimate.core <= high, f"{estimate}: the test takes {low}-{high} minutes"
    if lesson == kit.CAPSTONE:  # a double period, or a lesson and homework
        low, high = timing.CAPSTONE
        assert low <= estimate.core <= high, f"{estimate}: the capstone takes {low}-{high} minutes"
    else:
        assert estimate.core <= timing.HOUR, f"{estimate}: move what does not fit into '## Going further'"
    assert estimate.stated is not None and abs(estimate.stated - estimate.core) <= 5, \
        f"{estimate}: the first cell must say 'About N minutes' with the estimate"
    assert timing.misplaced(lesson) == [], "declare further=True exactly for the exercises in 'Going further'"


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_student_version_holds_no_solution_or_hidden_test(lesson):
    text = (kit.ROOT / "lessons" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "Rubric"):
        assert marker not in text


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_solution_runs_top_to_bottom_without_answer_file(lesson, tmp_path):
    folder = tmp_path / lesson
    shutil.copytree(kit.solution_folder(lesson), folder,
                    ignore=shutil.ignore_patterns("answers-*.json", ".ipynb_checkpoints"))
    nbformat.write(kit.solution(lesson), folder / f"{lesson}.ipynb")  # this track's cells of the one source
    nb = kit.execute(folder / f"{lesson}.ipynb", figures=True)
    assert not kit.problems(nb), kit.problems(nb)
    assert not figure_problems(nb), figure_problems(nb)
    # every visible check passed, shown as such
    shown = [o for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
             for o in c.outputs]
    assert shown and all("visible checks passed" in o.data.get("text/plain", "") for o in shown)
    assert not comment_text_shown(nb), comment_text_shown(nb)


def figure_problems(nb) -> list[str]:
    """Figures shown without the kit's text alternative, or with faults its audit found (contrast, colour alone);
    and a cell with plt.show() that showed no figure (so that a broken display cannot pass unseen)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        figures = 0
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if any(m.startswith("image/") for m in data):
                found.append(f"{cell.id}: a figure shown as {sorted(data)} (an image without alt text)")
            if "medialit-figure" not in data.get("text/html", ""):
                continue
            figures += 1
            meta = kit.figure_metadata(out) or {}
            alt = meta.get("alt", "")
            if len(alt) < 40 or "without a title" in alt or f"alt='{html.escape(alt, quote=True)}'" not in data["text/html"]:
                found.append(f"{cell.id}: alt text {alt!r}")
            found += [f"{cell.id}: {problem}" for problem in meta.get("problems", [])]
        if "plt.show()" in cell.source and not figures and "annotations_available" not in cell.source \
                and "isinstance" not in cell.source:
            found.append(f"{cell.id}: calls plt.show() but showed no figure")
    return found


WINDOW = 32  # characters of a comment (spaces squeezed) that count as showing it


def comment_text_shown(nb) -> list[str]:
    """Comments whose text a cell prints or displays outside a folded widget (ml.folded, collapsed widgets):
    streams, plain text, HTML, Markdown, LaTeX and error tracebacks — everything but a widget's own view."""
    import medialit as ml

    def squeeze(text):
        return re.sub(r"\s+", " ", text)

    shown = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts = [out.get("text", "")] + ["".join(out.get("traceback", []))]
            parts += [v if isinstance(v, str) else "" for k, v in out.get("data", {}).items()
                      if not k.startswith("application/vnd.jupyter.widget")]
            shown.append(squeeze(" ".join(parts)))
    printed = " ".join(shown)
    found = []
    for row in ml.load_comments().itertuples():
        text = squeeze(row.text)
        windows = [text[i:i + WINDOW] for i in range(0, max(1, len(text) - WINDOW + 1), WINDOW // 2)]
        if any(len(w) >= min(WINDOW, len(text)) and w in printed for w in windows if len(w.strip()) > 12):
            found.append(row.id)
    return found


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_student_version_runs_all_without_crashing(lesson, tmp_path):
    """Run All on an untouched student notebook reaches the end: stubs are `...`, checks only report."""
    folder = tmp_path / lesson
    shutil.copytree(kit.ROOT / "lessons" / lesson, folder)
    nb = kit.execute(folder / f"{lesson}.ipynb")
    assert not kit.problems(nb), kit.problems(nb)
    reported = " ".join(o.data.get("text/plain", "") for c in nb.cells for o in c.get("outputs", [])
                        if o.output_type == "display_data")
    assert "visible checks failed" in reported or "no answer yet" in reported or "still empty" in reported


@pytest.mark.parametrize("lesson", kit.CORE)
def test_the_core_track_asks_for_no_code(lesson):
    """No cell of the core track's student version asks the student to write or edit code: its answer cells make
    widgets (the solution's part, which sets the widget's answer, is cut from the student version)."""
    from medialit_grader.exercises import asks_for_code

    nb = kit.solution(lesson)
    assert [c.id for c in nb.cells if asks_for_code(c)] == []
    released = (kit.ROOT / "lessons" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8")
    for stub in ("YOUR CODE HERE", "NotImplementedError", "= ...  #"):
        assert stub not in released, f"lessons/{lesson} asks for code: {stub!r}"


@pytest.mark.parametrize("lesson", kit.TWO_TRACKS)
def test_both_tracks_share_objectives_content_note_and_key_points(lesson):
    """One source, two tracks: the cells that carry the lesson's frame are in both (not copied per track)."""
    from medialit_grader.tracks import cell_track

    nb = nbformat.read(kit.ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    shared = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown" and cell_track(c) is None)
    assert "Content note" in shared and "## Key points" in shared
    data, core = kit.solution(lesson), kit.solution(f"{lesson}-core")
    for nb_ in (data, core):
        assert "objectives" in nb_.cells[0].source.lower()
    assert [c for c in nb.cells if cell_track(c) == "core"], f"{lesson}: no cell of its own in the core track"
