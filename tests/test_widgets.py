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


# -- the no-code track: word marker, relay graph, intervals, map point, ranking -------------------------------------
def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


PASSAGE = {"p1": "The so-called rebels shelled the town, said SANA.", "p2": "Nothing to see here."}


def test_word_marker_marks_words_and_joins_neighbours_into_one_span(in_tmp):
    lab = ml.lesson("99-test")
    marker = lab.mark_words("11", "Mark the loaded words", PASSAGE, ["loaded", "source"])
    words = marker._view("p1")["buttons"]
    assert [b.description for b in words][:3] == ["The", "so-called", "rebels"]
    assert words[1].tooltip == "so-called — word 2 of 8"
    words[1].value = words[2].value = True  # two clicks, same label: one span
    marker._label.value = "source"
    words[7].value = True
    value = saved(in_tmp)["11"]["value"]
    assert value == [{"item": "p1", "start": 4, "end": 20, "label": "loaded", "text": "so-called rebels"},
                     {"item": "p1", "start": 44, "end": 49, "label": "source", "text": "SANA."}]
    assert saved(in_tmp)["11"]["kind"] == "word_marker"
    # the marked state is in the text, not in colour alone; the spans are said in words under the passage
    assert words[1].description == "[so-called lo]" and words[7].description == "[SANA. so]"
    assert words[0].description == "The" and words[1].button_style and not words[0].button_style
    assert "Your spans (2): “so-called rebels” (loaded); “SANA.” (source)" in marker._view("p1")["spans"].value
    words[2].value = False  # pressing a marked word unmarks it
    assert [s["text"] for s in ml.lesson("99-test").answer("11")] == ["so-called", "SANA."]
    marker._item.value = "p2"
    marker._view("p2")["buttons"][0].value = True
    assert [s["item"] for s in saved(in_tmp)["11"]["value"]] == ["p1", "p1", "p2"]
    marker._clear.click()  # "Clear this text": only the text shown
    assert [s["item"] for s in saved(in_tmp)["11"]["value"]] == ["p1", "p1"]
    again = ml.lesson("99-test").mark_words("11", "Mark the loaded words", PASSAGE, ["loaded", "source"])
    assert again.value == marker.value
    assert [b.value for b in again._view("p1")["buttons"]] == [False, True, False, False, False, False, False, True]


def test_word_marker_without_labels_and_its_validation(in_tmp):
    lab = ml.lesson("99-test")
    marker = lab.mark_words("12", "Mark", {"c": "one two three"})
    assert marker._item is None and marker._label is None  # one text, no labels: no rows to choose from
    for button in marker._view("c")["buttons"]:
        button.value = True
    assert saved(in_tmp)["12"]["value"] == [{"item": "c", "start": 0, "end": 13, "label": "marked",
                                             "text": "one two three"}]
    with pytest.raises(MediaLitError, match="'loaded' is not one of the labels"):
        marker.value = [{"item": "c", "start": 0, "end": 3, "label": "loaded"}]
    with pytest.raises(MediaLitError, match="offsets 0:99 are not inside text c"):
        marker.value = [{"item": "c", "start": 0, "end": 99, "label": "marked"}]
    path = in_tmp / "answers-99-test.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["12"]["value"] = [{"item": "x", "start": 0, "end": 1, "label": "marked"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"answers-99-test\.json: field 'answers\.12\.value': span 1: 'x' is "):
        ml.lesson("99-test").mark_words("12", "Mark", {"c": "one two three"})


def test_collapsed_word_marker_keeps_the_words_out_of_plain_output(in_tmp):
    secret = "Vile hateful slur words here"
    marker = ml.lesson("99-test").mark_words("13", "Mark", {"c9": secret}, ["hate"], collapsed=True)
    view = marker._view("c9")
    assert view["toggle"].description == "Show the text of c9" and not view["toggle"].value
    view["buttons"][1].value = True
    plain = marker._repr_mimebundle_()["text/plain"] + repr(marker) + marker._status.value
    for word in secret.split():
        assert word not in plain, plain
    assert "1 span" in plain and "(shown with the text)" in view["outside"].value
    view["toggle"].value = True
    assert view["outside"].value == "" and "hateful" in view["spans"].value


def test_relay_builder_adds_and_removes_links_and_refuses_a_self_link(in_tmp):
    lab = ml.lesson("99-test")
    relay = lab.relay_graph("14", "Who relays whom?", ["SANA", "Fars", "RT"])
    assert relay.actors == ml.display_order("14", ["SANA", "Fars", "RT"])
    relay._from.value, relay._to.value = "SANA", "SANA"
    relay._add.click()
    assert "cannot pass it on to itself" in relay._status.value and relay.value is None
    relay._to.value = "RT"
    relay._add.click()
    relay._from.value, relay._to.value = "RT", "Fars"
    relay._add.click()
    relay._add.click()  # the same again: no duplicate
    assert "already in your list" in relay._status.value
    assert saved(in_tmp)["14"] == {"kind": "relay_graph", "value": [["RT", "Fars"], ["SANA", "RT"]],
                                   "saved": saved(in_tmp)["14"]["saved"]}
    assert "<li>RT → Fars</li><li>SANA → RT</li>" in relay._links.value
    assert "alt='Your relay graph: RT → Fars; SANA → RT'" in relay._figure.value
    relay._remove_choice.value = 1
    relay._remove.click()
    assert ml.lesson("99-test").relay_graph("14", "?", ["SANA", "Fars", "RT"]).value == [["SANA", "RT"]]
    with pytest.raises(MediaLitError, match="link 1: 'BBC' is not one of the actors"):
        relay.value = [["BBC", "RT"]]


def test_relay_builder_with_claims(in_tmp):
    relay = ml.lesson("99-test").relay_graph("15", "?", ["SANA", "RT"], claims=["40 dead", "chemical attack"])
    relay._from.value, relay._to.value = "SANA", "RT"
    relay._add.click()
    assert "choose what first" in relay._status.value and relay.value is None
    relay._what.value = "40 dead"
    relay._add.click()
    assert saved(in_tmp)["15"]["value"] == [["SANA", "RT", "40 dead"]]
    assert "SANA → RT (40 dead)" in relay._links.value
    with pytest.raises(MediaLitError, match=r"link 1 must be a list \[from, to, claim\]"):
        relay.value = [["SANA", "RT"]]


def test_intervals_save_the_good_rows_and_name_the_bad_one(in_tmp):
    items = {"s1": "at least 40 killed", "s2": "between 30 and 50", "s3": "dozens"}
    table = ml.lesson("99-test").intervals("16", "Each figure as an interval", items)
    low1, high1, open1 = table._rows["s1"]
    low2, high2, _ = table._rows["s2"]
    low1.value = "40"
    open1.value = True
    assert saved(in_tmp)["16"]["value"] == {"s1": [40, None]} and high1.disabled
    low2.value, high2.value = "50", "30"
    assert "s2: highest 30 is below lowest 50; this row is not saved" in table._status.value
    assert saved(in_tmp)["16"]["value"] == {"s1": [40, None]}
    low2.value = "3O"  # a letter O
    assert "s2: lowest “3O” is not a whole number" in table._status.value
    low2.value = "30"
    high2.value = "1,050"
    assert saved(in_tmp)["16"] == {"kind": "intervals", "value": {"s1": [40, None], "s2": [30, 1050]},
                                   "saved": saved(in_tmp)["16"]["saved"]}
    assert "⚠" not in table._status.value and "s2 30–1050" in table._status.value
    again = ml.lesson("99-test").intervals("16", "?", items)
    assert again.value == {"s1": [40, None], "s2": [30, 1050]}
    assert again._rows["s2"][1].value == "1050" and again._rows["s1"][2].value and again._rows["s3"][0].value == ""
    low1.value, open1.value = "", False  # blank again: unanswered
    assert saved(in_tmp)["16"]["value"] == {"s2": [30, 1050]}
    with pytest.raises(MediaLitError, match="s2: highest 1 is below lowest 30"):
        table.value = {"s2": [30, 1]}
    with pytest.raises(MediaLitError, match="s1: lowest 2.5 is not a whole number"):
        table.value = {"s1": [2.5, None]}


def test_map_point_moves_by_boxes_buttons_and_clicks(in_tmp):
    lab = ml.lesson("99-test")
    extent = (36.0, 42.0, 32.5, 37.0)
    point = lab.map_point("17", "Where was it filmed?", extent=extent, places={"Palmyra": (34.55, 38.27)}, step=0.5)
    assert point.value is None and (point._lat.value, point._lon.value) == (34.75, 39.0)  # the centre: no answer
    assert "no point placed yet" in point._image.tooltip and point._image.value[:4] == b"\x89PNG"
    point._nudges[0].click()  # North
    assert saved(in_tmp)["17"] == {"kind": "map_point", "value": [35.25, 39.0], "saved": saved(in_tmp)["17"]["saved"]}
    assert "your point: lat 35.250, lon 39.000" in point._image.tooltip and "Palmyra" in point._caption.value
    point._nudges[3].click()  # West
    assert point.value == [35.25, 38.5]
    point._lat.value = 33.12345
    assert saved(in_tmp)["17"]["value"] == [33.123, 38.5]
    box, height = point._pixels  # a click in the middle of the axes: the middle of the extent
    point._click({"dataX": (box.x0 + box.x1) / 2, "dataY": height - (box.y0 + box.y1) / 2})
    assert point.value == [34.75, 39.0]
    point._click({"dataX": 1, "dataY": 1})
    assert "outside the map" in point._status.value and point.value == [34.75, 39.0]
    again = ml.lesson("99-test").map_point("17", "?", extent=extent)
    assert again.value == [34.75, 39.0] and again._lat.value == 34.75
    with pytest.raises(MediaLitError, match="outside the map"):
        again.value = [10, 39]


def test_ranking_answers_only_once_moved_or_kept(in_tmp):
    lab = ml.lesson("99-test")
    items = {"A": "the ministry's statement", "B": "an anonymous activist", "C": "a monitor's count"}
    rank = lab.ranking("18", "Most to least reliable", items)
    assert rank.value is None and rank._order == ml.display_order("18", list(items))
    first, second = rank._order[:2]
    assert rank._ups[1].tooltip == f"Move {second} up" and rank._ups[0].disabled and rank._downs[-1].disabled
    rank._ups[1].click()
    assert saved(in_tmp)["18"]["value"][:2] == [second, first]
    assert f"{second} is now number 1" in rank._status.value and f"1. {second}: " in rank._texts[0].value
    assert rank._downs[0].tooltip == f"Move {second} down"
    assert ml.lesson("99-test").ranking("18", "?", items).value == [second, first, rank._order[2]]
    plain = ml.lesson("99-test").ranking("19", "?", ["x", "y"])
    plain._keep.click()  # an untouched order becomes an answer only when kept
    assert saved(in_tmp)["19"]["value"] == ml.display_order("19", ["x", "y"])
    with pytest.raises(MediaLitError, match="exactly once"):
        plain.value = ["x", "x"]


def test_new_widgets_have_no_dropdown_and_a_label_on_every_control(in_tmp):
    import ipywidgets as w

    lab = ml.lesson("99-test")
    made = [lab.mark_words("21", "?", PASSAGE, ["a", "b"], collapsed=True),
            lab.relay_graph("22", "?", ["x", "y"], claims=["c"]), lab.intervals("23", "?", {"a": "x"}, collapsed=True),
            lab.map_point("24", "?"), lab.ranking("25", "?", ["x", "y", "z"])]
    made[0]._item.value = "p2"  # both texts' word buttons are made
    for m in made:
        for control in _walk(m.widget):
            assert not isinstance(control, (w.Dropdown, w.Select, w.SelectMultiple)), f"{m.kind}: a drop-down"
            if isinstance(control, (w.Checkbox, w.ToggleButtons, w.Button, w.ToggleButton, w.BoundedIntText,
                                    w.BoundedFloatText, w.Text)):
                assert control.description.strip() or control.tooltip, f"{m.kind}: {type(control).__name__}"
            if isinstance(control, (w.Button, w.ToggleButton)):
                assert control.tooltip, f"{m.kind}: the {control.description!r} button has no tooltip"
        assert "No answer yet" in m._status.value
        assert repr(m) == f"<{type(m).__name__} {m.question}: no answer yet>"
    assert [m.kind for m in made] == ["word_marker", "relay_graph", "intervals", "map_point", "ranking"]


# -- the pre/post test's judgement table ---------------------------------------------------------------------------
def test_judgement_table_saves_a_verdict_and_how_sure_per_item_and_folds_comments(in_tmp):
    import ipywidgets as w

    lab = ml.lesson("99-test")
    items = {"A01": "A report.", "A03": "A rude comment, folded."}
    table = lab.judge("1", "Judge each", items, folded={"A03"})
    table._verdicts["A01"].value = "flag"  # a click on "Flag it"
    assert saved(in_tmp)["1"]["value"] == {"A01": {"verdict": "flag", "confidence": None}}
    assert "A01: Flag it; how sure: not chosen yet." in table._status.value
    table._sure["A01"].value = 3
    table._sure["A03"].value = 1
    assert saved(in_tmp)["1"]["value"] == {"A01": {"verdict": "flag", "confidence": 3},
                                           "A03": {"verdict": None, "confidence": 1}}
    assert "A03: no verdict yet; 1 – guessing." in table._status.value
    assert repr(table) == "<JudgementTable 1: 1 of 2 items with a verdict and how sure>"
    again = ml.lesson("99-test").judge("1", "Judge each", items, folded={"A03"})  # Restart & Run All
    assert again._verdicts["A01"].value == "flag" and again._sure["A03"].value == 1
    # the comment's text is folded until asked for; the report's is shown
    rows = [c for c in table.widget.children if isinstance(c, w.VBox)]
    folded_toggle, folded_body = rows[1].children[0].children
    assert isinstance(folded_toggle, w.ToggleButton) and folded_body.layout.display == "none"
    assert isinstance(rows[0].children[0], w.HTML) and "A report." in rows[0].children[0].value
    # every control has a name a screen reader reads
    assert [b.description for b in rows[0].children[1:]] == ["Verdict on A01:", "How sure, A01:"]
    for bad, why in (({"Z9": {"verdict": "flag"}}, "not one of the items"),
                     ({"A01": {"verdict": "maybe"}}, "is not one of"),
                     ({"A01": {"verdict": "pass", "confidence": 5}}, "whole number from 1 to 4"),
                     ({"A01": {"verdict": "pass", "confidence": True}}, "whole number from 1 to 4"),
                     ({"A01": "flag"}, "must be")):
        with pytest.raises(MediaLitError, match=why):
            table.value = bad


def test_the_tests_items_come_in_four_parts_and_fold_the_comments():
    for form in ("A", "B"):
        parts = [ml.assessment_items(form, part) for part in range(1, 5)]
        assert [len(p) for p in parts] == [5, 5, 5, 5]
        assert list(ml.assessment_items(form)) == [i for p in parts for i in p]
        assert all(i.startswith(form) for p in parts for i in p)
        folded = ml.folded_items(form)
        assert folded and folded < set(ml.assessment_items(form))
    with pytest.raises(MediaLitError, match="forms A and B"):
        ml.assessment_items("C")
    with pytest.raises(MediaLitError, match="parts 1 to 4"):
        ml.assessment_items("A", 5)
