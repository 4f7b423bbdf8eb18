"""Every widget kind in a real browser, by mouse and by keyboard alone (issue #20, WCAG 2.1 AA).

A scratch notebook (written into the served kit copy, in a lesson-like folder) makes one widget of each kind with
small fixed data: a single choice, a checklist, a label table, a span labeller, a rating, folded texts (ml.folded), a
word marker, a relay graph, an interval table, a map point and a ranking. The tests check:

- by keyboard alone: each kind is reached with Tab from its heading and answered with Space, Enter, arrow keys and
  typing (folded texts are opened and closed), and the answer file on disk changes to the expected value right
  after; the five no-code widgets are also answered with the mouse first;
- state changes are announced: after each keyboard save the widget's status line says the new state, and it is a
  live region (role="status") that stayed in the page (a live region made anew on each update is not reliably
  announced by screen readers);
- every control has an accessible name (as the browser computes it), and every control the keyboard reaches has a
  role that says what it is;
- focus order follows reading order: Tab from a widget's heading goes through each of its controls once, in the
  order they are read (top to bottom, left to right within a row), without leaving the widget and coming back;
- 200% zoom: a second tab on the same notebook and kernel, 640 x 400 CSS pixels at device scale factor 2 (a 1280 px
  wide window at 200%), with JupyterLab's file browser open and then closed: no control or label of any widget is
  cut off, outside its output area or needs the page, the notebook or a widget box scrolled sideways; a keyboard
  answer still saves.

Screenshots: test-output/screenshots/90-widgets/widget-*.png (widget-zoom-*.png at 200%).
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager

import pytest
from e2e_lab import Page, browser_tests, scratch_notebook

try:
    from playwright.sync_api import expect
except ImportError:  # without playwright the `browser` fixture skips these tests
    expect = None

pytestmark = browser_tests

LESSON = "90-widgets"
ANSWER_FILE = f"answers-{LESSON}.json"
EXTENT = (36.0, 42.0, 32.5, 37.0)
ACTORS = ["SANA", "RT", "Fars"]
CHOICES = ["the ministry statement", "a blog post", "a retweet"]
# one option long enough to need two lines at 200% zoom: it must wrap, not be cut short with "…"
TICKS = ["said SANA", "reports say", "a witness told RT what he saw from the roof of the hospital that morning"]
SENTENCES = "SANA said it. Others agreed. Nobody checked."
SCALE = ["not sure", "fairly sure", "sure"]
FOLDED_NOTE = "2 texts, folded."
CELLS = {
    "setup": f"import medialit as ml\nlab = ml.lesson({LESSON!r})",
    "c1": f'lab.choice("c1", "Which is a primary source?", {CHOICES!r})',
    "c2": f'lab.checklist("c2", "Which name their source?", {TICKS!r})',
    "c3": 'lab.label_table("c3", "Label each sentence", {"a": "SANA said it.", "b": "Sources say so."}, '
          '["named", "vague"])',
    "c4": f'lab.span_labeller("c4", "Label the stretches", {{"t": {SENTENCES!r}}}, ["claim", "source"])',
    "c5": f'lab.rating("c5", "How sure are you?", {SCALE!r})',
    "f1": 'ml.folded({"k1": "A folded comment.", "k2": "Another folded comment."})',
    "w1": 'lab.mark_words("w1", "Mark the loaded words", {"p": "They call it liberation today, said SANA."}, '
          '["loaded", "source"])',
    "w2": f'lab.relay_graph("w2", "Who passes it on to whom?", {ACTORS!r})',
    "w3": 'lab.intervals("w3", "Each figure as an interval", {"s1": "more than 40 dead", "s2": "30 to 50 dead"})',
    "w4": f'lab.map_point("w4", "Where was it filmed?", extent={EXTENT!r}, places={{"Palmyra": (34.55, 38.27)}}, '
          'step=0.5)',
    "w5": 'lab.ranking("w5", "Most to least reliable", {"A": "a ministry", "B": "an activist", "C": "a monitor"})',
}
CELL = {name: i for i, name in enumerate(CELLS)}
WIDGETS = [name for name in CELLS if name != "setup"]
ANSWERED = [name for name in WIDGETS if name != "f1"]  # folded texts are not an answer: no status line

# what the keyboard can reach, and the roles that say what a control is
FOCUSABLE = """box => [...box.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)"""
DESCRIBE = """e => { const r = e.getBoundingClientRect();
    const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
    return {name: (e.getAttribute('title') || e.textContent || label || e.type || e.tagName).trim().slice(0, 40),
            top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"""
CONTROL_ROLES = ("button", "checkbox", "radio", "textbox", "spinbutton")
ZOOM = {"width": 640, "height": 400}  # CSS pixels of a 1280 x 800 window at 200% zoom


class Scratch:
    def __init__(self, page: Page, folder):
        self.page, self.folder = page, folder

    @property
    def keyboard(self):
        return self.page.page.keyboard

    def saved(self, question: str):
        try:
            answers = json.loads((self.folder / ANSWER_FILE).read_text(encoding="utf-8"))["answers"]
        except (FileNotFoundError, json.JSONDecodeError):  # not written yet, or being replaced right now
            return None
        return answers.get(question, {}).get("value")

    def wait_saved(self, question: str, want, timeout: float = 10):
        """The saved value once `want(value)` holds (polled), or the last one seen."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.saved(question)
            if want(value) or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def box(self, question: str, page: Page | None = None):
        """The widget's outer box (every kit widget's has the class medialit-widget)."""
        return (page or self.page).cell(CELL[question]).locator(".jp-OutputArea-output .medialit-widget").first

    @staticmethod
    def start_text(question: str) -> str:
        return FOLDED_NOTE if question == "f1" else f"Exercise {question} —"

    def tab_to(self, question: str, target_js: str, start_text: str | None = None, tabs: int = 40) -> list:
        """Click a text of the widget (its heading, as a reader would), then press Tab until the focused element
        `e` is inside the widget and `target_js` holds; returns what had the focus on the way (for messages)."""
        box = self.box(question)
        box.get_by_text(start_text or self.start_text(question)).first.click()
        seen = []
        for _ in range(tabs):
            self.keyboard.press("Tab")
            reached = f"(box) => {{ const e = document.activeElement; return box.contains(e) && ({target_js}); }}"
            if box.evaluate(reached):
                return seen
            seen.append(self.page.page.evaluate(
                "() => { const e = document.activeElement; return e.tagName + ' ' + "
                "(e.getAttribute('title') || e.textContent || '').trim().slice(0, 30); }"))
        raise AssertionError(f"{question}: Tab never reached the control ({target_js}); focus went {seen}")

    def tab_walk(self, question: str, page: Page | None = None) -> tuple[list[dict], list[dict]]:
        """Click the widget's heading, press Tab until the focus is in the widget, then on until it leaves it.
        Returns (the controls the focus went through, every control of the widget the keyboard can reach in DOM
        order); each {i: its place among the latter (-1: none), name, top, bottom, left, right}."""
        page = page or self.page
        box = self.box(question, page)
        controls = box.evaluate(f"box => ({FOCUSABLE})(box).map({DESCRIBE})")
        box.get_by_text(self.start_text(question)).first.click()
        where = (f"box => {{ const e = document.activeElement; if (!box.contains(e)) return null; "
                 f"return {{...({DESCRIBE})(e), i: ({FOCUSABLE})(box).indexOf(e)}}; }}")
        visited = []
        for _ in range(len(controls) + 30):
            page.page.keyboard.press("Tab")
            now = box.evaluate(where)
            if now is not None:
                visited.append(now)
            elif visited:
                break
        return visited, controls

    def status(self, question: str, page: Page | None = None):
        return self.box(question, page).locator(".medialit-status [role=status]")

    @contextmanager
    def announces(self, question: str, text: str | re.Pattern, page: Page | None = None):
        """The block (a keyboard action) must put `text` (not there before) into the widget's status line, a live
        region (role="status") that is the same element as before the action: one made anew is not reliably
        announced."""
        status = self.status(question, page)
        expect(status, f"{question}: the status line is no live region (role=status)").to_have_count(1)
        before = status.evaluate("e => { e.medialitBefore = true; return e.textContent; }")
        found = text.search(before) if isinstance(text, re.Pattern) else text in before
        assert not found, f"{question}: the status line says {text!r} already: {before!r}"
        yield
        expect(status).to_contain_text(text, timeout=15_000)
        assert status.evaluate("e => e.medialitBefore === true"), (
            f"{question}: the status line's live region was replaced by a new one (not reliably announced)")

    def shot(self, name: str, question: str):
        self.page.shot(f"widget-{question}-{name}", self.box(question))


@pytest.fixture(scope="module")
def scratch(new_page, server):
    with scratch_notebook(new_page, server, LESSON, CELLS.values(), "widget-*.png") as (page, folder):
        run = Scratch(page, folder)
        for question in ANSWERED:
            run.box(question).get_by_text("No answer yet").wait_for(timeout=30_000)
        run.box("f1").get_by_text(FOLDED_NOTE).wait_for(timeout=30_000)
        yield run


# -- the widgets of the data track, and folded texts: by keyboard alone ----------------------------------------------
def test_choice_by_keyboard(scratch):
    # the radio buttons are one Tab stop each (JupyterLab takes the arrow keys as notebook shortcuts)
    scratch.tab_to("c1", "e.type === 'radio' && e.closest('label').textContent.trim() === 'the ministry statement'")
    with scratch.announces("c1", f"✓ Answer saved in {ANSWER_FILE}: the ministry statement"):
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("c1", lambda v: v is not None) == "the ministry statement"
    scratch.tab_to("c1", "e.type === 'radio' && e.closest('label').textContent.trim() === 'a blog post'")
    with scratch.announces("c1", f"✓ Answer saved in {ANSWER_FILE}: a blog post"):
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("c1", lambda v: v == "a blog post") == "a blog post"
    scratch.shot("chosen", "c1")


def test_checklist_by_keyboard(scratch):
    import medialit as ml

    shown = ml.display_order("c2", TICKS)  # the value lists the ticked options in the order shown
    for option in (TICKS[0], TICKS[2]):
        scratch.tab_to("c2", f"e.type === 'checkbox' && e.closest('label').textContent.trim() === {option!r}")
        with scratch.announces("c2", option):
            scratch.keyboard.press("Space")
    want = [o for o in shown if o in (TICKS[0], TICKS[2])]
    assert scratch.wait_saved("c2", lambda v: v == want) == want
    with scratch.announces("c2", re.compile(rf"{ANSWER_FILE}: {TICKS[0]}$")):
        scratch.keyboard.press("Space")  # the focus is still on the last box ticked: Space unticks it
    assert scratch.wait_saved("c2", lambda v: v == [TICKS[0]]) == [TICKS[0]]
    scratch.shot("ticked", "c2")


def test_label_table_by_keyboard(scratch):
    scratch.tab_to("c3", "e.tagName === 'BUTTON' && e.title === 'b: vague'")
    with scratch.announces("c3", "1 of 2 items labelled"):
        scratch.keyboard.press("Enter")
    assert scratch.wait_saved("c3", lambda v: v is not None) == {"b": "vague"}
    # which button is down is not announced (ipywidgets shows it by its look alone): the status line says it
    expect(scratch.status("c3")).to_contain_text("b: vague.")
    scratch.tab_to("c3", "e.tagName === 'BUTTON' && e.title === 'a: named'")
    with scratch.announces("c3", "2 of 2 items labelled"):
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("c3", lambda v: v and len(v) == 2) == {"a": "named", "b": "vague"}
    expect(scratch.status("c3")).to_contain_text("a: named.")
    scratch.shot("labelled", "c3")


def test_span_labeller_by_keyboard(scratch):
    # sentences 2 to 3 with the label "source": the number boxes by arrow key and by typing, the rest by Space/Enter
    scratch.tab_to("c4", "e.type === 'number' && e.labels[0].textContent.includes('From sentence')")
    scratch.keyboard.press("ArrowUp")
    scratch.keyboard.press("Tab")
    assert scratch.page.page.evaluate("() => document.activeElement.labels[0].textContent").startswith("to sentence")
    scratch.keyboard.press("Control+a")
    scratch.keyboard.type("3")
    scratch.keyboard.press("Tab")
    scratch.tab_to("c4", "e.tagName === 'BUTTON' && e.textContent.trim() === 'source'")
    scratch.keyboard.press("Space")
    scratch.tab_to("c4", "e.tagName === 'BUTTON' && e.textContent.trim() === 'Add span'")
    with scratch.announces("c4", f"✓ Answer saved in {ANSWER_FILE}: 1 span(s)"):
        scratch.keyboard.press("Enter")
    start = SENTENCES.index("Others")
    assert scratch.wait_saved("c4", lambda v: v is not None) == [
        {"item": "t", "start": start, "end": len(SENTENCES), "label": "source", "text": SENTENCES[start:]}]
    scratch.box("c4").get_by_text("“Others agreed. Nobody checked.”").wait_for()
    scratch.shot("labelled", "c4")


def test_rating_by_keyboard(scratch):
    scratch.tab_to("c5", "e.tagName === 'BUTTON' && e.textContent.trim() === '3 – sure'")
    with scratch.announces("c5", f"✓ Answer saved in {ANSWER_FILE}: 3 – sure"):
        scratch.keyboard.press("Enter")
    assert scratch.wait_saved("c5", lambda v: v is not None) == 3
    scratch.tab_to("c5", "e.tagName === 'BUTTON' && e.textContent.trim() === '2 – fairly sure'")
    with scratch.announces("c5", f"✓ Answer saved in {ANSWER_FILE}: 2 – fairly sure"):
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("c5", lambda v: v == 2) == 2
    scratch.shot("rated", "c5")


def test_folded_text_opened_and_closed_by_keyboard(scratch):
    box = scratch.box("f1")
    text = box.get_by_text("A folded comment.")
    expect(text).to_be_hidden()
    scratch.tab_to("f1", "e.tagName === 'BUTTON' && e.textContent.includes('Show the text of k1')")
    scratch.keyboard.press("Enter")
    expect(text).to_be_visible()
    # the button stays focused and says what it does now (its state in its name)
    focused = scratch.page.page.locator(":focus")
    expect(focused).to_have_accessible_name(re.compile(r"Hide the text of k1$"))
    scratch.shot("open", "f1")
    scratch.keyboard.press("Space")
    expect(text).to_be_hidden()
    expect(focused).to_have_accessible_name(re.compile(r"Show the text of k1$"))
    expect(box.get_by_text("Another folded comment.")).to_be_hidden()


# -- the no-code track's five widgets: by mouse, then by keyboard alone ----------------------------------------------
def test_word_marker_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w1")
    box.get_by_role("button", name="liberation", exact=True).click()
    assert scratch.wait_saved("w1", lambda v: v is not None) == [
        {"item": "p", "start": 13, "end": 23, "label": "loaded", "text": "liberation"}]
    box.get_by_text("Your spans (1): “liberation” (loaded)").wait_for()
    # keyboard: Tab to the next word, Space marks it: neighbours with one label are one span
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'today,'")
    with scratch.announces("w1", "Word 5 of 7 marked loaded."):  # the summary stays "1 span(s)": a note says it
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("w1", lambda v: v and v[0]["end"] == 30) == [
        {"item": "p", "start": 13, "end": 30, "label": "loaded", "text": "liberation today,"}]
    # the "source" label by keyboard (Tab, Space), then the last word (Tab, Enter)
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'source'")
    scratch.keyboard.press("Space")
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'SANA.'")
    with scratch.announces("w1", "2 span(s) in 1 text(s)"):
        scratch.keyboard.press("Enter")
    expect(scratch.status("w1")).to_contain_text("Word 7 of 7 marked source.")
    value = scratch.wait_saved("w1", lambda v: v and len(v) == 2)
    assert [(s["text"], s["label"]) for s in value] == [("liberation today,", "loaded"), ("SANA.", "source")]
    box.get_by_role("button", name="[SANA. so]", exact=True).wait_for()  # marked in words, not colour alone
    scratch.shot("marked", "w1")


def test_relay_graph_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w2")
    rows = box.locator(".widget-toggle-buttons")
    rows.nth(0).get_by_role("button", name="SANA", exact=True).click()
    rows.nth(1).get_by_role("button", name="RT", exact=True).click()
    box.get_by_role("button", name="Add link").click()
    assert scratch.wait_saved("w2", lambda v: v is not None) == [["SANA", "RT"]]
    box.get_by_text("SANA → RT").first.wait_for()
    # keyboard: RT → Fars
    scratch.tab_to("w2", "e.tagName === 'BUTTON' && e.textContent.trim() === 'RT' && "
                         "e.closest('.widget-toggle-buttons').textContent.includes('Who passes')")
    scratch.keyboard.press("Space")
    scratch.tab_to("w2", "e.tagName === 'BUTTON' && e.textContent.trim() === 'Fars' && "
                         "e.closest('.widget-toggle-buttons').textContent.includes('To whom')",
                   start_text="To whom:")
    scratch.keyboard.press("Space")
    scratch.tab_to("w2", "e.tagName === 'BUTTON' && e.textContent.includes('Add link')", start_text="To whom:")
    with scratch.announces("w2", f"✓ Answer saved in {ANSWER_FILE}: 2 link(s): RT → Fars; SANA → RT"):
        scratch.keyboard.press("Enter")
    assert scratch.wait_saved("w2", lambda v: v and len(v) == 2) == [["RT", "Fars"], ["SANA", "RT"]]
    # the graph, with the links as its alt text (redrawn just after the save)
    expect(box.get_by_role("img").first).to_have_attribute("alt", "Your relay graph: RT → Fars; SANA → RT",
                                                           timeout=15_000)
    scratch.shot("links", "w2")


def test_intervals_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w3")
    row = box.locator(".medialit-item-s1")
    row.get_by_role("textbox").first.click()
    scratch.keyboard.type("40")
    row.get_by_role("checkbox").click()
    assert scratch.wait_saved("w3", lambda v: v == {"s1": [40, None]}) == {"s1": [40, None]}
    # keyboard alone: Tab into the second row's boxes, type, Tab on; a wrong number is named and not saved
    scratch.tab_to("w3", "e.tagName === 'INPUT' && e.type === 'text' && !!e.closest('.medialit-item-s2')")
    scratch.keyboard.type("50")
    scratch.keyboard.press("Tab")
    with scratch.announces("w3", "s2: highest “3O” is not a whole number"):
        scratch.keyboard.type("3O")
    assert scratch.saved("w3") == {"s1": [40, None]}
    scratch.keyboard.press("Backspace")
    scratch.keyboard.press("Backspace")
    with scratch.announces("w3", "s2: highest 30 is below lowest 50"):
        scratch.keyboard.type("30")
    scratch.keyboard.press("Shift+Tab")
    scratch.keyboard.press("Control+a")
    with scratch.announces("w3", "2 of 2 rows: s1 40 or more; s2 20–30"):
        scratch.keyboard.type("20")
    want = {"s1": [40, None], "s2": [20, 30]}  # saved as typed: "2", then "20"
    assert scratch.wait_saved("w3", lambda v: v == want) == want
    scratch.shot("filled", "w3")


def test_map_point_by_mouse_and_by_keyboard(scratch, tmp_path):
    import medialit as ml

    box = scratch.box("w4")
    assert scratch.saved("w4") is None
    # where Palmyra is in the picture: the same map drawn here gives the axes' place in its pixels
    probe = ml.lesson(LESSON, tmp_path).map_point("w4", "?", extent=EXTENT, places={"Palmyra": (34.55, 38.27)})
    axes, height = probe._pixels
    lon_min, lon_max, lat_min, lat_max = EXTENT
    x = axes.x0 + (38.27 - lon_min) / (lon_max - lon_min) * axes.width
    y = height - (axes.y0 + (34.55 - lat_min) / (lat_max - lat_min) * axes.height)

    image = box.locator("img").first
    scale = image.evaluate("img => img.clientWidth / img.naturalWidth")
    image.click(position={"x": x * scale, "y": y * scale})
    value = scratch.wait_saved("w4", lambda v: v is not None)
    assert value is not None, "a click on the map placed no point (ipyevents)"
    assert abs(value[0] - 34.55) < 0.05 and abs(value[1] - 38.27) < 0.05, value
    expect(image).to_have_attribute("title", re.compile("your point: lat"), timeout=15_000)  # redrawn after the save
    box.get_by_role("button", name="North").click()  # a nudge by mouse
    north = scratch.wait_saved("w4", lambda v: v != value)
    assert north == [round(value[0] + 0.5, 3), value[1]]
    # keyboard: Tab to "East", Enter; then type a latitude and leave the box with Tab
    scratch.tab_to("w4", "e.tagName === 'BUTTON' && e.textContent.includes('East')")
    with scratch.announces("w4", f"✓ Answer saved in {ANSWER_FILE}: lat {north[0]:.3f}, lon {north[1] + 0.5:.3f}"):
        scratch.keyboard.press("Enter")
    east = scratch.wait_saved("w4", lambda v: v != north)
    assert east == [north[0], round(north[1] + 0.5, 3)]
    scratch.tab_to("w4", "e.tagName === 'INPUT' && e.closest('.widget-inline-hbox').textContent.includes('Latitude')")
    scratch.keyboard.press("Control+a")
    scratch.keyboard.type("33.25")
    with scratch.announces("w4", f"lat 33.250, lon {east[1]:.3f}"):
        scratch.keyboard.press("Tab")
    assert scratch.wait_saved("w4", lambda v: v and v[0] == 33.25) == [33.25, east[1]]
    box.get_by_text("your point: lat 33.250").first.wait_for()
    scratch.shot("placed", "w4")


def test_ranking_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w5")
    rows = [text.strip() for text in box.locator("[class*='medialit-rank-']").all_text_contents()]
    assert [row.split(". ")[0] for row in rows] == ["1", "2", "3"], rows  # a numbered list
    order = [row.split(". ")[1].split(":")[0] for row in rows]  # "1. B: an activist" -> B
    assert sorted(order) == ["A", "B", "C"] and scratch.saved("w5") is None
    box.locator(".medialit-rank-1").get_by_role("button", name="Move down").click()
    moved = [order[1], order[0], order[2]]
    assert scratch.wait_saved("w5", lambda v: v is not None) == moved
    # keyboard: Tab to the last row's "Move up" (named for its item in the tooltip), Space
    scratch.tab_to("w5", "e.tagName === 'BUTTON' && e.textContent.includes('Move up') && "
                         "!!e.closest('.medialit-rank-3')")
    assert scratch.page.page.evaluate("() => document.activeElement.title") == f"Move {moved[2]} up"
    with scratch.announces("w5", f"{moved[2]} is now number 2"):
        scratch.keyboard.press("Space")
    assert scratch.wait_saved("w5", lambda v: v != moved) == [moved[0], moved[2], moved[1]]
    expect(scratch.status("w5")).to_contain_text(f"Answer saved in {ANSWER_FILE}: {' > '.join(scratch.saved('w5'))}")
    scratch.shot("ranked", "w5")


# -- names, focus order, 200% zoom: every widget ---------------------------------------------------------------------
def test_every_control_has_an_accessible_name(scratch):
    problems = []
    for question in WIDGETS:
        box, found = scratch.box(question), []
        for role in (*CONTROL_ROLES, "img"):
            total, named = box.get_by_role(role).count(), box.get_by_role(role, name=re.compile(r"\w")).count()
            if named != total:
                found.append(f"{question}: {total - named} of {total} {role}(s) without a name")
        # every control the keyboard reaches has one of those roles (a focusable <div> or <img> would say nothing)
        reachable = len(box.evaluate(f"box => ({FOCUSABLE})(box)"))
        with_role = sum(box.get_by_role(role, disabled=False).count() for role in CONTROL_ROLES)
        if reachable != with_role:
            found.append(f"{question}: {reachable} controls reached by Tab, {with_role} with a control's role")
        problems += found + ([box.aria_snapshot()] if found else [])
    assert not problems, "\n".join(problems)


def test_focus_follows_reading_order(scratch):
    problems = []
    for question in WIDGETS:
        visited, controls = scratch.tab_walk(question)
        assert len(controls) >= 2, f"{question}: the keyboard reaches {controls}"
        if [v["i"] for v in visited] != list(range(len(controls))):
            problems.append(f"{question}: Tab went {[v['name'] for v in visited]}, "
                            f"the controls in DOM order are {[c['name'] for c in controls]}")
        for before, after in zip(controls, controls[1:]):
            same_line = after["top"] < before["bottom"] and before["top"] < after["bottom"]
            if not (after["left"] > before["left"] if same_line else after["top"] >= before["bottom"] - 1):
                problems.append(f"{question}: {after['name']!r} comes after {before['name']!r} but is shown "
                                f"{'left of' if same_line else 'above'} it")
    assert not problems, "\n".join(problems)


class ZoomedPage(Page):
    """A second tab at 200% zoom: a 1280 x 800 window at 200% lays pages out in 640 x 400 CSS pixels, each drawn
    with 2 x 2 device pixels. It shares the scratch page's kernel: closing it leaves the kernel running."""

    def __init__(self, browser, server, shots):
        super().__init__(browser, server, shots)
        self.context.close()  # Page's context has the normal window; a context's pixel ratio is fixed when made
        self.context = browser.new_context(viewport=ZOOM, device_scale_factor=2)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)

    def wait_for_kernel(self, timeout: float = 120) -> None:
        # at this width the notebook tool bar moves its kernel indicator into its overflow menu: present, not shown
        self.page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
            state="attached", timeout=timeout * 1000)

    def close(self):
        if not self.closed:
            self.closed = True
            self.context.close()

    def shot(self, name: str, locator=None):
        """A screenshot of one widget in full: the window grows taller for it, never wider."""
        self.shots.mkdir(parents=True, exist_ok=True)
        locator.scroll_into_view_if_needed()
        height = int(locator.bounding_box()["height"]) + 200
        self.page.set_viewport_size({"width": ZOOM["width"], "height": max(ZOOM["height"], height)})
        try:
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=self.shots / f"{name}.png")
        finally:
            self.page.set_viewport_size(ZOOM)


# Whatever in a widget is cut off, outside its output area or scrolls sideways; and whether the page or the notebook
# scrolls sideways. A control or label counts as cut off when its own text overflows it (shown with "…") or when a
# box around it that clips (overflow other than visible) ends before it does.
LAYOUT_PROBLEMS = """box => {
    const problems = [], area = box.closest('.jp-OutputArea-output').getBoundingClientRect();
    const say = e => e.tagName.toLowerCase() + ' "' + (e.getAttribute('title') || e.textContent || e.alt || e.type
        || '').trim().slice(0, 40) + '"';
    const items = box.querySelectorAll('button, input, img, label, .widget-label, .widget-html-content');
    for (const e of items) {
        const r = e.getBoundingClientRect();
        if (!r.width || !r.height) continue;  // hidden (a folded text)
        if (r.left < area.left - 1 || r.right > area.right + 1)
            problems.push(`${say(e)} reaches ${Math.round(r.left)}..${Math.round(r.right)} px, outside the output `
                          + `area (${Math.round(area.left)}..${Math.round(area.right)})`);
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
            problems.push(`${say(e)} is cut short: its text needs ${e.scrollWidth} px, it has ${e.clientWidth}`);
        for (let p = e.parentElement; p && p !== box.parentElement; p = p.parentElement) {
            const q = p.getBoundingClientRect();
            if (getComputedStyle(p).overflowX !== 'visible' && (r.right > q.right + 1 || r.left < q.left - 1)) {
                problems.push(`${say(e)} is cut off by its box ${p.className}`);
                break;
            }
        }
    }
    for (const b of [box, ...box.querySelectorAll('.widget-box')])
        if (b.scrollWidth > b.clientWidth + 1)
            problems.push(`the box ${b.className} scrolls sideways (${b.scrollWidth} px in ${b.clientWidth})`);
    return problems;
}"""
SCROLLS_SIDEWAYS = """() => [document.scrollingElement,
    document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName)"""


def test_every_widget_at_200_percent_zoom(scratch, browser, server):
    scratch.page.save()  # the second tab shows the saved outputs: the widgets of the same kernel
    zoomed = ZoomedPage(browser, server, scratch.page.shots)
    try:
        zoomed.open_notebook(f"scratch/{LESSON}/{LESSON}.ipynb", len(CELLS))
        for question in WIDGETS:
            scratch.box(question, zoomed).wait_for(state="attached", timeout=30_000)
        assert not zoomed.page.get_by_text("Error displaying widget").count()
        problems = []
        sidebar = zoomed.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        for layout in ("file browser open", "file browser closed"):
            if layout == "file browser closed":
                sidebar.click()  # the current tab of the left side bar folds it away
                expect(zoomed.page.locator("#jp-left-stack")).to_be_hidden()
            width = zoomed.page.evaluate(
                "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')"
                ".getBoundingClientRect().width")
            for question in WIDGETS:
                box = scratch.box(question, zoomed)
                box.scroll_into_view_if_needed()
                problems += [f"{layout} ({width:.0f} px): {question}: {p}" for p in box.evaluate(LAYOUT_PROBLEMS)]
            problems += [f"{layout}: {e} scrolls sideways" for e in zoomed.page.evaluate(SCROLLS_SIDEWAYS)]
        for question in WIDGETS:
            zoomed.shot(f"widget-zoom-{question}", scratch.box(question, zoomed))
        assert not problems, "\n".join(problems)

        # a keyboard answer still saves at 200%: the rating, by Tab and Enter, in this tab
        scratch.box("c5", zoomed).get_by_text(scratch.start_text("c5")).click()
        zoomed.page.keyboard.press("Tab")
        expect(zoomed.page.locator(":focus")).to_have_accessible_name("1 – not sure")
        with scratch.announces("c5", f"✓ Answer saved in {ANSWER_FILE}: 1 – not sure", zoomed):
            zoomed.page.keyboard.press("Enter")
        assert scratch.wait_saved("c5", lambda v: v == 1) == 1
    finally:
        zoomed.close()
