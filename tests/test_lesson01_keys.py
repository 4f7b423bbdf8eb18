"""Lesson 01's literal keys, checked against the data they describe (datasets/documents.csv, datasets/comments.csv
and the raw documents), so that a key written by hand cannot drift from the corpus or from what the lesson shows."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

import kit
import medialit as ml
from medialit_grader.lessons import lesson01

LESSON = "01-corpus"

# The document each excerpt of 1.7 comes from (teacher notes 1.7).
EXCERPT_DOCS = {"A": "001", "B": "001", "C": "003", "D": "000", "E": "000", "F": "002", "G": "003", "H": "003"}
OUTSIDE_BODY_AND_COMMENTS = {"author bio", "site boilerplate", "commenting interface"}


def _excerpts() -> dict[str, str]:
    nb = nbformat.read(kit.ROOT / "solutions" / LESSON / f"{LESSON}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("EXCERPTS = {"):
            tree = ast.parse(cell.source)
            return ast.literal_eval(tree.body[0].value)
    raise AssertionError("the excerpts of 1.7 are not in the notebook")


def _where(doc: str, excerpt: str) -> tuple[int, int]:
    """Offsets of an excerpt in the raw document: its text up to the first "…", with any run of spaces or HTML tags
    between two words (the saved page has <u>…</u> where the excerpt shows plain words)."""
    head = excerpt.split("…")[0].strip()
    pattern = r"(?:\s+|\s*<[^>]+>\s*)+".join(re.escape(word) for word in head.split())
    match = re.search(pattern, ml.raw_text(doc))
    assert match, f"excerpt {excerpt[:30]!r} not found in document {doc}"
    return match.start(), match.end()


@pytest.mark.parametrize("item", sorted(EXCERPT_DOCS))
def test_the_page_parts_key_agrees_with_the_documents_and_comments_tables(item):
    doc = EXCERPT_DOCS[item]
    start, end = _where(doc, _excerpts()[item])
    row = ml.load_documents().set_index("id").loc[doc]
    comments = ml.load_comments()
    in_body = row["body_start"] <= start and end <= row["body_end"]
    in_comment = ((comments["document"] == doc) & (comments["start"] <= start) & (comments["end"] >= end)).any()
    key = lesson01.PAGE_PARTS_KEY[item]
    if key == "article text":
        assert in_body and not in_comment
    elif key == "reader comment":
        assert in_comment and not in_body
    else:
        assert key in OUTSIDE_BODY_AND_COMMENTS and not in_body and not in_comment


def test_the_date_key_agrees_with_the_documents_table():
    row = ml.load_documents().set_index("id").loc["003"]
    assert row["date_source"] == "event"
    assert str(row["date"].date()) == "2016-09-17"
    assert "Not dated" in row["notes"] and "Today" in row["notes"]
    assert "17 September 2016" in lesson01.DATE_KEY and "no date" in lesson01.DATE_KEY
