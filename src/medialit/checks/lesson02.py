"""Visible checks of lesson 02 "Checking sourcing". They test the form of an answer, not the answer."""

from __future__ import annotations

import re

from ..check import Exercise

# The node names the lesson gives for the relay graph of document 003 (the notebook prints the same list).
NODES = ("Syrian army command", "Syrian officials", "SANA", "Russian Defence Ministry", "Fars News Agency", "Sputnik",
         "Veterans Today")


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


EXERCISES = {
    "2.1": Exercise("cue_patterns", "Look at what ml.find_spans(p) finds for each pattern, and at what it misses: the "
                    "corpus reports speech with many verbs (said, denied, accused, told…), with 'according to', "
                    "and with vague sources (experts, sources, rumours). A pattern that matches ordinary words "
                    "everywhere costs precision.", [
        ("is a list of strings", lambda v: isinstance(v, list) and bool(v) and all(isinstance(p, str) for p in v)),
        ("every pattern is a valid regular expression", _patterns_ok),
        ("no pattern can match empty text", _no_empty_match),
        ("the patterns find at least one match in the corpus", _finds_something),
    ]),
    "2.2": Exercise("source_kinds", "Ask of each excerpt: could you name and contact the source? Is it a side in the "
                    "war, a news outlet (state-owned or not), or nobody you could identify?", [
        ("is a dict {excerpt: kind}", lambda v: isinstance(v, dict)),
        ("labels every excerpt", lambda v: len(v) == 15),
        ("uses more than one kind", lambda v: len(set(v.values())) > 1),
    ]),
    "2.3": Exercise("relay_edges", "One pair per hand-over: (who said it, who passes it on). Read each sentence for "
                    "its speaker and for 'citing' or 'according to information received from'; remember that the "
                    "page you read reprints two other outlets' texts.", [
        ("is a list of (from, to) pairs", _pairs),
        ("uses only the node names given", lambda v: _known(n for e in v for n in e)),
        ("has no edge from a node to itself", lambda v: all(a != b for a, b in v)),
        ("lists each edge once", lambda v: len({tuple(e) for e in v}) == len(v)),
    ]),
    "2.4": Exercise("roots", "A root is a node no arrow points into: nobody in the text is said to have given it "
                    "the information. With networkx: G.in_degree(node) == 0.", [
        ("is a list of node names", lambda v: isinstance(v, list) and bool(v) and all(isinstance(n, str) for n in v)),
        ("uses only the node names given", _known),
        ("names each node once", lambda v: len(set(v)) == len(v)),
    ]),
    "2.5": Exercise("origins", "Group the roots by the party they speak for: two roots that answer to the same "
                    "government are not independent of each other.", [
        ("is a dict {party: [root, ...]}", lambda v: isinstance(v, dict) and bool(v)
         and all(isinstance(k, str) and isinstance(x, list) for k, x in v.items())),
        ("lists node names given in the lesson", lambda v: _known(n for x in v.values() for n in x)),
        ("puts every root under one party only", lambda v: len([n for x in v.values() for n in x])
         == len({n for x in v.values() for n in x})),
    ]),
    "2.6": Exercise("lateral_moves", "Lateral reading means leaving the page to see what others say about who is "
                    "behind it. What a site says about itself, or how it looks, is not that.", [
        ("is a list of ticked moves", lambda v: isinstance(v, list) and bool(v)),
    ]),
}
