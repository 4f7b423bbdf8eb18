"""Lesson 07's partly correct submission for the nbgrader round trip (see tests/partials/README.md).

The move log is made the way the widget makes it (each page opened from the last search's results, at its rank), for
a student who judges partly by the outlet: checks who is behind claims A and C only, finds coverage for A, B and C,
cites the outlet's own article for D, and calls B and D false (part of 7.2–7.6); takes the outlet's profile and the
government report on it for the outlet's own words (7.1: 1 of 2 points); the class summary computes the share of
first results, not of first results repeating a claim (0 points)."""

from kit import investigation_log
from medialit import load_web

_PLAN = [  # claim, [(query, page opened)], page cited, verdict
    ("A", [("Fars News Agency", "profile-fars"),
           ("CENTCOM statement Deir ez-Zor strike", "centcom-deir-ezzor-statement")],
     "centcom-deir-ezzor-statement", "holds up"),
    ("B", [("CENTCOM al-Tanf strike pro-regime forces", "centcom-al-tanf-release")], "centcom-al-tanf-release",
     "does not hold up"),
    ("C", [("Veterans Today", "profile-veterans-today"),
           ("investigation Deir ez-Zor air strike findings", "us-investigation-deir-ezzor")],
     "us-investigation-deir-ezzor", "does not hold up"),
    ("D", [("150 US and UK special forces entered southern Syria", "corpus-000")], "corpus-000", "does not hold up"),
]


PARTIAL = {
    "cells": {
        # wrong: the share of all first results, not of first results that repeat a claim
        "class_summary": (
            'class_summary = moves.groupby("student").agg(\n'
            '    searches=("do", lambda s: (s == "search").sum()),\n'
            '    opened=("do", lambda s: (s == "open").sum()),\n'
            '    repeat_first=("rank", lambda s: (s == 1).sum() / max(s.notna().sum(), 1)),\n'
            '    checked_source=("page", lambda s: s.map(kinds).isin(["reference work", "research"]).sum()),\n'
            ')'
        ),
    },
    "answers": {
        "7.1": {"R1": "the outlet's own words", "R2": "the outlet's own words", "R3": "the outlet's own words",
                "R4": "about someone else", "R5": "about someone else", "R6": "about someone else"},
        "7.2": investigation_log(load_web(), _PLAN),
    },
}
