"""Lesson 04's core track: a partly right answer file for the nbgrader round trip (see tests/partials/README.md)."""

import runpy
from pathlib import Path

from medialit.widgets import text_units
from medialit_grader.lessons.lesson04 import PASSAGES, REASONS, passage


def _words(item: str, phrase: str, label: str, nth: int = 0) -> dict:
    """The span the word marker makes when a student presses the words of `phrase` (its nth occurrence)."""
    text = passage(*PASSAGES[item])[1]
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    words = [(a, b) for a, b in text_units(text, "word") if a < at + len(phrase) and at < b]
    start, end = words[0][0], words[-1][1]
    return {"item": item, "start": start, "end": end, "label": label, "text": text[start:end]}


# the answers both tracks share are the data track's partial ones (04-casualties.py)
DATA = runpy.run_path(str(Path(__file__).with_name("04-casualties.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # right: the 14 figures, each with its label; one extra mark on the aircraft (precision 14/15)
        "4.10": [_words("p2", "unknown number", "killed"), _words("p3", "a number of", "killed"),
                 _words("p4", "80", "killed"), _words("p4", "80", "killed", 1),
                 _words("p5", "killing 80", "killed"), _words("p5", "up to 100", "injured"),
                 _words("p6", "some 80", "killed"), _words("p6", "dozens", "injured"),
                 _words("p7", "Eighty", "killed"), _words("p7", "over 100", "injured"),
                 _words("p8", "two F-16", "killed"),
                 _words("p9", "62", "killed"), _words("p9", "some 100", "injured"),
                 _words("p10", "to 80.)", "killed"),
                 _words("p11", "the number of casualties", "casualties")],
        # wrong: "over n" from n, "up to n" and "as many as n" read as the number itself, "dozens" as one dozen,
        # "more than 1,500" from 1,500 (7 of 12 follow the convention; 10 needed)
        "4.11": {"a": [100, 100], "b": [80, 80], "c": [12, None], "d": [80, 80], "e": [100, None], "f": [62, 62],
                 "g": [100, 100], "h": [200, 200], "i": [15, None], "j": [1500, None], "k": [200, None],
                 "l": [90, 90]},
        # right
        "4.4": DATA["4.4"],
        # wrong: flags everything as questionable (5 of 8: item 4 accepts either)
        "4.5": DATA["4.5"],
        # wrong: ticks every option (5 of 11)
        "4.8": DATA["4.8"],
        # wrong: the outlets first, as if who printed it knew best (5 of 10 pairs in order; 9 needed)
        "4.12": ["fars", "vt", "ministry", "command", "reader"],
    },
}
