"""The casualties layer (lesson 04): every row valid, the review complete, the interval convention kept, and the
items the lesson's discernment exercises rest on present."""

import re
import runpy
from collections import Counter

import pytest

import medialit as ml

BUILDER = ml.data_dir() / "tools" / "build_casualties_layer.py"


@pytest.fixture(scope="module")
def gold():
    return ml.load_annotations("casualties")


@pytest.fixture(scope="module")
def rows(gold):
    return [{k: (None if v != v else v) for k, v in r.items()} for r in gold.to_dict("records")]  # NaN -> None


def test_every_row_is_valid_and_says_why(gold):
    assert len(gold) == 15
    assert Counter(gold["label"]) == {"killed": 9, "injured": 4, "casualties": 2}
    assert Counter(gold["doc"]) == {"003": 12, "002": 2, "004": 1}
    assert Counter(gold["part"]) == {"body": 12, "headline": 2, "comment": 1}
    for row in gold.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text
        assert row.rationale.strip()


def test_the_committed_file_is_what_the_builder_makes(rows):
    builder = runpy.run_path(str(BUILDER))
    built = builder["build_rows"]()
    builder["check_complete"](built)  # every casualty word in the corpus reviewed
    assert built == rows, "datasets/annotations/casualties.jsonl is stale: run datasets/tools/build_casualties_layer.py"


def test_order_counts_figures_in_reading_order(gold):
    for doc, group in gold.groupby("doc"):
        assert list(group.sort_values("start")["order"]) == list(range(1, len(group) + 1)), doc


# Written independently of the builder: a quantity (digits, number words, vague quantities, "number of") in a
# sentence that says people were killed or injured must be a gold figure, unless it is listed here with the reason.
QUANTITY = re.compile(r"(?i)(?<![\w-])(?:(?:at least|up to|more than|over|some|about|a couple of)\s+)?"
                      r"(?:\d+|one|two|three|four|five|six|eight|ten|twenty|sixty|eighty|hundreds?|thousands?|"
                      r"dozens?)(?![\w-])|\b(?:unknown|an?|the)\s+number\s+of\b")
HARM = re.compile(r"(?i)\b(?:kill\w*|injur\w*|wound\w*|casualt\w*|death toll|massacr\w*)\b")
NOT_FIGURES = {
    ("002", "at least 4"): "vehicles destroyed, not people",
    ("000", "thousands"): "historical claim (1939) in an antisemitic comment, outside the layer's scope",
    ("000", "one"): "'was one such': the same comment, not a count",
}


def _sentences(text):
    for match in re.finditer(r"[^.!?\n]+[.!?]*", text):
        yield match.start(), match.group()


def test_every_quantity_in_a_sentence_about_killed_or_injured_is_in_the_layer(rows):
    spans = {(r["doc"], r["start"], r["end"]) for r in rows}
    missing, excused = [], set()
    for doc in ml.document_ids():
        for offset, sentence in _sentences(ml.raw_text(doc)):
            if not HARM.search(sentence):
                continue
            for q in QUANTITY.finditer(sentence):
                s, e = offset + q.start(), offset + q.end()
                hit = any(d == doc and a < e and s < b for d, a, b in spans)
                if not hit and (doc, q.group()) in NOT_FIGURES:
                    excused.add((doc, q.group()))
                elif not hit:
                    missing.append((doc, s, q.group(), sentence.strip()[:80]))
    assert not missing, missing
    assert excused == set(NOT_FIGURES), f"stale exceptions: {set(NOT_FIGURES) - excused}"


def test_the_intervals_follow_the_lessons_convention(rows):
    points = {None, "some", "a couple of hundred"}
    for r in rows:
        low, high, q, text = r["low"], r["high"], r["qualifier"], r["text"]
        number = re.search(r"\d+", text)
        if q in points:
            assert low == high is not None, r
        elif q == "up to":
            assert (low, high) == (None, int(number.group())), r
        elif q == "over":
            assert (low, high) == (int(number.group()) + 1, None), r
        elif q == "at least":
            assert (low, high) == (int(number.group()), None), r
        elif q == "dozens":
            assert (low, high) == (24, None), r
        else:  # no number at all
            assert not number and (low, high) == (None, None), r
        if q is not None:
            assert q in ml.raw_text(r["doc"])[r["start"] - 10:r["end"]], f"qualifier not as printed: {r}"


def test_the_deir_ez_zor_figures_in_003s_body_share_one_root(rows):
    deir = [r for r in rows if r["doc"] == "003" and r["event"].startswith("Deir ez-Zor")]
    assert {r["root"] for r in deir if r["part"] == "body"} == {"Syrian government"}
    assert {r["root"] for r in deir if r["part"] == "headline"} == {"not stated"}
    assert [r["root"] for r in deir if r["part"] == "comment"] == ["a reader"]
    # the same spokesman with two death tolls (corpus-errors.md 1)
    konashenkov = {r["low"] for r in deir if r["label"] == "killed" and "Konashenkov" in (r["cited"] or "")}
    assert konashenkov == {62, 80}


def test_careful_statements_are_in_the_layer_to_earn_credit(rows):
    careful = [r for r in rows if r["low"] is None and r["high"] is None and r["root"] == "US Central Command"]
    assert len(careful) == 1 and "did not have any information" in careful[0]["text"]
    assert careful[0]["label"] == "casualties" and careful[0]["cited"]
    # a vague "unknown number" from an unnamed source is a figure too, but with no root
    assert {r["qualifier"] for r in rows if r["root"] == "not stated" and r["low"] is None} == \
        {"unknown number", "a number of"}


def test_a_row_breaking_the_layer_rules_is_rejected(tmp_path, rows):
    import json

    bad = dict(rows[0], root="Russia")
    path = tmp_path / "casualties.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=r"line 1: field 'root': 'Russia' is not one of"):
        ml.read_layer_file(path, ml.LAYERS["casualties"])
    path.write_text(json.dumps(dict(rows[0], label="wounded")) + "\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=r"line 1: field 'label': 'wounded' is not one of"):
        ml.read_layer_file(path, ml.LAYERS["casualties"])
