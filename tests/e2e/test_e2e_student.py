"""As a student, in a real browser, for every lesson in lessons/: open it, Run All, see every figure and every answer
widget, click an answer and find it in the answer file on disk, run a self-check; then nbgrader grades that click.

Screenshots of what the student sees are in test-output/screenshots/<lesson>/student-*.png.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from e2e_lab import (LESSONS, OUTPUT, Cell, Page, browser_tests, figure_problems, read_cells, saved_figures,
                     screenshots_for, student_names, uses_names)

import kit
from test_grading_kit import tools

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # without playwright the `browser` fixture skips these tests
    PlaywrightTimeout = TimeoutError

pytestmark = browser_tests
STUDENT = "e2e-student"
# The widget answered with clicks: the first kind in this order that the lesson has (a single click can be right).
CLICK_ORDER = ["choice", "rating", "checklist", "label_table"]
# What each kind of widget shows a student, by ARIA role.
CONTROL_ROLE = {"choice": "radio", "checklist": "checkbox", "label_table": "button", "span_labeller": "button",
                "rating": "button"}


@dataclass
class StudentRun:
    lesson: str
    folder: Path  # the lesson folder the browser worked in
    cells: list[Cell]
    run_seconds: float = 0.0
    errors: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # shown in the page
    kernel_figures: dict = field(default_factory=dict)  # drawn by the kernel (the saved notebook)
    solution_figures: dict = field(default_factory=dict)  # drawn by the kernel in the teacher's solution run
    widgets: dict = field(default_factory=dict)  # question -> {kind, controls, text}
    broken_widgets: list = field(default_factory=list)
    question: str | None = None  # the question answered by clicks
    expected: object = None
    saved_after_first_click: object = None
    saved_in_file: object = None
    status_line: str = ""
    check_text: str = ""
    hint_question: str | None = None
    hint_text: str = ""
    course: Path | None = None  # the teacher's course that grades the hand-in
    released: Future | None = None  # nbgrader generate_assignment in that course
    keyboard: dict = field(default_factory=dict)  # a radio button, check box or button, by Tab and Space
    table_keyboard: dict = field(default_factory=dict)  # a label table's toggle button, by Tab and Space
    submission: Path | None = None


def _saved(folder: Path, lesson: str) -> dict:
    path = folder / f"answers-{lesson}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"]
    except (FileNotFoundError, json.JSONDecodeError):  # not written yet, or being replaced right now
        return {}


def _wait_for_saved(folder: Path, lesson: str, question: str, want=lambda v: v is not None, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        value = _saved(folder, lesson).get(question, {}).get("value")
        if want(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def _answer(page: Page, widget, kind: str, value, after_first) -> None:
    """Give a widget an answer the way a student does: clicks on radio buttons, check boxes, drop-downs, buttons."""
    if kind == "choice":
        widget.get_by_role("radio", name=value, exact=True).click()
        after_first()
    elif kind == "rating":
        widget.get_by_role("button").filter(has_text=f"{value} – ").first.click()
        after_first()
    elif kind == "checklist":
        for n, option in enumerate(value):
            widget.get_by_role("checkbox", name=option, exact=True).check()
            if n == 0:
                after_first()
    elif kind == "label_table":
        for n, (item, label) in enumerate(value.items()):
            row = widget.locator(f".medialit-item-{re.sub(r'[^A-Za-z0-9_-]', '_', item)}")
            row.locator(".widget-toggle-buttons").get_by_role("button", name=label, exact=True).click()
            if n == 0:
                after_first()
    else:
        raise AssertionError(f"no way to click a {kind} widget")


def _by_keyboard(page: Page, run: StudentRun, question: str, key: str, target_js: str) -> dict:
    """Click the exercise's heading (as a reader would), Tab until a control of the widget that `target_js` accepts
    (`e` is the focused element) has the focus, press a key; report whether the answer file changed."""
    info = run.widgets[question]
    box = page.widget(info["cell"], question)
    before = json.dumps(_saved(run.folder, run.lesson).get(question, {}).get("value"))
    box.get_by_text(f"Exercise {question}").click()
    focused, reached = [], False
    for _ in range(15):
        page.page.keyboard.press("Tab")
        focused.append(page.page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName, e.type || '', "
            "(e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent || '').trim().slice(0, 40)]; }"))
        reached = box.evaluate("(box) => { const e = document.activeElement; "
                               f"return box.contains(e) && ({target_js}); }}")
        if reached:
            break
    if not reached:  # never press a key on whatever else has the focus (a cell's toolbar button, say)
        return {"question": question, "reached": False, "focused": focused}
    page.page.keyboard.press(key)
    after = _wait_for_saved(run.folder, run.lesson, question, want=lambda v: json.dumps(v) != before, timeout=5)
    still_inside = box.evaluate("(box) => box.contains(document.activeElement)")
    page.shot(f"student-widget-{question}-keyboard-{key.lower()}", box)
    return {"question": question, "reached": reached, "focused": focused, "before": before,
            "after": json.dumps(after), "focus_kept": still_inside}


@pytest.fixture(scope="module", params=LESSONS)
def student(request, new_page, server, solution_runs, tmp_path_factory):
    lesson = request.param
    solution = solution_runs(lesson)  # the teacher's run: the answer key and the figures to expect
    folder = server.root / "lessons" / lesson
    run = StudentRun(lesson, folder, read_cells(folder / f"{lesson}.ipynb"), solution_figures=solution.kernel_figures)
    shots = screenshots_for(lesson)
    for old in shots.glob("student-*.png"):
        old.unlink(missing_ok=True)
    # the teacher's course for grading the click, made while the browser works
    run.course = _course(server.root, lesson, tmp_path_factory.mktemp(f"course-{lesson}"))
    with ThreadPoolExecutor(max_workers=1) as pool:
        run.released = pool.submit(kit.nbgrader, run.course, "generate_assignment", lesson, "--force")
        page = new_page(shots)
        try:
            _student_session(page, run, solution, tmp_path_factory)
        finally:
            page.close()
    summary = {"lesson": lesson, "solution_run_all_seconds": round(solution.seconds, 1),
               "student_run_all_seconds": round(run.run_seconds, 1), "figures": run.kernel_figures,
               "widgets": {q: {k: w[k] for k in ("kind", "controls")} for q, w in run.widgets.items()},
               "clicked": run.question, "hint_for": run.hint_question,
               "keyboard": run.keyboard, "table_keyboard": run.table_keyboard,
               "browser_console_errors": page.console_errors[:50]}
    (OUTPUT / "e2e" / f"student-{lesson}.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False),
                                                            encoding="utf-8")
    return run


def _course(kit_copy: Path, lesson: str, tmp: Path) -> Path:
    """A course with one lesson's source and the kit's nbgrader configuration (no gradebook yet)."""
    course = tmp / "course"
    (course / "grading").mkdir(parents=True)
    shutil.copy(kit_copy / "nbgrader_config.py", course)
    shutil.copy(kit_copy / "grading" / "nbgrader_config.py", course / "grading")
    shutil.copytree(kit_copy / "solutions" / lesson, course / "solutions" / lesson,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers-*.json"))
    return course


def _student_session(page: Page, run: StudentRun, solution, tmp_path_factory) -> None:
    lesson, folder = run.lesson, run.folder
    page.open_notebook(f"lessons/{lesson}/{lesson}.ipynb", len(run.cells))
    page.shot("student-01-opened")
    run.run_seconds = page.run_all()
    run.errors, run.figures = page.errors(), page.figures()
    page.save()
    run.kernel_figures = saved_figures(folder / f"{lesson}.ipynb")
    page.shot("student-02-after-run-all")
    for index in run.errors:
        page.shot(f"student-error-cell{index:02d}", page.cell(index))
    for index in sorted(set(run.figures) | set(solution.figures)):
        page.shot(f"student-figure-cell{index:02d}", page.cell(index))

    # every answer widget, as the student sees it before answering
    run.broken_widgets = page.page.locator(".jp-Notebook").get_by_text("Error displaying widget").all_text_contents()
    for cell in run.cells:
        if cell.widget is None:
            continue
        kind, question = cell.widget
        box = page.widget(cell.index, question)
        try:
            box.wait_for(state="visible", timeout=20_000)  # widget views appear just after the kernel's messages
            rendered = True
        except PlaywrightTimeout:
            rendered = False
        run.widgets[question] = {
            "kind": kind, "cell": cell.index, "rendered": rendered,
            "controls": box.get_by_role(CONTROL_ROLE[kind]).count() if rendered else 0,
            "text": box.text_content() if rendered else page.cell(cell.index).text_content(),
        }
        if rendered:
            page.shot(f"student-widget-{question}", box)

    # one widget answered with clicks: the saved file changes at once, and the check cell sees the answer
    answerable = [(CLICK_ORDER.index(w["kind"]), q) for q, w in run.widgets.items()
                  if w["kind"] in CLICK_ORDER and w["rendered"] and q in solution.key]
    if answerable:
        run.question = question = min(answerable)[1]
        info = run.widgets[question]
        run.expected = solution.key[question]["value"]
        box = page.widget(info["cell"], question)

        def after_first():
            run.saved_after_first_click = _wait_for_saved(folder, lesson, question)

        _answer(page, box, info["kind"], run.expected, after_first)
        run.saved_in_file = _wait_for_saved(folder, lesson, question, want=lambda v: v == run.expected)
        box.get_by_text("Answer saved in").wait_for(timeout=10_000)
        run.status_line = box.get_by_text("Answer saved in").text_content()
        page.shot(f"student-widget-{question}-answered", box)
        check = next((c for c in run.cells if c.checks == question and c.nbgrader.get("grade")), None)
        if check is not None:
            run.check_text = page.run_cell(check.index, "visible check")
            page.shot(f"student-check-{question}", page.cell(check.index))

    # the self-check of a question not answered yet gives a hint (a widget question if there is one)
    unanswered = [c for c in run.cells if c.checks and c.checks != run.question and c.nbgrader.get("grade")]
    unanswered.sort(key=lambda c: c.checks not in run.widgets)
    if unanswered:
        check = unanswered[0]
        run.hint_question = check.checks
        run.hint_text = page.run_cell(check.index, "Hint:")
        page.shot(f"student-check-{check.checks}-hint", page.cell(check.index))

    # hand in: save the notebook, copy the lesson folder with its answer file
    page.save()
    run.submission = tmp_path_factory.mktemp(f"submission-{lesson}") / lesson
    shutil.copytree(folder, run.submission, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    # keyboard alone (after the hand-in copy, so grading is not affected): Tab to a control, then a key
    buttons = [q for q, w in run.widgets.items() if w["kind"] in ("choice", "checklist", "rating") and w["rendered"]]
    if buttons:
        unticked_or_button = "(e.type === 'radio' || e.type === 'checkbox') ? !e.checked : e.tagName === 'BUTTON'"
        run.keyboard = _by_keyboard(page, run, buttons[0], "Space", unticked_or_button)
    tables = [q for q, w in run.widgets.items() if w["kind"] == "label_table" and w["rendered"]]
    if tables:  # the first toggle button of a label row, not a "Show the text" button
        run.table_keyboard = _by_keyboard(page, run, tables[0], "Space",
                                          "e.tagName === 'BUTTON' && !!e.closest('.widget-toggle-buttons')")


def test_run_all_reaches_the_end_without_error(student):
    assert not student.errors, f"{student.lesson}: errors or stderr in cells {student.errors}"


def test_every_figure_renders(student):
    """Every figure the kernel drew is shown, and none is blank."""
    problems = figure_problems(student.figures, student.kernel_figures)
    assert not problems, f"{student.lesson}: " + "; ".join(problems)


def test_the_figures_of_the_solution_are_there(student):
    """A cell that draws in the solution draws for the student too, unless it is the student's to write or it
    draws the student's answer (it uses a name an answer cell defines, e.g. a graph of `relay_edges`)."""
    names = student_names(student.cells)
    expected = {i: n for i, n in student.solution_figures.items()
                if not student.cells[i].nbgrader.get("solution") and not uses_names(student.cells[i], names)}
    drawn = student.kernel_figures
    wrong = {i: (n, drawn.get(i, 0)) for i, n in expected.items() if drawn.get(i) != n}
    assert not wrong, f"{student.lesson}: cell: (figures in the solution, in the student's run) {wrong}"


def test_every_answer_widget_renders(student):
    assert not student.broken_widgets, student.broken_widgets
    for question, info in student.widgets.items():
        assert info["rendered"], f"{student.lesson} {question}: no widget, the cell shows {info['text'][:300]!r}"
        assert info["controls"] > 0, f"{student.lesson} {question}: the {info['kind']} widget shows no controls"
        assert "No answer yet" in info["text"], f"{student.lesson} {question}: {info['text'][:300]!r}"


def test_a_click_is_saved_in_the_answer_file_at_once(student):
    if student.question is None:
        pytest.skip(f"{student.lesson} has no answer widget that a click can answer")
    assert student.saved_after_first_click is not None, "the first click wrote nothing to the answer file"
    assert student.saved_in_file == student.expected
    assert student.status_line.startswith("✓ Answer saved in answers-"), student.status_line
    assert "visible checks passed" in student.check_text, student.check_text


def test_the_self_check_gives_a_hint(student):
    if student.hint_question is None:
        pytest.skip(f"{student.lesson} has no self-check cell")
    assert f"Exercise {student.hint_question}" in student.hint_text and "Hint:" in student.hint_text, \
        student.hint_text


def test_keyboard_alone_answers_with_tab_and_space(student):
    done = student.keyboard
    if not done:
        pytest.skip(f"{student.lesson} has no radio buttons, check boxes or rating buttons")
    assert done["reached"], f"{done['question']}: Tab never reached a control; focus went {done['focused']}"
    assert done["after"] != done["before"], f"{done['question']}: Space on a focused control saved nothing"


def test_keyboard_alone_answers_a_label_table(student):
    """Label tables are rows of toggle buttons (no drop-downs, whose keys JupyterLab takes as shortcuts)."""
    done = student.table_keyboard
    if not done:
        pytest.skip(f"{student.lesson} has no label table")
    assert done["reached"], f"{done['question']}: Tab never reached a label button; focus went {done['focused']}"
    assert done["after"] != done["before"] and done["focus_kept"], (
        f"{done['question']}: Space on a focused label button saved nothing (focus kept: {done['focus_kept']})")


def test_nbgrader_grades_the_click(student):
    """The student's folder as handed in (notebook saved from the browser, answer file) in
    grading/submitted/<student>/<lesson>/; the kit's grader (make autograde) gives the clicked question's test cells
    their points."""
    if student.question is None:
        pytest.skip(f"{student.lesson} has no answer widget that a click can answer")
    lesson, course = student.lesson, student.course
    student.released.result()  # nbgrader generate_assignment, run while the browser worked
    shutil.copytree(student.submission, course / "grading" / "submitted" / STUDENT / lesson)
    tools(course, "autograde", lesson, "--force")
    scores = kit.scores(course, lesson)[STUDENT]
    tests = [c for c in student.cells if c.checks == student.question and c.nbgrader.get("grade")]
    assert tests, f"{lesson}: no test cell runs lab.check({student.question!r})"
    for cell in tests:
        grade_id = cell.nbgrader["grade_id"]
        assert scores[grade_id] == cell.nbgrader["points"], (grade_id, scores)
