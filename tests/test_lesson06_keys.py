"""Lesson 06's keys and worked examples against the comments layer (datasets/annotations/comments.jsonl), so that
the adjudicated layer stays the one home of every label the lesson grades or teaches with. The declarations compute
the keys of 6.3, 6.4 and 6.8 from the layer and leave out what its adjudication left disputed; what is written out
as a literal (the model answer, the labelling guide, the described cases of 6.2, the comments of 6.9) is checked
here. No message quotes a comment."""

from __future__ import annotations

import re

import nbformat
import pytest

import kit
import medialit as ml
from medialit_grader.exercises import disputed
from medialit_grader.lessons import lesson06 as L

NOTEBOOK = kit.ROOT / "solutions" / "06-hate" / "06-hate.ipynb"
REFERENCES = kit.ROOT.parent / "shared" / "references"

# The comments of the corpus that the described cases of 6.2 paraphrase (F is made up for the lesson).
CASE_SOURCES = {"A": "000-c05", "B": "000-c18", "C": "003-c01", "D": "000-c25", "E": "003-c04"}


@pytest.fixture(scope="module")
def layer():
    return ml.load_annotations("comments").set_index("comment")


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_the_model_answer_of_6_3_is_the_layer_on_every_graded_item(notebook, layer):
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "my_labels")
    solution = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S).group(1)
    scope: dict = {}
    exec(solution.replace("my_labels.value", "value"), {}, scope)
    model = scope["value"]
    assert set(model) == set(L.LABEL_ITEMS)
    wrong = sorted(i for i in L.LABEL_ITEMS if i not in disputed("comments") and model[i] != layer.loc[i, "label"])
    assert not wrong, f"the model answer differs from the comments layer on {wrong}"


def test_the_keys_of_6_3_and_6_8_follow_the_layer_and_leave_out_what_it_disputes(layer):
    skip = disputed("comments")
    labels = L._gold_labels()
    assert set(labels) == set(L.LABEL_ITEMS) - skip
    assert all(labels[i] == layer.loc[i, "label"] for i in labels)
    key = L._gold_hate()
    assert set(key["hate"]) == set(layer.index[layer["label"] == "hate"]) - skip
    assert set(key["not_graded"]) == skip


def test_the_unknown_acronym_of_section_4_is_disputed_and_so_not_graded(layer):
    """The lesson (6.3 and section 4) says 003-c05 is not graded, either way: its reading hinges on an acronym no
    reference documents. That holds as long as the adjudication leaves it disputed."""
    assert L.TEACHING_EXAMPLE in L.LABEL_ITEMS
    assert L.TEACHING_EXAMPLE in disputed("comments"), "the lesson says 003-c05 is not graded: the layer must agree"
    assert layer.loc[L.TEACHING_EXAMPLE, "doubt"], "its row should say why it is disputed"


@pytest.mark.skipif(not REFERENCES.is_dir(), reason="the shared references are not beside this checkout")
def test_no_reference_documents_the_acronym_of_003_c05():
    """The reason 003-c05 is not graded. If a reference comes to document the acronym, revisit the adjudication."""
    found = [p.name for p in REFERENCES.iterdir() if p.is_file() and re.search(r"\bKZM\b", p.read_text(errors="ignore"))]
    assert not found, f"{found} now mention the acronym: decide with the layer whether 003-c05 can be graded"


def test_the_labelling_guide_of_section_2_agrees_with_the_layer(notebook, layer):
    guide = next(c.source for c in notebook.cells if c.cell_type == "markdown" and "A labelling guide" in c.source)
    rows = re.findall(r"^\| (\d{3}-c\d+) \| (civil|incivility|hate)\b", guide, re.M)
    assert len(rows) == 4
    assert not set(i for i, _ in rows) & set(L.LABEL_ITEMS), "the guide's examples must not be items of 6.3"
    wrong = [i for i, label in rows if layer.loc[i, "label"] != label]
    assert not wrong, f"the labelling guide disagrees with the comments layer on {wrong}"


def test_the_described_cases_of_6_2_agree_with_the_layer(layer):
    for case, comment in CASE_SOURCES.items():
        is_hate = layer.loc[comment, "label"] == "hate"
        assert (L.HATE_OR_NOT_KEY[case] == "hate") == is_hate, \
            f"case {case} ({comment}): the key says {L.HATE_OR_NOT_KEY[case]!r}, the layer {layer.loc[comment, 'label']!r}"


def test_the_moderation_comments_of_6_9_are_as_the_model_answer_reads_them(layer):
    assert layer.loc["003-c01", "label"] == "hate"
    assert layer.loc["000-c26", "label"] == "incivility"
    assert layer.loc["000-c05", "label"] == "incivility"


def test_the_options_of_6_1_in_the_notebook_are_the_declaration_s(notebook):
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "rabat_factors")
    scope: dict = {}
    exec(cell.source.split("rabat_factors =")[0], {}, scope)
    assert scope["RABAT_OPTIONS"] == L.RABAT_OPTIONS


# -- the core track's 6.10 and the shared 6.11 (Going further) -----------------------------------------------------
def _cell_solution(notebook, grade_id, name):
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    solution = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S).group(1)
    scope: dict = {}
    exec(solution.replace(f"{name}.value", "value"), {}, scope)
    return scope["value"]


def _score(exercise_id, answers):
    from medialit_grader.exercises import by_id, score

    return score(by_id(exercise_id), {"answer": answers}).points


def test_the_key_of_6_10_crosses_the_naive_list_with_the_layer(layer):
    key = L._filter_key()
    hits = set(L._naive_hits_key())
    assert set(key) == set(L.LABEL_ITEMS) - disputed("comments")
    for i, verdict in key.items():
        assert (verdict in ("correct flag", "false alarm")) == (i in hits)
        assert (verdict in ("correct flag", "miss")) == (layer.loc[i, "label"] == "hate")
    assert "false alarm" in key.values() and "correct pass" in key.values(), "6.10 needs items that are fine"


def test_the_model_answer_of_6_10_is_the_key_and_scores_full(notebook):
    model = _cell_solution(notebook, "filter_check", "filter_check")
    assert set(model) == set(L.LABEL_ITEMS) and set(model.values()) <= set(L.FILTER_LABELS)
    key = L._filter_key()
    assert {i: model[i] for i in key} == key
    assert _score("6.10", {"6.10": model}) == 3


@pytest.mark.parametrize("label", ["correct flag", "false alarm", "miss", "correct pass"])
def test_a_blanket_answer_to_6_10_scores_0(label):
    assert _score("6.10", {"6.10": {i: label for i in L.LABEL_ITEMS}}) == 0


def test_plausible_wrong_answers_to_6_10_fail_or_score_half():
    key = L._filter_key()
    hits = set(L._naive_hits_key())
    # "the list is right": every flag a correct flag, every pass a correct pass
    trusting = {i: "correct flag" if i in hits else "correct pass" for i in L.LABEL_ITEMS}
    assert _score("6.10", {"6.10": trusting}) == 0
    # the topic view: every flagged comment hate, and the coded prefix not seen
    assert _score("6.10", {"6.10": {**trusting, "003-c04": "correct pass"}}) == 0
    # every false alarm found, the coded prefix missed: half
    no_code = {**key, "003-c04": "correct pass"}
    assert _score("6.10", {"6.10": no_code}) == 1.5


def test_the_key_of_6_11_is_the_layer_s_cues(layer):
    comments = ml.load_comments().set_index("id")
    key = L._hate_words_key()
    assert list(key) == [i for i in L.HATE_WORD_ITEMS if i not in disputed("comments")]
    fine = [i for i in key if not key[i]["cues"]]
    assert fine and all(layer.loc[i, "label"] != "hate" for i in fine), "6.11 needs a comment that is fine"
    for item, entry in key.items():
        text = comments.loc[item, "text"]
        cues = layer.loc[item, "cues"] if layer.loc[item, "label"] == "hate" else []
        assert [text[a:b] for a, b in entry["cues"]] == [c["text"] for c in (cues or [])]


def test_the_model_answer_of_6_11_covers_the_cues_and_scores_full(notebook):
    model = _cell_solution(notebook, "hate_words", "hate_words")
    key = L._hate_words_key()
    for item, entry in key.items():
        mine = [(s["start"], s["end"]) for s in model if s["item"] == item]
        assert len(mine) == len(entry["cues"])
        for (a, b), (c0, c1) in zip(mine, entry["cues"]):
            assert a <= c0 and c1 <= b and b - a - (c1 - c0) <= 2, "the model spans are the cues, widened to words"
    assert _score("6.11", {"6.11": model}) == 3


def _mark_all(items):
    comments = ml.load_comments().set_index("id")
    return [{"item": i, "start": 0, "end": len(comments.loc[i, "text"]), "label": "marked"} for i in items]


def test_a_blanket_answer_to_6_11_scores_0():
    assert _score("6.11", {"6.11": _mark_all(L.HATE_WORD_ITEMS)}) == 0
    assert _score("6.11", {"6.11": _mark_all(["003-c01", "003-c04"])}) == 0  # whole hateful comments


def test_marking_the_topic_words_of_6_11_fails():
    """A plausible wrong answer: the words that name Israel or the Nazis, i.e. the topic, not the attack."""
    comments = ml.load_comments().set_index("id")
    spans = []
    for item in L.HATE_WORD_ITEMS:
        text = comments.loc[item, "text"]
        for m in re.finditer(r"\S*(?:Israel|Nazi|Likud|Zionis)\S*", text):
            spans.append({"item": item, "start": m.start(), "end": m.end(), "label": "marked"})
    assert spans
    assert _score("6.11", {"6.11": spans}) == 0


def test_the_hints_of_6_10_and_6_11_share_no_answer():
    from medialit_grader.exercises import by_id

    comments = ml.load_comments().set_index("id")
    key = L._hate_words_key()
    cue_words = {w.lower().strip(".,;:!?\"'()") for item, entry in key.items()
                 for a, b in entry["cues"] for w in comments.loc[item, "text"][a:b].split()}
    for exercise_id in ("6.10", "6.11"):
        hint = by_id(exercise_id).hint
        assert not re.search(r"\d{3}-c\d+", hint), f"{exercise_id}: the hint names a comment"
        words = {w.lower().strip(".,;:!?\"'()") for w in hint.split()}
        long_cues = {w for w in cue_words if len(w) > 4}
        assert not words & long_cues, f"{exercise_id}: the hint shares {words & long_cues} with the key"
    assert "zio" not in by_id("6.11").hint.lower()
