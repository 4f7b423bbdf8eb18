"""Lesson 06's core track (no code): a partly correct answer file for the nbgrader round trip (see
tests/partials/README.md). Both tracks share the setup cell, so these answers are saved in answers-06-hate.json."""

import runpy
from pathlib import Path

# the answers both tracks share are the data track's partial ones (06-hate.py)
DATA = runpy.run_path(str(Path(__file__).with_name("06-hate.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # wrong: a slur-list distractor ticked and a factor (the speaker) left out (9 of 11 options right; 10 needed)
        "6.1": DATA["6.1"],
        # right
        "6.2": DATA["6.2"],
        # a harsh labeller: kappa passes (6.3), a hate precision of 0.50 fails 6.4
        "6.3": DATA["6.3"],
        # half: every false alarm found, but the coded prefix taken for a correct pass (no miss named)
        "6.10": {"000-c18": "false alarm", "003-c04": "correct pass", "000-c12": "false alarm",
                 "000-c27": "correct flag", "004-c02": "correct pass", "003-c21": "false alarm",
                 "000-c05": "correct pass", "003-c06": "correct flag", "003-c13": "correct pass",
                 "000-c20": "false alarm", "003-c01": "correct flag", "003-c19": "false alarm",
                 "000-c26": "correct pass", "003-c05": "correct pass", "003-c02": "false alarm",
                 "000-c28": "correct flag"},
        # half (Going further): the collective warning of 003-c01 found, the coded word of 003-c04 not marked
        "6.11": [{"item": "003-c01", "start": 478, "end": 564, "label": "marked"}],
    },
}
