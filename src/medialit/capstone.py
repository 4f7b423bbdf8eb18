"""The capstone (``08-capstone``): an unseen article to verify end to end, with every skill of the course.

    import medialit as ml
    web = ml.load_web("capstone")          # the capstone's own offline web (all pages constructed)
    web.show(ml.CAPSTONE_ARTICLE)          # the article
    ml.capstone_sentences()                # {T1: sentence, …}: sentences of the article to label
    ml.capstone_comments()                 # {K1: "author: comment", …}: its reader comments (fold them)

The article, its reader comments and every page of its web are **constructed**: written by the kit about a fictional
event in a fictional country (Calvessa), modelled on the patterns of the corpus (a relayed state-agency report, a
figure pinned on a monitor that never gave it, recycled footage, an "independent" expert who is not, loaded words,
comments that attack a group). Nothing here says which sentence uses a technique, which comment is hate or which
claim holds up: the key is on the teacher's side (datasets/annotations/capstone-keys.jsonl and the grader).

The sentences are stretches of the article's body by offsets (``datasets/capstone/sentences.jsonl``: id, page, start,
end), checked against the page: a sentence file that no longer fits its page is a DataError naming the line.
"""

from __future__ import annotations

from ._paths import data_file, read_rows
from .errors import DataError

CAPSTONE_ARTICLE = "frontline-sefrin-massacre"
# the labels of the article's sentences (lesson 05's techniques, those the article can show) and of its comments
# (lesson 06's distinction); the order is the widget's
TECHNIQUE_LABELS = ("reports, no technique", "loaded words or name-calling", "appeal to authority", "whataboutism",
                    "bandwagon")
COMMENT_LABELS = ("hate", "uncivil, not hate", "neither")
SENTENCE_FIELDS = {"id": str, "page": str, "start": int, "end": int}
COMMENT_FIELDS = {"id": str, "author": str, "text": str}


def capstone_sentences() -> dict[str, str]:
    """{sentence id: its text} of the article's sentences to label, in order (T1, T2, …)."""
    from .web import load_web

    web = load_web("capstone")
    path = data_file("capstone", "sentences.jsonl")
    out = {}
    for number, row in enumerate(read_rows(path, SENTENCE_FIELDS), start=1):
        page = web.pages.get(row["page"])
        if page is None:
            raise DataError(path, number, "page", f"{row['page']!r} is not a page of the capstone's web")
        start, end = row["start"], row["end"]
        if not 0 <= start < end <= len(page.body):
            raise DataError(path, number, "end", f"{start}-{end} is not a stretch of {row['page']}'s body "
                            f"({len(page.body)} characters)")
        if row["id"] in out:
            raise DataError(path, number, "id", f"{row['id']!r} appears twice")
        out[row["id"]] = page.body[start:end]
    return out


def capstone_comments() -> dict[str, str]:
    """{comment id: "author: text"} of the reader comments under the article, in order (K1, K2, …). Some are hate
    speech about an invented group: show them folded (``lab.label_table(..., collapsed=True)``)."""
    path = data_file("capstone", "comments.jsonl")
    out = {}
    for number, row in enumerate(read_rows(path, COMMENT_FIELDS), start=1):
        if row["id"] in out:
            raise DataError(path, number, "id", f"{row['id']!r} appears twice")
        out[row["id"]] = f"{row['author']}: {row['text']}"
    return out
