"""Lesson 04's literal keys, checked against the casualties layer (datasets/annotations/casualties.jsonl) and against
the lesson's own items, so that a key copied by hand cannot drift from the annotation or from what students see."""

from __future__ import annotations

import re

import pytest

import kit
import medialit as ml
from medialit import display_order
from medialit_grader.errors import Wrong
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
    return kit.notebook_literals(LESSON)


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


# -- the core track (04-casualties-core) and 4.12 -------------------------------------------------------------------
def _rule(cell):
    exercise = {e.cell: e for e in lesson04.EXERCISES}[cell]
    return exercise, exercise.the_key()


def _no_answer_in(hint: str, answers) -> None:
    for answer in answers:
        assert not re.search(rf"(?i)(?<!\w){re.escape(answer)}(?!\w)", hint), f"the hint gives {answer!r} away"


def _marks(key, spans):
    """Word marks as the widget makes them (every word a span touches), from (passage, start, end, label)."""
    from medialit.widgets import text_units

    out = []
    for item, start, end, label in spans:
        words = [(a, b) for a, b in text_units(key["texts"][item], "word") if a < end and start < b]
        out.append({"item": item, "start": words[0][0], "end": words[-1][1], "label": label,
                    "text": key["texts"][item][words[0][0]:words[-1][1]]})
    return out


def test_marked_figures_passages_are_the_notebooks(literals):
    assert literals["PASSAGES"] == {k: tuple(v) for k, v in lesson04.PASSAGES.items()}
    key = _rule("test_marked_figures")[1]
    figures = {item for item, *_ in key["gold"]}
    assert len(key["gold"]) == 14 and not key["disputed"]
    assert len(set(key["texts"]) - figures) >= 3, "passages with no casualty figure (items that are fine) are needed"
    layer = ml.load_annotations("casualties")
    assert len(key["gold"]) == (layer["part"] != "comment").sum(), "every headline and body figure is in a passage"


def test_marked_figures_rule():
    exercise, key = _rule("test_marked_figures")
    rule = exercise.rule
    right = _marks(key, key["gold"])
    rule({"4.10": right}, key)
    # with a word or two around each figure, and one figure missed: still enough
    loose = [(i, max(0, s - 8), e, label) for i, s, e, label in key["gold"]][1:]
    rule({"4.10": _marks(key, loose)}, key)
    # blankets: every word of every passage marked with one label (one span per passage)
    for label in lesson04.LABELS:
        everything = [(i, 0, len(t), label) for i, t in key["texts"].items()]
        with pytest.raises(Wrong):
            rule({"4.10": _marks(key, everything)}, key)
    # every number marked, each with its right label where it is a figure: precision fails
    numbers = [(i, m.start(), m.end(), "killed") for i, t in key["texts"].items()
               for m in re.finditer(r"\d+|(?i:\b(?:two|four|eighty)\b)", t)]
    gold_at = {(g[0], g[1]): g[3] for g in key["gold"]}
    covered = {(i, s) for i, s, _, _ in numbers}
    every_number = [(i, s, e, gold_at.get((i, s), label)) for i, s, e, label in numbers] + \
        [tuple(g) for g in key["gold"] if (g[0], g[1]) not in covered]  # and the figures with no number in them
    with pytest.raises(Wrong):
        rule({"4.10": _marks(key, every_number)}, key)
    # the right figures, every one labelled "killed": the injured and the casualties are wrong
    with pytest.raises(Wrong):
        rule({"4.10": _marks(key, [(i, s, e, "killed") for i, s, e, _ in key["gold"]])}, key)
    # two figures run together in one mark count as neither
    merged = [(g[0], g[1], h[2], g[3]) for g, h in zip(key["gold"], key["gold"][1:]) if g[0] == h[0]]
    with pytest.raises(Wrong):
        rule({"4.10": _marks(key, merged + [g for g in key["gold"] if g[3] == "killed"][:2])}, key)
    _no_answer_in(exercise.hint, {key["texts"][i][s:e] for i, s, e, _ in key["gold"]})


def test_intervals_key_agrees_with_the_convention_and_the_notebook(literals):
    exercise, key = _rule("test_intervals")
    phrases = literals["PHRASES"]
    assert set(phrases) == set(key) == set(lesson04.INTERVAL_ITEMS)
    for item, (doc, text) in lesson04.INTERVAL_ITEMS.items():
        assert f"“{text}”" in phrases[item], f"4.11 {item}: the row no longer shows {text!r}"
        low, high = lesson04.TABLE.get(text) or lesson04.UNSEEN.get(text) or lesson04.TABLE[text.lower()]
        assert key[item] == [0 if low is None else low, high], f"4.11 {item}: the layer and the convention differ"
    rule = exercise.rule
    rule({"4.11": key}, key)
    rule({"4.11": {**key, "a": [1, 100], "j": [1500, None]}}, key)  # two slips allowed
    with pytest.raises(Wrong):
        rule({"4.11": {item: [0, None] for item in key}}, key)  # the blanket
    # plausible wrong: "over n" from n, "up to n" and "as many as n" as the number itself, "dozens" as one dozen
    wrong = {**key, "a": [100, 100], "e": [100, None], "c": [12, None], "j": [1500, None], "l": [90, 90]}
    with pytest.raises(Wrong):
        rule({"4.11": wrong}, key)
    _no_answer_in(exercise.hint, [text for _, text in lesson04.INTERVAL_ITEMS.values()])


def test_who_knows_key_is_the_layers_chain(literals):
    exercise, key = _rule("test_who_knows")
    who = literals["WHO"]
    assert key == ["command", "ministry", "fars", "vt", "reader"]
    assert set(who) == set(key)
    for item, name in lesson04.RANK_ITEMS.items():
        assert name in who[item]
    row = _row("003", "Eighty Syrian soldiers were killed")
    assert "citing the Syrian General Command" in row["cited"] and row["relayed_by"].startswith("Fars")
    rule = exercise.rule
    rule({"4.12": key}, key)
    rule({"4.12": ["command", "ministry", "fars", "reader", "vt"]}, key)  # one swap of neighbours
    for wrong in (display_order("4.12", list(who)),          # the blanket: the order first shown
                  list(reversed(key)),
                  ["fars", "vt", "ministry", "command", "reader"],   # the outlets first: who printed it
                  ["ministry", "command", "vt", "fars", "reader"]):  # two swaps
        with pytest.raises(Wrong):
            rule({"4.12": wrong}, key)
    _no_answer_in(exercise.hint, ["General Command", "Konashenkov", "Fars", "Veterans Today", "Syrian", "Russia"])
