"""As a student, in a real browser, for every assignment in lessons/ (each lesson's data track NN-slug and no-code
track NN-slug-core): open it, Run All, see every figure and every answer widget, click an answer and find it in the
answer file on disk, run a self-check; answer every question of the no-code track's five widget kinds (mark_words,
relay_graph, intervals, map_point, ranking) with the mouse, entering the teacher's key; then nbgrader grades the
clicks: each clicked question's test cells get their full points.

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

import a11y
import pytest
from e2e_lab import (LESSONS, NEW_KINDS, OUTPUT, Cell, Page, PlaywrightTimeout, answer_file, browser_tests, by_id,
                     figure_problems, kit_figure_problems, read_cells, saved_figure_outputs, screenshots_for,
                     student_names, uses_names)

import kit
from test_grading_kit import tools


pytestmark = browser_tests
STUDENT = "e2e-student"
# The widget answered with clicks: the first kind in this order that the lesson has (a single click can be right).
CLICK_ORDER = ["choice", "rating", "checklist", "label_table", "judge"]
# What each kind of widget shows a student, by ARIA role.
CONTROL_ROLE = {"choice": "radio", "checklist": "checkbox", "label_table": "button", "span_labeller": "button",
                "rating": "button", "judge": "button",
                # the no-code track's: word buttons; actor buttons; number boxes; latitude/longitude boxes; Move up/down
                "mark_words": "button", "relay_graph": "button", "intervals": "textbox", "map_point": "spinbutton",
                "ranking": "button", "mark_shadow": "spinbutton",
                # 07's browser of the offline web: claim, search, verdict and confidence buttons
                "investigate": "button"}


@dataclass
class StudentRun:
    lesson: str
    folder: Path  # the lesson folder the browser worked in
    cells: list[Cell]
    run_seconds: float = 0.0
    errors: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # shown in the page
    kernel_figures: dict = field(default_factory=dict)  # drawn by the kernel (the saved notebook)
    figure_outputs: dict = field(default_factory=dict)  # the kit's metadata of each of them (alt text, problems)
    # axe-core over the outputs and rendered text after Run All, and the images' text alternatives (a11y.py)
    audit: a11y.Audit = field(default_factory=a11y.Audit)
    solution_figures: dict = field(default_factory=dict)  # drawn by the kernel in the teacher's solution run
    widgets: dict = field(default_factory=dict)  # question -> {kind, controls, text}
    broken_widgets: list = field(default_factory=list)
    question: str | None = None  # the question of an old kind (CLICK_ORDER) answered by clicks
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
    # every question of a new kind (NEW_KINDS), answered with the mouse: question -> {kind, expected (the teacher's
    # key), first (saved right after the first action), saved (at the end), seconds, problem (an exception)}
    new_answers: dict = field(default_factory=dict)

    @property
    def clicked(self) -> list[str]:
        """Every question answered by the mouse, whose test cells must get their points."""
        return ([self.question] if self.question else []) + list(self.new_answers)


def _saved(folder: Path, lesson: str) -> dict:
    path = folder / answer_file(lesson)
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
    elif kind == "judge":  # the pre/post test: a verdict, then how sure, for every item
        from medialit.widgets import JudgementTable

        verdicts = {value: label for label, value in JudgementTable.VERDICTS}
        for n, (item, entry) in enumerate(value.items()):
            row = widget.locator(f".medialit-item-{re.sub(r'[^A-Za-z0-9_-]', '_', item)}")
            row.get_by_role("button", name=verdicts[entry["verdict"]], exact=True).click()
            sure = entry["confidence"]
            row.get_by_role("button", name=f"{sure} – {JudgementTable.CONFIDENCE[sure - 1]}", exact=True).click()
            if n == 0:
                after_first()
    else:
        raise AssertionError(f"no way to click a {kind} widget")


# -- the no-code track's five widgets, with the mouse -----------------------------------------------------------------
def _css(item: str) -> str:
    from medialit.widgets import _css_name

    return _css_name(item)


def _row(box, description: str):
    """The toggle-button row of a widget whose description is `description` ("Text:", "Label:", "To whom:")."""
    return box.locator(".widget-toggle-buttons").filter(has_text=re.compile(rf"^\s*{re.escape(description)}")).first


def _mark_words(page: Page, box, run: StudentRun, question: str, key: list, first) -> None:
    """Press the words each of the key's spans touches: choose the text ("Text:") and unfold it ("Show the text of
    …") when needed, choose the span's label, then press its words, found by their title "<word> — word n of N".
    Which words a span touches comes from the widget's own word offsets, read from the kernel (never the answer)."""
    marker = page.server.kernel_eval(
        f"lessons/{run.lesson}/{run.lesson}.ipynb",
        f"(lambda w: {{'texts': w.texts, 'units': w.units, 'collapsed': w.collapsed, 'labelled': w.labelled}})"
        f"(lab.widgets[{question!r}])")
    texts, units = marker["texts"], marker["units"]
    order = list(texts)
    spans = sorted(key, key=lambda s: (order.index(s["item"]), s["start"], s["end"]))
    pressed, shown = set(), None
    for span in spans:
        item = span["item"]
        words = box.locator(f".medialit-words-{_css(item)}")
        if item != shown:
            if len(texts) > 1:
                _row(box, "Text:").get_by_role("button", name=item, exact=True).click()
            if marker["collapsed"]:
                # (not exact: the eye icon's glyph is part of the button's accessible name)
                box.get_by_role("button", name=re.compile(rf"Show the text of {re.escape(item)}$")).click()
            words.wait_for(state="visible")
            shown = item
        if marker["labelled"]:
            _row(box, "Label:").get_by_role("button", name=span["label"], exact=True).click()
        for n, (start, end) in enumerate(units[item]):
            if start < span["end"] and span["start"] < end and (item, n) not in pressed:
                title = f"{texts[item][start:end]} — word {n + 1} of {len(units[item])}"
                marked = words.get_by_title(re.compile(rf"^{re.escape(title)}, marked "))
                for attempt in range(2):  # under load in CI a click was once lost (a span came back split in two)
                    if not marked.count():
                        words.get_by_title(title, exact=True).click()
                    try:
                        marked.wait_for(state="attached", timeout=15_000)
                        break
                    except PlaywrightTimeout:
                        if attempt:
                            raise AssertionError(f"{question}: pressing {title!r} never marked it") from None
                pressed.add((item, n))
                first()


def _covers(saved, key) -> bool:
    """A word marker's saved spans (whole words) hold every span of the key, with its label, and no other words."""
    saved = saved or []
    covered = all(any(s["item"] == k["item"] and s["label"] == k["label"] and s["start"] <= k["start"]
                      and k["end"] <= s["end"] for s in saved) for k in key)
    extra = [s for s in saved if not any(s["item"] == k["item"] and s["start"] < k["end"] and k["start"] < s["end"]
                                         for k in key)]
    return covered and not extra


def _relay_graph(page: Page, box, run: StudentRun, question: str, key: list, first) -> None:
    """For each link: who passes it on, to whom (and what), then "Add link"."""
    for link in key:
        _row(box, "Who passes it on:").get_by_role("button", name=link[0], exact=True).click()
        _row(box, "To whom:").get_by_role("button", name=link[1], exact=True).click()
        if len(link) > 2:
            _row(box, "What:").get_by_role("button", name=link[2], exact=True).click()
        box.get_by_role("button", name="Add link").click()
        _wait_for_saved(run.folder, run.lesson, question, want=lambda v: v is not None and list(link) in v)
        first()


def _intervals(page: Page, box, run: StudentRun, question: str, key: dict, first) -> None:
    """For each row of the key: type the lowest, then the highest or tick "no upper limit"."""
    for item, (low, high) in key.items():
        row = box.locator(f".medialit-item-{_css(item)}")
        boxes = row.get_by_role("textbox")
        boxes.nth(0).click()
        page.page.keyboard.type(str(low))
        if high is None:
            row.get_by_role("checkbox").check()
        else:
            boxes.nth(1).click()
            page.page.keyboard.type(str(high))
        _wait_for_saved(run.folder, run.lesson, question, want=lambda v: (v or {}).get(item) == [low, high])
        first()  # the first row answered (a lowest alone is not saved: it says to fill in the highest too)


def _map_point(page: Page, box, run: StudentRun, question: str, key: list, first) -> None:
    """Type the latitude, then the longitude, in their boxes (Tab leaves a box: its value is sent)."""
    lat, lon = key
    spin = box.get_by_role("spinbutton")
    for n, number in enumerate((lat, lon)):
        spin.nth(n).click()
        page.page.keyboard.press("Control+a")
        page.page.keyboard.type(repr(number))
        page.page.keyboard.press("Tab")
        _wait_for_saved(run.folder, run.lesson, question, want=lambda v: v is not None and v[n] == number)
        first()


def _rank_order(box) -> list[str]:
    """The items in the order shown: each row reads "1. <item>: <text>" (or "1. <item>")."""
    rows = box.locator("[class*='medialit-rank-'] .widget-html").all_text_contents()
    return [re.sub(r"^\s*\d+\.\s*", "", row).split(":")[0].strip() for row in rows]


def _ranking(page: Page, box, run: StudentRun, question: str, key: list, first) -> None:
    """Move up, row by row, until the order is the key's; "Keep this order" if it already is."""
    order = _rank_order(box)
    assert sorted(order) == sorted(key), (order, key)
    if order == list(key):
        box.get_by_role("button", name="Keep this order").click()
        _wait_for_saved(run.folder, run.lesson, question)
        first()
        return
    for place, item in enumerate(key):
        at = order.index(item)
        while at > place:
            box.locator(f".medialit-rank-{at + 1}").get_by_role("button", name="Move up").click()
            order[at - 1], order[at] = order[at], order[at - 1]
            at -= 1
            _wait_for_saved(run.folder, run.lesson, question, want=lambda v, want=list(order): v == want)
            first()


def _mark_shadow(page: Page, box, run: StudentRun, question: str, key: dict, first) -> None:
    """For each point: choose it in the Place row, then type x and y in their boxes (Tab sends each value)."""
    from medialit.widgets import SHADOW_POINTS

    spin = box.get_by_role("spinbutton")
    for name, (x, y) in key.items():
        box.get_by_role("button", name=SHADOW_POINTS[name], exact=True).click()
        for n, number in enumerate((x, y)):
            spin.nth(n).click()
            page.page.keyboard.press("Control+a")
            page.page.keyboard.type(str(number))
            page.page.keyboard.press("Tab")
        _wait_for_saved(run.folder, run.lesson, question, want=lambda v, name=name: (v or {}).get(name) == [x, y])
        first()


NEW_ANSWER = {"mark_words": _mark_words, "relay_graph": _relay_graph, "intervals": _intervals,
              "map_point": _map_point, "ranking": _ranking, "mark_shadow": _mark_shadow}


def _matches_key(kind: str, saved, key) -> bool:
    return _covers(saved, key) if kind == "mark_words" else saved == key


def _answer_new_kinds(page: Page, run: StudentRun, solution) -> None:
    """Every rendered question of a new kind, answered with the mouse with the teacher's key."""
    for question, info in run.widgets.items():
        if info["kind"] not in NEW_KINDS or not info["rendered"]:
            continue
        kind, done = info["kind"], {"kind": info["kind"], "first": None, "saved": None, "problem": None}
        run.new_answers[question] = done
        if question not in solution.key:
            done["problem"] = "the teacher's solution run saved no answer (no key)"
            continue
        done["expected"] = expected = solution.key[question]["value"]
        box = page.widget(info["cell"], question)
        box.scroll_into_view_if_needed()
        before = _saved(run.folder, run.lesson).get(question, {}).get("value")

        def first(question=question, before=before, done=done):
            if "first_seen" not in done:  # once: the answer file changed right after the first action
                done["first_seen"] = True
                done["first"] = _wait_for_saved(run.folder, run.lesson, question,
                                                want=lambda v: v is not None and v != before, timeout=20)

        start = time.monotonic()
        try:
            NEW_ANSWER[kind](page, box, run, question, expected, first)
        except Exception as error:  # noqa: BLE001 - reported by the test of this question, not as a fixture error
            done["problem"] = f"{type(error).__name__}: {str(error)[:1500]}"
        done["seconds"] = round(time.monotonic() - start, 1)
        done["saved"] = _wait_for_saved(run.folder, run.lesson, question,
                                        want=lambda v, kind=kind, expected=expected: _matches_key(kind, v, expected),
                                        timeout=60)  # a busy kernel may lag behind many quick clicks
        page.shot(f"student-widget-{question}-answered", box)


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
    run = StudentRun(lesson, folder, read_cells(folder / f"{lesson}.ipynb"),
                     solution_figures=solution.kernel_figures_by_id)
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
               "new_kinds_answered": {q: {k: a.get(k) for k in ("kind", "seconds", "problem")}
                                      for q, a in run.new_answers.items()},
               "keyboard": run.keyboard, "table_keyboard": run.table_keyboard,
               "axe_violations": a11y.counts(run.audit.axe) if run.audit.axe else run.audit.error,
               "axe_seconds": round(run.audit.seconds, 1),
               "browser_console_errors": page.console_errors[:50]}
    (OUTPUT / "e2e" / f"student-{lesson}.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False),
                                                            encoding="utf-8")
    return run


def _course(kit_copy: Path, lesson: str, tmp: Path) -> Path:
    """A course with one lesson's source and the kit's nbgrader configuration (no gradebook yet); for a core track,
    its source generated from the lesson's, as the instructor tools do (Course.source)."""
    from medialit_grader.course import Course
    from medialit_grader.tracks import split

    base, track = split(lesson)
    course = tmp / "course"
    (course / "grading").mkdir(parents=True)
    shutil.copy(kit_copy / "nbgrader_config.py", course)
    shutil.copy(kit_copy / "grading" / "nbgrader_config.py", course / "grading")
    shutil.copytree(kit_copy / "solutions" / base, course / "solutions" / base,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers-*.json"))
    if track == "core":
        Course(course).source(lesson)
    return course


def _student_session(page: Page, run: StudentRun, solution, tmp_path_factory) -> None:
    lesson, folder = run.lesson, run.folder
    page.open_notebook(f"lessons/{lesson}/{lesson}.ipynb", len(run.cells))
    page.shot("student-01-opened")
    run.run_seconds = page.run_all()
    run.errors, run.figures = page.errors(), page.figures()
    page.save()
    run.figure_outputs = saved_figure_outputs(folder / f"{lesson}.ipynb")
    run.kernel_figures = {i: len(f) for i, f in run.figure_outputs.items()}
    page.shot("student-02-after-run-all")
    for index in run.errors:
        page.shot(f"student-error-cell{index:02d}", page.cell(index))
    solution_drawn = set(by_id(solution.figures, solution.cells))  # the teacher's figures, in the student's cells
    for index in sorted(set(run.figures) | {c.index for c in run.cells if c.id in solution_drawn}):
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

    # accessibility of what the student sees after Run All, every widget drawn and not answered yet
    run.audit = a11y.audit(page, OUTPUT / "e2e" / f"axe-{lesson}-student.json")

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

    # every question of the no-code track's widget kinds, answered with the mouse (the teacher's key)
    _answer_new_kinds(page, run, solution)

    # the self-check of a question not answered yet gives a hint (a widget question if there is one); not a check
    # that reads a clicked question's answer (05's `lab.check("5.4", lab.answer("5.3"))` passes once 5.3 is marked)
    unanswered = [c for c in run.cells if c.checks and c.checks not in run.clicked and c.nbgrader.get("grade")
                  and not any(re.search(rf"""["']{re.escape(q)}["']""", c.source) for q in run.clicked)]
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
    tables = tables or [q for q, w in run.widgets.items()  # the pre/post test: a part not answered by mouse
                        if w["kind"] == "judge" and w["rendered"] and q != run.question]
    if tables:  # the first toggle button of a label row, not a "Show the text" button
        run.table_keyboard = _by_keyboard(page, run, tables[0], "Space",
                                          "e.tagName === 'BUTTON' && !!e.closest('.widget-toggle-buttons')")


def test_run_all_reaches_the_end_without_error(student):
    assert not student.errors, f"{student.lesson}: errors or stderr in cells {student.errors}"


def test_every_figure_renders(student):
    """Every figure the kernel drew is shown, and none is blank."""
    problems = figure_problems(student.figures, student.kernel_figures)
    assert not problems, f"{student.lesson}: " + "; ".join(problems)


def test_no_serious_accessibility_violation(student):
    """axe-core (WCAG 2.0/2.1 A and AA, best practice) over the outputs and rendered Markdown after Run All finds
    no critical or serious violation (the full result: test-output/e2e/axe-<lesson>-student.json)."""
    failing = student.audit.failing()
    assert not failing, f"{student.lesson}: " + "\n".join(failing)


def test_every_image_has_a_text_alternative(student):
    """Every <img> in the outputs (figures, a map) has a meaningful text alternative; a figure's is the one the
    kernel wrote."""
    problems = student.audit.image_problems(student.figure_outputs)
    assert not problems, f"{student.lesson}: " + "; ".join(problems)


def test_the_kit_finds_no_problem_in_its_figures(student):
    """Every figure is a kit figure (with its text alternative), and the kit's own checks of it (text contrast,
    colour as the only cue) found nothing."""
    problems = kit_figure_problems(student.figure_outputs)
    assert not problems, f"{student.lesson}: " + "; ".join(problems)


def test_the_figures_of_the_solution_are_there(student):
    """A cell that draws in the solution draws for the student too, unless it is the student's to write or it
    draws the student's answer (it uses a name an answer cell defines, e.g. a graph of `relay_edges`). Cells are
    matched by their id: a data track's solution run is the lesson's source, with the core track's cells too."""
    names = student_names(student.cells)
    cells = {c.id: c for c in student.cells}
    expected = {i: n for i, n in student.solution_figures.items()
                if i in cells and not cells[i].nbgrader.get("solution") and not uses_names(cells[i], names)}
    drawn = by_id(student.kernel_figures, student.cells)
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


def test_every_new_kind_question_is_answered_with_the_mouse(student):
    """Each question of a word marker, relay graph, interval table, map point or ranking: the teacher's key entered
    with the mouse; the answer file changed right after the first action, and holds the key at the end (a word
    marker's as whole words: every span of the key inside a saved span with its label, no other words marked)."""
    if not student.new_answers:
        pytest.skip(f"{student.lesson} has no widget of the no-code track's kinds")
    problems = []
    for question, done in student.new_answers.items():
        if done["problem"]:
            problems.append(f"{question} ({done['kind']}): {done['problem']}")
        elif done["first"] is None:
            problems.append(f"{question} ({done['kind']}): the first action wrote nothing to the answer file")
        elif not _matches_key(done["kind"], done["saved"], done["expected"]):
            problems.append(f"{question} ({done['kind']}): saved {done['saved']!r}, the key is {done['expected']!r}")
    assert not problems, f"{student.lesson}: " + "; ".join(problems)


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
    grading/submitted/<student>/<lesson>/; the kit's grader (make autograde) gives every clicked question's test
    cells (the old-kind question and every new-kind one) their full points."""
    if not student.clicked:
        pytest.skip(f"{student.lesson} has no answer widget that a click can answer")
    lesson, course = student.lesson, student.course
    student.released.result()  # nbgrader generate_assignment, run while the browser worked
    shutil.copytree(student.submission, course / "grading" / "submitted" / STUDENT / lesson)
    tools(course, "autograde", lesson, "--force")
    scores = kit.scores(course, lesson)[STUDENT]
    wrong = []
    for question in student.clicked:
        tests = [c for c in student.cells if c.checks == question and c.nbgrader.get("grade")]
        if not tests:
            wrong.append(f"{question}: no test cell runs lab.check({question!r})")
        for cell in tests:
            grade_id = cell.nbgrader["grade_id"]
            if scores.get(grade_id) != cell.nbgrader["points"]:
                wrong.append(f"{question} {grade_id}: {scores.get(grade_id)} of {cell.nbgrader['points']}")
    graded = {q: [c.nbgrader["grade_id"] for c in student.cells if c.checks == q and c.nbgrader.get("grade")]
              for q in student.clicked}
    (OUTPUT / "e2e" / f"graded-{lesson}.json").write_text(json.dumps(
        {"graded": graded, "scores": {g: scores.get(g) for ids in graded.values() for g in ids}}, indent=1),
        encoding="utf-8")
    assert not wrong, f"{lesson}: " + "; ".join(wrong)
