"""The attributions layer (lesson 02): every row valid, complete against an independent cue pattern, the relay
chains of document 003 present, and the items that make "everything is unreliable" lose are in it."""

import re
from collections import Counter

import pytest

import medialit as ml

# Written independently of the build script: words that report speech, with the matches in the corpus that are not
# attributions (each checked by hand; the build script gives the reasons).
CUES = (r"(?i)\b(?:according to|said|says|told|reported|stated|denied|accused|blamed|complained|believe|indicate|"
        r"citing|allegedly|rumours|added|emphasized|confirmed)\b")
NOT_ATTRIBUTIONS = {
    ("000", "said"): 2,           # "nicely said." and "As I said before" (a commenter quoting himself)
    ("002", "confirmed"): 1,      # "the US-led force ... once again confirmed that its real goals": the writer's inference
    ("002", "believe"): 1,        # "don't allow to believe": the writer's view
    ("003", "believe"): 1,        # "Sadly, I believe you are correct": the commenter's view
    ("004", "reported"): 1,       # "a widely under reported attack": an unsourced claim
    ("004", "indicate"): 1,       # "their actions indicate the opposite": the writer's inference
}


@pytest.fixture(scope="module")
def layer():
    return ml.load_annotations("attributions")


def _parts():
    docs, comments = ml.load_documents(), ml.load_comments()
    return ([(r.id, r.body_start, r.body_end) for r in docs.itertuples()]
            + [(r.document, r.start, r.end) for r in comments.itertuples()])


def test_every_row_is_valid_and_has_a_rationale(layer):
    assert len(layer) >= 60
    for row in layer.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text
        assert row.rationale.strip() and row.source.strip() and row.cited_by.strip()
        assert row.label in ml.LAYERS["attributions"].labels


def test_every_row_lies_in_an_article_body_or_a_comment(layer):
    parts = _parts()
    for row in layer.itertuples():
        assert any(d == row.doc and s <= row.start and row.end <= e for d, s, e in parts), row.text
    comment_rows = layer[layer["cited_by"].str.startswith("reader comment")]
    comments = ml.load_comments().set_index("id")
    for row in comment_rows.itertuples():
        cid = row.cited_by.split()[-1]
        assert comments.loc[cid, "start"] <= row.start and row.end <= comments.loc[cid, "end"], (cid, row.text)


def test_counts_by_label(layer):
    counts = Counter(layer["label"])
    # after adjudicating the two readings (datasets/annotations/adjudication/attributions.jsonl)
    assert counts == {"party to the conflict": 35, "vague or anonymous": 20, "other named source": 8,
                      "other outlet": 4, "state media": 5}, counts
    assert counts["independent monitor"] == 0  # the corpus's finding: no monitor is cited anywhere


def test_the_layer_is_complete_against_an_independent_cue_pattern(layer):
    spans = {(r.doc, r.start, r.end) for r in layer.itertuples()}
    missed = Counter()
    for doc, start, end in _parts():
        raw = ml.raw_text(doc)
        for m in re.finditer(CUES, raw[start:end]):
            s, e = start + m.start(), start + m.end()
            if not any(d == doc and gs < e and s < ge for d, gs, ge in spans):
                missed[(doc, m.group().lower())] += 1
    assert missed == Counter({k: v for k, v in NOT_ATTRIBUTIONS.items()}), missed


def test_relay_chains_of_document_003_trace_to_the_syrian_command(layer):
    doc = layer[layer["doc"] == "003"]
    relays = {(r.relayed_from, r.source) for r in doc.itertuples() if isinstance(r.relayed_from, str)}
    assert ("Syrian General Command", "SANA") in relays
    assert ("Syrian General Command", "Russian Defence Ministry (Igor Konashenkov)") in relays
    assert ("Russian Defence Ministry", "Sputnik") in relays
    # the text under "Russian MoD Confirms…" credits Sputnik ("Sputnik reported"): its writer is not named
    assert {"Fars News Agency", "unnamed writer crediting Sputnik", "Veterans Today"} <= set(doc["cited_by"])
    # every casualty-bearing sentence's source is the Syrian side or relays it
    told_vt = doc[doc["text"].str.contains("told VT")]
    assert list(told_vt["cited_by"]) == ["Veterans Today"] and told_vt["source"].str.startswith("Syrian").all()


def test_discernment_items_named_on_record_sources_are_not_flagged(layer):
    def label_of(doc, fragment):
        rows = layer[(layer["doc"] == doc) & layer["text"].str.contains(fragment, regex=False)]
        assert len(rows) == 1, (doc, fragment, len(rows))
        return rows["label"].iloc[0]

    assert label_of("004", "Josh Jakes") == "party to the conflict"               # CENTCOM's spokesman
    assert label_of("003", "In the statement, Central Command") == "party to the conflict"  # quoted in 003-c03
    assert label_of("002", "The SDF denied") == "party to the conflict"
    assert label_of("003", "SANA news agency") == "state media"
    for fragment in ("Some experts believe", "Local sources indicate", "pro-government sources"):
        assert label_of("002", fragment) == "vague or anonymous"
    assert label_of("004", "military analysts believe") == "vague or anonymous"
    vague = (layer["label"] == "vague or anonymous").mean()
    assert 0.15 < vague < 0.4  # labelling every attribution "vague" would be wrong on most rows


def test_build_script_reproduces_the_layer(layer):
    import runpy

    build = runpy.run_path(str(ml.data_dir() / "tools" / "build_attributions_layer.py"))["build"]
    rows = build()
    assert [(r["doc"], r["start"], r["end"], r["label"]) for r in rows] == \
        [(r.doc, r.start, r.end, r.label) for r in layer.itertuples()]
