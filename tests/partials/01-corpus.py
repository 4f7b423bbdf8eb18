"""Lesson 01's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

PARTIAL = {
    "cells": {
        # wrong: group-by drops document 002, which has no comments
        "comments_per_doc": 'comments_per_doc = comments.groupby("document").size()',
        # right
        "median_length": 'median_length = comments["text"].str.len().groupby(comments["document"]).median()',
        # wrong: counts missing authors as a person called "unknown"
        "repeat_commenters": (
            'counts = comments["author"].fillna("unknown").value_counts()\n'
            "repeat_commenters = counts[counts > 1].index.tolist()"
        ),
        # wrong: one spelling only (recall too low)
        "deir_pattern": 'deir_pattern = r"Deir Ezzor"',
    },
    "answers": {
        # 6 of 8 right: not enough for the 7-of-8 threshold
        "1.7": {"A": "author bio", "B": "site boilerplate", "C": "site boilerplate", "D": "article text",
                "E": "article text", "F": "site boilerplate", "G": "reader comment", "H": "article text"},
        # right
        "1.8": "The page prints no date; it reports the 17 September 2016 events as happening 'today'.",
        # wrong: reads the counts as counts of readers (precision 3 of 5)
        "1.10": ["Document 000 has more comments than the other four documents together.",
                 "Document 002 drew no comments in the saved copy of its page.",
                 "Documents 001 and 004 have the same number of comments.",
                 "Document 000 was read by more people than any other document.",
                 "Nobody read document 002."],
        # right: the eight mentions, one with the word after it ("Der Ezzor airport")
        "1.12": [{"item": "A", "start": 259, "end": 269, "label": "marked", "text": "Deir Ezzor"},
                 {"item": "B", "start": 34, "end": 44, "label": "marked", "text": "Der Ezzor,"},
                 {"item": "B", "start": 142, "end": 152, "label": "marked", "text": "Deir Ezzur"},
                 {"item": "B", "start": 428, "end": 446, "label": "marked", "text": "Der Ezzor airport,"},
                 {"item": "C", "start": 185, "end": 196, "label": "marked", "text": "Deir Ezzor."},
                 {"item": "C", "start": 348, "end": 358, "label": "marked", "text": "Deir Ezzor"},
                 {"item": "D", "start": 169, "end": 180, "label": "marked", "text": "Deir ez-Zor"},
                 {"item": "D", "start": 416, "end": 427, "label": "marked", "text": "Deir ez-Zor"}],
    },
}
