"""Visible checks of the capstone (08-capstone). They test the form of an answer, not the answer.

Exercises 8.6 to 8.8 read one widget, the investigation of 8.6 (its value is the move log), checked as lesson 07's
investigation is."""

from __future__ import annotations

from .lesson07 import _LOG, _SEARCHED, _latest, _opened_for_every_verdict

CLAIMS = ("A", "B", "C", "D")
SENTENCES = 8
COMMENTS = 8
FIGURES = ("F1", "F2", "F3", "F4")

CHECKS = {
    "8.6": [
        ("is a list of hand-overs [from, to]", lambda v: isinstance(v, list) and all(len(x) >= 2 for x in v)),
        ("has at least two hand-overs", lambda v: len(v) >= 2),
    ],
    "8.7": [("one answer is chosen", lambda v: isinstance(v, str) and bool(v))],
    "8.8": [
        ("is a dict {row: [low, high]}", lambda v: isinstance(v, dict)),
        ("has an interval for every row", lambda v: set(v) >= set(FIGURES)),
    ],
    "8.1": [("is a dict {sentence: label}", lambda v: isinstance(v, dict)),
            ("labels every sentence", lambda v: len(v) == SENTENCES)],
    "8.2": [("is a dict {comment: label}", lambda v: isinstance(v, dict)),
            ("labels every comment", lambda v: len(v) == COMMENTS)],
    "8.3": [
        _LOG,
        ("every claim has a verdict", lambda v: set(_latest(v, "verdict")) >= set(CLAIMS)),
        ("every verdict follows at least one page opened for its claim", _opened_for_every_verdict),
    ],
    "8.4": [_LOG, ("a page is cited for every claim", lambda v: set(_latest(v, "cite")) >= set(CLAIMS))],
    "8.5": [_LOG, _SEARCHED],
}
