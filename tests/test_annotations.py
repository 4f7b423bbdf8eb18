"""Annotation layers: every row valid, the places layer complete, bad rows rejected with file, line and field."""

import json
import re

import pytest

import medialit as ml

# Broad patterns for every place name the corpus uses, written independently of the gold layer.
NAMES = {
    "Deir ez-Zor": r"De(?:i)?r[\s-]*[EeA]?z+[-\s]*Z?[ou]r",
    "Palmyra": r"Palmyra|Tadmur",
    "al-Tanf": r"(?:[Aa][lt]-)?Tanfa?\b",
    "Homs": r"\bHoms\b",
    "Abu Kamal": r"Abu Kamal|Bukamal",
    "Damascus": r"Damascus",
    "Baghdad": r"Baghdad",
    "Maskanah": r"Maskanah?",
    "Raqqa": r"Raqqah?",
    "Al-Qa'im": r"Qa['’]?im\b",
}


def test_places_layer_is_valid_and_every_row_has_a_rationale():
    places = ml.load_annotations("places")
    assert len(places) >= 50
    for row in places.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text
        assert row.rationale.strip()


def test_places_layer_is_complete():
    places = ml.load_annotations("places")
    for label, pattern in NAMES.items():
        found = {(d, m.start(), m.end()) for d in ml.document_ids()
                 for m in re.finditer(pattern, ml.raw_text(d), re.IGNORECASE)}
        gold = {(r.doc, r.start, r.end) for r in places.itertuples() if r.label == label}
        assert found == gold, f"{label}: missing {sorted(found - gold)[:3]}, extra {sorted(gold - found)[:3]}"


def test_places_layer_separates_the_place_from_the_government():
    places = ml.load_annotations("places")
    metonyms = places[places["refers_to"] == "government (metonym)"]
    assert set(metonyms["label"]) == {"Damascus"} and metonyms["place"].isna().all()


GOOD = {"doc": "000", "start": 662, "end": 669, "text": "Palmyra", "label": "x"}


@pytest.mark.parametrize("change, field, message", [
    ({"start": "662"}, "start", "expected a whole number"),
    ({"end": 99999}, "end", "not inside document 000"),
    ({"text": "Palmira"}, "text", "does not match the document"),
    ({"doc": "007"}, "doc", "unknown document"),
    ({"label": ""}, "label", "is empty"),
    ({"start": True}, "start", "expected a whole number"),
])
def test_a_bad_row_is_rejected_naming_file_line_and_field(tmp_path, change, field, message):
    path = tmp_path / "layer.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + json.dumps({**GOOD, **change}) + "\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=rf"layer\.jsonl, line 3: field '{field}': .*{message}"):
        ml.read_layer_file(path)


def test_missing_field_and_broken_json_are_reported(tmp_path):
    path = tmp_path / "layer.jsonl"
    path.write_text(json.dumps({k: v for k, v in GOOD.items() if k != "label"}) + "\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=r"line 1: field 'label': is missing"):
        ml.read_layer_file(path)
    path.write_text(json.dumps(GOOD) + "\n{\"doc\": \"000\",\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=r"line 2: not valid JSON"):
        ml.read_layer_file(path)


def test_layer_rules_apply(tmp_path):
    path = tmp_path / "places.jsonl"
    row = {**GOOD, "label": "Palmyra", "place": "Atlantis", "refers_to": "city", "rationale": "r"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ml.DataError, match=r"line 1: field 'place': 'Atlantis' is not one of"):
        ml.read_layer_file(path, ml.LAYERS["places"])


def test_without_the_answer_keys_the_message_says_why(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ml.data_dir(), tmp_path / "datasets", ignore=shutil.ignore_patterns("annotations"))
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path / "datasets"))
    assert not ml.annotations_available("places")
    with pytest.raises(ml.AnnotationsUnavailable, match="answer key .* teacher shares them after grading"):
        ml.load_annotations("places")
