"""The shadow-marking widget (lab.mark_shadow, lesson 03) in a real browser, by mouse and by keyboard alone.

A scratch notebook (in the served kit copy) shows two shadow widgets on a synthetic picture made here with Pillow
(flat ground, a pole and its shadow; 1600 x 900 pixels, wider than the output area, so the browser shows it scaled
down). The tests check:

- mouse: three clicks on the picture place the pole's base, its top and the shadow's tip (the "Place:" choice moves
  on by itself); the answer file holds the three points in the FILE's pixels, each within 2 px of where it was
  clicked (the click's CSS position divided by the shown scale); the picture's title (its text alternative) and the
  status line say so;
- keyboard alone: Tab to "Shadow's tip" in the "Place:" row and press Space, type x and y in the number boxes (Tab
  commits), Tab to "Right" and press Enter (5 px), tick "Fine steps" and press "Left" (1 px); after each step the
  answer file changes and the status line (a live region that stays in the page) says the new state;
- every control has an accessible name and a control's role, Tab goes through the controls in reading order, axe-core
  finds no serious or critical violation, and at the width of a 200% zoom nothing is cut off or scrolls sideways.

Screenshots: test-output/screenshots/92-shadow/shadow-*.png.
"""

from __future__ import annotations

import json
import re
import time

import a11y
import pytest
from e2e_lab import OUTPUT, browser_tests, scratch_notebook
from test_e2e_widgets import CONTROL_ROLES, DESCRIBE, FOCUSABLE, LAYOUT_PROBLEMS, SCROLLS_SIDEWAYS, ZOOM

try:
    from playwright.sync_api import expect
except ImportError:  # without playwright the `browser` fixture skips these tests
    expect = None

pytestmark = browser_tests

LESSON = "92-shadow"
ANSWER_FILE = f"answers-{LESSON}.json"
SIZE = (1600, 900)  # the picture's pixels: wider than the notebook's output area at a 1400 px window
PICTURE = "pole.jpg"
CELLS = {
    "setup": f"import medialit as ml\nlab = ml.lesson({LESSON!r})",
    "m1": f'lab.mark_shadow("m1", "Mark the pole by mouse", {PICTURE!r}, description="a pole and its shadow")',
    "k1": f'lab.mark_shadow("k1", "Mark the pole by keyboard", {PICTURE!r}, description="a pole and its shadow")',
}
CELL = {name: i for i, name in enumerate(CELLS)}
CLICKS = {"base": (400, 700), "top": (400, 250), "tip": (905, 781)}  # file pixels


def make_picture(path) -> None:
    """Constructed practice material (no photograph): sky, sand, a dark pole and its shadow."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", SIZE, (214, 196, 160))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 0, SIZE[0], 300], fill=(160, 196, 228))
    draw.line([CLICKS["base"], CLICKS["top"]], fill=(50, 45, 40), width=8)
    draw.line([CLICKS["base"], CLICKS["tip"]], fill=(120, 105, 85), width=6)
    picture.save(path, quality=90)


class Run:
    def __init__(self, page, folder):
        self.page, self.folder = page, folder
        self.keyboard = page.page.keyboard

    def box(self, question: str, page=None):
        return (page or self.page).cell(CELL[question]).locator(".jp-OutputArea-output .medialit-widget").first

    def status(self, question: str):
        return self.box(question).locator(".medialit-status [role=status]")

    def saved(self, question: str):
        try:
            answers = json.loads((self.folder / ANSWER_FILE).read_text(encoding="utf-8"))["answers"]
        except (FileNotFoundError, json.JSONDecodeError):  # not written yet, or being replaced right now
            return None
        return answers.get(question, {}).get("value")

    def wait_saved(self, question: str, want, timeout: float = 15):
        """The saved value once `want(value)` holds (polled), or the last one seen."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.saved(question)
            if want(value) or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def focused(self, question: str, js: str) -> bool:
        return self.box(question).evaluate(
            f"box => {{ const e = document.activeElement; return box.contains(e) && ({js}); }}")

    def tab_until(self, question: str, js: str, presses: int = 30):
        seen = []
        for _ in range(presses):
            self.keyboard.press("Tab")
            if self.focused(question, js):
                return
            seen.append(self.page.page.evaluate(
                "() => { const e = document.activeElement; return e.tagName + ' ' + "
                "(e.getAttribute('title') || e.textContent || '').trim().slice(0, 30); }"))
        raise AssertionError(f"{question}: Tab never reached the control ({js}); focus went {seen}")

    def start(self, question: str):
        """The keyboard's starting point: the widget's heading, clicked as a reader would."""
        self.box(question).get_by_text(f"Exercise {question} —").first.click()

    def announces(self, question: str, text: str, action):
        """Do `action` (keys); the status line, the same live region as before, then says `text`."""
        status = self.status(question)
        expect(status, "the status line is no live region (role=status)").to_have_count(1)
        before = status.evaluate("e => { e.medialitBefore = true; return e.textContent; }")
        assert text not in before, f"the status line says {text!r} already: {before!r}"
        action()
        expect(status).to_contain_text(text, timeout=15_000)
        assert status.evaluate("e => e.medialitBefore === true"), (
            "the status line's live region was replaced by a new one (not reliably announced)")

    def shot(self, name: str, question: str):
        self.page.shot(f"shadow-{name}", self.box(question))


@pytest.fixture(scope="module")
def run(new_page, server):
    prepare = lambda folder: make_picture(folder / PICTURE)  # noqa: E731
    with scratch_notebook(new_page, server, LESSON, CELLS.values(), "shadow-*.png", prepare) as (page, folder):
        lab = Run(page, folder)
        for question in ("m1", "k1"):
            lab.box(question).get_by_text("No answer yet").wait_for(timeout=30_000)
        yield lab


def test_three_clicks_place_the_points_in_the_files_pixels(run):
    box = run.box("m1")
    image = box.locator("img").first
    expect(image).to_have_attribute("title", re.compile("pole's base not placed yet"), timeout=15_000)
    natural, shown = image.evaluate("img => [img.naturalWidth, img.clientWidth]")
    assert natural == SIZE[0] and shown < 0.9 * natural, (natural, shown)  # the picture is shown scaled down
    scale = shown / natural
    texts = {"base": "Pole's base placed at", "top": "Pole's top placed at", "tip": "Shadow's tip placed at"}
    for n, (name, (x, y)) in enumerate(CLICKS.items(), start=1):
        run.announces("m1", texts[name], lambda x=x, y=y: image.click(position={"x": x * scale, "y": y * scale}))
        value = run.wait_saved("m1", lambda v, n=n: v is not None and len(v) == n)
        assert value is not None and name in value, f"the click for {name} placed nothing: {value}"
    value = run.saved("m1")
    far = {name: (value[name], xy) for name, xy in CLICKS.items()
           if abs(value[name][0] - xy[0]) > 2 or abs(value[name][1] - xy[1]) > 2}
    assert not far, f"clicked (file pixels) vs saved, more than 2 px apart: {far}"
    expect(run.status("m1")).to_contain_text("All points are placed")
    expect(image).to_have_attribute(
        "title", f"Image {PICTURE}: a pole and its shadow (1600 × 900 pixels); pole's base at "
                 f"({value['base'][0]}, {value['base'][1]}), pole's top at ({value['top'][0]}, {value['top'][1]}), "
                 f"shadow's tip at ({value['tip'][0]}, {value['tip'][1]})", timeout=15_000)
    run.shot("clicked", "m1")


def test_keyboard_alone_chooses_the_tip_types_it_and_nudges_it(run):
    run.start("k1")
    run.tab_until("k1", "e.tagName === 'BUTTON' && e.textContent.trim() === \"Shadow's tip\"")
    run.announces("k1", "Now placing the shadow's tip: not placed yet.", lambda: run.keyboard.press("Space"))
    run.tab_until("k1", "e.tagName === 'INPUT' && e.labels[0].textContent.includes('x (pixels from the left)')")
    run.keyboard.press("Control+a")
    run.keyboard.type("900")
    run.announces("k1", "Shadow's tip placed at (900, 450).", lambda: run.keyboard.press("Tab"))  # on to y
    assert run.wait_saved("k1", lambda v: v is not None) == {"tip": [900, 450]}
    assert run.focused("k1", "e.labels[0].textContent.includes('y (pixels from the top)')")
    run.keyboard.press("Control+a")
    run.keyboard.type("780")
    run.announces("k1", "Shadow's tip moved to (900, 780).", lambda: run.keyboard.press("Tab"))
    assert run.wait_saved("k1", lambda v: v == {"tip": [900, 780]}) == {"tip": [900, 780]}
    run.tab_until("k1", "e.tagName === 'BUTTON' && e.textContent.trim() === 'Right'")
    expect(run.page.page.locator(":focus")).to_have_attribute("title", "Move the shadow's tip 5 pixels right")
    run.announces("k1", "Shadow's tip moved to (905, 780).", lambda: run.keyboard.press("Enter"))
    assert run.wait_saved("k1", lambda v: v == {"tip": [905, 780]}) == {"tip": [905, 780]}
    run.tab_until("k1", "e.type === 'checkbox'")
    run.keyboard.press("Space")
    run.keyboard.press("Shift+Tab")  # Down
    run.keyboard.press("Shift+Tab")  # Up
    run.keyboard.press("Shift+Tab")  # Right
    run.keyboard.press("Shift+Tab")  # Left
    expect(run.page.page.locator(":focus")).to_have_attribute("title", "Move the shadow's tip 1 pixel left")
    run.announces("k1", "Shadow's tip moved to (904, 780).", lambda: run.keyboard.press("Enter"))
    assert run.wait_saved("k1", lambda v: v == {"tip": [904, 780]}) == {"tip": [904, 780]}
    expect(run.status("k1")).to_contain_text(f"✓ Answer saved in {ANSWER_FILE}: pole's base not placed yet; "
                                             "pole's top not placed yet; shadow's tip at (904, 780)")
    expect(run.box("k1").locator("img").first).to_have_attribute("title", re.compile(r"shadow's tip at \(904, 780\)"))
    run.shot("keyboard", "k1")


def test_every_control_has_a_name_and_tab_follows_reading_order(run):
    box, problems = run.box("k1"), []
    for role in (*CONTROL_ROLES, "img"):
        total, named = box.get_by_role(role).count(), box.get_by_role(role, name=re.compile(r"\w")).count()
        if named != total:
            problems.append(f"{total - named} of {total} {role}(s) without a name")
    reachable = len(box.evaluate(f"box => ({FOCUSABLE})(box)"))
    with_role = sum(box.get_by_role(role, disabled=False).count() for role in CONTROL_ROLES)
    if reachable != with_role:
        problems.append(f"{reachable} controls reached by Tab, {with_role} with a control's role")
    controls = box.evaluate(f"box => ({FOCUSABLE})(box).map({DESCRIBE})")
    # the three Place buttons, x, y, Left, Right, Up, Down, Fine steps, Clear this point
    assert len(controls) == 11, [c["name"] for c in controls]
    run.start("k1")
    where = (f"box => {{ const e = document.activeElement; if (!box.contains(e)) return null; "
             f"return {{...({DESCRIBE})(e), i: ({FOCUSABLE})(box).indexOf(e)}}; }}")
    visited = []
    for _ in range(len(controls) + 10):
        run.keyboard.press("Tab")
        now = box.evaluate(where)
        if now is not None:
            visited.append(now)
        elif visited:
            break
    if [v["i"] for v in visited] != list(range(len(controls))):
        problems.append(f"Tab went {[v['name'] for v in visited]}, the controls are {[c['name'] for c in controls]}")
    for before, after in zip(controls, controls[1:]):
        same_line = after["top"] < before["bottom"] and before["top"] < after["bottom"]
        if not (after["left"] > before["left"] if same_line else after["top"] >= before["bottom"] - 1):
            problems.append(f"{after['name']!r} comes after {before['name']!r} but is shown "
                            f"{'left of' if same_line else 'above'} it")
    assert not problems, "\n".join(problems + [box.aria_snapshot()])


def test_axe_finds_no_serious_violation(run):
    result = a11y.audit(run.page, OUTPUT / "e2e" / f"axe-{LESSON}.json")
    assert not result.failing(), "\n".join(result.failing())
    assert not result.image_problems({}), result.images  # the pictures' titles: long enough, not generic


def test_nothing_is_cut_off_at_the_width_of_200_percent_zoom(run):
    page = run.page.page
    page.set_viewport_size(ZOOM)
    try:
        problems = []
        for question in ("m1", "k1"):
            box = run.box(question)
            box.scroll_into_view_if_needed()
            problems += [f"{question}: {p}" for p in box.evaluate(LAYOUT_PROBLEMS)]
        problems += [f"{e} scrolls sideways" for e in page.evaluate(SCROLLS_SIDEWAYS)]
        width = run.box("k1").locator("img").first.evaluate("img => img.clientWidth")
        height = int(run.box("k1").bounding_box()["height"]) + 200
        page.set_viewport_size({"width": ZOOM["width"], "height": max(ZOOM["height"], height)})
        run.box("k1").scroll_into_view_if_needed()
        run.page.shots.mkdir(parents=True, exist_ok=True)
        run.box("k1").screenshot(path=run.page.shots / "shadow-zoom.png")
    finally:
        page.set_viewport_size({"width": 1400, "height": 900})
    assert not problems, "\n".join(problems)
    assert width < ZOOM["width"], f"the picture is {width} px wide in a {ZOOM['width']} px window"
