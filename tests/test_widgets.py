"""Answer widgets in-process: each control change is saved at once, reloads, and stays apart from the others."""

import json

import pytest

import medialit as ml
from medialit.errors import AnswerFileError, MediaLitError

OPTIONS = ["named official", "state media", "anonymous"]


def saved(folder, lesson="99-test"):
    return json.loads((folder / f"answers-{lesson}.json").read_text(encoding="utf-8"))["answers"]


def test_single_choice_saves_on_click_and_reloads(in_tmp):
    lab = ml.lesson("99-test")
    q = lab.choice("1", "Who is cited?", OPTIONS)
    assert q.value is None and not (in_tmp / "answers-99-test.json").exists()
    q._radio.index = q.options.index("anonymous")  # what the front end sends when the student clicks it
    assert q.value == "anonymous" and saved(in_tmp)["1"]["value"] == "anonymous"
    again = ml.lesson("99-test").choice("1", "Who is cited?", OPTIONS)  # Restart & Run All
    assert again.value == "anonymous" and again._radio.value == "anonymous"


def test_checklist_label_table_and_rating_save_plain_values(in_tmp):
    lab = ml.lesson("99-test")
    box = lab.checklist("2", "Which pillars fail?", ["provenance", "source", "date"])
    box._boxes[box.options.index("date")].value = True
    box._boxes[box.options.index("provenance")].value = True
    table = lab.label_table("3", "Label each", {"a": "text a", "b": "text b"}, OPTIONS)
    table._menus["b"].value = "state media"
    rate = lab.rating("4", "How sure?", ["not at all", "somewhat", "very"])
    rate._buttons.value = 3
    answers = saved(in_tmp)
    assert sorted(answers["2"]["value"]) == ["date", "provenance"]
    assert answers["3"]["value"] == {"b": "state media"}
    assert answers["4"]["value"] == 3
    fresh = ml.lesson("99-test")
    assert fresh.answer("2") == ["provenance", "date"] and fresh.answer("3") == {"b": "state media"}
    assert fresh.rating("4", "How sure?", ["not at all", "somewhat", "very"]).value == 3


def test_span_labeller_adds_and_removes_spans_by_sentence(in_tmp):
    lab = ml.lesson("99-test")
    texts = {"c1": "First claim here. Second one, says X. Third.", "c2": "Only one sentence."}
    spans = lab.span_labeller("5", "Mark the claims", texts, ["claim", "source"])
    spans._item.value = "c1"
    spans._from.value, spans._to.value = 2, 3  # sentences 2–3 (numbered from 1, as shown)
    spans._label.value = "source"
    spans._add.click()
    spans._item.value = "c2"
    spans._from.value = spans._to.value = 1
    spans._label.value = "claim"
    spans._add.click()
    value = saved(in_tmp)["5"]["value"]
    assert [(s["item"], s["text"], s["label"]) for s in value] == [
        ("c1", "Second one, says X. Third.", "source"), ("c2", "Only one sentence.", "claim")]
    spans._remove_choice.value = 1
    spans._remove.click()
    assert [s["item"] for s in ml.lesson("99-test").answer("5")] == ["c2"]


def test_text_units():
    assert ml.text_units("One two.  Three!\nFour", "sentence") == [(0, 8), (10, 16), (17, 21)]
    assert ml.text_units("a  bc", "word") == [(0, 1), (3, 5)]


def test_two_widgets_keep_separate_answers_even_from_two_lesson_handles(in_tmp):
    first, second = ml.lesson("99-test"), ml.lesson("99-test")
    a = first.choice("a", "A?", OPTIONS)
    b = second.choice("b", "B?", OPTIONS)
    a.value = "state media"
    b.value = "anonymous"  # saved by another handle: must not drop a's answer
    assert {q: e["value"] for q, e in saved(in_tmp).items()} == {"a": "state media", "b": "anonymous"}


def test_lessons_have_separate_answer_files(in_tmp):
    ml.lesson("01-x").choice("1", "?", OPTIONS).value = "anonymous"
    ml.lesson("02-y").choice("1", "?", OPTIONS).value = "state media"
    assert saved(in_tmp, "01-x")["1"]["value"] == "anonymous" and saved(in_tmp, "02-y")["1"]["value"] == "state media"


def test_corrupt_answer_file_is_reported_and_never_reset(in_tmp):
    path = in_tmp / "answers-99-test.json"
    path.write_text('{"lesson": "99-test", "answers": {"1": {"value": "anonymous"},}}', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(AnswerFileError, match=r"answers-99-test\.json: line 1, column \d+: not valid JSON") as error:
        ml.lesson("99-test")
    assert "never resets it on its own" in str(error.value)
    assert path.read_bytes() == before


def test_hand_edited_value_that_fits_no_option_names_the_field(in_tmp):
    path = in_tmp / "answers-99-test.json"
    path.write_text(json.dumps({"lesson": "99-test", "answers": {"1": {"value": "my own idea"}}}), encoding="utf-8")
    lab = ml.lesson("99-test")
    with pytest.raises(AnswerFileError, match=r"field 'answers\.1\.value': 'my own idea' is not one of the options"):
        lab.choice("1", "?", OPTIONS)
    assert "my own idea" in path.read_text(encoding="utf-8")


def test_answer_file_of_another_lesson_is_refused(in_tmp):
    (in_tmp / "answers-99-test.json").write_text(json.dumps({"lesson": "01-corpus", "answers": {}}))
    with pytest.raises(AnswerFileError, match="belongs to lesson '01-corpus'"):
        ml.lesson("99-test")


def test_setting_an_impossible_value_in_code_is_refused(in_tmp):
    q = ml.lesson("99-test").choice("1", "?", OPTIONS)
    with pytest.raises(MediaLitError, match="Exercise 1: 'maybe' is not one of the options"):
        q.value = "maybe"
    assert q.value is None


def test_one_id_cannot_serve_two_kinds_of_widget(in_tmp):
    lab = ml.lesson("99-test")
    lab.choice("1", "?", OPTIONS)
    with pytest.raises(MediaLitError, match="already has a single_choice widget"):
        lab.checklist("1", "?", OPTIONS)


def test_every_control_has_a_text_label_and_the_state_is_said_in_words(in_tmp):
    import ipywidgets as w

    lab = ml.lesson("99-test")
    made = [lab.choice("1", "?", OPTIONS), lab.checklist("2", "?", OPTIONS),
            lab.label_table("3", "?", {"a": "x"}, OPTIONS, collapsed=True),
            lab.span_labeller("4", "?", {"a": "One. Two."}, OPTIONS), lab.rating("5", "?", ["low", "high"])]

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    for m in made:
        for control in walk(m.widget):
            assert not isinstance(control, w.Dropdown), "no drop-downs: JupyterLab steals their keys"
            if isinstance(control, (w.RadioButtons, w.Checkbox, w.ToggleButtons, w.Button, w.ToggleButton,
                                    w.BoundedIntText)):
                assert control.description.strip(), f"{m.kind}: a {type(control).__name__} without a label"
        assert "No answer yet" in m._status.value
    made[0].value = "anonymous"
    assert "✓ Answer saved in answers-99-test.json: anonymous" in made[0]._status.value


def test_teacher_reads_widget_answers_from_submissions(tmp_path):
    for student, choice in [("ada", "anonymous"), ("bo", "state media")]:
        folder = tmp_path / "submitted" / student / "99-test"
        ml.lesson("99-test", folder).choice("1", "?", OPTIONS).value = choice
    frame = ml.read_answers(tmp_path / "submitted")
    assert sorted(zip(frame["student"], frame["value"])) == [("ada", "anonymous"), ("bo", "state media")]
    from medialit.__main__ import main

    assert main(["answers", str(tmp_path / "submitted")]) == 0


def test_collapsed_text_is_hidden_until_the_student_asks(in_tmp):
    import ipywidgets as w

    table = ml.lesson("99-test").label_table("1", "?", {"a": "offensive words"}, OPTIONS, collapsed=True)
    row = table.widget.children[1]
    toggle, body = row.children[0].children
    assert isinstance(toggle, w.ToggleButton) and body.layout.display == "none"
    toggle.value = True  # a click, or Space/Enter on the focused button
    assert body.layout.display == "" and toggle.description == "Hide the text of a"


def test_options_are_shown_in_a_fixed_shuffle_that_ignores_the_authors_order(in_tmp):
    lab = ml.lesson("99-test")
    many = [f"option {i}" for i in range(8)]
    shown = lab.checklist("7", "?", many).options
    assert sorted(shown) == sorted(many) and shown != many  # not the written order
    assert lab.choice("8", "?", list(reversed(many))).options == ml.display_order("8", many)  # order-independent
    assert ml.display_order("7", many) == shown  # the same on every run and machine (a hash, no random state)


def test_plain_output_never_holds_the_text_a_widget_folds_or_marks(in_tmp):
    lab = ml.lesson("99-test")
    secret = "Words a content note keeps folded."
    spans = lab.span_labeller("9", "Mark", {"c1": secret}, ["claim"])
    spans.value = [{"item": "c1", "start": 0, "end": len(secret), "label": "claim"}]
    table = lab.label_table("10", "Label", {"c1": secret}, OPTIONS, collapsed=True)
    folded = ml.folded({"000-c01": secret})
    for shown in (spans, table, folded):
        plain = shown._repr_mimebundle_()["text/plain"]
        assert "content note keeps" not in plain, plain
    assert "000-c01" in repr(folded) and "1 span" in repr(spans)
