"""Visible checks of lesson 07 "Investigating claims: lateral reading". They test the form of an answer, not the answer.

Exercises 7.2 to 7.6 read one widget, the investigation of 7.2: its value is the move log (searches, pages opened,
pages cited, verdicts), handed to the checks of 7.3–7.6 as ``lab.answer("7.2")``."""

from __future__ import annotations

CLAIMS = ("A", "B", "C", "D")
SUMMARY_COLUMNS = ("searches", "opened", "repeat_first", "checked_source")


def _moves(value) -> list:
    return value if isinstance(value, list) else []


def _latest(value, do: str) -> dict:
    """Per claim, the last move of one kind."""
    return {m.get("claim"): m for m in _moves(value) if isinstance(m, dict) and m.get("do") == do}


def _opened_for_every_verdict(value) -> bool:
    opened = {m.get("claim") for m in _moves(value) if isinstance(m, dict) and m.get("do") == "open"}
    unbacked = sorted(set(_latest(value, "verdict")) - opened)
    if unbacked:
        raise ValueError(f"claim {', '.join(map(str, unbacked))} has a verdict but no page opened for it")
    return True


_LOG = ("is the move log of the investigation widget", lambda v: isinstance(v, list) and bool(v))
_SEARCHED = ("has searches and opened pages", lambda v: {"search", "open"} <= {m.get("do") for m in _moves(v)
                                                                             if isinstance(m, dict)})

CHECKS = {
    "7.1": [
        ("is a dict {result: label}", lambda v: isinstance(v, dict)),
        ("labels every result", lambda v: len(v) == 6),
    ],
    "7.2": [
        _LOG,
        ("every claim has a verdict", lambda v: set(_latest(v, "verdict")) >= set(CLAIMS)),
        ("every verdict follows at least one page opened for its claim", _opened_for_every_verdict),
    ],
    "7.3": [_LOG, ("a page is cited for every claim", lambda v: set(_latest(v, "cite")) >= set(CLAIMS))],
    "7.4": [_LOG, _SEARCHED],
    "7.5": [_LOG, _SEARCHED],
    "7.6": [_LOG, _SEARCHED],
    "7.8": [
        ("is a pandas DataFrame", lambda v: type(v).__name__ == "DataFrame"),
        ("has the four columns", lambda v: set(SUMMARY_COLUMNS) <= set(v.columns)),
        ("has one row per student, indexed by student", lambda v: v.index.is_unique and len(v) > 1),
    ],
}
