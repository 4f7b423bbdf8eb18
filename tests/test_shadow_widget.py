"""The shadow-marking widget (lab.mark_shadow) in-process, on a synthetic picture: its value, its controls (clicks,
x/y boxes, nudge buttons, the "Place:" row), its drawing and its text alternative."""

import html
import io
import json
import sys
import types

import pytest
from PIL import Image, ImageDraw

import medialit as ml
from medialit.errors import AnswerFileError, MediaLitError

SIZE = (640, 400)  # the synthetic picture's pixels
GROUND = (128, 128, 128)  # one flat grey: a white or black mark on it is told from it by its brightness


def saved(folder, lesson="99-test"):
    return json.loads((folder / f"answers-{lesson}.json").read_text(encoding="utf-8"))["answers"]


@pytest.fixture
def pole_picture(in_tmp):
    """A constructed picture (no photograph): flat grey ground with a dark pole and its shadow, saved as a JPEG."""
    picture = Image.new("RGB", SIZE, GROUND)
    draw = ImageDraw.Draw(picture)
    draw.line([(300, 330), (300, 180)], fill=(40, 40, 40), width=4)
    draw.line([(300, 330), (420, 360)], fill=(70, 70, 70), width=3)
    path = in_tmp / "pole.jpg"
    picture.save(path, quality=90)
    return path


def status(widget) -> str:
    """The status line's words, as a screen reader gets them."""
    return html.unescape(widget._status.value)


def shown(widget) -> Image.Image:
    return Image.open(io.BytesIO(widget._image.value)).convert("L")


def test_value_round_trip_updates_the_controls_drawing_and_answer_file(pole_picture, in_tmp):
    lab = ml.lesson("99-test")
    marks = lab.mark_shadow("s1", "Mark the shadow", pole_picture)
    assert marks.value is None and not (in_tmp / "answers-99-test.json").exists()
    assert marks._image.value[:2] == b"\xff\xd8" and shown(marks).size == SIZE  # a JPEG of the file's own pixels
    blank = shown(marks)
    marks.value = {"tip": (420, 360), "base": [300, 330]}  # any order in, base-top-tip order out
    assert saved(in_tmp)["s1"]["kind"] == "shadow_marks"
    assert saved(in_tmp)["s1"]["value"] == {"base": [300, 330], "tip": [420, 360]}
    assert (marks._place.value, marks._x.value, marks._y.value) == ("base", 300, 330)  # the chosen point's place
    drawn = shown(marks)
    assert drawn.getpixel((303, 333)) - blank.getpixel((303, 333)) > 60  # the base's white mark is drawn there
    # controls -> value: the boxes move the chosen point
    marks._place.value = "top"
    marks._x.value = 301
    assert saved(in_tmp)["s1"]["value"] == {"base": [300, 330], "top": [301, 200], "tip": [420, 360]}  # y: centre
    marks._y.value = 181
    assert marks.value["top"] == [301, 181] and "Pole's top moved to (301, 181)." in status(marks)
    again = ml.lesson("99-test").mark_shadow("s1", "Mark the shadow", str(pole_picture))  # Restart & Run All
    assert again.value == {"base": [300, 330], "top": [301, 181], "tip": [420, 360]}
    assert "pole's top at (301, 181)" in again._image.tooltip


def test_marks_are_shapes_with_letters_so_colour_is_never_the_only_cue(pole_picture):
    marks = ml.lesson("99-test").mark_shadow("s2", "?", pole_picture)
    marks.value = {"base": [100, 100], "top": [300, 100], "tip": [500, 100]}
    picture = shown(marks)
    r = max(5, round(min(SIZE) / 70))
    corner = [picture.getpixel((x - r + 1, 100 - r + 1)) for x in (100, 300, 500)]
    # a square fills its box's corner (outline or white), a triangle and a circle leave the ground there (±40 JPEG)
    assert abs(corner[0] - GROUND[0]) > 60 and abs(corner[1] - GROUND[0]) < 40 and abs(corner[2] - GROUND[0]) < 40
    apex, side = picture.getpixel((300, 100 - r)), picture.getpixel((500, 100 - r))  # triangle's tip, circle's top
    assert abs(apex - GROUND[0]) > 60 and abs(side - GROUND[0]) > 60
    # a letter box beside each mark: black and white pixels right of it, where the ground was plain
    for x in (100, 300, 500):
        label = [picture.getpixel((x + r + 3 + dx, 100 - r - dy)) for dx in range(2, 10) for dy in range(2, 10)]
        assert min(label) < 60 and max(label) > 200, x
    legend = marks.widget.children[1].value
    assert "a square marked B" in legend and "a triangle marked T" in legend and "a circle marked S" in legend


def test_alt_text_and_caption_say_which_points_are_placed(pole_picture):
    marks = ml.lesson("99-test").mark_shadow("s3", "?", pole_picture, description="a pole and its shadow")
    alt = marks._image.tooltip
    assert alt.startswith("Image pole.jpg: a pole and its shadow (640 × 400 pixels); ")
    assert alt.endswith("pole's base not placed yet, pole's top not placed yet, shadow's tip not placed yet")
    marks.value = {"base": [300, 330], "top": [300, 180]}
    assert marks._image.tooltip.endswith(
        "pole's base at (300, 330), pole's top at (300, 180), shadow's tip not placed yet")
    assert marks._image.tooltip + "." in marks._caption.value.replace("&#x27;", "'")
    assert repr(marks) == ("<ShadowMarks s3: pole's base at (300, 330); pole's top at (300, 180); "
                           "shadow's tip not placed yet>")


def test_clicks_on_a_scaled_picture_land_on_file_pixels_and_move_to_the_next_point(pole_picture):
    marks = ml.lesson("99-test").mark_shadow("s4", "?", pole_picture)
    assert marks.clickable and marks._place.value == "base"
    # ipyevents 2: an Image's dataX/dataY are the picture's own pixels already, whatever size it is shown at
    marks._click({"dataX": 300, "dataY": 330, "relativeX": 150, "boundingRectWidth": 320})
    assert marks.value == {"base": [300, 330]} and marks._place.value == "top"
    assert "Pole's base placed at (300, 330). Next: the pole's top." in status(marks)
    # without dataX (another front end): the click in the shown element, scaled by file width / shown width (2)
    marks._click({"relativeX": 150.4, "relativeY": 90.2, "boundingRectWidth": 320, "boundingRectHeight": 200})
    assert marks.value["top"] == [301, 180] and marks._place.value == "tip"
    marks._click({"dataX": 420, "dataY": 360})
    assert marks.value == {"base": [300, 330], "top": [301, 180], "tip": [420, 360]}
    assert marks._place.value == "tip" and "All points are placed" in status(marks)
    marks._click({"relativeX": 400, "relativeY": 10, "boundingRectWidth": 320, "boundingRectHeight": 200})
    assert "outside the picture" in status(marks) and marks.value["tip"] == [420, 360]
    marks._click({"type": "click"})  # no position at all: ignored
    assert marks.value["tip"] == [420, 360]


def test_next_point_skips_placed_ones_and_goes_round(pole_picture):
    marks = ml.lesson("99-test").mark_shadow("s5", "?", pole_picture)
    marks._place.value = "tip"
    assert "Now placing the shadow's tip: not placed yet." in status(marks)
    marks._click({"dataX": 420, "dataY": 360})
    assert marks._place.value == "base"  # after the tip, round to the base
    marks._place.value = "top"
    marks._click({"dataX": 300, "dataY": 180})
    assert marks._place.value == "base"  # the tip is placed: the base is next
    # a saved answer carries on with the first point not placed
    assert ml.lesson("99-test").mark_shadow("s5", "?", pole_picture)._place.value == "base"
    marks._click({"dataX": 300, "dataY": 330})
    assert ml.lesson("99-test").mark_shadow("s5", "?", pole_picture)._place.value == "base"  # all placed: first


def test_nudges_move_by_5_or_1_pixels_and_stop_at_the_edge(pole_picture):
    marks = ml.lesson("99-test").mark_shadow("s6", "?", pole_picture)
    left, right, up, down = marks._nudges
    assert [b.description for b in marks._nudges] == ["Left", "Right", "Up", "Down"]
    assert right.tooltip == "Move the pole's base 5 pixels right"
    right.click()  # an unplaced point starts from the boxes' place, the centre
    assert marks.value == {"base": [325, 200]}
    marks.value = {"base": [3, 2]}
    left.click()
    assert marks.value == {"base": [0, 2]}
    left.click()
    assert marks.value == {"base": [0, 2]} and "at the picture's left edge already" in status(marks)
    marks._fine.value = True
    assert up.tooltip == "Move the pole's base 1 pixel up"
    up.click()
    up.click()
    up.click()
    assert marks.value == {"base": [0, 0]} and "top edge already" in status(marks)
    marks.value = {"base": [637, 399]}
    marks._fine.value = False
    right.click()
    down.click()
    assert marks.value == {"base": [639, 399]} and "bottom edge already" in status(marks)
    marks._place.value = "tip"
    assert down.tooltip == "Move the shadow's tip 5 pixels down"


def test_clear_this_point_removes_only_the_chosen_point(pole_picture, in_tmp):
    marks = ml.lesson("99-test").mark_shadow("s7", "?", pole_picture)
    marks._clear_point.click()
    assert "nothing to clear" in status(marks) and marks.value is None
    marks.value = {"base": [300, 330], "tip": [420, 360]}
    marks._place.value = "tip"
    marks._clear_point.click()
    assert saved(in_tmp)["s7"]["value"] == {"base": [300, 330]} and "not placed yet" in marks._image.tooltip
    marks._place.value = "base"
    marks._clear_point.click()
    assert marks.value is None and "s7" not in saved(in_tmp) and "No answer yet" in status(marks)


@pytest.mark.parametrize("value, message", [
    (["base", 1, 2], r"expected \{point: \[x, y\]\} for the points base, top, tip, found \['base', 1, 2\]"),
    ({"foot": [1, 2]}, r"unknown point 'foot' \(the points are base, top, tip\)"),
    ({"base": [1, 2.5]}, r"base: expected \[x, y\], two whole numbers of pixels, found \[1, 2.5\]"),
    ({"top": [True, 2]}, r"top: expected \[x, y\], two whole numbers"),
    ({"top": [1, 2, 3]}, r"top: expected \[x, y\]"),
    ({"tip": [640, 10]}, r"tip: \(640, 10\) is outside the picture \(x 0 to 639, y 0 to 399\)"),
    ({"tip": [5, -1]}, r"tip: \(5, -1\) is outside the picture"),
])
def test_validation_names_the_point_and_what_is_wrong(pole_picture, value, message):
    marks = ml.lesson("99-test").mark_shadow("s8", "?", pole_picture)
    with pytest.raises(MediaLitError, match=f"Exercise s8: {message}"):
        marks.value = value
    assert marks.value is None


def test_a_hand_edited_answer_file_is_reported_with_its_field(pole_picture, in_tmp):
    ml.lesson("99-test").mark_shadow("s9", "?", pole_picture).value = {"base": [1, 2]}
    data = json.loads((in_tmp / "answers-99-test.json").read_text(encoding="utf-8"))
    data["answers"]["s9"]["value"] = {"base": [1, 2], "tip": [9999, 2]}
    (in_tmp / "answers-99-test.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"field 'answers\.s9\.value': tip: \(9999, 2\) is outside"):
        ml.lesson("99-test").mark_shadow("s9", "?", pole_picture)


def test_an_archive_id_goes_through_medialit_images(pole_picture, monkeypatch):
    asked = []
    fake = types.ModuleType("medialit.images")
    fake.image_path = lambda image: asked.append(image) or pole_picture
    monkeypatch.setitem(sys.modules, "medialit.images", fake)
    marks = ml.lesson("99-test").mark_shadow("s10", "?", "img03", points=("tip", "base"))
    assert asked == ["img03"] and marks.points == ["base", "tip"] and marks.extent == (0, 639, 0, 399)
    assert marks._image.tooltip.startswith("Constructed practice image img03 (640 × 400 pixels); ")
    assert [label for label, _ in marks._place.options] == ["Pole's base", "Shadow's tip"]
    with pytest.raises(MediaLitError, match="unknown point 'top' \\(the points are base, tip\\)"):
        marks.value = {"top": [1, 1]}


def test_bad_arguments_say_what_to_give(pole_picture, in_tmp):
    lab = ml.lesson("99-test")
    with pytest.raises(MediaLitError, match="there is no picture at .*missing.jpg"):
        lab.mark_shadow("b1", "?", in_tmp / "missing.jpg")
    (in_tmp / "not-a-picture.png").write_text("hello", encoding="utf-8")
    with pytest.raises(MediaLitError, match="not-a-picture.png cannot be read as a picture"):
        lab.mark_shadow("b2", "?", "not-a-picture.png")
    with pytest.raises(MediaLitError, match="points must be some of base, top, tip, each once"):
        lab.mark_shadow("b3", "?", pole_picture, points=("base", "base"))
    with pytest.raises(MediaLitError, match="image must be a post id of the image archive or the path"):
        lab.mark_shadow("b4", "?", 3)


def test_every_control_has_a_label_and_no_dropdown(pole_picture):
    import ipywidgets as w

    marks = ml.lesson("99-test").mark_shadow("s11", "?", pole_picture)

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    controls = list(walk(marks.widget))
    assert not [c for c in controls if isinstance(c, (w.Dropdown, w.Select, w.SelectMultiple))]
    for control in controls:
        if isinstance(control, (w.Checkbox, w.ToggleButtons, w.Button, w.BoundedIntText)):
            assert control.description.strip() and (control.tooltip or isinstance(control, w.ToggleButtons))
    assert marks._x.description == "x (pixels from the left)" and marks._y.description == "y (pixels from the top)"
    assert (marks._x.max, marks._y.max) == (639, 399) and len(marks._place.tooltips) == 3
    assert "No answer yet" in status(marks) and repr(marks) == "<ShadowMarks s11: no answer yet>"
