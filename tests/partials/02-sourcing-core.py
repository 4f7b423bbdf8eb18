"""Lesson 02's no-code track: a partly right answer file for the nbgrader round trip (see tests/partials/README.md).
No cells: the core track asks for no code. Scores 4 of 14 automatic points."""

import runpy
from pathlib import Path

_NAMED, _VAGUE = "named source", "vague or anonymous"

# the answers both tracks share are the data track's partial ones (02-sourcing.py)
DATA = runpy.run_path(str(Path(__file__).with_name("02-sourcing.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # wrong: the sceptic — every named source flagged as vague (10 of 15 right; doubtful-flag precision 0.58)
        "2.2": DATA["2.2"],
        # right but for one extra tick (precision 0.8, recall 1.0): 2 points
        "2.6": DATA["2.6"],
        # partly right: 13 of the 14 cues found, but with the sceptic's labels — all vague (1 of 3 points)
        "2.10": [
            {"item": "001", "start": 191, "end": 203, "label": _VAGUE},   # what it said
            {"item": "001", "start": 411, "end": 444, "label": _VAGUE},   # persistent rumours have suggested
            {"item": "001", "start": 738, "end": 749, "label": _VAGUE},   # is expected
            {"item": "002", "start": 0, "end": 35, "label": _VAGUE},      # According to pro-government sources
            {"item": "002", "start": 370, "end": 386, "label": _VAGUE},   # leaflets warning
            {"item": "002", "start": 446, "end": 453, "label": _VAGUE},   # arguing
            {"item": "003", "start": 0, "end": 33, "label": _VAGUE},      # The Russian Defense Ministry said
            {"item": "003", "start": 259, "end": 268, "label": _VAGUE},   # it added.
            {"item": "003", "start": 447, "end": 465, "label": _VAGUE},   # the ministry said.
            {"item": "003", "start": 467, "end": 519, "label": _VAGUE},   # The Defense Ministry … by SANA
            {"item": "004", "start": 453, "end": 482, "label": _VAGUE},   # According to the US officials
            {"item": "004", "start": 620, "end": 629, "label": _VAGUE},   # allegedly
        ],
        # wrong: the old key's graph, Sputnik drawn straight into Veterans Today (recall 10 of 13)
        "2.11": [["Fars News Agency", "Veterans Today"], ["Russian Defence Ministry", "Fars News Agency"],
                 ["Russian Defence Ministry", "Sputnik"], ["Russian Defence Ministry", "Veterans Today"],
                 ["SANA", "Fars News Agency"], ["Sputnik", "Veterans Today"],
                 ["Syrian army command", "Fars News Agency"], ["Syrian army command", "Russian Defence Ministry"],
                 ["Syrian army command", "SANA"], ["Syrian army command", "Veterans Today"],
                 ["Syrian officials", "Veterans Today"]],
        # right: 1 point
        "2.12": ["Syrian army command", "Syrian officials"],
        # wrong: repetition read as confirmation
        "2.13": ["Every casualty figure on the page goes back to one party: the Syrian government.",
                 "Fars, Sputnik and Veterans Today each printing the figures makes three independent confirmations.",
                 "Russia's Defence Ministry is a second independent origin, because it speaks for a different "
                 "government."],
    },
}
