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
    },
}
