"""Widgets in a real kernel, driven as JupyterLab drives them (comm messages), then graded by nbgrader.

A student opens lesson 01, runs all cells, clicks answers in two widgets; the answers are in the answer file at
once; Restart & Run All shows the same answers; nbgrader autograde counts them.
"""

import json
import shutil

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

import kit
from test_grading_kit import tools

from medialit_grader.lessons import lesson01

LESSON = "01-corpus"
pytestmark = pytest.mark.xdist_group("widgets-kernel")  # one kernel session, one worker
PARTS = ["article text", "reader comment", "author bio", "site boilerplate", "commenting interface"]
CLICKS = {"A": "author bio", "B": "commenting interface", "C": "site boilerplate", "D": "reader comment",
          "E": "article text", "F": "site boilerplate", "G": "reader comment", "H": "article text"}
DATE_KEY = lesson01.DATE_KEY  # clicked where the widget shows it (options are shuffled by question id)


class Kernel:
    def __init__(self, cwd):
        env = kit.env()
        self.km, self.kc = start_new_kernel(kernel_name="python3", cwd=str(cwd), env=env)

    def run(self, code: str) -> tuple[str, list[str]]:
        out, errors = [], []

        def hook(msg):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content["name"] == "stdout":
                out.append(content["text"])
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "stream" and content["name"] == "stderr":
                errors.append(content["text"])

        self.kc.execute_interactive(code, timeout=120, output_hook=hook)
        return "".join(out), errors

    def run_all(self, nb) -> list[str]:
        errors = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                errors += self.run(cell.source)[1]
        return errors

    def click(self, model_id: str, index: int) -> None:
        """What the front end sends when a student picks the option at `index` of a selection widget."""
        msg = self.kc.session.msg("comm_msg", {"comm_id": model_id, "data": {
            "method": "update", "state": {"index": index}, "buffer_paths": []}})
        self.kc.shell_channel.send(msg)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("widgets")
    course = kit.make_course(tmp, [LESSON])
    kit.nbgrader(course, "generate_assignment", LESSON)
    student = tmp / "student" / LESSON
    shutil.copytree(course / "lessons" / LESSON, student)
    nb = nbformat.read(student / f"{LESSON}.ipynb", as_version=4)
    kernel = Kernel(student)
    try:
        errors = kernel.run_all(nb)
        ids, _ = kernel.run("import json; print(json.dumps({'table': {k: m.model_id for k, m in "
                            "page_parts._menus.items()}, 'choice': date_meaning._radio.model_id, "
                            "'options': date_meaning.options}))")
        ids = json.loads(ids)
        for item, label in CLICKS.items():
            kernel.click(ids["table"][item], PARTS.index(label))  # the button's index in the row
        kernel.click(ids["choice"], ids["options"].index(DATE_KEY))  # where the right option is shown
        kernel.run("pass")  # the kernel handles messages in order: after this, every click has been handled
        answers_after_clicks = json.loads((student / f"answers-{LESSON}.json").read_text(encoding="utf-8"))
    finally:
        kernel.close()
    return course, student, nb, errors, answers_after_clicks


def test_run_all_in_a_real_kernel_has_no_error(session):
    _, _, _, errors, _ = session
    assert not errors, errors


def test_clicks_are_saved_at_once_and_apart(session):
    _, _, _, _, saved = session
    assert saved["lesson"] == LESSON
    assert saved["answers"]["1.7"]["value"] == CLICKS
    assert saved["answers"]["1.8"]["value"] == DATE_KEY


def test_restart_and_run_all_keeps_the_answers(session):
    _, student, nb, _, saved = session
    before = (student / f"answers-{LESSON}.json").read_text(encoding="utf-8")
    kernel = Kernel(student)
    try:
        errors = kernel.run_all(nb)
        shown, _ = kernel.run("import json; print(json.dumps([page_parts.value, date_meaning.value, "
                              "page_parts._menus['B'].value]))")
    finally:
        kernel.close()
    assert not errors, errors
    table, choice, menu_b = json.loads(shown)
    assert table == CLICKS and choice == saved["answers"]["1.8"]["value"] and menu_b == "commenting interface"
    assert (student / f"answers-{LESSON}.json").read_text(encoding="utf-8") == before


def test_nbgrader_grades_the_clicks(session):
    course, student, _, _, _ = session
    target = course / "grading" / "submitted" / "clicker" / LESSON
    shutil.copytree(student, target)
    tools(course, "autograde", LESSON)
    scores = kit.scores(course, LESSON)["clicker"]
    assert scores["test_page_parts"] == 3 and scores["test_date_meaning"] == 1
    assert scores["__auto__"] == 4, scores  # nothing else was answered


NEW_WIDGETS = """
import medialit as ml
lab = ml.lesson("99-kernel")
marker = lab.mark_words("w1", "Mark", {"p": "They call it liberation today."}, ["loaded"])
relay = lab.relay_graph("w2", "Relay", ["SANA", "RT", "Fars"])
figures = lab.intervals("w3", "Figures", {"s1": "more than 40 dead"})
point = lab.map_point("w4", "Where", extent=(36, 42, 32.5, 37), step=0.5)
rank = lab.ranking("w5", "Rank", ["x", "y", "z"])
"""


def test_the_new_widgets_save_what_the_front_end_sends(tmp_path):
    """The messages JupyterLab sends for a toggle, a button press and typed text reach the five new widgets."""
    kernel = Kernel(tmp_path)
    try:
        assert not kernel.run(NEW_WIDGETS)[1]
        ids, _ = kernel.run(
            "import json; print(json.dumps({'word': marker._view('p')['buttons'][3].model_id, "
            "'from': relay._from.model_id, 'to': relay._to.model_id, 'add': relay._add.model_id, "
            "'actors': relay.actors, 'low': figures._rows['s1'][0].model_id, "
            "'open': figures._rows['s1'][2].model_id, 'north': point._nudges[0].model_id, "
            "'down': rank._downs[0].model_id, 'order': rank._order}))")
        ids = json.loads(ids)

        def send(model_id, data):
            kernel.kc.shell_channel.send(kernel.kc.session.msg("comm_msg", {"comm_id": model_id, "data": data}))

        def state(model_id, **values):
            send(model_id, {"method": "update", "state": values, "buffer_paths": []})

        def press(model_id):
            send(model_id, {"method": "custom", "content": {"event": "click"}})

        state(ids["word"], value=True)
        state(ids["from"], index=ids["actors"].index("SANA"))
        state(ids["to"], index=ids["actors"].index("RT"))
        press(ids["add"])
        state(ids["low"], value="40")
        state(ids["open"], value=True)
        press(ids["north"])
        press(ids["down"])
        kernel.run("pass")  # the kernel handles messages in order
        answers = json.loads((tmp_path / "answers-99-kernel.json").read_text(encoding="utf-8"))["answers"]
    finally:
        kernel.close()
    order = ids["order"]
    assert {q: (e["kind"], e["value"]) for q, e in answers.items()} == {
        "w1": ("word_marker", [{"item": "p", "start": 13, "end": 23, "label": "loaded", "text": "liberation"}]),
        "w2": ("relay_graph", [["SANA", "RT"]]),
        "w3": ("intervals", {"s1": [40, None]}),
        "w4": ("map_point", [35.25, 39.0]),
        "w5": ("ranking", [order[1], order[0], order[2]]),
    }
    kernel = Kernel(tmp_path)  # Restart & Run All: the widgets show the saved answers
    try:
        assert not kernel.run(NEW_WIDGETS)[1]
        shown, _ = kernel.run("import json; print(json.dumps([marker._view('p')['buttons'][3].description, "
                              "relay.value, figures._rows['s1'][0].value, point._lat.value, rank._order]))")
    finally:
        kernel.close()
    assert json.loads(shown) == ["[liberation lo]", [["SANA", "RT"]], "40", 35.25, [order[1], order[0], order[2]]]
