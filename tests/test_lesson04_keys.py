"""Lesson 04's literal keys, checked against the casualties layer (datasets/annotations/casualties.jsonl) and against
the lesson's own items, so that a key copied by hand cannot drift from the annotation or from what students see."""

from __future__ import annotations

import ast

import nbformat
import pytest

import kit
import medialit as ml
from medialit import display_order
from medialit_grader.exercises import for_lesson
from medialit_grader.lessons import lesson04

LESSON = "04-casualties"

# Each item of 4.4 and 4.5: the document and a passage of it that holds the item's figure (the passage must also stand
# in the item's text as shown, so the mapping cannot go stale). None: the item has no casualty figure of its own.
ROOT_ITEMS = {
    "A": ("003", "Advance, 80 Killed"),
    "B": ("003", "killing 80 and wounding up to 100"),
    "C": ("003", "killing some 80 soldiers"),
    "D": ("003", "Eighty Syrian soldiers were killed"),
    "E": ("003", "62 Syrian soldiers were killed"),
    "F": ("003", "increased to 80"),
    "G": ("002", "killing unknown number of militants"),
    "H": ("004", "any information about the number of casualties"),
    "I": ("003", "a couple of hundred"),
}
JUDGED_ITEMS = {
    "1": ("004", "any information about the number of casualties"),
    "2": ("003", "62 Syrian soldiers were killed"),
    "3": ("003", "Advance, 80 Killed"),
    "4": ("003", "increased to 80"),
    "5": ("003", "Eighty Syrian soldiers were killed"),
    "6": None,  # SANA: "caused casualties", no figure
    "7": ("003", "killing some 80 soldiers"),
    "8": ("003", "a couple of hundred"),
}
LAYER_ROOT_AS_OFFERED = {"a reader": "a reader's own claim"}  # the layer's name -> the widget's label


def _literals() -> dict:
    nb = nbformat.read(kit.ROOT / "solutions" / LESSON / f"{LESSON}.ipynb", as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    found[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return found


def _row(doc: str, passage: str):
    """The layer's row for the figure inside a passage of a document (exactly one)."""
    raw = ml.raw_text(doc)
    at = raw.find(passage)
    assert at >= 0, f"{passage!r} is not in document {doc}"
    layer = ml.load_annotations("casualties")
    rows = layer[(layer["doc"] == doc) & (layer["start"] < at + len(passage)) & (layer["end"] > at)]
    assert len(rows) >= 1, f"no casualty figure of the layer inside {passage!r} ({doc})"
    return rows.iloc[0]


def _shown(text: str, passage: str) -> bool:
    return passage in " ".join(text.split())


@pytest.fixture(scope="module")
def literals():
    return _literals()


def test_roots_key_is_the_layers_root(literals):
    statements = literals["STATEMENTS"]
    assert set(statements) == set(lesson04.ROOTS_KEY) == set(ROOT_ITEMS)
    for item, (doc, passage) in ROOT_ITEMS.items():
        assert _shown(statements[item], passage), f"4.4 {item}: the item no longer shows {passage!r}"
        root = _row(doc, passage)["root"]
        assert lesson04.ROOTS_KEY[item] == LAYER_ROOT_AS_OFFERED.get(root, root), \
            f"4.4 {item}: key {lesson04.ROOTS_KEY[item]!r}, layer {root!r}"
        assert lesson04.ROOTS_KEY[item] in literals["ROOTS"]


def _accepted(value) -> set:
    return set(value) if isinstance(value, list) else {value}


def test_judgements_key_agrees_with_the_layer_and_with_the_lessons_definition(literals):
    sentences, key = literals["SENTENCES"], lesson04.JUDGEMENTS_KEY
    assert set(sentences) == set(key) == set(JUDGED_ITEMS)
    layer = ml.load_annotations("casualties")
    for item, where in JUDGED_ITEMS.items():
        if where is None:
            continue
        doc, passage = where
        assert _shown(sentences[item], passage), f"4.5 {item}: the item no longer shows {passage!r}"
        row = _row(doc, passage)
        if row["root"] in ("not stated", "a reader"):
            # the source is hidden, or nobody's but the writer's: questionable by the lesson's definition
            assert _accepted(key[item]) == {"questionable"}, f"4.5 {item}: a figure with no source keyed sound"
        if "sound" in _accepted(key[item]):
            assert row["root"] not in ("not stated", "a reader"), f"4.5 {item}: keyed sound without a named root"
    # 5: the Fars text gives "Eighty" to Konashenkov, whom the layer records with another number in the same document
    eighty = _row("003", "Eighty Syrian soldiers were killed")
    same_speaker = layer[(layer["doc"] == "003") & (layer["label"] == "killed")
                         & layer["cited"].fillna("").str.contains("Konashenkov")]
    assert len(set(same_speaker["low"])) > 1 and eighty["low"] == 80
    assert _accepted(key["5"]) == {"questionable"}
    # 7: "some 80" is the General Command's per the layer; its statement as SANA carried it gave no number (the
    # lesson's table, from references/events.md §1), so by the lesson's definition it is questionable
    assert "General Command" in _row("003", "killing some 80 soldiers")["cited"]
    assert _accepted(key["7"]) == {"questionable"}


def test_judgements_rule_rewards_discernment(literals):
    rule, key = for_lesson(LESSON)["test_judgements"].rule, lesson04.JUDGEMENTS_KEY
    one_reading = {k: (v[0] if isinstance(v, list) else v) for k, v in key.items()}
    rule({"4.5": one_reading}, key)
    rule({"4.5": {**one_reading, "4": "questionable"}}, key)  # item 4 accepts either reading
    for everything in ("sound", "questionable"):
        with pytest.raises(Exception):
            rule({"4.5": {k: everything for k in key}}, key)
    # a student who applies lesson 02 (no official Syrian 80 on record: 4 and 7 questionable) passes
    rule({"4.5": {**one_reading, "4": "questionable", "7": "questionable"}}, key)


def test_reasons_key_options_and_order(literals):
    options = literals["REASONS"]
    assert options == lesson04.REASONS, "the notebook's options and the declaration's must be the same list"
    right = for_lesson(LESSON)["test_reasons"].the_key()
    assert set(right) <= set(options) and 0 < len(right) < len(options)
    marks = [o in right for o in display_order("4.8", options)]
    assert marks != sorted(marks, reverse=True), "the right options must not all come first"
    rule = for_lesson(LESSON)["test_reasons"].rule
    rule({"4.8": list(right)}, right)
    for ticked in (list(options), [o for o in options if o not in right][:1]):
        with pytest.raises(Exception):
            rule({"4.8": ticked}, right)
