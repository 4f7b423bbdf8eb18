"""The propaganda layer (lesson 05): every row valid, counts, completeness checks that can fail, the discernment
items present, and the span metric on more hand-computed cases."""

import json
import re
import runpy

import pytest

import medialit as ml

BUILD = runpy.run_path(str(ml.data_dir() / "tools" / "build_propaganda_layer.py"))
TECHNIQUES = BUILD["TECHNIQUES"]  # technique -> SemEval-2020 class (None: dropped)
COMMENTS = BUILD["COMMENTS"]


@pytest.fixture(scope="module")
def layer():
    return ml.load_annotations("propaganda")


@pytest.fixture(scope="module")
def regions():
    return BUILD["regions"]()


def test_every_row_is_valid_and_says_why(layer):
    assert len(layer) == 73  # after adjudicating the two readings (datasets/annotations/adjudication/)
    for row in layer.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text
        assert row.text == row.text.strip() and not row.text.endswith(".")
        assert row.rationale.strip() and len(row.rationale) <= 140


def test_the_file_is_what_the_build_script_makes():
    rows = BUILD["build"]()
    with open(ml.data_dir() / "annotations" / "propaganda.jsonl", encoding="utf-8") as handle:
        assert [json.loads(line) for line in handle if line.strip()] == rows


def test_labels_are_the_18_techniques_and_semeval_the_14_classes():
    spec = ml.LAYERS["propaganda"]
    assert spec.labels == frozenset(TECHNIQUES) and len(spec.labels) == 18
    assert spec.choices["semeval"] == frozenset(c for c in TECHNIQUES.values() if c) and len(spec.choices["semeval"]) == 14
    assert [t for t, c in TECHNIQUES.items() if c is None] == ["Obfuscation or intentional vagueness"]


def test_each_row_has_its_techniques_semeval_class(layer):
    for row in layer.itertuples():
        assert row.semeval == TECHNIQUES[row.label], row.text


def test_counts_by_label_and_document(layer):
    counts = layer["label"].value_counts().to_dict()
    assert counts["Loaded language"] == 20 and counts["Name calling or labelling"] == 18
    assert len(counts) == 14  # Repetition, Slogans, Straw man, Obfuscation: none in these texts
    assert layer.groupby("doc").size().to_dict() == {"000": 21, "001": 2, "002": 5, "003": 22, "004": 23}
    assert (layer["voice"] == "quoted").sum() == 4 and set(layer[layer["voice"] == "quoted"]["doc"]) == {"003"}


def test_every_span_lies_in_its_region_an_article_body_or_a_chosen_comment(layer, regions):
    assert set(layer["region"]) <= set(regions)
    for row in layer.itertuples():
        doc, start, end = regions[row.region]
        assert row.doc == doc and start <= row.start and row.end <= end, row.text


def test_hateful_comments_are_left_out(layer):
    left_out = {"000-c12", "000-c25", "000-c26", "000-c27", "000-c28", "000-c38", "003-c01", "003-c02", "003-c04",
                "003-c05", "003-c06", "003-c13", "003-c19", "004-c02"}
    assert not left_out & set(COMMENTS)
    assert not left_out & set(layer["region"])


def test_every_so_called_and_scare_quoted_group_is_labelled(layer, regions):
    """Completeness: the policy says 'so-called X' re-labels X; every one in the annotated texts must be a span."""
    for region, (doc, start, end) in regions.items():
        for m in re.finditer(r"(?i)so[- ]called", ml.raw_text(doc)[start:end]):
            a = start + m.start()
            hit = layer[(layer["doc"] == doc) & (layer["start"] <= a) & (layer["end"] > a)]
            assert set(hit["label"]) == {"Name calling or labelling"}, (region, m.group())


def test_no_two_spans_of_one_label_overlap(layer):
    for (doc, label), group in layer.groupby(["doc", "label"]):
        spans = sorted(zip(group["start"], group["end"]))
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), (doc, label)


def test_discernment_items_are_left_plain(layer, regions):
    raw = {d: ml.raw_text(d) for d in ml.document_ids()}
    for region, anchor, why in BUILD["NOT_TECHNIQUES"]:
        doc, start, end = BUILD["locate"](region, anchor, raw, regions)
        overlap = layer[(layer["doc"] == doc) & (layer["start"] < end) & (layer["end"] > start)]
        assert overlap.empty and why, (region, anchor)
    assert not (layer["region"] == "001").any(), "Al-Masdar's plain report has no technique"
    assert "Repetition" not in set(layer["label"]), "002's duplicated sentence is a copying error"
    plain_comments = set(COMMENTS) - set(layer["region"])
    assert len(plain_comments) >= 10, "the comment set must include plain comments"


def test_labelling_everything_scores_badly(layer, regions):
    gold = [(r.doc, r.start, r.end, r.label) for r in layer.itertuples()]
    whole = [(doc, s, e, "Loaded language") for doc, s, e in regions.values()]
    sentences = [(doc, s + a, s + b, "Loaded language") for doc, s, e in regions.values()
                 for a, b in ml.text_units(ml.raw_text(doc)[s:e], "sentence")]
    for flagged in (whole, sentences):
        scores = ml.semeval_span_scores(flagged, gold)
        assert scores.precision < 0.06 and scores.f1 < 0.1, scores
    # even ignoring the labels, marking everything leaves precision low (gold spans that overlap are not merged by
    # the metric yet, which flatters this number a little)
    anon = ml.semeval_span_scores([(*x[:3], "x") for x in whole], [(*x[:3], "x") for x in gold])
    assert anon.recall == pytest.approx(1.0) and anon.precision < 0.25


def test_a_bad_semeval_class_or_voice_is_rejected(tmp_path):
    good = {"doc": "004", "start": 954, "end": 963, "text": "allegedly", "label": "Doubt", "semeval": "Doubt",
            "voice": "author", "region": "004", "rationale": "r"}
    path = tmp_path / "propaganda.jsonl"
    for change, field in [({"semeval": "Propaganda"}, "semeval"), ({"voice": "narrator"}, "voice"),
                          ({"label": "Sarcasm"}, "label")]:
        path.write_text(json.dumps({**good, **change}) + "\n", encoding="utf-8")
        with pytest.raises(ml.DataError, match=rf"line 1: field '{field}': .* is not one of"):
            ml.read_layer_file(path, ml.LAYERS["propaganda"])
    path.write_text(json.dumps({**good, "semeval": None}) + "\n", encoding="utf-8")
    assert ml.read_layer_file(path, ml.LAYERS["propaganda"])[0]["semeval"] is None


# -- the span metric: more hand-computed cases -----------------------------------------------------------------------

def test_span_scores_keep_documents_apart():
    gold = [("a", 0, 10, "Doubt"), ("b", 0, 10, "Doubt")]
    # the same offsets in the wrong document earn nothing
    s = ml.semeval_span_scores([("a", 0, 10, "Doubt"), ("c", 0, 10, "Doubt")], gold)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5)


def test_span_scores_average_over_spans_not_characters():
    # gold: a 2-character and an 18-character span; finding the short one fully gives recall (1 + 0) / 2
    gold = [("d", 0, 2, "Doubt"), ("d", 10, 28, "Doubt")]
    s = ml.semeval_span_scores([("d", 0, 2, "Doubt")], gold)
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(0.5) and s.f1 == pytest.approx(2 / 3)


def test_span_scores_of_one_long_prediction_over_two_gold_spans():
    # prediction 0-20 covers gold 0-5 and 10-15: precision (5 + 5) / 20 = 0.5, recall (1 + 1) / 2 = 1
    gold = [("d", 0, 5, "Doubt"), ("d", 10, 15, "Doubt")]
    s = ml.semeval_span_scores([("d", 0, 20, "Doubt")], gold)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(1.0) and s.f1 == pytest.approx(2 / 3)


def test_span_scores_mixed_labels_score_each_label_separately():
    gold = [("d", 0, 10, "Doubt"), ("d", 0, 10, "Loaded language")]
    s = ml.semeval_span_scores([("d", 0, 10, "Doubt")], gold)
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(0.5)

