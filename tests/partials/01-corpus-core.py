"""Lesson 01's no-code track: a partly right answer file for the nbgrader round trip (see tests/partials/README.md).
The core track asks for no code, so only widget answers are handed in."""

import runpy
from pathlib import Path

# the answers both tracks share are the data track's partial ones (01-corpus.py)
DATA = runpy.run_path(str(Path(__file__).with_name("01-corpus.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # 6 of 8 right: not enough for the 7-of-8 threshold
        "1.7": DATA["1.7"],
        # right
        "1.8": DATA["1.8"],
        # right
        "1.10": ["Document 000 has more comments than the other four documents together.",
                 "Document 002 drew no comments in the saved copy of its page.",
                 "Documents 001 and 004 have the same number of comments."],
        # wrong: takes the missing bar for a design choice
        "1.11": "Nothing is wrong: a document without comments has nothing to draw, so leaving it out is right.",
        # wrong: one spelling only (2 of 8 mentions: recall too low)
        "1.12": [{"item": "A", "start": 259, "end": 269, "label": "marked", "text": "Deir Ezzor"},
                 {"item": "C", "start": 348, "end": 358, "label": "marked", "text": "Deir Ezzor"}],
        # right but for one: Damascus read as the city in G (7 of 8, 6 needed)
        "1.13": {"A": "part of a road's name", "B": "the government, not a place", "C": "a city or town",
                 "D": "an airport", "E": "a province or region", "F": "a city or town", "G": "a city or town",
                 "H": "part of a road's name"},
    },
}
