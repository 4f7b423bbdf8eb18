"""Lesson 06's core track (no code): a partly correct answer file for the nbgrader round trip (see
tests/partials/README.md). Both tracks share the setup cell, so these answers are saved in answers-06-hate.json."""

PARTIAL = {
    "cells": {},
    "answers": {
        # wrong: a slur-list distractor ticked and a factor (the speaker) left out (9 of 11 options right; 10 needed)
        "6.1": ["whether it contains a word from a list of slurs", "what the writer meant to bring about",
                "what was going on around it when it was posted: the place, the moment, the tensions",
                "how far it travels: how public it is, how many people it reaches",
                "what it says, and how it is put: the wording, the tone, the style",
                "how probable it is that harm follows, and how soon"],
        # right
        "6.2": {"A": "not hate by itself", "B": "not hate by itself", "C": "hate", "D": "not hate by itself",
                "E": "hate", "F": "not hate by itself"},
        # a harsh labeller: kappa passes (6.3), a hate precision of 0.50 fails 6.4
        "6.3": {"000-c05": "hate", "000-c12": "hate", "000-c18": "civil", "000-c20": "hate", "000-c26": "hate",
                "000-c27": "hate", "000-c28": "hate", "003-c01": "hate", "003-c02": "civil", "003-c04": "hate",
                "003-c05": "hate", "003-c06": "hate", "003-c13": "hate", "003-c19": "civil", "003-c21": "civil",
                "004-c02": "civil"},
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
