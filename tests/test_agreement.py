"""The two readings of every layer: the DATASHEET's agreement figures are the script's, every disagreement has a
decision with its reason, and the adjudicated layers follow the decisions."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kit

sys.path.insert(0, str(kit.ROOT / "datasets" / "tools"))
import agreement  # noqa: E402

import medialit as ml  # noqa: E402
from medialit_grader.exercises import disputed, is_disputed  # noqa: E402

DECISIONS = {"first", "second", "merged", "disputed"}


def test_the_datasheet_figures_are_the_ones_the_script_computes_from_the_two_readings():
    result = subprocess.run([sys.executable, str(kit.ROOT / "datasets" / "tools" / "agreement.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (kit.ROOT / "datasets" / "DATASHEET.md").read_text(encoding="utf-8")
    assert agreement.table() in text


@pytest.mark.parametrize("layer", agreement.ORDER)
def test_both_readings_exist_are_valid_and_were_made_separately(layer):
    first, second = agreement.reading("first", layer), agreement.reading("second", layer)
    assert first and second
    # two readings, not one copied: at least the rationales are each reader's own words
    assert {r["rationale"] for r in first}.isdisjoint({r["rationale"] for r in second})


@pytest.mark.parametrize("layer", agreement.ORDER)
def test_every_disagreement_is_adjudicated_with_a_reason_and_no_record_is_stale(layer):
    found = {d["unit"] for d in agreement.disagreements(layer)}
    records = agreement.adjudications(layer)
    assert found <= set(records), f"{layer}: not adjudicated: {sorted(found - set(records))}"
    added = {u for u, r in records.items() if r["first"] is None and r["second"] is None}  # both readings missed it
    assert set(records) - added <= found, f"{layer}: records for no disagreement: {sorted(set(records) - found)}"
    for unit, record in records.items():
        assert record["decision"] in DECISIONS, (unit, record["decision"])
        assert len(record["reason"].split()) >= 5, (unit, "a reason is a sentence")


@pytest.mark.parametrize("layer", agreement.ORDER)
def test_the_layer_follows_the_decisions(layer):
    final = ml.load_annotations(layer)
    for unit, record in agreement.adjudications(layer).items():
        if layer == "comments":
            assert final.set_index("comment").loc[unit, "label"] == record["final"], unit
            continue
        doc, _, span = unit.partition(":")
        start, end = map(int, span.split("-"))
        here = final[(final.doc == doc) & (final.start < end) & (final.end > start)]
        if record["final"] is None:
            assert here.empty, f"{layer} {unit}: decided 'no row', but the layer has {here.text.tolist()}"
        else:
            assert not here.empty, f"{layer} {unit}: decided {record['final']!r}, but the layer has no row there"


def test_adjudicated_rows_say_so_in_their_rationale():
    for layer in agreement.ORDER:
        final = ml.load_annotations(layer)
        noted = final.rationale.str.contains("Adjudicated:").sum()
        changed = [r for r in agreement.adjudications(layer).values() if r["final"] is not None]
        assert noted >= len(changed) * 0.5, (layer, noted, len(changed))


def test_disputed_units_are_known_to_the_grader():
    records = {layer: agreement.adjudications(layer) for layer in agreement.ORDER}
    for layer, by_unit in records.items():
        assert disputed(layer) == {u for u, r in by_unit.items() if r["decision"] == "disputed"}
    if "003-c05" in records["comments"]:
        assert "003-c05" in disputed("comments")  # the KZM comment: never graded on a guessed decoding
    some = next((u for u in disputed("places")), None)
    if some:
        doc, _, span = some.partition(":")
        start, end = map(int, span.split("-"))
        assert is_disputed("places", doc, start, end) and not is_disputed("places", doc, end + 1000, end + 1001)


def test_the_datasheet_states_the_guidelines_both_readers_followed():
    text = (kit.ROOT / "datasets" / "DATASHEET.md").read_text(encoding="utf-8")
    section = text.split("## Annotation guidelines", 1)[1].split("\n## ", 1)[0]
    for layer in agreement.ORDER:
        assert f"**{layer}**" in section, layer


def test_the_agreement_figures_the_lessons_quote_are_the_datasheets():
    """Lessons and teacher notes say who made the key and how far the two readings agreed; the figures they quote
    ("κ = 0.70", "span F1 0.85") must be figures of the table, so a re-adjudication cannot leave them stale."""
    import re

    table = agreement.table()
    quoted = []
    for path in sorted((kit.ROOT / "solutions").glob("*/*")):
        if path.suffix in (".ipynb", ".md"):
            text = path.read_text(encoding="utf-8")
            quoted += [(path.name, x) for x in re.findall(r"(?:κ = |span F1 )(\d\.\d\d)", text)]
    assert len(quoted) >= 8, quoted
    assert not [q for q in quoted if q[1] not in table], [q for q in quoted if q[1] not in table]
