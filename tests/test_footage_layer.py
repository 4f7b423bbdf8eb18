"""The footage layer (lesson 03): every row valid, complete against a broad search, and with both kinds of item —
some whose provenance the text states and some about which it states nothing — so judging "nothing is verifiable"
is wrong."""

import re

import pytest

import medialit as ml

# Broad patterns for words that refer to visual material or broadcasts, written independently of the gold layer.
BROAD = [r"(?i)video|footage|photo|image|\bmaps?\b|leaflet|recording|picture|film|camera|screenshot|coverage"
         r"|broadcast|youtube|\bclips?\b|imagery|satellite",
         r"\bRT\b|\bTV\b"]

# Hits of the broad patterns that are not references to a visual item, each with the reason.
NOT_ITEMS = {
    ("001", "MENA map-making"): "the author's bio: an interest in map-making, not a map",
    ("003", "radar coverage"): "radar coverage of airspace, not a picture or broadcast",
}


@pytest.fixture(scope="module")
def footage():
    return ml.load_annotations("footage")


def test_every_row_is_valid_and_explained(footage):
    assert len(footage) == 13
    for row in footage.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text
        assert row.rationale.strip() and row.item.startswith(row.doc + "-")


def test_counts_by_label_and_item(footage):
    assert footage["label"].value_counts().to_dict() == {"video": 5, "map": 3, "broadcast": 2, "photo": 1,
                                                         "leaflet": 1, "image": 1}
    assert footage["item"].nunique() == 10
    assert set(footage["doc"]) == {"000", "001", "002", "003", "004"}


def test_layer_is_complete_against_a_broad_search(footage):
    gold = list(footage[["doc", "start", "end"]].itertuples(index=False, name=None))
    covered, excused = set(), set()
    for pattern in BROAD:
        for doc in ml.document_ids():
            raw = ml.raw_text(doc)
            for m in re.finditer(pattern, raw):
                hit = [g for g in gold if g[0] == doc and g[1] < m.end() and m.start() < g[2]]
                if hit:
                    covered.update(hit)
                    continue
                context = raw[max(0, m.start() - 20):m.end() + 20]
                reason = [k for k in NOT_ITEMS if k[0] == doc and k[1] in context]
                assert reason, f"{doc} {m.start()}: {context!r} is neither annotated nor excused"
                excused.update(reason)
    assert covered == set(gold), f"gold rows no broad pattern finds: {sorted(set(gold) - covered)}"
    assert excused == set(NOT_ITEMS), f"stale exclusions: {set(NOT_ITEMS) - excused}"


def test_mentions_of_one_item_agree(footage):
    fields = ["made_by", "released_by", "when", "where", "purpose", "role", "label"]
    for item, rows in footage.groupby("item"):
        assert len(rows[fields].astype(str).drop_duplicates()) == 1, item


def test_articles_and_comments_are_both_covered(footage):
    comments = ml.load_comments()

    def in_comment(row):
        return bool(((comments["document"] == row.doc) & (comments["start"] <= row.start)
                     & (row.end <= comments["end"])).any())

    where = [in_comment(r) for r in footage.itertuples()]
    assert sum(where) == 5  # shaky video, map and compass, look at the map, recordings, RT
    assert len(where) - sum(where) == 8


def test_discernment_items_are_present(footage):
    items = footage.drop_duplicates("item").set_index("item")
    # stated provenance: who released the item is named
    assert items.loc["001-video", "released_by"].startswith("Jaish Maghawir")
    assert items.loc["002-leaflets", "released_by"] == "US-led coalition aircraft"
    assert items.loc["004-rt", "released_by"] == "RT"
    # nothing stated at all
    for bare in ("000-video", "002-photos"):
        assert items.loc[bare, ["made_by", "released_by", "when", "where", "purpose"]].isna().all(), bare
    # the hedge is recorded, and what the text gives is kept apart from what it leaves open
    assert "not known" in items.loc["001-video", "when"]
    assert items["made_by"].isna()["001-video"], "who filmed it is not said"
    assert items.loc["001-video", "where"] == "the Al-Tanf border region of southeastern Homs"


def test_the_build_script_reproduces_the_layer(tmp_path):
    import runpy

    from medialit._paths import data_file

    committed = data_file("annotations", "footage.jsonl")
    script = runpy.run_path(str(committed.parents[1] / "tools" / "build_footage_layer.py"))
    script["main"](tmp_path / "footage.jsonl")
    assert (tmp_path / "footage.jsonl").read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
