"""Visible checks of lesson 06 "Hate rhetoric in comment sections". They test the form of an answer, not the answer."""

from __future__ import annotations

LABELS = {"civil", "incivility", "hate"}
FILTER_LABELS = {"correct flag", "false alarm", "miss", "correct pass"}
# the texts of 6.11 (ids only)
ITEMS_6_11 = {"003-c04", "000-c18", "003-c01"}
# the items of the labelling table (ids only: the labels are the student's to choose)
ITEMS_6_3 = {"000-c05", "000-c12", "000-c18", "000-c20", "000-c26", "000-c27", "000-c28", "003-c01", "003-c02",
             "003-c04", "003-c05", "003-c06", "003-c13", "003-c19", "003-c21", "004-c02"}


def _agreement_shape(fn) -> bool:
    result = fn({"a": "civil", "b": "hate"}, {"a": "civil", "b": "hate"})
    return isinstance(result, dict) and {"kappa", "hate_precision", "hate_recall"} <= set(result)


def _perfect_is_one(fn) -> bool:
    mine = {"a": "civil", "b": "hate", "c": "incivility"}
    result = fn(mine, dict(mine))
    return all(abs(float(result[k]) - 1.0) < 1e-9 for k in ("kappa", "hate_precision", "hate_recall"))


def _flag_basic(fn) -> bool:
    return fn("some words here", ["words"]) is True and fn("some words here", ["absent"]) is False


def _keyword_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(k, str) and k.strip() for k in value)


def _ids_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value) and len(set(value)) == len(value)


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration.
CHECKS = {
    "6.1": [
        ("is a list of ticked options", lambda v: isinstance(v, list)),
        ("ticks at least one option", lambda v: len(v) > 0),
    ],
    "6.2": [
        ("is a dict {case: label}", lambda v: isinstance(v, dict)),
        ("labels every case (A to F)", lambda v: set(v) == set("ABCDEF")),
    ],
    "6.3": [
        ("is a dict {comment id: label}", lambda v: isinstance(v, dict)),
        ("labels every one of the 16 comments", lambda v: set(v) == ITEMS_6_3),
        ("uses only the three labels", lambda v: set(v.values()) <= LABELS),
    ],
    "6.10": [
        ("is a dict {comment id: judgement}", lambda v: isinstance(v, dict)),
        ("judges every one of the 16 comments", lambda v: set(v) == ITEMS_6_3),
        ("uses only the four judgements", lambda v: set(v.values()) <= FILTER_LABELS),
    ],
    "6.11": [
        ("is a list of marked stretches", lambda v: isinstance(v, list) and all(isinstance(s, dict) for s in v)),
        ("marks words only in the three comments", lambda v: {s.get("item") for s in v} <= ITEMS_6_11),
    ],
    "6.5": [
        ("is a function", callable),
        ("returns a dict with kappa, hate_precision and hate_recall", _agreement_shape),
        ("gives 1.0 for all three when the labels are identical", _perfect_is_one),
    ],
    "6.6": [
        ("is a function", callable),
        ("returns True or False (a bool)", _flag_basic),
        ("finds a keyword written in capitals", lambda fn: fn("THE WORDS", ["words"]) is True),
    ],
    "6.7": [
        ("is a pair of lists of comment ids", lambda v: isinstance(v, tuple) and len(v) == 2
         and all(_ids_list(x) for x in v)),
        ("holds ids of the comments you labelled in 6.3", lambda v: set(v[0]) | set(v[1]) <= ITEMS_6_3),
        ("no comment is both a false alarm and a miss", lambda v: not set(v[0]) & set(v[1])),
    ],
    "6.8": [
        ("is a non-empty list of keywords (text)", _keyword_list),
        ("has at most 12 keywords", lambda v: len(v) <= 12),
        ("flags at least one comment of the corpus",
         lambda v: any(_matches(t, v) for t in _comment_texts())),
        ("does not flag every comment", lambda v: not all(_matches(t, v) for t in _comment_texts())),
    ],
}


def _comment_texts() -> list[str]:
    from ..corpus import load_comments

    return list(load_comments()["text"])


def _matches(text: str, keywords) -> bool:
    import re

    return any(re.search(r"\b" + re.escape(k), text, re.IGNORECASE) for k in keywords)


# -- public helper the grader applies to the student's keyword list inside the sandbox ---------------------------
def keyword_hits(keywords) -> list[str]:
    """The ids of the corpus comments a keyword list flags, each keyword matched at the start of a word in any case
    (as ``flag`` does it): the grader scores these ids against the annotators' labels outside the sandbox."""
    if not isinstance(keywords, (list, tuple)) or not all(isinstance(k, str) for k in keywords):
        raise TypeError("better_keywords must be a list of keywords (text)")
    from ..corpus import load_comments

    return [str(i) for i, text in load_comments()[["id", "text"]].itertuples(index=False)
            if isinstance(text, str) and _matches(text, keywords)]
