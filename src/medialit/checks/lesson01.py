"""Visible checks of lesson 01 "Meet the corpus". They test the form of an answer, not the answer."""

from __future__ import annotations

import re



def _series(value) -> bool:
    import pandas as pd

    return isinstance(value, pd.Series)


def _doc_ids() -> set[str]:
    from ..corpus import document_ids

    return set(document_ids())


def _compiles(pattern) -> bool:
    re.compile(pattern)
    return True


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration.
CHECKS = {
    "1.1": [
        ("is a pandas Series", _series),
        ("has one entry per document, all five", lambda v: set(map(str, v.index)) == _doc_ids()),
        ("holds whole numbers ≥ 0", lambda v: all(float(x).is_integer() and x >= 0 for x in v)),
    ],
    "1.2": [
        ("is a pandas Series", _series),
        ("is indexed by document ids", lambda v: len(v) > 0 and set(map(str, v.index)) <= _doc_ids()),
        ("leaves out documents without comments (a median of nothing is undefined)",
         lambda v: not v.isna().any()),
        ("holds lengths in characters (positive numbers)", lambda v: all(x > 0 for x in v)),
    ],
    "1.3": [
        ("is a list", lambda v: isinstance(v, list)),
        ("holds names (text), each once", lambda v: all(isinstance(x, str) for x in v) and len(set(v)) == len(v)),
        ("does not count missing authors as a person", lambda v: all(x.strip() and x.lower() not in
                                                                     {"nan", "none", "unknown"} for x in v)),
    ],
    "1.4": [
        ("is a matplotlib Axes", lambda v: type(v).__name__ == "Axes" or hasattr(v, "get_title")),
        ("has a title", lambda v: bool(v.get_title().strip())),
        ("has both axis labels", lambda v: bool(v.get_xlabel().strip() and v.get_ylabel().strip())),
        ("has one bar per document", lambda v: len(v.patches) == len(_doc_ids())),
    ],
    "1.5": [
        ("is a tuple (start, end) of whole numbers",
         lambda v: isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, int) for x in v)),
        ("start comes before end", lambda v: 0 <= v[0] < v[1]),
        ("the span starts with '90km' and ends with 'Palmyra'",
         lambda v: _span_text(v).startswith("90km") and _span_text(v).endswith("Palmyra")),
    ],
    "1.6": [
        ("is a string", lambda v: isinstance(v, str)),
        ("is a valid regular expression", _compiles),
        ("cannot match empty text", lambda v: re.fullmatch(v, "") is None),
        ("finds at least one mention", lambda v: _count(v) > 0),
    ],
    "1.7": [
        ("is a dict {excerpt: label}", lambda v: isinstance(v, dict)),
        ("labels every excerpt (A to H)", lambda v: set(v) == set("ABCDEFGH")),
        ("uses more than one label (the page has several parts)", lambda v: len(set(v.values())) > 1),
    ],
    "1.8": [
        ("is one of the options (choose with the widget)", lambda v: isinstance(v, str) and bool(v)),
    ],
    "1.10": [
        ("is the list of statements you ticked", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
        ("ticks at least one statement", lambda v: len(v) > 0),
    ],
    "1.11": [
        ("is one of the options (choose with the widget)", lambda v: isinstance(v, str) and bool(v)),
    ],
    "1.12": [
        ("is a list of marks (mark words with the widget)", lambda v: isinstance(v, list) and len(v) > 0),
        ("each mark is a name of one to three words, not a whole stretch of the passage",
         lambda v: all(len(str(m.get("text", "")).split()) <= 3 for m in v)),
    ],
    "1.13": [
        ("is a dict {excerpt: label}", lambda v: isinstance(v, dict)),
        ("labels every excerpt (A to H)", lambda v: set(v) == set("ABCDEFGH")),
    ],
}


def _span_text(span) -> str:
    from ..corpus import text_at

    return text_at("000", *span)


def _count(pattern) -> int:
    from ..corpus import find_spans

    return len(find_spans(pattern))
