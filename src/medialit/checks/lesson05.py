"""Visible checks of lesson 05 "Recognising propaganda techniques". They test the form of an answer, not the answer."""

from __future__ import annotations

import re

from ..check import Exercise


def _techniques() -> set[str]:
    from ..annotations import LAYERS

    return set(LAYERS["propaganda"].labels)


def _is_scores(v) -> bool:
    return all(hasattr(v, name) for name in ("precision", "recall", "f1"))


def _in_unit_range(v) -> bool:
    return all(0.0 <= float(getattr(v, name)) <= 1.0 for name in ("precision", "recall", "f1"))


def _spans(v) -> bool:
    return isinstance(v, list) and all(isinstance(s, dict) and {"item", "start", "end", "label"} <= set(s) for s in v)


def _tuples(frame) -> set:
    return {(str(r.doc), int(r.start), int(r.end), str(r.label)) for r in frame.itertuples()}


def _toy_lexicon_ok(apply) -> bool:
    """A public toy case: one text row at offset 100 of a document, two patterns, case ignored."""
    import pandas as pd

    texts = pd.DataFrame([{"doc": "toy", "start": 100, "end": 130, "text": "So-called experts; so-called!"}])
    found = apply({"Name calling or labelling": [r"so-called"]}, texts)
    return _tuples(found) == {("toy", 100, 109, "Name calling or labelling"),
                              ("toy", 119, 128, "Name calling or labelling")}


def _lexicon_form(v) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(p, list) and p
                                       and all(isinstance(x, str) for x in p) for k, p in v.items())


def _patterns_ok(v) -> bool:
    for patterns in v.values():
        for pattern in patterns:
            if re.compile(pattern, re.IGNORECASE).fullmatch("") is not None:
                return False
    return True


def _rates_form(fn) -> bool:
    import pandas as pd

    from ..corpus import load_documents

    table = fn(pd.DataFrame(columns=["doc", "start", "end", "label"]))
    return isinstance(table, pd.DataFrame) and set(table.index) == set(load_documents()["outlet"])


EXERCISES = {
    "1.1": Exercise("the label table 1.1", "Read each excerpt against the definitions in section 1. Ask first: does "
                    "it persuade by a trick the table describes, or does it just report or argue? Two kinds of "
                    "error cost points: calling plain text propaganda, and missing a technique.", [
        ("labels every excerpt", lambda v: isinstance(v, dict) and len(v) == 7),
        ("uses more than one label", lambda v: len(set(v.values())) > 1),
    ]),
    "2.1": Exercise("everything_scores", "Make the spans with ml.text_units(text, 'sentence') for each practice "
                    "text, as (region, start + s, start + e, 'Loaded language') with the text's own start, then call "
                    "ml.semeval_span_scores(spans, practice_spans).", [
        ("is the result of ml.semeval_span_scores (has .precision, .recall, .f1)", _is_scores),
        ("its scores are between 0 and 1", _in_unit_range),
    ]),
    "3.1": Exercise("the span labeller 3.1", "Choose a text, the first and last word of a stretch, a label, then "
                    "'Add span'. Mark only the words that carry the technique, not whole paragraphs.", [
        ("is a list of spans", _spans),
        ("has at least one span", lambda v: len(v) > 0),
        ("uses technique names as labels", lambda v: {s["label"] for s in v} <= _techniques()),
    ]),
    "3.2": Exercise("the span labeller 3.1", "Compare each of your spans with the definitions in section 1: is the "
                    "label the technique it fits best?", [
        ("is a list of spans", _spans),
        ("has at least one span", lambda v: len(v) > 0),
    ]),
    "3.3": Exercise("the span labeller 3.1", "Some passages contain no technique at all: plain reporting is not "
                    "propaganda. Leaving a passage without spans is an answer.", [
        ("is a list of spans", _spans),
        ("leaves at least one passage without spans", lambda v: len({s["item"] for s in v}) < 7),
    ]),
    "4.1": Exercise("apply_lexicon", "Loop over texts.itertuples(); for each technique and each pattern, "
                    "re.finditer(pattern, row.text, re.IGNORECASE); keep non-empty matches and add row.start to the "
                    "match offsets. Return pd.DataFrame(rows, columns=['doc', 'start', 'end', 'label']).", [
        ("is a function", callable),
        ("returns document offsets for a public toy example (text at offset 100, case ignored)", _toy_lexicon_ok),
    ]),
    "4.2": Exercise("lexicon", "A dict {technique name: [regular expressions]}, with names from `techniques`.", [
        ("is a dict {technique: non-empty list of patterns (text)}", _lexicon_form),
        ("uses technique names from the taxonomy", lambda v: set(v) <= _techniques()),
        ("covers at least 3 techniques with at least 6 patterns in all",
         lambda v: len(v) >= 3 and sum(len(p) for p in v.values()) >= 6),
        ("every pattern is a valid regular expression that cannot match empty text", _patterns_ok),
    ]),
    "5.1": Exercise("technique_rates", "Keep the spans inside an article body (compare with docs' body_start and "
                    "body_end), count them per outlet and technique (pd.crosstab), divide each outlet's row by its "
                    "body's words / 1000, and reindex so that all five outlets are rows (fill 0).", [
        ("is a function", callable),
        ("returns a DataFrame with one row per outlet, all five, even for no spans", _rates_form),
    ]),
    "5.2": Exercise("ax", "ml.bar_counts(series, title=..., xlabel=..., ylabel=...) draws a labelled bar chart and "
                    "returns the Axes.", [
        ("is a matplotlib Axes", lambda v: hasattr(v, "get_title") and hasattr(v, "patches")),
        ("has a title and both axis labels",
         lambda v: bool(v.get_title().strip() and v.get_xlabel().strip() and v.get_ylabel().strip())),
        ("has one bar per outlet", lambda v: len(v.patches) == 5),
    ]),
}
