"""The no-code track's five widgets in a real browser: a scratch notebook (written into the served kit copy, in a
lesson-like folder) makes a word marker, a relay graph, an interval table, a map point and a ranking with small
fixed data; each is operated with the mouse, then with the keyboard alone (Tab to a control; Space, Enter, typing),
and the answer file on disk is checked right after each.

Screenshots: test-output/screenshots/90-widgets/widget-*.png.
"""

from __future__ import annotations

import json
import re
import time

import nbformat
import pytest
from e2e_lab import Page, browser_tests, screenshots_for

try:
    from playwright.sync_api import expect
except ImportError:  # without playwright the `browser` fixture skips these tests
    expect = None

pytestmark = browser_tests

LESSON = "90-widgets"
EXTENT = (36.0, 42.0, 32.5, 37.0)
ACTORS = ["SANA", "RT", "Fars"]
CELLS = [
    f"import medialit as ml\nlab = ml.lesson({LESSON!r})",
    'lab.mark_words("w1", "Mark the loaded words", {"p": "They call it liberation today, said SANA."}, '
    '["loaded", "source"])',
    f'lab.relay_graph("w2", "Who passes it on to whom?", {ACTORS!r})',
    'lab.intervals("w3", "Each figure as an interval", {"s1": "more than 40 dead", "s2": "30 to 50 dead"})',
    f'lab.map_point("w4", "Where was it filmed?", extent={EXTENT!r}, places={{"Palmyra": (34.55, 38.27)}}, '
    'step=0.5)',
    'lab.ranking("w5", "Most to least reliable", {"A": "a ministry", "B": "an activist", "C": "a monitor"})',
]
CELL = {q: i for i, q in enumerate(["setup", "w1", "w2", "w3", "w4", "w5"])}


class Scratch:
    def __init__(self, page: Page, folder):
        self.page, self.folder = page, folder

    def saved(self, question: str):
        try:
            answers = json.loads((self.folder / f"answers-{LESSON}.json").read_text(encoding="utf-8"))["answers"]
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

    def box(self, question: str):
        return self.page.widget(CELL[question], question)

    def tab_to(self, question: str, target_js: str, start_text: str | None = None, tabs: int = 40) -> list:
        """Click a text of the widget (its heading, as a reader would), then press Tab until the focused element
        `e` is inside the widget and `target_js` holds; returns what had the focus on the way (for messages)."""
        box = self.box(question)
        box.get_by_text(start_text or f"Exercise {question}").first.click()
        seen = []
        for _ in range(tabs):
            self.page.page.keyboard.press("Tab")
            reached = f"(box) => {{ const e = document.activeElement; return box.contains(e) && ({target_js}); }}"
            if box.evaluate(reached):
                return seen
            seen.append(self.page.page.evaluate(
                "() => { const e = document.activeElement; return e.tagName + ' ' + "
                "(e.getAttribute('title') || e.textContent || '').trim().slice(0, 30); }"))
        raise AssertionError(f"{question}: Tab never reached the control ({target_js}); focus went {seen}")

    def shot(self, name: str, question: str):
        self.page.shot(f"widget-{question}-{name}", self.box(question))


@pytest.fixture(scope="module")
def scratch(new_page, server):
    folder = server.root / "scratch" / LESSON
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"answers-{LESSON}.json").unlink(missing_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{LESSON}.ipynb")
    shots = screenshots_for(LESSON)
    for old in shots.glob("widget-*.png"):
        old.unlink(missing_ok=True)
    page = new_page(shots)
    try:
        page.open_notebook(f"scratch/{LESSON}/{LESSON}.ipynb", len(CELLS))
        page.run_all()
        assert not page.errors(), page.errors()
        run = Scratch(page, folder)
        for question in ("w1", "w2", "w3", "w4", "w5"):
            run.box(question).get_by_text("No answer yet").wait_for(timeout=30_000)
        assert not page.page.get_by_text("Error displaying widget").count()
        yield run
    finally:
        page.close()


def test_word_marker_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w1")
    box.get_by_role("button", name="liberation", exact=True).click()
    assert scratch.wait_saved("w1", lambda v: v is not None) == [
        {"item": "p", "start": 13, "end": 23, "label": "loaded", "text": "liberation"}]
    box.get_by_text("Your spans (1): “liberation” (loaded)").wait_for()
    # keyboard: Tab to the next word, Space marks it: neighbours with one label are one span
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'today,'")
    scratch.page.page.keyboard.press("Space")
    assert scratch.wait_saved("w1", lambda v: v and v[0]["end"] == 30) == [
        {"item": "p", "start": 13, "end": 30, "label": "loaded", "text": "liberation today,"}]
    # the "source" label by keyboard (Tab, Space), then the last word (Tab, Enter)
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'source'")
    scratch.page.page.keyboard.press("Space")
    scratch.tab_to("w1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'SANA.'")
    scratch.page.page.keyboard.press("Enter")
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
    scratch.page.page.keyboard.press("Space")
    scratch.tab_to("w2", "e.tagName === 'BUTTON' && e.textContent.trim() === 'Fars' && "
                         "e.closest('.widget-toggle-buttons').textContent.includes('To whom')",
                   start_text="To whom:")
    scratch.page.page.keyboard.press("Space")
    scratch.tab_to("w2", "e.tagName === 'BUTTON' && e.textContent.includes('Add link')", start_text="To whom:")
    scratch.page.page.keyboard.press("Enter")
    assert scratch.wait_saved("w2", lambda v: v and len(v) == 2) == [["RT", "Fars"], ["SANA", "RT"]]
    # the graph, with the links as its alt text (redrawn just after the save)
    expect(box.get_by_role("img").first).to_have_attribute("alt", "Your relay graph: RT → Fars; SANA → RT",
                                                           timeout=15_000)
    scratch.shot("links", "w2")


def test_intervals_by_mouse_and_by_keyboard(scratch):
    box = scratch.box("w3")
    row = box.locator(".medialit-item-s1")
    row.get_by_role("textbox").first.click()
    scratch.page.page.keyboard.type("40")
    row.get_by_role("checkbox").click()
    assert scratch.wait_saved("w3", lambda v: v == {"s1": [40, None]}) == {"s1": [40, None]}
    # keyboard alone: Tab into the second row's boxes, type, Tab on; a wrong number is named and not saved
    scratch.tab_to("w3", "e.tagName === 'INPUT' && e.type === 'text' && !!e.closest('.medialit-item-s2')")
    scratch.page.page.keyboard.type("50")
    scratch.page.page.keyboard.press("Tab")
    scratch.page.page.keyboard.type("3O")
    box.get_by_text("s2: highest “3O” is not a whole number").wait_for()
    assert scratch.saved("w3") == {"s1": [40, None]}
    scratch.page.page.keyboard.press("Backspace")
    scratch.page.page.keyboard.press("Backspace")
    scratch.page.page.keyboard.type("30")
    box.get_by_text("s2: highest 30 is below lowest 50").wait_for()
    scratch.page.page.keyboard.press("Shift+Tab")
    scratch.page.page.keyboard.press("Control+a")
    scratch.page.page.keyboard.type("20")
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
    scratch.page.page.keyboard.press("Enter")
    east = scratch.wait_saved("w4", lambda v: v != north)
    assert east == [north[0], round(north[1] + 0.5, 3)]
    scratch.tab_to("w4", "e.tagName === 'INPUT' && e.closest('.widget-inline-hbox').textContent.includes('Latitude')")
    scratch.page.page.keyboard.press("Control+a")
    scratch.page.page.keyboard.type("33.25")
    scratch.page.page.keyboard.press("Tab")
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
    scratch.page.page.keyboard.press("Space")
    assert scratch.wait_saved("w5", lambda v: v != moved) == [moved[0], moved[2], moved[1]]
    box.get_by_text(f"{moved[2]} is now number 2").wait_for()
    scratch.shot("ranked", "w5")
