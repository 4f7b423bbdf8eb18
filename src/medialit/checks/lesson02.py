"""Visible checks of lesson 02 "Checking sourcing". They test the form of an answer, not the answer."""

from __future__ import annotations

import re


# The node names the lesson gives for the relay graph of document 003 (the notebook prints the same list).
NODES = ("Syrian army command", "Syrian officials", "SANA", "Russian Defence Ministry", "Fars News Agency", "Sputnik",
         "Unnamed writer", "Veterans Today")
# The labels of the word marker of 2.10 (core track).
CUE_LABELS = ("named source", "vague or anonymous")


def _patterns_ok(value) -> bool:
    for pattern in value:
        re.compile(pattern)
    return True


def _no_empty_match(value) -> bool:
    return all(re.fullmatch(p, "") is None for p in value)


def _finds_something(value) -> bool:
    from ..corpus import find_spans

    return any(len(find_spans(p)) for p in value)


def _pairs(value) -> bool:
    return isinstance(value, list) and all(isinstance(e, (tuple, list)) and len(e) == 2 for e in value)


def _known(names) -> bool:
    unknown = [n for n in names if n not in NODES]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not one of the node names printed above the exercise")
    return True


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration.
CHECKS = {
    "2.1": [
        ("is a list of strings", lambda v: isinstance(v, list) and bool(v) and all(isinstance(p, str) for p in v)),
        ("every pattern is a valid regular expression", _patterns_ok),
        ("no pattern can match empty text", _no_empty_match),
        ("the patterns find at least one match in the corpus", _finds_something),
    ],
    "2.2": [
        ("is a dict {excerpt: kind}", lambda v: isinstance(v, dict)),
        ("labels every excerpt", lambda v: len(v) == 15),
        ("uses more than one kind", lambda v: len(set(v.values())) > 1),
    ],
    "2.3": [
        ("is a list of (from, to) pairs", _pairs),
        ("uses only the node names given", lambda v: _known(n for e in v for n in e)),
        ("has no edge from a node to itself", lambda v: all(a != b for a, b in v)),
        ("lists each edge once", lambda v: len({tuple(e) for e in v}) == len(v)),
    ],
    "2.4": [
        ("is a list of node names", lambda v: isinstance(v, list) and bool(v) and all(isinstance(n, str) for n in v)),
        ("uses only the node names given", _known),
        ("names each node once", lambda v: len(set(v)) == len(v)),
    ],
    "2.5": [
        ("is a dict {party: [root, ...]}", lambda v: isinstance(v, dict) and bool(v)
         and all(isinstance(k, str) and isinstance(x, list) for k, x in v.items())),
        ("lists node names given in the lesson", lambda v: _known(n for x in v.values() for n in x)),
        ("puts every root under one party only", lambda v: len([n for x in v.values() for n in x])
         == len({n for x in v.values() for n in x})),
    ],
    "2.6": [
        ("is a list of ticked moves", lambda v: isinstance(v, list) and bool(v)),
    ],
    # the core track (02-sourcing-core)
    "2.10": [
        ("is a list of marked spans", lambda v: isinstance(v, list) and bool(v)
         and all(isinstance(s, dict) and {"item", "start", "end", "label"} <= set(s) for s in v)),
        ("every span has one of the two labels", lambda v: all(s["label"] in CUE_LABELS for s in v)),
        ("no span is longer than 15 words: mark the cue, not the whole sentence",
         lambda v: all(len(s.get("text", "").split()) <= 15 for s in v)),
    ],
    "2.11": [
        ("is a list of (from, to) links", _pairs),
        ("uses only the node names given", lambda v: _known(n for e in v for n in e)),
        ("has no link from a node to itself", lambda v: all(a != b for a, b in v)),
    ],
    "2.12": [
        ("is a list of ticked conclusions", lambda v: isinstance(v, list) and bool(v)),
    ],
}


# -- public helpers the grader applies to a student's answer inside the sandbox --------------------------------------
def _patterns(patterns) -> list[str]:
    if not isinstance(patterns, (list, tuple)) or not all(isinstance(p, str) for p in patterns):
        raise TypeError("cue_patterns must be a list of regular expressions (strings)")
    return list(patterns)


def cue_spans(patterns) -> list[list]:
    """Every non-empty match of any of a list of regular expressions inside an article body or a reader comment,
    each part searched on its own: [[doc, start, end], ...] with offsets into the raw text, each span once; None
    while the answer is still the `...` of the exercise."""
    if patterns is Ellipsis:
        return None
    from ..corpus import load_comments, load_documents, raw_text

    regexes = [re.compile(p) for p in _patterns(patterns)]
    docs, comments = load_documents(), load_comments()
    parts = [(r.id, r.body_start, r.body_end) for r in docs.itertuples()] + \
            [(r.document, r.start, r.end) for r in comments.itertuples()]
    found = set()
    for regex in regexes:
        for doc, start, end in parts:
            for m in regex.finditer(raw_text(doc)[start:end]):
                if m.end() > m.start():
                    found.add((str(doc), int(start) + m.start(), int(start) + m.end()))
    return [list(span) for span in sorted(found)]


def cue_hits(patterns, sentences) -> list[bool]:
    """For each sentence: whether any of the regular expressions has a non-empty match in it (None while the answer
    is still the `...` of the exercise)."""
    if patterns is Ellipsis:
        return None
    regexes = [re.compile(p) for p in _patterns(patterns)]
    return [any(m.end() > m.start() for regex in regexes for m in regex.finditer(str(s))) for s in sentences]
