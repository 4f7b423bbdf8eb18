"""The corpus as a dataset: byte-identical documents, tables whose offsets point at the right text."""

import csv
import hashlib
import re

import pandas as pd
import pytest

import kit
import medialit as ml

DATA = kit.ROOT / "datasets"
SHARED = kit.ROOT.parent / "shared" / "corpus"
# The seed corpus's checksums, so the check holds where ../shared is not beside the checkout.
SHA256 = dict(line.split()[::-1] for line in (DATA / "corpus" / "SHA256SUMS").read_text().splitlines())


def test_documents_are_byte_identical_to_the_seed_corpus():
    files = sorted(p.name for p in (DATA / "corpus").glob("*.txt"))
    assert files == sorted(SHA256)
    for name in files:
        assert hashlib.sha256((DATA / "corpus" / name).read_bytes()).hexdigest() == SHA256[name], name
    if SHARED.is_dir():
        assert files == sorted(p.name for p in SHARED.glob("*.txt"))
        for name in files:
            assert (DATA / "corpus" / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_documents_table():
    docs = ml.load_documents()
    assert docs["id"].tolist() == ["000", "001", "002", "003", "004"]
    for row in docs.itertuples():
        assert (DATA / "corpus" / row.source_file).exists()
        assert row.source_file.startswith(row.id + "_")
        body = ml.raw_text(row.id)[row.body_start:row.body_end]
        assert body == body.strip() and len(body) > 300
        assert pd.isna(row.date) == pd.isna(row.date_source), row.id  # a date always says how it is known
        assert row.notes and row.outlet and row.kind


def test_every_comment_is_raw_text_between_start_and_end():
    comments = ml.load_comments()
    assert len(comments) > 0
    for row in comments.itertuples():
        raw = ml.raw_text(row.document)
        assert row.text == raw[row.start:row.end]
        assert row.text == row.text.strip() and row.text, row.id


def test_comments_are_ordered_disjoint_and_after_the_article_body():
    docs = ml.load_documents().set_index("id")
    comments = ml.load_comments()
    for doc, group in comments.groupby("document"):
        assert group["position"].tolist() == list(range(1, len(group) + 1)), doc
        assert group["id"].tolist() == [f"{doc}-c{p:02d}" for p in group["position"]]
        previous_end = docs.loc[doc, "body_end"]
        for row in group.itertuples():
            assert row.start >= previous_end, f"{row.id} overlaps what comes before it"
            if isinstance(row.author, str):
                assert row.author in ml.raw_text(doc)[previous_end:row.start], f"{row.id}: author not above it"
            previous_end = row.end


def test_reply_to_points_to_an_earlier_comment_of_the_same_document():
    comments = ml.load_comments().set_index("id")
    for cid, row in comments.iterrows():
        if isinstance(row.reply_to, str):
            target = comments.loc[row.reply_to]
            assert target.document == row.document and target.position < row.position, cid


# Text after an article body that is neither a comment nor a commenter's name, badge, timestamp or list number:
# the opening of each stretch, and what it is (DATASHEET.md, "Known gaps and errors", says the same).
PAGE_FURNITURE = {
    "Chris Tomson": "001 author bio (byline)",
    "Student currently living in Denmark.": "001 author bio",
    "If you're able, and if you like our content": "002 SouthFront donation appeal",
    "The original source of this article is": "002 Global Research boilerplate",
    "Comment on Global Research Articles": "002 Global Research boilerplate",
    "Become a Member of Global Research": "002 Global Research boilerplate",
    "Articles by: South Front": "002 Global Research boilerplate",
    "Disclaimer: The contents of this article": "002 Global Research disclaimer",
    "www.globalresearch.ca contains copyrighted material": "002 Global Research fair-use notice",
    "For media inquiries:": "002 Global Research contact",
    "All content herein is owned by author exclusively.": "003 Veterans Today disclaimer",
    "All images within are full responsibility": "003 Veterans Today disclaimer",
    "About VT - Read Full Policy Notice": "003 Veterans Today links",
    "Comments are closed.": "003 end of the comment section",
}


def test_every_character_after_the_body_is_a_comment_or_known_page_furniture():
    """Nothing is silently lost: between comments there are only names, badges, timestamps, list numbers, or
    the site's own notices listed above."""
    furniture = re.compile(
        r"^(?:\s|\d+\.|•|Member|Master|Commenter|Upvoted|Rookie Mentor|\d\d/\d\d/\d{4} \d\d:\d\d)*$")
    comments = ml.load_comments()
    docs = ml.load_documents().set_index("id")
    names = set(comments["author"].dropna())
    seen = set()
    for doc in docs.index:
        raw = ml.raw_text(doc)
        group = comments[comments["document"] == doc]
        edges = [docs.loc[doc, "body_end"], *[x for r in group.itertuples() for x in (r.start, r.end)], len(raw)]
        for a, b in zip(edges[::2], edges[1::2]):
            for line in raw[a:b].splitlines():
                line = line.strip()
                if furniture.match(line) or line in names:
                    continue
                known = [k for k in PAGE_FURNITURE if line.replace("\xa0", " ").startswith(k)]
                assert known, f"document {doc}: text between comments that is neither comment nor known: {line[:60]!r}"
                seen.update(known)
    assert seen == set(PAGE_FURNITURE), f"listed but not found: {set(PAGE_FURNITURE) - seen}"


def test_loader_names_file_line_and_field_for_a_bad_row(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(DATA, tmp_path / "datasets")
    path = tmp_path / "datasets" / "comments.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[3][rows[0].index("start")] = "twelve"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path / "datasets"))
    ml.corpus._raw_texts.cache_clear()
    try:
        with pytest.raises(ml.DataError, match=r"comments\.csv, line 4: field 'start': expected a whole number"):
            ml.load_comments()
    finally:
        ml.corpus._raw_texts.cache_clear()


def test_reference_places_and_borders():
    places = ml.load_places()
    assert {"Palmyra (Tadmur)", "Deir ez-Zor (city)"} <= set(places["place"])
    assert places["lat"].between(29, 38).all() and places["lon"].between(35, 45).all()
    if SHARED.is_dir():  # the copy is exact
        assert (DATA / "reference" / "places.csv").read_bytes() == (SHARED.parent / "references" /
                                                                   "places.csv").read_bytes()
    borders = ml.load_borders()
    names = {f["properties"]["name"] for f in borders["features"]}
    assert {"Syria", "Iraq", "Jordan"} <= names


def test_find_spans_by_part_with_context():
    found = ml.find_spans([r"\bsaid\b", r"(?i)according to"], within="body and comment", context=10)
    assert set(found["part"]) == {"body", "comment"}
    assert found.duplicated(["doc", "start", "end"]).sum() == 0
    for row in found.itertuples():
        assert ml.text_at(row.doc, row.start, row.end) == row.text and row.text in row.context
    everywhere = ml.find_spans(r"Comments are closed")
    assert everywhere["part"].isna().all() and len(everywhere) == 1  # site furniture, outside body and comments
    assert ml.find_spans(r"Comments are closed", within="body and comment").empty
    with pytest.raises(ml.MediaLitError, match="not a valid regular expression|Not a valid regular expression"):
        ml.find_spans("(unclosed")
    with pytest.raises(ml.MediaLitError, match="within must be one of"):
        ml.find_spans("x", within="headline")
